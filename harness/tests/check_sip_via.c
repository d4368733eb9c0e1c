/*
 * check_sip_via.c - unit tests for Via values (sip/via.c): sent-protocol,
 * sent-by and the via-params the harness checks (branch, received,
 * rport, ttl, maddr).
 *
 * Vectors: RFC 4475 and RFC 5118 messages with unusual Via rows
 * (fixtures/corpus/), and every rejection of the Via grammar.
 */
#include "tsip.h"

/* ---- corpus vectors ---------------------------------------------------------- */

static void chk_transports(const struct sipmsg *m)
{
	static const char *const t[] = { "UDP", "SCTP", "TLS", "UNKNOWN", "TCP" };
	struct sipvia *v = NULL;
	size_t n = 0, i;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 5);
	for (i = 0; i < n; i++)
		tsip_assert_pl(v[i].transport, t[i]);
	free(v);
}

static void chk_recv_nodelim(const struct sipmsg *m)
{
	struct sipvia *v = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert(v[0].has_received);
	tsip_assert_pl(v[0].received, "2001:db8::9:255");
	free(v);
}

static void chk_recv_delim(const struct sipmsg *m)
{
	struct sipvia *v = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	tsip_assert_pl(v[0].received, "[2001:db8::9:255]");
	free(v);
}

static void chk_multip(const struct sipmsg *m)
{
	struct sipvia *v = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 3);
	tsip_assert_pl(v[2].received, "192.0.2.200");
	ck_assert_uint_eq(v[0].portnum, 6050);
	free(v);
}

static const struct tsip_valid valid_vecs[] = {
	/* RFC 4475 §3.1.1.10 */ { "rfc4475/transports.dat", chk_transports },
	/* RFC 5118 §4.5 */ { "rfc5118/via-received-param-with-delim", chk_recv_delim },
	/* RFC 5118 §4.5 */ { "rfc5118/via-received-param-no-delim", chk_recv_nodelim },
	/* RFC 5118 §4.7 */ { "rfc5118/mult-ip-in-header", chk_multip },
};

static const struct tsip_invalid invalid_vecs[] = {
	/* RFC 4475 §3.1.2.1 */ { "rfc4475/badinv01.dat", TSIP_VALIDATE, EBADMSG, "Via: line 7", "empty parameter" },
};

/* ---- sipvia_parse -------------------------------------------------------------- */

START_TEST(test_via_fields)
{
	struct sipvia v;
	struct sipmsg_err e;

	ck_assert_int_eq(sipvia_parse(&v, PL(" SIP / 2.0 / TCP  h.example.com ;branch=z9hG4bK1 ;rport ;received=192.0.2.1 "), &e), 0);
	tsip_assert_pl(v.proto, "SIP / 2.0 / TCP");
	tsip_assert_pl(v.transport, "TCP");
	tsip_assert_pl(v.host, "h.example.com");
	ck_assert(!v.has_port);
	tsip_assert_pl(v.branch, "z9hG4bK1");
	ck_assert(v.has_rport);
	ck_assert_uint_eq(v.rport.l, 0);
	ck_assert(v.has_received);
	tsip_assert_pl(v.received, "192.0.2.1");
	ck_assert_uint_eq(v.nparams, 3);
	ck_assert_int_eq(sipvia_parse(&v, PL("SIP/2.0/UDP [2001:db8::1]:5062;ttl=255;maddr=239.0.0.1;x=\"a:b\";y=[::1];rport=0"), &e), 0);
	ck_assert_uint_eq(v.portnum, 5062);
	tsip_assert_pl(v.host, "[2001:db8::1]");
	tsip_assert_pl(v.rport, "0");
	ck_assert_uint_eq(v.branch.l, 0);
	ck_assert(!v.has_received);
	ck_assert_int_eq(sipvia_parse(NULL, PL("SIP/2.0/UDP h"), &e), EINVAL);
}
END_TEST

static const struct {
	const char *s;
	const char *what;
} via_bad[] = {
	{ "", "Via: line 1 col 1: empty Via value" },
	{ "/2.0/UDP h", "Via: line 1 col 1: malformed sent-protocol (expected SIP/2.0/transport)" },
	{ "SIP", "Via: line 1 col 4: malformed sent-protocol: expected '/'" },
	{ "SIP//UDP h", "Via: line 1 col 5: malformed sent-protocol: missing version" },
	{ "SIP/2.0", "Via: line 1 col 8: malformed sent-protocol: expected '/' before transport" },
	{ "SIP/2.0/;x", "Via: line 1 col 9: malformed sent-protocol: missing transport" },
	{ "SIP/2.0/UDP", "Via: line 1 col 12: expected LWS between sent-protocol and sent-by" },
	{ "SIP/2.0/UDP h;branch", "Via: line 1 col 15: branch parameter needs a token value" },
	{ "SIP/2.0/UDP h;branch=\"x\"", "Via: line 1 col 15: branch parameter needs a token value" },
	{ "SIP/2.0/UDP h;received=h.com", "Via: line 1 col 15: received parameter must be an IPv4 or IPv6 address" },
	{ "SIP/2.0/UDP h;received", "Via: line 1 col 15: received parameter must be an IPv4 or IPv6 address" },
	{ "SIP/2.0/UDP h;rport=70000", "Via: line 1 col 21: rport value must be a port number (RFC 3581)" },
	{ "SIP/2.0/UDP h;ttl=256", "Via: line 1 col 15: ttl parameter must be 0..255" },
	{ "SIP/2.0/UDP h;ttl", "Via: line 1 col 15: ttl parameter must be 0..255" },
	{ "SIP/2.0/UDP h;maddr=-x", "Via: line 1 col 15: maddr parameter must be a host" },
	{ "SIP/2.0/UDP h;x=a:b", "Via: line 1 col 17: invalid ':' in value of parameter 'x'" },
	{ "SIP/2.0/UDP h:", "Via: line 1 col 15: missing or invalid port" },
	{ "SIP/2.0/UDP h x", "Via: line 1 col 15: unexpected 'x' after sent-by" },
};

START_TEST(test_via_bad)
{
	struct sipvia v;
	struct sipmsg_err e;

	tsip_expect(sipvia_parse(&v, pl_from(via_bad[_i].s), &e), &e, via_bad[_i].what,
		    via_bad[_i].s);
}
END_TEST

/* every Via of a message, in order, rows and elements alike */
START_TEST(test_vias)
{
	struct sipmsg *m = tsip_parse_str("SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS
					  "v: SIP/2.0/TCP a, SIP/2.0/TLS b\r\n\r\n");
	struct sipvia *v = NULL;
	size_t n = 0;
	struct sipmsg_err e;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, &e), 0);
	ck_assert_uint_eq(n, 3);
	tsip_assert_pl(v[1].host, "a");
	tsip_assert_pl(v[2].transport, "TLS");
	free(v);
	ck_assert_int_eq(sipmsg_vias(m, NULL, &n, &e), EINVAL);
	sipmsg_free(m);
	m = tsip_parse_str("SIP/2.0 200 OK\r\nTo: <sip:a@b>\r\n\r\n");
	v = (struct sipvia *)&n;
	ck_assert_int_eq(sipmsg_vias(m, &v, &n, &e), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(v);
	sipmsg_free(m);
}
END_TEST

static Suite *sip_via_suite(void)
{
	Suite *s = suite_create("sip_via");
	TCase *tc = tcase_create("Core");

	tsip_add_corpus(tc, valid_vecs, NELEM(valid_vecs), invalid_vecs, NELEM(invalid_vecs));
	tcase_add_test(tc, test_via_fields);
	tcase_add_loop_test(tc, test_via_bad, 0, (int)NELEM(via_bad));
	tcase_add_test(tc, test_vias);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_sip_via", sip_via_suite, NULL, NULL };
