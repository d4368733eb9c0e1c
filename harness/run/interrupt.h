/*
 * interrupt.h - what stops a run from outside: SIGINT, SIGTERM, SIGHUP
 * (a terminal, a CI cancel, a job timeout, a closed session) and the
 * run's own wall-clock limit, --max-time (SIGALRM).
 *
 * The first of them sets the process-wide stop flag (base/stop.h): the
 * runner starts no new test, sipp/ kills the SIPp that is running, the
 * reports are finished with the interruption recorded, and the run exits
 * EXIT_INTERRUPTED (a signal) or EXIT_MAX_TIME (cli/opts.h).  A second
 * signal (SIGINT, SIGTERM or SIGHUP) while that happens exits at once
 * with 128 + its number, after removing the report temp files
 * (file_tmp_cleanup); SIPp dies with the process (sipp/child.c); the
 * reports then hold what the last finished test left on disk.
 *
 * The handlers are installed without SA_RESTART so that a blocking wait
 * returns EINTR and sees the flag.  A signal ignored when the run starts
 * (nohup's SIGHUP, SIGINT of a shell's background job) stays ignored.
 */
#ifndef SIPCONFORM_INTERRUPT_H
#define SIPCONFORM_INTERRUPT_H

#include <stdbool.h>
#include <stddef.h>

/** Install the handlers; arm --max-time when max_time_s > 0.  0 or errno. */
int interrupt_install(unsigned max_time_s);
/** Disarm the alarm and restore the dispositions found at install. */
void interrupt_restore(void);
/** Did --max-time (rather than a signal) stop the run? */
bool interrupt_by_max_time(void);
/** "SIGTERM", "SIGINT", "SIGHUP", "--max-time 60 s" into out; "" if nothing stopped the run. */
void interrupt_describe(char *out, size_t size);

#endif
