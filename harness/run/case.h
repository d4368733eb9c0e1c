/*
 * case.h - run one test: its SIPp runs (the test's own requests, repeated;
 * the Contacts followed; the probes), the exchanges judged (judge/rule,
 * judge/cross), the verdict (judge/verdict), the evidence files and the
 * message labels (report/evidence), and the result handed to every
 * reporter.  The runner (runner.c) does the preflight and the loop.
 */
#ifndef SIPCONFORM_CASE_H
#define SIPCONFORM_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/opts.h"
#include "judge/cross.h"
#include "report/report.h"
#include "sipp/target.h"
#include "sipp/tls.h"
#include "suite/plan.h"
#include "suite/waiver.h"

/**
 * The capability probes of a run (case.c): one OPTIONS per target
 * (resolved address and port) and transport, sent before the first test
 * that uses that pair and kept for the rest of the run, its exchange the
 * evidence of the checks that read it (501-BUT-ALLOWED,
 * ALLOW-MATCHES-OPTIONS, NO-ANSWER).  Not a test: it has no verdict.
 */
struct case_probes;
struct case_probes *case_probes_new(void);             /* NULL: ENOMEM */
struct case_probes *case_probes_free(struct case_probes *pr); /* returns NULL */

struct batch;

/** What a test needs from the run; the runner fills it per suite. */
struct case_env {
	const struct opts *o;
	const struct plan *p;              /* the suite */
	const struct target_addr *target;  /* the suite's target, resolved in preflight */
	struct tls_tunnel *tunnel;         /* to the target, when a test of the suite runs over
					    * TLS (started in preflight); NULL: none */
	const char *scn_request;           /* SIPp scenarios (validated) */
	const char *scn_invite;
	const char *evidence;              /* evidence root */
	struct cross *cross;               /* suite-wide memory of the cross checks */
	struct case_probes *probes;        /* the run's probes; NULL: off ('probe: false') */
	struct waivers *waivers;           /* NULL: none */
	struct reporter *const *rep;       /* every reporter, fed in order */
	size_t nrep;
	size_t index;                      /* number of the last test run (evidence names) */
	bool env_stop;                     /* set: the environment stopped the run */
	const char *stopped_in;            /* set: the test a stop request (base/stop.h) cut short */
	const char *setup_error;           /* set: the suite's setup failed (run/setup.h); every
					    * test is an ERROR with this reason, nothing is sent */
	struct batch *batch;               /* the suite's batched first requests (run/batch.h);
					    * NULL: every test runs alone */
	bool own_clean;                    /* set by case_run: the test's own requests were
					    * answered cleanly (one final each, no challenge, a
					    * trusted capture, SIPp OK): batch.h's pilot */
};

struct sipp_job;
/**
 * The SIPp job of a request of env's suite over transport tr: SIPp, the
 * scenario for method, the evidence directory dir, the target (over TLS
 * the tunnel's loopback end, SIPp speaking TCP to it), the timeout.  The
 * caller adds keys, calls, rate, linger.  EINVAL: TLS without a tunnel.
 */
int case_job(struct sipp_job *job, const struct case_env *env, enum transport tr,
	     const char *method, const char *dir);

struct expect;
/** What tc expects of every response, for rule_judge (judge/rule.h): borrowed from tc. */
void case_expect(struct expect *exp, const struct tcase *tc);

/** The transport of tc: its own, else --transport, else the suite's, else UDP. */
enum transport case_transport(const struct opts *o, const struct plan *p,
			      const struct tcase *tc);

/**
 * Run test tc of env->p and report it; env->index counts it.  A test
 * whose SIPp run was cut short by a stop request (a signal, --max-time)
 * is not reported: env->stopped_in names it.
 */
void case_run(struct case_env *env, const struct tcase *tc);

/**
 * The credentials for a request: own when it has a user (a test's or a
 * setup step's, already defaulted to the suite's), else the command
 * line's (--auth-user, --auth-password-env), else none (user NULL).
 * Strings are borrowed.
 */
void case_creds(struct plan_auth *out, const struct case_env *env, const struct plan_auth *own);

/** A follow hop or probe a test will send (run/batch.h waves); strings owned. */
struct case_wreq {
	char label[64];                    /* txn label: "follow 1.2", "probe OPTIONS" */
	char *ruri;
	char *method;
};

/**
 * The follow hops of depth 1 and the probes test tc sends when its own
 * requests are answered as log (len bytes: its messages.log as a batch
 * split it) holds: read off the first final of the expected code, as
 * case_run reads it.  Nothing when that capture would not be adopted
 * (not clean).  A prediction only: a test takes a wave's answer for the
 * very request it sends (same label, URI, method), else sends it alone.
 * *out malloc'ed (NULL when *n is 0).  @return 0, ENOMEM
 */
int case_wave_reqs(const struct case_env *env, const struct tcase *tc, const char *log,
		   size_t len, struct case_wreq **out, size_t *n);

struct xchg;
/**
 * When x's final is a 401/407: true with the reason in out, "credentials
 * rejected (a second 401)" after a retry with credentials, "challenged
 * (401) and no credentials were given" when creds is false.
 */
bool case_challenge_reason(const struct xchg *x, bool creds, char *out, size_t size);

#endif
