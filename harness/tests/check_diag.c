/*
 * check_diag.c - base/diag.c: where an input problem is (diag_set), the
 * one text a person reads (diag_format, diag_print) and the words of a
 * harness errno value (err_str).
 */
#include "tmain.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"

START_TEST(test_set)
{
	struct diag dg;

	memset(&dg, 0x55, sizeof(dg));
	ck_assert_int_eq(diag_set(&dg, "s.yaml", 3, 7, "'%s' must be %d..%d", "repeat", 1, 100),
			 EBADMSG);
	ck_assert_str_eq(dg.file, "s.yaml");
	ck_assert_uint_eq(dg.line, 3);
	ck_assert_uint_eq(dg.col, 7);
	ck_assert_str_eq(dg.msg, "'repeat' must be 1..100");
	/* A second call replaces everything, zeros included. */
	ck_assert_int_eq(diag_set(&dg, "t.yaml", 0, 0, "empty"), EBADMSG);
	ck_assert_str_eq(dg.file, "t.yaml");
	ck_assert_uint_eq(dg.line, 0);
	ck_assert_uint_eq(dg.col, 0);
	ck_assert_str_eq(dg.msg, "empty");
}
END_TEST

/* No diag wanted: still EBADMSG, so "return diag_set(NULL, ...)" stays an error. */
START_TEST(test_set_null)
{
	struct diag dg;

	ck_assert_int_eq(diag_set(NULL, "s.yaml", 1, 1, "x %s", "y"), EBADMSG);
	memset(&dg, 'x', sizeof(dg));
	ck_assert_int_eq(diag_set(&dg, NULL, 2, 0, "no file"), EBADMSG);
	ck_assert_str_eq(dg.file, "");
	ck_assert_uint_eq(dg.line, 2);
	ck_assert_str_eq(dg.msg, "no file");
}
END_TEST

/* A file name or message longer than the fields is cut, never overrun. */
START_TEST(test_set_long)
{
	struct diag dg;
	char big[2000];

	memset(big, 'f', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(diag_set(&dg, big, 1, 2, "%s%s", big, "tail"), EBADMSG);
	ck_assert_uint_eq(strlen(dg.file), sizeof(dg.file) - 1);
	ck_assert_uint_eq(strlen(dg.msg), sizeof(dg.msg) - 1);
	ck_assert_int_eq(strncmp(dg.file, big, sizeof(dg.file) - 1), 0);
	ck_assert_ptr_null(strstr(dg.msg, "tail"));
	ck_assert_uint_eq(dg.line, 1);
	ck_assert_uint_eq(dg.col, 2);
}
END_TEST

static const struct {
	const char *file;
	size_t line, col;
	const char *want;
} shapes[] = {
	{ "s.yaml", 3, 7, "s.yaml:3:7: bad" },
	{ "s.yaml", 3, 0, "s.yaml:3: bad" },
	{ "s.yaml", 0, 0, "s.yaml: bad" },
	{ "s.yaml", 0, 7, "s.yaml: bad" },      /* a column without its line means nothing */
	{ "", 0, 0, "bad" },
	{ NULL, 0, 0, "bad" },
	{ "s.yaml", SIZE_MAX, 1, NULL },        /* built in the test */
};

START_TEST(test_format)
{
	struct diag dg;
	char buf[1200], want[100];

	diag_set(&dg, shapes[_i].file, shapes[_i].line, shapes[_i].col, "%s", "bad");
	if (shapes[_i].want)
		snprintf(want, sizeof(want), "%s", shapes[_i].want);
	else
		snprintf(want, sizeof(want), "s.yaml:%zu:1: bad", (size_t)SIZE_MAX);
	memset(buf, 'x', sizeof(buf));
	diag_format(&dg, buf, sizeof(buf));
	ck_assert_str_eq(buf, want);
}
END_TEST

/* Cut to the buffer, always terminated. */
START_TEST(test_format_small)
{
	struct diag dg;
	char buf[8];

	diag_set(&dg, "suite.yaml", 12, 4, "bad");
	memset(buf, 'x', sizeof(buf));
	diag_format(&dg, buf, sizeof(buf));
	ck_assert_str_eq(buf, "suite.y");
	memset(buf, 'x', sizeof(buf));
	diag_format(&dg, buf, 1);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], 'x');
}
END_TEST

/* diag_print: the formatted text and a newline, whole even at the longest fields. */
START_TEST(test_print)
{
	struct diag dg;
	char big[600], *out = NULL, want[1300];
	size_t n = 0;
	FILE *fp;

	fp = open_memstream(&out, &n);
	ck_assert_ptr_nonnull(fp);
	diag_set(&dg, "s.yaml", 3, 7, "'expect' must be %s", "301, 302, 405 or 501");
	diag_print(&dg, fp);
	diag_set(&dg, NULL, 0, 0, "no command given");
	diag_print(&dg, fp);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert_str_eq(out, "s.yaml:3:7: 'expect' must be 301, 302, 405 or 501\n"
			 "no command given\n");
	free(out);

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	out = NULL;
	fp = open_memstream(&out, &n);
	ck_assert_ptr_nonnull(fp);
	diag_set(&dg, big, SIZE_MAX, SIZE_MAX, "%s", big);
	diag_print(&dg, fp);
	ck_assert_int_eq(fclose(fp), 0);
	snprintf(want, sizeof(want), "%s:%zu:%zu: %s\n", dg.file, (size_t)SIZE_MAX,
		 (size_t)SIZE_MAX, dg.msg);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_str_eq(out, want);
	free(out);
}
END_TEST

static const struct {
	int err;
	const char *words;
} words[] = {
	{ 0, "success" },
	{ EINVAL, "invalid argument" },
	{ EBADMSG, "malformed input" },
	{ ENODATA, "truncated input" },
	{ EPROTO, "protocol error" },
	{ ETIMEDOUT, "timed out" },
	{ ENOENT, "not found" },
	{ ENOMEM, "out of memory" },
	{ EADDRINUSE, "address in use" },
	{ E2BIG, "input too large" },
};

START_TEST(test_err_str)
{
	ck_assert_str_eq(err_str(words[_i].err), words[_i].words);
}
END_TEST

/* Any other value: the C library's words for it. */
START_TEST(test_err_str_other)
{
	static const int other[] = { EACCES, EIO, ENOSPC, ECONNREFUSED, 99999, -1 };
	char want[200];
	size_t i;

	for (i = 0; i < NELEM(other); i++) {
		snprintf(want, sizeof(want), "%s", strerror(other[i]));
		ck_assert_str_eq(err_str(other[i]), want);
	}
	ck_assert_str_ne(err_str(EACCES), err_str(EIO));
}
END_TEST

static void append(char *buf, size_t size, const char *fmt, ...) DIAG_PRINTF(3, 4);

static void append(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vappend(buf, size, fmt, ap);
	va_end(ap);
}

/* Reasons joined by "; ", cut at the buffer's end, nothing added once full. */
START_TEST(test_vappend)
{
	char buf[16] = "";
	char big[32] = "";

	append(big, sizeof(big), "a %d", 1);
	ck_assert_str_eq(big, "a 1");
	append(big, sizeof(big), "%s", "b");
	ck_assert_str_eq(big, "a 1; b");
	append(buf, sizeof(buf), "%s", "0123456789");
	append(buf, sizeof(buf), "%s", "abcdefgh");
	ck_assert_str_eq(buf, "0123456789; abc");
	append(buf, sizeof(buf), "%s", "more");
	ck_assert_str_eq(buf, "0123456789; abc");
	ck_assert_uint_eq(strlen(buf), sizeof(buf) - 1);
}
END_TEST

static Suite *diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_set);
	tcase_add_test(tc, test_set_null);
	tcase_add_test(tc, test_set_long);
	tcase_add_loop_test(tc, test_format, 0, (int)NELEM(shapes));
	tcase_add_test(tc, test_format_small);
	tcase_add_test(tc, test_print);
	tcase_add_loop_test(tc, test_err_str, 0, (int)NELEM(words));
	tcase_add_test(tc, test_err_str_other);
	tcase_add_test(tc, test_vappend);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_diag", diag_suite, NULL, NULL };
