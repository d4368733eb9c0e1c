/*
 * runner.h - run loaded plans: for each test, drive SIPp, read back the
 * message log, judge every exchange, feed the reporters, print the
 * terminal summary.  Returns the process exit code (opts.h EXIT_*).
 */
#ifndef SIPCONFORM_RUNNER_H
#define SIPCONFORM_RUNNER_H

#include <stddef.h>

#include "cli/opts.h"
#include "suite/plan.h"

int runner_run(const struct opts *o, struct plan *const *plans, size_t nplans);

#endif
