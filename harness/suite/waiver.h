/*
 * waiver.h - known failures a lab has accepted, for a while.
 *
 * A waiver names a check id (or glob), a test id glob, a reason and an
 * expiry date.  A failure it covers is reported as skipped with that
 * reason; an expired waiver, or one that matches nothing by the end of
 * the run, is reported loudly and hides nothing.
 *
 * File format (YAML):
 *   waivers:
 *     - check: RFC3261-21.4.6-ALLOW-MATCHES-OPTIONS   # id, or fnmatch glob
 *       test: "bob-*"                                  # fnmatch glob on test ids
 *       reason: "vendor ticket 1234, fixed in 4.2"
 *       expires: 2027-03-31                            # YYYY-MM-DD, last valid day (UTC)
 */
#ifndef SIPCONFORM_WAIVER_H
#define SIPCONFORM_WAIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "base/diag.h"

struct waivers;

/** Load; EBADMSG with dg as "FILE:LINE:COL: ..." on any error. */
int waiver_load(struct waivers **wp, const char *path, struct diag *dg);
struct waivers *waiver_free(struct waivers *w);

/**
 * Find the waiver covering (check id, test id).  today = days since the
 * epoch (UTC).  Returns the reason and fills where ("FILE:LINE, until
 * DATE") when a valid waiver covers it; NULL otherwise.  An expired
 * match is recorded (*expired = true, where says which) and not applied.
 */
const char *waiver_match(struct waivers *w, const char *check, const char *test,
			 long today, bool *expired, char *where, size_t size);

/** Print every waiver that matched nothing (and every expired one that matched) to fp. @return how many */
size_t waiver_report_unused(const struct waivers *w, FILE *fp);

/** Days since 1970-01-01 of the current UTC date. */
long waiver_today(void);

#endif
