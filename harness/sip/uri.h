/*
 * uri.h - SIP/SIPS URIs and other absolute URIs (RFC 3261 §19.1, §25;
 * RFC 5118), and URI equality (§19.1.4).  Zero-copy: every slice points
 * into the string given to sipuri_parse().
 */
#ifndef SIPCONFORM_SIP_URI_H
#define SIPCONFORM_SIP_URI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/pl.h"
#include "sip/err.h"
#include "sip/param.h"

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

#endif
