/*
 * check_junit.c - the JUnit reporter (report/junit.c).
 *
 * Reports are written to real files in a scratch directory and judged by
 * a real consumer: xmllint against fixtures/schemas/junit.xsd (the
 * project's own schema: what the strict Ant schema and Jenkins' xUnit one
 * both require, and more).  check_tap.c feeds the TAP reporter the same
 * events (tests/treport.c).
 *
 * CHECK_KEEP=1 keeps the scratch directories.  Set REPORT_EXAMPLES_DIR
 * to a directory to also get the four-verdict report copied there
 * (reports/examples/ is made this way).
 */
#include "tmain.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/repr.h"
#include "report/report.h"
#include "tdir.h"
#include "treport.h"

START_TEST(test_four_verdicts)
{
	char xml[512], *x, *f;
	struct reporter *r = treport_open(report_junit_open, "four.xml", xml, sizeof(xml));

	treport_feed_four(r);
	treport_close(&r);
	treport_copy_example(xml, "junit.xml");

	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_ptr_nonnull(strstr(x, "<testsuites>"));
	ck_assert_ptr_nonnull(strstr(x, "name=\"rfc3261_methods\" tests=\"4\" failures=\"1\" "
				       "errors=\"1\" skipped=\"1\" time=\"6.513\" "
				       "timestamp=\"2026-11-25T08:00:00\""));
	ck_assert_ptr_nonnull(strstr(x, "id=\"0\" package=\"rfc3261_methods\""));
	ck_assert_ptr_nonnull(strstr(x, "<testcase name=\"bogus-method-405\" "
				       "classname=\"rfc3261_methods\" time=\"1.500\">"));
	ck_assert_ptr_nonnull(strstr(x, "<failure message=\"RFC3261-21.4.6-ALLOW-PRESENT "
				       "(RFC 3261 \xc2\xa7" "21.4.6): 405 has no Allow\" "
				       "type=\"RFC3261-21.4.6-ALLOW-PRESENT\">"));
	/* failure text: failing and warning checks with level, reason, evidence */
	ck_assert_ptr_nonnull(strstr(x, "FAIL RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 "
				       "\xc2\xa7" "21.4.6, MUST): 405 has no Allow header field\n"
				       "  evidence: SIP/2.0 405 Method Not Allowed"));
	ck_assert_ptr_nonnull(strstr(x, "WARN RFC3261-21.3.2-CONTACT-SHOULD"));
	/* a passing check: not in the failure text, but listed with the case's checks */
	f = strstr(x, "<failure ");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(strstr(f, "</failure>"));
	ck_assert_ptr_null(strstr(f, "VIA-COPY") < strstr(f, "</failure>") ? strstr(f, "VIA-COPY") : NULL);
	ck_assert_ptr_nonnull(strstr(x, "\n[bogus-method-405] PASS RFC3261-8.2.6.2-VIA-COPY "
				       "(RFC 3261 \xc2\xa7" "8.2.6.2, MUST): \n"));
	ck_assert_ptr_nonnull(strstr(x, "\n[bogus-method-405] FAIL RFC3261-21.4.6-ALLOW-PRESENT "
				       "(RFC 3261 \xc2\xa7" "21.4.6, MUST): 405 has no Allow header field\n"
				       "[bogus-method-405]   evidence: SIP/2.0 405"));
	ck_assert_ptr_nonnull(strstr(x, "--- received #1 (405) ---\n"
				       "SIP/2.0 405 Method Not Allowed\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(x, "<error message=\"sipp timed out after 5 s (no response)\" "
				       "type=\"harness\">"));
	ck_assert_ptr_nonnull(strstr(x, "<skipped message=\"scenario needs TCP\"/>"));
	/* warning of the passing case and the notes: suite <system-out> */
	ck_assert_ptr_nonnull(strstr(x, "<system-out>[options-200] WARN RFC3261-21.3.2-CONTACT-SHOULD"));
	ck_assert_ptr_nonnull(strstr(x, "[redirect-301] notes:\nsipp stderr:"));
	ck_assert_ptr_nonnull(strstr(x, "<system-err/>"));
	ck_assert_ptr_nonnull(strstr(x, "<properties>"));
	free(x);
	ck_assert_int_ne(access(tdir_path("four.xml.tmp"), F_OK), 0);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);          /* no temp left */
}
END_TEST

START_TEST(test_all_pass)
{
	char xml[512];
	struct reporter *r = treport_open(report_junit_open, "pass.xml", xml, sizeof(xml));

	treport_feed_pass5(r);
	treport_close(&r);
	treport_assert_junit_valid(xml);
}
END_TEST

START_TEST(test_multi_suites)
{
	char xml[512], *x;
	struct reporter *r = treport_open(report_junit_open, "multi.xml", xml, sizeof(xml));

	treport_feed_multi(r);
	treport_close(&r);

	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_uint_eq(treport_count(x, "<testsuite "), 2);
	ck_assert_ptr_nonnull(strstr(x, "name=\"first\" tests=\"1\" failures=\"0\""));
	ck_assert_ptr_nonnull(strstr(x, "name=\"second\" tests=\"2\" failures=\"1\""));
	ck_assert_ptr_nonnull(strstr(x, "id=\"1\" package=\"second\""));
	/* no message from the checks: the failure type falls back */
	ck_assert_ptr_nonnull(strstr(x, "type=\"conformance\""));
	free(x);
}
END_TEST

START_TEST(test_hostile)
{
	char xml[512], *x;
	struct reporter *r = treport_open(report_junit_open, "hostile.xml", xml, sizeof(xml));
	int i;

	treport_feed_hostile(r);
	treport_close(&r);

	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_ptr_null(strstr(x, "<evil/>"));
	ck_assert_ptr_null(strstr(x, "]]>"));
	ck_assert_ptr_nonnull(strstr(x, "&lt;evil/&gt;"));
	ck_assert_ptr_nonnull(strstr(x, "X-Nul: a\\x00b\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(x, "X-C0: \\x01\\x02\\x1b[31m\\x7f\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(x, "X-Bad-UTF8: \\xff\\xfe\\xc0\\x80\\xed\\xa0\\x80\\xf5\\x80\\xe2\\x82\\r\\n"));
	ck_assert_ptr_nonnull(strstr(x, "time=\"0.000\""));     /* NaN suite time */
	for (i = 1; i < 0x20; i++)
		if (i != '\n')
			ck_assert_msg(!memchr(x, i, strlen(x)), "raw control 0x%02x in XML", i);
	free(x);
}
END_TEST

/* Times keep a dot under a comma-decimal locale. */
START_TEST(test_locale_times)
{
	char xml[512], *x;

	if (!treport_write_times(report_junit_open, "locale.xml", xml, sizeof(xml)))
		return;
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_ptr_nonnull(strstr(x, "time=\"1234.568\""));
	ck_assert_ptr_nonnull(strstr(x, "time=\"2.250\""));
	ck_assert_ptr_null(strstr(x, "1234,"));
	free(x);
}
END_TEST

START_TEST(test_unwritable)
{
	struct reporter *r = NULL;
	int err;

	/* missing directory: fails at open, with the errno */
	ck_assert_int_eq(report_junit_open(&r, "/nonexistent-dir/x/junit.xml"), ENOENT);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(report_junit_open(&r, ""), EINVAL);

	/* a path that is a directory: refused at open now, nothing left behind */
	ck_assert_int_eq(mkdir(tdir_path("adir"), 0755), 0);
	ck_assert_int_eq(report_junit_open(&r, tdir_path("adir")), EISDIR);
	ck_assert_ptr_null(r);
	ck_assert_int_ne(access(tdir_path("adir.tmp"), F_OK), 0);  /* cleaned up */
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
	/* a file replaced by a directory during the run: the error comes back at close */
	ck_assert_int_eq(report_junit_open(&r, tdir_path("later")), 0);
	ck_assert_int_eq(report_suite_begin(r, "s", NULL, 0), 0);
	ck_assert_int_eq(unlink(tdir_path("later")), 0);
	ck_assert_int_eq(mkdir(tdir_path("later"), 0755), 0);
	ck_assert_int_eq(report_suite_end(r, 0), EISDIR);
	r = report_close(r, &err);
	ck_assert_int_eq(err, EISDIR);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
}
END_TEST

START_TEST(test_misuse)
{
	struct reporter *r = NULL;
	struct report_case c;
	int err;

	memset(&c, 0, sizeof(c));
	c.id = "x";
	ck_assert_int_eq(report_junit_open(&r, tdir_path("m.xml")), 0);
	ck_assert_int_eq(report_case(r, &c), EINVAL);           /* no suite */
	ck_assert_int_eq(report_suite_end(r, 0), EINVAL);
	ck_assert_int_eq(report_case(r, NULL), EINVAL);
	c.verdict = (enum verdict)42;
	ck_assert_int_eq(report_suite_begin(r, NULL, NULL, 0), 0);
	ck_assert_int_eq(report_case(r, &c), EINVAL);
	c.verdict = VERDICT_PASS;
	ck_assert_int_eq(report_case(r, &c), 0);
	/* suite left open: closed with the sum of case times */
	r = report_close(r, &err);
	ck_assert_int_eq(err, 0);
	treport_assert_junit_valid(tdir_path("m.xml"));
	ck_assert_ptr_null(report_close(NULL, &err));
	ck_assert_int_eq(err, 0);
}
END_TEST

/* PATH "-" writes to stdout (and does not close it). */
START_TEST(test_stdout)
{
	char *out = treport_stdout(report_junit_open);

	ck_assert_ptr_nonnull(strstr(out, "<testcase name=\"s1\" classname=\"std\" time=\"0.000\"/>"));
	ck_assert_ptr_nonnull(strstr(out, "timestamp=\"1970-01-01T00:00:00\""));
	ck_assert_ptr_nonnull(strstr(out, "</testsuites>\nafter\n"));
	free(out);
}
END_TEST

/* A big message: still valid, rendering bounded. */
START_TEST(test_big_message)
{
	char xml[512], *x, *big;
	struct reporter *r = treport_open(report_junit_open, "big.xml", xml, sizeof(xml));
	size_t xn;

	big = treport_feed_big(r);
	treport_close(&r);
	free(big);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, &xn);
	ck_assert_uint_lt(xn, 3 * REPR_MAX_IN);
	ck_assert_ptr_nonnull(strstr(x, "more bytes]"));
	free(x);
}
END_TEST

/* A stop is recorded in the last suite: a property and <system-err>; the document stays valid. */
START_TEST(test_stopped)
{
	char xml[512], *x, *second;
	struct reporter *r = treport_open(report_junit_open, "stop.xml", xml, sizeof(xml));
	int err;

	treport_feed_multi(r);
	ck_assert_int_eq(report_stopped(r, "SIGTERM stopped the run during test 'b3' <&>"), 0);
	r = report_close(r, &err);
	ck_assert_int_eq(err, 0);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	second = strstr(x, "name=\"second\"");
	ck_assert_ptr_nonnull(second);
	ck_assert_uint_eq(treport_count(x, "run.interrupted"), 1);
	ck_assert_ptr_nonnull(strstr(second, "<property name=\"run.interrupted\" value=\"SIGTERM "
					    "stopped the run during test 'b3' &lt;&amp;&gt;\"/>"));
	ck_assert_ptr_nonnull(strstr(second, "<system-err>SIGTERM stopped the run during test "
					    "'b3' &lt;&amp;&gt;</system-err>"));
	ck_assert_uint_eq(treport_count(x, "<system-err/>"), 1);     /* the first suite's */
	free(x);
}
END_TEST

/*
 * The file on disk is a complete, valid document after every event: a
 * suite's begin and end rewrite it at once; the tests that end reach it
 * within REPORT_JUNIT_INTERVAL, with or without a later event (a SIGKILL
 * loses at most the last second of tests); meanwhile it keeps the last
 * version written.
 */
START_TEST(test_on_disk_per_case)
{
	char xml[512], *x;
	struct reporter *r = treport_open(report_junit_open, "live.xml", xml, sizeof(xml));
	struct report_case c;
	useconds_t interval = (useconds_t)(REPORT_JUNIT_INTERVAL * 1e6);
	int i;

	ck_assert_int_ne(access(xml, F_OK), 0);          /* nothing before the first suite */
	treport_begin(r, "live", NULL);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_ptr_nonnull(strstr(x, "tests=\"0\""));
	free(x);
	memset(&c, 0, sizeof(c));
	c.id = "t";
	for (i = 1; i <= 3; i++) {       /* within the interval: a version of before */
		c.verdict = i == 2 ? VERDICT_FAIL : VERDICT_PASS;
		treport_case(r, &c);
		treport_assert_junit_valid(xml);
		ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
	}
	/* no event: the three tests are on disk within the interval all the same */
	usleep(interval + 300000);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_msg(strstr(x, "tests=\"3\" failures=\"1\"") != NULL, "after the interval: %s", x);
	free(x);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
	/* and one more */
	c.verdict = VERDICT_PASS;
	treport_case(r, &c);
	usleep(interval + 300000);
	x = tdir_slurp(xml, NULL);
	ck_assert_msg(strstr(x, "tests=\"4\" failures=\"1\"") != NULL, "after the interval: %s", x);
	free(x);
	/* the suite's end writes at once */
	treport_case(r, &c);
	treport_end(r, 1);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_ptr_nonnull(strstr(x, "tests=\"5\""));
	free(x);
	treport_close(&r);
	treport_assert_junit_valid(xml);
}
END_TEST

/*
 * The rewrite is throttled, not per test: 5,000 tests within a few
 * seconds make a handful of versions of the file (each a new file
 * renamed over the target: a new inode or modification time), not 5,000.
 */
START_TEST(test_rewrites_throttled)
{
	char xml[512], id[32], *x;
	struct reporter *r = treport_open(report_junit_open, "many.xml", xml, sizeof(xml));
	struct report_case c;
	struct timespec t0, t1;
	struct stat st;
	struct timespec last_m;
	ino_t last;
	unsigned long versions = 0;
	double secs;
	int i;

	treport_begin(r, "many", NULL);
	ck_assert_int_eq(stat(xml, &st), 0);
	last = st.st_ino;
	last_m = st.st_mtim;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 5000; i++) {
		memset(&c, 0, sizeof(c));
		snprintf(id, sizeof(id), "t%d", i);
		c.id = id;
		c.verdict = i % 7 ? VERDICT_PASS : VERDICT_FAIL;
		treport_case(r, &c);
		ck_assert_int_eq(stat(xml, &st), 0);
		if (st.st_ino != last || st.st_mtim.tv_sec != last_m.tv_sec ||
		    st.st_mtim.tv_nsec != last_m.tv_nsec) {
			versions++;
			last = st.st_ino;
			last_m = st.st_mtim;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ck_assert_msg(versions <= secs / REPORT_JUNIT_INTERVAL + 1,
		      "%lu rewrites in %.2f s of 5000 tests", versions, secs);
	treport_end(r, 1);
	treport_close(&r);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_uint_eq(treport_count(x, "<testcase "), 5000);
	free(x);
}
END_TEST

/* A reporter discarded (run refused in preflight) leaves the target as it was. */
START_TEST(test_discard)
{
	treport_check_discard(report_junit_open, "keep.xml");
}
END_TEST

/* PATH.tmp planted as a symlink is never followed; a symlink target is written through. */
START_TEST(test_symlinks)
{
	char xml[512], *x;
	struct reporter *r;
	struct stat st;

	tdir_write(tdir_path("victim"), "victim", 6);
	ck_assert_int_eq(symlink(tdir_path("victim"), tdir_path("j.xml.tmp")), 0);
	r = treport_open(report_junit_open, "j.xml", xml, sizeof(xml));
	treport_feed_pass5(r);
	treport_close(&r);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(tdir_path("victim"), NULL);
	ck_assert_str_eq(x, "victim");
	free(x);
	/* a link to a regular file: the link stays, the file it names gets the report */
	tdir_write(tdir_path("real.xml"), "old", 3);
	ck_assert_int_eq(symlink("real.xml", tdir_path("link.xml")), 0);
	r = treport_open(report_junit_open, "link.xml", xml, sizeof(xml));
	treport_feed_pass5(r);
	treport_close(&r);
	ck_assert_int_eq(lstat(tdir_path("link.xml"), &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	treport_assert_junit_valid(tdir_path("real.xml"));
	/* a dangling link: refused */
	ck_assert_int_eq(symlink("nowhere", tdir_path("dangling.xml")), 0);
	ck_assert_int_eq(report_junit_open(&r, tdir_path("dangling.xml")), ENOENT);
	ck_assert_int_ne(access(tdir_path("nowhere"), F_OK), 0);
}
END_TEST

/* A FIFO is written through (once, at close) and stays a FIFO; one nobody reads is refused. */
START_TEST(test_fifo)
{
	char fifo[512], copy[512];
	struct reporter *r = NULL;
	struct stat st;
	pid_t pid;
	int status;

	snprintf(fifo, sizeof(fifo), "%s", tdir_path("fifo"));
	snprintf(copy, sizeof(copy), "%s", tdir_path("copy.xml"));
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert_int_eq(report_junit_open(&r, fifo), ENXIO);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char buf[4096];
		int in = open(fifo, O_RDONLY), out = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		ssize_t n;

		while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
			if (write(out, buf, (size_t)n) != n)
				_exit(1);
		_exit(0);
	}
	/* the reader opens soon: retry ENXIO for a while */
	for (int i = 0; i < 500 && report_junit_open(&r, fifo) == ENXIO; i++)
		usleep(10000);
	ck_assert_ptr_nonnull(r);
	treport_feed_four(r);
	treport_close(&r);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	treport_assert_junit_valid(copy);
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
}
END_TEST

/* A flood: a bounded excerpt, and the report says what it cut, per test and per suite. */
START_TEST(test_excerpt)
{
	char xml[512], *x;
	struct reporter *r = treport_open(report_junit_open, "flood.xml", xml, sizeof(xml));
	size_t n;

	treport_begin(r, "s", NULL);
	treport_feed_flood(r, "flood", 1000, 10000);
	treport_end(r, 1);
	treport_close(&r);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, &n);
	ck_assert_uint_lt(n, REPORT_CASE_BYTES + 32 * 1024);     /* 10 MB of messages in */
	ck_assert_uint_eq(treport_count(x, "--- m ---"), REPORT_CASE_MSGS);
	ck_assert_ptr_nonnull(strstr(x, "...[cut: 5904 more bytes]"));
	ck_assert_ptr_nonnull(strstr(x, "[report cut: 968 of 1000 messages not listed, 32 quoted "
				       "in part, 9868928 bytes not quoted (limits: "));
	ck_assert_ptr_nonnull(strstr(x, "<property name=\"report.cut\" value=\"968 messages not "
				       "listed, 32 quoted in part, 9868928 bytes not quoted"));
	free(x);
}
END_TEST

/*
 * A document over 1 MiB whose cases come faster than a rewrite pays off:
 * what is on disk meanwhile is still a complete, valid version, and the
 * close writes every case.
 */
START_TEST(test_large_throttled)
{
	char xml[512], id[32], *x;
	struct reporter *r = treport_open(report_junit_open, "big.xml", xml, sizeof(xml));
	int i;

	treport_begin(r, "s", NULL);
	for (i = 0; i < 40; i++) {
		snprintf(id, sizeof(id), "t%d", i);
		treport_feed_flood(r, id, 32, 4096);
		if (i == 20)    /* the interval passes: the 21 cases so far are written */
			usleep((useconds_t)(REPORT_JUNIT_INTERVAL * 1e6) + 300000);
	}
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_uint_ge(treport_count(x, "<testcase "), 21);
	free(x);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
	treport_end(r, 1);
	treport_close(&r);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_uint_eq(treport_count(x, "<testcase "), 40);
	free(x);
}
END_TEST

/*
 * Bytes beyond ASCII from the SUT: the policy of base/repr.h, the same as
 * in TAP; a pass's message is in <system-out>, every line headed.
 */
START_TEST(test_unicode_pass_evidence)
{
	char xml[512], *x;
	struct reporter *r = treport_open(report_junit_open, "uni.xml", xml, sizeof(xml));

	treport_feed_unicode(r);
	treport_close(&r);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_ptr_nonnull(strstr(x, "<testcase name=\"smile\" classname=\"uni\" time=\"0.000\"/>"));
	ck_assert_ptr_nonnull(strstr(x, "<system-out>[smile] --- received #1 (405) ---\n"
				       "[smile] SIP/2.0 405 Method Not Allowed\\r\\n\n"
				       "[smile] From: &quot;Jos\xc3\xa9 \\xf0\\x9f\\x99\\x82&quot; "
				       "&lt;sip:a@example.com&gt;;tag=1\\r\\n\n"
				       "[smile] Subject: \\xef\\xbf\\xbd\\xe2\\x80\\xae" "evil\\r\\n\n"));
	ck_assert_ptr_null(strstr(x, "\xef\xbf\xbd"));
	ck_assert_ptr_null(strstr(x, "\xf0"));
	free(x);
}
END_TEST

/* Peak RSS stays flat as cases go by: nothing of a case is kept in memory. */
START_TEST(test_rss_flat)
{
	char xml[512];

	if (treport_rss_flat(report_junit_open, "rss.xml", xml, sizeof(xml)) == 0)
		treport_assert_junit_valid(xml);
}
END_TEST

/*
 * Inconclusive: a <skipped> whose message starts "inconclusive: ", with
 * its evidence, counted in skipped and in the suite property; every check
 * of every case (the passing one's too) in <system-out>.
 */
START_TEST(test_inconclusive)
{
	char xml[512], *x;
	struct reporter *r = treport_open(report_junit_open, "inc.xml", xml, sizeof(xml));

	treport_feed_inconclusive(r);
	treport_close(&r);
	treport_assert_junit_valid(xml);
	x = tdir_slurp(xml, NULL);
	ck_assert_ptr_nonnull(strstr(x, "name=\"real\" tests=\"2\" failures=\"0\" errors=\"0\" "
				       "skipped=\"1\""));
	ck_assert_ptr_nonnull(strstr(x, "<property name=\"tests.inconclusive\" value=\"1\"/>"));
	ck_assert_ptr_nonnull(strstr(x, "<testcase name=\"clean\" classname=\"real\" time=\"0.000\"/>"));
	ck_assert_ptr_nonnull(strstr(x, "<skipped message=\"inconclusive: the Request-URI names no one "
				       "here (404 Not Found), so its method never mattered; the 405 "
				       "under test could not be observed\">inconclusive: the Request-URI"));
	ck_assert_ptr_nonnull(strstr(x, "FAIL RFC3261-7.2-STATUS-CODE (RFC 3261 \xc2\xa7" "7.2, DERIVED): "
				       "expected 405 Method Not Allowed, got 404 Not Found\n"
				       "  evidence: SIP/2.0 404 Not Found\n"));
	ck_assert_ptr_nonnull(strstr(x, "--- received #1 (404) ---\n"));
	ck_assert_ptr_null(strstr(x, "<failure"));
	ck_assert_ptr_null(strstr(x, "<error"));
	ck_assert_ptr_nonnull(strstr(x, "<system-out>[clean] PASS RFC3261-7.2-STATUS-CODE (RFC 3261 "
				       "\xc2\xa7" "7.2, DERIVED): status 405 as expected\n"
				       "[clean] NA RFC3261-21.3.2-CONTACT-SHOULD (RFC 3261 \xc2\xa7"
				       "21.3.2, SHOULD): not judged: no Contact to judge\n"
				       "[clean] PASS RFC3261-8.2.6.2-VIA-COPY (RFC 3261 \xc2\xa7"
				       "8.2.6.2, MUST): Via echoed\n"
				       /* the pass's proof: its messages, every line headed */
				       "[clean] --- sent #1 (FOOBAR) ---\n"
				       "[clean] FOOBAR sip:uas@127.0.0.1:5060 SIP/2.0\\r\\n\n"
				       "[clean] Content-Length: 0\\r\\n\n"
				       "[clean] \\r\\n\n"
				       "[clean] --- received #1 (404) ---\n"
				       "[clean] SIP/2.0 404 Not Found\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(x, "[clean] \\r\\n\n[refused] FAIL RFC3261-7.2-STATUS-CODE"));
	/* the inconclusive test's messages are in its <skipped> text, once */
	ck_assert_uint_eq(treport_count(x, "--- received #1 (404) ---"), 2);
	ck_assert_ptr_nonnull(strstr(x, "\n[refused] NA RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 "
				       "\xc2\xa7" "21.4.6, MUST): not judged: status was 404\n"
				       "[refused] inconclusive: the Request-URI names no one here"));
	free(x);
}
END_TEST

static Suite *junit_suite(void)
{
	Suite *s = suite_create("junit");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_checked_fixture(core, tdir_setup, tdir_teardown);
	tcase_add_checked_fixture(lim, tdir_setup, tdir_teardown);
	tcase_set_timeout(core, 60);
	tcase_set_timeout(lim, 60);
	tcase_add_test(core, test_four_verdicts);
	tcase_add_test(core, test_all_pass);
	tcase_add_test(core, test_multi_suites);
	tcase_add_test(core, test_locale_times);
	tcase_add_test(core, test_stdout);
	tcase_add_test(lim, test_hostile);
	tcase_add_test(lim, test_unwritable);
	tcase_add_test(lim, test_misuse);
	tcase_add_test(lim, test_big_message);
	tcase_add_test(core, test_stopped);
	tcase_add_test(core, test_on_disk_per_case);
	tcase_add_test(lim, test_discard);
	tcase_add_test(lim, test_symlinks);
	tcase_add_test(lim, test_fifo);
	tcase_add_test(lim, test_excerpt);
	tcase_add_test(lim, test_rss_flat);
	tcase_add_test(lim, test_large_throttled);
	tcase_add_test(core, test_inconclusive);
	tcase_add_test(core, test_unicode_pass_evidence);
	tcase_add_test(lim, test_rewrites_throttled);
	suite_add_tcase(s, core);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_junit", junit_suite, NULL, NULL };
