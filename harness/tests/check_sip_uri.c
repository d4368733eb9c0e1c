/*
 * check_sip_uri.c - unit tests for URIs (sip/uri.c): SIP/SIPS and other
 * absolute URIs, uri-parameters, headers and §19.1.4 equality.
 *
 * Vectors: RFC 4475 messages with unusual and escaped URIs
 * (fixtures/corpus/rfc4475/), the RFC 3261 §19.1.4 comparison examples,
 * and hand-written URIs for every rejection.
 */
#include "tsip.h"

/* ---- RFC 4475 vectors ------------------------------------------------------ */

static void chk_intmeth(const struct sipmsg *m)
{
	struct sipuri u = tsip_uri_of("sip:x@y");
	struct sipcseq cs;
	struct sipmsg_err e;

	tsip_assert_pl(m->method, "!interesting-Method0123456789_*+`.%indeed'~");
	ck_assert_int_eq(sipuri_parse(&u, m->ruri, &e), 0);
	tsip_assert_pl(u.user, "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
	tsip_assert_pl(u.password, "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
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
	tsip_assert_pl(sipuri_param(&c[0].uri, "name")->val, "v%61lue%25%34%31");
	a = tsip_uri_of("sip:caller@host5.example.net;lr;name=value%2541");
	b = tsip_uri_of("sip:caller@host5.example.net;lr;name=valueA");
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
	tsip_assert_pl(c[0].uri.user, "%00");
	ck_assert(!sipuri_equal(&c[0].uri, &c[1].uri));
	free(c);
}

static void chk_semiuri(const struct sipmsg *m)
{
	struct sipuri u = tsip_uri_of("sip:x@y");
	struct siphdr_elem *el = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipuri_parse(&u, m->ruri, NULL), 0);
	tsip_assert_pl(u.user, "user;par=u%40example.net");
	tsip_assert_pl(u.host, "example.com");
	ck_assert_uint_eq(u.nparams, 0);
	ck_assert_int_eq(sipmsg_hdr_elems(m, SIPHDR_ACCEPT, &el, &n, NULL), 0);
	ck_assert_uint_eq(n, 6);
	tsip_assert_pl(el[5].v, "message/sipfrag");
	free(el);
}

static const struct tsip_valid valid_vecs[] = {
	/* RFC 4475 §3.1.1.2 */ { "rfc4475/intmeth.dat", chk_intmeth },
	/* RFC 4475 §3.1.1.3 */ { "rfc4475/esc01.dat", chk_esc01 },
	/* RFC 4475 §3.1.1.4 */ { "rfc4475/escnull.dat", chk_escnull },
	/* RFC 4475 §3.1.1.9 */ { "rfc4475/semiuri.dat", chk_semiuri },
};

static const struct tsip_invalid invalid_vecs[] = {
	/* RFC 4475 §3.1.2.11 */ { "rfc4475/escruri.dat", TSIP_VALIDATE, EBADMSG, "start line", "headers ('?') not allowed in a Request-URI" },
};

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
	struct sipuri a = tsip_uri_of(uri_eq_vecs[_i].a), b = tsip_uri_of(uri_eq_vecs[_i].b);

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

/* headers: "?" hname "=" hvalue *( "&" hname "=" hvalue ) */
START_TEST(test_uri_headers)
{
	static const struct {
		const char *s;
		const char *what; /* NULL = valid */
	} vec[] = {
		{ "sip:a@h?x=1&y=", NULL },
		{ "sip:a@h?x=%41&y=a%20b", NULL },
		{ "sip:a@h?", "URI: line 1 col 9: empty URI header name" },
		{ "sip:a@h?x=1&", "URI: line 1 col 13: empty URI header name" },
		{ "sip:a@h?&x=1", "URI: line 1 col 9: empty URI header name" },
		{ "sip:a@h?x&y=1", "URI: line 1 col 10: URI header without '='" },
		{ "sip:a@h?x=1=2", "URI: line 1 col 12: invalid character '=' in URI header value" },
		{ "sip:a@h?x;y=1", "URI: line 1 col 10: invalid character ';' in URI header" },
		{ "sip:a@h?x=%g1", "URI: line 1 col 11: invalid character '%' in URI header value" },
	};
	struct sipuri u;
	struct sipmsg_err e;
	int rc = sipuri_parse(&u, pl_from(vec[_i].s), &e);

	tsip_expect(rc, &e, vec[_i].what, vec[_i].s);
	if (!rc)
		ck_assert_ptr_nonnull(u.headers.p);
}
END_TEST

/* uri-parameters: escaped names match, lookups are case-insensitive */
START_TEST(test_uri_params)
{
	struct sipuri u = tsip_uri_of("sip:a@h;Transport=TCP;%6Cr;maddr=[::1]");
	struct sipmsg_err e;

	ck_assert_uint_eq(u.nparams, 3);
	tsip_assert_pl(sipuri_param(&u, "transport")->val, "TCP");
	ck_assert(!sipuri_param(&u, "lr")->has_val);
	tsip_assert_pl(sipuri_param(&u, "maddr")->val, "[::1]");
	ck_assert_ptr_null(sipuri_param(&u, "ttl"));
	ck_assert_ptr_null(sipuri_param(&u, NULL));
	ck_assert_ptr_null(sipuri_param(NULL, "lr"));
	ck_assert_int_eq(sipuri_parse(&u, PL("sip:a@h;x=\"y\""), &e), EBADMSG);
	ck_assert_str_eq(e.what, "URI: line 1 col 11: empty value for URI parameter 'x'");
	ck_assert_int_eq(sipuri_parse(NULL, PL("sip:a@h"), &e), EINVAL);
	ck_assert_int_eq(sipuri_parse(&u, PL_NULL, &e), EBADMSG);
	ck_assert_str_eq(e.what, "URI: empty URI");
	ck_assert_int_eq(sipuri_parse(&u, PL("tel:"), &e), EBADMSG);
	ck_assert_str_eq(e.what, "URI: line 1 col 5: empty URI after scheme");
	ck_assert_int_eq(sipuri_parse(&u, PL("tel:1 2"), &e), EBADMSG);
	ck_assert_str_eq(e.what, "URI: line 1 col 6: invalid character 0x20 in URI");
	/* other schemes keep '%' as written, escaped or not */
	u = tsip_uri_of("tel:%zz");
	ck_assert(!u.is_sip);
	ck_assert(!sipuri_equal(&u, NULL));
}
END_TEST

static Suite *sip_uri_suite(void)
{
	Suite *s = suite_create("sip_uri");
	TCase *tc = tcase_create("Core");

	tsip_add_corpus(tc, valid_vecs, NELEM(valid_vecs), invalid_vecs, NELEM(invalid_vecs));
	tcase_add_loop_test(tc, test_uri_equal, 0, (int)NELEM(uri_eq_vecs));
	tcase_add_loop_test(tc, test_uri_parse, 0, (int)NELEM(uri_vecs));
	tcase_add_test(tc, test_equal_null_parts);
	tcase_add_loop_test(tc, test_uri_headers, 0, 9);
	tcase_add_test(tc, test_uri_params);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_sip_uri", sip_uri_suite, NULL, NULL };
