/*
 * report.h - reporters: event sinks fed test by test.
 *
 * The runner calls, for each suite file: report_suite_begin, then
 * report_case for every test, then report_suite_end; report_stopped when
 * the run stopped early (a signal, --max-time); report_close once at the
 * end.  A run refused before its first test ends with report_discard
 * instead, which leaves the report paths as they were.  A reporter copies
 * what it needs out of a struct report_case during the call: nothing in
 * it needs to live longer than the call, and nothing of it is kept in
 * memory for the end (memory stays flat however many tests run).
 *
 * Every report file is on disk as the run goes: TAP is appended test by
 * test (no stdio buffer), so a SIGKILL loses at most the test that was
 * running; JUnit is rewritten whole to a fresh temp and renamed over the
 * target (base/file.h file_out) at every suite begin and end, and after
 * a test when REPORT_JUNIT_INTERVAL has passed since the last rewrite,
 * so a SIGKILL loses at most the last second of tests (and the running
 * one), and the rewrites cost time linear in the run.
 *
 * Bounds: a report quotes at most REPORT_MSG_BYTES of one message,
 * REPORT_CASE_MSGS messages (the first REPORT_CASE_MSGS_HEAD and the last
 * ones) and REPORT_CASE_BYTES message bytes per test, REPORT_TOTAL_BYTES
 * in all, and lists at most REPORT_CASE_CHECKS checks per test, the
 * failing and warning ones first (every check evaluated is listed with
 * its outcome, passing and not-applicable ones too, as long as the bound
 * leaves room); what it leaves out is said, per test and per report
 * (report_cut_str).  The evidence directory keeps every byte.
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

#define REPORT_MSG_BYTES      4096u               /* of one message */
#define REPORT_CASE_MSGS      32u                 /* messages listed per test ... */
#define REPORT_CASE_MSGS_HEAD 24u                 /* ... the first 24 and the last 8 */
#define REPORT_CASE_BYTES     (128u * 1024u)      /* message bytes per test */
#define REPORT_TOTAL_BYTES    (8u * 1024u * 1024u) /* message bytes per report */
#define REPORT_CASE_CHECKS    64u                 /* checks listed per test, failing/warning first */

/** What a report left out: of one test, or of a whole report. */
struct report_cut {
	unsigned long msgs_hidden;      /* messages not listed at all */
	unsigned long msgs_short;       /* listed, but quoted only in part */
	unsigned long checks_hidden;    /* failing/warning checks not listed */
	unsigned long others_hidden;    /* passing/not-applicable checks not listed */
	unsigned long long bytes;       /* message bytes not quoted (of both kinds) */
};

/** The excerpt of one test: which messages, and how many bytes of each. */
struct report_excerpt {
	size_t idx[REPORT_CASE_MSGS];   /* indices into c->msgs, ascending */
	size_t show[REPORT_CASE_MSGS];  /* bytes of each to quote */
	size_t n;
	size_t nchecks;                 /* how many failing/warning checks to list (the first) */
	size_t nothers;                 /* how many passing/NA checks to list (the first) */
	struct report_cut cut;          /* what this test leaves out */
};

/** A walk over a test's checks in report order (start zeroed): see report_check_listed. */
struct report_walk {
	size_t fw, others;              /* failing/warning and other checks seen so far */
};

/** Is the check a failure or a warning (what a failure text lists)? */
bool report_check_fw(const struct check_result *cr);
/**
 * Walking c->checks in order with w: is cr listed by the excerpt ex?  The
 * first ex->nchecks failing/warning checks and the first ex->nothers
 * others are.  Call it for every check, in order.
 */
bool report_check_listed(const struct report_excerpt *ex, const struct check_result *cr,
			 struct report_walk *w);

/**
 * Plan the excerpt of c.  *budget is the report's: the message bytes it
 * may still quote (start at REPORT_TOTAL_BYTES), charged here; *total (may
 * be NULL) adds up what the report left out.
 */
void report_excerpt_plan(struct report_excerpt *ex, size_t *budget, struct report_cut *total,
			 const struct report_case *c);
/*
 * Of REPORT_TOTAL_BYTES, the part a passing or skipped test's evidence
 * may not use: kept for the tests that did not pass, so that the passes
 * early in a long run cannot spend what a later failure's evidence needs.
 */
#define REPORT_FAIL_RESERVE   (REPORT_TOTAL_BYTES / 4)

/**
 * report_excerpt_plan for a test of any verdict: a test that passed or
 * was skipped quotes only from the part of *budget above
 * REPORT_FAIL_RESERVE; the others from all of it.
 */
void report_excerpt_plan_verdict(struct report_excerpt *ex, size_t *budget,
				 struct report_cut *total, const struct report_case *c);
/**
 * Only the checks part of the plan (report_excerpt_plan does it too), for
 * a test whose messages are not quoted: ex's check counts and cut are
 * set, *total (may be NULL) adds up what is left out.
 */
void report_excerpt_checks(struct report_excerpt *ex, struct report_cut *total,
			   const struct report_case *c);
/** Is anything cut? */
bool report_cut_any(const struct report_cut *cut);
/**
 * One line saying what was cut and why, into out: "3 of 52000 messages
 * not listed, 2 quoted in part, 51234 bytes not quoted; 1 check not
 * listed (limits: ...; the evidence directory has every message)".
 */
void report_cut_str(char *out, size_t size, const struct report_cut *cut, unsigned long nmsgs);

/**
 * What the run is, for the reports that record it (JSON, HTML): given
 * once, after the reporters open and before the first suite.  Strings
 * are copied by the reporters that keep them.
 */
struct report_run {
	const char *tool_version;  /* SIPCONFORM_VERSION */
	const char *sipp_path;     /* the SIPp binary as found */
	const char *sipp_version;  /* "3.6.1" */
	const char *tls_via;       /* TLS terminator used ("stunnel4 5.68"), NULL: no TLS test */
	const char *tls_verify;    /* "CA file X" / "system store" / "off (--tls-insecure)"; NULL: no TLS */
	const char *waivers;       /* the waivers file, NULL: none */
	bool strict;               /* --strict: SHOULD failures fail */
	bool auth;                 /* credentials were given (suite or command line) */
	time_t started;
	const char *const *argv;   /* the command line, NULL-terminated; NULL: not given */
};

/** The target a suite runs against, as resolved in preflight. */
struct report_target {
	const char *host;          /* as the user named it */
	unsigned port;
	const char *address;       /* what it resolved to */
	const char *transport;     /* "udp", "tcp", "tls" (the suite's default) */
};

struct reporter;

/* Seconds between two rewrites of a JUnit file at test ends (see above). */
#define REPORT_JUNIT_INTERVAL 1.0

/**
 * Open a reporter writing to path ("-" = stdout), as base/file.h
 * file_out says: a regular file (or none) is replaced, a FIFO or
 * character device written through, anything else refused (EISDIR,
 * ENOTSUP, ENXIO...: file_out_strerror).  Nothing reaches the path
 * before the first report_suite_begin.
 * JUnit: <testsuites> with one <testsuite> per suite; the whole document
 * rewritten at every event but a test's end, and after a test at most
 * every REPORT_JUNIT_INTERVAL seconds (counts must precede the cases;
 * the cases wait in an anonymous spool file, not in memory), via
 * libxml2; on a stream only once, at close.
 * TAP: version 13, lines written test by test, plan "1..N" printed last,
 * YAML diagnostics via libyaml's emitter.
 * The terminal summary is a reporter too: report/summary.h.
 */
int report_junit_open(struct reporter **rp, const char *path);
int report_tap_open(struct reporter **rp, const char *path);
/** JSON (--json): one "sipconform-result" document, written at close (report/json.c). */
int report_json_open(struct reporter **rp, const char *path);
/*
 * HTML: the lab report, one self-contained file (inline CSS, no script,
 * no URL), written whole at close; every test with its checks, their RFC
 * citations and normative text, and its messages with the evidence
 * marked (report/html.c).
 */
int report_html_open(struct reporter **rp, const char *path);

/** The run's facts (see struct report_run); a reporter that records none ignores them. */
int report_run_info(struct reporter *r, const struct report_run *info);
int report_suite_begin(struct reporter *r, const char *name, const char *file,
		       time_t start);
/** The target of the suite just begun; a reporter that records none ignores it. */
int report_suite_target(struct reporter *r, const struct report_target *t);
int report_case(struct reporter *r, const struct report_case *c);
int report_suite_end(struct reporter *r, double seconds);
/**
 * The run stopped before its end: why (one line: the signal or
 * --max-time, the test that was running, how many finished).  Recorded
 * at close: JUnit a property "run.interrupted" and the <system-err> of
 * the last suite; TAP "Bail out! why" after the plan; the summary a line.
 */
int report_stopped(struct reporter *r, const char *why);
/** Finish and free.  *errp (may be NULL) gets the write error, if any. @return NULL */
struct reporter *report_close(struct reporter *r, int *errp);
/** Free without finishing: the report path is left as it was before the open. @return NULL */
struct reporter *report_discard(struct reporter *r);

#endif
