/*
 * hdr.h - SIP header names (RFC 3261 §7.3, §20): the headers the harness
 * knows by id, their canonical long names and compact forms (§7.3.3).
 *
 *   header-name = token     (compared case-insensitively, §7.3.1)
 */
#ifndef SIPCONFORM_SIP_HDR_H
#define SIPCONFORM_SIP_HDR_H

#include "base/pl.h"

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
/** The same as a slice (its length known: no strlen). */
struct pl siphdr_name_pl(enum siphdr_id id);
/** Header id for a name as written (case-insensitive, compact forms too). */
enum siphdr_id siphdr_lookup(struct pl name);

#endif
