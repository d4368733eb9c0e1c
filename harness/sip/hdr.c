/*
 * hdr.c - SIP header names (see hdr.h).
 *
 *   header-name = token; compared case-insensitively (§7.3.1)
 *   compact form = one letter (§7.3.3, §20), e.g. "m" = Contact
 *
 * A name that merely looks like a known one after %-unescaping
 * ("C%6Fntact", RFC 4475 §3.1.1.5) is not that header: header names are
 * not escaped.
 *
 * Lookup: a switch on the name's length and first letter (folded) gives
 * the one known name it can be, confirmed by one compare (hdr_candidate).
 */
#include "sip/hdr.h"

/* names with their lengths: an error context labels with them, no strlen */
static const struct pl hdr_tab[SIPHDR__COUNT] = {
	[SIPHDR_OTHER] = PL(""),
	[SIPHDR_ACCEPT] = PL("Accept"),
	[SIPHDR_ALLOW] = PL("Allow"),
	[SIPHDR_ALLOW_EVENTS] = PL("Allow-Events"),
	[SIPHDR_CALL_ID] = PL("Call-ID"),
	[SIPHDR_CONTACT] = PL("Contact"),
	[SIPHDR_CONTENT_ENCODING] = PL("Content-Encoding"),
	[SIPHDR_CONTENT_LENGTH] = PL("Content-Length"),
	[SIPHDR_CONTENT_TYPE] = PL("Content-Type"),
	[SIPHDR_CSEQ] = PL("CSeq"),
	[SIPHDR_EVENT] = PL("Event"),
	[SIPHDR_EXPIRES] = PL("Expires"),
	[SIPHDR_FROM] = PL("From"),
	[SIPHDR_MAX_FORWARDS] = PL("Max-Forwards"),
	[SIPHDR_RECORD_ROUTE] = PL("Record-Route"),
	[SIPHDR_REFER_TO] = PL("Refer-To"),
	[SIPHDR_REQUIRE] = PL("Require"),
	[SIPHDR_RETRY_AFTER] = PL("Retry-After"),
	[SIPHDR_ROUTE] = PL("Route"),
	[SIPHDR_SUBJECT] = PL("Subject"),
	[SIPHDR_SUPPORTED] = PL("Supported"),
	[SIPHDR_TO] = PL("To"),
	[SIPHDR_UNSUPPORTED] = PL("Unsupported"),
	[SIPHDR_VIA] = PL("Via"),
	[SIPHDR_WARNING] = PL("Warning"),
};

/* Compact forms (§7.3.3, §20) by letter - 'a'. */
static const unsigned char hdr_compact[26] = {
	['c' - 'a'] = SIPHDR_CONTENT_TYPE,
	['e' - 'a'] = SIPHDR_CONTENT_ENCODING,
	['f' - 'a'] = SIPHDR_FROM,
	['i' - 'a'] = SIPHDR_CALL_ID,
	['k' - 'a'] = SIPHDR_SUPPORTED,
	['l' - 'a'] = SIPHDR_CONTENT_LENGTH,
	['m' - 'a'] = SIPHDR_CONTACT,
	['o' - 'a'] = SIPHDR_EVENT,
	['r' - 'a'] = SIPHDR_REFER_TO,
	['s' - 'a'] = SIPHDR_SUBJECT,
	['t' - 'a'] = SIPHDR_TO,
	['u' - 'a'] = SIPHDR_ALLOW_EVENTS,
	['v' - 'a'] = SIPHDR_VIA,
};

const char *siphdr_name(enum siphdr_id id)
{
	if ((int)id < 0 || id >= SIPHDR__COUNT)
		return "";
	return hdr_tab[id].p;
}

struct pl siphdr_name_pl(enum siphdr_id id)
{
	if ((int)id < 0 || id >= SIPHDR__COUNT)
		return hdr_tab[SIPHDR_OTHER];
	return hdr_tab[id];
}

/* ASCII letters folded to lower case; every other byte as is. */
static inline int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*
 * The only known name a token of this length and (folded) first two
 * letters can be: no two known names share length and first letter, but
 * for Call-ID and Contact, which the second letter tells apart.
 */
static enum siphdr_id hdr_candidate(size_t len, int c, int c2)
{
	switch (len) {
	case 2:
		return c == 't' ? SIPHDR_TO : SIPHDR_OTHER;
	case 3:
		return c == 'v' ? SIPHDR_VIA : SIPHDR_OTHER;
	case 4:
		return c == 'c' ? SIPHDR_CSEQ : c == 'f' ? SIPHDR_FROM : SIPHDR_OTHER;
	case 5:
		return c == 'a' ? SIPHDR_ALLOW : c == 'e' ? SIPHDR_EVENT :
		       c == 'r' ? SIPHDR_ROUTE : SIPHDR_OTHER;
	case 6:
		return c == 'a' ? SIPHDR_ACCEPT : SIPHDR_OTHER;
	case 7:
		switch (c) {
		case 'c': return c2 == 'a' ? SIPHDR_CALL_ID : SIPHDR_CONTACT;
		case 'e': return SIPHDR_EXPIRES;
		case 'r': return SIPHDR_REQUIRE;
		case 's': return SIPHDR_SUBJECT;
		case 'w': return SIPHDR_WARNING;
		}
		return SIPHDR_OTHER;
	case 8:
		return c == 'r' ? SIPHDR_REFER_TO : SIPHDR_OTHER;
	case 9:
		return c == 's' ? SIPHDR_SUPPORTED : SIPHDR_OTHER;
	case 11:
		return c == 'r' ? SIPHDR_RETRY_AFTER : c == 'u' ? SIPHDR_UNSUPPORTED :
		       SIPHDR_OTHER;
	case 12:
		switch (c) {
		case 'a': return SIPHDR_ALLOW_EVENTS;
		case 'c': return SIPHDR_CONTENT_TYPE;
		case 'm': return SIPHDR_MAX_FORWARDS;
		case 'r': return SIPHDR_RECORD_ROUTE;
		}
		return SIPHDR_OTHER;
	case 14:
		return c == 'c' ? SIPHDR_CONTENT_LENGTH : SIPHDR_OTHER;
	case 16:
		return c == 'c' ? SIPHDR_CONTENT_ENCODING : SIPHDR_OTHER;
	}
	return SIPHDR_OTHER;
}

/*
 * One switch on length and first letter picks the single candidate, one
 * case-insensitive compare confirms it: no scan of the table, no strlen.
 */
enum siphdr_id siphdr_lookup(struct pl name)
{
	const char *known;
	enum siphdr_id id;
	int c;

	if (!name.p || name.l == 0)
		return SIPHDR_OTHER;
	c = lower((unsigned char)name.p[0]);
	if (name.l == 1)
		return c >= 'a' && c <= 'z' ? (enum siphdr_id)hdr_compact[c - 'a'] : SIPHDR_OTHER;
	id = hdr_candidate(name.l, c, lower((unsigned char)name.p[1]));
	if (id == SIPHDR_OTHER)
		return SIPHDR_OTHER;
	/* Known names are letters and '-': k = known[i] | 0x20 is its lower
	 * case; folding the input byte the same way is exact only where k is
	 * a letter (CR | 0x20 is '-'), so only there is it folded. */
	known = hdr_tab[id].p;
	for (size_t i = 1; i < name.l; i++) {
		int k = (unsigned char)known[i] | 0x20, b = (unsigned char)name.p[i];

		if ((k >= 'a' ? b | 0x20 : b) != k)
			return SIPHDR_OTHER;
	}
	return id;
}
