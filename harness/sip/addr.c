/*
 * addr.c - name-addr / addr-spec with header parameters (RFC 3261
 * §20.10, §20.20, §20.39, §25.1): From, To, Contact, Route,
 * Record-Route, Refer-To.
 *
 *   value         = ( name-addr / addr-spec ) *( SEMI generic-param )
 *                   (param.c; Contact also "*", §20.10)
 *   name-addr     = [ display-name ] LAQUOT addr-spec RAQUOT
 *   display-name  = *( token LWS ) / quoted-string
 *   LAQUOT        = SWS "<"  (no LWS after it: "< sip:..." is refused,
 *   RAQUOT        = ">" SWS   RFC 4475 §3.1.2.14; none before '>' either)
 *   addr-spec     = SIP-URI / SIPS-URI / absoluteURI    (uri.c)
 *
 * In addr-spec form the URI ends at the first ';' or LWS: what follows
 * are header parameters, not URI parameters (§20.10, RFC 4475 §3.3.12),
 * and a URI with '?' must be written as name-addr (§20).
 * From and To carry exactly one value and never "*"; Contact "*" stands
 * alone (§10.2.2).
 */
#include "sip/sip_impl.h"

#include <errno.h>
#include <stdlib.h>

int sipaddr_parse_ctx(struct sipaddr *a, struct pl s, const struct ectx *c)
{
	const char *p, *end, *lt = NULL;
	int err;
	char sb[8];

	sip_addr_reset(a);
	s = pl_trim(s);
	a->raw = s;
	if (!s.p || s.l == 0)
		return ectx_fail(c, s.p, EBADMSG, "empty value");
	if (s.l == 1 && s.p[0] == '*') {
		a->star = true;
		return 0;
	}
	p = s.p;
	end = pl_end(s);
	if (*p == '"') {
		const char *q;

		err = sipparam_qs_parse(p, end, &q, c);
		if (err)
			return err;
		a->dname = sip_pl(p, q);
		lt = sip_skip_lws(q, end);
		if (lt == end || *lt != '<')
			return ectx_fail(c, lt, EBADMSG,
					 "expected '<' after quoted display name");
	} else {
		lt = sip_memchr(p, end, '<');
		if (lt) {
			const char *d;

			a->dname = pl_trim(sip_pl(p, lt));
			for (d = p; d < lt; d++) {
				if (chars_is_token((unsigned char)*d) ||
				    chars_is_lws((unsigned char)*d))
					continue;
				return ectx_fail(c, d, EBADMSG,
						 "invalid character %s in unquoted display name (use a quoted-string)",
						 ectx_show(*d, sb));
			}
		}
	}
	if (lt) {
		const char *gt, *u0 = lt + 1;

		if (u0 < end && chars_is_lws((unsigned char)*u0))
			return ectx_fail(c, u0, EBADMSG,
					 "whitespace after '<' (no LWS allowed inside <addr-spec>)");
		gt = sip_memchr(u0, end, '>');
		if (!gt)
			return ectx_fail(c, lt, EBADMSG, "unterminated '<'");
		if (gt > u0 && chars_is_lws((unsigned char)gt[-1]))
			return ectx_fail(c, gt - 1, EBADMSG,
					 "whitespace before '>' (no LWS allowed inside <addr-spec>)");
		err = sipuri_parse_ctx(&a->uri, sip_pl(u0, gt), c);
		if (err)
			return err;
		a->name_addr = true;
		p = gt + 1;
	} else {
		/* addr-spec: the URI ends at ';' or LWS; ';' starts header params */
		const char *u0 = p, *q;

		while (p < end && *p != ';' && !chars_is_lws((unsigned char)*p))
			p++;
		q = sip_memchr(u0, p, '?');
		if (q)
			return ectx_fail(c, q, EBADMSG,
					 "addr-spec with '?' must be in name-addr form <...> (§20)");
		if (!sip_memchr(u0, p, ':'))
			return ectx_fail(c, u0, EBADMSG,
					 "expected a URI (scheme ':') or name-addr");
		err = sipuri_parse_ctx(&a->uri, sip_pl(u0, p), c);
		if (err)
			return err;
	}
	return sipparam_list_parse(&p, end, a->params, &a->nparams, false,
				   "address", c);
}

int sipaddr_parse(struct sipaddr *addr, struct pl s, struct sipmsg_err *err)
{
	struct ectx c = { NULL, s, PL("address"), NULL, err };
	struct sipaddr tmp;
	int e;

	if (!addr)
		return ectx_fail(&c, NULL, EINVAL, "invalid argument");
	e = sipaddr_parse_ctx(&tmp, s, &c);
	if (!e)
		sip_addr_copy(addr, &tmp);
	return e;
}

const struct sipparam *sipaddr_param(const struct sipaddr *addr, const char *name)
{
	if (!addr)
		return NULL;
	return sipparam_find(addr->params, addr->nparams, name);
}

/* One Contact element; arg remembers where a '*' was seen. */
static int contact_elem(void *slot, size_t i, struct pl e,
			const struct sipmsg_elem_it *it, void *arg)
{
	struct sipaddr *a = slot;
	const char **star = arg;
	int rc = sipaddr_parse_ctx(a, e, &it->c);

	if (rc)
		return rc;
	if (a->star)
		*star = e.p;
	if (*star && i > 0)
		return ectx_fail(&it->c, *star, EBADMSG,
				 "'*' must be the only Contact value (§10.2.2)");
	return 0;
}

int sipmsg_contacts(const struct sipmsg *msg, struct sipaddr **vp, size_t *np,
		    struct sipmsg_err *err)
{
	const char *star = NULL;
	void *v = NULL;
	int rc;

	if (!msg || !vp || !np)
		return EINVAL;
	rc = sipmsg_elems_collect(msg, SIPHDR_CONTACT, sizeof(struct sipaddr),
				  contact_elem, &star, &v, np, err);
	if (!rc)
		*vp = v;
	return rc;
}

/* From / To: exactly one row, one value, not '*'. */
static int single_addr(const struct sipmsg *msg, enum siphdr_id id,
		       struct sipaddr *out, struct sipmsg_err *err)
{
	struct sipmsg_elem_it it;
	struct ectx c;
	struct pl e, e2;
	const struct siphdr *h;
	struct sipaddr tmp;
	int rc;

	rc = out ? sipmsg_hdr_single(msg, id, &h, &c, err) : EINVAL;
	if (rc)
		return rc;
	sipmsg_elem_it_init(&it, msg, id, err);
	rc = sipmsg_elem_it_next(&it, &e);
	if (rc == ENOENT)
		return ectx_fail(&c, h->value.p, EBADMSG, "empty value");
	if (rc)
		return rc;
	rc = sipmsg_elem_it_next(&it, &e2);
	if (rc == 0) {
		/* a ',' that split the value: say why when it was a display name */
		if (!memchr(e.p, '<', e.l) && !memchr(e.p, ':', e.l))
			return ectx_fail(&it.c, pl_end(e), EBADMSG,
					 "unquoted ',' in display name (use a quoted-string)");
		return ectx_fail(&it.c, e2.p, EBADMSG, "more than one value");
	}
	if (rc != ENOENT)
		return rc;
	rc = sipaddr_parse_ctx(&tmp, e, &it.c);
	if (rc)
		return rc;
	if (tmp.star)
		return ectx_fail(&it.c, e.p, EBADMSG, "'*' is only allowed in Contact");
	sip_addr_copy(out, &tmp);
	return 0;
}

int sipmsg_from(const struct sipmsg *msg, struct sipaddr *out, struct sipmsg_err *err)
{
	return single_addr(msg, SIPHDR_FROM, out, err);
}

int sipmsg_to(const struct sipmsg *msg, struct sipaddr *out, struct sipmsg_err *err)
{
	return single_addr(msg, SIPHDR_TO, out, err);
}
