/*
 * check_scnwrite.c - sipp/scnwrite.c: the scenario of a test shape
 * written from the real templates (scenarios/uac_request.xml,
 * uac_invite.xml), and the -inf credentials file.
 */
#include "tmain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/diag.h"
#include "sipp/scenario.h"
#include "sipp/scnwrite.h"
#include "tdir.h"

static char *tmpl(const char *name)
{
	static char path[600];
	char rel[100];

	snprintf(rel, sizeof(rel), "scenarios/%s.xml", name);
	return (char *)tmain_src(path, sizeof(path), rel);
}

/* Write name's template with sh, check that it is still a scenario, return its text. */
static char *make(const char *name, const struct scnwrite_shape *sh)
{
	char *out = tdir_path("out.xml");
	struct diag dg;
	size_t n;
	char *text;

	ck_assert_int_eq(scnwrite_make(tmpl(name), out, sh), 0);
	memset(&dg, 0, sizeof(dg));
	ck_assert_msg(scenario_check(out, &dg) == 0, "%s", dg.msg);
	text = tdir_slurp(out, &n);
	return text;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what))) {
		n++;
		s += strlen(what);
	}
	return n;
}

START_TEST(test_needed)
{
	struct scnwrite_shape sh;
	struct plan_header h = { (char *)"Event", (char *)"presence" };

	memset(&sh, 0, sizeof(sh));
	ck_assert(!scnwrite_needed(&sh));
	sh.auth = true;
	ck_assert(scnwrite_needed(&sh));
	memset(&sh, 0, sizeof(sh));
	sh.headers = &h;
	sh.nheaders = 1;
	ck_assert(scnwrite_needed(&sh));
}
END_TEST

/* Credentials: the retry steps are in, their markers out. */
START_TEST(test_auth)
{
	static const char *const names[] = { "uac_request", "uac_invite" };
	struct scnwrite_shape sh;
	size_t i;

	memset(&sh, 0, sizeof(sh));
	sh.auth = true;
	for (i = 0; i < NELEM(names); i++) {
		char *t = make(names[i], &sh);

		ck_assert_uint_eq(count(t, "<!--@auth") + count(t, "@auth-->"), 0);
		ck_assert_uint_eq(count(t, "auth=\"true\""), 2);
		ck_assert_uint_eq(count(t, "\n[field0]\n"), 1);
		ck_assert_uint_eq(count(t, "<label id=\"wait2\"/>"), 1);
		free(t);
	}
}
END_TEST

/* Headers, body, From, To, and without credentials no retry steps at all. */
START_TEST(test_headers_body)
{
	struct plan_header h[] = {
		{ (char *)"Subject", (char *)"hello there" },
		{ (char *)"contact", (char *)"<sip:me@192.0.2.1>" },
		{ (char *)"User-Agent", (char *)"lab" },
	};
	struct scnwrite_shape sh;
	char *t;

	memset(&sh, 0, sizeof(sh));
	sh.headers = h;
	sh.nheaders = 1;
	sh.body = "line one\nline two\n";
	sh.content_type = "text/plain";
	sh.from = "sip:tester@example.org";
	sh.to = "sip:bob@example.com";
	t = make("uac_request", &sh);
	ck_assert_uint_eq(count(t, "<!--@auth") + count(t, "@auth-->"), 0);
	ck_assert_uint_eq(count(t, "\n[field0]\n"), 0);
	ck_assert_uint_eq(count(t, "auth=\"true\""), 0);
	ck_assert_ptr_nonnull(strstr(t, "\nFrom: <sip:tester@example.org>;tag=[pid]sc[call_number]\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nTo: <sip:bob@example.com>\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nSubject: hello there\nUser-Agent: sipconform\n"
					"Content-Type: text/plain\nContent-Length: [len]\n\n"
					"line one\nline two\n\n]]>"));
	ck_assert_uint_eq(count(t, "Content-Length: 0"), 0);
	free(t);

	/* INVITE: the user's Contact and User-Agent replace ours; the SDP goes;
	 * the ACKs and the BYE carry the same From, To stays the response's ([last_To:]). */
	sh.nheaders = 3;
	sh.to = NULL;
	t = make("uac_invite", &sh);
	ck_assert_uint_eq(count(t, "sip:sipconform@"), 0);
	ck_assert_uint_eq(count(t, "From: <sip:tester@example.org>;tag="), 4);
	ck_assert_uint_eq(count(t, "To: <[ruri]>"), 1);
	ck_assert_ptr_nonnull(strstr(t, "\nSubject: hello there\ncontact: <sip:me@192.0.2.1>\n"
					"User-Agent: lab\nContent-Type: text/plain\n"));
	ck_assert_uint_eq(count(t, "User-Agent: sipconform"), 0);
	ck_assert_uint_eq(count(t, "a=inactive"), 0);
	ck_assert_uint_eq(count(t, "application/sdp"), 0);
	free(t);
}
END_TEST

START_TEST(test_refused)
{
	struct plan_header h = { (char *)"X-A", (char *)"a]]>b" };
	struct scnwrite_shape sh;
	char *out = tdir_path("bad.xml"), *bad = tdir_path("notemplate.xml");
	struct stat st;

	memset(&sh, 0, sizeof(sh));
	sh.headers = &h;
	sh.nheaders = 1;
	ck_assert_int_eq(scnwrite_make(tmpl("uac_request"), out, &sh), EINVAL);
	sh.nheaders = 0;
	sh.body = "x]]>\n";
	sh.content_type = "text/plain";
	ck_assert_int_eq(scnwrite_make(tmpl("uac_request"), out, &sh), EINVAL);
	sh.body = "x\n";
	sh.content_type = NULL;
	ck_assert_int_eq(scnwrite_make(tmpl("uac_request"), out, &sh), EINVAL);
	ck_assert_int_ne(stat(out, &st), 0);
	/* A template whose markers do not pair: refused, nothing left. */
	sh.body = NULL;
	sh.auth = true;
	tdir_write(bad, "<scenario>\n  <!--@auth\n</scenario>\n", 34);
	ck_assert_int_eq(scnwrite_make(bad, out, &sh), EBADMSG);
	ck_assert_int_ne(stat(out, &st), 0);
	ck_assert_int_eq(scnwrite_make("/nonexistent/x.xml", out, &sh), ENOENT);
}
END_TEST

START_TEST(test_inf)
{
	char *p = tdir_path("cred.csv");
	struct stat st;
	size_t n;
	char *t;

	ck_assert_int_eq(scnwrite_inf(p, "tester", "s3cret"), 0);
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	t = tdir_slurp(p, &n);
	ck_assert_str_eq(t, "SEQUENTIAL\n[authentication username=tester password=s3cret]\n");
	free(t);
	/* Written again: the stale file is replaced, still 0600. */
	ck_assert_int_eq(scnwrite_inf(p, "tester", "other"), 0);
	ck_assert_int_eq(scnwrite_inf(p, "a b", "x"), EINVAL);
	ck_assert_int_eq(scnwrite_inf(p, "a", "x]y"), EINVAL);
	ck_assert_int_eq(scnwrite_inf(p, "a", "x;y"), EINVAL);
	ck_assert_int_eq(scnwrite_inf(p, "a", "x[y"), EINVAL);
	ck_assert_int_eq(scnwrite_inf(p, "", "x"), EINVAL);
}
END_TEST

static Suite *scnwrite_suite(void)
{
	Suite *s = suite_create("scnwrite");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_test(tc, test_needed);
	tcase_add_test(tc, test_auth);
	tcase_add_test(tc, test_headers_body);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_inf);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_scnwrite", scnwrite_suite, NULL, NULL };
