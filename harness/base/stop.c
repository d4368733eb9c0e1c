/* stop.c - the process-wide stop flag (stop.h). */
#include "base/stop.h"

#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t stop_sig;
static volatile sig_atomic_t stop_pgid;   /* pid_t fits: both int on the targets we build for */

void stop_request(int sig)
{
	if (!stop_sig)
		stop_sig = sig ? sig : -1;
}

bool stop_requested(void)
{
	return stop_sig != 0;
}

int stop_signal(void)
{
	return stop_sig > 0 ? stop_sig : 0;
}

void stop_reset(void)
{
	stop_sig = 0;
}

void stop_child_set(pid_t pgid)
{
	stop_pgid = pgid > 0 && pgid != getpgrp() ? (sig_atomic_t)pgid : 0;
}

void stop_child_kill(void)
{
	pid_t pg = (pid_t)stop_pgid;

	if (pg > 0)
		kill(-pg, SIGKILL);
}
