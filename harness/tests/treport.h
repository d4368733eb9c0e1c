/*
 * treport.h - what the reporter tests (check_junit.c, check_tap.c) feed
 * both reporters: fake catalogue entries, messages, every hostile content
 * a SUT or a suite file can bring, and the four verdicts of one suite.
 * Each reporter is fed the same events; each test judges its own output.
 */
#ifndef SIPCONFORM_TREPORT_H
#define SIPCONFORM_TREPORT_H

#include <stddef.h>

#include "report/report.h"

/* Fake catalogue entries (rule.c is not used). */
extern const struct rule treport_r_allow, treport_r_via, treport_r_contact;

extern const char treport_resp405[];
extern const size_t treport_resp405_len;
extern const char treport_hostile[];    /* length-delimited: NUL inside */
extern const size_t treport_hostile_len;
#define TREPORT_HOSTILE_LINE "x\001y\177<evil/>]]>\n1..9\nBail out!\nok 1 - forged # SKIP \\ \xff\xc3"

/** A reporter opened with open_fn on <scratch>/<file>; the path goes to path. */
struct reporter *treport_open(int (*open_fn)(struct reporter **, const char *),
			      const char *file, char *path, size_t size);

/* The events, each asserted to return 0. */
void treport_begin(struct reporter *r, const char *name, const char *file);
void treport_case(struct reporter *r, const struct report_case *c);
void treport_end(struct reporter *r, double secs);
/** Close; the write error must be 0. */
void treport_close(struct reporter **r);

/** The four verdicts of one suite, as the runner would report them. */
void treport_feed_four(struct reporter *r);
/** Four hostile cases (pass, fail, error, skip) in a hostile suite. */
void treport_feed_hostile(struct reporter *r);
/**
 * Suite "real": "clean" passes with 3 checks (pass, na, pass) and its
 * messages; "refused" is inconclusive (a 404 where 405 is due) with its
 * status check failing and a message.
 */
void treport_feed_inconclusive(struct reporter *r);
/**
 * Suite "uni": one passing case "smile" whose only message (a 405) holds
 * "Jos\xc3\xa9" and an emoji in From, a U+FFFD and a bidi override in
 * Subject.
 */
void treport_feed_unicode(struct reporter *r);
/** Five passing cases "case-0".."case-4" in suite "smoke". */
void treport_feed_pass5(struct reporter *r);
/** Suite "first" (suites/a.yaml): a1 passes; "second" (suites/b.yaml): b1 fails, b2 passes. */
void treport_feed_multi(struct reporter *r);
/**
 * Open a reporter on PATH "-" with open_fn, feed it suite "std" with one
 * passing case "s1", close it, and print "after" on stdout: what reached
 * stdout (malloc'ed).
 */
char *treport_stdout(int (*open_fn)(struct reporter **, const char *));
/** One suite, one case with a message of twice REPR_MAX_IN bytes: free() it after the close. */
char *treport_feed_big(struct reporter *r);

/** xml validates against fixtures/schemas/junit.xsd (xmllint), or the test fails with its output. */
void treport_assert_junit_valid(const char *xml);
/** How many times needle occurs in s (not overlapping). */
size_t treport_count(const char *s, const char *needle);

/** Entries of dir whose name starts with '.' (report temp files left behind), "." and ".." aside. */
size_t treport_dotfiles(const char *dir);

/**
 * A reporter opened with open_fn on an existing <scratch>/<file> holding
 * "old", then discarded: the file still holds "old", no temp is left.
 */
void treport_check_discard(int (*open_fn)(struct reporter **, const char *), const char *file);

/** One failing case "id" of suite "s" with nmsgs messages of len bytes each (labels "m"). */
void treport_feed_flood(struct reporter *r, const char *id, size_t nmsgs, size_t len);
/** The same with verdict v (no message for a pass). */
void treport_feed_flood_v(struct reporter *r, const char *id, enum verdict v, size_t nmsgs,
			  size_t len);

/**
 * Peak RSS stays flat as cases go by: a reporter opened with open_fn on
 * <scratch>/<file> (the path goes to path) gets 200 flooding cases of one
 * suite (treport_feed_flood: 128 KiB quoted each while the budget lasts);
 * its peak RSS must grow less than 4 MiB after the first 20; then it is
 * closed.  @return 0, or 1 when not checked (under AddressSanitizer, whose
 * quarantine keeps freed memory: RSS says nothing there; a note is printed)
 */
int treport_rss_flat(int (*open_fn)(struct reporter **, const char *), const char *file,
		     char *path, size_t size);

/** Copy a report to $REPORT_EXAMPLES_DIR/name when set (reports/examples/ is made so). */
void treport_copy_example(const char *from, const char *name);

/**
 * Under a comma-decimal locale (compiled into the scratch directory when
 * none is installed), write treport_feed_times to <scratch>/<file> with a
 * reporter from open_fn, then go back to the "C" locale.  0 (and a note
 * printed) when no such locale can be had: nothing was written.
 */
int treport_write_times(int (*open_fn)(struct reporter **, const char *), const char *file,
			char *path, size_t size);

#endif
