/*
 * check_flusher.c - the deferred writer thread (report/flusher.c): what
 * is pending is flushed once it is due and not before, with the owner's
 * mutex held and every signal blocked; an idle flusher stops at once.
 */
#include "tmain.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <unistd.h>

#include "base/monotime.h"
#include "report/flusher.h"

struct owner {
	pthread_mutex_t mu;
	double due_at;          /* < 0: nothing pending */
	int flushed;
	double flushed_at;
	bool locked_in_flush;   /* the mutex was held during flush() */
	bool signals_blocked;   /* SIGINT, SIGTERM, SIGHUP, SIGALRM blocked in the thread */
};

static double owner_due(void *arg)
{
	return ((struct owner *)arg)->due_at;
}

static void owner_flush(void *arg)
{
	struct owner *o = arg;
	sigset_t cur;

	o->locked_in_flush = pthread_mutex_trylock(&o->mu) != 0;
	if (!o->locked_in_flush)
		pthread_mutex_unlock(&o->mu);
	pthread_sigmask(SIG_SETMASK, NULL, &cur);
	o->signals_blocked = sigismember(&cur, SIGINT) && sigismember(&cur, SIGTERM) &&
			     sigismember(&cur, SIGHUP) && sigismember(&cur, SIGALRM);
	o->flushed++;
	o->flushed_at = monotime_now();
	o->due_at = -1;
}

START_TEST(test_flush_when_due)
{
	struct owner o = { PTHREAD_MUTEX_INITIALIZER, -1, 0, 0, false, false };
	struct flusher *f = NULL;
	double due;
	int n;

	ck_assert_int_eq(flusher_start(&f, &o.mu, owner_due, owner_flush, &o), 0);
	ck_assert_ptr_nonnull(f);
	usleep(100000);
	pthread_mutex_lock(&o.mu);
	ck_assert_int_eq(o.flushed, 0);         /* nothing pending: nothing done */
	due = o.due_at = monotime_now() + 0.3;
	flusher_kick(f);
	pthread_mutex_unlock(&o.mu);
	usleep(100000);
	pthread_mutex_lock(&o.mu);
	ck_assert_int_eq(o.flushed, 0);         /* not yet due */
	pthread_mutex_unlock(&o.mu);
	for (n = 0; n < 100; n++) {             /* due within 0.2 s; allow 2 s under load */
		pthread_mutex_lock(&o.mu);
		if (o.flushed) {
			pthread_mutex_unlock(&o.mu);
			break;
		}
		pthread_mutex_unlock(&o.mu);
		usleep(20000);
	}
	pthread_mutex_lock(&o.mu);
	ck_assert_int_eq(o.flushed, 1);
	ck_assert(o.flushed_at >= due);
	ck_assert(o.locked_in_flush);
	ck_assert(o.signals_blocked);
	pthread_mutex_unlock(&o.mu);
	ck_assert_ptr_null(flusher_stop(f));
	ck_assert_int_eq(o.flushed, 1);
	ck_assert_ptr_null(flusher_stop(NULL));
	flusher_kick(NULL);
}
END_TEST

/* An idle flusher, or one waiting for a far deadline, stops at once. */
START_TEST(test_stop_prompt)
{
	struct owner o = { PTHREAD_MUTEX_INITIALIZER, -1, 0, 0, false, false };
	struct flusher *f = NULL;
	double t0;

	ck_assert_int_eq(flusher_start(&f, &o.mu, owner_due, owner_flush, &o), 0);
	t0 = monotime_now();
	f = flusher_stop(f);
	ck_assert(monotime_now() - t0 < 0.5);
	ck_assert_int_eq(flusher_start(&f, &o.mu, owner_due, owner_flush, &o), 0);
	pthread_mutex_lock(&o.mu);
	o.due_at = monotime_now() + 3600;
	flusher_kick(f);
	pthread_mutex_unlock(&o.mu);
	usleep(50000);
	t0 = monotime_now();
	f = flusher_stop(f);
	ck_assert(monotime_now() - t0 < 0.5);
	ck_assert_int_eq(o.flushed, 0);
}
END_TEST

static Suite *flusher_suite(void)
{
	Suite *s = suite_create("flusher");
	TCase *tc = tcase_create("Core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_flush_when_due);
	tcase_add_test(tc, test_stop_prompt);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_flusher", flusher_suite, NULL, NULL };
