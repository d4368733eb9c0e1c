/*
 * rule.c - the RFC 3261 check catalogue (../shared/spec/checks.md) as a
 * table, and the judge that runs it over one request/response exchange.
 *
 * The catalogue is one X-macro list, RULE_LIST, so that the public table
 * (struct rule: data only) and the private table of rule functions stay
 * in step.  A check whose function is NULL compares several exchanges
 * (stability, consistency with OPTIONS, loops); it is listed so that the
 * ids are fixed, but rule_judge() does not produce a result for it.
 *
 * Columns: checks.md number, function, id, RFC 3261 section, level,
 * warn_only, scope, header at fault, statement of the requirement.
 * Ids are RFC3261-<section>-<NAME>; checks that compare against the
 * suite's own expectation are SIPCONFORM-<section>-<NAME>.  Never
 * rename an id: reports and suites refer to them.
 */
#include "judge/rule_impl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RULE_LIST(X) \
	/* 2.1 common to every response */ \
	X(1, rule_start_line, "RFC3261-7.2-START-LINE", "7.2", MUST, false, ANY, "", \
	  "Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF, version sent upper-case \"SIP/2.0\" (§7.1, §7.2)") \
	X(2, rule_status_code, "RFC3261-7.2-STATUS-CODE", "7.2", DERIVED, false, ANY, "", \
	  "the status code is the one the suite expects (301, 405, 501); the reason phrase is not judged (§7.2)") \
	X(2, rule_reason_phrase, "RFC3261-21-REASON-PHRASE", "21", INFO, false, ANY, "", \
	  "the Reason-Phrase is for humans; a UAC uses the code only (§7.2, §21): recorded, never judged") \
	X(3, rule_crlf, "RFC3261-7-CRLF", "7", MUST, false, ANY, "", \
	  "the start line and each header line MUST be terminated by CRLF, and the empty line MUST be present (§7)") \
	X(4, rule_header_syntax, "RFC3261-7.3-HEADER-SYNTAX", "7.3", MUST, false, ANY, "", \
	  "every known header field parses per §25 after unfolding, compact forms included (§7.3.1, §7.3.3)") \
	X(5, rule_single_valued, "RFC3261-7.3.1-SINGLE-VALUED", "7.3.1", MUST, false, ANY, "", \
	  "From, To, Call-ID and CSeq appear exactly once with one value, Content-Length at most once (§7.3.1, §8.1.1)") \
	X(6, rule_from_echo, "RFC3261-8.2.6.2-FROM-ECHO", "8.2.6.2", MUST, false, ANY, "From", \
	  "\"The From field of the response MUST equal the From header field of the request.\"") \
	X(7, rule_callid_echo, "RFC3261-8.2.6.2-CALLID-ECHO", "8.2.6.2", MUST, false, ANY, "Call-ID", \
	  "\"The Call-ID header field of the response MUST equal the Call-ID header field of the request.\"") \
	X(8, rule_cseq_echo, "RFC3261-8.2.6.2-CSEQ-ECHO", "8.2.6.2", MUST, false, ANY, "CSeq", \
	  "\"The CSeq header field of the response MUST equal the CSeq field of the request.\"") \
	X(9, rule_via_echo, "RFC3261-8.2.6.2-VIA-ECHO", "8.2.6.2", MUST, false, ANY, "Via", \
	  "\"The Via header field values in the response MUST equal the Via header field values in the request and MUST maintain the same ordering.\"") \
	X(10, rule_to_tag, "RFC3261-8.2.6.2-TO-TAG", "8.2.6.2", MUST, false, ANY, "To", \
	  "To equals the request's To if it had a tag; else the To URI is equal and \"the UAS MUST add a tag to the To header field\"") \
	X(11, NULL, "RFC3261-17.2.2-RETRANSMIT-SAME", "17.2.2", MUST, false, ANY, "", \
	  "a retransmitted request gets the same final response again, with the same To tag (§17.2.2, §8.2.6.2)") \
	X(12, rule_content_length, "RFC3261-20.14-CONTENT-LENGTH", "20.14", MUST, false, ANY, "Content-Length", \
	  "Content-Length MUST be present over stream transports and SHOULD be over UDP, and equals the body octets (§18.3, §20.14)") \
	X(13, rule_content_type, "RFC3261-7.4.1-CONTENT-TYPE", "7.4.1", MUST, false, ANY, "Content-Type", \
	  "\"If the body is not empty, the Content-Type header field MUST be present\" (§7.4.1, §20.15)") \
	X(17, rule_require, "RFC3261-8.2.4-NO-REQUIRE", "8.2.4", MUST, false, ANY, "Require", \
	  "a response carries no Require for an extension the request did not list in Supported (§8.2.4)") \
	/* 2.2 301 Moved Permanently */ \
	X(19, rule_contact_present, "RFC3261-21.3.2-CONTACT-PRESENT", "21.3.2", DERIVED, false, 301, "Contact", \
	  "a 301 gives the new address in Contact: the client \"SHOULD retry at the new address given by the Contact header field\" (§21.3.2, §13.3.1.2; project rule: FAIL)") \
	X(20, rule_contact_syntax, "RFC3261-20.10-CONTACT-SYNTAX", "20.10", MUST, false, 301, "Contact", \
	  "Contact = (\"Contact\" / \"m\") HCOLON (STAR / (contact-param *(COMMA contact-param))) (§20.10, §25)") \
	X(21, rule_contact_not_star, "RFC3261-10.2.2-CONTACT-NOT-STAR", "10.2.2", MUST, false, 301, "Contact", \
	  "Contact \"*\" is only for REGISTER with Expires: 0 (§10.2.2); a redirect MUST give addresses") \
	X(22, rule_contact_name_addr, "RFC3261-20.10-CONTACT-NAME-ADDR", "20.10", MUST, false, 301, "Contact", \
	  "\"if the URI contains a comma, question mark or semicolon, the URI MUST be enclosed in angle brackets\" (§20.10)") \
	X(23, rule_contact_uri, "RFC3261-25-CONTACT-URI-SYNTAX", "25", MUST, false, 301, "Contact", \
	  "each Contact URI is a valid SIP-URI, SIPS-URI or absoluteURI (§19.1, §25; RFC 5118 for IPv6)") \
	X(24, rule_contact_not_ruri, "RFC3261-8.3-CONTACT-NOT-RURI", "8.3", MUST, false, 301, "Contact", \
	  "\"the locations it returns in the Contact header field MUST NOT be ... equivalent to the Request-URI\" under §19.1.4 (§8.3)") \
	X(25, rule_contact_method_lr, "RFC3261-19.1.1-CONTACT-NO-METHOD-LR", "19.1.1", SHOULD, true, 301, "Contact", \
	  "method and lr URI parameters are not allowed in a redirect Contact (§19.1.1 Table 1)") \
	X(26, rule_contact_q_expires, "RFC3261-20.10-CONTACT-Q-EXPIRES", "20.10", MUST, false, 301, "Contact", \
	  "c-p-q = \"q\" EQUAL qvalue (0 to 1, at most 3 decimals), c-p-expires = \"expires\" EQUAL delta-seconds (§20.10, §25)") \
	X(27, rule_contact_param_dup, "RFC3261-7.3.1-CONTACT-PARAM-UNIQUE", "7.3.1", MUST, false, 301, "Contact", \
	  "\"any given parameter-name MUST NOT appear more than once\" (§7.3.1 header parameters, §19.1.1 URI parameters)") \
	X(28, rule_contact_dup, "RFC3261-16.5-CONTACT-UNIQUE", "16.5", DERIVED, true, 301, "Contact", \
	  "no URI appears twice in Contact (§19.1.4 equality): \"any given URI MUST NOT be added to the set more than once\" (§16.5)") \
	X(29, rule_contact_sips, "RFC3261-8.1.3.4-SIPS-KEPT", "8.1.3.4", DERIVED, true, 301, "Contact", \
	  "a sips: Request-URI is redirected to sips: URIs (§8.1.3.4 inform the user of an insecure URI, §16.7 SHOULD NOT recurse to non-SIPS)") \
	X(30, NULL, "RFC3261-21.3.2-PERMANENT-STABLE", "21.3.2", DERIVED, false, 301, "Contact", \
	  "fresh transactions to the same Request-URI all get 301 with the same Contact set (§21.3.2 \"redirect future requests\")") \
	X(31, NULL, "RFC3261-21.3.2-PERMANENT-METHODS", "21.3.2", DERIVED, false, 301, "Contact", \
	  "every method (except ACK, CANCEL) to the same Request-URI gets 301 with the same Contact set (§21.3.2, §8.3)") \
	X(32, NULL, "RFC3261-21.3.2-PERMANENT-TRANSPORTS", "21.3.2", DERIVED, false, 301, "Contact", \
	  "UDP and TCP requests to the same Request-URI get the same redirect (§21.3.2)") \
	X(33, rule_contact_expires0, "RFC3261-21.3.2-PERMANENT-EXPIRES", "21.3.2", DERIVED, true, 301, "Contact", \
	  "a permanent redirect whose every contact expires at once (expires=0) contradicts itself (§8.3 expires vs §21.3.2)") \
	X(34, NULL, "RFC3261-8.3-NO-REDIRECT-LOOP", "8.3", DERIVED, false, 301, "Contact", \
	  "following the contacts (§8.1.3.4) never leads back to a URI already in the target set (§8.3, §16.5)") \
	X(0, rule_expect_contact, "SIPCONFORM-19.1.4-EXPECT-CONTACT", "19.1.4", DERIVED, false, 301, "Contact", \
	  "the Contact set equals the suite's 'contact' list under §19.1.4 URI equality (order, q and expires ignored)") \
	/* 2.3 405 Method Not Allowed */ \
	X(37, rule_allow_present, "RFC3261-21.4.6-ALLOW-PRESENT", "21.4.6", MUST, false, 405, "Allow", \
	  "\"The response MUST include an Allow header field containing a list of valid methods for the indicated address.\" (§21.4.6, §8.2.1)") \
	X(38, rule_allow_syntax, "RFC3261-20.5-ALLOW-SYNTAX", "20.5", MUST, false, 405, "Allow", \
	  "Allow = \"Allow\" HCOLON [Method *(COMMA Method)], several rows combined (§20.5, §7.3.1, §25)") \
	X(39, rule_allow_excludes, "RFC3261-21.4.6-ALLOW-EXCLUDES-METHOD", "21.4.6", DERIVED, false, 405, "Allow", \
	  "the refused method is \"not allowed for the address\", so Allow, the \"list of valid methods\", does not list it (§21.4.6)") \
	X(40, rule_allow_non_empty, "RFC3261-8.2.1-ALLOW-NON-EMPTY", "8.2.1", DERIVED, true, 405, "Allow", \
	  "the 405 \"MUST list the set of methods supported by the UAS\" (§8.2.1): an empty Allow gives no alternative") \
	X(41, rule_allow_ack_cancel, "RFC3261-20.5-ALLOW-ACK-CANCEL", "20.5", DERIVED, false, 405, "Allow", \
	  "\"All methods, including ACK and CANCEL, understood by the UA MUST be included\": INVITE implies ACK and CANCEL (§20.5)") \
	X(42, rule_allow_options, "RFC3261-11-ALLOW-OPTIONS", "11", DERIVED, true, 405, "Allow", \
	  "\"All UAs MUST support the OPTIONS method\" (§11), so a UA's Allow lists OPTIONS (§20.5)") \
	X(43, rule_allow_case, "RFC3261-25-ALLOW-METHOD-CASE", "25", DERIVED, true, 405, "Allow", \
	  "methods are case-sensitive tokens; core methods are upper-case (§25 %x literals): \"invite\" is another, unknown method") \
	X(43, rule_allow_dup, "RFC3261-20.5-ALLOW-UNIQUE", "20.5", DERIVED, true, 405, "Allow", \
	  "Allow lists each method once (§20.5)") \
	X(44, NULL, "RFC3261-21.4.6-ALLOW-MATCHES-OPTIONS", "21.4.6", DERIVED, false, 405, "Allow", \
	  "the Allow of the 405 equals the Allow of the 200 OK to OPTIONS for the same Request-URI (§11.2, §20.5)") \
	X(0, NULL, "RFC3261-21.4.6-ALLOWED-NOT-REFUSED", "21.4.6", DERIVED, false, 405, "Allow", \
	  "a method the 405's Allow lists as valid for the address is not itself refused with 405 there (§21.4.6)") \
	X(45, NULL, "RFC3261-21.4.6-ALLOW-STABLE", "21.4.6", DERIVED, false, 405, "Allow", \
	  "fresh requests to the same Request-URI get 405 with the same Allow set (§21.4.6)") \
	X(0, rule_expect_allow, "SIPCONFORM-21.4.6-EXPECT-ALLOW", "21.4.6", DERIVED, false, 405, "Allow", \
	  "the Allow set equals the suite's 'allow' list exactly (case-sensitive methods, order ignored)") \
	/* 501 Not Implemented */ \
	X(46, rule_501_not_405, "RFC3261-21.5.2-501-NOT-405", "21.5.2", MUST, false, 501, "", \
	  "an unrecognised method gets 501, \"a 405 (Method Not Allowed) is sent when the server recognizes the request method\" (§21.5.2, §8.2.1)") \
	X(46, NULL, "RFC3261-21.5.2-405-FOR-KNOWN", "21.5.2", MUST, false, 405, "", \
	  "the same SUT answers 405 to a recognised method and 501 to an unrecognised one (§8.2.1, §21.5.2)")

#define RULE_ROW(num, fn, id, sec, lvl, warn, scope, hdr, text) \
	{ num, id, sec, RULE_##lvl, warn, RULE_##scope, hdr, text },
#define RULE_FN(num, fn, id, sec, lvl, warn, scope, hdr, text) fn,

const struct rule rule_table[] = { RULE_LIST(RULE_ROW) };
const size_t rule_count = sizeof(rule_table) / sizeof(rule_table[0]);

/* NULL: judged across exchanges, not by rule_judge(). */
static rule_fn *const rule_fns[] = { RULE_LIST(RULE_FN) };

_Static_assert(sizeof(rule_fns) / sizeof(rule_fns[0]) ==
	       sizeof(rule_table) / sizeof(rule_table[0]), "rule tables out of step");

const struct rule *rule_find(const char *id)
{
	size_t i;

	if (!id)
		return NULL;
	for (i = 0; i < rule_count; i++)
		if (strcmp(rule_table[i].id, id) == 0)
			return &rule_table[i];
	return NULL;
}

const char *rule_level_name(enum rule_level l)
{
	switch (l) {
	case RULE_MUST:    return "MUST";
	case RULE_SHOULD:  return "SHOULD";
	case RULE_DERIVED: return "DERIVED";
	case RULE_INFO:    return "INFO";
	}
	return "?";
}

const char *check_outcome_name(enum check_outcome o)
{
	switch (o) {
	case CHECK_PASS: return "pass";
	case CHECK_FAIL: return "fail";
	case CHECK_WARN: return "warn";
	case CHECK_NA:   return "na";
	}
	return "?";
}

enum check_outcome rule_worst(const struct check_result *r, size_t n, bool strict)
{
	enum check_outcome w = CHECK_PASS;
	size_t i;

	for (i = 0; r && i < n; i++) {
		if (r[i].outcome == CHECK_FAIL)
			return CHECK_FAIL;
		if (r[i].outcome == CHECK_WARN)
			w = strict ? CHECK_FAIL : CHECK_WARN;
	}
	return w;
}

/* ---- reporting helpers (rule_impl.h) ------------------------------------ */

/* Reasons end up in TAP lines and XML: no control bytes, one line. */
static void reason_clean(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

static void vset(struct check_result *r, enum check_outcome o, struct pl ev,
		 const char *fmt, va_list ap)
{
	r->outcome = o;
	r->evidence = ev;
	vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
	reason_clean(r->reason);
}

void rule_pass(struct check_result *r, struct pl ev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(r, CHECK_PASS, ev, fmt, ap);
	va_end(ap);
}

void rule_fail(struct check_result *r, struct pl ev, const char *fmt, ...)
{
	enum check_outcome o = CHECK_FAIL;
	va_list ap;

	/* A failed INFO check is only recorded; SHOULD and WARN checks warn. */
	if (r->rule->level == RULE_INFO)
		o = CHECK_PASS;
	else if (r->rule->level == RULE_SHOULD || r->rule->warn_only)
		o = CHECK_WARN;
	va_start(ap, fmt);
	vset(r, o, ev, fmt, ap);
	va_end(ap);
}

void rule_warn(struct check_result *r, struct pl ev, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(r, r->rule->level == RULE_INFO ? CHECK_PASS : CHECK_WARN, ev, fmt, ap);
	va_end(ap);
}

void rule_na(struct check_result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(r, CHECK_NA, PL_NULL, fmt, ap);
	va_end(ap);
}

void rule_cat(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strnlen(buf, size);
	va_list ap;

	if (len + 1 >= size)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

const char *rule_status_text(unsigned code)
{
	/* §21, the codes a redirect or method test can plausibly meet. */
	static const struct { unsigned code; const char *text; } t[] = {
		{ 100, "Trying" }, { 180, "Ringing" }, { 183, "Session Progress" },
		{ 200, "OK" }, { 202, "Accepted" },
		{ 300, "Multiple Choices" }, { 301, "Moved Permanently" },
		{ 302, "Moved Temporarily" }, { 305, "Use Proxy" },
		{ 380, "Alternative Service" },
		{ 400, "Bad Request" }, { 401, "Unauthorized" }, { 403, "Forbidden" },
		{ 404, "Not Found" }, { 405, "Method Not Allowed" },
		{ 407, "Proxy Authentication Required" }, { 408, "Request Timeout" },
		{ 410, "Gone" }, { 415, "Unsupported Media Type" },
		{ 416, "Unsupported URI Scheme" }, { 420, "Bad Extension" },
		{ 480, "Temporarily Unavailable" },
		{ 481, "Call/Transaction Does Not Exist" }, { 482, "Loop Detected" },
		{ 483, "Too Many Hops" }, { 484, "Address Incomplete" },
		{ 486, "Busy Here" }, { 487, "Request Terminated" },
		{ 488, "Not Acceptable Here" },
		{ 500, "Server Internal Error" }, { 501, "Not Implemented" },
		{ 502, "Bad Gateway" }, { 503, "Service Unavailable" },
		{ 504, "Server Time-out" }, { 505, "Version Not Supported" },
		{ 513, "Message Too Large" },
		{ 600, "Busy Everywhere" }, { 603, "Decline" },
		{ 604, "Does Not Exist Anywhere" }, { 606, "Not Acceptable" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].code == code)
			return t[i].text;
	return "";
}

struct pl rule_row_at(const struct sipmsg *msg, const char *at, size_t line)
{
	size_t i;

	if (!msg)
		return PL_NULL;
	if (at) {
		if (msg->start_line.p && at >= msg->start_line.p &&
		    at < msg->start_line.p + msg->start_line.l)
			return msg->start_line;
		for (i = 0; i < msg->nhdrs; i++) {
			const struct pl row = msg->hdrs[i].row;

			/* <= : an error "at end of value" points just past the row. */
			if (row.p && at >= row.p && at <= row.p + row.l)
				return row;
		}
	}
	if (line > 1) {
		for (i = msg->nhdrs; i-- > 0;)
			if (msg->hdrs[i].line && msg->hdrs[i].line <= line)
				return msg->hdrs[i].row;
	}
	return msg->start_line;
}

struct pl rule_row(const struct sipmsg *msg, enum siphdr_id id)
{
	const struct siphdr *h = sipmsg_hdr(msg, id);

	return h ? h->row : msg->start_line;
}

bool rule_status_gate(struct check_result *r, const struct rule_ctx *c)
{
	if (c->status_ok)
		return true;
	rule_na(r, "not judged: status was %u", c->resp->scode);
	return false;
}

/* ---- the judge ------------------------------------------------------------ */

static enum rule_scope scope_of(unsigned code)
{
	switch (code) {
	case 301: return RULE_301;
	case 405: return RULE_405;
	case 501: return RULE_501;
	default:  return RULE_ANY;
	}
}

static bool applies(const struct rule *ru, enum rule_scope s)
{
	return ru->scope == RULE_ANY || (s != RULE_ANY && ru->scope == s);
}

int rule_judge(struct check_result **resp, size_t *np,
	       const struct exchange *x, const struct expect *exp)
{
	struct rule_ctx c;
	struct check_result *res = NULL;
	enum rule_scope s;
	size_t i, n = 0;
	int err = 0;

	if (!resp || !np || !x || !exp || !x->resp || x->resp->is_request)
		return EINVAL;

	memset(&c, 0, sizeof(c));
	c.x = x;
	c.exp = exp;
	c.req = (x->req && x->req->is_request) ? x->req : NULL;
	c.resp = x->resp;
	c.status_ok = x->resp->scode == exp->code;
	s = scope_of(exp->code);

	if (c.req && sipuri_parse(&c.ruri, c.req->ruri, RULE_NOERR) == 0)
		c.has_ruri = true;

	c.contacts_err = sipmsg_contacts(c.resp, &c.contacts, &c.ncontacts,
					 &c.contacts_perr);
	if (c.contacts_err == ENOMEM) {
		err = ENOMEM;
		goto out;
	}
	if (c.contacts_err) {
		c.contacts = NULL;
		c.ncontacts = 0;
	}
	c.allow_err = sipmsg_allow(c.resp, &c.allow_present, &c.allow,
				   &c.nallow, &c.allow_perr);
	if (c.allow_err == ENOMEM) {
		err = ENOMEM;
		goto out;
	}
	if (c.allow_err) {
		/* Presence is a fact of the rows, whatever their syntax. */
		c.allow_present = sipmsg_hdr_count(c.resp, SIPHDR_ALLOW) > 0;
		c.allow = NULL;
		c.nallow = 0;
	}

	res = calloc(rule_count, sizeof(*res));
	if (!res) {
		err = ENOMEM;
		goto out;
	}
	for (i = 0; i < rule_count; i++) {
		struct check_result *r;

		if (!rule_fns[i] || !applies(&rule_table[i], s))
			continue;
		r = &res[n++];
		r->rule = &rule_table[i];
		r->outcome = CHECK_NA;
		r->msg = c.resp->raw;
		rule_fns[i](r, &c);
		if (!r->reason[0])
			rule_na(r, "not judged");
	}

out:
	free(c.contacts);
	free(c.allow);
	if (err) {
		free(res);
		return err;
	}
	*resp = res;
	*np = n;
	return 0;
}
