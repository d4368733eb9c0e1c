/*
 * sipmsg.c - strict SIP message parser (RFC 3261 §7, §25; RFC 5118).
 *
 * Grammar implemented (RFC 3261 §25 unless noted; LWS = [*WSP CRLF] 1*WSP,
 * SWS = [LWS]; HCOLON = *( SP / HTAB ) ":" SWS):
 *
 *   SIP-message   = *CRLF start-line *message-header CRLF [ message-body ]
 *                   (leading CRLFs skipped, §7.5)
 *   Request-Line  = Method SP Request-URI SP SIP-Version CRLF
 *   Status-Line   = SIP-Version SP Status-Code SP Reason-Phrase CRLF
 *   SIP-Version   = "SIP/2.0" (other versions: EBADMSG, the 505 case)
 *   Status-Code   = 3DIGIT, 100..699
 *   Reason-Phrase = any bytes except CTLs (HTAB allowed); UTF-8 not
 *                   validated, printable ASCII beyond the ABNF tolerated
 *   message-header= header-name HCOLON header-value CRLF
 *                   header-name = token; continuation lines start with
 *                   SP/HTAB (§7.3.1).  CTLs in a value are rejected
 *                   except after '\' inside a quoted string (quoted-pair).
 *   Content-Length frames the body; at most one row; a missing
 *   Content-Length makes the body the rest of the buffer.
 *
 * Structured values (validated by the accessors, not by sipmsg_parse):
 *   SIP-URI       = ("sip:"/"sips:") [ userinfo ] hostport uri-parameters
 *                   [ headers ]
 *   userinfo      = user [ ":" password ] "@"
 *   host          = hostname / IPv4address / IPv6reference
 *   IPv6reference = "[" IPv6address "]" (RFC 4291 text form; RFC 5118 §4.10:
 *                   "2001:db8:::192.0.2.1" is rejected)
 *   uri-parameter = pname [ "=" pvalue ]  (1*paramchar each)
 *   headers       = "?" hname "=" hvalue *( "&" hname "=" hvalue )
 *   absoluteURI   = scheme ":" 1*( printable ASCII except SP < > " \ { } | ^ ` )
 *   name-addr     = [ display-name ] LAQUOT addr-spec RAQUOT
 *   display-name  = *(token LWS) / quoted-string
 *   addr-spec     = URI without ',' ';' '?' (§20: else name-addr form)
 *   generic-param = token [ EQUAL ( token / host / quoted-string ) ]
 *   via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
 *   CSeq          = 1*DIGIT LWS Method
 *   Call-ID       = word [ "@" word ]
 *
 * Hard limits (EBADMSG beyond, with the limit named in err->what):
 *   - at most SIPMSG_MAX_HDRS (1024) header rows per message;
 *   - at most SIPMSG_MAX_ELEMS (1024) list elements per header id;
 *   - at most SIP_MAX_PARAMS (32) parameters per value ("too many parameters");
 *   - numbers (CSeq, Content-Length, Expires, expires=) at most 2^32-1,
 *     ports at most 65535, status codes 100..699.
 *
 * Decisions documented here:
 *   - Escaped headers in a Request-URI (RFC 4475 §3.1.2.11 escruri) parse,
 *     and sipmsg_validate() rejects them: §19.1.1 table says headers are
 *     "not allowed" in a Request-URI.
 *   - Requests must carry To, From, CSeq, Call-ID and Via (§8.1.1);
 *     Max-Forwards is not required so that RFC 2543 requests (RFC 4475
 *     §3.4.1) validate.  Responses must carry To, From, CSeq, Call-ID, Via.
 *   - URI header values compare byte-exact after unescaping; names
 *     case-insensitively (§19.1.4 leaves this to §20).
 *   - A message ending right after a header row's CRLF without the empty
 *     line is accepted with SIPMSG_F_NO_BLANK_LINE; one ending inside a
 *     line is ENODATA (truncated).
 */
#include "sip/msg.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIPMSG_MAX_HDRS 1024
#define SIPMSG_MAX_ELEMS 1024

#if defined(__GNUC__)
#define SIPMSG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SIPMSG_PRINTF(a, b)
#endif

/* ---- character classes (§25.1) ---------------------------------------- */

static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

static bool is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hexval(int c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

static bool is_wsp(int c)
{
	return c == ' ' || c == '\t';
}

static bool is_lws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_ctl(int c)
{
	return (c >= 0 && c < 0x20) || c == 0x7f;
}

/* token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
static bool is_tokc(int c)
{
	return is_alnum(c) || (c != 0 && strchr("-.!%*_+`'~", c) != NULL);
}

/* unreserved = alphanum / mark */
static bool is_unres(int c)
{
	return is_alnum(c) || (c != 0 && strchr("-_.!~*'()", c) != NULL);
}

static bool is_reserved(int c)
{
	return c != 0 && strchr(";/?:@&=+$,", c) != NULL;
}

static bool is_userc(int c)
{
	return is_unres(c) || (c != 0 && strchr("&=+$,;?/", c) != NULL);
}

static bool is_passc(int c)
{
	return is_unres(c) || (c != 0 && strchr("&=+$,", c) != NULL);
}

static bool is_paramc(int c)
{
	return is_unres(c) || (c != 0 && strchr("[]/:&+$", c) != NULL);
}

static bool is_hnvc(int c)
{
	return is_unres(c) || (c != 0 && strchr("[]/?:+$", c) != NULL);
}

/* Call-ID word characters (§25.1 "word"). */
static bool is_wordc(int c)
{
	return is_alnum(c) ||
	       (c != 0 && strchr("-.!%*_+`'~()<>:\\\"/[]?{}", c) != NULL);
}

/* ---- small helpers ----------------------------------------------------- */

static struct pl mkpl(const char *a, const char *b)
{
	struct pl x = { a, (size_t)(b - a) };
	return x;
}

static const char *skip_lws(const char *p, const char *end)
{
	while (p < end && is_lws((unsigned char)*p))
		p++;
	return p;
}

static const char *skip_wsp(const char *p, const char *end)
{
	while (p < end && is_wsp((unsigned char)*p))
		p++;
	return p;
}

static const char *token_end(const char *p, const char *end)
{
	while (p < end && is_tokc((unsigned char)*p))
		p++;
	return p;
}

static const char *memchr_c(const char *p, const char *end, int c)
{
	return p < end ? memchr(p, c, (size_t)(end - p)) : NULL;
}

bool sip_is_token(struct pl s)
{
	size_t i;

	if (!s.p || s.l == 0)
		return false;
	for (i = 0; i < s.l; i++)
		if (!is_tokc((unsigned char)s.p[i]))
			return false;
	return true;
}

/*
 * First byte of s that is neither accepted by ok() nor part of an escaped
 * triplet (when esc), or NULL when the whole slice conforms.
 */
static const char *bad_char(struct pl s, bool (*ok)(int), bool esc)
{
	size_t i;

	for (i = 0; i < s.l; i++) {
		int c = (unsigned char)s.p[i];

		if (esc && c == '%') {
			if (i + 2 < s.l && is_hex((unsigned char)s.p[i + 1]) &&
			    is_hex((unsigned char)s.p[i + 2])) {
				i += 2;
				continue;
			}
			return s.p + i;
		}
		if (!ok(c))
			return s.p + i;
	}
	return NULL;
}

/* Printable rendering of one byte for error texts. */
static const char *show(char c, char buf[8])
{
	unsigned char u = (unsigned char)c;

	if (u > 0x20 && u < 0x7f && u != '\'')
		snprintf(buf, 8, "'%c'", u);
	else
		snprintf(buf, 8, "0x%02x", u);
	return buf;
}

/* ---- positions and errors ---------------------------------------------- */

static void pos_in(const char *base, size_t len, const char *at, size_t *line,
		   size_t *col)
{
	const char *p, *ls;
	size_t ln = 1;

	*line = 0;
	*col = 0;
	if (!base || !at || at < base || at > base + len)
		return;
	ls = base;
	for (p = base; p < at; p++) {
		if (*p == '\n') {
			ln++;
			ls = p + 1;
		}
	}
	*line = ln;
	*col = (size_t)(at - ls) + 1;
}

void sipmsg_pos(const struct sipmsg *msg, const char *at, size_t *line,
		size_t *col)
{
	size_t l = 0, c = 0;

	if (msg)
		pos_in(msg->raw.p, msg->raw.l, at, &l, &c);
	if (line)
		*line = l;
	if (col)
		*col = c;
}

/* Error context: who is parsing (label) and how to turn a pointer into a position. */
struct ectx {
	const struct sipmsg *msg; /* positions relative to msg->raw */
	struct pl base;           /* else relative to this string */
	struct pl label;          /* "Contact", "start line", ... */
	const char *sub;          /* prefix of the reason, e.g. "Request-URI: " */
	struct sipmsg_err *err;
};

static int fail(const struct ectx *c, const char *at, int e, const char *fmt, ...)
	SIPMSG_PRINTF(4, 5);

static int fail(const struct ectx *c, const char *at, int e, const char *fmt, ...)
{
	struct sipmsg_err *er = c->err;
	char why[160];
	size_t line = 0, col = 0, off = 0;
	va_list ap;

	if (!er)
		return e;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (c->msg && at) {
		sipmsg_pos(c->msg, at, &line, &col);
		if (line)
			off = (size_t)(at - c->msg->raw.p);
	}
	if (!line && c->base.p && at) {
		pos_in(c->base.p, c->base.l, at, &line, &col);
		if (line)
			off = (size_t)(at - c->base.p);
	}
	er->at = line ? at : NULL;
	er->off = off;
	er->line = line;
	er->col = col;
	if (line)
		snprintf(er->what, sizeof(er->what),
			 "%.*s: line %zu col %zu: %s%s",
			 (int)(c->label.l > 48 ? 48 : c->label.l),
			 c->label.p ? c->label.p : "", line, col,
			 c->sub ? c->sub : "", why);
	else
		snprintf(er->what, sizeof(er->what), "%.*s: %s%s",
			 (int)(c->label.l > 48 ? 48 : c->label.l),
			 c->label.p ? c->label.p : "", c->sub ? c->sub : "",
			 why);
	return e;
}

/* ---- header names (§7.3.3, §20) ----------------------------------------- */

static const struct {
	const char *name;
	char compact;
} hdr_tab[SIPHDR__COUNT] = {
	[SIPHDR_OTHER] = { "", 0 },
	[SIPHDR_ACCEPT] = { "Accept", 0 },
	[SIPHDR_ALLOW] = { "Allow", 0 },
	[SIPHDR_ALLOW_EVENTS] = { "Allow-Events", 'u' },
	[SIPHDR_CALL_ID] = { "Call-ID", 'i' },
	[SIPHDR_CONTACT] = { "Contact", 'm' },
	[SIPHDR_CONTENT_ENCODING] = { "Content-Encoding", 'e' },
	[SIPHDR_CONTENT_LENGTH] = { "Content-Length", 'l' },
	[SIPHDR_CONTENT_TYPE] = { "Content-Type", 'c' },
	[SIPHDR_CSEQ] = { "CSeq", 0 },
	[SIPHDR_EVENT] = { "Event", 'o' },
	[SIPHDR_EXPIRES] = { "Expires", 0 },
	[SIPHDR_FROM] = { "From", 'f' },
	[SIPHDR_MAX_FORWARDS] = { "Max-Forwards", 0 },
	[SIPHDR_RECORD_ROUTE] = { "Record-Route", 0 },
	[SIPHDR_REFER_TO] = { "Refer-To", 'r' },
	[SIPHDR_REQUIRE] = { "Require", 0 },
	[SIPHDR_RETRY_AFTER] = { "Retry-After", 0 },
	[SIPHDR_ROUTE] = { "Route", 0 },
	[SIPHDR_SUBJECT] = { "Subject", 's' },
	[SIPHDR_SUPPORTED] = { "Supported", 'k' },
	[SIPHDR_TO] = { "To", 't' },
	[SIPHDR_UNSUPPORTED] = { "Unsupported", 0 },
	[SIPHDR_VIA] = { "Via", 'v' },
	[SIPHDR_WARNING] = { "Warning", 0 },
};

const char *siphdr_name(enum siphdr_id id)
{
	if ((int)id < 0 || id >= SIPHDR__COUNT)
		return "";
	return hdr_tab[id].name;
}

enum siphdr_id siphdr_lookup(struct pl name)
{
	int i;

	if (!name.p || name.l == 0)
		return SIPHDR_OTHER;
	if (name.l == 1) {
		int c = name.p[0] | 0x20;

		for (i = 1; i < SIPHDR__COUNT; i++)
			if (hdr_tab[i].compact == c)
				return (enum siphdr_id)i;
		return SIPHDR_OTHER;
	}
	for (i = 1; i < SIPHDR__COUNT; i++)
		if (pl_caseeq_str(name, hdr_tab[i].name))
			return (enum siphdr_id)i;
	return SIPHDR_OTHER;
}

/* Error context for a header row: label is the canonical name. */
static struct ectx hdr_ctx(const struct sipmsg *msg, const struct siphdr *h,
			   struct sipmsg_err *err)
{
	struct ectx c = { msg, PL_NULL, PL_NULL, NULL, err };

	if (h && h->id != SIPHDR_OTHER)
		c.label = pl_from(siphdr_name(h->id));
	else if (h)
		c.label = h->name;
	else
		c.label = PL("header");
	if (!msg && h)
		c.base = h->row;
	return c;
}

static struct ectx id_ctx(const struct sipmsg *msg, enum siphdr_id id,
			  struct sipmsg_err *err)
{
	struct ectx c = { msg, PL_NULL, pl_from(siphdr_name(id)), NULL, err };

	return c;
}

/* ---- quoted strings ----------------------------------------------------- */

/*
 * quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE
 * p points at the opening DQUOTE.  Returns the byte after the closing
 * DQUOTE, or NULL with *bad set (unterminated or CTL).
 */
static const char *qs_end(const char *p, const char *end, const char **bad,
			  bool *unterminated)
{
	const char *q = p + 1;

	*unterminated = false;
	while (q < end) {
		int ch = (unsigned char)*q;

		if (ch == '\\') {
			if (q + 1 >= end)
				break;
			ch = (unsigned char)q[1];
			if (ch == '\r' || ch == '\n' || ch > 0x7f) {
				*bad = q + 1;
				return NULL;
			}
			q += 2;
			continue;
		}
		if (ch == '"')
			return q + 1;
		if (is_ctl(ch) && !is_lws(ch)) {
			*bad = q;
			return NULL;
		}
		q++;
	}
	*unterminated = true;
	*bad = p;
	return NULL;
}

static int qs_parse(const char *p, const char *end, const char **out,
		    const struct ectx *c)
{
	const char *bad = NULL;
	bool unterm;
	char sb[8];

	*out = qs_end(p, end, &bad, &unterm);
	if (*out)
		return 0;
	if (unterm)
		return fail(c, p, EBADMSG, "unterminated quoted string");
	return fail(c, bad, EBADMSG, "invalid character %s in quoted string",
		    show(*bad, sb));
}

/* ---- hosts (§25.1, RFC 5118) --------------------------------------------- */

static bool ipv4_ok(const char *p, size_t n)
{
	size_t i = 0;
	int k;

	for (k = 0; k < 4; k++) {
		unsigned v = 0;
		size_t d = 0;

		while (i < n && is_digit((unsigned char)p[i]) && d < 4) {
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

/* RFC 4291 §2.2 text form; the RFC 3261 ABNF bug (3 colons) is rejected. */
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

		while (j < n && is_hex((unsigned char)p[j]))
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

/* hostname = *( domainlabel "." ) toplabel [ "." ] */
static bool hostname_ok(const char *p, size_t n)
{
	size_t i = 0, ls;
	bool last_alpha = false;

	if (n && p[n - 1] == '.')
		n--;
	if (n == 0)
		return false;
	while (i < n) {
		ls = i;
		while (i < n && p[i] != '.')
			i++;
		if (i == ls || !is_alnum((unsigned char)p[ls]) ||
		    !is_alnum((unsigned char)p[i - 1]))
			return false;
		for (size_t k = ls; k < i; k++)
			if (!is_alnum((unsigned char)p[k]) && p[k] != '-')
				return false;
		last_alpha = is_alpha((unsigned char)p[ls]);
		if (i < n)
			i++;
		if (i == n && p[n - 1] == '.')
			return false;
	}
	return last_alpha;
}

static bool host_ok(struct pl h)
{
	if (h.l >= 2 && h.p[0] == '[')
		return h.p[h.l - 1] == ']' && ipv6_ok(h.p + 1, h.l - 2);
	return ipv4_ok(h.p, h.l) || hostname_ok(h.p, h.l);
}

bool siphost_valid(struct pl host)
{
	return host.l > 0 && host_ok(host);
}

/*
 * host [ ":" port ] starting at *pp.  lws: SWS allowed around ':' (Via
 * sent-by COLON); false inside URIs.
 */
static int hostport_parse(const char **pp, const char *end, struct pl *host,
			  bool *v6, struct pl *port, uint16_t *portnum,
			  bool *has_port, bool lws, const struct ectx *c)
{
	const char *p = *pp, *h0 = p, *q;
	uint32_t v;
	char sb[8];

	*v6 = false;
	if (p < end && *p == '[') {
		const char *rb = memchr_c(p, end, ']');

		if (!rb)
			return fail(c, p, EBADMSG, "unterminated '[' in IPv6 reference");
		if (!ipv6_ok(p + 1, (size_t)(rb - p - 1)))
			return fail(c, p, EBADMSG, "invalid IPv6 address '%.*s'",
				    (int)(rb - p - 1), p + 1);
		p = rb + 1;
		*v6 = true;
	} else {
		while (p < end && (is_alnum((unsigned char)*p) || *p == '-' ||
				   *p == '.'))
			p++;
		if (p == h0) {
			if (p < end)
				return fail(c, p, EBADMSG,
					    "invalid character %s in host",
					    show(*p, sb));
			return fail(c, p, EBADMSG, "missing host");
		}
		/* RFC 5118 §4.2: a bare IPv6 address has several ':' */
		if (p < end && *p == ':') {
			const char *e = p;
			int ncolon = 0;

			while (e < end && *e != ';' && *e != '?' && !is_lws((unsigned char)*e)) {
				if (*e == ':')
					ncolon++;
				e++;
			}
			if (ncolon > 1)
				return fail(c, h0, EBADMSG,
					    "IPv6 address must be enclosed in '[' ']' (RFC 5118 §4.2)");
		}
		if (!host_ok(mkpl(h0, p)))
			return fail(c, h0, EBADMSG, "invalid host '%.*s'",
				    (int)(p - h0 > 64 ? 64 : p - h0), h0);
	}
	*host = mkpl(h0, p);
	*has_port = false;
	*port = PL_NULL;
	*portnum = 0;
	q = lws ? skip_lws(p, end) : p;
	if (q < end && *q == ':') {
		const char *d0;

		q = lws ? skip_lws(q + 1, end) : q + 1;
		d0 = q;
		while (q < end && is_digit((unsigned char)*q))
			q++;
		if (q == d0)
			return fail(c, d0, EBADMSG, "missing or invalid port");
		if (pl_u32(mkpl(d0, q), &v) || v > 65535)
			return fail(c, d0, EBADMSG, "port '%.*s' out of range",
				    (int)(q - d0 > 20 ? 20 : q - d0), d0);
		*port = mkpl(d0, q);
		*portnum = (uint16_t)v;
		*has_port = true;
		p = q;
	}
	*pp = p;
	return 0;
}

/* ---- URIs (§19.1, §25) --------------------------------------------------- */

static bool absuri_c(int c)
{
	return c > 0x20 && c < 0x7f && strchr("<>\"\\{}|^`", c) == NULL;
}

static int uri_parse_c(struct sipuri *u, struct pl s, const struct ectx *c)
{
	const char *p = s.p, *end = pl_end(s), *q, *at, *bad;
	char sb[8];
	int err;

	memset(u, 0, sizeof(*u));
	u->raw = s;
	if (!s.p || s.l == 0)
		return fail(c, s.p, EBADMSG, "empty URI");
	if (*p == '<')
		return fail(c, p, EBADMSG, "URI must not be enclosed in '<' '>' here");
	if (!is_alpha((unsigned char)*p))
		return fail(c, p, EBADMSG, "URI scheme must start with a letter, got %s",
			    show(*p, sb));
	q = p;
	while (q < end && (is_alnum((unsigned char)*q) || *q == '+' || *q == '-' ||
			   *q == '.'))
		q++;
	if (q == end || *q != ':')
		return fail(c, q, EBADMSG, "expected ':' after URI scheme");
	u->scheme = mkpl(p, q);
	p = q + 1;
	u->is_sips = pl_caseeq_str(u->scheme, "sips");
	u->is_sip = u->is_sips || pl_caseeq_str(u->scheme, "sip");
	if (!u->is_sip) {
		if (p == end)
			return fail(c, p, EBADMSG, "empty URI after scheme");
		bad = bad_char(mkpl(p, end), absuri_c, false);
		if (bad)
			return fail(c, bad, EBADMSG, "invalid character %s in URI",
				    show(*bad, sb));
		return 0;
	}

	/* userinfo: '@' cannot appear unescaped after it (§25.1) */
	at = memchr_c(p, end, '@');
	if (at) {
		const char *colon = memchr_c(p, at, ':');
		const char *ue = colon ? colon : at;

		if (ue == p)
			return fail(c, p, EBADMSG, "empty user part before '@'");
		u->user = mkpl(p, ue);
		bad = bad_char(u->user, is_userc, true);
		if (bad)
			return fail(c, bad, EBADMSG, "invalid character %s in user part",
				    show(*bad, sb));
		if (colon) {
			u->password = mkpl(colon + 1, at);
			bad = bad_char(u->password, is_passc, true);
			if (bad)
				return fail(c, bad, EBADMSG,
					    "invalid character %s in password",
					    show(*bad, sb));
		}
		u->has_userinfo = true;
		p = at + 1;
	}
	err = hostport_parse(&p, end, &u->host, &u->host_ipv6, &u->port,
			     &u->portnum, &u->has_port, false, c);
	if (err)
		return err;

	while (p < end && *p == ';') {
		const char *n0 = ++p;
		struct sipparam prm;

		memset(&prm, 0, sizeof(prm));
		while (p < end && (is_paramc((unsigned char)*p) ||
				   (*p == '%' && end - p >= 3 &&
				    is_hex((unsigned char)p[1]) &&
				    is_hex((unsigned char)p[2]))))
			p += (*p == '%') ? 3 : 1;
		if (p == n0)
			return fail(c, n0, EBADMSG, "empty URI parameter");
		prm.name = mkpl(n0, p);
		if (p < end && *p == '=') {
			const char *v0 = ++p;

			while (p < end && (is_paramc((unsigned char)*p) ||
					   (*p == '%' && end - p >= 3 &&
					    is_hex((unsigned char)p[1]) &&
					    is_hex((unsigned char)p[2]))))
				p += (*p == '%') ? 3 : 1;
			if (p == v0)
				return fail(c, v0, EBADMSG,
					    "empty value for URI parameter '%.*s'",
					    PL_FMT(prm.name));
			prm.val = mkpl(v0, p);
			prm.has_val = true;
		}
		if (u->nparams >= SIP_MAX_PARAMS)
			return fail(c, n0, EBADMSG, "too many parameters (max %d)",
				    SIP_MAX_PARAMS);
		u->params[u->nparams++] = prm;
	}
	if (p < end && *p == '?') {
		const char *h = ++p;

		u->headers = mkpl(h, end);
		for (;;) {
			const char *n0 = p;

			while (p < end && *p != '=' && *p != '&')
				p++;
			if (p == n0)
				return fail(c, n0, EBADMSG, "empty URI header name");
			bad = bad_char(mkpl(n0, p), is_hnvc, true);
			if (bad)
				return fail(c, bad, EBADMSG,
					    "invalid character %s in URI header",
					    show(*bad, sb));
			if (p == end || *p != '=')
				return fail(c, p, EBADMSG, "URI header without '='");
			n0 = ++p;
			while (p < end && *p != '&')
				p++;
			bad = bad_char(mkpl(n0, p), is_hnvc, true);
			if (bad)
				return fail(c, bad, EBADMSG,
					    "invalid character %s in URI header value",
					    show(*bad, sb));
			if (p == end)
				break;
			p++;
		}
	}
	if (p < end)
		return fail(c, p, EBADMSG, "invalid character %s in SIP URI",
			    show(*p, sb));
	return 0;
}

int sipuri_parse(struct sipuri *uri, struct pl s, struct sipmsg_err *err)
{
	struct ectx c = { NULL, s, PL("URI"), NULL, err };
	struct sipuri tmp;
	int e;

	if (!uri) {
		return fail(&c, NULL, EINVAL, "invalid argument");
	}
	e = uri_parse_c(&tmp, s, &c);
	if (!e)
		*uri = tmp;
	return e;
}


/* §19.1.4: %HH of a non-reserved character equals the character. */
static int unit_next(const char **pp, const char *end)
{
	const char *p = *pp;
	int v;

	if (p >= end)
		return -1;
	if (*p == '%' && end - p >= 3 && is_hex((unsigned char)p[1]) &&
	    is_hex((unsigned char)p[2])) {
		v = hexval((unsigned char)p[1]) * 16 + hexval((unsigned char)p[2]);
		*pp = p + 3;
		return is_reserved(v) ? 256 + v : v;
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

const struct sipparam *sipuri_param(const struct sipuri *uri, const char *name)
{
	size_t i;

	if (!uri || !name)
		return NULL;
	for (i = 0; i < uri->nparams && i < SIP_MAX_PARAMS; i++)
		if (esc_eq(uri->params[i].name, pl_from(name), true))
			return &uri->params[i];
	return NULL;
}

static const struct sipparam *uparam_find(const struct sipuri *u, struct pl name)
{
	size_t i;

	for (i = 0; i < u->nparams; i++)
		if (esc_eq(u->params[i].name, name, true))
			return &u->params[i];
	return NULL;
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

/* Split one URI header "name=value" out of a '&' list. */
static bool uhdr_next(const char **pp, const char *end, struct pl *name,
		      struct pl *val)
{
	const char *p = *pp, *n0 = p, *eq;

	if (p == NULL || p > end)
		return false;
	while (p < end && *p != '&')
		p++;
	eq = memchr_c(n0, p, '=');
	*name = mkpl(n0, eq ? eq : p);
	*val = eq ? mkpl(eq + 1, p) : PL_NULL;
	*pp = p < end ? p + 1 : NULL;
	return true;
}

static bool uhdr_has(struct pl hs, struct pl name, struct pl val)
{
	const char *p = hs.p, *end = pl_end(hs);
	struct pl n, v;

	if (hs.l == 0)
		return false;
	while (uhdr_next(&p, end, &n, &v))
		if (esc_eq(n, name, true) && esc_eq(v, val, false))
			return true;
	return false;
}

static bool uhdrs_sub(struct pl a, struct pl b)
{
	const char *p = a.p, *end = pl_end(a);
	struct pl n, v;

	if (a.l == 0)
		return true;
	while (uhdr_next(&p, end, &n, &v))
		if (!uhdr_has(b, n, v))
			return false;
	return true;
}

bool sipuri_equal(const struct sipuri *a, const struct sipuri *b)
{
	if (!a || !b || !pl_caseeq(a->scheme, b->scheme))
		return false;
	if (!a->is_sip) {
		struct pl ra = mkpl(a->raw.p + a->scheme.l, a->raw.p + a->raw.l);
		struct pl rb = mkpl(b->raw.p + b->scheme.l, b->raw.p + b->raw.l);

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

/* ---- generic parameters (§25.1 generic-param) ------------------------- */

/*
 * *( SEMI generic-param ) from *pp to end, which must be consumed.
 * colon_ok admits ':' in values (Via received= with a bare IPv6 address).
 */
static int params_parse(const char **pp, const char *end, struct sipparam *v,
			size_t *np, bool colon_ok, const char *after,
			const struct ectx *c)
{
	const char *p = *pp;
	char sb[8];
	int err;

	for (;;) {
		const char *n0, *q;
		struct sipparam prm;

		p = skip_lws(p, end);
		if (p == end)
			break;
		if (*p != ';')
			return fail(c, p, EBADMSG, "unexpected %s after %s",
				    show(*p, sb), after);
		p = skip_lws(p + 1, end);
		n0 = p;
		p = token_end(p, end);
		if (p == n0) {
			if (p == end || *p == ';')
				return fail(c, n0, EBADMSG, "empty parameter");
			return fail(c, n0, EBADMSG,
				    "invalid character %s in parameter name",
				    show(*p, sb));
		}
		memset(&prm, 0, sizeof(prm));
		prm.name = mkpl(n0, p);
		q = skip_lws(p, end);
		if (q < end && *q == '=') {
			const char *v0;

			q = skip_lws(q + 1, end);
			v0 = q;
			if (q < end && *q == '"') {
				err = qs_parse(q, end, &q, c);
				if (err)
					return err;
			} else if (q < end && *q == '[') {
				const char *rb = memchr_c(q, end, ']');

				if (!rb)
					return fail(c, q, EBADMSG, "unterminated '['");
				q = rb + 1;
			} else {
				while (q < end && (is_tokc((unsigned char)*q) ||
						   (colon_ok && *q == ':')))
					q++;
			}
			if (q == v0)
				return fail(c, v0, EBADMSG,
					    "empty value for parameter '%.*s'",
					    PL_FMT(prm.name));
			prm.val = mkpl(v0, q);
			prm.has_val = true;
			p = q;
		}
		if (*np >= SIP_MAX_PARAMS)
			return fail(c, n0, EBADMSG, "too many parameters (max %d)",
				    SIP_MAX_PARAMS);
		v[(*np)++] = prm;
	}
	*pp = p;
	return 0;
}

static const struct sipparam *gparam_find(const struct sipparam *v, size_t n,
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

/* ---- name-addr / addr-spec (§20.10, §20.20, §20.39) ------------------- */

static int addr_parse_c(struct sipaddr *a, struct pl s, const struct ectx *c)
{
	const char *p, *end, *lt = NULL;
	int err;
	char sb[8];

	memset(a, 0, sizeof(*a));
	s = pl_trim(s);
	a->raw = s;
	if (!s.p || s.l == 0)
		return fail(c, s.p, EBADMSG, "empty value");
	if (s.l == 1 && s.p[0] == '*') {
		a->star = true;
		return 0;
	}
	p = s.p;
	end = pl_end(s);
	if (*p == '"') {
		const char *q;

		err = qs_parse(p, end, &q, c);
		if (err)
			return err;
		a->dname = mkpl(p, q);
		lt = skip_lws(q, end);
		if (lt == end || *lt != '<')
			return fail(c, lt, EBADMSG,
				    "expected '<' after quoted display name");
	} else {
		lt = memchr_c(p, end, '<');
		if (lt) {
			const char *d;

			a->dname = pl_trim(mkpl(p, lt));
			for (d = p; d < lt; d++) {
				if (is_tokc((unsigned char)*d) || is_lws((unsigned char)*d))
					continue;
				return fail(c, d, EBADMSG,
					    "invalid character %s in unquoted display name (use a quoted-string)",
					    show(*d, sb));
			}
		}
	}
	if (lt) {
		const char *gt, *u0 = lt + 1;

		if (u0 < end && is_lws((unsigned char)*u0))
			return fail(c, u0, EBADMSG,
				    "whitespace after '<' (no LWS allowed inside <addr-spec>)");
		gt = memchr_c(u0, end, '>');
		if (!gt)
			return fail(c, lt, EBADMSG, "unterminated '<'");
		if (gt > u0 && is_lws((unsigned char)gt[-1]))
			return fail(c, gt - 1, EBADMSG,
				    "whitespace before '>' (no LWS allowed inside <addr-spec>)");
		err = uri_parse_c(&a->uri, mkpl(u0, gt), c);
		if (err)
			return err;
		a->name_addr = true;
		p = gt + 1;
	} else {
		/* addr-spec: the URI ends at ';' or LWS; ';' starts header params */
		const char *u0 = p, *q;

		while (p < end && *p != ';' && !is_lws((unsigned char)*p))
			p++;
		q = memchr_c(u0, p, '?');
		if (q)
			return fail(c, q, EBADMSG,
				    "addr-spec with '?' must be in name-addr form <...> (§20)");
		if (!memchr_c(u0, p, ':'))
			return fail(c, u0, EBADMSG,
				    "expected a URI (scheme ':') or name-addr");
		err = uri_parse_c(&a->uri, mkpl(u0, p), c);
		if (err)
			return err;
	}
	return params_parse(&p, end, a->params, &a->nparams, false, "address", c);
}

int sipaddr_parse(struct sipaddr *addr, struct pl s, struct sipmsg_err *err)
{
	struct ectx c = { NULL, s, PL("address"), NULL, err };
	struct sipaddr tmp;
	int e;

	if (!addr)
		return fail(&c, NULL, EINVAL, "invalid argument");
	e = addr_parse_c(&tmp, s, &c);
	if (!e)
		*addr = tmp;
	return e;
}

const struct sipparam *sipaddr_param(const struct sipaddr *addr, const char *name)
{
	if (!addr)
		return NULL;
	return gparam_find(addr->params, addr->nparams, name);
}

/* ---- Via (§20.42) -------------------------------------------------------- */

static int via_parse_c(struct sipvia *v, struct pl s, const struct ectx *c)
{
	const char *p, *end, *t0, *a, *b;
	int err;
	size_t i;
	bool v6;

	memset(v, 0, sizeof(*v));
	s = pl_trim(s);
	v->raw = s;
	if (!s.p || s.l == 0)
		return fail(c, s.p, EBADMSG, "empty Via value");
	p = s.p;
	end = pl_end(s);
	/* sent-protocol = protocol-name SLASH protocol-version SLASH transport */
	a = token_end(p, end);
	if (a == p)
		return fail(c, p, EBADMSG, "malformed sent-protocol (expected SIP/2.0/transport)");
	b = skip_lws(a, end);
	if (b == end || *b != '/')
		return fail(c, b, EBADMSG, "malformed sent-protocol: expected '/'");
	b = skip_lws(b + 1, end);
	a = token_end(b, end);
	if (a == b)
		return fail(c, b, EBADMSG, "malformed sent-protocol: missing version");
	b = skip_lws(a, end);
	if (b == end || *b != '/')
		return fail(c, b, EBADMSG, "malformed sent-protocol: expected '/' before transport");
	t0 = skip_lws(b + 1, end);
	a = token_end(t0, end);
	if (a == t0)
		return fail(c, t0, EBADMSG, "malformed sent-protocol: missing transport");
	v->proto = mkpl(p, a);
	v->transport = mkpl(t0, a);
	if (a == end || !is_lws((unsigned char)*a))
		return fail(c, a, EBADMSG, "expected LWS between sent-protocol and sent-by");
	p = skip_lws(a, end);
	err = hostport_parse(&p, end, &v->host, &v6, &v->port, &v->portnum,
			     &v->has_port, true, c);
	if (err)
		return err;
	err = params_parse(&p, end, v->params, &v->nparams, true, "sent-by", c);
	if (err)
		return err;
	for (i = 0; i < v->nparams; i++) {
		struct sipparam *prm = &v->params[i];
		uint32_t n;

		if (pl_caseeq_str(prm->name, "branch")) {
			if (!prm->has_val || !sip_is_token(prm->val))
				return fail(c, prm->name.p, EBADMSG,
					    "branch parameter needs a token value");
			v->branch = prm->val;
		} else if (pl_caseeq_str(prm->name, "received")) {
			struct pl r = prm->val;
			bool ok = prm->has_val &&
				  (ipv4_ok(r.p, r.l) || ipv6_ok(r.p, r.l) ||
				   (r.l > 2 && r.p[0] == '[' && r.p[r.l - 1] == ']' &&
				    ipv6_ok(r.p + 1, r.l - 2)));

			if (!ok)
				return fail(c, prm->name.p, EBADMSG,
					    "received parameter must be an IPv4 or IPv6 address");
			v->received = r;
			v->has_received = true;
		} else if (pl_caseeq_str(prm->name, "rport")) {
			if (prm->has_val && (pl_u32(prm->val, &n) || n > 65535))
				return fail(c, prm->val.p, EBADMSG,
					    "rport value must be a port number (RFC 3581)");
			v->rport = prm->val;
			v->has_rport = true;
		} else if (pl_caseeq_str(prm->name, "ttl")) {
			if (!prm->has_val || pl_u32(prm->val, &n) || n > 255)
				return fail(c, prm->name.p, EBADMSG,
					    "ttl parameter must be 0..255");
		} else if (pl_caseeq_str(prm->name, "maddr")) {
			if (!prm->has_val || !host_ok(prm->val))
				return fail(c, prm->name.p, EBADMSG,
					    "maddr parameter must be a host");
		} else if (prm->has_val && memchr(prm->val.p, ':', prm->val.l) &&
			   prm->val.p[0] != '[' && prm->val.p[0] != '"') {
			return fail(c, prm->val.p, EBADMSG,
				    "invalid ':' in value of parameter '%.*s'",
				    PL_FMT(prm->name));
		}
	}
	return 0;
}

int sipvia_parse(struct sipvia *via, struct pl s, struct sipmsg_err *err)
{
	struct ectx c = { NULL, s, PL("Via"), NULL, err };
	struct sipvia tmp;
	int e;

	if (!via)
		return fail(&c, NULL, EINVAL, "invalid argument");
	e = via_parse_c(&tmp, s, &c);
	if (!e)
		*via = tmp;
	return e;
}

/* ---- header lookup and list splitting ------------------------------------ */

const struct siphdr *sipmsg_hdr(const struct sipmsg *msg, enum siphdr_id id)
{
	size_t i;

	if (!msg)
		return NULL;
	for (i = 0; i < msg->nhdrs; i++)
		if (msg->hdrs[i].id == id)
			return &msg->hdrs[i];
	return NULL;
}

const struct siphdr *sipmsg_hdr_name(const struct sipmsg *msg, const char *name)
{
	struct pl n = pl_from(name);
	enum siphdr_id id = siphdr_lookup(n);
	size_t i;

	if (!msg || !name)
		return NULL;
	if (id != SIPHDR_OTHER)
		return sipmsg_hdr(msg, id);
	for (i = 0; i < msg->nhdrs; i++)
		if (msg->hdrs[i].id == SIPHDR_OTHER &&
		    pl_caseeq(msg->hdrs[i].name, n))
			return &msg->hdrs[i];
	return NULL;
}

size_t sipmsg_hdr_count(const struct sipmsg *msg, enum siphdr_id id)
{
	size_t i, n = 0;

	if (!msg)
		return 0;
	for (i = 0; i < msg->nhdrs; i++)
		if (msg->hdrs[i].id == id)
			n++;
	return n;
}

/*
 * Next comma-separated element of a row value (§7.3.1): commas inside
 * quoted strings and <...> do not split.  *pp is NULL after the last
 * element.  @return 0, ENOENT when done, EBADMSG.
 */
static int elem_next(const char **pp, const char *end, struct pl *out,
		     const struct ectx *c)
{
	const char *p = *pp, *start, *q = NULL, *lt = NULL;

	if (!p)
		return ENOENT;
	start = p;
	for (; p < end; p++) {
		if (q) {
			if (*p == '\\') {
				if (p + 1 < end)
					p++;
			} else if (*p == '"') {
				q = NULL;
			}
			continue;
		}
		if (lt) {
			if (*p == '>')
				lt = NULL;
			continue;
		}
		if (*p == '"')
			q = p;
		else if (*p == '<')
			lt = p;
		else if (*p == ',')
			break;
	}
	if (q)
		return fail(c, q, EBADMSG, "unterminated quoted string");
	if (lt)
		return fail(c, lt, EBADMSG, "unterminated '<'");
	*out = pl_trim(mkpl(start, p));
	if (out->l == 0)
		return fail(c, p < end ? p : start, EBADMSG, "empty list element");
	*pp = p < end ? p + 1 : NULL;
	return 0;
}

/* Iterator over every element of every row with one id. */
struct elem_it {
	const struct sipmsg *msg;
	enum siphdr_id id;
	size_t row;
	const char *p;
	const char *end;
	const struct siphdr *hdr;
	size_t n;
	struct ectx c;
};

static void elem_it_init(struct elem_it *it, const struct sipmsg *msg,
			 enum siphdr_id id, struct sipmsg_err *err)
{
	memset(it, 0, sizeof(*it));
	it->msg = msg;
	it->id = id;
	it->c = id_ctx(msg, id, err);
}

/* @return 0 with *out set, ENOENT at the end, EBADMSG */
static int elem_it_next(struct elem_it *it, struct pl *out)
{
	int err;

	for (;;) {
		if (it->p) {
			err = elem_next(&it->p, it->end, out, &it->c);
			if (err)
				return err;
			if (++it->n > SIPMSG_MAX_ELEMS)
				return fail(&it->c, out->p, EBADMSG,
					    "more than %d list elements",
					    SIPMSG_MAX_ELEMS);
			return 0;
		}
		while (it->row < it->msg->nhdrs &&
		       it->msg->hdrs[it->row].id != it->id)
			it->row++;
		if (it->row >= it->msg->nhdrs)
			return ENOENT;
		it->hdr = &it->msg->hdrs[it->row++];
		it->c = hdr_ctx(it->msg, it->hdr, it->c.err);
		if (it->hdr->value.l == 0)
			continue;
		it->p = it->hdr->value.p;
		it->end = it->hdr->value.p + it->hdr->value.l;
	}
}

/* Grow *vp (elements of size sz) to hold n+1; bounded by SIPMSG_MAX_ELEMS. */
static int grow(void **vp, size_t *cap, size_t n, size_t sz)
{
	size_t nc;
	void *nv;

	if (n < *cap)
		return 0;
	nc = *cap ? *cap * 2 : 4;
	if (nc > SIPMSG_MAX_ELEMS + 1)
		nc = SIPMSG_MAX_ELEMS + 1;
	if (n >= nc)
		return ENOMEM;
	nv = realloc(*vp, nc * sz);
	if (!nv)
		return ENOMEM;
	*vp = nv;
	*cap = nc;
	return 0;
}

int sipmsg_hdr_elems(const struct sipmsg *msg, enum siphdr_id id,
		     struct siphdr_elem **elemsp, size_t *np,
		     struct sipmsg_err *err)
{
	struct elem_it it;
	struct siphdr_elem *v = NULL;
	size_t n = 0, cap = 0;
	struct pl e;
	int rc;

	if (!msg || !elemsp || !np)
		return EINVAL;
	elem_it_init(&it, msg, id, err);
	while ((rc = elem_it_next(&it, &e)) == 0) {
		rc = grow((void **)&v, &cap, n, sizeof(*v));
		if (rc)
			goto out;
		v[n].v = e;
		v[n].hdr = it.hdr;
		n++;
	}
	if (rc == ENOENT)
		rc = 0;
out:
	if (rc) {
		free(v);
		return rc;
	}
	if (n == 0) {
		free(v);
		v = NULL;
	}
	*elemsp = v;
	*np = n;
	return 0;
}

/* ---- structured accessors ------------------------------------------------ */

int sipmsg_contacts(const struct sipmsg *msg, struct sipaddr **vp, size_t *np,
		    struct sipmsg_err *err)
{
	struct elem_it it;
	struct sipaddr *v = NULL;
	size_t n = 0, cap = 0;
	struct pl e;
	int rc;
	const char *star = NULL;

	if (!msg || !vp || !np)
		return EINVAL;
	elem_it_init(&it, msg, SIPHDR_CONTACT, err);
	while ((rc = elem_it_next(&it, &e)) == 0) {
		rc = grow((void **)&v, &cap, n, sizeof(*v));
		if (rc)
			goto out;
		rc = addr_parse_c(&v[n], e, &it.c);
		if (rc)
			goto out;
		if (v[n].star)
			star = e.p;
		n++;
		if (star && n > 1) {
			rc = fail(&it.c, star ? star : e.p, EBADMSG,
				  "'*' must be the only Contact value (§10.2.2)");
			goto out;
		}
	}
	if (rc == ENOENT)
		rc = 0;
out:
	if (rc) {
		free(v);
		return rc;
	}
	if (n == 0) {
		free(v);
		v = NULL;
	}
	*vp = v;
	*np = n;
	return 0;
}

/* From / To: exactly one row, one value, not '*'. */
static int single_addr(const struct sipmsg *msg, enum siphdr_id id,
		       struct sipaddr *out, struct sipmsg_err *err)
{
	struct elem_it it;
	struct ectx c = id_ctx(msg, id, err);
	struct pl e, e2;
	const struct siphdr *h;
	struct sipaddr tmp;
	int rc;

	if (!msg || !out)
		return EINVAL;
	h = sipmsg_hdr(msg, id);
	if (!h)
		return fail(&c, NULL, ENOENT, "missing %s header", siphdr_name(id));
	c = hdr_ctx(msg, h, err);
	if (sipmsg_hdr_count(msg, id) > 1) {
		const struct siphdr *h2 = h + 1;

		while (h2->id != id)
			h2++;
		c = hdr_ctx(msg, h2, err);
		return fail(&c, h2->row.p, EBADMSG,
			    "duplicated single-value header");
	}
	elem_it_init(&it, msg, id, err);
	rc = elem_it_next(&it, &e);
	if (rc == ENOENT)
		return fail(&c, h->value.p, EBADMSG, "empty value");
	if (rc)
		return rc;
	rc = elem_it_next(&it, &e2);
	if (rc == 0) {
		if (!memchr(e.p, '<', e.l) && !memchr(e.p, ':', e.l))
			return fail(&it.c, pl_end(e), EBADMSG,
				    "unquoted ',' in display name (use a quoted-string)");
		return fail(&it.c, e2.p, EBADMSG, "more than one value");
	}
	if (rc != ENOENT)
		return rc;
	rc = addr_parse_c(&tmp, e, &it.c);
	if (rc)
		return rc;
	if (tmp.star)
		return fail(&it.c, e.p, EBADMSG, "'*' is only allowed in Contact");
	*out = tmp;
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

int sipmsg_vias(const struct sipmsg *msg, struct sipvia **vp, size_t *np,
		struct sipmsg_err *err)
{
	struct elem_it it;
	struct sipvia *v = NULL;
	size_t n = 0, cap = 0;
	struct pl e;
	int rc;

	if (!msg || !vp || !np)
		return EINVAL;
	elem_it_init(&it, msg, SIPHDR_VIA, err);
	while ((rc = elem_it_next(&it, &e)) == 0) {
		rc = grow((void **)&v, &cap, n, sizeof(*v));
		if (rc)
			goto out;
		rc = via_parse_c(&v[n], e, &it.c);
		if (rc)
			goto out;
		n++;
	}
	if (rc == ENOENT)
		rc = 0;
out:
	if (rc) {
		free(v);
		return rc;
	}
	if (n == 0) {
		free(v);
		v = NULL;
	}
	*vp = v;
	*np = n;
	return 0;
}

/* The one row of a single-valued header; ENOENT / EBADMSG (duplicate). */
static int single_row(const struct sipmsg *msg, enum siphdr_id id,
		      const struct siphdr **hp, struct ectx *c,
		      struct sipmsg_err *err)
{
	const struct siphdr *h = NULL;
	size_t i;

	*c = id_ctx(msg, id, err);
	for (i = 0; i < msg->nhdrs; i++) {
		if (msg->hdrs[i].id != id)
			continue;
		if (h) {
			*c = hdr_ctx(msg, &msg->hdrs[i], err);
			return fail(c, msg->hdrs[i].row.p, EBADMSG,
				    "duplicated single-value header");
		}
		h = &msg->hdrs[i];
	}
	if (!h)
		return fail(c, NULL, ENOENT, "missing %s header", siphdr_name(id));
	*c = hdr_ctx(msg, h, err);
	*hp = h;
	return 0;
}

/* 1*DIGIT <= 2^32-1 for the whole value of a single-valued header. */
static int single_u32(const struct sipmsg *msg, enum siphdr_id id,
		      uint32_t *out, struct sipmsg_err *err)
{
	const struct siphdr *h;
	struct ectx c;
	int rc;

	if (!msg || !out)
		return EINVAL;
	rc = single_row(msg, id, &h, &c, err);
	if (rc)
		return rc;
	if (h->value.l && h->value.p[0] == '-')
		return fail(&c, h->value.p, EBADMSG, "negative value");
	rc = pl_u32(h->value, out);
	if (rc == ERANGE)
		return fail(&c, h->value.p, EBADMSG, "value > 2^32-1");
	if (rc)
		return fail(&c, h->value.p, EBADMSG,
			    "value is not a number (1*DIGIT)");
	return 0;
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

	if (!msg || !out)
		return EINVAL;
	rc = single_row(msg, SIPHDR_CSEQ, &h, &c, err);
	if (rc)
		return rc;
	p = h->value.p;
	end = p + h->value.l;
	d = p;
	while (p < end && is_digit((unsigned char)*p))
		p++;
	if (p == d)
		return fail(&c, d, EBADMSG, "expected sequence number (1*DIGIT)");
	rc = pl_u32(mkpl(d, p), &n);
	if (rc)
		return fail(&c, d, EBADMSG, "sequence number > 2^32-1");
	if (p == end || !is_lws((unsigned char)*p))
		return fail(&c, p, EBADMSG, "expected LWS between number and Method");
	p = skip_lws(p, end);
	d = p;
	p = token_end(p, end);
	if (p == d)
		return fail(&c, d, EBADMSG, "missing Method");
	if (p != end)
		return fail(&c, p, EBADMSG, "invalid character %s in Method",
			    show(*p, sb));
	out->num = n;
	out->method = mkpl(d, p);
	return 0;
}

int sipmsg_callid(const struct sipmsg *msg, struct pl *out, struct sipmsg_err *err)
{
	const struct siphdr *h;
	struct ectx c;
	const char *p, *end, *at = NULL;
	int rc;
	char sb[8];

	if (!msg || !out)
		return EINVAL;
	rc = single_row(msg, SIPHDR_CALL_ID, &h, &c, err);
	if (rc)
		return rc;
	p = h->value.p;
	end = p + h->value.l;
	if (p == end)
		return fail(&c, p, EBADMSG, "empty Call-ID");
	for (; p < end; p++) {
		if (*p == '@' && !at && p != h->value.p && p + 1 < end) {
			at = p;
			continue;
		}
		if (!is_wordc((unsigned char)*p))
			return fail(&c, p, EBADMSG,
				    "invalid character %s in Call-ID (word [\"@\" word])",
				    show(*p, sb));
	}
	*out = h->value;
	return 0;
}

int sipmsg_allow(const struct sipmsg *msg, bool *present, struct pl **mp,
		 size_t *np, struct sipmsg_err *err)
{
	struct elem_it it;
	struct pl *v = NULL, e;
	size_t n = 0, cap = 0;
	int rc;

	if (!msg || !present || !mp || !np)
		return EINVAL;
	elem_it_init(&it, msg, SIPHDR_ALLOW, err);
	while ((rc = elem_it_next(&it, &e)) == 0) {
		if (!sip_is_token(e)) {
			const char *b = e.p;

			while (b < pl_end(e) && is_tokc((unsigned char)*b))
				b++;
			rc = fail(&it.c, b, EBADMSG,
				  "Method '%.*s' is not a token",
				  (int)(e.l > 40 ? 40 : e.l), e.p);
			goto out;
		}
		rc = grow((void **)&v, &cap, n, sizeof(*v));
		if (rc)
			goto out;
		v[n++] = e;
	}
	if (rc == ENOENT)
		rc = 0;
out:
	if (rc) {
		free(v);
		return rc;
	}
	if (n == 0) {
		free(v);
		v = NULL;
	}
	*present = sipmsg_hdr(msg, SIPHDR_ALLOW) != NULL;
	*mp = v;
	*np = n;
	return 0;
}

/* ---- message framing (§7) ------------------------------------------------ */

/* End of the line starting at p (before CRLF / LF); NULL if no LF. */
static const char *line_end(const char *p, const char *end, const char **next,
			    bool *bare_lf)
{
	const char *lf = memchr_c(p, end, '\n');

	if (!lf)
		return NULL;
	*next = lf + 1;
	if (lf > p && lf[-1] == '\r')
		return lf - 1;
	*bare_lf = true;
	return lf;
}

static bool version_ok(struct pl v)
{
	return pl_caseeq_str(v, "SIP/2.0");
}

static bool version_syntax(struct pl v)
{
	size_t i = 4, d;

	if (v.l < 7 || !pl_caseeq(mkpl(v.p, v.p + 4), PL("SIP/")))
		return false;
	for (d = 0; i < v.l && is_digit((unsigned char)v.p[i]); i++)
		d++;
	if (!d || i >= v.l || v.p[i] != '.')
		return false;
	for (i++, d = 0; i < v.l && is_digit((unsigned char)v.p[i]); i++)
		d++;
	return d && i == v.l;
}

static int check_version(struct pl v, const struct ectx *c)
{
	if (!version_syntax(v))
		return fail(c, v.p, EBADMSG, "malformed SIP-Version '%.*s'",
			    (int)(v.l > 20 ? 20 : v.l), v.p);
	if (!version_ok(v))
		return fail(c, v.p, EBADMSG,
			    "unsupported SIP-Version '%.*s' (only SIP/2.0; 505)",
			    (int)(v.l > 20 ? 20 : v.l), v.p);
	return 0;
}

static int parse_status_line(struct sipmsg *m, const char *p, const char *eol,
			     const struct ectx *c)
{
	const char *sp = memchr_c(p, eol, ' '), *d, *q;
	uint32_t code;
	int err;
	char sb[8];

	m->is_request = false;
	if (!sp)
		return fail(c, eol, EBADMSG, "expected SP after SIP-Version");
	m->version = mkpl(p, sp);
	err = check_version(m->version, c);
	if (err)
		return err;
	d = sp + 1;
	if (d < eol && is_wsp((unsigned char)*d))
		return fail(c, d, EBADMSG, "more than one SP between elements");
	q = d;
	while (q < eol && is_digit((unsigned char)*q))
		q++;
	if (q - d != 3)
		return fail(c, d, EBADMSG, "Status-Code '%.*s' is not 3 digits",
			    (int)(q - d > 20 ? 20 : q - d), d);
	pl_u32(mkpl(d, q), &code);
	if (code < 100 || code > 699)
		return fail(c, d, EBADMSG, "Status-Code %u out of range 100..699",
			    (unsigned)code);
	m->scode = (uint16_t)code;
	if (q == eol)
		return fail(c, q, EBADMSG, "missing SP after Status-Code");
	if (*q != ' ')
		return fail(c, q, EBADMSG, "expected SP after Status-Code, got %s",
			    show(*q, sb));
	for (d = q + 1; d < eol; d++)
		if (is_ctl((unsigned char)*d) && *d != '\t')
			return fail(c, d, EBADMSG,
				    "control character %s in Reason-Phrase",
				    show(*d, sb));
	m->reason = mkpl(q + 1, eol);
	return 0;
}

static int parse_request_line(struct sipmsg *m, const char *p, const char *eol,
			      const struct ectx *c)
{
	const char *q = token_end(p, eol), *u0, *ue, *v0, *x;
	struct ectx uc = *c;
	struct sipuri uri;
	int err;
	char sb[8];

	m->is_request = true;
	if (q == p)
		return fail(c, p, EBADMSG, "invalid Method (not a token): %s",
			    show(p < eol ? *p : ' ', sb));
	m->method = mkpl(p, q);
	if (q == eol || *q != ' ')
		return fail(c, q, EBADMSG, "expected SP after Method, got %s",
			    q == eol ? "end of line" : show(*q, sb));
	u0 = q + 1;
	if (u0 < eol && is_wsp((unsigned char)*u0))
		return fail(c, u0, EBADMSG,
			    "more than one SP between Method and Request-URI");
	ue = u0;
	while (ue < eol && *ue != ' ')
		ue++;
	if (ue == u0)
		return fail(c, u0, EBADMSG, "missing Request-URI");
	m->ruri = mkpl(u0, ue);
	if (ue == eol)
		return fail(c, ue, EBADMSG, "missing SP SIP-Version after Request-URI");
	v0 = ue + 1;
	x = memchr_c(v0, eol, ' ');
	if (v0 < eol && *v0 == ' ')
		return fail(c, v0, EBADMSG,
			    "more than one SP between Request-URI and SIP-Version");
	if (x) {
		/* either trailing SP after the version or SP inside the URI */
		const char *t = x;

		while (t < eol && is_wsp((unsigned char)*t))
			t++;
		if (t == eol)
			return fail(c, x, EBADMSG,
				    "trailing whitespace after SIP-Version");
		return fail(c, ue, EBADMSG,
			    "whitespace inside Request-URI (LWS not allowed)");
	}
	m->version = mkpl(v0, eol);
	err = check_version(m->version, c);
	if (err)
		return err;
	for (x = m->ruri.p; x < ue; x++)
		if (is_ctl((unsigned char)*x) || (unsigned char)*x > 0x7e)
			return fail(c, x, EBADMSG,
				    "invalid character %s in Request-URI",
				    show(*x, sb));
	if (*u0 == '<')
		return fail(c, u0, EBADMSG,
			    "Request-URI must not be enclosed in '<' '>'");
	uc.sub = "Request-URI: ";
	return uri_parse_c(&uri, m->ruri, &uc);
}

/* Split a row into name and value and check value bytes (§7.3.1). */
static int parse_row(struct sipmsg *m, struct siphdr *h, struct sipmsg_err *err)
{
	struct ectx c = { m, PL_NULL, PL("header row"), NULL, err };
	const char *p = h->row.p, *end = h->row.p + h->row.l, *n, *q = NULL;
	const char *ls, *x;
	char sb[8];

	n = token_end(p, end);
	if (n == p)
		return fail(&c, p, EBADMSG, "invalid header name (not a token): %s",
			    show(*p, sb));
	h->name = mkpl(p, n);
	h->id = siphdr_lookup(h->name);
	x = skip_wsp(n, end);
	if (x == end || *x != ':')
		return fail(&c, n, EBADMSG, "expected ':' after header name '%.*s'",
			    (int)(h->name.l > 40 ? 40 : h->name.l), h->name.p);
	c = hdr_ctx(m, h, err);
	h->value = pl_trim(mkpl(x + 1, end));
	for (x = h->value.p; x < h->value.p + h->value.l; x++) {
		int ch = (unsigned char)*x;

		if (ch == '\r') {
			if (x + 1 >= end || x[1] != '\n')
				return fail(&c, x, EBADMSG, "bare CR in header value");
			continue;
		}
		if (ch == '\n')
			continue;
		if (q) {
			if (ch == '\\' && x + 1 < end && x[1] != '\r' && x[1] != '\n') {
				x++;
				continue;
			}
			if (ch == '"')
				q = NULL;
			else if (is_ctl(ch) && ch != '\t')
				return fail(&c, x, EBADMSG,
					    "control character %s in quoted string",
					    show(*x, sb));
			continue;
		}
		if (ch == '"')
			q = x;
		else if (is_ctl(ch) && ch != '\t')
			return fail(&c, x, EBADMSG,
				    "control character %s in header value",
				    show(*x, sb));
	}
	/* column of the value, relative to its own (possibly folded) line */
	ls = h->row.p;
	for (x = h->row.p; x < h->value.p; x++)
		if (*x == '\n')
			ls = x + 1;
	h->col = (size_t)(h->value.p - ls) + 1;
	return 0;
}

static int clen_frame(struct sipmsg *m, const char *body, const char *end,
		      struct sipmsg_err *err)
{
	const struct siphdr *h = NULL;
	struct ectx c;
	uint32_t n = 0;
	size_t i, avail = (size_t)(end - body);
	int rc;

	for (i = 0; i < m->nhdrs; i++) {
		if (m->hdrs[i].id != SIPHDR_CONTENT_LENGTH)
			continue;
		if (h) {
			c = hdr_ctx(m, &m->hdrs[i], err);
			return fail(&c, m->hdrs[i].row.p, EBADMSG,
				    "duplicated Content-Length (framing ambiguous)");
		}
		h = &m->hdrs[i];
	}
	if (!h) {
		m->flags |= SIPMSG_F_NO_CLEN;
		m->body = mkpl(body, end);
		m->raw.l = (size_t)(end - m->raw.p);
		return 0;
	}
	c = hdr_ctx(m, h, err);
	if (h->value.l && h->value.p[0] == '-')
		return fail(&c, h->value.p, EBADMSG, "negative value");
	rc = pl_u32(h->value, &n);
	if (rc == ERANGE)
		return fail(&c, h->value.p, EBADMSG, "value > 2^32-1");
	if (rc)
		return fail(&c, h->value.p, EBADMSG,
			    "value is not a number (1*DIGIT)");
	if (n > avail)
		return fail(&c, h->value.p, ENODATA,
			    "%u octets announced, only %zu present (larger than message)",
			    (unsigned)n, avail);
	if (n < avail)
		m->flags |= SIPMSG_F_TRAILING_BYTES;
	m->body = mkpl(body, body + n);
	m->raw.l = (size_t)(body + n - m->raw.p);
	return 0;
}

int sipmsg_parse(struct sipmsg **msgp, const char *buf, size_t len,
		 struct sipmsg_err *err)
{
	struct sipmsg *m = NULL;
	struct ectx c = { NULL, PL_NULL, PL("start line"), NULL, err };
	const char *p, *end, *eol, *next = NULL, *body;
	size_t cap = 0, i, line = 2;
	bool bare = false;
	int rc;

	if (err)
		memset(err, 0, sizeof(*err));
	if (!msgp || (!buf && len))
		return fail(&c, NULL, EINVAL, "invalid argument");
	m = calloc(1, sizeof(*m));
	if (!m)
		return ENOMEM;
	c.msg = m;
	p = buf ? buf : "";
	end = p + len;
	/* §7.5: ignore CRLFs before the start line */
	while (p < end && (*p == '\r' || *p == '\n'))
		p++;
	m->raw = mkpl(p, end);
	if (p == end) {
		rc = fail(&c, p, ENODATA, "empty message");
		goto out;
	}
	eol = line_end(p, end, &next, &bare);
	if (!eol) {
		rc = fail(&c, end, ENODATA, "truncated (no CRLF after start line)");
		goto out;
	}
	m->start_line = mkpl(p, eol);
	if (eol - p >= 4 && pl_caseeq(mkpl(p, p + 4), PL("SIP/")))
		rc = parse_status_line(m, p, eol, &c);
	else
		rc = parse_request_line(m, p, eol, &c);
	if (rc)
		goto out;
	p = next;
	c.label = PL("header row");
	for (;;) {
		if (p == end) {
			m->flags |= SIPMSG_F_NO_BLANK_LINE;
			body = end;
			break;
		}
		eol = line_end(p, end, &next, &bare);
		if (!eol) {
			rc = fail(&c, p, ENODATA,
				  "truncated (no CRLF at end of line)");
			goto out;
		}
		if (eol == p) {
			body = next;
			break;
		}
		if (is_wsp((unsigned char)*p)) {
			if (m->nhdrs == 0) {
				rc = fail(&c, p, EBADMSG,
					  "continuation line before any header");
				goto out;
			}
			m->hdrs[m->nhdrs - 1].row.l =
				(size_t)(eol - m->hdrs[m->nhdrs - 1].row.p);
			m->flags |= SIPMSG_F_FOLDED;
		} else {
			if (m->nhdrs >= SIPMSG_MAX_HDRS) {
				rc = fail(&c, p, EBADMSG,
					  "more than %d header rows",
					  SIPMSG_MAX_HDRS);
				goto out;
			}
			if (m->nhdrs == cap) {
				size_t nc = cap ? cap * 2 : 16;
				struct siphdr *nh;

				nh = realloc(m->hdrs, nc * sizeof(*nh));
				if (!nh) {
					rc = ENOMEM;
					goto out;
				}
				m->hdrs = nh;
				cap = nc;
			}
			memset(&m->hdrs[m->nhdrs], 0, sizeof(m->hdrs[0]));
			m->hdrs[m->nhdrs].row = mkpl(p, eol);
			m->hdrs[m->nhdrs].line = line;
			m->nhdrs++;
		}
		line++;
		p = next;
	}
	for (i = 0; i < m->nhdrs; i++) {
		rc = parse_row(m, &m->hdrs[i], err);
		if (rc)
			goto out;
	}
	rc = clen_frame(m, body, end, err);
	if (rc)
		goto out;
	if (bare)
		m->flags |= SIPMSG_F_BARE_LF;
out:
	if (rc) {
		m = sipmsg_free(m);
		return rc;
	}
	*msgp = m;
	return 0;
}

struct sipmsg *sipmsg_free(struct sipmsg *msg)
{
	if (msg) {
		free(msg->hdrs);
		free(msg);
	}
	return NULL;
}

/* ---- validation ---------------------------------------------------------- */

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (§20.10) */
static bool qvalue_ok(struct pl v)
{
	size_t i;

	if (v.l == 0 || (v.p[0] != '0' && v.p[0] != '1'))
		return false;
	if (v.l == 1)
		return true;
	if (v.p[1] != '.' || v.l > 5)
		return false;
	for (i = 2; i < v.l; i++)
		if (!is_digit((unsigned char)v.p[i]) ||
		    (v.p[0] == '1' && v.p[i] != '0'))
			return false;
	return true;
}

static int validate_addrs(const struct sipmsg *msg, enum siphdr_id id,
			  struct sipmsg_err *err)
{
	struct elem_it it;
	struct pl e;
	struct sipaddr *a;
	int rc;

	a = malloc(sizeof(*a));
	if (!a)
		return ENOMEM;
	elem_it_init(&it, msg, id, err);
	while ((rc = elem_it_next(&it, &e)) == 0) {
		rc = addr_parse_c(a, e, &it.c);
		if (rc)
			break;
		if (!a->name_addr) {
			rc = fail(&it.c, e.p, EBADMSG,
				  "%s values must be in name-addr form <...>",
				  siphdr_name(id));
			break;
		}
	}
	free(a);
	return rc == ENOENT ? 0 : rc;
}

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
		struct ectx c = id_ctx(msg, SIPHDR_CONTACT, err);
		uint32_t x;

		p = sipaddr_param(&v[i], "expires");
		if (p) {
			int r = p->has_val ? pl_u32(p->val, &x) : EINVAL;

			if (r == ERANGE) {
				rc = fail(&c, p->val.p, EBADMSG,
					  "expires parameter > 2^32-1");
				break;
			}
			if (r) {
				rc = fail(&c, p->name.p, EBADMSG,
					  "expires parameter must be delta-seconds");
				break;
			}
		}
		p = sipaddr_param(&v[i], "q");
		if (p && (!p->has_val || !qvalue_ok(p->val))) {
			rc = fail(&c, p->name.p, EBADMSG,
				  "q parameter must be a qvalue (0..1, 3 decimals)");
			break;
		}
	}
	free(v);
	return rc;
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
	if (msg->is_request) {
		struct sipuri ru;

		c.sub = "Request-URI: ";
		rc = uri_parse_c(&ru, msg->ruri, &c);
		if (rc)
			return rc;
		if (ru.is_sip && ru.headers.p)
			return fail(&c, ru.headers.p - 1, EBADMSG,
				    "headers ('?') not allowed in a Request-URI (§19.1.1)");
		c.sub = NULL;
	}
	for (i = 0; i < sizeof(mandatory) / sizeof(mandatory[0]); i++) {
		if (!sipmsg_hdr(msg, mandatory[i])) {
			const char *at = msg->nhdrs ?
				msg->hdrs[msg->nhdrs - 1].row.p +
				msg->hdrs[msg->nhdrs - 1].row.l : msg->start_line.p;

			c.label = pl_from(siphdr_name(mandatory[i]));
			return fail(&c, at, EBADMSG,
				    "missing mandatory header %s (§8.1.1)",
				    siphdr_name(mandatory[i]));
		}
	}
	for (i = 0; i < sizeof(single) / sizeof(single[0]); i++) {
		struct ectx hc;

		if (sipmsg_hdr_count(msg, single[i]) > 1) {
			rc = single_row(msg, single[i], &h, &hc, err);
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
		c = hdr_ctx(msg, h, err);
		return fail(&c, cs.method.p, EBADMSG,
			    "CSeq method '%.*s' does not match Request-Line method '%.*s' (§8.1.1.5)",
			    (int)(cs.method.l > 30 ? 30 : cs.method.l), cs.method.p,
			    (int)(msg->method.l > 30 ? 30 : msg->method.l),
			    msg->method.p);
	}
	h = sipmsg_hdr(msg, SIPHDR_MAX_FORWARDS);
	if (h && pl_u32(h->value, &u)) {
		c = hdr_ctx(msg, h, err);
		return fail(&c, h->value.p, EBADMSG,
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
