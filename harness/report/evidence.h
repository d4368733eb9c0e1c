/*
 * evidence.h - the evidence files of a run, and the message labels the
 * reports show.
 *
 * Layout (the integration tests and people read it):
 *
 *   ROOT/                        --evidence, default reports/evidence/<UTC time>-<pid>
 *     <suite>/<NNN>-<test id>/   one directory per test, NNN its number in the run
 *       scenario.xml             the SIPp scenario that ran
 *       NN-sent.sip              every frame SIPp logged, in order (NN from 01)
 *       NN-received.sip
 *       messages.log, sipp.stderr, ...  SIPp's own files (sipp/sipp.h)
 *       <label>/                 the same for each extra SIPp run of the test
 *                                (follow_1.1, probe_OPTIONS, ...)
 *       cut.txt                  frames left out by the bounds below, if any
 *     <suite>/batch-N/           one batched SIPp run (run/batch.h): messages.log,
 *                                scenario.xml, sipp.stderr, index.tsv (calls -> test);
 *                                a batched test that passed has no directory of its
 *                                own (its bytes are here); one that did not, or made
 *                                runs of its own, gets one as above, its frames as
 *                                messages.log, scenario.xml and sipp.stderr linked
 *
 * Names built from suite names, test ids and labels are made safe with
 * file_safe_name: nothing untrusted chooses where a file goes.
 *
 * One run at a time per ROOT: the runner holds an exclusive lock on it
 * (base/file.h file_lock_dir) and refuses a second run (exit 3), so no
 * run reads a log another run's SIPp wrote.  A test's directory is
 * emptied before the test runs (evidence_run_dir): nothing an earlier run
 * left there passes for this run's.
 *
 * Bounds per test: at most EVIDENCE_MAX_FILES frame files and
 * EVIDENCE_MAX_BYTES of frames; the frames left out are counted in
 * cut.txt (SIPp's messages.log holds them, within its own bound).
 */
#ifndef SIPCONFORM_EVIDENCE_H
#define SIPCONFORM_EVIDENCE_H

#include <stddef.h>

#include "judge/xchg.h"
#include "report/report.h"

#define EVIDENCE_MAX_FILES 256u                  /* frame files per test */
#define EVIDENCE_MAX_BYTES (8u * 1024u * 1024u)  /* frame bytes per test */

/** "reports/evidence/<YYYYmmddTHHMMSSZ>-<pid>" into out. */
void evidence_default(char *out, size_t size);

/** "ROOT/<suite>/<NNN>-<test id>" into out (suite NULL: "suite"). */
void evidence_case_dir(char *out, size_t size, const char *root, const char *suite,
		       size_t index, const char *test);

/** "ROOT/<suite>/batch-N": one batched SIPp run (run/batch.h) into out. */
void evidence_batch_dir(char *out, size_t size, const char *root, const char *suite, size_t n);

/**
 * Make the directory of one SIPp run of a test: casedir itself for the
 * test's own requests (label ""), casedir/<label> for the others.
 * Label "" (the first run of a test) also empties casedir of what an
 * earlier run left (base/file.h file_clear_dir).
 * The path goes to out (not casedir itself).  @return 0 or file_mkdirs' error
 */
int evidence_run_dir(char *out, size_t size, const char *casedir, const char *label);

/** Copy the scenario a run uses into its directory as scenario.xml. */
int evidence_scenario(const char *dir, const char *scenario);

/** One SIPp run of a test, as the evidence sees it. */
struct evidence_run {
	const char *label;                 /* "", "follow 1.1", "probe OPTIONS" */
	const char *dir;                   /* its directory (evidence_run_dir); NULL or "":
					    * labels only, no files (a batched test that
					    * passed: its bytes are in the batch's log) */
	const struct xchg_capture *cap;    /* what it captured; NULL or no log: nothing */
};

/** Every frame of a test, for the reports (struct report_case msgs). */
struct evidence_msgs {
	struct report_msg *msgs;           /* labels point into labels[] */
	size_t n;
	char (*labels)[96];                /* "probe OPTIONS: received #2 (200, UDP)" */
};

/**
 * Write every frame of every run into the run's directory (NN-sent.sip,
 * NN-received.sip; a file that cannot be written is left out, and so is
 * every frame past the bounds above, counted in cut.txt of the first
 * run's directory) and label each for the reports: sent and received are
 * numbered across the runs of the test.  Bytes stay borrowed from the
 * captures.
 * @return 0, ENOMEM (em is then partly filled; free it all the same)
 */
int evidence_messages(struct evidence_msgs *em, const struct evidence_run *runs,
		      size_t nruns);
void evidence_messages_free(struct evidence_msgs *em);

#endif
