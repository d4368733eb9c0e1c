/*
 * check_report.c - report/report.c: the dispatch every reporter goes
 * through (report_new, report_suite_begin, report_case, report_suite_end,
 * report_stopped, report_close, report_discard), fed to a fake reporter
 * that records each call; and the excerpt bounds every reporter applies
 * (report_excerpt_plan) with the words saying what was cut.  The JUnit
 * and TAP reporters themselves: check_junit.c, check_tap.c.
 */
#include "tmain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_impl.h"

/* What the fake saw, and what it answers. */
struct fake {
	int begins, cases, ends, stops, closes, discards;
	const char *why;
	const char *name, *file;
	time_t start;
	const struct report_case *c;
	double seconds;
	int rc;                 /* returned by every event */
	int close_rc;           /* returned by close */
};

static int fake_begin(void *st, const char *name, const char *file, time_t start)
{
	struct fake *f = st;

	f->begins++;
	f->name = name;
	f->file = file;
	f->start = start;
	return f->rc;
}

static int fake_case(void *st, const struct report_case *c)
{
	struct fake *f = st;

	f->cases++;
	f->c = c;
	return f->rc;
}

static int fake_end(void *st, double seconds)
{
	struct fake *f = st;

	f->ends++;
	f->seconds = seconds;
	return f->rc;
}

static int fake_stopped(void *st, const char *why)
{
	struct fake *f = st;

	f->stops++;
	f->why = why;
	return f->rc;
}

static void fake_discard(void *st)
{
	((struct fake *)st)->discards++;
}

static int fake_close(void *st)
{
	struct fake *f = st;

	f->closes++;
	return f->close_rc;
}

static const struct report_ops fake_ops = {
	.suite_begin = fake_begin,
	.case_end = fake_case,
	.suite_end = fake_end,
	.stopped = fake_stopped,
	.close = fake_close,
	.discard = fake_discard,
};

/* A reporter over a zeroed fake. */
static struct reporter *fake_open(struct fake *f)
{
	struct reporter *r = NULL;

	memset(f, 0, sizeof(*f));
	ck_assert_int_eq(report_new(&r, &fake_ops, f), 0);
	ck_assert_ptr_nonnull(r);
	return r;
}

/* Each event reaches the reporter with its arguments; its answer comes back. */
START_TEST(test_fan_out)
{
	struct fake f;
	struct reporter *r = fake_open(&f);
	struct report_case c = { .id = "alice-moved" };
	int err = -1;

	ck_assert_int_eq(report_suite_begin(r, "smoke", "suites/a.yaml", (time_t)1700000000), 0);
	ck_assert_int_eq(f.begins, 1);
	ck_assert_str_eq(f.name, "smoke");
	ck_assert_str_eq(f.file, "suites/a.yaml");
	ck_assert_int_eq((long long)f.start, 1700000000LL);
	ck_assert_int_eq(report_case(r, &c), 0);
	ck_assert_int_eq(report_case(r, &c), 0);
	ck_assert_int_eq(f.cases, 2);
	ck_assert_ptr_eq(f.c, &c);
	ck_assert_int_eq(report_suite_end(r, 2.5), 0);
	ck_assert_int_eq(f.ends, 1);
	ck_assert_double_eq(f.seconds, 2.5);

	f.rc = EIO;                     /* a reporter's error is the caller's */
	ck_assert_int_eq(report_suite_begin(r, "b", "b.yaml", 0), EIO);
	ck_assert_int_eq(report_case(r, &c), EIO);
	ck_assert_int_eq(report_suite_end(r, 0), EIO);
	ck_assert_int_eq(f.begins + f.cases + f.ends, 7);

	ck_assert_int_eq(report_stopped(r, "SIGTERM stopped the run"), EIO);
	ck_assert_int_eq(f.stops, 1);
	ck_assert_str_eq(f.why, "SIGTERM stopped the run");

	f.close_rc = ENOSPC;
	ck_assert_ptr_null(report_close(r, &err));
	ck_assert_int_eq(err, ENOSPC);
	ck_assert_int_eq(f.closes, 1);
	ck_assert_int_eq(f.discards, 0);
}
END_TEST

/* Discard: the reporter is freed without its close (a run refused in preflight). */
START_TEST(test_discard)
{
	struct fake f;
	struct reporter *r = fake_open(&f);

	ck_assert_ptr_null(report_discard(r));
	ck_assert_int_eq(f.discards, 1);
	ck_assert_int_eq(f.closes, 0);
	ck_assert_ptr_null(report_discard(NULL));
}
END_TEST

/* No reporter, or no case: EINVAL, and nothing reaches a reporter. */
START_TEST(test_null)
{
	struct fake f;
	struct reporter *r;
	struct report_case c = { .id = "x" };
	int err = -1;

	ck_assert_int_eq(report_suite_begin(NULL, "s", "s.yaml", 0), EINVAL);
	ck_assert_int_eq(report_case(NULL, &c), EINVAL);
	ck_assert_int_eq(report_suite_end(NULL, 1.0), EINVAL);
	ck_assert_int_eq(report_stopped(NULL, "x"), EINVAL);
	ck_assert_ptr_null(report_close(NULL, &err));
	ck_assert_int_eq(err, 0);
	ck_assert_ptr_null(report_close(NULL, NULL));

	r = fake_open(&f);
	ck_assert_int_eq(report_case(r, NULL), EINVAL);
	ck_assert_int_eq(f.cases, 0);
	ck_assert_int_eq(report_stopped(r, NULL), EINVAL);
	ck_assert_int_eq(f.stops, 0);
	f.close_rc = EIO;
	ck_assert_ptr_null(report_close(r, NULL));      /* the error may be ignored */
	ck_assert_int_eq(f.closes, 1);
}
END_TEST

/* Two reporters are independent: each event goes to the one it is given. */
START_TEST(test_two)
{
	struct fake a, b;
	struct reporter *ra = fake_open(&a), *rb = fake_open(&b);
	int err = -1;

	b.close_rc = EIO;
	ck_assert_ptr_ne(ra, rb);
	ck_assert_int_eq(report_suite_begin(rb, "only-b", "b.yaml", 0), 0);
	ck_assert_int_eq(a.begins, 0);
	ck_assert_int_eq(b.begins, 1);
	ck_assert_ptr_null(report_close(ra, &err));
	ck_assert_int_eq(err, 0);
	ck_assert_ptr_null(report_close(rb, &err));
	ck_assert_int_eq(err, EIO);
	ck_assert_int_eq(a.closes + b.closes, 2);
}
END_TEST

static const struct rule r_fail = {
	.num = 1, .id = "X-FAIL", .section = "1", .level = RULE_MUST, .text = "x"
};

/* A case of n messages, message i of len(i) bytes. */
static struct report_case flood(struct report_msg *m, size_t n, size_t (*len)(size_t))
{
	static const char bytes[REPORT_MSG_BYTES * 4];
	struct report_case c;
	size_t i;

	for (i = 0; i < n; i++) {
		m[i].label = "m";
		m[i].bytes = (struct pl){ bytes, len(i) };
	}
	memset(&c, 0, sizeof(c));
	c.id = "t";
	c.verdict = VERDICT_FAIL;
	c.msgs = m;
	c.nmsgs = n;
	return c;
}

static size_t len_small(size_t i) { return 100 + i; }
static size_t len_big(size_t i) { (void)i; return REPORT_MSG_BYTES * 3; }

START_TEST(test_few_small)
{
	struct report_msg m[5];
	struct report_case c = flood(m, 5, len_small);
	struct report_excerpt ex;
	struct report_cut total;
	size_t budget = 10000, i;

	memset(&total, 0, sizeof(total));
	report_excerpt_plan(&ex, &budget, &total, &c);
	ck_assert_uint_eq(ex.n, 5);
	for (i = 0; i < 5; i++) {
		ck_assert_uint_eq(ex.idx[i], i);
		ck_assert_uint_eq(ex.show[i], 100 + i);
	}
	ck_assert(!report_cut_any(&ex.cut));
	ck_assert(!report_cut_any(&total));
	ck_assert_uint_eq(budget, 10000 - 510);
}
END_TEST

/* Many messages: the first 24 and the last 8, each cut to REPORT_MSG_BYTES, the test to REPORT_CASE_BYTES. */
START_TEST(test_flood)
{
	static struct report_msg m[100];
	struct report_case c = flood(m, 100, len_big);
	struct report_excerpt ex;
	struct report_cut total;
	size_t budget = REPORT_TOTAL_BYTES, i, shown = 0;
	char s[600];

	memset(&total, 0, sizeof(total));
	report_excerpt_plan(&ex, &budget, &total, &c);
	ck_assert_uint_eq(ex.n, REPORT_CASE_MSGS);
	for (i = 0; i < REPORT_CASE_MSGS_HEAD; i++)
		ck_assert_uint_eq(ex.idx[i], i);
	for (; i < REPORT_CASE_MSGS; i++)
		ck_assert_uint_eq(ex.idx[i], 100 - REPORT_CASE_MSGS + i);
	for (i = 0; i < ex.n; i++) {
		ck_assert_uint_le(ex.show[i], REPORT_MSG_BYTES);
		shown += ex.show[i];
	}
	ck_assert_uint_le(shown, REPORT_CASE_BYTES);
	ck_assert_uint_eq(REPORT_TOTAL_BYTES - budget, shown);
	ck_assert_uint_eq(ex.cut.msgs_hidden, 100 - REPORT_CASE_MSGS);
	ck_assert_uint_eq(ex.cut.msgs_short, REPORT_CASE_MSGS);
	ck_assert_uint_eq(ex.cut.bytes, 100ull * REPORT_MSG_BYTES * 3 - shown);
	ck_assert_uint_eq(total.bytes, ex.cut.bytes);
	report_cut_str(s, sizeof(s), &ex.cut, 100);
	ck_assert_msg(strncmp(s, "68 of 100 messages not listed, 32 quoted in part, ", 50) == 0, "%s", s);
	ck_assert_ptr_nonnull(strstr(s, "the evidence directory has every message"));
}
END_TEST

/* The report's budget runs out: later messages are listed with 0 bytes, counted as cut. */
START_TEST(test_budget)
{
	struct report_msg m[3];
	struct report_case c = flood(m, 3, len_small);
	struct report_excerpt ex;
	struct report_cut total;
	size_t budget = 150;

	memset(&total, 0, sizeof(total));
	report_excerpt_plan(&ex, &budget, &total, &c);
	ck_assert_uint_eq(ex.n, 3);
	ck_assert_uint_eq(ex.show[0], 100);
	ck_assert_uint_eq(ex.show[1], 50);
	ck_assert_uint_eq(ex.show[2], 0);
	ck_assert_uint_eq(budget, 0);
	ck_assert_uint_eq(ex.cut.msgs_short, 2);
	ck_assert_uint_eq(ex.cut.bytes, 51 + 102);
	report_excerpt_plan(&ex, &budget, &total, &c);
	ck_assert_uint_eq(total.msgs_short, 5);
}
END_TEST

/* Checks: at most REPORT_CASE_CHECKS failing/warning ones are listed. */
START_TEST(test_checks)
{
	static struct check_result cr[REPORT_CASE_CHECKS + 10];
	struct report_excerpt ex;
	struct report_case c;
	size_t budget = 0, i;
	char s[600];

	for (i = 0; i < NELEM(cr); i++) {
		cr[i].rule = &r_fail;
		cr[i].outcome = i % 2 ? CHECK_FAIL : CHECK_PASS;
	}
	memset(&c, 0, sizeof(c));
	c.checks = cr;
	c.nchecks = NELEM(cr);
	report_excerpt_plan(&ex, &budget, NULL, &c);
	ck_assert_uint_eq(ex.nchecks, (REPORT_CASE_CHECKS + 10) / 2);
	ck_assert_uint_eq(ex.cut.checks_hidden, 0);
	for (i = 0; i < NELEM(cr); i++)
		cr[i].outcome = CHECK_WARN;
	report_excerpt_plan(&ex, &budget, NULL, &c);
	ck_assert_uint_eq(ex.nchecks, REPORT_CASE_CHECKS);
	ck_assert_uint_eq(ex.cut.checks_hidden, 10);
	report_cut_str(s, sizeof(s), &ex.cut, 0);
	ck_assert_ptr_nonnull(strstr(s, ", 10 failing/warning checks not listed (limits:"));
	memset(&ex.cut, 0, sizeof(ex.cut));
	report_cut_str(s, sizeof(s), &ex.cut, 0);
	ck_assert_str_eq(s, "nothing cut");
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_fan_out);
	tcase_add_test(tc, test_null);
	tcase_add_test(tc, test_two);
	tcase_add_test(tc, test_discard);
	tcase_add_test(tc, test_few_small);
	tcase_add_test(tc, test_flood);
	tcase_add_test(tc, test_budget);
	tcase_add_test(tc, test_checks);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_report", report_suite, NULL, NULL };
