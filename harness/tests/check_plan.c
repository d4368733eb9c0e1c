/*
 * check_plan.c - unit tests for the plan (suite/plan.c): the matrix
 * expansion of entries into cases, its ids and limits, transport names,
 * setup steps, credentials read at run time and ${target} expansion.
 *
 * plan_expand() is tested directly, and through suite_load_buf() where
 * the expansion of a suite file is the point.  Run under ASan with
 * CK_FORK=no so that a leak on any error path fails the run.
 */
#include "tmain.h"
#include "tsuite.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suite/plan.h"
#include "suite/suite.h"

/* ------------------------------------------------------------------ */
/* plan_expand                                                         */

static const char *const uris[] = { "sip:a@x.example", "sip:b@x.example" };
static const char *const meths[] = { "INVITE", "BYE" };
static const char *const contacts[] = { "sip:c@d.example" };
static const char *const allow[] = { "OPTIONS", "INVITE" };

static struct plan_entry entry(void)
{
	struct plan_entry e = {
		.id = "e", .line = 7, .col = 5,
		.uris = { uris, 1, false },
		.tr = { TRANSPORT_DEFAULT }, .ntr = 1,
		.expect = 405, .repeat = 3,
		.allow = { allow, 2, true }, .has_allow = true,
		.probe_options = true,
	};
	return e;
}

START_TEST(test_expand_single)
{
	struct plan *p = calloc(1, sizeof(*p));
	struct plan_entry e = entry();
	const struct tcase *t;

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(plan_entry_ncases(&e), 1);
	ck_assert_int_eq(plan_expand(p, &e, 1, 1u << 20), 0);
	ck_assert_uint_eq(p->ncases, 1);
	t = &p->cases[0];
	ck_assert_str_eq(t->id, "e");             /* nothing written as a list */
	ck_assert_str_eq(t->group, "e");
	ck_assert_str_eq(t->request_uri, "sip:a@x.example");
	ck_assert_str_eq(t->method, "OPTIONS");   /* no methods */
	ck_assert_uint_eq(t->line, 7);
	ck_assert_uint_eq(t->col, 5);
	ck_assert_uint_eq(t->expect, 405);
	ck_assert_uint_eq(t->repeat, 3);
	ck_assert_int_eq(t->transport, TRANSPORT_DEFAULT);
	ck_assert(t->probe_options && !t->probe_allowed);
	ck_assert(t->has_allow);
	ck_assert_uint_eq(t->nallow, 2);
	ck_assert_str_eq(t->allow[1], "INVITE");
	ck_assert(t->allow[1] != allow[1]);       /* copies */
	ck_assert_ptr_null(t->contacts);
	ck_assert_uint_eq(t->ncontacts, 0);
	ck_assert_ptr_null(plan_free(p));
}
END_TEST

START_TEST(test_expand_matrix)
{
	static const char *const want[] = {
		"m/1/INVITE/tcp", "m/1/INVITE/udp", "m/1/BYE/tcp", "m/1/BYE/udp",
		"m/2/INVITE/tcp", "m/2/INVITE/udp", "m/2/BYE/tcp", "m/2/BYE/udp",
		"n/INVITE", "n/BYE",
	};
	struct plan *p = calloc(1, sizeof(*p));
	struct plan_entry e[2];
	size_t i;

	e[0] = entry();
	e[0].id = "m";
	e[0].uris = (struct plan_list){ uris, 2, true };
	e[0].methods = (struct plan_list){ meths, 2, true };
	e[0].tr[0] = TRANSPORT_TCP;
	e[0].tr[1] = TRANSPORT_UDP;
	e[0].ntr = 2;
	e[0].tr_list = true;
	e[1] = entry();
	e[1].id = "n";
	e[1].line = 9;
	e[1].methods = (struct plan_list){ meths, 2, true };
	e[1].expect = 301;
	e[1].contacts = (struct plan_list){ contacts, 1, false };
	e[1].allow = (struct plan_list){ NULL, 0, false };
	e[1].has_allow = false;
	ck_assert_uint_eq(plan_entry_ncases(&e[0]), 8);
	ck_assert_uint_eq(plan_entry_ncases(&e[1]), 2);
	ck_assert_int_eq(plan_expand(p, e, 2, 1u << 20), 0);
	ck_assert_uint_eq(p->ncases, NELEM(want));
	for (i = 0; i < NELEM(want); i++)
		ck_assert_str_eq(p->cases[i].id, want[i]);
	ck_assert_str_eq(p->cases[4].request_uri, "sip:b@x.example");
	ck_assert_str_eq(p->cases[6].method, "BYE");
	ck_assert_int_eq(p->cases[6].transport, TRANSPORT_TCP);
	ck_assert_int_eq(p->cases[7].transport, TRANSPORT_UDP);
	ck_assert_str_eq(p->cases[7].group, "m");
	ck_assert_str_eq(p->cases[9].group, "n");
	ck_assert_uint_eq(p->cases[9].line, 9);
	ck_assert_uint_eq(p->cases[9].ncontacts, 1);
	ck_assert_str_eq(p->cases[9].contacts[0], "sip:c@d.example");
	ck_assert(!p->cases[9].has_allow);
	ck_assert_ptr_null(p->cases[9].allow);
	plan_free(p);
}
END_TEST

/* allow: [] is "an empty Allow is required": present, no items. */
START_TEST(test_expand_empty_allow)
{
	struct plan *p = calloc(1, sizeof(*p));
	struct plan_entry e = entry();

	e.allow = (struct plan_list){ NULL, 0, true };
	ck_assert_int_eq(plan_expand(p, &e, 1, 1u << 20), 0);
	ck_assert(p->cases[0].has_allow);
	ck_assert_uint_eq(p->cases[0].nallow, 0);
	ck_assert_ptr_nonnull(p->cases[0].allow);
	plan_free(p);
}
END_TEST

/* The byte budget: exactly enough works, one byte less is E2BIG, and the
 * partial plan is freed by plan_free() (ASan checks). */
START_TEST(test_expand_budget)
{
	struct plan *p;
	struct plan_entry e = entry();
	size_t need;

	e.uris = (struct plan_list){ uris, 2, true };
	/* per case: id "e/N" 4, group 2, uri 16, "OPTIONS" 8, 2 pointers,
	 * "OPTIONS" 8 + "INVITE" 7 */
	need = 2 * (4 + 2 + 16 + 8 + 2 * sizeof(char *) + 8 + 7);
	p = calloc(1, sizeof(*p));
	ck_assert_int_eq(plan_expand(p, &e, 1, need), 0);
	ck_assert_uint_eq(p->ncases, 2);
	plan_free(p);
	p = calloc(1, sizeof(*p));
	ck_assert_int_eq(plan_expand(p, &e, 1, need - 1), E2BIG);
	ck_assert_uint_le(p->ncases, 2);
	plan_free(p);
	p = calloc(1, sizeof(*p));
	ck_assert_int_eq(plan_expand(p, &e, 1, 0), E2BIG);
	plan_free(p);
}
END_TEST

START_TEST(test_expand_args)
{
	struct plan *p = calloc(1, sizeof(*p));
	struct plan_entry e = entry();

	ck_assert_int_eq(plan_expand(NULL, &e, 1, 100), EINVAL);
	ck_assert_int_eq(plan_expand(p, NULL, 1, 100), EINVAL);
	ck_assert_int_eq(plan_expand(p, &e, 1, 1000), 0);
	/* a plan that holds cases already is not appended to */
	ck_assert_int_eq(plan_expand(p, &e, 1, 1000), EINVAL);
	ck_assert_uint_eq(p->ncases, 1);
	plan_free(p);

	/* ncases saturates instead of wrapping */
	e.uris.n = SIZE_MAX / 2;
	e.methods = (struct plan_list){ meths, 4, true };
	ck_assert_uint_eq(plan_entry_ncases(&e), SIZE_MAX);
	e.uris.n = 0;
	ck_assert_uint_eq(plan_entry_ncases(&e), 0);
}
END_TEST

START_TEST(test_transport_name)
{
	ck_assert_str_eq(transport_name(TRANSPORT_UDP), "udp");
	ck_assert_str_eq(transport_name(TRANSPORT_TCP), "tcp");
	ck_assert_str_eq(transport_name(TRANSPORT_TLS), "tls");
	ck_assert_str_eq(transport_name(TRANSPORT_DEFAULT), "default");
	ck_assert_str_eq(transport_name((enum transport)42), "default");
	ck_assert_ptr_null(plan_free(NULL));
}
END_TEST

/* The request parts are copied into every case; their bytes count. */
START_TEST(test_expand_request_parts)
{
	static struct plan_header hdr[] = {
		{ (char *)"Event", (char *)"presence" },
		{ (char *)"X-A", (char *)"b" },
	};
	static struct plan_auth auth = { (char *)"u", NULL, (char *)"PW" };
	struct plan *p;
	struct plan_entry e = entry();
	const struct tcase *t;
	size_t need, i;

	e.uris = (struct plan_list){ uris, 2, true };
	e.auth = &auth;
	e.headers = hdr;
	e.nheaders = 2;
	e.body = "hi\n";
	e.content_type = "text/plain";
	e.from = "sip:f@x";
	e.to = "sip:t@x";
	p = calloc(1, sizeof(*p));
	ck_assert_int_eq(plan_expand(p, &e, 1, 1u << 20), 0);
	ck_assert_uint_eq(p->ncases, 2);
	for (i = 0; i < 2; i++) {
		t = &p->cases[i];
		ck_assert_str_eq(t->auth.user, "u");
		ck_assert_ptr_null(t->auth.password);
		ck_assert_str_eq(t->auth.password_env, "PW");
		ck_assert(t->auth.user != auth.user);
		ck_assert_uint_eq(t->nheaders, 2);
		ck_assert_str_eq(t->headers[0].name, "Event");
		ck_assert_str_eq(t->headers[0].value, "presence");
		ck_assert_str_eq(t->headers[1].name, "X-A");
		ck_assert(t->headers[1].value != hdr[1].value);
		ck_assert_str_eq(t->body, "hi\n");
		ck_assert_str_eq(t->content_type, "text/plain");
		ck_assert_str_eq(t->from, "sip:f@x");
		ck_assert_str_eq(t->to, "sip:t@x");
	}
	ck_assert(p->cases[0].headers != p->cases[1].headers);
	plan_free(p);

	/* per case as in test_expand_budget, plus auth "u" 2 + "PW" 3, two
	 * headers and their 6 + 9 + 4 + 2 bytes, "hi\n" 4, "text/plain" 11,
	 * two URIs 8 each */
	need = 2 * (4 + 2 + 16 + 8 + 2 * sizeof(char *) + 8 + 7 + 2 + 3 +
		    2 * sizeof(struct plan_header) + 6 + 9 + 4 + 2 + 4 + 11 +
		    8 + 8);
	p = calloc(1, sizeof(*p));
	ck_assert_int_eq(plan_expand(p, &e, 1, need), 0);
	plan_free(p);
	for (i = 1; i <= need; i *= 3) {
		p = calloc(1, sizeof(*p));
		ck_assert_int_eq(plan_expand(p, &e, 1, need - i), E2BIG);
		plan_free(p);
	}
}
END_TEST

START_TEST(test_auth_copy_and_steps)
{
	static struct plan_auth a = { (char *)"u", (char *)"pw", NULL };
	static char *reg_allow[] = { (char *)"INVITE", (char *)"BYE" };
	struct plan_auth d;
	struct plan *p = calloc(1, sizeof(*p));
	struct plan_step st = { .kind = PLAN_STEP_REGISTER, .line = 3, .col = 5 };

	ck_assert_int_eq(plan_auth_copy(&d, &a), 0);
	ck_assert_str_eq(d.user, "u");
	ck_assert_str_eq(d.password, "pw");
	ck_assert(d.password != a.password);
	ck_assert_ptr_null(d.password_env);
	free(d.user);
	free(d.password);
	ck_assert_int_eq(plan_auth_copy(&d, NULL), 0);      /* none */
	ck_assert_ptr_null(d.user);
	ck_assert_int_eq(plan_auth_copy(NULL, &a), EINVAL);

	ck_assert_int_eq(plan_add_step(p, &st), EINVAL);   /* no uri */
	st.reg.uri = (char *)"sip:a@b";
	st.reg.expires = 60;
	ck_assert_int_eq(plan_add_step(p, &st), 0);
	st.reg.contact = (char *)"sip:c@d";
	st.reg.allow = reg_allow;
	st.reg.nallow = 2;
	st.reg.auth = a;
	ck_assert_int_eq(plan_add_step(p, &st), 0);
	ck_assert_uint_eq(p->nsetup, 2);
	ck_assert_uint_eq(p->setup[0].line, 3);
	ck_assert_ptr_null(p->setup[0].reg.contact);
	ck_assert_ptr_null(p->setup[0].reg.allow);
	ck_assert_ptr_null(p->setup[0].reg.auth.user);
	ck_assert_uint_eq(p->setup[0].reg.expires, 60);
	ck_assert_str_eq(p->setup[1].reg.contact, "sip:c@d");
	ck_assert_uint_eq(p->setup[1].reg.nallow, 2);
	ck_assert_str_eq(p->setup[1].reg.allow[1], "BYE");
	ck_assert(p->setup[1].reg.allow != reg_allow);
	ck_assert_str_eq(p->setup[1].reg.auth.password, "pw");
	st.kind = (enum plan_step_kind)0;
	ck_assert_int_eq(plan_add_step(p, &st), EINVAL);
	ck_assert_int_eq(plan_add_step(NULL, &st), EINVAL);
	plan_free(p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Credentials at run time                                             */

START_TEST(test_auth_password)
{
	struct plan_auth a = { (char *)"u", (char *)"inline pw", NULL };
	char buf[16];
	const char *why = NULL;

	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), &why), 0);
	ck_assert_str_eq(buf, "inline pw");

	a.password = NULL;
	a.password_env = (char *)"SIPCONFORM_CHECK_PW";
	unsetenv("SIPCONFORM_CHECK_PW");
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), &why), ENOENT);
	ck_assert_str_eq(why, "is not set");
	ck_assert_str_eq(buf, "");
	setenv("SIPCONFORM_CHECK_PW", "from-env", 1);
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), &why), 0);
	ck_assert_str_eq(buf, "from-env");
	/* exactly fits: 15 bytes and the NUL; 16 do not */
	setenv("SIPCONFORM_CHECK_PW", "123456789012345", 1);
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), NULL), 0);
	setenv("SIPCONFORM_CHECK_PW", "1234567890123456", 1);
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), &why), ERANGE);
	ck_assert_str_eq(why, "is too long");
	setenv("SIPCONFORM_CHECK_PW", "", 1);
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), &why), EBADMSG);
	ck_assert_str_eq(why, "is empty");
	setenv("SIPCONFORM_CHECK_PW", "a\r\nVia: x", 1);
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), &why), EBADMSG);
	ck_assert(strstr(why, "line break") != NULL);
	setenv("SIPCONFORM_CHECK_PW", "a\"b", 1);
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), &why), EBADMSG);
	ck_assert(strstr(why, "quoted Digest parameter") != NULL);
	ck_assert(strstr(why, "a\"b") == NULL);
	setenv("SIPCONFORM_CHECK_PW", "x[last_Via:]", 1);
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), &why), EBADMSG);
	ck_assert(strstr(why, "SIPp would substitute") != NULL);
	ck_assert_str_eq(buf, "");
	unsetenv("SIPCONFORM_CHECK_PW");

	/* No credentials, both or neither source, bad arguments */
	ck_assert_int_eq(plan_auth_password(NULL, buf, sizeof(buf), &why), EINVAL);
	ck_assert_str_eq(why, "no credentials");
	a.password = (char *)"x";
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), NULL), EINVAL);
	a.password = NULL;
	a.password_env = NULL;
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), NULL), EINVAL);
	a.password = (char *)"x";
	ck_assert_int_eq(plan_auth_password(&a, NULL, 10, NULL), EINVAL);
	ck_assert_int_eq(plan_auth_password(&a, buf, 0, NULL), EINVAL);
	a.user = NULL;
	ck_assert_int_eq(plan_auth_password(&a, buf, sizeof(buf), NULL), EINVAL);
}
END_TEST

START_TEST(test_auth_value_safe)
{
	const char *why = NULL;
	size_t at = 99;

	ck_assert(plan_auth_value_safe("p@ss w0rd;&=+$,", &why, &at));
	ck_assert(!plan_auth_value_safe("", &why, &at));
	ck_assert_str_eq(why, "is empty");
	ck_assert(!plan_auth_value_safe(NULL, &why, &at));
	ck_assert(!plan_auth_value_safe("ab\\c", &why, &at));
	ck_assert_uint_eq(at, 2);
	ck_assert(!plan_auth_value_safe("abc\"", NULL, &at));
	ck_assert_uint_eq(at, 3);
	ck_assert(!plan_auth_value_safe("a\tb", &why, &at));
	ck_assert_uint_eq(at, 1);
	ck_assert(strstr(why, "TAB") != NULL);
}
END_TEST

/* ------------------------------------------------------------------ */
/* ${target}                                                           */

static const char lab[] =
	"setup:\n"
	"  - register: {uri: 'sip:reg@${target}', contact: 'sip:me@${target};ob'}\n"
	"  - register: {uri: 'sip:fixed@example.com'}\n"
	"tests:\n"
	"  - id: a\n"
	"    request_uris: ['sip:alice@${target}', 'sip:plain@example.com']\n"
	"    expect: 301\n"
	"    contact: ['sip:x@${target}', 'sip:y@example.com']\n"
	"    from: 'sip:me@${target}'\n"
	"    to: 'sips:you@${target};transport=tcp'\n"
	"    headers:\n"
	"      X-Route: <sip:edge@${target};lr>\n"
	"      X-Plain: v\n";

static struct plan *lab_plan(void)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };

	ck_assert_msg(suite_load_buf(&p, "lab.yaml", lab, strlen(lab), &dg) == 0,
		      "%s", dg.msg);
	return p;
}

START_TEST(test_expand_target)
{
	static const struct {
		const char *hp, *ruri, *to, *route, *contact;
	} t[] = {
		{ "127.0.0.1:5060", "sip:alice@127.0.0.1:5060",
		  "sips:you@127.0.0.1:5060;transport=tcp",
		  "<sip:edge@127.0.0.1:5060;lr>", "sip:me@127.0.0.1:5060;ob" },
		{ "[::1]:5062", "sip:alice@[::1]:5062",
		  "sips:you@[::1]:5062;transport=tcp",
		  "<sip:edge@[::1]:5062;lr>", "sip:me@[::1]:5062;ob" },
		{ "sip.example.com", "sip:alice@sip.example.com",
		  "sips:you@sip.example.com;transport=tcp",
		  "<sip:edge@sip.example.com;lr>", "sip:me@sip.example.com;ob" },
		{ "[2001:db8::1]", "sip:alice@[2001:db8::1]",
		  "sips:you@[2001:db8::1];transport=tcp",
		  "<sip:edge@[2001:db8::1];lr>", "sip:me@[2001:db8::1];ob" },
	};
	struct diag dg = { 0 };
	struct plan *p;
	const char *plain_uri, *plain_hdr;
	size_t i;

	for (i = 0; i < NELEM(t); i++) {
		p = lab_plan();
		plain_uri = p->cases[1].request_uri;
		plain_hdr = p->cases[0].headers[1].value;
		ck_assert_int_eq(plan_expand_target(p, t[i].hp, &dg), 0);
		ck_assert_str_eq(p->cases[0].request_uri, t[i].ruri);
		ck_assert_str_eq(p->cases[1].request_uri, "sip:plain@example.com");
		ck_assert_ptr_eq(p->cases[1].request_uri, plain_uri); /* untouched */
		ck_assert_ptr_eq(p->cases[0].headers[1].value, plain_hdr);
		ck_assert_str_eq(p->cases[0].to, t[i].to);
		ck_assert_str_eq(p->cases[1].to, t[i].to);
		ck_assert_str_eq(p->cases[0].headers[0].value, t[i].route);
		ck_assert_str_eq(p->setup[0].reg.contact, t[i].contact);
		ck_assert(strstr(p->cases[1].from, t[i].hp) != NULL);
		ck_assert(strstr(p->cases[1].contacts[0], t[i].hp) != NULL);
		ck_assert_str_eq(p->cases[1].contacts[1], "sip:y@example.com");
		ck_assert(strstr(p->setup[0].reg.uri, t[i].hp) != NULL);
		ck_assert_str_eq(p->setup[1].reg.uri, "sip:fixed@example.com");
		/* nothing left to expand: a second call changes nothing */
		ck_assert_int_eq(plan_expand_target(p, "10.0.0.1:1", NULL), 0);
		ck_assert_str_eq(p->cases[0].request_uri, t[i].ruri);
		plan_free(p);
	}
}
END_TEST

START_TEST(test_expand_target_bad_hostport)
{
	static const char *const hp[] = {
		"", "::1", "::1:5060", "[::1", "a b", "host:0", "host:65536",
		"a@host", "host;lr", "host?x", "host:5060:1", "[::1]:5060x",
		"${target}", "${x}", "h[x]", "host\r\n", "host/x", "1.2.3.256",
	};
	struct plan *p = lab_plan();
	size_t i;

	for (i = 0; i < NELEM(hp); i++)
		ck_assert_msg(plan_expand_target(p, hp[i], NULL) == EINVAL,
			      "'%s' accepted", hp[i]);
	ck_assert_int_eq(plan_expand_target(p, NULL, NULL), EINVAL);
	ck_assert_int_eq(plan_expand_target(NULL, "h", NULL), EINVAL);
	/* nothing was changed */
	ck_assert_str_eq(p->cases[0].request_uri, "sip:alice@${target}");
	plan_free(p);
}
END_TEST

/* A value that grows past 1024 bytes, or whose expansion SIPp would
 * misread, is refused with the test's position. */
START_TEST(test_expand_target_too_long)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	char text[1200];
	int err;

	/* 1024 bytes as written: "sip:" + 1010 'a' + "@${target}" */
	sb_str(&b, "tests:\n  - id: long\n    expect: 501\n"
		   "    request_uri: sip:");
	sb_rep(&b, "a", 1010);
	sb_str(&b, "@${target}\n");
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_assert_msg(err == 0, "%s", dg.msg);
	ck_assert_uint_eq(strlen(p->cases[0].request_uri), 1024);
	/* "1.2.3.4:5" is as long as "${target}": it fits exactly */
	ck_assert_int_eq(plan_expand_target(p, "1.2.3.4:5", &dg), 0);
	ck_assert_uint_eq(strlen(p->cases[0].request_uri), 1024);
	p = plan_free(p);

	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(plan_expand_target(p, "1.2.3.4:50", &dg), EBADMSG);
	diag_format(&dg, text, sizeof(text));
	ck_assert_str_eq(text, "t.yaml:2:5: 'request_uri' with ${target} as "
			 "'1.2.3.4:50' is longer than 1024 bytes (offset 1024)");
	p = plan_free(p);
	free(b.p);

	/* the IPv6 brackets after '<sip:' are refused by the SIPp rules */
	ck_assert_int_eq(suite_load_buf(&p, "t.yaml", lab, strlen(lab), &dg), 0);
	free(p->cases[0].headers[0].value);
	p->cases[0].headers[0].value = strdup("<sip:${target};lr>");
	ck_assert_int_eq(plan_expand_target(p, "10.1.1.1:5060", &dg), 0);
	ck_assert_str_eq(p->cases[0].headers[0].value, "<sip:10.1.1.1:5060;lr>");
	p = plan_free(p);
	ck_assert_int_eq(suite_load_buf(&p, "t.yaml", lab, strlen(lab), &dg), 0);
	free(p->cases[1].headers[0].value);
	p->cases[1].headers[0].value = strdup("<sip:${target};lr>");
	ck_assert_int_eq(plan_expand_target(p, "[::1]:5060", &dg), EBADMSG);
	diag_format(&dg, text, sizeof(text));
	ck_assert_msg(strstr(text, "t.yaml:5:5: 'X-Route' with ${target} as "
			     "'[::1]:5060' contains '['") == text, "%s", text);
	p = plan_free(p);

	/* a hand-made plan: a URI that is not one once expanded, another
	 * variable, a step */
	ck_assert_int_eq(suite_load_buf(&p, "t.yaml", lab, strlen(lab), &dg), 0);
	free(p->cases[0].from);
	p->cases[0].from = strdup("sip:${target}@x");
	ck_assert_int_eq(plan_expand_target(p, "h:1", &dg), EBADMSG);
	ck_assert_str_eq(dg.msg, "'from' with ${target} as 'h:1' is not a "
			 "valid URI");
	free(p->cases[0].from);
	p->cases[0].from = strdup("sip:${x}");
	ck_assert_int_eq(plan_expand_target(p, "h:1", &dg), EBADMSG);
	ck_assert_str_eq(dg.msg, "'from' may use only the variable ${target} "
			 "(offset 4)");
	p = plan_free(p);
	ck_assert_int_eq(suite_load_buf(&p, "t.yaml", lab, strlen(lab), &dg), 0);
	free(p->setup[0].reg.uri);
	p->setup[0].reg.uri = strdup("tel:${target}");
	ck_assert_int_eq(plan_expand_target(p, "h:1", &dg), EBADMSG);
	diag_format(&dg, text, sizeof(text));
	ck_assert_str_eq(text, "t.yaml:2:5: 'uri' with ${target} as 'h:1' is "
			 "not a valid URI");
	plan_free(p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Expansion of suite files                                            */

START_TEST(test_good_matrix)
{
	static const struct {
		const char *id, *group, *uri, *method;
		enum transport tr;
	} want[] = {
		{ "m/INVITE", "m", "sip:a@example.com", "INVITE", TRANSPORT_DEFAULT },
		{ "m/OPTIONS", "m", "sip:a@example.com", "OPTIONS", TRANSPORT_DEFAULT },
		{ "m/MESSAGE", "m", "sip:a@example.com", "MESSAGE", TRANSPORT_DEFAULT },
		{ "mt/INVITE/udp", "mt", "sip:a@example.com", "INVITE", TRANSPORT_UDP },
		{ "mt/INVITE/tcp", "mt", "sip:a@example.com", "INVITE", TRANSPORT_TCP },
		{ "mt/MESSAGE/udp", "mt", "sip:a@example.com", "MESSAGE", TRANSPORT_UDP },
		{ "mt/MESSAGE/tcp", "mt", "sip:a@example.com", "MESSAGE", TRANSPORT_TCP },
		{ "u/1", "u", "sip:a@x.example", "OPTIONS", TRANSPORT_DEFAULT },
		{ "u/2", "u", "sip:b@x.example", "OPTIONS", TRANSPORT_DEFAULT },
		{ "one/tcp", "one", "sip:a@example.com", "OPTIONS", TRANSPORT_TCP },
		{ "all/1/INVITE/tcp", "all", "sip:a@x.example", "INVITE", TRANSPORT_TCP },
		{ "all/1/INVITE/udp", "all", "sip:a@x.example", "INVITE", TRANSPORT_UDP },
		{ "all/1/BYE/tcp", "all", "sip:a@x.example", "BYE", TRANSPORT_TCP },
		{ "all/1/BYE/udp", "all", "sip:a@x.example", "BYE", TRANSPORT_UDP },
		{ "all/2/INVITE/tcp", "all", "sip:b@x.example", "INVITE", TRANSPORT_TCP },
		{ "all/2/INVITE/udp", "all", "sip:b@x.example", "INVITE", TRANSPORT_UDP },
		{ "all/2/BYE/tcp", "all", "sip:b@x.example", "BYE", TRANSPORT_TCP },
		{ "all/2/BYE/udp", "all", "sip:b@x.example", "BYE", TRANSPORT_UDP },
	};
	struct plan *p = NULL;
	struct diag dg = { 0 };
	char path[1024];
	size_t i, n = sizeof(want) / sizeof(want[0]);

	tmain_src(path, sizeof(path), "fixtures/suites/good_matrix.yaml");
	ck_assert_int_eq(suite_load(&p, path, &dg), 0);
	ck_assert_str_eq(p->target.host, "::1");  /* "[::1]" unbracketed */
	ck_assert_uint_eq(p->ncases, n);
	for (i = 0; i < n; i++) {
		const struct tcase *t = &p->cases[i];
		ck_assert_str_eq(t->id, want[i].id);
		ck_assert_str_eq(t->group, want[i].group);
		ck_assert_str_eq(t->request_uri, want[i].uri);
		ck_assert_str_eq(t->method, want[i].method);
		ck_assert_int_eq(t->transport, want[i].tr);
	}
	/* Expanded cases carry their entry's position and fields */
	ck_assert_uint_eq(p->cases[7].line, 15);
	ck_assert_uint_eq(p->cases[17].nallow, 1);
	ck_assert_str_eq(p->cases[17].allow[0], "OPTIONS");
	ck_assert(p->cases[17].has_allow);
	plan_free(p);
}
END_TEST

/* One-element lists still expand with a suffix */
START_TEST(test_one_element_lists)
{
	static const char y[] = "tests: [{id: a, request_uris: "
		"['sip:a@b'], methods: [BYE], transports: [udp], expect: 501}]";
	struct plan *p = NULL;
	struct diag dg = { 0 };

	ck_assert_int_eq(suite_load_buf(&p, "t.yaml", y, strlen(y), &dg), 0);
	ck_assert_uint_eq(p->ncases, 1);
	ck_assert_str_eq(p->cases[0].id, "a/1/BYE/udp");
	ck_assert_str_eq(p->cases[0].group, "a");
	p = plan_free(p);
}
END_TEST

START_TEST(test_max_cases)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	char s[128];
	size_t i;
	int err;

	/* 100 request_uris x 100 methods = 10000: accepted */
	sb_str(&b, "tests:\n  - id: a\n    expect: 501\n    request_uris: [");
	for (i = 0; i < 100; i++) {
		snprintf(s, sizeof(s), "%s'sip:u%zu@h'", i ? "," : "", i);
		sb_str(&b, s);
	}
	sb_str(&b, "]\n    methods: [");
	for (i = 0; i < 100; i++) {
		snprintf(s, sizeof(s), "%sM%zu", i ? "," : "", i);
		sb_str(&b, s);
	}
	sb_str(&b, "]\n");
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_assert_msg(err == 0, "%s", dg.msg);
	ck_assert_uint_eq(p->ncases, 10000);
	ck_assert_str_eq(p->cases[0].id, "a/1/M0");
	ck_assert_str_eq(p->cases[9999].id, "a/100/M99");
	ck_assert_str_eq(p->cases[9999].request_uri, "sip:u99@h");
	p = plan_free(p);

	/* x 2 transports: refused */
	sb_str(&b, "    transports: [udp, tcp]\n");
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_bad(err, &p, &dg, 2, 5, "the suite expands to more than 10000 tests");

	/* 10000 plain entries plus one more */
	b.l = 0;
	sb_str(&b, "tests:\n");
	for (i = 0; i < 10000; i++) {
		snprintf(s, sizeof(s), "- {id: t%zu, request_uri: 'sip:a@b', "
			 "expect: 501}\n", i);
		sb_str(&b, s);
	}
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_assert_msg(err == 0, "%s", dg.msg);
	ck_assert_uint_eq(p->ncases, 10000);
	p = plan_free(p);
	sb_str(&b, "- {id: last, request_uri: 'sip:a@b', expect: 501}\n");
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_bad(err, &p, &dg, 10002, 3, "too many tests (more than 10000)");

	/* Spread over entries: the one that crosses the limit is named */
	b.l = 0;
	sb_str(&b, "tests:\n");
	for (i = 0; i < 5001; i++) {
		snprintf(s, sizeof(s), "- {id: t%zu, request_uri: 'sip:a@b', "
			 "transports: [udp, tcp], expect: 501}\n", i);
		sb_str(&b, s);
	}
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_bad(err, &p, &dg, 5002, 3, "more than 10000 tests (at test 't5000')");
	free(b.p);
}
END_TEST

/* Expansion multiplies the lists: the plan's byte budget stops it. */
START_TEST(test_plan_budget)
{
	struct plan *p = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	char s[64];
	size_t i;
	int err;

	sb_str(&b, "tests:\n  - id: a\n    expect: 405\n    request_uris: [");
	for (i = 0; i < 100; i++) {
		snprintf(s, sizeof(s), "%s'sip:u%zu@h'", i ? "," : "", i);
		sb_str(&b, s);
	}
	sb_str(&b, "]\n    methods: [");
	for (i = 0; i < 100; i++) {
		snprintf(s, sizeof(s), "%sM%zu", i ? "," : "", i);
		sb_str(&b, s);
	}
	sb_str(&b, "]\n    allow: [");
	for (i = 0; i < 256; i++) {
		snprintf(s, sizeof(s), "%sA%04zu", i ? "," : "", i);
		sb_str(&b, s);
		sb_rep(&b, "x", 1000);
	}
	sb_str(&b, "]\n");
	err = suite_load_buf(&p, "t.yaml", b.p, b.l, &dg);
	ck_bad(err, &p, &dg, 0, 0, "the expanded plan is too large");
	free(b.p);
}
END_TEST

static Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_test(core, test_expand_single);
	tcase_add_test(core, test_expand_matrix);
	tcase_add_test(core, test_expand_empty_allow);
	tcase_add_test(core, test_expand_budget);
	tcase_add_test(core, test_expand_args);
	tcase_add_test(core, test_transport_name);
	tcase_add_test(core, test_expand_request_parts);
	tcase_add_test(core, test_auth_copy_and_steps);
	tcase_add_test(core, test_auth_password);
	tcase_add_test(core, test_auth_value_safe);
	tcase_add_test(core, test_expand_target);
	tcase_add_test(core, test_expand_target_bad_hostport);
	tcase_add_test(core, test_expand_target_too_long);
	tcase_add_test(core, test_good_matrix);
	tcase_add_test(core, test_one_element_lists);
	suite_add_tcase(s, core);

	tcase_set_timeout(lim, 120);
	tcase_add_test(lim, test_max_cases);
	tcase_add_test(lim, test_plan_budget);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_plan", plan_suite, NULL, NULL };
