/*
 * repr.h - the one escaper for untrusted bytes in reports (sdscatrepr-style).
 *
 * The policy, the same in every report format (JUnit, TAP, JSON, HTML:
 * each renders every byte that came from a device under test or a suite
 * file through repr_cat(), then applies its own syntax escaping):
 * printable ASCII, line ends and visible characters are kept; every other
 * byte is shown as a visible \xNN escape, one per byte:
 *
 *   printable ASCII (0x20-0x7e) -> copied, except:
 *     '\\'              -> \\            (so the rendering is unambiguous)
 *     '#' (REPR_TAP)    -> \#            (a TAP directive cannot be forged)
 *     SP first or last  -> \x20          (YAML/XML token trimming cannot eat it)
 *   CR LF               -> \r\n          (+ a real LF with REPR_LINES)
 *   LF                  -> \n            (+ a real LF with REPR_LINES)
 *   CR, HT              -> \r, \t
 *   NUL, other C0, DEL  -> \xNN
 *   valid UTF-8 of a visible BMP character from U+00A0 -> copied
 *   every other byte >= 0x80 -> \xNN     (invalid UTF-8: overlong, surrogate,
 *                                         > U+10FFFF, cut; and valid UTF-8 of
 *                                         C1 controls, anything outside the BMP
 *                                         (emoji), U+FFFD and the U+FFF0-FFFF
 *                                         specials, the BOM, noncharacters,
 *                                         private use, variation selectors, and
 *                                         what is invisible or reorders text:
 *                                         soft hyphen, zero-width and bidi marks,
 *                                         embeddings, overrides, isolates,
 *                                         U+2028/U+2029)
 *
 * So the output is valid UTF-8 without a control byte but LF, every
 * character it shows is one a reader sees and no character can hide or
 * reorder the text around it (a display name "Jos\xc3\xa9" stays "José",
 * a bidi override stays \xe2\x80\xae); it never holds U+FFFD (some
 * viewers crash on it: a U+FFFD the SUT sent shows as \xef\xbf\xbd); and
 * it holds only characters libyaml writes as they are, so a SIP message
 * stays a YAML literal block (libyaml double-quotes a scalar with any
 * character outside the BMP, writing it as \U0001F642).  The harness's
 * own reasons ("§21.4.6") go through it too, and keep their "§".
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
/**
 * Append n untrusted bytes, escaped by the policy above (this function
 * is the policy: every reporter calls it).  p may be NULL when n is 0.
 * @return 0 or ENOMEM
 */
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
