/*
 * addr.h - name-addr / addr-spec values with header parameters (RFC 3261
 * §20.10, §20.20, §20.39, §25): From, To, Contact, Route, Record-Route,
 * Refer-To.
 */
#ifndef SIPCONFORM_SIP_ADDR_H
#define SIPCONFORM_SIP_ADDR_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pl.h"
#include "sip/err.h"
#include "sip/param.h"
#include "sip/uri.h"

struct sipmsg;

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

#endif
