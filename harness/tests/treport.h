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
/** One suite, one case with a message of twice REPR_MAX_IN bytes: free() it after the close. */
char *treport_feed_big(struct reporter *r);

/** Copy a report to $REPORT_EXAMPLES_DIR/name when set (reports/examples/ is made so). */
void treport_copy_example(const char *from, const char *name);

/**
 * Switch LC_ALL to a comma-decimal locale (compiled into the scratch
 * directory when none is installed): 1; 0 (and a note printed) when none
 * can be had.  treport_locale_end goes back to "C".
 */
int treport_comma_locale(void);
void treport_locale_end(void);

#endif
