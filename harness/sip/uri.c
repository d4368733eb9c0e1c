/*
 * uri.c - SIP/SIPS URIs, other absolute URIs, and URI equality
 * (RFC 3261 §19.1, §25.1; RFC 5118).
 *
 *   SIP-URI       = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
 *   SIPS-URI      = "sips:" [ userinfo ] hostport uri-parameters [ headers ]
 *                   (scheme case-insensitive)
 *   userinfo      = user [ ":" password ] "@"
 *                   ('@' cannot appear unescaped after it, so the first
 *                   '@' ends the userinfo)
 *   user          = 1*( unreserved / escaped / user-unreserved )
 *   password      = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
 *   hostport      = host [ ":" port ]                     (host.c)
 *   uri-parameters = *( ";" uri-parameter )
 *   uri-parameter = pname [ "=" pvalue ]
 *   pname, pvalue = 1*paramchar
 *   paramchar     = param-unreserved / unreserved / escaped
 *   headers       = "?" header *( "&" header )
 *   header        = hname "=" hvalue
 *   hname         = 1*( hnv-unreserved / unreserved / escaped )
 *   hvalue        = *( hnv-unreserved / unreserved / escaped )
 *   escaped       = "%" HEXDIG HEXDIG
 *   absoluteURI   = scheme ":" 1*( printable ASCII except
 *                   SP < > " \ { } | ^ ` )   (other schemes: lenient)
 *   scheme        = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
 *
 * Equality (§19.1.4): see sipuri_equal() in uri.h.  "%HH" of a
 * non-reserved character equals the character; of a reserved one it
 * does not (";" differs from "%3B").  URI header names compare
 * case-insensitively, values byte-exact after unescaping (§19.1.4 leaves
 * this to §20).
 */
#include "sip/sip_impl.h"

#include <errno.h>

/* The characters of an absoluteURI of a scheme other than sip/sips. */
static bool is_absuric(int c)
{
	return c > 0x20 && c < 0x7f && !chars_in(c, "<>\"\\{}|^`");
}

/*
 * One header [ "=" hvalue ] of a '&' list from *pp; *pp is NULL after
 * the last.  @return false when there is none left.
 */
static bool uhdr_next(const char **pp, const char *end, struct pl *name,
		      struct pl *val, bool *has_val)
{
	const char *p = *pp, *amp, *eq;

	if (!p || p > end)
		return false;
	amp = sip_memchr(p, end, '&');
	if (!amp)
		amp = end;
	eq = sip_memchr(p, amp, '=');
	*name = sip_pl(p, eq ? eq : amp);
	*val = eq ? sip_pl(eq + 1, amp) : PL_NULL;
	*has_val = eq != NULL;
	*pp = amp < end ? amp + 1 : NULL;
	return true;
}

/* uri-parameters from *pp: stops at the first byte after them. */
static int uparams_parse(struct sipuri *u, const char **pp, const char *end,
			 const struct ectx *c)
{
	const char *p = *pp;

	while (p < end && *p == ';') {
		const char *n0 = ++p;
		struct sipparam prm;

		memset(&prm, 0, sizeof(prm));
		p = sip_span(p, end, chars_is_param, true);
		if (p == n0)
			return ectx_fail(c, n0, EBADMSG, "empty URI parameter");
		prm.name = sip_pl(n0, p);
		if (p < end && *p == '=') {
			const char *v0 = ++p;

			p = sip_span(p, end, chars_is_param, true);
			if (p == v0)
				return ectx_fail(c, v0, EBADMSG,
						 "empty value for URI parameter '%.*s'",
						 PL_FMT(prm.name));
			prm.val = sip_pl(v0, p);
			prm.has_val = true;
		}
		if (u->nparams >= SIP_MAX_PARAMS)
			return ectx_fail(c, n0, EBADMSG, "too many parameters (max %d)",
					 SIP_MAX_PARAMS);
		u->params[u->nparams++] = prm;
	}
	*pp = p;
	return 0;
}

/* headers after the '?': the rest of the URI. */
static int uhdrs_parse(struct pl hs, const struct ectx *c)
{
	const char *p = hs.p, *end = pl_end(hs), *bad;
	struct pl n, v;
	bool has_val;
	char sb[8];

	while (uhdr_next(&p, end, &n, &v, &has_val)) {
		if (n.l == 0)
			return ectx_fail(c, n.p, EBADMSG, "empty URI header name");
		bad = sip_bad_char(n, chars_is_hnv, true);
		if (bad)
			return ectx_fail(c, bad, EBADMSG,
					 "invalid character %s in URI header",
					 ectx_show(*bad, sb));
		if (!has_val)
			return ectx_fail(c, pl_end(n), EBADMSG, "URI header without '='");
		bad = sip_bad_char(v, chars_is_hnv, true);
		if (bad)
			return ectx_fail(c, bad, EBADMSG,
					 "invalid character %s in URI header value",
					 ectx_show(*bad, sb));
	}
	return 0;
}

int sipuri_parse_ctx(struct sipuri *u, struct pl s, const struct ectx *c)
{
	const char *p = s.p, *end = pl_end(s), *q, *at, *bad;
	char sb[8];
	int err;

	sip_uri_reset(u);
	u->raw = s;
	if (!s.p || s.l == 0)
		return ectx_fail(c, s.p, EBADMSG, "empty URI");
	if (*p == '<')
		return ectx_fail(c, p, EBADMSG, "URI must not be enclosed in '<' '>' here");
	if (!chars_is_alpha((unsigned char)*p))
		return ectx_fail(c, p, EBADMSG,
				 "URI scheme must start with a letter, got %s",
				 ectx_show(*p, sb));
	q = p;
	while (q < end && chars_is_scheme_char((unsigned char)*q))
		q++;
	if (q == end || *q != ':')
		return ectx_fail(c, q, EBADMSG, "expected ':' after URI scheme");
	u->scheme = sip_pl(p, q);
	p = q + 1;
	u->is_sips = pl_caseeq_str(u->scheme, "sips");
	u->is_sip = u->is_sips || pl_caseeq_str(u->scheme, "sip");
	if (!u->is_sip) {
		if (p == end)
			return ectx_fail(c, p, EBADMSG, "empty URI after scheme");
		bad = sip_bad_char(sip_pl(p, end), is_absuric, false);
		if (bad)
			return ectx_fail(c, bad, EBADMSG, "invalid character %s in URI",
					 ectx_show(*bad, sb));
		return 0;
	}

	at = sip_memchr(p, end, '@');
	if (at) {
		const char *colon = sip_memchr(p, at, ':');
		const char *ue = colon ? colon : at;

		if (ue == p)
			return ectx_fail(c, p, EBADMSG, "empty user part before '@'");
		u->user = sip_pl(p, ue);
		bad = sip_bad_char(u->user, chars_is_user, true);
		if (bad)
			return ectx_fail(c, bad, EBADMSG,
					 "invalid character %s in user part",
					 ectx_show(*bad, sb));
		if (colon) {
			u->password = sip_pl(colon + 1, at);
			bad = sip_bad_char(u->password, chars_is_password, true);
			if (bad)
				return ectx_fail(c, bad, EBADMSG,
						 "invalid character %s in password",
						 ectx_show(*bad, sb));
		}
		u->has_userinfo = true;
		p = at + 1;
	}
	err = siphost_hostport(&p, end, &u->host, &u->host_ipv6, &u->port,
			       &u->portnum, &u->has_port, false, c);
	if (!err)
		err = uparams_parse(u, &p, end, c);
	if (err)
		return err;
	if (p < end && *p == '?') {
		u->headers = sip_pl(p + 1, end);
		err = uhdrs_parse(u->headers, c);
		if (err)
			return err;
		p = end;
	}
	if (p < end)
		return ectx_fail(c, p, EBADMSG, "invalid character %s in SIP URI",
				 ectx_show(*p, sb));
	return 0;
}

int sipuri_parse(struct sipuri *uri, struct pl s, struct sipmsg_err *err)
{
	struct ectx c = { NULL, s, PL("URI"), NULL, err };
	struct sipuri tmp;
	int e;

	if (!uri)
		return ectx_fail(&c, NULL, EINVAL, "invalid argument");
	e = sipuri_parse_ctx(&tmp, s, &c);
	if (!e)
		sip_uri_copy(uri, &tmp);
	return e;
}

/* ---- equality (§19.1.4) --------------------------------------------------- */

/*
 * Next comparison unit: a byte, or the byte an escaped triplet stands
 * for; an escaped reserved character stays distinct (256 + byte).
 * -1 at the end.
 */
static int unit_next(const char **pp, const char *end)
{
	const char *p = *pp;
	int v;

	if (p >= end)
		return -1;
	if (*p == '%' && end - p >= 3 && chars_is_hex((unsigned char)p[1]) &&
	    chars_is_hex((unsigned char)p[2])) {
		v = chars_hexval((unsigned char)p[1]) * 16 +
		    chars_hexval((unsigned char)p[2]);
		*pp = p + 3;
		return chars_is_reserved(v) ? 256 + v : v;
	}
	*pp = p + 1;
	return (unsigned char)*p;
}

static int fold(int u)
{
	return (u >= 'A' && u <= 'Z') ? u + 32 : u;
}

static bool esc_eq(struct pl a, struct pl b, bool icase)
{
	const char *pa = a.p, *ea = pl_end(a), *pb = b.p, *eb = pl_end(b);

	for (;;) {
		int ua = unit_next(&pa, ea), ub = unit_next(&pb, eb);

		if (icase) {
			ua = fold(ua);
			ub = fold(ub);
		}
		if (ua != ub)
			return false;
		if (ua < 0)
			return true;
	}
}

static const struct sipparam *uparam_find(const struct sipuri *u, struct pl name)
{
	size_t i;

	for (i = 0; i < u->nparams && i < SIP_MAX_PARAMS; i++)
		if (esc_eq(u->params[i].name, name, true))
			return &u->params[i];
	return NULL;
}

const struct sipparam *sipuri_param(const struct sipuri *uri, const char *name)
{
	if (!uri || !name)
		return NULL;
	return uparam_find(uri, pl_from(name));
}

static bool uparam_special(struct pl name)
{
	static const char *const sp[] = { "user", "ttl", "method", "maddr",
					  "transport" };
	size_t i;

	for (i = 0; i < sizeof(sp) / sizeof(sp[0]); i++)
		if (esc_eq(name, pl_from(sp[i]), true))
			return true;
	return false;
}

/* Parameters of a that b must agree with (§19.1.4 bullets 4-5). */
static bool uparams_sub(const struct sipuri *a, const struct sipuri *b)
{
	size_t i;

	for (i = 0; i < a->nparams; i++) {
		const struct sipparam *pa = &a->params[i];
		const struct sipparam *pb = uparam_find(b, pa->name);

		if (!pb) {
			if (uparam_special(pa->name))
				return false;
			continue;
		}
		if (pa->has_val != pb->has_val ||
		    !esc_eq(pa->val, pb->val, true))
			return false;
	}
	return true;
}

static bool uhdr_has(struct pl hs, struct pl name, struct pl val)
{
	const char *p = hs.p, *end = pl_end(hs);
	struct pl n, v;
	bool has_val;

	if (hs.l == 0)
		return false;
	while (uhdr_next(&p, end, &n, &v, &has_val))
		if (esc_eq(n, name, true) && esc_eq(v, val, false))
			return true;
	return false;
}

/* Every header of a is in b. */
static bool uhdrs_sub(struct pl a, struct pl b)
{
	const char *p = a.p, *end = pl_end(a);
	struct pl n, v;
	bool has_val;

	if (a.l == 0)
		return true;
	while (uhdr_next(&p, end, &n, &v, &has_val))
		if (!uhdr_has(b, n, v))
			return false;
	return true;
}

bool sipuri_equal(const struct sipuri *a, const struct sipuri *b)
{
	if (!a || !b || !pl_caseeq(a->scheme, b->scheme))
		return false;
	if (!a->is_sip) {
		struct pl ra = sip_pl(a->raw.p + a->scheme.l, a->raw.p + a->raw.l);
		struct pl rb = sip_pl(b->raw.p + b->scheme.l, b->raw.p + b->raw.l);

		return pl_eq(ra, rb);
	}
	if (a->has_userinfo != b->has_userinfo ||
	    !esc_eq(a->user, b->user, false) ||
	    !esc_eq(a->password, b->password, false))
		return false;
	if (!pl_caseeq(a->host, b->host))
		return false;
	if (a->has_port != b->has_port || a->portnum != b->portnum)
		return false;
	if (!uparams_sub(a, b) || !uparams_sub(b, a))
		return false;
	return uhdrs_sub(a->headers, b->headers) &&
	       uhdrs_sub(b->headers, a->headers);
}
