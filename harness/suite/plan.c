/*
 * plan.c - the plan's memory, transport names, the matrix expansion of
 * suite entries into test cases (the id scheme is in plan.h), credentials
 * read at run time, and the expansion of ${target}.
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

#include "sip/msg.h"
#include "sipp/value.h"
#include "suite/tvar.h"

const char *transport_name(enum transport t)
{
	switch (t) {
	case TRANSPORT_UDP: return "udp";
	case TRANSPORT_TCP: return "tcp";
	case TRANSPORT_TLS: return "tls";
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

static void auth_clear(struct plan_auth *a)
{
	free(a->user);
	free(a->password);
	free(a->password_env);
	memset(a, 0, sizeof(*a));
}

static void tcase_clear(struct tcase *tc)
{
	size_t i;

	free(tc->id);
	free(tc->group);
	free(tc->request_uri);
	free(tc->method);
	tc->contacts = strv_free(tc->contacts, tc->ncontacts);
	tc->allow = strv_free(tc->allow, tc->nallow);
	auth_clear(&tc->auth);
	for (i = 0; tc->headers && i < tc->nheaders; i++) {
		free(tc->headers[i].name);
		free(tc->headers[i].value);
	}
	free(tc->headers);
	free(tc->body);
	free(tc->content_type);
	free(tc->from);
	free(tc->to);
	tc->tags = strv_free(tc->tags, tc->ntags);
	memset(tc, 0, sizeof(*tc));
}

static void step_clear(struct plan_step *st)
{
	free(st->reg.uri);
	free(st->reg.contact);
	strv_free(st->reg.allow, st->reg.nallow);
	auth_clear(&st->reg.auth);
	memset(st, 0, sizeof(*st));
}

struct plan *plan_free(struct plan *plan)
{
	size_t i;

	if (!plan)
		return NULL;
	for (i = 0; i < plan->ncases; i++)
		tcase_clear(&plan->cases[i]);
	free(plan->cases);
	for (i = 0; i < plan->nsetup; i++)
		step_clear(&plan->setup[i]);
	free(plan->setup);
	auth_clear(&plan->auth);
	plan->tags = strv_free(plan->tags, plan->ntags);
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

/* bdup() of an optional string: NULL stays NULL (and is no error). */
static int bdup_opt(size_t *budget, const char *s, char **out)
{
	int err = 0;

	*out = NULL;
	if (s && !(*out = bdup(budget, s, &err)))
		return err;
	return 0;
}

/* A copy of *a into *d (cleared on error); a NULL or without user: none. */
static int auth_dup(size_t *budget, struct plan_auth *d,
		    const struct plan_auth *a)
{
	int err;

	memset(d, 0, sizeof(*d));
	if (!a || !a->user)
		return 0;
	if ((err = bdup_opt(budget, a->user, &d->user)) ||
	    (err = bdup_opt(budget, a->password, &d->password)) ||
	    (err = bdup_opt(budget, a->password_env, &d->password_env)))
		auth_clear(d);
	return err;
}

int plan_auth_copy(struct plan_auth *dst, const struct plan_auth *src)
{
	size_t budget = SIZE_MAX;

	return dst ? auth_dup(&budget, dst, src) : EINVAL;
}

/* A copy of h[0..n) into *vp, *np (NULL, 0 if n == 0). */
static int headers_dup(size_t *budget, const struct plan_header *h, size_t n,
		       struct plan_header **vp, size_t *np)
{
	struct plan_header *v;
	size_t i;
	int err = 0;

	*vp = NULL;
	*np = 0;
	if (!n)
		return 0;
	if (n > SIZE_MAX / sizeof(*v) || n * sizeof(*v) > *budget)
		return E2BIG;
	if (!(v = calloc(n, sizeof(*v))))
		return ENOMEM;
	*budget -= n * sizeof(*v);
	/* Counted first, so that the caller's clear frees a partial copy. */
	*vp = v;
	for (i = 0; i < n; i++) {
		*np = i + 1;
		if (!(v[i].name = bdup(budget, h[i].name, &err)) ||
		    !(v[i].value = bdup(budget, h[i].value, &err)))
			return err;
	}
	return 0;
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
	tc->load = e->load;
	if (!(tc->id = case_id(budget, e, u, meth, tr, &err)) ||
	    !(tc->group = bdup(budget, e->id, &err)) ||
	    !(tc->request_uri = bdup(budget, e->uris.v[u], &err)) ||
	    !(tc->method = bdup(budget, meth, &err)))
		return err;
	if ((err = strv_dup(budget, &e->contacts, e->contacts.n > 0,
			    &tc->contacts, &tc->ncontacts)) ||
	    (err = strv_dup(budget, &e->allow, e->has_allow, &tc->allow,
			    &tc->nallow)) ||
	    (err = auth_dup(budget, &tc->auth, e->auth)) ||
	    (err = headers_dup(budget, e->headers, e->nheaders, &tc->headers,
			       &tc->nheaders)) ||
	    (err = bdup_opt(budget, e->body, &tc->body)) ||
	    (err = bdup_opt(budget, e->content_type, &tc->content_type)) ||
	    (err = bdup_opt(budget, e->from, &tc->from)) ||
	    (err = strv_dup(budget, &e->tags, e->tags.n > 0, &tc->tags, &tc->ntags)))
		return err;
	return bdup_opt(budget, e->to, &tc->to);
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

int plan_retain(struct plan *plan, const bool *keep)
{
	size_t i, n = 0;

	if (!plan || !keep)
		return EINVAL;
	for (i = 0; i < plan->ncases; i++) {
		if (!keep[i])
			tcase_clear(&plan->cases[i]);
		else if (n++ != i)
			plan->cases[n - 1] = plan->cases[i];
	}
	plan->ncases = n;
	return 0;
}

bool plan_case_has_tag(const struct tcase *tc, const char *t)
{
	size_t i;

	for (i = 0; tc && t && i < tc->ntags; i++)
		if (strcmp(tc->tags[i], t) == 0)
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* Setup steps                                                         */

int plan_add_step(struct plan *plan, const struct plan_step *step)
{
	const struct plan_register *r;
	struct plan_register *d;
	struct plan_step *v;
	struct plan_list allow;
	size_t budget = SIZE_MAX;
	int err;

	if (!plan || !step || step->kind != PLAN_STEP_REGISTER ||
	    !step->reg.uri)
		return EINVAL;
	if (plan->nsetup >= SIZE_MAX / sizeof(*v) - 1)
		return ENOMEM;
	v = realloc(plan->setup, (plan->nsetup + 1) * sizeof(*v));
	if (!v)
		return ENOMEM;
	plan->setup = v;
	/* Counted before it is filled: on failure plan_free() clears it. */
	v = &plan->setup[plan->nsetup++];
	memset(v, 0, sizeof(*v));
	v->kind = step->kind;
	v->line = step->line;
	v->col = step->col;
	r = &step->reg;
	d = &v->reg;
	d->expires = r->expires;
	allow = (struct plan_list){ (const char *const *)r->allow, r->nallow,
				    true };
	if ((err = bdup_opt(&budget, r->uri, &d->uri)) ||
	    (err = bdup_opt(&budget, r->contact, &d->contact)) ||
	    (err = strv_dup(&budget, &allow, r->allow != NULL, &d->allow,
			    &d->nallow)))
		return err;
	return auth_dup(&budget, &d->auth, &r->auth);
}

/* ------------------------------------------------------------------ */
/* Credentials                                                         */

bool plan_auth_value_safe(const char *s, const char **why, size_t *at)
{
	const char *w = NULL, *q;
	size_t off = 0;

	if (s && !*s)
		w = "is empty";
	else if (!sipp_value_safe(s, &w, &off))
		;
	else if ((q = strpbrk(s, "\"\\")) != NULL) {
		w = "contains '\"' or '\\': it goes into a quoted Digest "
		    "parameter";
		off = (size_t)(q - s);
	}
	if (w) {
		if (why)
			*why = w;
		if (at)
			*at = off;
		return false;
	}
	return true;
}

int plan_auth_password(const struct plan_auth *a, char *buf, size_t size,
		       const char **why)
{
	const char *pw, *w = NULL;
	size_t n;
	int err = 0;

	if (!a || !a->user || !buf || !size ||
	    !a->password == !a->password_env) {
		w = "no credentials";
		err = EINVAL;
	} else if (!(pw = a->password ? a->password
				      : getenv(a->password_env))) {
		w = "is not set";
		err = ENOENT;
	} else if (!plan_auth_value_safe(pw, &w, NULL)) {
		err = EBADMSG;
	} else if ((n = strlen(pw)) >= size) {
		w = "is too long";
		err = ERANGE;
	} else {
		memcpy(buf, pw, n + 1);
		return 0;
	}
	if (buf && size)
		buf[0] = '\0';
	if (why)
		*why = w;
	return err;
}

/* ------------------------------------------------------------------ */
/* ${target}                                                           */

struct xctx {
	const char *file;
	const char *hp;        /* the hostport */
	size_t hplen;
	struct diag *dg;
	size_t line, col;      /* the test or step */
};

/*
 * *sp with ${target} replaced (if it holds one), checked as a SIPp value
 * and, for a URI, as a URI whose host:port is hostport.
 */
static int expand_one(struct xctx *x, const char *key, char **sp, bool uri)
{
	char buf[SIPP_VALUE_MAX + 2], *d;
	struct sipuri u;
	struct sipmsg_err perr;
	const char *why = NULL;
	size_t n = 0, at = 0;

	if (!*sp)
		return 0;
	if (tvar_scan(*sp, &n, &at))
		return diag_set(x->dg, x->file, x->line, x->col, "'%s' may use "
				"only the variable ${target} (offset %zu)",
				key, at);
	if (n == 0)
		return 0;
	if (tvar_expand(buf, sizeof(buf), *sp, x->hp) > SIPP_VALUE_MAX) {
		why = "is longer than 1024 bytes";
		at = SIPP_VALUE_MAX;
	} else if (!sipp_value_safe(buf, &why, &at)) {
		;
	} else if (uri && (sipuri_parse(&u, pl_from(buf), &perr) ||
			   !tvar_uri_host(*sp, &u, buf, x->hplen))) {
		return diag_set(x->dg, x->file, x->line, x->col, "'%s' with "
				"${target} as '%s' is not a valid URI", key,
				x->hp);
	}
	if (why)
		return diag_set(x->dg, x->file, x->line, x->col, "'%s' with "
				"${target} as '%s' %s (offset %zu)", key, x->hp,
				why, at);
	if (!(d = strdup(buf)))
		return ENOMEM;
	free(*sp);
	*sp = d;
	return 0;
}

static int expand_case(struct xctx *x, struct tcase *tc)
{
	size_t i;
	int err;

	x->line = tc->line;
	x->col = tc->col;
	if ((err = expand_one(x, "request_uri", &tc->request_uri, true)) ||
	    (err = expand_one(x, "from", &tc->from, true)) ||
	    (err = expand_one(x, "to", &tc->to, true)))
		return err;
	for (i = 0; i < tc->ncontacts; i++)
		if ((err = expand_one(x, "contact", &tc->contacts[i], true)))
			return err;
	for (i = 0; i < tc->nheaders; i++)
		if ((err = expand_one(x, tc->headers[i].name,
				      &tc->headers[i].value, false)))
			return err;
	return 0;
}

/* hostport is one host[:port] (port 1..65535), safe for SIPp. */
static bool hostport_ok(const char *hp)
{
	char buf[SIPP_VALUE_MAX + 8];
	struct sipuri u;
	struct sipmsg_err perr;

	if (!hp || !*hp || !sipp_value_safe(hp, NULL, NULL) ||
	    tvar_scan(hp, NULL, NULL) || strstr(hp, TVAR_NAME) ||
	    tvar_expand(buf, sizeof(buf), "sip:" TVAR_NAME, hp) >= sizeof(buf) ||
	    sipuri_parse(&u, pl_from(buf), &perr))
		return false;
	return !u.has_userinfo && tvar_uri_host("sip:" TVAR_NAME, &u, buf,
						strlen(hp)) &&
	       !(u.has_port && u.portnum == 0);
}

int plan_expand_target(struct plan *plan, const char *hostport,
		       struct diag *dg)
{
	struct xctx x = { NULL, hostport, 0, dg, 0, 0 };
	size_t i;
	int err;

	if (!plan || !hostport_ok(hostport))
		return EINVAL;
	x.file = plan->file ? plan->file : "";
	x.hplen = strlen(hostport);
	for (i = 0; i < plan->ncases; i++)
		if ((err = expand_case(&x, &plan->cases[i])))
			return err;
	for (i = 0; i < plan->nsetup; i++) {
		struct plan_step *st = &plan->setup[i];

		x.line = st->line;
		x.col = st->col;
		if ((err = expand_one(&x, "uri", &st->reg.uri, true)) ||
		    (err = expand_one(&x, "contact", &st->reg.contact, true)))
			return err;
	}
	return 0;
}
