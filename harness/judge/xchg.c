/* xchg.c - a SIPp run's capture, parsed and grouped into exchanges (see xchg.h). */
#include "judge/xchg.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge/cross.h"
#include "sip/addr.h"

void xchg_budget_init(struct xchg_budget *b)
{
	b->msgs = XCHG_KEEP_MSGS;
	b->bytes = XCHG_KEEP_BYTES;
}

void xchg_capture_free(struct xchg_capture *c)
{
	size_t i;

	if (c->log && c->msg)
		for (i = 0; i < c->log->nframes; i++)
			sipmsg_free(c->msg[i]);
	free(c->msg);
	free(c->perr);
	c->log = siplog_free(c->log);
	c->msg = NULL;
	c->perr = NULL;
}

int xchg_capture_parse(struct xchg_capture *c, struct siplog *log)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->log = log;
	c->msg = calloc(log->nframes + 1, sizeof(*c->msg));
	c->perr = calloc(log->nframes + 1, sizeof(*c->perr));
	if (!c->msg || !c->perr) {
		xchg_capture_free(c);
		return ENOMEM;
	}
	for (i = 0; i < log->nframes; i++) {
		struct sipmsg_err e;
		const struct pl raw = log->frames[i].raw;

		memset(&e, 0, sizeof(e));
		if (sipmsg_parse(&c->msg[i], raw.p, raw.l, &e) != 0) {
			c->msg[i] = NULL;
			snprintf(c->perr[i], sizeof(c->perr[i]), "%s",
				 e.what[0] ? e.what : "not a SIP message");
		}
	}
	return 0;
}

/* Load path (path non-NULL) or split buf (owned) within budget b (NULL: a full one). */
static int capture_kept(struct xchg_capture *c, const char *path, char *buf, size_t len,
			struct xchg_budget *b, const char **why)
{
	struct xchg_budget full;
	struct siplog_cap cap;
	struct siplog *log = NULL;
	size_t i;
	int err;

	memset(c, 0, sizeof(*c));
	if (!b) {
		xchg_budget_init(&full);
		b = &full;
	}
	cap.frames = b->msgs;
	cap.bytes = b->bytes;
	err = path ? siplog_load_capped(&log, path, &cap) : siplog_parse_capped(&log, buf, len, &cap);
	if (err) {
		*why = "cannot read SIPp's message log";
		return err;
	}
	b->msgs -= log->nframes;
	for (i = 0; i < log->nframes; i++)
		b->bytes -= log->frames[i].raw.l;
	return xchg_capture_parse(c, log);
}

int xchg_capture_load_kept(struct xchg_capture *c, const char *path, struct xchg_budget *b,
			   const char **why)
{
	return capture_kept(c, path, NULL, 0, b, why);
}

int xchg_capture_parse_kept(struct xchg_capture *c, char *buf, size_t len,
			    struct xchg_budget *b, const char **why)
{
	return capture_kept(c, NULL, buf, len, b, why);
}

int xchg_capture_load(struct xchg_capture *c, const char *path, const char **why)
{
	return xchg_capture_load_kept(c, path, NULL, why);
}

/* "52,113" */
static void xchg_count(char *out, size_t size, size_t n)
{
	char d[32];
	size_t l, i, o = 0;

	l = (size_t)snprintf(d, sizeof(d), "%zu", n);
	for (i = 0; i < l && o + 2 < size; i++) {
		if (i > 0 && (l - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = d[i];
	}
	out[o] = '\0';
}

/* "the SUT sent N <kind>s in T s (M messages, X MB in SIPp's log)": the
 * kind of message the SUT sent most, how many, how fast. */
static void xchg_sent(const struct siplog *log, char *out, size_t size)
{
	const struct siplog_tally *t = &log->all;
	size_t most = t->rx_prov, all = t->sent + t->rx_prov + t->rx_final + t->rx_other;
	const char *what = "provisional response";
	char n[32], na[32], secs[48] = "";

	if (t->rx_final > most) {
		most = t->rx_final;
		what = "final response";
	}
	if (t->rx_other > most) {
		most = t->rx_other;
		what = "request or other message";
	}
	xchg_count(na, sizeof(na), all);
	if (t->rx_first > 0 && t->rx_last >= t->rx_first)
		snprintf(secs, sizeof(secs), " in %.1f s", t->rx_last - t->rx_first);
	xchg_count(n, sizeof(n), most);
	snprintf(out, size, "the SUT sent %s %s%s%s (%s messages, %.1f MB in SIPp's log)", n,
		 what, most == 1 ? "" : "s", secs, na, (double)t->bytes / 1e6);
}

/* The flood past the test's budget, in words. */
static void xchg_flood(const struct siplog *log, char *out, size_t size)
{
	const struct siplog_tally *t = &log->all;
	size_t all = t->sent + t->rx_prov + t->rx_final + t->rx_other;
	char na[32], keep[32], kept[32], sent[200];

	xchg_count(na, sizeof(na), all);
	xchg_count(keep, sizeof(keep), XCHG_KEEP_MSGS);
	if (log->nframes == 0) {
		/* Nothing kept at all: the test's budget was spent before this run. */
		snprintf(out, size, "the %s messages and %u MiB a test keeps were spent before "
			 "this SIPp run: its %s message%s were counted, not judged", keep,
			 XCHG_KEEP_BYTES >> 20, na, all == 1 ? "" : "s");
		return;
	}
	xchg_sent(log, sent, sizeof(sent));
	xchg_count(kept, sizeof(kept), log->nframes);
	snprintf(out, size, "%s, past the %s messages and %u MiB a test keeps: the first %s of "
		 "this SIPp run were judged, the rest only counted", sent, keep,
		 XCHG_KEEP_BYTES >> 20, kept);
}

void xchg_capture_sent(const struct xchg_capture *c, char *out, size_t size)
{
	if (size)
		out[0] = '\0';
	if (c->log)
		xchg_sent(c->log, out, size);
}

bool xchg_capture_trusted(const struct xchg_capture *c, char *why, size_t size)
{
	const struct siplog *log = c->log;
	char flood[400] = "";

	if (size)
		why[0] = '\0';
	if (!log || (log->fault == SIPLOG_INTACT && !log->capped))
		return true;
	if (log->capped)
		xchg_flood(log, flood, sizeof(flood));
	if (log->fault != SIPLOG_INTACT)
		snprintf(why, size, "%s: the verdict cannot be trusted%s%s", log->why,
			 flood[0] ? "; " : "", flood);
	else
		snprintf(why, size, "%s", flood);
	return false;
}

/* Same transaction: same Call-ID, and same CSeq when both have a valid one. */
static bool xchg_same_tx(const struct sipmsg *a, const struct sipmsg *b)
{
	struct pl ca, cb;
	struct sipcseq sa, sb;

	if (sipmsg_callid(a, &ca, NULL) || sipmsg_callid(b, &cb, NULL))
		return false;
	if (!pl_eq(ca, cb))
		return false;
	if (sipmsg_cseq(a, &sa, NULL) || sipmsg_cseq(b, &sb, NULL))
		return true;
	return sa.num == sb.num && pl_eq(sa.method, sb.method);
}

/*
 * Is m the retry with credentials of a challenged request (RFC 3261
 * §22.2, §8.1.3.5): same Call-ID and method, CSeq number one higher, the
 * earlier request's final a 401 or 407?  Sets *k to that exchange.
 */
static bool xchg_retry_of(const struct xchg *x, size_t n, const struct sipmsg *m, size_t *k)
{
	struct sipcseq sm, sr;
	struct pl cm, cr;

	if (sipmsg_callid(m, &cm, NULL) || sipmsg_cseq(m, &sm, NULL))
		return false;
	for (*k = n; (*k)-- > 0;) {
		const struct xchg *t = &x[*k];

		if (!t->final || t->challenge ||
		    (t->final->scode != 401 && t->final->scode != 407) ||
		    sipmsg_callid(t->req, &cr, NULL) || !pl_eq(cm, cr) ||
		    sipmsg_cseq(t->req, &sr, NULL) || !pl_eq(sm.method, sr.method) ||
		    sm.num != sr.num + 1)
			continue;
		return true;
	}
	return false;
}

/* The exchange t goes on with the retry m (frame i); the challenge stays
 * in t->challenge (and in the capture: evidence, not judged). */
static void xchg_retry(struct xchg *t, const struct sipmsg *m, size_t i)
{
	const struct sipmsg *ch = t->final;
	const char *cut = t->cut;

	memset(t, 0, sizeof(*t));
	t->req_frame = i;
	t->req = m;
	t->cut = cut;
	t->challenge = ch;
}

/* The exchange a received response belongs to, NULL if none (see xchg.h). */
static struct xchg *xchg_owner(struct xchg *x, size_t n, const struct sipmsg *m)
{
	struct xchg *t = NULL;
	struct pl cid, rcid;
	struct sipcseq cs;
	bool cseq_ok = sipmsg_cseq(m, &cs, NULL) == 0;
	size_t k;

	for (k = 0; k < n; k++) {
		if (sipmsg_callid(x[k].req, &rcid, NULL) == 0 &&
		    sipmsg_callid(m, &cid, NULL) == 0 && pl_eq(cid, rcid) &&
		    (!cseq_ok || pl_eq(cs.method, x[k].req->method)))
			t = &x[k];
	}
	if (!t && n == 1 && (!cseq_ok || pl_eq(cs.method, x[0].req->method)))
		t = &x[0];
	/* A (retransmitted) challenge of a request retried with credentials:
	 * evidence only, never the retry's final (see xchg_build). */
	if (t && t->challenge && cseq_ok) {
		struct sipcseq rs;

		if (sipmsg_cseq(t->req, &rs, NULL) == 0 && cs.num != rs.num)
			return NULL;
	}
	return t;
}

/* The To tag of m, PL_NULL if none (or To does not parse). */
static struct pl xchg_to_tag(const struct sipmsg *m)
{
	struct sipaddr a;
	const struct sipparam *t;

	if (sipmsg_to(m, &a, NULL) || !(t = sipaddr_param(&a, "tag")))
		return PL_NULL;
	return t->val;
}

enum xchg_fin { XCHG_FIN_SAME, XCHG_FIN_RETAG, XCHG_FIN_FORK, XCHG_FIN_DIFFER };

/*
 * Compare set s of the first final (which) with that of f: *differ, and
 * what in words.  @return 0, ENOMEM
 */
static int xchg_set_differs(const struct sipmsg *first, const struct sipmsg *f,
			    enum expect_set which, bool *differ, char *what, size_t size)
{
	struct cross_set a, b;
	char fa[100], fb[100];
	int err;

	err = cross_set_from(&a, which, first);
	if (err)
		return err;
	err = cross_set_from(&b, which, f);
	if (err) {
		cross_set_clear(&a);
		return err;
	}
	*differ = a.present != b.present || !cross_set_equal(&a, &b, which == EXPECT_SET_CONTACT);
	if (*differ) {
		cross_set_format(&b, fb, sizeof(fb));
		cross_set_format(&a, fa, sizeof(fa));
		snprintf(what, size, "%s %s, the first had %s",
			 which == EXPECT_SET_CONTACT ? "Contact" : "Allow", fb, fa);
	}
	cross_set_clear(&a);
	cross_set_clear(&b);
	return 0;
}

/* How final f compares with the first final of an exchange (see xchg.h). */
static int xchg_compare(const struct sipmsg *first, const struct sipmsg *f, bool invite,
			enum xchg_fin *out, char *what, size_t size)
{
	struct pl ta = xchg_to_tag(first), tb = xchg_to_tag(f);
	bool differ = false;
	int err;

	if (invite && first->scode / 100 == 2 && f->scode / 100 == 2 && !pl_eq(ta, tb)) {
		*out = XCHG_FIN_FORK;
		return 0;
	}
	if (first->scode != f->scode) {
		snprintf(what, size, "status %u, the first was %u", f->scode, first->scode);
		*out = XCHG_FIN_DIFFER;
		return 0;
	}
	err = xchg_set_differs(first, f, EXPECT_SET_CONTACT, &differ, what, size);
	if (!err && !differ)
		err = xchg_set_differs(first, f, EXPECT_SET_ALLOW, &differ, what, size);
	if (err)
		return err;
	*out = differ ? XCHG_FIN_DIFFER : pl_eq(ta, tb) ? XCHG_FIN_SAME : XCHG_FIN_RETAG;
	return 0;
}

/* A later final response m of exchange t. */
static int xchg_later_final(struct xchg *t, const struct sipmsg *m)
{
	enum xchg_fin fin = XCHG_FIN_SAME;
	char what[sizeof(t->conflict_what)];
	int err;

	t->nfinal++;
	err = xchg_compare(t->final, m, pl_eq_str(t->req->method, "INVITE"), &fin, what,
			   sizeof(what));
	if (err)
		return err;
	switch (fin) {
	case XCHG_FIN_SAME:
		t->nretrans++;
		break;
	case XCHG_FIN_FORK:
		t->nforks++;
		break;
	case XCHG_FIN_RETAG:
		if (!t->retag) {
			t->retag = m;
			t->retag_nth = t->nfinal;
		}
		break;
	case XCHG_FIN_DIFFER:
		if (!t->conflict) {
			t->conflict = m;
			t->conflict_nth = t->nfinal;
			memcpy(t->conflict_what, what, sizeof(what));
		}
		break;
	}
	return 0;
}

int xchg_build(struct xchg **xp, size_t *np, const struct xchg_capture *c,
	       const char *method)
{
	const struct siplog *log = c->log;
	struct xchg *x = calloc(log->nframes ? log->nframes : 1, sizeof(*x));
	const char *cut = log->fault != SIPLOG_INTACT ? "the fault in SIPp's message log" :
			  log->capped ? "the cap on the messages a test keeps" : NULL;
	size_t n = 0, i, k;
	int err = 0;

	if (!x)
		return ENOMEM;
	for (i = 0; i < log->nframes && !err; i++) {
		const struct sipmsg *m = c->msg[i];
		struct xchg *t;

		if (log->frames[i].dir == SIPLOG_SENT) {
			if (!m || !m->is_request || !pl_eq_str(m->method, method))
				continue;
			for (k = 0; k < n && !xchg_same_tx(x[k].req, m); k++)
				;
			if (k < n)
				continue;       /* a retransmission */
			if (xchg_retry_of(x, n, m, &k)) {
				xchg_retry(&x[k], m, i);
				continue;
			}
			x[n].req_frame = i;
			x[n].req = m;
			x[n].cut = cut;
			n++;
			continue;
		}
		if (!m) {
			for (k = n; k-- > 0 && x[k].final;)
				;
			if (k < n && !x[k].bad[0])
				snprintf(x[k].bad, sizeof(x[k].bad),
					 "unparsable response (received frame %zu): %s", i + 1,
					 c->perr[i]);
			continue;
		}
		if (m->is_request)
			continue;       /* the SUT sent a request: shown in the evidence only */
		t = xchg_owner(x, n, m);
		if (!t)
			continue;
		if (m->scode < 200)
			t->nprov++;
		else if (!t->final) {
			t->final = m;
			t->nfinal = 1;
		} else
			err = xchg_later_final(t, m);
	}
	if (err) {
		free(x);
		return err;
	}
	*xp = x;
	*np = n;
	return 0;
}

const struct sipmsg *xchg_final(const struct xchg *x, enum sipp_status st,
				unsigned timeout_s, char *why, size_t size)
{
	if (x && x->final)
		return x->final;
	if (x && x->bad[0])
		snprintf(why, size, "%s", x->bad);
	else if (x && x->cut)
		snprintf(why, size, "no final response before %s", x->cut);
	else
		snprintf(why, size, "no final response within %u s (SIPp %s)", timeout_s,
			 sipp_status_str(st));
	return NULL;
}

int xchg_judge_finals(struct check_result **resp, size_t *np, const struct xchg *x)
{
	const struct sipmsg *f = x ? x->final : NULL;
	char forks[80] = "";
	struct pl ta, tb;
	int err;

	if (!f)
		return EINVAL;
	if (x->nforks)
		snprintf(forks, sizeof(forks), "; %zu 2xx from other dialogs (another To tag) "
			 "not compared", x->nforks);
	if (x->conflict)
		err = cross_result(resp, np, RULE_FINAL_CONSISTENT, false, x->conflict->start_line,
				   x->conflict->raw, "final response #%zu of %zu is not the first "
				   "one again: %s", x->conflict_nth, x->nfinal, x->conflict_what);
	else if (x->nfinal == 1)
		err = cross_result(resp, np, RULE_FINAL_CONSISTENT, true, f->start_line, f->raw,
				   "one final response (%u)%s", f->scode, forks);
	else
		err = cross_result(resp, np, RULE_FINAL_CONSISTENT, true, f->start_line, f->raw,
				   "%zu final responses, each the first one again (%u)%s",
				   x->nfinal, f->scode, forks);
	if (err || (!x->retag && !x->nretrans))
		return err;
	if (!x->retag)
		return cross_result(resp, np, RULE_RETRANSMIT_SAME, true, f->start_line, f->raw,
				    "the final response came %zu more time%s, with its To tag",
				    x->nretrans, x->nretrans > 1 ? "s" : "");
	ta = xchg_to_tag(f);
	tb = xchg_to_tag(x->retag);
	return cross_result(resp, np, RULE_RETRANSMIT_SAME, false, x->retag->start_line,
			    x->retag->raw, "final response #%zu repeats the first (%u) with To "
			    "tag '%.*s', the first had '%.*s'", x->retag_nth, x->retag->scode,
			    PL_FMT(tb), PL_FMT(ta));
}
