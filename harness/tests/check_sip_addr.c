/*
 * check_sip_addr.c - unit tests for name-addr / addr-spec values and the
 * Contact, From and To accessors (sip/addr.c).
 *
 * Vectors: RFC 4475 messages about display names, addr-spec parameters
 * and non-SIP URIs (fixtures/corpus/rfc4475/), a hand-written 301
 * (fixtures/sip/), and every rejection of the name-addr grammar.
 */
#include "tsip.h"

/* ---- RFC 4475 vectors ------------------------------------------------------ */

static void chk_lwsdisp(const struct sipmsg *m)
{
	struct sipaddr f;

	ck_assert_int_eq(sipmsg_from(m, &f, NULL), 0);
	tsip_assert_pl(f.dname, "caller");
	ck_assert(f.name_addr);
}

static void chk_unksm2(const struct sipmsg *m)
{
	struct sipaddr a, *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_to(m, &a, NULL), 0);
	ck_assert(!a.uri.is_sip);
	tsip_assert_pl(a.uri.scheme, "isbn");
	ck_assert_int_eq(sipmsg_from(m, &a, NULL), 0);
	tsip_assert_pl(a.uri.scheme, "http");
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	tsip_assert_pl(c[0].uri.scheme, "name");
	free(c);
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

static void chk_regescrt(const struct sipmsg *m)
{
	struct sipaddr *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	tsip_assert_pl(c[0].uri.headers, "Route=%3Csip:sip.example.com%3E");
	free(c);
}

static const struct tsip_valid valid_vecs[] = {
	/* RFC 4475 §3.1.1.6 */ { "rfc4475/lwsdisp.dat", chk_lwsdisp },
	/* RFC 4475 §3.3.4 */ { "rfc4475/unksm2.dat", chk_unksm2 },
	/* RFC 4475 §3.3.12 */ { "rfc4475/cparam01.dat", chk_cparam01 },
	/* RFC 4475 §3.3.13 */ { "rfc4475/cparam02.dat", chk_cparam02 },
	/* RFC 4475 §3.3.14 */ { "rfc4475/regescrt.dat", chk_regescrt },
};

static const struct tsip_invalid invalid_vecs[] = {
	/* RFC 4475 §3.1.2.6 */ { "rfc4475/quotbal.dat", TSIP_VALIDATE, EBADMSG, "To: line 2", "unterminated quoted string" },
	/* RFC 4475 §3.1.2.13 */ { "rfc4475/regbadct.dat", TSIP_VALIDATE, EBADMSG, "Contact: line 8 col 30", "name-addr form" },
	/* RFC 4475 §3.1.2.14 */ { "rfc4475/badaspec.dat", TSIP_VALIDATE, EBADMSG, "To: line 5", "whitespace after '<'" },
	/* RFC 4475 §3.1.2.15 */ { "rfc4475/baddn.dat", TSIP_VALIDATE, EBADMSG, "From: line 4", "unquoted ',' in display name" },
};

/* scalar02: the Contact expires parameter is out of range as well */
START_TEST(test_scalar02_contact_expires)
{
	size_t len, n = 0;
	char *buf = tsip_corpus("rfc4475/scalar02.dat", &len);
	struct sipmsg *m = tsip_parse_ok(buf, len);
	struct sipaddr *c = NULL;
	const struct sipparam *p;
	uint32_t u;

	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	p = sipaddr_param(&c[0], "expires");
	ck_assert_ptr_nonnull(p);
	tsip_assert_pl(p->val, "280297596632815");
	ck_assert_int_eq(pl_u32(p->val, &u), ERANGE);
	free(c);
	sipmsg_free(m);
	free(buf);
}
END_TEST

/* ---- name-addr / addr-spec ------------------------------------------------- */

START_TEST(test_addr_parse)
{
	struct sipaddr a;
	struct sipmsg_err e;

	ck_assert_int_eq(sipaddr_parse(&a, pl_from("A. Bell <sip:a@b>;tag=x;lr"), &e), 0);
	tsip_assert_pl(a.dname, "A. Bell");
	ck_assert_uint_eq(a.nparams, 2);
	ck_assert_int_eq(sipaddr_parse(&a, pl_from("\"x\" sip:a@b"), &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "expected '<'"));
	ck_assert_int_eq(sipaddr_parse(&a, pl_from("<sip:a@b> junk"), &e), EBADMSG);
	ck_assert_int_eq(sipaddr_parse(&a, pl_from("Bell"), &e), EBADMSG);
	ck_assert_int_eq(sipaddr_parse(&a, pl_from("<sip:a@b>;x=\"unterminated"), &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "unterminated quoted string"));
}
END_TEST

static const struct {
	const char *s;
	const char *what; /* NULL = valid */
} addr_vecs[] = {
	{ "  <sip:a@b>  ", NULL },
	{ "\"\" <sip:a@b>", NULL },
	{ "*", NULL },
	{ "tel:+1-201-555-0123;tag=x", NULL },
	{ "", "address: line 1 col 1: empty value" },
	{ "Bell", "address: line 1 col 1: expected a URI (scheme ':') or name-addr" },
	{ "<sip:a@b", "address: line 1 col 1: unterminated '<'" },
	{ "A@B <sip:x@y>", "address: line 1 col 2: invalid character '@' in unquoted display name (use a quoted-string)" },
	{ "< sip:a@b>", "address: line 1 col 2: whitespace after '<' (no LWS allowed inside <addr-spec>)" },
	{ "<sip:a@b >", "address: line 1 col 9: whitespace before '>' (no LWS allowed inside <addr-spec>)" },
	{ "sip:a@b?x=y", "address: line 1 col 8: addr-spec with '?' must be in name-addr form <...> (§20)" },
	{ "\"x\" sip:a@b", "address: line 1 col 5: expected '<' after quoted display name" },
	{ "<sip:a@b> junk", "address: line 1 col 11: unexpected 'j' after address" },
	{ "<sip:a b>", "address: line 1 col 7: invalid character 0x20 in SIP URI" },
	{ "<>", "address: line 1 col 2: empty URI" },
};

START_TEST(test_addr_vecs)
{
	struct sipaddr a;
	struct sipmsg_err e;
	int rc = sipaddr_parse(&a, pl_from(addr_vecs[_i].s), &e);

	tsip_expect(rc, &e, addr_vecs[_i].what, addr_vecs[_i].s);
}
END_TEST

/* addr-spec: parameters after the URI belong to the header (§20.10) */
START_TEST(test_addr_spec_params)
{
	struct sipaddr a;

	ck_assert_int_eq(sipaddr_parse(&a, PL("sip:a@b;tag=1"), NULL), 0);
	ck_assert(!a.name_addr);
	ck_assert_uint_eq(a.nparams, 1);
	ck_assert_uint_eq(a.uri.nparams, 0);
	ck_assert_int_eq(sipaddr_parse(&a, PL("<sip:a@b;lr>;tag=1"), NULL), 0);
	ck_assert(a.name_addr);
	ck_assert_uint_eq(a.nparams, 1);
	ck_assert_uint_eq(a.uri.nparams, 1);
	ck_assert_int_eq(sipaddr_parse(&a, PL("*"), NULL), 0);
	ck_assert(a.star);
	ck_assert_int_eq(sipaddr_parse(NULL, PL("*"), NULL), EINVAL);
}
END_TEST

/* From / To: exactly one row with exactly one value, never '*' */
START_TEST(test_from_to)
{
	static const struct {
		const char *rows;
		int rc;
		const char *what;
	} vec[] = {
		{ "From: *\r\nTo: <sip:b@c>\r\n", EBADMSG, "From: line 2 col 7: '*' is only allowed in Contact" },
		{ "To: <sip:b@c>\r\n", ENOENT, "From: missing From header" },
		{ "From: <sip:a@b>\r\nTo: <sip:b@c>\r\nf: <sip:c@d>\r\n", EBADMSG, "From: line 4 col 1: duplicated single-value header" },
		{ "From: <sip:a@b>, <sip:c@d>\r\nTo: <sip:b@c>\r\n", EBADMSG, "From: line 2 col 18: more than one value" },
		{ "From:\r\nTo: <sip:b@c>\r\n", EBADMSG, "From: line 2 col 6: empty value" },
	};
	char buf[256];
	struct sipmsg *m;
	struct sipmsg_err e;
	struct sipaddr a;

	snprintf(buf, sizeof(buf), "SIP/2.0 200 OK\r\n%s\r\n", vec[_i].rows);
	m = tsip_parse_str(buf);
	ck_assert_int_eq(sipmsg_from(m, &a, &e), vec[_i].rc);
	ck_assert_str_eq(e.what, vec[_i].what);
	ck_assert_int_eq(sipmsg_from(NULL, &a, &e), EINVAL);
	ck_assert_int_eq(sipmsg_to(m, NULL, &e), EINVAL);
	ck_assert_int_eq(sipmsg_contacts(m, NULL, NULL, &e), EINVAL);
	sipmsg_free(m);
}
END_TEST

START_TEST(test_fixture_301)
{
	size_t len, n = 0;
	char *buf = tsip_load("sip/resp301_compact_folded.sip", &len);
	struct sipmsg *m = tsip_parse_ok(buf, len);
	struct sipaddr *c = NULL;
	struct sipmsg_err e;

	ck_assert_uint_eq(m->scode, 301);
	ck_assert_int_eq(sipmsg_validate(m, &e), 0);
	ck_assert(m->flags & SIPMSG_F_FOLDED);
	ck_assert(!(m->flags & (SIPMSG_F_BARE_LF | SIPMSG_F_TRAILING_BYTES)));
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, &e), 0);
	ck_assert_uint_eq(n, 2);
	tsip_assert_pl(c[0].dname, "\"New, Home\"");
	tsip_assert_pl(sipuri_param(&c[0].uri, "transport")->val, "udp");
	tsip_assert_pl(sipaddr_param(&c[1], "q")->val, "0.3");
	ck_assert_uint_eq(c[1].uri.has_port, false);
	free(c);
	sipmsg_free(m);
	free(buf);
}
END_TEST

static Suite *sip_addr_suite(void)
{
	Suite *s = suite_create("sip_addr");
	TCase *tc = tcase_create("Core");

	tsip_add_corpus(tc, valid_vecs, NELEM(valid_vecs), invalid_vecs, NELEM(invalid_vecs));
	tcase_add_test(tc, test_scalar02_contact_expires);
	tcase_add_test(tc, test_addr_parse);
	tcase_add_loop_test(tc, test_addr_vecs, 0, (int)NELEM(addr_vecs));
	tcase_add_test(tc, test_addr_spec_params);
	tcase_add_loop_test(tc, test_from_to, 0, 5);
	tcase_add_test(tc, test_fixture_301);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_sip_addr", sip_addr_suite, NULL, NULL };
