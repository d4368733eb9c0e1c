/*
 * case.c - one test (see case.h):
 *
 *   SIPp run (sipp_run) -> capture (judge/xchg) -> exchanges -> check
 *   results (rule_judge, then the cross checks over repeats, the suite,
 *   follow hops and probes) -> verdict (judge/verdict) -> reporters.
 *
 * SIPp's exit status never decides a verdict: it only explains a missing
 * answer.  Whatever could not be judged is collected in one "why" line
 * (the ERROR message); a problem of the environment (SIPp missing, a port
 * taken, no evidence directory) also stops the run.
 */
#include "run/case.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/file.h"
#include "base/monotime.h"
#include "base/stop.h"
#include "judge/rule.h"
#include "judge/verdict.h"
#include "judge/expect.h"
#include "judge/xchg.h"
#include "report/evidence.h"
#include "run/batch.h"
#include "run/load.h"
#include "sip/msg.h"
#include "sipp/scnwrite.h"
#include "sipp/sipp.h"
#include "sipp/value.h"

/* One SIPp run inside a test: the test's own requests, a follow hop or a probe. */
struct txn {
	char dir[1400];
	char label[64];            /* "", "follow 1.1", "probe OPTIONS" */
	bool deferred;             /* adopted from a batch: dir is not made yet; the
				    * bytes are in the batch's directory (batch.h) and
				    * in memory, written per test only if it does not pass */
	char batch_dir[1024];      /* deferred: the batch's directory */
	struct sipp_result sr;
	struct xchg_capture cap;
	struct xchg *x;
	size_t nx;
};

#define CASE_MAX_TXN 24

/* One test while it runs. */
struct case_ctx {
	struct case_env *env;
	const struct tcase *tc;
	enum transport tr;
	char casedir[1400];
	char evdir[1400];          /* where the reports say the evidence is */
	char why[700];             /* accumulated "could not judge" reasons */
	struct check_result *res;
	size_t nres;
	struct txn txn[CASE_MAX_TXN];
	size_t ntxn;
	bool stopped;              /* a stop request cut a SIPp run short: not reported */
	struct xchg_budget keep;   /* what the test may still keep of SIPp's logs */
	struct probe *probe;       /* the capability probe of target and transport; NULL: off */
	bool used_probe;           /* a check read it: its exchange is evidence of this test */
	struct plan_auth creds;    /* the test's, else the command line's; user NULL: none
				    * (borrowed strings) */
	bool creds_rejected;       /* a retry with credentials was challenged again */
	bool adopted;              /* its own requests were taken from a batch: so may its
				    * follow hops and probes be, from a wave (run/batch.h) */
};

/* The capability probe of one target and transport (case.h). */
struct probe {
	char remote[128];          /* the target: resolved address, port, transport */
	uint16_t port;
	enum transport tr;
	char uri[160];             /* sip:HOST:PORT, IPv6 in brackets */
	bool has_txn;              /* SIPp ran: t holds what it captured */
	struct txn t;
	const struct sipmsg *final; /* its final response (inside t); NULL: none */
	char why[300];             /* why final is NULL */
};

struct case_probes {
	struct probe **v;
	size_t n;
};

static void txn_free(struct txn *t)
{
	free(t->x);
	xchg_capture_free(&t->cap);
}

static void case_ctx_free(struct case_ctx *cx)
{
	size_t i;

	for (i = 0; i < cx->ntxn; i++)
		txn_free(&cx->txn[i]);
	free(cx->res);
}

static void why_add(struct case_ctx *cx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Add a reason the test could not be (fully) judged: it makes an ERROR. */
static void why_add(struct case_ctx *cx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vappend(cx->why, sizeof(cx->why), fmt, ap);
	va_end(ap);
}

static void case_cross(struct case_ctx *cx, enum rule_id id, int ok, struct pl ev,
		       struct pl msg, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* A cross-request result that could not be recorded (ENOMEM, a bad id)
 * must not vanish: the test cannot be judged, an ERROR. */
static void cross_err(struct case_ctx *cx, int err)
{
	if (err)
		why_add(cx, "cannot record a cross-request check: %s", err_str(err));
}

/*
 * The one place results of the runner's own cross checks (the requests
 * it sends for follow and the probes) are written: ok 1 passed, 0 failed
 * (or warns, as the rule says), -1 not applicable.
 */
static void case_cross(struct case_ctx *cx, enum rule_id id, int ok, struct pl ev,
		       struct pl msg, const char *fmt, ...)
{
	char reason[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (ok < 0)
		cross_err(cx, cross_na(&cx->res, &cx->nres, id, reason));
	else
		cross_err(cx, cross_result(&cx->res, &cx->nres, id, ok, ev, msg, "%s", reason));
}

struct case_probes *case_probes_new(void)
{
	return calloc(1, sizeof(struct case_probes));
}

struct case_probes *case_probes_free(struct case_probes *pr)
{
	size_t i;

	if (!pr)
		return NULL;
	for (i = 0; i < pr->n; i++) {
		if (pr->v[i]->has_txn)
			txn_free(&pr->v[i]->t);
		free(pr->v[i]);
	}
	free(pr->v);
	free(pr);
	return NULL;
}

int case_job(struct sipp_job *job, const struct case_env *env, enum transport tr,
	     const char *method, const char *dir)
{
	memset(job, 0, sizeof(*job));
	job->sipp = env->o->sipp;
	job->scenario = strcmp(method, "INVITE") == 0 ? env->scn_invite : env->scn_request;
	job->dir = dir;
	job->remote_host = env->target->remote;
	job->remote_port = env->target->port;
	job->local_ip = env->target->local;
	job->transport = tr;
	job->timeout_s = env->o->timeout_s;
	if (tr == TRANSPORT_TLS) {      /* TCP to the tunnel's loopback end */
		if (!env->tunnel)
			return EINVAL;
		job->remote_host = tls_local_host(env->tunnel);
		job->remote_port = tls_local_port(env->tunnel);
		job->local_ip = NULL;
	}
	return 0;
}

void case_expect(struct expect *exp, const struct tcase *tc)
{
	memset(exp, 0, sizeof(*exp));
	exp->code = tc->expect;
	exp->contacts = (const char *const *)tc->contacts;
	exp->ncontacts = tc->ncontacts;
	exp->allow = (const char *const *)tc->allow;
	exp->nallow = tc->nallow;
	exp->has_allow = tc->has_allow;
}

/* Test, then command line, then suite; UDP when nobody says. */
enum transport case_transport(const struct opts *o, const struct plan *p,
			      const struct tcase *tc)
{
	if (tc->transport != TRANSPORT_DEFAULT)
		return tc->transport;
	if (o->transport != TRANSPORT_DEFAULT)
		return o->transport;
	if (p->target.transport != TRANSPORT_DEFAULT)
		return p->target.transport;
	return TRANSPORT_UDP;
}

void case_creds(struct plan_auth *out, const struct case_env *env, const struct plan_auth *own)
{
	const struct opts *o = env->o;

	memset(out, 0, sizeof(*out));
	if (own && own->user)
		*out = *own;
	else if (o->auth_user && o->auth_password_env) {
		out->user = (char *)o->auth_user;
		out->password_env = (char *)o->auth_password_env;
	}
}

/*
 * The shape of a request of this test (sipp/scnwrite.h): the test's own
 * method gets its headers and body; the probes (other methods) only the
 * credentials, From and To; the capability probe (no test) nothing.
 */
static void txn_shape(const struct case_ctx *cx, const char *method, struct scnwrite_shape *sh)
{
	const struct tcase *tc = cx->tc;

	memset(sh, 0, sizeof(*sh));
	sh->auth = cx->creds.user != NULL;
	if (!tc)                /* the capability probe: a plain OPTIONS */
		return;
	sh->from = tc->from;
	sh->to = tc->to;
	if (strcmp(method, tc->method) == 0) {
		sh->headers = tc->headers;
		sh->nheaders = tc->nheaders;
		sh->body = tc->body;
		sh->content_type = tc->content_type;
	}
}

/*
 * TLS: what the tunnel saw during the SIPp run just ended.  A failed
 * handshake (or TCP connect) of stunnel makes the test an ERROR in its
 * words; a tunnel that died stops the run.
 */
static void txn_tls_check(struct case_ctx *cx, const char *label)
{
	char why[400];
	int err = tls_check(cx->env->tunnel, why, sizeof(why));

	if (!err)
		return;
	why_add(cx, "%s%sTLS: %s", label, label[0] ? ": " : "",
		why[0] ? why : err_str(err));
	if (err == ESRCH || err == EINVAL)
		cx->env->env_stop = true;
}

/*
 * Send `calls` fresh `method` requests to ruri through SIPp and read back
 * the exchanges.  Returns 0 with *tp when SIPp ran (answers or not);
 * otherwise the error is in why (and env_stop is set when the
 * environment is at fault).
 */
static int txn_adopt_wave(struct case_ctx *cx, const char *label, const char *ruri,
			  const char *method, struct txn **tp);

static int txn_run(struct case_ctx *cx, const char *label, const char *ruri,
		   const char *method, unsigned calls, struct txn **tp)
{
	struct case_env *env = cx->env;
	struct sipp_key keys[2];
	struct sipp_job job;
	char untrusted[900], why[700];
	struct scnwrite_shape sh;
	bool ran;
	const char *w = NULL;
	struct txn *t;
	int err;

	*tp = NULL;
	if (cx->stopped || stop_requested()) {
		cx->stopped = true;
		return ECANCELED;
	}
	if (cx->ntxn >= CASE_MAX_TXN) {
		why_add(cx, "%s: too many requests in one test", label);
		return E2BIG;
	}
	/* A follow hop or probe a wave sent already (run/batch.h). */
	if (label[0] && cx->adopted && calls == 1 && txn_adopt_wave(cx, label, ruri, method, tp) == 0)
		return 0;
	t = &cx->txn[cx->ntxn++];
	snprintf(t->label, sizeof(t->label), "%s", label);
	err = evidence_run_dir(t->dir, sizeof(t->dir), cx->casedir, label);
	if (err) {
		why_add(cx, "cannot create evidence directory %s: %s", t->dir, strerror(err));
		env->env_stop = true;
		return err;
	}
	keys[0].name = "ruri";
	keys[0].value = ruri;
	keys[1].name = "method";
	keys[1].value = method;
	if (case_job(&job, env, cx->tr, method, t->dir) != 0) {
		why_add(cx, "%s%sno TLS tunnel to the target", label, label[0] ? ": " : "");
		env->env_stop = true;
		return EINVAL;
	}
	job.keys = keys;
	job.nkeys = 2;
	job.calls = calls;
	/* Only the test's own requests have their later finals judged. */
	job.linger_ms = cx->tr == TRANSPORT_UDP && !label[0] ? XCHG_LINGER_UDP_MS : 0;
	txn_shape(cx, method, &sh);
	err = scnwrite_run(&t->sr, &job, &sh, &cx->creds, &ran, why, sizeof(why));
	if (err && !ran) {
		why_add(cx, "%s%s%s", label, label[0] ? ": " : "", why);
		return err;
	}
	/* SIPp may have been killed for the stop: what it logged proves nothing. */
	if (stop_requested()) {
		cx->stopped = true;
		return ECANCELED;
	}
	if (!err && cx->tr == TRANSPORT_TLS)
		txn_tls_check(cx, label);
	if (err) {
		why_add(cx, "%s%scannot run SIPp: %s", label, label[0] ? ": " : "", err_str(err));
		if (err == ENOENT)
			env->env_stop = true;
		return err;
	}
	if (t->sr.status == SIPP_EXIT_BIND || t->sr.status == SIPP_EXIT_NOT_FOUND) {
		why_add(cx, "SIPp %s: %s", sipp_status_str(t->sr.status), t->sr.err_tail);
		env->env_stop = true;
		return EADDRINUSE;
	}
	if (t->sr.status == SIPP_EXIT_CONN_REFUSED) {   /* nothing sent: the log holds only SIPp's noise */
		why_add(cx, "%s%s%s", label, label[0] ? ": " : "", t->sr.detail);
		return ECONNREFUSED;
	}
	err = xchg_capture_load_kept(&t->cap, t->sr.log_path, &cx->keep, &w);
	if (!err && !xchg_capture_trusted(&t->cap, untrusted, sizeof(untrusted)))
		why_add(cx, "%s%s%s", label, label[0] ? ": " : "", untrusted);
	else if (!err && t->sr.status == SIPP_EXIT_FLOOD) {
		/* SIPp was killed at its log cap before the test's own budget
		 * ran out: name the flood with the counts. */
		xchg_capture_sent(&t->cap, untrusted, sizeof(untrusted));
		why_add(cx, "%s%s%s: %s", label, label[0] ? ": " : "", untrusted, t->sr.detail);
	}
	if (!err)
		err = xchg_build(&t->x, &t->nx, &t->cap, method);
	if (err) {
		why_add(cx, "%s: %s", w ? w : "reading the message log", err_str(err));
		return err;
	}
	*tp = t;
	return 0;
}

/*
 * Is t, the test's own run of `calls` requests, clean: `calls` exchanges,
 * each with one final response that is no 401/407 and no 5xx but the
 * expected one (a 500/503 may be the batch's load, not the SUT's answer
 * to this request), no retry with credentials, nothing unparsable or
 * cut, the capture trusted?  (What a batch may stand in for, run/batch.h.)
 */
static bool txn_clean(const struct txn *t, unsigned calls, unsigned expect)
{
	char why[64];
	size_t i;

	if (!t->cap.log || !xchg_capture_trusted(&t->cap, why, sizeof(why)) ||
	    t->cap.log->capped || t->nx != calls)
		return false;
	for (i = 0; i < t->nx; i++) {
		const struct xchg *x = &t->x[i];

		if (!x->final || x->nfinal != 1 || x->bad[0] || x->cut || x->challenge ||
		    x->final->scode == 401 || x->final->scode == 407 ||
		    (x->final->scode >= 500 && x->final->scode != expect))
			return false;
	}
	return true;
}

/*
 * A request run of cx (label: "" its own requests, else a follow hop or
 * probe) as a batch captured it (run/batch.h): its frames, split out of
 * the batch's log (buf, owned from now on; NULL: read its directory's
 * messages.log), read exactly as txn_run reads a log of its own.  The
 * own requests' files are written only if needed (case_evidence_dir); a
 * wave's are in <casedir>/<label> already (batch_take_wave).  Taken only when clean (txn_clean; expect 0: no 5xx at all).
 * Otherwise ENOENT with nothing kept (the budget restored): the caller
 * sends it alone, which gives the one-by-one verdict.
 */
static int txn_adopt(struct case_ctx *cx, const struct sipp_result *bsr, const char *label,
		     const char *method, unsigned calls, unsigned expect, char *buf, size_t len,
		     struct txn **tp)
{
	struct xchg_budget keep = cx->keep;
	struct txn *t = &cx->txn[cx->ntxn];
	const char *w = NULL;
	char dir[sizeof(t->dir)];

	if (cx->ntxn >= CASE_MAX_TXN) {
		free(buf);
		return E2BIG;
	}
	if (!label[0])
		snprintf(dir, sizeof(dir), "%s", cx->casedir);
	else if (evidence_run_dir(dir, sizeof(dir), cx->casedir, label)) {
		free(buf);
		return ENOENT;
	}
	memset(t, 0, sizeof(*t));
	snprintf(t->label, sizeof(t->label), "%s", label);
	memcpy(t->dir, dir, sizeof(dir));
	if (!label[0]) {        /* the test's own: its files only if needed (case_evidence_dir) */
		t->deferred = true;
		snprintf(t->batch_dir, sizeof(t->batch_dir), "%s", bsr->log_path);
		if (strrchr(t->batch_dir, '/'))
			*strrchr(t->batch_dir, '/') = '\0';
	}
	t->sr.status = SIPP_EXIT_OK;    /* what a run of these calls alone ends with */
	t->sr.pid = bsr->pid;
	if (bsr->status == SIPP_EXIT_OK)
		snprintf(t->sr.err_tail, sizeof(t->sr.err_tail), "%s", bsr->err_tail);
	snprintf(t->sr.log_path, sizeof(t->sr.log_path), "%s/messages.log", dir);
	snprintf(t->sr.err_path, sizeof(t->sr.err_path), "%s/sipp.stderr", dir);
	if ((buf ? xchg_capture_parse_kept(&t->cap, buf, len, &cx->keep, &w) :
		   xchg_capture_load_kept(&t->cap, t->sr.log_path, &cx->keep, &w)) != 0 ||
	    xchg_build(&t->x, &t->nx, &t->cap, method) != 0 || !txn_clean(t, calls, expect)) {
		txn_free(t);
		memset(t, 0, sizeof(*t));
		cx->keep = keep;
		return ENOENT;
	}
	cx->ntxn++;
	*tp = t;
	return 0;
}

/*
 * The test's own requests from its batch (txn_adopt); marks cx adopted.
 * A stop requested since (during a wave, batch.h) cuts this test, as a
 * run of its own would be cut.
 */
static int txn_adopt_own(struct case_ctx *cx, const struct sipp_result *bsr, unsigned calls,
			 struct txn **tp)
{
	size_t len = 0;
	char *buf;
	int err;

	if (cx->stopped || stop_requested()) {
		cx->stopped = true;
		return ECANCELED;
	}
	buf = batch_take_log(cx->env->batch, cx->tc, &len);
	err = txn_adopt(cx, bsr, "", cx->tc->method, calls, cx->tc->expect, buf, len, tp);

	cx->adopted = err == 0;
	return err;
}

/*
 * A follow hop or probe from the wave that sent it already (txn_adopt);
 * when not taken, its directory is emptied of the wave's files for the
 * run alone.
 */
static int txn_adopt_wave(struct case_ctx *cx, const char *label, const char *ruri,
			  const char *method, struct txn **tp)
{
	char dir[1400], *buf = NULL;
	size_t len = 0;
	const struct sipp_result *bsr;
	int err;

	if (evidence_run_dir(dir, sizeof(dir), cx->casedir, label))
		return ENOENT;
	bsr = batch_take_wave(cx->env->batch, cx->tc, label, ruri, method, dir, &buf, &len);
	if (!bsr)
		return ENOENT;
	err = txn_adopt(cx, bsr, label, method, 1, 0, buf, len, tp);
	if (err)
		file_clear_dir(dir);
	return err;
}

/* The final response of exchange x of t, or NULL with the reason added as "what: ...". */
static const struct sipmsg *txn_final_of(struct case_ctx *cx, const struct txn *t,
					 const struct xchg *x, const char *what)
{
	char why[400];
	const struct sipmsg *f = xchg_final(x, t->sr.status, cx->env->o->timeout_s, why,
					    sizeof(why));

	if (!f)
		why_add(cx, "%s: %s", what, why);
	return f;
}

/* The final response to a txn that sent one request. */
static const struct sipmsg *txn_final(struct case_ctx *cx, const struct txn *t,
				      const char *what)
{
	return txn_final_of(cx, t, t->nx ? &t->x[0] : NULL, what);
}

/*
 * Run probe pr (new) with cx's environment and transport: one OPTIONS to
 * pr->uri, its evidence under <suite>/000-probe-<transport>.  Problems
 * are pr->why, not the test's (the probe has no verdict), except a stop
 * request (cx->stopped) and a broken environment (env_stop).
 */
static void probe_run(struct case_ctx *cx, struct probe *pr)
{
	struct case_ctx *pc = calloc(1, sizeof(*pc));
	struct txn *t = NULL;
	char name[32];

	if (!pc) {
		snprintf(pr->why, sizeof(pr->why), "out of memory");
		return;
	}
	pc->env = cx->env;
	pc->tr = pr->tr;
	xchg_budget_init(&pc->keep);     /* the probe keeps what a test keeps */
	snprintf(name, sizeof(name), "probe-%s", transport_name(pr->tr));
	evidence_case_dir(pc->casedir, sizeof(pc->casedir), cx->env->evidence,
			  cx->env->p->name, 0, name);
	/* Label "" empties the directory of an earlier run's files. */
	if (txn_run(pc, "", pr->uri, "OPTIONS", 1, &t) == 0 && t)
		pr->final = txn_final_of(pc, t, t->nx ? &t->x[0] : NULL, "OPTIONS");
	if (pc->ntxn) {         /* whatever it captured is evidence */
		pr->t = pc->txn[0];
		snprintf(pr->t.label, sizeof(pr->t.label), "capability probe");
		pr->has_txn = true;
		pc->ntxn = 0;
	}
	if (!pr->final)
		snprintf(pr->why, sizeof(pr->why), "%s", pc->why[0] ? pc->why : "no answer");
	cx->stopped = pc->stopped;
	case_ctx_free(pc);
	free(pc);
}

/*
 * The capability probe of the test's target and transport, run now if it
 * is the first use of that pair; NULL when the suite turned it off, a
 * stop request cut it short, or ENOMEM (added to the test's why: ERROR).
 */
static struct probe *probe_get(struct case_ctx *cx)
{
	struct case_probes *ps = cx->env->probes;
	const struct target_addr *ta = cx->env->target;
	struct probe *pr, **nv;
	size_t i;

	if (!ps)
		return NULL;
	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i]->remote, ta->remote) == 0 && ps->v[i]->port == ta->port &&
		    ps->v[i]->tr == cx->tr)
			return ps->v[i];
	pr = calloc(1, sizeof(*pr));
	nv = pr ? realloc(ps->v, (ps->n + 1) * sizeof(*nv)) : NULL;
	if (!nv) {
		free(pr);
		why_add(cx, "capability probe: out of memory");
		return NULL;
	}
	ps->v = nv;
	snprintf(pr->remote, sizeof(pr->remote), "%s", ta->remote);
	pr->port = ta->port;
	pr->tr = cx->tr;
	snprintf(pr->uri, sizeof(pr->uri), strchr(ta->remote, ':') ? "sip:[%s]:%u" : "sip:%s:%u",
		 ta->remote, (unsigned)ta->port);
	probe_run(cx, pr);
	if (cx->stopped) {      /* cut short: not a probe to keep */
		if (pr->has_txn)
			txn_free(&pr->t);
		free(pr);
		return NULL;
	}
	ps->v[ps->n++] = pr;
	return pr;
}

/*
 * RFC 3261 §17.1.1.2 / §17.1.2.2: exchange x of the test's own run got
 * no final response and nothing unparsable.  When the capability probe
 * of this target got one, the SUT is alive and silent to this request: a
 * FAIL of NO-ANSWER (true).  Otherwise (no probe, the probe got nothing
 * either, SIPp did not end as a timeout ends) false: the caller makes it
 * an ERROR, unreachable as before.
 */
static bool case_no_answer(struct case_ctx *cx, const struct txn *t, const struct xchg *x,
			   const char *what)
{
	const struct probe *pr = cx->probe;
	char why[400];

	if (x->final || x->bad[0] || !pr || !pr->final)
		return false;
	if (t->sr.status != SIPP_EXIT_OK && t->sr.status != SIPP_EXIT_CALLS_FAILED &&
	    t->sr.status != SIPP_EXIT_OVERRUN)
		return false;
	xchg_final(x, t->sr.status, cx->env->o->timeout_s, why, sizeof(why));
	cx->used_probe = true;
	case_cross(cx, RULE_NO_ANSWER, 0, x->req->start_line, x->req->raw,
		   "%s: %s, from a SUT that answered the capability probe (OPTIONS %s: %u)",
		   what, why, pr->uri, pr->final->scode);
	return true;
}

/*
 * Every 405 and 501 of the test's own run against the capability probe:
 * the first 501 must not refuse a method the probe's Allow lists
 * (501-BUT-ALLOWED); the Allow of the first 405 must equal the probe's
 * (ALLOW-MATCHES-OPTIONS) when the test's Request-URI is the probe's own
 * (sip:HOST:PORT, §19.1.4), unless the test sends its own OPTIONS to the
 * same Request-URI ('probe_options').  Off, or no comparison possible:
 * NA, with the reason.
 */
static void case_vs_probe(struct case_ctx *cx, const struct txn *t)
{
	const struct tcase *tc = cx->tc;
	const struct sipmsg *f405 = NULL, *f501 = NULL;
	const struct sipmsg *opt = cx->probe ? cx->probe->final : NULL;
	const char *off = "the capability probe is off (probe: false)";
	char why[400];
	size_t i;

	for (i = 0; i < t->nx; i++) {
		const struct sipmsg *f = t->x[i].final;

		if (f && f->scode == 405 && !f405)
			f405 = f;
		if (f && f->scode == 501 && !f501)
			f501 = f;
	}
	if (cx->probe && !opt)
		snprintf(why, sizeof(why), "capability probe: OPTIONS %s: %s", cx->probe->uri,
			 cx->probe->why);
	if (f501) {
		if (!cx->probe || !opt)
			case_cross(cx, RULE_501_BUT_ALLOWED, -1, PL_NULL, PL_NULL, "%s",
				   cx->probe ? why : off);
		else {
			cx->used_probe = true;
			cross_err(cx, cross_501_allowed(&cx->res, &cx->nres, tc->method, f501, opt));
		}
	}
	if (f405 && !(tc->probe_options && expect_key_allowed(expect_find(tc->expect),
							      "probe_options"))) {
		struct cross_set as;
		char *pu = cx->probe ? cx->probe->uri : NULL;

		if (!cx->probe || !opt)
			case_cross(cx, RULE_ALLOW_MATCHES_OPTIONS, -1, PL_NULL, PL_NULL, "%s",
				   cx->probe ? why : off);
		else if (!cross_set_has_uri(&(struct cross_set){ .v = &pu, .n = 1, .present = true },
					    tc->request_uri))
			/* §21.4.6: Allow is "for the indicated address"; another may differ. */
			case_cross(cx, RULE_ALLOW_MATCHES_OPTIONS, -1, PL_NULL, PL_NULL,
				   "capability probe: it asked %s, not the Request-URI %s, and Allow "
				   "is per address (§21.4.6): nothing to compare (use probe_options)",
				   pu, tc->request_uri);
		else if (cross_set_allow(&as, f405) == 0) {
			cx->used_probe = true;
			cross_err(cx, cross_allow_options(&cx->res, &cx->nres, &as, opt,
							  "capability probe: "));
			cross_set_clear(&as);
		} else
			why_add(cx, "cannot collect the Allow set of the 405: %s", err_str(ENOMEM));
	}
}

/*
 * §8.1.3.4: the target to retry is the Contact URI without a method
 * parameter and without headers.  Copies into out; false if nothing safe
 * to send remains.
 */
static bool follow_target(const char *uri, char *out, size_t size)
{
	struct sipuri u;
	size_t i, l, at;
	const char *why;

	if (sipuri_parse(&u, pl_from(uri), NULL) || !u.is_sip)
		return false;
	/* Everything before the first ';' or '?' after the host part. */
	l = (size_t)((u.port.l ? u.port.p + u.port.l : u.host.p + u.host.l) - u.raw.p);
	if (l >= size)
		return false;
	memcpy(out, u.raw.p, l);
	out[l] = '\0';
	for (i = 0; i < u.nparams; i++) {
		size_t ol = strlen(out);

		if (pl_caseeq_str(u.params[i].name, "method"))
			continue;
		snprintf(out + ol, size - ol, ";%.*s%s%.*s", PL_FMT(u.params[i].name),
			 u.params[i].has_val ? "=" : "", PL_FMT(u.params[i].val));
	}
	return sipp_value_safe(out, &why, &at);
}

#define FOLLOW_MAX_URIS 32

/* The addresses seen while following, each with the one it came from. */
struct follow {
	char *seen[FOLLOW_MAX_URIS];
	int parent[FOLLOW_MAX_URIS];
	size_t n;
};

static void follow_add(struct follow *fw, const char *uri, int parent)
{
	if (fw->n >= FOLLOW_MAX_URIS)
		return;
	fw->seen[fw->n] = strdup(uri);
	fw->parent[fw->n++] = parent;
}

static bool follow_seen(struct follow *fw, const char *uri)
{
	size_t k;

	for (k = 0; k < fw->n; k++)
		if (fw->seen[k] && cross_set_has_uri(&(struct cross_set){ .v = &fw->seen[k], .n = 1, .present = true }, uri))
			return true;
	return false;
}

/* "R-URI -> ... -> seen[i] -> back" into chain. */
static void follow_chain(const struct follow *fw, size_t i, const char *back, char *chain,
			 size_t size)
{
	size_t path[FOLLOW_MAX_URIS], np = 0, q, l;
	int c = (int)i;

	while (c >= 0 && np < FOLLOW_MAX_URIS) {
		path[np++] = (size_t)c;
		c = fw->parent[c];
	}
	for (q = np; q-- > 0;) {
		l = strlen(chain);
		snprintf(chain + l, size - l, "%s -> ", fw->seen[path[q]]);
	}
	l = strlen(chain);
	snprintf(chain + l, size - l, "%s", back);
}

/*
 * catalogue item 34: follow each Contact up to tc->follow hops, breadth first;
 * a Contact that leads back into {Request-URI, Contacts seen} is a cycle.
 */
static void case_follow(struct case_ctx *cx, const struct cross_set *first,
			const struct sipmsg *first_msg)
{
	const struct tcase *tc = cx->tc;
	struct case_env *env = cx->env;
	struct follow fw;
	size_t lo, hi, depth, i, j, hops = 0, again = 0;
	char chain[600] = "";
	bool cycle = false;
	struct pl ev = PL_NULL, evmsg = PL_NULL;

	memset(&fw, 0, sizeof(fw));
	follow_add(&fw, tc->request_uri, -1);
	for (i = 0; i < first->n; i++)
		follow_add(&fw, first->v[i], 0);
	lo = 1;
	hi = fw.n;
	for (depth = 1; depth <= tc->follow && lo < hi && !cycle && !env->env_stop; depth++) {
		for (i = lo; i < hi && !cycle && !env->env_stop; i++) {
			char target[1100], label[64];
			struct txn *t = NULL;
			const struct sipmsg *f;
			struct cross_set cs;

			if (!fw.seen[i] || !follow_target(fw.seen[i], target, sizeof(target))) {
				why_add(cx, "cannot follow Contact '%s': not a SIP URI that can be sent safely",
					fw.seen[i] ? fw.seen[i] : "?");
				continue;
			}
			snprintf(label, sizeof(label), "follow %zu.%zu", depth, i - lo + 1);
			if (txn_run(cx, label, target, tc->method, 1, &t) || !t)
				continue;
			hops++;
			f = txn_final(cx, t, label);
			if (!f || f->scode < 300 || f->scode > 399)
				continue;
			again++;
			if (cross_set_contacts(&cs, f))
				continue;
			for (j = 0; j < cs.n && !cycle; j++) {
				if (follow_seen(&fw, cs.v[j])) {
					const struct siphdr *h = sipmsg_hdr(f, SIPHDR_CONTACT);

					follow_chain(&fw, i, cs.v[j], chain, sizeof(chain));
					cycle = true;
					ev = h ? h->row : f->start_line;
					evmsg = f->raw;
				} else
					follow_add(&fw, cs.v[j], (int)i);
			}
			cross_set_clear(&cs);
		}
		lo = hi;
		hi = fw.n;
	}
	if (cycle)
		case_cross(cx, RULE_NO_REDIRECT_LOOP, 0, ev, evmsg, "redirect cycle: %s", chain);
	else if (hops == 0)
		case_cross(cx, RULE_NO_REDIRECT_LOOP, -1, PL_NULL, PL_NULL,
			   "no Contact could be followed");
	else {
		const struct siphdr *h = first_msg ? sipmsg_hdr(first_msg, SIPHDR_CONTACT) : NULL;

		case_cross(cx, RULE_NO_REDIRECT_LOOP, 1, h ? h->row : PL_NULL,
			   first_msg ? first_msg->raw : PL_NULL,
			   "followed %zu address(es) up to %u hop(s): no redirect back into "
			   "{Request-URI, Contacts seen}%s", hops, tc->follow,
			   again ? " (a new address redirected again, without a cycle)" : "");
	}
	for (i = 0; i < fw.n; i++)
		free(fw.seen[i]);
}

/* Methods a 405 probe may send out of dialog without changing SUT state. */
static bool probe_safe(struct pl m)
{
	static const char *const safe[] = { "OPTIONS", "MESSAGE", "INFO", "BYE", "UPDATE", "PRACK" };
	size_t i;

	for (i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		if (pl_eq_str(m, safe[i]))
			return true;
	return false;
}

/* catalogue item 44: the 405's Allow against the Allow of a 200 to OPTIONS. */
static const struct sipmsg *probe_options(struct case_ctx *cx, const struct cross_set *allow)
{
	const struct sipmsg *f;
	struct txn *t = NULL;

	if (txn_run(cx, "probe OPTIONS", cx->tc->request_uri, "OPTIONS", 1, &t) || !t ||
	    !(f = txn_final(cx, t, "probe OPTIONS")))
		return NULL;
	cross_err(cx, cross_allow_options(&cx->res, &cx->nres, allow, f, ""));
	return f;
}

/* catalogue item 44 and "allowed methods are not refused". */
static void case_probes(struct case_ctx *cx, const struct cross_set *allow)
{
	const struct tcase *tc = cx->tc;
	const struct sipmsg *opt_final = NULL;
	size_t i;

	if (tc->probe_options)
		opt_final = probe_options(cx, allow);
	if (!tc->probe_allowed)
		return;
	for (i = 0; i < allow->n && !cx->env->env_stop; i++) {
		struct pl m = pl_from(allow->v[i]);
		const struct sipmsg *f = NULL;
		char label[64];
		struct txn *t = NULL;

		if (!probe_safe(m) || strcmp(allow->v[i], tc->method) == 0)
			continue;
		if (pl_eq_str(m, "OPTIONS") && opt_final)
			f = opt_final;
		else {
			snprintf(label, sizeof(label), "probe %s", allow->v[i]);
			if (txn_run(cx, label, tc->request_uri, allow->v[i], 1, &t) || !t)
				continue;
			f = txn_final(cx, t, label);
		}
		if (!f)
			continue;
		case_cross(cx, RULE_ALLOWED_NOT_REFUSED, f->scode != 405, f->start_line, f->raw,
			   "Allow of the 405 lists %s; %s to the same URI got %u%s", allow->v[i],
			   allow->v[i], f->scode, f->scode == 405 ? " (refused)" : "");
	}
}

/* Append one request to the wave list; false: out of memory. */
static bool wreq_add(struct case_wreq **v, size_t *n, const char *label, const char *ruri,
		     const char *method)
{
	struct case_wreq *nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (!nv)
		return false;
	*v = nv;
	snprintf(nv[*n].label, sizeof(nv[*n].label), "%s", label);
	nv[*n].ruri = strdup(ruri);
	nv[*n].method = strdup(method);
	if (!nv[*n].ruri || !nv[*n].method) {
		free(nv[*n].ruri);
		free(nv[*n].method);
		return false;
	}
	(*n)++;
	return true;
}

/*
 * What case_follow (depth 1) and case_probes send after the first
 * exchange of the expected code whose set (first) was read: the same
 * labels, URIs and methods, in the same order.
 */
static bool wreq_collect(const struct tcase *tc, const struct expect_row *row,
			 const struct cross_set *first, struct case_wreq **v, size_t *n)
{
	char label[64], target[1100];
	bool ok = true;
	size_t i;

	if (expect_key_allowed(row, "follow") && tc->follow) {
		for (i = 0; ok && i < first->n && i + 1 < FOLLOW_MAX_URIS; i++) {
			if (!first->v[i] || !follow_target(first->v[i], target, sizeof(target)))
				continue;
			snprintf(label, sizeof(label), "follow 1.%zu", i + 1);
			ok = wreq_add(v, n, label, target, tc->method);
		}
	}
	if (!(expect_key_allowed(row, "probe_options") && tc->probe_options) &&
	    !(expect_key_allowed(row, "probe_allowed") && tc->probe_allowed))
		return ok;
	if (ok && tc->probe_options)
		ok = wreq_add(v, n, "probe OPTIONS", tc->request_uri, "OPTIONS");
	for (i = 0; ok && tc->probe_allowed && i < first->n; i++) {
		struct pl m = pl_from(first->v[i]);

		if (!probe_safe(m) || strcmp(first->v[i], tc->method) == 0 ||
		    (pl_eq_str(m, "OPTIONS") && tc->probe_options))
			continue;
		snprintf(label, sizeof(label), "probe %s", first->v[i]);
		ok = wreq_add(v, n, label, tc->request_uri, first->v[i]);
	}
	return ok;
}

int case_wave_reqs(const struct case_env *env, const struct tcase *tc, const char *log,
		   size_t len, struct case_wreq **out, size_t *n)
{
	const struct expect_row *row = expect_find(tc->expect);
	unsigned calls = tc->repeat ? tc->repeat : 1;
	struct xchg_budget keep;
	struct cross_set set;
	struct txn *t;
	const char *w = NULL;
	char *buf;
	bool found = false, ok = true;
	size_t i;

	(void)env;
	*out = NULL;
	*n = 0;
	if (!row || row->set == EXPECT_SET_NONE ||
	    (!tc->follow && !tc->probe_options && !tc->probe_allowed))
		return 0;
	t = calloc(1, sizeof(*t));
	buf = malloc(len + 1);
	if (!t || !buf) {
		free(t);
		free(buf);
		return ENOMEM;
	}
	memcpy(buf, log, len);
	xchg_budget_init(&keep);
	if (xchg_capture_parse_kept(&t->cap, buf, len, &keep, &w) == 0 &&
	    xchg_build(&t->x, &t->nx, &t->cap, tc->method) == 0 && txn_clean(t, calls, tc->expect)) {
		for (i = 0; i < t->nx && !found; i++) {
			const struct sipmsg *f = t->x[i].final;

			if (f && f->scode == tc->expect && cross_set_from(&set, row->set, f) == 0)
				found = true;
		}
	}
	if (found) {
		ok = wreq_collect(tc, row, &set, out, n);
		cross_set_clear(&set);
	}
	txn_free(t);
	free(t);
	if (!ok) {
		for (i = 0; i < *n; i++) {
			free((*out)[i].ruri);
			free((*out)[i].method);
		}
		free(*out);
		*out = NULL;
		*n = 0;
		return ENOMEM;
	}
	return 0;
}

/* Append src results to *dst, prefixing reasons with "[k/n] " when n > 1. */
static int results_append(struct check_result **dst, size_t *nd,
			  const struct check_result *src, size_t ns, size_t k,
			  size_t n)
{
	struct check_result *v;
	size_t i;

	if (ns == 0)
		return 0;
	v = realloc(*dst, (*nd + ns) * sizeof(*v));
	if (!v)
		return ENOMEM;
	for (i = 0; i < ns; i++) {
		struct check_result *c = &v[*nd + i];

		*c = src[i];
		if (n > 1) {
			char tmp[sizeof(c->reason)];

			snprintf(tmp, sizeof(tmp), "[%zu/%zu] %s", k, n, src[i].reason);
			memcpy(c->reason, tmp, sizeof(c->reason));
		}
	}
	*dst = v;
	*nd += ns;
	return 0;
}

bool case_challenge_reason(const struct xchg *x, bool creds, char *out, size_t size)
{
	unsigned code = x && x->final ? x->final->scode : 0;

	if (code != 401 && code != 407)
		return false;
	if (x->challenge)
		snprintf(out, size, "credentials rejected (a second %u)", code);
	else if (!creds)
		snprintf(out, size, "challenged (%u) and no credentials were given", code);
	else
		snprintf(out, size, "challenged (%u) and not retried with credentials", code);
	return true;
}

/*
 * A final 401/407 that the test did not expect: a challenge without
 * usable credentials, or credentials refused (a second challenge after
 * the retry, judge/xchg.h).  It is judged like any answer: the status
 * check's failure makes the test INCONCLUSIVE (judge/verdict.c, the
 * refusals of judge/expect.c), not FAIL; this only records whether
 * credentials were sent, so the reason says "rejected" rather than "no
 * credentials were given".  The challenge exchange of a retried request
 * stays in the evidence only.
 */
static void case_challenged(struct case_ctx *cx, const struct xchg *x)
{
	char reason[120];

	if (x->final->scode == cx->tc->expect ||
	    !case_challenge_reason(x, cx->creds.user != NULL, reason, sizeof(reason)))
		return;
	if (x->challenge)
		cx->creds_rejected = true;
}

/*
 * Judge every exchange of the test's own run t, then the checks across
 * requests: stability over the repeats, the suite entry's other tests,
 * follow hops and probes.  Only responses of the expected code feed
 * those.
 */
static void case_judge(struct case_ctx *cx, struct txn *t, unsigned calls)
{
	const struct tcase *tc = cx->tc;
	const struct sipmsg **judged = calloc(t->nx, sizeof(*judged));
	struct cross_set *sets = calloc(t->nx, sizeof(*sets));
	const struct expect_row *row = expect_find(tc->expect);
	struct expect exp;
	size_t i, nj = 0;
	int err;

	if (!judged || !sets) {
		why_add(cx, "out of memory");
		goto out;
	}
	case_expect(&exp, tc);
	for (i = 0; i < t->nx; i++) {
		struct exchange ex;
		struct check_result *res = NULL;
		size_t nres = 0;
		char what[64];

		snprintf(what, sizeof(what), "%s #%zu", tc->method, i + 1);
		if (case_no_answer(cx, t, &t->x[i], what) || !txn_final_of(cx, t, &t->x[i], what))
			continue;
		case_challenged(cx, &t->x[i]);
		ex.req = t->x[i].req;
		ex.resp = t->x[i].final;
		ex.reliable = cx->tr != TRANSPORT_UDP;
		err = rule_judge(&res, &nres, &ex, &exp);
		if (!err)
			err = xchg_judge_finals(&res, &nres, &t->x[i]);
		if (!err)
			err = results_append(&cx->res, &cx->nres, res, nres, i + 1, t->nx);
		free(res);
		if (err) {
			why_add(cx, "%s: cannot judge: %s", what, err_str(err));
			continue;
		}
		/* Only responses of the expected code feed the cross checks. */
		if (ex.resp->scode == tc->expect && row && row->set != EXPECT_SET_NONE) {
			err = cross_set_from(&sets[nj], row->set, ex.resp);
			if (err)
				why_add(cx, "%s: cannot collect its %s set: %s", what,
					row->set == EXPECT_SET_CONTACT ? "Contact" : "Allow",
					err_str(err));
			else
				judged[nj++] = ex.resp;
		}
	}
	/* (Past the caps, requests were sent but not kept: the flood says so.) */
	if (t->nx < calls && !t->cap.log->capped)
		why_add(cx, "only %zu of %u requests were sent (SIPp %s)", t->nx, calls,
			sipp_status_str(t->sr.status));
	case_vs_probe(cx, t);
	if (nj > 0) {
		if (calls > 1)
			cross_err(cx, cross_stable(&cx->res, &cx->nres, tc->expect, judged,
						   sets, nj));
		if (strcmp(tc->group, tc->id) != 0)
			cross_err(cx, cross_group(cx->env->cross, &cx->res, &cx->nres, tc,
						  cx->tr, &sets[0], judged[0]));
		if (expect_key_allowed(row, "follow") && tc->follow)
			case_follow(cx, &sets[0], judged[0]);
		if ((expect_key_allowed(row, "probe_options") && tc->probe_options) ||
		    (expect_key_allowed(row, "probe_allowed") && tc->probe_allowed))
			case_probes(cx, &sets[0]);
	}
out:
	for (i = 0; i < nj; i++)
		cross_set_clear(&sets[i]);
	free(sets);
	free(judged);
}

/*
 * The evidence of a test adopted from a batch.  Its bytes are in the
 * batch's directory (messages.log, with index.tsv naming the calls of
 * each test) whatever the verdict.  A test that passed gets no
 * directory of its own (making thousands of directories and files is
 * most of a large batched run's time on ext4); *dir becomes the
 * batch's, and a stale directory an earlier run left under the test's
 * name is removed so that it cannot pass for this run's.  A test that
 * did not pass, or made other runs under its directory (follow hops,
 * probes), gets its own files as a test run alone does: its frames in
 * messages.log and NN-*.sip, the batch's scenario.xml and sipp.stderr
 * linked.  Returns the directory the reports name.
 */
static const char *case_evidence_dir(struct case_ctx *cx, bool pass)
{
	struct txn *t = cx->ntxn ? &cx->txn[0] : NULL;
	size_t i;

	if (!t || !t->deferred)
		return cx->casedir;
	if (pass && cx->ntxn == 1) {
		if (file_clear_dir(cx->casedir) == 0)
			rmdir(cx->casedir);
		t->dir[0] = '\0';      /* labels only: no NN-*.sip files */
		snprintf(cx->evdir, sizeof(cx->evdir), "%s", t->batch_dir);
		return cx->evdir;
	}
	/* Its own directory: made now (emptied when an earlier run left it),
	 * unless the test's other runs made it already. */
	if (cx->ntxn == 1 && mkdir(cx->casedir, 0755) != 0 &&
	    (errno != EEXIST || file_clear_dir(cx->casedir) != 0)) {
		t->dir[0] = '\0';
		snprintf(cx->evdir, sizeof(cx->evdir), "%s", t->batch_dir);
		return cx->evdir;
	}
	if (t->cap.log)
		file_write(cx->casedir, "messages.log",
			   (struct pl){ t->cap.log->buf, t->cap.log->len });
	for (i = 0; i < 2; i++) {
		const char *name = i ? "sipp.stderr" : "scenario.xml";
		char src[1500], dst[1500];

		snprintf(src, sizeof(src), "%s/%s", t->batch_dir, name);
		snprintf(dst, sizeof(dst), "%s/%s", cx->casedir, name);
		if (link(src, dst) != 0)
			file_copy(src, cx->casedir, name);
	}
	return cx->casedir;
}

/* Evidence files and labels, the verdict, and the result to every reporter. */
static void case_report(struct case_ctx *cx, double t0)
{
	struct case_env *env = cx->env;
	struct evidence_run runs[CASE_MAX_TXN + 1];
	struct evidence_msgs em;
	struct verdict_in vin;
	struct verdict_out vo;
	struct report_case rc;
	const char *evdir = cx->casedir;
	size_t i, nruns;

	for (i = 0; i < cx->ntxn; i++) {
		runs[i].label = cx->txn[i].label;
		runs[i].dir = cx->txn[i].dir;
		runs[i].cap = &cx->txn[i].cap;
	}
	if (cx->used_probe && cx->probe->has_txn) {
		runs[i].label = cx->probe->t.label;
		runs[i].dir = cx->probe->t.dir;
		runs[i++].cap = &cx->probe->t.cap;
	}
	nruns = i;
	memset(&vin, 0, sizeof(vin));
	vin.test = cx->tc->id;
	vin.res = cx->res;
	vin.nres = cx->nres;
	vin.strict = env->o->strict;
	vin.waivers = env->waivers;
	vin.today = waiver_today();
	vin.error = cx->why;
	vin.expect = cx->tc->expect;    /* a refusal on other grounds is inconclusive */
	vin.credentials = cx->creds_rejected;
	vin.warn = stderr;
	verdict_decide(&vo, &vin);
	evdir = case_evidence_dir(cx, vo.verdict == VERDICT_PASS);
	if (cx->ntxn)
		runs[0].dir = cx->txn[0].dir;
	evidence_messages(&em, runs, nruns);
	if (vo.verdict != VERDICT_PASS && cx->ntxn && cx->txn[0].sr.detail[0]) {
		size_t l = strlen(vo.notes);   /* what happened to SIPp, in words (sipp.h) */

		snprintf(vo.notes + l, sizeof(vo.notes) - l, "SIPp: %s\n", cx->txn[0].sr.detail);
	}
	if (vo.verdict == VERDICT_ERROR && cx->ntxn && cx->txn[0].sr.err_tail[0]) {
		size_t l = strlen(vo.notes);

		snprintf(vo.notes + l, sizeof(vo.notes) - l, "SIPp (%s) said: %s\n",
			 sipp_status_str(cx->txn[0].sr.status), cx->txn[0].sr.err_tail);
	}
	if (cx->tr == TRANSPORT_TLS && env->o->tls_insecure) {
		size_t l = strlen(vo.notes);

		snprintf(vo.notes + l, sizeof(vo.notes) - l, "TLS: certificate verification was "
			 "off (--tls-insecure): the SUT's certificate was not checked\n");
	}
	memset(&rc, 0, sizeof(rc));
	rc.id = cx->tc->id;
	rc.classname = env->p->name;
	rc.verdict = vo.verdict;
	rc.seconds = monotime_now() - t0;
	rc.message = vo.message[0] ? vo.message : NULL;
	rc.checks = cx->res;
	rc.nchecks = cx->nres;
	rc.msgs = em.msgs;
	rc.nmsgs = em.n;
	rc.evidence_dir = evdir;
	rc.notes = vo.notes[0] ? vo.notes : NULL;
	for (i = 0; i < env->nrep; i++)
		report_case(env->rep[i], &rc);
	evidence_messages_free(&em);
}

void case_run(struct case_env *env, const struct tcase *tc)
{
	struct case_ctx *cx = calloc(1, sizeof(*cx));
	unsigned calls = tc->repeat ? tc->repeat : 1;
	const struct sipp_result *bsr = batch_result(env->batch, tc);
	double t0 = monotime_now();
	struct txn *t = NULL;

	if (tc->load.rate) {            /* conformance under load: run/load.h */
		free(cx);
		load_run(env, tc);
		return;
	}
	env->index++;
	env->own_clean = false;
	if (!cx) {
		fprintf(stderr, "sipconform: %s: out of memory\n", tc->id);
		env->env_stop = true;
		return;
	}
	cx->env = env;
	cx->tc = tc;
	xchg_budget_init(&cx->keep);
	cx->tr = case_transport(env->o, env->p, tc);
	case_creds(&cx->creds, env, &tc->auth);
	evidence_case_dir(cx->casedir, sizeof(cx->casedir), env->evidence, env->p->name,
			  env->index, tc->id);
	if (env->setup_error) {         /* run/setup.h: the suite's setup failed */
		why_add(cx, "%s", env->setup_error);
	} else {
		cx->probe = probe_get(cx);
		if (env->env_stop && cx->probe)
			why_add(cx, "capability probe: OPTIONS %s: %s", cx->probe->uri,
				cx->probe->why);
	}
	if (!env->setup_error && !cx->stopped && !env->env_stop &&
	    ((bsr && txn_adopt_own(cx, bsr, calls, &t) == 0) ||
	     txn_run(cx, "", tc->request_uri, tc->method, calls, &t) == 0) && t) {
		env->own_clean = t->sr.status == SIPP_EXIT_OK && txn_clean(t, calls, tc->expect);
		if (t->nx == 0)
			why_add(cx, "SIPp sent no %s request (SIPp %s)%s%s", tc->method,
				sipp_status_str(t->sr.status), t->sr.err_tail[0] ? ": " : "",
				t->sr.err_tail);
		else
			case_judge(cx, t, calls);
	}
	if (cx->stopped)
		env->stopped_in = tc->id;
	else
		case_report(cx, t0);
	case_ctx_free(cx);
	free(cx);
}
