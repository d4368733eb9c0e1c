/*
 * value.h - the single-purpose header values the checks read (RFC 3261
 * §20, §25): CSeq, Call-ID, Allow, Content-Length, Expires, and
 * sipmsg_validate(), which runs every accessor of sip/ over a message.
 */
#ifndef SIPCONFORM_SIP_VALUE_H
#define SIPCONFORM_SIP_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/pl.h"
#include "sip/err.h"

struct sipmsg;

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
 * Run every structured accessor over the message and the framing rules
 * that sipmsg_parse() leaves to the caller: no header row with a grammar
 * fault (the first is reported, sipmsg_fault_err()), single-valued headers
 * (From, To, Call-ID, CSeq, Content-Length, Max-Forwards) present at most
 * once with one value, CSeq method equal to the request method,
 * Request-URI and every From/To/Contact/Via/Allow value well-formed,
 * Content-Length/Expires within 2^32-1.  Reports the first problem.
 * @return 0 or EBADMSG
 */
int sipmsg_validate(const struct sipmsg *msg, struct sipmsg_err *err);

#endif
