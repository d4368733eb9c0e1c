/*
 * rule.c - the RFC 3261 check catalogue (the check catalogue) as a table, and the
 * judge that runs it over one request/response exchange.
 *
 * The catalogue is one X-macro list, RULE_LIST in rule_table.h, so that
 * enum rule_id, the public table (struct rule: data only) and the private
 * table of rule functions stay in step.  A check whose function is NULL
 * compares several exchanges (stability, consistency with OPTIONS,
 * loops); it is listed so that the id is fixed, but rule_judge() does not
 * produce a result for it.  Which checks run for an expectation is the
 * business of the expectation table (expect.c): its row lists the rule
 * scopes.
 */
#include "judge/rule_impl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULE_ROW(name_, num_, fn_, id_, sec_, lvl_, warn_, scope_, kind_, hdr_, text_) \
	{ .rid = RULE_##name_, .num = num_, .id = id_, .section = sec_, .level = RULE_##lvl_, \
	  .warn_only = warn_, .kind = RULE_##kind_, .scope = RULE_SCOPE_##scope_, \
	  .header = hdr_, .text = text_ },
#define RULE_FN(name, num, fn, id, sec, lvl, warn, scope, kind, hdr, text) fn,

const struct rule rule_table[] = { RULE_LIST(RULE_ROW) };
const size_t rule_count = sizeof(rule_table) / sizeof(rule_table[0]);

_Static_assert(sizeof(rule_table) / sizeof(rule_table[0]) == RULE__COUNT - 1,
	       "enum rule_id and rule_table out of step");

/* NULL: judged across exchanges, not by rule_judge(). */
static rule_fn *const rule_fns[] = { RULE_LIST(RULE_FN) };

_Static_assert(sizeof(rule_fns) / sizeof(rule_fns[0]) ==
	       sizeof(rule_table) / sizeof(rule_table[0]), "rule tables out of step");

const struct rule *rule_get(enum rule_id id)
{
	if (id <= RULE_NONE || id >= RULE__COUNT)
		return NULL;
	return &rule_table[id - 1];
}

const char *rule_id_str(enum rule_id id)
{
	const struct rule *ru = rule_get(id);

	return ru ? ru->id : "?";
}

bool rule_is_expectation(const struct rule *ru)
{
	return ru && ru->kind == RULE_EXPECTATION;
}

enum check_outcome rule_outcome(const struct rule *ru, bool ok)
{
	if (ok || ru->level == RULE_INFO)
		return CHECK_PASS;
	if (ru->level == RULE_SHOULD || ru->warn_only)
		return CHECK_WARN;
	return CHECK_FAIL;
}

const char *rule_level_name(enum rule_level l)
{
	switch (l) {
	case RULE_MUST:    return "MUST";
	case RULE_SHOULD:  return "SHOULD";
	case RULE_DERIVED: return "DERIVED";
	case RULE_INFO:    return "INFO";
	}
	return "?";
}

const char *check_outcome_name(enum check_outcome o)
{
	switch (o) {
	case CHECK_PASS: return "pass";
	case CHECK_FAIL: return "fail";
	case CHECK_WARN: return "warn";
	case CHECK_NA:   return "na";
	}
	return "?";
}

enum check_outcome rule_worst(const struct check_result *r, size_t n, bool strict)
{
	enum check_outcome w = CHECK_PASS;
	size_t i;

	for (i = 0; r && i < n; i++) {
		if (r[i].outcome == CHECK_FAIL)
			return CHECK_FAIL;
		if (r[i].outcome == CHECK_WARN)
			w = strict ? CHECK_FAIL : CHECK_WARN;
	}
	return w;
}

/* ---- reporting helpers (rule_impl.h) ------------------------------------ */

/* Reasons end up in TAP lines and XML: no control bytes, one line. */
static void reason_clean(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

static void vset(struct check_result *r, enum check_outcome o, struct pl ev,
		 const char *fmt, va_list ap)
{
	r->outcome = o;
	r->evidence = ev;
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	reason_clean(r->reason);
}

void rule_pass(struct check_result *r, struct pl ev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(r, CHECK_PASS, ev, fmt, ap);
	va_end(ap);
}

void rule_fail(struct check_result *r, struct pl ev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(r, rule_outcome(r->rule, false), ev, fmt, ap);
	va_end(ap);
}

void rule_warn(struct check_result *r, struct pl ev, const char *fmt, ...)
{
	enum check_outcome o;
	va_list ap;

	/* A warning at most: what rule_outcome() makes of a failure, capped. */
	o = rule_outcome(r->rule, false) == CHECK_PASS ? CHECK_PASS : CHECK_WARN;
	va_start(ap, fmt);
	vset(r, o, ev, fmt, ap);
	va_end(ap);
}

void rule_na(struct check_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(r, CHECK_NA, PL_NULL, fmt, ap);
	va_end(ap);
}

void rule_cat(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strnlen(buf, size);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

const char *rule_status_text(unsigned code)
{
	/* §21, the codes a redirect or method test can plausibly meet. */
	static const struct { unsigned code; const char *text; } t[] = {
		{ 100, "Trying" }, { 180, "Ringing" }, { 183, "Session Progress" },
		{ 200, "OK" }, { 202, "Accepted" },
		{ 300, "Multiple Choices" }, { 301, "Moved Permanently" },
		{ 302, "Moved Temporarily" }, { 305, "Use Proxy" },
		{ 380, "Alternative Service" },
		{ 400, "Bad Request" }, { 401, "Unauthorized" }, { 403, "Forbidden" },
		{ 404, "Not Found" }, { 405, "Method Not Allowed" },
		{ 407, "Proxy Authentication Required" }, { 408, "Request Timeout" },
		{ 410, "Gone" }, { 415, "Unsupported Media Type" },
		{ 416, "Unsupported URI Scheme" }, { 420, "Bad Extension" },
		{ 480, "Temporarily Unavailable" },
		{ 481, "Call/Transaction Does Not Exist" }, { 482, "Loop Detected" },
		{ 483, "Too Many Hops" }, { 484, "Address Incomplete" },
		{ 486, "Busy Here" }, { 487, "Request Terminated" },
		{ 488, "Not Acceptable Here" },
		{ 500, "Server Internal Error" }, { 501, "Not Implemented" },
		{ 502, "Bad Gateway" }, { 503, "Service Unavailable" },
		{ 504, "Server Time-out" }, { 505, "Version Not Supported" },
		{ 513, "Message Too Large" },
		{ 600, "Busy Everywhere" }, { 603, "Decline" },
		{ 604, "Does Not Exist Anywhere" }, { 606, "Not Acceptable" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].code == code)
			return t[i].text;
	return "";
}

struct pl rule_row_at(const struct sipmsg *msg, const char *at, size_t line)
{
	size_t i;

	if (!msg)
		return PL_NULL;
	if (at) {
		if (msg->start_line.p && at >= msg->start_line.p &&
		    at < msg->start_line.p + msg->start_line.l)
			return msg->start_line;
		for (i = 0; i < msg->nhdrs; i++) {
			const struct pl row = msg->hdrs[i].row;

			/* <= : an error "at end of value" points just past the row. */
			if (row.p && at >= row.p && at <= row.p + row.l)
				return row;
		}
	}
	if (line > 1) {
		for (i = msg->nhdrs; i-- > 0;)
			if (msg->hdrs[i].line && msg->hdrs[i].line <= line)
				return msg->hdrs[i].row;
	}
	return msg->start_line;
}

struct pl rule_row(const struct sipmsg *msg, enum siphdr_id id)
{
	const struct siphdr *h = sipmsg_hdr(msg, id);

	return h ? h->row : msg->start_line;
}

bool rule_nomem(const struct rule_ctx *c, int err)
{
	if (err != ENOMEM)
		return false;
	*c->nomem = true;
	return true;
}

bool rule_status_gate(struct check_result *r, const struct rule_ctx *c)
{
	if (c->status_ok)
		return true;
	rule_na(r, "not judged: status was %u", c->resp->scode);
	return false;
}

/* ---- the judge ------------------------------------------------------------ */

/* A check of scope 0 applies to every response; else its scope must be
 * one the expectation's row runs. */
static bool applies(const struct rule *ru, unsigned scopes)
{
	return ru->scope == RULE_SCOPE_ANY || (ru->scope & scopes) != 0;
}

int rule_judge(struct check_result **resp, size_t *np,
	       const struct exchange *x, const struct expect *exp)
{
	struct rule_ctx c;
	struct check_result *res = NULL;
	unsigned scopes;
	size_t i, n = 0;
	bool nomem = false;
	int err = 0;

	if (!resp || !np || !x || !exp || !x->resp || x->resp->is_request)
		return EINVAL;

	memset(&c, 0, sizeof(c));
	c.x = x;
	c.exp = exp;
	c.req = (x->req && x->req->is_request) ? x->req : NULL;
	c.resp = x->resp;
	c.status_ok = x->resp->scode == exp->code;
	c.row = expect_find(exp->code);
	c.nomem = &nomem;
	scopes = c.row ? c.row->scopes : RULE_SCOPE_ANY;

	if (c.req && sipuri_parse(&c.ruri, c.req->ruri, RULE_NOERR) == 0)
		c.has_ruri = true;

	c.contacts_err = sipmsg_contacts(c.resp, &c.contacts, &c.ncontacts,
					 &c.contacts_perr);
	if (c.contacts_err == ENOMEM) {
		err = ENOMEM;
		goto out;
	}
	if (c.contacts_err) {
		c.contacts = NULL;
		c.ncontacts = 0;
	}
	c.allow_err = sipmsg_allow(c.resp, &c.allow_present, &c.allow,
				   &c.nallow, &c.allow_perr);
	if (c.allow_err == ENOMEM) {
		err = ENOMEM;
		goto out;
	}
	if (c.allow_err) {
		/* Presence is a fact of the rows, whatever their syntax. */
		c.allow_present = sipmsg_hdr_count(c.resp, SIPHDR_ALLOW) > 0;
		c.allow = NULL;
		c.nallow = 0;
	}

	res = calloc(rule_count, sizeof(*res));
	if (!res) {
		err = ENOMEM;
		goto out;
	}
	for (i = 0; i < rule_count; i++) {
		struct check_result *r;

		if (!rule_fns[i] || !applies(&rule_table[i], scopes))
			continue;
		r = &res[n++];
		r->rule = &rule_table[i];
		r->outcome = CHECK_NA;
		r->msg = c.resp->raw;
		rule_fns[i](r, &c);
		if (nomem) {
			err = ENOMEM;
			goto out;
		}
		if (!r->reason[0])
			rule_na(r, "not judged");
	}

out:
	free(c.contacts);
	free(c.allow);
	if (err) {
		free(res);
		return err;
	}
	*resp = res;
	*np = n;
	return 0;
}
