/*
 * diag.h - where an input problem is, and what it is.
 *
 * The failing stage fills a struct diag; main prints it once as
 * "FILE:LINE:COL: what is wrong" (diag_print).  line/col are 1-based;
 * 0 means "not known" and is left out of the text.
 */
#ifndef SIPCONFORM_DIAG_H
#define SIPCONFORM_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct diag {
	char file[512];
	size_t line;
	size_t col;
	char msg[512];
};

#if defined(__GNUC__)
#define DIAG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DIAG_PRINTF(a, b)
#endif

/** Fill dg (if not NULL).  @return EBADMSG, so callers can "return diag_set(...)". */
int diag_set(struct diag *dg, const char *file, size_t line, size_t col,
	     const char *fmt, ...) DIAG_PRINTF(5, 6);
/** "file:line:col: msg" into buf. */
void diag_format(const struct diag *dg, char *buf, size_t size);
/** Print "file:line:col: msg\n" to fp. */
void diag_print(const struct diag *dg, FILE *fp);

/**
 * Append one more reason to the line in buf (NUL-terminated, of size
 * bytes), joined by "; ": the "could not be judged" line of a test.  What
 * does not fit is cut; once full, nothing more is added.
 */
void diag_vappend(char *buf, size_t size, const char *fmt, va_list ap) DIAG_PRINTF(3, 0);

/** The one place that turns a harness errno value into words. */
const char *err_str(int err);

#endif
