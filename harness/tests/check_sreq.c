/*
 * check_sreq.c - unit tests for the suite keys for real equipment
 * (suite/sreq.c, suite/sval.c, suite/tvar.c through suite_load_buf()):
 * auth, setup/register, headers, body, content_type, from, to, ${target}
 * and probe, with the FILE:LINE:COL message of each refusal.
 *
 * The older keys are in check_suite.c, ${target} expansion and the
 * credentials read at run time in check_plan.c.  Run under ASan with
 * CK_FORK=no so that a leak on any error path fails the run.
 */
#include "tmain.h"
#include "tsuite.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suite/suite.h"

static int load_str(struct plan **pp, const char *yaml, struct diag *dg)
{
	return suite_load_buf(pp, "t.yaml", yaml, strlen(yaml), dg);
}

/* A test up to its line 4; the line-5 key under test follows. */
#define T "tests:\n  - id: a\n    request_uri: sip:a@example.com\n    expect: 501\n"
/* The same with a body, the content_type follows on line 6. */
#define TB T "    body: hi\n"
/* A test whose request_uri (line 4, col 18) is under test. */
#define R "tests:\n  - id: a\n    expect: 501\n    request_uri: "

/* ------------------------------------------------------------------ */
/* Accepted                                                            */

START_TEST(test_auth_inherit)
{
	static const char y[] =
		"auth: {user: suite-user, password: 'p@ss w0rd!'}\n"
		"setup:\n"
		"  - register: {uri: 'sip:reg@example.com'}\n"
		"  - register: {uri: 'sip:own@example.com', auth: {user: own, "
		"password_env: _OWN_PW9}}\n"
		"tests:\n"
		"  - {id: a, request_uri: 'sip:a@b', expect: 501}\n"
		"  - {id: b, request_uri: 'sip:a@b', expect: 501, auth: {user: "
		"'Bob Smith', password_env: BOB}}\n";
	struct plan *p = NULL;
	struct diag dg = { 0 };

	ck_assert_msg(load_str(&p, y, &dg) == 0, "%s", dg.msg);
	ck_assert_str_eq(p->auth.user, "suite-user");
	ck_assert_str_eq(p->auth.password, "p@ss w0rd!");
	ck_assert_str_eq(p->setup[0].reg.auth.user, "suite-user");
	ck_assert_str_eq(p->setup[0].reg.auth.password, "p@ss w0rd!");
	ck_assert_str_eq(p->setup[1].reg.auth.user, "own");
	ck_assert_ptr_null(p->setup[1].reg.auth.password);
	ck_assert_str_eq(p->setup[1].reg.auth.password_env, "_OWN_PW9");
	ck_assert_str_eq(p->cases[0].auth.user, "suite-user");
	ck_assert_str_eq(p->cases[0].auth.password, "p@ss w0rd!");
	ck_assert_str_eq(p->cases[1].auth.user, "Bob Smith");
	ck_assert_ptr_null(p->cases[1].auth.password);
	ck_assert_str_eq(p->cases[1].auth.password_env, "BOB");
	plan_free(p);
}
END_TEST

START_TEST(test_register_bounds)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };

	ck_assert_int_eq(load_str(&p, "setup:\n"
		"  - register: {uri: 'sips:a@b', expires: 0}\n"
		"  - register: {uri: 'SIP:a@b', expires: '2147483647', "
		"contact: 'tel:+15551234', allow: [REGISTER]}\n" T, &dg), 0);
	ck_assert_uint_eq(p->nsetup, 2);
	ck_assert_uint_eq(p->setup[0].reg.expires, 0);
	ck_assert_uint_eq(p->setup[1].reg.expires, 2147483647u);
	ck_assert_str_eq(p->setup[1].reg.contact, "tel:+15551234");
	ck_assert_uint_eq(p->setup[1].reg.nallow, 1);
	ck_assert_ptr_null(p->setup[0].reg.auth.user);   /* no auth anywhere */
	ck_assert_ptr_null(p->cases[0].auth.user);
	plan_free(p);
}
END_TEST

START_TEST(test_probe)
{
	static const char *const v[] = { "true", "false", "FALSE", "True" };
	static const bool want[] = { true, false, false, true };
	struct plan *p = NULL;
	struct diag dg = { 0 };
	char y[256];
	size_t i;

	for (i = 0; i < NELEM(v); i++) {
		snprintf(y, sizeof(y), "probe: %s\n" T, v[i]);
		ck_assert_int_eq(load_str(&p, y, &dg), 0);
		ck_assert(p->probe == want[i]);
		p = plan_free(p);
	}
}
END_TEST

START_TEST(test_headers_good)
{
	static const char y[] = T "    headers:\n"
		"      Event: presence\n"
		"      o-not-compact: x\n"          /* a name, not 'o' */
		"      Expires: 60\n"
		"      X-Route: <sip:edge@${target};lr>\n"
		"      User-Agent: \"lab (v2) ${target} ${target}\"\n"
		"      Subject: 'a, b; c=\"d\"'\n";
	struct plan *p = NULL;
	struct diag dg = { 0 };
	const struct tcase *t;

	ck_assert_msg(load_str(&p, y, &dg) == 0, "%s", dg.msg);
	t = &p->cases[0];
	ck_assert_uint_eq(t->nheaders, 6);
	ck_assert_str_eq(t->headers[1].name, "o-not-compact");
	ck_assert_str_eq(t->headers[2].value, "60");
	ck_assert_str_eq(t->headers[4].value, "lab (v2) ${target} ${target}");
	ck_assert_str_eq(t->headers[5].value, "a, b; c=\"d\"");
	plan_free(p);
}
END_TEST

START_TEST(test_body_good)
{
	static const char *const ct[] = {
		"application/sdp", "text/plain;charset=utf-8",
		"'text/plain ; charset = \"a\\\"b\" ; x=y'",
		"'multipart/mixed;boundary=\"--x y\"'",
		"application/vnd.3gpp.sms", "message/sipfrag;version=2.0",
	};
	struct plan *p = NULL;
	struct diag dg = { 0 };
	char y[512];
	size_t i;

	for (i = 0; i < NELEM(ct); i++) {
		snprintf(y, sizeof(y), TB "    content_type: %s\n", ct[i]);
		ck_assert_msg(load_str(&p, y, &dg) == 0, "%s: %s", ct[i], dg.msg);
		ck_assert_str_eq(p->cases[0].body, "hi");
		p = plan_free(p);
	}
	/* Lines end in LF (kept), TABs, an IPv6 reference, no final LF */
	ck_assert_int_eq(load_str(&p, T "    content_type: message/sipfrag\n"
		"    body: \"SIP/2.0 200 OK\\nContact: <sip:a@[::1]:5060>\\n"
		"\\tx\\n\\ny\"\n", &dg), 0);
	ck_assert_str_eq(p->cases[0].body, "SIP/2.0 200 OK\nContact: "
			 "<sip:a@[::1]:5060>\n\tx\n\ny");
	p = plan_free(p);
}
END_TEST

/* The longest body: 1024 bytes, the longest YAML value. */
START_TEST(test_body_1024)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	int err;

	sb_str(&b, T "    content_type: text/plain\n    body: \"");
	sb_rep(&b, "abcdefg\\n", 128);
	sb_str(&b, "\"\n");
	err = load_str(&p, b.p, &dg);
	ck_assert_msg(err == 0, "%s", dg.msg);
	ck_assert_uint_eq(strlen(p->cases[0].body), 1024);
	p = plan_free(p);
	b.l -= 2;
	sb_str(&b, "x\"\n");
	err = load_str(&p, b.p, &dg);
	ck_bad(err, &p, &dg, 6, 11, "value is longer than 1024 bytes (1025)");
	free(b.p);
}
END_TEST

START_TEST(test_target_good)
{
	static const char *const uris[] = {
		"sip:${target}", "sip:alice@${target}",
		"sips:alice@${target};transport=tcp", "sip:a@${target}?Subject=x",
		"sip:a:pw@${target}", "sip:${target};lr",
	};
	struct plan *p = NULL;
	struct diag dg = { 0 };
	char y[256];
	size_t i;

	for (i = 0; i < NELEM(uris); i++) {
		snprintf(y, sizeof(y), "tests: [{id: a, expect: 301, "
			 "request_uri: '%s', contact: '%s', from: '%s', to: "
			 "'%s'}]\n", uris[i], uris[i], uris[i], uris[i]);
		ck_assert_msg(load_str(&p, y, &dg) == 0, "%s: %s", uris[i],
			      dg.msg);
		ck_assert_str_eq(p->cases[0].request_uri, uris[i]);
		ck_assert_str_eq(p->cases[0].contacts[0], uris[i]);
		ck_assert_str_eq(p->cases[0].from, uris[i]);
		ck_assert_str_eq(p->cases[0].to, uris[i]);
		p = plan_free(p);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* Refused: one rule each                                              */

static const struct {
	const char *yaml;
	size_t line, col;
	const char *msg;
} bad[] = {
	/* auth */
	{ T "    auth: alice\n", 5, 11, "'auth' must be a mapping (user: ..., password: ... or password_env: ...), not a scalar" },
	{ T "    auth: {user: u, pass: p}\n", 5, 21, "unknown key 'pass' (expected one of: user, password, password_env)" },
	{ T "    auth: {password: p}\n", 5, 11, "missing 'user' in 'auth'" },
	{ T "    auth: {user: u}\n", 5, 11, "missing 'password' or 'password_env' in 'auth'" },
	{ T "    auth: {user: u, password: p, password_env: P}\n", 5, 34, "'password' and 'password_env' cannot both be given" },
	{ T "    auth: {user: 'a\"b', password: p}\n", 5, 18, "'user' contains '\"' or '\\': it goes into a quoted Digest parameter (offset 1)" },
	{ T "    auth: {user: u, password: 'p\\q'}\n", 5, 31, "'password' contains '\"' or '\\': it goes into a quoted Digest parameter (offset 1)" },
	{ T "    auth: {user: u, password: \"p\\rq\"}\n", 5, 31, "'password' contains a line break (CR/LF): it would change the request's framing (offset 1)" },
	{ T "    auth: {user: u, password: \"p\\tq\"}\n", 5, 31, "'password' contains a TAB (control byte 0x09) (offset 1)" },
	{ T "    auth: {user: u, password: ''}\n", 5, 31, "'password' has no value" },
	{ T "    auth: {user: u, password: '[x]'}\n", 5, 31, "'password' contains '[': SIPp would substitute" },
	{ T "    auth: {user: '', password: p}\n", 5, 18, "'user' has no value" },
	{ T "    auth: {user: [u], password: p}\n", 5, 18, "'user' must be a string, not a list" },
	{ T "    auth: {user: u, password_env: 1PW}\n", 5, 35, "'password_env' must be the name of an environment variable ([A-Za-z_][A-Za-z0-9_]*), not '1PW'" },
	{ T "    auth: {user: u, password_env: 'A-B'}\n", 5, 35, "not 'A-B'" },
	{ T "    auth: {user: u, password_env: 'A B'}\n", 5, 35, "not 'A B'" },
	{ T "    auth: {user: u, password_env: [A]}\n", 5, 35, "'password_env' must be a string, not a list" },
	{ T "    auth: {user: u, password_env: ''}\n", 5, 35, "'password_env' has no value" },
	{ "auth: {user: u}\n" T, 1, 7, "missing 'password' or 'password_env' in 'auth'" },
	{ "auth: []\n" T, 1, 7, "'auth' must be a mapping" },
	{ "setup:\n  - register: {uri: 'sip:a@b', auth: {user: u}}\n" T, 2, 38, "missing 'password' or 'password_env' in 'auth'" },
	/* setup */
	{ "setup: {register: {uri: 'sip:a@b'}}\n" T, 1, 8, "'setup' must be a list of steps (- register: {...}), not a mapping" },
	{ "setup: []\n" T, 1, 8, "'setup' must not be an empty list" },
	{ "setup: [register]\n" T, 1, 9, "a setup step must be a mapping with one key, its kind (register), not a scalar" },
	{ "setup: [{register: {uri: 'sip:a@b'}, x: 1}]\n" T, 1, 9, "a setup step must have exactly one key, its kind (register)" },
	{ "setup: [{}]\n" T, 1, 9, "a setup step must have exactly one key, its kind (register)" },
	{ "setup: [{regster: {uri: 'sip:a@b'}}]\n" T, 1, 10, "unknown setup step 'regster' (known: register)" },
	{ "setup: [{\"register\\0\": {uri: 'sip:a@b'}}]\n" T, 1, 10, "unknown setup step 'register\\x00' (known: register)" },
	{ "setup: [{[a]: 1}]\n" T, 1, 10, "a setup step's kind must be a string (register), not a list" },
	{ "setup: [{register: sip:a@b}]\n" T, 1, 20, "'register' must be a mapping (uri: ..., contact: ..., allow: ..., expires: ..., auth: ...), not a scalar" },
	{ "setup: [{register: {contact: 'sip:a@b'}}]\n" T, 1, 20, "missing 'uri' in 'register'" },
	{ "setup: [{register: {uri: 'tel:+1555'}}]\n" T, 1, 26, "'uri' of 'register' must be a sip: or sips: URI (the address-of-record): 'tel:+1555'" },
	{ "setup: [{register: {uri: 'sip:a@'}}]\n" T, 1, 26, "'uri' is not a valid URI: missing host (offset 6): 'sip:a@'" },
	{ "setup: [{register: {uri: \"sip:a@b\\r\\nVia: x\"}}]\n" T, 1, 26, "'uri' contains a line break (CR/LF)" },
	{ "setup: [{register: {uri: 'sip:a@b', contact: 'c@d'}}]\n" T, 1, 46, "'contact' is not a URI" },
	{ "setup: [{register: {uri: 'sip:a@b', allow: []}}]\n" T, 1, 44, "'allow' must not be an empty list" },
	{ "setup: [{register: {uri: 'sip:a@b', allow: [INVITE, 'A B']}}]\n" T, 1, 53, "'allow' is not a SIP token" },
	{ "setup: [{register: {uri: 'sip:a@b', allow: [BYE, BYE]}}]\n" T, 1, 50, "'allow' lists 'BYE' twice (first at line 1)" },
	{ "setup: [{register: {uri: 'sip:a@b', expires: 2147483648}}]\n" T, 1, 46, "'expires' must be an integer from 0 to 2147483647, not '2147483648'" },
	{ "setup: [{register: {uri: 'sip:a@b', expires: -1}}]\n" T, 1, 46, "'expires' must be an integer from 0 to 2147483647, not '-1'" },
	{ "setup: [{register: {uri: 'sip:a@b', expires: 99999999999}}]\n" T, 1, 46, "'expires' must be an integer from 0 to 2147483647, not '99999999999'" },
	{ "setup: [{register: {uri: 'sip:a@b', expires: 1h}}]\n" T, 1, 46, "'expires' must be an integer" },
	{ "setup: [{register: {uri: 'sip:a@b', expire: 1}}]\n" T, 1, 37, "unknown key 'expire' (expected one of: uri, contact, allow, expires, auth); did you mean 'expires'?" },
	{ "setup: [{register: {uri: 'sip:${target}@b'}}]\n" T, 1, 26, "'uri' may hold ${target} only once, as the host:port of a sip: or sips: URI (e.g. sip:alice@${target}): 'sip:${target}@b'" },
	{ "setup: [{register: {uri: 'sip:a@b', contact: 'sip:a@${x}'}}]\n" T, 1, 46, "'contact' may use only the variable ${target}, not '${x}' (offset 6)" },
	/* headers */
	{ T "    headers: [Event]\n", 5, 14, "'headers' must be a mapping (Name: value), not a list" },
	{ T "    headers: {}\n", 5, 14, "'headers' must not be empty" },
	{ T "    headers: {'X Y': 1}\n", 5, 15, "'X Y' is not a header name (a SIP token, RFC 3261 §25.1)" },
	{ T "    headers: {'X:Y': 1}\n", 5, 15, "'X:Y' is not a header name" },
	{ T "    headers: {'': 1}\n", 5, 15, "'' is not a header name" },
	{ T "    headers: {\"X\\0\": 1}\n", 5, 15, "'X\\x00' is not a header name" },
	{ T "    headers: {[a]: 1}\n", 5, 15, "a header name in 'headers' must be a string, not a list" },
	{ T "    headers: {Via: x}\n", 5, 15, "'headers' cannot set 'Via': the harness writes Via, Call-ID, CSeq, Max-Forwards and Content-Length itself" },
	{ T "    headers: {v: x}\n", 5, 15, "'headers' cannot set 'v' (the compact form of Via): the harness writes" },
	{ T "    headers: {CALL-ID: x}\n", 5, 15, "'headers' cannot set 'CALL-ID': the harness writes" },
	{ T "    headers: {I: x}\n", 5, 15, "'headers' cannot set 'I' (the compact form of Call-ID)" },
	{ T "    headers: {cseq: 1 INVITE}\n", 5, 15, "'headers' cannot set 'cseq': the harness writes" },
	{ T "    headers: {Max-forwards: 1}\n", 5, 15, "'headers' cannot set 'Max-forwards': the harness writes" },
	{ T "    headers: {Content-Length: 0}\n", 5, 15, "'headers' cannot set 'Content-Length': the harness writes" },
	{ T "    headers: {l: 0}\n", 5, 15, "'headers' cannot set 'l' (the compact form of Content-Length)" },
	{ T "    headers: {From: x}\n", 5, 15, "'headers' cannot set 'From': use the test's 'from'" },
	{ T "    headers: {f: x}\n", 5, 15, "'headers' cannot set 'f' (the compact form of From): use the test's 'from'" },
	{ T "    headers: {to: x}\n", 5, 15, "'headers' cannot set 'to': use the test's 'to'" },
	{ T "    headers: {t: x}\n", 5, 15, "'headers' cannot set 't' (the compact form of To): use the test's 'to'" },
	{ T "    headers: {Content-Type: x}\n", 5, 15, "'headers' cannot set 'Content-Type': use the test's 'content_type' (with 'body')" },
	{ T "    headers: {c: x}\n", 5, 15, "'headers' cannot set 'c' (the compact form of Content-Type)" },
	{ T "    headers: {Event: a, event: b}\n", 5, 25, "'headers' gives 'event' twice (first as 'Event' at line 5)" },
	{ T "    headers: {Event: a, o: b}\n", 5, 25, "'headers' gives 'o' twice (first as 'Event' at line 5)" },
	{ T "    headers:\n      X-A: a\n      x-a: b\n", 7, 7, "'headers' gives 'x-a' twice (first as 'X-A' at line 6)" },
	{ T "    headers: {Event: ''}\n", 5, 22, "'Event' has no value" },
	{ T "    headers: {Event: \"a\\r\\nVia: x\"}\n", 5, 22, "'Event' contains a line break (CR/LF)" },
	{ T "    headers: {Event: \"a\\0b\"}\n", 5, 22, "'Event' contains a NUL byte (offset 1)" },
	{ T "    headers: {Event: \"a\\tb\"}\n", 5, 22, "'Event' contains a TAB" },
	{ T "    headers: {Event: \"a\\x01\"}\n", 5, 22, "'Event' contains a control byte (offset 1)" },
	{ T "    headers: {Event: '[call_id]'}\n", 5, 22, "'Event' contains '[': SIPp would substitute" },
	{ T "    headers: {Event: [a]}\n", 5, 22, "'Event' must be a string, not a list" },
	{ T "    headers: {Route: '<sip:${host}>'}\n", 5, 22, "'Route' may use only the variable ${target}, not '${host}' (offset 5)" },
	{ T "    headers: {Route: 'x ${target'}\n", 5, 22, "'Route' may use only the variable ${target}, not '${target' (offset 2)" },
	/* body, content_type */
	{ T "    body: [a]\n", 5, 11, "'body' must be a string, not a list" },
	{ T "    body: ''\n", 5, 11, "'body' has no value" },
	{ T "    body: \"a\\r\\nb\"\n", 5, 11, "'body' contains a CR (offset 1): write lines ending in LF (the harness sends CRLF)" },
	{ T "    body: \"a\\0b\"\n", 5, 11, "'body' contains a NUL byte (offset 1)" },
	{ T "    body: \"a\\nb\\x01\"\n", 5, 11, "'body' contains a control byte (offset 3)" },
	{ T "    body: \"a\\x7f\"\n", 5, 11, "'body' contains a control byte (offset 1)" },
	{ T "    body: \"ab\\N\"\n", 5, 11, "'body' contains a C1 control character (offset 2)" },
	{ T "    body: \"a\\n[field0]\"\n", 5, 11, "'body' contains '[': SIPp would substitute '[keyword]' syntax (only an IPv6 host such as sip:alice@[::1] may use brackets) (offset 2)" },
	{ T "    body: \"a\\nb]\"\n", 5, 11, "'body' contains ']' outside an IPv6 reference: SIPp treats '[...]' as a keyword (offset 3)" },
	{ T "    body: |\n      a\n      ]]>\n", 5, 11, "'body' contains ']' outside an IPv6 reference" },
	{ T "    content_type: text/plain\n    body: \"x ${target}\"\n", 6, 11, "'body' cannot hold '${' (offset 2): ${target} is expanded only in URIs and header values" },
	{ T "    body: hi\n", 2, 5, "missing 'content_type' in test 'a' (required with 'body')" },
	{ T "    content_type: text/plain\n", 5, 19, "'content_type' needs a 'body'" },
	{ TB "    content_type: text\n", 6, 19, "'content_type' is not a media type (type/subtype[;name=value...], RFC 3261 §20.15) at offset 4: 'text'" },
	{ TB "    content_type: text/\n", 6, 19, "at offset 5: 'text/'" },
	{ TB "    content_type: /plain\n", 6, 19, "at offset 0: '/plain'" },
	{ TB "    content_type: 'text /plain'\n", 6, 19, "at offset 4: 'text /plain'" },
	{ TB "    content_type: 'text/plain;'\n", 6, 19, "at offset 11: 'text/plain;'" },
	{ TB "    content_type: 'text/plain; charset'\n", 6, 19, "at offset 19: 'text/plain; charset'" },
	{ TB "    content_type: 'text/plain; charset='\n", 6, 19, "at offset 20: 'text/plain; charset='" },
	{ TB "    content_type: 'text/plain; charset=\"utf-8'\n", 6, 19, "at offset 26: 'text/plain; charset=\"utf-8'" },
	{ TB "    content_type: 'text/plain; a=\"x\\'\n", 6, 19, "at offset 16: 'text/plain; a=\"x\\'" },
	{ TB "    content_type: 'text/plain '\n", 6, 19, "at offset 11: 'text/plain '" },
	{ TB "    content_type: 'text/plain;a=b c'\n", 6, 19, "at offset 15: 'text/plain;a=b c'" },
	{ TB "    content_type: 'text/plain;a=b,c'\n", 6, 19, "at offset 14: 'text/plain;a=b,c'" },
	{ TB "    content_type: [text/plain]\n", 6, 19, "'content_type' must be a string, not a list" },
	{ TB "    content_type: \"text/plain\\r\\nVia: x\"\n", 6, 19, "'content_type' contains a line break (CR/LF)" },
	/* from, to */
	{ T "    from: alice\n", 5, 11, "'from' is not a URI (expected scheme:..., e.g. sip:alice@example.com): 'alice'" },
	{ T "    to: 'sip:a@'\n", 5, 9, "'to' is not a valid URI: missing host (offset 6): 'sip:a@'" },
	{ T "    from: [sip:a@b]\n", 5, 11, "'from' must be a string, not a list" },
	{ T "    from: 'sip:a@b:0'\n", 5, 11, "'from' has an invalid port (1..65535): 'sip:a@b:0'" },
	{ T "    to: \"sip:a@b\\r\\nVia: x\"\n", 5, 9, "'to' contains a line break (CR/LF)" },
	{ T "    to: 'sip:${target}@b'\n", 5, 9, "'to' may hold ${target} only once, as the host:port of a sip: or sips: URI" },
	/* ${target} in URIs */
	{ R "'sip:${target}@h'\n", 4, 18, "'request_uri' may hold ${target} only once, as the host:port of a sip: or sips: URI (e.g. sip:alice@${target}): 'sip:${target}@h'" },
	{ R "'sip:a@h;maddr=${target}'\n", 4, 18, "'request_uri' may hold ${target} only once, as the host:port" },
	{ R "'sip:a@h?Route=${target}'\n", 4, 18, "'request_uri' may hold ${target} only once, as the host:port" },
	{ R "'sip:a@${target}${target}'\n", 4, 18, "'request_uri' may hold ${target} only once, as the host:port" },
	{ R "'sip:${target};maddr=${target}'\n", 4, 18, "'request_uri' may hold ${target} only once, as the host:port" },
	{ R "'tel:${target}'\n", 4, 18, "'request_uri' may hold ${target} only once, as the host:port" },
	{ R "'http://${target}/'\n", 4, 18, "'request_uri' may hold ${target} only once, as the host:port" },
	{ R "'${target}'\n", 4, 18, "'request_uri' is not a URI (expected scheme:..., e.g. sip:alice@example.com): '${target}'" },
	{ R "'sip:a@${target}:5070'\n", 4, 18, "'request_uri' has a port after ${target}, which stands for host:port" },
	{ R "'sip:a@${target}x'\n", 4, 18, "'request_uri' is not a valid URI: invalid character 'x' in SIP URI (offset 15): 'sip:a@${target}x'" },
	{ R "'sip:a b@${target}'\n", 4, 18, "'request_uri' is not a valid URI: invalid character 0x20 in user part (offset 5)" },
	{ R "'sip:a@${TARGET}'\n", 4, 18, "'request_uri' may use only the variable ${target}, not '${TARGET}' (offset 6)" },
	{ R "'sip:a@${target'\n", 4, 18, "'request_uri' may use only the variable ${target}, not '${target' (offset 6)" },
	{ R "'sip:a@$${x}'\n", 4, 18, "not '${x}' (offset 7)" },
	{ R "'sip:a@${}'\n", 4, 18, "not '${}' (offset 6)" },
	{ "tests: [{id: a, expect: 501, request_uris: ['sip:a@b', 'sip:${target}@x']}]", 1, 56, "'request_uris' may hold ${target} only once, as the host:port" },
	{ "tests: [{id: a, expect: 301, request_uri: 'sip:a@b', contact: ['sip:${t}']}]", 1, 64, "'contact' may use only the variable ${target}, not '${t}' (offset 4)" },
	{ "tests: [{id: a, expect: 501, request_uri: sip:a@${target}}]", 1, 50, "did not find expected ',' or '}'" },
	/* probe */
	{ "probe: yes\n" T, 1, 8, "'probe' must be true or false, not 'yes'" },
	{ "probe: [true]\n" T, 1, 8, "'probe' must be true or false, not a list" },
	{ "probe: 'true'\n" T, 1, 8, "'probe' must be true or false, not 'true'" },
};

START_TEST(test_bad)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	int err = load_str(&p, bad[_i].yaml, &dg);

	ck_assert_msg(dg.col == bad[_i].col, "col %zu, want %zu (%s)", dg.col,
		      bad[_i].col, dg.msg);
	ck_bad(err, &p, &dg, bad[_i].line, bad[_i].col, bad[_i].msg);
	ck_assert_str_eq(dg.file, "t.yaml");
}
END_TEST

/* No message shows a password, whatever is wrong with it or around it. */
START_TEST(test_password_not_shown)
{
	static const char *const pw[] = {
		"'Zq9sec\"ret'", "'Zq9sec\\ret'", "\"Zq9sec\\rret\"",
		"\"Zq9sec\\tret\"", "'Zq9sec[ret]'", "\"Zq9sec\\0ret\"",
		"\"Zq9sec\\x7fret\"", "[Zq9secret]", "{Zq9secret: 1}",
	};
	struct plan *p = NULL;
	struct diag dg = { 0 };
	char y[256], text[1200];
	size_t i;

	for (i = 0; i < NELEM(pw); i++) {
		snprintf(y, sizeof(y), T "    auth: {user: u, password: %s}\n",
			 pw[i]);
		ck_assert_int_eq(load_str(&p, y, &dg), EBADMSG);
		diag_format(&dg, text, sizeof(text));
		ck_assert_msg(strstr(text, "Zq9") == NULL, "%s", text);
		ck_assert_msg(strstr(text, "'password'") != NULL, "%s", text);
	}
	/* a good password in a test that is wrong elsewhere */
	ck_assert_int_eq(load_str(&p, T "    auth: {user: u, password: "
				  "Zq9secret}\n    bogus: 1\n", &dg), EBADMSG);
	diag_format(&dg, text, sizeof(text));
	ck_assert_msg(strstr(text, "Zq9") == NULL, "%s", text);
}
END_TEST

START_TEST(test_limits)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	char s[96];
	size_t i;
	int err;

	/* 64 headers: accepted; 65: refused at the 65th */
	sb_str(&b, T "    headers:\n");
	for (i = 0; i < 64; i++) {
		snprintf(s, sizeof(s), "      X-H%zu: v\n", i);
		sb_str(&b, s);
	}
	err = load_str(&p, b.p, &dg);
	ck_assert_msg(err == 0, "%s", dg.msg);
	ck_assert_uint_eq(p->cases[0].nheaders, 64);
	ck_assert_str_eq(p->cases[0].headers[63].name, "X-H63");
	p = plan_free(p);
	sb_str(&b, "      X-H64: v\n");
	err = load_str(&p, b.p, &dg);
	ck_bad(err, &p, &dg, 70, 7, "'headers' has more than 64 headers");

	/* 64 setup steps: accepted; 65: refused at the 65th */
	for (i = 0; i < 2; i++) {
		size_t j;

		b.l = 0;
		sb_str(&b, "setup:\n");
		for (j = 0; j < 64 + i; j++) {
			snprintf(s, sizeof(s), "  - register: {uri: "
				 "'sip:u%zu@b'}\n", j);
			sb_str(&b, s);
		}
		sb_str(&b, T);
		err = load_str(&p, b.p, &dg);
		if (i) {
			ck_bad(err, &p, &dg, 66, 5, "too many setup steps "
			       "(more than 64)");
			break;
		}
		ck_assert_msg(err == 0, "%s", dg.msg);
		ck_assert_uint_eq(p->nsetup, 64);
		ck_assert_str_eq(p->setup[63].reg.uri, "sip:u63@b");
		ck_assert_uint_eq(p->setup[63].line, 65);
		p = plan_free(p);
	}
	free(b.p);
}
END_TEST

/* A refusal after some steps were copied leaves nothing behind (ASan). */
START_TEST(test_late_refusal)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };

	ck_assert_int_eq(load_str(&p, "auth: {user: u, password: p}\nsetup:\n"
		"  - register: {uri: 'sip:a@b', allow: [A, B]}\n"
		"  - register: {uri: 'sip:a@b', expires: x}\n" T, &dg), EBADMSG);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(load_str(&p, "auth: {user: u, password: p}\nsetup:\n"
		"  - register: {uri: 'sip:a@b', allow: [A, B]}\n"
		"tests:\n"
		"  - {id: a, request_uri: 'sip:a@b', expect: 501, headers: {X: y}}\n"
		"  - {id: b, request_uri: 'sip:a@b', expect: 501, headers: {Via: y}}\n",
		&dg), EBADMSG);
	ck_assert_ptr_null(p);
	ck_assert_uint_eq(dg.line, 6);
}
END_TEST

static Suite *sreq_suite(void)
{
	Suite *s = suite_create("sreq");
	TCase *core = tcase_create("Core");

	tcase_add_test(core, test_auth_inherit);
	tcase_add_test(core, test_register_bounds);
	tcase_add_test(core, test_probe);
	tcase_add_test(core, test_headers_good);
	tcase_add_test(core, test_body_good);
	tcase_add_test(core, test_body_1024);
	tcase_add_test(core, test_target_good);
	tcase_add_loop_test(core, test_bad, 0, NELEM(bad));
	tcase_add_test(core, test_password_not_shown);
	tcase_add_test(core, test_limits);
	tcase_add_test(core, test_late_refusal);
	suite_add_tcase(s, core);
	return s;
}

const struct tmain tmain_def = { "check_sreq", sreq_suite, NULL, NULL };
