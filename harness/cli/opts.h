/*
 * opts.h - the command line.  The option table in opts.c is the single
 * source of truth for parsing and for --help.
 */
#ifndef SIPCONFORM_OPTS_H
#define SIPCONFORM_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "suite/plan.h"

/* Exit codes: a contract, documented in --help and the README. */
enum {
	EXIT_ALL_PASSED = 0,  /* every test passed (skips allowed) */
	EXIT_TEST_FAILED = 1, /* at least one test failed, could not be judged, or was inconclusive */
	EXIT_USAGE = 2,       /* usage or suite-file error, nothing was run */
	EXIT_ENVIRONMENT = 3, /* the environment stopped the run (SIPp missing/unusable, cannot bind) */
	EXIT_INTERRUPTED = 4, /* SIGINT, SIGTERM or SIGHUP stopped the run; reports hold the tests finished */
	EXIT_MAX_TIME = 5,    /* --max-time stopped the run; reports hold the tests finished */
	/* A second signal during that stop exits at once with 128 + its number. */
};

enum opts_action { OPTS_RUN, OPTS_HELP, OPTS_VERSION, OPTS_LIST_CHECKS };

struct opts {
	enum opts_action action;
	const char **suites;       /* argv slices, not owned */
	size_t nsuites;
	char target_host[256];     /* "" = from the suite */
	uint16_t target_port;
	enum transport transport;  /* DEFAULT = from the suite */
	const char *junit;
	const char *tap;
	const char *json;          /* --json FILE: the JSON result (report/json.c) */
	const char *const *argv;   /* the command line as given, NULL-terminated (the
				    * JSON and HTML reports record it); not owned */
	const char *html;          /* --html FILE: the lab report (report/html.c) */
	const char *evidence;      /* NULL = reports/evidence/<time>-<pid> */
	const char *waivers;
	const char *sipp;          /* SIPp binary, default "sipp" (env SIPCONFORM_SIPP) */
	unsigned timeout_s;        /* per request, default 5 */
	unsigned max_time_s;       /* whole run, 0 = no limit */
	bool strict;
	bool quiet;
	/* TLS (transport tls, sipp/tls.h): */
	const char *tls_ca;        /* trusted CAs (PEM); NULL = the system store */
	bool tls_insecure;         /* verify nothing (never with tls_ca) */
	const char *tls_cert;      /* client certificate for mutual TLS, and its */
	const char *tls_key;       /* key: both or neither */
	const char *auth_user;          /* --auth-user (argv slice): credentials for every */
	const char *auth_password_env;  /* test without its own; both or neither */
	/* Test selection (suite/select.h), all optional: */
	bool list;                 /* --list: print the selected ids, send nothing */
	const char **filters;      /* --filter GLOBs (argv slices), malloc'ed array */
	size_t nfilters;
	const char **tags;         /* --tag Ts (argv slices), malloc'ed array */
	size_t ntags;
	unsigned shard_k, shard_n; /* --shard K/N; 0/0: no sharding */
	const char *rerun_failed;  /* --rerun-failed FILE.json */
	bool fail_fast;            /* --fail-fast: stop after the first test that does not pass */
	/* Batches (run/batch.h): */
	bool no_batch;             /* --no-batch: one SIPp run per test, as before batches */
	unsigned rate;             /* --rate: SIPp -r in a batch; 0 = OPTS_RATE_DEFAULT */
	unsigned window;           /* --window: SIPp -l in a batch; 0 = OPTS_WINDOW_DEFAULT */
	unsigned jobs;             /* -j, --jobs: batches (slices of one) run at once; 0 = 1 */
};

/*
 * Defaults of --rate and --window, chosen by measurement against the
 * bundled Kamailio (fixtures/kamailio/kamailio.cfg, README "Batches"):
 * see run/batch.h for the numbers.
 */
#define OPTS_RATE_DEFAULT 5000
#define OPTS_WINDOW_DEFAULT 20
#define OPTS_STR_(x) #x
#define OPTS_STR(x) OPTS_STR_(x)

/**
 * Parse argv.  On a usage error prints "sipconform: ..." and the hint to
 * stderr and returns EINVAL.  o->suites, o->filters and o->tags are
 * malloc'ed: opts_free().  "-h" is --help, "-V" is --version.
 */
int opts_parse(struct opts *o, int argc, char **argv);
void opts_free(struct opts *o);
void opts_help(FILE *fp);

/**
 * Parse "HOST:PORT", "[V6]:PORT", "HOST" or "[V6]" into host (no
 * brackets) and port (0 when absent).  EINVAL with *why on error.
 */
/**
 * Parse "K/N" of --shard: 1 <= K <= N <= OPTS_SHARD_MAX, decimal digits
 * only.  EINVAL otherwise.
 */
#define OPTS_SHARD_MAX 1000
int opts_parse_shard(const char *s, unsigned *k, unsigned *n);

int opts_parse_target(const char *s, char *host, size_t size, uint16_t *port,
		      const char **why);

#endif
