/*
 * setup.h - a suite's setup steps before its tests and their undoing
 * after the last one (issue 10 point 3).
 *
 * The one kind of step, register (plan.h struct plan_register), sends a
 * REGISTER (RFC 3261 §10.2): Request-URI the registrar, the address-of-
 * record's scheme and host[:port]; From and To the address-of-record;
 * Contact the step's contact (default <sip:sipconform@LOCAL-ADDRESS>, the
 * same in both runs); Allow and Expires as written; the step's
 * credentials, else the suite's, else the command line's, answering one
 * 401/407 as the tests do.  A 2xx registers; anything else is the step's
 * failure, and every test of the suite is then an ERROR with its reason.
 * setup_undo() sends the same REGISTER with Expires: 0 for every step
 * that registered, after the last test, after a failure, and after a
 * stop (base/stop.h): those runs are bounded by --timeout and are not
 * cut short by the stop (a second signal still ends the process,
 * run/interrupt.h).
 *
 * Evidence: ROOT/<suite>/000-setup/register-N and unregister-N, each a
 * SIPp run directory like a test's.
 */
#ifndef SIPCONFORM_SETUP_H
#define SIPCONFORM_SETUP_H

#include <stdbool.h>
#include <stdint.h>

#include "run/case.h"

struct setup {
	char dir[1400];            /* ROOT/<suite>/000-setup */
	uint64_t registered;       /* bit k: step k registered (plan.h: at most 64 steps) */
	char error[800];           /* "" or why the suite's tests cannot run */
};

/**
 * Run env->p's setup steps in order, stopping at the first that fails.
 * @return 0 when every step succeeded (or there is none); otherwise
 *         nonzero with s->error set (ECANCELED: a stop was requested;
 *         the environment's failures also set env->env_stop).
 */
int setup_run(struct setup *s, struct case_env *env);

/** Undo (Expires: 0) what setup_run() registered, last first.  Failures are printed. */
void setup_undo(struct setup *s, struct case_env *env);

#endif
