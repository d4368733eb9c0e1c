/*
 * check_report.c - JUnit and TAP reporters, and the repr.c escaper.
 *
 * The reports are written to real files in a temporary directory and
 * judged by real consumers: xmllint against fixtures/schemas/junit.xsd (the
 * project's own schema: what the strict Ant schema and Jenkins' xUnit one
 * both require, and more) and prove (the TAP::Harness CI uses) for TAP.
 *
 * CHECK_REPORT_KEEP=1 keeps the temporary directories.
 * Set REPORT_EXAMPLES_DIR to a directory to also get the four-verdict
 * reports copied there (reports/examples/ is made this way).
 */
#include "tmain.h"
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/repr.h"
#include "report/report.h"
#include "judge/rule.h"

extern char **environ;

/* Fake catalogue entries (rule.c is not used). */
static const struct rule r_allow = {
	.num = 12, .id = "RFC3261-21.4.6-ALLOW-PRESENT", .section = "21.4.6",
	.level = RULE_MUST, .warn_only = false, .scope = RULE_SCOPE_ALLOW,
	.header = "Allow", .text = "The response MUST include an Allow header field"
};
static const struct rule r_via = {
	.num = 3, .id = "RFC3261-8.2.6.2-VIA-COPY", .section = "8.2.6.2",
	.level = RULE_MUST, .warn_only = false, .scope = RULE_SCOPE_ANY,
	.header = "Via", .text = "Via header field values MUST be equal to the request's"
};
static const struct rule r_contact = {
	.num = 20, .id = "RFC3261-21.3.2-CONTACT-SHOULD", .section = "21.3.2",
	.level = RULE_SHOULD, .warn_only = true, .scope = RULE_SCOPE_PERMANENT,
	.header = "Contact", .text = "The response SHOULD contain a Contact"
};

static const char resp405[] =
	"SIP/2.0 405 Method Not Allowed\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static const char req_foobar[] =
	"FOOBAR sip:uas@127.0.0.1:5060 SIP/2.0\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

/* Every hostile content the brief lists, NUL included (length-delimited). */
static const char hostile[] =
	"SIP/2.0 200 OK\r\n"
	"X-Nul: a\0b\r\n"
	"X-C0: \x01\x02\x1b[31m\x7f\r\n"
	"X-Bad-UTF8: \xff\xfe\xc0\x80\xed\xa0\x80\xf5\x80\xe2\x82\r\n"
	"X-Sep: \xe2\x80\xa8\xc2\x85\xef\xbb\xbf\r\n"
	"X-XML: ]]> <evil/> &amp; \"' <![CDATA[x]]>\r\n"
	"\n"
	"ok 1 - forged\n"
	"not ok\n"
	"1..9\n"
	"Bail out!\n"
	"  ---\n"
	"  ...\n"
	"...\n"
	"---\n"
	"# SKIP\n"
	"TAP version 14\n"
	" leading space\ttab \n"
	"\\x00 literal backslash\r";
#define HOSTILE_LINE "x\001y\177<evil/>]]>\n1..9\nBail out!\nok 1 - forged # SKIP \\ \xff\xc3"

static char *tmpdir;

static void setup(void)
{
	char tmpl[] = "/tmp/check_report.XXXXXX";

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	tmpdir = strdup(tmpl);
	ck_assert_ptr_nonnull(tmpdir);
}

/* Remove a directory tree the tests made (files and directories, depth-bounded). */
static void rm_tree(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat sb;
	char p[1024];

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (!lstat(p, &sb) && S_ISDIR(sb.st_mode) && depth > 0)
			rm_tree(p, depth - 1);
		else
			remove(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static void teardown(void)
{
	/* CHECK_REPORT_KEEP=1 leaves the reports for a person to read. */
	if (tmpdir && !getenv("CHECK_REPORT_KEEP"))
		rm_tree(tmpdir, 3);
	free(tmpdir);
	tmpdir = NULL;
}

static char *path_in(const char *name)
{
	static char buf[4][512];
	static int k;
	char *p = buf[k++ & 3];

	snprintf(p, 512, "%s/%s", tmpdir, name);
	return p;
}

static char *slurp(const char *path, size_t *np)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	if (np)
		*np = (size_t)n;
	return s;
}

/* Run argv (fixed, no shell) with stdout+stderr into logpath; exit status or -1. */
static int run(const char *const argv[], const char *logpath)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, rc, ms;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, logpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	ck_assert_msg(rc == 0, "cannot run %s: %s", argv[0], strerror(rc));
	/* Bounded: 30 s, then the child is killed (by its pid). */
	for (ms = 0; (rc = waitpid(pid, &st, WNOHANG)) == 0 && ms < 30000; ms += 10)
		usleep(10000);
	if (rc == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		ck_abort_msg("%s %s did not finish in 30 s", argv[0], argv[4] ? argv[4] : "");
	}
	ck_assert_int_eq(rc, pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void assert_xsd(const char *xml, const char *xsdname)
{
	char xsd[512], fx[400];
	const char *argv[] = { "xmllint", "--noout", "--schema", xsd, xml, NULL };
	const char *log = path_in("xmllint.log");
	int rc;

	snprintf(xsd, sizeof(xsd), "%s/schemas/%s", tmain_src(fx, sizeof(fx), "fixtures"), xsdname);
	ck_assert_msg(access(xsd, R_OK) == 0, "schema %s missing", xsd);
	rc = run(argv, log);
	if (rc != 0) {
		char *out = slurp(log, NULL);

		ck_abort_msg("%s does not validate against %s:\n%s", xml, xsdname, out);
	}
}

static void assert_junit_valid(const char *xml)
{
	assert_xsd(xml, "junit.xsd");
}

struct prove_res {
	int rc;
	long tests;             /* "Files=1, Tests=N" */
	long failed;            /* "Failed: F" of the summary, 0 if none */
	int parse_errors;
	char *out;
};

static struct prove_res prove(const char *tap)
{
	const char *argv[] = { "prove", "-e", "cat", "-v", tap, NULL };
	const char *log = path_in("prove.log");
	struct prove_res r = { 0, -1, 0, 0, NULL };
	const char *p;

	r.rc = run(argv, log);
	r.out = slurp(log, NULL);
	p = strstr(r.out, "Files=1, Tests=");
	if (p)
		r.tests = strtol(p + strlen("Files=1, Tests="), NULL, 10);
	p = strstr(r.out, " Failed: ");
	if (p)
		r.failed = strtol(p + strlen(" Failed: "), NULL, 10);
	r.parse_errors = strstr(r.out, "Parse errors") != NULL ||
			 strstr(r.out, "YAMLish") != NULL;
	return r;
}

/* Lines of the file that a TAP parser takes as test lines. */
static long count_test_lines(const char *s, long *notok)
{
	long n = 0;
	const char *l = s;

	*notok = 0;
	while (l && *l) {
		if (!strncmp(l, "ok ", 3))
			n++;
		else if (!strncmp(l, "not ok ", 7)) {
			n++;
			(*notok)++;
		}
		l = strchr(l, '\n');
		if (l)
			l++;
	}
	return n;
}

static size_t count_str(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* Both reporters, fed the same events. */
struct both {
	struct reporter *j, *t;
	char xml[512], tap[512];
};

static void both_open(struct both *b, const char *stem)
{
	snprintf(b->xml, sizeof(b->xml), "%s/%s.xml", tmpdir, stem);
	snprintf(b->tap, sizeof(b->tap), "%s/%s.tap", tmpdir, stem);
	b->j = b->t = NULL;
	ck_assert_int_eq(report_junit_open(&b->j, b->xml), 0);
	ck_assert_int_eq(report_tap_open(&b->t, b->tap), 0);
}

static void both_begin(struct both *b, const char *name, const char *file)
{
	/* 2026-11-25T08:00:00Z */
	ck_assert_int_eq(report_suite_begin(b->j, name, file, (time_t)1795593600), 0);
	ck_assert_int_eq(report_suite_begin(b->t, name, file, (time_t)1795593600), 0);
}

static void both_case(struct both *b, const struct report_case *c)
{
	ck_assert_int_eq(report_case(b->j, c), 0);
	ck_assert_int_eq(report_case(b->t, c), 0);
}

static void both_end(struct both *b, double secs)
{
	ck_assert_int_eq(report_suite_end(b->j, secs), 0);
	ck_assert_int_eq(report_suite_end(b->t, secs), 0);
}

static void both_close(struct both *b)
{
	int err = -1;

	b->j = report_close(b->j, &err);
	ck_assert_int_eq(err, 0);
	err = -1;
	b->t = report_close(b->t, &err);
	ck_assert_int_eq(err, 0);
	ck_assert_ptr_null(b->j);
	ck_assert_ptr_null(b->t);
}

static void copy_example(const char *from, const char *name)
{
	const char *dir = getenv("REPORT_EXAMPLES_DIR");
	char to[512];
	size_t n;
	char *s;
	FILE *f;

	if (!dir || !*dir)
		return;
	snprintf(to, sizeof(to), "%s/%s", dir, name);
	s = slurp(from, &n);
	f = fopen(to, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", to);
	ck_assert_uint_eq(fwrite(s, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	free(s);
}

/* The four verdicts of one suite, as the runner would report them. */
static void feed_four(struct both *b)
{
	static struct check_result fail_checks[3], warn_checks[1];
	static const struct report_msg msgs[] = {
		{ "sent #1 (FOOBAR)", { req_foobar, sizeof(req_foobar) - 1 } },
		{ "received #1 (405)", { resp405, sizeof(resp405) - 1 } },
	};
	struct report_case c;

	memset(fail_checks, 0, sizeof(fail_checks));
	fail_checks[0].rule = &r_allow;
	fail_checks[0].outcome = CHECK_FAIL;
	snprintf(fail_checks[0].reason, sizeof(fail_checks[0].reason),
		 "405 has no Allow header field");
	fail_checks[0].evidence = (struct pl){ resp405, 30 };
	fail_checks[1].rule = &r_via;
	fail_checks[1].outcome = CHECK_PASS;
	fail_checks[2].rule = &r_contact;
	fail_checks[2].outcome = CHECK_WARN;
	snprintf(fail_checks[2].reason, sizeof(fail_checks[2].reason), "no Contact");
	memset(warn_checks, 0, sizeof(warn_checks));
	warn_checks[0].rule = &r_contact;
	warn_checks[0].outcome = CHECK_WARN;
	snprintf(warn_checks[0].reason, sizeof(warn_checks[0].reason),
		 "301 has no Contact header field");

	both_begin(b, "rfc3261_methods", "suites/rfc3261_methods.yaml");

	memset(&c, 0, sizeof(c));
	c.id = "options-200";
	c.classname = "rfc3261_methods";
	c.verdict = VERDICT_PASS;
	c.seconds = 0.0125;
	c.checks = warn_checks;
	c.nchecks = 1;
	c.notes = "waiver: Contact not required by this deployment";
	both_case(b, &c);

	memset(&c, 0, sizeof(c));
	c.id = "bogus-method-405";
	c.classname = "rfc3261_methods";
	c.verdict = VERDICT_FAIL;
	c.seconds = 1.5;
	c.message = "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6): 405 has no Allow";
	c.checks = fail_checks;
	c.nchecks = 3;
	c.msgs = msgs;
	c.nmsgs = 2;
	c.evidence_dir = "reports/run-1/bogus-method-405";
	both_case(b, &c);

	memset(&c, 0, sizeof(c));
	c.id = "redirect-301";
	c.classname = "rfc3261_methods";
	c.verdict = VERDICT_ERROR;
	c.seconds = 5;
	c.message = "sipp timed out after 5 s (no response)";
	c.msgs = msgs;
	c.nmsgs = 1;
	c.notes = "sipp stderr: 2026-11-25 Aborting call on unexpected message";
	both_case(b, &c);

	memset(&c, 0, sizeof(c));
	c.id = "unsupported-501";
	c.classname = "rfc3261_methods";
	c.verdict = VERDICT_SKIP;
	c.message = "scenario needs TCP";
	both_case(b, &c);

	both_end(b, 6.5125);
}

START_TEST(test_four_verdicts)
{
	struct both b;
	struct prove_res pr;
	long notok;
	char *x, *t;

	both_open(&b, "four");
	feed_four(&b);
	both_close(&b);
	copy_example(b.xml, "junit.xml");
	copy_example(b.tap, "results.tap");

	assert_junit_valid(b.xml);
	x = slurp(b.xml, NULL);
	ck_assert_ptr_nonnull(strstr(x, "<testsuites>"));
	ck_assert_ptr_nonnull(strstr(x, "name=\"rfc3261_methods\" tests=\"4\" failures=\"1\" "
				       "errors=\"1\" skipped=\"1\" time=\"6.513\" "
				       "timestamp=\"2026-11-25T08:00:00\""));
	ck_assert_ptr_nonnull(strstr(x, "id=\"0\" package=\"rfc3261_methods\""));
	ck_assert_ptr_nonnull(strstr(x, "<testcase name=\"bogus-method-405\" "
				       "classname=\"rfc3261_methods\" time=\"1.500\">"));
	ck_assert_ptr_nonnull(strstr(x, "<failure message=\"RFC3261-21.4.6-ALLOW-PRESENT "
				       "(RFC 3261 \xc2\xa7" "21.4.6): 405 has no Allow\" "
				       "type=\"RFC3261-21.4.6-ALLOW-PRESENT\">"));
	/* failure text: failing and warning checks with level, reason, evidence */
	ck_assert_ptr_nonnull(strstr(x, "FAIL RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 "
				       "\xc2\xa7" "21.4.6, MUST): 405 has no Allow header field\n"
				       "  evidence: SIP/2.0 405 Method Not Allowed"));
	ck_assert_ptr_nonnull(strstr(x, "WARN RFC3261-21.3.2-CONTACT-SHOULD"));
	ck_assert_ptr_null(strstr(x, "VIA-COPY"));       /* passing check: not listed */
	ck_assert_ptr_nonnull(strstr(x, "--- received #1 (405) ---\n"
				       "SIP/2.0 405 Method Not Allowed\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(x, "<error message=\"sipp timed out after 5 s (no response)\" "
				       "type=\"harness\">"));
	ck_assert_ptr_nonnull(strstr(x, "<skipped message=\"scenario needs TCP\"/>"));
	/* warning of the passing case and the notes: suite <system-out> */
	ck_assert_ptr_nonnull(strstr(x, "<system-out>[options-200] WARN RFC3261-21.3.2-CONTACT-SHOULD"));
	ck_assert_ptr_nonnull(strstr(x, "[redirect-301] notes:\nsipp stderr:"));
	ck_assert_ptr_nonnull(strstr(x, "<system-err/>"));
	ck_assert_ptr_nonnull(strstr(x, "<properties>"));
	free(x);
	ck_assert_int_ne(access(path_in("four.xml.tmp"), F_OK), 0);

	t = slurp(b.tap, NULL);
	ck_assert_int_eq(strncmp(t, "TAP version 13\n", 15), 0);
	ck_assert_ptr_nonnull(strstr(t, "\nok 1 - options-200\n  ---\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nnot ok 2 - bogus-method-405\n  ---\n  verdict: fail\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nnot ok 3 - redirect-301: error: sipp timed out"));
	ck_assert_ptr_nonnull(strstr(t, "\nok 4 - unsupported-501 # SKIP scenario needs TCP\n"));
	ck_assert_ptr_nonnull(strstr(t, "      text: |\n        SIP/2.0 405 Method Not Allowed\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(t, "    - id: 'RFC3261-21.4.6-ALLOW-PRESENT'\n"
				       "      section: '21.4.6'\n      level: MUST\n      outcome: fail\n"));
	ck_assert_ptr_nonnull(strstr(t, "  evidence_dir: 'reports/run-1/bogus-method-405'\n"));
	ck_assert_int_eq(count_test_lines(t, &notok), 4);
	ck_assert_int_eq(notok, 2);
	ck_assert_ptr_nonnull(strstr(t, "\n1..4\n"));
	ck_assert_uint_eq(strlen(strstr(t, "\n1..4\n")), 6);     /* plan last */
	free(t);

	pr = prove(b.tap);
	ck_assert_msg(!pr.parse_errors, "prove: %s", pr.out);
	ck_assert_int_eq(pr.tests, 4);
	ck_assert_int_eq(pr.failed, 2);
	ck_assert_int_ne(pr.rc, 0);
	ck_assert_ptr_nonnull(strstr(pr.out, "Failed tests:  2-3"));
	free(pr.out);
}
END_TEST

START_TEST(test_all_pass_prove)
{
	struct both b;
	struct report_case c;
	struct prove_res pr;
	char id[32];
	int i;

	both_open(&b, "pass");
	both_begin(&b, "smoke", NULL);
	for (i = 0; i < 5; i++) {
		memset(&c, 0, sizeof(c));
		snprintf(id, sizeof(id), "case-%d", i);
		c.id = id;
		c.verdict = VERDICT_PASS;
		c.seconds = i * 0.001;
		both_case(&b, &c);
	}
	both_end(&b, 0.01);
	both_close(&b);

	assert_junit_valid(b.xml);
	pr = prove(b.tap);
	ck_assert_msg(pr.rc == 0, "prove failed: %s", pr.out);
	ck_assert(!pr.parse_errors);
	ck_assert_int_eq(pr.tests, 5);
	ck_assert_ptr_nonnull(strstr(pr.out, "Result: PASS"));
	free(pr.out);
}
END_TEST

START_TEST(test_multi_suites)
{
	struct both b;
	struct report_case c;
	struct prove_res pr;
	char *x, *t;

	both_open(&b, "multi");
	both_begin(&b, "first", "suites/a.yaml");
	memset(&c, 0, sizeof(c));
	c.id = "a1";
	c.verdict = VERDICT_PASS;
	both_case(&b, &c);
	both_end(&b, 0.5);
	both_begin(&b, "second", "suites/b.yaml");
	c.id = "b1";
	c.verdict = VERDICT_FAIL;
	c.message = "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6): no Allow";
	both_case(&b, &c);
	c.id = "b2";
	c.verdict = VERDICT_PASS;
	c.message = NULL;
	both_case(&b, &c);
	both_end(&b, 1);
	both_close(&b);

	assert_junit_valid(b.xml);
	x = slurp(b.xml, NULL);
	ck_assert_uint_eq(count_str(x, "<testsuite "), 2);
	ck_assert_ptr_nonnull(strstr(x, "name=\"first\" tests=\"1\" failures=\"0\""));
	ck_assert_ptr_nonnull(strstr(x, "name=\"second\" tests=\"2\" failures=\"1\""));
	ck_assert_ptr_nonnull(strstr(x, "id=\"1\" package=\"second\""));
	/* no message from the checks: the failure type falls back */
	ck_assert_ptr_nonnull(strstr(x, "type=\"conformance\""));
	free(x);
	t = slurp(b.tap, NULL);
	ck_assert_ptr_nonnull(strstr(t, "# suite: first (suites/a.yaml)\nok 1 - a1\n"));
	ck_assert_ptr_nonnull(strstr(t, "# suite: second (suites/b.yaml)\nnot ok 2 - b1\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nok 3 - b2\n1..3\n"));
	free(t);
	pr = prove(b.tap);
	ck_assert(!pr.parse_errors);
	ck_assert_int_eq(pr.tests, 3);
	ck_assert_int_eq(pr.failed, 1);
	free(pr.out);
}
END_TEST

START_TEST(test_hostile)
{
	static struct check_result cr[2];
	static const struct rule r_evil = {
		.num = 99, .id = "RFC3261-<evil/>]]>\n1..9\nok 1 - forged # SKIP",
		.section = "1\x01\xff", .level = RULE_MUST, .warn_only = false,
		.scope = RULE_SCOPE_ANY, .header = "X", .text = "x"
	};
	const struct report_msg msgs[] = {
		{ "received #1 \x01<evil/>\n# SKIP", { hostile, sizeof(hostile) - 1 } },
		{ "", { hostile + 16, 3 } },            /* "X-N" */
		{ NULL, { NULL, 0 } },
		{ "crlf-only", { "\r\n", 2 } },
	};
	struct both b;
	struct report_case c;
	struct prove_res pr;
	long notok;
	char *x, *t;
	int i;

	memset(cr, 0, sizeof(cr));
	cr[0].rule = &r_evil;
	cr[0].outcome = CHECK_FAIL;
	memcpy(cr[0].reason, HOSTILE_LINE, sizeof(HOSTILE_LINE));
	cr[0].evidence = (struct pl){ hostile, sizeof(hostile) - 1 };
	cr[1].rule = &r_evil;
	cr[1].outcome = CHECK_WARN;
	/* reason filling the whole array, no NUL: must not be overread */
	memset(cr[1].reason, '#', sizeof(cr[1].reason));

	both_open(&b, "hostile");
	both_begin(&b, "evil\n1..9\x01<evil/>]]>", "\xff/suite\n# Bail out!.yaml");
	for (i = 0; i < 4; i++) {
		memset(&c, 0, sizeof(c));
		c.id = i == 0 ? "ok 1 - forged\nnot ok 2\n1..9\nBail out! # SKIP \\" :
		       i == 1 ? "\x01\x1b\x7f]]><evil/>\xc0\x80\xed\xa0\x80" :
		       i == 2 ? "" : "   ";
		c.classname = i == 2 ? "" : "cls\n<evil/>";
		c.verdict = (enum verdict)i;    /* pass, fail, error, skip */
		c.seconds = 0.001;
		c.message = i ? HOSTILE_LINE : NULL;
		c.checks = cr;
		c.nchecks = 2;
		c.msgs = msgs;
		c.nmsgs = 4;
		c.evidence_dir = "dir\n1..9\x01";
		c.notes = hostile + 1;
		both_case(&b, &c);
	}
	both_end(&b, NAN);
	both_close(&b);

	assert_junit_valid(b.xml);
	x = slurp(b.xml, NULL);
	ck_assert_ptr_null(strstr(x, "<evil/>"));
	ck_assert_ptr_null(strstr(x, "]]>"));
	ck_assert_ptr_nonnull(strstr(x, "&lt;evil/&gt;"));
	ck_assert_ptr_nonnull(strstr(x, "X-Nul: a\\x00b\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(x, "X-C0: \\x01\\x02\\x1b[31m\\x7f\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(x, "X-Bad-UTF8: \\xff\\xfe\\xc0\\x80\\xed\\xa0\\x80\\xf5\\x80\\xe2\\x82\\r\\n"));
	ck_assert_ptr_nonnull(strstr(x, "time=\"0.000\""));     /* NaN suite time */
	for (i = 1; i < 0x20; i++)
		if (i != '\n')
			ck_assert_msg(!memchr(x, i, strlen(x)), "raw control 0x%02x in XML", i);
	free(x);

	t = slurp(b.tap, NULL);
	ck_assert_int_eq(count_test_lines(t, &notok), 4);
	ck_assert_int_eq(notok, 2);
	ck_assert_ptr_nonnull(strstr(t, "\nok 1 - ok 1 - forged\\nnot ok 2\\n1..9\\nBail out! \\# SKIP \\\\\n"));
	ck_assert_ptr_nonnull(strstr(t, "\nok 4 - \\x20 \\x20 # SKIP x\\x01y\\x7f<evil/>]]>\\n1..9"));
	ck_assert_ptr_null(strstr(t, "\nBail out!"));
	ck_assert_ptr_null(strstr(t, "\n1..9"));
	ck_assert_ptr_null(strstr(t, "\n..."));
	for (i = 1; i < 0x20; i++)
		if (i != '\n')
			ck_assert_msg(!memchr(t, i, strlen(t)), "raw control 0x%02x in TAP", i);
	free(t);

	pr = prove(b.tap);
	ck_assert_msg(!pr.parse_errors, "prove: %s", pr.out);
	ck_assert_int_eq(pr.tests, 4);
	ck_assert_int_eq(pr.failed, 2);
	ck_assert_ptr_null(strstr(pr.out, "Bailout"));
	free(pr.out);
}
END_TEST

/* Times keep a dot under a comma-decimal locale. */
START_TEST(test_locale_times)
{
	static const char *const locs[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", NULL };
	struct both b;
	struct report_case c;
	char buf[32], probe[16];
	const char *got = NULL;
	char *x, *t;
	int i;

	for (i = 0; locs[i] && !got; i++)
		got = setlocale(LC_ALL, locs[i]);
	if (!got && access("/usr/share/i18n/locales/de_DE", R_OK) == 0) {
		/* Not installed: compile one into tmpdir (no root needed). */
		const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8",
				       path_in("de_DE.UTF-8"), NULL };

		int rc = run(argv, path_in("localedef.log"));

		if (rc == 0 || rc == 1) {       /* 1: compiled with warnings */
			setenv("LOCPATH", tmpdir, 1);
			got = setlocale(LC_ALL, "de_DE.UTF-8");
		}
	}
	if (!got) {
		printf("check_report: note: no comma-decimal locale available "
		       "(de_DE.UTF-8); locale assertion skipped\n");
		unsetenv("LOCPATH");
		return;
	}
	snprintf(probe, sizeof(probe), "%.1f", 1.5);
	ck_assert_msg(strcmp(probe, "1,5") == 0, "locale %s has no comma decimal", got);
	ck_assert_str_eq(repr_seconds(buf, 1.5), "1.500");

	both_open(&b, "locale");
	both_begin(&b, "loc", NULL);
	memset(&c, 0, sizeof(c));
	c.id = "t";
	c.verdict = VERDICT_FAIL;
	c.seconds = 1234.5678;
	both_case(&b, &c);
	both_end(&b, 2.25);
	both_close(&b);
	setlocale(LC_ALL, "C");
	unsetenv("LOCPATH");

	assert_junit_valid(b.xml);
	x = slurp(b.xml, NULL);
	ck_assert_ptr_nonnull(strstr(x, "time=\"1234.568\""));
	ck_assert_ptr_nonnull(strstr(x, "time=\"2.250\""));
	ck_assert_ptr_null(strstr(x, "1234,"));
	free(x);
	t = slurp(b.tap, NULL);
	ck_assert_ptr_nonnull(strstr(t, "  seconds: 1234.568\n"));
	free(t);
}
END_TEST

START_TEST(test_unwritable)
{
	struct reporter *r = NULL;
	char dir[512];
	int err;

	/* missing directory: fails at open, with the errno */
	ck_assert_int_eq(report_junit_open(&r, "/nonexistent-dir/x/junit.xml"), ENOENT);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(report_tap_open(&r, "/nonexistent-dir/x/results.tap"), ENOENT);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(report_junit_open(&r, ""), EINVAL);
	ck_assert_int_eq(report_tap_open(&r, NULL), EINVAL);

	/* a path that is a directory: the rename fails at close */
	snprintf(dir, sizeof(dir), "%s/adir", tmpdir);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(report_junit_open(&r, dir), 0);
	ck_assert_int_eq(report_suite_begin(r, "s", NULL, 0), 0);
	ck_assert_int_eq(report_suite_end(r, 0), 0);
	r = report_close(r, &err);
	ck_assert_int_ne(err, 0);
	ck_assert_int_ne(access(path_in("adir.tmp"), F_OK), 0);  /* cleaned up */

	/* a device that refuses writes: the error comes back from close */
	if (access("/dev/full", W_OK) == 0) {
		ck_assert_int_eq(report_tap_open(&r, "/dev/full"), 0);
		ck_assert_int_eq(report_suite_begin(r, "s", NULL, 0), 0);
		r = report_close(r, &err);
		ck_assert_int_eq(err, ENOSPC);
	}
}
END_TEST

START_TEST(test_misuse)
{
	struct reporter *r = NULL;
	struct report_case c;
	int err;

	memset(&c, 0, sizeof(c));
	c.id = "x";
	ck_assert_int_eq(report_junit_open(&r, path_in("m.xml")), 0);
	ck_assert_int_eq(report_case(r, &c), EINVAL);           /* no suite */
	ck_assert_int_eq(report_suite_end(r, 0), EINVAL);
	ck_assert_int_eq(report_case(r, NULL), EINVAL);
	c.verdict = (enum verdict)42;
	ck_assert_int_eq(report_suite_begin(r, NULL, NULL, 0), 0);
	ck_assert_int_eq(report_case(r, &c), EINVAL);
	c.verdict = VERDICT_PASS;
	ck_assert_int_eq(report_case(r, &c), 0);
	/* suite left open: closed with the sum of case times */
	r = report_close(r, &err);
	ck_assert_int_eq(err, 0);
	assert_junit_valid(path_in("m.xml"));
	ck_assert_ptr_null(report_close(NULL, &err));
	ck_assert_int_eq(err, 0);
}
END_TEST

/* PATH "-" writes to stdout (and does not close it). */
START_TEST(test_stdout)
{
	struct reporter *rt = NULL, *rj = NULL;
	struct report_case c;
	int saved, fd, err;
	char *out;

	fflush(stdout);
	saved = dup(1);
	ck_assert_int_ge(saved, 0);
	fd = open(path_in("stdout.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(dup2(fd, 1), 0);
	close(fd);

	memset(&c, 0, sizeof(c));
	c.id = "s1";
	c.verdict = VERDICT_PASS;
	ck_assert_int_eq(report_tap_open(&rt, "-"), 0);
	ck_assert_int_eq(report_suite_begin(rt, "std", NULL, 0), 0);
	ck_assert_int_eq(report_case(rt, &c), 0);
	ck_assert_int_eq(report_suite_end(rt, 0), 0);
	rt = report_close(rt, &err);
	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(report_junit_open(&rj, "-"), 0);
	ck_assert_int_eq(report_suite_begin(rj, "std", NULL, 0), 0);
	ck_assert_int_eq(report_case(rj, &c), 0);
	ck_assert_int_eq(report_suite_end(rj, 0), 0);
	rj = report_close(rj, &err);
	ck_assert_int_eq(err, 0);

	fflush(stdout);
	ck_assert_int_ge(dup2(saved, 1), 0);
	close(saved);
	out = slurp(path_in("stdout.txt"), NULL);
	ck_assert_ptr_nonnull(strstr(out, "TAP version 13\n# suite: std\nok 1 - s1\n1..1\n"));
	ck_assert_ptr_nonnull(strstr(out, "<testcase name=\"s1\" classname=\"std\" time=\"0.000\"/>"));
	ck_assert_ptr_nonnull(strstr(out, "timestamp=\"1970-01-01T00:00:00\""));
	free(out);
}
END_TEST

START_TEST(test_repr_core)
{
	static const struct {
		const char *in;
		size_t n;
		unsigned flags;
		const char *out;
	} v[] = {
		{ "abc", 3, 0, "abc" },
		{ "a\0b", 3, 0, "a\\x00b" },
		{ "\x01\x1f\x7f", 3, 0, "\\x01\\x1f\\x7f" },
		{ "a\r\nb\nc\rd\te", 10, 0, "a\\r\\nb\\nc\\rd\\te" },
		{ "a\r\nb\nc", 6, REPR_LINES, "a\\r\\n\nb\\n\nc" },
		{ "\\#", 2, 0, "\\\\#" },
		{ "a # SKIP", 8, REPR_TAP, "a \\# SKIP" },
		{ " a b ", 5, 0, "\\x20a b\\x20" },
		{ "\xc2\xa7\xe2\x82\xac\xf0\x9f\x98\x80", 9, 0, "\xc2\xa7\xe2\x82\xac\xf0\x9f\x98\x80" },
		{ "\xc0\x80", 2, 0, "\\xc0\\x80" },                    /* overlong NUL */
		{ "\xe0\x80\xaf", 3, 0, "\\xe0\\x80\\xaf" },            /* overlong '/' */
		{ "\xed\xa0\x80", 3, 0, "\\xed\\xa0\\x80" },            /* surrogate */
		{ "\xf4\x90\x80\x80", 4, 0, "\\xf4\\x90\\x80\\x80" },   /* > U+10FFFF */
		{ "\xe2\x82", 2, 0, "\\xe2\\x82" },                     /* cut */
		{ "\xff\xfe", 2, 0, "\\xff\\xfe" },
		{ "\xc2\x85\xe2\x80\xa8\xef\xbb\xbf\xef\xbf\xbe", 11, 0,
		  "\\xc2\\x85\\xe2\\x80\\xa8\\xef\\xbb\\xbf\\xef\\xbf\\xbe" },
		{ "]]><a/>", 7, 0, "]]><a/>" },
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char *s = repr_dup(v[i].in, v[i].n, v[i].flags);

		ck_assert_ptr_nonnull(s);
		ck_assert_msg(strcmp(s, v[i].out) == 0, "vector %zu: got '%s'", i, s);
		free(s);
	}
}
END_TEST

START_TEST(test_repr_seconds)
{
	char buf[32];

	ck_assert_str_eq(repr_seconds(buf, 0), "0.000");
	ck_assert_str_eq(repr_seconds(buf, 0.0004), "0.000");
	ck_assert_str_eq(repr_seconds(buf, 0.0005), "0.001");
	ck_assert_str_eq(repr_seconds(buf, 12.3456), "12.346");
	ck_assert_str_eq(repr_seconds(buf, 1.05), "1.050");
	ck_assert_str_eq(repr_seconds(buf, -3), "0.000");
	ck_assert_str_eq(repr_seconds(buf, NAN), "0.000");
	ck_assert_str_eq(repr_seconds(buf, INFINITY), "999999999.999");
	ck_assert_str_eq(repr_seconds(buf, 1e300), "999999999.999");
}
END_TEST

START_TEST(test_repr_limits)
{
	size_t n = REPR_MAX_IN + 1000;
	char *big = malloc(n), *s;
	struct repr r;

	ck_assert_ptr_nonnull(big);
	memset(big, 'A', n);
	s = repr_dup(big, n, 0);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(strlen(s), REPR_MAX_IN + strlen("...[1000 more bytes]"));
	ck_assert_str_eq(s + REPR_MAX_IN, "...[1000 more bytes]");
	free(s);
	free(big);

	/* empty and NULL inputs give "" */
	s = repr_dup(NULL, 5, 0);
	ck_assert_str_eq(s, "");
	free(s);
	s = repr_dups(NULL, 0);
	ck_assert_str_eq(s, "");
	free(s);
	repr_init(&r);
	ck_assert_int_eq(repr_cats(&r, "x\n", REPR_LINES), 0);
	ck_assert_uint_eq(r.len, 4);
	repr_reset(&r);
	ck_assert_ptr_null(r.s);
}
END_TEST

/* A big message: still valid, rendering bounded. */
START_TEST(test_big_message)
{
	size_t n = REPR_MAX_IN * 2;
	char *big = malloc(n);
	struct report_msg m;
	struct report_case c;
	struct both b;
	struct prove_res pr;
	size_t i, xn;
	char *x;

	ck_assert_ptr_nonnull(big);
	for (i = 0; i < n; i++)
		big[i] = (i % 64 == 63) ? '\n' : (char)('a' + i % 26);
	m.label = "received #1";
	m.bytes = (struct pl){ big, n };
	memset(&c, 0, sizeof(c));
	c.id = "big";
	c.verdict = VERDICT_FAIL;
	c.msgs = &m;
	c.nmsgs = 1;
	both_open(&b, "big");
	both_begin(&b, "big", NULL);
	both_case(&b, &c);
	both_end(&b, 1);
	both_close(&b);
	free(big);
	assert_junit_valid(b.xml);
	x = slurp(b.xml, &xn);
	ck_assert_uint_lt(xn, 3 * REPR_MAX_IN);
	ck_assert_ptr_nonnull(strstr(x, "more bytes]"));
	free(x);
	pr = prove(b.tap);
	ck_assert_msg(!pr.parse_errors, "prove: %.2000s", pr.out);
	ck_assert_int_eq(pr.tests, 1);
	free(pr.out);
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_checked_fixture(core, setup, teardown);
	tcase_add_checked_fixture(lim, setup, teardown);
	tcase_set_timeout(core, 60);
	tcase_set_timeout(lim, 60);
	tcase_add_test(core, test_four_verdicts);
	tcase_add_test(core, test_all_pass_prove);
	tcase_add_test(core, test_multi_suites);
	tcase_add_test(core, test_locale_times);
	tcase_add_test(core, test_stdout);
	tcase_add_test(core, test_repr_core);
	tcase_add_test(core, test_repr_seconds);
	tcase_add_test(lim, test_hostile);
	tcase_add_test(lim, test_unwritable);
	tcase_add_test(lim, test_misuse);
	tcase_add_test(lim, test_repr_limits);
	tcase_add_test(lim, test_big_message);
	suite_add_tcase(s, core);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_report", report_suite, NULL, NULL };
