/*
 * child.c - one child process, from exec to reap (child.h).
 *
 * Process hygiene: argv array, never a shell; the binary is looked up
 * before fork so the child only makes async-signal-safe calls (setpgid,
 * prctl, sigaction, sigprocmask, chdir, dup2, execve, write, _exit);
 * every fd we open is O_CLOEXEC and the child marks all other fds
 * close-on-exec; an exec failure comes back through a CLOEXEC pipe; the
 * child is reaped by PID, never with waitpid(-1).
 *
 * Killing: always the group (kill(-pgid)), so a shell SIPp started dies
 * with it.  The group id is the child's PID; it stays reserved while the
 * child is a zombie, so the group is swept (SIGKILL) after the child
 * exited and before it is reaped: the signal can never reach a stranger
 * that got the PID later.
 */
#include "sipp/child.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "base/monotime.h"
#include "base/stop.h"

#define NAP_MAX_MS 10        /* the wait loop's longest sleep */

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

extern char **environ;

/* ---- finding the binary ---------------------------------------------- */

/* 0 if path is an executable regular file, else ENOENT or EACCES. */
static int exec_ok(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return errno == ENOENT || errno == ENOTDIR ? ENOENT : EACCES;
	if (!S_ISREG(st.st_mode) || access(path, X_OK) != 0)
		return EACCES;
	return 0;
}

/* out = the absolute form of path. */
static int absolute(char *out, size_t size, const char *path)
{
	char *abs = realpath(path, NULL);
	int n;

	if (!abs)
		return ENOENT;
	n = snprintf(out, size, "%s", abs);
	free(abs);
	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}

int child_find_exec(char *out, size_t size, const char *name)
{
	const char *path, *p;
	int best = ENOENT;

	if (!name || !*name)
		return ENOENT;
	if (strchr(name, '/')) {
		int e = exec_ok(name);

		return e ? e : absolute(out, size, name);
	}
	path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; p; ) {
		const char *colon = strchr(p, ':');
		size_t l = colon ? (size_t)(colon - p) : strlen(p);
		int n, e;

		if (l == 0)
			n = snprintf(out, size, "./%s", name);
		else
			n = snprintf(out, size, "%.*s/%s", (int)l, p, name);
		if (n > 0 && (size_t)n < size) {
			e = exec_ok(out);
			if (e == 0)
				return out[0] == '/' ? 0 : absolute(out, size, out);
			/* As execvp: a file found but not executable is EACCES
			 * unless an executable one comes later on PATH. */
			if (e == EACCES)
				best = EACCES;
		}
		p = colon ? colon + 1 : NULL;
	}
	out[0] = '\0';
	return best;
}

/* ---- spawn ------------------------------------------------------------ */

/* pipe2(O_CLOEXEC) is a GNU extension; a fork between pipe() and fcntl()
 * in another thread could leak these fds into that child, which only
 * delays EOF on an exec-status pipe: harmless. */
int child_cloexec_pipe(int pfd[2])
{
	if (pipe(pfd) < 0)
		return errno;
	if (fcntl(pfd[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(pfd[1], F_SETFD, FD_CLOEXEC) < 0) {
		int e = errno;

		close(pfd[0]);
		close(pfd[1]);
		pfd[0] = pfd[1] = -1;
		return e;
	}
	return 0;
}

/* In the child: every fd above 2 is closed at exec. */
static void cloexec_all(void)
{
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
#endif
	for (int fd = 3; fd < 4096; fd++) {
		int fl = fcntl(fd, F_GETFD);

		if (fl >= 0 && !(fl & FD_CLOEXEC))
			fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
	}
}

/*
 * In the child: a signal the harness ignores or blocks would stay so in
 * SIPp (both survive exec), and SIPp must die on the SIGTERM we send.
 */
static void signals_default(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT };
	struct sigaction sa;
	sigset_t none;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

int child_spawn(struct child *ch, const char *path, char *const argv[],
		const char *cwd, int out, int err)
{
	int pfd[2] = { -1, -1 }, devnull = -1, rc = 0, cerr = 0;
	pid_t pid, parent = getpid();
	ssize_t r;

	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0)
		return errno;
	rc = child_cloexec_pipe(pfd);
	if (rc)
		goto out;
	ch->pid = 0;
	ch->started = monotime_now();
	pid = fork();
	if (pid < 0) {
		rc = errno;
		goto out;
	}
	if (pid == 0) {
		/* Child: async-signal-safe calls only. */
		int e;

		signals_default();
		setpgid(0, 0);
#ifdef __linux__
		/* Dies with the harness, even on SIGKILL; if the harness is
		 * already gone (we were re-parented), do not start at all. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
			_exit(127);
#else
		(void)parent;
#endif
		cloexec_all();
		if ((cwd && chdir(cwd) < 0) ||
		    dup2(devnull, 0) < 0 ||
		    dup2(out >= 0 ? out : devnull, 1) < 0 ||
		    dup2(err >= 0 ? err : devnull, 2) < 0) {
			e = errno;
		} else {
			execve(path, argv, environ);
			e = errno;
		}
		if (write(pfd[1], &e, sizeof(e)) < 0)
			_exit(126);
		_exit(127);
	}
	/* Both sides set the group: whichever runs first, it is set before
	 * the parent can signal it (EACCES once the child has exec'd). */
	setpgid(pid, pid);
	close(pfd[1]);
	pfd[1] = -1;
	do
		r = read(pfd[0], &cerr, sizeof(cerr));
	while (r < 0 && errno == EINTR);
	if (r == (ssize_t)sizeof(cerr)) {
		/* exec failed: reap the child now. */
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		rc = cerr ? cerr : ENOENT;
		goto out;
	}
	ch->pid = pid;
out:
	if (pfd[0] >= 0)
		close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
	close(devnull);
	return rc;
}

/* ---- watch ------------------------------------------------------------ */

/* Sleep up to ms; a signal (the stop handler) ends it early. */
static void nap(unsigned ms)
{
	struct timespec ts = { 0, (long)ms * 1000000L };

	nanosleep(&ts, NULL);
}

static unsigned long long files_size(const struct child_watch *w)
{
	unsigned long long n = 0;
	struct stat st;

	for (size_t i = 0; i < sizeof(w->files) / sizeof(w->files[0]); i++)
		if (w->files[i] && stat(w->files[i], &st) == 0 && st.st_size > 0)
			n += (unsigned long long)st.st_size;
	return n;
}

static void group_kill(const struct child *ch, int sig)
{
	/* ESRCH: the group is empty already. */
	kill(-ch->pid, sig);
}

/* The child has exited: kill what is left of its group, then reap. */
static int reap_now(struct child *ch, int *status)
{
	pid_t w;

	group_kill(ch, SIGKILL);
	while ((w = waitpid(ch->pid, status, 0)) < 0 && errno == EINTR)
		;
	return w == ch->pid ? 0 : errno;
}

int child_watch(struct child *ch, struct child_watch *w)
{
	double kill_at = 0;
	bool killed = false;
	unsigned ms = 1;

	w->end = CHILD_EXITED;
	w->end_at = 0;
	w->bytes = 0;
	w->status = 0;
	for (;;) {
		siginfo_t si;
		double now;

		/* WNOWAIT: see it exit without reaping it (the group sweep). */
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)ch->pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (si.si_pid == ch->pid) {
			if (w->cap && w->end != CHILD_FLOOD)
				w->bytes = files_size(w);
			return reap_now(ch, &w->status);
		}
		now = monotime_now();
		if (w->cap && w->end == CHILD_EXITED)
			w->bytes = files_size(w);
		if (w->end != CHILD_STOPPED && !w->past_stop && stop_requested()) {
			double at = now + CHILD_STOP_GRACE_MS / 1000.0;

			/* A stop wins over a kill already under way, and
			 * never waits longer than its own grace. */
			w->end = CHILD_STOPPED;
			w->end_at = now;
			group_kill(ch, SIGTERM);
			if (!kill_at || at < kill_at)
				kill_at = at;
		} else if (w->end == CHILD_EXITED && w->cap && w->bytes > w->cap) {
			/* A flood: nothing of value is left to write. */
			w->end = CHILD_FLOOD;
			w->end_at = now;
			kill_at = now;
		} else if (w->end == CHILD_EXITED && now >= w->deadline) {
			w->end = CHILD_BOUND;
			w->end_at = now;
			group_kill(ch, SIGTERM);
			kill_at = now + w->term_wait_ms / 1000.0;
		}
		if (w->end != CHILD_EXITED && !killed && now >= kill_at) {
			group_kill(ch, SIGKILL);
			killed = true;
		}
		nap(ms);
		if (ms < NAP_MAX_MS)
			ms++;
	}
}
