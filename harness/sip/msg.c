/*
 * msg.c - SIP message framing and the header index (RFC 3261 §7, §25.1).
 *
 * Grammar implemented (LWS = [*WSP CRLF] 1*WSP, SWS = [LWS];
 * HCOLON = *( SP / HTAB ) ":" SWS):
 *
 *   SIP-message   = *CRLF start-line *message-header CRLF [ message-body ]
 *                   (leading CRLFs skipped, §7.5)
 *   start-line    = Request-Line / Status-Line
 *   Request-Line  = Method SP Request-URI SP SIP-Version CRLF
 *                   (Method = token; Request-URI: uri.c; exactly one SP
 *                   each, no '<' '>' around the URI)
 *   Status-Line   = SIP-Version SP Status-Code SP Reason-Phrase CRLF
 *   SIP-Version   = "SIP" "/" 1*DIGIT "." 1*DIGIT; only "SIP/2.0" is
 *                   accepted (other versions: EBADMSG, the 505 case)
 *   Status-Code   = 3DIGIT, 100..699
 *   Reason-Phrase = any bytes except CTLs (HTAB allowed); UTF-8 not
 *                   validated, printable ASCII beyond the ABNF tolerated
 *   message-header= header-name HCOLON header-value CRLF
 *                   header-name = token (hdr.c); continuation lines start
 *                   with SP/HTAB (§7.3.1).  CTLs in a value are faults
 *                   except after '\' inside a quoted string (quoted-pair).
 *   Content-Length frames the body; at most one row; a missing
 *   Content-Length makes the body the rest of the buffer.
 *
 * Framing and grammar (what fails the parse, what does not):
 *   - The parse fails (EBADMSG / ENODATA) only when the message cannot be
 *     delimited or identified: a bad start line, a line without LF, more
 *     rows than the limit, Content-Length malformed, duplicated, larger
 *     than the message, or on a row with a fault.
 *   - A row that breaks message-header (enum siphdr_fault: no token at
 *     the start, no HCOLON, a CTL or bare CR in the value, folding before
 *     any header) is kept with its fault and byte (h->fault, h->fault_at);
 *     msg->nfaults counts them.  The row still counts as a row of the
 *     header its name names (presence, evidence), but every accessor that
 *     reads a value fails on it with the fault (sipmsg_hdr_single, the
 *     list elements below), and sipmsg_validate() reports the first one.
 *     So a malformed answer is judged on the rows that parse, and the
 *     fault itself becomes a verdict.
 *
 * Header values are split into list elements here (§7.3.1):
 *   header-value  = element *( COMMA element ), COMMA = SWS "," SWS;
 *                   commas inside a quoted-string (param.c) or <...> do
 *                   not split; an empty element is an error.
 *
 * Hard limits (EBADMSG beyond, with the limit named in err->what):
 *   - at most SIPMSG_MAX_HDRS (1024) header rows per message;
 *   - at most SIPMSG_MAX_ELEMS (1024) list elements per header id;
 *   - Content-Length at most 2^32-1.
 *
 * Decisions documented here:
 *   - A message ending right after a header row's CRLF without the empty
 *     line is accepted with SIPMSG_F_NO_BLANK_LINE; one ending inside a
 *     line is ENODATA (truncated).
 *   - Bare LF line ends are tolerated (SIPMSG_F_BARE_LF), a bare CR in a
 *     value is not.
 */
#include "sip/sip_impl.h"

#include <errno.h>
#include <stdlib.h>

#define SIPMSG_MAX_HDRS 1024
#define SIPMSG_MAX_ELEMS 1024

void sipmsg_pos(const struct sipmsg *msg, const char *at, size_t *line,
		size_t *col)
{
	size_t l = 0, c = 0;

	if (msg)
		ectx_pos(msg->raw.p, msg->raw.l, at, &l, &c);
	if (line)
		*line = l;
	if (col)
		*col = c;
}

/* ---- message framing (§7) ------------------------------------------------ */

/* End of the line starting at p (before CRLF / LF); NULL if no LF. */
static const char *line_end(const char *p, const char *end, const char **next,
			    bool *bare_lf)
{
	const char *lf = sip_memchr(p, end, '\n');

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

	if (v.l < 7 || !pl_caseeq(sip_pl(v.p, v.p + 4), PL("SIP/")))
		return false;
	for (d = 0; i < v.l && chars_is_digit((unsigned char)v.p[i]); i++)
		d++;
	if (!d || i >= v.l || v.p[i] != '.')
		return false;
	for (i++, d = 0; i < v.l && chars_is_digit((unsigned char)v.p[i]); i++)
		d++;
	return d && i == v.l;
}

static int check_version(struct pl v, const struct ectx *c)
{
	if (!version_syntax(v))
		return ectx_fail(c, v.p, EBADMSG, "malformed SIP-Version '%.*s'",
			    (int)(v.l > 20 ? 20 : v.l), v.p);
	if (!version_ok(v))
		return ectx_fail(c, v.p, EBADMSG,
			    "unsupported SIP-Version '%.*s' (only SIP/2.0; 505)",
			    (int)(v.l > 20 ? 20 : v.l), v.p);
	return 0;
}

static int parse_status_line(struct sipmsg *m, const char *p, const char *eol,
			     const struct ectx *c)
{
	const char *sp = sip_memchr(p, eol, ' '), *d, *q;
	uint32_t code;
	int err;
	char sb[8];

	m->is_request = false;
	if (!sp)
		return ectx_fail(c, eol, EBADMSG, "expected SP after SIP-Version");
	m->version = sip_pl(p, sp);
	err = check_version(m->version, c);
	if (err)
		return err;
	d = sp + 1;
	if (d < eol && chars_is_wsp((unsigned char)*d))
		return ectx_fail(c, d, EBADMSG, "more than one SP between elements");
	q = d;
	while (q < eol && chars_is_digit((unsigned char)*q))
		q++;
	if (q - d != 3)
		return ectx_fail(c, d, EBADMSG, "Status-Code '%.*s' is not 3 digits",
			    (int)(q - d > 20 ? 20 : q - d), d);
	pl_u32(sip_pl(d, q), &code);
	if (code < 100 || code > 699)
		return ectx_fail(c, d, EBADMSG, "Status-Code %u out of range 100..699",
			    (unsigned)code);
	m->scode = (uint16_t)code;
	if (q == eol)
		return ectx_fail(c, q, EBADMSG, "missing SP after Status-Code");
	if (*q != ' ')
		return ectx_fail(c, q, EBADMSG, "expected SP after Status-Code, got %s",
			    ectx_show(*q, sb));
	for (d = q + 1; d < eol; d++)
		if (chars_is_ctl((unsigned char)*d) && *d != '\t')
			return ectx_fail(c, d, EBADMSG,
				    "control character %s in Reason-Phrase",
				    ectx_show(*d, sb));
	m->reason = sip_pl(q + 1, eol);
	return 0;
}

static int parse_request_line(struct sipmsg *m, const char *p, const char *eol,
			      const struct ectx *c)
{
	const char *q = sip_token_end(p, eol), *u0, *ue, *v0, *x;
	struct ectx uc = *c;
	struct sipuri uri;
	int err;
	char sb[8];

	m->is_request = true;
	if (q == p)
		return ectx_fail(c, p, EBADMSG, "invalid Method (not a token): %s",
			    ectx_show(p < eol ? *p : ' ', sb));
	m->method = sip_pl(p, q);
	if (q == eol || *q != ' ')
		return ectx_fail(c, q, EBADMSG, "expected SP after Method, got %s",
			    q == eol ? "end of line" : ectx_show(*q, sb));
	u0 = q + 1;
	if (u0 < eol && chars_is_wsp((unsigned char)*u0))
		return ectx_fail(c, u0, EBADMSG,
			    "more than one SP between Method and Request-URI");
	ue = u0;
	while (ue < eol && *ue != ' ')
		ue++;
	if (ue == u0)
		return ectx_fail(c, u0, EBADMSG, "missing Request-URI");
	m->ruri = sip_pl(u0, ue);
	if (ue == eol)
		return ectx_fail(c, ue, EBADMSG, "missing SP SIP-Version after Request-URI");
	v0 = ue + 1;
	x = sip_memchr(v0, eol, ' ');
	if (v0 < eol && *v0 == ' ')
		return ectx_fail(c, v0, EBADMSG,
			    "more than one SP between Request-URI and SIP-Version");
	if (x) {
		/* either trailing SP after the version or SP inside the URI */
		const char *t = x;

		while (t < eol && chars_is_wsp((unsigned char)*t))
			t++;
		if (t == eol)
			return ectx_fail(c, x, EBADMSG,
				    "trailing whitespace after SIP-Version");
		return ectx_fail(c, ue, EBADMSG,
			    "whitespace inside Request-URI (LWS not allowed)");
	}
	m->version = sip_pl(v0, eol);
	err = check_version(m->version, c);
	if (err)
		return err;
	for (x = m->ruri.p; x < ue; x++)
		if (chars_is_ctl((unsigned char)*x) || (unsigned char)*x > 0x7e)
			return ectx_fail(c, x, EBADMSG,
				    "invalid character %s in Request-URI",
				    ectx_show(*x, sb));
	if (*u0 == '<')
		return ectx_fail(c, u0, EBADMSG,
			    "Request-URI must not be enclosed in '<' '>'");
	uc.sub = "Request-URI: ";
	return sipuri_parse_ctx(&uri, m->ruri, &uc);
}

/* ---- header rows (§7.3.1): grammar faults are kept, not fatal ---------------- */

/*
 * 256-entry byte tables for the two loops that see every value byte:
 * MSG_TAB(F) lists F(0) .. F(255), so each table is written as the
 * predicate it stands for.
 */
#define MSG_T4(F, c) F(c), F((c) + 1), F((c) + 2), F((c) + 3)
#define MSG_T16(F, c) MSG_T4(F, c), MSG_T4(F, (c) + 4), MSG_T4(F, (c) + 8), MSG_T4(F, (c) + 12)
#define MSG_T64(F, c) MSG_T16(F, c), MSG_T16(F, (c) + 16), MSG_T16(F, (c) + 32), MSG_T16(F, (c) + 48)
#define MSG_TAB(F) { MSG_T64(F, 0), MSG_T64(F, 64), MSG_T64(F, 128), MSG_T64(F, 192) }

/* row_scan: a printable byte that opens or closes nothing (not '"', '\\') */
#define MSG_PLAIN(c) ((c) >= 0x20 && (c) != 0x7f && (c) != '"' && (c) != '\\')
static const bool msg_plain[256] = MSG_TAB(MSG_PLAIN);

/* elem_next: a byte that neither ends an element nor opens '"' or '<' */
#define MSG_ELEM(c) ((c) != ',' && (c) != '"' && (c) != '<')
static const bool msg_elem[256] = MSG_TAB(MSG_ELEM);

/* Past the bytes of [p, end) that tab admits; eight at a time while it can. */
static inline const char *msg_span(const char *p, const char *end,
				   const bool tab[256])
{
	const unsigned char *u = (const unsigned char *)p;

	while (end - (const char *)u >= 8 &&
	       (tab[u[0]] & tab[u[1]] & tab[u[2]] & tab[u[3]] &
		tab[u[4]] & tab[u[5]] & tab[u[6]] & tab[u[7]]))
		u += 8;
	while ((const char *)u < end && tab[*u])
		u++;
	return (const char *)u;
}

/*
 * Split a row into name and value and check the value bytes (§7.3.1).
 * The first byte that breaks the grammar marks the row (h->fault,
 * h->fault_at) and ends the scan; the words come later, from
 * sipmsg_fault_err(), so that a clean message pays nothing for them.
 * A FOLD row was marked when it was cut and is not scanned.
 */
static void row_scan(struct siphdr *h)
{
	const char *p = h->row.p, *end = pl_end(h->row), *n, *q = NULL;
	const char *ls, *x, *vend;

	h->value = sip_pl(end, end);
	if (h->fault)
		goto col;
	n = sip_token_end(p, end);
	if (n == p) {
		h->fault = SIPHDR_FAULT_NAME;
		h->fault_at = p;
		goto col;
	}
	h->name = sip_pl(p, n);
	h->id = siphdr_lookup(h->name);
	x = sip_skip_wsp(n, end);
	if (x == end || *x != ':') {
		h->fault = SIPHDR_FAULT_HCOLON;
		h->fault_at = n;
		goto col;
	}
	h->value = pl_trim(sip_pl(x + 1, end));
	vend = pl_end(h->value);
	for (x = h->value.p; x < vend; x++) {
		int ch;

		/* the common case first: printable bytes that open or close nothing */
		x = msg_span(x, vend, msg_plain);
		if (x == vend)
			break;
		ch = (unsigned char)*x;
		if (ch == '\\' && !q)
			continue;
		if (ch == '\r') {
			if (x + 1 >= end || x[1] != '\n') {
				h->fault = SIPHDR_FAULT_CR;
				break;
			}
			continue;
		}
		if (ch == '\n' || ch == '\t')
			continue;
		if (ch == '"') {
			q = q ? NULL : x;
			continue;
		}
		if (ch == '\\') {
			/* quoted-pair: the next byte is taken as it is, but for CR/LF */
			if (x + 1 < end && x[1] != '\r' && x[1] != '\n')
				x++;
			continue;
		}
		h->fault = q ? SIPHDR_FAULT_QCTL : SIPHDR_FAULT_CTL;
		break;
	}
	if (h->fault)
		h->fault_at = x;
col:
	/* column of the value, relative to its own (possibly folded) line */
	ls = h->row.p;
	for (x = h->row.p; x < h->value.p; x++)
		if (*x == '\n')
			ls = x + 1;
	h->col = (size_t)(h->value.p - ls) + 1;
}

int sipmsg_fault_err(const struct sipmsg *msg, const struct siphdr *h,
		     struct sipmsg_err *err)
{
	struct ectx c = { msg, PL_NULL, PL("header row"), NULL, err };
	const char *at;
	char sb[8];

	if (!msg || !h)
		return EINVAL;
	at = h->fault_at;
	switch (h->fault) {
	case SIPHDR_FAULT_NONE:
		return 0;
	case SIPHDR_FAULT_FOLD:
		return ectx_fail(&c, at, EBADMSG, "continuation line before any header");
	case SIPHDR_FAULT_NAME:
		return ectx_fail(&c, at, EBADMSG, "invalid header name (not a token): %s",
				 ectx_show(*at, sb));
	case SIPHDR_FAULT_HCOLON:
		return ectx_fail(&c, at, EBADMSG, "expected ':' after header name '%.*s'",
				 (int)(h->name.l > 40 ? 40 : h->name.l), h->name.p);
	case SIPHDR_FAULT_CR:
	case SIPHDR_FAULT_CTL:
	case SIPHDR_FAULT_QCTL:
		break;
	}
	c = ectx_hdr(msg, h, err);
	if (h->fault == SIPHDR_FAULT_CR)
		return ectx_fail(&c, at, EBADMSG, "bare CR in header value");
	return ectx_fail(&c, at, EBADMSG, "control character %s in %s",
			 ectx_show(*at, sb), h->fault == SIPHDR_FAULT_QCTL ?
			 "quoted string" : "header value");
}

const struct siphdr *sipmsg_fault_next(const struct sipmsg *msg,
				       const struct siphdr *after)
{
	size_t i;

	if (!msg || !msg->nfaults)
		return NULL;
	for (i = after ? (size_t)(after - msg->hdrs) + 1 : 0; i < msg->nhdrs; i++)
		if (msg->hdrs[i].fault)
			return &msg->hdrs[i];
	return NULL;
}

/*
 * Scan every row; count the faults.  A fault in a Content-Length row
 * breaks the framing (the body cannot be delimited): EBADMSG with it.
 */
static int rows_scan(struct sipmsg *m, struct sipmsg_err *err)
{
	uint32_t last[SIPHDR__COUNT] = { 0 };
	size_t i;

	for (i = 0; i < m->nhdrs; i++) {
		struct siphdr *h = &m->hdrs[i];

		row_scan(h);
		/* the index of sipmsg_hdr_next(): rows of one id, linked in order */
		if (last[h->id])
			m->hdrs[last[h->id] - 1].next_same = (uint32_t)i + 1;
		else
			m->first[h->id] = (uint32_t)i + 1;
		last[h->id] = (uint32_t)i + 1;
		if (!h->fault)
			continue;
		if (h->id == SIPHDR_CONTENT_LENGTH)
			return sipmsg_fault_err(m, h, err);
		m->nfaults++;
	}
	return 0;
}

/* Body = the Content-Length octets after the empty line (§7.4.1, §18.3). */
static int clen_frame(struct sipmsg *m, const char *body, const char *end,
		      struct sipmsg_err *err)
{
	const struct siphdr *h = sipmsg_hdr(m, SIPHDR_CONTENT_LENGTH), *h2;
	struct ectx c;
	uint32_t n = 0;
	size_t avail = (size_t)(end - body);
	int rc;

	if (!h) {
		m->flags |= SIPMSG_F_NO_CLEN;
		m->body = sip_pl(body, end);
		m->raw.l = (size_t)(end - m->raw.p);
		return 0;
	}
	h2 = sipmsg_hdr_next(m, SIPHDR_CONTENT_LENGTH, h);
	if (h2) {
		c = ectx_hdr(m, h2, err);
		return ectx_fail(&c, h2->row.p, EBADMSG,
				 "duplicated Content-Length (framing ambiguous)");
	}
	c = ectx_hdr(m, h, err);
	rc = sipvalue_u32(h->value, &n, &c);
	if (rc)
		return rc;
	if (n > avail)
		return ectx_fail(&c, h->value.p, ENODATA,
				 "%u octets announced, only %zu present (larger than message)",
				 (unsigned)n, avail);
	if (n < avail)
		m->flags |= SIPMSG_F_TRAILING_BYTES;
	m->body = sip_pl(body, body + n);
	m->raw.l = (size_t)(body + n - m->raw.p);
	return 0;
}

int sipmsg_parse(struct sipmsg **msgp, const char *buf, size_t len,
		 struct sipmsg_err *err)
{
	struct sipmsg *m = NULL;
	struct ectx c = { NULL, PL_NULL, PL("start line"), NULL, err };
	const char *p, *end, *eol, *next = NULL, *body;
	size_t cap = 0, line = 2;
	bool bare = false;
	int rc;

	if (err)
		memset(err, 0, sizeof(*err));
	if (!msgp || (!buf && len))
		return ectx_fail(&c, NULL, EINVAL, "invalid argument");
	m = calloc(1, sizeof(*m));
	if (!m)
		return ENOMEM;
	c.msg = m;
	p = buf ? buf : "";
	end = p + len;
	/* §7.5: ignore CRLFs before the start line */
	while (p < end && (*p == '\r' || *p == '\n'))
		p++;
	m->raw = sip_pl(p, end);
	if (p == end) {
		rc = ectx_fail(&c, p, ENODATA, "empty message");
		goto out;
	}
	eol = line_end(p, end, &next, &bare);
	if (!eol) {
		rc = ectx_fail(&c, end, ENODATA, "truncated (no CRLF after start line)");
		goto out;
	}
	m->start_line = sip_pl(p, eol);
	if (eol - p >= 4 && pl_caseeq(sip_pl(p, p + 4), PL("SIP/")))
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
			rc = ectx_fail(&c, p, ENODATA,
				  "truncated (no CRLF at end of line)");
			goto out;
		}
		if (eol == p) {
			body = next;
			break;
		}
		if (chars_is_wsp((unsigned char)*p) && m->nhdrs > 0) {
			m->hdrs[m->nhdrs - 1].row.l =
				(size_t)(eol - m->hdrs[m->nhdrs - 1].row.p);
			m->flags |= SIPMSG_F_FOLDED;
		} else {
			if (m->nhdrs >= SIPMSG_MAX_HDRS) {
				rc = ectx_fail(&c, p, EBADMSG,
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
			m->hdrs[m->nhdrs].row = sip_pl(p, eol);
			m->hdrs[m->nhdrs].line = line;
			if (chars_is_wsp((unsigned char)*p)) {
				/* folding with nothing to fold into */
				m->hdrs[m->nhdrs].fault = SIPHDR_FAULT_FOLD;
				m->hdrs[m->nhdrs].fault_at = p;
			}
			m->nhdrs++;
		}
		line++;
		p = next;
	}
	rc = rows_scan(m, err);
	if (rc)
		goto out;
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
/* ---- header index ---------------------------------------------------------- */

const struct siphdr *sipmsg_hdr_next(const struct sipmsg *msg,
				     enum siphdr_id id,
				     const struct siphdr *after)
{
	size_t i;

	if (!msg || (unsigned)id >= SIPHDR__COUNT)
		return NULL;
	/* rows_scan() linked the rows of each id; other 'after's are scanned */
	if (!after)
		i = msg->first[id];
	else if (after->id == id)
		i = after->next_same;
	else {
		for (i = (size_t)(after - msg->hdrs) + 1; i < msg->nhdrs; i++)
			if (msg->hdrs[i].id == id)
				return &msg->hdrs[i];
		return NULL;
	}
	return i ? &msg->hdrs[i - 1] : NULL;
}

const struct siphdr *sipmsg_hdr(const struct sipmsg *msg, enum siphdr_id id)
{
	return sipmsg_hdr_next(msg, id, NULL);
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
	const struct siphdr *h = NULL;
	size_t n = 0;

	while ((h = sipmsg_hdr_next(msg, id, h)) != NULL)
		n++;
	return n;
}

int sipmsg_hdr_single(const struct sipmsg *msg, enum siphdr_id id,
		      const struct siphdr **hp, struct ectx *c,
		      struct sipmsg_err *err)
{
	const struct siphdr *h = sipmsg_hdr(msg, id), *h2;

	if (!msg)
		return EINVAL;
	*c = ectx_id(msg, id, err);
	/* a row of this header that breaks the grammar cannot be read */
	for (h2 = msg->nfaults ? h : NULL; h2; h2 = sipmsg_hdr_next(msg, id, h2))
		if (h2->fault)
			return sipmsg_fault_err(msg, h2, err);
	if (!h)
		return ectx_fail(c, NULL, ENOENT, "missing %s header",
				 siphdr_name(id));
	h2 = sipmsg_hdr_next(msg, id, h);
	if (h2) {
		*c = ectx_hdr(msg, h2, err);
		return ectx_fail(c, h2->row.p, EBADMSG,
				 "duplicated single-value header");
	}
	*c = ectx_hdr(msg, h, err);
	*hp = h;
	return 0;
}

/* ---- list elements (§7.3.1) ------------------------------------------------- */

/*
 * Next comma-separated element of a row value: commas inside quoted
 * strings and <...> do not split.  *pp is NULL after the last element.
 * @return 0, ENOENT when done, EBADMSG.
 */
static int elem_next(const char **pp, const char *end, struct pl *out,
		     const struct ectx *c)
{
	const char *p = *pp, *start, *q, *bad;

	if (!p)
		return ENOENT;
	start = p;
	for (;;) {
		p = msg_span(p, end, msg_elem);
		if (p == end || *p == ',')
			break;
		if (*p == '"') {
			/* only the end matters here: the value's parser judges it */
			q = sipparam_qs_end(p, end, &bad);
			if (!q)
				return ectx_fail(c, p, EBADMSG, "unterminated quoted string");
			p = q;
		} else if (*p == '<') {
			q = sip_memchr(p, end, '>');
			if (!q)
				return ectx_fail(c, p, EBADMSG, "unterminated '<'");
			p = q + 1;
		}
	}
	*out = pl_trim(sip_pl(start, p));
	if (out->l == 0)
		return ectx_fail(c, p < end ? p : start, EBADMSG, "empty list element");
	*pp = p < end ? p + 1 : NULL;
	return 0;
}

void sipmsg_elem_it_init(struct sipmsg_elem_it *it, const struct sipmsg *msg,
			 enum siphdr_id id, struct sipmsg_err *err)
{
	memset(it, 0, sizeof(*it));
	it->msg = msg;
	it->id = id;
	it->c = ectx_id(msg, id, err);
}

int sipmsg_elem_it_next(struct sipmsg_elem_it *it, struct pl *out)
{
	int err;

	for (;;) {
		if (it->p) {
			err = elem_next(&it->p, it->end, out, &it->c);
			if (err)
				return err;
			if (++it->n > SIPMSG_MAX_ELEMS)
				return ectx_fail(&it->c, out->p, EBADMSG,
						 "more than %d list elements",
						 SIPMSG_MAX_ELEMS);
			return 0;
		}
		it->hdr = sipmsg_hdr_next(it->msg, it->id, it->hdr);
		if (!it->hdr)
			return ENOENT;
		it->c = ectx_hdr(it->msg, it->hdr, it->c.err);
		if (it->hdr->fault)
			return sipmsg_fault_err(it->msg, it->hdr, it->c.err);
		if (it->hdr->value.l == 0)
			continue;
		it->p = it->hdr->value.p;
		it->end = it->hdr->value.p + it->hdr->value.l;
	}
}

/* Grow *vp (elements of size sz) to hold n+1; bounded by SIPMSG_MAX_ELEMS. */
static int grow(char **vp, size_t *cap, size_t n, size_t sz)
{
	size_t nc;
	char *nv;

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

int sipmsg_elems_collect(const struct sipmsg *msg, enum siphdr_id id,
			 size_t sz, sipmsg_elem_fn fn, void *arg, void **vp,
			 size_t *np, struct sipmsg_err *err)
{
	struct sipmsg_elem_it it;
	char *v = NULL;
	size_t n = 0, cap = 0;
	struct pl e;
	int rc;

	sipmsg_elem_it_init(&it, msg, id, err);
	for (;;) {
		rc = sipmsg_elem_it_next(&it, &e);
		if (rc == ENOENT) {
			rc = 0;
			break;
		}
		if (!rc)
			rc = grow(&v, &cap, n, sz);
		if (!rc)
			rc = fn(v + n * sz, n, e, &it, arg);
		if (rc)
			break;
		n++;
	}
	if (rc || n == 0) {
		free(v);
		v = NULL;
	}
	if (rc)
		return rc;
	*vp = v;
	*np = n;
	return 0;
}

static int elem_slot(void *slot, size_t i, struct pl e,
		     const struct sipmsg_elem_it *it, void *arg)
{
	struct siphdr_elem *x = slot;

	(void)i;
	(void)arg;
	x->v = e;
	x->hdr = it->hdr;
	return 0;
}

int sipmsg_hdr_elems(const struct sipmsg *msg, enum siphdr_id id,
		     struct siphdr_elem **elemsp, size_t *np,
		     struct sipmsg_err *err)
{
	void *v = NULL;
	int rc;

	if (!msg || !elemsp || !np)
		return EINVAL;
	rc = sipmsg_elems_collect(msg, id, sizeof(struct siphdr_elem),
				  elem_slot, NULL, &v, np, err);
	if (!rc)
		*elemsp = v;
	return rc;
}
