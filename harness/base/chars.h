/*
 * chars.h - the character classes of the SIP grammar (RFC 3261 §25.1).
 *
 * One definition for every stage: the SIP parser (sip/), the suite loader
 * and the SIPp value check all ask here.  Each takes an int holding an
 * unsigned char value (or EOF-like negatives, which are in no class).
 *
 *   ALPHA DIGIT HEXDIG            RFC 2234 core rules
 *   alphanum  = ALPHA / DIGIT
 *   token     = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
 *   mark      = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
 *   unreserved = alphanum / mark
 *   reserved  = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / ","
 *   user-unreserved  = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
 *   password  = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
 *   param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
 *   hnv-unreserved   = "[" / "]" / "/" / "?" / ":" / "+" / "$"
 *   word      = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" /
 *                  "~" / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" /
 *                  "]" / "?" / "{" / "}")
 *   WSP = SP / HTAB;  LWS characters: SP, HTAB, CR, LF
 *   host byte = alphanum / "-" / "."  (hostname, IPv4address)
 *   scheme    = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )   (RFC 3986 §3.1)
 */
#ifndef SIPCONFORM_CHARS_H
#define SIPCONFORM_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/*
 * The classes are bits of one 256-entry table: a parser's inner loop asks
 * one load and one AND per byte instead of a chain of comparisons or a
 * strchr().  The table was generated from the ABNF lists above;
 * check_chars.c compares every class, byte by byte, with those lists.
 * Bytes 0x80..0xff are in no class; NUL is only a CTL.
 */
#define CHARS_ALPHA      0x0001u
#define CHARS_DIGIT      0x0002u
#define CHARS_HEX        0x0004u
#define CHARS_TOKEN      0x0008u
#define CHARS_UNRESERVED 0x0010u
#define CHARS_RESERVED   0x0020u
#define CHARS_USER       0x0040u
#define CHARS_PASSWORD   0x0080u
#define CHARS_PARAM      0x0100u
#define CHARS_HNV        0x0200u
#define CHARS_WORD       0x0400u
#define CHARS_SCHEME     0x0800u /* a scheme character after the first */
#define CHARS_WSP        0x1000u
#define CHARS_LWS        0x2000u
#define CHARS_CTL        0x4000u
#define CHARS_HOST       0x8000u /* a hostname / IPv4address byte */

static const unsigned short chars_tab[256] = {
	/* 0x00 */ 0x4000, 0x4000, 0x4000, 0x4000, 0x4000, 0x4000, 0x4000, 0x4000,
	           0x4000, 0x7000, 0x6000, 0x4000, 0x4000, 0x6000, 0x4000, 0x4000,
	/* 0x10 */ 0x4000, 0x4000, 0x4000, 0x4000, 0x4000, 0x4000, 0x4000, 0x4000,
	           0x4000, 0x4000, 0x4000, 0x4000, 0x4000, 0x4000, 0x4000, 0x4000,
	/* 0x20 */ 0x3000, 0x07d8, 0x0400, 0x0000, 0x03e0, 0x0408, 0x01e0, 0x07d8,
	           0x07d0, 0x07d0, 0x07d8, 0x0fe8, 0x00e0, 0x8fd8, 0x8fd8, 0x0760,
	/* 0x30 */ 0x8fde, 0x8fde, 0x8fde, 0x8fde, 0x8fde, 0x8fde, 0x8fde, 0x8fde,
	           0x8fde, 0x8fde, 0x0720, 0x0060, 0x0400, 0x00e0, 0x0400, 0x0660,
	/* 0x40 */ 0x0020, 0x8fdd, 0x8fdd, 0x8fdd, 0x8fdd, 0x8fdd, 0x8fdd, 0x8fd9,
	           0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9,
	/* 0x50 */ 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9,
	           0x8fd9, 0x8fd9, 0x8fd9, 0x0700, 0x0400, 0x0700, 0x0000, 0x07d8,
	/* 0x60 */ 0x0408, 0x8fdd, 0x8fdd, 0x8fdd, 0x8fdd, 0x8fdd, 0x8fdd, 0x8fd9,
	           0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9,
	/* 0x70 */ 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9, 0x8fd9,
	           0x8fd9, 0x8fd9, 0x8fd9, 0x0400, 0x0000, 0x0400, 0x07d8, 0x4000,
};

/** c (an unsigned char value, or negative) is in one of the classes in bits. */
static inline bool chars_has(int c, unsigned bits)
{
	return (unsigned)c < 256 && (chars_tab[c] & bits) != 0;
}

/** c is in the set; NUL and non-ASCII never are (the set is a C string). */
static inline bool chars_in(int c, const char *set)
{
	return c > 0 && c < 0x80 && strchr(set, c) != NULL;
}

static inline bool chars_is_alpha(int c)
{
	return chars_has(c, CHARS_ALPHA);
}

static inline bool chars_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool chars_is_alnum(int c)
{
	return chars_has(c, CHARS_ALPHA | CHARS_DIGIT);
}

static inline bool chars_is_hex(int c)
{
	return chars_has(c, CHARS_HEX);
}

/** Value of a hex digit (the caller has checked chars_is_hex). */
static inline int chars_hexval(int c)
{
	if (chars_is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

static inline bool chars_is_wsp(int c)
{
	return c == ' ' || c == '\t';
}

static inline bool chars_is_lws(int c)
{
	return chars_has(c, CHARS_LWS);
}

/** C0 control or DEL. */
static inline bool chars_is_ctl(int c)
{
	return chars_has(c, CHARS_CTL);
}

static inline bool chars_is_token(int c)
{
	return chars_has(c, CHARS_TOKEN);
}

static inline bool chars_is_unreserved(int c)
{
	return chars_has(c, CHARS_UNRESERVED);
}

static inline bool chars_is_reserved(int c)
{
	return chars_has(c, CHARS_RESERVED);
}

static inline bool chars_is_user(int c)
{
	return chars_has(c, CHARS_USER);
}

static inline bool chars_is_password(int c)
{
	return chars_has(c, CHARS_PASSWORD);
}

static inline bool chars_is_param(int c)
{
	return chars_has(c, CHARS_PARAM);
}

static inline bool chars_is_hnv(int c)
{
	return chars_has(c, CHARS_HNV);
}

static inline bool chars_is_word(int c)
{
	return chars_has(c, CHARS_WORD);
}

/** A byte of a hostname or IPv4address: alphanum / "-" / ".". */
static inline bool chars_is_host(int c)
{
	return chars_has(c, CHARS_HOST);
}

/** A character after the first of a scheme: ALPHA / DIGIT / "+" / "-" / ".". */
static inline bool chars_is_scheme_char(int c)
{
	return chars_has(c, CHARS_SCHEME);
}

/** s[0..n) is a URI scheme. */
static inline bool chars_is_scheme(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !chars_is_alpha((unsigned char)s[0]))
		return false;
	for (i = 1; i < n; i++)
		if (!chars_is_scheme_char((unsigned char)s[i]))
			return false;
	return true;
}

#endif
