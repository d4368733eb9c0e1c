/*
 * sval.h - the value checks of the suite schema: one YAML node against
 * what a key expects (a string safe for SIPp, an integer in a range, a
 * boolean, a SIP token, a URI, a list of those).
 *
 * Shared by the parts of the schema (suite.c: the suite and its tests;
 * sreq.c: credentials, headers, body, setup steps).  Every check returns
 * 0 or EBADMSG with c->dg filled as "FILE:LINE:COL: message" at the node,
 * and names the key in its message; none prints more of a value than
 * SVAL_SHOW() does, and the string checks print no value at all.
 */
#ifndef SIPCONFORM_SUITE_SVAL_H
#define SIPCONFORM_SUITE_SVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "suite/yaml.h"

#define SUITE_MAX_LIST 256   /* items in allow/contact/methods lists */

struct sval_ctx {
	const char *file;      /* name for diagnostics */
	struct diag *dg;
};

#define SVAL_ERR(c, y, ...) ytree_error((c)->dg, (c)->file, (y), __VA_ARGS__)
#define SVAL_SHOW(b, y) YTREE_SHOW(b, y)
#define SVAL_KIND(y) ytree_kind_name(y)

/** One check of a string node (sval_str, sval_token, sval_uri, ...). */
typedef int (*sval_fn)(struct sval_ctx *c, const struct ynode *y,
		       const char *key, const char **out);

/**
 * A string: a scalar, not empty, no NUL, and safe for SIPp
 * (sipp_value_safe(): no control byte, no '[keyword]', <= 1024 bytes).
 * The message gives the offset of the fault, never the value.
 */
int sval_str(struct sval_ctx *c, const struct ynode *y, const char *key,
	     const char **out);

/** Decimal digits only (quoted or not), lo..hi (hi < 10^10). */
int sval_uint(struct sval_ctx *c, const struct ynode *y, const char *key,
	      unsigned lo, unsigned hi, unsigned *out);

/** Plain true/false (also True/TRUE/False/FALSE). */
int sval_bool(struct sval_ctx *c, const struct ynode *y, const char *key,
	      bool *out);

/** sval_str() and an RFC 3261 §25.1 token. */
int sval_token(struct sval_ctx *c, const struct ynode *y, const char *key,
	       const char **out);

/**
 * sval_str() and a URI as sipuri_parse() reads it (sip/sips: RFC 3261
 * §25; others: scheme ":" 1*char), port 1..65535 if any.  ${target} may
 * stand once as the host:port of a sip:/sips: URI (tvar.h); it is checked
 * as TVAR_PLACEHOLDER and kept as written.
 */
int sval_uri(struct sval_ctx *c, const struct ynode *y, const char *key,
	     const char **out);

/**
 * A list of strings each checked by want, no item twice, 1..max items
 * (0 allowed if may_be_empty).
 */
int sval_list(struct sval_ctx *c, const struct ynode *y, const char *key,
	      size_t max, bool may_be_empty, sval_fn want);

/**
 * Keys a and b (their key nodes ka, kb; NULL if absent) cannot both be
 * given: EBADMSG at the later one.
 */
int sval_exclusive(struct sval_ctx *c, const struct ynode *ka, const char *a,
		   const struct ynode *kb, const char *b);

/**
 * The "${" rule of tvar.h for a value that is not a URI: only ${target}.
 */
int sval_tvar(struct sval_ctx *c, const struct ynode *y, const char *key);

#endif
