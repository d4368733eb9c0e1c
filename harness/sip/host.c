/*
 * host.c - hosts and hostport (RFC 3261 §25.1, RFC 5118), the one host
 * grammar of the project (siphost_valid is what suite/ and sipp/ ask).
 *
 *   hostport      = host [ ":" port ]        (Via sent-by: SWS around ':')
 *   host          = hostname / IPv4address / IPv6reference
 *   hostname      = *( domainlabel "." ) toplabel [ "." ]
 *   domainlabel   = alphanum / alphanum *( alphanum / "-" ) alphanum
 *   toplabel      = ALPHA / ALPHA *( alphanum / "-" ) alphanum
 *   IPv4address   = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT
 *                   (each at most 255)
 *   IPv6reference = "[" IPv6address "]"
 *   IPv6address   = the RFC 4291 §2.2 text form: 8 groups of 1*4HEXDIG,
 *                   one "::" for a run of zero groups, the last two
 *                   groups may be an IPv4address.  RFC 3261's ABNF
 *                   admits "2001:db8:::192.0.2.1" (three colons); RFC
 *                   5118 §4.10 says that is a bug, and it is refused.
 *   port          = 1*DIGIT, at most 65535
 *
 * A bare IPv6 address where a host is expected ("sip:2001:db8::10") is
 * refused with its own reason (RFC 5118 §4.2: brackets are required).
 */
#include "sip/sip_impl.h"

#include <errno.h>

static bool ipv4_ok(const char *p, size_t n)
{
	size_t i = 0;
	int k;

	for (k = 0; k < 4; k++) {
		unsigned v = 0;
		size_t d = 0;

		while (i < n && chars_is_digit((unsigned char)p[i]) && d < 4) {
			v = v * 10 + (unsigned)(p[i] - '0');
			i++;
			d++;
		}
		if (d == 0 || d > 3 || v > 255)
			return false;
		if (k < 3) {
			if (i >= n || p[i] != '.')
				return false;
			i++;
		}
	}
	return i == n;
}

static bool ipv6_ok(const char *p, size_t n)
{
	size_t i = 0, groups = 0;
	bool dbl = false;

	if (n >= 2 && p[0] == ':' && p[1] == ':') {
		dbl = true;
		i = 2;
		if (i == n)
			return true;
	} else if (n == 0 || p[0] == ':') {
		return false;
	}
	for (;;) {
		size_t j = i;

		while (j < n && chars_is_hex((unsigned char)p[j]))
			j++;
		if (j < n && p[j] == '.') {
			if (!ipv4_ok(p + i, n - i))
				return false;
			groups += 2;
			break;
		}
		if (j == i || j - i > 4)
			return false;
		groups++;
		i = j;
		if (i == n)
			break;
		if (p[i] != ':')
			return false;
		i++;
		if (i < n && p[i] == ':') {
			if (dbl)
				return false;
			dbl = true;
			i++;
			if (i == n)
				break;
		} else if (i == n) {
			return false;
		}
		if (groups > 8)
			return false;
	}
	return dbl ? groups <= 7 : groups == 8;
}

/* "[" IPv6address "]" */
static bool ipv6ref_ok(const char *p, size_t n)
{
	return n >= 2 && p[0] == '[' && p[n - 1] == ']' && ipv6_ok(p + 1, n - 2);
}

/*
 * hostname = *( domainlabel "." ) toplabel [ "." ]: one pass, each byte
 * looked at once.  A label is 1*host byte that starts and ends with an
 * alphanum (no empty label: "..", a leading '.', a trailing "..");
 * the last label starts with a letter (toplabel).
 */
static bool hostname_ok(const char *p, size_t n)
{
	bool last_alpha = false;
	int prev = '.'; /* the byte before a label's first: '.' or the start */

	if (n && p[n - 1] == '.')
		n--;
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		int ch = (unsigned char)p[i];

		if (ch == '.') {
			if (!chars_is_alnum(prev))
				return false;
		} else if (!chars_is_host(ch)) {
			return false;
		} else if (prev == '.') {
			if (!chars_is_alnum(ch))
				return false;
			last_alpha = chars_is_alpha(ch);
		}
		prev = ch;
	}
	return chars_is_alnum(prev) && last_alpha;
}

bool siphost_valid(struct pl host)
{
	if (!host.p || host.l == 0)
		return false;
	if (host.p[0] == '[')
		return ipv6ref_ok(host.p, host.l);
	return ipv4_ok(host.p, host.l) || hostname_ok(host.p, host.l);
}

bool siphost_ip_valid(struct pl s)
{
	if (!s.p || s.l == 0)
		return false;
	return ipv4_ok(s.p, s.l) || ipv6_ok(s.p, s.l) ||
	       (s.l > 2 && ipv6ref_ok(s.p, s.l));
}

int siphost_hostport(const char **pp, const char *end, struct pl *host,
		     bool *v6, struct pl *port, uint16_t *portnum,
		     bool *has_port, bool lws, const struct ectx *c)
{
	const char *p = *pp, *h0 = p, *q;
	uint32_t v;
	char sb[8];

	*v6 = false;
	if (p < end && *p == '[') {
		const char *rb = sip_memchr(p, end, ']');

		if (!rb)
			return ectx_fail(c, p, EBADMSG, "unterminated '[' in IPv6 reference");
		if (!ipv6_ok(p + 1, (size_t)(rb - p - 1)))
			return ectx_fail(c, p, EBADMSG, "invalid IPv6 address '%.*s'",
					 (int)(rb - p - 1), p + 1);
		p = rb + 1;
		*v6 = true;
	} else {
		while (p < end && chars_is_host((unsigned char)*p))
			p++;
		if (p == h0) {
			if (p < end)
				return ectx_fail(c, p, EBADMSG,
						 "invalid character %s in host",
						 ectx_show(*p, sb));
			return ectx_fail(c, p, EBADMSG, "missing host");
		}
		/* RFC 5118 §4.2: a bare IPv6 address has several ':' */
		if (p < end && *p == ':') {
			const char *e = p;
			int ncolon = 0;

			while (e < end && *e != ';' && *e != '?' &&
			       !chars_is_lws((unsigned char)*e)) {
				if (*e == ':')
					ncolon++;
				e++;
			}
			if (ncolon > 1)
				return ectx_fail(c, h0, EBADMSG,
						 "IPv6 address must be enclosed in '[' ']' (RFC 5118 §4.2)");
		}
		if (!siphost_valid(sip_pl(h0, p)))
			return ectx_fail(c, h0, EBADMSG, "invalid host '%.*s'",
					 (int)(p - h0 > 64 ? 64 : p - h0), h0);
	}
	*host = sip_pl(h0, p);
	*has_port = false;
	*port = PL_NULL;
	*portnum = 0;
	q = lws ? sip_skip_lws(p, end) : p;
	if (q < end && *q == ':') {
		const char *d0;

		q = lws ? sip_skip_lws(q + 1, end) : q + 1;
		d0 = q;
		while (q < end && chars_is_digit((unsigned char)*q))
			q++;
		if (q == d0)
			return ectx_fail(c, d0, EBADMSG, "missing or invalid port");
		if (pl_u32(sip_pl(d0, q), &v) || v > 65535)
			return ectx_fail(c, d0, EBADMSG, "port '%.*s' out of range",
					 (int)(q - d0 > 20 ? 20 : q - d0), d0);
		*port = sip_pl(d0, q);
		*portnum = (uint16_t)v;
		*has_port = true;
		p = q;
	}
	*pp = p;
	return 0;
}
