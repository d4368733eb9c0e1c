/*
 * plan.h - the test plan: what the suite file asked for, as pure data.
 *
 * Produced by suite_load() (suite.c), consumed by the runner.  No library
 * types appear here.  All strings are heap-owned by the plan and freed by
 * plan_free(); every string has been checked to contain no CR, LF, NUL or
 * other control byte and no SIPp '[keyword]' syntax, so it can be handed
 * to SIPp as a -key value unchanged.
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

#endif
