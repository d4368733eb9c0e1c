/*
 * main.c - parse options -> load every suite -> select the tests
 * (suite/select.h) -> list them (--list) or run them -> return the exit
 * code (opts.h).  Every suite file is loaded and checked before anything
 * is sent, so a suite error (exit 2) never leaves a half-run behind.
 *
 * Selection outcomes: --filter/--tag selecting nothing is a usage error
 * (2: a typo must not pass in CI); --rerun-failed with nothing to rerun,
 * and a shard left empty (more shards than tests), say so and exit 0
 * without running anything or writing a report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "cli/opts.h"
#include "report/merge.h"
#include "suite/plan.h"
#include "judge/rule.h"
#include "cli/version.h"
#include "run/runner.h"
#include "suite/select.h"
#include "suite/suite.h"

static void list_checks(void)
{
	size_t i;

	printf("%-44s %-9s %-8s %s\n", "ID", "SECTION", "LEVEL", "REQUIREMENT");
	for (i = 0; i < rule_count; i++) {
		const struct rule *r = &rule_table[i];

		printf("%-44s %-9s %-8s %s%s\n", r->id, r->section,
		       rule_level_name(r->level), r->warn_only ? "[warn] " : "", r->text);
	}
}

/*
 * The selection of o applied to plans[0..*n).  EXIT_ALL_PASSED with *n > 0
 * to go on; else the exit code, with *n == 0 when nothing is left to do.
 */
static int select_tests(const struct opts *o, struct plan **plans, size_t *n)
{
	struct select_rerun *rr = NULL;
	struct select_conf sc;
	struct select_stats st;
	struct diag dg;
	int err;

	memset(&sc, 0, sizeof(sc));
	memset(&dg, 0, sizeof(dg));
	sc.filters = o->filters;
	sc.nfilters = o->nfilters;
	sc.tags = o->tags;
	sc.ntags = o->ntags;
	sc.shard_k = o->shard_k;
	sc.shard_n = o->shard_n;
	if (o->rerun_failed && (err = select_rerun_load(&rr, o->rerun_failed,
						       SELECT_RERUN_MAX_BYTES, &dg)) != 0) {
		fprintf(stderr, "sipconform: --rerun-failed ");
		diag_print(&dg, stderr);
		return EXIT_USAGE;
	}
	sc.rerun = rr;
	err = select_apply(plans, n, &sc, &st, stderr);
	rr = select_rerun_free(rr);
	if (err) {
		fprintf(stderr, "sipconform: selecting the tests: %s\n", strerror(err));
		return EXIT_ENVIRONMENT;
	}
	if (st.matched == 0) {
		fprintf(stderr, "sipconform: no test matches the selection (%s%s%s) among the %zu "
			"loaded: see them with --list\n", o->nfilters ? "--filter" : "",
			o->nfilters && o->ntags ? " and " : "", o->ntags ? "--tag" : "", st.total);
		return EXIT_USAGE;
	}
	if (o->rerun_failed && st.rerun == 0) {
		fprintf(stderr, "sipconform: --rerun-failed %s: no test to rerun (none of the "
			"selected tests failed, errored or was inconclusive there)\n", o->rerun_failed);
		return EXIT_ALL_PASSED;
	}
	if (st.selected == 0) {
		fprintf(stderr, "sipconform: shard %u/%u has no test (%zu selected for %u "
			"shards): nothing to run\n", o->shard_k, o->shard_n, st.rerun, o->shard_n);
		return EXIT_ALL_PASSED;
	}
	return EXIT_ALL_PASSED;
}

/* --list: the ids, one a line; with several suite files "SUITE<TAB>ID". */
static int list_tests(const struct opts *o, struct plan *const *plans, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < plans[i]->ncases; j++)
			printf("%s%s%s\n", o->nsuites > 1 ? plans[i]->name : "",
			       o->nsuites > 1 ? "\t" : "", plans[i]->cases[j].id);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "sipconform: writing the list failed\n");
		return EXIT_ENVIRONMENT;
	}
	return EXIT_ALL_PASSED;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct plan **plans = NULL;
	size_t i, n = 0;
	int rc;

	if (argc > 1 && strcmp(argv[1], "merge") == 0)      /* its own arguments */
		return merge_main(argc - 1, argv + 1);
	if (opts_parse(&o, argc, argv))
		return EXIT_USAGE;
	switch (o.action) {
	case OPTS_HELP:
		opts_help(stdout);
		rc = EXIT_ALL_PASSED;
		goto out;
	case OPTS_VERSION:
		if (!o.sipp)
			o.sipp = getenv("SIPCONFORM_SIPP");
		version_print(stdout, o.sipp);
		rc = fflush(stdout) ? EXIT_ENVIRONMENT : EXIT_ALL_PASSED;
		goto out;
	case OPTS_LIST_CHECKS:
		list_checks();
		rc = EXIT_ALL_PASSED;
		goto out;
	case OPTS_RUN:
		break;
	}
	if (!o.sipp)
		o.sipp = getenv("SIPCONFORM_SIPP");

	plans = calloc(o.nsuites, sizeof(*plans));
	if (!plans) {
		fprintf(stderr, "sipconform: out of memory\n");
		rc = EXIT_ENVIRONMENT;
		goto out;
	}
	for (i = 0; i < o.nsuites; i++) {
		struct diag dg;

		memset(&dg, 0, sizeof(dg));
		if (suite_load(&plans[n], o.suites[i], &dg)) {
			diag_print(&dg, stderr);
			rc = EXIT_USAGE;
			goto out;
		}
		n++;
	}
	rc = select_tests(&o, plans, &n);
	if (rc != EXIT_ALL_PASSED || n == 0)
		goto out;
	if (o.list)
		rc = list_tests(&o, plans, n);
	else
		rc = runner_run(&o, plans, n);
out:
	for (i = 0; i < n; i++)
		plans[i] = plan_free(plans[i]);
	free(plans);
	opts_free(&o);
	return rc;
}
