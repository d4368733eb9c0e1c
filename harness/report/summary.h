/*
 * summary.h - the terminal summary, a reporter like JUnit and TAP:
 *
 *   sipconform VERSION, SIPp VERSION                  (at open)
 *   suite NAME (FILE), target HOST:PORT[ (ADDRESS)]   (suite_begin; [V6] in brackets;
 *                                                      ADDRESS when HOST was a name)
 *     FAIL  ID                                 1.50s  MESSAGE   (case_end; PASS lines
 *                                                      left out under --quiet; the word is
 *                                                      PASS, FAIL, ERROR, SKIP or INCONCLUSIVE)
 *   N tests: P passed, F failed, E errors, I inconclusive, S skipped (T s)   (close)
 *   reports: JUNIT TAP                                (close, when there are any)
 *   evidence: DIR                                     (close)
 *
 * Every string may come from a suite file or the SUT (the message may
 * quote SIPp's stderr, which may quote the SUT): control characters (C0,
 * C1), bidi embeddings, overrides, isolates and marks, line separators
 * and invalid UTF-8 are shown as '?' (summary.c).  A stopped run
 * (report_stopped) gets a line "stopped: WHY" before the totals.
 *
 * On a terminal only:
 *  - the verdict words are coloured (PASS green, FAIL red, ERROR bold
 *    red, INCONCLUSIVE yellow, SKIP cyan) when fp is a TTY, unless the
 *    environment has a non-empty NO_COLOR (no-color.org) or TERM=dumb;
 *  - once the run is past SUMMARY_PROGRESS_AFTER seconds, a live line
 *    "[done/total] F not passed, 12s" is drawn after each test on fp if
 *    it is a TTY, else on stderr if that is one (but never while stdout
 *    is a terminal written by another: TAP to '-'), and erased (CR, EL)
 *    before every other line and at the end, so nothing of it stays in
 *    the output.  Nothing of this reaches a file or a pipe.
 */
#ifndef SIPCONFORM_SUMMARY_H
#define SIPCONFORM_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report/report.h"

struct summary_conf {
	FILE *fp;                  /* stdout, or stderr when TAP goes to stdout; not closed */
	bool quiet;                /* leave PASS lines out */
	double t0;                 /* monotime_now() at the start of the run: the totals' time */
	const char *sipp_version;  /* "3.6.1" */
	const char *junit, *tap;   /* report paths; NULL: none */
	const char *evidence;      /* evidence root */
	size_t total;              /* tests the run will try, for the progress line; 0: no line */
};

#define SUMMARY_PROGRESS_AFTER 2.0  /* seconds into the run before the line appears */

/** Open (and print the banner).  The strings of c must outlive the reporter. */
int report_summary_open(struct reporter **rp, const struct summary_conf *c);

/**
 * The target the next suite runs against, for its suite line: host as
 * given, port, and the address it resolved to (shown when it differs
 * from host; NULL: not shown).  Copied.  EINVAL if r is not a summary.
 */
int report_summary_target(struct reporter *r, const char *host, uint16_t port,
			  const char *addr);

struct summary_counts {
	size_t total, passed, failed, errors, skipped, inconclusive;
};

/** The verdicts seen so far.  EINVAL if r is not a summary. */
int report_summary_counts(const struct reporter *r, struct summary_counts *out);

#endif
