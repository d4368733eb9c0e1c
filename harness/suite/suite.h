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


#endif
