/*
 * check_verdict.c - judge/verdict.c: check results + strict + waivers ->
 * pass / fail / error / skip, and the message line that names a check.
 */
#include "tmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge/verdict.h"
#include "suite/waiver.h"
#include "tdir.h"

/* Fake catalogue entries (rule.c is not used). */
static const struct rule r_allow = {
	.num = 12, .id = "RFC3261-21.4.6-ALLOW-PRESENT", .section = "21.4.6",
	.level = RULE_MUST, .scope = RULE_SCOPE_ALLOW, .header = "Allow",
	.text = "The response MUST include an Allow header field"
};
static const struct rule r_syntax = {
	.num = 5, .id = "RFC3261-7.3-HEADER-SYNTAX", .section = "7.3",
	.level = RULE_MUST, .scope = RULE_SCOPE_ANY, .header = "",
	.text = "Header fields follow the grammar"
};
static const struct rule r_contact = {
	.num = 20, .id = "RFC3261-21.3.2-CONTACT-SHOULD", .section = "21.3.2",
	.level = RULE_SHOULD, .warn_only = true, .scope = RULE_SCOPE_REDIRECT, .header = "Contact",
	.text = "The response SHOULD contain a Contact"
};
static const struct rule r_expect = {
	.num = 40, .id = "SIPCONFORM-21.4.6-EXPECT-ALLOW", .section = "21.4.6",
	.level = RULE_DERIVED, .kind = RULE_EXPECTATION, .scope = RULE_SCOPE_ALLOW, .header = "Allow",
	.text = "The Allow set is the suite's"
};

static const struct rule r_status = {
	.rid = RULE_STATUS_CODE, .num = 2, .id = "RFC3261-7.2-STATUS-CODE", .section = "7.2",
	.level = RULE_DERIVED, .scope = RULE_SCOPE_ANY, .header = "",
	.text = "the status code is the one the suite expects"
};
static const struct rule r_from = {
	.rid = RULE_FROM_ECHO, .num = 6, .id = "RFC3261-8.2.6.2-FROM-ECHO", .section = "8.2.6.2",
	.level = RULE_MUST, .scope = RULE_SCOPE_ANY, .header = "From",
	.text = "From echoed"
};

static const char resp[] =
	"SIP/2.0 405 Method Not Allowed\r\n"
	"Allow: INVITE, ,\r\n"
	"Content-Length: 0\r\n\r\n";

static struct check_result res[8];
static size_t nres;

static void add(const struct rule *ru, enum check_outcome o, const char *reason)
{
	struct check_result *c = &res[nres++];

	memset(c, 0, sizeof(*c));
	c->rule = ru;
	c->outcome = o;
	snprintf(c->reason, sizeof(c->reason), "%s", reason);
	c->msg = (struct pl){ resp, sizeof(resp) - 1 };
}

/* A status check that saw the Status-Line line (its evidence, as rule_status_code gives it). */
static void add_status(enum check_outcome o, const char *line)
{
	add(&r_status, o, "expected ..., got ...");
	res[nres - 1].evidence = (struct pl){ line, strlen(line) };
}

static void reset(void)
{
	nres = 0;
}

/* Decide for test "bob-publish"; today 2030-06-30 (day 22095); an expectation (0: none). */
static void decide_all(struct verdict_out *out, bool strict, struct waivers *w,
		       const char *error, FILE *warn, unsigned expect, bool creds)
{
	struct verdict_in in;

	memset(&in, 0, sizeof(in));
	in.test = "bob-publish";
	in.res = res;
	in.nres = nres;
	in.strict = strict;
	in.waivers = w;
	in.today = 22095;
	in.error = error;
	in.warn = warn;
	in.expect = expect;
	in.credentials = creds;
	verdict_decide(out, &in);
}

static void decide(struct verdict_out *out, bool strict, struct waivers *w,
		   const char *error, FILE *warn)
{
	decide_all(out, strict, w, error, warn, 0, false);
}

static struct waivers *waivers(const char *yaml)
{
	struct waivers *w = NULL;
	struct diag dg;

	tdir_write(tdir_path("w.yaml"), yaml, strlen(yaml));
	memset(&dg, 0, sizeof(dg));
	ck_assert_msg(waiver_load(&w, tdir_path("w.yaml"), &dg) == 0, "%s", dg.msg);
	return w;
}

START_TEST(test_names)
{
	ck_assert_str_eq(verdict_name(VERDICT_PASS), "pass");
	ck_assert_str_eq(verdict_name(VERDICT_FAIL), "fail");
	ck_assert_str_eq(verdict_name(VERDICT_ERROR), "error");
	ck_assert_str_eq(verdict_name(VERDICT_SKIP), "skip");
	ck_assert_str_eq(verdict_name(VERDICT_INCONCLUSIVE), "inconclusive");
	ck_assert_str_eq(verdict_name((enum verdict)9), "?");
}
END_TEST

START_TEST(test_pass)
{
	struct verdict_out v;

	reset();
	decide(&v, false, NULL, NULL, NULL);            /* nothing judged, nothing wrong */
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	add(&r_allow, CHECK_PASS, "405 has Allow");
	add(&r_syntax, CHECK_NA, "nothing to parse");
	decide(&v, true, NULL, "", NULL);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_str_eq(v.message, "");
	ck_assert_str_eq(v.notes, "");
}
END_TEST

/* A WARN passes; under --strict it fails, named like any failure. */
START_TEST(test_strict)
{
	struct verdict_out v;

	reset();
	add(&r_allow, CHECK_PASS, "ok");
	add(&r_contact, CHECK_WARN, "301 has no Contact header field");
	decide(&v, false, NULL, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
	ck_assert_str_eq(v.message, "");
	decide(&v, true, NULL, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_FAIL);
	ck_assert_str_eq(v.message, "RFC3261-21.3.2-CONTACT-SHOULD (RFC 3261 \xc2\xa7" "21.3.2, "
			 "Contact): 301 has no Contact header field");
}
END_TEST

START_TEST(test_fail_line)
{
	struct verdict_out v;

	reset();
	add(&r_allow, CHECK_FAIL, "405 has no Allow");
	decide(&v, false, NULL, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_FAIL);
	ck_assert_str_eq(v.message, "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6, "
			 "Allow): 405 has no Allow");
	add(&r_contact, CHECK_WARN, "no Contact");      /* a WARN is not counted */
	add(&r_syntax, CHECK_FAIL, "bad");
	decide(&v, false, NULL, NULL, NULL);
	ck_assert_str_eq(v.message, "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6, "
			 "Allow): 405 has no Allow (+1 more failing check)");
	decide(&v, true, NULL, NULL, NULL);             /* strict: the WARN counts */
	ck_assert_str_eq(v.message, "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6, "
			 "Allow): 405 has no Allow (+2 more failing checks)");
	/* a failure wins over "could not judge" */
	decide(&v, false, NULL, "MESSAGE #2: no final response within 5 s (SIPp calls failed)", NULL);
	ck_assert_int_eq(v.verdict, VERDICT_FAIL);
}
END_TEST

/* An RFC check is named before a suite expectation, whatever the order. */
START_TEST(test_rfc_first)
{
	struct verdict_out v;

	reset();
	add(&r_expect, CHECK_FAIL, "Allow set differs from the suite's");
	add(&r_syntax, CHECK_FAIL, "bad");
	add(&r_allow, CHECK_FAIL, "second RFC check");
	decide(&v, false, NULL, NULL, NULL);
	ck_assert_int_eq(strncmp(v.message, "RFC3261-7.3-HEADER-SYNTAX (", 27), 0);
	ck_assert_ptr_nonnull(strstr(v.message, "(+2 more failing checks)"));
	reset();
	add(&r_expect, CHECK_FAIL, "Allow set differs from the suite's");
	decide(&v, false, NULL, NULL, NULL);
	ck_assert_str_eq(v.message, "SIPCONFORM-21.4.6-EXPECT-ALLOW (RFC 3261 \xc2\xa7" "21.4.6, "
			 "Allow): Allow set differs from the suite's");
}
END_TEST

START_TEST(test_error)
{
	struct verdict_out v;

	reset();
	add(&r_allow, CHECK_PASS, "ok");
	add(&r_contact, CHECK_WARN, "no Contact");
	decide(&v, false, NULL, "probe OPTIONS: no final response within 5 s (SIPp calls failed)",
	       NULL);
	ck_assert_int_eq(v.verdict, VERDICT_ERROR);
	ck_assert_str_eq(v.message, "probe OPTIONS: no final response within 5 s (SIPp calls failed)");
	ck_assert_str_eq(v.notes, "");
}
END_TEST

/* The header named: the rule's, else the evidence row's name, else the start line. */
START_TEST(test_line_header)
{
	struct check_result c;
	char buf[400];
	const char *allow = strstr(resp, "Allow:");

	memset(&c, 0, sizeof(c));
	c.rule = &r_syntax;
	snprintf(c.reason, sizeof(c.reason), "empty method");
	c.msg = (struct pl){ resp, sizeof(resp) - 1 };
	c.evidence = (struct pl){ allow, 17 };
	verdict_line(buf, sizeof(buf), &c);
	ck_assert_str_eq(buf, "RFC3261-7.3-HEADER-SYNTAX (RFC 3261 \xc2\xa7" "7.3, Allow): empty method");
	c.evidence = (struct pl){ "Allow\t: x", 9 };             /* LWS before the colon */
	verdict_line(buf, sizeof(buf), &c);
	ck_assert_str_eq(buf, "RFC3261-7.3-HEADER-SYNTAX (RFC 3261 \xc2\xa7" "7.3, Allow): empty method");
	c.evidence = (struct pl){ resp, 30 };                    /* the start line */
	verdict_line(buf, sizeof(buf), &c);
	ck_assert_str_eq(buf, "RFC3261-7.3-HEADER-SYNTAX (RFC 3261 \xc2\xa7" "7.3, start line): empty method");
	c.evidence = (struct pl){ "<evil>: x", 9 };              /* no token: no name */
	verdict_line(buf, sizeof(buf), &c);
	ck_assert_str_eq(buf, "RFC3261-7.3-HEADER-SYNTAX (RFC 3261 \xc2\xa7" "7.3): empty method");
	c.evidence = (struct pl){ "Allow", 5 };                  /* no ':' after it */
	verdict_line(buf, sizeof(buf), &c);
	ck_assert_str_eq(buf, "RFC3261-7.3-HEADER-SYNTAX (RFC 3261 \xc2\xa7" "7.3): empty method");
	c.evidence = (struct pl){ "Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: 1", 48 }; /* 45 > 40 */
	verdict_line(buf, sizeof(buf), &c);
	ck_assert_str_eq(buf, "RFC3261-7.3-HEADER-SYNTAX (RFC 3261 \xc2\xa7" "7.3): empty method");
	c.evidence = PL_NULL;
	verdict_line(buf, sizeof(buf), &c);
	ck_assert_str_eq(buf, "RFC3261-7.3-HEADER-SYNTAX (RFC 3261 \xc2\xa7" "7.3): empty method");
	verdict_line(buf, 10, &c);                               /* cut to the buffer */
	ck_assert_str_eq(buf, "RFC3261-7");
}
END_TEST

/* Every failure waived: SKIP with the waiver's reason and where it is. */
START_TEST(test_waived)
{
	struct verdict_out v;
	struct waivers *w = waivers(
		"waivers:\n"
		"  - check: RFC3261-21.4.6-ALLOW-*\n"
		"    test: \"bob-*\"\n"
		"    reason: vendor ticket 42\n"
		"    expires: 2030-06-30\n");
	char where[700];

	snprintf(where, sizeof(where), "(%s:2, until 2030-06-30)", tdir_path("w.yaml"));
	reset();
	add(&r_allow, CHECK_FAIL, "405 has no Allow");
	add(&r_contact, CHECK_WARN, "no Contact");
	decide(&v, false, w, NULL, NULL);               /* valid through its last day */
	ck_assert_int_eq(v.verdict, VERDICT_SKIP);
	ck_assert_int_eq(strncmp(v.message, "waived RFC3261-21.4.6-ALLOW-PRESENT: vendor ticket 42 ", 54), 0);
	ck_assert_str_eq(v.message + 54, where);
	ck_assert_str_eq(v.notes, "");
	/* strict: the WARN is not waived, so the test fails; the waiver is noted */
	decide(&v, true, w, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_FAIL);
	ck_assert_int_eq(strncmp(v.message, "RFC3261-21.3.2-CONTACT-SHOULD (", 31), 0);
	ck_assert_ptr_null(strstr(v.message, "more failing"));
	ck_assert_int_eq(strncmp(v.notes, "waived RFC3261-21.4.6-ALLOW-PRESENT: vendor ticket 42 (", 55), 0);
	ck_assert_str_eq(v.notes + strlen(v.notes) - 1, "\n");
	/* could not judge something else: ERROR, the waiver noted */
	decide(&v, false, w, "probe OPTIONS: cannot run SIPp", NULL);
	ck_assert_int_eq(v.verdict, VERDICT_ERROR);
	ck_assert_ptr_nonnull(strstr(v.notes, "waived RFC3261-21.4.6-ALLOW-PRESENT"));
	/* another test: not covered */
	{
		struct verdict_in in;

		memset(&in, 0, sizeof(in));
		in.test = "alice-moved";
		in.res = res;
		in.nres = nres;
		in.waivers = w;
		in.today = 22095;
		verdict_decide(&v, &in);
		ck_assert_int_eq(v.verdict, VERDICT_FAIL);
	}
	waiver_free(w);
}
END_TEST

/* An expired waiver hides nothing: FAIL, and said in the notes and on the warn stream. */
START_TEST(test_expired)
{
	struct verdict_out v;
	struct waivers *w = waivers(
		"waivers:\n"
		"  - check: RFC3261-21.4.6-ALLOW-PRESENT\n"
		"    test: \"*\"\n"
		"    reason: was fixed\n"
		"    expires: 2030-06-29\n");
	char *warn = NULL, want[800];
	size_t wn = 0;
	FILE *fp = open_memstream(&warn, &wn);

	ck_assert_ptr_nonnull(fp);
	reset();
	add(&r_allow, CHECK_FAIL, "405 has no Allow");
	decide(&v, false, w, NULL, fp);
	fclose(fp);
	ck_assert_int_eq(v.verdict, VERDICT_FAIL);
	ck_assert_str_eq(v.message, "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6, "
			 "Allow): 405 has no Allow");
	snprintf(want, sizeof(want), "EXPIRED waiver for RFC3261-21.4.6-ALLOW-PRESENT "
		 "(%s:2, until 2030-06-29) does not apply\n", tdir_path("w.yaml"));
	ck_assert_str_eq(v.notes, want);
	ck_assert_int_eq(strncmp(warn, "sipconform: WARNING: bob-publish: ", 34), 0);
	ck_assert_str_eq(warn + 34, want);
	free(warn);
	waiver_free(w);
}
END_TEST

/* Decide with an expectation (and credentials sent or not). */
static void decide_exp(struct verdict_out *out, unsigned expect, bool creds, struct waivers *w,
		       const char *error)
{
	decide_all(out, false, w, error, NULL, expect, creds);
}

/* Refused on other grounds: INCONCLUSIVE with the reason; contradicting codes stay FAIL. */
START_TEST(test_inconclusive)
{
	static const struct { unsigned expect; const char *line; enum verdict v; } t[] = {
		{ 405, "SIP/2.0 404 Not Found", VERDICT_INCONCLUSIVE },
		{ 501, "SIP/2.0 403 Forbidden", VERDICT_INCONCLUSIVE },
		{ 405, "SIP/2.0 484 Address Incomplete", VERDICT_INCONCLUSIVE },
		{ 501, "SIP/2.0 416 Unsupported URI Scheme", VERDICT_INCONCLUSIVE },
		{ 301, "SIP/2.0 503 Service Unavailable", VERDICT_INCONCLUSIVE },
		{ 302, "SIP/2.0 480 Temporarily Unavailable", VERDICT_INCONCLUSIVE },
		{ 405, "SIP/2.0 408 Request Timeout", VERDICT_INCONCLUSIVE },
		{ 301, "SIP/2.0 407 Proxy Authentication Required", VERDICT_INCONCLUSIVE },
		{ 405, "SIP/2.0 401", VERDICT_INCONCLUSIVE },        /* no phrase: still the code */
		{ 501, "SIP/2.0 405 Method Not Allowed", VERDICT_FAIL },
		{ 405, "SIP/2.0 501 Not Implemented", VERDICT_FAIL },
		{ 405, "SIP/2.0 200 OK", VERDICT_FAIL },
		{ 301, "SIP/2.0 302 Moved Temporarily", VERDICT_FAIL },
		{ 301, "SIP/2.0 404 Not Found", VERDICT_FAIL },       /* a redirect names the URI */
		{ 405, "SIP/2.0 500 Server Internal Error", VERDICT_FAIL },
		{ 405, "SIP/2.0 4044 Not Found", VERDICT_FAIL },      /* not a Status-Line */
		{ 405, "SIP/2.0 40", VERDICT_FAIL },
		{ 405, "garbage", VERDICT_FAIL },
		{ 0, "SIP/2.0 503 Service Unavailable", VERDICT_FAIL }, /* no expectation given */
	};
	struct verdict_out v;
	size_t i;

	for (i = 0; i < NELEM(t); i++) {
		reset();
		add(&r_allow, CHECK_NA, "not judged: status was ...");
		add_status(CHECK_FAIL, t[i].line);
		decide_exp(&v, t[i].expect, false, NULL, NULL);
		ck_assert_msg(v.verdict == t[i].v, "%u / %s: %s", t[i].expect, t[i].line,
			      verdict_name(v.verdict));
		if (v.verdict == VERDICT_FAIL)
			ck_assert_int_eq(strncmp(v.message, "RFC3261-7.2-STATUS-CODE (", 25), 0);
	}
	reset();
	add_status(CHECK_FAIL, "SIP/2.0 404 Not Found");
	decide_exp(&v, 405, false, NULL, NULL);
	ck_assert_str_eq(v.message, "the Request-URI names no one here (404 Not Found), so its "
			 "method never mattered; the 405 under test could not be observed");
	ck_assert_str_eq(v.notes, "");
	/* a status check that passed is no refusal */
	reset();
	add_status(CHECK_PASS, "SIP/2.0 405 Method Not Allowed");
	decide_exp(&v, 405, false, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_PASS);
}
END_TEST

/* A challenge: no credentials given, or (the auth hook) credentials rejected. */
START_TEST(test_inconclusive_challenge)
{
	struct verdict_out v;

	reset();
	add_status(CHECK_FAIL, "SIP/2.0 401 Unauthorized");
	decide_exp(&v, 405, false, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_INCONCLUSIVE);
	ck_assert_str_eq(v.message, "challenged (401) and no credentials were given; "
			 "the 405 under test could not be observed");
	reset();
	add_status(CHECK_FAIL, "SIP/2.0 407 Proxy Authentication Required");
	decide_exp(&v, 301, true, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_INCONCLUSIVE);
	ck_assert_str_eq(v.message, "challenged (407) again after credentials were sent: the "
			 "credentials were rejected; the 301 under test could not be observed");
}
END_TEST

/*
 * Inconclusive wins over the status check only: any other failure of the
 * answer (From not echoed) or a contradicting answer of a repeat is a
 * FAIL; an error wins over inconclusive; repeats of a refusal are counted.
 */
START_TEST(test_inconclusive_mixed)
{
	struct verdict_out v;

	reset();
	add_status(CHECK_FAIL, "SIP/2.0 503 Service Unavailable");
	add(&r_from, CHECK_FAIL, "From not echoed");
	decide_exp(&v, 405, false, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_FAIL);
	ck_assert_str_eq(v.message, "RFC3261-8.2.6.2-FROM-ECHO (RFC 3261 \xc2\xa7" "8.2.6.2, From): "
			 "From not echoed");                    /* the refusal is not counted */
	reset();
	add_status(CHECK_FAIL, "SIP/2.0 503 Service Unavailable");
	add_status(CHECK_FAIL, "SIP/2.0 501 Not Implemented");
	decide_exp(&v, 405, false, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_FAIL);
	reset();
	add_status(CHECK_PASS, "SIP/2.0 405 Method Not Allowed");
	add_status(CHECK_FAIL, "SIP/2.0 503 Service Unavailable");
	add_status(CHECK_FAIL, "SIP/2.0 503 Service Unavailable");
	add_status(CHECK_FAIL, "SIP/2.0 404 Not Found");
	decide_exp(&v, 405, false, NULL, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_INCONCLUSIVE);
	ck_assert_str_eq(v.message, "the SUT is unavailable (503 Service Unavailable); the 405 under "
			 "test could not be observed (+2 more refused answers)");
	decide_exp(&v, 405, false, NULL, "OPTIONS #2: no final response within 5 s");
	ck_assert_int_eq(v.verdict, VERDICT_ERROR);
}
END_TEST

/*
 * Waivers: SIPCONFORM-INCONCLUSIVE turns it into SKIP (the refusal in the
 * notes); a waiver of the status check covers its failure first, as ever.
 */
START_TEST(test_inconclusive_waived)
{
	struct verdict_out v;
	struct waivers *w = waivers(
		"waivers:\n"
		"  - check: SIPCONFORM-INCONCLUSIVE\n"
		"    test: \"bob-*\"\n"
		"    reason: lab proxy wants auth\n"
		"    expires: 2030-06-30\n");
	char want[800];

	reset();
	add_status(CHECK_FAIL, "SIP/2.0 401 Unauthorized");
	decide_exp(&v, 405, false, w, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_SKIP);
	snprintf(want, sizeof(want), "waived SIPCONFORM-INCONCLUSIVE: lab proxy wants auth "
		 "(%s:2, until 2030-06-30)", tdir_path("w.yaml"));
	ck_assert_str_eq(v.message, want);
	ck_assert_str_eq(v.notes, "inconclusive: challenged (401) and no credentials were given; "
			 "the 405 under test could not be observed\n");
	/* it does not cover a failure */
	add(&r_from, CHECK_FAIL, "From not echoed");
	decide_exp(&v, 405, false, w, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_FAIL);
	waiver_free(w);

	w = waivers("waivers:\n"
		    "  - check: RFC3261-7.2-STATUS-CODE\n"
		    "    test: \"*\"\n"
		    "    reason: known\n"
		    "    expires: 2030-06-30\n");
	reset();
	add_status(CHECK_FAIL, "SIP/2.0 404 Not Found");
	decide_exp(&v, 405, false, w, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_SKIP);
	ck_assert_int_eq(strncmp(v.message, "waived RFC3261-7.2-STATUS-CODE: known (", 39), 0);
	waiver_free(w);

	/* expired: inconclusive stands, and the notes say why the waiver did not apply */
	w = waivers("waivers:\n"
		    "  - check: SIPCONFORM-INCONCLUSIVE\n"
		    "    test: \"*\"\n"
		    "    reason: old\n"
		    "    expires: 2030-06-01\n");
	reset();
	add_status(CHECK_FAIL, "SIP/2.0 404 Not Found");
	decide_exp(&v, 405, false, w, NULL);
	ck_assert_int_eq(v.verdict, VERDICT_INCONCLUSIVE);
	ck_assert_int_eq(strncmp(v.notes, "EXPIRED waiver for SIPCONFORM-INCONCLUSIVE (", 44), 0);
	waiver_free(w);
}
END_TEST

static Suite *verdict_suite(void)
{
	Suite *s = suite_create("verdict");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_pass);
	tcase_add_test(tc, test_strict);
	tcase_add_test(tc, test_fail_line);
	tcase_add_test(tc, test_rfc_first);
	tcase_add_test(tc, test_error);
	tcase_add_test(tc, test_line_header);
	tcase_add_test(tc, test_waived);
	tcase_add_test(tc, test_expired);
	tcase_add_test(tc, test_inconclusive);
	tcase_add_test(tc, test_inconclusive_challenge);
	tcase_add_test(tc, test_inconclusive_mixed);
	tcase_add_test(tc, test_inconclusive_waived);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_verdict", verdict_suite, NULL, NULL };
