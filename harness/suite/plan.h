/*
 * plan.h - the test plan: what the suite file asked for, as pure data,
 * and the matrix expansion that turns suite entries into test cases.
 *
 * Produced by suite_load() (suite.c, through plan_expand()), consumed by
 * the runner.  No library types appear here.  All strings are heap-owned
 * by the plan and freed by plan_free(); suite_load() has checked every
 * string to contain no CR, LF, NUL or other control byte and no SIPp
 * '[keyword]' syntax, so it can be handed to SIPp as a -key value
 * unchanged.
 */
#ifndef SIPCONFORM_PLAN_H
#define SIPCONFORM_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum transport {
	TRANSPORT_DEFAULT = 0, /* inherit: test -> suite -> command line -> udp */
	TRANSPORT_UDP,
	TRANSPORT_TCP,
};

const char *transport_name(enum transport t); /* "udp", "tcp", "default" */

struct target {
	char *host;            /* name, IPv4 literal, or IPv6 literal without brackets */
	uint16_t port;         /* 0 = not given (5060) */
	enum transport transport;
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
};

struct plan {
	char *file;            /* the suite file as given */
	char *name;            /* 'suite' */
	struct target target;  /* host NULL if the suite gives none */
	struct tcase *cases;
	size_t ncases;
};

struct plan *plan_free(struct plan *plan); /* returns NULL */

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
 *     "/<transport>"  "udp" or "tcp"                  (tr_list)
 * e.g. "reg/2/INVITE/tcp"; tcase.group is the entry id.  Every case
 * carries the entry's position and its remaining fields.
 */
struct plan_entry {
	const char *id;
	size_t line, col;             /* the entry's mapping in the suite file */
	struct plan_list uris;        /* n >= 1 */
	struct plan_list methods;     /* n == 0: "OPTIONS" */
	enum transport tr[2];
	size_t ntr;                   /* 1 or 2 */
	bool tr_list;
	struct plan_list contacts;    /* n == 0: no 'contact' */
	struct plan_list allow;
	bool has_allow;               /* 'allow' given (possibly empty) */
	unsigned expect, repeat, follow;
	bool probe_options, probe_allowed;
};

/** How many cases e expands to (SIZE_MAX if that overflows). */
size_t plan_entry_ncases(const struct plan_entry *e);

/**
 * Append the cases of ents[0..n) to plan->cases (which must be empty).
 * max_bytes bounds what the copies take (strings with their NULs, and the
 * contact/allow pointer arrays): E2BIG beyond it, ENOMEM.  On error the
 * plan holds the cases made so far; plan_free() frees them.
 */
int plan_expand(struct plan *plan, const struct plan_entry *ents, size_t n,
		size_t max_bytes);

#endif
