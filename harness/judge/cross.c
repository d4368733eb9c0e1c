/*
 * cross.c - checks across requests (see cross.h).
 *
 * RFC 3261 §21.3.2: 301 "The user can no longer be found at the address
 * in the Request-URI, and the requesting client SHOULD retry at the new
 * address given by the Contact header field".  A permanent move is a fact
 * about the address, so it must not depend on the try, the method
 * (§8.3: a redirect server "MUST ignore" ... "even method names") or the
 * transport.  §21.4.6: 405 "The response MUST include an Allow header
 * field containing a list of valid methods for the indicated address":
 * the same list every time, and the same as OPTIONS says (§11.2).
 * §21.3.3: a 302 is a move "for now" and promises nothing about the next
 * request, so its row of the expectation table has no stability check.
 */
#include "judge/cross.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int set_add(struct cross_set *s, struct pl v)
{
	char **nv = realloc(s->v, (s->n + 1) * sizeof(*nv));

	if (!nv)
		return ENOMEM;
	s->v = nv;
	s->v[s->n] = pl_strdup(v);
	if (!s->v[s->n])
		return ENOMEM;
	s->n++;
	return 0;
}

void cross_set_clear(struct cross_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

int cross_set_contacts(struct cross_set *s, const struct sipmsg *resp)
{
	struct sipaddr *a = NULL;
	size_t n = 0, i;
	int err;

	memset(s, 0, sizeof(*s));
	s->present = sipmsg_hdr_count(resp, SIPHDR_CONTACT) > 0;
	err = sipmsg_contacts(resp, &a, &n, NULL);
	if (err == EBADMSG)
		return 0; /* judged by the syntax checks; no set to compare */
	for (i = 0; !err && i < n; i++)
		if (!a[i].star)
			err = set_add(s, a[i].uri.raw);
	free(a);
	if (err)
		cross_set_clear(s);
	return err;
}

int cross_set_allow(struct cross_set *s, const struct sipmsg *resp)
{
	struct pl *m = NULL;
	size_t n = 0, i;
	int err;

	memset(s, 0, sizeof(*s));
	err = sipmsg_allow(resp, &s->present, &m, &n, NULL);
	if (err == EBADMSG) {
		s->present = true;
		s->bad = true;
		return 0;
	}
	for (i = 0; !err && i < n; i++)
		err = set_add(s, m[i]);
	free(m);
	if (err)
		cross_set_clear(s);
	return err;
}

int cross_set_from(struct cross_set *s, enum expect_set which,
		   const struct sipmsg *resp)
{
	switch (which) {
	case EXPECT_SET_CONTACT: return cross_set_contacts(s, resp);
	case EXPECT_SET_ALLOW:   return cross_set_allow(s, resp);
	case EXPECT_SET_NONE:    break;
	}
	memset(s, 0, sizeof(*s));
	return EINVAL;
}

static bool uri_eq_str(const char *a, const char *b)
{
	struct sipuri ua, ub;

	if (sipuri_parse(&ua, pl_from(a), NULL) || sipuri_parse(&ub, pl_from(b), NULL))
		return strcmp(a, b) == 0;
	return sipuri_equal(&ua, &ub);
}

static bool has(const struct cross_set *s, const char *x, bool uris)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (uris ? uri_eq_str(s->v[i], x) : strcmp(s->v[i], x) == 0)
			return true;
	return false;
}

bool cross_set_has_uri(const struct cross_set *s, const char *uri)
{
	return has(s, uri, true);
}

bool cross_set_equal(const struct cross_set *a, const struct cross_set *b, bool uris)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (!has(b, a->v[i], uris))
			return false;
	for (i = 0; i < b->n; i++)
		if (!has(a, b->v[i], uris))
			return false;
	return true;
}

void cross_set_format(const struct cross_set *s, char *buf, size_t size)
{
	size_t i, l;

	if (!s->present) {
		snprintf(buf, size, "(no header)");
		return;
	}
	snprintf(buf, size, "{");
	for (i = 0; i < s->n; i++) {
		l = strlen(buf);
		snprintf(buf + l, size - l, "%s%s", i ? ", " : "", s->v[i]);
	}
	l = strlen(buf);
	snprintf(buf + l, size - l, "}");
}

/* Append a zeroed result of check id to *resp; *out points at it. */
static int result_push(struct check_result **resp, size_t *np, enum rule_id id,
		       struct check_result **out)
{
	const struct rule *ru = rule_get(id);
	struct check_result *v;

	if (!ru)
		return EINVAL;
	v = realloc(*resp, (*np + 1) * sizeof(*v));
	if (!v)
		return ENOMEM;
	*resp = v;
	*out = &v[*np];
	memset(*out, 0, sizeof(**out));
	(*out)->rule = ru;
	(*np)++;
	return 0;
}

int cross_result(struct check_result **resp, size_t *np, enum rule_id id,
		 bool ok, struct pl ev, struct pl msg, const char *fmt, ...)
{
	struct check_result *r;
	va_list ap;
	int err = result_push(resp, np, id, &r);

	if (err)
		return err;
	r->evidence = ev;
	r->msg = msg;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	va_end(ap);
	r->outcome = rule_outcome(r->rule, ok);
	return 0;
}

int cross_na(struct check_result **resp, size_t *np, enum rule_id id,
	     const char *why)
{
	struct check_result *r;
	int err = result_push(resp, np, id, &r);

	if (err)
		return err;
	r->outcome = CHECK_NA;
	snprintf(r->reason, sizeof(r->reason), "%s", why);
	return 0;
}

/* What a set is called in reasons, and the header it comes from. */
static const char *set_what(enum expect_set w)
{
	return w == EXPECT_SET_CONTACT ? "Contact set" : "Allow set";
}

/* The evidence row for a set: the first Contact/Allow row, else the start line. */
static struct pl set_row(const struct sipmsg *m, enum expect_set w)
{
	const struct siphdr *h = sipmsg_hdr(m, w == EXPECT_SET_CONTACT ? SIPHDR_CONTACT
								 : SIPHDR_ALLOW);

	return h ? h->row : m->start_line;
}

/* Contact URIs compare under §19.1.4; methods byte-exact (§25). */
static bool set_eq(const struct cross_set *a, const struct cross_set *b, enum expect_set w)
{
	return cross_set_equal(a, b, w == EXPECT_SET_CONTACT);
}

int cross_stable(struct check_result **resp, size_t *np, unsigned code,
		 const struct sipmsg *const *resps, const struct cross_set *sets,
		 size_t n)
{
	const struct expect_row *row = expect_find(code);
	char a[200], b[200];
	enum rule_id id;
	size_t i;

	if (!row)
		return EINVAL;
	id = row->stable;
	if (id == RULE_NONE || row->set == EXPECT_SET_NONE)
		return 0; /* nothing promises the same answer twice (302) */
	if (n < 2)
		return cross_na(resp, np, id, "only one response of the expected code: nothing to compare (use 'repeat')");
	for (i = 1; i < n; i++) {
		if (!set_eq(&sets[0], &sets[i], row->set)) {
			cross_set_format(&sets[0], a, sizeof(a));
			cross_set_format(&sets[i], b, sizeof(b));
			return cross_result(resp, np, id, false, set_row(resps[i], row->set),
					    resps[i]->raw,
					    "%s changed between fresh requests: #1 got %s, #%zu got %s",
					    set_what(row->set), a, i + 1, b);
		}
	}
	cross_set_format(&sets[0], a, sizeof(a));
	return cross_result(resp, np, id, true, set_row(resps[0], row->set), resps[0]->raw,
			    "the same %s on all %zu requests: %s", set_what(row->set), n, a);
}

struct cross_entry {
	char *group;
	char *ruri;
	char *first_id;
	char *method;
	enum transport tr;
	unsigned code;
	struct cross_set set;
};

struct cross {
	struct cross_entry *v;
	size_t n;
};

struct cross *cross_new(void)
{
	return calloc(1, sizeof(struct cross));
}

struct cross *cross_free(struct cross *c)
{
	size_t i;

	if (!c)
		return NULL;
	for (i = 0; i < c->n; i++) {
		free(c->v[i].group);
		free(c->v[i].ruri);
		free(c->v[i].first_id);
		free(c->v[i].method);
		cross_set_clear(&c->v[i].set);
	}
	free(c->v);
	free(c);
	return NULL;
}

static int set_copy(struct cross_set *dst, const struct cross_set *src)
{
	size_t i;
	int err = 0;

	memset(dst, 0, sizeof(*dst));
	dst->present = src->present;
	for (i = 0; !err && i < src->n; i++)
		err = set_add(dst, pl_from(src->v[i]));
	return err;
}

int cross_group(struct cross *c, struct check_result **resp, size_t *np,
		const struct tcase *tc, enum transport tr,
		const struct cross_set *set, const struct sipmsg *resp_msg)
{
	const struct expect_row *row = tc ? expect_find(tc->expect) : NULL;
	struct cross_entry *e = NULL, *nv;
	enum rule_id id;
	char a[200], b[200];
	size_t i;

	if (!c || !row)
		return EINVAL;
	if ((row->methods == RULE_NONE && row->transports == RULE_NONE) ||
	    row->set == EXPECT_SET_NONE)
		return 0; /* nothing to compare across the entry (302) */
	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].group, tc->group) == 0 &&
		    strcmp(c->v[i].ruri, tc->request_uri) == 0 &&
		    c->v[i].code == tc->expect)
			e = &c->v[i];
	if (!e) {
		nv = realloc(c->v, (c->n + 1) * sizeof(*nv));
		if (!nv)
			return ENOMEM;
		c->v = nv;
		e = &c->v[c->n];
		memset(e, 0, sizeof(*e));
		e->group = strdup(tc->group);
		e->ruri = strdup(tc->request_uri);
		e->first_id = strdup(tc->id);
		e->method = strdup(tc->method);
		e->tr = tr;
		e->code = tc->expect;
		if (!e->group || !e->ruri || !e->first_id || !e->method ||
		    set_copy(&e->set, set)) {
			free(e->group); free(e->ruri); free(e->first_id); free(e->method);
			cross_set_clear(&e->set);
			return ENOMEM;
		}
		c->n++;
		return 0; /* the first of its group: nothing to compare yet */
	}
	id = strcmp(e->method, tc->method) != 0 ? row->methods : row->transports;
	if (id == RULE_NONE)
		return 0;
	cross_set_format(&e->set, a, sizeof(a));
	cross_set_format(set, b, sizeof(b));
	if (!set_eq(&e->set, set, row->set))
		return cross_result(resp, np, id, false, set_row(resp_msg, row->set),
				    resp_msg->raw,
				    "%s (%s over %s) got %s, but %s (%s over %s) got %s",
				    tc->id, tc->method, transport_name(tr), b, e->first_id,
				    e->method, transport_name(e->tr), a);
	return cross_result(resp, np, id, true, set_row(resp_msg, row->set), resp_msg->raw,
			    "same set as %s (%s over %s): %s", e->first_id, e->method,
			    transport_name(e->tr), b);
}

/*
 * The Allow of a final response to OPTIONS, or -1 with why: no answer,
 * not 200, no Allow.  0 with *s filled (s->bad: it does not parse),
 * ENOMEM.
 */
static int options_allow(struct cross_set *s, const struct sipmsg *opt, const char *who,
			 char *why, size_t size)
{
	int err;

	memset(s, 0, sizeof(*s));
	if (!opt) {
		snprintf(why, size, "%sOPTIONS got no final response: nothing to compare", who);
		return -1;
	}
	if (opt->scode != 200) {
		snprintf(why, size, "%sOPTIONS got %u, not 200: nothing to compare", who,
			 opt->scode);
		return -1;
	}
	err = cross_set_allow(s, opt);
	if (err)
		return err;
	if (!s->present)
		snprintf(why, size, "%sthe 200 to OPTIONS carries no Allow (RFC 3261 §11.2 SHOULD)",
			 who);
	else
		return 0;
	cross_set_clear(s);
	return -1;
}

int cross_allow_options(struct check_result **resp, size_t *np,
			const struct cross_set *allow, const struct sipmsg *opt,
			const char *who)
{
	struct cross_set os;
	char a[200], b[200], why[300];
	int err = options_allow(&os, opt, who, why, sizeof(why));

	if (err < 0)
		return cross_na(resp, np, RULE_ALLOW_MATCHES_OPTIONS, why);
	if (err)
		return err;
	cross_set_format(allow, a, sizeof(a));
	cross_set_format(&os, b, sizeof(b));
	if (os.bad)	/* no list to agree with: the 405's is not confirmed */
		snprintf(b, sizeof(b), "does not parse");
	err = cross_result(resp, np, RULE_ALLOW_MATCHES_OPTIONS,
			   !os.bad && cross_set_equal(allow, &os, false),
			   set_row(opt, EXPECT_SET_ALLOW), opt->raw,
			   "%s405 Allow %s, OPTIONS 200 Allow %s", who, a, b);
	cross_set_clear(&os);
	return err;
}

int cross_501_allowed(struct check_result **resp, size_t *np, const char *method,
		      const struct sipmsg *r501, const struct sipmsg *opt)
{
	struct cross_set os;
	char b[200], why[300];
	int err = options_allow(&os, opt, "capability probe: ", why, sizeof(why));

	if (err < 0)
		return cross_na(resp, np, RULE_501_BUT_ALLOWED, why);
	if (err)
		return err;
	if (os.bad) {
		cross_set_clear(&os);
		return cross_na(resp, np, RULE_501_BUT_ALLOWED, "capability probe: the Allow of "
				"the 200 to OPTIONS does not parse: nothing to compare");
	}
	cross_set_format(&os, b, sizeof(b));
	if (has(&os, method, false))
		err = cross_result(resp, np, RULE_501_BUT_ALLOWED, false,
				   set_row(opt, EXPECT_SET_ALLOW), opt->raw,
				   "%s got '%.*s', but the SUT's own 200 to OPTIONS lists %s in "
				   "Allow %s: recognised-but-refused must be 405 (§8.2.1, §20.5)",
				   method, (int)(r501->start_line.l > 80 ? 80 : r501->start_line.l),
				   r501->start_line.p ? r501->start_line.p : "", method, b);
	else
		err = cross_result(resp, np, RULE_501_BUT_ALLOWED, true, r501->start_line,
				   r501->raw, "%s is not in the Allow %s of the 200 to OPTIONS",
				   method, b);
	cross_set_clear(&os);
	return err;
}
