/*
 * stop.c - the process-wide stop flag (stop.h).
 *
 * The wake pipe: a waiting thread polls its read end beside whatever
 * else it waits for, so a stop wakes it at once whichever thread the
 * signal was delivered to.  The handler side only writes one byte to a
 * non-blocking pipe (write() is async-signal-safe) and never drains it:
 * once stopped, the read end stays readable (level-triggered), for every
 * waiter.  The flag and the write end are seq_cst atomics so that
 * stop_fd() racing with a request in another thread still ends with the
 * byte written: each side stores its own, then loads the other's.
 */
#include "base/stop.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

static atomic_int stop_sig;
static atomic_int stop_wfd = -1;
static atomic_int stop_rfd = -1;

static void stop_wake(void)
{
	int fd = atomic_load(&stop_wfd), saved = errno;

	/* EAGAIN: the pipe is full, so readable already. */
	if (fd >= 0 && write(fd, "s", 1) < 0) {
		/* nothing else to do in a signal handler */
	}
	errno = saved;
}

void stop_request(int sig)
{
	int none = 0;

	if (atomic_compare_exchange_strong(&stop_sig, &none, sig ? sig : -1))
		stop_wake();
}

bool stop_requested(void)
{
	return atomic_load(&stop_sig) != 0;
}

int stop_signal(void)
{
	int s = atomic_load(&stop_sig);

	return s > 0 ? s : 0;
}

/* Both ends close-on-exec and non-blocking. */
static int stop_pipe(int pfd[2])
{
	if (pipe(pfd) < 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (fcntl(pfd[i], F_SETFD, FD_CLOEXEC) < 0 ||
		    fcntl(pfd[i], F_SETFL, O_NONBLOCK) < 0) {
			close(pfd[0]);
			close(pfd[1]);
			return -1;
		}
	return 0;
}

int stop_fd(void)
{
	int pfd[2], none = -1, fd = atomic_load(&stop_rfd);

	if (fd >= 0)
		return fd;
	if (stop_pipe(pfd) < 0)
		return -1;
	/* Another thread may have made one meanwhile: keep the first. */
	if (!atomic_compare_exchange_strong(&stop_rfd, &none, pfd[0])) {
		close(pfd[0]);
		close(pfd[1]);
		return none;
	}
	atomic_store(&stop_wfd, pfd[1]);
	if (atomic_load(&stop_sig))
		stop_wake();
	return pfd[0];
}

void stop_reset(void)
{
	char buf[64];
	int fd = atomic_load(&stop_rfd);

	atomic_store(&stop_sig, 0);
	while (fd >= 0 && read(fd, buf, sizeof(buf)) > 0)
		;
}
