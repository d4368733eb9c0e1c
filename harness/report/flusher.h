/*
 * flusher.h - a thread that writes a report's pending state once it is
 * due, whether or not another event comes.
 *
 * A report rewritten whole (JUnit) cannot afford a rewrite after every
 * test, and must not leave the tests that ended waiting on disk for the
 * next event either (the next test may run for minutes).  The owner
 * keeps its state under its own mutex and says, through due(), when what
 * is pending must be written; the flusher sleeps until then (on the
 * monotonic clock of base/monotime.h) and calls flush(), both with the
 * owner's mutex held.  The thread blocks every signal, so that the run's
 * handlers (run/interrupt.c, installed without SA_RESTART) interrupt the
 * main thread's waits, never this one's.
 */
#ifndef SIPCONFORM_FLUSHER_H
#define SIPCONFORM_FLUSHER_H

#include <pthread.h>

struct flusher;

/**
 * Start the thread.  due(arg): with *mu held, the monotime_now() second
 * when the pending state is due, or a negative value when nothing is
 * pending; flush(arg): with *mu held, write it (afterwards due() must
 * say something else than a time already past).  May be called with *mu
 * held.  0, or pthread_create's error (the caller then goes without).
 */
int flusher_start(struct flusher **fp, pthread_mutex_t *mu, double (*due)(void *arg),
		  void (*flush)(void *arg), void *arg);
/** With *mu held: what due() says has changed (something became pending). */
void flusher_kick(struct flusher *f);
/** Without *mu held: stop and join the thread; NULL is fine.  @return NULL */
struct flusher *flusher_stop(struct flusher *f);

#endif
