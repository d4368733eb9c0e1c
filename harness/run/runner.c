/*
 * runner.c - preflight, then every test of every suite (run/case.c).
 *
 * Preflight finds every problem that would stop the run before anything
 * is sent, in this order, each with its exit code (cli/opts.h):
 *   no two report paths name one file and none names an input (a suite,
 *   the waivers) (2), every suite has a target (2), every target
 *   resolves (2: no such name; 3: cannot resolve or route now), the
 *   waivers file loads (2), SIPp runs (3), the scenarios are found and
 *   valid (3), the evidence directory can be made (3) and no other run
 *   holds it (3: its lock), a suite with a test over TLS has its tunnel
 *   to the target (3: sipp/tls.h, one per target for the whole run, in
 *   <evidence>/tls-N), the report files can be opened (2).  The
 *   reports come last and only get temp files there: a run refused in
 *   preflight leaves every report path as it was.
 * Each suite's target is resolved once here and kept for all its tests;
 * its capability probe (run/case.h) is sent once per target and transport
 * for the whole run, unless the suite says 'probe: false'.
 *
 * Then the loop: suite by suite, test by test, until the tests are done,
 * the environment stops the run (exit 3), or a signal or --max-time does
 * (run/interrupt.h: exit 4 or 5; the test that was running is not
 * reported, the reports record the stop).  Otherwise the exit code says
 * whether every test passed or was skipped (0) or not (1: a failure, an
 * error or an inconclusive test).  However the run ends (a preflight
 * refusal, a stop), every tunnel is stopped by its PID.
 */
#include "run/runner.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/file.h"
#include "base/monotime.h"
#include "base/stop.h"
#include "judge/cross.h"
#include "report/evidence.h"
#include "report/report.h"
#include "report/summary.h"
#include "run/batch.h"
#include "run/case.h"
#include "run/setup.h"
#include "run/interrupt.h"
#include "sipp/scenario.h"
#include "sipp/sipp.h"
#include "sipp/target.h"
#include "sipp/tls.h"
#include "suite/waiver.h"

/* JUnit, TAP, JSON, HTML, and the terminal summary last. */
#define RUNNER_MAX_REPORTERS 5

struct run {
	const struct opts *o;
	struct reporter *rep[RUNNER_MAX_REPORTERS];
	size_t nfiles;             /* report files: rep[0 .. nfiles) */
	const char *kind[RUNNER_MAX_REPORTERS]; /* "JUnit", "TAP", "JSON", "HTML": of rep[j] */
	struct reporter *sum;      /* rep[nfiles] once open */
	struct target_addr *targets; /* one per plan */
	struct tls_tunnel **tunnels; /* one per plan: NULL without TLS; plans with one
				      * target share one tunnel */
	FILE *sumfp;               /* where the terminal summary goes */
	char evidence[1024];
	char scn_request[1024];
	char scn_invite[1024];
	char sipp_version[32];
	struct waivers *waivers;
	struct case_probes *probes; /* capability probes, per target and transport */
	size_t index;              /* tests run so far, across suites: evidence names */
	size_t ntests;             /* tests of every plan: the summary's progress line */
	int lock_fd;               /* holds the evidence directory's lock; -1 */
	const char *stopped_in;    /* the test a stop cut short, NULL */
};

/* Does output path out (named by opt) clash with path p (named by what)?  Prints why. */
static bool runner_clash(const char *opt, const char *out, const struct file_id *oid,
			 const char *what, const char *p)
{
	struct file_id id;

	if (file_id_of(&id, p) || !file_id_same(oid, &id))
		return false;
	fprintf(stderr, "sipconform: %s %s is %s%s%s: refusing to write over it\n", opt, out,
		what, strcmp(p, out) ? " " : "", strcmp(p, out) ? p : "");
	return true;
}

/*
 * No report path names the other, a suite file or the waivers file (the
 * same file: device and inode, or directory and name, or the normalized
 * path).  0 or EXIT_USAGE.
 */
static int runner_paths(const struct opts *o)
{
	const char *outs[] = { o->junit, o->tap, o->json, o->html };
	const char *names[] = { "--junit", "--tap", "--json", "--html" };
	struct file_id id;
	char what[64];
	size_t k, i, n = sizeof(outs) / sizeof(outs[0]);

	for (k = 0; k < n; k++) {
		if (!outs[k])
			continue;
		if (file_id_of(&id, outs[k]) != 0)
			continue;       /* unnameable: the open will say why */
		for (i = k + 1; i < n; i++) {
			snprintf(what, sizeof(what), "the same file as %s", names[i]);
			if (outs[i] && runner_clash(names[k], outs[k], &id, what, outs[i]))
				return EXIT_USAGE;
		}
		for (i = 0; i < o->nsuites; i++)
			if (runner_clash(names[k], outs[k], &id, "the suite file", o->suites[i]))
				return EXIT_USAGE;
		if (o->waivers && runner_clash(names[k], outs[k], &id, "the waivers file", o->waivers))
			return EXIT_USAGE;
	}
	return 0;
}

/*
 * ${target} in the suite's URIs and header values becomes the effective
 * target as the user named it (after --target / --port): "host:port",
 * IPv6 in brackets.  A result that no longer fits the rules the suite
 * file was checked against is a usage error (2) with file:line:col.
 */
static int runner_expand_target(struct plan *p, const struct target_addr *t)
{
	char hostport[300];
	struct diag dg;

	snprintf(hostport, sizeof(hostport), "%s%s%s:%u", strchr(t->host, ':') ? "[" : "",
		 t->host, strchr(t->host, ':') ? "]" : "", (unsigned)t->port);
	memset(&dg, 0, sizeof(dg));
	if (plan_expand_target(p, hostport, &dg) != 0) {
		if (dg.msg[0])
			diag_print(&dg, stderr);
		else
			fprintf(stderr, "%s: cannot write the target %s into the suite\n",
				p->file, hostport);
		return EXIT_USAGE;
	}
	return 0;
}

/*
 * Every suite has a target and it resolves: a name that does not exist
 * is a usage error (2), one that cannot be resolved or reached now an
 * environment one (3).  0 when all is well.
 */
static int runner_targets(struct run *r, struct plan *const *plans, size_t nplans)
{
	const struct opts *o = r->o;
	size_t i;
	int err;

	for (i = 0; i < nplans; i++) {
		if (!o->target_host[0] && !plans[i]->target.host) {
			fprintf(stderr, "%s: no target: give 'target: {host: ..., port: ...}' "
				"in the suite or --target HOST:PORT\n", plans[i]->file);
			return EXIT_USAGE;
		}
	}
	r->targets = calloc(nplans ? nplans : 1, sizeof(*r->targets));
	if (!r->targets) {
		fprintf(stderr, "sipconform: out of memory\n");
		return EXIT_ENVIRONMENT;
	}
	for (i = 0; i < nplans; i++) {
		const char *host = o->target_host[0] ? o->target_host : plans[i]->target.host;
		uint16_t port = o->target_port ? o->target_port : plans[i]->target.port;
		const char *why = "?";

		err = target_resolve(&r->targets[i], host, port, &why);
		if (err) {
			fprintf(stderr, "%s: target '%s': %s\n", plans[i]->file, host, why);
			return err == EINVAL ? EXIT_USAGE : EXIT_ENVIRONMENT;
		}
		err = runner_expand_target(plans[i], &r->targets[i]);
		if (err)
			return err;
	}
	return 0;
}

/* The environment: SIPp, its scenarios, the evidence directory.  0 or an exit code. */
static int runner_environment(struct run *r)
{
	const struct opts *o = r->o;
	struct diag dg;
	int err;

	memset(&dg, 0, sizeof(dg));
	err = sipp_probe(o->sipp, r->sipp_version, sizeof(r->sipp_version));
	if (err) {
		fprintf(stderr, "sipconform: SIPp (%s) is missing or unusable: %s\n"
			"sipconform: install it with tools/deps.sh (Debian package sip-tester)\n",
			o->sipp ? o->sipp : "sipp", sipp_probe_str(err));
		return EXIT_ENVIRONMENT;
	}
	if (scenario_find(r->scn_request, sizeof(r->scn_request), "uac_request") ||
	    scenario_find(r->scn_invite, sizeof(r->scn_invite), "uac_invite")) {
		fprintf(stderr, "sipconform: scenarios not found (looked next to the binary, in "
			SIPCONFORM_DATADIR "/scenarios and $SIPCONFORM_SCENARIOS)\n");
		return EXIT_ENVIRONMENT;
	}
	if (scenario_check(r->scn_request, &dg) || scenario_check(r->scn_invite, &dg)) {
		diag_print(&dg, stderr);
		return EXIT_ENVIRONMENT;
	}
	if (o->evidence)
		snprintf(r->evidence, sizeof(r->evidence), "%s", o->evidence);
	else
		evidence_default(r->evidence, sizeof(r->evidence));
	err = file_mkdirs(r->evidence);
	if (err) {
		fprintf(stderr, "sipconform: cannot create evidence directory %s: %s\n",
			r->evidence, strerror(err));
		return EXIT_ENVIRONMENT;
	}
	/* One run per evidence directory: no run may read another's SIPp logs. */
	err = file_lock_dir(r->evidence, &r->lock_fd);
	if (err == EBUSY) {
		fprintf(stderr, "sipconform: evidence directory %s is in use by another run "
			"(locked): give each run its own --evidence\n", r->evidence);
		return EXIT_ENVIRONMENT;
	}
	if (err) {
		fprintf(stderr, "sipconform: cannot lock evidence directory %s: %s\n",
			r->evidence, strerror(err));
		return EXIT_ENVIRONMENT;
	}
	return 0;
}

/* Does a test of p run over TLS? */
static bool runner_plan_tls(const struct opts *o, const struct plan *p)
{
	size_t j;

	for (j = 0; j < p->ncases; j++)
		if (case_transport(o, p, &p->cases[j]) == TRANSPORT_TLS)
			return true;
	return false;
}

/* The tunnel of plan i's target: one an earlier plan with the same target started, or a new one. */
static int runner_tunnel(struct run *r, struct plan *const *plans, size_t i)
{
	const struct opts *o = r->o;
	const struct target_addr *t = &r->targets[i];
	struct in6_addr a6;
	struct tls_conf c;
	char dir[1100], why[600];
	size_t k;
	int err;

	for (k = 0; k < i; k++)
		if (r->tunnels[k] && r->targets[k].port == t->port &&
		    strcmp(r->targets[k].host, t->host) == 0 &&
		    strcmp(r->targets[k].remote, t->remote) == 0) {
			r->tunnels[i] = r->tunnels[k];
			return 0;
		}
	snprintf(dir, sizeof(dir), "%s/tls-%zu", r->evidence, i + 1);
	err = file_mkdirs(dir);
	if (err) {
		fprintf(stderr, "sipconform: cannot create %s: %s\n", dir, strerror(err));
		return EXIT_ENVIRONMENT;
	}
	memset(&c, 0, sizeof(c));
	c.remote_host = t->remote;
	c.remote_port = t->port;
	/* SNI and the name checked: the target's name; an IP literal is checked as an IP SAN. */
	if (inet_pton(AF_INET, t->host, &a6) != 1 && inet_pton(AF_INET6, t->host, &a6) != 1)
		c.sni = t->host;
	c.ca_file = o->tls_ca;
	c.insecure = o->tls_insecure;
	c.cert_file = o->tls_cert;
	c.key_file = o->tls_key;
	c.dir = dir;
	/* Below SIPp's own timeout, so that a failure is logged before SIPp gives up. */
	c.timeout_s = o->timeout_s > 6 ? 5 : o->timeout_s > 1 ? o->timeout_s - 1 : 1;
	err = tls_start(&r->tunnels[i], &c, why, sizeof(why));
	if (err) {
		r->tunnels[i] = NULL;
		fprintf(stderr, "%s: cannot start the TLS tunnel to %s:%u: %s\n", plans[i]->file,
			t->host, (unsigned)t->port, why[0] ? why : err_str(err));
		return EXIT_ENVIRONMENT;
	}
	return 0;
}

/* A tunnel for every suite with a test over TLS.  0 or EXIT_ENVIRONMENT. */
static int runner_tunnels(struct run *r, struct plan *const *plans, size_t nplans)
{
	size_t i;
	int rc;

	r->tunnels = calloc(nplans ? nplans : 1, sizeof(*r->tunnels));
	if (!r->tunnels) {
		fprintf(stderr, "sipconform: out of memory\n");
		return EXIT_ENVIRONMENT;
	}
	for (i = 0; i < nplans && !stop_requested(); i++)
		if (runner_plan_tls(r->o, plans[i]) && (rc = runner_tunnel(r, plans, i)) != 0)
			return rc;
	return 0;
}

/* Stop every tunnel once (plans may share one), by its PID. */
static void runner_tunnels_stop(struct run *r, size_t nplans)
{
	size_t i, k;

	if (!r->tunnels)
		return;
	for (i = 0; i < nplans; i++) {
		struct tls_tunnel *t = r->tunnels[i];

		if (!t)
			continue;
		for (k = i; k < nplans; k++)
			if (r->tunnels[k] == t)
				r->tunnels[k] = NULL;
		tls_stop(t);
	}
	free(r->tunnels);
	r->tunnels = NULL;
}

/* The suite line's companion: how its TLS tests reach the target, and whether anything was verified. */
static void runner_tls_line(const struct run *r, const struct tls_tunnel *t)
{
	const struct opts *o = r->o;
	const char *v = tls_version(t);

	fprintf(r->sumfp, "  tls: via %s on %s%s%s:%u (%s); ", v[0] ? v : "stunnel",
		strchr(tls_local_host(t), ':') ? "[" : "", tls_local_host(t),
		strchr(tls_local_host(t), ':') ? "]" : "", (unsigned)tls_local_port(t),
		tls_log_path(t));
	if (o->tls_insecure)
		fputs("certificate verification OFF (--tls-insecure)\n", r->sumfp);
	else
		fprintf(r->sumfp, "certificate verified against %s%s\n",
			o->tls_ca ? o->tls_ca : "the system store " TLS_SYSTEM_CA,
			o->tls_cert ? ", client certificate given (mutual TLS)" : "");
}

/* Free every reporter opened so far without writing (a run refused in preflight). */
static void runner_discard(struct run *r)
{
	size_t j;

	for (j = 0; j < r->nfiles; j++)
		r->rep[j] = report_discard(r->rep[j]);
	r->nfiles = 0;
	r->sum = report_discard(r->sum);
}

/* The reporters: a report path that cannot be opened is the user's to fix (2). */
static int runner_reporters(struct run *r, double t0)
{
	const struct opts *o = r->o;
	struct summary_conf sc;
	size_t k;
	int err;

	if (o->junit && (err = report_junit_open(&r->rep[r->nfiles], o->junit)) != 0) {
		fprintf(stderr, "sipconform: --junit %s: %s\n", o->junit, file_out_strerror(err));
		return EXIT_USAGE;
	}
	if (o->junit)
		r->kind[r->nfiles++] = "JUnit";
	if (o->tap && (err = report_tap_open(&r->rep[r->nfiles], o->tap)) != 0) {
		fprintf(stderr, "sipconform: --tap %s: %s\n", o->tap, file_out_strerror(err));
		runner_discard(r);
		return EXIT_USAGE;
	}
	if (o->tap)
		r->kind[r->nfiles++] = "TAP";
	if (o->json && (err = report_json_open(&r->rep[r->nfiles], o->json)) != 0) {
		fprintf(stderr, "sipconform: --json %s: %s\n", o->json, file_out_strerror(err));
		runner_discard(r);
		return EXIT_USAGE;
	}
	if (o->json)
		r->kind[r->nfiles++] = "JSON";
	if (o->html && (err = report_html_open(&r->rep[r->nfiles], o->html)) != 0) {
		fprintf(stderr, "sipconform: --html %s: %s\n", o->html, file_out_strerror(err));
		runner_discard(r);
		return EXIT_USAGE;
	}
	if (o->html)
		r->kind[r->nfiles++] = "HTML";
	memset(&sc, 0, sizeof(sc));
	/* TAP, JSON or HTML on stdout ("-", /dev/stdout, the file stdout goes to): the summary goes to stderr. */
	sc.fp = stdout;
	for (k = 0; k < 3; k++) {
		const char *p = k == 2 ? o->html : k ? o->json : o->tap;
		struct file_id tid, sid;

		if (p && (strcmp(p, "-") == 0 ||
			  (!file_id_of(&tid, p) && !file_id_of(&sid, "-") && file_id_same(&tid, &sid))))
			sc.fp = stderr;
	}
	r->sumfp = sc.fp;
	sc.quiet = o->quiet;
	sc.t0 = t0;
	sc.sipp_version = r->sipp_version;
	sc.junit = o->junit;
	sc.tap = o->tap;
	sc.evidence = r->evidence;
	sc.total = r->ntests;
	err = report_summary_open(&r->sum, &sc);
	if (err) {
		fprintf(stderr, "sipconform: %s\n", err_str(err));
		runner_discard(r);
		return EXIT_ENVIRONMENT;
	}
	r->rep[r->nfiles] = r->sum;
	return 0;
}

/* The run's facts to every reporter that records them (report_run_info). */
static void runner_run_info(struct run *r, struct plan *const *plans, size_t nplans)
{
	const struct opts *o = r->o;
	struct report_run info;
	char via[80] = "", verify[1100] = "";
	size_t i, j, k;

	memset(&info, 0, sizeof(info));
	info.tool_version = SIPCONFORM_VERSION;
	info.sipp_path = o->sipp ? o->sipp : "sipp";
	info.sipp_version = r->sipp_version;
	info.waivers = o->waivers;
	info.strict = o->strict;
	info.started = time(NULL);
	info.argv = o->argv;
	info.auth = o->auth_user != NULL;
	for (i = 0; i < nplans; i++) {
		for (k = 0; k < plans[i]->nsetup; k++)
			info.auth = info.auth || plans[i]->setup[k].reg.auth.user;
		for (j = 0; j < plans[i]->ncases; j++)
			info.auth = info.auth || plans[i]->cases[j].auth.user;
		if (r->tunnels && r->tunnels[i] && !via[0])
			snprintf(via, sizeof(via), "%s", tls_version(r->tunnels[i])[0] ?
				 tls_version(r->tunnels[i]) : "stunnel4");
	}
	if (via[0]) {
		info.tls_via = via;
		if (o->tls_insecure)
			snprintf(verify, sizeof(verify), "off (--tls-insecure)");
		else if (o->tls_ca)
			snprintf(verify, sizeof(verify), "CA file %s", o->tls_ca);
		else
			snprintf(verify, sizeof(verify), "system store %s", TLS_SYSTEM_CA);
		info.tls_verify = verify;
	}
	for (i = 0; i <= r->nfiles; i++)
		report_run_info(r->rep[i], &info);
}

/* --fail-fast: has a test failed, errored or been inconclusive? */
static bool runner_failed(const struct run *r)
{
	struct summary_counts n;

	return r->o->fail_fast && report_summary_counts(r->sum, &n) == 0 &&
	       (n.failed || n.errors || n.inconclusive);
}

/* Every test of plan p against target t.  false when the environment stopped the run. */
static bool runner_suite(struct run *r, const struct plan *p, const struct target_addr *t,
			 struct tls_tunnel *tunnel)
{
	struct case_env env;
	struct batch *b = NULL;
	struct setup su;
	double s0 = monotime_now();
	size_t j, nrep = r->nfiles + 1;

	memset(&env, 0, sizeof(env));
	env.o = r->o;
	env.p = p;
	env.target = t;
	env.tunnel = tunnel;
	env.scn_request = r->scn_request;
	env.scn_invite = r->scn_invite;
	env.evidence = r->evidence;
	env.waivers = r->waivers;
	env.probes = p->probe ? r->probes : NULL;
	env.rep = r->rep;
	env.nrep = nrep;
	env.index = r->index;
	report_summary_target(r->sum, t->host, t->port, t->remote);
	for (j = 0; j < nrep; j++) {
		struct report_target rt = { t->host, t->port, t->remote,
			transport_name(p->target.transport != TRANSPORT_DEFAULT ?
				       p->target.transport : TRANSPORT_UDP) };

		if (r->o->transport != TRANSPORT_DEFAULT)
			rt.transport = transport_name(r->o->transport);
		report_suite_begin(r->rep[j], p->name, p->file, time(NULL));
		report_suite_target(r->rep[j], &rt);
	}
	if (tunnel)
		runner_tls_line(r, tunnel);
	env.cross = cross_new();
	if (setup_run(&su, &env) && su.error[0])
		env.setup_error = su.error;
	batch_plan(&b, &env);    /* the first requests, batched (run/batch.h) */
	env.batch = b;
	for (j = 0; j < p->ncases && !env.env_stop && !stop_requested() &&
		    !runner_failed(r); j++) {
		batch_before(b, &env, j);
		case_run(&env, &p->cases[j]);
		batch_after(b, &env, j);
	}
	env.batch = b = batch_free(b);
	setup_undo(&su, &env);   /* also after a failure, an environment stop or a signal */
	env.cross = cross_free(env.cross);
	for (j = 0; j < nrep; j++)
		report_suite_end(r->rep[j], monotime_now() - s0);
	r->index = env.index;
	if (env.stopped_in)
		r->stopped_in = env.stopped_in;
	return !env.env_stop;
}

/* Tell every reporter why the run stopped early: what stopped it, where, how far it got. */
static void runner_stopped(struct run *r, struct plan *const *plans, size_t nplans)
{
	struct summary_counts n;
	char what[64], why[700];
	size_t i, total = 0, j;

	memset(&n, 0, sizeof(n));
	report_summary_counts(r->sum, &n);
	for (i = 0; i < nplans; i++)
		total += plans[i]->ncases;
	interrupt_describe(what, sizeof(what));
	if (!stop_requested() && n.total == total)
		return;         /* --fail-fast on the last test: nothing was cut */
	if (!stop_requested())
		snprintf(why, sizeof(why), "--fail-fast stopped the run after the first test that "
			 "did not pass; %zu of %zu tests finished", n.total, total);
	else if (r->stopped_in)
		snprintf(why, sizeof(why), "%s stopped the run during test '%s', which is not "
			 "reported; %zu of %zu tests finished", what, r->stopped_in, n.total, total);
	else
		snprintf(why, sizeof(why), "%s stopped the run between tests; %zu of %zu tests "
			 "finished", what, n.total, total);
	for (j = 0; j <= r->nfiles; j++)
		report_stopped(r->rep[j], why);
}

/* A stop before the first test: nothing to report, no report touched. */
static int runner_stopped_early(void)
{
	char what[64];

	interrupt_describe(what, sizeof(what));
	fprintf(stderr, "sipconform: %s stopped the run before its first test; no report "
		"was written\n", what);
	return interrupt_by_max_time() ? EXIT_MAX_TIME : EXIT_INTERRUPTED;
}

int runner_run(const struct opts *o, struct plan *const *plans, size_t nplans)
{
	struct run r;
	struct diag dg;
	struct summary_counts n;
	double t0 = monotime_now();
	bool env_ok = true;
	size_t i, j;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(&dg, 0, sizeof(dg));
	memset(&n, 0, sizeof(n));
	r.o = o;
	r.lock_fd = -1;
	for (i = 0; i < nplans; i++)
		r.ntests += plans[i]->ncases;
	rc = interrupt_install(o->max_time_s);
	if (rc) {
		fprintf(stderr, "sipconform: cannot install signal handlers: %s\n", err_str(rc));
		return EXIT_ENVIRONMENT;
	}
	rc = runner_paths(o);
	if (!rc)
		rc = runner_targets(&r, plans, nplans);
	if (!rc && stop_requested())
		rc = runner_stopped_early();
	if (rc)
		goto out;
	if (o->waivers && waiver_load(&r.waivers, o->waivers, &dg)) {
		diag_print(&dg, stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	rc = runner_environment(&r);
	if (!rc)
		rc = runner_tunnels(&r, plans, nplans);
	if (!rc && stop_requested())
		rc = runner_stopped_early();
	if (!rc)
		rc = runner_reporters(&r, t0);
	if (rc)
		goto out;
	r.probes = case_probes_new();
	if (!r.probes) {
		fprintf(stderr, "sipconform: out of memory\n");
		runner_discard(&r);
		rc = EXIT_ENVIRONMENT;
		goto out;
	}
	runner_run_info(&r, plans, nplans);
	/* The first suite always begins: the reports then have a place for a stop. */
	for (i = 0; i < nplans && env_ok && (i == 0 || !stop_requested()) && !runner_failed(&r); i++)
		env_ok = runner_suite(&r, plans[i], &r.targets[i], r.tunnels[i]);
	if (stop_requested() || runner_failed(&r))
		runner_stopped(&r, plans, nplans);
	for (j = 0; j < r.nfiles; j++) {
		int werr = 0;

		r.rep[j] = report_close(r.rep[j], &werr);
		if (werr) {
			fprintf(stderr, "sipconform: writing the %s report failed: %s\n",
				r.kind[j], err_str(werr));
			rc = EXIT_ENVIRONMENT;
		}
	}
	if (r.sum)
		report_summary_counts(r.sum, &n);
	/* A waiver unused by a run cut short may have been due later. */
	if (n.total && !stop_requested())
		waiver_report_unused(r.waivers, stderr);
	r.sum = report_close(r.sum, NULL);
	if (!env_ok) {
		fprintf(stderr, "sipconform: the environment stopped the run (see above)\n");
		rc = EXIT_ENVIRONMENT;
	} else if (!rc && stop_requested())
		rc = interrupt_by_max_time() ? EXIT_MAX_TIME : EXIT_INTERRUPTED;
	else if (!rc)
		rc = (n.failed || n.errors || n.inconclusive) ? EXIT_TEST_FAILED : EXIT_ALL_PASSED;
out:
	runner_tunnels_stop(&r, nplans);
	if (r.lock_fd >= 0)
		close(r.lock_fd);
	r.waivers = waiver_free(r.waivers);
	r.probes = case_probes_free(r.probes);
	free(r.targets);
	interrupt_restore();
	return rc;
}
