/*
 * child.c - one child process, from exec to reap (child.h).
 *
 * Process hygiene: argv array, never a shell; the binary is looked up
 * before the spawn so the child only makes system calls (setpgid, prctl,
 * sigaction, sigprocmask, chdir, dup2, execve, _exit); every fd we open
 * is O_CLOEXEC and the child marks all other fds close-on-exec; vfork
 * suspends the harness thread until exec, so an exec failure is simply
 * stored in shared memory; the child is reaped by PID, never with
 * waitpid(-1).
 *
 * Waiting: poll() on a pidfd (readable when the child exits) and on the
 * stop fd (base/stop.h), with a timeout at the next thing to do (the
 * deadline, the SIGKILL after a SIGTERM, the next look at the log sizes):
 * an exit or a stop wakes the harness at once, nothing sleeps blindly.
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
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "base/monotime.h"
#include "base/stop.h"

#define NAP_MS 10            /* the wait without a pidfd or a stop fd */
#define CAP_CHECK_MS 10      /* how often the log sizes are looked at */
#define WAIT_MAX_MS 5000     /* a safety look at least this often */

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
 * In the child, before its signals are unblocked: no handler of the
 * harness may run in it (it shares the harness's memory until exec), and
 * a signal the harness ignores would stay ignored in SIPp (that survives
 * exec) while SIPp must die on the SIGTERM we send.
 */
static void signals_default(void)
{
	static const int forced[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT };
	struct sigaction sa, cur;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		if (sigaction(sig, NULL, &cur) == 0 && cur.sa_handler != SIG_DFL &&
		    cur.sa_handler != SIG_IGN)
			sigaction(sig, &sa, NULL);
	for (size_t i = 0; i < sizeof(forced) / sizeof(forced[0]); i++)
		sigaction(forced[i], &sa, NULL);
}

/* What the child needs; it is all read before exec. */
struct spawn_args {
	const char *path;
	char *const *argv;
	const char *cwd;
	int devnull, out, err;
	pid_t parent;
	volatile int *cerr;        /* the exec errno, seen by the parent */
};

/*
 * The child of vfork(): it runs on the harness's memory and stack while
 * the harness thread is suspended, so it only makes system calls, never
 * returns, and reports a failure by storing the errno where the parent
 * reads it once it resumes (at exec or _exit).  Every signal is blocked
 * on entry (child_spawn).
 */
static __attribute__((noinline, noreturn)) void spawn_child(const struct spawn_args *a)
{
	sigset_t none;
	int e;

	signals_default();
	sigemptyset(&none);
	setpgid(0, 0);
#ifdef __linux__
	/* Dies with the harness, even on SIGKILL; if the harness is
	 * already gone (we were re-parented), do not start at all. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != a->parent)
		_exit(127);
#endif
	cloexec_all();
	if ((a->cwd && chdir(a->cwd) < 0) ||
	    dup2(a->devnull, 0) < 0 ||
	    dup2(a->out >= 0 ? a->out : a->devnull, 1) < 0 ||
	    dup2(a->err >= 0 ? a->err : a->devnull, 2) < 0 ||
	    sigprocmask(SIG_SETMASK, &none, NULL) < 0) {
		e = errno;
	} else {
		execve(a->path, a->argv, environ);
		e = errno;
	}
	*a->cerr = e ? e : ENOEXEC;
	_exit(127);
}

/* vfork alone in its frame: no local of the caller lives across it. */
static __attribute__((noinline)) pid_t spawn_vfork(const struct spawn_args *a)
{
	pid_t pid = vfork();

	if (pid == 0)
		spawn_child(a);
	return pid;
}

/*
 * vfork, not posix_spawn(): the same cost (no page tables copied, the
 * harness waits only until exec), but posix_spawn has no way to set
 * PR_SET_PDEATHSIG in the child, and "SIPp dies with the harness" is a
 * contract (child.h).  glibc's posix_spawn is this same vfork-style
 * clone; as it does, all signals are blocked around it.
 */
int child_spawn(struct child *ch, const char *path, char *const argv[],
		const char *cwd, int out, int err)
{
	volatile int cerr = 0;
	struct spawn_args a = { path, argv, cwd, -1, out, err, getpid(), &cerr };
	sigset_t all, old;
	pid_t pid;
	int rc = 0, st;

	ch->pid = 0;
	ch->started = monotime_now();
	a.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (a.devnull < 0)
		return errno;
	sigfillset(&all);
	rc = pthread_sigmask(SIG_SETMASK, &all, &old);
	if (rc) {
		close(a.devnull);
		return rc;
	}
	pid = spawn_vfork(&a);
	if (pid < 0)
		rc = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (pid > 0 && cerr) {
		/* exec failed: reap the child now. */
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		rc = cerr;
	} else if (pid > 0) {
		ch->pid = pid;
	}
	close(a.devnull);
	return rc;
}

/* ---- watch ------------------------------------------------------------ */

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

/* A pidfd for pid (readable once it exits), or -1 (no pidfd_open). */
static int pidfd_of(pid_t pid)
{
#ifdef SYS_pidfd_open
	return (int)syscall(SYS_pidfd_open, pid, 0);
#else
	(void)pid;
	return -1;
#endif
}

/*
 * Block until the child exits, the stop fd turns readable or `until`
 * (monotonic seconds) passes, whichever is first.  Without a pidfd the
 * wait is cut to NAP_MS so the caller's waitid() sees the exit.
 */
static void wait_event(int pidfd, int sfd, double until)
{
	struct pollfd p[2];
	nfds_t n = 0;
	double left = until - monotime_now();
	int ms;

	if (pidfd >= 0)
		p[n++] = (struct pollfd){ pidfd, POLLIN, 0 };
	if (sfd >= 0)
		p[n++] = (struct pollfd){ sfd, POLLIN, 0 };
	if (pidfd < 0 && left > NAP_MS / 1000.0)
		left = NAP_MS / 1000.0;
	if (left <= 0)
		return;
	ms = left > WAIT_MAX_MS / 1000.0 ? WAIT_MAX_MS : (int)(left * 1000.0) + 1;
	poll(p, n, ms);            /* EINTR (a signal): the caller looks again */
}

int child_watch(struct child *ch, struct child_watch *w)
{
	double kill_at = 0;
	bool killed = false;
	int pidfd = pidfd_of(ch->pid), sfd = w->past_stop ? -1 : stop_fd(), rc;

	w->end = CHILD_EXITED;
	w->end_at = 0;
	w->bytes = 0;
	w->status = 0;
	for (;;) {
		siginfo_t si;
		double now, until;

		/* WNOWAIT: see it exit without reaping it (the group sweep). */
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)ch->pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0) {
			if (errno == EINTR)
				continue;
			rc = errno;
			break;
		}
		if (si.si_pid == ch->pid) {
			if (w->cap && w->end != CHILD_FLOOD)
				w->bytes = files_size(w);
			rc = reap_now(ch, &w->status);
			break;
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
		/* The next thing to do unless the child exits first. */
		until = now + WAIT_MAX_MS / 1000.0;
		if (w->end == CHILD_EXITED && w->deadline < until)
			until = w->deadline;
		if (w->end != CHILD_EXITED && !killed && kill_at < until)
			until = kill_at;
		if (w->cap && w->end == CHILD_EXITED && now + CAP_CHECK_MS / 1000.0 < until)
			until = now + CAP_CHECK_MS / 1000.0;
		/* No stop fd: look at the flag at intervals.  Once stopped,
		 * the fd stays readable: not polled any more. */
		if (sfd < 0 && !w->past_stop && w->end != CHILD_STOPPED &&
		    now + NAP_MS / 1000.0 < until)
			until = now + NAP_MS / 1000.0;
		wait_event(pidfd, w->end == CHILD_STOPPED ? -1 : sfd, until);
	}
	if (pidfd >= 0)
		close(pidfd);
	return rc;
}
