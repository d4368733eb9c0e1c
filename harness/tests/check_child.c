/*
 * check_child.c - sipp/child.c without SIPp: the spawn resets what the
 * harness set for itself (signal mask, ignored signals, cwd, stdio, group),
 * reports an exec failure, and child_watch() wakes on the child's exit and
 * on a stop at once, not at a polling interval.
 */
#include "tmain.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/monotime.h"
#include "base/stop.h"
#include "sipp/child.h"
#include "tdir.h"

/* child_watch(ch) with a deadline bound_s after its start; cap: the size
 * cap on file (NULL/0: none). */
static void watch(struct child *ch, struct child_watch *w, double bound_s, unsigned term_ms,
		  const char *file, unsigned long long cap)
{
	memset(w, 0, sizeof(*w));
	w->deadline = ch->started + bound_s;
	w->term_wait_ms = term_ms;
	w->files[0] = file;
	w->cap = cap;
	ck_assert_int_eq(child_watch(ch, w), 0);
}

/* Run argv to its end with stdout to the file out; @return its wait status. */
static int run_to(char *const argv[], const char *cwd, const char *out)
{
	struct child ch;
	struct child_watch w;
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(child_spawn(&ch, argv[0], argv, cwd, fd, -1), 0);
	close(fd);
	watch(&ch, &w, 10, 100, NULL, 0);
	ck_assert_int_eq(w.end, CHILD_EXITED);
	return w.status;
}

/* The hex mask of a "Name:\t..." line of /proc/PID/status text. */
static unsigned long long status_mask(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	ck_assert_msg(p != NULL, "no %s line", name);
	return strtoull(p + strlen(name), NULL, 16);
}

/* Blocked and ignored signals of the harness do not reach the child. */
START_TEST(test_signals_reset)
{
	char cat[] = "/bin/cat", file[] = "/proc/self/status";
	char *argv[] = { cat, file, NULL };
	struct sigaction ign, old;
	sigset_t block, prev;
	char *out = tdir_path("status"), *text;

	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	ck_assert_int_eq(sigaction(SIGINT, &ign, &old), 0);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGUSR1);
	ck_assert_int_eq(pthread_sigmask(SIG_BLOCK, &block, &prev), 0);
	ck_assert_int_eq(run_to(argv, NULL, out), 0);
	pthread_sigmask(SIG_SETMASK, &prev, NULL);
	sigaction(SIGINT, &old, NULL);
	text = tdir_slurp(out, NULL);
	ck_assert_uint_eq(status_mask(text, "SigBlk:"), 0);
	ck_assert_uint_eq(status_mask(text, "SigIgn:") & (1ULL << (SIGINT - 1)), 0);
	free(text);
}
END_TEST

/* cwd, stdout, and a process group of its own. */
START_TEST(test_cwd_group)
{
	char sh[] = "/bin/sh", c[] = "-c", cmd[] = "pwd; ps -o pgid= -p $$; echo $$";
	char *argv[] = { sh, c, cmd, NULL };
	char *out = tdir_path("pwd"), *text;
	long pgid, pid;
	char dir[256];

	ck_assert_int_eq(run_to(argv, "/tmp", out), 0);
	text = tdir_slurp(out, NULL);
	ck_assert_int_eq(sscanf(text, "%255s %ld %ld", dir, &pgid, &pid), 3);
	ck_assert_str_eq(dir, "/tmp");
	ck_assert_int_eq(pgid, pid);
	ck_assert_int_ne(pid, (long)getpgrp());
	free(text);
}
END_TEST

/* An exec failure is the exec's errno, and no child is left. */
START_TEST(test_exec_fails)
{
	char missing[] = "/nonexistent/sipp";
	char *path = tdir_path("not-a-program");
	char *argv[] = { path, NULL };
	struct child ch;

	tdir_write(path, "garbage\n", 8);
	ck_assert_int_eq(child_spawn(&ch, path, argv, NULL, -1, -1), EACCES);
	ck_assert_int_eq(ch.pid, 0);
	ck_assert_int_eq(chmod(path, 0755), 0);
	ck_assert_int_eq(child_spawn(&ch, path, argv, NULL, -1, -1), ENOEXEC);
	ck_assert_int_eq(ch.pid, 0);
	argv[0] = missing;
	ck_assert_int_eq(child_spawn(&ch, missing, argv, NULL, -1, -1), ENOENT);
	ck_assert_int_eq(ch.pid, 0);
	errno = 0;
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
	ck_assert_int_eq(child_spawn(&ch, path, argv, "/nonexistent", -1, -1), ENOENT);
}
END_TEST

/* The exit wakes the wait: a 0.3 s child is reaped well before the
 * next 5 s safety look, with a cap (10 ms size looks) and without. */
START_TEST(test_exit_wakes)
{
	char sh[] = "/bin/sh", c[] = "-c", cmd[] = "sleep 0.3";
	char *argv[] = { sh, c, cmd, NULL };
	char *log = tdir_path("log");

	for (int capped = 0; capped < 2; capped++) {
		struct child ch;
		struct child_watch w;
		double t;

		ck_assert_int_eq(child_spawn(&ch, sh, argv, NULL, -1, -1), 0);
		watch(&ch, &w, 30, 100, log, capped ? 1000000 : 0);
		t = monotime_now() - ch.started;
		ck_assert_int_eq(w.end, CHILD_EXITED);
		ck_assert_msg(t >= 0.29 && t < 2.0, "reaped after %.3f s", t);
	}
}
END_TEST

static double stop_at;

static void *stop_later(void *arg)
{
	(void)arg;
	usleep(100000);
	stop_at = monotime_now();
	stop_request(SIGTERM);
	return NULL;
}

/* A stop from another thread wakes the wait at once, not at the next
 * 5 s safety look: the child dies on the SIGTERM that follows. */
START_TEST(test_stop_wakes)
{
	char sleep_bin[] = "/bin/sleep", arg[] = "30";
	char *argv[] = { sleep_bin, arg, NULL };
	struct child ch;
	struct child_watch w;
	pthread_t th;
	double t;

	stop_reset();
	ck_assert_int_eq(child_spawn(&ch, sleep_bin, argv, NULL, -1, -1), 0);
	ck_assert_int_eq(pthread_create(&th, NULL, stop_later, NULL), 0);
	watch(&ch, &w, 30, 100, NULL, 0);
	t = monotime_now() - ch.started;
	pthread_join(th, NULL);
	stop_reset();
	ck_assert_int_eq(w.end, CHILD_STOPPED);
	ck_assert(WIFSIGNALED(w.status) && WTERMSIG(w.status) == SIGTERM);
	ck_assert_msg(w.end_at >= stop_at && w.end_at - stop_at < 1.0,
		      "stop seen %.3f s after the request", w.end_at - stop_at);
	ck_assert_msg(t < 3.0, "returned after %.3f s", t);
}
END_TEST

/* The deadline: SIGTERM, then SIGKILL term_wait_ms later for a child that ignores it. */
START_TEST(test_deadline)
{
	char sh[] = "/bin/sh", c[] = "-c", cmd[] = "trap '' TERM; sleep 5; sleep 5";
	char *argv[] = { sh, c, cmd, NULL };
	struct child ch;
	struct child_watch w;
	double t;

	ck_assert_int_eq(child_spawn(&ch, sh, argv, NULL, -1, -1), 0);
	watch(&ch, &w, 0.2, 200, NULL, 0);
	t = monotime_now() - ch.started;
	ck_assert_int_eq(w.end, CHILD_BOUND);
	ck_assert(WIFSIGNALED(w.status) && WTERMSIG(w.status) == SIGKILL);
	ck_assert_msg(t >= 0.39 && t < 0.8, "returned after %.3f s", t);
}
END_TEST

/* The size cap is looked at while the child runs (the wait is not only
 * for its exit): a writer past the cap is killed at once. */
START_TEST(test_flood)
{
	char sh[] = "/bin/sh", c[] = "-c", cmd[] = "exec yes flood";
	char *argv[] = { sh, c, cmd, NULL };
	char *log = tdir_path("flood");
	struct child ch;
	struct child_watch w;
	int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(child_spawn(&ch, sh, argv, NULL, fd, -1), 0);
	close(fd);
	watch(&ch, &w, 30, 100, log, 1000000);
	ck_assert_int_eq(w.end, CHILD_FLOOD);
	ck_assert(WIFSIGNALED(w.status) && WTERMSIG(w.status) == SIGKILL);
	ck_assert_uint_gt(w.bytes, 1000000);
	ck_assert_msg(w.end_at - ch.started < 5.0, "flood seen after %.3f s", w.end_at - ch.started);
}
END_TEST

static Suite *child_suite(void)
{
	Suite *s = suite_create("child");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_signals_reset);
	tcase_add_test(tc, test_cwd_group);
	tcase_add_test(tc, test_exec_fails);
	tcase_add_test(tc, test_exit_wakes);
	tcase_add_test(tc, test_stop_wakes);
	tcase_add_test(tc, test_deadline);
	tcase_add_test(tc, test_flood);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_child", child_suite, NULL, NULL };
