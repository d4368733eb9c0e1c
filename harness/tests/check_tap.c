/*
 * check_tap.c - the TAP reporter (report/tap.c).
 *
 * Reports are written to real files in a scratch directory and judged by
 * a real consumer: prove (the TAP::Harness CI uses).  check_junit.c feeds
 * the JUnit reporter the same events (tests/treport.c).
 *
 * CHECK_KEEP=1 keeps the scratch directories.  Set REPORT_EXAMPLES_DIR
 * to a directory to also get the four-verdict report copied there
 * (reports/examples/ is made this way).
 */
#include "tmain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "tdir.h"
#include "treport.h"

struct prove_res {
	int rc;
	long tests;             /* "Files=1, Tests=N" */
	long failed;            /* "Failed: F" of the summary, 0 if none */
	int parse_errors;
	char *out;
};

static struct prove_res prove(const char *tap)
{
	const char *argv[] = { "prove", "-e", "cat", "-v", tap, NULL };
	const char *log = tdir_path("prove.log");
	struct prove_res r = { 0, -1, 0, 0, NULL };
	const char *p;

	r.rc = tdir_run(argv, log);
	r.out = tdir_slurp(log, NULL);
	p = strstr(r.out, "Files=1, Tests=");
	if (p)
		r.tests = strtol(p + strlen("Files=1, Tests="), NULL, 10);
	p = strstr(r.out, " Failed: ");
	if (p)
		r.failed = strtol(p + strlen(" Failed: "), NULL, 10);
	r.parse_errors = strstr(r.out, "Parse errors") != NULL ||
			 strstr(r.out, "YAMLish") != NULL;
	return r;
}

/* Lines of the file that a TAP parser takes as test lines. */
static long count_test_lines(const char *s, long *notok)
{
	long n = 0;
	const char *l = s;

	*notok = 0;
	while (l && *l) {
		if (!strncmp(l, "ok ", 3))
			n++;
		else if (!strncmp(l, "not ok ", 7)) {
			n++;
			(*notok)++;
		}
		l = strchr(l, '\n');
		if (l)
			l++;
	}
	return n;
}

START_TEST(test_four_verdicts)
{
	char tap[512], *t;
	struct reporter *r = treport_open(report_tap_open, "four.tap", tap, sizeof(tap));
	struct prove_res pr;
	long notok;

	treport_feed_four(r);
	treport_close(&r);
	treport_copy_example(tap, "results.tap");

	t = tdir_slurp(tap, NULL);
	ck_assert_int_eq(strncmp(t, "TAP version 13\n", 15), 0);
	ck_assert_ptr_nonnull(strstr(t, "\nok 1 - options-200\n  ---\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nnot ok 2 - bogus-method-405\n  ---\n  verdict: fail\n"));
	/* the description is the id alone: the error is in the block */
	ck_assert_ptr_nonnull(strstr(t, "\nnot ok 3 - redirect-301\n  ---\n  verdict: error\n"
				       "  message: 'sipp timed out after 5 s (no response)'\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nok 4 - unsupported-501 # SKIP scenario needs TCP\n"));
	ck_assert_ptr_nonnull(strstr(t, "      text: |\n        SIP/2.0 405 Method Not Allowed\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(t, "    - id: 'RFC3261-21.4.6-ALLOW-PRESENT'\n"
				       "      section: '21.4.6'\n      level: MUST\n      outcome: fail\n"));
	ck_assert_ptr_nonnull(strstr(t, "  evidence_dir: 'reports/run-1/bogus-method-405'\n"));
	ck_assert_int_eq(count_test_lines(t, &notok), 4);
	ck_assert_int_eq(notok, 2);
	ck_assert_ptr_nonnull(strstr(t, "\n1..4\n"));
	ck_assert_uint_eq(strlen(strstr(t, "\n1..4\n")), 6);     /* plan last */
	free(t);

	pr = prove(tap);
	ck_assert_msg(!pr.parse_errors, "prove: %s", pr.out);
	ck_assert_int_eq(pr.tests, 4);
	ck_assert_int_eq(pr.failed, 2);
	ck_assert_int_ne(pr.rc, 0);
	ck_assert_ptr_nonnull(strstr(pr.out, "Failed tests:  2-3"));
	free(pr.out);
}
END_TEST

START_TEST(test_all_pass_prove)
{
	char tap[512];
	struct reporter *r = treport_open(report_tap_open, "pass.tap", tap, sizeof(tap));
	struct prove_res pr;

	treport_feed_pass5(r);
	treport_close(&r);

	pr = prove(tap);
	ck_assert_msg(pr.rc == 0, "prove failed: %s", pr.out);
	ck_assert(!pr.parse_errors);
	ck_assert_int_eq(pr.tests, 5);
	ck_assert_ptr_nonnull(strstr(pr.out, "Result: PASS"));
	free(pr.out);
}
END_TEST

START_TEST(test_multi_suites)
{
	char tap[512], *t;
	struct reporter *r = treport_open(report_tap_open, "multi.tap", tap, sizeof(tap));
	struct prove_res pr;

	treport_feed_multi(r);
	treport_close(&r);

	t = tdir_slurp(tap, NULL);
	ck_assert_ptr_nonnull(strstr(t, "# suite: first (suites/a.yaml)\nok 1 - a1\n"));
	ck_assert_ptr_nonnull(strstr(t, "# suite: second (suites/b.yaml)\nnot ok 2 - b1\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nok 3 - b2\n1..3\n"));
	free(t);
	pr = prove(tap);
	ck_assert(!pr.parse_errors);
	ck_assert_int_eq(pr.tests, 3);
	ck_assert_int_eq(pr.failed, 1);
	free(pr.out);
}
END_TEST

START_TEST(test_hostile)
{
	char tap[512], *t;
	struct reporter *r = treport_open(report_tap_open, "hostile.tap", tap, sizeof(tap));
	struct prove_res pr;
	long notok;
	int i;

	treport_feed_hostile(r);
	treport_close(&r);

	t = tdir_slurp(tap, NULL);
	ck_assert_int_eq(count_test_lines(t, &notok), 4);
	ck_assert_int_eq(notok, 2);
	ck_assert_ptr_nonnull(strstr(t, "\nok 1 - ok 1 - forged\\nnot ok 2\\n1..9\\nBail out! \\# SKIP \\\\\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nok 4 - \\x20 \\x20 # SKIP x\\x01y\\x7f<evil/>]]>\\n1..9"));
	ck_assert_ptr_null(strstr(t, "\nBail out!"));
	ck_assert_ptr_null(strstr(t, "\n1..9"));
	ck_assert_ptr_null(strstr(t, "\n..."));
	for (i = 1; i < 0x20; i++)
		if (i != '\n')
			ck_assert_msg(!memchr(t, i, strlen(t)), "raw control 0x%02x in TAP", i);
	free(t);

	pr = prove(tap);
	ck_assert_msg(!pr.parse_errors, "prove: %s", pr.out);
	ck_assert_int_eq(pr.tests, 4);
	ck_assert_int_eq(pr.failed, 2);
	ck_assert_ptr_null(strstr(pr.out, "Bailout"));
	free(pr.out);
}
END_TEST

/* Times keep a dot under a comma-decimal locale. */
START_TEST(test_locale_times)
{
	char tap[512], *t;

	if (!treport_write_times(report_tap_open, "locale.tap", tap, sizeof(tap)))
		return;
	t = tdir_slurp(tap, NULL);
	ck_assert_ptr_nonnull(strstr(t, "  seconds: 1234.568\n"));
	free(t);
}
END_TEST

START_TEST(test_unwritable)
{
	struct reporter *r = NULL;
	int err;

	/* missing directory: fails at open, with the errno */
	ck_assert_int_eq(report_tap_open(&r, "/nonexistent-dir/x/results.tap"), ENOENT);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(report_tap_open(&r, NULL), EINVAL);

	/* a device that refuses writes: written through (never replaced), the
	 * error comes back as soon as a line is written (no buffer) and from close */
	if (access("/dev/full", W_OK) == 0) {
		ck_assert_int_eq(report_tap_open(&r, "/dev/full"), 0);
		ck_assert_int_eq(report_suite_begin(r, "s", NULL, 0), ENOSPC);
		r = report_close(r, &err);
		ck_assert_int_eq(err, ENOSPC);
	}
}
END_TEST

/* PATH "-" writes to stdout (and does not close it). */
START_TEST(test_stdout)
{
	char *out = treport_stdout(report_tap_open);

	ck_assert_ptr_nonnull(strstr(out, "TAP version 13\n# suite: std\nok 1 - s1\n1..1\nafter\n"));
	free(out);
}
END_TEST

/* A big message: still valid, rendering bounded. */
START_TEST(test_big_message)
{
	char tap[512], *big;
	struct reporter *r = treport_open(report_tap_open, "big.tap", tap, sizeof(tap));
	struct prove_res pr;

	big = treport_feed_big(r);
	treport_close(&r);
	free(big);
	pr = prove(tap);
	ck_assert_msg(!pr.parse_errors, "prove: %.2000s", pr.out);
	ck_assert_int_eq(pr.tests, 1);
	free(pr.out);
}
END_TEST

/* A stop: the plan of the tests finished, then "Bail out!" with the reason; prove stops there. */
START_TEST(test_stopped)
{
	char tap[512], *t;
	struct reporter *r = treport_open(report_tap_open, "stop.tap", tap, sizeof(tap));
	struct prove_res pr;
	int err;

	treport_feed_multi(r);
	ck_assert_int_eq(report_stopped(r, "SIGTERM stopped the run during test 'b3'\n# x"), 0);
	r = report_close(r, &err);
	ck_assert_int_eq(err, 0);
	t = tdir_slurp(tap, NULL);
	/* the reason escaped, and the Bail out line last */
	ck_assert_ptr_nonnull(strstr(t, "\nok 3 - b2\n1..3\nBail out!"));
	ck_assert_str_eq(strstr(t, "\nBail out!"),
			 "\nBail out! SIGTERM stopped the run during test 'b3'\\n\\# x\n");
	free(t);
	pr = prove(tap);
	ck_assert_msg(!pr.parse_errors, "prove: %s", pr.out);
	ck_assert_int_ne(pr.rc, 0);
	ck_assert_ptr_nonnull(strstr(pr.out, "Further testing stopped"));
	free(pr.out);
}
END_TEST

/* Each test's line is on disk as the test ends, without a close (no stdio buffer). */
START_TEST(test_on_disk_per_case)
{
	char tap[512], *t;
	struct reporter *r = treport_open(report_tap_open, "live.tap", tap, sizeof(tap));
	struct report_case c;

	ck_assert_int_ne(access(tap, F_OK), 0);          /* nothing before the first suite */
	treport_begin(r, "live", NULL);
	memset(&c, 0, sizeof(c));
	c.id = "one";
	c.verdict = VERDICT_FAIL;
	treport_case(r, &c);
	t = tdir_slurp(tap, NULL);
	ck_assert_str_eq(t, "TAP version 13\n# suite: live\nnot ok 1 - one\n  ---\n  verdict: fail\n"
			 "  seconds: 0.000\n  ...\n");
	free(t);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
	treport_close(&r);
}
END_TEST

/* A reporter discarded (run refused in preflight) leaves the target as it was. */
START_TEST(test_discard)
{
	treport_check_discard(report_tap_open, "keep.tap");
}
END_TEST

/* A flood: a bounded excerpt, said per test ("cut:") and per report ("# report cut:"). */
START_TEST(test_excerpt)
{
	char tap[512], *t;
	struct reporter *r = treport_open(report_tap_open, "flood.tap", tap, sizeof(tap));
	struct prove_res pr;
	size_t n;

	treport_begin(r, "s", NULL);
	treport_feed_flood(r, "flood", 1000, 10000);
	treport_end(r, 1);
	treport_close(&r);
	t = tdir_slurp(tap, &n);
	ck_assert_uint_lt(n, REPORT_CASE_BYTES + 32 * 1024);
	ck_assert_ptr_nonnull(strstr(t, "\n    count: 1000\n"));
	ck_assert_ptr_nonnull(strstr(t, "\n  cut: '968 of 1000 messages not listed, 32 quoted in part, "
				       "9868928 bytes not quoted (limits: "));
	ck_assert_ptr_nonnull(strstr(t, "\n        ...[cut: 5904 more bytes]\n"));
	ck_assert_ptr_nonnull(strstr(t, "\n# report cut: 968 messages not listed, 32 quoted in part, "
				       "9868928 bytes not quoted"));
	ck_assert_ptr_nonnull(strstr(t, "\n1..1\n"));
	free(t);
	pr = prove(tap);
	ck_assert_msg(!pr.parse_errors, "prove: %.2000s", pr.out);
	ck_assert_int_eq(pr.tests, 1);
	free(pr.out);
}
END_TEST

/*
 * Inconclusive: "ok # SKIP inconclusive: ...", which prove counts as
 * skipped, never as a pass or a failure; every check of every test is in
 * its block, a clean pass's too, with its messages.
 */
START_TEST(test_inconclusive)
{
	char tap[512], *t;
	struct reporter *r = treport_open(report_tap_open, "inc.tap", tap, sizeof(tap));
	struct prove_res pr;

	treport_feed_inconclusive(r);
	treport_close(&r);
	t = tdir_slurp(tap, NULL);
	ck_assert_ptr_nonnull(strstr(t, "\nok 1 - clean\n  ---\n  verdict: pass\n"));
	ck_assert_ptr_nonnull(strstr(t, "\n  checks:\n    failing: 0\n    warnings: 0\n"
				       "    passed: 2\n    not_applicable: 1\n    list:\n"
				       "    - id: 'RFC3261-7.2-STATUS-CODE'\n      section: '7.2'\n"
				       "      level: DERIVED\n      outcome: pass\n"
				       "      reason: 'status 405 as expected'\n"
				       "    - id: 'RFC3261-21.3.2-CONTACT-SHOULD'\n      section: '21.3.2'\n"
				       "      level: SHOULD\n      outcome: na\n"
				       "      reason: 'not judged: no Contact to judge'\n"
				       "    - id: 'RFC3261-8.2.6.2-VIA-COPY'\n"));
	/* the clean pass quotes its messages too (its proof), before the next test */
	ck_assert_ptr_nonnull(strstr(t, "      reason: 'Via echoed'\n  messages:\n    count: 2\n    list:\n"
				       "    - label: 'sent #1 (FOOBAR)'\n      text: |\n"
				       "        FOOBAR sip:uas@127.0.0.1:5060 SIP/2.0\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(strstr(t, "ok 1 - clean"), "messages:"));
	ck_assert_ptr_nonnull(strstr(t, "ok 2 - refused"));
	ck_assert(strstr(strstr(t, "ok 1 - clean"), "messages:") < strstr(t, "ok 2 - refused"));
	ck_assert_ptr_nonnull(strstr(t, "\nok 2 - refused # SKIP inconclusive: the Request-URI names "
				       "no one here (404 Not Found), so its method never mattered; the "
				       "405 under test could not be observed\n  ---\n  verdict: inconclusive\n"));
	ck_assert_ptr_nonnull(strstr(t, "      outcome: fail\n      reason: 'expected 405 Method Not "
				       "Allowed, got 404 Not Found'\n      evidence: 'SIP/2.0 404 Not Found'\n"));
	ck_assert_ptr_nonnull(strstr(t, "      outcome: na\n      reason: 'not judged: status was 404'\n"));
	ck_assert_ptr_nonnull(strstr(t, "        SIP/2.0 404 Not Found\\r\\n\n"));
	free(t);
	pr = prove(tap);
	ck_assert_msg(!pr.parse_errors, "prove: %s", pr.out);
	ck_assert_int_eq(pr.tests, 2);
	ck_assert_int_eq(pr.failed, 0);
	ck_assert_ptr_nonnull(strstr(pr.out, "ok 2 - refused # SKIP inconclusive: "));
	free(pr.out);
}
END_TEST

/*
 * Bytes beyond ASCII from the SUT: the policy of base/repr.h (visible
 * BMP characters kept, U+FFFD, emoji and bidi controls as \xNN), and the
 * message stays a literal block (libyaml never double-quotes it, never
 * writes \U0001F642).
 */
START_TEST(test_unicode_block)
{
	char tap[512], *t;
	struct reporter *r = treport_open(report_tap_open, "uni.tap", tap, sizeof(tap));
	struct prove_res pr;

	treport_feed_unicode(r);
	treport_close(&r);
	t = tdir_slurp(tap, NULL);
	ck_assert_ptr_nonnull(strstr(t, "\n      text: |\n        SIP/2.0 405 Method Not Allowed\\r\\n\n"
				       "        From: \"Jos\xc3\xa9 \\xf0\\x9f\\x99\\x82\" "
				       "<sip:a@example.com>;tag=1\\r\\n\n"
				       "        Subject: \\xef\\xbf\\xbd\\xe2\\x80\\xae" "evil\\r\\n\n"));
	ck_assert_ptr_null(strstr(t, "\\U"));
	ck_assert_ptr_null(strstr(t, "\xef\xbf\xbd"));
	ck_assert_ptr_null(strstr(t, "\xf0"));
	free(t);
	pr = prove(tap);
	ck_assert_msg(!pr.parse_errors, "prove: %s", pr.out);
	ck_assert_int_eq(pr.tests, 1);
	ck_assert_int_eq(pr.rc, 0);
	free(pr.out);
}
END_TEST

/*
 * Every test point's description is its id alone, whatever the verdict
 * and however hostile the message (a TAP consumer keeps the test's
 * history under one name): the error text is in the block.
 */
START_TEST(test_description_is_id)
{
	char tap[512], *t;
	struct reporter *r = treport_open(report_tap_open, "ids.tap", tap, sizeof(tap));

	treport_feed_hostile(r);
	treport_close(&r);
	t = tdir_slurp(tap, NULL);
	ck_assert_ptr_nonnull(strstr(t, "\nnot ok 3 - \n  ---\n  verdict: error\n  message: "));
	ck_assert_ptr_nonnull(strstr(t, "\nnot ok 2 - \\x01\\x1b\\x7f]]><evil/>\\xc0\\x80\\xed\\xa0\\x80\n"));
	ck_assert_ptr_null(strstr(t, ": error: "));
	free(t);
}
END_TEST

/*
 * Passes quote their messages from the report's budget only down to
 * REPORT_FAIL_RESERVE: a failure after 10 MB of passing evidence still
 * has its messages quoted whole; the report says what the passes lost.
 */
START_TEST(test_pass_budget)
{
	char tap[512], id[32], *t, *f;
	struct reporter *r = treport_open(report_tap_open, "budget.tap", tap, sizeof(tap));
	size_t n;
	int i;

	treport_begin(r, "s", NULL);
	for (i = 0; i < 80; i++) {      /* 128 KiB quoted each while it lasts */
		snprintf(id, sizeof(id), "p%d", i);
		treport_feed_flood_v(r, id, VERDICT_PASS, 32, 4096);
	}
	treport_feed_flood(r, "late-failure", 32, 4096);
	treport_end(r, 1);
	treport_close(&r);
	t = tdir_slurp(tap, &n);
	ck_assert_uint_lt(n, REPORT_TOTAL_BYTES + 2 * 1024 * 1024);
	ck_assert_ptr_nonnull(strstr(t, "\nok 1 - p0\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nok 2 - p1\n"));
	/* the first pass: its 32 messages whole */
	ck_assert(strstr(strstr(t, "\nok 1 - p0\n"), "cut") > strstr(t, "\nok 2 - p1\n"));
	/* the passes that came after the passes' share: cut, and said so */
	ck_assert_ptr_nonnull(strstr(strstr(t, "\nok 80 - p79\n"), "  cut: '0 of 32 messages not listed, "
				       "32 quoted in part, 131072 bytes not quoted"));
	f = strstr(t, "\nnot ok 81 - late-failure\n");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_null(strstr(f, "  cut: "));
	ck_assert_ptr_null(strstr(f, "...[cut: "));
	ck_assert_ptr_nonnull(strstr(f, "\n# report cut: "));
	free(t);
}
END_TEST

static Suite *tap_suite(void)
{
	Suite *s = suite_create("tap");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_checked_fixture(core, tdir_setup, tdir_teardown);
	tcase_add_checked_fixture(lim, tdir_setup, tdir_teardown);
	tcase_set_timeout(core, 60);
	tcase_set_timeout(lim, 60);
	tcase_add_test(core, test_four_verdicts);
	tcase_add_test(core, test_all_pass_prove);
	tcase_add_test(core, test_multi_suites);
	tcase_add_test(core, test_locale_times);
	tcase_add_test(core, test_stdout);
	tcase_add_test(lim, test_hostile);
	tcase_add_test(lim, test_unwritable);
	tcase_add_test(lim, test_big_message);
	tcase_add_test(core, test_stopped);
	tcase_add_test(core, test_on_disk_per_case);
	tcase_add_test(lim, test_discard);
	tcase_add_test(lim, test_excerpt);
	tcase_add_test(core, test_inconclusive);
	tcase_add_test(core, test_unicode_block);
	tcase_add_test(lim, test_description_is_id);
	tcase_add_test(lim, test_pass_budget);
	suite_add_tcase(s, core);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_tap", tap_suite, NULL, NULL };
