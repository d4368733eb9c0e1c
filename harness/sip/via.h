/*
 * via.h - Via header values (RFC 3261 §20.42, §25; RFC 3581 rport;
 * RFC 5118 IPv6 sent-by and received).
 */
#ifndef SIPCONFORM_SIP_VIA_H
#define SIPCONFORM_SIP_VIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/pl.h"
#include "sip/err.h"
#include "sip/param.h"

struct sipmsg;

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

#endif
