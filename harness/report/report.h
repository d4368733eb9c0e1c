/*
 * report.h - reporters: event sinks fed test by test.
 *
 * The runner calls, for each suite file: report_suite_begin, then
 * report_case for every test, then report_suite_end; report_close once at
 * the end writes/flushes everything.  A reporter copies what it needs out
 * of a struct report_case during the call: nothing in it needs to live
 * longer than the call.
 *
 * Every string and byte slice in a report_case is untrusted (it may hold
 * NUL, control bytes, invalid UTF-8, "]]>", "ok 1 - forged" lines...):
 * reporters escape or encode it so the output stays valid and its counts
 * stay right.
 */
#ifndef SIPCONFORM_REPORT_H
#define SIPCONFORM_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/pl.h"
#include "judge/rule.h"
#include "judge/verdict.h"

/** A message exchanged during a test, for the evidence sections. */
struct report_msg {
	const char *label;      /* "sent #1 (OPTIONS)", "received #1 (301)" */
	struct pl bytes;
};

struct report_case {
	const char *id;         /* test id */
	const char *classname;  /* suite name */
	enum verdict verdict;
	double seconds;         /* wall time of the test */
	const char *message;    /* one line: "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 §21.4.6): 405 has no Allow"
				   or the error / skip reason; NULL for pass */
	const struct check_result *checks; /* every check result (pass/fail/warn/na) */
	size_t nchecks;
	const struct report_msg *msgs;      /* messages sent and received, in order */
	size_t nmsgs;
	const char *evidence_dir;           /* where the bytes were written, may be NULL */
	const char *notes;                  /* extra free text (waivers, SIPp stderr tail), may be NULL */
};

struct reporter;

/**
 * Open a reporter writing to path ("-" = stdout for TAP).
 * JUnit: <testsuites> with one <testsuite> per suite; written at close
 * (counts must precede the cases), via libxml2 xmlTextWriter.
 * TAP: version 13, lines streamed, plan "1..N" printed last, YAML
 * diagnostics via libyaml's emitter.
 * The terminal summary is a reporter too: report/summary.h.
 */
int report_junit_open(struct reporter **rp, const char *path);
int report_tap_open(struct reporter **rp, const char *path);

int report_suite_begin(struct reporter *r, const char *name, const char *file,
		       time_t start);
int report_case(struct reporter *r, const struct report_case *c);
int report_suite_end(struct reporter *r, double seconds);
/** Finish and free.  *errp (may be NULL) gets the write error, if any. @return NULL */
struct reporter *report_close(struct reporter *r, int *errp);

#endif
