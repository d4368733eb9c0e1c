/*
 * plan.h - the test plan: what the suite file asked for, as pure data,
 * and the matrix expansion that turns suite entries into test cases.
 *
 * Produced by suite_load() (suite.c, through plan_expand()), consumed by
 * the runner.  No library types appear here.  All strings are heap-owned
 * by the plan and freed by plan_free(); suite_load() has checked every
 * string to contain no CR, LF, NUL or other control byte and no SIPp
 * '[keyword]' syntax, so it can be handed to SIPp as a -key value
 * unchanged.  One exception: tcase.body holds LF line ends (each of its
 * lines, TAB read as a space, passes the same check).
 *
 * "${target}" may stand in request_uri, contacts, from, to, header values
 * and setup steps (suite/tvar.h); plan_expand_target() replaces it before
 * the plan is run.
 */
#ifndef SIPCONFORM_PLAN_H
#define SIPCONFORM_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

enum transport {
	TRANSPORT_DEFAULT = 0, /* inherit: test -> suite -> command line -> udp */
	TRANSPORT_UDP,
	TRANSPORT_TCP,
	TRANSPORT_TLS,         /* SIPp speaks TCP to a local TLS tunnel (sipp/tls.h); the Via says TLS */
};

const char *transport_name(enum transport t); /* "udp", "tcp", "tls", "default" */

struct target {
	char *host;            /* name, IPv4 literal, or IPv6 literal without brackets */
	uint16_t port;         /* 0 = not given (5060) */
	enum transport transport;
};

/*
 * Digest credentials (RFC 3261 §22; SIPp does the hashing).  user NULL:
 * none.  Otherwise exactly one of password / password_env is set: the
 * password itself, or the name of the environment variable that holds it
 * ([A-Za-z_][A-Za-z0-9_]*), read at run time by plan_auth_password() so
 * that a suite can be checked without the secret.  user and password pass
 * sipp_value_safe() and hold no '"' or '\' (they go into quoted Digest
 * parameters).  The password is never printed: the loader's messages give
 * only an offset, and reports and evidence must not show it.
 */
struct plan_auth {
	char *user;
	char *password;
	char *password_env;
};

/** An extra request header ('headers'), in the order written. */
struct plan_header {
	char *name;            /* as written: a token, never Via, Call-ID, CSeq,
				* Max-Forwards, Content-Length, From, To,
				* Content-Type (nor their compact forms) */
	char *value;           /* passes sipp_value_safe(), not empty */
};

/*
 * 'load': the test's request sent count times at rate requests per
 * second, every response judged (run/load.h).  rate 0: not a load test.
 * The suite gives rate with duration or count; duration given, count is
 * rate x duration (suite.c bounds: rate 1..10000, duration 1..600 s,
 * count 1..1,000,000 either way).
 */
struct plan_load {
	unsigned rate;         /* requests per second (SIPp -r), 0: no load */
	unsigned duration;     /* seconds as written, 0 if count was given */
	unsigned count;        /* requests to send */
};

struct tcase {
	char *id;              /* unique in the plan; expanded ids look like "alice-moved/INVITE/tcp" */
	char *group;           /* id of the suite entry it came from (== id if not expanded) */
	size_t line, col;      /* where the entry starts in the suite file */
	char *request_uri;
	char *method;          /* default "OPTIONS" */
	unsigned expect;       /* 301, 405 or 501 */
	char **contacts;       /* 'contact': URIs the Contact set must hold (301) */
	size_t ncontacts;
	char **allow;          /* 'allow': the exact Allow set required (405) */
	size_t nallow;
	bool has_allow;
	unsigned repeat;       /* fresh transactions, >= 1, default 1 */
	enum transport transport;
	unsigned follow;       /* 301: hops to follow, default 0 */
	bool probe_options;    /* 405: OPTIONS to the same URI, Allow must agree */
	bool probe_allowed;    /* 405: each allowed safe method must not get 405 */
	struct plan_auth auth; /* the test's 'auth', else the suite's; user NULL: none */
	struct plan_header *headers; /* 'headers', NULL if none */
	size_t nheaders;
	char *body;            /* 'body', NULL if none: text whose lines end in
				* LF (never CR; the runner sends CRLF) */
	char *content_type;    /* 'content_type': set exactly when body is */
	char *from, *to;       /* 'from', 'to': URIs, NULL if not given */
	char **tags;           /* the suite's 'tags', then the test's own not among
				* them: no repeats; NULL, 0 if none */
	size_t ntags;
	struct plan_load load; /* 'load'; rate 0: a normal test */
};

/* Setup steps ('setup'), run before the tests in the order written. */
enum plan_step_kind {
	PLAN_STEP_REGISTER = 1,
};

/* 'register': a REGISTER that binds contact to uri (RFC 3261 §10). */
struct plan_register {
	char *uri;             /* a sip:/sips: URI: the address-of-record */
	char *contact;         /* a URI, NULL if not given */
	char **allow;          /* 'allow': method tokens, NULL if not given */
	size_t nallow;
	unsigned expires;      /* 0..2147483647, default 3600 */
	struct plan_auth auth; /* the step's 'auth', else the suite's */
};

struct plan_step {
	enum plan_step_kind kind;
	size_t line, col;      /* the step's mapping in the suite file */
	struct plan_register reg;   /* kind PLAN_STEP_REGISTER */
};

struct plan {
	char *file;            /* the suite file as given */
	char *name;            /* 'suite' */
	struct target target;  /* host NULL if the suite gives none */
	struct tcase *cases;
	size_t ncases;
	struct plan_auth auth; /* the suite's 'auth' (already in each case and
				* step that gives none of its own) */
	struct plan_step *setup;
	size_t nsetup;
	bool probe;            /* 'probe': the capability probe, default true
				* (suite_load() sets it; a calloc'ed plan: false) */
	char **tags;           /* the suite's 'tags' (already in every case); NULL, 0 */
	size_t ntags;
};

struct plan *plan_free(struct plan *plan); /* returns NULL */

/**
 * Keep only the cases i with keep[i] (in their order), freeing the
 * others; plan->ncases becomes their number.  EINVAL on NULL arguments.
 */
int plan_retain(struct plan *plan, const bool *keep);

/** Does tc carry tag t (exact, case-sensitive)? */
bool plan_case_has_tag(const struct tcase *tc, const char *t);

/**
 * A user or password value: not empty, sipp_value_safe(), no '"' or '\'.
 * On refusal *why (if not NULL) says what is wrong, *at (if not NULL) is
 * the offset; neither shows the value.
 */
bool plan_auth_value_safe(const char *s, const char **why, size_t *at);

/** Copy src into *dst (strings duplicated; user NULL: all NULL).  0 or ENOMEM. */
int plan_auth_copy(struct plan_auth *dst, const struct plan_auth *src);

/**
 * The password of a (a->password, or the environment variable
 * a->password_env read now) into buf[0..size).  It must pass
 * sipp_value_safe(), hold no '"' or '\' and not be empty.  On failure
 * *why (if not NULL) says what is wrong without showing the password.
 * @return 0; EINVAL (no credentials, bad arguments), ENOENT (the variable
 * is not set), EBADMSG (not usable), ERANGE (does not fit in buf).
 */
int plan_auth_password(const struct plan_auth *a, char *buf, size_t size,
		       const char **why);

/**
 * Append a deep copy of step to plan->setup.  0; EINVAL (not a register
 * step with a uri); ENOMEM.
 */
int plan_add_step(struct plan *plan, const struct plan_step *step);

/**
 * Replace every ${target} of the plan (request_uri, contacts, from, to,
 * header values, setup steps' uri and contact) by hostport, the effective
 * target's host[:port] ("127.0.0.1:5060", "[::1]:5060",
 * "sip.example.com:5060"; IPv6 in brackets).  Each rewritten value is
 * checked again: sipp_value_safe() (so at most 1024 bytes), and for URIs
 * sipuri_parse() with hostport as the whole host:port.  dg (may be NULL)
 * gets "FILE:LINE:COL: message" at the test or step; the message names
 * the key and hostport, never a password.  @return 0; EINVAL (hostport is
 * not a host[:port]), EBADMSG (a value is not valid once expanded),
 * ENOMEM.  On failure the plan may be partly expanded: do not run it.  A
 * plan without ${target} is left as it is.
 */
int plan_expand_target(struct plan *plan, const char *hostport,
		       struct diag *dg);

/* ---- expansion -------------------------------------------------------- */

/** Strings as the suite wrote them: one scalar (is_list false, n == 1) or a list. */
struct plan_list {
	const char *const *v;
	size_t n;
	bool is_list;
};

/**
 * One suite entry before expansion.  Its strings are borrowed: plan_expand()
 * copies them.  Every entry becomes one struct tcase per combination of
 * uris x methods x transports, uris outermost, in the order written; the
 * id of a case is the entry id followed by one suffix per key written as
 * a list, in that same order:
 *     "/<n>"          n-th request_uri, 1-based       (uris.is_list)
 *     "/<METHOD>"     the method as written           (methods.is_list)
 *     "/<transport>"  "udp", "tcp" or "tls"           (tr_list)
 * e.g. "reg/2/INVITE/tcp"; tcase.group is the entry id.  Every case
 * carries the entry's position and its remaining fields.
 */
struct plan_entry {
	const char *id;
	size_t line, col;             /* the entry's mapping in the suite file */
	struct plan_list uris;        /* n >= 1 */
	struct plan_list methods;     /* n == 0: "OPTIONS" */
	enum transport tr[3];
	size_t ntr;                   /* 1 to 3 */
	bool tr_list;
	struct plan_list contacts;    /* n == 0: no 'contact' */
	struct plan_list allow;
	bool has_allow;               /* 'allow' given (possibly empty) */
	unsigned expect, repeat, follow;
	bool probe_options, probe_allowed;
	const struct plan_auth *auth; /* NULL: none */
	const struct plan_header *headers;
	size_t nheaders;
	const char *body, *content_type, *from, *to;   /* NULL: not given */
	struct plan_list tags;        /* n == 0: none; copied into every case as is */
	struct plan_load load;        /* rate 0: no 'load' */
};

/** How many cases e expands to (SIZE_MAX if that overflows). */
size_t plan_entry_ncases(const struct plan_entry *e);

/**
 * Append the cases of ents[0..n) to plan->cases (which must be empty).
 * max_bytes bounds what the copies take (strings with their NULs, the
 * contact/allow pointer arrays, the header arrays): E2BIG beyond it,
 * ENOMEM.  On error the plan holds the cases made so far; plan_free()
 * frees them.
 */
int plan_expand(struct plan *plan, const struct plan_entry *ents, size_t n,
		size_t max_bytes);

#endif
