/*
 * runner.c - the pipeline, one test at a time:
 *
 *   tcase -> SIPp run (sipp_runner) -> message log (siplog) -> parsed
 *   messages (sipmsg) -> exchanges -> check results (rule) -> verdict ->
 *   reporters (report) + terminal summary + evidence files.
 *
 * An exchange is one request the harness sent (identified by Call-ID and
 * CSeq) with the responses the SUT returned for it.  SIPp's exit status
 * never decides a verdict: it only explains a missing answer.
 *
 * Verdicts: FAIL when a check failed (proof in hand) - it wins over
 * ERROR, which means some exchange could not be judged (no answer,
 * unparsable answer, SIPp died); PASS otherwise.
 */
#include "run/runner.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "judge/cross.h"
#include "base/diag.h"
#include "report/report.h"
#include "judge/rule.h"
#include "sipp/scenario.h"
#include "sip/msg.h"
#include "sipp/siplog.h"
#include "sipp/sipp.h"
#include "suite/suite.h"
#include "sipp/value.h"
#include "suite/waiver.h"

#define MAX_REPORTERS 2

struct run {
	const struct opts *o;
	struct reporter *rep[MAX_REPORTERS];
	size_t nrep;
	FILE *term;                /* terminal summary: stdout, or stderr when TAP goes to stdout */
	char evidence[1024];
	char scn_request[1024];
	char scn_invite[1024];
	size_t total, passed, failed, errors, skipped;
	size_t index;              /* running test number, for evidence dir names */
	bool env_stop;             /* the environment stopped the run */
	struct cross *cross;       /* first sets seen per suite entry */
	struct waivers *waivers;
};

/* One request/response transaction as read back from the log. */
struct xchg {
	size_t req_frame;
	struct sipmsg *req;        /* borrowed from the per-frame array */
	struct sipmsg *final;      /* first final response for it, borrowed */
	size_t nprov;
	size_t nfinal;             /* finals incl. retransmissions */
	char bad[400];             /* why a received frame could not be parsed */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* mkdir -p; EEXIST is fine. */
static int mkdirs(const char *path)
{
	char tmp[1024];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof(tmp))
		return EINVAL;
	memcpy(tmp, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] == '/' || tmp[i] == '\0') {
			char c = tmp[i];

			tmp[i] = '\0';
			if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
				return errno;
			tmp[i] = c;
		}
	}
	return 0;
}

static int write_bytes(const char *dir, const char *name, struct pl bytes)
{
	char path[1200];
	FILE *fp;
	int err = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (!fp)
		return errno;
	if (bytes.l && fwrite(bytes.p, 1, bytes.l, fp) != bytes.l)
		err = EIO;
	if (fclose(fp) != 0 && !err)
		err = errno;
	return err;
}

static int copy_file(const char *from, const char *dir, const char *name)
{
	char buf[65536];
	FILE *fp = fopen(from, "rb");
	size_t n;
	int err;

	if (!fp)
		return errno;
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	err = write_bytes(dir, name, (struct pl){ buf, n });
	return err;
}

/* File-system-safe rendering of an id: [A-Za-z0-9._-], others as '_'. */
static void safe_name(char *out, size_t size, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '.' || c == '-') ? (char)c : '_';
	}
	out[i] = '\0';
}

/*
 * Resolve the target to an IP literal and find the local address the
 * kernel would use to reach it (SIPp's -i: it goes into Via and Contact).
 */
static int route_target(const char *host, uint16_t port, char *remote,
			size_t rsize, char *local, size_t lsize, const char **why)
{
	struct addrinfo hints, *ai = NULL;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char portstr[8];
	int fd = -1, err = 0, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(portstr, sizeof(portstr), "%u", port ? port : 5060);
	rc = getaddrinfo(host, portstr, &hints, &ai);
	if (rc != 0) {
		*why = gai_strerror(rc);
		return rc == EAI_NONAME ? EINVAL : EHOSTUNREACH;
	}
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, remote, (socklen_t)rsize,
			NULL, 0, NI_NUMERICHOST) != 0) {
		*why = "cannot print the target address";
		err = EINVAL;
		goto out;
	}
	fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) != 0 ||
	    getnameinfo((struct sockaddr *)&ss, sl, local, (socklen_t)lsize, NULL,
			0, NI_NUMERICHOST) != 0) {
		*why = "no route to the target";
		err = EHOSTUNREACH;
	}
out:
	if (fd >= 0)
		close(fd);
	freeaddrinfo(ai);
	return err;
}

static void term_line(struct run *r, const char *verdict, const char *id,
		      double secs, const char *msg)
{
	if (r->o->quiet && strcmp(verdict, "PASS") == 0)
		return;
	fprintf(r->term, "  %-5s %-40s %6.2fs%s", verdict, id, secs, msg ? "  " : "");
	/* The message may quote SIPp's stderr, which may quote the SUT: no
	 * control byte reaches the terminal. */
	for (; msg && *msg; msg++)
		fputc((unsigned char)*msg < 0x20 || *msg == 0x7f ? '?' : *msg, r->term);
	fputc('\n', r->term);
}

/* Frames of the log parsed once; NULL where a frame does not parse. */
struct parsed {
	struct siplog *log;
	struct sipmsg **msg;
	char (*perr)[200];
};

static void parsed_free(struct parsed *pz)
{
	size_t i;

	if (pz->log && pz->msg)
		for (i = 0; i < pz->log->nframes; i++)
			sipmsg_free(pz->msg[i]);
	free(pz->msg);
	free(pz->perr);
	pz->log = siplog_free(pz->log);
	pz->msg = NULL;
	pz->perr = NULL;
}

static bool same_tx(const struct sipmsg *a, const struct sipmsg *b)
{
	struct pl ca, cb;
	struct sipcseq sa, sb;

	if (sipmsg_callid(a, &ca, NULL) || sipmsg_callid(b, &cb, NULL))
		return false;
	if (!pl_eq(ca, cb))
		return false;
	if (sipmsg_cseq(a, &sa, NULL) || sipmsg_cseq(b, &sb, NULL))
		return true;
	return sa.num == sb.num && pl_eq(sa.method, sb.method);
}

/*
 * Group frames into exchanges.  A sent request with the test's method
 * opens one (a retransmission does not); a received response belongs to
 * the exchange with its Call-ID and CSeq method; when only one exchange
 * exists, a response that matches nothing is still attached to it, so
 * that a wrong Call-ID is judged (check 7) instead of lost.
 */
static int exchanges_build(struct xchg **xp, size_t *np, struct parsed *pz,
			   const char *method)
{
	struct siplog *log = pz->log;
	struct xchg *x = calloc(log->nframes ? log->nframes : 1, sizeof(*x));
	size_t n = 0, i, k;

	if (!x)
		return ENOMEM;
	for (i = 0; i < log->nframes; i++) {
		const struct siplog_frame *f = &log->frames[i];
		struct sipmsg *m = pz->msg[i];

		if (f->dir == SIPLOG_SENT) {
			bool dup = false;

			if (!m || !m->is_request || !pl_eq_str(m->method, method))
				continue;
			for (k = 0; k < n; k++)
				if (same_tx(x[k].req, m))
					dup = true;
			if (dup)
				continue;
			x[n].req_frame = i;
			x[n].req = m;
			n++;
			continue;
		}
		/* received */
		if (!m) {
			struct xchg *open = NULL;

			for (k = n; k-- > 0;)
				if (!x[k].final) {
					open = &x[k];
					break;
				}
			if (open && !open->bad[0])
				snprintf(open->bad, sizeof(open->bad),
					 "unparsable response (received frame %zu): %s", i + 1, pz->perr[i]);
			continue;
		}
		if (m->is_request)
			continue; /* the SUT sent us a request; shown in the evidence only */
		{
			struct xchg *t = NULL;
			struct pl cid, rcid;
			struct sipcseq cs;
			bool cseq_ok = sipmsg_cseq(m, &cs, NULL) == 0;

			for (k = 0; k < n; k++) {
				if (sipmsg_callid(x[k].req, &rcid, NULL) == 0 &&
				    sipmsg_callid(m, &cid, NULL) == 0 && pl_eq(cid, rcid) &&
				    (!cseq_ok || pl_eq(cs.method, x[k].req->method))) {
					t = &x[k];
				}
			}
			if (!t && n == 1 && (!cseq_ok || pl_eq(cs.method, x[0].req->method)))
				t = &x[0];
			if (!t)
				continue;
			if (m->scode < 200)
				t->nprov++;
			else if (!t->final) {
				t->final = m;
				t->nfinal = 1;
			} else
				t->nfinal++;
		}
	}
	*xp = x;
	*np = n;
	return 0;
}

static int parsed_load(struct parsed *pz, const char *path, const char **why)
{
	size_t i;
	int err;

	memset(pz, 0, sizeof(*pz));
	err = siplog_load(&pz->log, path);
	if (err) {
		*why = "cannot read SIPp's message log";
		return err;
	}
	pz->msg = calloc(pz->log->nframes + 1, sizeof(*pz->msg));
	pz->perr = calloc(pz->log->nframes + 1, sizeof(*pz->perr));
	if (!pz->msg || !pz->perr) {
		parsed_free(pz);
		return ENOMEM;
	}
	for (i = 0; i < pz->log->nframes; i++) {
		struct sipmsg_err e;
		const struct pl raw = pz->log->frames[i].raw;

		memset(&e, 0, sizeof(e));
		if (sipmsg_parse(&pz->msg[i], raw.p, raw.l, &e) != 0) {
			pz->msg[i] = NULL;
			snprintf(pz->perr[i], sizeof(pz->perr[i]), "%s",
				 e.what[0] ? e.what : "not a SIP message");
		}
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

/*
 * "ID (RFC 3261 §S, Header): reason": the check, where the RFC says so,
 * and the header at fault: the rule's own, else the name on the evidence
 * row (checks like HEADER-SYNTAX judge any header), else the start line.
 */
static void result_line(char *buf, size_t size, const struct check_result *c)
{
	const struct rule *ru = c->rule;
	char hdr[48] = "";
	size_t i;

	if (ru->header && ru->header[0])
		snprintf(hdr, sizeof(hdr), ", %s", ru->header);
	else if (c->evidence.l && c->msg.l && c->evidence.p == c->msg.p)
		snprintf(hdr, sizeof(hdr), ", start line");
	else if (c->evidence.l) {
		for (i = 0; i < c->evidence.l && i < 40 && sip_is_token((struct pl){ c->evidence.p + i, 1 }); i++)
			;
		if (i > 0 && i < c->evidence.l && (c->evidence.p[i] == ':' ||
						   c->evidence.p[i] == ' ' || c->evidence.p[i] == '\t'))
			snprintf(hdr, sizeof(hdr), ", %.*s", (int)i, c->evidence.p);
	}
	snprintf(buf, size, "%s (RFC 3261 \xc2\xa7%s%s): %s", ru->id, ru->section, hdr, c->reason);
}

/* One SIPp run inside a test: the test's own requests, a follow hop or a probe. */
struct txn {
	char dir[1400];
	char label[64];            /* "", "follow 1", "probe OPTIONS" */
	struct sipp_result sr;
	struct parsed pz;
	struct xchg *x;
	size_t nx;
	bool ran;
};

#define CASE_MAX_TXN 24

struct case_out {
	enum verdict verdict;
	char message[700];
	char why[700];             /* accumulated "could not judge" reasons */
	bool any_error;
	struct check_result *res;
	size_t nres;
	struct report_msg *msgs;
	size_t nmsgs;
	char (*labels)[96];
	char notes[1600];
	struct txn txn[CASE_MAX_TXN];
	size_t ntxn;
};

static void txn_free(struct txn *t)
{
	free(t->x);
	parsed_free(&t->pz);
	memset(t, 0, sizeof(*t));
}

static void case_out_free(struct case_out *co)
{
	size_t i;

	for (i = 0; i < co->ntxn; i++)
		txn_free(&co->txn[i]);
	free(co->res);
	free(co->msgs);
	free(co->labels);
	memset(co, 0, sizeof(*co));
}

static void why_add(struct case_out *co, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void why_add(struct case_out *co, const char *fmt, ...)
{
	size_t l = strlen(co->why);
	va_list ap;

	co->any_error = true;
	if (l + 3 >= sizeof(co->why))
		return;
	if (l) {
		memcpy(co->why + l, "; ", 3);
		l += 2;
	}
	va_start(ap, fmt);
	vsnprintf(co->why + l, sizeof(co->why) - l, fmt, ap);
	va_end(ap);
}

/* A cross-request result that could not be recorded (ENOMEM) is an error. */
static void cross_err(struct case_out *co, int err)
{
	if (err)
		why_add(co, "cannot record a cross-request check: %s", err_str(err));
}

/*
 * Evidence: every frame of every SIPp run of the test as its own file,
 * plus a label per frame for the reports.
 */
static int case_messages(struct case_out *co)
{
	size_t total = 0, i, t, k = 0, ns = 0, nr = 0;

	for (t = 0; t < co->ntxn; t++)
		if (co->txn[t].pz.log)
			total += co->txn[t].pz.log->nframes;
	co->msgs = calloc(total + 1, sizeof(*co->msgs));
	co->labels = calloc(total + 1, sizeof(*co->labels));
	if (!co->msgs || !co->labels)
		return ENOMEM;
	for (t = 0; t < co->ntxn; t++) {
		const struct txn *tx = &co->txn[t];
		const struct siplog *log = tx->pz.log;

		if (!log)
			continue;
		for (i = 0; i < log->nframes; i++, k++) {
			const struct siplog_frame *f = &log->frames[i];
			const struct sipmsg *m = tx->pz.msg[i];
			char what[48], file[64];
			bool sent = f->dir == SIPLOG_SENT;

			if (!m)
				snprintf(what, sizeof(what), "unparsable");
			else if (m->is_request)
				snprintf(what, sizeof(what), "%.*s",
					 (int)(m->method.l > 32 ? 32 : m->method.l), m->method.p);
			else
				snprintf(what, sizeof(what), "%u", m->scode);
			snprintf(co->labels[k], sizeof(co->labels[k]), "%s%s%s #%zu (%s, %.*s)",
				 tx->label, tx->label[0] ? ": " : "",
				 sent ? "sent" : "received", sent ? ++ns : ++nr, what,
				 PL_FMT(f->transport));
			co->msgs[k].label = co->labels[k];
			co->msgs[k].bytes = f->raw;
			snprintf(file, sizeof(file), "%02zu-%s.sip", i + 1, sent ? "sent" : "received");
			write_bytes(tx->dir, file, f->raw);
		}
	}
	co->nmsgs = k;
	return 0;
}

static enum transport case_transport(const struct run *r, const struct plan *p,
				     const struct tcase *tc)
{
	if (tc->transport != TRANSPORT_DEFAULT)
		return tc->transport;
	if (r->o->transport != TRANSPORT_DEFAULT)
		return r->o->transport;
	if (p->target.transport != TRANSPORT_DEFAULT)
		return p->target.transport;
	return TRANSPORT_UDP;
}

/*
 * Send `calls` fresh `method` requests to ruri through SIPp and read back
 * the exchanges.  Returns 0 when SIPp ran (answers or not); otherwise the
 * error is in why (and r->env_stop is set when the environment is at fault).
 */
static int txn_run(struct run *r, const struct plan *p, struct case_out *co,
		   const char *label, const char *ruri, const char *method,
		   unsigned calls, enum transport tr, const char *casedir,
		   struct txn **tp)
{
	char host[256], remote[128], local[128], why[400];
	struct txn *t;
	uint16_t port;
	const char *w = NULL;
	struct sipp_key keys[2];
	struct sipp_job job;
	int err;

	*tp = NULL;
	if (co->ntxn >= CASE_MAX_TXN) {
		why_add(co, "%s: too many requests in one test", label);
		return E2BIG;
	}
	t = &co->txn[co->ntxn++];
	snprintf(t->label, sizeof(t->label), "%s", label);
	if (label[0]) {
		char sub[64];

		safe_name(sub, sizeof(sub), label);
		snprintf(t->dir, sizeof(t->dir), "%s/%s", casedir, sub);
	} else
		snprintf(t->dir, sizeof(t->dir), "%s", casedir);
	err = mkdirs(t->dir);
	if (err) {
		why_add(co, "cannot create evidence directory %s: %s", t->dir, strerror(err));
		r->env_stop = true;
		return err;
	}
	snprintf(host, sizeof(host), "%s", r->o->target_host[0] ? r->o->target_host
			: p->target.host);
	port = r->o->target_port ? r->o->target_port
		: (p->target.port ? p->target.port : 5060);
	err = route_target(host, port, remote, sizeof(remote), local, sizeof(local), &w);
	if (err) {
		why_add(co, "target %s: %s", host, w);
		r->env_stop = true;
		return err;
	}
	keys[0].name = "ruri";
	keys[0].value = ruri;
	keys[1].name = "method";
	keys[1].value = method;
	memset(&job, 0, sizeof(job));
	job.sipp = r->o->sipp;
	job.scenario = strcmp(method, "INVITE") == 0 ? r->scn_invite : r->scn_request;
	job.dir = t->dir;
	job.remote_host = remote;
	job.remote_port = port;
	job.local_ip = local;
	job.transport = tr;
	job.keys = keys;
	job.nkeys = 2;
	job.timeout_s = r->o->timeout_s;
	job.calls = calls;
	copy_file(job.scenario, t->dir, "scenario.xml");
	err = sipp_run(&t->sr, &job);
	if (err) {
		why_add(co, "%s%scannot run SIPp: %s", label, label[0] ? ": " : "", err_str(err));
		if (err == ENOENT)
			r->env_stop = true;
		return err;
	}
	t->ran = true;
	if (t->sr.status == SIPP_EXIT_BIND || t->sr.status == SIPP_EXIT_NOT_FOUND) {
		why_add(co, "SIPp %s: %s", sipp_status_str(t->sr.status), t->sr.err_tail);
		r->env_stop = true;
		return EADDRINUSE;
	}
	err = parsed_load(&t->pz, t->sr.log_path, &w);
	if (!err)
		err = exchanges_build(&t->x, &t->nx, &t->pz, method);
	if (err) {
		snprintf(why, sizeof(why), "%s", w ? w : "reading the message log");
		why_add(co, "%s: %s", why, err_str(err));
		return err;
	}
	*tp = t;
	return 0;
}

/* The final response of exchange x (may be NULL), or NULL with the reason added to co. */
static const struct sipmsg *xchg_final(struct case_out *co, const struct xchg *x,
				       enum sipp_status st, const char *what,
				       unsigned timeout_s)
{
	if (x && x->final)
		return x->final;
	if (x && x->bad[0])
		why_add(co, "%s: %s", what, x->bad);
	else
		why_add(co, "%s: no final response within %u s (SIPp %s)", what, timeout_s,
			sipp_status_str(st));
	return NULL;
}

/* The first final response of a txn (one request sent), as xchg_final. */
static const struct sipmsg *txn_final(struct case_out *co, const struct txn *t,
				      const char *what, unsigned timeout_s)
{
	return xchg_final(co, t->nx ? &t->x[0] : NULL, t->sr.status, what, timeout_s);
}

/*
 * §8.1.3.4: the target to retry is the Contact URI without a method
 * parameter and without headers.  Copies into out; false if nothing safe
 * to send remains.
 */
static bool follow_target(const char *uri, char *out, size_t size)
{
	struct sipuri u;
	size_t i, l;
	const char *why;
	size_t at;

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

/* checks.md 34: follow each Contact up to tc->follow hops; report a cycle. */
static void case_follow(struct run *r, const struct plan *p, const struct tcase *tc,
			enum transport tr, struct case_out *co, const char *casedir,
			const struct cross_set *first, const struct sipmsg *first_msg)
{
	const enum rule_id id = RULE_NO_REDIRECT_LOOP;
	char *seen[FOLLOW_MAX_URIS];
	int parent[FOLLOW_MAX_URIS];
	size_t nseen = 0, lo, hi, depth, i, j, hops = 0, again = 0;
	char chain[600] = "";
	bool cycle = false;
	struct pl ev = PL_NULL, evmsg = PL_NULL;

	seen[nseen] = strdup(tc->request_uri);
	parent[nseen++] = -1;
	for (i = 0; i < first->n && nseen < FOLLOW_MAX_URIS; i++) {
		seen[nseen] = strdup(first->v[i]);
		parent[nseen++] = 0;
	}
	lo = 1;
	hi = nseen;
	for (depth = 1; depth <= tc->follow && lo < hi && !cycle && !r->env_stop; depth++) {
		for (i = lo; i < hi && !cycle && !r->env_stop; i++) {
			char target[1100], label[64];
			struct txn *t = NULL;
			const struct sipmsg *f;
			struct cross_set cs;

			if (!seen[i] || !follow_target(seen[i], target, sizeof(target))) {
				why_add(co, "cannot follow Contact '%s': not a SIP URI that can be sent safely",
					seen[i] ? seen[i] : "?");
				continue;
			}
			snprintf(label, sizeof(label), "follow %zu.%zu", depth, i - lo + 1);
			if (txn_run(r, p, co, label, target, tc->method, 1, tr, casedir, &t) || !t)
				continue;
			hops++;
			f = txn_final(co, t, label, r->o->timeout_s);
			if (!f || f->scode < 300 || f->scode > 399)
				continue;
			again++;
			if (cross_set_contacts(&cs, f))
				continue;
			for (j = 0; j < cs.n && !cycle; j++) {
				size_t k;

				for (k = 0; k < nseen; k++)
					if (seen[k] && cross_set_has_uri(&(struct cross_set){ &seen[k], 1, true }, cs.v[j]))
						break;
				if (k < nseen) {
					/* Print the path R-URI -> ... -> seen[i] -> back to seen[k]. */
					size_t path[FOLLOW_MAX_URIS], np = 0, q;
					int c = (int)i;

					while (c >= 0 && np < FOLLOW_MAX_URIS) {
						path[np++] = (size_t)c;
						c = parent[c];
					}
					for (q = np; q-- > 0;) {
						size_t l = strlen(chain);
						snprintf(chain + l, sizeof(chain) - l, "%s -> ", seen[path[q]]);
					}
					{
						size_t l = strlen(chain);
						snprintf(chain + l, sizeof(chain) - l, "%s", cs.v[j]);
					}
					cycle = true;
					const struct siphdr *h = sipmsg_hdr(f, SIPHDR_CONTACT);
					ev = h ? h->row : f->start_line;
					evmsg = f->raw;
				} else if (nseen < FOLLOW_MAX_URIS) {
					seen[nseen] = strdup(cs.v[j]);
					parent[nseen++] = (int)i;
				}
			}
			cross_set_clear(&cs);
		}
		lo = hi;
		hi = nseen;
	}
	if (cycle)
		cross_err(co, cross_result(&co->res, &co->nres, id, false, ev, evmsg,
			     "redirect cycle: %s", chain));
	else if (hops == 0)
		cross_err(co, cross_na(&co->res, &co->nres, id, "no Contact could be followed"));
	else
		cross_err(co, cross_result(&co->res, &co->nres, id, true,
			     first_msg ? sipmsg_hdr(first_msg, SIPHDR_CONTACT) ?
			     sipmsg_hdr(first_msg, SIPHDR_CONTACT)->row : PL_NULL : PL_NULL,
			     first_msg ? first_msg->raw : PL_NULL,
			     "followed %zu address(es) up to %u hop(s): no redirect back into "
			     "{Request-URI, Contacts seen}%s", hops, tc->follow,
			     again ? " (a new address redirected again, without a cycle)" : ""));
	for (i = 0; i < nseen; i++)
		free(seen[i]);
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

/* checks.md 44 and "allowed methods are not refused". */
static void case_probes(struct run *r, const struct plan *p, const struct tcase *tc,
			enum transport tr, struct case_out *co, const char *casedir,
			const struct cross_set *allow)
{
	const struct sipmsg *opt_final = NULL;
	size_t i;

	if (tc->probe_options) {
		const enum rule_id id = RULE_ALLOW_MATCHES_OPTIONS;
		struct txn *t = NULL;

		if (txn_run(r, p, co, "probe OPTIONS", tc->request_uri, "OPTIONS", 1, tr,
			    casedir, &t) == 0 && t &&
		    (opt_final = txn_final(co, t, "probe OPTIONS", r->o->timeout_s))) {
			struct cross_set os;

			if (opt_final->scode != 200) {
				char why[80];
				snprintf(why, sizeof(why), "OPTIONS got %u, not 200: nothing to compare",
					 opt_final->scode);
				cross_err(co, cross_na(&co->res, &co->nres, id, why));
			} else if (cross_set_allow(&os, opt_final) == 0) {
				char a[200], b[200];
				const struct siphdr *h = sipmsg_hdr(opt_final, SIPHDR_ALLOW);

				cross_set_format(allow, a, sizeof(a));
				cross_set_format(&os, b, sizeof(b));
				if (!os.present)
					cross_err(co, cross_na(&co->res, &co->nres, id,
						 "the 200 to OPTIONS carries no Allow (RFC 3261 §11.2 SHOULD)"));
				else
					cross_err(co, cross_result(&co->res, &co->nres, id,
						     cross_set_equal(allow, &os, false),
						     h ? h->row : opt_final->start_line, opt_final->raw,
						     "405 Allow %s, OPTIONS 200 Allow %s", a, b));
				cross_set_clear(&os);
			}
		}
	}
	if (!tc->probe_allowed)
		return;
	for (i = 0; i < allow->n && !r->env_stop; i++) {
		const enum rule_id id = RULE_ALLOWED_NOT_REFUSED;
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
			if (txn_run(r, p, co, label, tc->request_uri, allow->v[i], 1, tr, casedir, &t) || !t)
				continue;
			f = txn_final(co, t, label, r->o->timeout_s);
		}
		if (!f)
			continue;
		cross_err(co, cross_result(&co->res, &co->nres, id, f->scode != 405, f->start_line, f->raw,
			     "Allow of the 405 lists %s; %s to the same URI got %u%s", allow->v[i],
			     allow->v[i], f->scode, f->scode == 405 ? " (refused)" : ""));
	}
}

/* Waivers: a failing check a valid waiver covers no longer fails the test. */
static const struct check_result *first_unwaived(struct run *r, const struct tcase *tc,
						 struct case_out *co, char *waived, size_t wsize,
						 size_t *nbadp)
{
	const struct check_result *bad = NULL;
	size_t i, nbad = 0;
	long today = waiver_today();

	waived[0] = '\0';
	for (i = 0; i < co->nres; i++) {
		const struct check_result *c = &co->res[i];
		char where[600];
		const char *reason;
		bool expired = false;

		if (!(c->outcome == CHECK_FAIL || (r->o->strict && c->outcome == CHECK_WARN)))
			continue;
		reason = waiver_match(r->waivers, c->rule->id, tc->id, today, &expired,
				      where, sizeof(where));
		if (reason) {
			size_t l = strlen(waived);
			snprintf(waived + l, wsize - l, "%swaived %s: %s (%s)", l ? "; " : "",
				 c->rule->id, reason, where);
			continue;
		}
		if (expired) {
			size_t l = strlen(co->notes);
			snprintf(co->notes + l, sizeof(co->notes) - l,
				 "%sEXPIRED waiver for %s (%s) does not apply\n", "", c->rule->id, where);
			fprintf(stderr, "sipconform: WARNING: %s: EXPIRED waiver for %s (%s) does not apply\n",
				tc->id, c->rule->id, where);
		}
		nbad++;
		/* Name an RFC check first: the suite's own expectations
		 * (SIPCONFORM-*) explain less about the device. */
		if (!bad || (strncmp(bad->rule->id, "SIPCONFORM-", 11) == 0 &&
			     strncmp(c->rule->id, "SIPCONFORM-", 11) != 0))
			bad = c;
	}
	*nbadp = nbad;
	return bad;
}

static void run_case(struct run *r, const struct plan *p, const struct tcase *tc)
{
	char casedir[1400], sname[128], iname[160], waived[800];
	struct case_out co;
	struct txn *t = NULL;
	enum transport tr = case_transport(r, p, tc);
	unsigned calls = tc->repeat ? tc->repeat : 1;
	double t0 = now_s();
	const struct sipmsg **judged = NULL;
	struct cross_set *sets = NULL;
	const struct expect_row *row = expect_find(tc->expect);
	size_t i, nj = 0;
	int err;

	memset(&co, 0, sizeof(co));
	r->index++;
	safe_name(sname, sizeof(sname), p->name ? p->name : "suite");
	safe_name(iname, sizeof(iname), tc->id);
	snprintf(casedir, sizeof(casedir), "%s/%s/%03zu-%s", r->evidence, sname,
		 r->index, iname);

	err = txn_run(r, p, &co, "", tc->request_uri, tc->method, calls, tr, casedir, &t);
	if (err || !t)
		goto verdict;
	if (t->nx == 0) {
		why_add(&co, "SIPp sent no %s request (SIPp %s)%s%s", tc->method,
			sipp_status_str(t->sr.status), t->sr.err_tail[0] ? ": " : "",
			t->sr.err_tail);
		goto verdict;
	}
	judged = calloc(t->nx, sizeof(*judged));
	sets = calloc(t->nx, sizeof(*sets));
	if (!judged || !sets) {
		why_add(&co, "out of memory");
		goto verdict;
	}
	{
		struct expect exp;

		memset(&exp, 0, sizeof(exp));
		exp.code = tc->expect;
		exp.contacts = (const char *const *)tc->contacts;
		exp.ncontacts = tc->ncontacts;
		exp.allow = (const char *const *)tc->allow;
		exp.nallow = tc->nallow;
		exp.has_allow = tc->has_allow;
		for (i = 0; i < t->nx; i++) {
			struct exchange ex;
			struct check_result *res = NULL;
			size_t nres = 0;
			char what[64];

			snprintf(what, sizeof(what), "%s #%zu", tc->method, i + 1);
			if (!xchg_final(&co, &t->x[i], t->sr.status, what, r->o->timeout_s))
				continue;
			ex.req = t->x[i].req;
			ex.resp = t->x[i].final;
			ex.reliable = tr == TRANSPORT_TCP;
			err = rule_judge(&res, &nres, &ex, &exp);
			if (!err)
				err = results_append(&co.res, &co.nres, res, nres, i + 1, t->nx);
			free(res);
			if (err) {
				why_add(&co, "%s: cannot judge: %s", what, err_str(err));
				continue;
			}
			/* Only responses of the expected code feed the cross checks. */
			if (ex.resp->scode == tc->expect && row && row->set != EXPECT_SET_NONE) {
				int e = cross_set_from(&sets[nj], row->set, ex.resp);
				if (!e)
					judged[nj++] = ex.resp;
			}
		}
		if (t->nx < calls)
			why_add(&co, "only %zu of %u requests were sent (SIPp %s)", t->nx, calls,
				sipp_status_str(t->sr.status));
	}
	if (nj > 0) {
		if (calls > 1)
			cross_err(&co, cross_stable(&co.res, &co.nres, tc->expect, judged, sets, nj));
		if (strcmp(tc->group, tc->id) != 0)
			cross_err(&co, cross_group(r->cross, &co.res, &co.nres, tc, tr, &sets[0],
						   judged[0]));
		if (expect_key_allowed(row, "follow") && tc->follow)
			case_follow(r, p, tc, tr, &co, casedir, &sets[0], judged[0]);
		if (tc->expect == 405 && (tc->probe_options || tc->probe_allowed))
			case_probes(r, p, tc, tr, &co, casedir, &sets[0]);
	}
verdict:
	case_messages(&co);
	{
		size_t nbad = 0;
		const struct check_result *bad = first_unwaived(r, tc, &co, waived, sizeof(waived),
								&nbad);

		if (bad) {
			co.verdict = VERDICT_FAIL;
			result_line(co.message, sizeof(co.message), bad);
			if (nbad > 1) {
				size_t l = strlen(co.message);
				snprintf(co.message + l, sizeof(co.message) - l,
					 " (+%zu more failing check%s)", nbad - 1, nbad > 2 ? "s" : "");
			}
		} else if (co.any_error) {
			co.verdict = VERDICT_ERROR;
			snprintf(co.message, sizeof(co.message), "%s", co.why);
		} else if (waived[0]) {
			co.verdict = VERDICT_SKIP;
			snprintf(co.message, sizeof(co.message), "%s", waived);
		} else
			co.verdict = VERDICT_PASS;
		if (waived[0] && co.verdict != VERDICT_SKIP) {
			size_t l = strlen(co.notes);
			snprintf(co.notes + l, sizeof(co.notes) - l, "%s\n", waived);
		}
	}
	{
		struct report_case rc;
		double secs = now_s() - t0;
		size_t k;

		if (co.verdict == VERDICT_ERROR && co.ntxn && co.txn[0].sr.err_tail[0]) {
			size_t l = strlen(co.notes);
			snprintf(co.notes + l, sizeof(co.notes) - l, "SIPp (%s) said: %s\n",
				 sipp_status_str(co.txn[0].sr.status), co.txn[0].sr.err_tail);
		}
		memset(&rc, 0, sizeof(rc));
		rc.id = tc->id;
		rc.classname = p->name;
		rc.verdict = co.verdict;
		rc.seconds = secs;
		rc.message = co.message[0] ? co.message : NULL;
		rc.checks = co.res;
		rc.nchecks = co.nres;
		rc.msgs = co.msgs;
		rc.nmsgs = co.nmsgs;
		rc.evidence_dir = casedir;
		rc.notes = co.notes[0] ? co.notes : NULL;
		for (k = 0; k < r->nrep; k++)
			report_case(r->rep[k], &rc);
		r->total++;
		switch (co.verdict) {
		case VERDICT_PASS:  r->passed++;  term_line(r, "PASS", tc->id, secs, NULL); break;
		case VERDICT_FAIL:  r->failed++;  term_line(r, "FAIL", tc->id, secs, co.message); break;
		case VERDICT_ERROR: r->errors++;  term_line(r, "ERROR", tc->id, secs, co.message); break;
		case VERDICT_SKIP:  r->skipped++; term_line(r, "SKIP", tc->id, secs, co.message); break;
		}
	}
	for (i = 0; i < nj; i++)
		cross_set_clear(&sets[i]);
	free(sets);
	free(judged);
	case_out_free(&co);
}

static int evidence_default(char *out, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	char ts[32];

	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(out, size, "reports/evidence/%s-%ld", ts, (long)getpid());
	return 0;
}

int runner_run(const struct opts *o, struct plan *const *plans, size_t nplans)
{
	struct run r;
	struct diag dg;
	char ver[32];
	double t0 = now_s();
	size_t i, j;
	int err, rc = EXIT_ALL_PASSED;

	memset(&r, 0, sizeof(r));
	memset(&dg, 0, sizeof(dg));
	r.o = o;
	r.term = (o->tap && strcmp(o->tap, "-") == 0) ? stderr : stdout;

	/* Targets first: a suite without one is a usage error (exit 2). */
	for (i = 0; i < nplans; i++) {
		if (!o->target_host[0] && !plans[i]->target.host) {
			fprintf(stderr, "%s: no target: give 'target: {host: ..., port: ...}' "
				"in the suite or --target HOST:PORT\n", plans[i]->file);
			return EXIT_USAGE;
		}
	}
	/* Resolve every target before anything is sent: a name that does not
	 * resolve is a usage error (2), no route to it an environment one (3). */
	for (i = 0; i < nplans; i++) {
		const char *host = o->target_host[0] ? o->target_host : plans[i]->target.host;
		uint16_t port = o->target_port ? o->target_port : plans[i]->target.port;
		char remote[128], local[128];
		const char *why = NULL;

		err = route_target(host, port, remote, sizeof(remote), local, sizeof(local), &why);
		if (err) {
			fprintf(stderr, "%s: target '%s': %s\n", plans[i]->file, host, why);
			return err == EINVAL ? EXIT_USAGE : EXIT_ENVIRONMENT;
		}
	}
	if (o->waivers && waiver_load(&r.waivers, o->waivers, &dg)) {
		diag_print(&dg, stderr);
		return EXIT_USAGE;
	}
	err = sipp_probe(o->sipp, ver, sizeof(ver));
	if (err) {
		fprintf(stderr, "sipconform: SIPp (%s) is missing or unusable: %s\n"
			"sipconform: install it with tools/deps.sh (Debian package sip-tester)\n",
			o->sipp ? o->sipp : "sipp", err_str(err));
		rc = EXIT_ENVIRONMENT;
		goto out;
	}
	if (scenario_find(r.scn_request, sizeof(r.scn_request), "uac_request") ||
	    scenario_find(r.scn_invite, sizeof(r.scn_invite), "uac_invite")) {
		fprintf(stderr, "sipconform: scenarios not found (looked next to the binary, in "
			SIPCONFORM_DATADIR "/scenarios and $SIPCONFORM_SCENARIOS)\n");
		rc = EXIT_ENVIRONMENT;
		goto out;
	}
	if (scenario_check(r.scn_request, &dg) || scenario_check(r.scn_invite, &dg)) {
		diag_print(&dg, stderr);
		rc = EXIT_ENVIRONMENT;
		goto out;
	}
	if (o->evidence)
		snprintf(r.evidence, sizeof(r.evidence), "%s", o->evidence);
	else
		evidence_default(r.evidence, sizeof(r.evidence));
	err = mkdirs(r.evidence);
	if (err) {
		fprintf(stderr, "sipconform: cannot create evidence directory %s: %s\n",
			r.evidence, strerror(err));
		rc = EXIT_ENVIRONMENT;
		goto out;
	}
	/* A report path that cannot be opened is the user's to fix: usage (2). */
	if (o->junit && (err = report_junit_open(&r.rep[r.nrep], o->junit)) != 0) {
		fprintf(stderr, "sipconform: --junit %s: %s\n", o->junit, err_str(err));
		rc = EXIT_USAGE;
		goto out;
	}
	if (o->junit)
		r.nrep++;
	if (o->tap && (err = report_tap_open(&r.rep[r.nrep], o->tap)) != 0) {
		fprintf(stderr, "sipconform: --tap %s: %s\n", o->tap, err_str(err));
		rc = EXIT_USAGE;
		goto out;
	}
	if (o->tap)
		r.nrep++;

	fprintf(r.term, "sipconform %s, SIPp %s\n", SIPCONFORM_VERSION, ver);
	for (i = 0; i < nplans && !r.env_stop; i++) {
		const struct plan *p = plans[i];
		double s0 = now_s();

		fprintf(r.term, "suite %s (%s), target %s%s%s:%u\n", p->name, p->file,
			strchr(o->target_host[0] ? o->target_host : p->target.host, ':') ? "[" : "",
			o->target_host[0] ? o->target_host : p->target.host,
			strchr(o->target_host[0] ? o->target_host : p->target.host, ':') ? "]" : "",
			o->target_port ? o->target_port : (p->target.port ? p->target.port : 5060));
		for (j = 0; j < r.nrep; j++)
			report_suite_begin(r.rep[j], p->name, p->file, time(NULL));
		r.cross = cross_new();
		for (j = 0; j < p->ncases && !r.env_stop; j++)
			run_case(&r, p, &p->cases[j]);
		r.cross = cross_free(r.cross);
		for (j = 0; j < r.nrep; j++)
			report_suite_end(r.rep[j], now_s() - s0);
	}
out:
	for (j = 0; j < r.nrep; j++) {
		int werr = 0;

		r.rep[j] = report_close(r.rep[j], &werr);
		if (werr) {
			fprintf(stderr, "sipconform: writing the %s report failed: %s\n",
				j == 0 && o->junit ? "JUnit" : "TAP", err_str(werr));
			rc = EXIT_ENVIRONMENT;
		}
	}
	if (r.total)
		waiver_report_unused(r.waivers, stderr);
	r.waivers = waiver_free(r.waivers);
	if (rc && r.total == 0)
		return rc;
	fprintf(r.term, "%zu tests: %zu passed, %zu failed, %zu errors, %zu skipped (%.2f s)\n",
		r.total, r.passed, r.failed, r.errors, r.skipped, now_s() - t0);
	if (o->junit || o->tap)
		fprintf(r.term, "reports:%s%s%s%s\n", o->junit ? " " : "", o->junit ? o->junit : "",
			o->tap ? " " : "", o->tap ? o->tap : "");
	fprintf(r.term, "evidence: %s\n", r.evidence);
	if (r.env_stop) {
		fprintf(stderr, "sipconform: the environment stopped the run (see above)\n");
		return EXIT_ENVIRONMENT;
	}
	if (rc)
		return rc;
	return (r.failed || r.errors) ? EXIT_TEST_FAILED : EXIT_ALL_PASSED;
}
