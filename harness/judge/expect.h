/*
 * expect.h - the one table of what a suite may expect: per status code,
 * its name, the suite keys that apply to it, which checks of the
 * catalogue run (rule scopes), which set the cross-request checks compare
 * and which of those checks judge stability across repeats, methods and
 * transports.
 *
 * The suite loader (which 'expect' values and keys are valid), the judge
 * (rule_judge: which checks run), cross.c (which set, which check id)
 * and the runner (which extra requests to send) all read this table, so
 * a new expectable code is one row here (plus, at most, one check
 * function for what is new about it).  See harness/README.md.
 */
#ifndef SIPCONFORM_EXPECT_H
#define SIPCONFORM_EXPECT_H

#include <stdbool.h>
#include <stddef.h>

#include "judge/rule.h"

/** The set of a response the cross-request checks compare. */
enum expect_set {
	EXPECT_SET_NONE,        /* nothing to compare (501) */
	EXPECT_SET_CONTACT,     /* Contact URIs, §19.1.4 equality (301, 302) */
	EXPECT_SET_ALLOW,       /* Allow methods, byte-exact tokens (405) */
};

/** Most suite keys one code accepts beyond the common ones, plus the NULL. */
#define EXPECT_MAX_KEYS 4
/** Most codes a row lists as refused on other grounds, plus the 0. */
#define EXPECT_MAX_REFUSED 5

/**
 * An answer that shows the request was refused on other grounds before
 * the property under test could be observed: the test is inconclusive,
 * not failed (judge/verdict.h).
 */
struct expect_refusal {
	unsigned code;          /* 404 */
	bool challenge;         /* 401, 407: credentials would get past it */
	const char *why;        /* "the Request-URI names no one here (404 Not Found)" */
};

struct expect_row {
	unsigned code;                  /* 301 */
	const char *name;               /* "Moved Permanently" (§21) */
	unsigned scopes;                /* RULE_SCOPE_* bits of the checks rule_judge runs */
	/* Suite keys that apply only to some codes ("contact", "follow", ...),
	 * NULL-terminated; the keys every test has (id, method, repeat, ...)
	 * are the suite's business and are not listed. */
	const char *keys[EXPECT_MAX_KEYS];
	enum expect_set set;            /* what the cross-request checks compare */
	enum rule_id present;           /* the check that set's header is there, RULE_NONE */
	enum rule_id stable;            /* same set on every repeat ('repeat'), RULE_NONE */
	enum rule_id methods;           /* same set across the methods of an entry, RULE_NONE */
	enum rule_id transports;        /* same set across its transports, RULE_NONE */
	unsigned confused;              /* the code a device wrongly sends instead, 0 */
	const char *hint;               /* why 'confused' is wrong, for the status check */
	/* Codes that refuse the request on grounds this expectation does not
	 * judge (403, 404, 416, 484 come before the method matters), beside
	 * the codes that do so for every expectation (expect_refusal());
	 * 0-terminated.  Any other code contradicts the expectation. */
	unsigned refused[EXPECT_MAX_REFUSED];
	const char *method;             /* the only method a test may send, NULL: any */
};

/** The table, in ascending code order. */
extern const struct expect_row expect_table[];
extern const size_t expect_count;

/** The row of code, NULL if a suite may not expect it. */
const struct expect_row *expect_find(unsigned code);

/** Does the code-specific suite key apply to row?  False for NULL row or key. */
bool expect_key_allowed(const struct expect_row *row, const char *key);

/** Is key a code-specific suite key of any row? */
bool expect_key_known(const char *key);

/**
 * Does an answer of code got, where a test expects code expect, show the
 * request refused on other grounds (a challenge, 408, 480, 503 for any
 * expectation; what the row of expect lists besides)?  The refusal, or
 * NULL when got is expect, contradicts it (405 where 501 is due, 302
 * where 301 is due, any code not listed) or expect has no row.
 */
const struct expect_refusal *expect_refusal(unsigned expect, unsigned got);

/**
 * The codes as a person reads them: "301, 302, 405 or 501" when key is
 * NULL; with a key, only the codes it applies to ("405 or 501").
 * Always NUL-terminates (size > 0); truncates silently.
 */
void expect_list_codes(char *buf, size_t size, const char *key);

#endif
