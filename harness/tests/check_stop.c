/*
 * check_stop.c - base/stop.c: the process-wide "stop now" flag a signal
 * handler sets and the waiting loops poll.  The first request wins.
 */
#include "tmain.h"

#include <signal.h>
#include <string.h>

#include "base/stop.h"

START_TEST(test_flag)
{
	stop_reset();
	ck_assert(!stop_requested());
	ck_assert_int_eq(stop_signal(), 0);
	stop_request(SIGTERM);
	ck_assert(stop_requested());
	ck_assert_int_eq(stop_signal(), SIGTERM);
	stop_request(SIGINT);                   /* the first signal is the one named */
	ck_assert_int_eq(stop_signal(), SIGTERM);
	ck_assert(stop_requested());
	stop_reset();
	ck_assert(!stop_requested());
	ck_assert_int_eq(stop_signal(), 0);
}
END_TEST

/* A request without a signal stops too, and names none; later signals do not replace it. */
START_TEST(test_no_signal)
{
	stop_reset();
	stop_request(0);
	ck_assert(stop_requested());
	ck_assert_int_eq(stop_signal(), 0);
	stop_request(SIGHUP);
	ck_assert(stop_requested());
	ck_assert_int_eq(stop_signal(), 0);
	stop_reset();
}
END_TEST

static void on_signal(int sig)
{
	stop_request(sig);
}

/* Set from a real signal handler. */
START_TEST(test_from_handler)
{
	struct sigaction sa, old;

	stop_reset();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGUSR1, &sa, &old), 0);
	ck_assert_int_eq(raise(SIGUSR1), 0);
	ck_assert_int_eq(sigaction(SIGUSR1, &old, NULL), 0);
	ck_assert(stop_requested());
	ck_assert_int_eq(stop_signal(), SIGUSR1);
	stop_reset();
}
END_TEST

static Suite *stop_suite(void)
{
	Suite *s = suite_create("stop");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_flag);
	tcase_add_test(tc, test_no_signal);
	tcase_add_test(tc, test_from_handler);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_stop", stop_suite, NULL, NULL };
