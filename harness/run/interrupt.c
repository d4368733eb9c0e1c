/* interrupt.c - signals and --max-time stop the run (see interrupt.h). */
#include "run/interrupt.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/stop.h"

static const int interrupt_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGALRM };
#define INTERRUPT_NSIGS (sizeof(interrupt_sigs) / sizeof(interrupt_sigs[0]))

static struct sigaction interrupt_old[INTERRUPT_NSIGS];
static bool interrupt_installed;
static unsigned interrupt_max_time;

/* Async-signal-safe: stores a flag, or unlinks and _exits. */
static void interrupt_handler(int sig)
{
	int saved = errno;

	if (stop_requested()) {
		/* A late alarm changes nothing; a second signal means "now". */
		if (sig != SIGALRM) {
			/* SIPp dies with us (sipp/child.c: PR_SET_PDEATHSIG). */
			file_tmp_cleanup();
			_exit(128 + sig);
		}
	} else
		stop_request(sig);
	errno = saved;
}

int interrupt_install(unsigned max_time_s)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = interrupt_handler;
	/* No handler runs inside another; no SA_RESTART: waits wake with EINTR. */
	sigfillset(&sa.sa_mask);
	sa.sa_flags = 0;
	for (i = 0; i < INTERRUPT_NSIGS; i++) {
		int err = 0;

		if (sigaction(interrupt_sigs[i], NULL, &interrupt_old[i]) != 0)
			err = errno;
		/* Ignored when we started (nohup, a background job): left ignored. */
		else if (interrupt_old[i].sa_handler != SIG_IGN || interrupt_sigs[i] == SIGALRM)
			err = sigaction(interrupt_sigs[i], &sa, NULL) ? errno : 0;
		if (err) {
			while (i-- > 0)
				sigaction(interrupt_sigs[i], &interrupt_old[i], NULL);
			return err;
		}
	}
	interrupt_installed = true;
	interrupt_max_time = max_time_s;
	if (max_time_s)
		alarm(max_time_s);
	return 0;
}

void interrupt_restore(void)
{
	size_t i;

	if (!interrupt_installed)
		return;
	alarm(0);
	for (i = 0; i < INTERRUPT_NSIGS; i++)
		sigaction(interrupt_sigs[i], &interrupt_old[i], NULL);
	interrupt_installed = false;
}

bool interrupt_by_max_time(void)
{
	return stop_signal() == SIGALRM;
}

void interrupt_describe(char *out, size_t size)
{
	switch (stop_requested() ? stop_signal() : 0) {
	case 0:
		snprintf(out, size, "%s", stop_requested() ? "a stop request" : "");
		break;
	case SIGINT:  snprintf(out, size, "SIGINT"); break;
	case SIGTERM: snprintf(out, size, "SIGTERM"); break;
	case SIGHUP:  snprintf(out, size, "SIGHUP"); break;
	case SIGALRM: snprintf(out, size, "--max-time %u s", interrupt_max_time); break;
	default:      snprintf(out, size, "signal %d", stop_signal()); break;
	}
}
