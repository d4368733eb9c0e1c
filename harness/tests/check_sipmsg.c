/*
 * check_sipmsg.c - unit tests for the strict SIP parser (sipmsg.c).
 *
 * Vectors: RFC 4475 torture messages and RFC 5118 IPv6 messages, byte-exact
 * in fixtures/corpus/ (found from the source tree), RFC 3261 §19.1.4
 * URI comparison examples, and hand-written responses.
 */
#include "tmain.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sip/msg.h"


/* ---- helpers ------------------------------------------------------------- */

static char *load(const char *rel, size_t *lenp)
{
	char path[1024], fx[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/corpus/%s", tmain_src(fx, sizeof(fx), "fixtures"), rel);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	ck_assert_int_gt(n, 0);
	buf = malloc((size_t)n);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*lenp = (size_t)n;
	return buf;
}

static bool has_sub(const char *p, size_t n, const char *s)
{
	size_t l = strlen(s), i;

	for (i = 0; i + l <= n; i++)
		if (memcmp(p + i, s, l) == 0)
			return true;
	return false;
}

static struct sipmsg *parse_ok(const char *buf, size_t len)
{
	struct sipmsg *m = NULL;
	struct sipmsg_err e;
	int rc = sipmsg_parse(&m, buf, len, &e);

	ck_assert_msg(rc == 0, "parse failed (%d): %s", rc, e.what);
	ck_assert_ptr_nonnull(m);
	return m;
}

static struct sipmsg *parse_str(const char *s)
{
	return parse_ok(s, strlen(s));
}

static void assert_pl(struct pl x, const char *s)
{
	ck_assert_msg(pl_eq_str(x, s), "got '%.*s', want '%s'", PL_FMT(x), s);
}

static struct sipuri uri_of(const char *s)
{
	struct sipuri u;
	struct sipmsg_err e;
	int rc = sipuri_parse(&u, pl_from(s), &e);

	ck_assert_msg(rc == 0, "sipuri_parse(%s): %s", s, e.what);
	return u;
}

/* ---- RFC 4475 §3.1.1 / §3.3, RFC 5118 valid messages --------------------- */

static void chk_wsinv(const struct sipmsg *m)
{
	struct sipaddr *c = NULL, to;
	struct sipvia *v = NULL;
	struct sipcseq cs;
	size_t n = 0;
	const struct sipparam *p;

	ck_assert(m->flags & SIPMSG_F_FOLDED);
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert(sipmsg_hdr(m, SIPHDR_CONTACT)->name.l == 1); /* "m:" */
	assert_pl(c[0].dname, "\"Quoted string \\\"\\\"\"");
	p = sipaddr_param(&c[0], "q");
	ck_assert_ptr_nonnull(p);
	assert_pl(p->val, "0.33");
	p = sipaddr_param(&c[0], "newparam");
	ck_assert_ptr_nonnull(p);
	assert_pl(p->val, "newvalue");
	p = sipaddr_param(&c[0], "secondparam");
	ck_assert_ptr_nonnull(p);
	ck_assert(!p->has_val);
	free(c);
	ck_assert_int_eq(sipmsg_cseq(m, &cs, NULL), 0);
	ck_assert_uint_eq(cs.num, 9);
	assert_pl(cs.method, "INVITE");
	ck_assert_int_eq(sipmsg_to(m, &to, NULL), 0);
	assert_pl(sipaddr_param(&to, "tag")->val, "1918181833n");
	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	assert_pl(v[0].transport, "UDP");
	assert_pl(v[1].branch, "z9hG4bK9ikj8");
	assert_pl(v[2].branch, "z9hG4bK30239");
	free(v);
	ck_assert_ptr_nonnull(sipmsg_hdr(m, SIPHDR_MAX_FORWARDS));
	assert_pl(sipmsg_hdr(m, SIPHDR_MAX_FORWARDS)->value, "0068");
	ck_assert_uint_eq(m->body.l, 150);
}

static void chk_intmeth(const struct sipmsg *m)
{
	struct sipuri u = uri_of("sip:x@y");
	struct sipcseq cs;
	struct sipmsg_err e;

	assert_pl(m->method, "!interesting-Method0123456789_*+`.%indeed'~");
	ck_assert_int_eq(sipuri_parse(&u, m->ruri, &e), 0);
	assert_pl(u.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
	assert_pl(u.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
	ck_assert_int_eq(sipmsg_cseq(m, &cs, NULL), 0);
	ck_assert(pl_eq(cs.method, m->method));
}

static void chk_esc01(const struct sipmsg *m)
{
	struct sipaddr *c = NULL;
	size_t n = 0;
	struct sipuri a, b;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(sipuri_param(&c[0].uri, "lr")); /* %6C%72 */
	assert_pl(sipuri_param(&c[0].uri, "name")->val, "v%61lue%25%34%31");
	a = uri_of("sip:caller@host5.example.net;lr;name=value%2541");
	b = uri_of("sip:caller@host5.example.net;lr;name=valueA");
	ck_assert(sipuri_equal(&c[0].uri, &a));
	/* "value%41 ... is NOT equivalent to valueA" */
	ck_assert(!sipuri_equal(&c[0].uri, &b));
	free(c);
	ck_assert_ptr_nonnull(sipmsg_hdr(m, SIPHDR_CONTENT_TYPE)); /* "C:" */
	ck_assert_ptr_nonnull(sipmsg_hdr(m, SIPHDR_CALL_ID));      /* "i:" */
}

static void chk_escnull(const struct sipmsg *m)
{
	struct sipaddr *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	assert_pl(c[0].uri.user, "%00");
	ck_assert(!sipuri_equal(&c[0].uri, &c[1].uri));
	free(c);
}

static void chk_esc02(const struct sipmsg *m)
{
	struct sipaddr *c = NULL;
	size_t n = 0;
	const struct siphdr *h;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 2); /* C%6Fntact is not Contact */
	assert_pl(c[1].uri.host, "host3.example.com");
	free(c);
	h = sipmsg_hdr_name(m, "C%6Fntact");
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(h->id, SIPHDR_OTHER);
	assert_pl(m->method, "RE%47IST%45R");
}

static void chk_lwsdisp(const struct sipmsg *m)
{
	struct sipaddr f;

	ck_assert_int_eq(sipmsg_from(m, &f, NULL), 0);
	assert_pl(f.dname, "caller");
	ck_assert(f.name_addr);
}

static void chk_longreq(const struct sipmsg *m)
{
	struct sipvia *v = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert_uint_ge(n, 30);
	free(v);
}

static void chk_dblreq(const struct sipmsg *m)
{
	ck_assert(m->flags & SIPMSG_F_TRAILING_BYTES);
	ck_assert_uint_eq(m->body.l, 0);
	assert_pl(m->method, "REGISTER");
	ck_assert(!has_sub(m->raw.p, m->raw.l, "INVITE"));
}

static void chk_semiuri(const struct sipmsg *m)
{
	struct sipuri u = uri_of("sip:x@y");
	struct siphdr_elem *el = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipuri_parse(&u, m->ruri, NULL), 0);
	assert_pl(u.user, "user;par=u%40example.net");
	assert_pl(u.host, "example.com");
	ck_assert_uint_eq(u.nparams, 0);
	ck_assert_int_eq(sipmsg_hdr_elems(m, SIPHDR_ACCEPT, &el, &n, NULL), 0);
	ck_assert_uint_eq(n, 6);
	assert_pl(el[5].v, "message/sipfrag");
	free(el);
}

static void chk_transports(const struct sipmsg *m)
{
	static const char *const t[] = { "UDP", "SCTP", "TLS", "UNKNOWN", "TCP" };
	struct sipvia *v = NULL;
	size_t n = 0, i;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 5);
	for (i = 0; i < n; i++)
		assert_pl(v[i].transport, t[i]);
	free(v);
}

static void chk_mpart01(const struct sipmsg *m)
{
	uint32_t cl;

	ck_assert_int_eq(sipmsg_clen(m, &cl, NULL), 0);
	ck_assert_uint_eq(cl, 553);
	ck_assert_uint_eq(m->body.l, 553);
	ck_assert_ptr_nonnull(memchr(m->body.p, '\0', m->body.l));
}

static void chk_unreason(const struct sipmsg *m)
{
	size_t i, hi = 0;

	ck_assert(!m->is_request);
	ck_assert_uint_eq(m->scode, 200);
	ck_assert(m->reason.l > 14 && memcmp(m->reason.p, "= 2**3 * 5**2 ", 14) == 0);
	for (i = 0; i < m->reason.l; i++)
		hi += (unsigned char)m->reason.p[i] >= 0x80;
	ck_assert_uint_gt(hi, 0);
}

static void chk_noreason(const struct sipmsg *m)
{
	ck_assert(!m->is_request);
	ck_assert_uint_eq(m->scode, 100);
	ck_assert_uint_eq(m->reason.l, 0);
}

static void chk_cparam01(const struct sipmsg *m)
{
	struct sipaddr *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert(!c[0].name_addr);
	ck_assert_ptr_nonnull(sipaddr_param(&c[0], "unknownparam"));
	ck_assert_ptr_null(sipuri_param(&c[0].uri, "unknownparam"));
	free(c);
}

static void chk_cparam02(const struct sipmsg *m)
{
	struct sipaddr *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_null(sipaddr_param(&c[0], "unknownparam"));
	ck_assert_ptr_nonnull(sipuri_param(&c[0].uri, "unknownparam"));
	free(c);
}

static void chk_unksm2(const struct sipmsg *m)
{
	struct sipaddr a, *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_to(m, &a, NULL), 0);
	ck_assert(!a.uri.is_sip);
	assert_pl(a.uri.scheme, "isbn");
	ck_assert_int_eq(sipmsg_from(m, &a, NULL), 0);
	assert_pl(a.uri.scheme, "http");
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	assert_pl(c[0].uri.scheme, "name");
	free(c);
}

static void chk_regescrt(const struct sipmsg *m)
{
	struct sipaddr *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	assert_pl(c[0].uri.headers, "Route=%3Csip:sip.example.com%3E");
	free(c);
}

static void chk_scalar02_parts(const struct sipmsg *m)
{
	(void)m;
}

/* RFC 5118 */
static void chk_v6good(const struct sipmsg *m)
{
	struct sipuri u = uri_of("sip:x@y");
	struct sipaddr *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipuri_parse(&u, m->ruri, NULL), 0);
	ck_assert(u.host_ipv6);
	assert_pl(u.host, "[2001:db8::10]");
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	assert_pl(c[0].uri.host, "[2001:db8::1]");
	free(c);
}

static void chk_portamb(const struct sipmsg *m)
{
	struct sipuri u = uri_of("sip:x@y");

	ck_assert_int_eq(sipuri_parse(&u, m->ruri, NULL), 0);
	ck_assert(!u.has_port); /* 5070 is the last group, not a port */
	assert_pl(u.host, "[2001:db8::10:5070]");
}

static void chk_portunamb(const struct sipmsg *m)
{
	struct sipuri u = uri_of("sip:x@y");

	ck_assert_int_eq(sipuri_parse(&u, m->ruri, NULL), 0);
	ck_assert(u.has_port);
	ck_assert_uint_eq(u.portnum, 5070);
}

static void chk_recv_nodelim(const struct sipmsg *m)
{
	struct sipvia *v = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert(v[0].has_received);
	assert_pl(v[0].received, "2001:db8::9:255");
	free(v);
}

static void chk_recv_delim(const struct sipmsg *m)
{
	struct sipvia *v = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	assert_pl(v[0].received, "[2001:db8::9:255]");
	free(v);
}

static void chk_v4mapped(const struct sipmsg *m)
{
	struct sipvia *v = NULL;
	struct sipaddr *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	assert_pl(v[0].host, "[::ffff:192.0.2.10]");
	ck_assert_uint_eq(v[0].portnum, 19823);
	free(v);
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	assert_pl(c[0].uri.host, "[::ffff:192.0.2.2]");
	free(c);
}

static void chk_multip(const struct sipmsg *m)
{
	struct sipvia *v = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	assert_pl(v[2].received, "192.0.2.200");
	ck_assert_uint_eq(v[0].portnum, 6050);
	free(v);
}

static const struct valid_vec {
	const char *file;
	void (*chk)(const struct sipmsg *);
} valid_vecs[] = {
	/* RFC 4475 §3.1.1.1 */ { "rfc4475/wsinv.dat", chk_wsinv },
	/* RFC 4475 §3.1.1.2 */ { "rfc4475/intmeth.dat", chk_intmeth },
	/* RFC 4475 §3.1.1.3 */ { "rfc4475/esc01.dat", chk_esc01 },
	/* RFC 4475 §3.1.1.4 */ { "rfc4475/escnull.dat", chk_escnull },
	/* RFC 4475 §3.1.1.5 */ { "rfc4475/esc02.dat", chk_esc02 },
	/* RFC 4475 §3.1.1.6 */ { "rfc4475/lwsdisp.dat", chk_lwsdisp },
	/* RFC 4475 §3.1.1.7 */ { "rfc4475/longreq.dat", chk_longreq },
	/* RFC 4475 §3.1.1.8 */ { "rfc4475/dblreq.dat", chk_dblreq },
	/* RFC 4475 §3.1.1.9 */ { "rfc4475/semiuri.dat", chk_semiuri },
	/* RFC 4475 §3.1.1.10 */ { "rfc4475/transports.dat", chk_transports },
	/* RFC 4475 §3.1.1.11 */ { "rfc4475/mpart01.dat", chk_mpart01 },
	/* RFC 4475 §3.1.1.12 */ { "rfc4475/unreason.dat", chk_unreason },
	/* RFC 4475 §3.1.1.13 */ { "rfc4475/noreason.dat", chk_noreason },
	/* RFC 4475 §3.3.4 */ { "rfc4475/unksm2.dat", chk_unksm2 },
	/* RFC 4475 §3.3.12 */ { "rfc4475/cparam01.dat", chk_cparam01 },
	/* RFC 4475 §3.3.13 */ { "rfc4475/cparam02.dat", chk_cparam02 },
	/* RFC 4475 §3.3.14 */ { "rfc4475/regescrt.dat", chk_regescrt },
	/* RFC 4475 §3.4.1 */ { "rfc4475/inv2543.dat", chk_scalar02_parts },
	/* RFC 5118 §4.1 */ { "rfc5118/ipv6-good", chk_v6good },
	/* RFC 5118 §4.3 */ { "rfc5118/port-ambiguous", chk_portamb },
	/* RFC 5118 §4.4 */ { "rfc5118/port-unambiguous", chk_portunamb },
	/* RFC 5118 §4.5 */ { "rfc5118/via-received-param-with-delim", chk_recv_delim },
	/* RFC 5118 §4.5 */ { "rfc5118/via-received-param-no-delim", chk_recv_nodelim },
	/* RFC 5118 §4.6 */ { "rfc5118/ipv6-in-sdp", NULL },
	/* RFC 5118 §4.7 */ { "rfc5118/mult-ip-in-header", chk_multip },
	/* RFC 5118 §4.8 */ { "rfc5118/mult-ip-in-sdp", NULL },
	/* RFC 5118 §4.9 */ { "rfc5118/ipv4-mapped-ipv6", chk_v4mapped },
	/* RFC 5118 §4.10 */ { "rfc5118/ipv6-correct-abnf-2-colons", NULL },
};

START_TEST(test_valid_corpus)
{
	const struct valid_vec *v = &valid_vecs[_i];
	struct sipmsg_err e;
	size_t len;
	char *buf = load(v->file, &len);
	struct sipmsg *m = parse_ok(buf, len);
	int rc = sipmsg_validate(m, &e);

	ck_assert_msg(rc == 0, "%s: validate: %s", v->file, e.what);
	if (v->chk)
		v->chk(m);
	sipmsg_free(m);
	free(buf);
}
END_TEST

/* ---- RFC 4475 §3.1.2 / §3.3, RFC 5118 invalid messages ------------------- */

enum stage { ST_PARSE, ST_VALIDATE, ST_CONTACTS, ST_EXPIRES, ST_CSEQ };

static const struct invalid_vec {
	const char *file;
	enum stage stage;
	int rc;
	const char *what1; /* both substrings must occur in err.what */
	const char *what2;
} invalid_vecs[] = {
	/* RFC 4475 §3.1.2.1 */ { "rfc4475/badinv01.dat", ST_VALIDATE, EBADMSG, "Via: line 7", "empty parameter" },
	/* RFC 4475 §3.1.2.1 */ { "rfc4475/badinv01.dat", ST_CONTACTS, EBADMSG, "Contact: line 8", "empty parameter" },
	/* RFC 4475 §3.1.2.2 */ { "rfc4475/clerr.dat", ST_PARSE, ENODATA, "Content-Length: line 10", "larger than message" },
	/* RFC 4475 §3.1.2.3 */ { "rfc4475/ncl.dat", ST_PARSE, EBADMSG, "Content-Length", "negative" },
	/* RFC 4475 §3.1.2.4 */ { "rfc4475/scalar02.dat", ST_EXPIRES, EBADMSG, "Expires: line 8", "2^32-1" },
	/* RFC 4475 §3.1.2.4 */ { "rfc4475/scalar02.dat", ST_VALIDATE, EBADMSG, "CSeq", "2^32-1" },
	/* RFC 4475 §3.1.2.5 */ { "rfc4475/scalarlg.dat", ST_CSEQ, EBADMSG, "CSeq: line 5 col 7", "sequence number > 2^32-1" },
	/* RFC 4475 §3.1.2.5 */ { "rfc4475/scalarlg.dat", ST_VALIDATE, EBADMSG, "CSeq", "2^32-1" },
	/* RFC 4475 §3.1.2.6 */ { "rfc4475/quotbal.dat", ST_VALIDATE, EBADMSG, "To: line 2", "unterminated quoted string" },
	/* RFC 4475 §3.1.2.7 */ { "rfc4475/ltgtruri.dat", ST_PARSE, EBADMSG, "start line: line 1 col 8", "'<'" },
	/* RFC 4475 §3.1.2.8 */ { "rfc4475/lwsruri.dat", ST_PARSE, EBADMSG, "start line", "whitespace inside Request-URI" },
	/* RFC 4475 §3.1.2.9 */ { "rfc4475/lwsstart.dat", ST_PARSE, EBADMSG, "start line: line 1 col 8", "more than one SP" },
	/* RFC 4475 §3.1.2.10 */ { "rfc4475/trws.dat", ST_PARSE, EBADMSG, "start line", "trailing whitespace" },
	/* RFC 4475 §3.1.2.11 */ { "rfc4475/escruri.dat", ST_VALIDATE, EBADMSG, "start line", "headers ('?') not allowed in a Request-URI" },
	/* RFC 4475 §3.1.2.13 */ { "rfc4475/regbadct.dat", ST_VALIDATE, EBADMSG, "Contact: line 8 col 30", "name-addr form" },
	/* RFC 4475 §3.1.2.14 */ { "rfc4475/badaspec.dat", ST_VALIDATE, EBADMSG, "To: line 5", "whitespace after '<'" },
	/* RFC 4475 §3.1.2.15 */ { "rfc4475/baddn.dat", ST_VALIDATE, EBADMSG, "From: line 4", "unquoted ',' in display name" },
	/* RFC 4475 §3.1.2.16 */ { "rfc4475/badvers.dat", ST_PARSE, EBADMSG, "start line: line 1", "SIP-Version 'SIP/7.0'" },
	/* RFC 4475 §3.1.2.17 */ { "rfc4475/mismatch01.dat", ST_VALIDATE, EBADMSG, "CSeq: line 6", "does not match Request-Line method 'OPTIONS'" },
	/* RFC 4475 §3.1.2.18 */ { "rfc4475/mismatch02.dat", ST_VALIDATE, EBADMSG, "CSeq: line 6", "does not match Request-Line method 'NEWMETHOD'" },
	/* RFC 4475 §3.1.2.19 */ { "rfc4475/bigcode.dat", ST_PARSE, EBADMSG, "start line: line 1 col 9", "Status-Code '4294967301'" },
	/* RFC 4475 §3.3.1 */ { "rfc4475/insuf.dat", ST_VALIDATE, EBADMSG, "To", "missing mandatory header To" },
	/* RFC 4475 §3.3.8 */ { "rfc4475/multi01.dat", ST_VALIDATE, EBADMSG, "line 12", "duplicated single-value header" },
	/* RFC 4475 §3.3.9 */ { "rfc4475/mcl01.dat", ST_PARSE, EBADMSG, "Content-Length: line 9", "duplicated Content-Length" },
	/* RFC 5118 §4.2 */ { "rfc5118/ipv6-bad", ST_PARSE, EBADMSG, "start line: line 1", "IPv6 address must be enclosed" },
	/* RFC 5118 §4.10 */ { "rfc5118/ipv6-bug-abnf-3-colons", ST_PARSE, EBADMSG, "start line", "invalid IPv6 address" },
};

START_TEST(test_invalid_corpus)
{
	const struct invalid_vec *v = &invalid_vecs[_i];
	struct sipmsg *m = NULL;
	struct sipmsg_err e;
	struct sipaddr *c = NULL;
	struct sipcseq cs;
	size_t len, n;
	uint32_t u;
	char *buf = load(v->file, &len);
	int rc = sipmsg_parse(&m, buf, len, &e);

	if (v->stage == ST_PARSE) {
		ck_assert_ptr_null(m);
	} else {
		ck_assert_msg(rc == 0, "%s: parse: %s", v->file, e.what);
		switch (v->stage) {
		case ST_VALIDATE:
			rc = sipmsg_validate(m, &e);
			break;
		case ST_CONTACTS:
			rc = sipmsg_contacts(m, &c, &n, &e);
			break;
		case ST_EXPIRES:
			rc = sipmsg_expires(m, &u, &e);
			break;
		case ST_CSEQ:
			rc = sipmsg_cseq(m, &cs, &e);
			break;
		default:
			ck_abort();
		}
	}
	ck_assert_msg(rc == v->rc, "%s: rc %d want %d (%s)", v->file, rc, v->rc, e.what);
	ck_assert_msg(strstr(e.what, v->what1) && strstr(e.what, v->what2),
		      "%s: what '%s' lacks '%s' / '%s'", v->file, e.what, v->what1,
		      v->what2);
	ck_assert_uint_gt(e.line, 0);
	ck_assert_uint_gt(e.col, 0);
	ck_assert_ptr_nonnull(e.at);
	ck_assert(e.at >= buf && e.at <= buf + len);
	sipmsg_free(m);
	free(c);
	free(buf);
}
END_TEST

/* scalar02: the Contact expires parameter is out of range as well */
START_TEST(test_scalar02_contact_expires)
{
	size_t len, n = 0;
	char *buf = load("rfc4475/scalar02.dat", &len);
	struct sipmsg *m = parse_ok(buf, len);
	struct sipaddr *c = NULL;
	const struct sipparam *p;
	uint32_t u;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	p = sipaddr_param(&c[0], "expires");
	ck_assert_ptr_nonnull(p);
	assert_pl(p->val, "280297596632815");
	ck_assert_int_eq(pl_u32(p->val, &u), ERANGE);
	free(c);
	sipmsg_free(m);
	free(buf);
}
END_TEST

/* ---- hand-crafted responses ---------------------------------------------- */

static const char resp301[] =
	"SIP/2.0 301 Moved Permanently\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1;received=127.0.0.1;rport=5061\r\n"
	"from: \"Alice, A.\" <sip:alice@example.com>;tag=1\r\n"
	"TO: <sip:bob@example.com>;tag=2\r\n"
	"call-id: 1@127.0.0.1\r\n"
	"CSEQ: 1 INVITE\r\n"
	"m: <sip:b,ob@192.0.2.1;x=1>;q=0.5,\r\n"
	" \"Bob, B.\" <sip:bob@192.0.2.2>\r\n"
	"Contact:\r\n"
	"\tsip:bob@192.0.2.3;expires=60\r\n"
	"Allow: INVITE, ACK\r\n"
	"Allow:OPTIONS,BYE\r\n"
	"l: 0\r\n"
	"\r\n";

START_TEST(test_resp_301)
{
	static const char *const meth[] = { "INVITE", "ACK", "OPTIONS", "BYE" };
	struct sipmsg *m = parse_str(resp301);
	struct sipmsg_err e;
	struct sipaddr *c = NULL, f;
	struct sipvia *v = NULL;
	struct pl *al = NULL;
	size_t n = 0, i;
	bool present = false;

	ck_assert(!m->is_request);
	ck_assert_uint_eq(m->scode, 301);
	assert_pl(m->reason, "Moved Permanently");
	ck_assert(m->flags & SIPMSG_F_FOLDED);
	ck_assert(!(m->flags & SIPMSG_F_BARE_LF));
	ck_assert_int_eq(sipmsg_validate(m, &e), 0);
	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_CONTACT), 2);
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, &e), 0);
	ck_assert_uint_eq(n, 3);
	assert_pl(c[0].uri.user, "b,ob");
	assert_pl(sipaddr_param(&c[0], "q")->val, "0.5");
	assert_pl(sipuri_param(&c[0].uri, "x")->val, "1");
	assert_pl(c[1].dname, "\"Bob, B.\"");
	ck_assert(!c[2].name_addr);
	assert_pl(sipaddr_param(&c[2], "expires")->val, "60");
	ck_assert_uint_eq(sipmsg_hdr(m, SIPHDR_CONTACT)->line, 7);
	free(c);
	ck_assert_int_eq(sipmsg_from(m, &f, &e), 0);
	assert_pl(f.dname, "\"Alice, A.\"");
	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_ALLOW), 2);
	ck_assert_int_eq(sipmsg_allow(m, &present, &al, &n, &e), 0);
	ck_assert(present);
	ck_assert_uint_eq(n, 4);
	for (i = 0; i < n; i++)
		assert_pl(al[i], meth[i]);
	free(al);
	ck_assert_int_eq(sipmsg_vias(m, &v, &n, &e), 0);
	ck_assert_uint_eq(n, 1);
	assert_pl(v[0].received, "127.0.0.1");
	ck_assert(v[0].has_rport);
	assert_pl(v[0].rport, "5061");
	assert_pl(v[0].branch, "z9hG4bK-1");
	ck_assert_uint_eq(v[0].portnum, 5061);
	free(v);
	ck_assert_ptr_nonnull(sipmsg_hdr_name(m, "CALL-ID"));
	ck_assert_ptr_nonnull(sipmsg_hdr_name(m, "i"));
	sipmsg_free(m);
}
END_TEST

#define RESP_HDRS                                                     \
	"Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-2\r\n"              \
	"From: <sip:a@example.com>;tag=1\r\n"                          \
	"To: <sip:b@example.com>;tag=2\r\n"                            \
	"Call-ID: 2@127.0.0.1\r\n"                                     \
	"CSeq: 2 REGISTER\r\n"

START_TEST(test_resp_star_and_empty_reason)
{
	struct sipmsg *m = parse_str("SIP/2.0 200 \r\n" RESP_HDRS
				     "Contact: *\r\nAllow:\r\nContent-Length: 0\r\n\r\n");
	struct sipaddr *c = NULL;
	struct pl *al = NULL;
	size_t n = 9;
	bool present = false;

	ck_assert_uint_eq(m->reason.l, 0);
	ck_assert_int_eq(sipmsg_validate(m, NULL), 0);
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert(c[0].star);
	free(c);
	/* an empty Allow is legal and present (§20.5) */
	ck_assert_int_eq(sipmsg_allow(m, &present, &al, &n, NULL), 0);
	ck_assert(present);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(al);
	sipmsg_free(m);
}
END_TEST

START_TEST(test_resp_bad)
{
	static const struct {
		const char *msg;
		const char *what;
	} vec[] = {
		/* RFC 3261 §7.2: SP after Status-Code is required */
		{ "SIP/2.0 200\r\n" RESP_HDRS "\r\n", "start line: line 1 col 12: missing SP after Status-Code" },
		{ "SIP/2.0  200 OK\r\n" RESP_HDRS "\r\n", "more than one SP" },
		{ "SIP/2.0 099 Low\r\n" RESP_HDRS "\r\n", "out of range" },
		{ "SIP/2.0 20 OK\r\n" RESP_HDRS "\r\n", "not 3 digits" },
		{ "SIP/2.0 200 O\x01K\r\n" RESP_HDRS "\r\n", "control character" },
		{ "SIP/2.0 200 OK\r\n" RESP_HDRS "Bad Header: x\r\n\r\n", "header row: line 7 col 4: expected ':'" },
		{ "SIP/2.0 200 OK\r\n folded first\r\n" RESP_HDRS "\r\n", "continuation line before any header" },
	};
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	ck_assert_int_eq(sipmsg_parse(&m, vec[_i].msg, strlen(vec[_i].msg), &e), EBADMSG);
	ck_assert_ptr_null(m);
	ck_assert_msg(strstr(e.what, vec[_i].what), "'%s' lacks '%s'", e.what, vec[_i].what);
}
END_TEST

START_TEST(test_resp_bad_values)
{
	static const struct {
		const char *hdrs;
		const char *what;
	} vec[] = {
		{ "Contact: <sip:a@b;x=1,y>\r\n", "Contact: line 7 col 22: invalid character ',' in SIP URI" },
		{ "Contact: <sip:a@b\r\n", "Contact: line 7 col 10: unterminated '<'" },
		{ "Contact: *, <sip:a@b>\r\n", "'*' must be the only Contact value" },
		{ "Contact: <sip:a@b>;q=2\r\n", "q parameter" },
		{ "Contact: <sip:a@b>,,<sip:c@d>\r\n", "empty list element" },
		{ "Allow: INVITE, AC K\r\n", "Allow: line 7" },
		{ "Max-Forwards: x\r\n", "Max-Forwards" },
		{ "Expires: -1\r\n", "Expires: line 7 col 10: negative" },
		{ "Via: SIP/2.0/UDP host;received=foo\r\n", "received parameter" },
		{ "Via: SIP/2.0 host\r\n", "Via: line 7" },
		{ "Route: sip:proxy.example.com\r\n", "name-addr form" },
	};
	char buf[512];
	struct sipmsg *m;
	struct sipmsg_err e;

	snprintf(buf, sizeof(buf), "SIP/2.0 200 OK\r\n" RESP_HDRS "%s\r\n", vec[_i].hdrs);
	m = parse_str(buf);
	ck_assert_int_eq(sipmsg_validate(m, &e), EBADMSG);
	ck_assert_msg(strstr(e.what, vec[_i].what), "'%s' lacks '%s'", e.what, vec[_i].what);
	ck_assert_uint_eq(e.line, 7);
	sipmsg_free(m);
}
END_TEST

/* commas inside <...> and quoted strings do not split (§7.3.1) */
START_TEST(test_elems_split)
{
	struct sipmsg *m = parse_str("SIP/2.0 200 OK\r\n" RESP_HDRS
				     "Contact: <sip:a@b;x=1,y>, \"x,\\\"y\" <sip:c@d>\r\n"
				     "Contact: <sip:e@f>\r\n\r\n");
	struct siphdr_elem *el = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_hdr_elems(m, SIPHDR_CONTACT, &el, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	assert_pl(el[0].v, "<sip:a@b;x=1,y>");
	assert_pl(el[1].v, "\"x,\\\"y\" <sip:c@d>");
	ck_assert_uint_eq(el[2].hdr->line, 8);
	free(el);
	ck_assert_int_eq(sipmsg_hdr_elems(m, SIPHDR_ALLOW, &el, &n, NULL), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(el);
	sipmsg_free(m);
}
END_TEST

START_TEST(test_compact_names)
{
	static const struct {
		const char *name;
		enum siphdr_id id;
	} vec[] = {
		{ "m", SIPHDR_CONTACT }, { "V", SIPHDR_VIA }, { "f", SIPHDR_FROM },
		{ "t", SIPHDR_TO }, { "i", SIPHDR_CALL_ID }, { "L", SIPHDR_CONTENT_LENGTH },
		{ "c", SIPHDR_CONTENT_TYPE }, { "k", SIPHDR_SUPPORTED }, { "s", SIPHDR_SUBJECT },
		{ "e", SIPHDR_CONTENT_ENCODING }, { "o", SIPHDR_EVENT }, { "u", SIPHDR_ALLOW_EVENTS },
		{ "r", SIPHDR_REFER_TO }, { "cOnTaCt", SIPHDR_CONTACT }, { "x", SIPHDR_OTHER },
		{ "C%6Fntact", SIPHDR_OTHER }, { "Record-Route", SIPHDR_RECORD_ROUTE },
	};

	ck_assert_int_eq(siphdr_lookup(pl_from(vec[_i].name)), vec[_i].id);
	if (vec[_i].id != SIPHDR_OTHER)
		ck_assert(pl_caseeq_str(pl_from(vec[_i].name), siphdr_name(vec[_i].id)) ||
			  strlen(vec[_i].name) == 1);
}
END_TEST

/* ---- URIs ------------------------------------------------------------------- */

static const struct {
	const char *a, *b;
	bool eq;
} uri_eq_vecs[] = {
	/* RFC 3261 §19.1.4: equivalent */
	{ "sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp", true },
	{ "sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5", true },
	{ "sip:carol@chicago.com", "sip:carol@chicago.com;security=on", true },
	{ "sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on", true },
	{ "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
	  "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com", true },
	{ "sip:alice@atlanta.com?subject=project%20x&priority=urgent",
	  "sip:alice@atlanta.com?priority=urgent&subject=project%20x", true },
	/* RFC 3261 §19.1.4: not equivalent */
	{ "SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP", false },
	{ "sip:bob@biloxi.com", "sip:bob@biloxi.com:5060", false },
	{ "sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp", false },
	{ "sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp", false },
	{ "sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting", false },
	{ "sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4", false },
	{ "sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off", false },
	/* more of the rules */
	{ "sip:alice@atlanta.com", "sips:alice@atlanta.com", false },
	{ "sip:alice:pw@atlanta.com", "sip:alice:PW@atlanta.com", false },
	{ "sip:alice@atlanta.com;maddr=239.255.255.1", "sip:alice@atlanta.com", false },
	{ "sip:alice@atlanta.com;user=phone", "sip:alice@atlanta.com", false },
	{ "sip:alice@atlanta.com;ttl=15", "sip:alice@atlanta.com", false },
	{ "sip:alice@atlanta.com;lr", "sip:alice@atlanta.com", true },
	{ "sip:a%3bb@h", "sip:a;b@h", false }, /* ';' is reserved: escaped differs */
	{ "sip:a%2Db@h", "sip:a-b@h", true },
	{ "sip:a@h:5060", "sip:a@h:05060", true },
	{ "sip:a@[2001:DB8::1]", "sip:a@[2001:db8::1]", true },
	{ "sip:a@h?x=1&x=2", "sip:a@h?x=2&x=1", true },
	{ "sip:a@h?x=1", "sip:a@h?x=1&y=2", false },
	{ "tel:+1-201-555-0123", "tel:+1-201-555-0123", true },
	{ "tel:+1-201-555-0123", "TEL:+1-201-555-0123", true },
	{ "tel:+1-201-555-0123", "sip:+1-201-555-0123@h", false },
};

START_TEST(test_uri_equal)
{
	struct sipuri a = uri_of(uri_eq_vecs[_i].a), b = uri_of(uri_eq_vecs[_i].b);

	ck_assert_msg(sipuri_equal(&a, &b) == uri_eq_vecs[_i].eq, "%s vs %s",
		      uri_eq_vecs[_i].a, uri_eq_vecs[_i].b);
	ck_assert(sipuri_equal(&b, &a) == uri_eq_vecs[_i].eq);
	ck_assert(sipuri_equal(&a, &a));
}
END_TEST

static const struct {
	const char *s;
	const char *what; /* NULL = valid */
} uri_vecs[] = {
	{ "sip:alice@atlanta.com", NULL },
	{ "sips:[::1]:5061;transport=tls", NULL },
	{ "sip:user:pass@host.example.com.", NULL },
	{ "sip:192.0.2.1", NULL },
	{ "sip:[::ffff:192.0.2.2]", NULL },       /* RFC 5118 §4.9 */
	{ "sip:[2001:db8::192.0.2.1]", NULL },    /* RFC 5118 §4.10 */
	{ "sip:+1-212@gw;user=phone", NULL },
	{ "http://www.example.com/a?b", NULL },
	{ "soap.beep://192.0.2.103:3002", NULL },
	{ "sip:", "missing host" },
	{ "sip:@host", "empty user part" },
	{ "sip:host:99999", "out of range" },
	{ "sip:host:", "port" },
	{ "sip:a b@c", "invalid character" },
	{ "sip:host;;lr", "empty URI parameter" },
	{ "sip:host;x=", "empty value" },
	{ "sip:[::1", "unterminated '['" },
	{ "sip:1.2.3.4.5", "invalid host" },
	{ "sip:-host.com", "invalid" },
	{ "sip:2001:db8::10", "enclosed in '[' ']'" },          /* RFC 5118 §4.2 */
	{ "sip:[2001:db8:::192.0.2.1]", "invalid IPv6" },        /* RFC 5118 §4.10 */
	{ "sip:[1:2:3:4:5:6:7:8:9]", "invalid IPv6" },
	{ "sip:[1::2::3]", "invalid IPv6" },
	{ "sip:a@h?x", "without '='" },
	{ "sip:a%4@h", "invalid character '%'" },
	{ "<sip:a@b>", "'<'" },
	{ "1sip:a", "scheme" },
	{ "tel", "expected ':'" },
};

START_TEST(test_uri_parse)
{
	struct sipuri u;
	struct sipmsg_err e;
	int rc = sipuri_parse(&u, pl_from(uri_vecs[_i].s), &e);

	if (!uri_vecs[_i].what) {
		ck_assert_msg(rc == 0, "%s: %s", uri_vecs[_i].s, e.what);
		return;
	}
	ck_assert_int_eq(rc, EBADMSG);
	ck_assert_msg(strstr(e.what, uri_vecs[_i].what) && strncmp(e.what, "URI: line 1 col ", 16) == 0,
		      "%s: '%s' lacks '%s'", uri_vecs[_i].s, e.what, uri_vecs[_i].what);
}
END_TEST

START_TEST(test_addr_parse)
{
	struct sipaddr a;
	struct sipmsg_err e;

	ck_assert_int_eq(sipaddr_parse(&a, pl_from("A. Bell <sip:a@b>;tag=x;lr"), &e), 0);
	assert_pl(a.dname, "A. Bell");
	ck_assert_uint_eq(a.nparams, 2);
	ck_assert_int_eq(sipaddr_parse(&a, pl_from("\"x\" sip:a@b"), &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "expected '<'"));
	ck_assert_int_eq(sipaddr_parse(&a, pl_from("<sip:a@b> junk"), &e), EBADMSG);
	ck_assert_int_eq(sipaddr_parse(&a, pl_from("Bell"), &e), EBADMSG);
	ck_assert_int_eq(sipaddr_parse(&a, pl_from("<sip:a@b>;x=\"unterminated"), &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "unterminated quoted string"));
	ck_assert(sip_is_token(PL("INVITE")));
	ck_assert(!sip_is_token(PL("IN VITE")));
	ck_assert(!sip_is_token(PL("")));
}
END_TEST

/* fixtures/sip: hand-written CRLF responses (run from the repository root) */
static char *load_fixture(const char *name, size_t *lenp)
{
	char path[256];
	FILE *f;
	char *buf = malloc(4096);

	ck_assert_ptr_nonnull(buf);
	snprintf(path, sizeof(path), "fixtures/sip/%s", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s (run from the repository root)", path);
	*lenp = fread(buf, 1, 4096, f);
	fclose(f);
	return buf;
}

START_TEST(test_fixture_301)
{
	size_t len, n = 0;
	char *buf = load_fixture("resp301_compact_folded.sip", &len);
	struct sipmsg *m = parse_ok(buf, len);
	struct sipaddr *c = NULL;
	struct sipmsg_err e;

	ck_assert_uint_eq(m->scode, 301);
	ck_assert_int_eq(sipmsg_validate(m, &e), 0);
	ck_assert(m->flags & SIPMSG_F_FOLDED);
	ck_assert(!(m->flags & (SIPMSG_F_BARE_LF | SIPMSG_F_TRAILING_BYTES)));
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, &e), 0);
	ck_assert_uint_eq(n, 2);
	assert_pl(c[0].dname, "\"New, Home\"");
	assert_pl(sipuri_param(&c[0].uri, "transport")->val, "udp");
	assert_pl(sipaddr_param(&c[1], "q")->val, "0.3");
	ck_assert_uint_eq(c[1].uri.has_port, false);
	free(c);
	sipmsg_free(m);
	free(buf);
}
END_TEST

START_TEST(test_fixture_405)
{
	size_t len, n = 0;
	char *buf = load_fixture("resp405_two_allow.sip", &len);
	struct sipmsg *m = parse_ok(buf, len);
	struct pl *al = NULL;
	bool present = false;
	struct sipcseq cs;

	ck_assert_uint_eq(m->scode, 405);
	ck_assert_int_eq(sipmsg_validate(m, NULL), 0);
	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_ALLOW), 2);
	ck_assert_int_eq(sipmsg_allow(m, &present, &al, &n, NULL), 0);
	ck_assert_uint_eq(n, 5);
	assert_pl(al[3], "BYE");
	free(al);
	ck_assert_int_eq(sipmsg_cseq(m, &cs, NULL), 0);
	assert_pl(cs.method, "BOGUS");
	sipmsg_free(m);
	free(buf);
}
END_TEST

/* ---- Limits ----------------------------------------------------------------- */

START_TEST(test_big_header)
{
	size_t vl = 100 * 1024, i;
	char *buf = malloc(vl + 512);
	size_t n;
	struct sipmsg *m;

	ck_assert_ptr_nonnull(buf);
	n = (size_t)sprintf(buf, "SIP/2.0 200 OK\r\n" RESP_HDRS "Subject: ");
	for (i = 0; i < vl; i++)
		buf[n++] = 'a';
	n += (size_t)sprintf(buf + n, "\r\nContent-Length: 0\r\n\r\n");
	m = parse_ok(buf, n);
	ck_assert_uint_eq(sipmsg_hdr(m, SIPHDR_SUBJECT)->value.l, vl);
	ck_assert_int_eq(sipmsg_validate(m, NULL), 0);
	sipmsg_free(m);
	free(buf);
}
END_TEST

static char *many_rows(size_t rows, const char *row, size_t *lenp)
{
	size_t rl = strlen(row), n;
	char *buf = malloc(rows * rl + 512);

	ck_assert_ptr_nonnull(buf);
	n = (size_t)sprintf(buf, "SIP/2.0 200 OK\r\n" RESP_HDRS);
	for (size_t i = 0; i < rows; i++) {
		memcpy(buf + n, row, rl);
		n += rl;
	}
	memcpy(buf + n, "\r\n", 2);
	*lenp = n + 2;
	return buf;
}

START_TEST(test_many_rows)
{
	size_t len;
	char *buf = many_rows(10000, "X-A: b\r\n", &len);
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	ck_assert_int_eq(sipmsg_parse(&m, buf, len, &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "more than 1024 header rows"));
	ck_assert_uint_eq(e.line, 1026); /* 5 rows + 1024 X-A rows fit */
	free(buf);
	buf = many_rows(1000, "X-A: b\r\n", &len);
	m = parse_ok(buf, len);
	ck_assert_uint_eq(m->nhdrs, 1005);
	sipmsg_free(m);
	free(buf);
}
END_TEST

START_TEST(test_many_elems)
{
	size_t len;
	char *buf = many_rows(1000, "Contact: <sip:a@b>, <sip:c@d>\r\n", &len);
	struct sipmsg *m = parse_ok(buf, len);
	struct sipaddr *c = NULL;
	size_t n;
	struct sipmsg_err e;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "more than 1024 list elements"));
	ck_assert_ptr_null(c);
	sipmsg_free(m);
	free(buf);
}
END_TEST

START_TEST(test_too_many_params)
{
	char buf[1024];
	size_t n = (size_t)sprintf(buf, "SIP/2.0 200 OK\r\n" RESP_HDRS "Contact: <sip:a@b>");
	struct sipmsg *m;
	struct sipmsg_err e;
	int i;

	for (i = 0; i < SIP_MAX_PARAMS + 1; i++)
		n += (size_t)sprintf(buf + n, ";p%d", i);
	sprintf(buf + n, "\r\n\r\n");
	m = parse_str(buf);
	ck_assert_int_eq(sipmsg_validate(m, &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "too many parameters"));
	sipmsg_free(m);
}
END_TEST

START_TEST(test_nul_bytes)
{
	static const char raw[] = "SIP/2.0 200 OK\r\n" RESP_HDRS "X-Nul: a\0b\r\n\r\n";
	static const char quoted[] = "SIP/2.0 200 OK\r\n" RESP_HDRS "X-Q: \"a\\\0b\"\r\n\r\n";
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	ck_assert_int_eq(sipmsg_parse(&m, raw, sizeof(raw) - 1, &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "X-Nul: line 7 col 9: control character 0x00"));
	ck_assert_uint_eq(e.off, (size_t)((const char *)memchr(raw + 16, '\0', sizeof(raw)) - raw));
	/* quoted-pair may escape NUL (RFC 4475 §3.1.1.2) */
	m = parse_ok(quoted, sizeof(quoted) - 1);
	ck_assert_uint_eq(sipmsg_hdr_name(m, "x-q")->value.l, 6);
	sipmsg_free(m);
}
END_TEST

START_TEST(test_prefixes)
{
	static const char full[] =
		"INVITE sip:bob@example.com SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-p\r\n"
		"To: <sip:bob@example.com>\r\n"
		"From: \"A\" <sip:a@example.com>;tag=1\r\n"
		"Call-ID: p@127.0.0.1\r\n"
		"CSeq: 1 INVITE\r\n"
		"Content-Length: 4\r\n"
		"\r\n"
		"abcd";
	size_t len = sizeof(full) - 1, i;

	for (i = 0; i <= len; i++) {
		/* a heap copy of exactly i bytes, so ASan catches any overread */
		char *b = malloc(i ? i : 1);
		struct sipmsg *m = NULL;
		struct sipmsg_err e;
		int rc;

		memcpy(b, full, i);
		rc = sipmsg_parse(&m, b, i, &e);
		ck_assert_msg(rc == 0 || rc == ENODATA || rc == EBADMSG, "prefix %zu: %d", i, rc);
		/* a prefix is either rejected or visibly lacks the empty line */
		if (i < len && rc == 0)
			ck_assert_msg(m->flags & SIPMSG_F_NO_BLANK_LINE,
				      "prefix %zu accepted", i);
		if (i == len) {
			ck_assert_int_eq(rc, 0);
			ck_assert_int_eq(sipmsg_validate(m, &e), 0);
			ck_assert_uint_eq(m->body.l, 4);
		}
		sipmsg_free(m);
		free(b);
	}
}
END_TEST

START_TEST(test_prefixes_corpus)
{
	size_t len, i;
	char *full = load("rfc4475/wsinv.dat", &len);

	for (i = 0; i < len; i++) {
		char *b = malloc(i ? i : 1);
		struct sipmsg *m = NULL;
		struct sipmsg_err e;

		int rc;

		memcpy(b, full, i);
		rc = sipmsg_parse(&m, b, i, &e);
		ck_assert(rc != 0 || (m->flags & SIPMSG_F_NO_BLANK_LINE));
		/* Content-Length: 150 comes before the body: never complete */
		if (has_sub(b, i, "Content-Length"))
			ck_assert_int_ne(rc, 0);
		sipmsg_free(m);
		free(b);
	}
	free(full);
}
END_TEST

START_TEST(test_no_blank_line)
{
	static const char a[] = "SIP/2.0 200 OK\r\n" RESP_HDRS;
	static const char b[] = "SIP/2.0 200 OK\r\n" RESP_HDRS "Content-Length: 5\r\n";
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	m = parse_ok(a, sizeof(a) - 1);
	ck_assert(m->flags & SIPMSG_F_NO_BLANK_LINE);
	ck_assert(m->flags & SIPMSG_F_NO_CLEN);
	ck_assert_uint_eq(m->body.l, 0);
	sipmsg_free(m);
	ck_assert_int_eq(sipmsg_parse(&m, b, sizeof(b) - 1, &e), ENODATA);
	ck_assert_ptr_nonnull(strstr(e.what, "Content-Length"));
	ck_assert_int_eq(sipmsg_parse(&m, "", 0, &e), ENODATA);
	ck_assert_int_eq(sipmsg_parse(&m, "\r\n\r\n", 4, &e), ENODATA);
	ck_assert_int_eq(sipmsg_parse(NULL, a, 3, &e), EINVAL);
}
END_TEST

START_TEST(test_bare_lf)
{
	static const char a[] = "SIP/2.0 180 Ringing\n"
		"Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-2\n"
		"From: <sip:a@example.com>;tag=1\n"
		"To: <sip:b@example.com>;tag=2\n"
		"Call-ID: 2@127.0.0.1\n"
		"CSeq: 2 INVITE\n"
		"Contact: <sip:b@192.0.2.1>,\n <sip:c@192.0.2.1>\n"
		"Content-Length: 0\n\n";
	struct sipmsg *m = parse_ok(a, sizeof(a) - 1);
	struct sipaddr *c = NULL;
	size_t n;

	ck_assert(m->flags & SIPMSG_F_BARE_LF);
	ck_assert_int_eq(sipmsg_validate(m, NULL), 0);
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	free(c);
	sipmsg_free(m);
}
END_TEST

START_TEST(test_huge_numbers)
{
	static const char a[] = "SIP/2.0 200 OK\r\n" RESP_HDRS "Content-Length: 99999999999999999999999\r\n\r\n";
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	ck_assert_int_eq(sipmsg_parse(&m, a, sizeof(a) - 1, &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "Content-Length: line 7 col 17: value > 2^32-1"));
	ck_assert_uint_eq(e.line, 7);
	ck_assert_uint_eq(e.col, 17);
}
END_TEST

/*
 * Regression (fixtures/fuzz/sipmsg/regress-*): URIs without userinfo or
 * headers hold PL_NULL slices; comparing them once did NULL + 0 pointer
 * arithmetic (undefined behaviour, caught by UBSan under SANITIZE=1).
 */
START_TEST(test_equal_null_parts)
{
	static const char *const pairs[][2] = {
		{ "SIP:o", "sip:o" },
		{ "sip:o?a=b", "sip:o" },
		{ "sip:o", "sip:o?a=b" },
		{ "sip:host", "sip:user@host" },
	};
	static const bool equal[] = { true, false, false, false };
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct sipuri a, b;

		ck_assert_int_eq(sipuri_parse(&a, pl_from(pairs[i][0]), NULL), 0);
		ck_assert_int_eq(sipuri_parse(&b, pl_from(pairs[i][1]), NULL), 0);
		ck_assert_msg(sipuri_equal(&a, &b) == equal[i], "%s vs %s", pairs[i][0], pairs[i][1]);
		ck_assert(sipuri_equal(&b, &a) == equal[i]);
	}
}
END_TEST

static Suite *sipmsg_suite(void)
{
	Suite *s = suite_create("sipmsg");
	TCase *tc = tcase_create("Core");
	TCase *tl = tcase_create("Limits");

	tcase_add_loop_test(tc, test_valid_corpus, 0, (int)NELEM(valid_vecs));
	tcase_add_loop_test(tc, test_invalid_corpus, 0, (int)NELEM(invalid_vecs));
	tcase_add_test(tc, test_scalar02_contact_expires);
	tcase_add_test(tc, test_resp_301);
	tcase_add_test(tc, test_resp_star_and_empty_reason);
	tcase_add_loop_test(tc, test_resp_bad, 0, 7);
	tcase_add_loop_test(tc, test_resp_bad_values, 0, 11);
	tcase_add_test(tc, test_elems_split);
	tcase_add_test(tc, test_fixture_301);
	tcase_add_test(tc, test_fixture_405);
	tcase_add_loop_test(tc, test_compact_names, 0, 17);
	tcase_add_loop_test(tc, test_uri_equal, 0, (int)NELEM(uri_eq_vecs));
	tcase_add_loop_test(tc, test_uri_parse, 0, (int)NELEM(uri_vecs));
	tcase_add_test(tc, test_addr_parse);
	suite_add_tcase(s, tc);

	tcase_add_test(tl, test_big_header);
	tcase_add_test(tl, test_many_rows);
	tcase_add_test(tl, test_many_elems);
	tcase_add_test(tl, test_too_many_params);
	tcase_add_test(tl, test_nul_bytes);
	tcase_add_test(tl, test_prefixes);
	tcase_add_test(tl, test_prefixes_corpus);
	tcase_add_test(tl, test_no_blank_line);
	tcase_add_test(tl, test_bare_lf);
	tcase_add_test(tl, test_huge_numbers);
	tcase_add_test(tl, test_equal_null_parts);
	tcase_set_timeout(tl, 30);
	suite_add_tcase(s, tl);
	return s;
}

const struct tmain tmain_def = { "check_sipmsg", sipmsg_suite, NULL, NULL };
