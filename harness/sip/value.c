/*
 * value.c - single-purpose header values (RFC 3261 §20, §25.1) and
 * sipmsg_validate(), the one pass over every accessor of sip/.
 *
 *   CSeq           = 1*DIGIT LWS Method          (number at most 2^32-1)
 *   Method         = token
 *   Call-ID        = word [ "@" word ]
 *   Allow          = [ Method *( COMMA Method ) ] (rows merged; may be empty)
 *   Content-Length = 1*DIGIT                     (at most 2^32-1)
 *   Expires        = delta-seconds = 1*DIGIT     (at most 2^32-1)
 *   Max-Forwards   = 1*DIGIT                     (checked by validate only)
 *   c-p-q          = "q" EQUAL qvalue            (Contact, param.c)
 *   c-p-expires    = "expires" EQUAL delta-seconds
 *
 * Decisions (sipmsg_validate):
 *   - The first header row with a grammar fault (msg.c) is reported
 *     before anything else: the message is not valid.
 *   - Escaped headers in a Request-URI (RFC 4475 §3.1.2.11 escruri) parse,
 *     and are rejected here: the §19.1.1 table says headers are "not
 *     allowed" in a Request-URI.
 *   - Requests must carry To, From, CSeq, Call-ID and Via (§8.1.1);
 *     Max-Forwards is not required so that RFC 2543 requests (RFC 4475
 *     §3.4.1) validate.  Responses must carry To, From, CSeq, Call-ID, Via.
 *   - From, To, Call-ID, CSeq, Content-Length, Max-Forwards and Expires
 *     appear at most once; Route and Record-Route values are name-addr.
 */
#include "sip/sip_impl.h"

#include <errno.h>
#include <stdlib.h>

int sipvalue_u32(struct pl v, uint32_t *out, const struct ectx *c)
{
	int rc;

	if (v.l && v.p[0] == '-')
		return ectx_fail(c, v.p, EBADMSG, "negative value");
	rc = pl_u32(v, out);
	if (rc == ERANGE)
		return ectx_fail(c, v.p, EBADMSG, "value > 2^32-1");
	if (rc)
		return ectx_fail(c, v.p, EBADMSG, "value is not a number (1*DIGIT)");
	return 0;
}

/* 1*DIGIT <= 2^32-1 for the whole value of a single-valued header. */
static int single_u32(const struct sipmsg *msg, enum siphdr_id id,
		      uint32_t *out, struct sipmsg_err *err)
{
	const struct siphdr *h;
	struct ectx c;
	int rc;

	rc = out ? sipmsg_hdr_single(msg, id, &h, &c, err) : EINVAL;
	if (rc)
		return rc;
	return sipvalue_u32(h->value, out, &c);
}

int sipmsg_clen(const struct sipmsg *msg, uint32_t *out, struct sipmsg_err *err)
{
	return single_u32(msg, SIPHDR_CONTENT_LENGTH, out, err);
}

int sipmsg_expires(const struct sipmsg *msg, uint32_t *out, struct sipmsg_err *err)
{
	return single_u32(msg, SIPHDR_EXPIRES, out, err);
}

int sipmsg_cseq(const struct sipmsg *msg, struct sipcseq *out, struct sipmsg_err *err)
{
	const struct siphdr *h;
	struct ectx c;
	const char *p, *end, *d;
	uint32_t n;
	int rc;
	char sb[8];

	rc = out ? sipmsg_hdr_single(msg, SIPHDR_CSEQ, &h, &c, err) : EINVAL;
	if (rc)
		return rc;
	p = h->value.p;
	end = p + h->value.l;
	d = p;
	while (p < end && chars_is_digit((unsigned char)*p))
		p++;
	if (p == d)
		return ectx_fail(&c, d, EBADMSG, "expected sequence number (1*DIGIT)");
	rc = pl_u32(sip_pl(d, p), &n);
	if (rc)
		return ectx_fail(&c, d, EBADMSG, "sequence number > 2^32-1");
	if (p == end || !chars_is_lws((unsigned char)*p))
		return ectx_fail(&c, p, EBADMSG, "expected LWS between number and Method");
	p = sip_skip_lws(p, end);
	d = p;
	p = sip_token_end(p, end);
	if (p == d)
		return ectx_fail(&c, d, EBADMSG, "missing Method");
	if (p != end)
		return ectx_fail(&c, p, EBADMSG, "invalid character %s in Method",
				 ectx_show(*p, sb));
	out->num = n;
	out->method = sip_pl(d, p);
	return 0;
}

int sipmsg_callid(const struct sipmsg *msg, struct pl *out, struct sipmsg_err *err)
{
	const struct siphdr *h;
	struct ectx c;
	const char *p, *end, *at = NULL;
	int rc;
	char sb[8];

	rc = out ? sipmsg_hdr_single(msg, SIPHDR_CALL_ID, &h, &c, err) : EINVAL;
	if (rc)
		return rc;
	p = h->value.p;
	end = p + h->value.l;
	if (p == end)
		return ectx_fail(&c, p, EBADMSG, "empty Call-ID");
	for (; p < end; p++) {
		if (*p == '@' && !at && p != h->value.p && p + 1 < end) {
			at = p;
			continue;
		}
		if (!chars_is_word((unsigned char)*p))
			return ectx_fail(&c, p, EBADMSG,
					 "invalid character %s in Call-ID (word [\"@\" word])",
					 ectx_show(*p, sb));
	}
	*out = h->value;
	return 0;
}

static int allow_elem(void *slot, size_t i, struct pl e,
		      const struct sipmsg_elem_it *it, void *arg)
{
	(void)i;
	(void)arg;
	if (!sip_is_token(e))
		return ectx_fail(&it->c, sip_token_end(e.p, pl_end(e)), EBADMSG,
				 "Method '%.*s' is not a token",
				 (int)(e.l > 40 ? 40 : e.l), e.p);
	*(struct pl *)slot = e;
	return 0;
}

int sipmsg_allow(const struct sipmsg *msg, bool *present, struct pl **mp,
		 size_t *np, struct sipmsg_err *err)
{
	void *v = NULL;
	int rc;

	if (!msg || !present || !mp || !np)
		return EINVAL;
	rc = sipmsg_elems_collect(msg, SIPHDR_ALLOW, sizeof(struct pl),
				  allow_elem, NULL, &v, np, err);
	if (rc)
		return rc;
	*present = sipmsg_hdr(msg, SIPHDR_ALLOW) != NULL;
	*mp = v;
	return 0;
}

/* ---- validation ---------------------------------------------------------- */

/* Route / Record-Route: every value a name-addr. */
static int validate_addrs(const struct sipmsg *msg, enum siphdr_id id,
			  struct sipmsg_err *err)
{
	struct sipmsg_elem_it it;
	struct pl e;
	struct sipaddr *a;
	int rc;

	a = malloc(sizeof(*a));
	if (!a)
		return ENOMEM;
	sipmsg_elem_it_init(&it, msg, id, err);
	while ((rc = sipmsg_elem_it_next(&it, &e)) == 0) {
		rc = sipaddr_parse_ctx(a, e, &it.c);
		if (rc)
			break;
		if (!a->name_addr) {
			rc = ectx_fail(&it.c, e.p, EBADMSG,
				       "%s values must be in name-addr form <...>",
				       siphdr_name(id));
			break;
		}
	}
	free(a);
	return rc == ENOENT ? 0 : rc;
}

/* Contact: well-formed, with expires= delta-seconds and q= a qvalue. */
static int validate_contacts(const struct sipmsg *msg, struct sipmsg_err *err)
{
	struct sipaddr *v = NULL;
	size_t n = 0, i;
	int rc;

	rc = sipmsg_contacts(msg, &v, &n, err);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		const struct sipparam *p;
		struct ectx c = ectx_id(msg, SIPHDR_CONTACT, err);
		uint32_t x;

		p = sipaddr_param(&v[i], "expires");
		if (p) {
			int r = p->has_val ? pl_u32(p->val, &x) : EINVAL;

			if (r == ERANGE) {
				rc = ectx_fail(&c, p->val.p, EBADMSG,
					       "expires parameter > 2^32-1");
				break;
			}
			if (r) {
				rc = ectx_fail(&c, p->name.p, EBADMSG,
					       "expires parameter must be delta-seconds");
				break;
			}
		}
		p = sipaddr_param(&v[i], "q");
		if (p && (!p->has_val || !sip_qvalue_valid(p->val))) {
			rc = ectx_fail(&c, p->name.p, EBADMSG,
				       "q parameter must be a qvalue (0..1, 3 decimals)");
			break;
		}
	}
	free(v);
	return rc;
}

/* Request-URI well-formed and without headers (§19.1.1). */
static int validate_ruri(const struct sipmsg *msg, struct sipmsg_err *err)
{
	struct ectx c = { msg, PL_NULL, PL("start line"), "Request-URI: ", err };
	struct sipuri ru;
	int rc;

	rc = sipuri_parse_ctx(&ru, msg->ruri, &c);
	if (rc)
		return rc;
	if (ru.is_sip && ru.headers.p)
		return ectx_fail(&c, ru.headers.p - 1, EBADMSG,
				 "headers ('?') not allowed in a Request-URI (§19.1.1)");
	return 0;
}

int sipmsg_validate(const struct sipmsg *msg, struct sipmsg_err *err)
{
	static const enum siphdr_id single[] = {
		SIPHDR_FROM, SIPHDR_TO, SIPHDR_CALL_ID, SIPHDR_CSEQ,
		SIPHDR_CONTENT_LENGTH, SIPHDR_MAX_FORWARDS, SIPHDR_EXPIRES,
	};
	static const enum siphdr_id mandatory[] = {
		SIPHDR_TO, SIPHDR_FROM, SIPHDR_CSEQ, SIPHDR_CALL_ID, SIPHDR_VIA,
	};
	struct ectx c = { msg, PL_NULL, PL("start line"), NULL, err };
	const struct siphdr *h;
	struct sipaddr a;
	struct sipcseq cs;
	struct pl cid, *methods = NULL;
	struct sipvia *vias = NULL;
	size_t i, n;
	uint32_t u;
	bool present;
	int rc;

	if (err)
		memset(err, 0, sizeof(*err));
	if (!msg)
		return EINVAL;
	h = sipmsg_fault_next(msg, NULL);
	if (h)
		return sipmsg_fault_err(msg, h, err);
	if (msg->is_request) {
		rc = validate_ruri(msg, err);
		if (rc)
			return rc;
	}
	for (i = 0; i < sizeof(mandatory) / sizeof(mandatory[0]); i++) {
		if (!sipmsg_hdr(msg, mandatory[i])) {
			const char *at = msg->nhdrs ?
				msg->hdrs[msg->nhdrs - 1].row.p +
				msg->hdrs[msg->nhdrs - 1].row.l : msg->start_line.p;

			c.label = siphdr_name_pl(mandatory[i]);
			return ectx_fail(&c, at, EBADMSG,
					 "missing mandatory header %s (§8.1.1)",
					 siphdr_name(mandatory[i]));
		}
	}
	for (i = 0; i < sizeof(single) / sizeof(single[0]); i++) {
		struct ectx hc;

		if (sipmsg_hdr_count(msg, single[i]) > 1) {
			rc = sipmsg_hdr_single(msg, single[i], &h, &hc, err);
			return rc ? rc : EBADMSG;
		}
	}
	rc = sipmsg_from(msg, &a, err);
	if (!rc)
		rc = sipmsg_to(msg, &a, err);
	if (!rc)
		rc = sipmsg_callid(msg, &cid, err);
	if (!rc)
		rc = sipmsg_cseq(msg, &cs, err);
	if (rc)
		return rc;
	if (msg->is_request && !pl_eq(cs.method, msg->method)) {
		h = sipmsg_hdr(msg, SIPHDR_CSEQ);
		c = ectx_hdr(msg, h, err);
		return ectx_fail(&c, cs.method.p, EBADMSG,
				 "CSeq method '%.*s' does not match Request-Line method '%.*s' (§8.1.1.5)",
				 (int)(cs.method.l > 30 ? 30 : cs.method.l), cs.method.p,
				 (int)(msg->method.l > 30 ? 30 : msg->method.l),
				 msg->method.p);
	}
	h = sipmsg_hdr(msg, SIPHDR_MAX_FORWARDS);
	if (h && pl_u32(h->value, &u)) {
		c = ectx_hdr(msg, h, err);
		return ectx_fail(&c, h->value.p, EBADMSG,
				 "value must be 1*DIGIT <= 2^32-1");
	}
	rc = sipmsg_vias(msg, &vias, &n, err);
	free(vias);
	if (rc)
		return rc;
	rc = validate_contacts(msg, err);
	if (rc)
		return rc;
	rc = validate_addrs(msg, SIPHDR_ROUTE, err);
	if (!rc)
		rc = validate_addrs(msg, SIPHDR_RECORD_ROUTE, err);
	if (rc)
		return rc;
	rc = sipmsg_allow(msg, &present, &methods, &n, err);
	free(methods);
	if (rc)
		return rc;
	rc = sipmsg_expires(msg, &u, err);
	if (rc && rc != ENOENT)
		return rc;
	rc = sipmsg_clen(msg, &u, err);
	if (rc && rc != ENOENT)
		return rc;
	if (err)
		memset(err, 0, sizeof(*err));
	return 0;
}
