/*
 * runner.h - run loaded plans: preflight (targets, waivers, SIPp,
 * scenarios, evidence directory, reports), then every test of every suite
 * (run/case.h), fed to the reporters and the terminal summary.  Returns
 * the process exit code (opts.h EXIT_*).
 */
#ifndef SIPCONFORM_RUNNER_H
#define SIPCONFORM_RUNNER_H

#include <stddef.h>

#include "cli/opts.h"
#include "suite/plan.h"

int runner_run(const struct opts *o, struct plan *const *plans, size_t nplans);

#endif
