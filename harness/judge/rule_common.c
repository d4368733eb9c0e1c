/*
 * rule_common.c - checks every final response is judged on, whatever the
 * status code (catalogue §2.1).  Each function starts with the normative
 * text it enforces.
 */
#include "judge/rule_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------- */

static bool no_request(struct check_result *r, const struct rule_ctx *c)
{
	if (c->req)
		return false;
	rule_na(r, "not judged: the request is not available");
	return true;
}

/* Parameter lists equal, names case-insensitive; 'exact' names compare
 * their values byte for byte (tag, branch), the others case-insensitively
 * (§7.3.1).  Names in 'skip' are ignored on both sides.  On a difference
 * *whyp names the parameter. */
static bool params_equal(const struct sipparam *a, size_t na,
			 const struct sipparam *b, size_t nb,
			 const char *const *exact, const char *const *skip,
			 struct pl *whyp)
{
	size_t i, j, k;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		const struct sipparam *x = pass ? b : a, *y = pass ? a : b;
		size_t nx = pass ? nb : na, ny = pass ? na : nb;

		for (i = 0; i < nx; i++) {
			bool skipped = false, ex = false, found = false;

			for (k = 0; skip && skip[k]; k++)
				if (pl_caseeq_str(x[i].name, skip[k]))
					skipped = true;
			if (skipped)
				continue;
			for (k = 0; exact && exact[k]; k++)
				if (pl_caseeq_str(x[i].name, exact[k]))
					ex = true;
			for (j = 0; j < ny && !found; j++) {
				if (!pl_caseeq(x[i].name, y[j].name))
					continue;
				found = true;
				if (x[i].has_val != y[j].has_val ||
				    (ex ? !pl_eq(x[i].val, y[j].val)
					: !pl_caseeq(x[i].val, y[j].val))) {
					*whyp = x[i].name;
					return false;
				}
			}
			if (!found) {
				*whyp = x[i].name;
				return false;
			}
		}
	}
	return true;
}

/* From/To equality for §8.2.6.2: URI by §19.1.4, tag byte-exact, other
 * header parameters as a set.  'why' gets a short explanation. */
static bool addr_equal(const struct sipaddr *q, const struct sipaddr *r,
		       char *why, size_t whylen)
{
	static const char *const exact[] = { "tag", NULL };
	struct pl p = PL_NULL;

	if (!sipuri_equal(&q->uri, &r->uri)) {
		snprintf(why, whylen, "URI '%.*s' differs from the request's '%.*s' (§19.1.4)",
			 PLQ(r->uri.raw), PLQ(q->uri.raw));
		return false;
	}
	if (!params_equal(q->params, q->nparams, r->params, r->nparams, exact,
			  NULL, &p)) {
		snprintf(why, whylen, "parameter '%.*s' differs from the request's", PLQ(p));
		return false;
	}
	return true;
}

/* ---- 1 ----------------------------------------------------------------------- */

/*
 * RFC 3261 §7.2: "Status-Line = SIP-Version SP Status-Code SP
 * Reason-Phrase CRLF"; §7.1: "the SIP-Version string is
 * case-insensitive, but implementations MUST send upper-case".
 * An empty Reason-Phrase is legal, the SP before it is not optional
 * (RFC 4475 §3.1.1.13).
 */
void rule_start_line(struct check_result *r, const struct rule_ctx *c)
{
	struct pl sl = c->resp->start_line;
	size_t i;

	if (sl.l < 8 || memcmp(sl.p, "SIP/2.0 ", 8) != 0) {
		if (sl.l >= 7 && pl_caseeq((struct pl){ sl.p, 7 }, PL("SIP/2.0")) &&
		    memcmp(sl.p, "SIP/2.0", 7) != 0)
			rule_fail(r, sl, "version '%.*s' must be sent upper-case as 'SIP/2.0' (§7.1)",
				  7, sl.p);
		else
			rule_fail(r, sl, "status line '%.*s' does not start with 'SIP/2.0 ' (§7.2)",
				  PLQ(sl));
		return;
	}
	for (i = 8; i < 11; i++) {
		if (i >= sl.l || sl.p[i] < '0' || sl.p[i] > '9') {
			rule_fail(r, sl, "status code in '%.*s' is not 3 digits after one SP (§7.2)",
				  PLQ(sl));
			return;
		}
	}
	if (sl.l == 11) {
		rule_fail(r, sl, "no SP after the status code: 'SIP/2.0 %.3s' needs 'SP Reason-Phrase' even when the phrase is empty (§7.2, RFC 4475 §3.1.1.13)",
			  sl.p + 8);
		return;
	}
	if (sl.p[11] != ' ') {
		rule_fail(r, sl, "status code in '%.*s' is not followed by one SP (§7.2)", PLQ(sl));
		return;
	}
	for (i = 12; i < sl.l; i++) {
		unsigned char ch = (unsigned char)sl.p[i];

		if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
			rule_fail(r, sl, "control byte 0x%02x in the Reason-Phrase (§7.2, §25)", ch);
			return;
		}
	}
	rule_pass(r, sl, "status line '%.*s' is well-formed", PLQ(sl));
}

/* ---- 2 ----------------------------------------------------------------------- */

/*
 * The status code is the one the suite expects.  RFC 3261 §21.5.2: "a
 * 405 (Method Not Allowed) is sent when the server recognizes the
 * request method"; 501 "is the appropriate response when a UAS does not
 * recognize the request method".  §7.2: the reason phrase is not judged.
 */
void rule_status_code(struct check_result *r, const struct rule_ctx *c)
{
	unsigned got = c->resp->scode, want = c->exp->code;
	const char *gt = rule_status_text(got);
	struct pl gotr = c->resp->reason;
	char hint[160] = "";

	if (!gt[0])
		gt = NULL;
	if (c->status_ok) {
		rule_pass(r, c->resp->start_line, "status %u %s as expected", got,
			  rule_status_text(got));
		return;
	}
	/* The code a device sends by mistake has a hint in the table. */
	if (c->row && c->row->confused == got && c->row->hint)
		snprintf(hint, sizeof(hint), " (%s)", c->row->hint);
	if (gt)
		rule_fail(r, c->resp->start_line, "expected %u %s, got %u %s%s", want,
			  rule_status_text(want), got, gt, hint);
	else
		rule_fail(r, c->resp->start_line, "expected %u %s, got %u '%.*s'%s", want,
			  rule_status_text(want), got, PLQ(gotr), hint);
}

/*
 * RFC 3261 §7.2: "The Reason-Phrase is intended to give a short textual
 * description of the Status-Code ... A client is not required to
 * examine or display the Reason-Phrase."  INFO: recorded only.
 */
void rule_reason_phrase(struct check_result *r, const struct rule_ctx *c)
{
	const char *std = rule_status_text(c->resp->scode);
	struct pl got = c->resp->reason;

	if (std[0] && !pl_caseeq_str(got, std)) {
		rule_fail(r, c->resp->start_line, "reason phrase '%.*s' (RFC 3261 suggests '%s'; any phrase is allowed)",
			  PLQ(got), std);
		return;
	}
	rule_pass(r, c->resp->start_line, "reason phrase '%.*s'", PLQ(got));
}

/* ---- 3 ----------------------------------------------------------------------- */

/*
 * RFC 3261 §7: "the start-line, each message-header line, and the empty
 * line MUST be terminated by a carriage-return line-feed sequence (CRLF).
 * Note that the empty line MUST be present even if the message-body is
 * not."
 */
void rule_crlf(struct check_result *r, const struct rule_ctx *c)
{
	const struct sipmsg *m = c->resp;

	if (m->flags & SIPMSG_F_BARE_LF) {
		const char *p = m->raw.p, *end = m->raw.p + m->raw.l;
		const char *ls = p;
		struct pl ev = m->start_line;

		/* Only the head: a body may hold bare LFs. */
		if (m->body.p && m->body.p >= p && m->body.p <= end)
			end = m->body.p;
		for (; p < end; p++) {
			if (*p != '\n')
				continue;
			if (p == m->raw.p || p[-1] != '\r') {
				ev = (struct pl){ ls, (size_t)(p - ls) };
				break;
			}
			ls = p + 1;
		}
		rule_fail(r, ev, "a line ends in LF without CR: '%.*s' (§7 MUST CRLF)", PLQ(ev));
		return;
	}
	if (m->flags & SIPMSG_F_NO_BLANK_LINE) {
		struct pl ev = m->nhdrs ? m->hdrs[m->nhdrs - 1].row : m->start_line;

		rule_fail(r, ev, "the message ends without the empty line after the headers (§7)");
		return;
	}
	rule_pass(r, PL_NULL, "every line ends in CRLF and the empty line is present");
}

/* ---- 4 ----------------------------------------------------------------------- */

/*
 * RFC 3261 §7.3.1/§25: header fields follow the grammar of §25 after
 * unfolding ("message-header = header-name HCOLON header-value CRLF");
 * §7.3.3: "Implementations MUST accept both the long and short forms of
 * each header name."  A row that is no message-header (a control byte,
 * no colon, a name that is not a token: a grammar fault the parser kept,
 * sip/msg.h) or a known header that does not parse is a syntax failure.
 * The first one is named with its line and column, the row is the
 * evidence, and further faulty rows are counted ("+N more"); the other
 * checks judge the rows that parse.
 */
void rule_header_syntax(struct check_result *r, const struct rule_ctx *c)
{
	size_t more = c->resp->nfaults > 1 ? c->resp->nfaults - 1 : 0;
	struct sipmsg_err e;
	struct pl ev;
	int err;

	memset(&e, 0, sizeof(e));
	err = sipmsg_validate(c->resp, &e);
	if (rule_nomem(c, err))
		return;
	if (err) {
		/* sipmsg_validate() reports a row's grammar fault first */
		ev = rule_row_at(c->resp, e.at, e.line);
		if (more)
			rule_fail(r, ev, "%s (+%zu more malformed header row%s)",
				  e.what[0] ? e.what : "malformed header", more,
				  more == 1 ? "" : "s");
		else
			rule_fail(r, ev, "%s", e.what[0] ? e.what : "malformed header");
		return;
	}
	rule_pass(r, PL_NULL, "all %zu header rows parse", c->resp->nhdrs);
}

/* ---- 5 ----------------------------------------------------------------------- */

/*
 * RFC 3261 §7.3.1: several rows of one header are allowed "if and only
 * if the entire field-value for that header field is defined as a
 * comma-separated list"; From, To, Call-ID, CSeq are mandatory (§8.1.1,
 * §20 Table 2) and single; Content-Length is single.
 */
void rule_single_valued(struct check_result *r, const struct rule_ctx *c)
{
	static const enum siphdr_id need[] = {
		SIPHDR_FROM, SIPHDR_TO, SIPHDR_CALL_ID, SIPHDR_CSEQ,
	};
	const struct sipmsg *m = c->resp;
	size_t i, k;

	for (k = 0; k < sizeof(need) / sizeof(need[0]) + 1; k++) {
		enum siphdr_id id = k < 4 ? need[k] : SIPHDR_CONTENT_LENGTH;
		size_t cnt = sipmsg_hdr_count(m, id), seen = 0;
		struct siphdr_elem *el = NULL;
		size_t nel = 0;
		int err = 0;

		if (cnt == 0 && id != SIPHDR_CONTENT_LENGTH) {
			rule_fail(r, m->start_line, "no %s header: it is mandatory in every response (§8.1.1, §8.2.6.2)",
				  siphdr_name(id));
			return;
		}
		if (cnt > 1) {
			for (i = 0; i < m->nhdrs; i++)
				if (m->hdrs[i].id == id && ++seen == 2)
					break;
			rule_fail(r, i < m->nhdrs ? m->hdrs[i].row : m->start_line,
				  "%zu %s rows: %s is single-valued (§7.3.1)", cnt,
				  siphdr_name(id), siphdr_name(id));
			return;
		}
		/* Content-Length and Call-ID never legally hold a comma, and
		 * From/To are split outside quotes and <...>. */
		if (cnt == 1)
			err = sipmsg_hdr_elems(m, id, &el, &nel, RULE_NOERR);
		if (rule_nomem(c, err))
			return;
		if (cnt == 1 && err == 0 && nel > 1) {
			const struct siphdr *h = el[0].hdr;

			free(el);
			rule_fail(r, h->row, "%s holds %zu comma-separated values: it is single-valued (§7.3.1)",
				  siphdr_name(id), nel);
			return;
		}
		free(el);
	}
	rule_pass(r, PL_NULL, "From, To, Call-ID, CSeq once each; Content-Length at most once");
}

/* ---- 6 ----------------------------------------------------------------------- */

/*
 * RFC 3261 §8.2.6.2: "The From field of the response MUST equal the From
 * header field of the request."  Equality: URI per §19.1.4, tag
 * byte-exact, parameters as in §7.3.1.
 */
void rule_from_echo(struct check_result *r, const struct rule_ctx *c)
{
	struct sipaddr q, a;
	struct sipmsg_err e;
	char why[200];

	if (no_request(r, c))
		return;
	if (sipmsg_from(c->req, &q, RULE_NOERR)) {
		rule_na(r, "not judged: the request's From does not parse");
		return;
	}
	memset(&e, 0, sizeof(e));
	if (sipmsg_from(c->resp, &a, &e)) {
		rule_fail(r, rule_row(c->resp, SIPHDR_FROM), "From unusable: %s", e.what);
		return;
	}
	if (!addr_equal(&q, &a, why, sizeof(why))) {
		rule_fail(r, rule_row(c->resp, SIPHDR_FROM), "From '%.*s' is not the request's '%.*s': %s",
			  PLQ(a.raw), PLQ(q.raw), why);
		return;
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_FROM), "From equals the request's");
}

/* ---- 7 ----------------------------------------------------------------------- */

/*
 * RFC 3261 §8.2.6.2: "The Call-ID header field of the response MUST
 * equal the Call-ID header field of the request."  §20.8: Call-IDs are
 * case-sensitive and compared byte-by-byte.
 */
void rule_callid_echo(struct check_result *r, const struct rule_ctx *c)
{
	struct pl q, a;
	struct sipmsg_err e;

	if (no_request(r, c))
		return;
	if (sipmsg_callid(c->req, &q, RULE_NOERR)) {
		rule_na(r, "not judged: the request's Call-ID does not parse");
		return;
	}
	memset(&e, 0, sizeof(e));
	if (sipmsg_callid(c->resp, &a, &e)) {
		rule_fail(r, rule_row(c->resp, SIPHDR_CALL_ID), "Call-ID unusable: %s", e.what);
		return;
	}
	if (!pl_eq(q, a)) {
		rule_fail(r, rule_row(c->resp, SIPHDR_CALL_ID),
			  "Call-ID '%.*s' is not the request's '%.*s' (byte-exact, §20.8)",
			  PLQ(a), PLQ(q));
		return;
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CALL_ID), "Call-ID equals the request's");
}

/* ---- 8 ----------------------------------------------------------------------- */

/*
 * RFC 3261 §8.2.6.2: "The CSeq header field of the response MUST equal
 * the CSeq field of the request."  §20.16: number and method; the method
 * is case-sensitive.
 */
void rule_cseq_echo(struct check_result *r, const struct rule_ctx *c)
{
	struct sipcseq q, a;
	struct sipmsg_err e;

	if (no_request(r, c))
		return;
	if (sipmsg_cseq(c->req, &q, RULE_NOERR)) {
		rule_na(r, "not judged: the request's CSeq does not parse");
		return;
	}
	memset(&e, 0, sizeof(e));
	if (sipmsg_cseq(c->resp, &a, &e)) {
		rule_fail(r, rule_row(c->resp, SIPHDR_CSEQ), "CSeq unusable: %s", e.what);
		return;
	}
	if (q.num != a.num || !pl_eq(q.method, a.method)) {
		rule_fail(r, rule_row(c->resp, SIPHDR_CSEQ),
			  "CSeq '%lu %.*s' is not the request's '%lu %.*s' (§20.16: method case-sensitive)",
			  (unsigned long)a.num, PLQ(a.method), (unsigned long)q.num, PLQ(q.method));
		return;
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CSEQ), "CSeq %lu %.*s equals the request's",
		  (unsigned long)a.num, PLQ(a.method));
}

/* ---- 9 ----------------------------------------------------------------------- */

/* sent-protocol with LWS removed, compared case-insensitively (§7.3.1). */
static bool proto_equal(struct pl a, struct pl b)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < a.l && (a.p[i] == ' ' || a.p[i] == '\t' || a.p[i] == '\r' || a.p[i] == '\n'))
			i++;
		while (j < b.l && (b.p[j] == ' ' || b.p[j] == '\t' || b.p[j] == '\r' || b.p[j] == '\n'))
			j++;
		if (i == a.l || j == b.l)
			return i == a.l && j == b.l;
		if (!pl_caseeq((struct pl){ a.p + i, 1 }, (struct pl){ b.p + j, 1 }))
			return false;
		i++;
		j++;
	}
}

static bool is_ipv4(struct pl h)
{
	size_t i, dots = 0, digits = 0;

	for (i = 0; i < h.l; i++) {
		if (h.p[i] == '.') {
			if (!digits)
				return false;
			dots++;
			digits = 0;
		} else if (h.p[i] >= '0' && h.p[i] <= '9') {
			if (++digits > 3)
				return false;
		} else {
			return false;
		}
	}
	return dots == 3 && digits;
}

/*
 * RFC 3261 §8.2.6.2: "The Via header field values in the response MUST
 * equal the Via header field values in the request and MUST maintain the
 * same ordering."  The top value may gain 'received' (§18.2.1: MUST when
 * the sent-by is a domain name or differs from the source address) and
 * an 'rport' value (RFC 3581 §4); those are ignored in the comparison,
 * and required where the request makes them mandatory.
 */
void rule_via_echo(struct check_result *r, const struct rule_ctx *c)
{
	static const char *const skip[] = { "received", "rport", NULL };
	static const char *const exact[] = { "branch", NULL };
	struct sipvia *q = NULL, *a = NULL;
	size_t nq = 0, na = 0, i;
	struct sipmsg_err e;
	struct pl p = PL_NULL;
	struct pl ev;
	int err;

	if (no_request(r, c))
		return;
	ev = rule_row(c->resp, SIPHDR_VIA);
	err = sipmsg_vias(c->req, &q, &nq, RULE_NOERR);
	if (err) {
		if (!rule_nomem(c, err))
			rule_na(r, "not judged: the request's Via does not parse");
		goto out;
	}
	memset(&e, 0, sizeof(e));
	err = sipmsg_vias(c->resp, &a, &na, &e);
	if (err) {
		a = NULL;
		if (!rule_nomem(c, err))
			rule_fail(r, rule_row_at(c->resp, e.at, e.line), "Via unusable: %s", e.what);
		goto out;
	}
	if (na != nq) {
		rule_fail(r, ev, "%zu Via values where the request had %zu (§8.2.6.2)", na, nq);
		goto out;
	}
	for (i = 0; i < nq; i++) {
		if (!proto_equal(q[i].proto, a[i].proto) || !pl_caseeq(q[i].host, a[i].host) ||
		    q[i].has_port != a[i].has_port || q[i].portnum != a[i].portnum) {
			rule_fail(r, ev, "Via #%zu '%.*s' is not the request's '%.*s' (sent-protocol/sent-by)",
				  i + 1, PLQ(a[i].raw), PLQ(q[i].raw));
			goto out;
		}
		if (!params_equal(q[i].params, q[i].nparams, a[i].params, a[i].nparams,
				  exact, skip, &p)) {
			rule_fail(r, ev, "Via #%zu '%.*s' is not the request's '%.*s': parameter '%.*s' differs",
				  i + 1, PLQ(a[i].raw), PLQ(q[i].raw), PLQ(p));
			goto out;
		}
	}
	if (nq && !is_ipv4(q[0].host) && !(q[0].host.l && q[0].host.p[0] == '[') &&
	    !a[0].has_received) {
		rule_fail(r, ev, "the request's sent-by '%.*s' is a host name: the top Via MUST carry 'received' (§18.2.1)",
			  PLQ(q[0].host));
		goto out;
	}
	if (nq && q[0].has_rport && q[0].rport.l == 0 &&
	    (!a[0].has_rport || a[0].rport.l == 0 || !a[0].has_received)) {
		rule_fail(r, ev, "the request had a bare 'rport': the top Via MUST carry 'rport=<port>' and 'received' (RFC 3581 §4)");
		goto out;
	}
	rule_pass(r, ev, "%zu Via value%s the request's, same order", nq,
		  nq == 1 ? " equals" : "s equal");
out:
	free(q);
	free(a);
}

/* ---- 10 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §8.2.6.2: "If a request contained a To tag in the request, the
 * To header field in the response MUST equal that of the request.
 * However, if the To header field in the request did not contain a tag,
 * the URI in the To header field in the response MUST equal the URI in
 * the To header field; additionally, the UAS MUST add a tag to the To
 * header field in the response".  §19.3: the tag is a token.
 */
void rule_to_tag(struct check_result *r, const struct rule_ctx *c)
{
	const struct sipparam *qt, *at;
	struct sipaddr q, a;
	struct sipmsg_err e;
	struct pl ev;
	char why[200];

	if (no_request(r, c))
		return;
	if (sipmsg_to(c->req, &q, RULE_NOERR)) {
		rule_na(r, "not judged: the request's To does not parse");
		return;
	}
	ev = rule_row(c->resp, SIPHDR_TO);
	memset(&e, 0, sizeof(e));
	if (sipmsg_to(c->resp, &a, &e)) {
		rule_fail(r, ev, "To unusable: %s", e.what);
		return;
	}
	qt = sipaddr_param(&q, "tag");
	at = sipaddr_param(&a, "tag");
	if (qt) {
		if (!addr_equal(&q, &a, why, sizeof(why))) {
			rule_fail(r, ev, "the request's To had a tag, so To must equal it: %s", why);
			return;
		}
		rule_pass(r, ev, "To equals the request's (tag %.*s)", PLQ(qt->val));
		return;
	}
	if (!sipuri_equal(&q.uri, &a.uri)) {
		rule_fail(r, ev, "To URI '%.*s' differs from the request's '%.*s' (§19.1.4)",
			  PLQ(a.uri.raw), PLQ(q.uri.raw));
		return;
	}
	if (!at || !at->has_val || !sip_is_token(at->val)) {
		rule_fail(r, ev, "%s: the UAS MUST add a tag to the To header field (§8.2.6.2, §19.3)",
			  at ? "To tag is empty or not a token" : "no To tag");
		return;
	}
	rule_pass(r, ev, "To URI equals the request's and the UAS added tag %.*s", PLQ(at->val));
}

/* ---- 12 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §18.3: "In the case of stream-oriented transports such as
 * TCP, the Content-Length header field indicates the size of the body.
 * All stream-oriented transports MUST use Content-Length"; §20.14: "If
 * no body is present in a message, then the Content-Length header field
 * value MUST be set to zero"; for UDP it SHOULD be present.
 */
void rule_content_length(struct check_result *r, const struct rule_ctx *c)
{
	const struct sipmsg *m = c->resp;
	struct sipmsg_err e;
	struct pl ev = rule_row(m, SIPHDR_CONTENT_LENGTH);
	uint32_t v = 0;
	int err;

	memset(&e, 0, sizeof(e));
	err = sipmsg_clen(m, &v, &e);
	if (err == ENOENT) {
		if (c->x->reliable)
			rule_fail(r, m->start_line, "no Content-Length over a stream transport (§18.3 MUST)");
		else
			rule_warn(r, m->start_line, "no Content-Length over UDP (§20.14 SHOULD)");
		return;
	}
	if (err) {
		rule_fail(r, ev, "Content-Length unusable: %s", e.what);
		return;
	}
	if (m->flags & SIPMSG_F_TRAILING_BYTES) {
		rule_fail(r, ev, "Content-Length: %lu but more bytes follow the body (§18.3: they are discarded, the value must be the body size)",
			  (unsigned long)v);
		return;
	}
	if ((size_t)v != m->body.l) {
		rule_fail(r, ev, "Content-Length: %lu but the body has %zu bytes (§20.14)",
			  (unsigned long)v, m->body.l);
		return;
	}
	rule_pass(r, ev, "Content-Length: %lu matches the body", (unsigned long)v);
}

/* ---- 13 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §7.4.1: "If the body is not empty, the Content-Type header
 * field MUST be present" (§20.15).
 */
void rule_content_type(struct check_result *r, const struct rule_ctx *c)
{
	const struct sipmsg *m = c->resp;

	if (m->body.l == 0) {
		rule_pass(r, PL_NULL, "no body");
		return;
	}
	if (!sipmsg_hdr(m, SIPHDR_CONTENT_TYPE)) {
		rule_fail(r, m->start_line, "a %zu-byte body without Content-Type (§7.4.1)", m->body.l);
		return;
	}
	rule_pass(r, rule_row(m, SIPHDR_CONTENT_TYPE), "body with Content-Type");
}

/* ---- 17 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §8.2.4 (UAS applying extensions): "the UAS MUST NOT insert a
 * Require header field in a response ... unless the extension was listed
 * in the Supported header field of the request".
 */
void rule_require(struct check_result *r, const struct rule_ctx *c)
{
	struct siphdr_elem *req = NULL, *sup = NULL;
	size_t nreq = 0, nsup = 0, i, j;
	int err;

	if (!sipmsg_hdr(c->resp, SIPHDR_REQUIRE)) {
		rule_pass(r, PL_NULL, "no Require");
		return;
	}
	if (no_request(r, c))
		return;
	err = sipmsg_hdr_elems(c->resp, SIPHDR_REQUIRE, &req, &nreq, RULE_NOERR);
	if (err) {
		if (!rule_nomem(c, err))
			rule_fail(r, rule_row(c->resp, SIPHDR_REQUIRE), "Require does not parse");
		return;
	}
	err = sipmsg_hdr_elems(c->req, SIPHDR_SUPPORTED, &sup, &nsup, RULE_NOERR);
	if (err) {
		sup = NULL;
		nsup = 0;
		if (rule_nomem(c, err)) {
			free(req);
			return;
		}
	}
	for (i = 0; i < nreq; i++) {
		bool listed = false;

		for (j = 0; j < nsup && !listed; j++)
			listed = pl_caseeq(req[i].v, sup[j].v);
		if (!listed) {
			rule_fail(r, req[i].hdr->row,
				  "Require: %.*s but the request did not list it in Supported (§8.2.4)",
				  PLQ(req[i].v));
			goto out;
		}
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_REQUIRE), "Require lists only extensions the request supports");
out:
	free(req);
	free(sup);
}
