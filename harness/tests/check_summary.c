/*
 * check_summary.c - report/summary.c: the terminal summary, byte for
 * byte (the integration tests and people read it): banner, suite lines,
 * one line per test (PASS left out under --quiet), control bytes, C1
 * controls and bidi overrides as '?', the stop, the totals; on a
 * terminal (a pseudo-terminal here) the verdict colours and the
 * progress line, and neither in a file.
 */
#define _XOPEN_SOURCE 700        /* posix_openpt, grantpt, unlockpt, ptsname */
#include "tmain.h"

#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/monotime.h"
#include "report/summary.h"

static char *out;
static size_t outn;

/* A summary writing into memory (read with done()). */
static struct reporter *open_summary(bool quiet, const char *junit, const char *tap, FILE **fpp)
{
	struct summary_conf c;
	struct reporter *r = NULL;

	*fpp = open_memstream(&out, &outn);
	ck_assert_ptr_nonnull(*fpp);
	memset(&c, 0, sizeof(c));
	c.fp = *fpp;
	c.quiet = quiet;
	c.t0 = monotime_now();
	c.sipp_version = "3.6.1";
	c.junit = junit;
	c.tap = tap;
	c.evidence = "reports/evidence/x";
	ck_assert_int_eq(report_summary_open(&r, &c), 0);
	return r;
}

static char *done(struct reporter **r, FILE *fp)
{
	int err = -1;

	*r = report_close(*r, &err);
	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(fclose(fp), 0);
	return out;
}

static void one(struct reporter *r, const char *id, enum verdict v, double secs, const char *msg)
{
	struct report_case c;

	memset(&c, 0, sizeof(c));
	c.id = id;
	c.verdict = v;
	c.seconds = secs;
	c.message = msg;
	ck_assert_int_eq(report_case(r, &c), 0);
}

static void assert_match(const char *s, const char *re)
{
	regex_t rx;

	ck_assert_int_eq(regcomp(&rx, re, REG_EXTENDED | REG_NEWLINE | REG_NOSUB), 0);
	ck_assert_msg(regexec(&rx, s, 0, NULL, 0) == 0, "no /%s/ in:\n%s", re, s);
	regfree(&rx);
}

START_TEST(test_lines)
{
	FILE *fp;
	struct reporter *r = open_summary(false, "j.xml", "t.tap", &fp);
	struct summary_counts n;
	const char *s, *p;

	ck_assert_int_eq(report_summary_target(r, "127.0.0.1", 5060, "127.0.0.1"), 0);
	ck_assert_int_eq(report_suite_begin(r, "conformant-301", "suites/a.yaml", 0), 0);
	one(r, "moved", VERDICT_PASS, 0.0125, NULL);
	one(r, "bogus-method-405", VERDICT_FAIL, 1.5,
	    "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6, Allow): 405 has no Allow");
	ck_assert_int_eq(report_suite_end(r, 1.6), 0);
	ck_assert_int_eq(report_summary_target(r, "::1", 5070, "::1"), 0);
	ck_assert_int_eq(report_suite_begin(r, "v6", "suites/b.yaml", 0), 0);
	one(r, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", VERDICT_ERROR, 123.456,
	    "SIPp said: \x1b[31mred\r\n\x7f\x01 caf\xc3\xa9");
	one(r, "w", VERDICT_SKIP, 0, "waived X: y (w.yaml:2, until 2030-01-01)");
	one(r, "refused", VERDICT_INCONCLUSIVE, 0.25,
	    "challenged (401) and no credentials were given; the 405 under test could not be observed");
	ck_assert_int_eq(report_suite_end(r, 1), 0);
	ck_assert_int_eq(report_summary_target(r, "localhost", 5060, "127.0.0.1"), 0);
	ck_assert_int_eq(report_suite_begin(r, "named", "c.yaml", 0), 0);
	ck_assert_int_eq(report_suite_end(r, 0), 0);
	ck_assert_int_eq(report_summary_counts(r, &n), 0);
	ck_assert_uint_eq(n.total, 5);
	ck_assert_uint_eq(n.passed, 1);
	ck_assert_uint_eq(n.failed, 1);
	ck_assert_uint_eq(n.errors, 1);
	ck_assert_uint_eq(n.skipped, 1);
	ck_assert_uint_eq(n.inconclusive, 1);
	s = done(&r, fp);
	p = "sipconform " SIPCONFORM_VERSION ", SIPp 3.6.1\n"
	    "suite conformant-301 (suites/a.yaml), target 127.0.0.1:5060\n"
	    "  PASS  moved                                      0.01s\n"
	    "  FAIL  bogus-method-405                           1.50s  "
	    "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6, Allow): 405 has no Allow\n"
	    "suite v6 (suites/b.yaml), target [::1]:5070\n"
	    "  ERROR xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx 123.46s  "
	    "SIPp said: ?[31mred???? caf\xc3\xa9\n"
	    "  SKIP  w                                          0.00s  "
	    "waived X: y (w.yaml:2, until 2030-01-01)\n"
	    "  INCONCLUSIVE refused                                    0.25s  "
	    "challenged (401) and no credentials were given; the 405 under test could not be observed\n"
	    "suite named (c.yaml), target localhost:5060 (127.0.0.1)\n"
	    "5 tests: 1 passed, 1 failed, 1 errors, 1 inconclusive, 1 skipped (";
	ck_assert_msg(strncmp(s, p, strlen(p)) == 0, "got:\n%s", s);
	assert_match(s + strlen(p), "^[0-9]+\\.[0-9]{2} s\\)\n"
		     "reports: j\\.xml t\\.tap\n"
		     "evidence: reports/evidence/x\n$");
	free(out);
}
END_TEST

START_TEST(test_quiet)
{
	FILE *fp;
	struct reporter *r = open_summary(true, NULL, "-", &fp);
	struct summary_counts n;
	const char *s;

	ck_assert_int_eq(report_summary_target(r, "127.0.0.1", 5060, NULL), 0);
	ck_assert_int_eq(report_suite_begin(r, "q", "q.yaml", 0), 0);
	one(r, "a", VERDICT_PASS, 0.1, NULL);
	one(r, "b", VERDICT_FAIL, 0.2, "F");
	one(r, "c", VERDICT_PASS, 0.1, "ignored for a pass");
	ck_assert_int_eq(report_summary_counts(r, &n), 0);
	ck_assert_uint_eq(n.total, 3);
	ck_assert_uint_eq(n.passed, 2);
	s = done(&r, fp);
	ck_assert_ptr_null(strstr(s, "PASS"));
	ck_assert_ptr_nonnull(strstr(s, "\n  FAIL  b                                          0.20s  F\n"));
	assert_match(s, "^3 tests: 2 passed, 1 failed, 0 errors, 0 inconclusive, 0 skipped \\([0-9.]+ s\\)\n"
		     "reports: -\nevidence: reports/evidence/x\n$");
	free(out);
}
END_TEST

/* No reports: no reports line.  A pass shows no message, and no trailing blanks. */
START_TEST(test_no_reports)
{
	FILE *fp;
	struct reporter *r = open_summary(false, NULL, NULL, &fp);
	const char *s;

	ck_assert_int_eq(report_suite_begin(r, "s", "s.yaml", 0), 0);
	one(r, "p", VERDICT_PASS, 0, "not shown");
	s = done(&r, fp);
	ck_assert_ptr_null(strstr(s, "not shown"));
	ck_assert_ptr_nonnull(strstr(s, "\n  PASS  p                                          0.00s\n"));
	ck_assert_ptr_null(strstr(s, "reports:"));
	assert_match(s, "\nevidence: reports/evidence/x\n$");
	free(out);
}
END_TEST

/*
 * Nothing from a suite or the SUT reaches the terminal raw: bidi
 * embeddings/overrides/isolates and marks (Trojan Source), C1 controls
 * (0x9b is CSI), separators and invalid UTF-8 are '?'; other UTF-8 stays.
 */
START_TEST(test_bidi)
{
	static const char *const bad[] = {
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x80\xae",
		"\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9",
		"\xe2\x80\x8e", "\xe2\x80\x8f", "\xd8\x9c", "\xe2\x80\xa8", "\xe2\x80\xa9",
		"\xc2\x9b", "\xc2\x85", "\x1b", "\x7f", "\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x80",
	};
	FILE *fp;
	struct reporter *r = open_summary(false, NULL, NULL, &fp);
	char msg[64];
	const char *s;
	size_t i;

	ck_assert_int_eq(report_summary_target(r, "h\xe2\x80\xae" "ost", 5060, "a\xc2\x9b" "b"), 0);
	ck_assert_int_eq(report_suite_begin(r, "s\xe2\x81\xa6" "uite", "f\xe2\x80\xae" "ile.yaml", 0), 0);
	for (i = 0; i < NELEM(bad); i++) {
		snprintf(msg, sizeof(msg), "got 499 'x%sy'", bad[i]);
		one(r, i ? "t" : "i\xe2\x80\xae" "d", VERDICT_FAIL, 0, msg);
	}
	one(r, "ok", VERDICT_FAIL, 0, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa7");
	ck_assert_int_eq(report_stopped(r, "SIGTERM \xe2\x80\xae"), 0);
	s = done(&r, fp);
	for (i = 0; i < NELEM(bad); i++)
		ck_assert_msg(strstr(s, bad[i]) == NULL, "raw %s in:\n%s", bad[i], s);
	ck_assert_ptr_nonnull(strstr(s, "suite s?uite (f?ile.yaml), target h?ost:5060 (a?b)\n"));
	ck_assert_ptr_nonnull(strstr(s, "  FAIL  i?d "));
	ck_assert_ptr_nonnull(strstr(s, "  got 499 'x?y'\n"));
	ck_assert_ptr_nonnull(strstr(s, "  got 499 'x??y'\n"));          /* "\xe2\x80": two bytes, cut */
	ck_assert_ptr_nonnull(strstr(s, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa7\n"));
	ck_assert_ptr_nonnull(strstr(s, "\nstopped: SIGTERM ?\n23 tests: "));
	free(out);
}
END_TEST

START_TEST(test_misuse)
{
	FILE *fp;
	struct reporter *r = open_summary(false, NULL, NULL, &fp), *j = NULL;
	struct summary_conf c;
	struct summary_counts n;
	struct report_case rc;
	char path[] = "/tmp/check_summary.XXXXXX";
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	memset(&rc, 0, sizeof(rc));
	rc.id = "x";
	rc.verdict = (enum verdict)42;
	ck_assert_int_eq(report_case(r, &rc), EINVAL);
	ck_assert_int_eq(report_summary_counts(r, &n), 0);
	ck_assert_uint_eq(n.total, 0);                          /* not counted */
	ck_assert_int_eq(report_summary_target(r, NULL, 1, NULL), EINVAL);
	/* not a summary */
	ck_assert_int_eq(report_junit_open(&j, path), 0);
	ck_assert_int_eq(report_summary_target(j, "h", 1, NULL), EINVAL);
	ck_assert_int_eq(report_summary_counts(j, &n), EINVAL);
	ck_assert_int_eq(report_summary_counts(NULL, &n), EINVAL);
	j = report_close(j, NULL);
	unlink(path);
	close(fd);
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(report_summary_open(&j, &c), EINVAL);  /* no stream */
	ck_assert_ptr_null(j);
	done(&r, fp);
	free(out);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Terminal: colour and progress                                       */

struct pty {
	int master;
	FILE *slave;
};

/* A pseudo-terminal: isatty() is true for the slave, what it got is read on the master. */
static void pty_open(struct pty *p)
{
	int fd;

	p->master = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_int_ge(p->master, 0);
	ck_assert_int_eq(grantpt(p->master), 0);
	ck_assert_int_eq(unlockpt(p->master), 0);
	fd = open(ptsname(p->master), O_RDWR | O_NOCTTY);
	ck_assert_int_ge(fd, 0);
	p->slave = fdopen(fd, "w");
	ck_assert_ptr_nonnull(p->slave);
	ck_assert(isatty(fileno(p->slave)));
	ck_assert_int_eq(fcntl(p->master, F_SETFL, O_NONBLOCK), 0);
}

/* Everything the terminal got so far (malloc'ed). */
static char *pty_read(struct pty *p)
{
	static char buf[65536];
	size_t n = 0;
	ssize_t r;
	int tries = 0;

	/* The line discipline hands bytes over at once; give it a moment anyway. */
	while (n < sizeof(buf) - 1 && tries < 20) {
		r = read(p->master, buf + n, sizeof(buf) - 1 - n);
		if (r > 0) {
			n += (size_t)r;
			tries = 0;
			continue;
		}
		tries++;
		usleep(5000);
	}
	buf[n] = '\0';
	return strdup(buf);
}

static void pty_close(struct pty *p)
{
	fclose(p->slave);
	close(p->master);
}

/* A run on fp: 3 tests (PASS, FAIL, ERROR), started t0_ago seconds ago. */
static void run_three(FILE *fp, double t0_ago, size_t total)
{
	struct summary_conf c;
	struct reporter *r = NULL;
	int err = -1;

	memset(&c, 0, sizeof(c));
	c.fp = fp;
	c.t0 = monotime_now() - t0_ago;
	c.sipp_version = "3.6.1";
	c.evidence = "ev";
	c.total = total;
	ck_assert_int_eq(report_summary_open(&r, &c), 0);
	report_summary_target(r, "127.0.0.1", 5060, NULL);
	ck_assert_int_eq(report_suite_begin(r, "s", "s.yaml", 0), 0);
	one(r, "a", VERDICT_PASS, 0.1, NULL);
	one(r, "b", VERDICT_FAIL, 0.1, "bad");
	one(r, "c", VERDICT_ERROR, 0.1, "broken");
	ck_assert_int_eq(report_suite_end(r, 1), 0);
	r = report_close(r, &err);
	ck_assert_int_eq(err, 0);
	fflush(fp);
}

START_TEST(test_tty_color_progress)
{
	struct pty p;
	char *t;

	setenv("TERM", "xterm", 1);
	unsetenv("NO_COLOR");
	pty_open(&p);
	run_three(p.slave, 10.0, 5);
	t = pty_read(&p);
	/* the words coloured, the column kept (padding outside the colour) */
	ck_assert_msg(strstr(t, "  \033[32mPASS\033[0m  a ") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "  \033[31mFAIL\033[0m  b ") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "  \033[1;31mERROR\033[0m c ") != NULL, "%s", t);
	/* the progress line after each test, erased before the next line and the totals */
	ck_assert_msg(strstr(t, "\r\033[K[1/5] 0 not passed, 10s") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "\r\033[K[2/5] 1 not passed, 10s\r\033[K  \033[1;31mERROR") != NULL, "%s", t);
	ck_assert_msg(strstr(t, "\r\033[K[3/5] 2 not passed, 10s\r\033[K3 tests: 1 passed") != NULL, "%s", t);
	free(t);
	pty_close(&p);
}
END_TEST

START_TEST(test_tty_no_color)
{
	static const char *const env[][2] = { { "NO_COLOR", "1" }, { "NO_COLOR", "yes" },
					      { "TERM", "dumb" } };
	struct pty p;
	char *t;
	size_t i;

	for (i = 0; i < NELEM(env); i++) {
		setenv("TERM", "xterm", 1);
		unsetenv("NO_COLOR");
		setenv(env[i][0], env[i][1], 1);
		pty_open(&p);
		run_three(p.slave, 10.0, 3);
		t = pty_read(&p);
		ck_assert_msg(strstr(t, "\033[3") == NULL && strstr(t, "\033[1;") == NULL,
			      "colour with %s=%s: %s", env[i][0], env[i][1], t);
		ck_assert(strstr(t, "  PASS  a ") != NULL);
		/* the progress line is not colour: still there */
		ck_assert(strstr(t, "[2/3] 1 not passed") != NULL);
		free(t);
		pty_close(&p);
	}
	/* NO_COLOR set but empty: colour (no-color.org) */
	setenv("TERM", "xterm", 1);
	setenv("NO_COLOR", "", 1);
	pty_open(&p);
	run_three(p.slave, 10.0, 3);
	t = pty_read(&p);
	ck_assert_msg(strstr(t, "\033[32mPASS") != NULL, "%s", t);
	free(t);
	pty_close(&p);
	unsetenv("NO_COLOR");
}
END_TEST

START_TEST(test_tty_short_run)
{
	struct pty p;
	char *t;

	setenv("TERM", "xterm", 1);
	pty_open(&p);
	run_three(p.slave, 0.0, 3);      /* under SUMMARY_PROGRESS_AFTER: no line */
	t = pty_read(&p);
	ck_assert_msg(strstr(t, "\033[K") == NULL && strchr(t, '[') != NULL, "%s", t);
	ck_assert(strstr(t, "not passed") == NULL);
	free(t);
	pty_close(&p);
}
END_TEST

START_TEST(test_file_plain)
{
	FILE *fp;
	int saved = dup(2), null = open("/dev/null", O_WRONLY);

	/* stderr off the terminal (when make check runs on one): the line would go there */
	ck_assert(saved >= 0 && null >= 0 && dup2(null, 2) == 2);
	close(null);
	setenv("TERM", "xterm", 1);
	unsetenv("NO_COLOR");
	fp = open_memstream(&out, &outn);
	ck_assert_ptr_nonnull(fp);
	run_three(fp, 10.0, 3);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_int_eq(dup2(saved, 2), 2);
	close(saved);
	ck_assert_msg(strchr(out, '\033') == NULL && strchr(out, '\r') == NULL, "%s", out);
	ck_assert(strstr(out, "  PASS  a ") != NULL);
	ck_assert(strstr(out, "not passed") == NULL);
	free(out);
}
END_TEST

static Suite *summary_suite(void)
{
	Suite *s = suite_create("summary");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_quiet);
	tcase_add_test(tc, test_no_reports);
	tcase_add_test(tc, test_misuse);
	tcase_add_test(tc, test_bidi);
	tcase_add_test(tc, test_tty_color_progress);
	tcase_add_test(tc, test_tty_no_color);
	tcase_add_test(tc, test_tty_short_run);
	tcase_add_test(tc, test_file_plain);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_summary", summary_suite, NULL, NULL };
