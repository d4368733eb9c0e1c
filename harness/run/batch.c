/*
 * batch.c - wave 1 of a suite in batched SIPp runs (see batch.h).
 *
 * A frame's entry in SIPp's log (sipp/siplog.c has the grammar) is
 *   sep head LF LF body LF
 * and a test's messages.log is its entries, byte for byte, in log order:
 * what a SIPp run of its own would have logged for the same exchanges.
 */
#include "run/batch.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/stop.h"
#include "judge/xchg.h"
#include "report/evidence.h"
#include "sip/msg.h"
#include "sipp/scnwrite.h"
#include "sipp/siplog.h"
#include "sipp/sipp.h"

#define SEP "-----------------------------------------------"
#define SEP_LEN (sizeof(SEP) - 1)

/* A group of tests of one shape: the pilot runs alone, the rest in a batch. */
enum bstate {
	BATCH_PILOT,                 /* the pilot (m[0]) has not run yet */
	BATCH_PILOT_CLEAN,           /* it ran alone and its run was clean: batch the rest */
	BATCH_DONE,                  /* the rest ran (or run alone: the pilot was not clean) */
};

struct bgroup {
	size_t *m;                   /* case indexes, in suite order (into batch.mem) */
	size_t nm;
	enum bstate state;
};

/*
 * One test's requests in a batch: its own first requests (label "") or,
 * in a wave, one follow hop or probe (label, URI and method of its own).
 */
struct bslot {
	size_t ci;                   /* the test (index into the suite) */
	const char *uri;             /* the Request-URI (a wave's: ruri) */
	size_t calls;
	char label[64];              /* "": the test's own requests */
	char *method;                /* a wave's (owned); NULL: the test's */
	char *ruri;                  /* a wave's Request-URI (owned) */
	char *bdir;                  /* a wave's batch directory (owned) */
	struct sipp_result *res;     /* a wave's result (in batch.runs); NULL: none */
	char *log;                   /* a wave's frames (batch_take_wave); NULL: none */
	size_t loglen;
};

struct batch {
	const struct tcase *cases;   /* the suite's */
	size_t n;
	size_t *group;               /* per case: its group, SIZE_MAX: none */
	struct bgroup *groups;
	size_t ngroups;
	size_t *mem;                 /* the groups' members */
	size_t nmem;
	struct sipp_result **res;    /* per case: its batch's result, NULL: run alone */
	char **log;                  /* per case: its frames as its messages.log holds them
				      * (batch_take_log), NULL: none */
	size_t *loglen;
	struct sipp_result **runs;   /* owned, one per SIPp run */
	size_t nruns, caprun;
	struct bslot *wv;            /* the waves' requests, per test in suite order */
	size_t nwv, capwv;
	size_t *wfirst, *wcount;     /* per case: its requests in wv */
};

/* One batch while it runs: the tests (indexes into the suite) and the calls. */
struct bjob {
	struct case_env *env;
	struct batch *b;
	size_t first;                /* the case about to run (numbered env->index + 1) */
	struct bslot **sl;           /* the members, one shape */
	size_t nm;
	size_t ncalls;
	const char **uri;            /* per call */
	size_t *owner;               /* per call: member */
	char dir[1400];
	struct sipp_result *sr;      /* owned by batch.runs */
	size_t num;                  /* N of batch-N */
	enum transport tr;
	struct plan_auth creds;
};

int batch_uri_semis(const char *uri)
{
	const char *p;
	int n = 0;

	if (!uri || !*uri || *uri == ';')
		return -1;
	for (p = uri; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= ' ' || c == 0x7f)
			return -1;          /* SIPp trims or cuts at these */
		if (c == ';') {
			if (p[1] == ';' || p[1] == '\0')
				return -1;  /* an empty field */
			n++;
		}
	}
	return n;
}

bool batch_eligible(const struct case_env *env, const struct tcase *tc)
{
	enum transport tr = case_transport(env->o, env->p, tc);

	if (tc->load.rate)              /* a load test runs alone (run/load.h) */
		return false;
	return (tr == TRANSPORT_UDP || tr == TRANSPORT_TCP) && strcmp(tc->method, "INVITE") != 0 &&
	       batch_uri_semis(tc->request_uri) >= 0;
}

static bool str_same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/*
 * What a request of test tc with this method carries besides its URI
 * (run/case.c txn_shape): the test's own method its headers and body,
 * another method (a probe) only the credentials, From and To.
 */
struct bshape {
	const char *method, *body, *ctype;
	const struct plan_header *h;
	size_t nh;
};

static void bshape_of(struct bshape *s, const struct tcase *tc, const char *method)
{
	bool own = strcmp(method, tc->method) == 0;

	s->method = method;
	s->body = own ? tc->body : NULL;
	s->ctype = own ? tc->content_type : NULL;
	s->h = own ? tc->headers : NULL;
	s->nh = own ? tc->nheaders : 0;
}

/* Do a request of a (method am, URI au) and one of b need the same scenario? */
static bool req_same(const struct case_env *env, const struct tcase *a, const char *am,
		     const char *au, const struct tcase *b, const char *bm, const char *bu)
{
	struct plan_auth ca, cb;
	struct bshape x, y;
	size_t i;

	case_creds(&ca, env, &a->auth);
	case_creds(&cb, env, &b->auth);
	bshape_of(&x, a, am);
	bshape_of(&y, b, bm);
	if (strcmp(am, bm) != 0 ||
	    case_transport(env->o, env->p, a) != case_transport(env->o, env->p, b) ||
	    !str_same(ca.user, cb.user) || !str_same(ca.password_env, cb.password_env) ||
	    !str_same(x.body, y.body) || !str_same(x.ctype, y.ctype) ||
	    !str_same(a->from, b->from) || !str_same(a->to, b->to) ||
	    x.nh != y.nh || batch_uri_semis(au) != batch_uri_semis(bu))
		return false;
	for (i = 0; i < x.nh; i++)
		if (strcmp(x.h[i].name, y.h[i].name) != 0 ||
		    strcmp(x.h[i].value, y.h[i].value) != 0)
			return false;
	return true;
}

bool batch_same(const struct case_env *env, const struct tcase *a, const struct tcase *b)
{
	return req_same(env, a, a->method, a->request_uri, b, b->method, b->request_uri);
}

unsigned long batch_call_number(struct pl id)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < id.l && id.p[i] >= '0' && id.p[i] <= '9'; i++) {
		if (n > 100000000ul)
			return 0;
		n = n * 10 + (unsigned long)(id.p[i] - '0');
	}
	return i > 0 && i < id.l && id.p[i] == '-' ? n : 0;
}

/* Where the entry of the frame at raw starts (its separator line), or NULL. */
static const char *entry_start(const char *buf, const char *raw)
{
	const char *p = raw;

	if (p - buf < 2 || p[-1] != '\n' || p[-2] != '\n')
		return NULL;
	p -= 2;                                 /* the head line's LF */
	while (p > buf && p[-1] != '\n')
		p--;                                /* the head line */
	if (p == buf)
		return NULL;
	p--;                                    /* the separator's LF */
	while (p > buf && p[-1] != '\n')
		p--;
	return (size_t)(raw - p) > SEP_LEN && memcmp(p, SEP, SEP_LEN) == 0 ? p : NULL;
}

/* Does a line in [p, e) (p at a line start) start with a separator: an entry
 * that is not a frame (a copy, a send failure)?  SIPp's notes may stay. */
static bool has_sep(const char *p, const char *e)
{
	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));

		if ((size_t)(e - p) >= SEP_LEN && memcmp(p, SEP, SEP_LEN) == 0)
			return true;
		p = nl ? nl + 1 : e;
	}
	return false;
}

/*
 * Give every frame of cap to its member (own[f]), with its entry's extent
 * (from[f], to[f]).  false: the batch cannot be split exactly (batch.h).
 */
static bool bjob_split(const struct bjob *bj, const struct xchg_capture *cap, size_t *own,
		       const char **from, const char **to)
{
	const struct siplog *log = cap->log;
	struct pl *cid = calloc(bj->ncalls, sizeof(*cid));
	const char *prev = log->buf;
	bool ok = cid != NULL;
	size_t f;

	for (f = 0; ok && f < log->nframes; f++) {
		const struct siplog_frame *fr = &log->frames[f];
		const struct sipmsg *m = cap->msg[f];
		const struct siphdr *h = m ? sipmsg_hdr(m, SIPHDR_CALL_ID) : NULL;
		unsigned long n = h ? batch_call_number(h->value) : 0;

		from[f] = entry_start(log->buf, fr->raw.p);
		to[f] = fr->raw.p + fr->raw.l + 1;
		ok = n >= 1 && n <= bj->ncalls && from[f] && from[f] >= prev &&
		     to[f] <= log->buf + log->len && to[f][-1] == '\n' && !has_sep(prev, from[f]);
		if (!ok)
			break;
		prev = to[f];
		if (fr->dir == SIPLOG_SENT) {
			if (!pl_isset(cid[n - 1])) {
				/* The first request of call n went where its -inf line says. */
				ok = m->is_request && pl_eq_str(m->ruri, bj->uri[n - 1]);
				cid[n - 1] = h->value;
			} else
				ok = pl_eq(cid[n - 1], h->value);
		} else          /* a response (or request) to a call that was never sent: an orphan */
			ok = pl_isset(cid[n - 1]) && pl_eq(cid[n - 1], h->value);
		own[f] = bj->owner[n - 1];
	}
	ok = ok && !has_sep(prev, log->buf + log->len);
	free(cid);
	return ok;
}

/* Link (else copy) the batch's file name into dir: evidence the tests' readers expect. */
static void bjob_link(const char *bdir, const char *dir, const char *name)
{
	char src[1500], dst[1500];

	snprintf(src, sizeof(src), "%s/%s", bdir, name);
	snprintf(dst, sizeof(dst), "%s/%s", dir, name);
	if (link(src, dst) != 0)
		file_copy(src, dir, name);
}

/*
 * A request's evidence as its run alone leaves it in dir: its frames as
 * messages.log (len bytes of buf), scenario.xml and sipp.stderr linked
 * from the batch's directory bdir.
 */
static int bjob_files(const char *bdir, const char *dir, const char *buf, size_t len)
{
	char path[1500];
	FILE *o;

	snprintf(path, sizeof(path), "%s/messages.log", dir);
	o = fopen(path, "we");
	if (!o)
		return errno ? errno : EIO;
	if (fwrite(buf, 1, len, o) != len) {
		fclose(o);
		return EIO;
	}
	if (fclose(o))
		return errno ? errno : EIO;
	bjob_link(bdir, dir, "scenario.xml");
	bjob_link(bdir, dir, "sipp.stderr");
	return 0;
}

/* Split the frames per member (kept in memory for run/case.c) and write the index; record the result per test. */
static bool bjob_write(struct bjob *bj, const struct xchg_capture *cap, const size_t *own,
		       const char **from, const char **to)
{
	const struct plan *p = bj->env->p;
	size_t nf = cap->log->nframes, f, k, c = 0;
	size_t *next = malloc((nf + 1) * sizeof(*next)), *head = malloc(bj->nm * sizeof(*head));
	size_t *tail = malloc(bj->nm * sizeof(*tail));
	char idx[1500];
	FILE *ix;
	bool ok = next && head && tail;

	snprintf(idx, sizeof(idx), "%s/index.tsv", bj->dir);
	ix = ok ? fopen(idx, "we") : NULL;
	ok = ix != NULL;
	for (k = 0; ok && k < bj->nm; k++)
		head[k] = tail[k] = SIZE_MAX;
	for (f = 0; ok && f < nf; f++) {       /* per member, in log order */
		next[f] = SIZE_MAX;
		if (head[own[f]] == SIZE_MAX)
			head[own[f]] = f;
		else
			next[tail[own[f]]] = f;
		tail[own[f]] = f;
	}
	for (k = 0; ok && k < bj->nm; k++) {
		struct bslot *sl = bj->sl[k];
		size_t ci = sl->ci, calls = sl->calls;
		char casedir[1400], *buf;
		size_t len;

		evidence_case_dir(casedir, sizeof(casedir), bj->env->evidence, p->name,
				  bj->env->index + 1 + (ci - bj->first), p->cases[ci].id);
		fprintf(ix, "%zu-%zu\t%s%s%s\t%s\n", c + 1, c + calls, strrchr(casedir, '/') + 1,
			sl->label[0] ? "/" : "", sl->label, sl->uri);
		c += calls;
		/* No directory per test here: run/case.c makes one only for a
		 * test that does not pass (its bytes are in this batch's log). */
		len = 0;
		for (f = head[k]; f != SIZE_MAX; f = next[f])
			len += (size_t)(to[f] - from[f]);
		buf = malloc(len + 1);
		if (!buf)
			continue;
		for (len = 0, f = head[k]; f != SIZE_MAX; f = next[f]) {
			memcpy(buf + len, from[f], (size_t)(to[f] - from[f]));
			len += (size_t)(to[f] - from[f]);
		}
		if (!sl->label[0]) {
			bj->b->res[ci] = bj->sr;
			bj->b->log[ci] = buf;
			bj->b->loglen[ci] = len;
		} else if ((sl->bdir = strdup(bj->dir)) != NULL) {
			sl->res = bj->sr;
			sl->log = buf;
			sl->loglen = len;
		} else
			free(buf);
	}
	if (ix && fclose(ix))
		ok = false;
	free(next);
	free(head);
	free(tail);
	return ok;
}

/* Run one batch and split what it captured (see the exactness rule in batch.h). */
static void bjob_run(struct bjob *bj)
{
	enum transport tr = bj->tr;
	const struct plan_auth *creds = &bj->creds;
	struct case_env *env = bj->env;
	const struct tcase *tc = &env->p->cases[bj->sl[0]->ci];
	const char *method = bj->sl[0]->method ? bj->sl[0]->method : tc->method;
	struct sipp_key key = { "method", method };
	struct bshape bs;
	struct xchg_budget all = { SIZE_MAX, SIZE_MAX };
	struct xchg_capture cap;
	struct scnwrite_shape sh;
	struct sipp_job job;
	char bdir[1400], fields[400], why[400];
	const char *w = NULL, **from = NULL, **to = NULL;
	size_t *own = NULL;
	unsigned long long lmax;
	bool ran;

	evidence_batch_dir(bdir, sizeof(bdir), env->evidence, env->p->name, bj->num);
	if (evidence_run_dir(bj->dir, sizeof(bj->dir), bdir, "") ||
	    scnwrite_ruri_fields(fields, sizeof(fields),
				 (size_t)batch_uri_semis(bj->sl[0]->uri)))
		return;
	bshape_of(&bs, tc, method);
	memset(&sh, 0, sizeof(sh));
	sh.auth = creds->user != NULL;
	sh.from = tc->from;
	sh.to = tc->to;
	sh.headers = bs.h;
	sh.nheaders = bs.nh;
	sh.body = bs.body;
	sh.content_type = bs.ctype;
	sh.method = method;
	sh.ruri_fields = fields;
	sh.inf_uris = bj->uri;
	sh.ninf = bj->ncalls;
	memset(&job, 0, sizeof(job));
	job.sipp = env->o->sipp;
	job.scenario = env->scn_request;
	job.dir = bj->dir;
	job.remote_host = env->target->remote;
	job.remote_port = env->target->port;
	job.local_ip = env->target->local;
	job.transport = tr;
	job.keys = &key;
	job.nkeys = 1;
	job.timeout_s = env->o->timeout_s;
	job.calls = (unsigned)bj->ncalls;
	job.rate = env->o->rate ? env->o->rate : OPTS_RATE_DEFAULT;
	job.window = env->o->window ? env->o->window : OPTS_WINDOW_DEFAULT;
	/* The flood cap: a test's share per 100 calls, within what the reader takes. */
	lmax = (unsigned long long)SIPP_LOG_MAX_BYTES * (1 + bj->ncalls / 100);
	job.log_max = lmax < SIPLOG_READ_MAX ? lmax : SIPLOG_READ_MAX;
	/* As alone: only a test's own requests have their later finals judged. */
	job.linger_ms = tr == TRANSPORT_UDP && !bj->sl[0]->label[0] ? XCHG_LINGER_UDP_MS : 0;
	if (scnwrite_run(bj->sr, &job, &sh, creds, &ran, why, sizeof(why)) || stop_requested() ||
	    (bj->sr->status != SIPP_EXIT_OK && bj->sr->status != SIPP_EXIT_CALLS_FAILED))
		return;
	if (xchg_capture_load_kept(&cap, bj->sr->log_path, &all, &w))
		return;
	if (xchg_capture_trusted(&cap, why, sizeof(why)) && !cap.log->capped) {
		size_t nf = cap.log->nframes ? cap.log->nframes : 1;

		own = malloc(nf * sizeof(*own));
		from = malloc(nf * sizeof(*from));
		to = malloc(nf * sizeof(*to));
		if (own && from && to && bjob_split(bj, &cap, own, from, to))
			bjob_write(bj, &cap, own, from, to);
	}
	free(own);
	free(from);
	free(to);
	xchg_capture_free(&cap);
}

/*
 * Ready bj for the calls of members m[0..nm) (one shape) in one SIPp
 * run, j the case about to run; its result slot and batch number taken
 * now, in order, so that -j gives the same directories as -j 1.
 * false: out of memory (the members run alone).
 */
static bool bjob_init(struct bjob *bj, struct batch *b, struct case_env *env, size_t j,
		      struct bslot **m, size_t nm, size_t calls)
{
	const struct tcase *tc = &env->p->cases[m[0]->ci];
	size_t k, c = 0;

	memset(bj, 0, sizeof(*bj));
	bj->env = env;
	bj->b = b;
	bj->first = j;
	bj->sl = m;
	bj->nm = nm;
	bj->ncalls = calls;
	bj->tr = case_transport(env->o, env->p, tc);
	case_creds(&bj->creds, env, &tc->auth);
	bj->uri = malloc(calls * sizeof(*bj->uri));
	bj->owner = malloc(calls * sizeof(*bj->owner));
	bj->sr = calloc(1, sizeof(*bj->sr));
	if (b->nruns == b->caprun) {
		size_t nc = b->caprun ? 2 * b->caprun : 16;
		struct sipp_result **v = realloc(b->runs, nc * sizeof(*v));

		if (v) {
			b->runs = v;
			b->caprun = nc;
		}
	}
	if (!bj->uri || !bj->owner || !bj->sr || b->nruns == b->caprun) {
		free(bj->sr);
		free(bj->uri);
		free(bj->owner);
		bj->sr = NULL;
		return false;
	}
	b->runs[b->nruns++] = bj->sr;
	bj->num = b->nruns;
	for (k = 0; k < nm; k++) {
		size_t r = m[k]->calls;

		while (r--) {
			bj->uri[c] = m[k]->uri;
			bj->owner[c++] = k;
		}
	}
	return true;
}

static void *bjob_thread(void *arg)
{
	bjob_run(arg);
	return NULL;
}

/*
 * Run bjs[0..n) (ready) at once, one thread each around its SIPp run
 * and split (they share nothing but the read-only suite: each writes its
 * own batch directory and its own tests' directories and result slots).
 * A thread that cannot start runs in this one.
 */
static void bjob_run_all(struct bjob *bjs, size_t n)
{
	pthread_t *th = n > 1 ? calloc(n, sizeof(*th)) : NULL;
	bool *started = n > 1 ? calloc(n, sizeof(*started)) : NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		if (th && started && i + 1 < n &&
		    pthread_create(&th[i], NULL, bjob_thread, &bjs[i]) == 0)
			started[i] = true;
		else
			bjob_run(&bjs[i]);
	}
	for (i = 0; th && started && i < n; i++)
		if (started[i])
			pthread_join(th[i], NULL);
	free(th);
	free(started);
}

/*
 * Run the slots of each group sl[bound[g]..bound[g+1]) (one shape per
 * group) in slices of at most BATCH_MAX_CALLS calls, with -j N each
 * group in N slices (or more), N SIPp runs at a time.  A slice of one
 * member is not run: that request goes out alone, as it would anyway.
 */
static void batch_run_groups(struct batch *b, struct case_env *env, size_t j,
			     struct bslot **sl, const size_t *bound, size_t ngrp)
{
	size_t jobs = env->o->jobs ? env->o->jobs : 1, per, lo, hi, calls, k, g, n = 0;
	struct bjob *bjs = calloc(bound[ngrp] + 1, sizeof(*bjs));

	if (!bjs)
		return;
	for (g = 0; g < ngrp; g++) {
		size_t total = 0;

		for (k = bound[g]; k < bound[g + 1]; k++)
			total += sl[k]->calls;
		per = (total + jobs - 1) / jobs;
		per = per < 2 ? 2 : per > BATCH_MAX_CALLS ? BATCH_MAX_CALLS : per;
		for (lo = bound[g]; lo < bound[g + 1]; lo = hi) {
			calls = 0;
			for (hi = lo; hi < bound[g + 1]; hi++) {
				if (calls + sl[hi]->calls > per && hi > lo)
					break;
				calls += sl[hi]->calls;
			}
			if (hi - lo > 1 && bjob_init(&bjs[n], b, env, j, sl + lo, hi - lo, calls))
				n++;
		}
	}
	for (lo = 0; lo < n && !env->env_stop && !stop_requested(); lo += jobs)
		bjob_run_all(bjs + lo, n - lo < jobs ? n - lo : jobs);
	for (k = 0; k < n; k++) {
		free(bjs[k].uri);
		free(bjs[k].owner);
	}
	free(bjs);
}

static void batch_wave(struct batch *b, struct case_env *env, size_t j, const size_t *m,
		       size_t nm);

void batch_before(struct batch *b, struct case_env *env, size_t j)
{
	struct bslot *sl, **slp;
	struct bgroup *g;
	size_t k, bound[2];

	if (!b || j >= b->n || b->group[j] == SIZE_MAX)
		return;
	g = &b->groups[b->group[j]];
	if (g->state != BATCH_PILOT_CLEAN || g->m[0] == j)
		return;
	g->state = BATCH_DONE;
	/* Every member but the pilot: its own requests, then its follow
	 * hops and probes (the waves). */
	sl = calloc(g->nm, sizeof(*sl));
	slp = calloc(g->nm, sizeof(*slp));
	for (k = 1; sl && slp && k < g->nm; k++) {
		const struct tcase *t = &env->p->cases[g->m[k]];

		sl[k - 1].ci = g->m[k];
		sl[k - 1].uri = t->request_uri;
		sl[k - 1].calls = t->repeat ? t->repeat : 1;
		slp[k - 1] = &sl[k - 1];
	}
	bound[0] = 0;
	bound[1] = g->nm - 1;
	if (sl && slp)
		batch_run_groups(b, env, j, slp, bound, 1);
	free(sl);
	free(slp);
	if (!env->env_stop && !stop_requested())
		batch_wave(b, env, j, g->m + 1, g->nm - 1);
}

void batch_after(struct batch *b, const struct case_env *env, size_t j)
{
	struct bgroup *g;

	if (!b || j >= b->n || b->group[j] == SIZE_MAX)
		return;
	g = &b->groups[b->group[j]];
	if (g->state == BATCH_PILOT && g->m[0] == j)
		g->state = env->own_clean ? BATCH_PILOT_CLEAN : BATCH_DONE;
}

/* FNV-1a over s and its end (NULL hashes apart from ""). */
static uint64_t fnv(uint64_t h, const char *s)
{
	if (!s)
		return (h ^ 0x01u) * 1099511628211u;
	for (;; s++) {
		h = (h ^ (unsigned char)*s) * 1099511628211u;
		if (!*s)
			return h;
	}
}

/* A hash of what req_same compares: equal shapes hash equal. */
static uint64_t req_hash(const struct case_env *env, const struct tcase *tc, const char *method,
			 const char *uri)
{
	struct plan_auth cr;
	struct bshape s;
	uint64_t h = 14695981039346656037u;
	char num[32];
	size_t i;

	case_creds(&cr, env, &tc->auth);
	bshape_of(&s, tc, method);
	snprintf(num, sizeof(num), "%d %d", (int)case_transport(env->o, env->p, tc),
		 batch_uri_semis(uri));
	h = fnv(fnv(fnv(h, method), num), cr.user);
	h = fnv(fnv(fnv(h, cr.password_env), s.body), s.ctype);
	h = fnv(fnv(h, tc->from), tc->to);
	for (i = 0; i < s.nh; i++)
		h = fnv(fnv(h, s.h[i].name), s.h[i].value);
	return h;
}

struct bkey {
	uint64_t h;
	size_t i;
};

static int bkey_cmp(const void *a, const void *b)
{
	const struct bkey *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * Group the eligible tests: sorted by (shape hash, suite order), so that
 * each run of one hash is scanned alone (batch_same settles collisions):
 * O(n log n) whatever the number of shapes.
 */
static void batch_group_all(struct batch *b, const struct case_env *env)
{
	const struct plan *p = env->p;
	struct bkey *k = malloc((p->ncases + 1) * sizeof(*k));
	bool *seen = calloc(p->ncases + 1, sizeof(*seen));
	size_t n = 0, lo, hi, x, y;

	for (x = 0; k && seen && x < p->ncases; x++)
		if (batch_eligible(env, &p->cases[x])) {
			k[n].h = req_hash(env, &p->cases[x], p->cases[x].method,
					  p->cases[x].request_uri);
			k[n++].i = x;
		}
	if (k && seen)
		qsort(k, n, sizeof(*k), bkey_cmp);
	for (lo = 0; k && seen && lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && k[hi].h == k[lo].h; hi++)
			;
		for (x = lo; x < hi; x++) {
			struct bgroup *g = &b->groups[b->ngroups];

			if (seen[k[x].i])
				continue;
			g->m = b->mem + b->nmem;
			g->nm = 0;
			for (y = x; y < hi; y++)
				if (!seen[k[y].i] &&
				    (y == x || batch_same(env, &p->cases[k[x].i], &p->cases[k[y].i]))) {
					seen[k[y].i] = true;
					g->m[g->nm++] = k[y].i;
				}
			if (g->nm < 3) {        /* the pilot and one more: nothing to gain */
				g->nm = 0;
				continue;
			}
			for (y = 0; y < g->nm; y++)
				b->group[g->m[y]] = b->ngroups;
			b->nmem += g->nm;
			b->ngroups++;
		}
	}
	free(k);
	free(seen);
}

/* Room for one more request in b->wv. */
static bool wv_grow(struct batch *b)
{
	size_t nc;
	struct bslot *v;

	if (b->nwv < b->capwv)
		return true;
	nc = b->capwv ? 2 * b->capwv : 64;
	v = realloc(b->wv, nc * sizeof(*v));
	if (!v)
		return false;
	b->wv = v;
	b->capwv = nc;
	return true;
}

/*
 * The wave after the first-request batch of members m[0..nm): the follow
 * hops (depth 1) and probes each member will send when its own requests
 * are adopted as the batch captured them (run/case.c case_wave_reqs
 * reads them off its first final response), grouped by shape (req_same,
 * in suite order within a shape) and run as batches of their own.  Each
 * request's frames go to its test's directory, <casedir>/<label>, and
 * txn_run adopts them (batch_take_wave) only for the very request it is
 * about to send, when clean; anything else goes out alone as before.
 * Deeper follow hops depend on these answers: they go out alone.
 */
static void batch_wave(struct batch *b, struct case_env *env, size_t j, const size_t *m,
		       size_t nm)
{
	size_t w0 = b->nwv, k, r, n, lo, hi, x, y, c = 0, ng = 0;
	struct bkey *key;
	struct bslot **sl;
	size_t *bound;
	bool *seen;

	for (k = 0; k < nm; k++) {
		size_t ci = m[k], nrq = 0;
		struct case_wreq *rq = NULL;

		if (!b->log[ci] || case_wave_reqs(env, &env->p->cases[ci], b->log[ci],
						  b->loglen[ci], &rq, &nrq))
			continue;
		b->wfirst[ci] = b->nwv;
		for (r = 0; r < nrq; r++) {
			struct bslot *sw;

			if (batch_uri_semis(rq[r].ruri) < 0 || strcmp(rq[r].method, "INVITE") == 0 ||
			    !wv_grow(b)) {
				free(rq[r].ruri);
				free(rq[r].method);
				continue;
			}
			sw = &b->wv[b->nwv++];
			memset(sw, 0, sizeof(*sw));
			sw->ci = ci;
			sw->calls = 1;
			snprintf(sw->label, sizeof(sw->label), "%s", rq[r].label);
			sw->method = rq[r].method;
			sw->ruri = rq[r].ruri;
			sw->uri = sw->ruri;
		}
		b->wcount[ci] = b->nwv - b->wfirst[ci];
		free(rq);
	}
	n = b->nwv - w0;
	if (n < 2)
		return;
	key = malloc(n * sizeof(*key));
	sl = malloc(n * sizeof(*sl));
	bound = malloc((n + 1) * sizeof(*bound));
	seen = calloc(n, sizeof(*seen));
	for (x = 0; key && sl && bound && seen && x < n; x++) {
		const struct bslot *sw = &b->wv[w0 + x];

		key[x].h = req_hash(env, &env->p->cases[sw->ci], sw->method, sw->uri);
		key[x].i = x;
	}
	if (key && sl && bound && seen) {
		qsort(key, n, sizeof(*key), bkey_cmp);
		bound[0] = 0;
	} else
		n = 0;
	for (lo = 0; lo < n; lo = hi) {
		for (hi = lo + 1; hi < n && key[hi].h == key[lo].h; hi++)
			;
		for (x = lo; x < hi; x++) {
			const struct bslot *a = &b->wv[w0 + key[x].i];
			size_t c0 = c;

			if (seen[key[x].i])
				continue;
			for (y = x; y < hi; y++) {
				const struct bslot *e = &b->wv[w0 + key[y].i];

				if (!seen[key[y].i] &&
				    (y == x || req_same(env, &env->p->cases[a->ci], a->method, a->uri,
							&env->p->cases[e->ci], e->method, e->uri))) {
					seen[key[y].i] = true;
					sl[c++] = &b->wv[w0 + key[y].i];
				}
			}
			if (c - c0 < 2)         /* one request: it goes out alone anyway */
				c = c0;
			else
				bound[++ng] = c;
		}
	}
	if (ng)
		batch_run_groups(b, env, j, sl, bound, ng);
	free(key);
	free(sl);
	free(bound);
	free(seen);
}

const struct sipp_result *batch_take_wave(struct batch *b, const struct tcase *tc,
					  const char *label, const char *ruri, const char *method,
					  const char *dir, char **log, size_t *len)
{
	size_t ci, k;

	*log = NULL;
	*len = 0;
	if (!b || !b->wcount || tc < b->cases || tc >= b->cases + b->n)
		return NULL;
	ci = (size_t)(tc - b->cases);
	for (k = b->wfirst[ci]; k < b->wfirst[ci] + b->wcount[ci]; k++) {
		struct bslot *sw = &b->wv[k];

		if (sw->log && sw->res && strcmp(sw->label, label) == 0 &&
		    strcmp(sw->uri, ruri) == 0 && strcmp(sw->method, method) == 0) {
			if (bjob_files(sw->bdir, dir, sw->log, sw->loglen)) {
				file_clear_dir(dir);    /* for the run alone */
				return NULL;
			}
			*log = sw->log;
			*len = sw->loglen;
			sw->log = NULL;
			return sw->res;
		}
	}
	return NULL;
}

void batch_plan(struct batch **bp, const struct case_env *env)
{
	const struct plan *p = env->p;
	struct batch *b = calloc(1, sizeof(*b));
	size_t i;
	bool ok;

	*bp = b;
	if (!b)
		return;
	b->cases = p->cases;
	b->n = p->ncases;
	b->res = calloc(p->ncases + 1, sizeof(*b->res));
	b->log = calloc(p->ncases + 1, sizeof(*b->log));
	b->loglen = calloc(p->ncases + 1, sizeof(*b->loglen));
	b->wfirst = calloc(p->ncases + 1, sizeof(*b->wfirst));
	b->wcount = calloc(p->ncases + 1, sizeof(*b->wcount));
	b->group = malloc((p->ncases + 1) * sizeof(*b->group));
	b->groups = calloc(p->ncases + 1, sizeof(*b->groups));
	b->mem = malloc((p->ncases + 1) * sizeof(*b->mem));
	ok = b->res && b->log && b->loglen && b->wfirst && b->wcount && b->group && b->groups &&
	     b->mem;
	for (i = 0; ok && i < p->ncases; i++)
		b->group[i] = SIZE_MAX;
	if (ok && !env->setup_error && !env->o->no_batch)
		batch_group_all(b, env);
}

const struct sipp_result *batch_result(const struct batch *b, const struct tcase *tc)
{
	if (!b || !b->res || tc < b->cases || tc >= b->cases + b->n)
		return NULL;
	return b->res[tc - b->cases];
}

char *batch_take_log(struct batch *b, const struct tcase *tc, size_t *len)
{
	char *buf;

	if (!b || !b->log || tc < b->cases || tc >= b->cases + b->n)
		return NULL;
	buf = b->log[tc - b->cases];
	*len = b->loglen[tc - b->cases];
	b->log[tc - b->cases] = NULL;
	return buf;
}

size_t batch_ngroups(const struct batch *b)
{
	return b ? b->ngroups : 0;
}

struct batch *batch_free(struct batch *b)
{
	size_t i;

	if (!b)
		return NULL;
	for (i = 0; i < b->nruns; i++)
		free(b->runs[i]);
	for (i = 0; b->log && i < b->n; i++)
		free(b->log[i]);
	for (i = 0; i < b->nwv; i++) {
		free(b->wv[i].method);
		free(b->wv[i].ruri);
		free(b->wv[i].bdir);
		free(b->wv[i].log);
	}
	free(b->wv);
	free(b->wfirst);
	free(b->wcount);
	free(b->log);
	free(b->loglen);
	free(b->runs);
	free(b->res);
	free(b->group);
	free(b->groups);
	free(b->mem);
	free(b);
	return NULL;
}
