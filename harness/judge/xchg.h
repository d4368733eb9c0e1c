/*
 * xchg.h - what one SIPp run captured, parsed, and grouped into exchanges.
 *
 * A capture is SIPp's message log with every frame parsed once (a frame
 * that does not parse keeps its bytes and the parser's reason).
 *
 * An exchange (struct xchg) is one request the harness sent, identified
 * by Call-ID and CSeq, with the responses the SUT returned for it: the
 * first final response is the one judged; provisionals and the finals
 * after it (retransmissions) are counted.  (judge/rule.h's struct
 * exchange is the request/response pair handed to rule_judge; an xchg
 * gives one once it has a final response.)
 *
 * Everything in a capture is untrusted and borrowed from the log buffer:
 * an xchg points into its capture and lives no longer.
 */
#ifndef SIPCONFORM_XCHG_H
#define SIPCONFORM_XCHG_H

#include <stdbool.h>
#include <stddef.h>

#include "sip/msg.h"
#include "sipp/siplog.h"
#include "sipp/sipp.h"

/** The frames of one SIPp message log, parsed once. */
struct xchg_capture {
	struct siplog *log;
	struct sipmsg **msg;      /* per frame; NULL where the frame does not parse */
	char (*perr)[200];        /* per frame: why it does not parse ("" if it does) */
};

/**
 * Read SIPp's message log at path and parse every frame.  A frame that
 * does not parse is no error.  On error *why says what failed (may stay
 * unset for ENOMEM) and c is empty.
 * @return 0, ENOMEM, or siplog_load's errors
 */
int xchg_capture_load(struct xchg_capture *c, const char *path, const char **why);
/** The same from a log already split; takes ownership of log even on failure. */
int xchg_capture_parse(struct xchg_capture *c, struct siplog *log);
void xchg_capture_free(struct xchg_capture *c);

/** One request the harness sent and the responses it got. */
struct xchg {
	size_t req_frame;            /* index of the request's frame in the capture */
	const struct sipmsg *req;
	const struct sipmsg *final;  /* first final response; NULL: none */
	size_t nprov;                /* provisional responses */
	size_t nfinal;               /* final responses, retransmissions included */
	char bad[400];               /* why a received frame could not be parsed, "" if none */
};

/**
 * Group the frames of c into exchanges, in the order the requests were
 * sent.  A sent request with this method opens one (a retransmission -
 * same Call-ID and CSeq - does not); a received response belongs to the
 * exchange with its Call-ID and CSeq method.  When there is only one
 * exchange, a response that matches none is still attached to it, so
 * that a wrong Call-ID is judged (a check fails) instead of lost.  An
 * unparsable received frame is noted in the latest exchange still
 * waiting for its final response.  Requests the SUT sent are ignored.
 * *xp is malloc'ed (free()), *np may be 0.
 * @return 0, ENOMEM
 */
int xchg_build(struct xchg **xp, size_t *np, const struct xchg_capture *c,
	       const char *method);

/**
 * The final response of x, or NULL with the reason in why: the
 * unparsable frame, else "no final response within T s (SIPp STATUS)".
 * x may be NULL (no request went out); st is how SIPp ended.
 */
const struct sipmsg *xchg_final(const struct xchg *x, enum sipp_status st,
				unsigned timeout_s, char *why, size_t size);

#endif
