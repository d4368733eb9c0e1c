/*
 * ectx.c - the error context of the SIP parser (see sip_impl.h): turns
 * "this rule broke at this byte" into struct sipmsg_err, e.g.
 * "Contact: line 7 col 10: unterminated '<'".
 *
 * Positions: line = 1 + number of LF before the byte, col = 1 + bytes
 * since the last LF, both counted in the message when the byte lies in
 * it, else in the string being parsed (sipuri_parse() and friends).
 */
#include "sip/sip_impl.h"

#include <stdarg.h>
#include <stdio.h>

const char *ectx_show(char c, char buf[8])
{
	unsigned char u = (unsigned char)c;

	if (u > 0x20 && u < 0x7f && u != '\'')
		snprintf(buf, 8, "'%c'", u);
	else
		snprintf(buf, 8, "0x%02x", u);
	return buf;
}

void ectx_pos(const char *base, size_t len, const char *at, size_t *line,
	      size_t *col)
{
	const char *p, *ls;
	size_t ln = 1;

	*line = 0;
	*col = 0;
	if (!base || !at || at < base || at > base + len)
		return;
	ls = base;
	for (p = base; p < at; p++) {
		if (*p == '\n') {
			ln++;
			ls = p + 1;
		}
	}
	*line = ln;
	*col = (size_t)(at - ls) + 1;
}

int ectx_fail(const struct ectx *c, const char *at, int e, const char *fmt, ...)
{
	struct sipmsg_err *er = c->err;
	char why[160];
	size_t line = 0, col = 0, off = 0;
	va_list ap;

	if (!er)
		return e;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (c->msg && at) {
		sipmsg_pos(c->msg, at, &line, &col);
		if (line)
			off = (size_t)(at - c->msg->raw.p);
	}
	if (!line && c->base.p && at) {
		ectx_pos(c->base.p, c->base.l, at, &line, &col);
		if (line)
			off = (size_t)(at - c->base.p);
	}
	er->at = line ? at : NULL;
	er->off = off;
	er->line = line;
	er->col = col;
	if (line)
		snprintf(er->what, sizeof(er->what),
			 "%.*s: line %zu col %zu: %s%s",
			 (int)(c->label.l > 48 ? 48 : c->label.l),
			 c->label.p ? c->label.p : "", line, col,
			 c->sub ? c->sub : "", why);
	else
		snprintf(er->what, sizeof(er->what), "%.*s: %s%s",
			 (int)(c->label.l > 48 ? 48 : c->label.l),
			 c->label.p ? c->label.p : "", c->sub ? c->sub : "",
			 why);
	return e;
}
