/*
 * msg.h - strict SIP message parser (RFC 3261 §7, §25) and the
 * structured header values the conformance checks need.
 *
 * This header is the whole parser: it declares message framing, the
 * header index with the grammar faults of its rows (kept, not fatal),
 * and includes every public header of sip/, one grammar each:
 *
 *   sip/err.h    struct sipmsg_err (where and why a parse failed)
 *   sip/hdr.h    header names and ids (siphdr_name, siphdr_lookup)
 *   sip/param.h  token, generic-param, qvalue (struct sipparam)
 *   sip/host.h   host = hostname / IPv4address / IPv6reference
 *   sip/uri.h    SIP/SIPS/absolute URIs, §19.1.4 equality (struct sipuri)
 *   sip/addr.h   name-addr / addr-spec; Contact, From, To (struct sipaddr)
 *   sip/via.h    Via (struct sipvia)
 *   sip/value.h  CSeq, Call-ID, Allow, Content-Length, Expires; sipmsg_validate
 *
 * Ownership: the parser never copies bytes.  Every struct pl in the
 * structures of sip/ points into the buffer given to sipmsg_parse() (or
 * the string given to sipuri_parse() and friends); that buffer must
 * outlive the struct sipmsg and everything derived from it.  Structured
 * values (struct sipuri, struct sipaddr, ...) are plain values filled by
 * the caller-provided struct; they also point into the message buffer.
 *
 * Errors: positive errno values (0 = ok), see sip/err.h.
 */
#ifndef SIPCONFORM_SIPMSG_H
#define SIPCONFORM_SIPMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/pl.h"
#include "sip/err.h"
#include "sip/hdr.h"
#include "sip/param.h"
#include "sip/host.h"
#include "sip/uri.h"
#include "sip/addr.h"
#include "sip/via.h"
#include "sip/value.h"

/**
 * How a header row breaks the grammar of §7.3.1 / §25.1.  Such a row is
 * kept in the message (sipmsg_parse() does not fail for it) and marked:
 * it counts for presence (sipmsg_hdr, sipmsg_hdr_count), but every
 * accessor that reads a value (sipmsg_hdr_elems, sipmsg_contacts,
 * sipmsg_allow, sipmsg_cseq, ...) fails on it with the fault, and
 * sipmsg_validate() reports it.  sipmsg_fault_err() says what and where.
 */
enum siphdr_fault {
	SIPHDR_FAULT_NONE = 0,
	SIPHDR_FAULT_FOLD,   /**< a continuation line before any header row */
	SIPHDR_FAULT_NAME,   /**< the row does not start with a token */
	SIPHDR_FAULT_HCOLON, /**< no ':' after the header name */
	SIPHDR_FAULT_CR,     /**< a CR not followed by LF in the value */
	SIPHDR_FAULT_CTL,    /**< a control character in the value */
	SIPHDR_FAULT_QCTL,   /**< a control character in a quoted string */
};

/**
 * One header row as it appears in the message.  A row with a fault has
 * the name as far as it is a token ("" for FOLD and NAME, id
 * SIPHDR_OTHER then); without HCOLON (NAME, HCOLON, FOLD) its value is
 * the empty slice at the end of the row.
 */
struct siphdr {
	enum siphdr_id id;
	enum siphdr_fault fault;  /**< SIPHDR_FAULT_NONE: the row follows the grammar */
	struct pl name;   /**< as written, e.g. "m" or "CONTACT" */
	struct pl value;  /**< after HCOLON, trimmed; may contain folding (CRLF 1*WSP) */
	struct pl row;    /**< the whole row incl. folded continuations, without final CRLF */
	size_t line;      /**< 1-based line where the row starts */
	size_t col;       /**< 1-based column where value starts */
	const char *fault_at;     /**< with a fault: the byte that breaks it, in row (or its end) */
	uint32_t next_same;       /**< internal (sipmsg_hdr_next): 1 + index of the next row with this id, 0: none */
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
	size_t nfaults;       /**< rows whose fault is not SIPHDR_FAULT_NONE */
	uint32_t first[SIPHDR__COUNT]; /**< internal (sipmsg_hdr_next): 1 + index of the first row per id, 0: none */
};

/**
 * Parse one SIP message.  Fails only when the framing fails: the start
 * line, the split into rows and the empty line, Content-Length.  A row
 * that breaks the header grammar (enum siphdr_fault) does not fail the
 * parse: it is kept, marked and counted in msg->nfaults, so that a
 * malformed answer can still be judged on the rows that parse.
 *
 * @param msgp  set to the new message on success only
 * @param buf   the bytes; borrowed, must outlive *msgp
 * @param len   bytes available; bytes after the Content-Length octets are
 *              ignored (SIPMSG_F_TRAILING_BYTES)
 * @param err   filled on failure (may be NULL)
 * @return 0, EBADMSG (malformed start line; Content-Length malformed,
 *         duplicated or on a row with a fault; more than 1024 rows),
 *         ENODATA (empty, truncated inside a line, or shorter than
 *         Content-Length says), ENOMEM, EINVAL
 *
 * Header values are not validated here beyond framing; the structured
 * accessors validate what they parse and sipmsg_validate() runs them all.
 */
int sipmsg_parse(struct sipmsg **msgp, const char *buf, size_t len,
		 struct sipmsg_err *err);

/**
 * The next row with a fault after 'after' (NULL: the first), in message
 * order, or NULL.
 */
const struct siphdr *sipmsg_fault_next(const struct sipmsg *msg,
				       const struct siphdr *after);

/**
 * What breaks row h, as the strict parser would have refused it: fills
 * err (line and column of h->fault_at in the message, e.g. "X-Debug: line
 * 7 col 15: control character 0x01 in header value", or "header row: line
 * 7 col 7: expected ':' after header name 'Server'") and returns EBADMSG;
 * 0 when h has no fault; EINVAL without msg or h.
 */
int sipmsg_fault_err(const struct sipmsg *msg, const struct siphdr *h,
		     struct sipmsg_err *err);

/** Free a message (not its buffer).  @return NULL always. */
struct sipmsg *sipmsg_free(struct sipmsg *msg);

/*
 * The raw index: rows with a fault are included (a broken Allow row is
 * still an Allow row that is present; its value is not to be read).
 */
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
 * An empty element (",,") is EBADMSG, and so is a row with a fault (err
 * says what sipmsg_fault_err() says).  Rows with an empty value give no
 * element (Allow: with an empty list is legal).
 */
int sipmsg_hdr_elems(const struct sipmsg *msg, enum siphdr_id id,
		     struct siphdr_elem **elemsp, size_t *np,
		     struct sipmsg_err *err);

/** Line and column (1-based) of a byte inside msg->raw; 0,0 if outside. */
void sipmsg_pos(const struct sipmsg *msg, const char *at, size_t *line,
		size_t *col);

#endif
