/* diag.c - input diagnostics and error words (see diag.h). */
#include "base/diag.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

int diag_set(struct diag *dg, const char *file, size_t line, size_t col,
	     const char *fmt, ...)
{
	va_list ap;

	if (!dg)
		return EBADMSG;
	snprintf(dg->file, sizeof(dg->file), "%s", file ? file : "");
	dg->line = line;
	dg->col = col;
	va_start(ap, fmt);
	vsnprintf(dg->msg, sizeof(dg->msg), fmt, ap);
	va_end(ap);
	return EBADMSG;
}

void diag_format(const struct diag *dg, char *buf, size_t size)
{
	if (dg->line && dg->col)
		snprintf(buf, size, "%s:%zu:%zu: %s", dg->file, dg->line,
			 dg->col, dg->msg);
	else if (dg->line)
		snprintf(buf, size, "%s:%zu: %s", dg->file, dg->line, dg->msg);
	else if (dg->file[0])
		snprintf(buf, size, "%s: %s", dg->file, dg->msg);
	else
		snprintf(buf, size, "%s", dg->msg);
}

void diag_print(const struct diag *dg, FILE *fp)
{
	char buf[1100];

	diag_format(dg, buf, sizeof(buf));
	fprintf(fp, "%s\n", buf);
}

const char *err_str(int err)
{
	switch (err) {
	case 0:         return "success";
	case EINVAL:    return "invalid argument";
	case EBADMSG:   return "malformed input";
	case ENODATA:   return "truncated input";
	case EPROTO:    return "protocol error";
	case ETIMEDOUT: return "timed out";
	case ENOENT:    return "not found";
	case ENOMEM:    return "out of memory";
	case EADDRINUSE: return "address in use";
	case E2BIG:     return "input too large";
	default:        return strerror(err);
	}
}

void diag_vappend(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t l = strnlen(buf, size);

	if (l + 3 >= size)
		return;
	if (l) {
		memcpy(buf + l, "; ", 3);
		l += 2;
	}
	vsnprintf(buf + l, size - l, fmt, ap);
}
