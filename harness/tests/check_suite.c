/*
 * check_suite.c - unit tests for the suite schema (suite.c): what a suite
 * file may say and the message for each refusal.  The reader's own rules
 * (anchors, tags, control bytes, limits) are in check_yaml.c, the
 * expansion in check_plan.c.
 *
 * Fixtures live in fixtures/suites/ (run from the repository root, or set
 * SIPCONFORM_FIXTURES to that directory).  Run under ASan with CK_FORK=no
 * so that a leak on any error path fails the run.
 */
#include "tmain.h"
#include "tsuite.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suite/suite.h"

static const char *fixdir(void)
{
	const char *d = getenv("SIPCONFORM_FIXTURES");
	return d && *d ? d : "fixtures/suites";
}

static int load_fixture(struct plan **pp, const char *name, struct diag *dg)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", fixdir(), name);
	return suite_load(pp, path, dg);
}

static int load_str(struct plan **pp, const char *yaml, struct diag *dg)
{
	return suite_load_buf(pp, "t.yaml", yaml, strlen(yaml), dg);
}

/* ------------------------------------------------------------------ */
/* Good fixtures                                                       */

START_TEST(test_good_minimal)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	const struct tcase *t;

	ck_assert_int_eq(load_fixture(&p, "good_minimal.yaml", &dg), 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->name, "minimal");
	ck_assert(strstr(p->file, "good_minimal.yaml") != NULL);
	ck_assert_ptr_null(p->target.host);
	ck_assert_uint_eq(p->target.port, 0);
	ck_assert_int_eq(p->target.transport, TRANSPORT_DEFAULT);
	ck_assert_uint_eq(p->ncases, 1);
	t = &p->cases[0];
	ck_assert_str_eq(t->id, "ping");
	ck_assert_str_eq(t->group, "ping");
	ck_assert_str_eq(t->request_uri, "sip:alice@example.com");
	ck_assert_str_eq(t->method, "OPTIONS");   /* default */
	ck_assert_uint_eq(t->expect, 501);
	ck_assert_uint_eq(t->repeat, 1);          /* default */
	ck_assert_int_eq(t->transport, TRANSPORT_DEFAULT);
	ck_assert_uint_eq(t->follow, 0);
	ck_assert(!t->probe_options && !t->probe_allowed && !t->has_allow);
	ck_assert_uint_eq(t->ncontacts, 0);
	ck_assert_uint_eq(t->nallow, 0);
	ck_assert_uint_eq(t->line, 4);
	ck_assert_uint_eq(t->col, 5);
	/* none of the keys for real equipment: their defaults */
	ck_assert(p->probe);
	ck_assert_ptr_null(p->auth.user);
	ck_assert_ptr_null(p->setup);
	ck_assert_uint_eq(p->nsetup, 0);
	ck_assert_ptr_null(t->auth.user);
	ck_assert_ptr_null(t->auth.password);
	ck_assert_ptr_null(t->auth.password_env);
	ck_assert_ptr_null(t->headers);
	ck_assert_uint_eq(t->nheaders, 0);
	ck_assert_ptr_null(t->body);
	ck_assert_ptr_null(t->content_type);
	ck_assert_ptr_null(t->from);
	ck_assert_ptr_null(t->to);
	ck_assert_ptr_null(plan_free(p));
}
END_TEST

START_TEST(test_good_full)
{
	static const char *const allow[] = { "INVITE", "ACK", "CANCEL", "BYE",
					     "OPTIONS" };
	struct plan *p = NULL;
	struct diag dg = { 0 };
	const struct tcase *t;
	size_t i;

	ck_assert_int_eq(load_fixture(&p, "good_full.yaml", &dg), 0);
	ck_assert_str_eq(p->name, "full-lab");
	ck_assert_str_eq(p->target.host, "192.0.2.10");
	ck_assert_uint_eq(p->target.port, 5070);
	ck_assert_int_eq(p->target.transport, TRANSPORT_TCP);
	ck_assert_uint_eq(p->ncases, 4);

	t = &p->cases[0];
	ck_assert_str_eq(t->id, "alice-moved");
	ck_assert_str_eq(t->method, "INVITE");
	ck_assert_uint_eq(t->expect, 301);
	ck_assert_uint_eq(t->ncontacts, 1);
	ck_assert_str_eq(t->contacts[0], "sip:alice@new.example.com");
	ck_assert_uint_eq(t->repeat, 3);
	ck_assert_int_eq(t->transport, TRANSPORT_UDP);
	ck_assert_uint_eq(t->follow, 2);
	ck_assert(!t->has_allow);
	ck_assert_uint_eq(t->line, 5);

	t = &p->cases[1];
	ck_assert_str_eq(t->id, "bogus-method");
	ck_assert_str_eq(t->request_uri,
			 "sip:bob@[2001:db8::1]:5060;transport=udp");
	ck_assert_str_eq(t->method, "FOOBAR");
	ck_assert_uint_eq(t->expect, 405);        /* from the string "405" */
	ck_assert(t->has_allow);
	ck_assert_uint_eq(t->nallow, 5);
	for (i = 0; i < 5; i++)
		ck_assert_str_eq(t->allow[i], allow[i]);
	ck_assert(t->probe_options);
	ck_assert(!t->probe_allowed);

	t = &p->cases[2];
	ck_assert_str_eq(t->request_uri, "tel:+15551234567");
	ck_assert_uint_eq(t->expect, 501);
	ck_assert(t->has_allow);                  /* allow: [] */
	ck_assert_uint_eq(t->nallow, 0);

	t = &p->cases[3];
	ck_assert_str_eq(t->method, "OPTIONS");
	ck_assert_uint_eq(t->ncontacts, 2);
	ck_assert_str_eq(t->contacts[0], "sip:carol@a.example.org");
	ck_assert_str_eq(t->contacts[1], "sip:carol@b.example.org");
	plan_free(p);
}
END_TEST

/* Every key for real equipment: auth, setup, headers, body, from/to,
 * ${target}, probe. */
START_TEST(test_good_lab)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	const struct plan_register *r;
	const struct tcase *t;
	int err;

	err = load_fixture(&p, "good_lab.yaml", &dg);
	ck_assert_msg(err == 0, "%s", dg.msg);
	ck_assert_str_eq(p->name, "lab-pbx");
	ck_assert(!p->probe);
	ck_assert_str_eq(p->auth.user, "conform");
	ck_assert_ptr_null(p->auth.password);
	ck_assert_str_eq(p->auth.password_env, "SIPCONFORM_PASSWORD");

	ck_assert_uint_eq(p->nsetup, 2);
	ck_assert_int_eq(p->setup[0].kind, PLAN_STEP_REGISTER);
	ck_assert_uint_eq(p->setup[0].line, 8);
	ck_assert_uint_eq(p->setup[0].col, 5);
	r = &p->setup[0].reg;
	ck_assert_str_eq(r->uri, "sip:conform@${target}");   /* kept as written */
	ck_assert_str_eq(r->contact, "sip:conform@192.0.2.99:5099");
	ck_assert_uint_eq(r->nallow, 6);
	ck_assert_str_eq(r->allow[0], "INVITE");
	ck_assert_str_eq(r->allow[5], "MESSAGE");
	ck_assert_uint_eq(r->expires, 600);
	ck_assert_str_eq(r->auth.user, "conform");             /* the suite's */
	ck_assert_str_eq(r->auth.password_env, "SIPCONFORM_PASSWORD");
	ck_assert(r->auth.user != p->auth.user);                /* a copy */
	r = &p->setup[1].reg;
	ck_assert_str_eq(r->uri, "sips:other@example.com");
	ck_assert_ptr_null(r->contact);
	ck_assert_ptr_null(r->allow);
	ck_assert_uint_eq(r->nallow, 0);
	ck_assert_uint_eq(r->expires, 3600);                    /* default */
	ck_assert_str_eq(r->auth.user, "other");                /* its own */
	ck_assert_str_eq(r->auth.password, "s3cret;&=+$,");
	ck_assert_ptr_null(r->auth.password_env);

	ck_assert_uint_eq(p->ncases, 4);
	t = &p->cases[0];
	ck_assert_str_eq(t->request_uri, "sip:alice@${target}");
	ck_assert_str_eq(t->method, "SUBSCRIBE");
	ck_assert_uint_eq(t->nheaders, 3);
	ck_assert_str_eq(t->headers[0].name, "Event");
	ck_assert_str_eq(t->headers[0].value, "presence");
	ck_assert_str_eq(t->headers[1].name, "Accept");
	ck_assert_str_eq(t->headers[1].value, "application/pidf+xml");
	ck_assert_str_eq(t->headers[2].name, "X-Lab-Route");
	ck_assert_str_eq(t->headers[2].value, "<sip:edge@${target};lr>");
	ck_assert_str_eq(t->from, "sip:conform@${target}");
	ck_assert_str_eq(t->to, "sip:alice@${target}");
	ck_assert_ptr_null(t->body);
	ck_assert_ptr_null(t->content_type);
	ck_assert_str_eq(t->auth.password_env, "SIPCONFORM_PASSWORD");

	/* request_uris expand; both cases carry the body and the test's auth */
	t = &p->cases[1];
	ck_assert_str_eq(t->id, "message-body/1");
	ck_assert_str_eq(t->request_uri, "sip:bob@${target}");
	ck_assert_str_eq(t->content_type, "text/plain; charset=\"utf-8\"");
	ck_assert_str_eq(t->body, "Hello from sipconform.\n\tindented with a TAB\n");
	ck_assert_str_eq(t->auth.user, "bob admin");
	ck_assert_str_eq(t->auth.password, "pa ss!");
	ck_assert_ptr_null(t->auth.password_env);
	ck_assert_ptr_null(t->headers);
	t = &p->cases[2];
	ck_assert_str_eq(t->request_uri, "sip:carol@[2001:db8::5]:5062");
	ck_assert_str_eq(t->body, p->cases[1].body);
	ck_assert(t->body != p->cases[1].body);
	ck_assert_str_eq(t->auth.user, "bob admin");

	t = &p->cases[3];
	ck_assert_uint_eq(t->ncontacts, 2);
	ck_assert_str_eq(t->contacts[0], "sip:dave@${target}");
	ck_assert_str_eq(t->auth.user, "conform");
	plan_free(p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Bad fixtures                                                        */

static const struct {
	const char *file;
	size_t line, col;
	const char *msg;
} bad_fix[] = {
	{ "bad_yaml_syntax.yaml", 5, 4, "YAML syntax error: did not find expected" },
	{ "bad_missing_request_uri.yaml", 6, 5, "missing 'request_uri'" },
	{ "bad_crlf_in_uri.yaml", 4, 18, "'request_uri' contains a line break (CR/LF): it would change the request's framing" },
	{ "bad_unknown_expect.yaml", 5, 13, "'expect' must be 200, 301, 302, 405 or 501, not 300" },
	{ "bad_unknown_key.yaml", 5, 5, "unknown key 'expct' (expected one of: id, request_uri," },
	{ "bad_duplicate_id.yaml", 6, 9, "duplicate test id 'alice-moved' (first at line 3)" },
	{ "bad_sipp_keyword.yaml", 4, 18, "'request_uri' contains '[': SIPp would substitute" },
	{ "bad_duplicate_key.yaml", 6, 5, "duplicate key 'expect' (first at line 5)" },
	{ "bad_alias.yaml", 3, 5, "anchors ('&t') are not supported" },
	{ "bad_tag.yaml", 4, 18, "tags ('tag:yaml.org,2002:str') are not supported" },
	{ "bad_method_token.yaml", 5, 13, "'method' is not a SIP token" },
	{ "bad_empty_tests.yaml", 2, 8, "'tests' is empty" },
	{ "bad_not_uri.yaml", 4, 18, "'request_uri' is not a URI" },
	{ "bad_allow_with_301.yaml", 6, 5, "'allow' applies only to expect 405 or 501" },
	{ "bad_target_no_host.yaml", 2, 9, "missing 'host' in 'target'" },
	{ "bad_tab_in_value.yaml", 4, 18, "'request_uri' contains a TAB" },
	{ "bad_auth_both.yaml", 5, 3, "'password' and 'password_env' cannot both be given" },
	{ "bad_password_quote.yaml", 6, 35, "'password' contains '\"' or '\\': it goes into a quoted Digest parameter (offset 6)" },
	{ "bad_header_transaction.yaml", 9, 7, "'headers' cannot set 'call-id': the harness writes Via, Call-ID, CSeq, Max-Forwards and Content-Length itself" },
	{ "bad_body_no_content_type.yaml", 3, 5, "missing 'content_type' in test 'a' (required with 'body')" },
	{ "bad_setup_unknown_step.yaml", 4, 5, "unknown setup step 'subscribe' (known: register)" },
	{ "bad_target_variable.yaml", 4, 18, "'request_uri' may use only the variable ${target}, not '${host}' (offset 6)" },
	{ "bad_target_port.yaml", 4, 18, "'request_uri' has a port after ${target}, which stands for host:port: 'sip:a@${target}:5070'" },
};

START_TEST(test_bad_fixture)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	char path[1024];
	int err;

	snprintf(path, sizeof(path), "%s/%s", fixdir(), bad_fix[_i].file);
	err = suite_load(&p, path, &dg);
	ck_bad(err, &p, &dg, bad_fix[_i].line, bad_fix[_i].col, bad_fix[_i].msg);
	ck_assert_str_eq(dg.file, path);
}
END_TEST

START_TEST(test_unreadable)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };

	ck_assert_int_eq(load_fixture(&p, "no_such_file.yaml", &dg), ENOENT);
	ck_assert_ptr_null(p);
	ck_assert(strstr(dg.file, "no_such_file.yaml") != NULL);
	ck_assert(strstr(dg.msg, "cannot open") != NULL);

	memset(&dg, 0, sizeof(dg));
	ck_assert_int_eq(suite_load(&p, fixdir(), &dg), EISDIR);
	ck_assert_ptr_null(p);
	ck_assert(strstr(dg.msg, "cannot read") != NULL);

	ck_assert_int_eq(suite_load(NULL, "x.yaml", &dg), EINVAL);
	ck_assert_int_eq(suite_load(&p, NULL, &dg), EINVAL);
	ck_assert_int_eq(suite_load_buf(&p, "x", NULL, 3, &dg), EINVAL);
	ck_assert_ptr_null(p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Inline good buffers                                                 */

#define HDR "suite: s\ntests:\n  - id: a\n    request_uri: sip:a@example.com\n"

START_TEST(test_inline_good)
{
	static const char y1[] =
		"tests: [{id: a, request_uri: 'sip:a@b', expect: 501}]";
	struct plan *p = NULL;
	struct diag dg = { 0 };

	/* expect as a quoted string; transport case-insensitive */
	ck_assert_int_eq(load_str(&p, HDR "    expect: '301'\n"
				  "    transport: TCP\n", &dg), 0);
	ck_assert_uint_eq(p->cases[0].expect, 301);
	ck_assert_int_eq(p->cases[0].transport, TRANSPORT_TCP);
	p = plan_free(p);

	/* tls, and all three transports as a matrix */
	ck_assert_int_eq(load_str(&p, HDR "    expect: 501\n"
				  "    transport: tls\n", &dg), 0);
	ck_assert_int_eq(p->cases[0].transport, TRANSPORT_TLS);
	p = plan_free(p);
	ck_assert_int_eq(load_str(&p, HDR "    expect: 501\n"
				  "    transports: [tls, udp, tcp]\n", &dg), 0);
	ck_assert_uint_eq(p->ncases, 3);
	ck_assert_str_eq(p->cases[0].id, "a/tls");
	ck_assert_int_eq(p->cases[0].transport, TRANSPORT_TLS);
	ck_assert_str_eq(p->cases[2].id, "a/tcp");
	p = plan_free(p);
	ck_assert_int_eq(load_str(&p, "target: {host: h, transport: TLS}\n"
				  "tests: [{id: a, request_uri: 'sips:a@b', expect: 501}]", &dg), 0);
	ck_assert_int_eq(p->target.transport, TRANSPORT_TLS);
	p = plan_free(p);

	/* No 'suite': the name defaults to the file's base name */
	ck_assert_int_eq(suite_load_buf(&p, "dir/lab-1.yaml", y1, strlen(y1),
					&dg), 0);
	ck_assert_str_eq(p->name, "lab-1");
	ck_assert_str_eq(p->file, "dir/lab-1.yaml");
	p = plan_free(p);

	/* IPv6 target unbracketed; IPv4; DNS name */
	ck_assert_int_eq(load_str(&p, "target: {host: '::1', port: 1}\n"
		"tests: [{id: a, request_uri: 'sip:[::1]', expect: 501}]", &dg), 0);
	ck_assert_str_eq(p->target.host, "::1");
	ck_assert_uint_eq(p->target.port, 1);
	ck_assert_str_eq(p->cases[0].request_uri, "sip:[::1]");
	p = plan_free(p);
	ck_assert_int_eq(load_str(&p, "target: {host: sip.example.com, "
		"port: 65535, transport: udp}\n"
		"tests: [{id: a.b_c-1, request_uri: 'sip:x@127.0.0.1:5060', "
		"expect: 501, repeat: 100}]", &dg), 0);
	ck_assert_str_eq(p->target.host, "sip.example.com");
	ck_assert_uint_eq(p->target.port, 65535);
	ck_assert_int_eq(p->target.transport, TRANSPORT_UDP);
	ck_assert_uint_eq(p->cases[0].repeat, 100);
	p = plan_free(p);

	/* Method tokens: RFC 3261 §25.1 token characters; booleans */
	ck_assert_int_eq(load_str(&p, HDR "    method: \"X-Foo.bar!%*_+`'~\"\n"
		"    expect: 405\n    probe_allowed: True\n"
		"    probe_options: FALSE\n", &dg), 0);
	ck_assert_str_eq(p->cases[0].method, "X-Foo.bar!%*_+`'~");
	ck_assert(p->cases[0].probe_allowed);
	ck_assert(!p->cases[0].probe_options);
	p = plan_free(p);

	/* follow bounds; contact as a scalar */
	ck_assert_int_eq(load_str(&p, HDR "    expect: 301\n    follow: 10\n"
		"    contact: 'sips:b@[2001:db8::2]:5061;transport=tcp'\n", &dg), 0);
	ck_assert_uint_eq(p->cases[0].follow, 10);
	ck_assert_str_eq(p->cases[0].contacts[0],
			 "sips:b@[2001:db8::2]:5061;transport=tcp");
	p = plan_free(p);

	/* 302 (RFC 3261 §21.3.3) takes the redirect keys, contact and follow */
	ck_assert_int_eq(load_str(&p, HDR "    expect: 302\n    follow: 2\n"
		"    contact: [sip:b@example.com, sip:c@example.com]\n", &dg), 0);
	ck_assert_uint_eq(p->cases[0].expect, 302);
	ck_assert_uint_eq(p->cases[0].follow, 2);
	ck_assert_uint_eq(p->cases[0].ncontacts, 2);
	p = plan_free(p);

	/* A UTF-8 BOM and a document start marker are fine */
	ck_assert_int_eq(load_str(&p, "\xef\xbb\xbf---\n" HDR
				  "    expect: 501\n...\n", &dg), 0);
	p = plan_free(p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Inline bad buffers: one rule each                                   */

static const struct {
	const char *yaml;
	size_t line, col;
	const char *msg;
} bad_buf[] = {
	/* structure */
	{ "", 0, 0, "the suite file is empty" },
	{ "# only a comment\n", 0, 0, "the suite file is empty" },
	{ "- a\n- b\n", 1, 1, "must be a mapping" },
	{ "suite: s\n", 1, 1, "missing 'tests'" },
	{ "tests: {a: 1}\n", 1, 8, "'tests' must be a list" },
	{ "tests: [sip]\n", 1, 9, "each test must be a mapping" },
	{ "suite: s\nfoo: 1\ntests: []\n", 2, 1, "unknown key 'foo' (expected one of: suite, target, tests, probe, auth, setup, tags)" },
	{ "suite: a\nsuite: b\n", 2, 1, "duplicate key 'suite' (first at line 1)" },
	{ "suite: [a]\ntests: []\n", 1, 8, "'suite' must be a string, not a list" },
	{ "? [a]\n: 1\n", 1, 3, "a key must be a plain string" },
	/* target */
	{ "target: x\ntests: []\n", 1, 9, "'target' must be a mapping" },
	{ "target: {host: h, prot: 1}\n", 1, 19, "unknown key 'prot' (expected one of: host, port, transport)" },
	{ "target: {host: h, port: 0}\n", 1, 25, "'port' must be an integer from 1 to 65535, not '0'" },
	{ "target: {host: h, port: 65536}\n", 1, 25, "'port' must be an integer from 1 to 65535" },
	{ "target: {host: h, port: -1}\n", 1, 25, "'port' must be an integer" },
	{ "target: {host: h, port: 0x10}\n", 1, 25, "'port' must be an integer" },
	{ "target: {host: h, port: 99999999999999999999}\n", 1, 25, "'port' must be an integer" },
	{ "target: {host: h, transport: dtls}\n", 1, 30, "'transport' must be udp, tcp or tls, not 'dtls'" },
	{ "target: {host: '[::1'}\n", 1, 16, "'host' contains '['" },
	{ "target: {host: '[1.2.3.4]'}\n", 1, 16, "'host' contains '['" },
	{ "target: {host: '[::1]:5060'}\n", 1, 16, "'host' must be an IPv6 address in brackets, without a port" },
	{ "target: {host: '::g'}\n", 1, 16, "'host' must be a DNS name, an IPv4 or an IPv6 address" },
	{ "target: {host: '1.2.3.256'}\n", 1, 16, "'host' must be a DNS name" },
	{ "target: {host: 'a b'}\n", 1, 16, "'host' must be a DNS name" },
	{ "target: {host: '-a.com'}\n", 1, 16, "'host' must be a DNS name" },
	{ "target: {host: '[service]'}\n", 1, 16, "'host' contains '['" },
	{ "target: {host: ''}\n", 1, 16, "'host' has no value" },
	{ "target: {host: }\n", 1, 16, "'host' has no value" },
	/* id */
	{ "tests: [{request_uri: 'sip:a@b', expect: 301}]", 1, 9, "missing 'id'" },
	{ "tests: [{id: a/b, request_uri: 'sip:a@b', expect: 301}]", 1, 14, "'id' may hold only letters, digits" },
	{ "tests: [{id: 'a b', request_uri: 'sip:a@b', expect: 301}]", 1, 14, "'id' may hold only" },
	{ "tests: [{id: [a], request_uri: 'sip:a@b', expect: 301}]", 1, 14, "'id' must be a string, not a list" },
	{ "tests:\n - {id: a, request_uri: 'sip:a@b', expect: 301}\n - {id: a, request_uri: 'sip:a@b', expect: 301}\n", 3, 9, "duplicate test id 'a' (first at line 2)" },
	/* request_uri */
	{ "tests: [{id: a, expect: 301}]", 1, 9, "missing 'request_uri'" },
	{ "tests: [{id: a, request_uri: \"sip:a@b\\r\\nVia: x\", expect: 301}]", 1, 30, "'request_uri' contains a line break (CR/LF)" },
	{ "tests: [{id: a, request_uri: \"sip:a@b\\nx\", expect: 301}]", 1, 30, "contains a line break" },
	{ "tests: [{id: a, request_uri: \"sip:a@b\\0x\", expect: 301}]", 1, 30, "contains a NUL byte" },
	{ "tests: [{id: a, request_uri: \"sip:a@b\\x7f\", expect: 301}]", 1, 30, "contains a control byte" },
	{ "tests: [{id: a, request_uri: \"sip:a@b\\e\", expect: 301}]", 1, 30, "contains a control byte" },
	{ "tests: [{id: a, request_uri: \"sip:a@b\\N\", expect: 301}]", 1, 30, "C1 control" },
	{ "tests: [{id: a, request_uri: \"sip:a@b\\t\", expect: 301}]", 1, 30, "contains a TAB" },
	{ "tests: [{id: a, request_uri: 'sip:[service]@x', expect: 301}]", 1, 30, "SIPp would substitute" },
	{ "tests: [{id: a, request_uri: 'sip:a@[remote_ip]', expect: 301}]", 1, 30, "SIPp would substitute" },
	{ "tests: [{id: a, request_uri: 'sip:a@x;p=[field0]', expect: 301}]", 1, 30, "SIPp would substitute" },
	{ "tests: [{id: a, request_uri: 'sip:a]@x', expect: 301}]", 1, 30, "contains ']' outside an IPv6" },
	{ "tests: [{id: a, request_uri: 'sip:a@[::1]x', expect: 301}]", 1, 30, "contains '['" },
	{ "tests: [{id: a, request_uri: 'sip:a@[::1', expect: 301}]", 1, 30, "contains '['" },
	{ "tests: [{id: a, request_uri: 'alice@example.com', expect: 301}]", 1, 30, "'request_uri' is not a URI" },
	{ "tests: [{id: a, request_uri: '1sip:a@b', expect: 301}]", 1, 30, "is not a URI" },
	{ "tests: [{id: a, request_uri: 'sip:', expect: 301}]", 1, 30, "has nothing after the scheme" },
	{ "tests: [{id: a, request_uri: 'sip:a @b', expect: 301}]", 1, 30, "is not a valid URI: invalid character 0x20 in user part (offset 5): 'sip:a @b'" },
	{ "tests: [{id: a, request_uri: 'sip:<a@b>', expect: 301}]", 1, 30, "is not a valid URI: invalid character '<' in user part (offset 4)" },
	{ "tests: [{id: a, request_uri: 'sip:a@b\xc3\xa9', expect: 301}]", 1, 30, "is not a valid URI: invalid character 0xc3 in SIP URI (offset 7)" },
	{ "tests: [{id: a, request_uri: 'sip:a@', expect: 301}]", 1, 30, "'request_uri' is not a valid URI: missing host (offset 6): 'sip:a@'" },
	{ "tests: [{id: a, request_uri: 'sip:a@b:0', expect: 301}]", 1, 30, "invalid port" },
	{ "tests: [{id: a, request_uri: 'sip:a@b:70000', expect: 301}]", 1, 30, "is not a valid URI: port '70000' out of range (offset 8)" },
	{ "tests: [{id: a, request_uri: 'sip:a@b:5x', expect: 301}]", 1, 30, "is not a valid URI: invalid character 'x' in SIP URI (offset 9)" },
	/* the RFC 3261 §25 grammar (sipuri_parse), not only a plausibility check */
	{ "tests: [{id: a, request_uri: 'sip:a#b@h', expect: 301}]", 1, 30, "'request_uri' is not a valid URI: invalid character '#' in user part (offset 5): 'sip:a#b@h'" },
	{ "tests: [{id: a, request_uri: 'sip:a@example.123', expect: 301}]", 1, 30, "is not a valid URI: invalid host 'example.123' (offset 6)" },
	{ "tests: [{id: a, request_uri: 'sip:a@h;;lr', expect: 301}]", 1, 30, "is not a valid URI: empty URI parameter (offset 8)" },
	{ "tests: [{id: a, request_uri: 'sip:2001:db8::1', expect: 301}]", 1, 30, "IPv6 address must be enclosed in '[' ']'" },
	{ "tests: [{id: a, request_uri: 'tel:+1 555', expect: 301}]", 1, 30, "is not a valid URI: invalid character 0x20 in URI (offset 6)" },
	{ "tests: [{id: a, request_uri: 'tel:', expect: 301}]", 1, 30, "'request_uri' has nothing after the scheme: 'tel:'" },
	{ "tests: [{id: a, request_uri: 'sips:a@b:0;x=y', expect: 301}]", 1, 30, "'request_uri' has an invalid port (1..65535): 'sips:a@b:0;x=y'" },
	{ "tests: [{id: a, request_uri: [sip:a@b], expect: 301}]", 1, 30, "'request_uri' must be a string, not a list" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', request_uris: ['sip:a@b'], expect: 301}]", 1, 41, "'request_uri' and 'request_uris' cannot both be given" },
	{ "tests: [{id: a, request_uris: [], expect: 301}]", 1, 31, "'request_uris' must not be an empty list" },
	{ "tests: [{id: a, request_uris: 'sip:a@b', expect: 301}]", 1, 31, "'request_uris' must be a list, not a scalar" },
	{ "tests: [{id: a, request_uris: ['sip:a@b', 'sip:a@b'], expect: 301}]", 1, 43, "'request_uris' lists 'sip:a@b' twice" },
	{ "tests: [{id: a, request_uris: ['sip:a@b', [x]], expect: 301}]", 1, 43, "'request_uris' must be a string, not a list" },
	/* method */
	{ "tests: [{id: a, request_uri: 'sip:a@b', method: 'IN VITE', expect: 405}]", 1, 49, "'method' is not a SIP token" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', method: 'A:B', expect: 405}]", 1, 49, "'method' is not a SIP token" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', method: '[x]', expect: 405}]", 1, 49, "SIPp would substitute" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', method: '', expect: 405}]", 1, 49, "'method' has no value" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', method: A, methods: [B], expect: 405}]", 1, 52, "'method' and 'methods' cannot both be given" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', methods: [A, B, A], expect: 405}]", 1, 57, "'methods' lists 'A' twice (first at line 1)" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', methods: [], expect: 405}]", 1, 50, "'methods' must not be an empty list" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', methods: ['a/b'], expect: 405}]", 1, 51, "'methods' is not a SIP token" },
	/* expect */
	{ "tests: [{id: a, request_uri: 'sip:a@b'}]", 1, 9, "missing 'expect' in test 'a' (200, 301, 302, 405 or 501)" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', method: MESSAGE, expect: 200}]", 1, 49, "expect 200 applies only to method OPTIONS, not MESSAGE" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', methods: [OPTIONS, INFO], expect: 200}]", 1, 60, "expect 200 applies only to method OPTIONS, not INFO" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 300}]", 1, 49, "'expect' must be 200, 301, 302, 405 or 501, not 300" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 0301}]", 1, 49, "'expect' must be 200, 301, 302, 405 or 501, not 0301" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: [301]}]", 1, 49, "'expect' must be 200, 301, 302, 405 or 501, not a list" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: \"301\\0x\"}]", 1, 49, "'expect' must be 200, 301, 302, 405 or 501, not 301\\x00x" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: }]", 1, 49, "'expect' must be 200, 301, 302, 405 or 501" },
	/* contact */
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, contact: 'sip:c@d'}]", 1, 54, "'contact' applies only to expect 301 or 302 (this test expects 405)" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 301, contact: 'c@d'}]", 1, 63, "'contact' is not a URI" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 301, contact: ['sip:c@d', 'x']}]", 1, 75, "'contact' is not a URI" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 301, contact: []}]", 1, 63, "'contact' must not be an empty list" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 301, contact: {a: b}}]", 1, 63, "'contact' must be a string, not a mapping" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 301, contact: 'sip:[x]@d'}]", 1, 63, "SIPp would substitute" },
	/* allow */
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 301, allow: [A]}]", 1, 54, "'allow' applies only to expect 405 or 501 (this test expects 301)" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 302, allow: [A]}]", 1, 54, "'allow' applies only to expect 405 or 501 (this test expects 302)" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, allow: INVITE}]", 1, 61, "'allow' must be a list, not a scalar" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, allow: [INVITE, 'A B']}]", 1, 70, "'allow' is not a SIP token" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, allow: [INVITE, INVITE]}]", 1, 70, "'allow' lists 'INVITE' twice" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, allow: [[A]]}]", 1, 62, "'allow' must be a string, not a list" },
	/* repeat, follow, transport, probes */
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, repeat: 0}]", 1, 62, "'repeat' must be an integer from 1 to 100, not '0'" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, repeat: 101}]", 1, 62, "'repeat' must be an integer from 1 to 100" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, repeat: 1.5}]", 1, 62, "'repeat' must be an integer" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, repeat: [1]}]", 1, 62, "'repeat' must be an integer from 1 to 100, not a list" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 301, follow: 11}]", 1, 62, "'follow' must be an integer from 0 to 10" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, follow: 1}]", 1, 54, "'follow' applies only to expect 301 or 302" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, transport: sctp}]", 1, 65, "'transport' must be udp, tcp or tls, not 'sctp'" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, transport: udp, transports: [tcp]}]", 1, 70, "'transport' and 'transports' cannot both be given" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, transports: [udp, UDP]}]", 1, 72, "'transports' lists 'udp' twice" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, transports: [udp, tcp, udp]}]", 1, 77, "'transports' lists 'udp' twice" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, transports: [tls, tcp, TLS]}]", 1, 77, "'transports' lists 'tls' twice" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, transports: [udp, tcp, tls, udp]}]", 1, 82, "'transports' lists a transport twice (udp, tcp and tls exist)" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, transports: []}]", 1, 66, "'transports' must not be an empty list" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, transports: udp}]", 1, 66, "'transports' must be a list" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 501, probe_options: true}]", 1, 54, "'probe_options' applies only to expect 405" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 301, probe_allowed: true}]", 1, 54, "'probe_allowed' applies only to expect 405" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 302, probe_options: true}]", 1, 54, "'probe_options' applies only to expect 405" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, probe_options: yes}]", 1, 69, "'probe_options' must be true or false, not 'yes'" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, probe_options: 'true'}]", 1, 69, "must be true or false" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, probe_allowed: [true]}]", 1, 69, "'probe_allowed' must be true or false, not a list" },
	/* unknown keys in a test, control bytes in keys shown escaped */
	{ "tests: [{id: a, request_uri: 'sip:a@b', expct: 301}]", 1, 41, "unknown key 'expct' (expected one of: id, request_uri, request_uris, method, methods, expect," },
	{ "tests: [{id: a, \"x\\ty\": 1}]", 1, 17, "unknown key 'x\\x09y'" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, alow: []}]", 1, 54, "transports, follow, probe_options, probe_allowed, auth, headers, body, content_type, from, to, tags, load); did you mean 'allow'?" },
	{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, zzzzzz: []}]", 1, 54, "probe_allowed, auth, headers, body, content_type, from, to, tags, load)" },
	{ "target: {hots: x}\n", 1, 10, "unknown key 'hots' (expected one of: host, port, transport); did you mean 'host'?" },
	/* suite name */
	{ "suite: \"a\\rb\"\ntests: []\n", 1, 8, "'suite' contains a line break" },
	{ "suite: '[x]'\ntests: []\n", 1, 8, "'suite' contains '['" },
};

START_TEST(test_bad_buf)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	int err = load_str(&p, bad_buf[_i].yaml, &dg);

	const char *y = bad_buf[_i].yaml;
	size_t l;

	/* Show where the reported mark points, for a failing column */
	for (l = 1; l < dg.line && strchr(y, '\n'); l++)
		y = strchr(y, '\n') + 1;
	if (dg.col && dg.col - 1 <= strlen(y))
		y += dg.col - 1;
	ck_assert_msg(dg.col == bad_buf[_i].col || !bad_buf[_i].col,
		      "col %zu, want %zu: mark at '%.12s'", dg.col,
		      bad_buf[_i].col, y);
	ck_bad(err, &p, &dg, bad_buf[_i].line, bad_buf[_i].col, bad_buf[_i].msg);
	ck_assert_str_eq(dg.file, "t.yaml");
}
END_TEST

/* The diagnostic prints as the contract says: "FILE:LINE:COL: msg". */
START_TEST(test_diag_text)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	char buf[1200];

	ck_assert_int_eq(suite_load_buf(&p, "suites/x.yaml", HDR
		"    expect: 300\n", strlen(HDR) + 16, &dg), EBADMSG);
	diag_format(&dg, buf, sizeof(buf));
	ck_assert_str_eq(buf, "suites/x.yaml:5:13: 'expect' must be 200, 301, "
			 "302, 405 or 501, not 300");
}
END_TEST

/* A URI error reads "FILE:LINE:COL: '<key>' <what is wrong>: '<value>'",
 * what is wrong coming from sipuri_parse() where the grammar is broken. */
START_TEST(test_uri_diag)
{
	static const struct {
		const char *yaml, *text;
	} t[] = {
		{ "tests: [{id: a, request_uri: 'sip:a@', expect: 501}]",
		  "t.yaml:1:30: 'request_uri' is not a valid URI: missing host (offset 6): 'sip:a@'" },
		{ "tests: [{id: a, request_uri: 'sip:a@b', expect: 301, contact: 'sip:c@d:99999'}]",
		  "t.yaml:1:63: 'contact' is not a valid URI: port '99999' out of range (offset 8): 'sip:c@d:99999'" },
		{ "tests: [{id: a, request_uri: alice, expect: 501}]",
		  "t.yaml:1:30: 'request_uri' is not a URI (expected scheme:..., e.g. sip:alice@example.com): 'alice'" },
		{ "tests: [{id: a, request_uris: ['sip:a@b', 'sip:a@b:0'], expect: 501}]",
		  "t.yaml:1:43: 'request_uris' has an invalid port (1..65535): 'sip:a@b:0'" },
	};
	struct plan *p = NULL;
	struct diag dg = { 0 };
	char buf[1200];
	size_t i;

	for (i = 0; i < NELEM(t); i++) {
		ck_assert_int_eq(load_str(&p, t[i].yaml, &dg), EBADMSG);
		ck_assert_ptr_null(p);
		diag_format(&dg, buf, sizeof(buf));
		ck_assert_str_eq(buf, t[i].text);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* Limits and hostile input                                            */

START_TEST(test_value_1024)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	int err;

	/* exactly 1024 bytes: accepted */
	sb_str(&b, "tests: [{expect: 501, id: a, request_uri: sip:");
	sb_rep(&b, "a", 1024 - 6);
	sb_str(&b, "@b}]");
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_assert_msg(err == 0, "%s", dg.msg);
	ck_assert_uint_eq(strlen(p->cases[0].request_uri), 1024);
	p = plan_free(p);
	/* 1025: refused */
	b.l -= 4;
	sb_str(&b, "a@b}]");
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_bad(err, &p, &dg, 1, 43, "value is longer than 1024 bytes (1025)");
	free(b.p);
}
END_TEST

START_TEST(test_file_too_big)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	size_t n = 4u * 1024 * 1024 + 1;
	char path[] = "/tmp/check_suite_XXXXXX";
	char *buf = malloc(n);
	int fd, err;

	ck_assert_ptr_nonnull(buf);
	memset(buf, '#', n);   /* a valid YAML comment, but too long */
	err = suite_load_buf(&p, "t.yaml", buf, n, &dg);
	ck_bad(err, &p, &dg, 0, 0, "larger than 4 MiB");

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, buf, n), (ssize_t)n);
	close(fd);
	err = suite_load(&p, path, &dg);
	unlink(path);
	free(buf);
	ck_bad(err, &p, &dg, 0, 0, "larger than 4 MiB");
	ck_assert_str_eq(dg.file, path);
}
END_TEST

START_TEST(test_duplicate_id_late)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	char s[80];
	size_t i;
	int err;

	sb_str(&b, "tests:\n");
	for (i = 0; i < 5000; i++) {
		snprintf(s, sizeof(s), "- {id: t%zu, request_uri: 'sip:a@b', "
			 "expect: 501}\n", i);
		sb_str(&b, s);
	}
	sb_str(&b, "- {id: t1234, request_uri: 'sip:a@b', expect: 501}\n");
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_bad(err, &p, &dg, 5002, 8, "duplicate test id 't1234' (first at line 1236)");
	free(b.p);
}
END_TEST

START_TEST(test_list_limit)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	char s[32];
	size_t i;
	int err;

	sb_str(&b, "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, allow: [");
	for (i = 0; i < 257; i++) {
		snprintf(s, sizeof(s), "%sM%zu", i ? "," : "", i);
		sb_str(&b, s);
	}
	sb_str(&b, "]}]\n");
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_bad(err, &p, &dg, 1, 61, "'allow' has 257 items (at most 256)");
	free(b.p);
}
END_TEST

/* Expansion multiplies the lists: the plan's byte budget stops it. */
/* ------------------------------------------------------------------ */
/* tags                                                                */

START_TEST(test_tags)
{
	static const char yaml[] =
		"suite: tg\n"
		"tags: [kam, core]\n"
		"tests:\n"
		"  - id: a\n"
		"    request_uri: sip:a@example.com\n"
		"    expect: 301\n"
		"    tags: [slow, core, x.y_z-1]\n"
		"  - id: b\n"
		"    request_uri: sip:b@example.com\n"
		"    methods: [INVITE, OPTIONS]\n"
		"    expect: 301\n"
		"    tags: []\n";
	struct plan *p = NULL;
	struct diag dg = { 0 };
	size_t i;

	ck_assert_int_eq(load_str(&p, yaml, &dg), 0);
	ck_assert_uint_eq(p->ntags, 2);
	ck_assert_str_eq(p->tags[0], "kam");
	ck_assert_str_eq(p->tags[1], "core");
	/* the suite's first, then the test's own it does not have */
	ck_assert_uint_eq(p->cases[0].ntags, 4);
	ck_assert_str_eq(p->cases[0].tags[0], "kam");
	ck_assert_str_eq(p->cases[0].tags[1], "core");
	ck_assert_str_eq(p->cases[0].tags[2], "slow");
	ck_assert_str_eq(p->cases[0].tags[3], "x.y_z-1");
	ck_assert(plan_case_has_tag(&p->cases[0], "slow"));
	ck_assert(!plan_case_has_tag(&p->cases[0], "Slow"));   /* case-sensitive */
	/* every expanded case carries the tags */
	ck_assert_uint_eq(p->ncases, 3);
	for (i = 1; i < 3; i++) {
		ck_assert_uint_eq(p->cases[i].ntags, 2);
		ck_assert(plan_case_has_tag(&p->cases[i], "kam"));
		ck_assert(!plan_case_has_tag(&p->cases[i], "slow"));
	}
	p = plan_free(p);

	/* none at all: NULL, 0 */
	ck_assert_int_eq(load_str(&p, "tests:\n  - id: a\n    request_uri: sip:a@x.com\n"
				  "    expect: 301\n    tags: [t]\n", &dg), 0);
	ck_assert_ptr_null(p->tags);
	ck_assert_uint_eq(p->ntags, 0);
	ck_assert_uint_eq(p->cases[0].ntags, 1);
	ck_assert_str_eq(p->cases[0].tags[0], "t");
	p = plan_free(p);
}
END_TEST

static const struct {
	const char *yaml;
	size_t line, col;
	const char *msg;
} bad_tags[] = {
	{ "tags: smoke\ntests:\n  - id: a\n    request_uri: sip:a@x.com\n    expect: 301\n",
	  1, 7, "'tags' must be a list" },
	{ "tags: [a, a]\ntests:\n  - id: a\n    request_uri: sip:a@x.com\n    expect: 301\n",
	  1, 11, "twice" },
	{ "tests:\n  - id: a\n    request_uri: sip:a@x.com\n    expect: 301\n    tags: [\"a b\"]\n",
	  5, 12, "'tags' may hold only letters, digits" },
	{ "tests:\n  - id: a\n    request_uri: sip:a@x.com\n    expect: 301\n    tags: [a/b]\n",
	  5, 12, "'tags' may hold only" },
	{ "tests:\n  - id: a\n    request_uri: sip:a@x.com\n    expect: 301\n    tags: [{a: 1}]\n",
	  5, 12, "tags" },
	{ "tests:\n  - id: a\n    request_uri: sip:a@x.com\n    expect: 301\n    tags: [\"\"]\n",
	  5, 12, "tags" },
};

START_TEST(test_bad_tags)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	int err = load_str(&p, bad_tags[_i].yaml, &dg);

	ck_bad(err, &p, &dg, bad_tags[_i].line, bad_tags[_i].col, bad_tags[_i].msg);
}
END_TEST

/*
 * Every key the schema accepts, at each level, is documented in
 * doc/sipconform-suite.5 (as ".B key:", ".BI key:" or ".BR key:"): the
 * keys are read from the loader's own "unknown key" message, so a key
 * added to suite.c without its man page entry fails here.
 */
static void keys_documented(const char *man, const char *yaml)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	const char *k, *end;
	size_t n = 0;

	ck_assert_int_eq(load_str(&p, yaml, &dg), EBADMSG);
	k = strstr(dg.msg, "expected one of: ");
	ck_assert_msg(k != NULL, "no key list in '%s'", dg.msg);
	k += strlen("expected one of: ");
	end = strchr(k, ')');
	ck_assert_ptr_nonnull(end);
	while (k < end) {
		size_t l = strcspn(k, ",)");
		char pat[3][80];
		int j;
		bool found = false;

		for (j = 0; j < 3; j++)
			snprintf(pat[j], sizeof(pat[j]), "\n.%s %.*s:", j == 0 ? "B" : j == 1 ? "BI" : "BR",
				 (int)l, k);
		for (j = 0; j < 3; j++)
			found = found || strstr(man, pat[j]) != NULL;
		ck_assert_msg(found, "key '%.*s' is not documented in doc/sipconform-suite.5", (int)l, k);
		n++;
		k += l;
		while (*k == ',' || *k == ' ')
			k++;
	}
	ck_assert_uint_gt(n, 2);
}

START_TEST(test_keys_in_man_page)
{
	char path[1024], man[65536];
	FILE *fp = fopen(tmain_src(path, sizeof(path), "doc/sipconform-suite.5"), "r");
	size_t n;

	ck_assert_ptr_nonnull(fp);
	n = fread(man, 1, sizeof(man) - 1, fp);
	fclose(fp);
	man[n] = '\0';
	keys_documented(man, "zzz: 1\ntests: []\n");                     /* the suite's */
	keys_documented(man, "target: {zzz: 1}\ntests: []\n");           /* target */
	keys_documented(man, "tests:\n  - id: a\n    zzz: 1\n");         /* a test's */
	keys_documented(man, "setup:\n  - register: {zzz: 1}\n"
			"tests:\n  - id: a\n    request_uri: sip:a@x.com\n    expect: 301\n");
}
END_TEST

static Suite *suite_suite(void)
{
	Suite *s = suite_create("suite");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_test(core, test_good_minimal);
	tcase_add_test(core, test_good_full);
	tcase_add_test(core, test_good_lab);
	tcase_add_loop_test(core, test_bad_fixture, 0,
			    sizeof(bad_fix) / sizeof(bad_fix[0]));
	tcase_add_test(core, test_unreadable);
	tcase_add_test(core, test_inline_good);
	tcase_add_loop_test(core, test_bad_buf, 0,
			    sizeof(bad_buf) / sizeof(bad_buf[0]));
	tcase_add_test(core, test_diag_text);
	tcase_add_test(core, test_uri_diag);
	tcase_add_test(core, test_tags);
	tcase_add_loop_test(core, test_bad_tags, 0, NELEM(bad_tags));
	tcase_add_test(core, test_keys_in_man_page);
	suite_add_tcase(s, core);

	tcase_set_timeout(lim, 120);
	tcase_add_test(lim, test_value_1024);
	tcase_add_test(lim, test_file_too_big);
	tcase_add_test(lim, test_duplicate_id_late);
	tcase_add_test(lim, test_list_limit);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_suite", suite_suite, NULL, NULL };
