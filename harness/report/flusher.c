/* flusher.c - the deferred writer thread of a report (see flusher.h). */
#include "report/flusher.h"
#include "base/monotime.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

struct flusher {
	pthread_mutex_t *mu;    /* the owner's */
	pthread_cond_t cv;      /* on CLOCK_MONOTONIC; kicked, or stop */
	pthread_t th;
	double (*due)(void *arg);
	void (*flush)(void *arg);
	void *arg;
	bool stop;              /* under *mu */
};

static void *flusher_main(void *p)
{
	struct flusher *f = p;

	pthread_mutex_lock(f->mu);
	while (!f->stop) {
		double due = f->due(f->arg);
		struct timespec ts;

		if (due < 0) {
			pthread_cond_wait(&f->cv, f->mu);
			continue;
		}
		if (monotime_now() >= due) {
			f->flush(f->arg);
			continue;
		}
		ts.tv_sec = (time_t)due;
		ts.tv_nsec = (long)((due - (double)ts.tv_sec) * 1e9);
		if (ts.tv_nsec > 999999999L)
			ts.tv_nsec = 999999999L;
		pthread_cond_timedwait(&f->cv, f->mu, &ts);
	}
	pthread_mutex_unlock(f->mu);
	return NULL;
}

int flusher_start(struct flusher **fp, pthread_mutex_t *mu, double (*due)(void *arg),
		  void (*flush)(void *arg), void *arg)
{
	struct flusher *f = calloc(1, sizeof(*f));
	pthread_condattr_t ca;
	sigset_t all, old;
	int err;

	*fp = NULL;
	if (!f)
		return ENOMEM;
	f->mu = mu;
	f->due = due;
	f->flush = flush;
	f->arg = arg;
	err = pthread_condattr_init(&ca);
	if (!err) {
		err = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		if (!err)
			err = pthread_cond_init(&f->cv, &ca);
		pthread_condattr_destroy(&ca);
	}
	if (err) {
		free(f);
		return err;
	}
	/* The thread inherits this mask: every signal blocked there. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&f->th, NULL, flusher_main, f);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		pthread_cond_destroy(&f->cv);
		free(f);
		return err;
	}
	*fp = f;
	return 0;
}

void flusher_kick(struct flusher *f)
{
	if (f)
		pthread_cond_signal(&f->cv);
}

struct flusher *flusher_stop(struct flusher *f)
{
	if (!f)
		return NULL;
	pthread_mutex_lock(f->mu);
	f->stop = true;
	pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(f->mu);
	pthread_join(f->th, NULL);
	pthread_cond_destroy(&f->cv);
	free(f);
	return NULL;
}
