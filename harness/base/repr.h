/*
 * repr.h - one escaper for untrusted bytes in reports (sdscatrepr-style).
 *
 * Both reporters (report_junit.c, report_tap.c) render every byte that came
 * from a device under test or a suite file through repr_cat(), so that the
 * output is always valid UTF-8, holds no C0 control byte, no DEL, no C1
 * control, no U+2028/U+2029/U+FEFF/U+FFFE/U+FFFF, and nothing it renders
 * can end a TAP line or an XML 1.0 text node early:
 *
 *   '\\'                -> \\            (so the rendering is unambiguous)
 *   CR LF               -> \r\n          (+ a real LF with REPR_LINES)
 *   LF                  -> \n            (+ a real LF with REPR_LINES)
 *   CR, HT              -> \r, \t
 *   other C0, DEL       -> \xNN
 *   '#' (REPR_TAP only) -> \#            (a TAP directive cannot be forged)
 *   SP as first or last byte -> \x20     (YAML/XML token trimming cannot eat it)
 *   valid UTF-8         -> copied, except the code points above: \xNN per byte
 *   invalid UTF-8 byte  -> \xNN          (overlong, surrogate, > U+10FFFF, cut)
 *
 * With REPR_LINES every real LF in the output is preceded by a visible
 * "\n" escape, so no output line is empty or ends in white space: a SIP
 * message stays readable line by line and fits a YAML literal block.
 *
 * At most REPR_MAX_IN input bytes are rendered per call; the rest is
 * summarised as "...[N more bytes]".
 */
#ifndef SIPCONFORM_REPR_H
#define SIPCONFORM_REPR_H

#include <stddef.h>

enum {
	REPR_LINES = 1 << 0,    /* keep line structure: real LF after \n */
	REPR_TAP   = 1 << 1,    /* also escape '#' */
};

#define REPR_MAX_IN ((size_t)1 << 20)

/**
 * Growable NUL-terminated string.  Zero-initialise it (or repr_init).
 * The first allocation failure is sticky: later calls do nothing and
 * return ENOMEM, so a caller may check once at the end.
 */
struct repr {
	char *s;        /* NUL-terminated when len > 0 or after repr_detach */
	size_t len;
	size_t cap;
	int err;
};

void repr_init(struct repr *r);
/** Append n untrusted bytes, escaped.  p may be NULL when n is 0. @return 0 or ENOMEM */
int repr_cat(struct repr *r, const void *p, size_t n, unsigned flags);
/** Same for a NUL-terminated string; NULL appends nothing. */
int repr_cats(struct repr *r, const char *s, unsigned flags);
/** Append n trusted bytes verbatim (the caller's own text). */
int repr_raw(struct repr *r, const char *p, size_t n);
/** Append a trusted NUL-terminated string verbatim. */
int repr_lit(struct repr *r, const char *s);
/** Append an unsigned number in decimal. */
int repr_ulong(struct repr *r, unsigned long v);
/**
 * Take the string (malloc'ed, NUL-terminated, "" when empty) and reset r.
 * @return the string, or NULL on ENOMEM (r is reset either way)
 */
char *repr_detach(struct repr *r);
/** Free the string and reset r. */
void repr_reset(struct repr *r);

/**
 * Format seconds as "%.3f" with a dot whatever the process locale
 * (integer arithmetic only).  Negative and NaN give "0.000"; values are
 * clamped to 999999999.999.  @return out
 */
char *repr_seconds(char out[32], double s);

/** Heap copy of repr_cat(p, n, flags) alone; NULL on ENOMEM. */
char *repr_dup(const void *p, size_t n, unsigned flags);
/** Same for a NUL-terminated string (NULL gives ""). */
char *repr_dups(const char *s, unsigned flags);

#endif
