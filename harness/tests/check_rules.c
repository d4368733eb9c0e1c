/*
 * check_rules.c - the RFC 3261 check catalogue and the judge (rule.h).
 *
 * Each test hand-crafts the request the harness sent and the response of
 * a conformant or broken device (CRLF line ends), judges the exchange,
 * and asserts the outcome of one exact check id.
 */
#include "tmain.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge/expect.h"
#include "judge/rule.h"
#include "sip/msg.h"

/* ---- fixtures ----------------------------------------------------------------- */

/* The request the harness sends (RFC 3261 §8.1.1). */
#define RURI "sip:moved@127.0.0.1:5070"
#define Q_VIA "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-sc-1\r\n"
#define Q_FROM "From: \"sipconform\" <sip:harness@127.0.0.1:5060>;tag=h-1\r\n"
#define Q_TO "To: <" RURI ">\r\n"
#define Q_CID "Call-ID: 1-sc@127.0.0.1\r\n"

#define REQ(method, ruri) \
	method " " ruri " SIP/2.0\r\n" Q_VIA "Max-Forwards: 70\r\n" Q_FROM Q_TO Q_CID \
	"CSeq: 1 " method "\r\nContent-Length: 0\r\n\r\n"

/* The echo a conformant device sends back. */
#define R_VIA "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-sc-1;received=127.0.0.1\r\n"
#define R_FROM Q_FROM
#define R_TO "To: <" RURI ">;tag=sut-7\r\n"
#define R_CID Q_CID
#define ECHO(method) R_VIA R_FROM R_TO R_CID "CSeq: 1 " method "\r\n"
#define CL0 "Content-Length: 0\r\n\r\n"

#define S301 "SIP/2.0 301 Moved Permanently\r\n"
#define S302 "SIP/2.0 302 Moved Temporarily\r\n"
#define S405 "SIP/2.0 405 Method Not Allowed\r\n"

struct judged {
	struct sipmsg *req, *resp;
	struct check_result *res;
	size_t n;
};

static struct judged J;

static void judge_x(const char *req, const char *resp, const struct expect *exp,
		    bool reliable)
{
	struct sipmsg_err e;
	struct exchange x;
	int err;

	memset(&J, 0, sizeof(J));
	memset(&e, 0, sizeof(e));
	if (req) {
		err = sipmsg_parse(&J.req, req, strlen(req), &e);
		ck_assert_msg(err == 0, "request does not parse: %s", e.what);
	}
	err = sipmsg_parse(&J.resp, resp, strlen(resp), &e);
	ck_assert_msg(err == 0, "response does not parse: %s", e.what);
	x.req = J.req;
	x.resp = J.resp;
	x.reliable = reliable;
	err = rule_judge(&J.res, &J.n, &x, exp);
	ck_assert_int_eq(err, 0);
	ck_assert(J.n > 0);
}

static void judge(const char *req, const char *resp, unsigned code)
{
	struct expect exp = { .code = code };

	judge_x(req, resp, &exp, false);
}

static void teardown(void)
{
	free(J.res);
	J.req = sipmsg_free(J.req);
	J.resp = sipmsg_free(J.resp);
	memset(&J, 0, sizeof(J));
}

static const struct check_result *result(const char *id)
{
	size_t i;

	for (i = 0; i < J.n; i++)
		if (strcmp(J.res[i].rule->id, id) == 0)
			return &J.res[i];
	return NULL;
}

#define ck_outcome(id, want) do { \
	const struct check_result *r_ = result(id); \
	ck_assert_msg(r_ != NULL, "no result for %s", (id)); \
	ck_assert_msg(r_->outcome == (want), "%s: %s, expected %s (%s)", (id), \
		      check_outcome_name(r_->outcome), check_outcome_name(want), r_->reason); \
} while (0)

#define ck_reason_has(id, text) do { \
	const struct check_result *r_ = result(id); \
	ck_assert_msg(r_ != NULL, "no result for %s", (id)); \
	ck_assert_msg(strstr(r_->reason, (text)) != NULL, "%s: reason '%s' lacks '%s'", \
		      (id), r_->reason, (text)); \
} while (0)

#define ck_evidence_has(id, text) do { \
	const struct check_result *r_ = result(id); \
	char ev_[400]; \
	ck_assert_msg(r_ != NULL, "no result for %s", (id)); \
	snprintf(ev_, sizeof(ev_), "%.*s", (int)r_->evidence.l, r_->evidence.p ? r_->evidence.p : ""); \
	ck_assert_msg(strstr(ev_, (text)) != NULL, "%s: evidence '%s' lacks '%s'", (id), ev_, (text)); \
} while (0)

/* No FAIL and no WARN anywhere. */
static void ck_all_clean(void)
{
	size_t i;

	for (i = 0; i < J.n; i++)
		ck_assert_msg(J.res[i].outcome == CHECK_PASS || J.res[i].outcome == CHECK_NA,
			      "%s: %s (%s)", J.res[i].rule->id,
			      check_outcome_name(J.res[i].outcome), J.res[i].reason);
	ck_assert_int_eq(rule_worst(J.res, J.n, true), CHECK_PASS);
}

/* The row with this printable id, by scanning the table (the judge itself
 * never looks a check up by string: it has enum rule_id). */
static const struct rule *by_id(const char *id)
{
	size_t i;

	for (i = 0; id && i < rule_count; i++)
		if (strcmp(rule_table[i].id, id) == 0)
			return &rule_table[i];
	return NULL;
}

/* ---- the catalogue ------------------------------------------------------------ */

START_TEST(test_table_well_formed)
{
	size_t i, j;

	ck_assert(rule_count >= 35);
	for (i = 0; i < rule_count; i++) {
		const struct rule *ru = &rule_table[i];
		char sec[64];

		ck_assert_ptr_nonnull(ru->id);
		ck_assert_ptr_nonnull(ru->text);
		ck_assert_ptr_nonnull(ru->header);
		ck_assert_msg(ru->text[0] != '\0', "%s: empty text", ru->id);
		ck_assert_msg(ru->section[0] != '\0', "%s: empty section", ru->id);
		snprintf(sec, sizeof(sec), "-%s-", ru->section);
		ck_assert_msg(strstr(ru->id, sec) != NULL, "%s: section %s not in id", ru->id,
			      ru->section);
		ck_assert_msg(strncmp(ru->id, "RFC3261-", 8) == 0 ||
			      strncmp(ru->id, "SIPCONFORM-", 11) == 0, "%s: bad prefix", ru->id);
		for (j = i + 1; j < rule_count; j++)
			ck_assert_msg(strcmp(ru->id, rule_table[j].id) != 0, "duplicate id %s", ru->id);
		ck_assert_ptr_eq(by_id(ru->id), ru);
		/* The enum is the table's: rule_get() of a row's rid is that row. */
		ck_assert_int_eq(ru->rid, (int)i + 1);
		ck_assert_ptr_eq(rule_get(ru->rid), ru);
		ck_assert_str_eq(rule_id_str(ru->rid), ru->id);
		/* The kind says what the prefix says: nobody needs strncmp. */
		ck_assert_msg(rule_is_expectation(ru) == (strncmp(ru->id, "SIPCONFORM-", 11) == 0),
			      "%s: kind does not match the id", ru->id);
		/* One scope bit (or none: every response). */
		ck_assert_msg((ru->scope & (ru->scope - 1)) == 0, "%s: several scopes", ru->id);
	}
	ck_assert_uint_eq(rule_count, RULE__COUNT - 1);
	ck_assert_ptr_null(by_id("RFC3261-0-NOPE"));
	ck_assert_ptr_null(rule_get(RULE_NONE));
	ck_assert_ptr_null(rule_get(RULE__COUNT));
	ck_assert_ptr_null(rule_get((enum rule_id)-1));
	ck_assert_str_eq(rule_id_str(RULE_NONE), "?");
	ck_assert(!rule_is_expectation(NULL));
}
END_TEST

START_TEST(test_table_has_catalogue)
{
	static const char *const ids[] = {
		"RFC3261-7.2-START-LINE", "RFC3261-7.2-STATUS-CODE", "RFC3261-7-CRLF",
		"RFC3261-7.3-HEADER-SYNTAX", "RFC3261-7.3.1-SINGLE-VALUED",
		"RFC3261-8.2.6.2-FROM-ECHO", "RFC3261-8.2.6.2-CALLID-ECHO",
		"RFC3261-8.2.6.2-CSEQ-ECHO", "RFC3261-8.2.6.2-VIA-ECHO", "RFC3261-8.2.6.2-TO-TAG",
		"RFC3261-20.14-CONTENT-LENGTH", "RFC3261-21.3.2-CONTACT-PRESENT",
		"RFC3261-20.10-CONTACT-SYNTAX", "RFC3261-10.2.2-CONTACT-NOT-STAR",
		"RFC3261-20.10-CONTACT-NAME-ADDR", "RFC3261-25-CONTACT-URI-SYNTAX",
		"RFC3261-8.3-CONTACT-NOT-RURI", "RFC3261-19.1.1-CONTACT-NO-METHOD-LR",
		"RFC3261-20.10-CONTACT-Q-EXPIRES", "RFC3261-7.3.1-CONTACT-PARAM-UNIQUE",
		"RFC3261-16.5-CONTACT-UNIQUE", "RFC3261-8.1.3.4-SIPS-KEPT",
		"RFC3261-21.3.2-PERMANENT-STABLE", "RFC3261-21.3.2-PERMANENT-METHODS",
		"RFC3261-21.3.2-PERMANENT-TRANSPORTS", "RFC3261-8.3-NO-REDIRECT-LOOP",
		"RFC3261-21.4.6-ALLOW-PRESENT", "RFC3261-20.5-ALLOW-SYNTAX",
		"RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", "RFC3261-8.2.1-ALLOW-NON-EMPTY",
		"RFC3261-20.5-ALLOW-ACK-CANCEL", "RFC3261-11-ALLOW-OPTIONS",
		"RFC3261-25-ALLOW-METHOD-CASE", "RFC3261-20.5-ALLOW-UNIQUE",
		"RFC3261-21.4.6-ALLOW-MATCHES-OPTIONS", "RFC3261-21.4.6-ALLOW-STABLE",
		"RFC3261-21.5.2-501-NOT-405", "SIPCONFORM-19.1.4-EXPECT-CONTACT",
		"SIPCONFORM-21.4.6-EXPECT-ALLOW",
	};
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		ck_assert_msg(by_id(ids[i]) != NULL, "missing %s", ids[i]);
	/* The enum names the ids it should. */
	ck_assert_str_eq(rule_get(RULE_CALLID_ECHO)->id, "RFC3261-8.2.6.2-CALLID-ECHO");
	ck_assert_str_eq(rule_get(RULE_CONTACT_PRESENT_301)->id, "RFC3261-21.3.2-CONTACT-PRESENT");
	ck_assert_str_eq(rule_get(RULE_CONTACT_PRESENT_302)->id, "RFC3261-21.3.3-CONTACT-PRESENT");
	ck_assert_str_eq(rule_get(RULE_PERMANENT_STABLE)->id, "RFC3261-21.3.2-PERMANENT-STABLE");
	ck_assert_str_eq(rule_get(RULE_ALLOW_STABLE)->id, "RFC3261-21.4.6-ALLOW-STABLE");
	ck_assert_str_eq(rule_get(RULE_501_NOT_405)->id, "RFC3261-21.5.2-501-NOT-405");
	ck_assert_str_eq(rule_get(RULE_EXPECT_CONTACT)->id, "SIPCONFORM-19.1.4-EXPECT-CONTACT");
	ck_assert_str_eq(rule_get(RULE_EXPECT_ALLOW)->id, "SIPCONFORM-21.4.6-EXPECT-ALLOW");
	ck_assert(rule_is_expectation(rule_get(RULE_EXPECT_CONTACT)));
	ck_assert(!rule_is_expectation(rule_get(RULE_CONTACT_SYNTAX)));
	/* Levels and WARN notes of the check catalogue. */
	ck_assert_int_eq(rule_get(RULE_CALLID_ECHO)->level, RULE_MUST);
	ck_assert(!rule_get(RULE_CALLID_ECHO)->warn_only);
	ck_assert(rule_get(RULE_CONTACT_UNIQUE)->warn_only);
	ck_assert(rule_get(RULE_SIPS_KEPT)->warn_only);
	ck_assert(rule_get(RULE_CONTACT_NO_METHOD_LR)->warn_only);
	ck_assert(!rule_get(RULE_ALLOW_EXCLUDES_METHOD)->warn_only);
	ck_assert_int_eq(rule_get(RULE_ALLOW_PRESENT)->scope, RULE_SCOPE_ALLOW);
	ck_assert_int_eq(rule_get(RULE_CONTACT_PRESENT_301)->scope, RULE_SCOPE_PERMANENT);
	ck_assert_int_eq(rule_get(RULE_CONTACT_PRESENT_302)->scope, RULE_SCOPE_TEMPORARY);
	ck_assert_int_eq(rule_get(RULE_CONTACT_SYNTAX)->scope, RULE_SCOPE_REDIRECT);
	ck_assert_int_eq(rule_get(RULE_PERMANENT_EXPIRES)->scope, RULE_SCOPE_PERMANENT);
	ck_assert_str_eq(rule_get(RULE_ALLOW_PRESENT)->header, "Allow");
}
END_TEST

/* The one level-to-outcome policy (rule_judge and cross.c both use it). */
START_TEST(test_rule_outcome)
{
	/* MUST / DERIVED fail; SHOULD and warn_only warn; INFO only records. */
	ck_assert_int_eq(rule_outcome(rule_get(RULE_CALLID_ECHO), false), CHECK_FAIL);
	ck_assert_int_eq(rule_outcome(rule_get(RULE_CALLID_ECHO), true), CHECK_PASS);
	ck_assert_int_eq(rule_outcome(rule_get(RULE_STATUS_CODE), false), CHECK_FAIL);
	ck_assert_int_eq(rule_outcome(rule_get(RULE_CONTACT_NO_METHOD_LR), false), CHECK_WARN);
	ck_assert_int_eq(rule_outcome(rule_get(RULE_CONTACT_UNIQUE), false), CHECK_WARN);
	ck_assert_int_eq(rule_outcome(rule_get(RULE_REASON_PHRASE), false), CHECK_PASS);
	ck_assert_int_eq(rule_outcome(rule_get(RULE_REASON_PHRASE), true), CHECK_PASS);
}
END_TEST

/* ---- the expectation table, as the status check reads it ------------------ */
/* (The table itself: check_expect.c.) */

START_TEST(test_expect_table)
{
	size_t i;

	for (i = 0; i < expect_count; i++) {
		const struct expect_row *row = &expect_table[i];
		char code[8];
		char resp[400], pass[80];

		/* The name is RFC 3261 §21's reason phrase, as the status check prints it. */
		snprintf(resp, sizeof(resp), "SIP/2.0 %u %s\r\n" ECHO("OPTIONS") CL0,
			 row->code, row->name);
		judge(REQ("OPTIONS", RURI), resp, row->code);
		snprintf(pass, sizeof(pass), "status %u %s as expected", row->code, row->name);
		ck_reason_has("RFC3261-7.2-STATUS-CODE", pass);
		teardown();
		/* The status check's text lists every code a suite may expect. */
		snprintf(code, sizeof(code), "%u", row->code);
		ck_assert_msg(strstr(rule_get(RULE_STATUS_CODE)->text, code) != NULL,
			      "STATUS-CODE text lacks %s", code);
	}
}
END_TEST

START_TEST(test_names_and_worst)
{
	struct check_result r[3];

	memset(r, 0, sizeof(r));
	ck_assert_str_eq(rule_level_name(RULE_MUST), "MUST");
	ck_assert_str_eq(rule_level_name(RULE_SHOULD), "SHOULD");
	ck_assert_str_eq(rule_level_name(RULE_DERIVED), "DERIVED");
	ck_assert_str_eq(rule_level_name(RULE_INFO), "INFO");
	ck_assert_str_eq(check_outcome_name(CHECK_PASS), "pass");
	ck_assert_str_eq(check_outcome_name(CHECK_FAIL), "fail");
	ck_assert_str_eq(check_outcome_name(CHECK_WARN), "warn");
	ck_assert_str_eq(check_outcome_name(CHECK_NA), "na");
	r[0].outcome = CHECK_PASS;
	r[1].outcome = CHECK_NA;
	r[2].outcome = CHECK_PASS;
	ck_assert_int_eq(rule_worst(r, 3, false), CHECK_PASS);
	ck_assert_int_eq(rule_worst(r, 3, true), CHECK_PASS);
	r[1].outcome = CHECK_WARN;
	ck_assert_int_eq(rule_worst(r, 3, false), CHECK_WARN);
	ck_assert_int_eq(rule_worst(r, 3, true), CHECK_FAIL);
	r[2].outcome = CHECK_FAIL;
	ck_assert_int_eq(rule_worst(r, 3, false), CHECK_FAIL);
	ck_assert_int_eq(rule_worst(r, 0, false), CHECK_PASS);
}
END_TEST

/* ---- 301 ----------------------------------------------------------------------- */

static const char conformant_301[] =
	S301 ECHO("OPTIONS")
	"Contact: <sip:alice@192.0.2.10:5060;transport=udp>;q=0.7;expires=3600\r\n"
	"Contact: \"Alice, mobile\" <sip:alice@mobile.example.com>;q=0.5\r\n"
	CL0;

START_TEST(test_301_conformant)
{
	const char *const want[] = { "sip:alice@mobile.example.com",
				     "<sip:alice@192.0.2.10:5060;transport=UDP>" };
	struct expect exp = { .code = 301, .contacts = want, .ncontacts = 2 };
	size_t i;

	judge_x(REQ("OPTIONS", RURI), conformant_301, &exp, false);
	ck_all_clean();
	ck_outcome("RFC3261-7.2-STATUS-CODE", CHECK_PASS);
	ck_outcome("RFC3261-21.3.2-CONTACT-PRESENT", CHECK_PASS);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_PASS);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_PASS);
	ck_outcome("RFC3261-8.2.6.2-TO-TAG", CHECK_PASS);
	ck_outcome("SIPCONFORM-19.1.4-EXPECT-CONTACT", CHECK_PASS);
	ck_outcome("RFC3261-8.1.3.4-SIPS-KEPT", CHECK_NA);
	/* Only single-exchange checks of scope ANY or 301, each once. */
	ck_assert_ptr_null(result("RFC3261-21.3.2-PERMANENT-STABLE"));
	ck_assert_ptr_null(result("RFC3261-21.4.6-ALLOW-PRESENT"));
	for (i = 0; i < J.n; i++) {
		ck_assert(J.res[i].rule->scope == RULE_SCOPE_ANY ||
			  (J.res[i].rule->scope & expect_find(301)->scopes));
		ck_assert(J.res[i].reason[0] != '\0');
		ck_assert_ptr_eq(J.res[i].msg.p, J.resp->raw.p);
		ck_assert_uint_eq(J.res[i].msg.l, J.resp->raw.l);
		if (J.res[i].evidence.l)
			ck_assert(J.res[i].evidence.p >= J.resp->raw.p &&
				  J.res[i].evidence.p + J.res[i].evidence.l <=
				  J.resp->raw.p + J.resp->raw.l);
	}
}
END_TEST

START_TEST(test_301_compact_contact)
{
	judge(REQ("INVITE", RURI),
	      S301 "v: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-sc-1\r\n"
	      "f: \"sipconform\" <sip:harness@127.0.0.1:5060>;tag=h-1\r\n"
	      "t: <" RURI ">;tag=x\r\ni: 1-sc@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
	      "m: <sip:alice@192.0.2.10>\r\nl: 0\r\n\r\n", 301);
	ck_all_clean();
	ck_outcome("RFC3261-21.3.2-CONTACT-PRESENT", CHECK_PASS);
	ck_outcome("RFC3261-20.10-CONTACT-SYNTAX", CHECK_PASS);
	ck_outcome("RFC3261-20.14-CONTENT-LENGTH", CHECK_PASS);
}
END_TEST

START_TEST(test_301_folded_contact)
{
	const char *const want[] = { "sip:a@192.0.2.1", "sip:b@192.0.2.2" };
	struct expect exp = { .code = 301, .contacts = want, .ncontacts = 2 };

	judge_x(REQ("OPTIONS", RURI),
		S301 ECHO("OPTIONS") "Contact: <sip:a@192.0.2.1>,\r\n   <sip:b@192.0.2.2>\r\n" CL0,
		&exp, false);
	ck_all_clean();
	ck_outcome("RFC3261-20.10-CONTACT-SYNTAX", CHECK_PASS);
	ck_reason_has("RFC3261-20.10-CONTACT-SYNTAX", "2 contact values parse");
	ck_outcome("SIPCONFORM-19.1.4-EXPECT-CONTACT", CHECK_PASS);
}
END_TEST

START_TEST(test_lower_case_names)
{
	judge(REQ("OPTIONS", RURI),
	      S301 "via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-sc-1\r\n"
	      "FROM: \"sipconform\" <sip:harness@127.0.0.1:5060>;tag=h-1\r\n"
	      "to: <" RURI ">;TAG=x\r\ncall-id: 1-sc@127.0.0.1\r\ncseq: 1 OPTIONS\r\n"
	      "contact: <sip:alice@192.0.2.10>\r\ncontent-length: 0\r\n\r\n", 301);
	ck_all_clean();
	ck_outcome("RFC3261-21.3.2-CONTACT-PRESENT", CHECK_PASS);
	ck_outcome("RFC3261-8.2.6.2-CSEQ-ECHO", CHECK_PASS);
}
END_TEST

START_TEST(test_missing_to_tag)
{
	judge(REQ("OPTIONS", RURI),
	      S301 R_VIA R_FROM "To: <" RURI ">\r\n" R_CID "CSeq: 1 OPTIONS\r\n"
	      "Contact: <sip:alice@192.0.2.10>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-TO-TAG", CHECK_FAIL);
	ck_reason_has("RFC3261-8.2.6.2-TO-TAG", "no To tag");
	ck_evidence_has("RFC3261-8.2.6.2-TO-TAG", "To: <sip:moved");
	ck_outcome("RFC3261-21.3.2-CONTACT-PRESENT", CHECK_PASS);
	ck_assert_int_eq(rule_worst(J.res, J.n, false), CHECK_FAIL);
}
END_TEST

START_TEST(test_contact_star)
{
	judge(REQ("OPTIONS", RURI), S301 ECHO("OPTIONS") "Contact: *\r\n" CL0, 301);
	ck_outcome("RFC3261-10.2.2-CONTACT-NOT-STAR", CHECK_FAIL);
	ck_evidence_has("RFC3261-10.2.2-CONTACT-NOT-STAR", "Contact: *");
	ck_reason_has("RFC3261-10.2.2-CONTACT-NOT-STAR", "10.2.2");
}
END_TEST

START_TEST(test_contact_equals_ruri)
{
	/* §19.1.4: host case-insensitive, so this is the Request-URI again. */
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:moved@127.0.0.1:5070>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_FAIL);
	ck_reason_has("RFC3261-8.3-CONTACT-NOT-RURI", "equals the Request-URI");
	ck_evidence_has("RFC3261-8.3-CONTACT-NOT-RURI", "Contact: <sip:moved@127.0.0.1:5070>");
}
END_TEST

START_TEST(test_contact_other_port)
{
	/* §8.3: a different port is another URI and is allowed. */
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:moved@127.0.0.1:5080>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_PASS);
	ck_all_clean();
}
END_TEST

START_TEST(test_301_without_contact)
{
	judge(REQ("OPTIONS", RURI), S301 ECHO("OPTIONS") CL0, 301);
	ck_outcome("RFC3261-21.3.2-CONTACT-PRESENT", CHECK_FAIL);
	ck_reason_has("RFC3261-21.3.2-CONTACT-PRESENT", "21.3.2");
	ck_outcome("RFC3261-20.10-CONTACT-SYNTAX", CHECK_NA);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_NA);
	ck_evidence_has("RFC3261-21.3.2-CONTACT-PRESENT", "SIP/2.0 301");
}
END_TEST

START_TEST(test_302_instead_of_301)
{
	judge(REQ("OPTIONS", RURI),
	      "SIP/2.0 302 Moved Temporarily\r\n" ECHO("OPTIONS")
	      "Contact: <sip:alice@192.0.2.10>\r\n" CL0, 301);
	ck_outcome("RFC3261-7.2-STATUS-CODE", CHECK_FAIL);
	ck_reason_has("RFC3261-7.2-STATUS-CODE", "expected 301 Moved Permanently, got 302 Moved Temporarily");
	ck_reason_has("RFC3261-7.2-STATUS-CODE", "(a permanent move is 301, §21.3.2; 302 is temporary, §21.3.3)");
	ck_evidence_has("RFC3261-7.2-STATUS-CODE", "SIP/2.0 302 Moved Temporarily");
	/* the 302's own presence check is not run for a 301 expectation */
	ck_assert_ptr_null(result("RFC3261-21.3.3-CONTACT-PRESENT"));
	ck_outcome("RFC3261-21.3.2-CONTACT-PRESENT", CHECK_NA);
	ck_reason_has("RFC3261-21.3.2-CONTACT-PRESENT", "not judged: status was 302");
	ck_outcome("SIPCONFORM-19.1.4-EXPECT-CONTACT", CHECK_NA);
	ck_outcome("RFC3261-8.2.6.2-CALLID-ECHO", CHECK_PASS);
	ck_outcome("RFC3261-7.2-START-LINE", CHECK_PASS);
}
END_TEST

START_TEST(test_500_instead_of_301)
{
	judge(REQ("OPTIONS", RURI),
	      "SIP/2.0 500 Oops\r\n" ECHO("OPTIONS") CL0, 301);
	ck_outcome("RFC3261-7.2-STATUS-CODE", CHECK_FAIL);
	ck_reason_has("RFC3261-7.2-STATUS-CODE", "expected 301 Moved Permanently, got 500 Server Internal Error");
	ck_reason_has("RFC3261-21.3.2-CONTACT-PRESENT", "not judged: status was 500");
}
END_TEST

/* ---- 302 Moved Temporarily (RFC 3261 §21.3.3) ---------------------------------- */

/* No check of a 302 expectation is a permanence check, and each result
 * is of a scope the 302 row runs. */
static void ck_no_permanence(void)
{
	size_t i;

	for (i = 0; i < J.n; i++) {
		const struct rule *ru = J.res[i].rule;

		ck_assert_msg(!(ru->scope & RULE_SCOPE_PERMANENT), "%s judged for 302", ru->id);
		ck_assert_msg(strstr(ru->id, "PERMANENT") == NULL, "%s judged for 302", ru->id);
		ck_assert_msg(ru->scope == RULE_SCOPE_ANY || (ru->scope & expect_find(302)->scopes),
			      "%s: scope %u not run for 302", ru->id, ru->scope);
	}
	ck_assert_ptr_null(result("RFC3261-21.3.2-CONTACT-PRESENT"));
	ck_assert_ptr_null(result("RFC3261-21.3.2-PERMANENT-EXPIRES"));
	ck_assert_ptr_null(result("RFC3261-21.4.6-ALLOW-PRESENT"));
}

START_TEST(test_302_conformant)
{
	const char *const want[] = { "sip:alice@mobile.example.com",
				     "<sip:alice@192.0.2.10:5060;transport=UDP>" };
	struct expect exp = { .code = 302, .contacts = want, .ncontacts = 2 };

	/* expires=0 on every contact: a contradiction for 301 only (PERMANENT-EXPIRES). */
	judge_x(REQ("OPTIONS", RURI),
		S302 ECHO("OPTIONS")
		"Contact: <sip:alice@192.0.2.10:5060;transport=udp>;q=0.7;expires=0\r\n"
		"Contact: \"Alice, mobile\" <sip:alice@mobile.example.com>;expires=0\r\n" CL0,
		&exp, false);
	ck_all_clean();
	ck_no_permanence();
	ck_outcome("RFC3261-7.2-STATUS-CODE", CHECK_PASS);
	ck_reason_has("RFC3261-7.2-STATUS-CODE", "status 302 Moved Temporarily as expected");
	ck_outcome("RFC3261-21.3.3-CONTACT-PRESENT", CHECK_PASS);
	ck_outcome("RFC3261-20.10-CONTACT-SYNTAX", CHECK_PASS);
	ck_outcome("RFC3261-10.2.2-CONTACT-NOT-STAR", CHECK_PASS);
	ck_outcome("RFC3261-20.10-CONTACT-NAME-ADDR", CHECK_PASS);
	ck_outcome("RFC3261-25-CONTACT-URI-SYNTAX", CHECK_PASS);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_PASS);
	ck_outcome("RFC3261-19.1.1-CONTACT-NO-METHOD-LR", CHECK_PASS);
	ck_outcome("RFC3261-20.10-CONTACT-Q-EXPIRES", CHECK_PASS);
	ck_outcome("RFC3261-7.3.1-CONTACT-PARAM-UNIQUE", CHECK_PASS);
	ck_outcome("RFC3261-16.5-CONTACT-UNIQUE", CHECK_PASS);
	ck_outcome("RFC3261-8.1.3.4-SIPS-KEPT", CHECK_NA);
	ck_outcome("SIPCONFORM-19.1.4-EXPECT-CONTACT", CHECK_PASS);
}
END_TEST

START_TEST(test_302_without_contact)
{
	judge(REQ("OPTIONS", RURI), S302 ECHO("OPTIONS") CL0, 302);
	ck_no_permanence();
	ck_outcome("RFC3261-21.3.3-CONTACT-PRESENT", CHECK_FAIL);
	ck_reason_has("RFC3261-21.3.3-CONTACT-PRESENT", "302 without Contact");
	ck_reason_has("RFC3261-21.3.3-CONTACT-PRESENT", "§21.3.3");
	ck_evidence_has("RFC3261-21.3.3-CONTACT-PRESENT", "SIP/2.0 302");
	ck_outcome("RFC3261-20.10-CONTACT-SYNTAX", CHECK_NA);
	ck_reason_has("RFC3261-20.10-CONTACT-SYNTAX", "see RFC3261-21.3.3-CONTACT-PRESENT");
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_NA);
	ck_assert_int_eq(rule_worst(J.res, J.n, false), CHECK_FAIL);
}
END_TEST

START_TEST(test_302_contact_star)
{
	judge(REQ("OPTIONS", RURI), S302 ECHO("OPTIONS") "Contact: *\r\n" CL0, 302);
	ck_no_permanence();
	ck_outcome("RFC3261-10.2.2-CONTACT-NOT-STAR", CHECK_FAIL);
	ck_reason_has("RFC3261-10.2.2-CONTACT-NOT-STAR", "Contact: * in a 302");
	ck_evidence_has("RFC3261-10.2.2-CONTACT-NOT-STAR", "Contact: *");
	ck_outcome("RFC3261-21.3.3-CONTACT-PRESENT", CHECK_PASS);
}
END_TEST

/* The Contact checks that fit any redirect judge a 302 as they judge a 301. */
START_TEST(test_302_contact_checks)
{
	const char *const want[] = { "sip:carol@192.0.2.12" };
	struct expect exp = { .code = 302, .contacts = want, .ncontacts = 1 };

	judge_x(REQ("OPTIONS", RURI),
		S302 ECHO("OPTIONS") "Contact: <sip:moved@127.0.0.1:5070>\r\n"
		"Contact: <sip:bob@192.0.2.11;method=INVITE>;q=2\r\n" CL0, &exp, false);
	ck_no_permanence();
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_FAIL);
	ck_outcome("RFC3261-19.1.1-CONTACT-NO-METHOD-LR", CHECK_WARN);
	ck_outcome("RFC3261-20.10-CONTACT-Q-EXPIRES", CHECK_FAIL);
	ck_outcome("SIPCONFORM-19.1.4-EXPECT-CONTACT", CHECK_FAIL);
	ck_reason_has("SIPCONFORM-19.1.4-EXPECT-CONTACT", "missing sip:carol@192.0.2.12");
}
END_TEST

START_TEST(test_301_instead_of_302)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10>\r\n" CL0, 302);
	ck_no_permanence();
	ck_outcome("RFC3261-7.2-STATUS-CODE", CHECK_FAIL);
	ck_reason_has("RFC3261-7.2-STATUS-CODE", "expected 302 Moved Temporarily, got 301 Moved Permanently");
	ck_reason_has("RFC3261-7.2-STATUS-CODE", "temporary move is 302, §21.3.3");
	ck_evidence_has("RFC3261-7.2-STATUS-CODE", "SIP/2.0 301 Moved Permanently");
	ck_outcome("RFC3261-21.3.3-CONTACT-PRESENT", CHECK_NA);
	ck_reason_has("RFC3261-21.3.3-CONTACT-PRESENT", "not judged: status was 301");
	ck_outcome("RFC3261-20.10-CONTACT-SYNTAX", CHECK_NA);
	ck_outcome("RFC3261-8.2.6.2-CALLID-ECHO", CHECK_PASS);
	ck_assert_int_eq(rule_worst(J.res, J.n, false), CHECK_FAIL);
}
END_TEST

START_TEST(test_301_instead_of_405)
{
	judge(REQ("MESSAGE", RURI),
	      S301 ECHO("MESSAGE") "Contact: <sip:alice@192.0.2.10>\r\n" CL0, 405);
	ck_outcome("RFC3261-7.2-STATUS-CODE", CHECK_FAIL);
	ck_reason_has("RFC3261-7.2-STATUS-CODE", "expected 405 Method Not Allowed, got 301 Moved Permanently");
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_NA);
	ck_reason_has("RFC3261-21.4.6-ALLOW-PRESENT", "status was 301");
	/* 301-specific checks are not run for a 405 expectation. */
	ck_assert_ptr_null(result("RFC3261-21.3.2-CONTACT-PRESENT"));
}
END_TEST

START_TEST(test_405_where_501_expected)
{
	judge(REQ("XYZZY", RURI),
	      S405 ECHO("XYZZY") "Allow: INVITE, ACK, CANCEL, OPTIONS\r\n" CL0, 501);
	ck_outcome("RFC3261-7.2-STATUS-CODE", CHECK_FAIL);
	ck_reason_has("RFC3261-7.2-STATUS-CODE", "expected 501 Not Implemented, got 405 Method Not Allowed");
	ck_reason_has("RFC3261-7.2-STATUS-CODE", "(405 means the method is recognised; an unrecognised method gets 501, §21.5.2)");
	ck_outcome("RFC3261-21.5.2-501-NOT-405", CHECK_FAIL);
	ck_reason_has("RFC3261-21.5.2-501-NOT-405", "expected 501 Not Implemented, got 405 Method Not Allowed");
	ck_assert_ptr_null(result("RFC3261-21.4.6-ALLOW-PRESENT"));
}
END_TEST

START_TEST(test_501_conformant)
{
	judge(REQ("XYZZY", RURI),
	      "SIP/2.0 501 Not Implemented\r\n" ECHO("XYZZY") "Allow: INVITE, ACK, CANCEL, OPTIONS\r\n" CL0, 501);
	ck_all_clean();
	ck_outcome("RFC3261-21.5.2-501-NOT-405", CHECK_PASS);
}
END_TEST

START_TEST(test_echo_mismatch)
{
	judge(REQ("OPTIONS", RURI),
	      S301 R_VIA "From: \"sipconform\" <sip:harness@127.0.0.1:5060>;tag=other\r\n"
	      R_TO "Call-ID: 1-SC@127.0.0.1\r\nCSeq: 2 OPTIONS\r\n"
	      "Contact: <sip:alice@192.0.2.10>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-CALLID-ECHO", CHECK_FAIL);
	ck_evidence_has("RFC3261-8.2.6.2-CALLID-ECHO", "Call-ID: 1-SC@127.0.0.1");
	ck_outcome("RFC3261-8.2.6.2-CSEQ-ECHO", CHECK_FAIL);
	ck_reason_has("RFC3261-8.2.6.2-CSEQ-ECHO", "'2 OPTIONS'");
	ck_outcome("RFC3261-8.2.6.2-FROM-ECHO", CHECK_FAIL);
	ck_reason_has("RFC3261-8.2.6.2-FROM-ECHO", "tag");
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_PASS);
}
END_TEST

START_TEST(test_cseq_method_case)
{
	judge(REQ("OPTIONS", RURI),
	      S301 R_VIA R_FROM R_TO R_CID "CSeq: 1 options\r\nContact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-CSEQ-ECHO", CHECK_FAIL);
}
END_TEST

START_TEST(test_via_mismatch)
{
	judge(REQ("OPTIONS", RURI),
	      S301 "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-other\r\n" R_FROM R_TO R_CID
	      "CSeq: 1 OPTIONS\r\nContact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_FAIL);
	ck_reason_has("RFC3261-8.2.6.2-VIA-ECHO", "branch");

	teardown();
	judge(REQ("OPTIONS", RURI),
	      S301 R_VIA "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-extra\r\n" R_FROM R_TO R_CID
	      "CSeq: 1 OPTIONS\r\nContact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_FAIL);
	ck_reason_has("RFC3261-8.2.6.2-VIA-ECHO", "2 Via values");

	/* received and an rport value are ignored; LWS in sent-protocol too. */
	teardown();
	judge(REQ("OPTIONS", RURI),
	      S301 "Via: SIP / 2.0 / udp 127.0.0.1:5060;rport=5060;branch=z9hG4bK-sc-1\r\n"
	      R_FROM R_TO R_CID "CSeq: 1 OPTIONS\r\nContact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_PASS);
}
END_TEST

START_TEST(test_via_rport)
{
	/* RFC 3581 §4: a bare rport asks for rport=<port> and received. */
	static const char req[] =
		"OPTIONS " RURI " SIP/2.0\r\n"
		"Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-r;rport\r\n"
		"Max-Forwards: 70\r\n" Q_FROM Q_TO Q_CID "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

	judge(req, S301 "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-r;rport\r\n"
	      R_FROM R_TO R_CID "CSeq: 1 OPTIONS\r\nContact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_FAIL);
	ck_reason_has("RFC3261-8.2.6.2-VIA-ECHO", "RFC 3581");
	teardown();
	judge(req, S301 "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-r;rport=5060;received=127.0.0.1\r\n"
	      R_FROM R_TO R_CID "CSeq: 1 OPTIONS\r\nContact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_PASS);
}
END_TEST

START_TEST(test_bare_lf)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:a@192.0.2.1>\n" CL0, 301);
	ck_outcome("RFC3261-7-CRLF", CHECK_FAIL);
	ck_evidence_has("RFC3261-7-CRLF", "Contact: <sip:a@192.0.2.1>");
}
END_TEST

START_TEST(test_require_unsupported)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Require: 100rel\r\nContact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.4-NO-REQUIRE", CHECK_FAIL);
	ck_reason_has("RFC3261-8.2.4-NO-REQUIRE", "100rel");
}
END_TEST

START_TEST(test_via_received_for_hostname)
{
	/* §18.2.1: a host-name sent-by needs 'received' in the response. */
	static const char req[] =
		"OPTIONS " RURI " SIP/2.0\r\n"
		"Via: SIP/2.0/UDP harness.example.com:5060;branch=z9hG4bK-h\r\n"
		"Max-Forwards: 70\r\n" Q_FROM Q_TO Q_CID "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

	judge(req, S301 "Via: SIP/2.0/UDP harness.example.com:5060;branch=z9hG4bK-h\r\n"
	      R_FROM R_TO R_CID "CSeq: 1 OPTIONS\r\nContact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_FAIL);
	ck_reason_has("RFC3261-8.2.6.2-VIA-ECHO", "18.2.1");
	teardown();
	judge(req, S301 "Via: SIP/2.0/UDP harness.example.com:5060;branch=z9hG4bK-h;received=127.0.0.1\r\n"
	      R_FROM R_TO R_CID "CSeq: 1 OPTIONS\r\nContact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_PASS);
}
END_TEST

START_TEST(test_content_length)
{
	struct expect exp = { .code = 301 };

	judge_x(REQ("OPTIONS", RURI),
		S301 ECHO("OPTIONS") "Contact: <sip:a@192.0.2.1>\r\n\r\n", &exp, true);
	ck_outcome("RFC3261-20.14-CONTENT-LENGTH", CHECK_FAIL);
	ck_reason_has("RFC3261-20.14-CONTENT-LENGTH", "18.3");
	teardown();
	judge_x(REQ("OPTIONS", RURI),
		S301 ECHO("OPTIONS") "Contact: <sip:a@192.0.2.1>\r\n\r\n", &exp, false);
	ck_outcome("RFC3261-20.14-CONTENT-LENGTH", CHECK_WARN);
	ck_assert_int_eq(rule_worst(J.res, J.n, false), CHECK_WARN);
	ck_assert_int_eq(rule_worst(J.res, J.n, true), CHECK_FAIL);
	teardown();
	judge_x(REQ("OPTIONS", RURI),
		S301 ECHO("OPTIONS") "Contact: <sip:a@192.0.2.1>\r\nContent-Length: 0\r\n\r\n", &exp, true);
	ck_outcome("RFC3261-20.14-CONTENT-LENGTH", CHECK_PASS);
	teardown();
	/* Bytes beyond Content-Length (§18.3: discarded) mean a wrong value. */
	judge_x(REQ("OPTIONS", RURI),
		S301 ECHO("OPTIONS") "Contact: <sip:a@192.0.2.1>\r\nContent-Length: 0\r\n\r\nv=0\r\n", &exp, false);
	ck_outcome("RFC3261-20.14-CONTENT-LENGTH", CHECK_FAIL);
}
END_TEST

START_TEST(test_body_without_type)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:a@192.0.2.1>\r\nContent-Length: 5\r\n\r\nhello", 301);
	ck_outcome("RFC3261-7.4.1-CONTENT-TYPE", CHECK_FAIL);
	ck_outcome("RFC3261-20.14-CONTENT-LENGTH", CHECK_PASS);
}
END_TEST

START_TEST(test_start_line)
{
	judge(REQ("OPTIONS", RURI),
	      "SIP/2.0 301 \r\n" ECHO("OPTIONS") "Contact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-7.2-START-LINE", CHECK_PASS);
	ck_outcome("RFC3261-7.2-STATUS-CODE", CHECK_PASS);
	/* INFO never fails: an unusual phrase is only recorded. */
	ck_outcome("RFC3261-21-REASON-PHRASE", CHECK_PASS);
	ck_reason_has("RFC3261-21-REASON-PHRASE", "suggests 'Moved Permanently'");
	teardown();
	judge(REQ("OPTIONS", RURI),
	      "sip/2.0 301 Moved Permanently\r\n" ECHO("OPTIONS") "Contact: <sip:a@192.0.2.1>\r\n" CL0, 301);
	ck_outcome("RFC3261-7.2-START-LINE", CHECK_FAIL);
	ck_reason_has("RFC3261-7.2-START-LINE", "upper-case");
}
END_TEST

START_TEST(test_expect_contacts_mismatch)
{
	const char *const want[] = { "sip:alice@192.0.2.10", "sip:bob@192.0.2.11" };
	struct expect exp = { .code = 301, .contacts = want, .ncontacts = 2 };

	judge_x(REQ("OPTIONS", RURI),
		S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10>, <sip:carol@192.0.2.12>\r\n" CL0,
		&exp, false);
	ck_outcome("SIPCONFORM-19.1.4-EXPECT-CONTACT", CHECK_FAIL);
	ck_reason_has("SIPCONFORM-19.1.4-EXPECT-CONTACT", "missing sip:bob@192.0.2.11");
	ck_reason_has("SIPCONFORM-19.1.4-EXPECT-CONTACT", "unexpected <sip:carol@192.0.2.12>");
	ck_outcome("RFC3261-21.3.2-CONTACT-PRESENT", CHECK_PASS);
	teardown();
	/* Order, q and expires do not matter. */
	judge_x(REQ("OPTIONS", RURI),
		S301 ECHO("OPTIONS") "Contact: <sip:bob@192.0.2.11>;q=0.1, <sip:alice@192.0.2.10>;expires=60\r\n" CL0,
		&exp, false);
	ck_outcome("SIPCONFORM-19.1.4-EXPECT-CONTACT", CHECK_PASS);
}
END_TEST

START_TEST(test_sips_to_sip)
{
	judge(REQ("OPTIONS", "sips:moved@127.0.0.1:5071"),
	      S301 ECHO("OPTIONS")
	      "Contact: <sip:alice@192.0.2.10>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.1.3.4-SIPS-KEPT", CHECK_WARN);
	ck_reason_has("RFC3261-8.1.3.4-SIPS-KEPT", "sip:alice@192.0.2.10");
	ck_assert_int_eq(rule_worst(J.res, J.n, false), CHECK_WARN);
	teardown();
	judge(REQ("OPTIONS", "sips:moved@127.0.0.1:5071"),
	      S301 ECHO("OPTIONS")
	      "Contact: <sips:alice@192.0.2.10>\r\n" CL0, 301);
	ck_outcome("RFC3261-8.1.3.4-SIPS-KEPT", CHECK_PASS);
	ck_all_clean();
}
END_TEST

START_TEST(test_contact_method_lr)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10;method=INVITE>\r\n" CL0, 301);
	ck_outcome("RFC3261-19.1.1-CONTACT-NO-METHOD-LR", CHECK_WARN);
	ck_reason_has("RFC3261-19.1.1-CONTACT-NO-METHOD-LR", "'method'");
	teardown();
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10;lr>\r\n" CL0, 301);
	ck_outcome("RFC3261-19.1.1-CONTACT-NO-METHOD-LR", CHECK_WARN);
	ck_reason_has("RFC3261-19.1.1-CONTACT-NO-METHOD-LR", "'lr'");
}
END_TEST

START_TEST(test_contact_bad_q)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10>;q=1.5\r\n" CL0, 301);
	ck_outcome("RFC3261-20.10-CONTACT-Q-EXPIRES", CHECK_FAIL);
	ck_reason_has("RFC3261-20.10-CONTACT-Q-EXPIRES", "q=1.5");
	ck_outcome("RFC3261-7.3-HEADER-SYNTAX", CHECK_FAIL);
	teardown();
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10>;q=0.25;expires=soon\r\n" CL0, 301);
	ck_outcome("RFC3261-20.10-CONTACT-Q-EXPIRES", CHECK_FAIL);
	ck_reason_has("RFC3261-20.10-CONTACT-Q-EXPIRES", "expires=soon");
}
END_TEST

START_TEST(test_contact_dup_param)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10>;expires=60;Expires=70\r\n" CL0, 301);
	ck_outcome("RFC3261-7.3.1-CONTACT-PARAM-UNIQUE", CHECK_FAIL);
	ck_reason_has("RFC3261-7.3.1-CONTACT-PARAM-UNIQUE", "'expires'");
	teardown();
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10;transport=tcp;transport=udp>\r\n" CL0, 301);
	ck_outcome("RFC3261-7.3.1-CONTACT-PARAM-UNIQUE", CHECK_FAIL);
	ck_reason_has("RFC3261-7.3.1-CONTACT-PARAM-UNIQUE", "URI parameter 'transport'");
}
END_TEST

START_TEST(test_contact_duplicates)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS")
	      "Contact: <sip:alice@192.0.2.10>;q=0.5\r\nContact: <sip:alice@192.0.2.10>;q=0.1\r\n" CL0, 301);
	ck_outcome("RFC3261-16.5-CONTACT-UNIQUE", CHECK_WARN);
	ck_outcome("RFC3261-7.3.1-CONTACT-PARAM-UNIQUE", CHECK_PASS);
}
END_TEST

START_TEST(test_contact_addr_spec_params)
{
	/* §20.10: ';transport' outside <...> is a header parameter. */
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: sip:alice@192.0.2.10;transport=tcp\r\n" CL0, 301);
	ck_outcome("RFC3261-20.10-CONTACT-NAME-ADDR", CHECK_FAIL);
	ck_reason_has("RFC3261-20.10-CONTACT-NAME-ADDR", "transport");
	teardown();
	/* RFC 4475 §3.1.2.13 regbadct: '?' in an addr-spec. */
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E\r\n" CL0, 301);
	ck_outcome("RFC3261-20.10-CONTACT-NAME-ADDR", CHECK_FAIL);
	ck_outcome("RFC3261-20.10-CONTACT-SYNTAX", CHECK_FAIL);
	ck_outcome("RFC3261-7.3-HEADER-SYNTAX", CHECK_FAIL);
	teardown();
	/* A bare addr-spec with a header parameter only is fine. */
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: sip:alice@192.0.2.10;expires=60\r\n" CL0, 301);
	ck_all_clean();
}
END_TEST

START_TEST(test_contact_bad_uri)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@[2001:db8:::1]>\r\n" CL0, 301);
	ck_outcome("RFC3261-25-CONTACT-URI-SYNTAX", CHECK_FAIL);
	ck_outcome("RFC3261-20.10-CONTACT-SYNTAX", CHECK_FAIL);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_NA);
	teardown();
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10\r\n" CL0, 301);
	ck_outcome("RFC3261-7.3-HEADER-SYNTAX", CHECK_FAIL);
	ck_reason_has("RFC3261-7.3-HEADER-SYNTAX", "unterminated '<'");
	ck_evidence_has("RFC3261-7.3-HEADER-SYNTAX", "Contact: <sip:alice@192.0.2.10");
}
END_TEST

START_TEST(test_contact_expires_zero)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10>;expires=0\r\n" CL0, 301);
	ck_outcome("RFC3261-21.3.2-PERMANENT-EXPIRES", CHECK_WARN);
	teardown();
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10>\r\nExpires: 0\r\n" CL0, 301);
	ck_outcome("RFC3261-21.3.2-PERMANENT-EXPIRES", CHECK_WARN);
	teardown();
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Contact: <sip:alice@192.0.2.10>;expires=60\r\nExpires: 0\r\n" CL0, 301);
	ck_outcome("RFC3261-21.3.2-PERMANENT-EXPIRES", CHECK_PASS);
}
END_TEST

/* ---- 405 ----------------------------------------------------------------------- */

START_TEST(test_405_two_allow_rows)
{
	const char *const want[] = { "OPTIONS", "INVITE", "CANCEL", "ACK" };
	struct expect exp = { .code = 405, .allow = want, .nallow = 4, .has_allow = true };

	judge_x(REQ("MESSAGE", RURI),
		S405 ECHO("MESSAGE") "Allow: INVITE, ACK\r\nAllow: CANCEL, OPTIONS\r\n" CL0, &exp, false);
	ck_all_clean();
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_PASS);
	ck_reason_has("RFC3261-21.4.6-ALLOW-PRESENT", "Allow present: INVITE, ACK, CANCEL, OPTIONS");
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_PASS);
	ck_outcome("RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", CHECK_PASS);
	ck_outcome("SIPCONFORM-21.4.6-EXPECT-ALLOW", CHECK_PASS);
	ck_assert_ptr_null(result("RFC3261-21.3.2-CONTACT-PRESENT"));
}
END_TEST

START_TEST(test_405_allow_no_spaces)
{
	judge(REQ("MESSAGE", RURI), S405 ECHO("MESSAGE") "Allow:INVITE,ACK\r\n" CL0, 405);
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_PASS);
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_PASS);
	ck_reason_has("RFC3261-21.4.6-ALLOW-PRESENT", "INVITE, ACK");
	ck_outcome("RFC3261-20.5-ALLOW-ACK-CANCEL", CHECK_FAIL);
	ck_reason_has("RFC3261-20.5-ALLOW-ACK-CANCEL", "CANCEL");
	ck_outcome("RFC3261-11-ALLOW-OPTIONS", CHECK_WARN);
}
END_TEST

START_TEST(test_405_without_allow)
{
	judge(REQ("MESSAGE", RURI), S405 ECHO("MESSAGE") CL0, 405);
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_FAIL);
	ck_reason_has("RFC3261-21.4.6-ALLOW-PRESENT", "21.4.6");
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_NA);
	ck_outcome("RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", CHECK_NA);
}
END_TEST

START_TEST(test_405_lists_refused_method)
{
	judge(REQ("MESSAGE", RURI),
	      S405 ECHO("MESSAGE") "Allow: INVITE, ACK, CANCEL, OPTIONS, MESSAGE\r\n" CL0, 405);
	ck_outcome("RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", CHECK_FAIL);
	ck_reason_has("RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", "MESSAGE");
	ck_evidence_has("RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", "Allow: INVITE");
}
END_TEST

START_TEST(test_405_malformed_allow)
{
	judge(REQ("MESSAGE", RURI), S405 ECHO("MESSAGE") "Allow: INVITE, <bad>\r\n" CL0, 405);
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_FAIL);
	ck_evidence_has("RFC3261-20.5-ALLOW-SYNTAX", "Allow: INVITE, <bad>");
	ck_outcome("RFC3261-7.3-HEADER-SYNTAX", CHECK_FAIL);
	ck_evidence_has("RFC3261-7.3-HEADER-SYNTAX", "Allow: INVITE, <bad>");
	ck_reason_has("RFC3261-7.3-HEADER-SYNTAX", "Allow");
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_PASS);
	ck_outcome("RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", CHECK_NA);
}
END_TEST

START_TEST(test_405_empty_allow)
{
	judge(REQ("MESSAGE", RURI), S405 ECHO("MESSAGE") "Allow:\r\n" CL0, 405);
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_PASS);
	ck_outcome("RFC3261-8.2.1-ALLOW-NON-EMPTY", CHECK_WARN);
}
END_TEST

START_TEST(test_405_case_and_dup)
{
	judge(REQ("MESSAGE", RURI),
	      S405 ECHO("MESSAGE") "Allow: invite, ACK, CANCEL, OPTIONS, ACK\r\n" CL0, 405);
	ck_outcome("RFC3261-25-ALLOW-METHOD-CASE", CHECK_WARN);
	ck_reason_has("RFC3261-25-ALLOW-METHOD-CASE", "'invite'");
	ck_outcome("RFC3261-20.5-ALLOW-UNIQUE", CHECK_WARN);
	/* "invite" is not INVITE: no ACK/CANCEL requirement from it. */
	ck_outcome("RFC3261-20.5-ALLOW-ACK-CANCEL", CHECK_PASS);
}
END_TEST

START_TEST(test_405_expect_allow_mismatch)
{
	const char *const want[] = { "INVITE", "ACK", "CANCEL", "OPTIONS", "BYE" };
	struct expect exp = { .code = 405, .allow = want, .nallow = 5, .has_allow = true };

	judge_x(REQ("MESSAGE", RURI),
		S405 ECHO("MESSAGE") "Allow: INVITE, ACK, CANCEL, OPTIONS, INFO\r\n" CL0, &exp, false);
	ck_outcome("SIPCONFORM-21.4.6-EXPECT-ALLOW", CHECK_FAIL);
	ck_reason_has("SIPCONFORM-21.4.6-EXPECT-ALLOW", "missing BYE");
	ck_reason_has("SIPCONFORM-21.4.6-EXPECT-ALLOW", "unexpected INFO");
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_PASS);
}
END_TEST

/* ---- malformed answers: rows that break the grammar are verdicts ------------------ */

#define ck_reason_is(id, text) do { \
	const struct check_result *r_ = result(id); \
	ck_assert_msg(r_ != NULL, "no result for %s", (id)); \
	ck_assert_str_eq(r_->reason, (text)); \
} while (0)

/* A control byte in an unrelated header hides nothing: the missing Allow
 * fails too, and the echoes are judged on the rows that parse. */
START_TEST(test_malformed_unrelated_405)
{
	static const char *const pass[] = {
		"RFC3261-7.2-START-LINE", "RFC3261-7.2-STATUS-CODE", "RFC3261-7-CRLF",
		"RFC3261-7.3.1-SINGLE-VALUED", "RFC3261-8.2.6.2-FROM-ECHO",
		"RFC3261-8.2.6.2-CALLID-ECHO", "RFC3261-8.2.6.2-CSEQ-ECHO",
		"RFC3261-8.2.6.2-VIA-ECHO", "RFC3261-8.2.6.2-TO-TAG", "RFC3261-20.14-CONTENT-LENGTH",
	};
	size_t i;

	judge(REQ("MESSAGE", RURI), S405 ECHO("MESSAGE") "X-Debug: build\x01 42\r\n" CL0, 405);
	ck_outcome("RFC3261-7.3-HEADER-SYNTAX", CHECK_FAIL);
	ck_reason_is("RFC3261-7.3-HEADER-SYNTAX",
		     "X-Debug: line 7 col 15: control character 0x01 in header value");
	ck_evidence_has("RFC3261-7.3-HEADER-SYNTAX", "X-Debug: build\x01 42");
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_FAIL);
	ck_reason_has("RFC3261-21.4.6-ALLOW-PRESENT", "405 without Allow");
	for (i = 0; i < NELEM(pass); i++)
		ck_outcome(pass[i], CHECK_PASS);
}
END_TEST

/* A fault in the Allow row itself: present, but its syntax fails with the
 * fault, and the content checks are not judged. */
START_TEST(test_malformed_allow_row)
{
	static const char want[] = "Allow: line 7 col 14: control character 0x01 in header value";
	const char *const allow[] = { "INVITE", "ACK" };
	struct expect exp = { .code = 405, .allow = allow, .nallow = 2, .has_allow = true };

	judge_x(REQ("MESSAGE", RURI), S405 ECHO("MESSAGE") "Allow: INVITE\x01, ACK\r\n" CL0, &exp, false);
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_PASS);
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_FAIL);
	ck_reason_is("RFC3261-20.5-ALLOW-SYNTAX", want);
	ck_evidence_has("RFC3261-20.5-ALLOW-SYNTAX", "Allow: INVITE\x01, ACK");
	ck_outcome("RFC3261-7.3-HEADER-SYNTAX", CHECK_FAIL);
	ck_reason_is("RFC3261-7.3-HEADER-SYNTAX", want);
	ck_outcome("RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", CHECK_NA);
	ck_outcome("RFC3261-20.5-ALLOW-ACK-CANCEL", CHECK_NA);
	ck_outcome("SIPCONFORM-21.4.6-EXPECT-ALLOW", CHECK_FAIL);
	ck_reason_has("SIPCONFORM-21.4.6-EXPECT-ALLOW", "Allow does not parse");
}
END_TEST

/* A row that is no header field next to a Contact: the Contact checks run. */
START_TEST(test_malformed_301_row)
{
	judge(REQ("OPTIONS", RURI),
	      S301 ECHO("OPTIONS") "Server sut/1.0\r\nContact: <" RURI ";lr>\r\n" CL0, 301);
	ck_outcome("RFC3261-7.3-HEADER-SYNTAX", CHECK_FAIL);
	ck_reason_is("RFC3261-7.3-HEADER-SYNTAX",
		     "header row: line 7 col 7: expected ':' after header name 'Server'");
	ck_evidence_has("RFC3261-7.3-HEADER-SYNTAX", "Server sut/1.0");
	ck_outcome("RFC3261-21.3.2-CONTACT-PRESENT", CHECK_PASS);
	ck_outcome("RFC3261-20.10-CONTACT-SYNTAX", CHECK_PASS);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_FAIL);
	ck_outcome("RFC3261-19.1.1-CONTACT-NO-METHOD-LR", CHECK_WARN);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_PASS);
}
END_TEST

/* The first fault is named, the others counted. */
START_TEST(test_malformed_many_rows)
{
	judge(REQ("MESSAGE", RURI),
	      S405 ECHO("MESSAGE") "X-A: \x02\r\nAllow: OPTIONS\r\nX-B x\r\n@: y\r\n" CL0, 405);
	ck_outcome("RFC3261-7.3-HEADER-SYNTAX", CHECK_FAIL);
	ck_reason_is("RFC3261-7.3-HEADER-SYNTAX",
		     "X-A: line 7 col 6: control character 0x02 in header value (+2 more malformed header rows)");
	ck_evidence_has("RFC3261-7.3-HEADER-SYNTAX", "X-A: ");
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_PASS);
	ck_outcome("RFC3261-11-ALLOW-OPTIONS", CHECK_PASS);
	teardown();
	judge(REQ("MESSAGE", RURI),
	      S405 ECHO("MESSAGE") "Allow: OPTIONS\r\nX-B x\r\n@: y\r\n" CL0, 405);
	ck_reason_is("RFC3261-7.3-HEADER-SYNTAX",
		     "header row: line 8 col 4: expected ':' after header name 'X-B' (+1 more malformed header row)");
}
END_TEST

/* A fault in a row an echo check needs: that check fails with the fault. */
START_TEST(test_malformed_echo_row)
{
	judge(REQ("MESSAGE", RURI),
	      S405 R_VIA "From \"sipconform\" <sip:harness@127.0.0.1:5060>;tag=h-1\r\n" R_TO R_CID
	      "CSeq: 1 MESSAGE\r\nAllow: INVITE, ACK, CANCEL, OPTIONS\r\n" CL0, 405);
	ck_outcome("RFC3261-8.2.6.2-FROM-ECHO", CHECK_FAIL);
	ck_reason_is("RFC3261-8.2.6.2-FROM-ECHO",
		     "From unusable: header row: line 3 col 5: expected ':' after header name 'From'");
	ck_outcome("RFC3261-7.3-HEADER-SYNTAX", CHECK_FAIL);
	ck_outcome("RFC3261-8.2.6.2-CALLID-ECHO", CHECK_PASS);
	ck_outcome("RFC3261-21.4.6-ALLOW-PRESENT", CHECK_PASS);
	ck_outcome("RFC3261-20.5-ALLOW-ACK-CANCEL", CHECK_PASS);
}
END_TEST

/* ---- Limits --------------------------------------------------------------------- */

START_TEST(test_bad_arguments)
{
	struct sipmsg *req = NULL, *resp = NULL;
	struct check_result *res = NULL;
	struct expect exp = { .code = 301 };
	struct exchange x = { NULL, NULL, false };
	const char *q = REQ("OPTIONS", RURI);
	size_t n = 0;

	ck_assert_int_eq(rule_judge(&res, &n, &x, &exp), EINVAL);
	ck_assert_int_eq(sipmsg_parse(&req, q, strlen(q), NULL), 0);
	x.resp = req;           /* a request is no response */
	ck_assert_int_eq(rule_judge(&res, &n, &x, &exp), EINVAL);
	ck_assert_int_eq(sipmsg_parse(&resp, conformant_301, strlen(conformant_301), NULL), 0);
	x.resp = resp;
	ck_assert_int_eq(rule_judge(&res, &n, &x, NULL), EINVAL);
	ck_assert_int_eq(rule_judge(NULL, &n, &x, &exp), EINVAL);
	ck_assert_ptr_null(res);
	req = sipmsg_free(req);
	resp = sipmsg_free(resp);
}
END_TEST

START_TEST(test_no_request)
{
	judge(NULL, conformant_301, 301);
	ck_outcome("RFC3261-8.2.6.2-CALLID-ECHO", CHECK_NA);
	ck_outcome("RFC3261-8.2.6.2-VIA-ECHO", CHECK_NA);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_NA);
	ck_outcome("RFC3261-21.3.2-CONTACT-PRESENT", CHECK_PASS);
}
END_TEST

START_TEST(test_many_contacts)
{
	size_t cap = 64 * 1024, len, i;
	char *buf = malloc(cap);

	ck_assert_ptr_nonnull(buf);
	len = (size_t)snprintf(buf, cap, "%s", S301 ECHO("OPTIONS"));
	for (i = 0; i < 400; i++)
		len += (size_t)snprintf(buf + len, cap - len, "Contact: <sip:u%zu@192.0.2.1>\r\n", i);
	len += (size_t)snprintf(buf + len, cap - len, "Contact: <sip:u7@192.0.2.1>\r\n" CL0);
	ck_assert(len < cap);
	judge(REQ("OPTIONS", RURI), buf, 301);
	ck_outcome("RFC3261-16.5-CONTACT-UNIQUE", CHECK_WARN);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_PASS);
	teardown();
	free(buf);
}
END_TEST

START_TEST(test_long_values_bounded)
{
	/* Reasons stay one bounded line even with huge folded values. */
	char *buf = malloc(20000), *user = malloc(9001);
	const char *const want[] = { "sip:other@192.0.2.1" };
	struct expect exp = { .code = 301, .contacts = want, .ncontacts = 1 };
	size_t i;

	ck_assert_ptr_nonnull(buf);
	ck_assert_ptr_nonnull(user);
	memset(user, 'a', 9000);
	user[9000] = '\0';
	snprintf(buf, 20000, S301 ECHO("OPTIONS") "Contact: <sip:%s@192.0.2.1>,\r\n\t<sip:moved@127.0.0.1:5070>\r\n" CL0, user);
	judge_x(REQ("OPTIONS", RURI), buf, &exp, false);
	ck_outcome("RFC3261-8.3-CONTACT-NOT-RURI", CHECK_FAIL);
	ck_outcome("SIPCONFORM-19.1.4-EXPECT-CONTACT", CHECK_FAIL);
	for (i = 0; i < J.n; i++) {
		const char *p;

		ck_assert(strlen(J.res[i].reason) < sizeof(J.res[i].reason));
		for (p = J.res[i].reason; *p; p++)
			ck_assert_msg((unsigned char)*p >= 0x20, "%s: control byte in reason",
				      J.res[i].rule->id);
	}
	teardown();
	free(buf);
	free(user);
}
END_TEST

/* expect 200: the OPTIONS answer itself (§11.2): Allow SHOULD be there, and parse. */
START_TEST(test_options_200)
{
	static const char ok[] = "SIP/2.0 200 OK\r\n" ECHO("OPTIONS")
		"Allow: INVITE, ACK, CANCEL, OPTIONS, BYE\r\n" CL0;
	static const char none[] = "SIP/2.0 200 OK\r\n" ECHO("OPTIONS") CL0;
	static const char bad[] = "SIP/2.0 200 OK\r\n" ECHO("OPTIONS") "Allow: INVITE,,ACK\r\n" CL0;
	static const char r405[] = S405 ECHO("OPTIONS") "Allow: INVITE\r\n" CL0;

	judge(REQ("OPTIONS", RURI), ok, 200);
	ck_all_clean();
	ck_outcome("RFC3261-11.2-ALLOW-PRESENT", CHECK_PASS);
	ck_reason_has("RFC3261-11.2-ALLOW-PRESENT", "INVITE, ACK, CANCEL, OPTIONS, BYE");
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_PASS);
	ck_assert_ptr_null(result("RFC3261-21.4.6-ALLOW-PRESENT"));   /* 405's MUST: not for 200 */
	ck_assert_ptr_null(result("RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD"));
	teardown();
	judge(REQ("OPTIONS", RURI), none, 200);
	ck_outcome("RFC3261-11.2-ALLOW-PRESENT", CHECK_WARN);
	ck_reason_has("RFC3261-11.2-ALLOW-PRESENT", "200 to OPTIONS without Allow (§11.2 SHOULD)");
	ck_evidence_has("RFC3261-11.2-ALLOW-PRESENT", "SIP/2.0 200 OK");
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_NA);
	ck_assert_int_eq(rule_worst(J.res, J.n, false), CHECK_WARN);
	teardown();
	judge(REQ("OPTIONS", RURI), bad, 200);
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_FAIL);
	ck_outcome("RFC3261-11.2-ALLOW-PRESENT", CHECK_PASS);
	teardown();
	/* a 405 where 200 is due: the status check fails, the 200 checks are NA */
	judge(REQ("OPTIONS", RURI), r405, 200);
	ck_outcome("RFC3261-7.2-STATUS-CODE", CHECK_FAIL);
	ck_outcome("RFC3261-11.2-ALLOW-PRESENT", CHECK_NA);
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_NA);
	/* and the 200 check is not run for a 405 */
	teardown();
	judge(REQ("OPTIONS", RURI), r405, 405);
	ck_assert_ptr_null(result("RFC3261-11.2-ALLOW-PRESENT"));
	ck_outcome("RFC3261-20.5-ALLOW-SYNTAX", CHECK_PASS);
}
END_TEST

static Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_checked_fixture(core, NULL, teardown);
	tcase_add_test(core, test_table_well_formed);
	tcase_add_test(core, test_table_has_catalogue);
	tcase_add_test(core, test_names_and_worst);
	tcase_add_test(core, test_rule_outcome);
	tcase_add_test(core, test_expect_table);
	tcase_add_test(core, test_options_200);
	tcase_add_test(core, test_301_conformant);
	tcase_add_test(core, test_301_compact_contact);
	tcase_add_test(core, test_301_folded_contact);
	tcase_add_test(core, test_lower_case_names);
	tcase_add_test(core, test_missing_to_tag);
	tcase_add_test(core, test_contact_star);
	tcase_add_test(core, test_contact_equals_ruri);
	tcase_add_test(core, test_contact_other_port);
	tcase_add_test(core, test_301_without_contact);
	tcase_add_test(core, test_302_instead_of_301);
	tcase_add_test(core, test_500_instead_of_301);
	tcase_add_test(core, test_301_instead_of_405);
	tcase_add_test(core, test_302_conformant);
	tcase_add_test(core, test_302_without_contact);
	tcase_add_test(core, test_302_contact_star);
	tcase_add_test(core, test_302_contact_checks);
	tcase_add_test(core, test_301_instead_of_302);
	tcase_add_test(core, test_405_where_501_expected);
	tcase_add_test(core, test_501_conformant);
	tcase_add_test(core, test_echo_mismatch);
	tcase_add_test(core, test_cseq_method_case);
	tcase_add_test(core, test_via_mismatch);
	tcase_add_test(core, test_via_received_for_hostname);
	tcase_add_test(core, test_via_rport);
	tcase_add_test(core, test_bare_lf);
	tcase_add_test(core, test_require_unsupported);
	tcase_add_test(core, test_content_length);
	tcase_add_test(core, test_body_without_type);
	tcase_add_test(core, test_start_line);
	tcase_add_test(core, test_expect_contacts_mismatch);
	tcase_add_test(core, test_sips_to_sip);
	tcase_add_test(core, test_contact_method_lr);
	tcase_add_test(core, test_contact_bad_q);
	tcase_add_test(core, test_contact_dup_param);
	tcase_add_test(core, test_contact_duplicates);
	tcase_add_test(core, test_contact_addr_spec_params);
	tcase_add_test(core, test_contact_bad_uri);
	tcase_add_test(core, test_contact_expires_zero);
	tcase_add_test(core, test_405_two_allow_rows);
	tcase_add_test(core, test_405_allow_no_spaces);
	tcase_add_test(core, test_405_without_allow);
	tcase_add_test(core, test_405_lists_refused_method);
	tcase_add_test(core, test_405_malformed_allow);
	tcase_add_test(core, test_405_empty_allow);
	tcase_add_test(core, test_405_case_and_dup);
	tcase_add_test(core, test_405_expect_allow_mismatch);
	tcase_add_test(core, test_malformed_unrelated_405);
	tcase_add_test(core, test_malformed_allow_row);
	tcase_add_test(core, test_malformed_301_row);
	tcase_add_test(core, test_malformed_many_rows);
	tcase_add_test(core, test_malformed_echo_row);
	suite_add_tcase(s, core);

	tcase_add_checked_fixture(lim, NULL, teardown);
	tcase_add_test(lim, test_bad_arguments);
	tcase_add_test(lim, test_no_request);
	tcase_add_test(lim, test_many_contacts);
	tcase_add_test(lim, test_long_values_bounded);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_rules", rules_suite, NULL, NULL };
