/*
 * verdict.h - the verdict policy: from the check results of one test to
 * pass, fail, error, inconclusive or skip, and the one line that says why.
 *
 *   FAIL          a check failed (a WARN too under --strict) and no valid
 *                 waiver covers it: proof in hand, so it wins over ERROR;
 *   ERROR         some exchange could not be judged (no answer, unparsable
 *                 answer, SIPp died), and nothing failed;
 *   INCONCLUSIVE  an answer refused the request on other grounds before
 *                 the property under test could be observed (a challenge
 *                 without usable credentials, 503, 404 where 405 is due:
 *                 expect_refusal(), judge/expect.h), nothing failed and
 *                 nothing was in error; a waiver of the pseudo check id
 *                 VERDICT_INCONCLUSIVE_ID turns it into SKIP;
 *   SKIP          every failure is waived (and nothing else went wrong);
 *   PASS          otherwise.
 *
 * What a refusal sets aside: only the failure of the status check
 * (RFC3261-7.2-STATUS-CODE) for that answer, and only when its code is a
 * refusal for the expectation (the code-specific checks are not judged
 * when the code is wrong: they are NA already).  Every other failure of
 * the same answer (From not echoed, a syntax error, no To tag) is a fault
 * of the SUT whatever it refused, and still FAILs the test; an answer
 * that contradicts the property (405 where 501 is due, 302 where 301 is
 * due, any code not listed) FAILs it too.  A waiver of the status check
 * itself covers its failure first, as it always did.
 *
 * The message of a FAIL names one failing check - an RFC check before a
 * suite expectation (SIPCONFORM-*), which explains less about the device -
 * as "ID (RFC 3261 §S, Header): reason", plus " (+N more failing checks)".
 * An expired waiver does not apply; it is said in the notes (and on the
 * warn stream), as are the waivers of a test whose verdict is not SKIP.
 */
#ifndef SIPCONFORM_VERDICT_H
#define SIPCONFORM_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "judge/rule.h"
#include "suite/waiver.h"

enum verdict { VERDICT_PASS, VERDICT_FAIL, VERDICT_ERROR, VERDICT_SKIP, VERDICT_INCONCLUSIVE };

/** How many verdicts there are (for tables indexed by enum verdict). */
#define VERDICT_COUNT 5

/** The check id a waiver names to cover an inconclusive test. */
#define VERDICT_INCONCLUSIVE_ID "SIPCONFORM-INCONCLUSIVE"

const char *verdict_name(enum verdict v); /* "pass" "fail" "error" "skip" "inconclusive" */

/** What the verdict of one test is decided from. */
struct verdict_in {
	const char *test;                 /* test id: waivers match it */
	const struct check_result *res;   /* every check result of the test */
	size_t nres;
	bool strict;                      /* a WARN fails the test too */
	struct waivers *waivers;          /* NULL: none (matching counts their use) */
	long today;                       /* days since the epoch, UTC (waiver_today()) */
	const char *error;                /* why something could not be judged; NULL or "": all was */
	unsigned expect;                  /* the code the test expects; 0: never inconclusive */
	bool credentials;                 /* credentials were sent: a final 401/407 is a second
					     challenge, they were rejected (the auth hook) */
	FILE *warn;                       /* expired waivers are also said here; NULL: not */
};

struct verdict_out {
	enum verdict verdict;
	char message[700];                /* "" for PASS */
	char notes[1600];                 /* lines ending in '\n': expired and unused waivers */
};

/** Decide.  out is overwritten. */
void verdict_decide(struct verdict_out *out, const struct verdict_in *in);

/**
 * "ID (RFC 3261 §S, Header): reason" for one check result: the header at
 * fault is the rule's own, else the name on the evidence row (checks like
 * HEADER-SYNTAX judge any header), else "start line".
 */
void verdict_line(char *buf, size_t size, const struct check_result *c);

#endif
