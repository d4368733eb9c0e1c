/*
 * via.c - Via header values (RFC 3261 §20.42, §25.1; RFC 3581; RFC 5118).
 *
 *   Via           = ( "Via" / "v" ) HCOLON via-parm *( COMMA via-parm )
 *   via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
 *   sent-protocol = protocol-name SLASH protocol-version SLASH transport
 *                   (each a token; SLASH = SWS "/" SWS)
 *   sent-by       = host [ COLON port ]   (host.c; COLON = SWS ":" SWS)
 *   via-params    = via-ttl / via-maddr / via-received / via-branch
 *                   / response-port / via-extension   (generic-param, param.c)
 *   via-ttl       = "ttl" EQUAL ttl            ttl = 1*3DIGIT, 0..255
 *   via-maddr     = "maddr" EQUAL host
 *   via-received  = "received" EQUAL ( IPv4address / IPv6address
 *                   / IPv6reference )          (RFC 5118 §4.5: both forms)
 *   via-branch    = "branch" EQUAL token
 *   response-port = "rport" [ EQUAL 1*DIGIT ]  (RFC 3581, at most 65535)
 *
 * A ':' in any other parameter value is refused unless the value is a
 * quoted-string or a bracketed IPv6 reference.
 */
#include "sip/sip_impl.h"

#include <errno.h>

/*
 * sent-protocol from *pp: three tokens joined by SLASH; sets proto and
 * transport, *pp after them.
 */
static int sent_protocol(struct sipvia *v, const char **pp, const char *end,
			 const struct ectx *c)
{
	static const char *const missing[3] = {
		" (expected SIP/2.0/transport)", ": missing version",
		": missing transport",
	};
	static const char *const no_slash[3] = {
		"", ": expected '/'", ": expected '/' before transport",
	};
	const char *p = *pp, *t0 = p, *a = p;
	int k;

	for (k = 0; k < 3; k++) {
		if (k) {
			const char *b = sip_skip_lws(a, end);

			if (b == end || *b != '/')
				return ectx_fail(c, b, EBADMSG,
						 "malformed sent-protocol%s", no_slash[k]);
			t0 = sip_skip_lws(b + 1, end);
		}
		a = sip_token_end(t0, end);
		if (a == t0)
			return ectx_fail(c, t0, EBADMSG, "malformed sent-protocol%s",
					 missing[k]);
	}
	v->proto = sip_pl(p, a);
	v->transport = sip_pl(t0, a);
	*pp = a;
	return 0;
}

/* The via-params the harness knows: checked, and copied out to v. */
static int via_param(struct sipvia *v, const struct sipparam *prm,
		     const struct ectx *c)
{
	uint32_t n;

	if (pl_caseeq_str(prm->name, "branch")) {
		if (!prm->has_val || !sip_is_token(prm->val))
			return ectx_fail(c, prm->name.p, EBADMSG,
					 "branch parameter needs a token value");
		v->branch = prm->val;
	} else if (pl_caseeq_str(prm->name, "received")) {
		if (!prm->has_val || !siphost_ip_valid(prm->val))
			return ectx_fail(c, prm->name.p, EBADMSG,
					 "received parameter must be an IPv4 or IPv6 address");
		v->received = prm->val;
		v->has_received = true;
	} else if (pl_caseeq_str(prm->name, "rport")) {
		if (prm->has_val && (pl_u32(prm->val, &n) || n > 65535))
			return ectx_fail(c, prm->val.p, EBADMSG,
					 "rport value must be a port number (RFC 3581)");
		v->rport = prm->val;
		v->has_rport = true;
	} else if (pl_caseeq_str(prm->name, "ttl")) {
		if (!prm->has_val || pl_u32(prm->val, &n) || n > 255)
			return ectx_fail(c, prm->name.p, EBADMSG,
					 "ttl parameter must be 0..255");
	} else if (pl_caseeq_str(prm->name, "maddr")) {
		if (!prm->has_val || !siphost_valid(prm->val))
			return ectx_fail(c, prm->name.p, EBADMSG,
					 "maddr parameter must be a host");
	} else if (prm->has_val && memchr(prm->val.p, ':', prm->val.l) &&
		   prm->val.p[0] != '[' && prm->val.p[0] != '"') {
		return ectx_fail(c, prm->val.p, EBADMSG,
				 "invalid ':' in value of parameter '%.*s'",
				 PL_FMT(prm->name));
	}
	return 0;
}

int sipvia_parse_ctx(struct sipvia *v, struct pl s, const struct ectx *c)
{
	const char *p, *end;
	int err;
	size_t i;
	bool v6;

	sip_via_reset(v);
	s = pl_trim(s);
	v->raw = s;
	if (!s.p || s.l == 0)
		return ectx_fail(c, s.p, EBADMSG, "empty Via value");
	p = s.p;
	end = pl_end(s);
	err = sent_protocol(v, &p, end, c);
	if (err)
		return err;
	if (p == end || !chars_is_lws((unsigned char)*p))
		return ectx_fail(c, p, EBADMSG, "expected LWS between sent-protocol and sent-by");
	p = sip_skip_lws(p, end);
	err = siphost_hostport(&p, end, &v->host, &v6, &v->port, &v->portnum,
			       &v->has_port, true, c);
	if (!err)
		err = sipparam_list_parse(&p, end, v->params, &v->nparams, true,
					  "sent-by", c);
	for (i = 0; !err && i < v->nparams; i++)
		err = via_param(v, &v->params[i], c);
	return err;
}

int sipvia_parse(struct sipvia *via, struct pl s, struct sipmsg_err *err)
{
	struct ectx c = { NULL, s, PL("Via"), NULL, err };
	struct sipvia tmp;
	int e;

	if (!via)
		return ectx_fail(&c, NULL, EINVAL, "invalid argument");
	e = sipvia_parse_ctx(&tmp, s, &c);
	if (!e)
		sip_via_copy(via, &tmp);
	return e;
}

static int via_elem(void *slot, size_t i, struct pl e,
		    const struct sipmsg_elem_it *it, void *arg)
{
	(void)i;
	(void)arg;
	return sipvia_parse_ctx(slot, e, &it->c);
}

int sipmsg_vias(const struct sipmsg *msg, struct sipvia **vp, size_t *np,
		struct sipmsg_err *err)
{
	void *v = NULL;
	int rc;

	if (!msg || !vp || !np)
		return EINVAL;
	rc = sipmsg_elems_collect(msg, SIPHDR_VIA, sizeof(struct sipvia),
				  via_elem, NULL, &v, np, err);
	if (!rc)
		*vp = v;
	return rc;
}
