/*
 * sipmsg.h - strict SIP message parser (RFC 3261 §7, §25) and the
 * structured header values the conformance checks need.
 *
 * Ownership: the parser never copies bytes.  Every struct pl in the
 * structures below points into the buffer given to sipmsg_parse(); that
 * buffer must outlive the struct sipmsg and everything derived from it.
 * Structured values (struct sipuri, struct sipaddr, ...) are plain
 * values filled by the caller-provided struct; they also point into the
 * message buffer.
 *
 * Errors: positive errno values (0 = ok).  EBADMSG = malformed input,
 * ENODATA = truncated input, ENOMEM, EINVAL = bad argument.  Every
 * rejection fills a struct sipmsg_err saying which rule was broken and
 * where, e.g. "Contact: line 7 col 10: unterminated '<'".  Every
 * struct sipmsg_err *err parameter below may be NULL (no details wanted).
 */
#ifndef SIPCONFORM_SIPMSG_H
#define SIPCONFORM_SIPMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/pl.h"

/** Where and why a parse failed. */
struct sipmsg_err {
	const char *at; /**< byte in the message buffer where it failed, or NULL */
	size_t off;     /**< byte offset from the message start */
	size_t line;    /**< 1-based line of the message (0 = unknown) */
	size_t col;     /**< 1-based column */
	char what[200]; /**< full text, e.g. "Contact: line 7 col 10: unterminated '<'" */
};

/** Known headers; compact forms (§7.3.3) map to the same id. */
enum siphdr_id {
	SIPHDR_OTHER = 0,
	SIPHDR_ACCEPT,
	SIPHDR_ALLOW,
	SIPHDR_ALLOW_EVENTS,       /* u */
	SIPHDR_CALL_ID,            /* i */
	SIPHDR_CONTACT,            /* m */
	SIPHDR_CONTENT_ENCODING,   /* e */
	SIPHDR_CONTENT_LENGTH,     /* l */
	SIPHDR_CONTENT_TYPE,       /* c */
	SIPHDR_CSEQ,
	SIPHDR_EVENT,              /* o */
	SIPHDR_EXPIRES,
	SIPHDR_FROM,               /* f */
	SIPHDR_MAX_FORWARDS,
	SIPHDR_RECORD_ROUTE,
	SIPHDR_REFER_TO,           /* r */
	SIPHDR_REQUIRE,
	SIPHDR_RETRY_AFTER,
	SIPHDR_ROUTE,
	SIPHDR_SUBJECT,            /* s */
	SIPHDR_SUPPORTED,          /* k */
	SIPHDR_TO,                 /* t */
	SIPHDR_UNSUPPORTED,
	SIPHDR_VIA,                /* v */
	SIPHDR_WARNING,
	SIPHDR__COUNT
};

/** Canonical long name of a header id ("Contact"); "" for SIPHDR_OTHER. */
const char *siphdr_name(enum siphdr_id id);
/** Header id for a name as written (case-insensitive, compact forms too). */
enum siphdr_id siphdr_lookup(struct pl name);

/** One header row as it appears in the message. */
struct siphdr {
	enum siphdr_id id;
	struct pl name;   /**< as written, e.g. "m" or "CONTACT" */
	struct pl value;  /**< after HCOLON, trimmed; may contain folding (CRLF 1*WSP) */
	struct pl row;    /**< the whole row incl. folded continuations, without final CRLF */
	size_t line;      /**< 1-based line where the row starts */
	size_t col;       /**< 1-based column where value starts */
};

/** One element of a comma-separated header value (§7.3.1). */
struct siphdr_elem {
	struct pl v;                  /**< trimmed element */
	const struct siphdr *hdr;     /**< the row it came from */
};

/* Things the parser tolerates but a check may want to report. */
enum sipmsg_flag {
	SIPMSG_F_BARE_LF        = 1u << 0, /* a line ended in LF without CR (§7 MUST CRLF) */
	SIPMSG_F_NO_CLEN        = 1u << 1, /* no Content-Length: body is the rest of the buffer */
	SIPMSG_F_TRAILING_BYTES = 1u << 2, /* bytes after Content-Length octets (§18.3 discard) */
	SIPMSG_F_NO_BLANK_LINE  = 1u << 3, /* message ended without the empty line */
	SIPMSG_F_FOLDED         = 1u << 4, /* at least one folded header row */
};

struct sipmsg {
	struct pl raw;        /**< the message: start line to end of body (trailing bytes excluded) */
	bool is_request;

	/* request line: Method SP Request-URI SP SIP-Version CRLF (§7.1) */
	struct pl method;
	struct pl ruri;

	/* status line: SIP-Version SP Status-Code SP Reason-Phrase CRLF (§7.2) */
	uint16_t scode;
	struct pl reason;     /**< may be empty */

	struct pl version;    /**< "SIP/2.0" as written */
	struct pl start_line; /**< without CRLF */

	struct siphdr *hdrs;  /**< rows in order */
	size_t nhdrs;

	struct pl body;       /**< framed by Content-Length when present */
	unsigned flags;       /**< enum sipmsg_flag */
};

/**
 * Parse one SIP message.
 *
 * @param msgp  set to the new message on success only
 * @param buf   the bytes; borrowed, must outlive *msgp
 * @param len   bytes available; bytes after the Content-Length octets are
 *              ignored (SIPMSG_F_TRAILING_BYTES)
 * @param err   filled on failure (may be NULL)
 * @return 0, EBADMSG (malformed start line / header rows / Content-Length),
 *         ENODATA (shorter than Content-Length says), ENOMEM, EINVAL
 *
 * Header values are not validated here beyond framing; the structured
 * accessors below validate what they parse and sipmsg_validate() runs
 * them all.
 */
int sipmsg_parse(struct sipmsg **msgp, const char *buf, size_t len,
		 struct sipmsg_err *err);

/** Free a message (not its buffer).  @return NULL always. */
struct sipmsg *sipmsg_free(struct sipmsg *msg);

/** First row with this id, or NULL. */
const struct siphdr *sipmsg_hdr(const struct sipmsg *msg, enum siphdr_id id);
/** First row with this name (case-insensitive; compact forms resolved). */
const struct siphdr *sipmsg_hdr_name(const struct sipmsg *msg, const char *name);
/** Number of rows with this id. */
size_t sipmsg_hdr_count(const struct sipmsg *msg, enum siphdr_id id);

/**
 * All elements of every row with this id, in order, split on commas that
 * are outside quoted strings and <...> (§7.3.1).  *elemsp is malloc'ed
 * (free() it); *np = 0 and *elemsp = NULL when there are no rows.
 * An empty element (",,") is EBADMSG.  Rows with an empty value give no
 * element (Allow: with an empty list is legal).
 */
int sipmsg_hdr_elems(const struct sipmsg *msg, enum siphdr_id id,
		     struct siphdr_elem **elemsp, size_t *np,
		     struct sipmsg_err *err);

/** Line and column (1-based) of a byte inside msg->raw; 0,0 if outside. */
void sipmsg_pos(const struct sipmsg *msg, const char *at, size_t *line,
		size_t *col);

/* ---- structured values ------------------------------------------------ */

#define SIP_MAX_PARAMS 32

/** generic-param = token [ EQUAL gen-value ] (also uri-parameter). */
struct sipparam {
	struct pl name;
	struct pl val;   /**< without quotes' removal; empty if !has_val */
	bool has_val;
};

/**
 * SIP-URI / SIPS-URI per §25 (RFC 5118 for IPv6 references), or any
 * other absoluteURI (is_sip false: only scheme and raw are set).
 */
struct sipuri {
	struct pl raw;
	struct pl scheme;     /**< as written; compare case-insensitively */
	bool is_sip;          /**< scheme is sip or sips */
	bool is_sips;
	struct pl user;       /**< escaped as written; empty if no userinfo */
	struct pl password;
	bool has_userinfo;
	struct pl host;       /**< IPv6 references keep their brackets */
	bool host_ipv6;
	struct pl port;       /**< empty if absent */
	uint16_t portnum;
	bool has_port;
	struct sipparam params[SIP_MAX_PARAMS]; /**< uri-parameters */
	size_t nparams;
	struct pl headers;    /**< after '?', empty if none */
};

/**
 * Parse a URI (the text between '<' and '>', or an addr-spec).
 * sip/sips URIs are checked against the §25 ABNF; other schemes only
 * against "scheme ':' 1*char" (absoluteURI).
 * @return 0 or EBADMSG (err says where)
 */
int sipuri_parse(struct sipuri *uri, struct pl s, struct sipmsg_err *err);

/**
 * URI equality per RFC 3261 §19.1.4: scheme, user and password
 * case-sensitive after %-unescaping, host case-insensitive, port explicit
 * (absent != 5060), parameters: user, ttl, method, maddr and transport
 * must match when present in either, other parameters compared when in
 * both, headers compared as sets.  Non-SIP URIs compare byte-exact on
 * the scheme-specific part (RFC 2396 rules are out of scope).
 */
bool sipuri_equal(const struct sipuri *a, const struct sipuri *b);

/** The uri-parameter 'name' (case-insensitive), or NULL. */
const struct sipparam *sipuri_param(const struct sipuri *uri, const char *name);

/**
 * name-addr / addr-spec with header parameters: From, To, Contact,
 * Route, Record-Route, Refer-To.
 *   ( name-addr / addr-spec ) *( SEMI param )
 *   name-addr = [ display-name ] LAQUOT addr-spec RAQUOT
 * In addr-spec form, parameters after the URI belong to the header, not
 * the URI (§20.10, RFC 4475 §3.3.12); a URI with ',', ';' or '?' must be
 * in name-addr form (§20) - addr-spec with '?' is EBADMSG and
 * SIPADDR_F_NEEDS_BRACKETS is not needed.
 */
struct sipaddr {
	struct pl raw;
	bool star;            /**< Contact: * (then nothing else is set) */
	bool name_addr;       /**< written with <...> */
	struct pl dname;      /**< display name as written (with quotes), may be empty */
	struct sipuri uri;
	struct sipparam params[SIP_MAX_PARAMS]; /**< header parameters (tag, q, expires, ...) */
	size_t nparams;
};

/** Parse one name-addr / addr-spec element (not a list). */
int sipaddr_parse(struct sipaddr *addr, struct pl s, struct sipmsg_err *err);
/** The header parameter 'name' (case-insensitive), or NULL. */
const struct sipparam *sipaddr_param(const struct sipaddr *addr, const char *name);

/**
 * Every Contact value of the message (all rows, all elements), parsed.
 * *vp is malloc'ed (free()); *np = 0 when there is no Contact.
 * "*" yields one element with star set.  EBADMSG with err on any error.
 */
int sipmsg_contacts(const struct sipmsg *msg, struct sipaddr **vp, size_t *np,
		    struct sipmsg_err *err);

/** From / To (exactly one row with exactly one value, else EBADMSG). */
int sipmsg_from(const struct sipmsg *msg, struct sipaddr *out, struct sipmsg_err *err);
int sipmsg_to(const struct sipmsg *msg, struct sipaddr *out, struct sipmsg_err *err);

/** via-parm = sent-protocol LWS sent-by *( SEMI via-params ) */
struct sipvia {
	struct pl raw;
	struct pl proto;      /**< "SIP/2.0/UDP" (LWS around '/' removed is not done: slices) */
	struct pl transport;  /**< "UDP" */
	struct pl host;       /**< sent-by host (IPv6 keeps brackets) */
	struct pl port;
	uint16_t portnum;
	bool has_port;
	struct sipparam params[SIP_MAX_PARAMS];
	size_t nparams;
	struct pl branch;     /**< empty if absent */
	struct pl received;
	bool has_received;
	struct pl rport;      /**< value, empty for bare ";rport" */
	bool has_rport;
};

int sipvia_parse(struct sipvia *via, struct pl s, struct sipmsg_err *err);
/** Every Via value in order. *vp malloc'ed. */
int sipmsg_vias(const struct sipmsg *msg, struct sipvia **vp, size_t *np,
		struct sipmsg_err *err);

/** CSeq = 1*DIGIT LWS Method, number <= 2^31-1 is not enforced: <= 2^32-1 */
struct sipcseq {
	uint32_t num;
	struct pl method;
};
int sipmsg_cseq(const struct sipmsg *msg, struct sipcseq *out, struct sipmsg_err *err);

/** Call-ID = word [ "@" word ]; exactly one. */
int sipmsg_callid(const struct sipmsg *msg, struct pl *out, struct sipmsg_err *err);

/**
 * Allow = "Allow" HCOLON [Method *(COMMA Method)], all rows merged.
 * *present tells whether any Allow row exists; *mp is malloc'ed array of
 * method tokens (may be NULL with *np = 0).  A non-token element is
 * EBADMSG with err pointing at it.
 */
int sipmsg_allow(const struct sipmsg *msg, bool *present, struct pl **mp,
		 size_t *np, struct sipmsg_err *err);

/** Content-Length (exactly one, 1*DIGIT). ENOENT if absent. */
int sipmsg_clen(const struct sipmsg *msg, uint32_t *out, struct sipmsg_err *err);
/** Expires header (1*DIGIT <= 2^32-1). ENOENT if absent. */
int sipmsg_expires(const struct sipmsg *msg, uint32_t *out, struct sipmsg_err *err);

/**
 * host = hostname / IPv4address / IPv6reference (§25.1, RFC 5118: an
 * IPv6 reference keeps its brackets; the RFC 3261 three-colon ABNF bug
 * is refused).  The one host grammar of the project.
 */
bool siphost_valid(struct pl host);

/** True if s is a §25 token (non-empty). */
bool sip_is_token(struct pl s);

/**
 * Run every structured accessor over the message and the framing rules
 * that sipmsg_parse() leaves to the caller: single-valued headers
 * (From, To, Call-ID, CSeq, Content-Length, Max-Forwards) present at most
 * once with one value, CSeq method equal to the request method,
 * Request-URI and every From/To/Contact/Via/Allow value well-formed,
 * Content-Length/Expires within 2^32-1.  Reports the first problem.
 * @return 0 or EBADMSG
 */
int sipmsg_validate(const struct sipmsg *msg, struct sipmsg_err *err);

#endif
