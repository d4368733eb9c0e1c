/* stop.c - the process-wide stop flag (stop.h). */
#include "base/stop.h"

#include <signal.h>

static volatile sig_atomic_t stop_sig;

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
