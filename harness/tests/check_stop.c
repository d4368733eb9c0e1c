/*
 * check_stop.c - base/stop.c: the process-wide "stop now" flag a signal
 * handler sets and the waiting loops poll.  The first request wins.
 */
#include "tmain.h"

#include <poll.h>
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

/* Does fd poll readable right now? */
static bool readable(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

/* The wake fd: readable from the request on, for every poller, until reset. */
START_TEST(test_fd)
{
	int fd;

	stop_reset();
	fd = stop_fd();
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(stop_fd(), fd);        /* one per process */
	ck_assert(!readable(fd));
	stop_request(SIGTERM);
	ck_assert(readable(fd));
	ck_assert(readable(fd));                /* level-triggered: not consumed */
	stop_request(SIGINT);
	ck_assert(readable(fd));
	stop_reset();
	ck_assert(!readable(fd));
}
END_TEST

/* From a real handler, and a request made before anyone asked for the fd. */
START_TEST(test_fd_handler)
{
	struct sigaction sa, old;
	int fd;

	stop_reset();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGUSR2, &sa, &old), 0);
	ck_assert_int_eq(raise(SIGUSR2), 0);
	ck_assert_int_eq(sigaction(SIGUSR2, &old, NULL), 0);
	fd = stop_fd();
	ck_assert_int_ge(fd, 0);
	ck_assert(readable(fd));
	stop_reset();
	ck_assert(!readable(fd));
}
END_TEST

static Suite *stop_suite(void)
{
	Suite *s = suite_create("stop");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_flag);
	tcase_add_test(tc, test_no_signal);
	tcase_add_test(tc, test_from_handler);
	tcase_add_test(tc, test_fd);
	tcase_add_test(tc, test_fd_handler);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_stop", stop_suite, NULL, NULL };
