/*
 * check_load.c - unit tests for conformance under load: the suite key
 * 'load' (suite.c, plan.c), the per-check counts and kept evidence of
 * run/load_agg.c, and the response-time percentiles.  The load runner
 * itself against Kamailio: harness/tests/it/t96-load.sh, t97-load-broken.sh.
 */
#include "tmain.h"
#include "tsuite.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/load.h"
#include "sipp/siplog.h"
#include "suite/suite.h"

static int load_str(struct plan **pp, const char *yaml, struct diag *dg)
{
	return suite_load_buf(pp, "t.yaml", yaml, strlen(yaml), dg);
}

#define HEAD "tests:\n  - id: a\n    request_uri: sip:moved@example.com\n    expect: 301\n"

/* ---- suite: the 'load' key ------------------------------------------ */

START_TEST(test_suite_good)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };

	ck_assert_int_eq(load_str(&p, HEAD "    load: {rate: 1000, count: 4000}\n"
				  "  - id: b\n    request_uri: sip:moved@example.com\n"
				  "    expect: 301\n    load: {rate: 500, duration: 3}\n"
				  "  - id: c\n    request_uri: sip:moved@example.com\n"
				  "    expect: 301\n    transports: [udp, tcp]\n"
				  "    load: {rate: 10000, duration: 100}\n", &dg), 0);
	ck_assert_uint_eq(p->ncases, 4);
	ck_assert_uint_eq(p->cases[0].load.rate, 1000);
	ck_assert_uint_eq(p->cases[0].load.count, 4000);
	ck_assert_uint_eq(p->cases[0].load.duration, 0);
	ck_assert_uint_eq(p->cases[1].load.rate, 500);
	ck_assert_uint_eq(p->cases[1].load.duration, 3);
	ck_assert_uint_eq(p->cases[1].load.count, 1500);     /* rate x duration */
	/* every expanded case carries it */
	ck_assert_str_eq(p->cases[3].id, "c/tcp");
	ck_assert_uint_eq(p->cases[3].load.count, 1000000);
	p = plan_free(p);

	/* no 'load': rate 0, a normal test */
	ck_assert_int_eq(load_str(&p, HEAD, &dg), 0);
	ck_assert_uint_eq(p->cases[0].load.rate, 0);
	ck_assert_uint_eq(p->cases[0].load.count, 0);
	plan_free(p);
}
END_TEST

static const struct {
	const char *yaml;       /* after HEAD (line 5 on) */
	size_t line, col;
	const char *msg;
} bad_load[] = {
	{ "    load: 1000\n", 5, 11, "'load' must be a mapping" },
	{ "    load: {count: 10}\n", 5, 11, "missing 'rate' in 'load'" },
	{ "    load: {rate: 10}\n", 5, 11, "'load' needs 'duration' (seconds) or 'count'" },
	{ "    load: {rate: 10, duration: 1, count: 10}\n", 5, 35, "'count'" },
	{ "    load: {rate: 0, count: 10}\n", 5, 18, "'rate'" },
	{ "    load: {rate: 10001, count: 10}\n", 5, 18, "'rate'" },
	{ "    load: {rate: 10, count: 0}\n", 5, 29, "'count'" },
	{ "    load: {rate: 10, count: 1000001}\n", 5, 29, "'count'" },
	{ "    load: {rate: 10, duration: 0}\n", 5, 32, "'duration'" },
	{ "    load: {rate: 10, duration: 601}\n", 5, 32, "'duration'" },
	{ "    load: {rate: 10000, duration: 101}\n", 5, 35,
	  "'load' of 10000 requests/s for 101 s is over 1000000 requests" },
	{ "    load: {rate: 10, count: 10, burst: 3}\n", 5, 33, "burst" },
	{ "    load: {rate: 10, count: -1}\n", 5, 29, "'count'" },
	{ "    repeat: 3\n    load: {rate: 10, count: 10}\n", 5, 5,
	  "'repeat' cannot be given with 'load'" },
	{ "    follow: 1\n    load: {rate: 10, count: 10}\n", 5, 5,
	  "'follow' cannot be given with 'load'" },
};

START_TEST(test_suite_bad)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	char y[512];

	snprintf(y, sizeof(y), "%s%s", HEAD, bad_load[_i].yaml);
	ck_bad(load_str(&p, y, &dg), &p, &dg, bad_load[_i].line, bad_load[_i].col,
	       bad_load[_i].msg);
	ck_assert_str_eq(dg.file, "t.yaml");
}
END_TEST

/* The probes are 405 keys: refused with load too. */
START_TEST(test_suite_bad_probe)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };

	ck_bad(load_str(&p, "tests:\n  - id: a\n    request_uri: sip:bob@example.com\n"
			"    method: MESSAGE\n    expect: 405\n    probe_allowed: true\n"
			"    load: {rate: 10, count: 10}\n", &dg),
	       &p, &dg, 6, 5, "'probe_allowed' cannot be given with 'load'");
	ck_bad(load_str(&p, "tests:\n  - id: a\n    request_uri: sip:bob@example.com\n"
			"    method: MESSAGE\n    expect: 405\n    probe_options: false\n"
			"    load: {rate: 10, count: 10}\n", &dg),
	       &p, &dg, 6, 5, "'probe_options' cannot be given with 'load'");
}
END_TEST

/* ---- aggregation ------------------------------------------------------ */

/* One result of check id with outcome o, its message and evidence in buf. */
static struct check_result res_of(enum rule_id id, enum check_outcome o, const char *buf,
				  const char *ev, const char *reason)
{
	struct check_result r;

	memset(&r, 0, sizeof(r));
	r.rule = rule_get(id);
	r.outcome = o;
	snprintf(r.reason, sizeof(r.reason), "%s", reason);
	r.msg = pl_from(buf);
	r.evidence = ev ? (struct pl){ strstr(buf, ev), strlen(ev) } : PL_NULL;
	return r;
}

/* Does m hold s? */
static bool has(struct pl m, const char *s)
{
	size_t l = strlen(s), i;

	for (i = 0; i + l <= m.l; i++)
		if (memcmp(m.p + i, s, l) == 0)
			return true;
	return false;
}

/* 5000 exchanges; STATUS-CODE fails in 17 from #3001, ALLOW-PRESENT passes
 * everywhere, CONTENT-TYPE is NA but once, NO-REQUIRE warns once. */
START_TEST(test_agg_counts)
{
	struct load_agg *a = load_agg_new();
	struct check_result *out = NULL;
	size_t n = 0, x;

	ck_assert_ptr_nonnull(a);
	for (x = 1; x <= 5000; x++) {
		/* a fresh buffer per exchange, gone after the call */
		char *m = malloc(128);
		bool bad = x >= 3001 && x < 3018;
		struct check_result r[4];

		ck_assert_ptr_nonnull(m);
		snprintf(m, 128, "SIP/2.0 %s\r\nAllow: INVITE\r\nCSeq: %zu OPTIONS\r\n\r\n",
			 bad ? "500 Oops" : "405 Method Not Allowed", x);
		r[0] = res_of(RULE_STATUS_CODE, bad ? CHECK_FAIL : CHECK_PASS, m,
			      bad ? "SIP/2.0 500 Oops" : NULL,
			      bad ? "expected 405, got 500" : "405 as expected");
		r[1] = res_of(RULE_ALLOW_PRESENT, CHECK_PASS, m, "Allow: INVITE", "Allow present");
		r[2] = res_of(RULE_CONTENT_TYPE, x == 42 ? CHECK_PASS : CHECK_NA, m, NULL,
			      x == 42 ? "typed" : "no body");
		r[3] = res_of(RULE_NO_REQUIRE, x == 4999 ? CHECK_WARN : CHECK_PASS, m, NULL,
			      x == 4999 ? "Require: foo" : "no Require");
		ck_assert_int_eq(load_agg_add(a, x, r, 4), 0);
		free(m);
	}
	ck_assert_int_eq(load_agg_results(a, &out, &n), 0);
	ck_assert_uint_eq(n, 4);

	ck_assert_ptr_eq(out[0].rule, rule_get(RULE_STATUS_CODE));
	ck_assert_int_eq(out[0].outcome, CHECK_FAIL);
	ck_assert_str_eq(out[0].reason, "failed in 17 of 5000 exchanges, first at #3001: "
			 "expected 405, got 500; passed in 4983");
	/* the evidence is the first failure's, copied */
	ck_assert_uint_eq(out[0].evidence.l, 16);
	ck_assert(memcmp(out[0].evidence.p, "SIP/2.0 500 Oops", 16) == 0);
	ck_assert(has(out[0].msg, "CSeq: 3001 OPTIONS"));
	ck_assert(out[0].evidence.p >= out[0].msg.p &&
		  out[0].evidence.p + out[0].evidence.l <= out[0].msg.p + out[0].msg.l);

	ck_assert_int_eq(out[1].outcome, CHECK_PASS);
	ck_assert_str_eq(out[1].reason, "passed in all 5000 exchanges (#1: Allow present)");
	ck_assert(has(out[1].msg, "CSeq: 1 OPTIONS\r"));

	ck_assert_int_eq(out[2].outcome, CHECK_PASS);
	ck_assert_str_eq(out[2].reason, "passed in 1 of 5000 exchanges (#42: typed); "
			 "not applicable in 4999");

	ck_assert_int_eq(out[3].outcome, CHECK_WARN);
	ck_assert_str_eq(out[3].reason, "warned in 1 of 5000 exchanges, first at #4999: "
			 "Require: foo; passed in 4999");
	free(out);
	load_agg_free(a);
}
END_TEST

/* A failure after warnings: the first failure is kept, both are counted. */
START_TEST(test_agg_worst)
{
	struct load_agg *a = load_agg_new();
	struct check_result *out = NULL, r;
	size_t n = 0;
	static const char m[] = "SIP/2.0 301 Moved\r\n\r\n";

	r = res_of(RULE_NO_ANSWER, CHECK_NA, m, NULL, "n/a");
	ck_assert_int_eq(load_agg_add(a, 1, &r, 1), 0);
	r = res_of(RULE_NO_ANSWER, CHECK_WARN, m, NULL, "late");
	ck_assert_int_eq(load_agg_add(a, 2, &r, 1), 0);
	r = res_of(RULE_NO_ANSWER, CHECK_FAIL, m, NULL, "silent");
	ck_assert_int_eq(load_agg_add(a, 3, &r, 1), 0);
	r = res_of(RULE_NO_ANSWER, CHECK_FAIL, m, NULL, "silent again");
	ck_assert_int_eq(load_agg_add(a, 4, &r, 1), 0);
	ck_assert_int_eq(load_agg_results(a, &out, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(out[0].outcome, CHECK_FAIL);
	ck_assert_str_eq(out[0].reason, "failed in 2 of 4 exchanges, first at #3: silent; "
			 "warned in 1; not applicable in 1");
	ck_assert_ptr_null(out[0].evidence.p);
	free(out);

	/* only NA */
	load_agg_free(a);
	a = load_agg_new();
	r = res_of(RULE_CONTENT_TYPE, CHECK_NA, m, NULL, "no body");
	ck_assert_int_eq(load_agg_add(a, 1, &r, 1), 0);
	ck_assert_int_eq(load_agg_add(a, 2, &r, 1), 0);
	ck_assert_int_eq(load_agg_results(a, &out, &n), 0);
	ck_assert_int_eq(out[0].outcome, CHECK_NA);
	ck_assert_str_eq(out[0].reason, "not applicable in all 2 exchanges (#1: no body)");
	free(out);

	/* nothing added: no results */
	load_agg_free(a);
	a = load_agg_new();
	ck_assert_int_eq(load_agg_results(a, &out, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(out);
	load_agg_free(a);
}
END_TEST

/* At most LOAD_EVIDENCE_XCHG exchanges kept, each message cut; labels numbered. */
START_TEST(test_agg_keep)
{
	struct load_agg *a = load_agg_new();
	struct report_msg *msgs = NULL;
	size_t n = 0, i;
	char *big = malloc(LOAD_EVIDENCE_BYTES * 2);

	ck_assert_ptr_nonnull(big);
	memset(big, 'x', LOAD_EVIDENCE_BYTES * 2);
	memcpy(big, "SIP/2.0 405 Method Not Allowed\r\n", 32);
	for (i = 0; i < LOAD_EVIDENCE_XCHG; i++)
		ck_assert(load_agg_keep(a, 3000 + i, pl_from("OPTIONS sip:a@b SIP/2.0\r\n\r\n"),
					i == 4 ? PL_NULL : (struct pl){ big, LOAD_EVIDENCE_BYTES * 2 }));
	ck_assert(!load_agg_keep(a, 9999, pl_from("OPTIONS sip:a@b SIP/2.0\r\n\r\n"), PL_NULL));
	ck_assert_uint_eq(load_agg_nkept(a), LOAD_EVIDENCE_XCHG);
	free(big);
	ck_assert_int_eq(load_agg_msgs(a, &msgs, &n), 0);
	ck_assert_uint_eq(n, 2 * LOAD_EVIDENCE_XCHG - 1);   /* #3004 got no response */
	ck_assert_str_eq(msgs[0].label, "#3000 sent (OPTIONS)");
	ck_assert_str_eq(msgs[1].label, "#3000 received (405)");
	ck_assert_uint_eq(msgs[1].bytes.l, LOAD_EVIDENCE_BYTES);
	ck_assert(memcmp(msgs[1].bytes.p, "SIP/2.0 405", 11) == 0);
	ck_assert_str_eq(msgs[n - 1].label, "#3004 sent (OPTIONS)");
	free(msgs);
	load_agg_free(a);
}
END_TEST

/* ---- exchanges of a big capture ------------------------------------- */

/* A SIPp -trace_msg entry: sent (or received) message m, time stamp us. */
static void log_entry(struct sb *b, bool sent, const char *m, unsigned us)
{
	char h[200];

	snprintf(h, sizeof(h), "----------------------------------------------- "
		 "2026-11-25 08:32:55.%06u\n", us % 1000000);
	sb_str(b, h);
	if (sent)
		snprintf(h, sizeof(h), "UDP message sent (%zu bytes):\n\n", strlen(m));
	else
		snprintf(h, sizeof(h), "UDP message received [%zu] bytes :\n\n", strlen(m));
	sb_str(b, h);
	sb_str(b, m);
	sb_str(b, "\n");
}

static void req_of(char *out, size_t size, size_t k)
{
	snprintf(out, size, "MESSAGE sip:bob@example.com SIP/2.0\r\n"
		 "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1-%zu-0\r\n"
		 "From: <sip:sc@127.0.0.1:5060>;tag=%zusc\r\nTo: <sip:bob@example.com>\r\n"
		 "Call-ID: %zu-1@127.0.0.1\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n",
		 k, k, k);
}

static void resp_of(char *out, size_t size, size_t k, unsigned code, const char *cid)
{
	char c[64];

	snprintf(c, sizeof(c), "%zu-1@127.0.0.1", k);
	snprintf(out, size, "SIP/2.0 %u X\r\n"
		 "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1-%zu-0\r\n"
		 "From: <sip:sc@127.0.0.1:5060>;tag=%zusc\r\nTo: <sip:bob@example.com>;tag=u\r\n"
		 "Call-ID: %s\r\nCSeq: 1 MESSAGE\r\nAllow: INVITE\r\nContent-Length: 0\r\n\r\n",
		 code, k, k, cid ? cid : c);
}

/* What the views gave, per exchange number. */
struct seen {
	const struct sipmsg **req, **fin;
	size_t *nfinal, *nprov, n, views;
	bool *conflict, *bad;
	double *ts;
};

static void seen_fn(void *arg, const struct xchg_capture *c, const struct xchg *x, size_t n,
		    size_t first)
{
	struct seen *sn = arg;
	size_t i;

	sn->views++;
	for (i = 0; i < n; i++) {
		ck_assert_uint_lt(first + i, sn->n);
		sn->req[first + i] = x[i].req;
		sn->fin[first + i] = x[i].final;
		sn->nfinal[first + i] = x[i].nfinal;
		sn->nprov[first + i] = x[i].nprov;
		sn->conflict[first + i] = x[i].conflict != NULL;
		sn->bad[first + i] = x[i].bad[0] != '\0';
		sn->ts[first + i] = c->log->frames[x[i].req_frame].ts;
	}
}

/*
 * n exchanges, answered out of order, with retransmitted requests, 100
 * Trying, a second final that conflicts, a response to no request and
 * an unparsable frame: load_xchg_each groups them exactly as xchg_build
 * does on the whole capture.
 */
static const size_t xchg_sizes[] = { 1, 63, 64, 65, 129, 200, 640 };

START_TEST(test_xchg_each)
{
	size_t n = xchg_sizes[_i], k, total = 0, nx = 0;
	struct sb b = { 0 };
	char m[600];
	struct siplog *log = NULL;
	struct xchg_capture cap;
	struct xchg *x = NULL;
	struct seen sn = { 0 };
	unsigned us = 0;

	for (k = 1; k <= n + 2; k++) {
		if (k <= n) {
			req_of(m, sizeof(m), k);
			log_entry(&b, true, m, us += 10);
			if (k % 7 == 0)         /* retransmitted */
				log_entry(&b, true, m, us += 10);
		}
		if (k > 2 && k - 2 <= n) {      /* answered two requests later */
			if ((k - 2) % 5 == 0) {
				resp_of(m, sizeof(m), k - 2, 100, NULL);
				log_entry(&b, false, m, us += 10);
			}
			resp_of(m, sizeof(m), k - 2, 405, NULL);
			log_entry(&b, false, m, us += 10);
			if ((k - 2) % 11 == 0) {  /* a conflicting second final */
				resp_of(m, sizeof(m), k - 2, 501, NULL);
				log_entry(&b, false, m, us += 10);
			}
		}
		if (k == 30) {
			resp_of(m, sizeof(m), 0, 405, "nobody@127.0.0.1");
			log_entry(&b, false, m, us += 10);
			log_entry(&b, false, "garbage\r\n\r\n", us += 10);
		}
	}
	ck_assert_int_eq(siplog_parse(&log, b.p, b.l), 0);
	ck_assert_int_eq(log->fault, SIPLOG_INTACT);
	ck_assert_int_eq(xchg_capture_parse(&cap, log), 0);
	ck_assert_int_eq(xchg_build(&x, &nx, &cap, "MESSAGE"), 0);
	ck_assert_uint_eq(nx, n);

	sn.n = n;
	sn.req = calloc(n, sizeof(*sn.req));
	sn.fin = calloc(n, sizeof(*sn.fin));
	sn.nfinal = calloc(n, sizeof(*sn.nfinal));
	sn.nprov = calloc(n, sizeof(*sn.nprov));
	sn.conflict = calloc(n, sizeof(*sn.conflict));
	sn.ts = calloc(n, sizeof(*sn.ts));
	sn.bad = calloc(n, sizeof(*sn.bad));
	ck_assert_int_eq(load_xchg_each(&cap, "MESSAGE", seen_fn, &sn, &total), 0);
	ck_assert_uint_eq(total, n);
	ck_assert_uint_eq(sn.views, n <= LOAD_VIEW_XCHG ? 1 : n / LOAD_VIEW_XCHG +
			  (n % LOAD_VIEW_XCHG > 1));
	for (k = 0; k < n; k++) {
		ck_assert_ptr_eq(sn.req[k], x[k].req);
		ck_assert_ptr_eq(sn.fin[k], x[k].final);
		ck_assert_ptr_nonnull(sn.fin[k]);
		ck_assert_uint_eq(sn.fin[k]->scode, 405);
		ck_assert_uint_eq(sn.nfinal[k], x[k].nfinal);
		ck_assert_uint_eq(sn.nprov[k], x[k].nprov);
		ck_assert_uint_eq(sn.nprov[k], (k + 1) % 5 == 0);
		ck_assert_int_eq(sn.conflict[k], x[k].conflict != NULL);
		ck_assert_int_eq(sn.conflict[k], (k + 1) % 11 == 0);
		ck_assert_int_eq(sn.bad[k], x[k].bad[0] != '\0');
		ck_assert_int_eq(sn.bad[k], n >= 30 && k == 29);   /* the garbage after #30 */
		ck_assert(sn.ts[k] > 0 && sn.ts[k] == cap.log->frames[x[k].req_frame].ts);
	}
	free(sn.req);
	free(sn.fin);
	free(sn.nfinal);
	free(sn.nprov);
	free(sn.conflict);
	free(sn.ts);
	free(sn.bad);
	free(x);
	xchg_capture_free(&cap);
}
END_TEST

/* ---- percentiles ------------------------------------------------------ */

START_TEST(test_percentile)
{
	uint32_t v[100], one[1] = { 7 };
	uint32_t un[5] = { 5000, 1000, 3000, 2000, 4000 };
	char s[200];
	size_t i;

	for (i = 0; i < 100; i++)
		v[i] = (uint32_t)(i + 1) * 10;      /* 10 .. 1000 us */
	ck_assert_uint_eq(load_percentile(v, 100, 50), 500);
	ck_assert_uint_eq(load_percentile(v, 100, 90), 900);
	ck_assert_uint_eq(load_percentile(v, 100, 99), 990);
	ck_assert_uint_eq(load_percentile(v, 100, 100), 1000);
	ck_assert_uint_eq(load_percentile(v, 100, 1), 10);
	/* nearest rank: ceil(0.5 x 5) = 3rd */
	ck_assert_uint_eq(load_percentile(v, 5, 50), 30);
	ck_assert_uint_eq(load_percentile(v, 5, 99), 50);
	ck_assert_uint_eq(load_percentile(one, 1, 50), 7);
	ck_assert_uint_eq(load_percentile(one, 1, 99), 7);
	ck_assert_uint_eq(load_percentile(NULL, 0, 50), 0);

	/* the summary sorts first */
	load_rtt_summary(un, 5, s, sizeof(s));
	ck_assert_str_eq(s, "p50 3.00 ms, p90 5.00 ms, p99 5.00 ms, max 5.00 ms (5 responses)");
	ck_assert_uint_eq(un[0], 1000);
	load_rtt_summary(v, 100, s, sizeof(s));
	ck_assert_str_eq(s, "p50 0.50 ms, p90 0.90 ms, p99 0.99 ms, max 1.00 ms (100 responses)");
	load_rtt_summary(NULL, 0, s, sizeof(s));
	ck_assert_str_eq(s, "no response");
}
END_TEST

static Suite *load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_suite_good);
	tcase_add_loop_test(tc, test_suite_bad, 0, NELEM(bad_load));
	tcase_add_test(tc, test_suite_bad_probe);
	tcase_add_test(tc, test_agg_counts);
	tcase_add_test(tc, test_agg_worst);
	tcase_add_test(tc, test_agg_keep);
	tcase_add_test(tc, test_percentile);
	tcase_add_loop_test(tc, test_xchg_each, 0, NELEM(xchg_sizes));
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_load", load_suite, NULL, NULL };
