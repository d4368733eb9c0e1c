/*
 * load.h - conformance under load: a test with 'load' (suite/plan.h
 * struct plan_load) sends its one request load.count times at load.rate
 * per second and judges EVERY response with the checks a normal test
 * runs, reported as one test case.
 *
 * What is sent.  SIPp -m N -r RATE -l WINDOW, WINDOW = RATE x the
 * request timeout (so the window never throttles a rate the SUT holds:
 * every request may wait its whole timeout), in runs (segments) of at
 * most LOAD_SEGMENT_CALLS requests: SIPp takes at most 10,000 calls per
 * run, and one segment's log is what is held in memory at once.
 * Between segments the rate pauses for SIPp's start and, over UDP, the
 * linger (judge/xchg.h).
 *
 * What is judged, per exchange (request number #k across the segments):
 * rule_judge() and xchg_judge_finals(), as the normal path; stability:
 * every response of the expected code must carry the set (Contact for
 * 301, Allow for 405: expect_row.set) of the first one, judged by
 * cross_stable() on the pair (first, #k), as the row's stable check
 * (PERMANENT-STABLE, ALLOW-STABLE); cross_group() with the first set, as
 * for a normal test of an expanded entry.  Not run under load: follow,
 * the probes and the comparisons with the capability probe (suite.c
 * refuses follow and probes with load).
 *
 * Reported, per check: one result whose outcome is the worst over the
 * exchanges (FAIL, else WARN, else PASS, else NA) and whose reason
 * counts them: "failed in 17 of 5000 exchanges, first at #3001: <the
 * reason of #3001>" (then "; warned in W", "; not applicable in X",
 * "; passed in P").  Its evidence is that first exchange's.  The messages
 * of the test are the request and final response of the first
 * LOAD_EVIDENCE_XCHG exchanges that failed or warned a check or got no
 * answer (exchange #1 when none did).  The notes give how many requests
 * were sent (over how long, at what rate SIPp reached: the time stamps
 * of the first and last request), answered and not answered, the rate
 * asked and the SIPp runs, and
 * the response-time percentiles p50, p90, p99 and max in ms: from
 * SIPp's -trace_msg time stamps (microseconds), the request's first
 * transmission to its first final response, nearest rank.
 *
 * No answer.  A request without a final response and without an
 * unparsable frame, from a SIPp run that ended as a timeout ends (exit
 * 0, 1, or at its bound): when the SUT answered at least one other
 * request of the same load test, it is alive and silent to this one - a
 * FAIL of RFC3261-17-NO-ANSWER counted like any check (the load test's
 * own answers stand in for the capability probe of the normal path).
 * When it answered none, or the SUT sent an unparsable message in that
 * SIPp run (under load it cannot be matched to its request: this one may
 * be the one it answered), or SIPp ended otherwise (killed at its log
 * cap, a fault in its log), the test is an ERROR that says how many
 * requests could not be judged and why the first could not.  A capture that cannot be
 * trusted (xchg_capture_trusted) or a request SIPp never sent makes an
 * ERROR too, as in the normal path (a FAIL still wins).
 *
 * Bounds.  Per segment: SIPp's logs at most LOAD_BYTES_PER_CALL x calls
 * (sipp_job.log_max, SIPp killed past it: a flood), of which at most
 * LOAD_MSGS_PER_CALL x calls messages and the same bytes are parsed
 * (xchg_budget; past them the capture is not trusted: ERROR).  With
 * 5,000 calls that is at most 20 MiB of log and 40,000 parsed messages
 * (measured with a plain request and 405 per call: 28 MB peak RSS for
 * 12,000 requests at 5,000/s in 3 runs); across segments the test keeps only counts,
 * response times (4 bytes per request: 4 MB for 1,000,000), one
 * result's evidence per check and the evidence exchanges (each message
 * cut at LOAD_EVIDENCE_BYTES).
 *
 * Stop.  Every SIPp run stops within a second of a stop request
 * (sipp_run); no segment starts after one, and the test is not reported
 * (env->stopped_in), as in case_run.
 */
#ifndef SIPCONFORM_LOAD_H
#define SIPCONFORM_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "judge/rule.h"
#include "judge/xchg.h"
#include "report/report.h"
#include "run/case.h"

#define LOAD_SEGMENT_CALLS 5000u     /* requests per SIPp run */
#define LOAD_MSGS_PER_CALL 8u        /* request, retransmissions, 1xx, finals */
#define LOAD_BYTES_PER_CALL 4096u    /* log bytes per request (an exchange logs ~1.2 kB) */
#define LOAD_EVIDENCE_XCHG 5u        /* failing exchanges kept as evidence */
#define LOAD_EVIDENCE_BYTES 8192u    /* of one kept message */

/** Run load test tc (tc->load.rate != 0) of env->p and report it, as case_run(). */
void load_run(struct case_env *env, const struct tcase *tc);

/* ---- the aggregation (exposed for the unit tests) -------------------- */

/** The results of every exchange of a load test, counted per check. */
struct load_agg;

struct load_agg *load_agg_new(void);               /* NULL: ENOMEM */
struct load_agg *load_agg_free(struct load_agg *a); /* returns NULL */

/**
 * Count the results r[0..n) of exchange number xno (1-based, increasing).
 * The first result per check and outcome kind (the first failure, else
 * the first warning, else the first result) is kept with copies of its
 * evidence, so the exchange's messages may go away after the call.
 * @return 0, ENOMEM
 */
int load_agg_add(struct load_agg *a, size_t xno, const struct check_result *r, size_t n);

/**
 * One result per check counted, in the order the checks first came:
 * outcome and reason as load.h says.  *out is malloc'ed (free()); its
 * evidence points into a, which must outlive it.
 * @return 0, ENOMEM
 */
int load_agg_results(const struct load_agg *a, struct check_result **out, size_t *n);

/**
 * Keep exchange xno's request and final response (resp NULL: none) as
 * evidence, LOAD_EVIDENCE_XCHG at most (false once full: nothing kept).
 * Each message is cut at LOAD_EVIDENCE_BYTES.
 */
bool load_agg_keep(struct load_agg *a, size_t xno, struct pl req, struct pl resp);
/** How many exchanges are kept. */
size_t load_agg_nkept(const struct load_agg *a);

/**
 * The kept exchanges as report messages ("#3001 sent (OPTIONS)",
 * "#3001 received (301)"), into *msgs (malloc'ed, free(); labels and
 * bytes point into a).  @return 0, ENOMEM
 */
int load_agg_msgs(struct load_agg *a, struct report_msg **msgs, size_t *n);

/* ---- exchanges of a big capture (load_xchg.c) ----------------------- */

#define LOAD_VIEW_XCHG 64u           /* exchanges per view */

/** Called per view: its capture c, its exchanges x[0..n), the number of
 * exchanges before them (x[i] is exchange first + i + 1 of the log). */
typedef void (*load_xchg_fn)(void *arg, const struct xchg_capture *c, const struct xchg *x,
			     size_t n, size_t first);

/**
 * The exchanges of c as xchg_build() groups them, in linear time: the
 * frames bucketed by Call-ID into views of LOAD_VIEW_XCHG exchanges,
 * xchg_build() run per view (load_xchg.c says how, and what is left out:
 * only what xchg_build itself ignores among several exchanges).  A
 * capture of at most LOAD_VIEW_XCHG requests is grouped whole.  fn sees
 * each view in log order; the view and its exchanges live only during
 * the call.  *total: the exchanges in all.  @return 0, ENOMEM
 */
int load_xchg_each(const struct xchg_capture *c, const char *method, load_xchg_fn fn,
		   void *arg, size_t *total);

/* ---- response times ------------------------------------------------- */

/**
 * Percentile pct (0 < pct <= 100) of v[0..n) sorted ascending, nearest
 * rank: v[ceil(pct/100 x n) - 1]; 0 when n is 0.
 */
uint32_t load_percentile(const uint32_t *v, size_t n, unsigned pct);

/**
 * Sort v[0..n) (microseconds) and write "p50 0.21 ms, p90 0.35 ms, p99
 * 0.80 ms, max 3.10 ms (N responses)" into out; "no response" when n is 0.
 */
void load_rtt_summary(uint32_t *v, size_t n, char *out, size_t size);

#endif
