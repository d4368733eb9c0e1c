/*
 * cross.h - checks that span several requests (catalogue items 30-34, 44-46):
 * a 301 is permanent only if every try, method and transport gets the
 * same Contact set and the new address does not loop back; a 405's Allow
 * is true only if it is stable and agrees with OPTIONS and with what the
 * SUT accepts.
 *
 * This module is pure: it compares sets and writes check results.  The
 * runner sends the extra requests (repeat, follow, probes) and hands the
 * responses over.  Sets are copied out of the messages (struct cross_set
 * owns its strings) so they can be compared across tests of a suite.
 * Which set a code compares and which check judges it come from the
 * expectation table (expect.h): nothing here names a status code.
 *
 * Every function that can fail is RULE_MUST_CHECK: a caller that drops
 * an ENOMEM does not compile under -Werror.
 */
#ifndef SIPCONFORM_CROSS_H
#define SIPCONFORM_CROSS_H

#include <stdbool.h>
#include <stddef.h>

#include "suite/plan.h"
#include "judge/rule.h"
#include "judge/expect.h"
#include "sip/msg.h"

/** A Contact URI set (301, 302) or an Allow method set (405). */
struct cross_set {
	char **v;
	size_t n;
	bool present;   /* the header was there at all */
	bool bad;       /* it was, but does not parse (Allow): v is empty */
};

/** Contact URIs of resp (the URIs as written, '*' and unparsable values left out). */
int cross_set_contacts(struct cross_set *s, const struct sipmsg *resp) RULE_MUST_CHECK;
/** Allow methods of resp (tokens, case kept). */
int cross_set_allow(struct cross_set *s, const struct sipmsg *resp) RULE_MUST_CHECK;
/**
 * The set an expectation compares (expect_row.set): Contact URIs or Allow
 * methods.  EINVAL for EXPECT_SET_NONE (s is then empty), else as above.
 */
int cross_set_from(struct cross_set *s, enum expect_set which,
		   const struct sipmsg *resp) RULE_MUST_CHECK;
void cross_set_clear(struct cross_set *s);
/** Set equality: URIs under RFC 3261 §19.1.4 (order ignored), or tokens byte-exact. */
bool cross_set_equal(const struct cross_set *a, const struct cross_set *b, bool uris);
/** Is uri (a string) in s under §19.1.4? */
bool cross_set_has_uri(const struct cross_set *s, const char *uri);
/** "{sip:a@x, sip:b@x}" */
void cross_set_format(const struct cross_set *s, char *buf, size_t size);

/**
 * Append one result of check id to *resp; the outcome is
 * rule_outcome(rule_get(id), ok), the one policy rule_judge uses too.
 * ev and msg are slices of a message that outlives the report of this
 * test.  @return 0, EINVAL (id is no check), ENOMEM (*resp unchanged)
 */
int cross_result(struct check_result **resp, size_t *np, enum rule_id id,
		 bool ok, struct pl ev, struct pl msg, const char *fmt, ...)
	RULE_MUST_CHECK RULE_PRINTF(7, 8);
/** The same, outcome NA. */
int cross_na(struct check_result **resp, size_t *np, enum rule_id id,
	     const char *why) RULE_MUST_CHECK;

/**
 * Stability across the repeats of one test: every judged response
 * (resps[i], sets[i], sets as expect_row.set says) must carry the set of
 * the first.  The check is the row's 'stable' (PERMANENT-STABLE for 301,
 * ALLOW-STABLE for 405); a row without one (302, 501) appends nothing.
 * @return 0, EINVAL (code has no row), ENOMEM
 */
int cross_stable(struct check_result **resp, size_t *np, unsigned code,
		 const struct sipmsg *const *resps, const struct cross_set *sets,
		 size_t n) RULE_MUST_CHECK;

/**
 * catalogue item 44: the Allow of a 405 (allow) against the Allow of the
 * final response to an OPTIONS (opt; NULL: it got none), as the check
 * ALLOW-MATCHES-OPTIONS.  who prefixes every reason ("" for the test's
 * own OPTIONS to the same Request-URI, "capability probe: " for the
 * run's probe).  Not 200 or no Allow: NA with the reason.
 * @return 0, ENOMEM
 */
int cross_allow_options(struct check_result **resp, size_t *np,
			const struct cross_set *allow, const struct sipmsg *opt,
			const char *who) RULE_MUST_CHECK;

/**
 * RFC 3261 §8.2.1, §21.5.2: a 501 (r501) to method, against the SUT's own
 * Allow in the final response to the capability probe (opt; NULL: it got
 * none), as the check 501-BUT-ALLOWED: FAIL when that Allow lists method
 * (byte-exact), the evidence being its Allow row and the reason quoting
 * the 501; PASS when it does not; NA with the reason when there is no
 * 200 with a parsable Allow to compare with.
 * @return 0, ENOMEM
 */
int cross_501_allowed(struct check_result **resp, size_t *np, const char *method,
		      const struct sipmsg *r501, const struct sipmsg *opt) RULE_MUST_CHECK;

/** Suite-wide memory: the first set seen per (entry, Request-URI). */
struct cross;
struct cross *cross_new(void);
struct cross *cross_free(struct cross *c);

/**
 * Compare this test's set with the first one recorded for the same suite
 * entry (tc->group), Request-URI and expected code, then record it if it
 * is the first.  The check is the row's 'methods' when the methods
 * differ, its 'transports' when only the transports differ (301:
 * PERMANENT-METHODS / PERMANENT-TRANSPORTS; 405: ALLOW-STABLE for both);
 * a row with neither (302, 501) records and appends nothing.
 * @return 0, EINVAL (no cross, or tc->expect has no row), ENOMEM
 */
int cross_group(struct cross *c, struct check_result **resp, size_t *np,
		const struct tcase *tc, enum transport tr,
		const struct cross_set *set, const struct sipmsg *resp_msg) RULE_MUST_CHECK;

#endif
