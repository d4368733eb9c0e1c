/*
 * suite.h - load a YAML suite file into a struct plan (libyaml).
 *
 * The accepted schema is documented at the top of suite.c and in the
 * README.  Errors come back as EBADMSG with dg filled as
 * "FILE:LINE:COL: what is wrong" (ENOENT/EACCES/... for an unreadable
 * file, also with dg filled).
 */
#ifndef SIPCONFORM_SUITE_H
#define SIPCONFORM_SUITE_H

#include "base/diag.h"
#include "suite/plan.h"

/** Load and validate a suite file.  *planp is set on success only. */
int suite_load(struct plan **planp, const char *path, struct diag *dg);
/** Same, from bytes in memory (name is used in diagnostics). */
int suite_load_buf(struct plan **planp, const char *name, const char *buf,
		   size_t len, struct diag *dg);

/**
 * Is s safe to hand to SIPp as a -key value and to put into a request?
 * Refuses control bytes (CR, LF, NUL, ...), '[' and ']' outside an IPv6
 * host reference, and anything longer than 1024 bytes.  On refusal,
 * *why says what is wrong and *at is the 0-based offset of the byte.
 */
bool suite_value_safe(const char *s, const char **why, size_t *at);

#endif
