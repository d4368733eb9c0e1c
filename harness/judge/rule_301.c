/*
 * rule_301.c - checks of a redirect: 301 Moved Permanently (the check catalogue
 * §2.2) and 302 Moved Temporarily.
 *
 * RFC 3261 §21.3.2: "The user can no longer be found at the address in
 * the Request-URI, and the requesting client SHOULD retry at the new
 * address given by the Contact header field (Section 20.10)."  §21.3.3:
 * 302 "The requesting client SHOULD retry the request at the new
 * address(es) given by the Contact header field".  The Contact checks
 * (scope REDIRECT) fit both; only PERMANENT-EXPIRES is 301's alone.
 *
 * Every check here is NA when the status is not the expected one ("not
 * judged: status was 302"): the status check reports that failure once.
 * Checks that need the syntax of one contact value work on the raw
 * elements (sipmsg_hdr_elems) so that they still judge a Contact the
 * strict parser rejected; the others use the parsed list in the context.
 */
#include "judge/rule_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The expected status and at least one Contact row, else NA. */
static bool gate(struct check_result *r, const struct rule_ctx *c)
{
	if (!rule_status_gate(r, c))
		return false;
	if (!sipmsg_hdr(c->resp, SIPHDR_CONTACT)) {
		rule_na(r, "not judged: no Contact (see %s)", rule_id_str(c->row->present));
		return false;
	}
	return true;
}

/* gate() and a Contact the parser accepted. */
static bool gate_parsed(struct check_result *r, const struct rule_ctx *c)
{
	if (!gate(r, c))
		return false;
	if (c->contacts_err) {
		rule_na(r, "not judged: Contact does not parse (see %s)",
			rule_id_str(RULE_CONTACT_SYNTAX));
		return false;
	}
	return true;
}

/* The row a parsed or raw contact value came from. */
static struct pl row_of(const struct rule_ctx *c, struct pl v)
{
	return rule_row_at(c->resp, v.p, 0);
}

/*
 * Split one raw contact value into its URI and the header-parameter
 * part (starting at the first ';', or empty):
 *   name-addr: [ display-name ] "<" URI ">" *( ";" param )
 *   addr-spec:  URI-without-params   *( ";" param )
 * Quoted display names may hold '<' and ';'.  False if unterminated.
 */
static bool split_value(struct pl v, struct pl *uri, struct pl *hparams, bool *name_addr)
{
	size_t i = 0, s;

	*name_addr = false;
	if (v.l && v.p[0] == '"') {
		for (i = 1; i < v.l && v.p[i] != '"'; i++)
			if (v.p[i] == '\\')
				i++;
		if (i >= v.l)
			return false;
		i++;
	}
	for (s = i; s < v.l && v.p[s] != '<'; s++)
		;
	if (s < v.l) {
		size_t e;

		for (e = s + 1; e < v.l && v.p[e] != '>'; e++)
			;
		if (e >= v.l)
			return false;
		*name_addr = true;
		*uri = (struct pl){ v.p + s + 1, e - s - 1 };
		*hparams = (struct pl){ v.p + e + 1, v.l - e - 1 };
		return true;
	}
	for (s = 0; s < v.l && v.p[s] != ';'; s++)
		;
	*uri = pl_trim((struct pl){ v.p, s });
	*hparams = (struct pl){ v.p + s, v.l - s };
	return true;
}

/* Next ";name[=value]" of a parameter list; false at the end.  Quoted
 * values may hold ';'.  *name is trimmed. */
static bool next_param(struct pl *rest, struct pl *name)
{
	size_t i = 0, e;
	bool q = false;

	while (i < rest->l && rest->p[i] != ';')
		i++;
	if (i >= rest->l)
		return false;
	i++;
	for (e = i; e < rest->l && (q || rest->p[e] != ';'); e++) {
		if (rest->p[e] == '"')
			q = !q;
		else if (q && rest->p[e] == '\\')
			e++;
	}
	if (e > rest->l)
		e = rest->l;
	*name = (struct pl){ rest->p + i, e - i };
	for (i = 0; i < name->l && name->p[i] != '='; i++)
		;
	name->l = i;
	*name = pl_trim(*name);
	*rest = (struct pl){ rest->p + e, rest->l - e };
	return true;
}

/* Raw elements of Contact; NA (and false) if the list does not split. */
static bool raw_elems(struct check_result *r, const struct rule_ctx *c,
		      struct siphdr_elem **elp, size_t *np)
{
	int err;

	*elp = NULL;
	*np = 0;
	err = sipmsg_hdr_elems(c->resp, SIPHDR_CONTACT, elp, np, RULE_NOERR);
	if (err) {
		*elp = NULL;
		if (!rule_nomem(c, err))
			rule_na(r, "not judged: the Contact list does not split into values");
		return false;
	}
	return true;
}

/* ---- 19 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §21.3.2: the client "SHOULD retry at the new address given by
 * the Contact header field"; §21.3.3 (302) the same for "the new
 * address(es)"; §8.3: a redirect server "populates the list of (one or
 * more) alternative locations into the Contact header field".  This
 * project fails a 301 or 302 without a usable Contact (§13.3.1.2).  One
 * function, two checks (RULE_CONTACT_PRESENT_301/_302): the reason cites
 * the section of the check that runs.
 */
void rule_contact_present(struct check_result *r, const struct rule_ctx *c)
{
	struct siphdr_elem *el = NULL;
	size_t n = 0;
	int err;

	if (!rule_status_gate(r, c))
		return;
	if (!sipmsg_hdr(c->resp, SIPHDR_CONTACT)) {
		rule_fail(r, c->resp->start_line,
			  "%u without Contact: the client has no new address to retry at (§%s, §13.3.1.2)",
			  c->resp->scode, r->rule->section);
		return;
	}
	err = sipmsg_hdr_elems(c->resp, SIPHDR_CONTACT, &el, &n, RULE_NOERR);
	if (rule_nomem(c, err))
		return;
	if (err == 0 && n == 0) {
		rule_fail(r, rule_row(c->resp, SIPHDR_CONTACT),
			  "%u with an empty Contact: no new address to retry at (§%s, §13.3.1.2)",
			  c->resp->scode, r->rule->section);
		return;
	}
	free(el);
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "Contact present (%zu row%s)",
		  sipmsg_hdr_count(c->resp, SIPHDR_CONTACT),
		  sipmsg_hdr_count(c->resp, SIPHDR_CONTACT) == 1 ? "" : "s");
}

/* ---- 20 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §20.10/§25: Contact = ("Contact" / "m") HCOLON (STAR /
 * (contact-param *(COMMA contact-param))); contact-param = (name-addr /
 * addr-spec) *(SEMI contact-params).  Rows combine (§7.3.1).
 */
void rule_contact_syntax(struct check_result *r, const struct rule_ctx *c)
{
	if (!gate(r, c))
		return;
	if (c->contacts_err) {
		rule_fail(r, rule_row_at(c->resp, c->contacts_perr.at, c->contacts_perr.line),
			  "%s", c->contacts_perr.what[0] ? c->contacts_perr.what : "Contact does not parse");
		return;
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "%zu contact value%s",
		  c->ncontacts, c->ncontacts == 1 ? " parses" : "s parse");
}

/* ---- 21 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §10.2.2: "The use of the "*" Contact header field value allows
 * a registering UA to remove all bindings ... It MUST NOT be used unless
 * the Expires header field is present with a value of "0"" - it is a
 * REGISTER request value, never a redirect target.
 */
void rule_contact_not_star(struct check_result *r, const struct rule_ctx *c)
{
	struct siphdr_elem *el;
	size_t n, i;

	if (!gate(r, c) || !raw_elems(r, c, &el, &n))
		return;
	for (i = 0; i < n; i++) {
		if (pl_eq_str(el[i].v, "*")) {
			rule_fail(r, el[i].hdr->row,
				  "Contact: * in a %u: '*' only removes REGISTER bindings (§10.2.2), it is no address",
				  c->resp->scode);
			free(el);
			return;
		}
	}
	free(el);
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "no '*' contact");
}

/* ---- 22 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §20.10: "If the URI is not enclosed in angle brackets, any
 * semicolon-delimited parameters are header-parameters, not URI
 * parameters"; §20: "if the URI contains a comma, question mark or
 * semicolon, the URI MUST be enclosed in angle brackets (< and >)".
 * A bare URI with '?' is broken (RFC 4475 §3.1.2.13); a bare URI
 * followed by a URI-only parameter (transport, maddr, ...) turned that
 * parameter into a header parameter.
 */
void rule_contact_name_addr(struct check_result *r, const struct rule_ctx *c)
{
	static const char *const uri_only[] = {
		"transport", "maddr", "ttl", "user", "method", "lr", NULL,
	};
	struct siphdr_elem *el;
	size_t n, i, k;

	if (!gate(r, c) || !raw_elems(r, c, &el, &n))
		return;
	for (i = 0; i < n; i++) {
		struct pl uri, hp, name;
		bool na;

		if (pl_eq_str(el[i].v, "*") || !split_value(el[i].v, &uri, &hp, &na) || na)
			continue;
		if (memchr(el[i].v.p, '?', el[i].v.l)) {
			rule_fail(r, el[i].hdr->row,
				  "'%.*s' holds '?' outside <...>: such a URI MUST be a name-addr (§20, §20.10)",
				  PLQ(el[i].v));
			goto out;
		}
		while (next_param(&hp, &name)) {
			for (k = 0; uri_only[k]; k++) {
				if (pl_caseeq_str(name, uri_only[k])) {
					rule_fail(r, el[i].hdr->row,
						  "';%.*s' follows a URI outside <...>, so it is a header parameter, not a URI parameter: write <%.*s;%.*s> (§20.10)",
						  PLQ(name), PLQ(uri), PLQ(name));
					goto out;
				}
			}
		}
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "URIs with ';', '?' or ',' are in <...>");
out:
	free(el);
}

/* ---- 23 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §19.1/§25 (RFC 5118 for IPv6 references): each contact URI is
 * a SIP-URI, a SIPS-URI or an absoluteURI.
 */
void rule_contact_uri(struct check_result *r, const struct rule_ctx *c)
{
	struct siphdr_elem *el;
	size_t n, i;

	if (!gate(r, c) || !raw_elems(r, c, &el, &n))
		return;
	for (i = 0; i < n; i++) {
		struct sipmsg_err e;
		struct sipuri u;
		struct pl uri, hp;
		bool na;

		if (pl_eq_str(el[i].v, "*"))
			continue;
		if (!split_value(el[i].v, &uri, &hp, &na)) {
			rule_fail(r, el[i].hdr->row, "contact '%.*s': unterminated display name or '<'",
				  PLQ(el[i].v));
			goto out;
		}
		memset(&e, 0, sizeof(e));
		if (sipuri_parse(&u, uri, &e)) {
			rule_fail(r, el[i].hdr->row, "contact URI '%.*s' is invalid: %s", PLQ(uri),
				  e.what[0] ? e.what : "does not parse");
			goto out;
		}
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "%zu contact URI%s valid", n,
		  n == 1 ? " is" : "s are");
out:
	free(el);
}

/* ---- 24 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §8.3: "the locations it returns in the Contact header field
 * MUST NOT be ... equivalent to the Request-URI" (loop), equivalence per
 * §19.1.4; a different port, transport or maddr is another URI.
 */
void rule_contact_not_ruri(struct check_result *r, const struct rule_ctx *c)
{
	size_t i;

	if (!gate_parsed(r, c))
		return;
	if (!c->has_ruri) {
		rule_na(r, "not judged: the request's Request-URI is not available");
		return;
	}
	for (i = 0; i < c->ncontacts; i++) {
		const struct sipaddr *a = &c->contacts[i];

		if (!a->star && sipuri_equal(&c->ruri, &a->uri)) {
			rule_fail(r, row_of(c, a->raw),
				  "contact '%.*s' equals the Request-URI '%.*s' under §19.1.4: a redirect to itself (§8.3 MUST NOT)",
				  PLQ(a->uri.raw), PLQ(c->ruri.raw));
			return;
		}
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT),
		  "no contact equals the Request-URI '%.*s'", PLQ(c->ruri.raw));
}

/* ---- 25 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §19.1.1 Table 1: the method and lr URI parameters are not
 * allowed ("-") in a redirect Contact; receivers SHOULD ignore them.
 */
void rule_contact_method_lr(struct check_result *r, const struct rule_ctx *c)
{
	size_t i;

	if (!gate_parsed(r, c))
		return;
	for (i = 0; i < c->ncontacts; i++) {
		const struct sipaddr *a = &c->contacts[i];
		const char *bad = NULL;

		if (a->star)
			continue;
		if (sipuri_param(&a->uri, "method"))
			bad = "method";
		else if (sipuri_param(&a->uri, "lr"))
			bad = "lr";
		if (bad) {
			rule_fail(r, row_of(c, a->raw),
				  "contact URI '%.*s' carries the '%s' parameter, not allowed in a redirect Contact (§19.1.1 Table 1)",
				  PLQ(a->uri.raw), bad);
			return;
		}
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "no method or lr URI parameter");
}

/* ---- 26 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §20.10/§25: c-p-q = "q" EQUAL qvalue; c-p-expires = "expires"
 * EQUAL delta-seconds, delta-seconds = 1*DIGIT; §20.19 caps the value at
 * 2^32-1 (an overlarge value is read as the default, RFC 4475 §3.1.2.4).
 */
void rule_contact_q_expires(struct check_result *r, const struct rule_ctx *c)
{
	bool big = false;
	struct pl bigrow = PL_NULL, bigval = PL_NULL;
	size_t i;

	if (!gate_parsed(r, c))
		return;
	for (i = 0; i < c->ncontacts; i++) {
		const struct sipaddr *a = &c->contacts[i];
		const struct sipparam *q = sipaddr_param(a, "q");
		const struct sipparam *ex = sipaddr_param(a, "expires");
		uint32_t v;
		int err;

		if (a->star)
			continue;
		if (q && (!q->has_val || !sip_qvalue_valid(q->val))) {
			rule_fail(r, row_of(c, a->raw),
				  "contact '%.*s': q=%.*s is not a qvalue between 0 and 1 with at most 3 decimals (§20.10, §25)",
				  PLQ(a->raw), PLQ(q->val));
			return;
		}
		if (!ex)
			continue;
		err = ex->has_val ? pl_u32(ex->val, &v) : EINVAL;
		if (err == ERANGE) {
			big = true;
			bigrow = row_of(c, a->raw);
			bigval = ex->val;
		} else if (err) {
			rule_fail(r, row_of(c, a->raw),
				  "contact '%.*s': expires=%.*s is not delta-seconds (1*DIGIT, §25)",
				  PLQ(a->raw), PLQ(ex->val));
			return;
		}
	}
	if (big) {
		rule_warn(r, bigrow,
			  "expires=%.*s exceeds 2^32-1 (§20.19): receivers read it as the default (RFC 4475 §3.1.2.4)",
			  PLQ(bigval));
		return;
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "q and expires parameters well-formed");
}

/* ---- 27 ---------------------------------------------------------------------- */

/* First name repeated in a ';'-parameter list, or an empty slice. */
static struct pl dup_name(struct pl list)
{
	struct pl a = list, na, b, nb;

	while (next_param(&a, &na)) {
		b = a;
		while (next_param(&b, &nb))
			if (na.l && pl_caseeq(na, nb))
				return na;
	}
	return PL_NULL;
}

/*
 * RFC 3261 §7.3.1: "any given parameter-name MUST NOT appear more than
 * once" (header parameters); §19.1.1: the same for URI parameters.
 * Parameter names are case-insensitive.
 */
void rule_contact_param_dup(struct check_result *r, const struct rule_ctx *c)
{
	struct siphdr_elem *el;
	size_t n, i;

	if (!gate(r, c) || !raw_elems(r, c, &el, &n))
		return;
	for (i = 0; i < n; i++) {
		struct pl uri, hp, d, up;
		bool na;
		size_t k;

		if (pl_eq_str(el[i].v, "*") || !split_value(el[i].v, &uri, &hp, &na))
			continue;
		d = dup_name(hp);
		if (d.l) {
			rule_fail(r, el[i].hdr->row,
				  "contact '%.*s' repeats the header parameter '%.*s' (§7.3.1 MUST NOT)",
				  PLQ(el[i].v), PLQ(d));
			goto out;
		}
		/* URI parameters: after the first ';' of the URI, before '?'. */
		for (k = 0; k < uri.l && uri.p[k] != ';'; k++)
			;
		up = (struct pl){ uri.p + k, uri.l - k };
		for (k = 0; k < up.l && up.p[k] != '?'; k++)
			;
		up.l = k;
		d = dup_name(up);
		if (d.l) {
			rule_fail(r, el[i].hdr->row,
				  "contact URI '%.*s' repeats the URI parameter '%.*s' (§19.1.1 MUST NOT)",
				  PLQ(uri), PLQ(d));
			goto out;
		}
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "no parameter repeated within a contact");
out:
	free(el);
}

/* ---- 28 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §16.5: "any given URI MUST NOT be added to the set more than
 * once" (§8.1.3.4 for the client's target set); a redirect listing one
 * URI twice (§19.1.4 equality) is redundant at best.
 */
void rule_contact_dup(struct check_result *r, const struct rule_ctx *c)
{
	size_t i, j;

	if (!gate_parsed(r, c))
		return;
	for (i = 0; i < c->ncontacts; i++) {
		for (j = i + 1; j < c->ncontacts; j++) {
			const struct sipaddr *a = &c->contacts[i], *b = &c->contacts[j];

			if (a->star || b->star || !sipuri_equal(&a->uri, &b->uri))
				continue;
			rule_fail(r, row_of(c, b->raw),
				  "contact '%.*s' repeats '%.*s' (§19.1.4 equal; §16.5: no URI twice in the target set)",
				  PLQ(b->uri.raw), PLQ(a->uri.raw));
			return;
		}
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "%zu distinct contact URI%s",
		  c->ncontacts, c->ncontacts == 1 ? "" : "s");
}

/* ---- 29 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §8.1.3.4: "If the original request had a SIPS
 * Request-URI, the client MAY choose to recurse to a non-SIPS URI, but
 * SHOULD inform the user of the redirection to an insecure URI"; §16.7
 * (proxies) "SHOULD NOT recurse to a non-SIPS URI".  A sips: target
 * redirected to sip: weakens security: WARN.
 */
void rule_contact_sips(struct check_result *r, const struct rule_ctx *c)
{
	size_t i;

	if (!gate_parsed(r, c))
		return;
	if (!c->has_ruri || !c->ruri.is_sips) {
		rule_na(r, "not judged: the Request-URI is not sips:");
		return;
	}
	for (i = 0; i < c->ncontacts; i++) {
		const struct sipaddr *a = &c->contacts[i];

		if (!a->star && !a->uri.is_sips) {
			rule_fail(r, row_of(c, a->raw),
				  "sips: Request-URI redirected to the insecure '%.*s' (§8.1.3.4, §16.7)",
				  PLQ(a->uri.raw));
			return;
		}
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "every contact of the sips: request is sips:");
}

/* ---- 33 ---------------------------------------------------------------------- */

/*
 * RFC 3261 §8.3: the expires parameter gives "how long the URI is
 * valid"; §20.10 Expires as the default.  A permanent move (§21.3.2)
 * whose every contact is valid for 0 seconds contradicts itself.
 */
void rule_contact_expires0(struct check_result *r, const struct rule_ctx *c)
{
	uint32_t hdr = 0, v;
	bool has_hdr, all0 = true;
	size_t i, used = 0;

	if (!gate_parsed(r, c))
		return;
	has_hdr = sipmsg_expires(c->resp, &hdr, RULE_NOERR) == 0;
	for (i = 0; i < c->ncontacts; i++) {
		const struct sipaddr *a = &c->contacts[i];
		const struct sipparam *ex = sipaddr_param(a, "expires");

		if (a->star)
			continue;
		used++;
		if (ex && ex->has_val && pl_u32(ex->val, &v) == 0)
			all0 = all0 && v == 0;
		else
			all0 = all0 && has_hdr && hdr == 0;
	}
	if (used && all0) {
		rule_fail(r, rule_row(c->resp, SIPHDR_CONTACT),
			  "every contact expires after 0 seconds: a permanent redirect valid for no time (§8.3, §21.3.2)");
		return;
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "contacts remain valid (no all-zero expiry)");
}

/* ---- suite 'contact' --------------------------------------------------------- */

/*
 * The Contact set equals the one the suite names, as sets under §19.1.4
 * URI equality (order, q and expires ignored).  An entry may be written
 * with or without <...>.
 */
void rule_expect_contact(struct check_result *r, const struct rule_ctx *c)
{
	const struct expect *x = c->exp;
	struct sipuri *want = NULL;
	char miss[200] = "", extra[200] = "";
	size_t i, j;

	if (!x->contacts || x->ncontacts == 0) {
		rule_na(r, "not judged: the suite names no contact");
		return;
	}
	if (!gate(r, c))
		return;
	if (c->contacts_err) {
		rule_fail(r, rule_row_at(c->resp, c->contacts_perr.at, c->contacts_perr.line),
			  "Contact does not parse, cannot compare with the suite: %s",
			  c->contacts_perr.what);
		return;
	}
	want = calloc(x->ncontacts, sizeof(*want));
	if (!want) {
		rule_nomem(c, ENOMEM);
		return;
	}
	for (i = 0; i < x->ncontacts; i++) {
		struct pl s = pl_trim(pl_from(x->contacts[i]));
		struct sipmsg_err e;

		if (s.l >= 2 && s.p[0] == '<' && s.p[s.l - 1] == '>')
			s = (struct pl){ s.p + 1, s.l - 2 };
		memset(&e, 0, sizeof(e));
		if (sipuri_parse(&want[i], s, &e)) {
			rule_fail(r, PL_NULL, "the suite's contact '%.*s' is not a URI: %s", PLQ(s), e.what);
			goto out;
		}
	}
	for (i = 0; i < x->ncontacts; i++) {
		bool found = false;

		for (j = 0; j < c->ncontacts && !found; j++)
			found = !c->contacts[j].star && sipuri_equal(&want[i], &c->contacts[j].uri);
		if (!found)
			rule_cat(miss, sizeof(miss), "%s%.*s", miss[0] ? ", " : "", PLQ(want[i].raw));
	}
	for (j = 0; j < c->ncontacts; j++) {
		bool found = false;

		for (i = 0; i < x->ncontacts && !found; i++)
			found = !c->contacts[j].star && sipuri_equal(&want[i], &c->contacts[j].uri);
		if (!found)
			rule_cat(extra, sizeof(extra), "%s%.*s", extra[0] ? ", " : "",
				 PLQ(c->contacts[j].raw));
	}
	if (miss[0] || extra[0]) {
		rule_fail(r, rule_row(c->resp, SIPHDR_CONTACT),
			  "Contact set differs from the suite's (§19.1.4):%s%s%s%s",
			  miss[0] ? " missing " : "", miss, extra[0] ? " unexpected " : "", extra);
		goto out;
	}
	rule_pass(r, rule_row(c->resp, SIPHDR_CONTACT), "Contact set equals the suite's %zu URI%s",
		  x->ncontacts, x->ncontacts == 1 ? "" : "s");
out:
	free(want);
}
