/*
 * check_sip_host.c - unit tests for the host grammar (sip/host.c):
 * siphost_valid() and host [ ":" port ] inside URIs and Via.
 *
 * Vectors: the RFC 5118 IPv6 torture messages (fixtures/corpus/rfc5118/),
 * the RFC 3261 §25.1 hostname/IPv4 rules, and RFC 4291 text forms.
 */
#include "tsip.h"

/* ---- RFC 5118 vectors ------------------------------------------------------ */

/* RFC 5118 */
static void chk_v6good(const struct sipmsg *m)
{
	struct sipuri u = tsip_uri_of("sip:x@y");
	struct sipaddr *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipuri_parse(&u, m->ruri, NULL), 0);
	ck_assert(u.host_ipv6);
	tsip_assert_pl(u.host, "[2001:db8::10]");
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	tsip_assert_pl(c[0].uri.host, "[2001:db8::1]");
	free(c);
}

static void chk_portamb(const struct sipmsg *m)
{
	struct sipuri u = tsip_uri_of("sip:x@y");

	ck_assert_int_eq(sipuri_parse(&u, m->ruri, NULL), 0);
	ck_assert(!u.has_port); /* 5070 is the last group, not a port */
	tsip_assert_pl(u.host, "[2001:db8::10:5070]");
}

static void chk_portunamb(const struct sipmsg *m)
{
	struct sipuri u = tsip_uri_of("sip:x@y");

	ck_assert_int_eq(sipuri_parse(&u, m->ruri, NULL), 0);
	ck_assert(u.has_port);
	ck_assert_uint_eq(u.portnum, 5070);
}

static void chk_v4mapped(const struct sipmsg *m)
{
	struct sipvia *v = NULL;
	struct sipaddr *c = NULL;
	size_t n = 0;

	ck_assert_int_eq(sipmsg_vias(m, &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	tsip_assert_pl(v[0].host, "[::ffff:192.0.2.10]");
	ck_assert_uint_eq(v[0].portnum, 19823);
	free(v);
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, NULL), 0);
	tsip_assert_pl(c[0].uri.host, "[::ffff:192.0.2.2]");
	free(c);
}

static const struct tsip_valid valid_vecs[] = {
	/* RFC 5118 §4.1 */ { "rfc5118/ipv6-good", chk_v6good },
	/* RFC 5118 §4.3 */ { "rfc5118/port-ambiguous", chk_portamb },
	/* RFC 5118 §4.4 */ { "rfc5118/port-unambiguous", chk_portunamb },
	/* RFC 5118 §4.6 */ { "rfc5118/ipv6-in-sdp", NULL },
	/* RFC 5118 §4.8 */ { "rfc5118/mult-ip-in-sdp", NULL },
	/* RFC 5118 §4.9 */ { "rfc5118/ipv4-mapped-ipv6", chk_v4mapped },
	/* RFC 5118 §4.10 */ { "rfc5118/ipv6-correct-abnf-2-colons", NULL },
};

static const struct tsip_invalid invalid_vecs[] = {
	/* RFC 5118 §4.2 */ { "rfc5118/ipv6-bad", TSIP_PARSE, EBADMSG, "start line: line 1", "IPv6 address must be enclosed" },
	/* RFC 5118 §4.10 */ { "rfc5118/ipv6-bug-abnf-3-colons", TSIP_PARSE, EBADMSG, "start line", "invalid IPv6 address" },
};

/* ---- siphost_valid ------------------------------------------------------------ */

static const struct {
	const char *host;
	bool ok;
} host_vecs[] = {
	{ "example.com", true },
	{ "example.com.", true },      /* trailing dot of a FQDN */
	{ "a", true },
	{ "a-b.c", true },
	{ "x1.y2", true },             /* toplabel = ALPHA *( alphanum / "-" ) alphanum */
	{ "EXAMPLE.COM", true },
	{ "192.0.2.1", true },
	{ "0.0.0.0", true },
	{ "255.255.255.255", true },
	{ "[::1]", true },
	{ "[::]", true },
	{ "[1:2:3:4:5:6:7:8]", true },
	{ "[2001:db8::192.0.2.1]", true },   /* RFC 5118 §4.10 */
	{ "[::ffff:192.0.2.2]", true },      /* RFC 5118 §4.9 */
	{ "", false },
	{ "-a.com", false },
	{ "a-.com", false },
	{ "a..b", false },
	{ ".a", false },
	{ "a.com..", false },
	{ "123", false },              /* the toplabel starts with a letter */
	{ "a.1b", false },
	{ "a_b.com", false },
	{ "ex ample.com", false },
	{ "a.com:5060", false },       /* a host, not a hostport */
	{ "1.2.3.256", false },
	{ "1.2.3", false },
	{ "1.2.3.4.5", false },
	{ "1.2.3.0004", false },
	{ "::1", false },              /* IPv6 needs its brackets */
	{ "[::1", false },
	{ "[]", false },
	{ "[", false },
	{ "[1::2::3]", false },
	{ "[2001:db8:::192.0.2.1]", false }, /* RFC 5118 §4.10: the ABNF bug */
	{ "[1:2:3:4:5:6:7:8:9]", false },
	{ "[1:2:3:4:5:6:7]", false },
	{ "[12345::1]", false },
	{ "[::1]x", false },
	{ "[g::1]", false },
	{ "[1:2:3:4:5:6:7::]", true },
	{ "[::192.0.2.256]", false },
};

START_TEST(test_host_valid)
{
	ck_assert_msg(siphost_valid(pl_from(host_vecs[_i].host)) == host_vecs[_i].ok,
		      "'%s' should be %s", host_vecs[_i].host,
		      host_vecs[_i].ok ? "valid" : "invalid");
}
END_TEST

START_TEST(test_host_null)
{
	ck_assert(!siphost_valid(PL_NULL));
	/* only the slice counts, not what follows it */
	ck_assert(siphost_valid((struct pl){ "example.com:5060", 11 }));
}
END_TEST

/* hostport in URIs: no LWS; in Via sent-by: SWS around the ':' */
START_TEST(test_hostport)
{
	struct sipuri u = tsip_uri_of("sip:h:0");
	struct sipvia v;
	struct sipmsg_err e;

	ck_assert(u.has_port);
	ck_assert_uint_eq(u.portnum, 0);
	u = tsip_uri_of("sip:[::1]:65535");
	ck_assert(u.host_ipv6);
	ck_assert_uint_eq(u.portnum, 65535);
	tsip_assert_pl(u.port, "65535");
	u = tsip_uri_of("sip:h.example.com");
	ck_assert(!u.has_port);
	ck_assert(!u.host_ipv6);
	ck_assert_int_eq(sipuri_parse(&u, PL("sip:h :5060"), &e), EBADMSG);
	ck_assert_int_eq(sipuri_parse(&u, PL("sip:h:65536"), &e), EBADMSG);
	ck_assert_str_eq(e.what, "URI: line 1 col 7: port '65536' out of range");
	ck_assert_int_eq(sipuri_parse(&u, PL("sip:h_1"), &e), EBADMSG);
	ck_assert_str_eq(e.what, "URI: line 1 col 6: invalid character '_' in SIP URI");
	ck_assert_int_eq(sipuri_parse(&u, PL("sip:a@_"), &e), EBADMSG);
	ck_assert_str_eq(e.what, "URI: line 1 col 7: invalid character '_' in host");
	ck_assert_int_eq(sipvia_parse(&v, PL("SIP/2.0/UDP h : 5060;rport"), &e), 0);
	tsip_assert_pl(v.host, "h");
	ck_assert_uint_eq(v.portnum, 5060);
	ck_assert_int_eq(sipvia_parse(&v, PL("SIP/2.0/UDP [::1 ]:5060"), &e), EBADMSG);
	ck_assert_str_eq(e.what, "Via: line 1 col 13: invalid IPv6 address '::1 '");
}
END_TEST

static Suite *sip_host_suite(void)
{
	Suite *s = suite_create("sip_host");
	TCase *tc = tcase_create("Core");

	tsip_add_corpus(tc, valid_vecs, NELEM(valid_vecs), invalid_vecs, NELEM(invalid_vecs));
	tcase_add_loop_test(tc, test_host_valid, 0, (int)NELEM(host_vecs));
	tcase_add_test(tc, test_host_null);
	tcase_add_test(tc, test_hostport);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_sip_host", sip_host_suite, NULL, NULL };
