/* check_cross.c - checks across requests (cross.c). */
#include "tmain.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "judge/cross.h"

static const char req_tpl[] =
	"SIP/2.0 301 Moved Permanently\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
	"From: <sip:a@b>;tag=1\r\nTo: <sip:alice@example.com>;tag=2\r\n"
	"Call-ID: x\r\nCSeq: 1 OPTIONS\r\n"
	"%s"
	"Content-Length: 0\r\n\r\n";

struct msgbuf {
	char buf[1024];
	struct sipmsg *m;
};

static struct sipmsg *mk(struct msgbuf *b, const char *hdrs)
{
	int n = snprintf(b->buf, sizeof(b->buf), req_tpl, hdrs);

	ck_assert_int_eq(sipmsg_parse(&b->m, b->buf, (size_t)n, NULL), 0);
	return b->m;
}

/* A response with status line sl ("SIP/2.0 200 OK") and extra rows hdrs. */
static struct sipmsg *mk_st(struct msgbuf *b, const char *sl, const char *hdrs)
{
	int n = snprintf(b->buf, sizeof(b->buf), "%s\r\n"
		     "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
		     "From: <sip:a@b>;tag=1\r\nTo: <sip:alice@example.com>;tag=2\r\n"
		     "Call-ID: x\r\nCSeq: 1 OPTIONS\r\n%sContent-Length: 0\r\n\r\n", sl, hdrs);
	ck_assert_int_eq(sipmsg_parse(&b->m, b->buf, (size_t)n, NULL), 0);
	return b->m;
}

/* A 501 for a method the SUT's own OPTIONS Allow lists: FAIL, the Allow row as evidence. */
START_TEST(test_501_allowed)
{
	struct msgbuf o, r, o405, onoallow, obad;
	struct check_result *res = NULL;
	size_t n = 0;

	mk_st(&o, "SIP/2.0 200 OK", "Allow: INVITE, ACK, OPTIONS, REFER\r\n");
	mk_st(&r, "SIP/2.0 501 Not Implemented", "");
	mk_st(&o405, "SIP/2.0 405 Method Not Allowed", "Allow: INVITE\r\n");
	mk_st(&onoallow, "SIP/2.0 200 OK", "");
	mk_st(&obad, "SIP/2.0 200 OK", "Allow: INVITE,,\r\n");
	ck_assert_int_eq(cross_501_allowed(&res, &n, "REFER", r.m, o.m), 0);
	ck_assert_int_eq(cross_501_allowed(&res, &n, "refer", r.m, o.m), 0);   /* methods: byte-exact */
	ck_assert_int_eq(cross_501_allowed(&res, &n, "REFER", r.m, NULL), 0);
	ck_assert_int_eq(cross_501_allowed(&res, &n, "REFER", r.m, o405.m), 0);
	ck_assert_int_eq(cross_501_allowed(&res, &n, "REFER", r.m, onoallow.m), 0);
	ck_assert_int_eq(cross_501_allowed(&res, &n, "REFER", r.m, obad.m), 0);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(res[0].rule->id, "RFC3261-21.5.2-501-BUT-ALLOWED");
	ck_assert_int_eq(res[0].outcome, CHECK_FAIL);
	ck_assert_ptr_nonnull(strstr(res[0].reason, "REFER got 'SIP/2.0 501 Not Implemented'"));
	ck_assert_ptr_nonnull(strstr(res[0].reason, "{INVITE, ACK, OPTIONS, REFER}"));
	ck_assert_int_eq(strncmp(res[0].evidence.p, "Allow: INVITE", 13), 0);
	ck_assert_ptr_eq(res[0].msg.p, o.m->raw.p);
	ck_assert_int_eq(res[1].outcome, CHECK_PASS);
	ck_assert_int_eq(res[2].outcome, CHECK_NA);
	ck_assert_ptr_nonnull(strstr(res[2].reason, "no final response"));
	ck_assert_int_eq(res[3].outcome, CHECK_NA);
	ck_assert_ptr_nonnull(strstr(res[3].reason, "OPTIONS got 405, not 200"));
	ck_assert_int_eq(res[4].outcome, CHECK_NA);
	ck_assert_ptr_nonnull(strstr(res[4].reason, "carries no Allow"));
	ck_assert_int_eq(res[5].outcome, CHECK_NA);
	ck_assert_ptr_nonnull(strstr(res[5].reason, "does not parse"));
	free(res);
	sipmsg_free(o.m); sipmsg_free(r.m); sipmsg_free(o405.m);
	sipmsg_free(onoallow.m); sipmsg_free(obad.m);
}
END_TEST

/* ALLOW-MATCHES-OPTIONS: one comparison for the test's own OPTIONS and the probe's. */
START_TEST(test_allow_options)
{
	struct msgbuf o, r, obad;
	struct cross_set as;
	struct check_result *res = NULL;
	size_t n = 0;

	mk_st(&o, "SIP/2.0 200 OK", "Allow: INVITE, ACK, OPTIONS\r\n");
	mk_st(&obad, "SIP/2.0 200 OK", "Allow: INVITE,,\r\n");
	mk_st(&r, "SIP/2.0 405 Method Not Allowed", "Allow: OPTIONS, INVITE, ACK\r\n");
	ck_assert_int_eq(cross_set_allow(&as, r.m), 0);
	ck_assert_int_eq(cross_allow_options(&res, &n, &as, o.m, ""), 0);
	ck_assert_int_eq(cross_allow_options(&res, &n, &as, obad.m, "capability probe: "), 0);
	ck_assert_int_eq(cross_allow_options(&res, &n, &as, NULL, "capability probe: "), 0);
	cross_set_clear(&as);
	sipmsg_free(r.m);
	mk_st(&r, "SIP/2.0 405 Method Not Allowed", "Allow: INVITE\r\n");
	ck_assert_int_eq(cross_set_allow(&as, r.m), 0);
	ck_assert_int_eq(cross_allow_options(&res, &n, &as, o.m, "capability probe: "), 0);
	cross_set_clear(&as);
	ck_assert_uint_eq(n, 4);
	ck_assert_str_eq(res[0].rule->id, "RFC3261-21.4.6-ALLOW-MATCHES-OPTIONS");
	ck_assert_int_eq(res[0].outcome, CHECK_PASS);
	ck_assert_str_eq(res[0].reason, "405 Allow {OPTIONS, INVITE, ACK}, OPTIONS 200 Allow "
			 "{INVITE, ACK, OPTIONS}");
	ck_assert_int_eq(res[1].outcome, CHECK_FAIL);   /* no list to agree with */
	ck_assert_ptr_nonnull(strstr(res[1].reason, "capability probe: 405 Allow"));
	ck_assert_ptr_nonnull(strstr(res[1].reason, "does not parse"));
	ck_assert_int_eq(res[2].outcome, CHECK_NA);
	ck_assert_int_eq(res[3].outcome, CHECK_FAIL);
	ck_assert_str_eq(res[3].reason, "capability probe: 405 Allow {INVITE}, OPTIONS 200 Allow "
			 "{INVITE, ACK, OPTIONS}");
	free(res);
	sipmsg_free(o.m); sipmsg_free(obad.m); sipmsg_free(r.m);
}
END_TEST

/* Check ids are enum values; the outcome policy is rule_outcome()'s. */
START_TEST(test_result_ids)
{
	struct check_result *res = NULL;
	size_t n = 0;

	ck_assert_int_eq(cross_result(&res, &n, RULE_NONE, true, PL_NULL, PL_NULL, "x"), EINVAL);
	ck_assert_int_eq(cross_result(&res, &n, RULE__COUNT, true, PL_NULL, PL_NULL, "x"), EINVAL);
	ck_assert_int_eq(cross_na(&res, &n, RULE_NONE, "x"), EINVAL);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(cross_result(&res, &n, RULE_PERMANENT_STABLE, false, PL_NULL, PL_NULL,
				      "%s", "changed"), 0);
	ck_assert_int_eq(cross_result(&res, &n, RULE_CONTACT_UNIQUE, false, PL_NULL, PL_NULL, "w"), 0);
	ck_assert_int_eq(cross_result(&res, &n, RULE_REASON_PHRASE, false, PL_NULL, PL_NULL, "i"), 0);
	ck_assert_int_eq(cross_result(&res, &n, RULE_ALLOW_STABLE, true, PL_NULL, PL_NULL, "ok"), 0);
	ck_assert_int_eq(cross_na(&res, &n, RULE_NO_REDIRECT_LOOP, "why"), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(res[0].rule->id, "RFC3261-21.3.2-PERMANENT-STABLE");
	ck_assert_str_eq(res[0].reason, "changed");
	ck_assert_int_eq(res[0].outcome, CHECK_FAIL);
	ck_assert_int_eq(res[1].outcome, CHECK_WARN);   /* warn_only */
	ck_assert_int_eq(res[2].outcome, CHECK_PASS);   /* INFO */
	ck_assert_int_eq(res[3].outcome, CHECK_PASS);
	ck_assert_int_eq(res[4].outcome, CHECK_NA);
	ck_assert_str_eq(res[4].rule->id, "RFC3261-8.3-NO-REDIRECT-LOOP");
	free(res);
}
END_TEST

/* The set a code compares comes from the expectation table. */
START_TEST(test_set_from)
{
	struct msgbuf a;
	struct cross_set s;

	mk(&a, "Contact: <sip:alice@new.example.com>\r\nAllow: INVITE, ACK\r\n");
	ck_assert_int_eq(cross_set_from(&s, expect_find(302)->set, a.m), 0);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_str_eq(s.v[0], "sip:alice@new.example.com");
	cross_set_clear(&s);
	ck_assert_int_eq(cross_set_from(&s, expect_find(405)->set, a.m), 0);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_str_eq(s.v[1], "ACK");
	cross_set_clear(&s);
	ck_assert_int_eq(cross_set_from(&s, expect_find(501)->set, a.m), EINVAL);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_ptr_null(s.v);
	sipmsg_free(a.m);
}
END_TEST

/* Two responses to one suite entry (group "g", sip:a@x), by methods
 * m1 then m2, and their sets as the row of code says. */
struct two {
	struct msgbuf m[2];
	struct cross_set s[2];
	const struct sipmsg *r[2];
	char id[2][32], meth[2][16], grp[2], ruri[8];
	struct tcase t[2];
};

static void two_make(struct two *w, unsigned code, const char *m1, const char *h1,
		     const char *m2, const char *h2)
{
	size_t i;

	memset(w, 0, sizeof(*w));
	snprintf(w->grp, sizeof(w->grp), "g");
	snprintf(w->ruri, sizeof(w->ruri), "sip:a@x");
	for (i = 0; i < 2; i++) {
		snprintf(w->meth[i], sizeof(w->meth[i]), "%s", i ? m2 : m1);
		snprintf(w->id[i], sizeof(w->id[i]), "g/%s", w->meth[i]);
		w->t[i] = (struct tcase){ .id = w->id[i], .group = w->grp,
					  .request_uri = w->ruri, .method = w->meth[i],
					  .expect = code };
		mk(&w->m[i], i ? h2 : h1);
		ck_assert_int_eq(cross_set_from(&w->s[i], expect_find(code)->set, w->m[i].m), 0);
		w->r[i] = w->m[i].m;
	}
}

static void two_free(struct two *w)
{
	size_t i;

	for (i = 0; i < 2; i++) {
		cross_set_clear(&w->s[i]);
		sipmsg_free(w->m[i].m);
	}
}

/* A 302 is temporary (§21.3.3): different Contacts on every try, method
 * or transport are no failure, and no PERMANENT-* result appears. */
START_TEST(test_302_not_compared)
{
	struct cross *c = cross_new();
	struct check_result *res = NULL;
	size_t n = 0;
	struct two w;

	two_make(&w, 302, "INVITE", "Contact: <sip:alice@one.example.com>\r\n",
		 "OPTIONS", "Contact: <sip:alice@two.example.com>\r\n");
	ck_assert_int_eq(cross_stable(&res, &n, 302, w.r, w.s, 2), 0);
	ck_assert_int_eq(cross_stable(&res, &n, 302, w.r, w.s, 1), 0);
	ck_assert_int_eq(cross_group(c, &res, &n, &w.t[0], TRANSPORT_UDP, &w.s[0], w.r[0]), 0);
	ck_assert_int_eq(cross_group(c, &res, &n, &w.t[1], TRANSPORT_TCP, &w.s[1], w.r[1]), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(res);
	/* the same sets under 301 fail */
	w.t[0].expect = w.t[1].expect = 301;
	ck_assert_int_eq(cross_stable(&res, &n, 301, w.r, w.s, 2), 0);
	ck_assert_int_eq(cross_group(c, &res, &n, &w.t[0], TRANSPORT_UDP, &w.s[0], w.r[0]), 0);
	ck_assert_int_eq(cross_group(c, &res, &n, &w.t[1], TRANSPORT_TCP, &w.s[1], w.r[1]), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(res[0].rule->id, "RFC3261-21.3.2-PERMANENT-STABLE");
	ck_assert_int_eq(res[0].outcome, CHECK_FAIL);
	ck_assert_str_eq(res[1].rule->id, "RFC3261-21.3.2-PERMANENT-METHODS");
	ck_assert_int_eq(res[1].outcome, CHECK_FAIL);
	/* a code without a row, or no memory of the suite, is a caller error */
	ck_assert_int_eq(cross_stable(&res, &n, 300, w.r, w.s, 2), EINVAL);
	w.t[0].expect = 300;
	ck_assert_int_eq(cross_group(c, &res, &n, &w.t[0], TRANSPORT_UDP, &w.s[0], w.r[0]), EINVAL);
	ck_assert_int_eq(cross_group(NULL, &res, &n, &w.t[1], TRANSPORT_UDP, &w.s[0], w.r[0]), EINVAL);
	ck_assert_uint_eq(n, 2);
	free(res);
	two_free(&w);
	c = cross_free(c);
}
END_TEST

/* 405: ALLOW-STABLE across repeats and across the methods of an entry;
 * one response only is NA. */
START_TEST(test_405_compared)
{
	struct cross *c = cross_new();
	struct check_result *res = NULL;
	size_t n = 0;
	struct two w;

	two_make(&w, 405, "MESSAGE", "Allow: INVITE, ACK, CANCEL\r\n",
		 "INFO", "Allow: INVITE, ACK, CANCEL, INFO\r\n");
	ck_assert_int_eq(cross_stable(&res, &n, 405, w.r, w.s, 1), 0);
	ck_assert_int_eq(cross_stable(&res, &n, 405, w.r, w.s, 2), 0);
	ck_assert_int_eq(cross_group(c, &res, &n, &w.t[0], TRANSPORT_UDP, &w.s[0], w.r[0]), 0);
	ck_assert_int_eq(cross_group(c, &res, &n, &w.t[1], TRANSPORT_UDP, &w.s[1], w.r[1]), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(res[0].rule->id, "RFC3261-21.4.6-ALLOW-STABLE");
	ck_assert_int_eq(res[0].outcome, CHECK_NA);
	ck_assert_int_eq(res[1].outcome, CHECK_FAIL);
	ck_assert_ptr_nonnull(strstr(res[1].reason, "Allow set changed"));
	ck_assert_str_eq(res[2].rule->id, "RFC3261-21.4.6-ALLOW-STABLE");
	ck_assert_int_eq(res[2].outcome, CHECK_FAIL);
	/* the evidence is the Allow row of the response that differs */
	ck_assert(res[2].evidence.p >= w.m[1].buf &&
		  res[2].evidence.p < w.m[1].buf + sizeof(w.m[1].buf));
	ck_assert_ptr_nonnull(strstr(res[2].reason, "g/INFO (INFO over udp)"));
	free(res);
	two_free(&w);
	c = cross_free(c);
}
END_TEST

/* RFC 3261 §19.1.4: equal URIs; order, q and expires do not matter. */
START_TEST(test_set_equal)
{
	struct msgbuf a, b, c;
	struct cross_set sa, sb, sc;

	mk(&a, "Contact: <sip:alice@new.example.com>;q=0.5, <sip:bob@EXAMPLE.com:5060>\r\n");
	mk(&b, "m: <sip:bob@example.com:5060>;expires=60\r\nContact: <sip:%61lice@new.example.com>\r\n");
	mk(&c, "Contact: <sip:bob@example.com>, <sip:alice@new.example.com>\r\n");
	ck_assert_int_eq(cross_set_contacts(&sa, a.m), 0);
	ck_assert_int_eq(cross_set_contacts(&sb, b.m), 0);
	ck_assert_int_eq(cross_set_contacts(&sc, c.m), 0);
	ck_assert_uint_eq(sa.n, 2);
	ck_assert(cross_set_equal(&sa, &sb, true));
	/* explicit port 5060 is not equal to no port (§19.1.4) */
	ck_assert(!cross_set_equal(&sa, &sc, true));
	cross_set_clear(&sa);
	cross_set_clear(&sb);
	cross_set_clear(&sc);
	sipmsg_free(a.m);
	sipmsg_free(b.m);
	sipmsg_free(c.m);
}
END_TEST

START_TEST(test_allow_set_case)
{
	struct msgbuf a, b;
	struct cross_set sa, sb;

	mk(&a, "Allow: INVITE, ACK\r\nAllow: OPTIONS\r\n");
	mk(&b, "Allow: OPTIONS,ACK,invite\r\n");
	ck_assert_int_eq(cross_set_allow(&sa, a.m), 0);
	ck_assert_int_eq(cross_set_allow(&sb, b.m), 0);
	ck_assert(sa.present);
	ck_assert_uint_eq(sa.n, 3);
	/* methods are case-sensitive (§25) */
	ck_assert(!cross_set_equal(&sa, &sb, false));
	cross_set_clear(&sa);
	cross_set_clear(&sb);
	sipmsg_free(a.m);
	sipmsg_free(b.m);
}
END_TEST

START_TEST(test_stable)
{
	struct msgbuf m[3];
	struct cross_set s[3];
	const struct sipmsg *r[3];
	struct check_result *res = NULL;
	size_t n = 0, i;

	mk(&m[0], "Contact: <sip:alice@new.example.com>\r\n");
	mk(&m[1], "Contact: <sip:alice@new.example.com>\r\n");
	mk(&m[2], "Contact: <sip:alice@other.example.com>\r\n");
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(cross_set_contacts(&s[i], m[i].m), 0);
		r[i] = m[i].m;
	}
	ck_assert_int_eq(cross_stable(&res, &n, 301, r, s, 2), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(res[0].outcome, CHECK_PASS);
	ck_assert_int_eq(cross_stable(&res, &n, 301, r, s, 3), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(res[1].outcome, CHECK_FAIL);
	ck_assert_str_eq(res[1].rule->id, "RFC3261-21.3.2-PERMANENT-STABLE");
	ck_assert_ptr_nonnull(strstr(res[1].reason, "#3 got {sip:alice@other.example.com}"));
	/* the evidence is the Contact row of the response that differs */
	ck_assert(res[1].evidence.p >= m[2].buf && res[1].evidence.p < m[2].buf + sizeof(m[2].buf));
	free(res);
	for (i = 0; i < 3; i++) {
		cross_set_clear(&s[i]);
		sipmsg_free(m[i].m);
	}
}
END_TEST

START_TEST(test_group)
{
	struct cross *c = cross_new();
	struct msgbuf m[3];
	struct cross_set s[3];
	struct check_result *res = NULL;
	size_t n = 0, i;
	char id1[] = "mv/INVITE/udp", id2[] = "mv/INVITE/tcp", id3[] = "mv/OPTIONS/udp";
	char grp[] = "mv", ruri[] = "sip:a@x", inv[] = "INVITE", opt[] = "OPTIONS";
	struct tcase t1 = { .id = id1, .group = grp, .request_uri = ruri,
			    .method = inv, .expect = 301 };
	struct tcase t2 = t1, t3 = t1;

	t2.id = id2;
	t3.id = id3;
	t3.method = opt;
	mk(&m[0], "Contact: <sip:alice@new.example.com>\r\n");
	mk(&m[1], "Contact: <sip:alice@new.example.com>\r\n");
	mk(&m[2], "Contact: <sip:alice@options.example.com>\r\n");
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(cross_set_contacts(&s[i], m[i].m), 0);
	ck_assert_int_eq(cross_group(c, &res, &n, &t1, TRANSPORT_UDP, &s[0], m[0].m), 0);
	ck_assert_uint_eq(n, 0); /* the first one has nothing to compare with */
	ck_assert_int_eq(cross_group(c, &res, &n, &t2, TRANSPORT_TCP, &s[1], m[1].m), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(res[0].rule->id, "RFC3261-21.3.2-PERMANENT-TRANSPORTS");
	ck_assert_int_eq(res[0].outcome, CHECK_PASS);
	ck_assert_int_eq(cross_group(c, &res, &n, &t3, TRANSPORT_UDP, &s[2], m[2].m), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(res[1].rule->id, "RFC3261-21.3.2-PERMANENT-METHODS");
	ck_assert_int_eq(res[1].outcome, CHECK_FAIL);
	ck_assert_ptr_nonnull(strstr(res[1].reason, "mv/INVITE/udp"));
	free(res);
	for (i = 0; i < 3; i++) {
		cross_set_clear(&s[i]);
		sipmsg_free(m[i].m);
	}
	c = cross_free(c);
	ck_assert_ptr_null(c);
}
END_TEST

static Suite *cross_suite(void)
{
	Suite *s = suite_create("cross");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_set_equal);
	tcase_add_test(tc, test_allow_set_case);
	tcase_add_test(tc, test_stable);
	tcase_add_test(tc, test_result_ids);
	tcase_add_test(tc, test_set_from);
	tcase_add_test(tc, test_302_not_compared);
	tcase_add_test(tc, test_405_compared);
	tcase_add_test(tc, test_group);
	tcase_add_test(tc, test_501_allowed);
	tcase_add_test(tc, test_allow_options);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_cross", cross_suite, NULL, NULL };
