/*
 * sreq.h - what a suite adds to the requests the harness sends, and the
 * requests it sends before the tests (the keys are documented in suite.c):
 *
 *   auth:          {user: U, password: P} | {user: U, password_env: VAR}
 *   headers:       {Name: value, ...}
 *   body:          text; content_type: type/subtype[;name=value...]
 *   setup:         [ {register: {uri, contact, allow, expires, auth}}, ... ]
 *
 * Each parser checks the value node of one key.  sreq_auth(),
 * sreq_headers(), sreq_body() and sreq_content_type() give borrowed data
 * (the strings stay in the tree, for plan_expand() to copy); sreq_setup()
 * copies the steps into the plan.  Errors: EBADMSG with c->dg filled
 * ("FILE:LINE:COL: message"), ENOMEM.
 */
#ifndef SIPCONFORM_SUITE_SREQ_H
#define SIPCONFORM_SUITE_SREQ_H

#include <stddef.h>

#include "suite/plan.h"
#include "suite/sval.h"
#include "suite/yaml.h"

#define SREQ_MAX_HEADERS 64     /* entries in one 'headers' */
#define SREQ_MAX_STEPS   64     /* steps in 'setup' */
#define SREQ_EXPIRES_MAX 2147483647u   /* 2^31-1, RFC 3261 §20.19 */

/** 'auth' into *out (borrowed strings). */
int sreq_auth(struct sval_ctx *c, const struct ynode *y, struct plan_auth *out);

/** 'headers' into *vp (malloc'ed, free() it; strings borrowed), *np. */
int sreq_headers(struct sval_ctx *c, const struct ynode *y,
		 struct plan_header **vp, size_t *np);

/** 'body' (borrowed). */
int sreq_body(struct sval_ctx *c, const struct ynode *y, const char **out);

/** 'content_type' (borrowed). */
int sreq_content_type(struct sval_ctx *c, const struct ynode *y,
		      const char **out);

/**
 * 'setup': every step appended to plan->setup (plan_add_step()); a step
 * without 'auth' gets dflt (NULL or user NULL: none).
 */
int sreq_setup(struct sval_ctx *c, const struct ynode *y,
	       const struct plan_auth *dflt, struct plan *plan);

#endif
