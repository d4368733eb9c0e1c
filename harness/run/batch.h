/*
 * batch.h - the first requests of a suite's tests in as few SIPp runs as
 * their shapes allow (issue 11), before the tests are judged one by one.
 *
 * Grouping.  Tests whose scenario must be the same - method, transport,
 * credentials (user and password variable), headers, body, content type,
 * From, To and the number of ';' in the Request-URI - form one batch, in
 * suite order.  Each test contributes its `repeat` calls (default 1),
 * consecutive call numbers.  One SIPp run sends them all: the method is
 * written into the scenario literally, the Request-URI (and To) comes
 * from an -inf file, one line per call ("F0;URI": field0 the credentials
 * line or "-", the URI's ';'-separated segments fields 1..K+1, written
 * back as "[field1];[field2]..." - -inf has no quoting, so the segment
 * count is part of the shape).  SIPp's Call-ID is "N-PID@IP" (N the call
 * number): every frame is given to its call, and so to its test, and a
 * test's frames are written to its own directory as SIPp would have
 * logged them (messages.log, with scenario.xml and sipp.stderr linked
 * from the batch) before the test is judged exactly as a test run alone.
 * Not batched (run alone as before): INVITE (its ACK/BYE scenario),
 * TLS, a URI with an empty ';' segment or a byte -inf cannot carry,
 * --no-batch, a suite whose setup failed, a group of fewer than 3 tests.
 *
 * The pilot.  The first test of a group runs alone, in its place (the
 * capability probe before it, as ever); only when its own run was clean
 * (below) does the rest of the group go out in one batch, right before
 * the group's second test is judged.  A silent, flooding or challenging
 * SUT thus costs one test's run, not a batch and every test again, and
 * a stop (a signal, --max-time) during a batch cuts the test about to
 * run, as it would without batches.
 *
 * Exactness (the fallback rule).  A batch only saves time; it never
 * decides a verdict the one-by-one path would not.  A test's batched
 * capture is used only when it is clean: every call has exactly one
 * final response, no 401/407 (nor a retry with credentials), nothing
 * unparsable, nothing cut, and its capture is trusted (run/case.c
 * txn_adopt).  A whole batch is dropped - every test of it runs alone -
 * when SIPp did not end with OK or CALLS_FAILED, a stop was requested,
 * the capture is not trusted (fault, forged frame, the flood cap), a
 * frame does not parse, has no Call-ID of this run, or a response matches
 * no request sent (in a run of its own the single exchange takes it),
 * a request went to another URI than its line of the -inf file says, or
 * SIPp logged anything but plain sent/received messages between them.
 * A test that is not clean is run alone through the one-by-one path,
 * so its verdict is the one-by-one verdict.
 *
 * -j N (opts.jobs): the rest of a group is cut into at least N slices,
 * run N at a time, a thread each around its SIPp run and split; the
 * batch numbers and result slots are taken in order beforehand, and the
 * tests are judged afterwards in suite order, so the reports are those
 * of -j 1.
 *
 * Known residual difference: a batch ends after the LAST call's linger
 * (scenarios/uac_request.xml); a later conflicting final to an earlier
 * call, sent after that, is not seen, where that test alone would have
 * lingered on its own response time.  Repeats go out concurrently (up to
 * --window), alone one after the other: the checks do not depend on it.
 *
 * Waves.  Right after a group's batch (before its second test is
 * judged), the follow hops of depth 1 ('follow: N') and the probes
 * ('probe_options', 'probe_allowed') its tests will send go out as
 * batches of their own: what each test sends depends only on its own
 * first final response (the Contacts of the first 3xx, the Allow of the
 * first 405, its Request-URI), read from what the batch captured
 * (run/case.c case_wave_reqs).  Grouped by shape like the first requests
 * (the method literal; a probe's request carries no headers or body),
 * two requests or more per run, no pilot (the group's first requests
 * were clean).  A test takes a wave's answer (batch_take_wave, in
 * txn_run) only when its own requests were adopted from the batch, for
 * the same label, URI and method it is about to send, and when the
 * answer is clean (one final, no 401/407, no 5xx); anything else runs
 * alone as before.  Hops of depth 2 and more depend on those answers:
 * they go out alone.  A wave's frames are written to <casedir>/<label>,
 * where a run alone would put them, when the test takes them (nothing
 * of a request it does not send).  A stop during a wave cuts the test
 * about to run.
 *
 * Evidence: <suite>/batch-N/ per SIPp run (messages.log, scenario.xml,
 * sipp.stderr, index.tsv: "FIRST-LAST<TAB>NNN-id<TAB>URI" per test, in a
 * wave "NNN-id/label"),
 * the -inf file removed when SIPp ends (it may hold the password).
 */
#ifndef SIPCONFORM_BATCH_H
#define SIPCONFORM_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pl.h"
#include "run/case.h"

/* Most calls in one SIPp run (sipp.c takes 10,000); a larger group is sliced. */
#define BATCH_MAX_CALLS 5000u

struct batch;
struct sipp_result;

/**
 * Group the tests of suite env->p.  *bp is always set (NULL on ENOMEM:
 * every test runs alone); nothing here changes a verdict: see above.
 */
void batch_plan(struct batch **bp, const struct case_env *env);
/**
 * Before case_run of case j (numbered env->index + 1): when j is the
 * first test after a clean pilot, run the rest of its group (in slices
 * of BATCH_MAX_CALLS) and split what SIPp captured into the tests'
 * directories.
 */
void batch_before(struct batch *b, struct case_env *env, size_t j);
/** After case_run of case j: a pilot's env->own_clean decides its group. */
void batch_after(struct batch *b, const struct case_env *env, size_t j);

/** How SIPp's batch run ended when it captured tc's own requests, else NULL. */
const struct sipp_result *batch_result(const struct batch *b, const struct tcase *tc);

/**
 * The bytes of tc's messages.log as the batch wrote it (malloc'ed, the
 * caller's now; NULL when none): read once more from memory, not disk.
 */
char *batch_take_log(struct batch *b, const struct tcase *tc, size_t *len);

/**
 * A follow hop or probe of tc that a wave (above) ran: the result of the
 * SIPp run, and the request's frames (*log malloc'ed, the caller's), when
 * the wave holds exactly this request (label, Request-URI, method); else
 * NULL (*log NULL).  Its evidence is written to dir (existing) as its
 * run alone leaves it (messages.log, scenario.xml, sipp.stderr).  Each
 * is taken once.
 */
const struct sipp_result *batch_take_wave(struct batch *b, const struct tcase *tc,
					  const char *label, const char *ruri, const char *method,
					  const char *dir, char **log, size_t *len);

/** The groups batch_plan found (a test's SIPp runs are not counted). */
size_t batch_ngroups(const struct batch *b);

struct batch *batch_free(struct batch *b);   /* NULL */

/** Can tc go into a batch at all (shape, transport, URI)? */
bool batch_eligible(const struct case_env *env, const struct tcase *tc);
/** Do a and b (both eligible) need the same scenario? */
bool batch_same(const struct case_env *env, const struct tcase *a, const struct tcase *b);
/** The ';' in uri, or -1 when a segment is empty or it holds a byte -inf cannot carry. */
int batch_uri_semis(const char *uri);
/** N of a Call-ID "N-PID@IP", 0 if it is not one. */
unsigned long batch_call_number(struct pl callid);

#endif
