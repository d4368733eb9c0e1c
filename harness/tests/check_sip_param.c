/*
 * check_sip_param.c - unit tests for token, quoted-string, generic-param
 * lists and qvalue (sip/param.c), through the values that carry them.
 *
 * Vectors: RFC 4475 §3.1.2.1 (badinv01: an empty parameter), the §25.1
 * ABNF of token, quoted-string and qvalue, and the SIP_MAX_PARAMS limit.
 */
#include "tsip.h"

static const struct tsip_invalid invalid_vecs[] = {
	/* RFC 4475 §3.1.2.1 */ { "rfc4475/badinv01.dat", TSIP_CONTACTS, EBADMSG, "Contact: line 8", "empty parameter" },
};

START_TEST(test_token)
{
	ck_assert(sip_is_token(PL("INVITE")));
	ck_assert(!sip_is_token(PL("IN VITE")));
	ck_assert(!sip_is_token(PL("")));
	ck_assert(!sip_is_token(PL_NULL));
	ck_assert(sip_is_token(PL("a-.!%*_+`'~0")));
	ck_assert(!sip_is_token(PL("a:b")));
	ck_assert(!sip_is_token(PL("a\"")));
	ck_assert(!sip_is_token(PL("a\x80")));
	ck_assert(!sip_is_token((struct pl){ "a\0b", 3 }));
}
END_TEST

static const struct {
	const char *v;
	bool ok;
} qvalue_vecs[] = {
	{ "0", true }, { "1", true }, { "0.", true }, { "1.", true },
	{ "0.5", true }, { "0.123", true }, { "0.000", true },
	{ "1.0", true }, { "1.000", true },
	{ "", false }, { "2", false }, { "01", false }, { ".5", false },
	{ "0.1234", false }, { "1.001", false }, { "1.5", false },
	{ "1.0000", false }, { "0,5", false }, { "0.a", false }, { " 0", false },
	{ "0 ", false }, { "-0", false }, { "0..", false },
};

START_TEST(test_qvalue)
{
	ck_assert_msg(sip_qvalue_valid(pl_from(qvalue_vecs[_i].v)) == qvalue_vecs[_i].ok,
		      "'%s' should be %s", qvalue_vecs[_i].v,
		      qvalue_vecs[_i].ok ? "a qvalue" : "refused");
	ck_assert(!sip_qvalue_valid(PL_NULL));
}
END_TEST

/* generic-param lists after a name-addr: SEMI = SWS ";" SWS, EQUAL = SWS "=" SWS */
static const struct {
	const char *s;
	const char *what;  /* NULL = valid */
	size_t nparams;    /* when valid */
	const char *last;  /* value of the last parameter, when valid */
} gparam_vecs[] = {
	{ "<sip:a@b>;x=\"q;v\";y", NULL, 2, "" },
	{ "<sip:a@b> ; x = y", NULL, 1, "y" },
	{ "<sip:a@b>;maddr=[::1]", NULL, 1, "[::1]" },
	{ "<sip:a@b>;x=\"a\\\"b\"", NULL, 1, "\"a\\\"b\"" },
	{ "<sip:a@b>;x=\"\"", NULL, 1, "\"\"" },
	{ "<sip:a@b>;x=\"\xc3\xa9\"", NULL, 1, "\"\xc3\xa9\"" }, /* UTF8-NONASCII */
	{ "<sip:a@b>;x=[::1", "address: line 1 col 13: unterminated '['", 0, NULL },
	{ "<sip:a@b>;x=", "address: line 1 col 13: empty value for parameter 'x'", 0, NULL },
	{ "<sip:a@b>;x=,", "address: line 1 col 13: empty value for parameter 'x'", 0, NULL },
	{ "<sip:a@b>;;x", "address: line 1 col 11: empty parameter", 0, NULL },
	{ "<sip:a@b>;", "address: line 1 col 11: empty parameter", 0, NULL },
	{ "<sip:a@b>;@", "address: line 1 col 11: invalid character '@' in parameter name", 0, NULL },
	{ "<sip:a@b> x", "address: line 1 col 11: unexpected 'x' after address", 0, NULL },
	{ "<sip:a@b>;x=a:b", "address: line 1 col 14: unexpected ':' after address", 0, NULL },
	{ "<sip:a@b>;x=\"a\x01\"", "address: line 1 col 15: invalid character 0x01 in quoted string", 0, NULL },
	{ "<sip:a@b>;x=\"a\\\x80\"", "address: line 1 col 16: invalid character 0x80 in quoted string", 0, NULL },
	{ "<sip:a@b>;x=\"a\\", "address: line 1 col 13: unterminated quoted string", 0, NULL },
	{ "\"a\x7f\" <sip:a@b>", "address: line 1 col 3: invalid character 0x7f in quoted string", 0, NULL },
};

START_TEST(test_generic_params)
{
	struct sipaddr a;
	struct sipmsg_err e;
	int rc = sipaddr_parse(&a, pl_from(gparam_vecs[_i].s), &e);

	tsip_expect(rc, &e, gparam_vecs[_i].what, gparam_vecs[_i].s);
	if (!rc) {
		ck_assert_uint_eq(a.nparams, gparam_vecs[_i].nparams);
		tsip_assert_pl(a.params[a.nparams - 1].val, gparam_vecs[_i].last);
	}
}
END_TEST

/* parameter lookup is case-insensitive and finds the first */
START_TEST(test_param_find)
{
	struct sipaddr a;

	ck_assert_int_eq(sipaddr_parse(&a, PL("<sip:a@b>;TAG=1;tag=2;lr"), NULL), 0);
	tsip_assert_pl(sipaddr_param(&a, "tag")->val, "1");
	ck_assert(!sipaddr_param(&a, "LR")->has_val);
	ck_assert_ptr_null(sipaddr_param(&a, "ta"));
	ck_assert_ptr_null(sipaddr_param(&a, NULL));
	ck_assert_ptr_null(sipaddr_param(NULL, "tag"));
}
END_TEST

START_TEST(test_too_many_params)
{
	char buf[1024];
	size_t n = (size_t)sprintf(buf, "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "Contact: <sip:a@b>");
	struct sipmsg *m;
	struct sipmsg_err e;
	int i;

	for (i = 0; i < SIP_MAX_PARAMS + 1; i++)
		n += (size_t)sprintf(buf + n, ";p%d", i);
	sprintf(buf + n, "\r\n\r\n");
	m = tsip_parse_str(buf);
	ck_assert_int_eq(sipmsg_validate(m, &e), EBADMSG);
	ck_assert_ptr_nonnull(strstr(e.what, "too many parameters"));
	sipmsg_free(m);
}
END_TEST

static Suite *sip_param_suite(void)
{
	Suite *s = suite_create("sip_param");
	TCase *tc = tcase_create("Core");
	TCase *tl = tcase_create("Limits");

	tsip_add_corpus(tc, NULL, 0, invalid_vecs, NELEM(invalid_vecs));
	tcase_add_test(tc, test_token);
	tcase_add_loop_test(tc, test_qvalue, 0, (int)NELEM(qvalue_vecs));
	tcase_add_loop_test(tc, test_generic_params, 0, (int)NELEM(gparam_vecs));
	tcase_add_test(tc, test_param_find);
	suite_add_tcase(s, tc);

	tcase_add_test(tl, test_too_many_params);
	suite_add_tcase(s, tl);
	return s;
}

const struct tmain tmain_def = { "check_sip_param", sip_param_suite, NULL, NULL };
