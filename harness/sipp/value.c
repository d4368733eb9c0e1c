/*
 * value.c - sipp_value_safe(): a value SIPp takes verbatim.
 *
 * SIPp pastes a -key value into the request text, and it substitutes
 * every "[name]" it finds in a scenario line after that, so a value may
 * change the request's framing (CR, LF) or pull in SIPp's own data
 * ("[last_Via:]", "[field0]").  Only an IPv6 host reference may use
 * brackets; no SIPp keyword is a valid IPv6 literal.
 */
#include "sipp/value.h"

#include "base/chars.h"
#include "base/pl.h"
#include "sip/msg.h"

/*
 * Length of the IPv6 reference "[addr]" at s[i] (s[i] == '['), or 0 if
 * there is none.  It must stand where a host can: at the start, after
 * '@', or right after "scheme:"; be a valid IPv6 reference (sip/); and
 * be followed by the end, ':', ';', '?' or '>'.
 */
static size_t ipv6_ref_len(const char *s, size_t i)
{
	size_t j;

	if (!(i == 0 || s[i - 1] == '@' ||
	      (s[i - 1] == ':' && chars_is_scheme(s, i - 1))))
		return 0;
	for (j = i + 1; s[j] && s[j] != ']'; j++)
		if (j - i > 64)
			return 0;
	if (s[j] != ']')
		return 0;
	if (!siphost_valid((struct pl){ s + i, j - i + 1 }))
		return 0;
	if (s[j + 1] && !chars_in((unsigned char)s[j + 1], ":;?>"))
		return 0;
	return j - i + 1;
}

bool sipp_value_safe(const char *s, const char **why, size_t *at)
{
	const char *w = NULL;
	size_t i, k;

	if (!s) {
		w = "is missing";
		i = 0;
		goto out;
	}
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= SIPP_VALUE_MAX) {
			w = "is longer than 1024 bytes";
			goto out;
		}
		if (c == '\r' || c == '\n') {
			w = "contains a line break (CR/LF): it would change "
			    "the request's framing";
			goto out;
		}
		if (chars_is_ctl(c)) {
			w = c == '\t' ? "contains a TAB (control byte 0x09)"
				      : "contains a control byte";
			goto out;
		}
		/* C1 controls U+0080..U+009F (NEL is a YAML line break) */
		if (c == 0xc2 && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			w = "contains a C1 control character";
			goto out;
		}
		if (c == ']') {
			w = "contains ']' outside an IPv6 reference: SIPp "
			    "treats '[...]' as a keyword";
			goto out;
		}
		if (c == '[') {
			k = ipv6_ref_len(s, i);
			if (!k) {
				w = "contains '[': SIPp would substitute "
				    "'[keyword]' syntax (only an IPv6 host "
				    "such as sip:alice@[::1] may use brackets)";
				goto out;
			}
			/* the skip must not step over the length limit */
			if (i + k > SIPP_VALUE_MAX) {
				w = "is longer than 1024 bytes";
				i = SIPP_VALUE_MAX;
				goto out;
			}
			i += k - 1;
		}
	}
out:
	if (w) {
		if (why)
			*why = w;
		if (at)
			*at = i;
		return false;
	}
	return true;
}
