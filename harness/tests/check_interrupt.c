/*
 * check_interrupt.c - run/interrupt.c: SIGINT, SIGTERM, SIGHUP and
 * --max-time set the stop flag; waits wake (no SA_RESTART); a second
 * signal exits at once with 128 + its number after removing the report
 * temps; restore puts the old dispositions back.
 */
#include "tmain.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/file.h"
#include "base/monotime.h"
#include "base/stop.h"
#include "run/interrupt.h"
#include "tdir.h"

static void fresh(void)
{
	tdir_setup();
	stop_reset();
}

static void done(void)
{
	interrupt_restore();
	stop_reset();
	tdir_teardown();
}

START_TEST(test_each_signal)
{
	static const struct { int sig; const char *name; } v[] = {
		{ SIGINT, "SIGINT" }, { SIGTERM, "SIGTERM" }, { SIGHUP, "SIGHUP" },
	};
	char what[64];
	size_t i;

	for (i = 0; i < NELEM(v); i++) {
		stop_reset();
		ck_assert_int_eq(interrupt_install(0), 0);
		interrupt_describe(what, sizeof(what));
		ck_assert_str_eq(what, "");
		ck_assert_int_eq(raise(v[i].sig), 0);          /* handled: the test goes on */
		ck_assert(stop_requested());
		ck_assert_int_eq(stop_signal(), v[i].sig);
		ck_assert(!interrupt_by_max_time());
		interrupt_describe(what, sizeof(what));
		ck_assert_str_eq(what, v[i].name);
		interrupt_restore();
	}
}
END_TEST

/* --max-time: SIGALRM stops the run, and a blocked read wakes with EINTR (no SA_RESTART). */
START_TEST(test_max_time_wakes)
{
	char what[64], c;
	int p[2];
	double t0 = monotime_now();
	ssize_t r;

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(interrupt_install(1), 0);
	r = read(p[0], &c, 1);                             /* nobody writes: only the alarm ends it */
	ck_assert_int_eq(r, -1);
	ck_assert_int_eq(errno, EINTR);
	ck_assert(monotime_now() - t0 < 3);
	ck_assert(stop_requested());
	ck_assert(interrupt_by_max_time());
	interrupt_describe(what, sizeof(what));
	ck_assert_str_eq(what, "--max-time 1 s");
	/* a later alarm after the stop changes nothing */
	ck_assert_int_eq(raise(SIGALRM), 0);
	ck_assert(interrupt_by_max_time());
	close(p[0]);
	close(p[1]);
}
END_TEST

/* A second signal exits at once, 128 + its number, and the report temps are gone. */
START_TEST(test_second_signal)
{
	struct file_out fo;
	pid_t pid;
	int st;

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (interrupt_install(0) || file_out_open(&fo, tdir_path("j.xml")) ||
		    access(fo.tmp, F_OK) != 0)
			_exit(1);
		raise(SIGTERM);
		if (!stop_requested())
			_exit(2);
		raise(SIGINT);
		_exit(3);                                     /* not reached */
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 128 + SIGINT);
	{
		const char *argv[] = { "sh", "-c", "ls -A \"$0\" | wc -l", NULL, NULL };
		char *s;

		argv[3] = tdir();
		ck_assert_int_eq(tdir_run(argv, tdir_path("ls.log")), 0);
		s = tdir_slurp(tdir_path("ls.log"), NULL);
		ck_assert_str_eq(s, "1\n");                   /* ls.log itself: the temp is gone */
		free(s);
	}
}
END_TEST

START_TEST(test_restore)
{
	struct sigaction sa, before;

	ck_assert_int_eq(sigaction(SIGTERM, NULL, &before), 0);
	ck_assert_int_eq(interrupt_install(5), 0);
	ck_assert_int_eq(sigaction(SIGTERM, NULL, &sa), 0);
	ck_assert(sa.sa_handler != before.sa_handler);
	ck_assert_int_eq(sa.sa_flags & SA_RESTART, 0);
	interrupt_restore();
	ck_assert_int_eq(sigaction(SIGTERM, NULL, &sa), 0);
	ck_assert(sa.sa_handler == before.sa_handler);     /* what it was (Check's own, or SIG_DFL) */
	ck_assert_uint_eq(alarm(0), 0);                   /* disarmed */
	interrupt_restore();                              /* twice: harmless */
	/* ignored at the start (nohup): stays ignored */
	ck_assert_int_eq(sigaction(SIGHUP, NULL, &before), 0);
	signal(SIGHUP, SIG_IGN);
	ck_assert_int_eq(interrupt_install(0), 0);
	ck_assert_int_eq(sigaction(SIGHUP, NULL, &sa), 0);
	ck_assert(sa.sa_handler == SIG_IGN);
	ck_assert_int_eq(raise(SIGHUP), 0);
	ck_assert(!stop_requested());
	interrupt_restore();
	ck_assert_int_eq(sigaction(SIGHUP, &before, NULL), 0);
}
END_TEST

static Suite *interrupt_suite(void)
{
	Suite *s = suite_create("interrupt");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, fresh, done);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_each_signal);
	tcase_add_test(tc, test_max_time_wakes);
	tcase_add_test(tc, test_second_signal);
	tcase_add_test(tc, test_restore);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_interrupt", interrupt_suite, NULL, NULL };
