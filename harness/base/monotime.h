/* monotime.h - seconds on the monotonic clock: for durations, never dates. */
#ifndef SIPCONFORM_MONOTIME_H
#define SIPCONFORM_MONOTIME_H

#include <time.h>

static inline double monotime_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
