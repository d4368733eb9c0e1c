/*
 * check_monotime.c - base/monotime.h: seconds on the monotonic clock,
 * the durations of tests and suites (report seconds, the summary).
 */
#include "tmain.h"

#include <time.h>

#include "base/monotime.h"

/* The clock the durations come from, as seconds with the nanoseconds. */
START_TEST(test_is_monotonic_clock)
{
	struct timespec a, b;
	double t;

	ck_assert_int_eq(clock_gettime(CLOCK_MONOTONIC, &a), 0);
	t = monotime_now();
	ck_assert_int_eq(clock_gettime(CLOCK_MONOTONIC, &b), 0);
	ck_assert(t >= (double)a.tv_sec + (double)a.tv_nsec / 1e9 - 1e-6);
	ck_assert(t <= (double)b.tv_sec + (double)b.tv_nsec / 1e9 + 1e-6);
}
END_TEST

/* Never goes back; a sleep of 50 ms shows as at least 50 ms. */
START_TEST(test_durations)
{
	const struct timespec ms50 = { 0, 50 * 1000 * 1000 };
	double t0 = monotime_now(), prev = t0, now;
	int i;

	for (i = 0; i < 100000; i++) {
		now = monotime_now();
		ck_assert(now >= prev);
		prev = now;
	}
	t0 = monotime_now();
	ck_assert_int_eq(nanosleep(&ms50, NULL), 0);
	now = monotime_now();
	ck_assert_msg(now - t0 >= 0.05 && now - t0 < 10.0, "slept %f s", now - t0);
}
END_TEST

static Suite *monotime_suite(void)
{
	Suite *s = suite_create("monotime");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_is_monotonic_clock);
	tcase_add_test(tc, test_durations);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_monotime", monotime_suite, NULL, NULL };
