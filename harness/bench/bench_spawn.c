/*
 * bench_spawn.c - what starting and reaping one child costs the harness:
 * sipp/child.c's child_spawn + child_watch against plain fork+execve+
 * waitpid and posix_spawn+waitpid, each on /bin/true, with the harness's
 * resident memory padded to 5 MB and 100 MB (fork copies the page tables,
 * so its cost grows with RSS; a vfork-style spawn's does not).
 *
 *   bench_spawn [N]     N children per method and size (default 200)
 *
 * Prints microseconds per child (wall, spawn to reaped).  No assertions.
 */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/monotime.h"
#include "sipp/child.h"

extern char **environ;

static char true_bin[] = "/bin/true";
static char *const true_argv[] = { true_bin, NULL };

static int via_fork(void)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return errno;
	if (pid == 0) {
		execve(true_bin, true_argv, environ);
		_exit(127);
	}
	return waitpid(pid, &st, 0) == pid ? 0 : errno;
}

static int via_posix_spawn(void)
{
	pid_t pid;
	int st, rc = posix_spawn(&pid, true_bin, NULL, NULL, true_argv, environ);

	if (rc)
		return rc;
	return waitpid(pid, &st, 0) == pid ? 0 : errno;
}

static int via_child(void)
{
	struct child ch;
	struct child_watch w;
	int rc = child_spawn(&ch, true_bin, true_argv, "/", -1, -1);

	if (rc)
		return rc;
	memset(&w, 0, sizeof(w));
	w.deadline = ch.started + 10;
	w.term_wait_ms = 100;
	return child_watch(&ch, &w);
}

static void run(const char *name, int (*fn)(void), int n, unsigned mb)
{
	double t0 = monotime_now();

	for (int i = 0; i < n; i++)
		if (fn() != 0) {
			printf("  %-26s %4u MB  failed\n", name, mb);
			return;
		}
	printf("  %-26s %4u MB  %7.0f us/child\n", name, mb,
	       (monotime_now() - t0) * 1e6 / n);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200;
	static const unsigned sizes[] = { 5, 100 };
	char *pad = NULL;

	if (n <= 0)
		n = 200;
	printf("spawn + reap of /bin/true, %d each:\n", n);
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size_t bytes = (size_t)sizes[s] << 20;

		free(pad);
		pad = malloc(bytes);
		if (!pad)
			return 1;
		memset(pad, 1, bytes);          /* resident, not just reserved */
		run("fork+execve+waitpid", via_fork, n, sizes[s]);
		run("posix_spawn+waitpid", via_posix_spawn, n, sizes[s]);
		run("child_spawn+child_watch", via_child, n, sizes[s]);
	}
	free(pad);
	return 0;
}
