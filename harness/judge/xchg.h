/*
 * xchg.h - what one SIPp run captured, parsed, and grouped into exchanges.
 *
 * A capture is SIPp's message log with every frame parsed once (a frame
 * that does not parse keeps its bytes and the parser's reason).
 *
 * An exchange (struct xchg) is one request the harness sent, identified
 * by Call-ID and CSeq, with the responses the SUT returned for it: the
 * first final response is the one judged; provisionals are counted, and
 * every later final is compared with the first (xchg_judge_finals).
 * (judge/rule.h's struct exchange is the request/response pair handed to
 * rule_judge; an xchg gives one once it has a final response.)
 *
 * Trust.  A capture supports a pass only if SIPp's log was read to its
 * end with every byte placed (sipp/siplog.h) and nothing was cut by the
 * caps below; otherwise xchg_capture_trusted() says why in words, and the
 * runner makes that an ERROR (a FAIL still wins: the frames before a
 * fault are exact).  Why ERROR and not FAIL: a NUL byte is legal in a
 * message body, so a log SIPp could not write faithfully proves nothing
 * about the SUT - it only leaves nothing to judge with certainty.
 *
 * Caps.  What one test keeps of SIPp's logs, all its SIPp runs together
 * (struct xchg_budget): at most XCHG_KEEP_MSGS messages and
 * XCHG_KEEP_BYTES message bytes are parsed, judged and reported; the rest
 * is placed and counted only, so the flood can be named ("the SUT sent
 * 52,113 provisional responses in 2.0 s").  A legitimate test needs far
 * less (repeat: 100 INVITEs answered 180, 200, with ACK and BYE, is 700
 * messages); 4 MiB bounds what the reports and the evidence can receive.
 *
 * Linger.  The scenarios keep receiving after the last call's final
 * response (key linger_ms, see scenarios/uac_request.xml) so that a later,
 * different final response to the same request is seen: XCHG_LINGER_UDP_MS
 * over UDP, where the client transaction stays in Completed to absorb
 * retransmitted finals (§17.1.1.2 Timer D, §17.1.2.2 Timer K = T4); 0 over
 * TCP, where Timers D and K are 0 and the transaction ends with its final.
 * It costs each UDP SIPp run up to 2 x T1 (usually T1: 500 ms of silence).
 *
 * Everything in a capture is untrusted and borrowed from the log buffer:
 * an xchg points into its capture and lives no longer.
 */
#ifndef SIPCONFORM_XCHG_H
#define SIPCONFORM_XCHG_H

#include <stdbool.h>
#include <stddef.h>

#include "judge/rule.h"
#include "sip/msg.h"
#include "sipp/siplog.h"
#include "sipp/sipp.h"

#define XCHG_KEEP_MSGS 2000u
#define XCHG_KEEP_BYTES (4u * 1024 * 1024)
/** Linger over UDP, ms: RFC 3261 T1 (§17.1.1.1). */
#define XCHG_LINGER_UDP_MS 500u

/** What a test may still keep (see Caps above). */
struct xchg_budget {
	size_t msgs;
	size_t bytes;
};

/** A full budget: XCHG_KEEP_MSGS, XCHG_KEEP_BYTES. */
void xchg_budget_init(struct xchg_budget *b);

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
/**
 * The same within budget b (one capture's full budget when b is NULL):
 * messages past it are counted, not kept; what is kept is taken off b.
 */
int xchg_capture_load_kept(struct xchg_capture *c, const char *path, struct xchg_budget *b,
			   const char **why);
/**
 * The same from the bytes of a log (buf malloc'ed, owned from now on,
 * even on failure): a test's frames a batch split out (run/batch.h).
 */
int xchg_capture_parse_kept(struct xchg_capture *c, char *buf, size_t len,
			    struct xchg_budget *b, const char **why);
/** The same from a log already split; takes ownership of log even on failure. */
int xchg_capture_parse(struct xchg_capture *c, struct siplog *log);
void xchg_capture_free(struct xchg_capture *c);

/**
 * Can c support a pass?  true if SIPp's log has no fault and nothing was
 * cut by the caps; else false with why: the fault in SIPp's words and
 * ours ("...: the verdict cannot be trusted"), the flood with its counts
 * and duration, or both joined by "; ".
 */
bool xchg_capture_trusted(const struct xchg_capture *c, char *why, size_t size);
/** What the SUT sent in this capture, counted over the whole log: "the SUT
 * sent 1,020 provisional responses in 0.3 s (1,021 messages, 4.1 MB in
 * SIPp's log)"; "" without a log.  Names a flood SIPp was killed for. */
void xchg_capture_sent(const struct xchg_capture *c, char *out, size_t size);

/** One request the harness sent and the responses it got. */
struct xchg {
	size_t req_frame;            /* index of the request's frame in the capture */
	const struct sipmsg *req;
	const struct sipmsg *final;  /* first final response; NULL: none */
	size_t nprov;                /* provisional responses */
	size_t nfinal;               /* final responses, retransmissions included */
	char bad[400];               /* why a received frame could not be parsed, "" if none */
	const char *cut;             /* why later frames are missing (a fault, the caps), NULL if none */
	/* The finals after the first, compared with it (xchg_judge_finals): */
	const struct sipmsg *conflict;  /* the first that is not the first again, NULL if none */
	size_t conflict_nth;            /* its number among the finals (2: the second) */
	char conflict_what[240];        /* what differs: "status 302, the first was 301" */
	const struct sipmsg *retag;     /* the first equal to it but for the To tag, NULL if none */
	size_t retag_nth;
	size_t nretrans;                /* equal to it, To tag included */
	size_t nforks;                  /* INVITE: 2xx with another To tag (other dialogs) */
	/* The 401/407 of the first try when the request was retried with
	 * credentials (CSeq + 1, same Call-ID): req and final are then the
	 * retry's; the challenge is evidence, not judged.  NULL if none. */
	const struct sipmsg *challenge;
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
 * A final response after the first is compared with it: another status,
 * Contact set or Allow set is a conflict; the same with another To tag a
 * retransmission with a new tag; for INVITE, a 2xx with another To tag
 * than a first 2xx is another dialog (a forking proxy, §13.2.2.4, §16.7),
 * not compared.  A request retried with credentials after a 401/407
 * (same Call-ID and method, CSeq number + 1) continues the exchange of
 * the challenged one: the retry's final is judged, the challenge kept in
 * x->challenge, and responses with the first CSeq number are not
 * attached.  *xp is malloc'ed (free()), *np may be 0.
 * @return 0, ENOMEM
 */
int xchg_build(struct xchg **xp, size_t *np, const struct xchg_capture *c,
	       const char *method);

/**
 * The final response of x, or NULL with the reason in why: the
 * unparsable frame, else "no final response before <x->cut>" when the
 * log was cut, else "no final response within T s (SIPp STATUS)".
 * x may be NULL (no request went out); st is how SIPp ended.
 */
const struct sipmsg *xchg_final(const struct xchg *x, enum sipp_status st,
				unsigned timeout_s, char *why, size_t size);

/**
 * The checks on the finals of x after the first, appended to *resp like
 * cross_result: RFC3261-17.1-FINAL-CONSISTENT whenever x has a final
 * response, RFC3261-17.2.2-RETRANSMIT-SAME when the first came again.
 * @return 0, ENOMEM, EINVAL (x has no final response)
 */
int xchg_judge_finals(struct check_result **resp, size_t *np, const struct xchg *x)
	RULE_MUST_CHECK;

#endif
