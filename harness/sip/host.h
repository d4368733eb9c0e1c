/*
 * host.h - the one host grammar of the project (RFC 3261 §25.1,
 * RFC 5118).  The hostport parser of URIs and Via is private to sip/
 * (sip_impl.h).
 */
#ifndef SIPCONFORM_SIP_HOST_H
#define SIPCONFORM_SIP_HOST_H

#include <stdbool.h>

#include "base/pl.h"

/**
 * host = hostname / IPv4address / IPv6reference (§25.1, RFC 5118: an
 * IPv6 reference keeps its brackets; the RFC 3261 three-colon ABNF bug
 * is refused).  The one host grammar of the project.
 */
bool siphost_valid(struct pl host);

#endif
