/*
 * load.c - run one load test (load.h): SIPp in segments at the test's
 * rate, every exchange judged and counted (load_agg.c), one report.
 */
#include "run/load.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/monotime.h"
#include "base/stop.h"
#include "judge/cross.h"
#include "judge/expect.h"
#include "judge/verdict.h"
#include "judge/xchg.h"
#include "report/evidence.h"
#include "sipp/scnwrite.h"
#include "sipp/sipp.h"

/* One load test while it runs. */
struct load_ctx {
	struct case_env *env;
	const struct tcase *tc;
	const struct expect_row *row;
	enum transport tr;
	struct plan_auth creds;
	char casedir[1400];
	char why[700];                 /* what could not be judged: an ERROR */
	char notes[900];               /* SIPp's words per segment */
	struct load_agg *agg;          /* every check of every exchange */
	struct load_agg *noans;        /* NO-ANSWER: pass per answered, fail per silent one */
	struct load_agg *first;        /* exchange #1, the evidence when nothing failed */
	uint32_t *rtt;                 /* us, per answered exchange with time stamps */
	double t_first, t_last;        /* SIPp's time stamps of the first and last request, 0: none */
	size_t nrtt;
	size_t sent, answered, silent, unjudged, segments;
	size_t unjudged_at;            /* first request that could not be judged */
	char unjudged_why[400];
	char silent_why[400];          /* "#k: ..." of the first request without an answer */
	char *first_raw;               /* the first response of the expected code, owned */
	struct sipmsg *first_msg;      /*   parsed, and its set */
	struct cross_set first_set;
	size_t first_xno;
	bool creds_rejected;
	bool stopped;
};

static void why_add(struct load_ctx *lx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A reason the test could not be judged (joined by "; "): an ERROR. */
static void why_add(struct load_ctx *lx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vappend(lx->why, sizeof(lx->why), fmt, ap);
	va_end(ap);
}

/* Exchange xno could not be judged for this reason: counted, the first one said. */
static void unjudged(struct load_ctx *lx, size_t xno, const char *why)
{
	if (!lx->unjudged++) {
		lx->unjudged_at = xno;
		snprintf(lx->unjudged_why, sizeof(lx->unjudged_why), "%s", why);
	}
}

/* The shape of the test's request (sipp/scnwrite.h). */
static void load_shape(const struct load_ctx *lx, struct scnwrite_shape *sh)
{
	const struct tcase *tc = lx->tc;

	memset(sh, 0, sizeof(*sh));
	sh->auth = lx->creds.user != NULL;
	sh->from = tc->from;
	sh->to = tc->to;
	sh->headers = tc->headers;
	sh->nheaders = tc->nheaders;
	sh->body = tc->body;
	sh->content_type = tc->content_type;
}

/*
 * Keep the first response of the expected code (its set in s, taken)
 * for the stability of the later ones: its own copy, since the segment
 * it came in goes away.
 */
static int first_keep(struct load_ctx *lx, size_t xno, const struct sipmsg *resp,
		      struct cross_set *s)
{
	struct sipmsg_err e;

	if (!(lx->first_raw = malloc(resp->raw.l ? resp->raw.l : 1)))
		return ENOMEM;
	memcpy(lx->first_raw, resp->raw.p, resp->raw.l);
	if (sipmsg_parse(&lx->first_msg, lx->first_raw, resp->raw.l, &e)) {
		free(lx->first_raw);
		lx->first_raw = NULL;
		lx->first_msg = NULL;
		return EBADMSG;
	}
	lx->first_set = *s;
	memset(s, 0, sizeof(*s));
	lx->first_xno = xno;
	return 0;
}

/*
 * Stability (load.h): resp (exchange xno, of the expected code) against
 * the first such response, appended to *res as the row's stable check
 * (cross_stable on the pair), its reason numbered by exchange.
 */
static int load_stable(struct load_ctx *lx, size_t xno, const struct sipmsg *resp,
		       struct check_result **res, size_t *nres)
{
	const struct expect_row *row = lx->row;
	const char *what = row->set == EXPECT_SET_CONTACT ? "Contact set" : "Allow set";
	struct cross_set cs, sets[2];
	const struct sipmsg *msgs[2];
	char a[140], b[140];
	size_t n0 = *nres;
	int err;

	if ((err = cross_set_from(&cs, row->set, resp)))
		return err;
	if (!lx->first_msg) {   /* the reference: counted as passing, so counts are "of N" */
		const struct siphdr *h = sipmsg_hdr(resp, row->set == EXPECT_SET_CONTACT ?
						    SIPHDR_CONTACT : SIPHDR_ALLOW);

		cross_set_format(&cs, a, sizeof(a));
		err = first_keep(lx, xno, resp, &cs);
		cross_set_clear(&cs);
		if (!err && row->stable != RULE_NONE)
			err = cross_result(res, nres, row->stable, true, h ? h->row : resp->start_line,
					   resp->raw, "the first %s, the one the others must carry: %s",
					   what, a);
		return err;
	}
	msgs[0] = lx->first_msg;
	msgs[1] = resp;
	sets[0] = lx->first_set;
	sets[1] = cs;
	err = cross_stable(res, nres, lx->tc->expect, msgs, sets, 2);
	if (!err && *nres > n0) {
		struct check_result *c = &(*res)[n0];

		cross_set_format(&lx->first_set, a, sizeof(a));
		if (c->outcome == CHECK_PASS) {
			snprintf(c->reason, sizeof(c->reason), "the same %s as #%zu: %s", what,
				 lx->first_xno, a);
		} else {
			cross_set_format(&cs, b, sizeof(b));
			snprintf(c->reason, sizeof(c->reason), "%s changed under load: #%zu got %s, "
				 "#%zu got %s", what, lx->first_xno, a, xno, b);
		}
	}
	cross_set_clear(&cs);
	return err;
}

/* The frame of x's final response in c (x->final is one of c->msg). */
static double final_ts(const struct xchg_capture *c, const struct xchg *x)
{
	size_t j;

	for (j = x->req_frame + 1; j < c->log->nframes; j++)
		if (c->msg[j] == x->final)
			return c->log->frames[j].ts;
	return 0;
}

/* Exchange xno (x) got a final response: judge and count it. */
static void judge_one(struct load_ctx *lx, const struct xchg_capture *c,
		      const struct xchg *x, size_t xno)
{
	const struct tcase *tc = lx->tc;
	struct check_result *res = NULL, ok;
	struct exchange ex;
	struct expect exp;
	double t0 = c->log->frames[x->req_frame].ts, t1 = final_ts(c, x);
	size_t nres = 0, i;
	bool bad = false;
	char reason[120];
	int err;

	lx->answered++;
	if (t0 > 0 && t1 >= t0 && lx->nrtt < lx->tc->load.count)   /* rtt holds count */
		lx->rtt[lx->nrtt++] = (t1 - t0) * 1e6 > 4e9 ? 4000000000u
							      : (uint32_t)((t1 - t0) * 1e6 + 0.5);
	memset(&ok, 0, sizeof(ok));
	ok.rule = rule_get(RULE_NO_ANSWER);
	ok.outcome = CHECK_PASS;
	snprintf(ok.reason, sizeof(ok.reason), "answered %u", x->final->scode);
	if (x->final->scode != tc->expect &&
	    case_challenge_reason(x, lx->creds.user != NULL, reason, sizeof(reason)) &&
	    x->challenge)
		lx->creds_rejected = true;
	case_expect(&exp, tc);
	ex.req = x->req;
	ex.resp = x->final;
	ex.reliable = lx->tr != TRANSPORT_UDP;
	err = rule_judge(&res, &nres, &ex, &exp);
	if (!err)
		err = xchg_judge_finals(&res, &nres, x);
	if (!err && x->final->scode == tc->expect && lx->row && lx->row->set != EXPECT_SET_NONE)
		err = load_stable(lx, xno, x->final, &res, &nres);
	for (i = 0; !err && i < nres; i++)
		bad |= res[i].outcome == CHECK_FAIL || res[i].outcome == CHECK_WARN;
	if (!err)
		err = load_agg_add(lx->agg, xno, res, nres);
	if (!err)
		err = load_agg_add(lx->noans, xno, &ok, 1);
	if (err)
		unjudged(lx, xno, err_str(err));
	if (bad)
		load_agg_keep(lx->agg, xno, x->req->raw, x->final->raw);
	free(res);
}

/*
 * Exchange xno (x) got no final response: a NO-ANSWER failure when SIPp
 * ended as a timeout ends and nothing unparsable came in its run (garbled
 * "": decided against the answered count at the end), else a request
 * that cannot be judged.
 */
static void silent_one(struct load_ctx *lx, const struct sipp_result *sr, const char *garbled,
		       const struct xchg *x, size_t xno)
{
	struct check_result *r = NULL;
	size_t n = 0;
	char why[400];

	xchg_final(x, sr->status, lx->env->o->timeout_s, why, sizeof(why));
	if (garbled[0] && !x->bad[0]) {
		/* Under load an unparsable answer cannot be matched to its
		 * request: this one may have been answered. */
		unjudged(lx, xno, garbled);
		return;
	}
	if (x->bad[0] || (sr->status != SIPP_EXIT_OK && sr->status != SIPP_EXIT_CALLS_FAILED &&
			  sr->status != SIPP_EXIT_OVERRUN)) {
		unjudged(lx, xno, why);
		return;
	}
	if (!lx->silent++)
		snprintf(lx->silent_why, sizeof(lx->silent_why), "#%zu: %s", xno, why);
	if (cross_result(&r, &n, RULE_NO_ANSWER, false, x->req->start_line, x->req->raw,
			 "%s", why) ||
	    load_agg_add(lx->noans, xno, r, n))
		unjudged(lx, xno, err_str(ENOMEM));
	else
		load_agg_keep(lx->agg, xno, x->req->raw, PL_NULL);
	free(r);
}

/* The job of one segment of `calls` requests into dir. */
static int seg_job(struct load_ctx *lx, struct sipp_job *job, const char *dir, unsigned calls,
		   const struct sipp_key *keys)
{
	struct case_env *env = lx->env;
	unsigned long long w = (unsigned long long)lx->tc->load.rate *
			       (env->o->timeout_s ? env->o->timeout_s : 5);

	if (case_job(job, env, lx->tr, lx->tc->method, dir) != 0) {
		why_add(lx, "no TLS tunnel to the target");
		env->env_stop = true;
		return EINVAL;
	}
	job->keys = keys;
	job->nkeys = 2;
	job->calls = calls;
	job->rate = lx->tc->load.rate;
	job->window = w < calls ? (unsigned)w : calls;
	job->log_max = (unsigned long long)calls * LOAD_BYTES_PER_CALL;
	if (job->log_max < SIPP_LOG_MAX_BYTES)
		job->log_max = SIPP_LOG_MAX_BYTES;
	job->linger_ms = lx->tr == TRANSPORT_UDP ? XCHG_LINGER_UDP_MS : 0;
	return 0;
}

/* SIPp's words about segment k, kept for the notes. */
static void seg_note(struct load_ctx *lx, size_t k, const struct sipp_result *sr)
{
	size_t l = strlen(lx->notes);

	if (sr->detail[0])
		snprintf(lx->notes + l, sizeof(lx->notes) - l, "SIPp (run %zu): %s\n", k, sr->detail);
}

/* "no final response, and the SUT sent N unparsable messages ..." into out, "" if none. */
static void seg_garbled(const struct xchg_capture *c, char *out, size_t size)
{
	size_t i, n = 0, first = 0;

	for (i = 0; i < c->log->nframes; i++)
		if (!c->msg[i] && c->log->frames[i].dir == SIPLOG_RECEIVED && !n++)
			first = i;
	out[0] = '\0';
	if (n)
		snprintf(out, size, "no final response that can be matched to it: the SUT sent %zu "
			 "unparsable message%s in this SIPp run (received frame %zu: %s)", n,
			 n == 1 ? "" : "s", first + 1, c->perr[first]);
}

/* What seg_view needs of the segment. */
struct seg_view {
	struct load_ctx *lx;
	const struct sipp_result *sr;
	char garbled[400];             /* the run's unparsable received frames, "" if none */
};

/* Judge the exchanges of one view (load_xchg_each), numbered after lx->sent. */
static void seg_view(void *arg, const struct xchg_capture *c, const struct xchg *x, size_t n,
		     size_t first)
{
	struct seg_view *sv = arg;
	struct load_ctx *lx = sv->lx;
	size_t i;

	for (i = 0; i < n; i++) {
		size_t xno = lx->sent + first + i + 1;

		double ts = c->log->frames[x[i].req_frame].ts;

		if (ts > 0 && (lx->t_first == 0 || ts < lx->t_first))
			lx->t_first = ts;
		if (ts > lx->t_last)
			lx->t_last = ts;
		if (xno == 1)
			load_agg_keep(lx->first, 1, x[i].req->raw,
				      x[i].final ? x[i].final->raw : PL_NULL);
		if (x[i].final)
			judge_one(lx, c, &x[i], xno);
		else
			silent_one(lx, sv->sr, sv->garbled, &x[i], xno);
	}
}

/*
 * Segment k (1-based) of `calls` requests, numbered from lx->sent + 1:
 * run SIPp, read its log within the budget, judge every exchange.
 * false when the test cannot go on (the reason is in why, or stopped).
 */
static bool seg_run(struct load_ctx *lx, size_t k, unsigned calls)
{
	struct case_env *env = lx->env;
	const struct tcase *tc = lx->tc;
	struct sipp_key keys[2] = { { "ruri", tc->request_uri }, { "method", tc->method } };
	struct xchg_budget keep;
	struct xchg_capture cap;
	struct sipp_result sr;
	struct sipp_job job;
	struct scnwrite_shape sh;
	struct seg_view sv;
	char dir[1400], label[32], why[700];
	const char *w = NULL;
	size_t nx = 0;
	bool ran;
	int err;

	if (k == 1)
		label[0] = '\0';
	else
		snprintf(label, sizeof(label), "load %zu", k);
	if ((err = evidence_run_dir(dir, sizeof(dir), lx->casedir, label))) {
		why_add(lx, "cannot create evidence directory %s: %s", dir, strerror(err));
		env->env_stop = true;
		return false;
	}
	if (seg_job(lx, &job, dir, calls, keys))
		return false;
	load_shape(lx, &sh);
	err = scnwrite_run(&sr, &job, &sh, &lx->creds, &ran, why, sizeof(why));
	lx->segments++;
	if (stop_requested()) {         /* what a killed SIPp logged proves nothing */
		lx->stopped = true;
		return false;
	}
	if (err) {
		why_add(lx, "%s", ran ? err_str(err) : why);
		if (err == ENOENT)
			env->env_stop = true;
		return false;
	}
	seg_note(lx, k, &sr);
	if (lx->tr == TRANSPORT_TLS && tls_check(env->tunnel, why, sizeof(why)))
		why_add(lx, "TLS: %s", why);
	if (sr.status == SIPP_EXIT_BIND || sr.status == SIPP_EXIT_NOT_FOUND) {
		why_add(lx, "SIPp %s: %s", sipp_status_str(sr.status), sr.err_tail);
		env->env_stop = true;
		return false;
	}
	if (sr.status == SIPP_EXIT_CONN_REFUSED) {
		why_add(lx, "%s", sr.detail);
		return false;
	}
	keep.msgs = (size_t)calls * LOAD_MSGS_PER_CALL;
	keep.bytes = (size_t)calls * LOAD_BYTES_PER_CALL;
	err = xchg_capture_load_kept(&cap, sr.log_path, &keep, &w);
	if (err) {
		why_add(lx, "SIPp run %zu: %s: %s", k, w ? w : "reading the message log",
			err_str(err));
		return false;
	}
	if (!xchg_capture_trusted(&cap, why, sizeof(why))) {
		why_add(lx, "SIPp run %zu: %s", k, why);
	} else if (sr.status == SIPP_EXIT_FLOOD) {
		/* killed at its log cap before the budget ran out: name the flood */
		xchg_capture_sent(&cap, why, sizeof(why));
		why_add(lx, "SIPp run %zu: %s: %s", k, why, sr.detail);
	}
	sv.lx = lx;
	sv.sr = &sr;
	seg_garbled(&cap, sv.garbled, sizeof(sv.garbled));
	err = load_xchg_each(&cap, tc->method, seg_view, &sv, &nx);
	if (err)
		why_add(lx, "SIPp run %zu: %s", k, err_str(err));
	if (!err && nx < calls && !cap.log->capped)
		why_add(lx, "SIPp run %zu sent only %zu of %u requests (SIPp %s)", k, nx, calls,
			sipp_status_str(sr.status));
	lx->sent += nx;
	xchg_capture_free(&cap);
	return !err && nx == calls;
}

/* The notes of a load test: what was sent, answered, and how fast. */
static void load_notes(struct load_ctx *lx, char *out, size_t size)
{
	const struct plan_load *ld = &lx->tc->load;
	char rtt[200], dur[40] = "", got[80] = "";
	size_t l = strlen(out);

	if (ld->duration)
		snprintf(dur, sizeof(dur), " for %u s", ld->duration);
	/* The rate SIPp reached: the segments' pauses included. */
	if (lx->sent > 1 && lx->t_last > lx->t_first)
		snprintf(got, sizeof(got), " over %.2f s (%.0f/s)", lx->t_last - lx->t_first,
			 (double)(lx->sent - 1) / (lx->t_last - lx->t_first));
	load_rtt_summary(lx->rtt, lx->nrtt, rtt, sizeof(rtt));
	snprintf(out + l, size - l,
		 "load: %u requests at %u/s%s in %zu SIPp run%s: %zu sent%s, %zu answered, "
		 "%zu not answered\n"
		 "response time (SIPp -trace_msg time stamps, request to its first final "
		 "response): %s\n%s",
		 ld->count, ld->rate, dur, lx->segments, lx->segments == 1 ? "" : "s", lx->sent,
		 got, lx->answered, lx->sent - lx->answered, rtt, lx->notes);
}

/* Every counted check, NO-ANSWER and the suite's cross check, into *res. */
static int load_results(struct load_ctx *lx, struct check_result **res, size_t *nres)
{
	struct check_result *a = NULL, *b = NULL, *v;
	size_t na = 0, nb = 0;
	int err;

	if ((err = load_agg_results(lx->agg, &a, &na)))
		return err;
	/* Silence is a FAIL only from a SUT that answered this test (load.h). */
	if (lx->silent && lx->answered && (err = load_agg_results(lx->noans, &b, &nb))) {
		free(a);
		return err;
	}
	if (nb && !(v = realloc(a, (na + nb) * sizeof(*v)))) {
		free(a);
		free(b);
		return ENOMEM;
	} else if (nb) {
		memcpy(v + na, b, nb * sizeof(*b));
		a = v;
		na += nb;
	}
	free(b);
	*res = a;
	*nres = na;
	if (lx->first_msg && strcmp(lx->tc->group, lx->tc->id) != 0)
		return cross_group(lx->env->cross, res, nres, lx->tc, lx->tr, &lx->first_set,
				   lx->first_msg);
	return 0;
}

/* The verdict and the report of the test, as case.c reports a test. */
static void load_report(struct load_ctx *lx, double t0)
{
	struct case_env *env = lx->env;
	struct check_result *res = NULL;
	struct report_msg *msgs = NULL;
	struct verdict_in vin;
	struct verdict_out vo;
	struct report_case rc;
	size_t nres = 0, nmsgs = 0, i;

	if (lx->silent && !lx->answered)
		why_add(lx, "none of the %zu requests got a final response (the SUT may be "
			"unreachable), first %s", lx->sent, lx->silent_why);
	if (lx->unjudged)
		why_add(lx, "%zu of %zu requests cannot be judged, first #%zu: %s", lx->unjudged,
			lx->sent, lx->unjudged_at, lx->unjudged_why);
	if (load_results(lx, &res, &nres) ||
	    load_agg_msgs(load_agg_nkept(lx->agg) ? lx->agg : lx->first, &msgs, &nmsgs))
		why_add(lx, "cannot count the results: %s", err_str(ENOMEM));
	memset(&vin, 0, sizeof(vin));
	vin.test = lx->tc->id;
	vin.res = res;
	vin.nres = nres;
	vin.strict = env->o->strict;
	vin.waivers = env->waivers;
	vin.today = waiver_today();
	vin.error = lx->why;
	vin.expect = lx->tc->expect;
	vin.credentials = lx->creds_rejected;
	vin.warn = stderr;
	verdict_decide(&vo, &vin);
	load_notes(lx, vo.notes, sizeof(vo.notes));
	memset(&rc, 0, sizeof(rc));
	rc.id = lx->tc->id;
	rc.classname = env->p->name;
	rc.verdict = vo.verdict;
	rc.seconds = monotime_now() - t0;
	rc.message = vo.message[0] ? vo.message : NULL;
	rc.checks = res;
	rc.nchecks = nres;
	rc.msgs = msgs;
	rc.nmsgs = nmsgs;
	rc.evidence_dir = lx->casedir;
	rc.notes = vo.notes;
	for (i = 0; i < env->nrep; i++)
		report_case(env->rep[i], &rc);
	free(res);
	free(msgs);
}

static void load_ctx_free(struct load_ctx *lx)
{
	load_agg_free(lx->agg);
	load_agg_free(lx->noans);
	load_agg_free(lx->first);
	free(lx->rtt);
	sipmsg_free(lx->first_msg);
	free(lx->first_raw);
	cross_set_clear(&lx->first_set);
	free(lx);
}

void load_run(struct case_env *env, const struct tcase *tc)
{
	struct load_ctx *lx = calloc(1, sizeof(*lx));
	double t0 = monotime_now();
	size_t k = 0;

	env->index++;
	if (!lx || !(lx->agg = load_agg_new()) || !(lx->noans = load_agg_new()) ||
	    !(lx->first = load_agg_new()) ||
	    !(lx->rtt = calloc(tc->load.count ? tc->load.count : 1, sizeof(*lx->rtt)))) {
		fprintf(stderr, "sipconform: %s: out of memory\n", tc->id);
		env->env_stop = true;
		if (lx)
			load_ctx_free(lx);
		return;
	}
	lx->env = env;
	lx->tc = tc;
	lx->row = expect_find(tc->expect);
	lx->tr = case_transport(env->o, env->p, tc);
	case_creds(&lx->creds, env, &tc->auth);
	evidence_case_dir(lx->casedir, sizeof(lx->casedir), env->evidence, env->p->name,
			  env->index, tc->id);
	if (env->setup_error)
		why_add(lx, "%s", env->setup_error);
	while (!env->setup_error && !env->env_stop && lx->sent < tc->load.count) {
		size_t left = tc->load.count - lx->sent;

		if (stop_requested()) {
			lx->stopped = true;
			break;
		}
		if (!seg_run(lx, ++k, left < LOAD_SEGMENT_CALLS ? (unsigned)left
								: LOAD_SEGMENT_CALLS))
			break;
	}
	if (lx->stopped)
		env->stopped_in = tc->id;
	else
		load_report(lx, t0);
	load_ctx_free(lx);
}
