/*
 * select.h - which tests of the loaded plans run (and which --list
 * prints): --filter, --tag, --rerun-failed and --shard, applied to the
 * plans after matrix expansion, in this order:
 *
 *   1. --filter GLOB... and --tag T...: a test is kept when its id
 *      matches one of the GLOBs (fnmatch(3), no flags: '*' also matches
 *      the '/' of an expanded id) -- if any --filter is given -- AND it
 *      carries one of the tags (suite 'tags' + its own) -- if any --tag
 *      is given.
 *   2. --rerun-failed FILE.json: of those, the tests whose (suite name,
 *      id) has the verdict fail, error or inconclusive in that earlier
 *      result (a skip is a waiver's decision, not a failure: not rerun).
 *   3. --shard K/N: of those, in suite order (the suites as given, each
 *      test in its expanded order), the i-th (0-based) is in shard
 *      (i mod N) + 1: round-robin, so every shard gets a fair share of
 *      each suite, the shards are disjoint and their union is the
 *      selection.  The deal depends on the selection: every shard of a
 *      CI matrix must be given the same suites and options.
 *
 * Unselected tests are freed from their plan (plan_retain); a plan left
 * with none is freed and dropped from the array (the order kept): it is
 * neither run nor reported.
 */
#ifndef SIPCONFORM_SELECT_H
#define SIPCONFORM_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"
#include "suite/plan.h"

/* A --rerun-failed file is parsed whole: at most this many bytes (main's bound). */
#define SELECT_RERUN_MAX_BYTES (256u * 1024 * 1024)

/** The tests to rerun, read from a JSON result (select.c). */
struct select_rerun;

/**
 * Read path (a file or a FIFO), a "sipconform-result" JSON document of
 * format_version 1 (only "format", "format_version" and tests[].suite,
 * .id, .verdict are read), keeping the tests whose verdict is fail,
 * error or inconclusive.  At most max_bytes are read.  On error dg says
 * "FILE:LINE:COL: what" (a JSON syntax error, at jansson's position) or
 * "FILE: what" (the structure, the size).
 * @return 0; EBADMSG not such a document; EFBIG over max_bytes; ENOMEM;
 *         the errno of open/read.
 */
int select_rerun_load(struct select_rerun **rp, const char *path, size_t max_bytes,
		      struct diag *dg);
/** Same, from bytes in memory (name is used in diagnostics). */
int select_rerun_load_buf(struct select_rerun **rp, const char *name, const char *buf,
			  size_t len, struct diag *dg);
struct select_rerun *select_rerun_free(struct select_rerun *r); /* returns NULL */
/** How many tests the file asks to rerun. */
size_t select_rerun_count(const struct select_rerun *r);

struct select_conf {
	const char *const *filters;   /* globs; nfilters 0: every id */
	size_t nfilters;
	const char *const *tags;      /* ntags 0: every test */
	size_t ntags;
	const struct select_rerun *rerun; /* NULL: no --rerun-failed */
	unsigned shard_k, shard_n;    /* 1 <= k <= n; n 0: no shard */
};

struct select_stats {
	size_t total;                 /* tests loaded */
	size_t matched;               /* after --filter and --tag */
	size_t rerun;                 /* after --rerun-failed (== matched without it) */
	size_t selected;              /* after --shard: what is left in the plans */
	size_t rerun_missing;         /* rerun entries that name no loaded test */
};

/**
 * Apply c to plans[0..*nplans) as above.  Each rerun entry that names no
 * test of the loaded suites gets a warning on warn (may be NULL; at most
 * SELECT_WARN_MAX lines, then how many more).  @return 0; EINVAL; ENOMEM
 * (the plans may then be partly selected: do not run them).
 */
#define SELECT_WARN_MAX 20
int select_apply(struct plan **plans, size_t *nplans, const struct select_conf *c,
		 struct select_stats *st, FILE *warn);

/** Does tc pass step 1 (--filter and --tag) of c? */
bool select_match(const struct select_conf *c, const struct tcase *tc);

#endif
