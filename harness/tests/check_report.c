/*
 * check_report.c - report/report.c: the dispatch every reporter goes
 * through (report_new, report_suite_begin, report_case, report_suite_end,
 * report_close), fed to a fake reporter that records each call.  The
 * JUnit and TAP reporters themselves: check_junit.c, check_tap.c.
 */
#include "tmain.h"

#include <errno.h>
#include <string.h>

#include "report/report_impl.h"

/* What the fake saw, and what it answers. */
struct fake {
	int begins, cases, ends, closes;
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

static int fake_close(void *st)
{
	struct fake *f = st;

	f->closes++;
	return f->close_rc;
}

static const struct report_ops fake_ops = { fake_begin, fake_case, fake_end, fake_close };

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

	f.close_rc = ENOSPC;
	ck_assert_ptr_null(report_close(r, &err));
	ck_assert_int_eq(err, ENOSPC);
	ck_assert_int_eq(f.closes, 1);
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
	ck_assert_ptr_null(report_close(NULL, &err));
	ck_assert_int_eq(err, 0);
	ck_assert_ptr_null(report_close(NULL, NULL));

	r = fake_open(&f);
	ck_assert_int_eq(report_case(r, NULL), EINVAL);
	ck_assert_int_eq(f.cases, 0);
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

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_fan_out);
	tcase_add_test(tc, test_null);
	tcase_add_test(tc, test_two);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_report", report_suite, NULL, NULL };
