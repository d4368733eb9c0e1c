/*
 * fuzz_suite.c - libFuzzer target: YAML suite files (suite/, libyaml).
 *
 * Input: the bytes of a suite file, loaded with suite_load_buf().
 * Invariants (abort() = a finding):
 *   - *planp is set on success only, and a failure leaves a
 *     NUL-terminated diagnostic;
 *   - on success every string of the plan (suite name, target host, and
 *     each case's id, group, request_uri, method, contact and allow
 *     items) passes sipp_value_safe(): plan.h promises the runner it can
 *     hand them to SIPp as -key values unchanged, so a refused string is
 *     a forged value that got through the loader;
 *   - the plan is self-consistent: ncases > 0, expect is 301/405/501,
 *     repeat >= 1, ids unique (checked for small plans only).
 */
#include "suite/suite.h"
#include "sipp/value.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void safe(const char *what, const char *s)
{
	const char *why = NULL;
	size_t at = 0;

	if (!s)
		return;
	if (!sipp_value_safe(s, &why, &at)) {
		fprintf(stderr, "fuzz_suite: %s '%s' refused by sipp_value_safe at %zu: %s\n",
			what, s, at, why ? why : "?");
		abort();
	}
}

static void required(const char *what, const char *s)
{
	if (!s) {
		fprintf(stderr, "fuzz_suite: %s is NULL\n", what);
		abort();
	}
	safe(what, s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan *plan = NULL;
	struct diag dg;
	size_t i, j;

	memset(&dg, 0, sizeof(dg));
	if (suite_load_buf(&plan, "fuzz.yaml", (const char *)data, size, &dg) != 0) {
		if (plan)
			abort();
		if (!memchr(dg.msg, '\0', sizeof(dg.msg)) ||
		    !memchr(dg.file, '\0', sizeof(dg.file)))
			abort();
		return 0;
	}
	if (!plan || plan->ncases == 0 || !plan->cases)
		abort();
	required("suite name", plan->name);
	safe("target host", plan->target.host);
	for (i = 0; i < plan->ncases; i++) {
		const struct tcase *t = &plan->cases[i];

		required("id", t->id);
		required("group", t->group);
		required("request_uri", t->request_uri);
		required("method", t->method);
		for (j = 0; j < t->ncontacts; j++)
			required("contact", t->contacts[j]);
		for (j = 0; j < t->nallow; j++)
			required("allow", t->allow[j]);
		if (t->expect != 301 && t->expect != 405 && t->expect != 501)
			abort();
		if (t->repeat < 1)
			abort();
		if (plan->ncases <= 64)
			for (j = 0; j < i; j++)
				if (strcmp(plan->cases[j].id, t->id) == 0) {
					fprintf(stderr, "fuzz_suite: duplicate id '%s'\n", t->id);
					abort();
				}
	}
	plan = plan_free(plan);
	return 0;
}
