/* xchg.c - a SIPp run's capture, parsed and grouped into exchanges (see xchg.h). */
#include "judge/xchg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int xchg_capture_load(struct xchg_capture *c, const char *path, const char **why)
{
	struct siplog *log = NULL;
	int err;

	memset(c, 0, sizeof(*c));
	err = siplog_load(&log, path);
	if (err) {
		*why = "cannot read SIPp's message log";
		return err;
	}
	return xchg_capture_parse(c, log);
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
	return t;
}

int xchg_build(struct xchg **xp, size_t *np, const struct xchg_capture *c,
	       const char *method)
{
	const struct siplog *log = c->log;
	struct xchg *x = calloc(log->nframes ? log->nframes : 1, sizeof(*x));
	size_t n = 0, i, k;

	if (!x)
		return ENOMEM;
	for (i = 0; i < log->nframes; i++) {
		const struct sipmsg *m = c->msg[i];
		struct xchg *t;

		if (log->frames[i].dir == SIPLOG_SENT) {
			if (!m || !m->is_request || !pl_eq_str(m->method, method))
				continue;
			for (k = 0; k < n && !xchg_same_tx(x[k].req, m); k++)
				;
			if (k < n)
				continue;       /* a retransmission */
			x[n].req_frame = i;
			x[n].req = m;
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
			t->nfinal++;
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
	else
		snprintf(why, size, "no final response within %u s (SIPp %s)", timeout_s,
			 sipp_status_str(st));
	return NULL;
}
