/*
 * load_xchg.c - the exchanges of a big capture in linear time (load.h,
 * load_xchg_each).
 *
 * xchg_build() finds the exchange of each frame by comparing it with
 * every exchange so far: fine for a test's few requests, quadratic for
 * the thousands of a load test (5,000 requests: seconds of CPU).  Here
 * the frames are first bucketed by Call-ID (one hash lookup per frame)
 * into views of LOAD_VIEW_XCHG exchanges, and xchg_build() runs on each
 * view: the frames of a view are those of its Call-IDs, in log order.
 *
 *   pass 1: each sent request of the method with a new Call-ID opens
 *           exchange k (0, 1, ...); a frame with a known Call-ID gets
 *           its k; an unparsable received frame gets the k of the latest
 *           request sent before it (xchg_build notes it in the latest
 *           exchange still waiting); any other frame gets none.
 *   pass 2: view of k = k / LOAD_VIEW_XCHG (a last view of one exchange
 *           joins the one before, so that no view holds a single
 *           exchange: xchg_build attaches stray responses to a lone one).
 *   pass 3: frames bucketed by view, in log order; xchg_build per view.
 *
 * What xchg_build ignores when there are several exchanges - a response
 * whose Call-ID no request has, a request of another method with a new
 * Call-ID - is in no view.  A capture of at most LOAD_VIEW_XCHG requests
 * goes to xchg_build whole, so a small one is grouped exactly as in a
 * normal test.
 */
#include "run/load.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sip/value.h"

#define NONE SIZE_MAX

/* Call-ID -> exchange number: open addressing, linear probing. */
struct cidmap {
	struct pl *key;
	size_t *val;
	size_t cap;                /* a power of two, at least twice the entries */
};

static uint64_t hash_pl(struct pl p)
{
	uint64_t h = 1469598103934665603ull;   /* FNV-1a */
	size_t i;

	for (i = 0; i < p.l; i++)
		h = (h ^ (unsigned char)p.p[i]) * 1099511628211ull;
	return h;
}

/* The slot of k: its own, or the empty one where it goes. */
static size_t cidmap_slot(const struct cidmap *m, struct pl k)
{
	size_t i = (size_t)hash_pl(k) & (m->cap - 1);

	while (m->key[i].p && !pl_eq(m->key[i], k))
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* The Call-ID of frame i, false if it has none that parses. */
static bool frame_cid(const struct xchg_capture *c, size_t i, struct pl *cid)
{
	return c->msg[i] && sipmsg_callid(c->msg[i], cid, NULL) == 0 && cid->l;
}

/* Pass 1 (above): kx[i] for every frame; the number of exchanges into *nk. */
static int pass1(const struct xchg_capture *c, const char *method, size_t *kx, size_t *nk)
{
	const struct siplog *log = c->log;
	struct cidmap m;
	size_t i, n = 0, last = NONE;

	for (m.cap = 16; m.cap < 2 * log->nframes + 2; m.cap *= 2)
		;
	m.key = calloc(m.cap, sizeof(*m.key));
	m.val = calloc(m.cap, sizeof(*m.val));
	if (!m.key || !m.val) {
		free(m.key);
		free(m.val);
		return ENOMEM;
	}
	for (i = 0; i < log->nframes; i++) {
		const struct sipmsg *f = c->msg[i];
		struct pl cid;
		size_t s;

		kx[i] = NONE;
		if (!frame_cid(c, i, &cid)) {
			if (!f && log->frames[i].dir == SIPLOG_RECEIVED)
				kx[i] = last;
			continue;
		}
		s = cidmap_slot(&m, cid);
		if (m.key[s].p)
			kx[i] = m.val[s];
		else if (log->frames[i].dir == SIPLOG_SENT && f->is_request &&
			 pl_eq_str(f->method, method)) {
			m.key[s] = cid;
			m.val[s] = n;
			kx[i] = n++;
		}
		if (log->frames[i].dir == SIPLOG_SENT && kx[i] != NONE)
			last = kx[i];
	}
	free(m.key);
	free(m.val);
	*nk = n;
	return 0;
}

/* View of exchange k among nk (pass 2). */
static size_t view_of(size_t k, size_t nk)
{
	size_t v = k / LOAD_VIEW_XCHG, nv = (nk + LOAD_VIEW_XCHG - 1) / LOAD_VIEW_XCHG;

	if (nv > 1 && nk % LOAD_VIEW_XCHG == 1 && v == nv - 1)
		v--;
	return v;
}

/* xchg_build on view (frames idx[0..n) of c) and fn on its exchanges. */
static int view_run(const struct xchg_capture *c, const size_t *idx, size_t n,
		    const char *method, load_xchg_fn fn, void *arg, size_t *total)
{
	struct siplog vlog = *c->log;       /* shares the buffer: never freed here */
	struct xchg_capture view;
	struct xchg *x = NULL;
	size_t nx = 0, i;
	int err = ENOMEM;

	vlog.frames = malloc(n * sizeof(*vlog.frames));
	view.log = &vlog;
	view.msg = malloc(n * sizeof(*view.msg));
	view.perr = malloc(n * sizeof(*view.perr));
	vlog.nframes = n;
	if (vlog.frames && view.msg && view.perr) {
		for (i = 0; i < n; i++) {
			vlog.frames[i] = c->log->frames[idx[i]];
			view.msg[i] = c->msg[idx[i]];
			memcpy(view.perr[i], c->perr[idx[i]], sizeof(view.perr[i]));
		}
		err = xchg_build(&x, &nx, &view, method);
	}
	if (!err) {
		fn(arg, &view, x, nx, *total);
		*total += nx;
	}
	free(x);
	free(vlog.frames);
	free(view.msg);
	free(view.perr);
	return err;
}

int load_xchg_each(const struct xchg_capture *c, const char *method, load_xchg_fn fn,
		   void *arg, size_t *total)
{
	size_t nf = c->log->nframes, nk = 0, nv, i, *kx = NULL, *start = NULL, *idx = NULL;
	struct xchg *x = NULL;
	int err;

	*total = 0;
	kx = malloc((nf ? nf : 1) * sizeof(*kx));
	if (!kx)
		return ENOMEM;
	if ((err = pass1(c, method, kx, &nk)))
		goto out;
	if (nk <= LOAD_VIEW_XCHG) {     /* small: exactly as a normal test groups it */
		size_t nx = 0;

		if (!(err = xchg_build(&x, &nx, c, method))) {
			fn(arg, c, x, nx, 0);
			*total = nx;
		}
		goto out;
	}
	nv = view_of(nk - 1, nk) + 1;
	start = calloc(nv + 1, sizeof(*start));
	idx = malloc(nf * sizeof(*idx));
	err = ENOMEM;
	if (!start || !idx)
		goto out;
	/* Pass 3: counting sort of the frames by view, log order kept. */
	for (i = 0; i < nf; i++)
		if (kx[i] != NONE)
			start[view_of(kx[i], nk) + 1]++;
	for (i = 0; i < nv; i++)
		start[i + 1] += start[i];
	for (i = 0; i < nf; i++)
		if (kx[i] != NONE)
			idx[start[view_of(kx[i], nk)]++] = i;
	/* start[v] is now the end of view v: its start is start[v - 1] (0 for v 0). */
	err = 0;
	for (i = 0; i < nv && !err; i++) {
		size_t a = i ? start[i - 1] : 0;

		err = view_run(c, idx + a, start[i] - a, method, fn, arg, total);
	}
out:
	free(x);
	free(kx);
	free(start);
	free(idx);
	return err;
}
