/*
 * stop.h - "stop now" for the whole process: the one flag a signal
 * handler sets and every blocking loop polls.
 *
 * run/ installs the handlers (SIGINT, SIGTERM, SIGHUP); sipp/ polls
 * stop_requested() while it waits for SIPp and kills SIPp's process
 * group when it turns true; the runner starts no new test after it.
 * Async-signal-safe: the handler side stores to a lock-free atomic and
 * writes one byte to a pipe (stop_fd()).
 */
#ifndef SIPCONFORM_STOP_H
#define SIPCONFORM_STOP_H

#include <stdbool.h>

/** Record that signal sig asked the run to stop (safe in a signal handler). */
void stop_request(int sig);
/** Has a stop been requested? */
bool stop_requested(void);
/** The signal that asked for it first, 0 if none. */
int stop_signal(void);
/**
 * A file descriptor that polls readable (POLLIN) from the first request
 * on, and stays readable (its data is never consumed) until stop_reset():
 * poll it beside a child's pidfd so a stop wakes the wait at once.  Made
 * on the first call (close-on-exec; never closed); thread-safe.
 * @return the fd, or -1 if no pipe could be made (then poll
 *         stop_requested() at intervals)
 */
int stop_fd(void);
/** Forget a request (tests only). */
void stop_reset(void);

#endif
