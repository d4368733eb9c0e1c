/*
 * check_sip_value.c - unit tests for the single-purpose header values
 * (sip/value.c): CSeq, Call-ID, Allow, Content-Length, Expires, and
 * sipmsg_validate() over whole messages.
 *
 * Vectors: RFC 4475 messages with out-of-range numbers, mismatched
 * methods, missing and repeated headers (fixtures/corpus/rfc4475/), a
 * hand-written 405 (fixtures/sip/), and hand-written header values.
 */
#include "tsip.h"

/* ---- RFC 4475 vectors ------------------------------------------------------ */

static void chk_mpart01(const struct sipmsg *m)
{
	uint32_t cl;

	ck_assert_int_eq(sipmsg_clen(m, &cl, NULL), 0);
	ck_assert_uint_eq(cl, 553);
	ck_assert_uint_eq(m->body.l, 553);
	ck_assert_ptr_nonnull(memchr(m->body.p, '\0', m->body.l));
}

static void chk_scalar02_parts(const struct sipmsg *m)
{
	(void)m;
}

static const struct tsip_valid valid_vecs[] = {
	/* RFC 4475 §3.1.1.11 */ { "rfc4475/mpart01.dat", chk_mpart01 },
	/* RFC 4475 §3.4.1 */ { "rfc4475/inv2543.dat", chk_scalar02_parts },
};

static const struct tsip_invalid invalid_vecs[] = {
	/* RFC 4475 §3.1.2.4 */ { "rfc4475/scalar02.dat", TSIP_EXPIRES, EBADMSG, "Expires: line 8", "2^32-1" },
	/* RFC 4475 §3.1.2.4 */ { "rfc4475/scalar02.dat", TSIP_VALIDATE, EBADMSG, "CSeq", "2^32-1" },
	/* RFC 4475 §3.1.2.5 */ { "rfc4475/scalarlg.dat", TSIP_CSEQ, EBADMSG, "CSeq: line 5 col 7", "sequence number > 2^32-1" },
	/* RFC 4475 §3.1.2.5 */ { "rfc4475/scalarlg.dat", TSIP_VALIDATE, EBADMSG, "CSeq", "2^32-1" },
	/* RFC 4475 §3.1.2.17 */ { "rfc4475/mismatch01.dat", TSIP_VALIDATE, EBADMSG, "CSeq: line 6", "does not match Request-Line method 'OPTIONS'" },
	/* RFC 4475 §3.1.2.18 */ { "rfc4475/mismatch02.dat", TSIP_VALIDATE, EBADMSG, "CSeq: line 6", "does not match Request-Line method 'NEWMETHOD'" },
	/* RFC 4475 §3.3.1 */ { "rfc4475/insuf.dat", TSIP_VALIDATE, EBADMSG, "To", "missing mandatory header To" },
	/* RFC 4475 §3.3.8 */ { "rfc4475/multi01.dat", TSIP_VALIDATE, EBADMSG, "line 12", "duplicated single-value header" },
};

/* ---- hand-crafted values ------------------------------------------------------ */

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

	snprintf(buf, sizeof(buf), "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "%s\r\n", vec[_i].hdrs);
	m = tsip_parse_str(buf);
	ck_assert_int_eq(sipmsg_validate(m, &e), EBADMSG);
	ck_assert_msg(strstr(e.what, vec[_i].what), "'%s' lacks '%s'", e.what, vec[_i].what);
	ck_assert_uint_eq(e.line, 7);
	sipmsg_free(m);
}
END_TEST

START_TEST(test_fixture_405)
{
	size_t len, n = 0;
	char *buf = tsip_load("sip/resp405_two_allow.sip", &len);
	struct sipmsg *m = tsip_parse_ok(buf, len);
	struct pl *al = NULL;
	bool present = false;
	struct sipcseq cs;

	ck_assert_uint_eq(m->scode, 405);
	ck_assert_int_eq(sipmsg_validate(m, NULL), 0);
	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_ALLOW), 2);
	ck_assert_int_eq(sipmsg_allow(m, &present, &al, &n, NULL), 0);
	ck_assert_uint_eq(n, 5);
	tsip_assert_pl(al[3], "BYE");
	free(al);
	ck_assert_int_eq(sipmsg_cseq(m, &cs, NULL), 0);
	tsip_assert_pl(cs.method, "BOGUS");
	sipmsg_free(m);
	free(buf);
}
END_TEST

/* A response with one extra row, parsed. */
static struct sipmsg *resp_with(const char *row, char *buf, size_t size)
{
	snprintf(buf, size, "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS "%s\r\n", row);
	return tsip_parse_str(buf);
}

/* A response with the mandatory rows, Call-ID and CSeq values as given. */
static struct sipmsg *resp_ids(const char *callid, const char *cseq, char *buf,
			       size_t size)
{
	snprintf(buf, size, "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:a@b>\r\n"
		 "To: <sip:a@b>\r\nCall-ID: %s\r\nCSeq: %s\r\n\r\n", callid, cseq);
	return tsip_parse_str(buf);
}

static const struct {
	const char *value;
	const char *what; /* NULL = valid */
} callid_vecs[] = {
	{ "a@b", NULL },
	{ "a-.!%*_+`'~()<>:\\\"/[]?{}@b", NULL },
	{ "@b", "Call-ID: line 5 col 10: invalid character '@' in Call-ID (word [\"@\" word])" },
	{ "a@", "Call-ID: line 5 col 11: invalid character '@' in Call-ID (word [\"@\" word])" },
	{ "a@b@c", "Call-ID: line 5 col 13: invalid character '@' in Call-ID (word [\"@\" word])" },
	{ "a b", "Call-ID: line 5 col 11: invalid character 0x20 in Call-ID (word [\"@\" word])" },
	{ "", "Call-ID: line 5 col 10: empty Call-ID" },
};

START_TEST(test_callid)
{
	char buf[512];
	struct sipmsg *m = resp_ids(callid_vecs[_i].value, "1 INVITE", buf, sizeof(buf));
	struct sipmsg_err e;
	struct pl cid;
	int rc = sipmsg_callid(m, &cid, &e);

	tsip_expect(rc, &e, callid_vecs[_i].what, callid_vecs[_i].value);
	if (!rc)
		tsip_assert_pl(cid, callid_vecs[_i].value);
	sipmsg_free(m);
}
END_TEST

static const struct {
	const char *value;
	const char *what; /* NULL = valid */
} cseq_vecs[] = {
	{ "4294967295 INVITE", NULL },
	{ "1 \t INVITE", NULL },
	{ "x INVITE", "CSeq: line 6 col 7: expected sequence number (1*DIGIT)" },
	{ "1INVITE", "CSeq: line 6 col 8: expected LWS between number and Method" },
	{ "1", "CSeq: line 6 col 8: expected LWS between number and Method" },
	{ "1 IN VITE", "CSeq: line 6 col 11: invalid character 0x20 in Method" },
	{ "1 @", "CSeq: line 6 col 9: missing Method" },
	{ "4294967296 INVITE", "CSeq: line 6 col 7: sequence number > 2^32-1" },
};

START_TEST(test_cseq)
{
	char buf[512];
	struct sipmsg *m = resp_ids("x", cseq_vecs[_i].value, buf, sizeof(buf));
	struct sipmsg_err e;
	struct sipcseq cs;
	int rc = sipmsg_cseq(m, &cs, &e);

	tsip_expect(rc, &e, cseq_vecs[_i].what, cseq_vecs[_i].value);
	if (!rc)
		tsip_assert_pl(cs.method, "INVITE");
	sipmsg_free(m);
}
END_TEST

/* absent optional headers are ENOENT, bad arguments EINVAL */
START_TEST(test_absent)
{
	char buf[512];
	struct sipmsg *m = resp_with("", buf, sizeof(buf));
	struct sipmsg_err e;
	struct pl *al = (struct pl *)buf;
	size_t n = 9;
	bool present = true;
	uint32_t u;

	ck_assert_int_eq(sipmsg_clen(m, &u, &e), ENOENT);
	ck_assert_str_eq(e.what, "Content-Length: missing Content-Length header");
	ck_assert_int_eq(sipmsg_expires(m, &u, &e), ENOENT);
	ck_assert_int_eq(sipmsg_allow(m, &present, &al, &n, &e), 0);
	ck_assert(!present);
	ck_assert_ptr_null(al);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(sipmsg_validate(m, &e), 0);
	ck_assert_str_eq(e.what, "");
	ck_assert_int_eq(sipmsg_clen(NULL, &u, &e), EINVAL);
	ck_assert_int_eq(sipmsg_expires(m, NULL, &e), EINVAL);
	ck_assert_int_eq(sipmsg_cseq(m, NULL, &e), EINVAL);
	ck_assert_int_eq(sipmsg_callid(NULL, NULL, &e), EINVAL);
	ck_assert_int_eq(sipmsg_allow(m, NULL, &al, &n, &e), EINVAL);
	ck_assert_int_eq(sipmsg_validate(NULL, &e), EINVAL);
	sipmsg_free(m);
}
END_TEST

/* sipmsg_validate on Contact parameters: expires= and q= */
START_TEST(test_contact_params)
{
	static const struct {
		const char *row;
		const char *what; /* NULL = valid */
	} vec[] = {
		{ "Contact: <sip:a@b>;q=1.000;expires=0\r\n", NULL },
		{ "Contact: <sip:a@b>;expires=4294967296\r\n", "Contact: line 7 col 28: expires parameter > 2^32-1" },
		{ "Contact: <sip:a@b>;expires=x\r\n", "Contact: line 7 col 20: expires parameter must be delta-seconds" },
		{ "Contact: <sip:a@b>;expires\r\n", "Contact: line 7 col 20: expires parameter must be delta-seconds" },
		{ "Contact: <sip:a@b>;q\r\n", "Contact: line 7 col 20: q parameter must be a qvalue (0..1, 3 decimals)" },
		{ "Contact: <sip:a@b>;q=0.1234\r\n", "Contact: line 7 col 20: q parameter must be a qvalue (0..1, 3 decimals)" },
		{ "Record-Route: sip:p\r\n", "Record-Route: line 7 col 15: Record-Route values must be in name-addr form <...>" },
		{ "Max-Forwards: 99999999999\r\n", "Max-Forwards: line 7 col 15: value must be 1*DIGIT <= 2^32-1" },
	};
	char buf[512];
	struct sipmsg *m = resp_with(vec[_i].row, buf, sizeof(buf));
	struct sipmsg_err e;

	tsip_expect(sipmsg_validate(m, &e), &e, vec[_i].what, vec[_i].row);
	sipmsg_free(m);
}
END_TEST

static Suite *sip_value_suite(void)
{
	Suite *s = suite_create("sip_value");
	TCase *tc = tcase_create("Core");

	tsip_add_corpus(tc, valid_vecs, NELEM(valid_vecs), invalid_vecs, NELEM(invalid_vecs));
	tcase_add_loop_test(tc, test_resp_bad_values, 0, 11);
	tcase_add_test(tc, test_fixture_405);
	tcase_add_loop_test(tc, test_callid, 0, (int)NELEM(callid_vecs));
	tcase_add_loop_test(tc, test_cseq, 0, (int)NELEM(cseq_vecs));
	tcase_add_test(tc, test_absent);
	tcase_add_loop_test(tc, test_contact_params, 0, 8);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_sip_value", sip_value_suite, NULL, NULL };
