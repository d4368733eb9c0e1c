/*
 * fuzz_sipmsg.c - libFuzzer target: SIP messages from the device under
 * test (sip/) and the judge that reads them (judge/rule*.c).
 *
 * Input: the bytes of one SIP message, as received from the wire.
 *
 * What runs on every input:
 *   - sipmsg_parse(); on success sipmsg_validate() and every accessor:
 *     hdr / hdr_name / hdr_count / hdr_elems for each header id, contacts,
 *     vias, allow, cseq, callid, from, to, clen, expires, sipmsg_pos;
 *   - sipuri_parse() on the Request-URI and on every From/To/Contact URI,
 *     then sipuri_equal() on every pair (bounded), checking symmetry and
 *     reflexivity (§19.1.4 equality is an equivalence on what it accepts);
 *   - rule_judge() with a fixed valid OPTIONS request and the input as the
 *     response, for every code of the expectation table (expect.c), with
 *     and without the suite's contact/allow lists, over UDP and TCP; then
 *     the input as the request with a fixed valid response and with itself
 *     as the response;
 *   - independently of sipmsg_parse(): the input split at its first LF
 *     into two URIs for sipuri_parse()/sipuri_equal(), and the whole input
 *     through sipaddr_parse() and sipvia_parse().
 *
 * Invariants checked (abort() = a finding): every slice the parser or
 * the judge returns lies inside the buffer it came from; every reason is
 * NUL-terminated inside its array (ASan sees the read); a header row with
 * a grammar fault points at a byte of its row, has words and a position
 * (sipmsg_fault_err), is counted in nfaults, makes sipmsg_validate() fail
 * and the judged response FAIL (a malformed answer never passes).
 */
#include "judge/expect.h"
#include "judge/rule.h"
#include "sip/msg.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Pairs of URIs compared per input: bounds the quadratic part. */
#define FUZZ_MAX_URIS 16

static const char fixed_req[] =
	"OPTIONS sip:bob@127.0.0.1:5060 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-fuzz-1;rport\r\n"
	"Max-Forwards: 70\r\n"
	"To: <sip:bob@127.0.0.1:5060>\r\n"
	"From: \"Fuzz\" <sip:fuzz@127.0.0.1:5061>;tag=fz1\r\n"
	"Call-ID: fuzz-1@127.0.0.1\r\n"
	"CSeq: 1 OPTIONS\r\n"
	"Contact: <sip:fuzz@127.0.0.1:5061>\r\n"
	"Supported: path\r\n"
	"Accept: application/sdp\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static const char fixed_resp[] =
	"SIP/2.0 405 Method Not Allowed\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-fuzz-1;rport=5061;received=127.0.0.1\r\n"
	"To: <sip:bob@127.0.0.1:5060>;tag=as1\r\n"
	"From: \"Fuzz\" <sip:fuzz@127.0.0.1:5061>;tag=fz1\r\n"
	"Call-ID: fuzz-1@127.0.0.1\r\n"
	"CSeq: 1 OPTIONS\r\n"
	"Allow: INVITE, ACK, CANCEL, BYE\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static const char *const exp_contacts[] = { "sip:alice@127.0.0.1:5070", "sips:bob@[::1]" };
static const char *const exp_allow[] = { "INVITE", "ACK", "CANCEL", "BYE", "OPTIONS" };

static struct sipmsg *req_msg;
static struct sipmsg *resp_msg;

/* A sink the optimiser cannot drop, so every byte of a slice is read. */
static volatile unsigned char sink;

static void touch(struct pl x)
{
	unsigned char acc = 0;
	size_t i;

	if (!x.p && x.l)
		abort();
	for (i = 0; i < x.l; i++)
		acc ^= (unsigned char)x.p[i];
	sink ^= acc;
}

/* x lies inside [base, base+len), or is empty. */
static void inside(struct pl x, const char *base, size_t len)
{
	if (!x.l)
		return;
	if (x.p < base || x.l > len || (size_t)(x.p - base) > len - x.l)
		abort();
	touch(x);
}

static void cstr(const char *s, size_t size)
{
	if (memchr(s, '\0', size) == NULL)
		abort();
}

static void check_params(const struct sipparam *p, size_t np, const char *b, size_t n)
{
	size_t i;

	if (np > SIP_MAX_PARAMS)
		abort();
	for (i = 0; i < np; i++) {
		inside(p[i].name, b, n);
		inside(p[i].val, b, n);
	}
}

static void check_uri(const struct sipuri *u, const char *b, size_t n)
{
	inside(u->raw, b, n);
	inside(u->scheme, b, n);
	inside(u->user, b, n);
	inside(u->password, b, n);
	inside(u->host, b, n);
	inside(u->port, b, n);
	inside(u->headers, b, n);
	check_params(u->params, u->nparams, b, n);
	(void)sipuri_param(u, "transport");
	(void)sipuri_param(u, "lr");
}

static void check_addr(const struct sipaddr *a, const char *b, size_t n)
{
	inside(a->raw, b, n);
	if (a->star)
		return;
	inside(a->dname, b, n);
	check_uri(&a->uri, b, n);
	check_params(a->params, a->nparams, b, n);
	(void)sipaddr_param(a, "tag");
	(void)sipaddr_param(a, "expires");
}

static void check_via(const struct sipvia *v, const char *b, size_t n)
{
	inside(v->raw, b, n);
	inside(v->proto, b, n);
	inside(v->transport, b, n);
	inside(v->host, b, n);
	inside(v->port, b, n);
	inside(v->branch, b, n);
	inside(v->received, b, n);
	inside(v->rport, b, n);
	check_params(v->params, v->nparams, b, n);
}

/* §19.1.4 equality: reflexive on parsed URIs, symmetric always. */
static void equal_pairs(const struct sipuri *u, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		(void)sipuri_equal(&u[i], &u[i]);
		for (j = i + 1; j < n; j++) {
			if (sipuri_equal(&u[i], &u[j]) != sipuri_equal(&u[j], &u[i]))
				abort();
		}
	}
}

static void judge(const struct sipmsg *req, const struct sipmsg *resp,
		  const char *rb, size_t rn, const char *sb, size_t sn)
{
	struct check_result *r;
	struct expect e;
	struct exchange x;
	size_t i, k, n;
	int lists, rel;

	/* Every code a suite may expect, from the one table. */
	for (i = 0; i < expect_count; i++) {
		for (lists = 0; lists < 2; lists++) {
			for (rel = 0; rel < 2; rel++) {
				memset(&e, 0, sizeof(e));
				e.code = expect_table[i].code;
				if (lists && expect_table[i].set == EXPECT_SET_CONTACT) {
					e.contacts = exp_contacts;
					e.ncontacts = sizeof(exp_contacts) / sizeof(exp_contacts[0]);
				} else if (lists) {
					e.allow = exp_allow;
					e.nallow = sizeof(exp_allow) / sizeof(exp_allow[0]);
					e.has_allow = true;
				}
				x.req = req;
				x.resp = resp;
				x.reliable = rel;
				r = NULL;
				n = 0;
				if (rule_judge(&r, &n, &x, &e) != 0)
					continue;
				for (k = 0; k < n; k++) {
					if (!r[k].rule)
						abort();
					cstr(r[k].reason, sizeof(r[k].reason));
					(void)check_outcome_name(r[k].outcome);
					inside(r[k].msg, sb, sn);
					/* echo checks may point into the request */
					if (r[k].evidence.l && r[k].evidence.p >= sb &&
					    r[k].evidence.p < sb + sn)
						inside(r[k].evidence, sb, sn);
					else
						inside(r[k].evidence, rb, rn);
				}
				/* HEADER-SYNTAX is a MUST: a row fault is a FAIL */
				if (resp->nfaults && rule_worst(r, n, false) != CHECK_FAIL)
					abort();
				(void)rule_worst(r, n, lists);
				free(r);
			}
		}
	}
}

/* A row's fault: at a byte of the row, worded with a position; none else. */
static void fault_row(const struct sipmsg *m, const struct siphdr *h)
{
	struct sipmsg_err err;

	memset(&err, 0, sizeof(err));
	if (h->fault == SIPHDR_FAULT_NONE) {
		if (h->fault_at || sipmsg_fault_err(m, h, &err) != 0)
			abort();
		return;
	}
	if (!h->fault_at || h->fault_at < h->row.p || h->fault_at > h->row.p + h->row.l)
		abort();
	if (sipmsg_fault_err(m, h, &err) != EBADMSG || !err.line || !err.col ||
	    err.at != h->fault_at)
		abort();
	cstr(err.what, sizeof(err.what));
}

static void accessors(const struct sipmsg *m, const char *b, size_t n)
{
	struct sipuri uris[FUZZ_MAX_URIS];
	size_t nuris = 0;
	struct sipmsg_err err;
	struct siphdr_elem *el;
	struct sipaddr *ca, fa;
	struct sipvia *vv;
	struct sipcseq cs;
	struct pl *al, cid;
	uint32_t u32;
	size_t i, ne, line, col, nfaults = 0;
	bool present;
	int id;

	inside(m->raw, b, n);
	inside(m->method, b, n);
	inside(m->ruri, b, n);
	inside(m->reason, b, n);
	inside(m->version, b, n);
	inside(m->start_line, b, n);
	inside(m->body, b, n);
	for (i = 0; i < m->nhdrs; i++) {
		const struct siphdr *h = &m->hdrs[i];

		inside(h->name, b, n);
		inside(h->value, b, n);
		inside(h->row, b, n);
		if (siphdr_lookup(h->name) != h->id)
			abort();
		sipmsg_pos(m, h->value.p, &line, &col);
		(void)sipmsg_hdr_name(m, siphdr_name(h->id));
		fault_row(m, h);
		nfaults += h->fault != SIPHDR_FAULT_NONE;
	}
	if (nfaults != m->nfaults || (nfaults == 0) != (sipmsg_fault_next(m, NULL) == NULL))
		abort();
	if (nfaults && sipmsg_validate(m, &err) != EBADMSG)
		abort();

	memset(&err, 0, sizeof(err));
	(void)sipmsg_validate(m, &err);
	cstr(err.what, sizeof(err.what));

	for (id = 0; id < SIPHDR__COUNT; id++) {
		(void)sipmsg_hdr(m, (enum siphdr_id)id);
		(void)sipmsg_hdr_count(m, (enum siphdr_id)id);
		el = NULL;
		ne = 0;
		if (sipmsg_hdr_elems(m, (enum siphdr_id)id, &el, &ne, &err) == 0) {
			for (i = 0; i < ne; i++)
				inside(el[i].v, b, n);
			free(el);
		}
	}

	ca = NULL;
	ne = 0;
	if (sipmsg_contacts(m, &ca, &ne, &err) == 0) {
		for (i = 0; i < ne; i++) {
			check_addr(&ca[i], b, n);
			if (!ca[i].star && nuris < FUZZ_MAX_URIS)
				uris[nuris++] = ca[i].uri;
		}
		free(ca);
	}
	vv = NULL;
	ne = 0;
	if (sipmsg_vias(m, &vv, &ne, &err) == 0) {
		for (i = 0; i < ne; i++)
			check_via(&vv[i], b, n);
		free(vv);
	}
	al = NULL;
	ne = 0;
	if (sipmsg_allow(m, &present, &al, &ne, &err) == 0) {
		for (i = 0; i < ne; i++)
			inside(al[i], b, n);
		free(al);
	}
	if (sipmsg_cseq(m, &cs, &err) == 0)
		inside(cs.method, b, n);
	if (sipmsg_callid(m, &cid, &err) == 0)
		inside(cid, b, n);
	if (sipmsg_from(m, &fa, &err) == 0) {
		check_addr(&fa, b, n);
		if (nuris < FUZZ_MAX_URIS)
			uris[nuris++] = fa.uri;
	}
	if (sipmsg_to(m, &fa, &err) == 0) {
		check_addr(&fa, b, n);
		if (nuris < FUZZ_MAX_URIS)
			uris[nuris++] = fa.uri;
	}
	(void)sipmsg_clen(m, &u32, &err);
	(void)sipmsg_expires(m, &u32, &err);
	if (m->is_request && nuris < FUZZ_MAX_URIS &&
	    sipuri_parse(&uris[nuris], m->ruri, &err) == 0) {
		check_uri(&uris[nuris], b, n);
		nuris++;
	}
	cstr(err.what, sizeof(err.what));
	equal_pairs(uris, nuris);
}

/* The input as bare values: two URIs split at the first LF, an addr, a Via. */
static void values(const char *b, size_t n)
{
	struct sipuri u[2];
	struct sipaddr a;
	struct sipvia v;
	struct sipmsg_err err;
	const char *lf = memchr(b, '\n', n);
	struct pl s1 = { b, lf ? (size_t)(lf - b) : n };
	struct pl s2 = { lf ? lf + 1 : b + n, lf ? n - (size_t)(lf - b) - 1 : 0 };
	size_t nu = 0;

	if (sipuri_parse(&u[nu], s1, &err) == 0)
		check_uri(&u[nu++], b, n);
	if (sipuri_parse(&u[nu], s2, &err) == 0)
		check_uri(&u[nu++], b, n);
	equal_pairs(u, nu);
	if (sipaddr_parse(&a, s1, &err) == 0)
		check_addr(&a, b, n);
	if (sipvia_parse(&v, s1, &err) == 0)
		check_via(&v, b, n);
	(void)sip_is_token(s1);
	(void)siphdr_lookup(s1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (sipmsg_parse(&req_msg, fixed_req, sizeof(fixed_req) - 1, NULL) != 0 ||
	    sipmsg_parse(&resp_msg, fixed_resp, sizeof(fixed_resp) - 1, NULL) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *b = (const char *)data;
	struct sipmsg *m = NULL;
	struct sipmsg_err err;

	values(b, size);

	memset(&err, 0, sizeof(err));
	if (sipmsg_parse(&m, b, size, &err) != 0) {
		cstr(err.what, sizeof(err.what));
		if (m)
			abort(); /* *msgp set only on success */
		return 0;
	}
	accessors(m, b, size);
	judge(req_msg, m, fixed_req, sizeof(fixed_req) - 1, b, size);
	judge(m, resp_msg, b, size, fixed_resp, sizeof(fixed_resp) - 1);
	judge(m, m, b, size, b, size);
	m = sipmsg_free(m);
	return 0;
}
