/*
 * hdr.c - SIP header names (see hdr.h).
 *
 *   header-name = token; compared case-insensitively (§7.3.1)
 *   compact form = one letter (§7.3.3, §20), e.g. "m" = Contact
 *
 * A name that merely looks like a known one after %-unescaping
 * ("C%6Fntact", RFC 4475 §3.1.1.5) is not that header: header names are
 * not escaped.
 */
#include "sip/hdr.h"

/* name, compact form; the length saves a strlen per comparison. */
#define HDR(name, compact) { name, sizeof(name) - 1, compact }

static const struct {
	const char *name;
	size_t len;
	char compact;
} hdr_tab[SIPHDR__COUNT] = {
	[SIPHDR_OTHER] = HDR("", 0),
	[SIPHDR_ACCEPT] = HDR("Accept", 0),
	[SIPHDR_ALLOW] = HDR("Allow", 0),
	[SIPHDR_ALLOW_EVENTS] = HDR("Allow-Events", 'u'),
	[SIPHDR_CALL_ID] = HDR("Call-ID", 'i'),
	[SIPHDR_CONTACT] = HDR("Contact", 'm'),
	[SIPHDR_CONTENT_ENCODING] = HDR("Content-Encoding", 'e'),
	[SIPHDR_CONTENT_LENGTH] = HDR("Content-Length", 'l'),
	[SIPHDR_CONTENT_TYPE] = HDR("Content-Type", 'c'),
	[SIPHDR_CSEQ] = HDR("CSeq", 0),
	[SIPHDR_EVENT] = HDR("Event", 'o'),
	[SIPHDR_EXPIRES] = HDR("Expires", 0),
	[SIPHDR_FROM] = HDR("From", 'f'),
	[SIPHDR_MAX_FORWARDS] = HDR("Max-Forwards", 0),
	[SIPHDR_RECORD_ROUTE] = HDR("Record-Route", 0),
	[SIPHDR_REFER_TO] = HDR("Refer-To", 'r'),
	[SIPHDR_REQUIRE] = HDR("Require", 0),
	[SIPHDR_RETRY_AFTER] = HDR("Retry-After", 0),
	[SIPHDR_ROUTE] = HDR("Route", 0),
	[SIPHDR_SUBJECT] = HDR("Subject", 's'),
	[SIPHDR_SUPPORTED] = HDR("Supported", 'k'),
	[SIPHDR_TO] = HDR("To", 't'),
	[SIPHDR_UNSUPPORTED] = HDR("Unsupported", 0),
	[SIPHDR_VIA] = HDR("Via", 'v'),
	[SIPHDR_WARNING] = HDR("Warning", 0),
};

const char *siphdr_name(enum siphdr_id id)
{
	if ((int)id < 0 || id >= SIPHDR__COUNT)
		return "";
	return hdr_tab[id].name;
}

enum siphdr_id siphdr_lookup(struct pl name)
{
	int i;

	if (!name.p || name.l == 0)
		return SIPHDR_OTHER;
	if (name.l == 1) {
		int c = name.p[0] | 0x20;

		for (i = 1; i < SIPHDR__COUNT; i++)
			if (hdr_tab[i].compact == c)
				return (enum siphdr_id)i;
		return SIPHDR_OTHER;
	}
	for (i = 1; i < SIPHDR__COUNT; i++)
		if (name.l == hdr_tab[i].len &&
		    pl_caseeq(name, (struct pl){ hdr_tab[i].name, hdr_tab[i].len }))
			return (enum siphdr_id)i;
	return SIPHDR_OTHER;
}
