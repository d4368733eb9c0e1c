/*
 * check_sip_msg.c - unit tests for message framing and the header index
 * (sip/msg.c, sip/hdr.c, positions from sip/ectx.c).
 *
 * Vectors: RFC 4475 torture messages about the start line, header rows
 * and Content-Length framing (fixtures/corpus/), hand-written responses,
 * list splitting (§7.3.1), compact header names (§7.3.3) and the hard
 * limits (rows, list elements, truncation at every byte).
 */
#include "tsip.h"

/* ---- RFC 4475 vectors ------------------------------------------------------ */

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
	tsip_assert_pl(c[0].dname, "\"Quoted string \\\"\\\"\"");
	p = sipaddr_param(&c[0], "q");
	ck_assert_ptr_nonnull(p);
	tsip_assert_pl(p->val, "0.33");
	p = sipaddr_param(&c[0], "newparam");
	ck_assert_ptr_nonnull(p);
	tsip_assert_pl(p->val, "newvalue");
	p = sipaddr_param(&c[0], "secondparam");
	ck_assert_ptr_nonnull(p);
	ck_assert(!p->has_val);
	free(c);
	ck_assert_int_eq(sipmsg_cseq(m, &cs, NULL), 0);
	ck_assert_uint_eq(cs.num, 9);
	tsip_assert_pl(cs.method, "INVITE");
	ck_assert_int_eq(sipmsg_to(m, &to, NULL), 0);
	tsip_assert_pl(sipaddr_param(&to, "tag")->val, "1918181833n");
	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	tsip_assert_pl(v[0].transport, "UDP");
	tsip_assert_pl(v[1].branch, "z9hG4bK9ikj8");
	tsip_assert_pl(v[2].branch, "z9hG4bK30239");
	free(v);
	ck_assert_ptr_nonnull(sipmsg_hdr(m, SIPHDR_MAX_FORWARDS));
	tsip_assert_pl(sipmsg_hdr(m, SIPHDR_MAX_FORWARDS)->value, "0068");
	ck_assert_uint_eq(m->body.l, 150);
}

static void chk_esc02(const struct sipmsg *m)
{
	struct sipaddr *c = NULL;
	size_t n = 0;
	const struct siphdr *h;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 2); /* C%6Fntact is not Contact */
	tsip_assert_pl(c[1].uri.host, "host3.example.com");
	free(c);
	h = sipmsg_hdr_name(m, "C%6Fntact");
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(h->id, SIPHDR_OTHER);
	tsip_assert_pl(m->method, "RE%47IST%45R");
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
	tsip_assert_pl(m->method, "REGISTER");
	ck_assert(!tsip_has_sub(m->raw.p, m->raw.l, "INVITE"));
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

static const struct tsip_valid valid_vecs[] = {
	/* RFC 4475 §3.1.1.1 */ { "rfc4475/wsinv.dat", chk_wsinv },
	/* RFC 4475 §3.1.1.5 */ { "rfc4475/esc02.dat", chk_esc02 },
	/* RFC 4475 §3.1.1.7 */ { "rfc4475/longreq.dat", chk_longreq },
	/* RFC 4475 §3.1.1.8 */ { "rfc4475/dblreq.dat", chk_dblreq },
	/* RFC 4475 §3.1.1.12 */ { "rfc4475/unreason.dat", chk_unreason },
	/* RFC 4475 §3.1.1.13 */ { "rfc4475/noreason.dat", chk_noreason },
};

static const struct tsip_invalid invalid_vecs[] = {
	/* RFC 4475 §3.1.2.2 */ { "rfc4475/clerr.dat", TSIP_PARSE, ENODATA, "Content-Length: line 10", "larger than message" },
	/* RFC 4475 §3.1.2.3 */ { "rfc4475/ncl.dat", TSIP_PARSE, EBADMSG, "Content-Length", "negative" },
	/* RFC 4475 §3.1.2.7 */ { "rfc4475/ltgtruri.dat", TSIP_PARSE, EBADMSG, "start line: line 1 col 8", "'<'" },
	/* RFC 4475 §3.1.2.8 */ { "rfc4475/lwsruri.dat", TSIP_PARSE, EBADMSG, "start line", "whitespace inside Request-URI" },
	/* RFC 4475 §3.1.2.9 */ { "rfc4475/lwsstart.dat", TSIP_PARSE, EBADMSG, "start line: line 1 col 8", "more than one SP" },
	/* RFC 4475 §3.1.2.10 */ { "rfc4475/trws.dat", TSIP_PARSE, EBADMSG, "start line", "trailing whitespace" },
	/* RFC 4475 §3.1.2.16 */ { "rfc4475/badvers.dat", TSIP_PARSE, EBADMSG, "start line: line 1", "SIP-Version 'SIP/7.0'" },
	/* RFC 4475 §3.1.2.19 */ { "rfc4475/bigcode.dat", TSIP_PARSE, EBADMSG, "start line: line 1 col 9", "Status-Code '4294967301'" },
	/* RFC 4475 §3.3.9 */ { "rfc4475/mcl01.dat", TSIP_PARSE, EBADMSG, "Content-Length: line 9", "duplicated Content-Length" },
};

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
	struct sipmsg *m = tsip_parse_str(resp301);
	struct sipmsg_err e;
	struct sipaddr *c = NULL, f;
	struct sipvia *v = NULL;
	struct pl *al = NULL;
	size_t n = 0, i;
	bool present = false;

	ck_assert(!m->is_request);
	ck_assert_uint_eq(m->scode, 301);
	tsip_assert_pl(m->reason, "Moved Permanently");
	ck_assert(m->flags & SIPMSG_F_FOLDED);
	ck_assert(!(m->flags & SIPMSG_F_BARE_LF));
	ck_assert_int_eq(sipmsg_validate(m, &e), 0);
	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_CONTACT), 2);
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, &e), 0);
	ck_assert_uint_eq(n, 3);
	tsip_assert_pl(c[0].uri.user, "b,ob");
	tsip_assert_pl(sipaddr_param(&c[0], "q")->val, "0.5");
	tsip_assert_pl(sipuri_param(&c[0].uri, "x")->val, "1");
	tsip_assert_pl(c[1].dname, "\"Bob, B.\"");
	ck_assert(!c[2].name_addr);
	tsip_assert_pl(sipaddr_param(&c[2], "expires")->val, "60");
	ck_assert_uint_eq(sipmsg_hdr(m, SIPHDR_CONTACT)->line, 7);
	free(c);
	ck_assert_int_eq(sipmsg_from(m, &f, &e), 0);
	tsip_assert_pl(f.dname, "\"Alice, A.\"");
	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_ALLOW), 2);
	ck_assert_int_eq(sipmsg_allow(m, &present, &al, &n, &e), 0);
	ck_assert(present);
	ck_assert_uint_eq(n, 4);
	for (i = 0; i < n; i++)
		tsip_assert_pl(al[i], meth[i]);
	free(al);
	ck_assert_int_eq(sipmsg_vias(m, &v, &n, &e), 0);
	ck_assert_uint_eq(n, 1);
	tsip_assert_pl(v[0].received, "127.0.0.1");
	ck_assert(v[0].has_rport);
	tsip_assert_pl(v[0].rport, "5061");
	tsip_assert_pl(v[0].branch, "z9hG4bK-1");
	ck_assert_uint_eq(v[0].portnum, 5061);
	free(v);
	ck_assert_ptr_nonnull(sipmsg_hdr_name(m, "CALL-ID"));
	ck_assert_ptr_nonnull(sipmsg_hdr_name(m, "i"));
	sipmsg_free(m);
}
END_TEST

START_TEST(test_resp_star_and_empty_reason)
{
	struct sipmsg *m = tsip_parse_str("SIP/2.0 200 \r\n" TSIP_RESP_HDRS
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
		{ "SIP/2.0 200\r\n" TSIP_RESP_HDRS "\r\n", "start line: line 1 col 12: missing SP after Status-Code" },
		{ "SIP/2.0  200 OK\r\n" TSIP_RESP_HDRS "\r\n", "more than one SP" },
		{ "SIP/2.0 099 Low\r\n" TSIP_RESP_HDRS "\r\n", "out of range" },
		{ "SIP/2.0 20 OK\r\n" TSIP_RESP_HDRS "\r\n", "not 3 digits" },
		{ "SIP/2.0 200 O\x01K\r\n" TSIP_RESP_HDRS "\r\n", "control character" },
		/* framing: Content-Length on a row that breaks the grammar */
		{ "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "Content-Length 0\r\n\r\n",
		  "header row: line 7 col 15: expected ':' after header name 'Content-Length'" },
		/* header rows that break the grammar are faults, not parse
		 * failures: check_sip_fault.c ("Bad Header: x", folding first) */
	};
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	ck_assert_int_eq(sipmsg_parse(&m, vec[_i].msg, strlen(vec[_i].msg), &e), EBADMSG);
	ck_assert_ptr_null(m);
	ck_assert_msg(strstr(e.what, vec[_i].what), "'%s' lacks '%s'", e.what, vec[_i].what);
}
END_TEST

/* commas inside <...> and quoted strings do not split (§7.3.1) */
START_TEST(test_elems_split)
{
	struct sipmsg *m = tsip_parse_str("SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS
				     "Contact: <sip:a@b;x=1,y>, \"x,\\\"y\" <sip:c@d>\r\n"
				     "Contact: <sip:e@f>\r\n\r\n");
	struct siphdr_elem *el = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_hdr_elems(m, SIPHDR_CONTACT, &el, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	tsip_assert_pl(el[0].v, "<sip:a@b;x=1,y>");
	tsip_assert_pl(el[1].v, "\"x,\\\"y\" <sip:c@d>");
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

START_TEST(test_hdr_names)
{
	ck_assert_str_eq(siphdr_name(SIPHDR_OTHER), "");
	ck_assert_str_eq(siphdr_name(SIPHDR__COUNT), "");
	ck_assert_str_eq(siphdr_name(SIPHDR_CSEQ), "CSeq");
	ck_assert_str_eq(siphdr_name(SIPHDR_WARNING), "Warning");
	ck_assert_int_eq(siphdr_lookup(PL_NULL), SIPHDR_OTHER);
	ck_assert_int_eq(siphdr_lookup(PL("")), SIPHDR_OTHER);
	ck_assert_int_eq(siphdr_lookup(PL("content-length")), SIPHDR_CONTENT_LENGTH);
	ck_assert_int_eq(siphdr_lookup(PL("Content-Lengt")), SIPHDR_OTHER);
	ck_assert_int_eq(siphdr_lookup(PL("Content-Lengths")), SIPHDR_OTHER);
	/* one-letter names without a compact form are not a header */
	ck_assert_int_eq(siphdr_lookup(PL("a")), SIPHDR_OTHER);
}
END_TEST

/* rows by id and by name, and what a missing row gives */
START_TEST(test_hdr_index)
{
	struct sipmsg *m = tsip_parse_str("SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS
					  "X-Foo: 1\r\nx-foo: 2\r\nv: SIP/2.0/TCP h\r\n\r\n");
	struct siphdr_elem *el = (struct siphdr_elem *)1;
	size_t n = 9;

	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_VIA), 2);
	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_CONTACT), 0);
	ck_assert_uint_eq(sipmsg_hdr_count(NULL, SIPHDR_VIA), 0);
	ck_assert_ptr_null(sipmsg_hdr(m, SIPHDR_CONTACT));
	ck_assert_ptr_null(sipmsg_hdr(NULL, SIPHDR_VIA));
	tsip_assert_pl(sipmsg_hdr_name(m, "X-FOO")->value, "1");
	tsip_assert_pl(sipmsg_hdr_name(m, "Via")->value, "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-2");
	ck_assert_ptr_null(sipmsg_hdr_name(m, "X-Bar"));
	ck_assert_ptr_null(sipmsg_hdr_name(m, NULL));
	ck_assert_uint_eq(sipmsg_hdr(m, SIPHDR_CALL_ID)->line, 5);
	ck_assert_uint_eq(sipmsg_hdr(m, SIPHDR_CALL_ID)->col, 10);
	ck_assert_int_eq(sipmsg_hdr_elems(m, SIPHDR_VIA, &el, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_eq(el[1].hdr, &m->hdrs[m->nhdrs - 1]);
	free(el);
	ck_assert_int_eq(sipmsg_hdr_elems(NULL, SIPHDR_VIA, &el, &n, NULL), EINVAL);
	ck_assert_int_eq(sipmsg_hdr_elems(m, SIPHDR_VIA, NULL, &n, NULL), EINVAL);
	sipmsg_free(m);
	ck_assert_ptr_null(sipmsg_free(NULL));
}
END_TEST

/* an element that does not end where it opened fails the whole list */
START_TEST(test_elems_unterminated)
{
	static const struct {
		const char *row;
		const char *what;
	} vec[] = {
		{ "Accept: a, \"b, c\r\n", "Accept: line 7 col 12: unterminated quoted string" },
		{ "Accept: a, \"b\\\"\r\n", "Accept: line 7 col 12: unterminated quoted string" },
		{ "Accept: <a, b\r\n", "Accept: line 7 col 9: unterminated '<'" },
		{ "Accept: a,\r\n , b\r\n", "Accept: line 8 col 2: empty list element" },
	};
	char buf[256];
	struct sipmsg *m;
	struct sipmsg_err e;
	struct siphdr_elem *el = NULL;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "%s\r\n", vec[_i].row);
	m = tsip_parse_str(buf);
	ck_assert_int_eq(sipmsg_hdr_elems(m, SIPHDR_ACCEPT, &el, &n, &e), EBADMSG);
	ck_assert_ptr_null(el);
	ck_assert_str_eq(e.what, vec[_i].what);
	sipmsg_free(m);
}
END_TEST

/* sipmsg_pos counts in the message, 1-based; outside it is 0,0 */
START_TEST(test_pos)
{
	static const char raw[] = "\r\nSIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "\r\n";
	struct sipmsg *m = tsip_parse_ok(raw, sizeof(raw) - 1);
	const struct siphdr *h = sipmsg_hdr(m, SIPHDR_CSEQ);
	size_t line = 9, col = 9;

	/* the leading CRLF is not part of the message (§7.5) */
	sipmsg_pos(m, raw + 2, &line, &col);
	ck_assert_uint_eq(line, 1);
	ck_assert_uint_eq(col, 1);
	sipmsg_pos(m, h->value.p + 2, &line, &col);
	ck_assert_uint_eq(line, 6);
	ck_assert_uint_eq(col, 9);
	sipmsg_pos(m, raw, &line, &col);
	ck_assert_uint_eq(line, 0);
	ck_assert_uint_eq(col, 0);
	sipmsg_pos(NULL, raw + 2, &line, &col);
	ck_assert_uint_eq(line, 0);
	sipmsg_pos(m, raw + 2, NULL, NULL);
	sipmsg_free(m);
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
	n = (size_t)sprintf(buf, "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "Subject: ");
	for (i = 0; i < vl; i++)
		buf[n++] = 'a';
	n += (size_t)sprintf(buf + n, "\r\nContent-Length: 0\r\n\r\n");
	m = tsip_parse_ok(buf, n);
	ck_assert_uint_eq(sipmsg_hdr(m, SIPHDR_SUBJECT)->value.l, vl);
	ck_assert_int_eq(sipmsg_validate(m, NULL), 0);
	sipmsg_free(m);
	free(buf);
}
END_TEST

START_TEST(test_many_rows)
{
	size_t len;
	char *buf = tsip_many_rows(10000, "X-A: b\r\n", &len);
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	ck_assert_int_eq(sipmsg_parse(&m, buf, len, &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "more than 1024 header rows"));
	ck_assert_uint_eq(e.line, 1026); /* 5 rows + 1024 X-A rows fit */
	free(buf);
	buf = tsip_many_rows(1000, "X-A: b\r\n", &len);
	m = tsip_parse_ok(buf, len);
	ck_assert_uint_eq(m->nhdrs, 1005);
	sipmsg_free(m);
	free(buf);
}
END_TEST

START_TEST(test_many_elems)
{
	size_t len;
	char *buf = tsip_many_rows(1000, "Contact: <sip:a@b>, <sip:c@d>\r\n", &len);
	struct sipmsg *m = tsip_parse_ok(buf, len);
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

START_TEST(test_nul_bytes)
{
	static const char raw[] = "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "X-Nul: a\0b\r\n\r\n";
	static const char quoted[] = "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "X-Q: \"a\\\0b\"\r\n\r\n";
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	/* a NUL in a value is a grammar fault of its row, not of the framing */
	m = tsip_parse_ok(raw, sizeof(raw) - 1);
	ck_assert_uint_eq(m->nfaults, 1);
	ck_assert_int_eq(sipmsg_validate(m, &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "X-Nul: line 7 col 9: control character 0x00"));
	ck_assert_uint_eq(e.off, (size_t)((const char *)memchr(raw + 16, '\0', sizeof(raw)) - raw));
	ck_assert_int_eq(sipmsg_fault_err(m, sipmsg_fault_next(m, NULL), &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "X-Nul: line 7 col 9: control character 0x00"));
	m = sipmsg_free(m);
	/* quoted-pair may escape NUL (RFC 4475 §3.1.1.2) */
	m = tsip_parse_ok(quoted, sizeof(quoted) - 1);
	ck_assert_uint_eq(m->nfaults, 0);
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
	char *full = tsip_corpus("rfc4475/wsinv.dat", &len);

	for (i = 0; i < len; i++) {
		char *b = malloc(i ? i : 1);
		struct sipmsg *m = NULL;
		struct sipmsg_err e;

		int rc;

		memcpy(b, full, i);
		rc = sipmsg_parse(&m, b, i, &e);
		ck_assert(rc != 0 || (m->flags & SIPMSG_F_NO_BLANK_LINE));
		/* Content-Length: 150 comes before the body: never complete */
		if (tsip_has_sub(b, i, "Content-Length"))
			ck_assert_int_ne(rc, 0);
		sipmsg_free(m);
		free(b);
	}
	free(full);
}
END_TEST

START_TEST(test_no_blank_line)
{
	static const char a[] = "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS;
	static const char b[] = "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "Content-Length: 5\r\n";
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	m = tsip_parse_ok(a, sizeof(a) - 1);
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
	struct sipmsg *m = tsip_parse_ok(a, sizeof(a) - 1);
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
	static const char a[] = "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "Content-Length: 99999999999999999999999\r\n\r\n";
	struct sipmsg *m = NULL;
	struct sipmsg_err e;

	ck_assert_int_eq(sipmsg_parse(&m, a, sizeof(a) - 1, &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "Content-Length: line 7 col 17: value > 2^32-1"));
	ck_assert_uint_eq(e.line, 7);
	ck_assert_uint_eq(e.col, 17);
}
END_TEST

static Suite *sip_msg_suite(void)
{
	Suite *s = suite_create("sip_msg");
	TCase *tc = tcase_create("Core");
	TCase *tl = tcase_create("Limits");

	tsip_add_corpus(tc, valid_vecs, NELEM(valid_vecs), invalid_vecs, NELEM(invalid_vecs));
	tcase_add_test(tc, test_resp_301);
	tcase_add_test(tc, test_resp_star_and_empty_reason);
	tcase_add_loop_test(tc, test_resp_bad, 0, 6);
	tcase_add_test(tc, test_elems_split);
	tcase_add_loop_test(tc, test_elems_unterminated, 0, 4);
	tcase_add_loop_test(tc, test_compact_names, 0, 17);
	tcase_add_test(tc, test_hdr_names);
	tcase_add_test(tc, test_hdr_index);
	tcase_add_test(tc, test_pos);
	suite_add_tcase(s, tc);

	tcase_add_test(tl, test_big_header);
	tcase_add_test(tl, test_many_rows);
	tcase_add_test(tl, test_many_elems);
	tcase_add_test(tl, test_nul_bytes);
	tcase_add_test(tl, test_prefixes);
	tcase_add_test(tl, test_prefixes_corpus);
	tcase_add_test(tl, test_no_blank_line);
	tcase_add_test(tl, test_bare_lf);
	tcase_add_test(tl, test_huge_numbers);
	tcase_set_timeout(tl, 30);
	suite_add_tcase(s, tl);
	return s;
}

const struct tmain tmain_def = { "check_sip_msg", sip_msg_suite, NULL, NULL };
