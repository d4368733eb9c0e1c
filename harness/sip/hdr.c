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

static const struct {
	const char *name;
	char compact;
} hdr_tab[SIPHDR__COUNT] = {
	[SIPHDR_OTHER] = { "", 0 },
	[SIPHDR_ACCEPT] = { "Accept", 0 },
	[SIPHDR_ALLOW] = { "Allow", 0 },
	[SIPHDR_ALLOW_EVENTS] = { "Allow-Events", 'u' },
	[SIPHDR_CALL_ID] = { "Call-ID", 'i' },
	[SIPHDR_CONTACT] = { "Contact", 'm' },
	[SIPHDR_CONTENT_ENCODING] = { "Content-Encoding", 'e' },
	[SIPHDR_CONTENT_LENGTH] = { "Content-Length", 'l' },
	[SIPHDR_CONTENT_TYPE] = { "Content-Type", 'c' },
	[SIPHDR_CSEQ] = { "CSeq", 0 },
	[SIPHDR_EVENT] = { "Event", 'o' },
	[SIPHDR_EXPIRES] = { "Expires", 0 },
	[SIPHDR_FROM] = { "From", 'f' },
	[SIPHDR_MAX_FORWARDS] = { "Max-Forwards", 0 },
	[SIPHDR_RECORD_ROUTE] = { "Record-Route", 0 },
	[SIPHDR_REFER_TO] = { "Refer-To", 'r' },
	[SIPHDR_REQUIRE] = { "Require", 0 },
	[SIPHDR_RETRY_AFTER] = { "Retry-After", 0 },
	[SIPHDR_ROUTE] = { "Route", 0 },
	[SIPHDR_SUBJECT] = { "Subject", 's' },
	[SIPHDR_SUPPORTED] = { "Supported", 'k' },
	[SIPHDR_TO] = { "To", 't' },
	[SIPHDR_UNSUPPORTED] = { "Unsupported", 0 },
	[SIPHDR_VIA] = { "Via", 'v' },
	[SIPHDR_WARNING] = { "Warning", 0 },
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
		if (pl_caseeq_str(name, hdr_tab[i].name))
			return (enum siphdr_id)i;
	return SIPHDR_OTHER;
}
