/*
 * setup.c - a suite's setup steps and their undoing (see setup.h).
 *
 * Each step is one SIPp run of scenarios/uac_request.xml in the shape of
 * the REGISTER (sipp/scnwrite.h): its headers are Contact, Allow and
 * Expires, From and To the address-of-record.
 */
#include "run/setup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/stop.h"
#include "judge/xchg.h"
#include "report/evidence.h"
#include "sip/uri.h"
#include "sipp/scnwrite.h"
#include "sipp/sipp.h"

/* The REGISTER of one step: its Request-URI and headers. */
struct reg_req {
	char ruri[1100];           /* scheme ":" host [":" port] of the address-of-record */
	char contact[1100];
	char allow[1100];
	char expires[16];
	struct plan_header h[3];
	size_t nh;
};

/* §10.2: the Request-URI names the registrar, the AOR's domain. */
static int reg_ruri(const char *aor, char *out, size_t size)
{
	struct sipuri u;
	size_t l;

	if (sipuri_parse(&u, pl_from(aor), NULL) || !u.is_sip)
		return EINVAL;
	l = (size_t)((u.port.l ? u.port.p + u.port.l : u.host.p + u.host.l) - u.host.p);
	snprintf(out, size, "%s:%.*s", u.is_sips ? "sips" : "sip", (int)l, u.host.p);
	return 0;
}

static int reg_build(struct reg_req *q, const struct plan_register *reg, const char *local,
		     bool undo)
{
	size_t i, l = 0;

	if (reg_ruri(reg->uri, q->ruri, sizeof(q->ruri)))
		return EINVAL;
	if (reg->contact)
		snprintf(q->contact, sizeof(q->contact), "<%s>", reg->contact);
	else
		snprintf(q->contact, sizeof(q->contact), strchr(local, ':') ?
			 "<sip:sipconform@[%s]>" : "<sip:sipconform@%s>", local);
	q->allow[0] = '\0';
	for (i = 0; i < reg->nallow; i++)
		l += (size_t)snprintf(q->allow + l, l < sizeof(q->allow) ? sizeof(q->allow) - l : 0,
				      "%s%s", i ? ", " : "", reg->allow[i]);
	if (l >= sizeof(q->allow))
		return E2BIG;
	snprintf(q->expires, sizeof(q->expires), "%u", undo ? 0u : reg->expires);
	q->nh = 0;
	q->h[q->nh].name = (char *)"Contact";
	q->h[q->nh++].value = q->contact;
	if (reg->allow) {
		q->h[q->nh].name = (char *)"Allow";
		q->h[q->nh++].value = q->allow;
	}
	q->h[q->nh].name = (char *)"Expires";
	q->h[q->nh++].value = q->expires;
	return 0;
}

/*
 * One REGISTER of step k (undo: Expires 0).  0 when a 2xx came; else the
 * error with why in words.
 */
static int reg_once(struct setup *s, struct case_env *env, size_t k, bool undo, char *why,
		    size_t size)
{
	const struct plan_register *reg = &env->p->setup[k].reg;
	struct sipp_key keys[2];
	struct sipp_job job;
	struct sipp_result sr;
	struct scnwrite_shape sh;
	struct xchg_capture cap;
	struct plan_auth creds;
	struct reg_req q;
	struct xchg *x = NULL;
	size_t nx = 0;
	char dir[1500], label[32], w[700];
	const char *lw = NULL;
	const struct sipmsg *f;
	bool ran;
	int err;

	memset(&cap, 0, sizeof(cap));
	snprintf(label, sizeof(label), "%sregister-%zu", undo ? "un" : "", k + 1);
	err = evidence_run_dir(dir, sizeof(dir), s->dir, label);
	if (err) {
		snprintf(why, size, "cannot create evidence directory %s: %s", dir, strerror(err));
		return err;
	}
	if (reg_build(&q, reg, env->target->local, undo)) {
		snprintf(why, size, "its uri is not a SIP URI with a host, or its allow is too long");
		return EINVAL;
	}
	case_creds(&creds, env, &reg->auth);
	memset(&sh, 0, sizeof(sh));
	sh.auth = creds.user != NULL;
	sh.from = reg->uri;
	sh.to = reg->uri;
	sh.headers = q.h;
	sh.nheaders = q.nh;
	keys[0].name = "ruri";
	keys[0].value = q.ruri;
	keys[1].name = "method";
	keys[1].value = "REGISTER";
	memset(&job, 0, sizeof(job));
	job.sipp = env->o->sipp;
	job.scenario = env->scn_request;
	job.dir = dir;
	job.remote_host = env->target->remote;
	job.remote_port = env->target->port;
	job.local_ip = env->target->local;
	job.transport = env->o->transport != TRANSPORT_DEFAULT ? env->o->transport :
			env->p->target.transport != TRANSPORT_DEFAULT ? env->p->target.transport :
			TRANSPORT_UDP;
	job.keys = keys;
	job.nkeys = 2;
	job.timeout_s = env->o->timeout_s;
	job.calls = 1;
	job.past_stop = undo;
	err = scnwrite_run(&sr, &job, &sh, &creds, &ran, w, sizeof(w));
	if (err) {
		snprintf(why, size, "%s", ran ? err_str(err) : w);
		if (ran && err == ENOENT)
			env->env_stop = true;
		return err;
	}
	if (sr.status == SIPP_EXIT_STOPPED) {
		snprintf(why, size, "stopped");
		return ECANCELED;
	}
	if (sr.status == SIPP_EXIT_BIND || sr.status == SIPP_EXIT_NOT_FOUND) {
		snprintf(why, size, "SIPp %s: %s", sipp_status_str(sr.status), sr.err_tail);
		env->env_stop = true;
		return EADDRINUSE;
	}
	err = xchg_capture_load(&cap, sr.log_path, &lw);
	if (!err)
		err = xchg_build(&x, &nx, &cap, "REGISTER");
	if (err) {
		snprintf(why, size, "%s: %s", lw ? lw : "reading the message log", err_str(err));
		goto out;
	}
	f = xchg_final(nx ? &x[0] : NULL, sr.status, job.timeout_s, w, sizeof(w));
	if (!f) {
		snprintf(why, size, "%s%s%s", w, sr.detail[0] ? "; " : "", sr.detail);
		err = ETIMEDOUT;
	} else if (case_challenge_reason(&x[0], creds.user != NULL, w, sizeof(w))) {
		snprintf(why, size, "%s", w);
		err = EACCES;
	} else if (f->scode < 200 || f->scode > 299) {
		snprintf(why, size, "got %u %.*s", f->scode, (int)(f->reason.l > 80 ? 80 : f->reason.l),
			 f->reason.p);
		err = EPROTO;
	}
out:
	free(x);
	xchg_capture_free(&cap);
	return err;
}

int setup_run(struct setup *s, struct case_env *env)
{
	const struct plan *p = env->p;
	char why[700];
	size_t k;
	int err;

	memset(s, 0, sizeof(*s));
	if (p->nsetup == 0)
		return 0;
	evidence_case_dir(s->dir, sizeof(s->dir), env->evidence, p->name, 0, "setup");
	err = evidence_run_dir(why, sizeof(why), s->dir, "");
	if (err) {
		snprintf(s->error, sizeof(s->error), "setup: cannot create evidence directory %s: %s",
			 s->dir, strerror(err));
		env->env_stop = true;
		return err;
	}
	for (k = 0; k < p->nsetup && k < 64; k++) {
		if (stop_requested()) {
			snprintf(s->error, sizeof(s->error), "setup: stopped");
			return ECANCELED;
		}
		err = reg_once(s, env, k, false, why, sizeof(why));
		if (err) {
			snprintf(s->error, sizeof(s->error), "setup step %zu (register %s) failed: %s",
				 k + 1, p->setup[k].reg.uri, why);
			return err;
		}
		s->registered |= (uint64_t)1 << k;
	}
	return 0;
}

void setup_undo(struct setup *s, struct case_env *env)
{
	char why[700];
	size_t k;

	for (k = 64; k-- > 0;) {
		if (!(s->registered & ((uint64_t)1 << k)))
			continue;
		if (reg_once(s, env, k, true, why, sizeof(why)))
			fprintf(stderr, "sipconform: teardown of setup step %zu (register %s): %s\n",
				k + 1, env->p->setup[k].reg.uri, why);
		s->registered &= ~((uint64_t)1 << k);
	}
}
