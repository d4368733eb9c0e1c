/*
 * load_agg.c - the results of a load test's exchanges counted per check,
 * the evidence kept of them, and the response-time percentiles (load.h).
 *
 * Memory is bounded whatever the number of exchanges: per check four
 * counters and one kept result (its message cut at LOAD_EVIDENCE_BYTES),
 * and at most LOAD_EVIDENCE_XCHG kept exchanges.
 */
#include "run/load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One check, counted over the exchanges. */
struct agg_check {
	const struct rule *rule;
	size_t cnt[4];                 /* per enum check_outcome */
	size_t xno;                    /* exchange of the kept result */
	enum check_outcome kept;       /* its outcome: the first of the worst */
	char reason[320];
	char *msg;                     /* copy of its message, cut; NULL: none */
	size_t msg_len, ev_off, ev_len;
};

/* One exchange kept as evidence. */
struct agg_xchg {
	size_t xno;
	struct pl m[2];                /* request, final response (owned copies) */
	char label[2][64];
};

struct load_agg {
	struct agg_check *v;
	size_t n, cap;
	size_t at[RULE__COUNT];        /* rid -> index + 1 in v, 0: not seen */
	struct agg_xchg k[LOAD_EVIDENCE_XCHG];
	size_t nk;
};

struct load_agg *load_agg_new(void)
{
	return calloc(1, sizeof(struct load_agg));
}

struct load_agg *load_agg_free(struct load_agg *a)
{
	size_t i;

	if (!a)
		return NULL;
	for (i = 0; i < a->n; i++)
		free(a->v[i].msg);
	for (i = 0; i < a->nk; i++) {
		free((char *)a->k[i].m[0].p);
		free((char *)a->k[i].m[1].p);
	}
	free(a->v);
	free(a);
	return NULL;
}

/* How bad an outcome is: the kept result is the first of the worst. */
static int rank(enum check_outcome o)
{
	switch (o) {
	case CHECK_FAIL: return 3;
	case CHECK_WARN: return 2;
	case CHECK_PASS: return 1;
	default:         return 0;
	}
}

/* A copy of m cut at LOAD_EVIDENCE_BYTES; NULL with *len 0 for an empty m. */
static char *copy_cut(struct pl m, size_t *len, int *err)
{
	size_t l = m.l < LOAD_EVIDENCE_BYTES ? m.l : LOAD_EVIDENCE_BYTES;
	char *p;

	*len = 0;
	if (!m.p || !l)
		return NULL;
	if (!(p = malloc(l))) {
		*err = ENOMEM;
		return NULL;
	}
	memcpy(p, m.p, l);
	*len = l;
	return p;
}

/* Keep r (of exchange xno) as c's result, with a copy of its evidence. */
static int agg_keep(struct agg_check *c, size_t xno, const struct check_result *r)
{
	int err = 0;
	size_t len;
	char *m = copy_cut(r->msg, &len, &err);

	if (err)
		return err;
	free(c->msg);
	c->msg = m;
	c->msg_len = len;
	c->ev_off = c->ev_len = 0;
	/* The evidence is a slice of the message: kept when the cut left it whole. */
	if (m && r->evidence.p >= r->msg.p && r->evidence.l &&
	    (size_t)(r->evidence.p - r->msg.p) + r->evidence.l <= len) {
		c->ev_off = (size_t)(r->evidence.p - r->msg.p);
		c->ev_len = r->evidence.l;
	}
	c->xno = xno;
	c->kept = r->outcome;
	snprintf(c->reason, sizeof(c->reason), "%s", r->reason);
	return 0;
}

static struct agg_check *agg_slot(struct load_agg *a, const struct rule *ru)
{
	size_t rid = (size_t)ru->rid;
	struct agg_check *nv;

	if (rid < RULE__COUNT && a->at[rid])
		return &a->v[a->at[rid] - 1];
	if (a->n == a->cap) {
		size_t ncap = a->cap ? a->cap * 2 : 16;

		if (!(nv = realloc(a->v, ncap * sizeof(*nv))))
			return NULL;
		a->v = nv;
		a->cap = ncap;
	}
	memset(&a->v[a->n], 0, sizeof(a->v[a->n]));
	a->v[a->n].rule = ru;
	if (rid < RULE__COUNT)
		a->at[rid] = a->n + 1;
	return &a->v[a->n++];
}

int load_agg_add(struct load_agg *a, size_t xno, const struct check_result *r, size_t n)
{
	size_t i, tot;
	int err;

	for (i = 0; i < n; i++) {
		struct agg_check *c;

		if (!r[i].rule || (unsigned)r[i].outcome > CHECK_NA)
			continue;
		if (!(c = agg_slot(a, r[i].rule)))
			return ENOMEM;
		tot = c->cnt[0] + c->cnt[1] + c->cnt[2] + c->cnt[3];
		c->cnt[r[i].outcome]++;
		if ((tot == 0 || rank(r[i].outcome) > rank(c->kept)) &&
		    (err = agg_keep(c, xno, &r[i])))
			return err;
	}
	return 0;
}

static const char *const verb[] = {
	[CHECK_PASS] = "passed", [CHECK_FAIL] = "failed", [CHECK_WARN] = "warned",
	[CHECK_NA] = "not applicable",
};

/* The reason of one counted check (load.h). */
static void agg_reason(const struct agg_check *c, char *out, size_t size)
{
	static const enum check_outcome order[] = { CHECK_FAIL, CHECK_WARN, CHECK_NA, CHECK_PASS };
	size_t tot = c->cnt[0] + c->cnt[1] + c->cnt[2] + c->cnt[3], l, i;
	enum check_outcome w = c->kept;

	if (w == CHECK_FAIL || w == CHECK_WARN)
		snprintf(out, size, "%s in %zu of %zu exchanges, first at #%zu: %s", verb[w],
			 c->cnt[w], tot, c->xno, c->reason);
	else if (c->cnt[w] == tot)
		snprintf(out, size, "%s in all %zu exchanges (#%zu: %s)", verb[w], tot, c->xno,
			 c->reason);
	else
		snprintf(out, size, "%s in %zu of %zu exchanges (#%zu: %s)", verb[w], c->cnt[w],
			 tot, c->xno, c->reason);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (order[i] == w || !c->cnt[order[i]])
			continue;
		l = strlen(out);
		snprintf(out + l, size - l, "; %s in %zu", verb[order[i]], c->cnt[order[i]]);
	}
}

int load_agg_results(const struct load_agg *a, struct check_result **out, size_t *n)
{
	struct check_result *v;
	size_t i;

	*out = NULL;
	*n = 0;
	if (!a->n)
		return 0;
	if (!(v = calloc(a->n, sizeof(*v))))
		return ENOMEM;
	for (i = 0; i < a->n; i++) {
		const struct agg_check *c = &a->v[i];

		v[i].rule = c->rule;
		v[i].outcome = c->kept;
		agg_reason(c, v[i].reason, sizeof(v[i].reason));
		v[i].msg = (struct pl){ c->msg, c->msg_len };
		v[i].evidence = c->ev_len ? (struct pl){ c->msg + c->ev_off, c->ev_len } : PL_NULL;
	}
	*out = v;
	*n = a->n;
	return 0;
}

/* "OPTIONS" of a request's start line, "301" of a response's: at most 15 bytes. */
static void first_word(struct pl m, bool resp, char *out, size_t size)
{
	const char *p = m.p, *e, *sp;

	if (!p) {               /* no bytes (NULL + 0 is undefined) */
		snprintf(out, size, "%s", "");
		return;
	}
	e = m.p + m.l;
	if (resp && m.l > 8)
		p += 8;         /* "SIP/2.0 " */
	sp = p;
	while (sp < e && sp - p < 15 && *sp != ' ' && *sp != '\r' && *sp != '\n')
		sp++;
	snprintf(out, size, "%.*s", (int)(sp - p), p);
}

bool load_agg_keep(struct load_agg *a, size_t xno, struct pl req, struct pl resp)
{
	struct agg_xchg *k;
	char w[16];
	int err = 0;
	size_t l;

	if (a->nk >= LOAD_EVIDENCE_XCHG)
		return false;
	k = &a->k[a->nk];
	memset(k, 0, sizeof(*k));
	k->xno = xno;
	k->m[0].p = copy_cut(req, &l, &err);
	k->m[0].l = l;
	k->m[1].p = copy_cut(resp, &l, &err);
	k->m[1].l = l;
	if (err) {
		free((char *)k->m[0].p);
		free((char *)k->m[1].p);
		return false;
	}
	first_word(req, false, w, sizeof(w));
	snprintf(k->label[0], sizeof(k->label[0]), "#%zu sent (%s)", xno, w);
	first_word(resp, true, w, sizeof(w));
	snprintf(k->label[1], sizeof(k->label[1]), "#%zu received (%s)", xno, w);
	a->nk++;
	return true;
}

size_t load_agg_nkept(const struct load_agg *a)
{
	return a->nk;
}

int load_agg_msgs(struct load_agg *a, struct report_msg **msgs, size_t *n)
{
	struct report_msg *v;
	size_t i, j, o = 0;

	*msgs = NULL;
	*n = 0;
	if (!a->nk)
		return 0;
	if (!(v = calloc(2 * a->nk, sizeof(*v))))
		return ENOMEM;
	for (i = 0; i < a->nk; i++)
		for (j = 0; j < 2; j++)
			if (a->k[i].m[j].p) {
				v[o].label = a->k[i].label[j];
				v[o++].bytes = a->k[i].m[j];
			}
	*msgs = v;
	*n = o;
	return 0;
}

uint32_t load_percentile(const uint32_t *v, size_t n, unsigned pct)
{
	size_t k;

	if (!n || !pct)
		return 0;
	if (pct > 100)
		pct = 100;
	k = (n * pct + 99) / 100;       /* ceil(pct/100 x n), >= 1 */
	return v[k - 1];
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

void load_rtt_summary(uint32_t *v, size_t n, char *out, size_t size)
{
	if (!n) {
		snprintf(out, size, "no response");
		return;
	}
	qsort(v, n, sizeof(*v), u32_cmp);
	snprintf(out, size, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%zu responses)",
		 load_percentile(v, n, 50) / 1000.0, load_percentile(v, n, 90) / 1000.0,
		 load_percentile(v, n, 99) / 1000.0, v[n - 1] / 1000.0, n);
}
