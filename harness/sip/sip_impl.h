/*
 * sip_impl.h - private to harness/sip/: the error context every grammar
 * reports through (ectx.c), lexical helpers shared by the grammar files,
 * and the entry points those files call in each other.  No file outside
 * sip/ includes this; the public API is sip/msg.h and what it includes.
 */
#ifndef SIPCONFORM_SIP_IMPL_H
#define SIPCONFORM_SIP_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/chars.h"
#include "sip/msg.h"

#if defined(__GNUC__)
#define SIP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SIP_PRINTF(a, b)
#endif

/* ---- error context (ectx.c) ---------------------------------------------- */

/*
 * Who is parsing (label) and how to turn a pointer into a position:
 * relative to msg->raw when msg is set and the pointer lies inside it,
 * else relative to base.
 */
struct ectx {
	const struct sipmsg *msg; /* positions relative to msg->raw */
	struct pl base;           /* else relative to this string */
	struct pl label;          /* "Contact", "start line", ... */
	const char *sub;          /* prefix of the reason, e.g. "Request-URI: " */
	struct sipmsg_err *err;
};

/*
 * Fill c->err (when set) with "<label>: line L col C: <sub><why>" for the
 * byte at (or without a position when at is NULL or outside both
 * buffers) and return e, so that callers write
 *   return ectx_fail(c, p, EBADMSG, "...");
 */
int ectx_fail(const struct ectx *c, const char *at, int e, const char *fmt, ...)
	SIP_PRINTF(4, 5);
/*
 * Context of a header row: label is the canonical name, else as written.
 * Inline with ectx_id(): every accessor builds one or more, a failure
 * or not.
 */
static inline struct ectx ectx_hdr(const struct sipmsg *msg,
				   const struct siphdr *h,
				   struct sipmsg_err *err)
{
	struct ectx c = { msg, PL_NULL, PL_NULL, NULL, err };

	if (h && h->id != SIPHDR_OTHER)
		c.label = siphdr_name_pl(h->id);
	else if (h)
		c.label = h->name;
	else
		c.label = PL("header");
	if (!msg && h)
		c.base = h->row;
	return c;
}

/* Context of a header id before a row is known: label is its name. */
static inline struct ectx ectx_id(const struct sipmsg *msg, enum siphdr_id id,
				  struct sipmsg_err *err)
{
	struct ectx c = { msg, PL_NULL, siphdr_name_pl(id), NULL, err };

	return c;
}
/* 1-based line and column of at in base[0..len]; 0,0 when outside. */
void ectx_pos(const char *base, size_t len, const char *at, size_t *line,
	      size_t *col);
/* Printable rendering of one byte for error texts: 'x' or 0xNN. */
const char *ectx_show(char c, char buf[8]);

/* ---- lexical helpers (§25.1 basic rules) -------------------------------- */

/* The slice [a, b). */
static inline struct pl sip_pl(const char *a, const char *b)
{
	struct pl x = { a, (size_t)(b - a) };
	return x;
}

/* Past *LWS characters (SP, HTAB, CR, LF: folding included). */
static inline const char *sip_skip_lws(const char *p, const char *end)
{
	while (p < end && chars_is_lws((unsigned char)*p))
		p++;
	return p;
}

static inline const char *sip_skip_wsp(const char *p, const char *end)
{
	while (p < end && chars_is_wsp((unsigned char)*p))
		p++;
	return p;
}

/* Past *token characters. */
static inline const char *sip_token_end(const char *p, const char *end)
{
	while (p < end && chars_is_token((unsigned char)*p))
		p++;
	return p;
}

/* First c in [p, end), or NULL. */
static inline const char *sip_memchr(const char *p, const char *end, int c)
{
	return p < end ? memchr(p, c, (size_t)(end - p)) : NULL;
}

/*
 * Past *( ok-character / escaped ) from p, escaped = "%" HEXDIG HEXDIG
 * only when esc: the first byte that is neither, or end.
 */
static inline const char *sip_span(const char *p, const char *end,
				   bool (*ok)(int), bool esc)
{
	while (p < end) {
		if (esc && *p == '%') {
			if (end - p < 3 || !chars_is_hex((unsigned char)p[1]) ||
			    !chars_is_hex((unsigned char)p[2]))
				return p;
			p += 3;
			continue;
		}
		if (!ok((unsigned char)*p))
			return p;
		p++;
	}
	return end;
}

/* The first byte of s that sip_span() stops at, or NULL if s conforms. */
static inline const char *sip_bad_char(struct pl s, bool (*ok)(int), bool esc)
{
	const char *end = pl_end(s), *q = sip_span(s.p, end, ok, esc);

	return q == end ? NULL : q;
}

/* ---- param.c: quoted strings and generic-param lists ---------------------- */

/*
 * The quoted-string whose DQUOTE is at p: returns the byte after the
 * closing DQUOTE, or NULL when unterminated.  *bad is set to the first
 * byte that breaks qdtext / quoted-pair (a CTL other than LWS, or a
 * quoted-pair of CR, LF or a non-ASCII byte), else NULL; the scan goes
 * on past it, so that splitters find the same end as parsers.
 */
const char *sipparam_qs_end(const char *p, const char *end, const char **bad);
/* The same, failing with the reason; *out = byte after the DQUOTE. */
int sipparam_qs_parse(const char *p, const char *end, const char **out,
		      const struct ectx *c);
/*
 * *( SEMI generic-param ) from *pp to end, which must be consumed.
 * colon_ok admits ':' in values (Via received= with a bare IPv6 address);
 * after names what precedes the list in the error text.
 */
int sipparam_list_parse(const char **pp, const char *end, struct sipparam *v,
			size_t *np, bool colon_ok, const char *after,
			const struct ectx *c);
/* The parameter called name (case-insensitive) among v[0..n), or NULL. */
const struct sipparam *sipparam_find(const struct sipparam *v, size_t n,
				     const char *name);

/* ---- host.c ------------------------------------------------------------- */

/*
 * host [ ":" port ] starting at *pp; *pp is left after it.  lws: SWS
 * allowed around ':' (Via sent-by COLON); false inside URIs.
 */
int siphost_hostport(const char **pp, const char *end, struct pl *host,
		     bool *v6, struct pl *port, uint16_t *portnum,
		     bool *has_port, bool lws, const struct ectx *c);
/* IPv4address / IPv6address / IPv6reference (Via received, RFC 5118 §4.5). */
bool siphost_ip_valid(struct pl s);

/* ---- uri.c, addr.c, via.c: the parsers behind the public ones ------------- */

/*
 * struct sipuri, sipaddr and sipvia carry SIP_MAX_PARAMS parameter slots
 * (1,280 bytes) of which only params[0, nparams) are ever read, and
 * sipparam_list_parse() writes a slot whole.  Resetting or copying one
 * therefore skips the unused slots, which were most of the work for a
 * short value: every other member is zeroed / copied as before.  This
 * needs nparams right after params (checked below).
 */
#define SIP_PARAMS_PACKED(T) \
	_Static_assert(offsetof(T, nparams) == offsetof(T, params) + \
		       SIP_MAX_PARAMS * sizeof(struct sipparam), \
		       #T ": nparams must follow params")
SIP_PARAMS_PACKED(struct sipuri);
SIP_PARAMS_PACKED(struct sipaddr);
SIP_PARAMS_PACKED(struct sipvia);

/* Zero x[0, head) and x[tail, size): all but the parameter slots. */
static inline void sip_reset_but_params(void *x, size_t head, size_t tail,
					size_t size)
{
	memset(x, 0, head);
	memset((char *)x + tail, 0, size - tail);
}

/* Copy s to d but the unused parameter slots (params is at head). */
static inline void sip_copy_but_params(void *d, const void *s, size_t head,
				       size_t nparams, size_t tail, size_t size)
{
	memcpy(d, s, head);
	memcpy((char *)d + head, (const char *)s + head,
	       nparams * sizeof(struct sipparam));
	memcpy((char *)d + tail, (const char *)s + tail, size - tail);
}

static inline void sip_uri_reset(struct sipuri *u)
{
	sip_reset_but_params(u, offsetof(struct sipuri, params),
			     offsetof(struct sipuri, nparams), sizeof(*u));
}

static inline void sip_uri_copy(struct sipuri *d, const struct sipuri *s)
{
	sip_copy_but_params(d, s, offsetof(struct sipuri, params), s->nparams,
			    offsetof(struct sipuri, nparams), sizeof(*d));
}

/* The address's own members (before uri), its uri, then its parameters. */
static inline void sip_addr_reset(struct sipaddr *a)
{
	memset(a, 0, offsetof(struct sipaddr, uri));
	sip_uri_reset(&a->uri);
	sip_reset_but_params(&a->params, 0, offsetof(struct sipaddr, nparams) -
			     offsetof(struct sipaddr, params),
			     sizeof(*a) - offsetof(struct sipaddr, params));
}

static inline void sip_addr_copy(struct sipaddr *d, const struct sipaddr *s)
{
	memcpy(d, s, offsetof(struct sipaddr, uri));
	sip_uri_copy(&d->uri, &s->uri);
	sip_copy_but_params(&d->params, &s->params, 0, s->nparams,
			    offsetof(struct sipaddr, nparams) -
			    offsetof(struct sipaddr, params),
			    sizeof(*d) - offsetof(struct sipaddr, params));
}

static inline void sip_via_reset(struct sipvia *v)
{
	sip_reset_but_params(v, offsetof(struct sipvia, params),
			     offsetof(struct sipvia, nparams), sizeof(*v));
}

static inline void sip_via_copy(struct sipvia *d, const struct sipvia *s)
{
	sip_copy_but_params(d, s, offsetof(struct sipvia, params), s->nparams,
			    offsetof(struct sipvia, nparams), sizeof(*d));
}

int sipuri_parse_ctx(struct sipuri *u, struct pl s, const struct ectx *c);
int sipaddr_parse_ctx(struct sipaddr *a, struct pl s, const struct ectx *c);
int sipvia_parse_ctx(struct sipvia *v, struct pl s, const struct ectx *c);

/* ---- value.c ------------------------------------------------------------ */

/* A whole header value as 1*DIGIT <= 2^32-1 ("negative value", ...). */
int sipvalue_u32(struct pl v, uint32_t *out, const struct ectx *c);

/* ---- msg.c: header index and list elements --------------------------------- */

/* The first row with this id after 'after' (NULL: from the start), or NULL. */
const struct siphdr *sipmsg_hdr_next(const struct sipmsg *msg,
				     enum siphdr_id id,
				     const struct siphdr *after);
/*
 * The one row of a single-valued header: 0 with *hp and *c (context of
 * that row) set; ENOENT when absent; EBADMSG with the fault when a row of
 * it has one (sipmsg_fault_err), else at the second row; EINVAL without
 * a message.
 */
int sipmsg_hdr_single(const struct sipmsg *msg, enum siphdr_id id,
		      const struct siphdr **hp, struct ectx *c,
		      struct sipmsg_err *err);

/* Iterator over every element of every row with one id (§7.3.1). */
struct sipmsg_elem_it {
	const struct sipmsg *msg;
	enum siphdr_id id;
	size_t row;
	const char *p;
	const char *end;
	const struct siphdr *hdr; /* the row of the last element */
	size_t n;
	struct ectx c;            /* context of that row */
};

void sipmsg_elem_it_init(struct sipmsg_elem_it *it, const struct sipmsg *msg,
			 enum siphdr_id id, struct sipmsg_err *err);
/* @return 0 with *out set, ENOENT at the end, EBADMSG (also at a row with a fault) */
int sipmsg_elem_it_next(struct sipmsg_elem_it *it, struct pl *out);

/*
 * Fill slot (element i of the result) from list element e; it->c is the
 * context to fail with.  @return 0 or an error that ends the collection.
 */
typedef int (*sipmsg_elem_fn)(void *slot, size_t i, struct pl e,
			      const struct sipmsg_elem_it *it, void *arg);
/*
 * Every element of every row with this id through fn into a malloc'ed
 * array of elements of size sz: *vp (NULL when there are none) and *np.
 * On error nothing is returned and the error is fn's or the splitter's.
 */
int sipmsg_elems_collect(const struct sipmsg *msg, enum siphdr_id id,
			 size_t sz, sipmsg_elem_fn fn, void *arg, void **vp,
			 size_t *np, struct sipmsg_err *err);

#endif
