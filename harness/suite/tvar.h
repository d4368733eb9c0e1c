/*
 * tvar.h - "${target}" in suite values: where it may stand and how it is
 * replaced by the effective target's host:port.
 *
 * A suite may write ${target} in request_uri(s), contact, from, to,
 * header values and setup steps; it stands for the host[:port] of the
 * target the run goes to (after --target / --port), IPv6 in brackets.
 * In a URI it must be the URI's whole host:port, once, in a sip: or
 * sips: URI ("sip:alice@${target};transport=tcp"); in a header value it
 * may stand anywhere.  Every other "${" is refused, so that a later
 * variable cannot change the meaning of a suite written today.
 *
 * The suite loader checks a value by expanding it with TVAR_PLACEHOLDER;
 * plan_expand_target() (plan.h) expands it with the real target.
 */
#ifndef SIPCONFORM_SUITE_TVAR_H
#define SIPCONFORM_SUITE_TVAR_H

#include <stdbool.h>
#include <stddef.h>

#include "sip/uri.h"

#define TVAR_NAME        "${target}"
#define TVAR_NAME_LEN    9
/* What the loader puts in its place to check a value (RFC 5737 TEST-NET-1). */
#define TVAR_PLACEHOLDER "192.0.2.1:5060"

/**
 * Count the ${target} in s (*count).  @return 0, or EBADMSG when s holds
 * any other "${" (*at = its offset).
 */
int tvar_scan(const char *s, size_t *count, size_t *at);

/**
 * s with every ${target} replaced by hostport, as snprintf() does: at
 * most size bytes written (NUL included, buf NUL-terminated if size > 0).
 * @return the length of the whole expansion (>= size: it did not fit).
 */
size_t tvar_expand(char *buf, size_t size, const char *s, const char *hostport);

/**
 * The offset in s of byte off of its expansion with a hostport of hplen
 * bytes; a byte inside an expansion maps to the '$' of its ${target}.
 */
size_t tvar_unmap(const char *s, size_t off, size_t hplen);

/**
 * True if u, parsed from exp (the expansion of s, whose one ${target}
 * became hplen bytes), is a sip:/sips: URI whose host[:port] is exactly
 * those bytes.
 */
bool tvar_uri_host(const char *s, const struct sipuri *u, const char *exp,
		   size_t hplen);

#endif
