/*
 * plan.c - the plan's memory, transport names, and the matrix expansion
 * of suite entries into test cases (the id scheme is in plan.h).
 *
 * Expansion multiplies: a 256-item allow list copied into 10000 cases is
 * 2.5 million strings.  Every byte the copies take is charged against the
 * caller's budget, so a small suite file cannot make a huge plan.
 */
#include "suite/plan.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *transport_name(enum transport t)
{
	switch (t) {
	case TRANSPORT_UDP: return "udp";
	case TRANSPORT_TCP: return "tcp";
	default:            return "default";
	}
}

static char **strv_free(char **v, size_t n)
{
	size_t i;

	if (!v)
		return NULL;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return NULL;
}

static void tcase_clear(struct tcase *tc)
{
	free(tc->id);
	free(tc->group);
	free(tc->request_uri);
	free(tc->method);
	tc->contacts = strv_free(tc->contacts, tc->ncontacts);
	tc->allow = strv_free(tc->allow, tc->nallow);
	memset(tc, 0, sizeof(*tc));
}

struct plan *plan_free(struct plan *plan)
{
	size_t i;

	if (!plan)
		return NULL;
	for (i = 0; i < plan->ncases; i++)
		tcase_clear(&plan->cases[i]);
	free(plan->cases);
	free(plan->file);
	free(plan->name);
	free(plan->target.host);
	free(plan);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Expansion                                                           */

/* n bytes charged against *budget, or E2BIG / ENOMEM in *err. */
static void *balloc(size_t *budget, size_t n, int *err)
{
	void *p;

	if (n > *budget) {
		*err = E2BIG;
		return NULL;
	}
	p = malloc(n);
	if (!p) {
		*err = ENOMEM;
		return NULL;
	}
	*budget -= n;
	return p;
}

static char *bdup(size_t *budget, const char *s, int *err)
{
	size_t n = strlen(s) + 1;
	char *d = balloc(budget, n, err);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* Copy l into *vp and *np; nothing (NULL, 0) unless present. */
static int strv_dup(size_t *budget, const struct plan_list *l, bool present,
		    char ***vp, size_t *np)
{
	size_t i, n = l->n;
	char **v;
	int err = 0;

	*vp = NULL;
	*np = 0;
	if (!present)
		return 0;
	if (n > (SIZE_MAX - 1) / sizeof(char *) ||
	    n * sizeof(char *) + 1 > *budget)
		return E2BIG;
	v = calloc(n ? n : 1, sizeof(*v));
	if (!v)
		return ENOMEM;
	*budget -= n * sizeof(char *);
	for (i = 0; i < n; i++) {
		v[i] = bdup(budget, l->v[i], &err);
		if (!v[i]) {
			strv_free(v, i);
			return err;
		}
	}
	*vp = v;
	*np = n;
	return 0;
}

/* The id of a case: entry id, then "/u", "/METHOD", "/transport" (plan.h). */
static char *case_id(size_t *budget, const struct plan_entry *e, size_t u,
		     const char *meth, enum transport tr, int *err)
{
	char num[32] = "";
	const char *tn = e->tr_list ? transport_name(tr) : "";
	size_t size;
	char *id;

	if (e->uris.is_list)
		snprintf(num, sizeof(num), "/%zu", u + 1);
	size = strlen(e->id) + strlen(num) + 1;
	if (e->methods.is_list)
		size += 1 + strlen(meth);
	if (e->tr_list)
		size += 1 + strlen(tn);
	if (!(id = balloc(budget, size, err)))
		return NULL;
	snprintf(id, size, "%s%s%s%s%s%s", e->id, num,
		 e->methods.is_list ? "/" : "", e->methods.is_list ? meth : "",
		 e->tr_list ? "/" : "", tn);
	return id;
}

static int case_fill(size_t *budget, struct tcase *tc,
		     const struct plan_entry *e, size_t u, const char *meth,
		     enum transport tr)
{
	int err = 0;

	tc->line = e->line;
	tc->col = e->col;
	tc->expect = e->expect;
	tc->repeat = e->repeat;
	tc->transport = tr;
	tc->follow = e->follow;
	tc->probe_options = e->probe_options;
	tc->probe_allowed = e->probe_allowed;
	tc->has_allow = e->has_allow;
	if (!(tc->id = case_id(budget, e, u, meth, tr, &err)) ||
	    !(tc->group = bdup(budget, e->id, &err)) ||
	    !(tc->request_uri = bdup(budget, e->uris.v[u], &err)) ||
	    !(tc->method = bdup(budget, meth, &err)))
		return err;
	if ((err = strv_dup(budget, &e->contacts, e->contacts.n > 0,
			    &tc->contacts, &tc->ncontacts)))
		return err;
	return strv_dup(budget, &e->allow, e->has_allow, &tc->allow,
			&tc->nallow);
}

static size_t mul_sat(size_t a, size_t b)
{
	return b && a > SIZE_MAX / b ? SIZE_MAX : a * b;
}

size_t plan_entry_ncases(const struct plan_entry *e)
{
	return mul_sat(mul_sat(e->uris.n, e->methods.n ? e->methods.n : 1),
		       e->ntr);
}

int plan_expand(struct plan *plan, const struct plan_entry *ents, size_t n,
		size_t max_bytes)
{
	size_t budget = max_bytes, total = 0, i, u, m, t;

	if (!plan || plan->cases || (!ents && n))
		return EINVAL;
	for (i = 0; i < n; i++) {
		size_t k = plan_entry_ncases(&ents[i]);

		if (k > SIZE_MAX / sizeof(*plan->cases) - total)
			return E2BIG;
		total += k;
	}
	plan->cases = calloc(total ? total : 1, sizeof(*plan->cases));
	if (!plan->cases)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		const struct plan_entry *e = &ents[i];
		size_t nm = e->methods.n ? e->methods.n : 1;

		for (u = 0; u < e->uris.n; u++) {
			for (m = 0; m < nm; m++) {
				const char *meth = e->methods.n ? e->methods.v[m]
								: "OPTIONS";
				for (t = 0; t < e->ntr; t++) {
					/* Counted before it is filled: on
					 * failure plan_free() clears it. */
					int err = case_fill(&budget,
						&plan->cases[plan->ncases++],
						e, u, meth, e->tr[t]);
					if (err)
						return err;
				}
			}
		}
	}
	return 0;
}
