/*
 * check_opts.c - cli/opts.c: the command line.  Every option of the
 * table, the defaults, each usage error (EINVAL and the words on
 * stderr), the actions (run, checks, --help, --version, -h, -V), --help's
 * text, the selection options, opts_parse_target's HOST:PORT forms,
 * opts_parse_shard's K/N, and that doc/sipconform.1 documents every
 * option --help lists.
 */
#include "tmain.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/opts.h"
#include "tdir.h"

#define HINT "sipconform: try 'sipconform --help'\n"

static char errtext[2048];      /* what the last parse() printed on stderr */

/*
 * opts_parse of "sipconform" and the NULL-terminated args, stderr into
 * errtext.  On an error o->suites must be NULL (nothing to free); on
 * success nothing may have been printed.
 */
static int parse_argv(struct opts *o, const char *const *args)
{
	const char *argv[32];
	int argc = 0, err;
	char *e;

	argv[argc++] = "sipconform";
	while (*args) {
		ck_assert_int_lt(argc, (int)NELEM(argv) - 1);
		argv[argc++] = *args++;
	}
	argv[argc] = NULL;
	tdir_stderr_to(tdir_path("stderr"));
	err = opts_parse(o, argc, (char **)argv);
	tdir_stderr_restore();
	e = tdir_slurp(tdir_path("stderr"), NULL);
	snprintf(errtext, sizeof(errtext), "%s", e);
	free(e);
	if (err)
		ck_assert_ptr_null(o->suites);
	else
		ck_assert_str_eq(errtext, "");
	return err;
}

/* parse_argv of the arguments after o, up to a NULL. */
static int parse(struct opts *o, ...)
{
	const char *args[32];
	size_t n = 0;
	va_list ap;

	va_start(ap, o);
	while ((args[n] = va_arg(ap, const char *)) != NULL)
		ck_assert_uint_lt(++n, NELEM(args));
	va_end(ap);
	return parse_argv(o, args);
}

START_TEST(test_defaults)
{
	struct opts o;

	memset(&o, 0x55, sizeof(o));
	ck_assert_int_eq(parse(&o, "run", "a.yaml", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_RUN);
	ck_assert_uint_eq(o.nsuites, 1);
	ck_assert_str_eq(o.suites[0], "a.yaml");
	ck_assert_str_eq(o.target_host, "");
	ck_assert_uint_eq(o.target_port, 0);
	ck_assert_int_eq(o.transport, TRANSPORT_DEFAULT);
	ck_assert_ptr_null(o.junit);
	ck_assert_ptr_null(o.tap);
	ck_assert_ptr_null(o.evidence);
	ck_assert_ptr_null(o.waivers);
	ck_assert_ptr_null(o.sipp);
	ck_assert_uint_eq(o.timeout_s, 5);
	ck_assert_uint_eq(o.max_time_s, 0);             /* no limit */
	ck_assert(!o.strict);
	ck_assert(!o.quiet);
	ck_assert_ptr_null(o.tls_ca);
	ck_assert(!o.tls_insecure);
	ck_assert_ptr_null(o.tls_cert);
	ck_assert_ptr_null(o.tls_key);
	opts_free(&o);
	ck_assert_ptr_null(o.suites);
	opts_free(&o);                  /* twice is harmless */
}
END_TEST

/* Every option of the table, "--name value" form, around the suites. */
START_TEST(test_every_option)
{
	struct opts o;

	ck_assert_int_eq(parse(&o, "--quiet", "run", "a.yaml", "--target", "sut.example:5070",
			       "--transport", "tcp", "--junit", "j.xml", "b.yaml", "--tap", "-",
			       "--timeout", "300", "--evidence", "ev", "--strict", "--max-time", "604800",
			       "--waivers", "w.yaml", "--sipp", "/opt/sipp", "c.yaml",
			       "--auth-user", "tester", "--auth-password-env", "LAB_PW_2", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_RUN);
	ck_assert_uint_eq(o.nsuites, 3);
	ck_assert_str_eq(o.suites[0], "a.yaml");
	ck_assert_str_eq(o.suites[1], "b.yaml");
	ck_assert_str_eq(o.suites[2], "c.yaml");
	ck_assert_str_eq(o.target_host, "sut.example");
	ck_assert_uint_eq(o.target_port, 5070);
	ck_assert_int_eq(o.transport, TRANSPORT_TCP);
	ck_assert_str_eq(o.junit, "j.xml");
	ck_assert_str_eq(o.tap, "-");
	ck_assert_uint_eq(o.timeout_s, 300);
	ck_assert_uint_eq(o.max_time_s, 604800);
	ck_assert_str_eq(o.evidence, "ev");
	ck_assert(o.strict);
	ck_assert_str_eq(o.waivers, "w.yaml");
	ck_assert_str_eq(o.sipp, "/opt/sipp");
	ck_assert(o.quiet);
	ck_assert_str_eq(o.auth_user, "tester");
	ck_assert_str_eq(o.auth_password_env, "LAB_PW_2");
	opts_free(&o);
}
END_TEST

/* The TLS options: transport tls, a CA file, a client certificate and key. */
START_TEST(test_tls_options)
{
	struct opts o;

	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--transport", "tls", "--tls-ca", "ca.pem",
			       "--tls-cert", "c.pem", "--tls-key=k.pem", NULL), 0);
	ck_assert_int_eq(o.transport, TRANSPORT_TLS);
	ck_assert_str_eq(o.tls_ca, "ca.pem");
	ck_assert_str_eq(o.tls_cert, "c.pem");
	ck_assert_str_eq(o.tls_key, "k.pem");
	ck_assert(!o.tls_insecure);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--tls-insecure", NULL), 0);
	ck_assert(o.tls_insecure);
	ck_assert_ptr_null(o.tls_ca);
	opts_free(&o);
}
END_TEST

/* The same with "--name=value"; a value may itself hold '='. */
START_TEST(test_equals_form)
{
	struct opts o;

	ck_assert_int_eq(parse(&o, "run", "--target=[::1]", "--port=1", "--transport=udp",
			       "--junit=a=b.xml", "--tap=t.tap", "--timeout=1", "--evidence=", "--max-time=1",
			       "--waivers=w", "--sipp=s", "x.yaml", NULL), 0);
	ck_assert_str_eq(o.target_host, "::1");
	ck_assert_uint_eq(o.target_port, 1);
	ck_assert_int_eq(o.transport, TRANSPORT_UDP);
	ck_assert_str_eq(o.junit, "a=b.xml");
	ck_assert_str_eq(o.tap, "t.tap");
	ck_assert_uint_eq(o.timeout_s, 1);
	ck_assert_uint_eq(o.max_time_s, 1);
	ck_assert_str_eq(o.evidence, "");
	ck_assert_str_eq(o.waivers, "w");
	ck_assert_str_eq(o.sipp, "s");
	ck_assert_uint_eq(o.nsuites, 1);
	opts_free(&o);
}
END_TEST

/* --port alone keeps the suite's host; with --target they must agree. */
START_TEST(test_port_and_target)
{
	struct opts o;

	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--port", "65535", NULL), 0);
	ck_assert_str_eq(o.target_host, "");
	ck_assert_uint_eq(o.target_port, 65535);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--port", "5060", "--target", "h:5060", NULL), 0);
	ck_assert_str_eq(o.target_host, "h");
	ck_assert_uint_eq(o.target_port, 5060);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--target", "h", "--port", "5062", NULL), 0);
	ck_assert_str_eq(o.target_host, "h");
	ck_assert_uint_eq(o.target_port, 5062);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--target", "h:5060", "--port", "5061", NULL),
			 EINVAL);
	ck_assert_str_eq(errtext, "sipconform: --port and the port of --target disagree\n" HINT);
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--port", "5061", "--target", "[::1]:5060", NULL),
			 EINVAL);
	ck_assert_str_eq(errtext, "sipconform: --port and the port of --target disagree\n" HINT);
}
END_TEST

/* "--" ends the options; a lone "-" is an argument. */
START_TEST(test_double_dash)
{
	struct opts o;

	ck_assert_int_eq(parse(&o, "run", "--", "--strict", "-", "--", NULL), 0);
	ck_assert(!o.strict);
	ck_assert_uint_eq(o.nsuites, 3);
	ck_assert_str_eq(o.suites[0], "--strict");
	ck_assert_str_eq(o.suites[1], "-");
	ck_assert_str_eq(o.suites[2], "--");
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "--", "run", "a.yaml", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_RUN);
	ck_assert_str_eq(o.suites[0], "a.yaml");
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "-", NULL), 0);
	ck_assert_str_eq(o.suites[0], "-");
	opts_free(&o);
}
END_TEST

START_TEST(test_actions)
{
	struct opts o;

	ck_assert_int_eq(parse(&o, "checks", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_LIST_CHECKS);
	ck_assert_uint_eq(o.nsuites, 0);
	opts_free(&o);
	/* --help and --version need no command and win over one */
	ck_assert_int_eq(parse(&o, "--help", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_HELP);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "--version", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_VERSION);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "checks", "--help", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_HELP);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "--version", "checks", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_VERSION);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "--help", NULL), 0);   /* no suite needed */
	ck_assert_int_eq(o.action, OPTS_HELP);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--version", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_VERSION);
	opts_free(&o);
}
END_TEST

/* Each usage error: EINVAL, and exactly these words on stderr. */
static const struct {
	const char *argv[7];
	const char *err;        /* stderr, less the hint line when hint */
	int hint;
} bad[] = {
	{ { NULL }, "sipconform: no command given\n", 1 },
	{ { "--strict", NULL }, "sipconform: no command given\n", 1 },
	{ { "run", NULL }, "sipconform: 'run' needs at least one SUITE.yaml\n", 1 },
	{ { "run", "--strict", NULL }, "sipconform: 'run' needs at least one SUITE.yaml\n", 1 },
	{ { "checks", "a.yaml", NULL }, "sipconform: 'checks' takes no arguments, got 'a.yaml'\n", 1 },
	{ { "go", "a.yaml", NULL },
	  "sipconform: unknown command 'go' (expected 'run' or 'checks')\n", 1 },
	{ { "RUN", "a.yaml", NULL },
	  "sipconform: unknown command 'RUN' (expected 'run' or 'checks')\n", 1 },
	{ { "run", "a.yaml", "--bogus", NULL }, "sipconform: unknown option '--bogus'\n", 1 },
	{ { "run", "a.yaml", "--str", NULL }, "sipconform: unknown option '--str'\n", 1 },
	{ { "run", "a.yaml", "--strictx", NULL }, "sipconform: unknown option '--strictx'\n", 1 },
	{ { "run", "a.yaml", "--=x", NULL }, "sipconform: unknown option '--=x'\n", 1 },
	{ { "run", "a.yaml", "-q", NULL }, "sipconform: unknown option '-q'\n", 1 },
	{ { "run", "a.yaml", "--junit", NULL }, "sipconform: option '--junit' needs an argument\n", 1 },
	{ { "run", "a.yaml", "--target", NULL }, "sipconform: option '--target' needs an argument\n", 1 },
	{ { "run", "a.yaml", "--strict=yes", NULL },
	  "sipconform: option '--strict=yes' takes no argument\n", 1 },
	{ { "run", "a.yaml", "--help=", NULL }, "sipconform: option '--help=' takes no argument\n", 1 },
	{ { "run", "a.yaml", "--port", "0", NULL }, "sipconform: --port must be 1..65535, not '0'\n", 1 },
	{ { "run", "a.yaml", "--port", "65536", NULL },
	  "sipconform: --port must be 1..65535, not '65536'\n", 1 },
	{ { "run", "a.yaml", "--port", "x", NULL }, "sipconform: --port must be 1..65535, not 'x'\n", 1 },
	{ { "run", "a.yaml", "--port", "", NULL }, "sipconform: --port must be 1..65535, not ''\n", 1 },
	{ { "run", "a.yaml", "--port", "-1", NULL }, "sipconform: --port must be 1..65535, not '-1'\n", 1 },
	{ { "run", "a.yaml", "--port", " 1", NULL }, "sipconform: --port must be 1..65535, not ' 1'\n", 1 },
	{ { "run", "a.yaml", "--port", "5060x", NULL },
	  "sipconform: --port must be 1..65535, not '5060x'\n", 1 },
	{ { "run", "a.yaml", "--port", "99999999999999999999999", NULL },
	  "sipconform: --port must be 1..65535, not '99999999999999999999999'\n", 1 },
	{ { "run", "a.yaml", "--transport", "sctp", NULL },
	  "sipconform: --transport must be udp, tcp or tls, not 'sctp'\n", 1 },
	{ { "run", "a.yaml", "--transport", "UDP", NULL },
	  "sipconform: --transport must be udp, tcp or tls, not 'UDP'\n", 1 },
	{ { "run", "a.yaml", "--transport", "TLS", NULL },
	  "sipconform: --transport must be udp, tcp or tls, not 'TLS'\n", 1 },
	{ { "run", "a.yaml", "--tls-cert", "c.pem", NULL },
	  "sipconform: --tls-cert and --tls-key go together: give both or neither\n", 1 },
	{ { "run", "a.yaml", "--tls-key", "k.pem", NULL },
	  "sipconform: --tls-cert and --tls-key go together: give both or neither\n", 1 },
	{ { "run", "a.yaml", "--tls-insecure", "--tls-ca", "ca.pem", NULL },
	  "sipconform: --tls-insecure verifies nothing: it cannot go with --tls-ca\n", 1 },
	{ { "run", "a.yaml", "--tls-insecure=yes", NULL },
	  "sipconform: option '--tls-insecure=yes' takes no argument\n", 1 },
	{ { "run", "a.yaml", "--timeout", "0", NULL },
	  "sipconform: --timeout must be a whole number of seconds, 1..300, not '0'\n", 1 },
	{ { "run", "a.yaml", "--max-time", "0", NULL },
	  "sipconform: --max-time must be a whole number of seconds, 1..604800, not '0'\n", 1 },
	{ { "run", "a.yaml", "--max-time", "604801", NULL },
	  "sipconform: --max-time must be a whole number of seconds, 1..604800, not '604801'\n", 1 },
	{ { "run", "a.yaml", "--max-time", "1.5", NULL },
	  "sipconform: --max-time must be a whole number of seconds, 1..604800, not '1.5'\n", 1 },
	{ { "run", "a.yaml", "--max-time", "-1", NULL },
	  "sipconform: --max-time must be a whole number of seconds, 1..604800, not '-1'\n", 1 },
	{ { "run", "a.yaml", "--max-time", NULL },
	  "sipconform: option '--max-time' needs an argument\n", 1 },
	{ { "run", "a.yaml", "--timeout", "301", NULL },
	  "sipconform: --timeout must be a whole number of seconds, 1..300, not '301'\n", 1 },
	{ { "run", "a.yaml", "--timeout", "2.5", NULL },
	  "sipconform: --timeout must be a whole number of seconds, 1..300, not '2.5'\n", 1 },
	{ { "run", "a.yaml", "--timeout", "", NULL },
	  "sipconform: --timeout must be a whole number of seconds, 1..300, not ''\n", 1 },
	{ { "run", "a.yaml", "--timeout", "-5", NULL },
	  "sipconform: --timeout must be a whole number of seconds, 1..300, not '-5'\n", 1 },
	{ { "run", "a.yaml", "--timeout", "+5", NULL },
	  "sipconform: --timeout must be a whole number of seconds, 1..300, not '+5'\n", 1 },
	{ { "run", "a.yaml", "--timeout", " 5", NULL },
	  "sipconform: --timeout must be a whole number of seconds, 1..300, not ' 5'\n", 1 },
	{ { "run", "a.yaml", "--auth-user", "tester", NULL },
	  "sipconform: --auth-user and --auth-password-env go together\n", 1 },
	{ { "run", "a.yaml", "--auth-password-env", "PW", NULL },
	  "sipconform: --auth-user and --auth-password-env go together\n", 1 },
	{ { "run", "a.yaml", "--auth-user", "tester", "--auth-password-env", "1PW", NULL },
	  "sipconform: --auth-password-env must name an environment variable ([A-Za-z_][A-Za-z0-9_]*), not '1PW'\n", 1 },
	{ { "run", "a.yaml", "--auth-user", "tester", "--auth-password-env", "", NULL },
	  "sipconform: --auth-password-env must name an environment variable ([A-Za-z_][A-Za-z0-9_]*), not ''\n", 1 },
	{ { "run", "a.yaml", "--auth-user", "a\"b", "--auth-password-env", "PW", NULL },
	  "sipconform: --auth-user: contains '\"' or '\\': it goes into a quoted Digest parameter\n", 1 },
	{ { "run", "a.yaml", "--port", "+5060", NULL },
	  "sipconform: --port must be 1..65535, not '+5060'\n", 1 },
	/* selection and short options */
	{ { "run", "a.yaml", "--shard", "0/3", NULL },
	  "sipconform: --shard must be K/N with 1 <= K <= N <= 1000, not '0/3'\n", 1 },
	{ { "run", "a.yaml", "--shard", "4/3", NULL },
	  "sipconform: --shard must be K/N with 1 <= K <= N <= 1000, not '4/3'\n", 1 },
	{ { "run", "a.yaml", "--shard=1/1001", NULL },
	  "sipconform: --shard must be K/N with 1 <= K <= N <= 1000, not '1/1001'\n", 1 },
	{ { "run", "a.yaml", "--shard", "1", NULL },
	  "sipconform: --shard must be K/N with 1 <= K <= N <= 1000, not '1'\n", 1 },
	{ { "run", "a.yaml", "--shard", NULL }, "sipconform: option '--shard' needs an argument\n", 1 },
	{ { "run", "a.yaml", "--filter", "", NULL }, "sipconform: --filter needs a non-empty GLOB\n", 1 },
	{ { "run", "a.yaml", "--tag=", NULL }, "sipconform: --tag needs a non-empty TAG\n", 1 },
	{ { "run", "a.yaml", "--list=yes", NULL }, "sipconform: option '--list=yes' takes no argument\n", 1 },
	{ { "run", "a.yaml", "--fail-fast=1", NULL },
	  "sipconform: option '--fail-fast=1' takes no argument\n", 1 },
	{ { "run", "a.yaml", "--rerun-failed", NULL },
	  "sipconform: option '--rerun-failed' needs an argument\n", 1 },
	{ { "-hV", NULL }, "sipconform: unknown option '-hV'\n", 1 },
	{ { "-v", NULL }, "sipconform: unknown option '-v'\n", 1 },
	{ { "-H", NULL }, "sipconform: unknown option '-H'\n", 1 },
	/* --target's own words, without the hint */
	{ { "run", "a.yaml", "--target", "::1:5060", NULL },
	  "sipconform: --target '::1:5060': an IPv6 address must be written in brackets: [::1]:5060\n", 0 },
	{ { "run", "a.yaml", "--target", "h:0", NULL }, "sipconform: --target 'h:0': port must be 1..65535\n", 0 },
	{ { "run", "a.yaml", "--target", "", NULL }, "sipconform: --target '': empty host\n", 0 },
	{ { "run", "a.yaml", "--target=[::1", NULL },
	  "sipconform: --target '[::1': unterminated '[' in IPv6 address\n", 0 },
};

START_TEST(test_usage_errors)
{
	char want[400];
	struct opts o;

	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(parse_argv(&o, bad[_i].argv), EINVAL);
	snprintf(want, sizeof(want), "%s%s", bad[_i].err, bad[_i].hint ? HINT : "");
	ck_assert_str_eq(errtext, want);
	opts_free(&o);                  /* after an error: nothing, harmlessly */
}
END_TEST

/* No arguments at all, not even argv[0]. */
START_TEST(test_argc_zero)
{
	struct opts o;
	char *argv[] = { NULL };

	tdir_stderr_to(tdir_path("stderr"));
	ck_assert_int_eq(opts_parse(&o, 0, argv), EINVAL);
	tdir_stderr_restore();
	ck_assert_ptr_null(o.suites);
	opts_free(&o);
}
END_TEST

/* --help names every option of the table, the commands and the exit codes. */
START_TEST(test_help)
{
	static const char *const lines[] = {
		"usage: sipconform run SUITE.yaml [SUITE.yaml ...] [options]\n",
		"       sipconform checks\n",
		"  --target HOST:PORT     system under test;",
		"  --port PORT            overrides only the port",
		"  --transport udp|tcp|tls\n                         overrides the suite's transport",
		"  --tls-ca FILE          TLS: trust the CAs in FILE (PEM)",
		"\n                         (default: the system store)\n",
		"  --tls-insecure         TLS: do not verify the SUT's certificate (the reports say so)\n",
		"  --tls-cert FILE        TLS: client certificate (PEM) for mutual TLS, with --tls-key\n",
		"  --tls-key FILE         TLS: the key of --tls-cert (PEM)\n",
		"  --junit FILE           write JUnit XML\n",
		"  --tap FILE             write TAP version 13 ('-' for stdout)\n",
		"  --timeout SECONDS      per request, default 5 (1..300)\n",
		"  --max-time SECONDS     whole run (1..604800): then stop as on SIGTERM, exit 5\n",
		"\n                         one run at a time per DIR (locked)\n",
		"  --evidence DIR         per-test bytes sent/received, scenario, SIPp stderr\n",
		"\n                         (default reports/evidence/<UTC time>-<pid>)\n",
		"  --strict               SHOULD-level",
		"  --waivers FILE         YAML waivers",
		"  --sipp PATH            SIPp binary",
		"  --quiet                print only failures and the totals\n",
		"  --auth-user USER       digest user for every test without its own 'auth'\n"
		"                         (needs --auth-password-env)\n",
		"  --auth-password-env VAR\n"
		"                         environment variable holding that user's password\n",
		"  -h, --help             show this help and exit 0\n",
		"  -V, --version          show the versions of sipconform, SIPp and the TLS\n"
		"                         terminator, and exit 0\n",
		"  --list                 print the ids of the selected tests, one a line, and exit\n",
		"  --filter GLOB          run the tests whose id matches GLOB",
		"  --tag TAG              run the tests that carry TAG",
		"  --shard K/N            run only part K of N (1 <= K <= N <= 1000)",
		"  --rerun-failed FILE.json\n                         run the tests that failed",
		"  --fail-fast            stop after the first test that fails",
		"       sipconform -h | --help | -V | --version\n",
		"  0  every test passed (skips allowed)\n",
		"  1  at least one test failed, could not be judged or was inconclusive\n",
		"  2  usage or suite-file error, nothing was run\n",
		"  3  the environment stopped the run",
		"  4  SIGINT, SIGTERM or SIGHUP stopped the run: the reports hold the tests\n",
		"  5  --max-time stopped the run (reports as for 4)\n",
		"  128+N  a second signal N during that stop: exited at once\n",
	};
	char *out = NULL;
	size_t n = 0, i;
	FILE *fp = open_memstream(&out, &n);

	ck_assert_ptr_nonnull(fp);
	opts_help(fp);
	ck_assert_int_eq(fclose(fp), 0);
	for (i = 0; i < NELEM(lines); i++)
		ck_assert_msg(strstr(out, lines[i]) != NULL, "--help lacks '%s'", lines[i]);
	/* options in table order */
	ck_assert(strstr(out, "  --target ") < strstr(out, "  --port "));
	ck_assert(strstr(out, "  --sipp ") < strstr(out, "  -V, --version "));
	ck_assert_int_eq(out[n - 1], '\n');
	free(out);
}
END_TEST

/* The selection options, repeatable ones in order; their defaults. */
START_TEST(test_selection)
{
	struct opts o;

	ck_assert_int_eq(parse(&o, "run", "a.yaml", NULL), 0);
	ck_assert(!o.list && !o.fail_fast);
	ck_assert_uint_eq(o.nfilters, 0);
	ck_assert_uint_eq(o.ntags, 0);
	ck_assert_uint_eq(o.shard_k, 0);
	ck_assert_uint_eq(o.shard_n, 0);
	ck_assert_ptr_null(o.rerun_failed);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--list", "--filter", "moved-*", "--tag", "smoke",
			       "--filter=*/INVITE/*", "--tag=slow", "--shard", "2/5", "b.yaml",
			       "--rerun-failed", "r.json", "--fail-fast", NULL), 0);
	ck_assert(o.list && o.fail_fast);
	ck_assert_uint_eq(o.nsuites, 2);
	ck_assert_uint_eq(o.nfilters, 2);
	ck_assert_str_eq(o.filters[0], "moved-*");
	ck_assert_str_eq(o.filters[1], "*/INVITE/*");
	ck_assert_uint_eq(o.ntags, 2);
	ck_assert_str_eq(o.tags[0], "smoke");
	ck_assert_str_eq(o.tags[1], "slow");
	ck_assert_uint_eq(o.shard_k, 2);
	ck_assert_uint_eq(o.shard_n, 5);
	ck_assert_str_eq(o.rerun_failed, "r.json");
	opts_free(&o);
	ck_assert_ptr_null(o.filters);
	ck_assert_ptr_null(o.tags);
	/* a --filter value that looks like an option is the value */
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "--filter", "--x", NULL), 0);
	ck_assert_str_eq(o.filters[0], "--x");
	opts_free(&o);
}
END_TEST

/* -h and -V: --help and --version, with or without a command. */
START_TEST(test_short)
{
	struct opts o;

	ck_assert_int_eq(parse(&o, "-h", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_HELP);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "-V", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_VERSION);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "-h", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_HELP);
	opts_free(&o);
	ck_assert_int_eq(parse(&o, "run", "a.yaml", "-V", "--sipp", "/x/sipp", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_VERSION);
	ck_assert_str_eq(o.sipp, "/x/sipp");
	opts_free(&o);
	/* after "--" a "-h" is a suite file */
	ck_assert_int_eq(parse(&o, "run", "--", "-h", NULL), 0);
	ck_assert_int_eq(o.action, OPTS_RUN);
	ck_assert_str_eq(o.suites[0], "-h");
	opts_free(&o);
}
END_TEST

static const struct {
	const char *s;
	unsigned k, n;          /* 0: refused */
} shards[] = {
	{ "1/1", 1, 1 }, { "1/2", 1, 2 }, { "2/2", 2, 2 }, { "7/10", 7, 10 },
	{ "1000/1000", 1000, 1000 }, { "1/1000", 1, 1000 },
	{ "0/1", 0, 0 }, { "2/1", 0, 0 }, { "1/0", 0, 0 }, { "1/1001", 0, 0 },
	{ "1001/1001", 0, 0 }, { "", 0, 0 }, { "/", 0, 0 }, { "1/", 0, 0 }, { "/1", 0, 0 },
	{ "1", 0, 0 }, { "a/b", 0, 0 }, { "1/2/3", 0, 0 }, { " 1/2", 0, 0 }, { "1/ 2", 0, 0 },
	{ "+1/2", 0, 0 }, { "1/-2", 0, 0 }, { "1.0/2", 0, 0 }, { "01/02", 1, 2 },
	{ "99999999999999999999/2", 0, 0 }, { "1/99999999999999999999", 0, 0 },
	{ "1234567890123456/1", 0, 0 },
};

START_TEST(test_shard)
{
	unsigned k = 99, n = 99;
	int err = opts_parse_shard(shards[_i].s, &k, &n);

	if (!shards[_i].k) {
		ck_assert_msg(err == EINVAL, "'%s' accepted", shards[_i].s);
		return;
	}
	ck_assert_msg(err == 0, "'%s' refused", shards[_i].s);
	ck_assert_uint_eq(k, shards[_i].k);
	ck_assert_uint_eq(n, shards[_i].n);
}
END_TEST

/*
 * Is roff ("\-\-name") the term of a tagged paragraph of man: on the
 * line after a ".TP", written as a whole word (not "\-\-name\-x")?
 */
static bool man_has_term(const char *man, const char *roff)
{
	const char *tp, *nl, *w;
	size_t l = strlen(roff);

	for (tp = man; (tp = strstr(tp, "\n.TP\n.B")) != NULL; tp++) {
		nl = strchr(tp + 5, '\n');
		if (!nl)
			nl = tp + strlen(tp);
		for (w = tp + 5; (w = strstr(w, roff)) != NULL && w < nl; w++)
			if (w + l <= nl && !(w[l] && strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_\\-", w[l])) &&
			    strchr(" \"", w[-1]))
				return true;
	}
	return false;
}

/*
 * doc/sipconform.1 documents every option --help lists (the table is
 * the source of both): each "--name" of the help text is the term of a
 * tagged paragraph of the page ("\-\-name"), each short "-c" too
 * ("\-c"), and the exit codes 0-5 are tagged paragraphs.  An option
 * added without its man page entry fails here.
 */
START_TEST(test_man_page)
{
	char path[1024], *man, *help = NULL, roff[128];
	size_t n = 0, found = 0;
	const char *p;
	FILE *fp = open_memstream(&help, &n);
	int code;

	ck_assert_ptr_nonnull(fp);
	opts_help(fp);
	ck_assert_int_eq(fclose(fp), 0);
	man = tdir_slurp(tmain_src(path, sizeof(path), "doc/sipconform.1"), NULL);
	ck_assert_ptr_nonnull(man);
	for (p = help; *p; p++) {
		size_t len, i, r = 0;

		/* an option starts a word: "--name" or "-c" (a letter alone) */
		if (p[0] != '-' || (p > help && !strchr(" \n|", p[-1])))
			continue;
		if (p[1] == '-' && p[2] >= 'a' && p[2] <= 'z')
			len = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
		else if (((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z')) &&
			 strchr(", \n", p[2]))
			len = 2;
		else
			continue;
		for (i = 0; i < len && r + 3 < sizeof(roff); i++) {
			if (p[i] == '-')
				roff[r++] = '\\';
			roff[r++] = p[i];
		}
		roff[r] = '\0';
		ck_assert_msg(man_has_term(man, roff), "doc/sipconform.1 lacks a paragraph for %s", roff);
		found++;
		p += len - 1;
	}
	ck_assert_uint_ge(found, 28);
	for (code = 0; code <= 5; code++) {
		snprintf(roff, sizeof(roff), ".TP\n.B %d\n", code);
		ck_assert_msg(strstr(man, roff) != NULL, "exit status %d not documented", code);
	}
	ck_assert(strstr(man, ".SH ENVIRONMENT") && strstr(man, ".SH FILES") &&
		  strstr(man, ".SH EXAMPLES") && strstr(man, "NO_COLOR") &&
		  strstr(man, "SIPCONFORM_SIPP"));
	free(man);
	free(help);
}
END_TEST

/* ---- opts_parse_target ------------------------------------------------ */

static const struct {
	const char *s;
	const char *host;       /* NULL: refused */
	unsigned port;
	const char *why;
} targets[] = {
	{ "sut.example:5060", "sut.example", 5060, NULL },
	{ "127.0.0.1:1", "127.0.0.1", 1, NULL },
	{ "h:65535", "h", 65535, NULL },
	{ "sut.example", "sut.example", 0, NULL },
	{ "[::1]:5060", "::1", 5060, NULL },
	{ "[2001:db8::1]", "2001:db8::1", 0, NULL },
	{ "[::ffff:1.2.3.4]:5062", "::ffff:1.2.3.4", 5062, NULL },
	{ "h:0", NULL, 0, "port must be 1..65535" },
	{ "h:65536", NULL, 0, "port must be 1..65535" },
	{ "h:5060x", NULL, 0, "port must be 1..65535" },
	{ "h:99999999999999999999999", NULL, 0, "port must be 1..65535" },
	{ "h:x", NULL, 0, "port must be a number" },
	{ "h:", NULL, 0, "port must be a number" },
	{ "h:-1", NULL, 0, "port must be a number" },
	{ "h: 1", NULL, 0, "port must be a number" },
	{ "[::1]:0", NULL, 0, "port must be 1..65535" },
	{ "[::1]:", NULL, 0, "port must be a number" },
	{ "[::1", NULL, 0, "unterminated '[' in IPv6 address" },
	{ "[", NULL, 0, "unterminated '[' in IPv6 address" },
	{ "[::1]5060", NULL, 0, "expected ':PORT' after ']'" },
	{ "[::1]]", NULL, 0, "expected ':PORT' after ']'" },
	{ "::1]:5060", NULL, 0, "an IPv6 address must be written in brackets: [::1]:5060" },
	{ "::1", NULL, 0, "an IPv6 address must be written in brackets: [::1]:5060" },
	{ "h]:5060", NULL, 0, "host contains a character that cannot appear in a host name" },
	{ "[]", NULL, 0, "empty host" },
	{ "[]:5060", NULL, 0, "empty host" },
	{ "", NULL, 0, "empty host" },
	{ ":5060", NULL, 0, "empty host" },
	{ "a b:1", NULL, 0, "host contains a character" },
	{ "a@b", NULL, 0, "host contains a character" },
	{ "a/b", NULL, 0, "host contains a character" },
	{ "a\tb", NULL, 0, "host contains a character" },
	{ "caf\xc3\xa9", NULL, 0, "host contains a character" },
	{ "[a;b]", NULL, 0, "host contains a character" },
};

START_TEST(test_target)
{
	char host[256];
	uint16_t port = 99;
	const char *why = NULL;
	int err;

	strcpy(host, "untouched");
	err = opts_parse_target(targets[_i].s, host, sizeof(host), &port, &why);
	if (targets[_i].host) {
		ck_assert_msg(err == 0, "'%s': %s", targets[_i].s, why ? why : "");
		ck_assert_str_eq(host, targets[_i].host);
		ck_assert_uint_eq(port, targets[_i].port);
	} else {
		ck_assert_msg(err == EINVAL, "'%s' accepted", targets[_i].s);
		ck_assert_ptr_nonnull(why);
		ck_assert_msg(strncmp(why, targets[_i].why, strlen(targets[_i].why)) == 0,
			      "'%s': %s", targets[_i].s, why);
		ck_assert_str_eq(host, "untouched");
	}
}
END_TEST

/* The host must fit the buffer with its NUL. */
START_TEST(test_target_size)
{
	char host[8];
	uint16_t port;
	const char *why = NULL;

	ck_assert_int_eq(opts_parse_target("1234567:9", host, sizeof(host), &port, &why), 0);
	ck_assert_str_eq(host, "1234567");
	ck_assert_uint_eq(port, 9);
	ck_assert_int_eq(opts_parse_target("12345678:9", host, sizeof(host), &port, &why), EINVAL);
	ck_assert_str_eq(why, "host name too long");
	ck_assert_int_eq(opts_parse_target("[1:2:3:4::]", host, sizeof(host), &port, &why), EINVAL);
	ck_assert_str_eq(why, "host name too long");
}
END_TEST

static Suite *opts_suite(void)
{
	Suite *s = suite_create("opts");
	TCase *tc = tcase_create("Core");
	TCase *tt = tcase_create("Target");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_every_option);
	tcase_add_test(tc, test_tls_options);
	tcase_add_test(tc, test_equals_form);
	tcase_add_test(tc, test_port_and_target);
	tcase_add_test(tc, test_double_dash);
	tcase_add_test(tc, test_actions);
	tcase_add_loop_test(tc, test_usage_errors, 0, (int)NELEM(bad));
	tcase_add_test(tc, test_argc_zero);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_selection);
	tcase_add_test(tc, test_short);
	tcase_add_loop_test(tc, test_shard, 0, (int)NELEM(shards));
	tcase_add_test(tc, test_man_page);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(tt, test_target, 0, (int)NELEM(targets));
	tcase_add_test(tt, test_target_size);
	suite_add_tcase(s, tt);
	return s;
}

const struct tmain tmain_def = { "check_opts", opts_suite, NULL, NULL };
