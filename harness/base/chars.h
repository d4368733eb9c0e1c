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
 *   scheme    = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )   (RFC 3986 §3.1)
 */
#ifndef SIPCONFORM_CHARS_H
#define SIPCONFORM_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static inline bool chars_in(int c, const char *set)
{
	return c > 0 && c < 0x80 && strchr(set, c) != NULL;
}

static inline bool chars_is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool chars_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool chars_is_alnum(int c)
{
	return chars_is_alpha(c) || chars_is_digit(c);
}

static inline bool chars_is_hex(int c)
{
	return chars_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
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
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/** C0 control or DEL. */
static inline bool chars_is_ctl(int c)
{
	return (c >= 0 && c < 0x20) || c == 0x7f;
}

static inline bool chars_is_token(int c)
{
	return chars_is_alnum(c) || chars_in(c, "-.!%*_+`'~");
}

static inline bool chars_is_unreserved(int c)
{
	return chars_is_alnum(c) || chars_in(c, "-_.!~*'()");
}

static inline bool chars_is_reserved(int c)
{
	return chars_in(c, ";/?:@&=+$,");
}

static inline bool chars_is_user(int c)
{
	return chars_is_unreserved(c) || chars_in(c, "&=+$,;?/");
}

static inline bool chars_is_password(int c)
{
	return chars_is_unreserved(c) || chars_in(c, "&=+$,");
}

static inline bool chars_is_param(int c)
{
	return chars_is_unreserved(c) || chars_in(c, "[]/:&+$");
}

static inline bool chars_is_hnv(int c)
{
	return chars_is_unreserved(c) || chars_in(c, "[]/?:+$");
}

static inline bool chars_is_word(int c)
{
	return chars_is_alnum(c) || chars_in(c, "-.!%*_+`'~()<>:\\\"/[]?{}");
}

/** A character after the first of a scheme: ALPHA / DIGIT / "+" / "-" / ".". */
static inline bool chars_is_scheme_char(int c)
{
	return chars_is_alnum(c) || c == '+' || c == '-' || c == '.';
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
