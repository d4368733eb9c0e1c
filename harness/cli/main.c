/*
 * main.c - parse options -> load every suite -> run -> return the exit
 * code (opts.h).  Every suite file is loaded and checked before anything
 * is sent, so a suite error (exit 2) never leaves a half-run behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "cli/opts.h"
#include "report/merge.h"
#include "suite/plan.h"
#include "judge/rule.h"
#include "run/runner.h"
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
		printf("sipconform %s\n", SIPCONFORM_VERSION);
		rc = EXIT_ALL_PASSED;
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
	rc = runner_run(&o, plans, n);
out:
	for (i = 0; i < n; i++)
		plans[i] = plan_free(plans[i]);
	free(plans);
	opts_free(&o);
	return rc;
}
