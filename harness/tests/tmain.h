/*
 * tmain.h - the one main() of every Check program (tests/tmain.c).
 *
 * A test program check_<module>.c defines
 *
 *   const struct tmain tmain_def = { "module", module_suite, setup, teardown };
 *
 * and links tests/tmain.o.  main() runs setup (if any; nonzero is a
 * failure of the program), the suite with CK_NORMAL output, then teardown,
 * and exits 0 only when every test passed.  A program that needs a tool
 * the machine lacks fails from setup, saying which: `make check` needs
 * what tools/deps.sh installs, and a missing tool is never a pass.
 *
 * Tests run from the root of the source tree, or from SIPCONFORM_SRCDIR.
 */
#ifndef SIPCONFORM_TMAIN_H
#define SIPCONFORM_TMAIN_H

#include <check.h>
#include <stddef.h>

struct tmain {
	const char *name;
	Suite *(*suite)(void);
	int (*setup)(void);        /* optional; before any test, in the parent */
	void (*teardown)(void);    /* optional; after the last test */
};

extern const struct tmain tmain_def;

/** "<source root>/<rel>" into out (truncated to size); returns out. */
const char *tmain_src(char *out, size_t size, const char *rel);

/** Number of elements of an array. */
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif
