/*
 * check_batch.c - run/batch.c without SIPp: which tests share a batch,
 * what the -inf file of a batch holds (';' splitting the URI across
 * fields), the batch scenario written from the real template, and the
 * call number read back from SIPp's Call-ID.
 */
#include "tmain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/diag.h"
#include "run/batch.h"
#include "sipp/scenario.h"
#include "sipp/scnwrite.h"
#include "tdir.h"

static struct opts o;
static struct plan pl;
static struct case_env env;

static struct tcase mk(const char *id, const char *method, const char *uri)
{
	struct tcase t;

	memset(&t, 0, sizeof(t));
	t.id = (char *)id;
	t.group = (char *)id;
	t.method = (char *)method;
	t.request_uri = (char *)uri;
	t.expect = 301;
	return t;
}

static void env_setup(void)
{
	memset(&o, 0, sizeof(o));
	memset(&pl, 0, sizeof(pl));
	memset(&env, 0, sizeof(env));
	env.o = &o;
	env.p = &pl;
	tdir_setup();
}

START_TEST(test_uri_semis)
{
	ck_assert_int_eq(batch_uri_semis("sip:alice@example.com"), 0);
	ck_assert_int_eq(batch_uri_semis("sip:alice@example.com;transport=udp"), 1);
	ck_assert_int_eq(batch_uri_semis("sip:a@b;lr;x=1?Subject=hi"), 2);
	ck_assert_int_eq(batch_uri_semis("sip:[::1]:5060;maddr=[::2]"), 1);
	/* An empty field, a leading ';', a byte SIPp would cut at: not batched. */
	ck_assert_int_eq(batch_uri_semis("sip:a@b;;x"), -1);
	ck_assert_int_eq(batch_uri_semis("sip:a@b;"), -1);
	ck_assert_int_eq(batch_uri_semis(";sip:a@b"), -1);
	ck_assert_int_eq(batch_uri_semis("sip:a b@c"), -1);
	ck_assert_int_eq(batch_uri_semis("sip:a@b\t"), -1);
	ck_assert_int_eq(batch_uri_semis(""), -1);
	ck_assert_int_eq(batch_uri_semis(NULL), -1);
}
END_TEST

START_TEST(test_grouping)
{
	struct tcase a = mk("a", "OPTIONS", "sip:moved@x"), b = mk("b", "OPTIONS", "sip:y@z");
	struct tcase c = mk("c", "OPTIONS", "sip:y@z;lr"), d = mk("d", "MESSAGE", "sip:y@z");
	struct tcase e = mk("e", "INVITE", "sip:y@z"), f = mk("f", "OPTIONS", "sip:y@z");
	struct tcase g = mk("g", "OPTIONS", "sip:y@z"), h = mk("h", "OPTIONS", "sip:y@z");
	struct plan_header h1 = { (char *)"Subject", (char *)"x" };
	struct plan_header h2 = { (char *)"Subject", (char *)"y" };

	ck_assert(batch_eligible(&env, &a));
	ck_assert(batch_same(&env, &a, &b));            /* the URI is a field */
	ck_assert(!batch_same(&env, &a, &c));           /* but not its number of ';' */
	ck_assert(!batch_same(&env, &a, &d));           /* the method is literal */
	ck_assert(!batch_eligible(&env, &e));           /* INVITE: ACK, BYE: run alone */
	f.transport = TRANSPORT_TCP;
	ck_assert(!batch_same(&env, &a, &f));
	f.transport = TRANSPORT_TLS;
	ck_assert(!batch_eligible(&env, &f));           /* the tunnel's checks are per run */
	/* Transport from the command line, then the suite. */
	pl.target.transport = TRANSPORT_TLS;
	ck_assert(!batch_eligible(&env, &a));
	o.transport = TRANSPORT_TCP;
	ck_assert(batch_eligible(&env, &a));
	ck_assert(batch_same(&env, &a, &b));
	/* Headers, body, From, To and credentials are the scenario's. */
	g.headers = &h1;
	g.nheaders = 1;
	ck_assert(!batch_same(&env, &a, &g));
	h.headers = &h2;
	h.nheaders = 1;
	ck_assert(!batch_same(&env, &g, &h));
	h.headers = &h1;
	ck_assert(batch_same(&env, &g, &h));
	h.to = (char *)"sip:t@x";
	ck_assert(!batch_same(&env, &g, &h));
	h.to = NULL;
	h.body = (char *)"x\n";
	h.content_type = (char *)"text/plain";
	ck_assert(!batch_same(&env, &g, &h));
	h.body = NULL;
	h.content_type = NULL;
	h.auth.user = (char *)"u";
	h.auth.password_env = (char *)"P";
	ck_assert(!batch_same(&env, &g, &h));
	/* The command line's credentials count for a test without its own. */
	o.auth_user = "u";
	o.auth_password_env = "P";
	ck_assert(batch_same(&env, &g, &h));
	h.auth.password_env = (char *)"Q";
	ck_assert(!batch_same(&env, &g, &h));
}
END_TEST

/* batch_plan: groups of at least 3 (the pilot and a batch of 2), in suite order. */
START_TEST(test_plan)
{
	struct tcase v[7];
	struct batch *bt = NULL;

	v[0] = mk("a", "OPTIONS", "sip:a@x");
	v[1] = mk("b", "MESSAGE", "sip:b@x");
	v[2] = mk("c", "OPTIONS", "sip:c@x");
	v[3] = mk("d", "MESSAGE", "sip:d@x");
	v[4] = mk("e", "OPTIONS", "sip:e@x");
	v[5] = mk("f", "INVITE", "sip:f@x");
	v[6] = mk("g", "INFO", "sip:g@x");
	pl.cases = v;
	pl.ncases = 7;
	batch_plan(&bt, &env);
	ck_assert_uint_eq(batch_ngroups(bt), 1);       /* OPTIONS a, c, e; MESSAGE has 2 */
	ck_assert_ptr_null(batch_result(bt, &v[2]));   /* nothing ran yet */
	bt = batch_free(bt);
	v[6] = mk("g", "MESSAGE", "sip:g@x");
	batch_plan(&bt, &env);
	ck_assert_uint_eq(batch_ngroups(bt), 2);
	bt = batch_free(bt);
	/* Many shapes, interleaved: 3,000 tests over 1,000 header values make
	 * 1,000 groups of 3 (grouped by shape hash, not by a scan per test). */
	{
		enum { NT = 3000, NS = 1000 };
		struct tcase *many = calloc(NT, sizeof(*many));
		struct plan_header *hv = calloc(NS, sizeof(*hv));
		char (*val)[16] = calloc(NS, sizeof(*val));
		size_t i;

		ck_assert(many && hv && val);
		for (i = 0; i < NS; i++) {
			snprintf(val[i], sizeof(val[i]), "v%zu", i);
			hv[i].name = (char *)"Subject";
			hv[i].value = val[i];
		}
		for (i = 0; i < NT; i++) {
			many[i] = mk("t", "OPTIONS", "sip:a@x");
			many[i].headers = &hv[i % NS];
			many[i].nheaders = 1;
		}
		pl.cases = many;
		pl.ncases = NT;
		batch_plan(&bt, &env);
		ck_assert_uint_eq(batch_ngroups(bt), NS);
		bt = batch_free(bt);
		many[NT - 1].headers = &hv[0];                   /* shape 999 keeps 2: no group */
		batch_plan(&bt, &env);
		ck_assert_uint_eq(batch_ngroups(bt), NS - 1);
		bt = batch_free(bt);
		pl.cases = v;
		pl.ncases = 7;
		free(many);
		free(hv);
		free(val);
	}
	o.no_batch = true;                               /* --no-batch: every test alone */
	batch_plan(&bt, &env);
	ck_assert_ptr_nonnull(bt);
	ck_assert_uint_eq(batch_ngroups(bt), 0);
	bt = batch_free(bt);
	o.no_batch = false;
	env.setup_error = "setup failed";                /* nothing is sent at all */
	batch_plan(&bt, &env);
	ck_assert_uint_eq(batch_ngroups(bt), 0);
	batch_free(bt);
}
END_TEST

START_TEST(test_call_number)
{
	ck_assert_uint_eq(batch_call_number(pl_from("1-26475@127.0.0.1")), 1);
	ck_assert_uint_eq(batch_call_number(pl_from("1000-7@::1")), 1000);
	ck_assert_uint_eq(batch_call_number(pl_from("x1-7@h")), 0);
	ck_assert_uint_eq(batch_call_number(pl_from("12")), 0);     /* no '-' */
	ck_assert_uint_eq(batch_call_number(pl_from("-7@h")), 0);
	ck_assert_uint_eq(batch_call_number(pl_from("99999999999999-7@h")), 0);
	ck_assert_uint_eq(batch_call_number(pl_from("")), 0);
}
END_TEST

START_TEST(test_inf_lines)
{
	const char *uris[] = { "sip:moved@a", "sip:b@c;lr;x=1", "sip:d@[::1]:5;q?h=[v]" };
	char *p = tdir_path("calls.csv"), *t, f[100];
	struct stat st;
	size_t n;

	ck_assert_int_eq(scnwrite_inf_lines(p, NULL, NULL, uris, 3), 0);
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	t = tdir_slurp(p, &n);
	/* field0 "-" (never a '#' comment line), the URI's segments fields 1.. */
	ck_assert_str_eq(t, "SEQUENTIAL\n-;sip:moved@a\n-;sip:b@c;lr;x=1\n-;sip:d@[::1]:5;q?h=[v]\n");
	free(t);
	ck_assert_int_eq(scnwrite_inf_lines(p, "tester", "s3cret", uris, 1), 0);
	t = tdir_slurp(p, &n);
	ck_assert_str_eq(t, "SEQUENTIAL\n[authentication username=tester password=s3cret];sip:moved@a\n");
	free(t);
	ck_assert_int_eq(scnwrite_inf_lines(p, "a", "x;y", uris, 1), EINVAL);
	uris[0] = "sip:a@b\nSEQUENTIAL";
	ck_assert_int_eq(scnwrite_inf_lines(p, NULL, NULL, uris, 1), EINVAL);
	ck_assert_int_eq(scnwrite_ruri_fields(f, sizeof(f), 0), 0);
	ck_assert_str_eq(f, "[field1]");
	ck_assert_int_eq(scnwrite_ruri_fields(f, sizeof(f), 2), 0);
	ck_assert_str_eq(f, "[field1];[field2];[field3]");
	ck_assert_int_eq(scnwrite_ruri_fields(f, 12, 2), ENOSPC);
}
END_TEST

START_TEST(test_batch_scenario)
{
	char tmpl[600], *out = tdir_path("b.xml"), *text;
	struct scnwrite_shape sh;
	struct diag dg;
	size_t n;

	memset(&sh, 0, sizeof(sh));
	sh.method = "MESSAGE";
	sh.ruri_fields = "[field1];[field2]";
	ck_assert(scnwrite_needed(&sh));
	ck_assert_int_eq(scnwrite_make(tmain_src(tmpl, sizeof(tmpl), "scenarios/uac_request.xml"),
				       out, &sh), 0);
	memset(&dg, 0, sizeof(dg));
	ck_assert_msg(scenario_check(out, &dg) == 0, "%s", dg.msg);
	text = tdir_slurp(out, &n);
	ck_assert_ptr_nonnull(strstr(text, "\nMESSAGE [field1];[field2] SIP/2.0\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nTo: <[field1];[field2]>\n"));
	ck_assert_ptr_null(strstr(text, "[request_line]"));
	ck_assert_ptr_null(strstr(text, "[ruri]"));
	free(text);
	/* A fixed To stays; credentials keep the retry, which sends the same line. */
	sh.to = "sip:t@x";
	sh.auth = true;
	ck_assert_int_eq(scnwrite_make(tmain_src(tmpl, sizeof(tmpl), "scenarios/uac_request.xml"),
				       out, &sh), 0);
	text = tdir_slurp(out, &n);
	ck_assert_ptr_nonnull(strstr(text, "\nTo: <sip:t@x>\n"));
	ck_assert_ptr_nonnull(strstr(text, "CSeq: 2 [method]\n[field0]\n"));
	n = 0;
	for (const char *s = text; (s = strstr(s, "\nMESSAGE [field1];[field2] SIP/2.0\n")); s++)
		n++;
	ck_assert_uint_eq(n, 2);
	free(text);
}
END_TEST

/* --no-batch, --rate, --window, -j (cli/opts.c). */
static int parse(struct opts *po, const char *a, const char *b, const char *c)
{
	char *argv[] = { (char *)"sipconform", (char *)"run", (char *)"s.yaml", (char *)a,
			 (char *)b, (char *)c, NULL };
	int argc = 3 + (a != NULL) + (b != NULL) + (c != NULL);

	return opts_parse(po, argc, argv);
}

START_TEST(test_opts)
{
	struct opts po;

	ck_assert_int_eq(parse(&po, NULL, NULL, NULL), 0);
	ck_assert(!po.no_batch);
	ck_assert_uint_eq(po.rate, 0);                  /* 0: OPTS_RATE_DEFAULT */
	ck_assert_uint_eq(po.window, 0);
	opts_free(&po);
	ck_assert_int_eq(parse(&po, "--no-batch", "--rate=250", NULL), 0);
	ck_assert(po.no_batch);
	ck_assert_uint_eq(po.rate, 250);
	opts_free(&po);
	ck_assert_int_eq(parse(&po, "--window", "7", NULL), 0);
	ck_assert_uint_eq(po.window, 7);
	opts_free(&po);
	ck_assert_int_eq(parse(&po, "--rate", "100000", NULL), 0);
	opts_free(&po);
	ck_assert_int_eq(parse(&po, "--rate", "0", NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "--rate", "100001", NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "--rate", "-5", NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "--window", "10001", NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "--window", "x", NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "--no-batch=1", NULL, NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "--rate", NULL, NULL), EINVAL);
	/* -j N, -jN, --jobs N: 1..64 */
	ck_assert_int_eq(parse(&po, "-j", "3", NULL), 0);
	ck_assert_uint_eq(po.jobs, 3);
	opts_free(&po);
	ck_assert_int_eq(parse(&po, "-j64", NULL, NULL), 0);
	ck_assert_uint_eq(po.jobs, 64);
	opts_free(&po);
	ck_assert_int_eq(parse(&po, "--jobs=2", "--no-batch", NULL), 0);
	ck_assert_uint_eq(po.jobs, 2);
	opts_free(&po);
	ck_assert_int_eq(parse(&po, "-j", NULL, NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "-j0", NULL, NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "-j", "65", NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "-jx", NULL, NULL), EINVAL);
	ck_assert_int_eq(parse(&po, "-x", NULL, NULL), EINVAL);    /* still no other short option */
}
END_TEST

/*
 * A messages.log as SIPp writes it (sipp/siplog.c): one OPTIONS/MESSAGE
 * sent (Call-ID 1-...) per answer, each answer its final; answers NULL-ended.
 */
static char *wave_log(const char *method, const char *ruri, const char *const *answers,
		      size_t *len)
{
	static char buf[16384];
	char req[1024], resp[1024];
	size_t l = 0, k;

	for (k = 0; answers[k]; k++) {
		snprintf(req, sizeof(req),
			 "%s %s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-%zu\r\n"
			 "Max-Forwards: 70\r\nFrom: <sip:sc@127.0.0.1:5061>;tag=1sc%zu\r\n"
			 "To: <%s>\r\nCall-ID: %zu-1@127.0.0.1\r\nCSeq: 1 %s\r\n"
			 "Content-Length: 0\r\n\r\n", method, ruri, k + 1, k + 1, ruri, k + 1, method);
		snprintf(resp, sizeof(resp),
			 "SIP/2.0 %s\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-%zu\r\n"
			 "From: <sip:sc@127.0.0.1:5061>;tag=1sc%zu\r\nTo: <%s>;tag=x\r\n"
			 "Call-ID: %zu-1@127.0.0.1\r\nCSeq: 1 %s\r\nContent-Length: 0\r\n\r\n",
			 answers[k], k + 1, k + 1, ruri, k + 1, method);
		l += (size_t)snprintf(buf + l, sizeof(buf) - l,
				      "----------------------------------------------- 2026-11-29 21:57:28.768407\n"
				      "UDP message sent (%zu bytes):\n\n%s\n"
				      "----------------------------------------------- 2026-11-29 21:57:28.769237\n"
				      "UDP message received [%zu] bytes :\n\n%s\n",
				      strlen(req), req, strlen(resp), resp);
	}
	*len = l;
	return buf;
}

static void wreqs_free(struct case_wreq *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].ruri);
		free(v[i].method);
	}
	free(v);
}

static void wreq_is(const struct case_wreq *w, const char *label, const char *ruri,
		    const char *method)
{
	ck_assert_str_eq(w->label, label);
	ck_assert_str_eq(w->ruri, ruri);
	ck_assert_str_eq(w->method, method);
}

/* What a test's waves hold: read off its first final, as case_run reads it. */
START_TEST(test_wave_reqs)
{
	const char *const moved[] = { "301 Moved Permanently\r\nContact: "
				      "<sip:alice-new@new.example.com;method=INVITE>, <sip:b@c;lr>", NULL };
	const char *const moved2[] = { "301 Moved Permanently\r\nContact: <sip:x@y>",
				       "301 Moved Permanently\r\nContact: <sip:z@y>", NULL };
	const char *const refused[] = { "405 Method Not Allowed\r\n"
					"Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO", NULL };
	const char *const busy[] = { "503 Service Unavailable", NULL };
	const char *const other[] = { "200 OK", NULL };
	struct tcase f = mk("f", "OPTIONS", "sip:moved@example.com");
	struct tcase m = mk("m", "MESSAGE", "sip:nomethods@example.com");
	struct case_wreq *v;
	size_t n, len;
	char *log;

	/* follow: depth 1, every Contact in order, the method parameter dropped. */
	f.follow = 2;
	log = wave_log("OPTIONS", f.request_uri, moved, &len);
	ck_assert_int_eq(case_wave_reqs(&env, &f, log, len, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	wreq_is(&v[0], "follow 1.1", "sip:alice-new@new.example.com", "OPTIONS");
	wreq_is(&v[1], "follow 1.2", "sip:b@c;lr", "OPTIONS");
	wreqs_free(v, n);
	/* Repeats: the first final's Contacts only. */
	f.repeat = 2;
	log = wave_log("OPTIONS", f.request_uri, moved2, &len);
	ck_assert_int_eq(case_wave_reqs(&env, &f, log, len, &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	wreq_is(&v[0], "follow 1.1", "sip:x@y", "OPTIONS");
	wreqs_free(v, n);
	/* A capture the test would not adopt (one call of two): nothing. */
	log = wave_log("OPTIONS", f.request_uri, moved, &len);
	ck_assert_int_eq(case_wave_reqs(&env, &f, log, len, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(v);
	f.repeat = 0;
	f.follow = 0;            /* no follow: nothing */
	ck_assert_int_eq(case_wave_reqs(&env, &f, log, len, &v, &n), 0);
	ck_assert_uint_eq(n, 0);

	/* probes: OPTIONS first; then the safe methods Allow lists, in its order,
	 * but the test's own and OPTIONS (probed already). */
	m.expect = 405;
	m.probe_options = true;
	m.probe_allowed = true;
	log = wave_log("MESSAGE", m.request_uri, refused, &len);
	ck_assert_int_eq(case_wave_reqs(&env, &m, log, len, &v, &n), 0);
	ck_assert_uint_eq(n, 3);
	wreq_is(&v[0], "probe OPTIONS", "sip:nomethods@example.com", "OPTIONS");
	wreq_is(&v[1], "probe BYE", "sip:nomethods@example.com", "BYE");
	wreq_is(&v[2], "probe INFO", "sip:nomethods@example.com", "INFO");
	wreqs_free(v, n);
	m.probe_options = false;  /* probe_allowed alone probes OPTIONS in its turn */
	ck_assert_int_eq(case_wave_reqs(&env, &m, log, len, &v, &n), 0);
	ck_assert_uint_eq(n, 3);
	wreq_is(&v[0], "probe BYE", "sip:nomethods@example.com", "BYE");
	wreq_is(&v[1], "probe OPTIONS", "sip:nomethods@example.com", "OPTIONS");
	wreq_is(&v[2], "probe INFO", "sip:nomethods@example.com", "INFO");
	wreqs_free(v, n);
	/* Not the expected code, or a 5xx (maybe the batch's load): nothing. */
	log = wave_log("MESSAGE", m.request_uri, other, &len);
	ck_assert_int_eq(case_wave_reqs(&env, &m, log, len, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	log = wave_log("MESSAGE", m.request_uri, busy, &len);
	ck_assert_int_eq(case_wave_reqs(&env, &m, log, len, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	/* Probes are no key of a 301 test. */
	f.probe_options = true;
	log = wave_log("OPTIONS", f.request_uri, moved, &len);
	ck_assert_int_eq(case_wave_reqs(&env, &f, log, len, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
}
END_TEST

static Suite *batch_suite_make(void)
{
	Suite *s = suite_create("batch");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, env_setup, tdir_teardown);
	tcase_add_test(tc, test_uri_semis);
	tcase_add_test(tc, test_grouping);
	tcase_add_test(tc, test_plan);
	tcase_add_test(tc, test_opts);
	tcase_add_test(tc, test_call_number);
	tcase_add_test(tc, test_inf_lines);
	tcase_add_test(tc, test_batch_scenario);
	tcase_add_test(tc, test_wave_reqs);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_batch", batch_suite_make, NULL, NULL };
