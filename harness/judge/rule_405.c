/*
 * rule_405.c - checks of a 405 Method Not Allowed (catalogue §2.3), of
 * the 501 expected for an unrecognised method, and of the Allow of a 200
 * to OPTIONS.
 *
 * RFC 3261 §21.4.6: "The method specified in the Request-Line is
 * understood, but not allowed for the address identified by the
 * Request-URI.  The response MUST include an Allow header field
 * containing a list of valid methods for the indicated address."
 *
 * The Allow list is parsed once by rule_judge() (sipmsg_allow(): all
 * rows merged, §7.3.1).  Every 405 check is NA when the status is not
 * 405, and the content checks are NA when Allow is absent or malformed
 * (those have checks of their own).
 */
#include "judge/rule_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Method names defined by RFC 3261 and the common extensions; a token
 * equal to one of these but for case is suspect (§25 %x literals). */
static const char *const known_methods[] = {
	"INVITE", "ACK", "OPTIONS", "BYE", "CANCEL", "REGISTER",
	"PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER",
	"MESSAGE", "UPDATE", NULL,
};

static bool listed(const struct rule_ctx *c, struct pl m)
{
	size_t i;

	for (i = 0; i < c->nallow; i++)
		if (pl_eq(c->allow[i], m))
			return true;
	return false;
}

/* Status 405, Allow present and parsed; else NA. */
static bool gate(struct check_result *r, const struct rule_ctx *c)
{
	if (!rule_status_gate(r, c))
		return false;
	if (!c->allow_present) {
		rule_na(r, "not judged: no Allow (see %s)", rule_id_str(RULE_ALLOW_PRESENT));
		return false;
	}
	if (c->allow_err) {
		rule_na(r, "not judged: Allow does not parse (see %s)",
			rule_id_str(RULE_ALLOW_SYNTAX));
		return false;
	}
	return true;
}

static struct pl allow_row(const struct rule_ctx *c)
{
	return rule_row(c->resp, SIPHDR_ALLOW);
}

/* "INVITE, ACK" (truncated) into buf. */
static const char *allow_list(const struct rule_ctx *c, char *buf, size_t size)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < c->nallow; i++)
		rule_cat(buf, size, "%s%.*s", i ? ", " : "", PLQ(c->allow[i]));
	return buf;
}

/* ---- 37 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §21.4.6: "The response MUST include an Allow header field
 * containing a list of valid methods for the indicated address."
 * §8.2.1: the UAS "MUST also add an Allow header field to the 405".
 * The same function judges the 200 to OPTIONS (OPTIONS-ALLOW-PRESENT):
 * §11.2 "Allow, Accept, Accept-Encoding, Accept-Language, and Supported
 * header fields SHOULD be present in a 200 (OK) response to an OPTIONS
 * request" -- its row's level makes a missing Allow a warning there.
 */
void rule_allow_present(struct check_result *r, const struct rule_ctx *c)
{
	char buf[160];

	if (!rule_status_gate(r, c))
		return;
	if (!c->allow_present) {
		rule_fail(r, c->resp->start_line, "%s",
			  r->rule->rid == RULE_OPTIONS_ALLOW_PRESENT ?
			  "200 to OPTIONS without Allow (§11.2 SHOULD)" :
			  "405 without Allow (§21.4.6 MUST, §8.2.1)");
		return;
	}
	if (c->allow_err)
		rule_pass(r, allow_row(c), "Allow present (%zu row%s)",
			  sipmsg_hdr_count(c->resp, SIPHDR_ALLOW),
			  sipmsg_hdr_count(c->resp, SIPHDR_ALLOW) == 1 ? "" : "s");
	else
		rule_pass(r, allow_row(c), "Allow present: %s", allow_list(c, buf, sizeof(buf)));
}

/* ---- 38 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §20.5/§25: Allow = "Allow" HCOLON [Method *(COMMA Method)];
 * Method = INVITEm / ... / extension-method (a token).  Several rows
 * combine into one list (§7.3.1).  Allow has no compact form.
 */
void rule_allow_syntax(struct check_result *r, const struct rule_ctx *c)
{
	if (!rule_status_gate(r, c))
		return;
	if (!c->allow_present) {
		rule_na(r, "not judged: no Allow (see %s)", rule_id_str(RULE_ALLOW_PRESENT));
		return;
	}
	if (c->allow_err) {
		rule_fail(r, rule_row_at(c->resp, c->allow_perr.at, c->allow_perr.line), "%s",
			  c->allow_perr.what[0] ? c->allow_perr.what : "Allow does not parse");
		return;
	}
	rule_pass(r, allow_row(c), "Allow parses: %zu method%s in %zu row%s", c->nallow,
		  c->nallow == 1 ? "" : "s", sipmsg_hdr_count(c->resp, SIPHDR_ALLOW),
		  sipmsg_hdr_count(c->resp, SIPHDR_ALLOW) == 1 ? "" : "s");
}

/* ---- 39 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §21.4.6: the method is "not allowed for the address", and
 * Allow lists the "valid methods for the indicated address": the refused
 * method cannot be among them.
 */
void rule_allow_excludes(struct check_result *r, const struct rule_ctx *c)
{
	size_t i;

	if (!gate(r, c))
		return;
	if (!c->req) {
		rule_na(r, "not judged: the request is not available");
		return;
	}
	for (i = 0; i < c->nallow; i++) {
		if (pl_eq(c->allow[i], c->req->method)) {
			rule_fail(r, rule_row_at(c->resp, c->allow[i].p, 0),
				  "Allow lists %.*s, the very method this 405 refuses (§21.4.6)",
				  PLQ(c->req->method));
			return;
		}
	}
	rule_pass(r, allow_row(c), "Allow does not list the refused %.*s", PLQ(c->req->method));
}

/* ---- 40 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §8.2.1: the UAS "MUST list the set of methods supported by
 * the UAS": an empty Allow (legal syntax) names no method at all.
 */
void rule_allow_non_empty(struct check_result *r, const struct rule_ctx *c)
{
	if (!gate(r, c))
		return;
	if (c->nallow == 0) {
		rule_fail(r, allow_row(c), "Allow is empty: no method is valid for this address (§8.2.1)");
		return;
	}
	rule_pass(r, allow_row(c), "Allow lists %zu method%s", c->nallow, c->nallow == 1 ? "" : "s");
}

/* ---- 41 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §20.5: "All methods, including ACK and CANCEL, understood by
 * the UA MUST be included in the list of methods in the Allow header
 * field, when present."  A UA that takes INVITE understands ACK and
 * CANCEL (§17.1.1.3, §9.2).
 */
void rule_allow_ack_cancel(struct check_result *r, const struct rule_ctx *c)
{
	bool ack, cancel;

	if (!gate(r, c))
		return;
	if (!listed(c, PL("INVITE"))) {
		rule_pass(r, allow_row(c), "INVITE not listed, ACK/CANCEL not required");
		return;
	}
	ack = listed(c, PL("ACK"));
	cancel = listed(c, PL("CANCEL"));
	if (!ack || !cancel) {
		rule_fail(r, allow_row(c), "Allow lists INVITE but not %s%s%s (§20.5: ACK and CANCEL MUST be included)",
			  ack ? "" : "ACK", (!ack && !cancel) ? " nor " : "", cancel ? "" : "CANCEL");
		return;
	}
	rule_pass(r, allow_row(c), "INVITE listed with ACK and CANCEL");
}

/* ---- 42 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §11: "All UAs MUST support the OPTIONS method"; with §20.5
 * every method understood is listed.  A proxy or redirect server is not
 * bound by it, hence WARN.
 */
void rule_allow_options(struct check_result *r, const struct rule_ctx *c)
{
	if (!gate(r, c))
		return;
	if (!listed(c, PL("OPTIONS"))) {
		rule_fail(r, allow_row(c), "Allow does not list OPTIONS, which every UA MUST support (§11, §20.5)");
		return;
	}
	rule_pass(r, allow_row(c), "OPTIONS listed");
}

/* ---- 43 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §25: Method tokens are case-sensitive and the core methods
 * are upper-case literals (INVITEm = %x49.4E.56.49.54.45): "invite" is
 * another, unknown extension method.
 */
void rule_allow_case(struct check_result *r, const struct rule_ctx *c)
{
	size_t i, k;

	if (!gate(r, c))
		return;
	for (i = 0; i < c->nallow; i++) {
		for (k = 0; known_methods[k]; k++) {
			if (pl_caseeq_str(c->allow[i], known_methods[k]) &&
			    !pl_eq_str(c->allow[i], known_methods[k])) {
				rule_fail(r, rule_row_at(c->resp, c->allow[i].p, 0),
					  "Allow lists '%.*s': methods are case-sensitive, %s is written upper-case (§25)",
					  PLQ(c->allow[i]), known_methods[k]);
				return;
			}
		}
	}
	rule_pass(r, allow_row(c), "known methods written upper-case");
}

/* RFC 3261 §20.5: a list of the methods supported; each appears once. */
void rule_allow_dup(struct check_result *r, const struct rule_ctx *c)
{
	size_t i, j;

	if (!gate(r, c))
		return;
	for (i = 0; i < c->nallow; i++) {
		for (j = i + 1; j < c->nallow; j++) {
			if (pl_eq(c->allow[i], c->allow[j])) {
				rule_fail(r, rule_row_at(c->resp, c->allow[j].p, 0),
					  "Allow lists %.*s twice (§20.5)", PLQ(c->allow[j]));
				return;
			}
		}
	}
	rule_pass(r, allow_row(c), "no method listed twice");
}

/* ---- suite 'allow' ------------------------------------------------------------ */

/*
 * The Allow set equals the suite's 'allow' list exactly: methods are
 * case-sensitive (§25), order and repetition are ignored.
 */
void rule_expect_allow(struct check_result *r, const struct rule_ctx *c)
{
	const struct expect *x = c->exp;
	char miss[160] = "", extra[160] = "", buf[160];
	size_t i, j;

	if (!x->has_allow) {
		rule_na(r, "not judged: the suite gives no 'allow'");
		return;
	}
	if (!rule_status_gate(r, c))
		return;
	if (!c->allow_present || c->allow_err) {
		rule_fail(r, c->allow_present ? allow_row(c) : c->resp->start_line,
			  "%s, cannot compare with the suite's %zu method%s",
			  c->allow_present ? "Allow does not parse" : "no Allow", x->nallow,
			  x->nallow == 1 ? "" : "s");
		return;
	}
	for (i = 0; i < x->nallow; i++)
		if (x->allow[i] && !listed(c, pl_from(x->allow[i])))
			rule_cat(miss, sizeof(miss), "%s%s", miss[0] ? ", " : "", x->allow[i]);
	for (j = 0; j < c->nallow; j++) {
		bool found = false;

		for (i = 0; i < x->nallow && !found; i++)
			found = x->allow[i] && pl_eq_str(c->allow[j], x->allow[i]);
		if (!found)
			rule_cat(extra, sizeof(extra), "%s%.*s", extra[0] ? ", " : "", PLQ(c->allow[j]));
	}
	if (miss[0] || extra[0]) {
		rule_fail(r, allow_row(c), "Allow differs from the suite's:%s%s%s%s",
			  miss[0] ? " missing " : "", miss, extra[0] ? " unexpected " : "", extra);
		return;
	}
	rule_pass(r, allow_row(c), "Allow equals the suite's set: %s", allow_list(c, buf, sizeof(buf)));
}

/* ---- 46 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §21.5.2: 501 "is the appropriate response when a UAS does not
 * recognize the request method and is not capable of supporting it for
 * any user ... Note that a 405 (Method Not Allowed) is sent when the
 * server recognizes the request method".  Judged for 501 and for the
 * 405 that would contradict it; other codes are left to the status check.
 */
void rule_501_not_405(struct check_result *r, const struct rule_ctx *c)
{
	unsigned got = c->resp->scode;
	struct pl m = c->req ? c->req->method : PL("the method");

	if (got == 501) {
		rule_pass(r, c->resp->start_line, "501 Not Implemented for the unrecognised %.*s", PLQ(m));
		return;
	}
	if (got == 405) {
		rule_fail(r, c->resp->start_line,
			  "expected 501 Not Implemented, got 405 Method Not Allowed: 405 claims %.*s is recognised, an unrecognised method gets 501 (§21.5.2)",
			  PLQ(m));
		return;
	}
	rule_na(r, "not judged: status was %u", got);
}
