/*
 * param.c - token, quoted-string, generic-param lists and qvalue
 * (RFC 3261 §25.1, §20.10).  Used by addr.c (header parameters of
 * From/To/Contact/Route) and via.c (via-params).
 *
 *   token         = 1*(alphanum / "-" / "." / "!" / "%" / "*"
 *                     / "_" / "+" / "`" / "'" / "~")
 *   quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE
 *   qdtext        = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
 *                   (non-ASCII bytes are taken as they come, not decoded)
 *   quoted-pair   = "\" (%x00-09 / %x0B-0C / %x0E-7F)
 *   *( SEMI generic-param ), SEMI = SWS ";" SWS, EQUAL = SWS "=" SWS
 *   generic-param = token [ EQUAL gen-value ]
 *   gen-value     = token / host / quoted-string
 *                   (host as written: "[" ... "]" for an IPv6 reference;
 *                   ':' admitted in a bare value only where the caller
 *                   says so, for Via received= with a bare IPv6 address)
 *   qvalue        = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
 *
 * At most SIP_MAX_PARAMS parameters per value ("too many parameters").
 */
#include "sip/sip_impl.h"

#include <errno.h>

bool sip_is_token(struct pl s)
{
	if (!s.p || s.l == 0)
		return false;
	return sip_token_end(s.p, pl_end(s)) == pl_end(s);
}

bool sip_qvalue_valid(struct pl v)
{
	size_t i;

	if (!v.p || v.l == 0 || (v.p[0] != '0' && v.p[0] != '1'))
		return false;
	if (v.l == 1)
		return true;
	if (v.p[1] != '.' || v.l > 5)
		return false;
	for (i = 2; i < v.l; i++)
		if (!chars_is_digit((unsigned char)v.p[i]) ||
		    (v.p[0] == '1' && v.p[i] != '0'))
			return false;
	return true;
}

const char *sipparam_qs_end(const char *p, const char *end, const char **bad)
{
	const char *q = p + 1;

	*bad = NULL;
	while (q < end) {
		int ch = (unsigned char)*q;

		if (ch == '\\') {
			if (q + 1 >= end)
				break;
			ch = (unsigned char)q[1];
			if (!*bad && (ch == '\r' || ch == '\n' || ch > 0x7f))
				*bad = q + 1;
			q += 2;
			continue;
		}
		if (ch == '"')
			return q + 1;
		if (!*bad && chars_is_ctl(ch) && !chars_is_lws(ch))
			*bad = q;
		q++;
	}
	return NULL;
}

int sipparam_qs_parse(const char *p, const char *end, const char **out,
		      const struct ectx *c)
{
	const char *bad;
	char sb[8];

	*out = sipparam_qs_end(p, end, &bad);
	if (bad)
		return ectx_fail(c, bad, EBADMSG,
				 "invalid character %s in quoted string",
				 ectx_show(*bad, sb));
	if (!*out)
		return ectx_fail(c, p, EBADMSG, "unterminated quoted string");
	return 0;
}

int sipparam_list_parse(const char **pp, const char *end, struct sipparam *v,
			size_t *np, bool colon_ok, const char *after,
			const struct ectx *c)
{
	const char *p = *pp;
	char sb[8];
	int err;

	for (;;) {
		const char *n0, *q;
		struct sipparam prm;

		p = sip_skip_lws(p, end);
		if (p == end)
			break;
		if (*p != ';')
			return ectx_fail(c, p, EBADMSG, "unexpected %s after %s",
					 ectx_show(*p, sb), after);
		p = sip_skip_lws(p + 1, end);
		n0 = p;
		p = sip_token_end(p, end);
		if (p == n0) {
			if (p == end || *p == ';')
				return ectx_fail(c, n0, EBADMSG, "empty parameter");
			return ectx_fail(c, n0, EBADMSG,
					 "invalid character %s in parameter name",
					 ectx_show(*p, sb));
		}
		memset(&prm, 0, sizeof(prm));
		prm.name = sip_pl(n0, p);
		q = sip_skip_lws(p, end);
		if (q < end && *q == '=') {
			const char *v0;

			q = sip_skip_lws(q + 1, end);
			v0 = q;
			if (q < end && *q == '"') {
				err = sipparam_qs_parse(q, end, &q, c);
				if (err)
					return err;
			} else if (q < end && *q == '[') {
				const char *rb = sip_memchr(q, end, ']');

				if (!rb)
					return ectx_fail(c, q, EBADMSG, "unterminated '['");
				q = rb + 1;
			} else {
				while (q < end && (chars_is_token((unsigned char)*q) ||
						   (colon_ok && *q == ':')))
					q++;
			}
			if (q == v0)
				return ectx_fail(c, v0, EBADMSG,
						 "empty value for parameter '%.*s'",
						 PL_FMT(prm.name));
			prm.val = sip_pl(v0, q);
			prm.has_val = true;
			p = q;
		}
		if (*np >= SIP_MAX_PARAMS)
			return ectx_fail(c, n0, EBADMSG, "too many parameters (max %d)",
					 SIP_MAX_PARAMS);
		v[(*np)++] = prm;
	}
	*pp = p;
	return 0;
}

const struct sipparam *sipparam_find(const struct sipparam *v, size_t n,
				     const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < n && i < SIP_MAX_PARAMS; i++)
		if (pl_caseeq_str(v[i].name, name))
			return &v[i];
	return NULL;
}
