/*
 * rule.h - the RFC 3261 check catalogue as data, and the judge.
 *
 * Each check has a stable id ("RFC3261-21.4.6-ALLOW-PRESENT"), the RFC
 * section, a level, the one-line normative text, and whether a failure
 * fails the test (MUST, DERIVED) or only warns (SHOULD and the checks
 * ../shared/spec/checks.md marks WARN).  Numbers refer to checks.md.
 */
#ifndef SIPCONFORM_RULE_H
#define SIPCONFORM_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pl.h"
#include "sip/msg.h"

enum rule_level { RULE_MUST, RULE_SHOULD, RULE_DERIVED, RULE_INFO };

/** Which responses a check applies to. */
enum rule_scope { RULE_ANY, RULE_301, RULE_405, RULE_501 };

struct rule {
	int num;                /* item number in checks.md */
	const char *id;         /* RFC3261-<section>-<NAME> */
	const char *section;    /* "21.4.6" (RFC 3261 unless id says otherwise) */
	enum rule_level level;
	bool warn_only;         /* a failure is a warning, not a test failure */
	enum rule_scope scope;
	const char *header;     /* header at fault ("Allow"), "" for the start line */
	const char *text;       /* one-line quote / statement of the requirement */
};

enum check_outcome { CHECK_PASS, CHECK_FAIL, CHECK_WARN, CHECK_NA };

struct check_result {
	const struct rule *rule;
	enum check_outcome outcome;
	char reason[320];       /* what a person can act on */
	struct pl evidence;     /* offending bytes inside msg (header row, start line), may be empty */
	struct pl msg;          /* the whole received message judged (raw bytes) */
};

/** What the test expects: from the suite entry. */
struct expect {
	unsigned code;                  /* 301, 405, 501 */
	const char *const *contacts;    /* 301: URIs the Contact set must equal (optional) */
	size_t ncontacts;
	const char *const *allow;       /* 405: exact Allow set (optional) */
	size_t nallow;
	bool has_allow;
};

/** One request/response pair to judge. */
struct exchange {
	const struct sipmsg *req;       /* the request the harness sent (parsed) */
	const struct sipmsg *resp;      /* the final response received (NULL: none) */
	bool reliable;                  /* sent over TCP: Content-Length is mandatory */
};

extern const struct rule rule_table[];
extern const size_t rule_count;

const struct rule *rule_find(const char *id);
const char *rule_level_name(enum rule_level l);   /* "MUST" ... */
const char *check_outcome_name(enum check_outcome o); /* "pass" ... */

/**
 * Judge one exchange.  Returns one result per check of the catalogue that
 * applies to a single exchange for this expectation (NA included, so the
 * report shows what was looked at).  *resp is malloc'ed (free()).
 * A wrong status code yields a FAIL of the status check naming both
 * codes; the code-specific checks of the expected code are then NA.
 * @return 0, ENOMEM, EINVAL (no response: the caller reports an error)
 */
int rule_judge(struct check_result **resp, size_t *np,
	       const struct exchange *x, const struct expect *exp);

/** Worst outcome: FAIL if any FAIL; WARN if any WARN (FAIL if strict). */
enum check_outcome rule_worst(const struct check_result *r, size_t n, bool strict);

#endif
