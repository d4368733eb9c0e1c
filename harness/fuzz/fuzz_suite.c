/*
 * fuzz_suite.c - libFuzzer target: YAML suite files (suite/, libyaml).
 *
 * Input: the bytes of a suite file, loaded with suite_load_buf().
 * Invariants (abort() = a finding):
 *   - *planp is set on success only, and a failure leaves a
 *     NUL-terminated diagnostic;
 *   - on success every string of the plan (suite name, target host, and
 *     each case's id, group, request_uri, method, contact and allow
 *     items, credentials, header names and values, content_type, from,
 *     to; each setup step's uri, contact, allow items and credentials)
 *     passes sipp_value_safe(): plan.h promises the runner it can hand
 *     them to SIPp as -key values unchanged, so a refused string is a
 *     forged value that got through the loader.  The body is the one
 *     multi-line value: no CR, and each of its LF-separated lines, TAB
 *     read as a space, passes sipp_value_safe();
 *   - credentials are a user with exactly one of password / password_env,
 *     and user and password hold no '"' or '\'; content_type is set
 *     exactly when body is;
 *   - ${target} expands: plan_expand_target() with "1.2.3.4:5" (as long
 *     as "${target}") succeeds, leaves no "${" in any value it rewrites,
 *     and every string is still safe;
 *   - the plan is self-consistent: ncases > 0, expect is a code of the
 *     judge's table, repeat >= 1, ids unique (checked for small plans
 *     only), expires <= 2^31-1.
 */
#include "judge/expect.h"
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

/* safe(), and no "${" left: for values after plan_expand_target(). */
static void expanded(const char *what, const char *s)
{
	safe(what, s);
	if (s && strstr(s, "${")) {
		fprintf(stderr, "fuzz_suite: %s '%s' not expanded\n", what, s);
		abort();
	}
}

static void auth_ok(const struct plan_auth *a)
{
	if (!a->user) {
		if (a->password || a->password_env)
			abort();
		return;
	}
	required("auth user", a->user);
	if (!a->password == !a->password_env)
		abort();
	safe("auth password", a->password);
	safe("auth password_env", a->password_env);
	if (strpbrk(a->user, "\"\\") ||
	    (a->password && strpbrk(a->password, "\"\\")))
		abort();
}

static void body_ok(const char *body)
{
	char line[SIPP_VALUE_MAX + 1];
	const char *p = body, *nl;
	size_t n, i;

	if (strchr(body, '\r'))
		abort();
	for (;;) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > SIPP_VALUE_MAX)
			abort();
		for (i = 0; i < n; i++)
			line[i] = p[i] == '\t' ? ' ' : p[i];
		line[n] = '\0';
		safe("body line", line);
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void case_ok(const struct plan *plan, size_t i)
{
	const struct tcase *t = &plan->cases[i];
	size_t j;

	required("id", t->id);
	required("group", t->group);
	required("request_uri", t->request_uri);
	required("method", t->method);
	for (j = 0; j < t->ncontacts; j++)
		required("contact", t->contacts[j]);
	for (j = 0; j < t->nallow; j++)
		required("allow", t->allow[j]);
	auth_ok(&t->auth);
	for (j = 0; j < t->nheaders; j++) {
		required("header name", t->headers[j].name);
		required("header value", t->headers[j].value);
	}
	if (!t->body != !t->content_type)
		abort();
	if (t->body)
		body_ok(t->body);
	safe("content_type", t->content_type);
	safe("from", t->from);
	safe("to", t->to);
	if (!expect_find(t->expect))
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

static void step_ok(const struct plan_step *st)
{
	size_t j;

	if (st->kind != PLAN_STEP_REGISTER)
		abort();
	required("register uri", st->reg.uri);
	safe("register contact", st->reg.contact);
	for (j = 0; j < st->reg.nallow; j++)
		required("register allow", st->reg.allow[j]);
	if (st->reg.expires > 2147483647u)
		abort();
	auth_ok(&st->reg.auth);
}

/* Every value plan_expand_target() rewrites, after it ran. */
static void expansion_ok(const struct plan *plan)
{
	size_t i, j;

	for (i = 0; i < plan->ncases; i++) {
		const struct tcase *t = &plan->cases[i];

		expanded("request_uri", t->request_uri);
		expanded("from", t->from);
		expanded("to", t->to);
		for (j = 0; j < t->ncontacts; j++)
			expanded("contact", t->contacts[j]);
		for (j = 0; j < t->nheaders; j++)
			expanded("header value", t->headers[j].value);
	}
	for (i = 0; i < plan->nsetup; i++) {
		expanded("register uri", plan->setup[i].reg.uri);
		expanded("register contact", plan->setup[i].reg.contact);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan *plan = NULL;
	struct diag dg;
	size_t i;

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
	auth_ok(&plan->auth);
	for (i = 0; i < plan->ncases; i++)
		case_ok(plan, i);
	for (i = 0; i < plan->nsetup; i++)
		step_ok(&plan->setup[i]);
	if (plan_expand_target(plan, "1.2.3.4:5", &dg) != 0) {
		fprintf(stderr, "fuzz_suite: ${target} expansion failed: %s\n",
			dg.msg);
		abort();
	}
	expansion_ok(plan);
	plan = plan_free(plan);
	return 0;
}
