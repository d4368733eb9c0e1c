/*
 * tdir.h - a scratch directory per test, and the files in it.
 *
 * tdir_setup / tdir_teardown are Check fixtures (tcase_add_checked_fixture):
 * each test gets a fresh /tmp/<program>.XXXXXX, removed after it unless
 * CHECK_KEEP=1 (CHECK_REPORT_KEEP=1 too, the older name).  The helpers
 * fail the test (ck_assert) instead of returning errors.
 */
#ifndef SIPCONFORM_TDIR_H
#define SIPCONFORM_TDIR_H

#include <stddef.h>

void tdir_setup(void);
void tdir_teardown(void);

/** The scratch directory of the running test. */
const char *tdir(void);

/** "<scratch>/<name>"; the last 4 results stay valid. */
char *tdir_path(const char *name);

/** The whole file, NUL-terminated (malloc'ed); *np (may be NULL) gets its length. */
char *tdir_slurp(const char *path, size_t *np);

/** Write n bytes to path (created or truncated). */
void tdir_write(const char *path, const char *bytes, size_t n);

/**
 * Run argv (no shell; argv[0] looked up on PATH) with stdin from
 * /dev/null and stdout+stderr into the file logpath; at most 30 s, then
 * it is killed by its pid and the test fails.  @return its exit status,
 * -1 if a signal ended it
 */
int tdir_run(const char *const argv[], const char *logpath);

/** Send stdout (fd 1) to the file path until tdir_stdout_restore(). */
void tdir_stdout_to(const char *path);
void tdir_stdout_restore(void);
/** The same for stderr (fd 2). */
void tdir_stderr_to(const char *path);
void tdir_stderr_restore(void);

#endif
