/*
 * merge.h - `sipconform merge OUT.xml IN.xml...`: the JUnit reports of
 * shards (each a run of part of the tests, on one machine each) made one
 * document that still validates against fixtures/schemas/junit.xsd.
 *
 * Strict in what it accepts: each IN must be a JUnit report as sipconform
 * writes it (report/junit.c): parsed by libxml2 without network access,
 * without a DOCTYPE (so no DTD is loaded and no entity declared), a
 * <testsuites> root holding <testsuite> elements of exactly the schema's
 * shape, whose counts agree with their test cases.  Anything else is
 * refused with the file, the line when there is one, and what is wrong.
 *
 * What it writes: every <testsuite> of every IN, in the order given, each
 * kept whole (its name, counts, time, timestamp, hostname, properties,
 * test cases, system-out and system-err as they were), renumbered: id is
 * its position in the merged document, as the schema says.  Suites of
 * the same name from different shards stay separate elements (merging
 * them would have to pick one hostname, timestamp and set of properties
 * of several); each gets the property "merge.source" naming the file it
 * came from.  The <testsuites> root carries no attributes (the strict
 * schema allows none), so the totals over every suite are printed on
 * stdout instead: "merged N files: S suites, T tests, F failures, E
 * errors, K skipped".  OUT is written as every report is (base/file.h
 * file_out: temp and rename, "-" for stdout), after every IN was read,
 * so it may be one of them.
 *
 * Exit codes: 0 merged; 2 usage error or an IN refused (nothing written);
 * 3 OUT could not be written (cli/opts.h's EXIT_ENVIRONMENT).
 */
#ifndef SIPCONFORM_MERGE_H
#define SIPCONFORM_MERGE_H

#include <stdio.h>

/** Largest IN accepted, in bytes (a 100,000-test report is well under it). */
#define MERGE_MAX_BYTES ((size_t)512 << 20)

/* Exit codes: the values of cli/opts.h's EXIT_ALL_PASSED, EXIT_USAGE, EXIT_ENVIRONMENT. */
enum { MERGE_OK = 0, MERGE_BAD_INPUT = 2, MERGE_WRITE = 3 };

/** What was merged. */
struct merge_totals {
	unsigned long files, suites, tests, failures, errors, skipped;
};

/**
 * Merge the n files in into outp (as above), printing nothing.
 * @return MERGE_OK; MERGE_BAD_INPUT (an IN refused, or n is 0: outp
 *         untouched) or MERGE_WRITE, with why (size bytes) saying why:
 *         "FILE:LINE: reason" or "cannot write OUT: reason"
 */
int merge_files(const char *outp, char *const *in, size_t n, struct merge_totals *t,
		char *why, size_t size);

/** The subcommand: argv[0] is "merge"; messages to stderr, totals to stdout.  @return the exit code */
int merge_main(int argc, char **argv);

/** Its usage text, to fp. */
void merge_usage(FILE *fp);

#endif
