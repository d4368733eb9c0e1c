/*
 * check_json.c - the JSON result reporter (report/json.c).
 *
 * Reports are written to real files in a scratch directory, read back
 * with jansson's strict parser (it refuses invalid UTF-8 and a document
 * with trailing garbage) and validated against the schema in the repo
 * (reports/sipconform-result.schema.json) by Debian's python3-jsonschema.
 * check_tap.c and check_junit.c feed the other reporters the same events
 * (tests/treport.c).
 *
 * CHECK_KEEP=1 keeps the scratch directories.
 */
#include "tmain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/repr.h"
#include "report/report.h"
#include "tdir.h"
#include "treport.h"

/* The document at path, validated against the schema; the caller json_decref()s it. */
static json_t *load(const char *path)
{
	char schema[1024];
	const char *argv[] = { "/usr/bin/python3", "-c",
		"import json, sys, jsonschema\n"
		"s = json.load(open(sys.argv[1]))\n"
		"jsonschema.Draft202012Validator.check_schema(s)\n"
		"d = json.load(open(sys.argv[2], encoding='utf-8'))\n"
		"errs = list(jsonschema.Draft202012Validator(s).iter_errors(d))\n"
		"for e in errs[:5]: print(e.json_path, e.message[:300])\n"
		"sys.exit(1 if errs else 0)\n",
		schema, path, NULL };
	json_error_t e;
	json_t *d;
	char *log;
	int rc;

	tmain_src(schema, sizeof(schema), "reports/sipconform-result.schema.json");
	rc = tdir_run(argv, tdir_path("jsonschema.log"));
	log = tdir_slurp(tdir_path("jsonschema.log"), NULL);
	ck_assert_msg(rc == 0, "%s does not validate: %s", path, log);
	free(log);
	d = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	ck_assert_msg(d != NULL, "%s: line %d: %s", path, e.line, e.text);
	return d;
}

/* The value at a dotted path of keys and indices: "tests.1.checks.0.id". */
static json_t *at(json_t *v, const char *path)
{
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (tok = strtok_r(buf, ".", &save); tok && v; tok = strtok_r(NULL, ".", &save)) {
		char *end;
		long i = strtol(tok, &end, 10);

		v = *end == '\0' && end != tok ? json_array_get(v, (size_t)i) : json_object_get(v, tok);
	}
	ck_assert_msg(v != NULL, "no %s", path);
	return v;
}

static const char *str(json_t *d, const char *path)
{
	json_t *v = at(d, path);

	ck_assert_msg(json_is_string(v), "%s is not a string", path);
	return json_string_value(v);
}

static long long num(json_t *d, const char *path)
{
	json_t *v = at(d, path);

	ck_assert_msg(json_is_integer(v), "%s is not an integer", path);
	return json_integer_value(v);
}

static double real(json_t *d, const char *path)
{
	json_t *v = at(d, path);

	ck_assert_msg(json_is_number(v), "%s is not a number", path);
	return json_number_value(v);
}

static void is_null(json_t *d, const char *path)
{
	ck_assert_msg(json_is_null(at(d, path)), "%s is not null", path);
}

static size_t len(json_t *d, const char *path)
{
	json_t *v = at(d, path);

	ck_assert_msg(json_is_array(v), "%s is not an array", path);
	return json_array_size(v);
}

START_TEST(test_four_verdicts)
{
	char path[512];
	struct reporter *r = treport_open(report_json_open, "r.json", path, sizeof(path));
	json_t *d;

	treport_feed_four(r);
	treport_close(&r);
	d = load(path);
	ck_assert_str_eq(str(d, "format"), "sipconform-result");
	ck_assert_int_eq(num(d, "format_version"), 1);
	ck_assert_str_eq(str(d, "tool.name"), "sipconform");
	ck_assert_str_eq(str(d, "tool.version"), SIPCONFORM_VERSION);
	/* No run_info: what is not known is null, the options their defaults. */
	is_null(d, "sipp.path");
	is_null(d, "sipp.version");
	is_null(d, "sipp.tls");
	is_null(d, "run.argv");
	is_null(d, "run.stopped");
	is_null(d, "run.cut");
	ck_assert(json_is_false(at(d, "run.options.strict")));
	ck_assert(json_is_false(at(d, "run.options.auth")));
	is_null(d, "run.options.waivers");
	is_null(d, "run.options.tls_verify");
	ck_assert_str_eq(str(d, "run.started"), "2026-11-25T08:00:00Z");

	ck_assert_uint_eq(len(d, "suites"), 1);
	ck_assert_int_eq(num(d, "suites.0.index"), 0);
	ck_assert_str_eq(str(d, "suites.0.name"), "rfc3261_methods");
	ck_assert_str_eq(str(d, "suites.0.file"), "suites/rfc3261_methods.yaml");
	ck_assert_str_eq(str(d, "suites.0.started"), "2026-11-25T08:00:00Z");
	is_null(d, "suites.0.target");
	ck_assert_double_eq_tol(real(d, "suites.0.duration_s"), 6.5125, 0.0006);
	ck_assert_int_eq(num(d, "suites.0.tests"), 4);
	ck_assert_int_eq(num(d, "suites.0.passed"), 1);
	ck_assert_int_eq(num(d, "suites.0.failed"), 1);
	ck_assert_int_eq(num(d, "suites.0.errors"), 1);
	ck_assert_int_eq(num(d, "suites.0.skipped"), 1);
	ck_assert_int_eq(num(d, "suites.0.inconclusive"), 0);

	ck_assert_uint_eq(len(d, "tests"), 4);
	/* A pass with a warning: its checks are listed, its notes kept. */
	ck_assert_str_eq(str(d, "tests.0.suite"), "rfc3261_methods");
	ck_assert_int_eq(num(d, "tests.0.suite_index"), 0);
	ck_assert_str_eq(str(d, "tests.0.id"), "options-200");
	ck_assert_str_eq(str(d, "tests.0.verdict"), "pass");
	is_null(d, "tests.0.message");
	ck_assert_double_eq_tol(real(d, "tests.0.duration_s"), 0.0125, 0.0006);
	is_null(d, "tests.0.evidence_dir");
	ck_assert_str_eq(str(d, "tests.0.notes"), "waiver: Contact not required by this deployment");
	is_null(d, "tests.0.cut");
	ck_assert_uint_eq(len(d, "tests.0.checks"), 1);
	ck_assert_str_eq(str(d, "tests.0.checks.0.id"), "RFC3261-21.3.2-CONTACT-SHOULD");
	ck_assert_str_eq(str(d, "tests.0.checks.0.section"), "21.3.2");
	ck_assert_str_eq(str(d, "tests.0.checks.0.level"), "SHOULD");
	ck_assert_str_eq(str(d, "tests.0.checks.0.header"), "Contact");
	ck_assert_str_eq(str(d, "tests.0.checks.0.requirement"), "The response SHOULD contain a Contact");
	ck_assert_str_eq(str(d, "tests.0.checks.0.outcome"), "warn");
	ck_assert_str_eq(str(d, "tests.0.checks.0.reason"), "301 has no Contact header field");
	is_null(d, "tests.0.checks.0.evidence");
	ck_assert_int_eq(num(d, "tests.0.checks_total.warn"), 1);
	ck_assert_int_eq(num(d, "tests.0.checks_total.pass"), 0);
	ck_assert_uint_eq(len(d, "tests.0.messages"), 0);
	ck_assert_int_eq(num(d, "tests.0.messages_total"), 0);

	/* The failure: every check, the evidence pointer, both messages. */
	ck_assert_str_eq(str(d, "tests.1.id"), "bogus-method-405");
	ck_assert_str_eq(str(d, "tests.1.verdict"), "fail");
	ck_assert_str_eq(str(d, "tests.1.message"),
			 "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6): 405 has no Allow");
	ck_assert_double_eq_tol(real(d, "tests.1.duration_s"), 1.5, 1e-9);
	ck_assert_str_eq(str(d, "tests.1.evidence_dir"), "reports/run-1/bogus-method-405");
	ck_assert_uint_eq(len(d, "tests.1.checks"), 3);
	ck_assert_str_eq(str(d, "tests.1.checks.0.id"), "RFC3261-21.4.6-ALLOW-PRESENT");
	ck_assert_str_eq(str(d, "tests.1.checks.0.level"), "MUST");
	ck_assert_str_eq(str(d, "tests.1.checks.0.outcome"), "fail");
	ck_assert_str_eq(str(d, "tests.1.checks.0.reason"), "405 has no Allow header field");
	ck_assert_int_eq(num(d, "tests.1.checks.0.evidence.message"), 1);
	ck_assert_str_eq(str(d, "tests.1.checks.0.evidence.label"), "received #1 (405)");
	ck_assert_int_eq(num(d, "tests.1.checks.0.evidence.offset"), 0);
	ck_assert_int_eq(num(d, "tests.1.checks.0.evidence.line"), 1);
	ck_assert_int_eq(num(d, "tests.1.checks.0.evidence.column"), 1);
	ck_assert_int_eq(num(d, "tests.1.checks.0.evidence.length"), 30);
	ck_assert_str_eq(str(d, "tests.1.checks.0.evidence.text"), "SIP/2.0 405 Method Not Allowed");
	ck_assert_str_eq(str(d, "tests.1.checks.1.outcome"), "pass");
	ck_assert_str_eq(str(d, "tests.1.checks.1.reason"), "");
	is_null(d, "tests.1.checks.1.evidence");
	ck_assert_str_eq(str(d, "tests.1.checks.2.outcome"), "warn");
	ck_assert_int_eq(num(d, "tests.1.checks_total.fail"), 1);
	ck_assert_int_eq(num(d, "tests.1.checks_total.pass"), 1);
	ck_assert_int_eq(num(d, "tests.1.checks_total.warn"), 1);
	ck_assert_int_eq(num(d, "tests.1.checks_total.na"), 0);
	ck_assert_uint_eq(len(d, "tests.1.messages"), 2);
	ck_assert_int_eq(num(d, "tests.1.messages_total"), 2);
	ck_assert_int_eq(num(d, "tests.1.messages.0.index"), 0);
	ck_assert_str_eq(str(d, "tests.1.messages.0.label"), "sent #1 (FOOBAR)");
	ck_assert_str_eq(str(d, "tests.1.messages.0.direction"), "sent");
	ck_assert_str_eq(str(d, "tests.1.messages.1.direction"), "received");
	ck_assert_int_eq(num(d, "tests.1.messages.1.index"), 1);
	ck_assert_int_eq(num(d, "tests.1.messages.1.length"), (long long)treport_resp405_len);
	ck_assert_int_eq(num(d, "tests.1.messages.1.quoted"), (long long)treport_resp405_len);
	/* Readable line by line, as in TAP and JUnit: \r\n escaped, then a real newline. */
	ck_assert_str_eq(str(d, "tests.1.messages.1.text"),
			 "SIP/2.0 405 Method Not Allowed\\r\\n\n"
			 "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\\r\\n\n"
			 "Content-Length: 0\\r\\n\n"
			 "\\r\\n\n");
	/* The error and the skip. */
	ck_assert_str_eq(str(d, "tests.2.verdict"), "error");
	ck_assert_str_eq(str(d, "tests.2.message"), "sipp timed out after 5 s (no response)");
	ck_assert_uint_eq(len(d, "tests.2.messages"), 1);
	ck_assert_int_eq(num(d, "tests.2.messages_total"), 1);
	ck_assert_str_eq(str(d, "tests.3.verdict"), "skip");
	ck_assert_str_eq(str(d, "tests.3.message"), "scenario needs TCP");
	ck_assert_uint_eq(len(d, "tests.3.checks"), 0);

	ck_assert_int_eq(num(d, "totals.tests"), 4);
	ck_assert_int_eq(num(d, "totals.passed"), 1);
	ck_assert_int_eq(num(d, "totals.failed"), 1);
	ck_assert_int_eq(num(d, "totals.errors"), 1);
	ck_assert_int_eq(num(d, "totals.skipped"), 1);
	ck_assert_int_eq(num(d, "totals.inconclusive"), 0);
	json_decref(d);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
}
END_TEST

START_TEST(test_run_info_target)
{
	static const char *const argv[] = { "sipconform", "run", "a\x01.yaml", "--json", "-", NULL };
	struct report_run info = {
		.tool_version = "9.9.9", .sipp_path = "/usr/bin/sipp", .sipp_version = "3.6.1",
		.tls_via = "stunnel 5.68", .tls_verify = "off (--tls-insecure)",
		.waivers = "w.yaml", .strict = true, .auth = true,
		.started = (time_t)1795593600, .argv = argv,
	};
	struct report_target t = { "sut.example", 5061, "192.0.2.7", "tls" };
	char path[512];
	struct reporter *r = treport_open(report_json_open, "r.json", path, sizeof(path));
	json_t *d;

	ck_assert_int_eq(report_run_info(r, &info), 0);
	treport_begin(r, "s", "s.yaml");
	ck_assert_int_eq(report_suite_target(r, &t), 0);
	treport_end(r, 0.25);
	treport_close(&r);
	d = load(path);
	ck_assert_str_eq(str(d, "tool.version"), "9.9.9");
	ck_assert_str_eq(str(d, "sipp.path"), "/usr/bin/sipp");
	ck_assert_str_eq(str(d, "sipp.version"), "3.6.1");
	ck_assert_str_eq(str(d, "sipp.tls"), "stunnel 5.68");
	ck_assert_str_eq(str(d, "run.started"), "2026-11-25T08:00:00Z");
	ck_assert(real(d, "run.duration_s") >= 0);
	ck_assert_uint_eq(len(d, "run.argv"), 5);
	ck_assert_str_eq(str(d, "run.argv.2"), "a\\x01.yaml");
	ck_assert_str_eq(str(d, "run.argv.4"), "-");
	ck_assert(json_is_true(at(d, "run.options.strict")));
	ck_assert(json_is_true(at(d, "run.options.auth")));
	ck_assert_str_eq(str(d, "run.options.waivers"), "w.yaml");
	ck_assert_str_eq(str(d, "run.options.tls_verify"), "off (--tls-insecure)");
	ck_assert_str_eq(str(d, "suites.0.target.host"), "sut.example");
	ck_assert_int_eq(num(d, "suites.0.target.port"), 5061);
	ck_assert_str_eq(str(d, "suites.0.target.address"), "192.0.2.7");
	ck_assert_str_eq(str(d, "suites.0.target.transport"), "tls");
	ck_assert_double_eq_tol(real(d, "suites.0.duration_s"), 0.25, 1e-9);
	ck_assert_int_eq(num(d, "suites.0.tests"), 0);
	ck_assert_uint_eq(len(d, "tests"), 0);
	ck_assert_int_eq(num(d, "totals.tests"), 0);
	json_decref(d);
}
END_TEST

/* Evidence pointers: a row inside a message, a message without a slice, a slice in no message. */
START_TEST(test_evidence_pointer)
{
	static const struct report_msg msgs[] = {
		{ "sent #1 (FOOBAR, UDP)", { "FOOBAR sip:x SIP/2.0\r\n\r\n", 24 } },
		{ "probe OPTIONS: received #2 (405, UDP)", { treport_resp405, 0 } },
		{ "strange label", { "zz", 2 } },
	};
	struct report_msg m[3];
	struct check_result cr[4];
	struct report_case c;
	const char *via = strstr(treport_resp405, "Via:");
	char path[512];
	struct reporter *r = treport_open(report_json_open, "r.json", path, sizeof(path));
	json_t *d;

	memcpy(m, msgs, sizeof(m));
	m[1].bytes.l = treport_resp405_len;
	memset(cr, 0, sizeof(cr));
	cr[0].rule = &treport_r_via;
	cr[0].outcome = CHECK_FAIL;
	cr[0].evidence = (struct pl){ via + 5, 7 };     /* "SIP/2.0" of the Via row */
	cr[0].msg = m[1].bytes;
	cr[1].rule = &treport_r_allow;
	cr[1].outcome = CHECK_PASS;
	cr[1].msg = m[1].bytes;                         /* the whole message, no slice */
	cr[2].rule = &treport_r_contact;
	cr[2].outcome = CHECK_NA;
	cr[2].evidence = (struct pl){ "elsewhere", 9 }; /* in no message of the test */
	cr[3].rule = &treport_r_allow;
	cr[3].outcome = CHECK_PASS;
	cr[3].evidence = (struct pl){ m[0].bytes.p + 7, 5 };  /* no msg: found by its bytes */
	memset(&c, 0, sizeof(c));
	c.id = "ev";
	c.classname = "s";
	c.verdict = VERDICT_FAIL;
	c.checks = cr;
	c.nchecks = 4;
	c.msgs = m;
	c.nmsgs = 3;
	treport_begin(r, "s", NULL);
	treport_case(r, &c);
	treport_end(r, 1);
	treport_close(&r);
	d = load(path);
	ck_assert_int_eq(num(d, "tests.0.checks.0.evidence.message"), 1);
	ck_assert_str_eq(str(d, "tests.0.checks.0.evidence.label"), "probe OPTIONS: received #2 (405, UDP)");
	ck_assert_int_eq(num(d, "tests.0.checks.0.evidence.offset"), via + 5 - treport_resp405);
	ck_assert_int_eq(num(d, "tests.0.checks.0.evidence.line"), 2);
	ck_assert_int_eq(num(d, "tests.0.checks.0.evidence.column"), 6);
	ck_assert_int_eq(num(d, "tests.0.checks.0.evidence.length"), 7);
	ck_assert_str_eq(str(d, "tests.0.checks.0.evidence.text"), "SIP/2.0");
	ck_assert_int_eq(num(d, "tests.0.checks.1.evidence.message"), 1);
	is_null(d, "tests.0.checks.1.evidence.offset");
	is_null(d, "tests.0.checks.1.evidence.line");
	ck_assert_int_eq(num(d, "tests.0.checks.1.evidence.length"), 0);
	ck_assert_str_eq(str(d, "tests.0.checks.1.evidence.text"), "");
	is_null(d, "tests.0.checks.2.evidence.message");
	is_null(d, "tests.0.checks.2.evidence.label");
	is_null(d, "tests.0.checks.2.evidence.offset");
	ck_assert_str_eq(str(d, "tests.0.checks.2.evidence.text"), "elsewhere");
	ck_assert_int_eq(num(d, "tests.0.checks.3.evidence.message"), 0);
	ck_assert_int_eq(num(d, "tests.0.checks.3.evidence.offset"), 7);
	ck_assert_str_eq(str(d, "tests.0.checks.3.evidence.text"), "sip:x");
	ck_assert_str_eq(str(d, "tests.0.messages.0.direction"), "sent");
	ck_assert_str_eq(str(d, "tests.0.messages.1.direction"), "received");
	is_null(d, "tests.0.messages.2.direction");
	json_decref(d);
}
END_TEST

/* Whatever a SUT or a suite sends: valid UTF-8, visible escapes, no way out of a <script>. */
START_TEST(test_hostile)
{
	static const char script[] = "</script><script>alert(1)</script><!-- \xe2\x80\xa8";
	static const struct report_msg msg = { "received #1 </script>", { script, sizeof(script) - 1 } };
	struct check_result cr;
	struct report_case c;
	char path[512], *raw;
	size_t n, i;
	struct reporter *r = treport_open(report_json_open, "h.json", path, sizeof(path));
	json_t *d;

	treport_feed_hostile(r);
	memset(&cr, 0, sizeof(cr));
	cr.rule = &treport_r_allow;
	cr.outcome = CHECK_FAIL;
	snprintf(cr.reason, sizeof(cr.reason), "%s", script);
	cr.evidence = msg.bytes;
	memset(&c, 0, sizeof(c));
	c.id = "</script>";
	c.classname = "x";
	c.verdict = VERDICT_FAIL;
	c.message = script;
	c.checks = &cr;
	c.nchecks = 1;
	c.msgs = &msg;
	c.nmsgs = 1;
	treport_begin(r, "</script>", NULL);
	treport_case(r, &c);
	treport_end(r, 1);
	treport_close(&r);

	raw = tdir_slurp(path, &n);
	ck_assert_uint_eq(strlen(raw), n);              /* no NUL */
	for (i = 0; i < n; i++)
		ck_assert_msg((unsigned char)raw[i] >= 0x20 || raw[i] == '\n',
			      "raw control 0x%02x at %zu", (unsigned char)raw[i], i);
	ck_assert_ptr_null(strstr(raw, "</"));
	ck_assert_ptr_null(strstr(raw, "<!"));
	ck_assert_ptr_nonnull(strstr(raw, "\"id\":\"<\\/script>\""));
	free(raw);

	d = load(path);         /* jansson refuses invalid UTF-8 */
	ck_assert_uint_eq(len(d, "tests"), 5);
	ck_assert_str_eq(str(d, "suites.0.name"), "evil\\n1..9\\x01<evil/>]]>");
	ck_assert_str_eq(str(d, "suites.0.file"), "\\xff/suite\\n# Bail out!.yaml");
	ck_assert_str_eq(str(d, "tests.0.id"), "ok 1 - forged\\nnot ok 2\\n1..9\\nBail out! # SKIP \\\\");
	ck_assert_str_eq(str(d, "tests.1.id"), "\\x01\\x1b\\x7f]]><evil/>\\xc0\\x80\\xed\\xa0\\x80");
	ck_assert_str_eq(str(d, "tests.2.id"), "");
	ck_assert_str_eq(str(d, "tests.3.id"), "\\x20 \\x20");
	ck_assert_str_eq(str(d, "tests.1.suite"), "cls\\n<evil/>");
	ck_assert_str_eq(str(d, "tests.1.evidence_dir"), "dir\\n1..9\\x01");
	ck_assert_str_eq(str(d, "tests.1.checks.0.id"), "RFC3261-<evil/>]]>\\n1..9\\nok 1 - forged # SKIP");
	ck_assert_str_eq(str(d, "tests.1.checks.0.section"), "1\\x01\\xff");
	ck_assert_str_eq(str(d, "tests.1.checks.0.reason"),
			 "x\\x01y\\x7f<evil/>]]>\\n1..9\\nBail out!\\nok 1 - forged # SKIP \\\\ \\xff\\xc3");
	/* A reason filling its whole array (no NUL) is read to its end, not past it. */
	ck_assert_uint_eq(strlen(str(d, "tests.1.checks.1.reason")), sizeof(cr.reason));
	/* NUL, C0, DEL, invalid UTF-8, U+2028, U+FEFF in a message: visible escapes. */
	{
		const char *t = str(d, "tests.1.messages.0.text");

		ck_assert_ptr_nonnull(strstr(t, "X-Nul: a\\x00b\\r\\n\n"));
		ck_assert_ptr_nonnull(strstr(t, "X-C0: \\x01\\x02\\x1b[31m\\x7f\\r\\n\n"));
		ck_assert_ptr_nonnull(strstr(t, "X-Bad-UTF8: \\xff\\xfe\\xc0\\x80\\xed\\xa0\\x80\\xf5\\x80\\xe2\\x82\\r\\n\n"));
		ck_assert_ptr_nonnull(strstr(t, "X-Sep: \\xe2\\x80\\xa8\\xc2\\x85\\xef\\xbb\\xbf\\r\\n\n"));
		ck_assert_ptr_nonnull(strstr(t, "\\\\x00 literal backslash\\r"));
	}
	ck_assert_str_eq(str(d, "tests.1.checks.0.evidence.label"), "received #1 \\x01<evil/>\\n# SKIP");
	ck_assert_int_eq(num(d, "tests.1.checks.0.evidence.message"), 0);
	is_null(d, "tests.1.messages.2.label");
	is_null(d, "tests.1.messages.2.direction");
	ck_assert_str_eq(str(d, "tests.1.messages.2.text"), "");
	ck_assert_double_eq_tol(real(d, "suites.0.duration_s"), 0, 1e-9);       /* NAN */
	/* "</script>" decodes back to itself: the escape is JSON's, not a change. */
	ck_assert_str_eq(str(d, "tests.4.id"), "</script>");
	ck_assert_str_eq(str(d, "suites.1.name"), "</script>");
	ck_assert_str_eq(str(d, "tests.4.message"),
			 "</script><script>alert(1)</script><!-- \\xe2\\x80\\xa8");
	ck_assert_str_eq(str(d, "tests.4.checks.0.evidence.text"), str(d, "tests.4.message"));
	ck_assert_str_eq(str(d, "tests.4.messages.0.label"), "received #1 </script>");
	ck_assert_int_eq(num(d, "totals.tests"), 5);
	ck_assert_int_eq(num(d, "totals.failed"), 2);
	ck_assert_int_eq(num(d, "totals.passed"), 1);
	ck_assert_int_eq(num(d, "totals.errors"), 1);
	ck_assert_int_eq(num(d, "totals.skipped"), 1);
	json_decref(d);
}
END_TEST

/* One huge message: 4 KiB quoted, the length and the cut said. */
START_TEST(test_big_message)
{
	char path[512];
	struct reporter *r = treport_open(report_json_open, "big.json", path, sizeof(path));
	char *big = treport_feed_big(r);
	json_t *d;

	treport_close(&r);
	free(big);
	d = load(path);
	ck_assert_int_eq(num(d, "tests.0.messages.0.length"), 2 * (long long)REPR_MAX_IN);
	ck_assert_int_eq(num(d, "tests.0.messages.0.quoted"), REPORT_MSG_BYTES);
	ck_assert_int_eq(num(d, "tests.0.cut.messages_quoted_in_part"), 1);
	ck_assert_int_eq(num(d, "tests.0.cut.bytes_not_quoted"),
			 2 * (long long)REPR_MAX_IN - REPORT_MSG_BYTES);
	ck_assert_ptr_nonnull(strstr(str(d, "tests.0.cut.text"), "1 quoted in part"));
	ck_assert_int_eq(num(d, "run.cut.messages_quoted_in_part"), 1);
	/* 4096 bytes, one line of 63 letters and an escaped LF every 64 */
	ck_assert_uint_eq(strlen(str(d, "tests.0.messages.0.text")),
			  REPORT_MSG_BYTES + REPORT_MSG_BYTES / 64 * 2);
	json_decref(d);
}
END_TEST

/*
 * Floods: 32 messages a test (the first 24, the last 8), 128 KiB a test,
 * 8 MiB a report; what is left out is counted per test and in all.
 */
START_TEST(test_bounds)
{
	char path[512], id[16];
	struct reporter *r = treport_open(report_json_open, "flood.json", path, sizeof(path));
	unsigned long long quoted = 0, notq = 0;
	size_t i, k, n;
	json_t *d;

	treport_begin(r, "s", NULL);
	treport_feed_flood(r, "small", 100, 100);
	for (i = 0; i < 70; i++) {
		snprintf(id, sizeof(id), "big-%zu", i);
		treport_feed_flood(r, id, 40, 8000);
	}
	treport_end(r, 1);
	treport_close(&r);
	d = load(path);
	ck_assert_uint_eq(len(d, "tests"), 71);
	ck_assert_uint_eq(len(d, "tests.0.messages"), REPORT_CASE_MSGS);
	ck_assert_int_eq(num(d, "tests.0.messages_total"), 100);
	ck_assert_int_eq(num(d, "tests.0.messages.23.index"), 23);
	ck_assert_int_eq(num(d, "tests.0.messages.24.index"), 92);
	ck_assert_int_eq(num(d, "tests.0.messages.31.index"), 99);
	ck_assert_int_eq(num(d, "tests.0.cut.messages_not_listed"), 68);
	ck_assert_int_eq(num(d, "tests.0.cut.bytes_not_quoted"), 6800);
	for (i = 0; i < 71; i++) {
		char p[64];
		unsigned long long tq = 0;

		snprintf(p, sizeof(p), "tests.%zu.messages", i);
		n = len(d, p);
		for (k = 0; k < n; k++) {
			snprintf(p, sizeof(p), "tests.%zu.messages.%zu.quoted", i, k);
			ck_assert_int_le(num(d, p), REPORT_MSG_BYTES);
			tq += (unsigned long long)num(d, p);
		}
		ck_assert_uint_le(tq, REPORT_CASE_BYTES);
		quoted += tq;
		snprintf(p, sizeof(p), "tests.%zu.cut", i);
		if (!json_is_null(at(d, p))) {
			snprintf(p, sizeof(p), "tests.%zu.cut.bytes_not_quoted", i);
			notq += (unsigned long long)num(d, p);
		}
	}
	/* 100 * 100 + 70 * 40 * 8000 bytes offered; 8 MiB at most quoted. */
	ck_assert_uint_le(quoted, REPORT_TOTAL_BYTES);
	ck_assert_uint_eq(quoted + notq, 100ull * 100 + 70ull * 40 * 8000);
	ck_assert_uint_eq((unsigned long long)num(d, "run.cut.bytes_not_quoted"), notq);
	ck_assert_uint_eq(len(d, "tests.70.messages"), 32);
	ck_assert_int_eq(num(d, "tests.70.messages.0.quoted"), 0);     /* the report's budget is spent */
	json_decref(d);
}
END_TEST

/* More checks than the bound: failing ones first, all of them counted. */
START_TEST(test_many_checks)
{
	static struct check_result cr[100];
	struct report_case c;
	char path[512];
	struct reporter *r = treport_open(report_json_open, "c.json", path, sizeof(path));
	json_t *d;
	size_t i;

	memset(cr, 0, sizeof(cr));
	for (i = 0; i < 100; i++) {
		cr[i].rule = &treport_r_via;
		cr[i].outcome = i % 10 == 9 ? CHECK_FAIL : i % 2 ? CHECK_NA : CHECK_PASS;
		snprintf(cr[i].reason, sizeof(cr[i].reason), "check %zu", i);
	}
	memset(&c, 0, sizeof(c));
	c.id = "many";
	c.verdict = VERDICT_FAIL;
	c.checks = cr;
	c.nchecks = 100;
	treport_begin(r, "s", NULL);
	treport_case(r, &c);
	treport_end(r, 1);
	treport_close(&r);
	d = load(path);
	ck_assert_uint_eq(len(d, "tests.0.checks"), REPORT_CASE_CHECKS);
	ck_assert_str_eq(str(d, "tests.0.checks.0.reason"), "check 0");   /* report order */
	ck_assert_int_eq(num(d, "tests.0.checks_total.fail"), 10);
	ck_assert_int_eq(num(d, "tests.0.checks_total.pass"), 50);
	ck_assert_int_eq(num(d, "tests.0.checks_total.na"), 40);
	ck_assert_int_eq(num(d, "tests.0.cut.failing_checks_not_listed"), 0);
	ck_assert_int_eq(num(d, "tests.0.cut.other_checks_not_listed"), 36);
	ck_assert_str_eq(str(d, "tests.0.checks.63.reason"), "check 99");  /* every failure listed */
	json_decref(d);
}
END_TEST

START_TEST(test_multi_suites)
{
	char path[512];
	struct reporter *r = treport_open(report_json_open, "m.json", path, sizeof(path));
	json_t *d;

	treport_feed_multi(r);
	treport_feed_inconclusive(r);
	treport_close(&r);
	d = load(path);
	ck_assert_uint_eq(len(d, "suites"), 3);
	ck_assert_str_eq(str(d, "suites.1.name"), "second");
	ck_assert_int_eq(num(d, "suites.1.index"), 1);
	ck_assert_int_eq(num(d, "suites.1.tests"), 2);
	ck_assert_int_eq(num(d, "suites.1.failed"), 1);
	ck_assert_int_eq(num(d, "suites.2.inconclusive"), 1);
	ck_assert_str_eq(str(d, "tests.0.id"), "a1");
	ck_assert_str_eq(str(d, "tests.0.suite"), "");    /* no classname */
	json_decref(d);
}
END_TEST

START_TEST(test_inconclusive_stopped)
{
	char path[512];
	struct reporter *r = treport_open(report_json_open, "i.json", path, sizeof(path));
	json_t *d;

	treport_feed_inconclusive(r);
	ck_assert_int_eq(report_stopped(r, "SIGTERM stopped the run during test 'x'\n\x01"), 0);
	treport_close(&r);
	d = load(path);
	ck_assert_str_eq(str(d, "run.stopped"), "SIGTERM stopped the run during test 'x'\\n\\x01");
	ck_assert_str_eq(str(d, "tests.1.verdict"), "inconclusive");
	ck_assert_str_eq(str(d, "tests.1.checks.1.outcome"), "na");
	ck_assert_str_eq(str(d, "tests.1.checks.1.reason"), "not judged: status was 404");
	ck_assert_str_eq(str(d, "tests.0.checks.1.outcome"), "na");
	/* A clean pass carries its evidence too: the messages exchanged. */
	ck_assert_str_eq(str(d, "tests.0.verdict"), "pass");
	ck_assert_uint_eq(len(d, "tests.0.messages"), 2);
	ck_assert_int_eq(num(d, "totals.inconclusive"), 1);
	ck_assert_int_eq(num(d, "totals.passed"), 1);
	json_decref(d);
}
END_TEST

START_TEST(test_locale_times)
{
	char path[512];
	json_t *d;

	if (!treport_write_times(report_json_open, "loc.json", path, sizeof(path)))
		return;
	d = load(path);
	ck_assert_double_eq_tol(real(d, "tests.0.duration_s"), 1234.568, 1e-9);
	ck_assert_double_eq_tol(real(d, "suites.0.duration_s"), 2.25, 1e-9);
	json_decref(d);
}
END_TEST

START_TEST(test_stdout)
{
	char *s = treport_stdout(report_json_open);
	const char *after = strstr(s, "}\nafter\n");
	json_error_t e;
	json_t *d;

	ck_assert_ptr_nonnull(after);
	ck_assert_str_eq(after, "}\nafter\n");
	d = json_loadb(s, (size_t)(after - s) + 1, 0, &e);
	ck_assert_msg(d != NULL, "%s", e.text);
	ck_assert_str_eq(str(d, "tests.0.id"), "s1");
	json_decref(d);
	free(s);
}
END_TEST

START_TEST(test_discard_unwritable)
{
	struct reporter *r = NULL;

	treport_check_discard(report_json_open, "d.json");
	ck_assert_int_eq(report_json_open(&r, tdir()), EISDIR);
	ck_assert_int_eq(report_json_open(&r, ""), EINVAL);
	ck_assert_int_eq(report_json_open(&r, tdir_path("no/such/dir/r.json")), ENOENT);
	ck_assert_ptr_null(r);
}
END_TEST

/* Nothing reaches PATH before the close: a run killed midway leaves the old file whole. */
START_TEST(test_replaced_at_close)
{
	char path[512], *s;
	struct reporter *r;
	json_t *d;

	tdir_write(tdir_path("r.json"), "old", 3);
	r = treport_open(report_json_open, "r.json", path, sizeof(path));
	treport_feed_four(r);
	s = tdir_slurp(path, NULL);
	ck_assert_str_eq(s, "old");
	free(s);
	treport_close(&r);
	d = load(path);
	ck_assert_int_eq(num(d, "totals.tests"), 4);
	json_decref(d);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_checked_fixture(core, tdir_setup, tdir_teardown);
	tcase_add_checked_fixture(lim, tdir_setup, tdir_teardown);
	tcase_set_timeout(core, 60);
	tcase_set_timeout(lim, 120);
	tcase_add_test(core, test_four_verdicts);
	tcase_add_test(core, test_run_info_target);
	tcase_add_test(core, test_evidence_pointer);
	tcase_add_test(core, test_multi_suites);
	tcase_add_test(core, test_inconclusive_stopped);
	tcase_add_test(core, test_locale_times);
	tcase_add_test(core, test_stdout);
	tcase_add_test(core, test_replaced_at_close);
	tcase_add_test(lim, test_hostile);
	tcase_add_test(lim, test_big_message);
	tcase_add_test(lim, test_bounds);
	tcase_add_test(lim, test_many_checks);
	tcase_add_test(lim, test_discard_unwritable);
	suite_add_tcase(s, core);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_json", json_suite, NULL, NULL };
