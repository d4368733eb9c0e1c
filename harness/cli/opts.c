/*
 * opts.c - the command line of sipconform (see opts.h).
 *
 *   sipconform run SUITE.yaml [SUITE.yaml ...] [options]
 *   sipconform checks          list the check catalogue
 *   sipconform merge ...       report/merge.h (dispatched by main.c before opts_parse)
 *   sipconform -h | --help | -V | --version
 *
 * Long options: "--name VALUE" or "--name=VALUE"; a row with a short name
 * also takes "-c VALUE" (no bundling: "-hV" is an unknown option).  The
 * table is also what doc/sipconform.1 must document (check_opts).
 */
#include "cli/opts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "suite/plan.h"

enum opt_id {
	OPT_TARGET, OPT_PORT, OPT_TRANSPORT, OPT_JUNIT, OPT_TAP, OPT_JSON, OPT_HTML, OPT_TIMEOUT,
	OPT_MAX_TIME, OPT_EVIDENCE, OPT_STRICT, OPT_WAIVERS, OPT_SIPP, OPT_QUIET,
	OPT_TLS_CA, OPT_TLS_INSECURE, OPT_TLS_CERT, OPT_TLS_KEY, OPT_HELP, OPT_VERSION,
	OPT_AUTH_USER, OPT_AUTH_PASSWORD_ENV,
	OPT_LIST, OPT_FILTER, OPT_TAG, OPT_SHARD, OPT_RERUN_FAILED, OPT_FAIL_FAST,
	OPT_NO_BATCH, OPT_RATE, OPT_WINDOW, OPT_JOBS,
};

struct opt {
	enum opt_id id;
	const char *name;
	const char *arg;   /* NULL: a flag */
	const char *help;
};

static const struct opt opt_table[] = {
	{ OPT_TARGET,    "target",    "HOST:PORT", "system under test; overrides the suite's target ([::1]:5060 for IPv6)" },
	{ OPT_PORT,      "port",      "PORT",      "overrides only the port of each suite's target (its host is kept)" },
	{ OPT_TRANSPORT, "transport", "udp|tcp|tls", "overrides the suite's transport (a test's own 'transport' still wins)" },
	{ OPT_JUNIT,     "junit",     "FILE",      "write JUnit XML" },
	{ OPT_TAP,       "tap",       "FILE",      "write TAP version 13 ('-' for stdout)" },
	{ OPT_JSON,      "json",      "FILE",      "write the JSON result ('-' for stdout)" },
	{ OPT_HTML,      "html",      "FILE",      "write the HTML lab report (one self-contained file)" },
	{ OPT_TIMEOUT,   "timeout",   "SECONDS",   "per request, default 5 (1..300)" },
	{ OPT_MAX_TIME,  "max-time",  "SECONDS",   "whole run (1..604800): then stop as on SIGTERM, exit 5" },
	{ OPT_EVIDENCE,  "evidence",  "DIR",       "per-test bytes sent/received, scenario, SIPp stderr\n"
	                                           "(default reports/evidence/<UTC time>-<pid>)\n"
	                                           "one run at a time per DIR (locked)" },
	{ OPT_STRICT,    "strict",    NULL,        "SHOULD-level and warning checks fail the test too" },
	{ OPT_WAIVERS,   "waivers",   "FILE",      "YAML waivers: check id, test id glob, reason, expiry" },
	{ OPT_SIPP,      "sipp",      "PATH",      "SIPp binary (default: sipp on PATH, or $SIPCONFORM_SIPP)" },
	{ OPT_QUIET,     "quiet",     NULL,        "print only failures and the totals" },
	{ OPT_TLS_CA,    "tls-ca",    "FILE",      "TLS: trust the CAs in FILE (PEM) for the SUT's certificate\n"
	                                           "(default: the system store)" },
	{ OPT_TLS_INSECURE, "tls-insecure", NULL,  "TLS: do not verify the SUT's certificate (the reports say so)" },
	{ OPT_TLS_CERT,  "tls-cert",  "FILE",      "TLS: client certificate (PEM) for mutual TLS, with --tls-key" },
	{ OPT_TLS_KEY,   "tls-key",   "FILE",      "TLS: the key of --tls-cert (PEM)" },
	{ OPT_AUTH_USER, "auth-user", "USER",      "digest user for every test without its own 'auth'\n"
	                                           "(needs --auth-password-env)" },
	{ OPT_AUTH_PASSWORD_ENV, "auth-password-env", "VAR", "environment variable holding that user's password\n"
	                                           "(read when a test is challenged; never on the command line)" },
	{ OPT_LIST,      "list",      NULL,        "print the ids of the selected tests, one a line, and exit\n"
	                                           "(sends nothing; with several suites: SUITE<TAB>ID)" },
	{ OPT_FILTER,    "filter",    "GLOB",      "run the tests whose id matches GLOB (fnmatch; repeatable:\n"
	                                           "any of them)" },
	{ OPT_TAG,       "tag",       "TAG",       "run the tests that carry TAG (suite 'tags'; repeatable:\n"
	                                           "any of them; with --filter: both must select)" },
	{ OPT_SHARD,     "shard",     "K/N",       "run only part K of N (1 <= K <= N <= 1000): the selected\n"
	                                           "tests dealt round-robin in suite order" },
	{ OPT_RERUN_FAILED, "rerun-failed", "FILE.json", "run the tests that failed, errored or were inconclusive\n"
	                                           "in an earlier --json result" },
	{ OPT_FAIL_FAST, "fail-fast", NULL,        "stop after the first test that fails, errors or is\n"
	                                           "inconclusive (the reports say so; exit 1)" },
	{ OPT_NO_BATCH,  "no-batch",  NULL,        "one SIPp run per test (no batches): the path batches are\n"
						   "compared with" },
	{ OPT_RATE,      "rate",      "N",         "batches: new requests per second (SIPp -r), default "
						   OPTS_STR(OPTS_RATE_DEFAULT) " (1..100000)" },
	{ OPT_WINDOW,    "window",    "N",         "batches: most requests open at once (SIPp -l), default "
						   OPTS_STR(OPTS_WINDOW_DEFAULT) " (1..10000)" },
	{ OPT_JOBS,      "jobs",      "N",         "run up to N batches (slices of a large one) at once;\n"
						   "reports stay in suite order (1..64, default 1)" },
	{ OPT_HELP,      "help",      NULL,        "show this help and exit 0" },
	{ OPT_VERSION,   "version",   NULL,        "show the versions of sipconform, SIPp and the TLS\n"
	                                           "terminator, and exit 0" },
};

/* Short names: "-c" is "--name" (and takes its VALUE as the next argument). */
static const struct { char c; enum opt_id id; } opt_short[] = {
	{ 'h', OPT_HELP },
	{ 'V', OPT_VERSION },
	{ 'j', OPT_JOBS },
};

/* The short name of row o, '\0' if none. */
static char opt_short_of(const struct opt *o)
{
	size_t i;

	for (i = 0; i < sizeof(opt_short) / sizeof(opt_short[0]); i++)
		if (opt_short[i].id == o->id)
			return opt_short[i].c;
	return '\0';
}

void opts_help(FILE *fp)
{
	size_t i;

	fputs("usage: sipconform run SUITE.yaml [SUITE.yaml ...] [options]\n"
	      "       sipconform checks\n"
	      "       sipconform merge OUT.xml IN.xml [IN.xml ...]   (JUnit of shards; merge -h)\n"
	      "       sipconform -h | --help | -V | --version\n"
	      "\n"
	      "Drives SIPp scenarios at a SIP system under test, judges every 301 and\n"
	      "405 response against RFC 3261 and writes JUnit XML and TAP reports.\n"
	      "\n"
	      "options of 'run':\n", fp);
	for (i = 0; i < sizeof(opt_table) / sizeof(opt_table[0]); i++) {
		const struct opt *o = &opt_table[i];
		char lhs[64];
		const char *h = o->help, *nl;

		if (opt_short_of(o))
			snprintf(lhs, sizeof(lhs), "-%c, --%s%s%s", opt_short_of(o), o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(lhs, sizeof(lhs), "--%s%s%s", o->name, o->arg ? " " : "",
				 o->arg ? o->arg : "");
		/* Continuation lines of a help text line up under the first;
		 * an option too long for the column gets a line of its own. */
		if (strlen(lhs) > 22) {
			fprintf(fp, "  %s\n", lhs);
			lhs[0] = '\0';
		}
		while ((nl = strchr(h, '\n'))) {
			fprintf(fp, "  %-22s %.*s\n", lhs, (int)(nl - h), h);
			lhs[0] = '\0';
			h = nl + 1;
		}
		fprintf(fp, "  %-22s %s\n", lhs, h);
	}
	fputs("\n"
	      "'checks' prints the check catalogue: id, RFC 3261 section, level.\n"
	      "\n"
	      "exit status:\n"
	      "  0  every test passed (skips allowed)\n"
	      "  1  at least one test failed, could not be judged or was inconclusive\n"
	      "  2  usage or suite-file error, nothing was run\n"
	      "  3  the environment stopped the run (SIPp missing or unusable, cannot bind)\n"
	      "  4  SIGINT, SIGTERM or SIGHUP stopped the run: the reports hold the tests\n"
	      "     that finished and say so (TAP 'Bail out!', JUnit run.interrupted)\n"
	      "  5  --max-time stopped the run (reports as for 4)\n"
	      "  128+N  a second signal N during that stop: exited at once\n", fp);
}

static bool opt_number(const char *val, unsigned long lo, unsigned long hi, unsigned long *out);

static int usage_error(const char *fmt, const char *a)
{
	fputs("sipconform: ", stderr);
	fprintf(stderr, fmt, a);
	fputs("\nsipconform: try 'sipconform --help'\n", stderr);
	return EINVAL;
}

/* The row of "--name" (len bytes of name), or of "-c" when len is 0 and c given. */
static const struct opt *opt_lookup(const char *name, size_t len, char c)
{
	size_t i;

	for (i = 0; i < sizeof(opt_table) / sizeof(opt_table[0]); i++)
		if (len ? strlen(opt_table[i].name) == len &&
			  strncmp(opt_table[i].name, name, len) == 0
			: c && opt_short_of(&opt_table[i]) == c)
			return &opt_table[i];
	return NULL;
}

int opts_parse_shard(const char *s, unsigned *k, unsigned *n)
{
	const char *slash = s ? strchr(s, '/') : NULL;
	char kbuf[16];
	unsigned long kv, nv;

	if (!slash || (size_t)(slash - s) >= sizeof(kbuf))
		return EINVAL;
	memcpy(kbuf, s, (size_t)(slash - s));
	kbuf[slash - s] = '\0';
	if (!opt_number(kbuf, 1, OPTS_SHARD_MAX, &kv) ||
	    !opt_number(slash + 1, 1, OPTS_SHARD_MAX, &nv) || kv > nv)
		return EINVAL;
	*k = (unsigned)kv;
	*n = (unsigned)nv;
	return 0;
}

int opts_parse_target(const char *s, char *host, size_t size, uint16_t *port,
		      const char **why)
{
	const char *h = s, *hend, *p = NULL;
	size_t hl;

	*port = 0;
	if (s[0] == '[') {
		h = s + 1;
		hend = strchr(h, ']');
		if (!hend) {
			*why = "unterminated '[' in IPv6 address";
			return EINVAL;
		}
		if (hend[1] == ':')
			p = hend + 2;
		else if (hend[1] != '\0') {
			*why = "expected ':PORT' after ']'";
			return EINVAL;
		}
	} else {
		const char *c = strchr(s, ':');

		if (c && strchr(c + 1, ':')) {
			*why = "an IPv6 address must be written in brackets: [::1]:5060";
			return EINVAL;
		}
		hend = c ? c : s + strlen(s);
		if (c)
			p = c + 1;
	}
	hl = (size_t)(hend - h);
	if (hl == 0 || hl >= size) {
		*why = hl ? "host name too long" : "empty host";
		return EINVAL;
	}
	for (const char *q = h; q < hend; q++) {
		unsigned char c = (unsigned char)*q;
		if (c <= ' ' || c >= 0x7f || strchr("[]/@;?<>\"'\\", c)) {
			*why = "host contains a character that cannot appear in a host name";
			return EINVAL;
		}
	}
	if (p) {
		char *end;
		unsigned long v;

		if (*p < '0' || *p > '9') {
			*why = "port must be a number";
			return EINVAL;
		}
		errno = 0;
		v = strtoul(p, &end, 10);
		if (errno || *end || v == 0 || v > 65535) {
			*why = "port must be 1..65535";
			return EINVAL;
		}
		*port = (uint16_t)v;
	}
	memcpy(host, h, hl);
	host[hl] = '\0';
	return 0;
}

/* val is a whole number lo..hi in decimal digits only (no sign, no space): *out. */
static bool opt_number(const char *val, unsigned long lo, unsigned long hi, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(val, &end, 10);
	return !errno && !*end && val[0] >= '0' && val[0] <= '9' && *out >= lo && *out <= hi;
}

/* [A-Za-z_][A-Za-z0-9_]* */
static bool opt_env_name(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!(s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (i && s[i] >= '0' && s[i] <= '9')))
			return false;
	return i > 0;
}

static int opt_apply(struct opts *o, const struct opt *d, const char *val)
{
	const char *why = NULL;
	unsigned long v;

	switch (d->id) {
	case OPT_TARGET: {
		uint16_t port = 0;

		if (opts_parse_target(val, o->target_host, sizeof(o->target_host),
				      &port, &why)) {
			fprintf(stderr, "sipconform: --target '%s': %s\n", val, why);
			return EINVAL;
		}
		if (port && o->target_port && port != o->target_port)
			return usage_error("%s", "--port and the port of --target disagree");
		if (port)
			o->target_port = port;
		return 0;
	}
	case OPT_PORT:
		if (!opt_number(val, 1, 65535, &v))
			return usage_error("--port must be 1..65535, not '%s'", val);
		if (o->target_port && o->target_port != v)
			return usage_error("%s", "--port and the port of --target disagree");
		o->target_port = (uint16_t)v;
		return 0;
	case OPT_TRANSPORT:
		if (strcmp(val, "udp") == 0)
			o->transport = TRANSPORT_UDP;
		else if (strcmp(val, "tcp") == 0)
			o->transport = TRANSPORT_TCP;
		else if (strcmp(val, "tls") == 0)
			o->transport = TRANSPORT_TLS;
		else
			return usage_error("--transport must be udp, tcp or tls, not '%s'", val);
		return 0;
	case OPT_JUNIT:    o->junit = val; return 0;
	case OPT_TAP:      o->tap = val; return 0;
	case OPT_JSON:     o->json = val; return 0;
	case OPT_HTML:     o->html = val; return 0;
	case OPT_EVIDENCE: o->evidence = val; return 0;
	case OPT_WAIVERS:  o->waivers = val; return 0;
	case OPT_SIPP:     o->sipp = val; return 0;
	case OPT_TIMEOUT:
		if (!opt_number(val, 1, 300, &v))
			return usage_error("--timeout must be a whole number of seconds, 1..300, not '%s'", val);
		o->timeout_s = (unsigned)v;
		return 0;
	case OPT_MAX_TIME:
		if (!opt_number(val, 1, 604800, &v))
			return usage_error("--max-time must be a whole number of seconds, 1..604800, not '%s'", val);
		o->max_time_s = (unsigned)v;
		return 0;
	case OPT_TLS_CA:       o->tls_ca = val; return 0;
	case OPT_TLS_INSECURE: o->tls_insecure = true; return 0;
	case OPT_TLS_CERT:     o->tls_cert = val; return 0;
	case OPT_TLS_KEY:      o->tls_key = val; return 0;
	case OPT_STRICT:  o->strict = true; return 0;
	case OPT_QUIET:   o->quiet = true; return 0;
	case OPT_AUTH_USER:
		if (!plan_auth_value_safe(val, &why, NULL))
			return usage_error("--auth-user: %s", why);
		o->auth_user = val;
		return 0;
	case OPT_AUTH_PASSWORD_ENV:
		if (!opt_env_name(val))
			return usage_error("--auth-password-env must name an environment variable ([A-Za-z_][A-Za-z0-9_]*), not '%s'", val);
		o->auth_password_env = val;
		return 0;
	case OPT_LIST:      o->list = true; return 0;
	case OPT_FILTER:
		if (!val[0])
			return usage_error("%s", "--filter needs a non-empty GLOB");
		o->filters[o->nfilters++] = val;
		return 0;
	case OPT_TAG:
		if (!val[0])
			return usage_error("%s", "--tag needs a non-empty TAG");
		o->tags[o->ntags++] = val;
		return 0;
	case OPT_SHARD:
		if (opts_parse_shard(val, &o->shard_k, &o->shard_n))
			return usage_error("--shard must be K/N with 1 <= K <= N <= 1000, not '%s'", val);
		return 0;
	case OPT_RERUN_FAILED: o->rerun_failed = val; return 0;
	case OPT_FAIL_FAST: o->fail_fast = true; return 0;
	case OPT_NO_BATCH: o->no_batch = true; return 0;
	case OPT_RATE:
		if (!opt_number(val, 1, 100000, &v))
			return usage_error("--rate must be a whole number of requests per second, 1..100000, not '%s'", val);
		o->rate = (unsigned)v;
		return 0;
	case OPT_WINDOW:
		if (!opt_number(val, 1, 10000, &v))
			return usage_error("--window must be a whole number of requests, 1..10000, not '%s'", val);
		o->window = (unsigned)v;
		return 0;
	case OPT_JOBS:
		if (!opt_number(val, 1, 64, &v))
			return usage_error("--jobs (-j) must be a whole number, 1..64, not '%s'", val);
		o->jobs = (unsigned)v;
		return 0;
	case OPT_HELP:    o->action = OPTS_HELP; return 0;
	case OPT_VERSION: o->action = OPTS_VERSION; return 0;
	}
	return EINVAL;
}

int opts_parse(struct opts *o, int argc, char **argv)
{
	bool have_cmd = false, only_args = false;
	int i, err = 0;

	memset(o, 0, sizeof(*o));
	o->timeout_s = 5;
	o->argv = argc > 0 ? (const char *const *)argv : NULL;
	/* Each array holds at most one entry per argument. */
	o->suites = calloc((size_t)(argc > 0 ? argc : 1), sizeof(*o->suites));
	o->filters = calloc((size_t)(argc > 0 ? argc : 1), sizeof(*o->filters));
	o->tags = calloc((size_t)(argc > 0 ? argc : 1), sizeof(*o->tags));
	if (!o->suites || !o->filters || !o->tags) {
		opts_free(o);
		return ENOMEM;
	}

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!only_args && a[0] == '-' && a[1] == '-' && a[2] == '\0') {
			only_args = true;
			continue;
		}
		if (!only_args && a[0] == '-' && a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t nl = eq ? (size_t)(eq - name) : strlen(name);
			const struct opt *d = opt_lookup(name, nl, 0);
			const char *val = NULL;

			if (!d) {
				err = usage_error("unknown option '%s'", a);
				goto out;
			}
			if (d->arg) {
				if (eq)
					val = eq + 1;
				else if (i + 1 < argc)
					val = argv[++i];
				else {
					err = usage_error("option '%s' needs an argument", a);
					goto out;
				}
			} else if (eq) {
				err = usage_error("option '%s' takes no argument", a);
				goto out;
			}
			err = opt_apply(o, d, val);
			if (err)
				goto out;
			continue;
		}
		if (!only_args && a[0] == '-' && a[1] == 'j') {     /* -j N, -jN: --jobs */
			const char *val = a[2] ? a + 2 : i + 1 < argc ? argv[++i] : NULL;

			if (!val) {
				err = usage_error("option '%s' needs an argument", a);
				goto out;
			}
			err = opt_apply(o, opt_lookup("jobs", 4, 0), val);
			if (err)
				goto out;
			continue;
		}
		if (!only_args && a[0] == '-' && a[1] != '\0') {
			const struct opt *d = a[2] == '\0' ? opt_lookup(NULL, 0, a[1]) : NULL;
			const char *val = NULL;

			if (!d) {
				err = usage_error("unknown option '%s'", a);
				goto out;
			}
			if (d->arg && i + 1 >= argc) {
				err = usage_error("option '%s' needs an argument", a);
				goto out;
			}
			if (d->arg)
				val = argv[++i];
			err = opt_apply(o, d, val);
			if (err)
				goto out;
			continue;
		}
		if (!have_cmd) {
			have_cmd = true;
			if (strcmp(a, "run") == 0)
				o->action = o->action == OPTS_RUN ? OPTS_RUN : o->action;
			else if (strcmp(a, "checks") == 0) {
				if (o->action == OPTS_RUN)
					o->action = OPTS_LIST_CHECKS;
			} else {
				err = usage_error("unknown command '%s' (expected 'run' or 'checks')", a);
				goto out;
			}
			continue;
		}
		o->suites[o->nsuites++] = a;
	}
	if (o->action == OPTS_HELP || o->action == OPTS_VERSION)
		goto out;
	if (!have_cmd) {
		err = usage_error("%s", "no command given");
		goto out;
	}
	if (o->action == OPTS_RUN && o->nsuites == 0)
		err = usage_error("%s", "'run' needs at least one SUITE.yaml");
	if (o->action == OPTS_LIST_CHECKS && o->nsuites)
		err = usage_error("'checks' takes no arguments, got '%s'", o->suites[0]);
	else if (!o->tls_cert != !o->tls_key)
		err = usage_error("%s", "--tls-cert and --tls-key go together: give both or neither");
	else if (o->tls_insecure && o->tls_ca)
		err = usage_error("%s", "--tls-insecure verifies nothing: it cannot go with --tls-ca");
	if (!err && !o->auth_user != !o->auth_password_env)
		err = usage_error("%s", "--auth-user and --auth-password-env go together");
out:
	if (err)
		opts_free(o);
	return err;
}

void opts_free(struct opts *o)
{
	free(o->suites);
	free(o->filters);
	free(o->tags);
	o->suites = NULL;
	o->filters = o->tags = NULL;
	o->nsuites = o->nfilters = o->ntags = 0;
}
