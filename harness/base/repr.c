/*
 * repr.c - the escaper for untrusted bytes in reports (see repr.h for
 * the policy and why).  Modelled on redis sdscatrepr(), extended with
 * strict UTF-8 validation (RFC 3629 §4: no overlongs, no surrogates,
 * nothing above U+10FFFF) and a short list of characters shown as their
 * bytes, because XML 1.0 (§2.2 Char), YAML 1.1 (§5.1 printable, and
 * libyaml's block styles) and some report viewers refuse what sdscatrepr
 * would let through.
 */
#include "base/repr.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void repr_init(struct repr *r)
{
	r->s = NULL;
	r->len = 0;
	r->cap = 0;
	r->err = 0;
}

/* Make room for extra more bytes plus the NUL. */
static int grow(struct repr *r, size_t extra)
{
	size_t need, cap;
	char *s;

	if (r->err)
		return r->err;
	/* Catch size_t overflow */
	if (extra > SIZE_MAX / 2 - r->len - 1) {
		r->err = ENOMEM;
		return r->err;
	}
	need = r->len + extra + 1;
	if (need <= r->cap)
		return 0;
	cap = r->cap ? r->cap : 64;
	while (cap < need)
		cap *= 2;
	s = realloc(r->s, cap);
	if (!s) {
		r->err = ENOMEM;
		return r->err;
	}
	r->s = s;
	r->cap = cap;
	r->s[r->len] = '\0';
	return 0;
}

int repr_raw(struct repr *r, const char *p, size_t n)
{
	if (grow(r, n))
		return r->err;
	if (n)
		memcpy(r->s + r->len, p, n);
	r->len += n;
	r->s[r->len] = '\0';
	return 0;
}

int repr_lit(struct repr *r, const char *s)
{
	return repr_raw(r, s ? s : "", s ? strlen(s) : 0);
}

int repr_ulong(struct repr *r, unsigned long v)
{
	char tmp[24];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	return repr_raw(r, tmp + i, sizeof(tmp) - i);
}

static int hexbyte(struct repr *r, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

	return repr_raw(r, e, sizeof(e));
}

/*
 * Length of the valid UTF-8 sequence starting at p (n bytes available),
 * storing its code point in *cp; 0 if the sequence is invalid.
 */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (p[0] < 0xc2)        /* continuation byte or overlong 2-byte lead */
		return 0;
	else if (p[0] < 0xe0) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] < 0xf0) {
		len = 3;
		c = p[0] & 0x0f;
	} else if (p[0] < 0xf5) {
		len = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/*
 * Is the (valid) code point shown as itself?  Only visible characters of
 * the BMP from U+00A0 up; escaped: C1 controls, every character outside
 * the BMP (libyaml double-quotes a scalar holding one, as \UXXXXXXXX),
 * and what is invisible or changes how the text around it is shown or
 * read: soft hyphen, Arabic letter mark, Mongolian vowel separator,
 * zero-width and bidi marks, U+2028/U+2029, bidi embeddings, overrides
 * and isolates, invisible operators, variation selectors, private use,
 * noncharacters, the BOM, and the specials block (U+FFF0-U+FFFF: the
 * replacement character U+FFFD among them, which some consumers choke on).
 */
static int cp_shown(uint32_t c)
{
	if (c < 0xa0 || c > 0xffff)
		return 0;
	return !(c == 0xad || c == 0x61c || c == 0x180e ||
		 (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
		 (c >= 0x2060 && c <= 0x206f) || (c >= 0xe000 && c <= 0xf8ff) ||
		 (c >= 0xfdd0 && c <= 0xfdef) || (c >= 0xfe00 && c <= 0xfe0f) ||
		 c == 0xfeff || c >= 0xfff0);
}

int repr_cat(struct repr *r, const void *vp, size_t n, unsigned flags)
{
	const unsigned char *p = vp;
	size_t i, len, rest = 0;
	uint32_t cp;

	if (r->err)
		return r->err;
	if (!p)
		n = 0;
	if (n > REPR_MAX_IN) {
		rest = n - REPR_MAX_IN;
		n = REPR_MAX_IN;
	}
	/* Make sure the string exists even when nothing is appended. */
	if (grow(r, 0))
		return r->err;
	for (i = 0; i < n && !r->err; i++) {
		unsigned char c = p[i];

		switch (c) {
		case '\\':
			repr_raw(r, "\\\\", 2);
			continue;
		case '\n':
			repr_raw(r, (flags & REPR_LINES) ? "\\n\n" : "\\n",
				 (flags & REPR_LINES) ? 3 : 2);
			continue;
		case '\r':
			if (i + 1 < n && p[i + 1] == '\n') {
				repr_raw(r, (flags & REPR_LINES) ? "\\r\\n\n" : "\\r\\n",
					 (flags & REPR_LINES) ? 5 : 4);
				i++;
			} else
				repr_raw(r, "\\r", 2);
			continue;
		case '\t':
			repr_raw(r, "\\t", 2);
			continue;
		case '#':
			if (flags & REPR_TAP)
				repr_raw(r, "\\#", 2);
			else
				repr_raw(r, "#", 1);
			continue;
		case ' ':
			if (i == 0 || (i == n - 1 && !rest))
				hexbyte(r, c);
			else
				repr_raw(r, " ", 1);
			continue;
		default:
			break;
		}
		if (c < 0x20 || c == 0x7f) {
			hexbyte(r, c);
			continue;
		}
		if (c < 0x80) {
			repr_raw(r, (const char *)&p[i], 1);
			continue;
		}
		len = utf8_seq(p + i, n - i, &cp);
		if (!len) {
			hexbyte(r, c);
			continue;
		}
		if (!cp_shown(cp)) {
			size_t k;

			for (k = 0; k < len; k++)
				hexbyte(r, p[i + k]);
		} else
			repr_raw(r, (const char *)p + i, len);
		i += len - 1;
	}
	if (rest) {
		repr_lit(r, "...[");
		repr_ulong(r, (unsigned long)rest);
		repr_lit(r, " more bytes]");
	}
	return r->err;
}

int repr_cats(struct repr *r, const char *s, unsigned flags)
{
	return repr_cat(r, s, s ? strlen(s) : 0, flags);
}

char *repr_detach(struct repr *r)
{
	char *s = NULL;

	if (!r->err && !grow(r, 0))
		s = r->s;
	else
		free(r->s);
	repr_init(r);
	return s;
}

void repr_reset(struct repr *r)
{
	free(r->s);
	repr_init(r);
}

char *repr_seconds(char out[32], double s)
{
	uint64_t ms, ip;
	char tmp[24];
	size_t i = sizeof(tmp), o = 0;
	unsigned frac;

	if (isnan(s) || s < 0)
		s = 0;
	if (s > 999999999.999)
		s = 999999999.999;
	ms = (uint64_t)(s * 1000.0 + 0.5);
	ip = ms / 1000;
	frac = (unsigned)(ms % 1000);
	/* Integer digits only: no locale decimal point can get in. */
	do {
		tmp[--i] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip && i > 0);
	while (i < sizeof(tmp))
		out[o++] = tmp[i++];
	out[o++] = '.';
	out[o++] = (char)('0' + frac / 100);
	out[o++] = (char)('0' + frac / 10 % 10);
	out[o++] = (char)('0' + frac % 10);
	out[o] = '\0';
	return out;
}

char *repr_dup(const void *p, size_t n, unsigned flags)
{
	struct repr r;

	repr_init(&r);
	repr_cat(&r, p, n, flags);
	return repr_detach(&r);
}

char *repr_dups(const char *s, unsigned flags)
{
	return repr_dup(s, s ? strlen(s) : 0, flags);
}
