/*
 * rule.h - the RFC 3261 check catalogue as data, and the judge.
 *
 * Each check has a stable id ("RFC3261-21.4.6-ALLOW-PRESENT"), the RFC
 * section, a level, the one-line normative text, and whether a failure
 * fails the test (MUST, DERIVED) or only warns (SHOULD and the checks
 * the catalogue marks (warn)).  Numbers are the items of the product's
 * check catalogue (README.md, "Check catalogue"; `sipconform checks`).
 */
#ifndef SIPCONFORM_RULE_H
#define SIPCONFORM_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pl.h"
#include "sip/msg.h"

#include "judge/rule_table.h"

/** A return value that carries an error must be looked at: dropping it
 * is a compile error under -Werror (GCC and clang; with GCC not even a
 * cast to void silences it). */
#if defined(__GNUC__)
#define RULE_MUST_CHECK __attribute__((warn_unused_result))
#define RULE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RULE_MUST_CHECK
#define RULE_PRINTF(a, b)
#endif

enum rule_level { RULE_MUST, RULE_SHOULD, RULE_DERIVED, RULE_INFO };

/** The checks as typed values, generated from RULE_LIST (rule_table.h):
 * RULE_START_LINE ... ; RULE_NONE (0) is no check; RULE__COUNT ends. */
#define RULE_ENUM(name, num, fn, id, sec, lvl, warn, scope, kind, hdr, text) RULE_##name,
enum rule_id { RULE_NONE = 0, RULE_LIST(RULE_ENUM) RULE__COUNT };
#undef RULE_ENUM

/**
 * Which expectations a check applies to (bits; RULE_SCOPE_ANY is 0 and
 * means every response).  A rule has one scope; a row of the expectation
 * table (expect.h) lists the scopes it runs, so 301 and 302 share the
 * REDIRECT checks and only 301 runs the PERMANENT ones.
 */
enum rule_scope {
	RULE_SCOPE_ANY = 0,
	RULE_SCOPE_REDIRECT = 1u << 0,   /* a 3xx that names new addresses in Contact */
	RULE_SCOPE_PERMANENT = 1u << 1,  /* 301: the move is for good (§21.3.2) */
	RULE_SCOPE_TEMPORARY = 1u << 2,  /* 302: the move is for now (§21.3.3) */
	RULE_SCOPE_ALLOW = 1u << 3,      /* 405: Allow lists the valid methods (§21.4.6) */
	RULE_SCOPE_NOT_IMPL = 1u << 4,   /* 501: the method is not recognised (§21.5.2) */
	RULE_SCOPE_OPTIONS = 1u << 5,    /* 200 to OPTIONS: the capabilities (§11.2) */
	RULE_SCOPE_ALLOW_LIST = 1u << 6, /* the Allow list parses: 405 and 200 to OPTIONS (§20.5) */
};

/** An RFC requirement, or a comparison with the suite's own expectation
 * (SIPCONFORM-* ids: 'contact', 'allow'), which explains less about the device. */
enum rule_kind { RULE_RFC, RULE_EXPECTATION };

struct rule {
	enum rule_id rid;       /* RULE_START_LINE ... */
	int num;                /* item number in the check catalogue, 0 if none */
	const char *id;         /* RFC3261-<section>-<NAME> */
	const char *section;    /* "21.4.6" (RFC 3261 unless id says otherwise) */
	enum rule_level level;
	bool warn_only;         /* a failure is a warning, not a test failure */
	enum rule_kind kind;
	unsigned scope;         /* one RULE_SCOPE_* value, 0 = any response */
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
	unsigned code;                  /* a code of the expectation table (expect.h) */
	const char *const *contacts;    /* 301, 302: URIs the Contact set must equal (optional) */
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

/** The catalogue in report order; rule_table[i].rid == i + 1. */
extern const struct rule rule_table[];
extern const size_t rule_count;         /* RULE__COUNT - 1 */

/** The row of check id; NULL for RULE_NONE or a value out of range. */
const struct rule *rule_get(enum rule_id id);
/** The printable id of a check ("RFC3261-7.2-START-LINE"), "?" if out of range. */
const char *rule_id_str(enum rule_id id);
/** A SIPCONFORM-* check: compares with the suite, not with the RFC. */
bool rule_is_expectation(const struct rule *ru);
/**
 * The one level-to-outcome policy: ok -> PASS; a failure is PASS for an
 * INFO check (recorded, never judged), WARN for a SHOULD or warn_only
 * check, FAIL otherwise.  rule_judge() and cross.c both go through it.
 */
enum check_outcome rule_outcome(const struct rule *ru, bool ok);
const char *rule_level_name(enum rule_level l);   /* "MUST" ... */
const char *check_outcome_name(enum check_outcome o); /* "pass" ... */

/**
 * Judge one exchange.  Returns one result per check of the catalogue that
 * applies to a single exchange for this expectation (NA included, so the
 * report shows what was looked at).  *resp is malloc'ed (free()).
 * Which checks run is decided by the expectation table (expect.h): the
 * row of exp->code lists the rule scopes; a code without a row runs the
 * checks common to every response only.
 * A wrong status code yields a FAIL of the status check naming both
 * codes; the code-specific checks of the expected code are then NA.
 * @return 0, ENOMEM, EINVAL (no response: the caller reports an error)
 */
int rule_judge(struct check_result **resp, size_t *np,
	       const struct exchange *x, const struct expect *exp) RULE_MUST_CHECK;

/** Worst outcome: FAIL if any FAIL; WARN if any WARN (FAIL if strict). */
enum check_outcome rule_worst(const struct check_result *r, size_t n, bool strict);

#endif
