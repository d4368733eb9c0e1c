/* check_file.c - base/file.c: directories, writes, copies, safe names. */
#include "tmain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "tdir.h"

static int is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

START_TEST(test_mkdirs)
{
	char deep[600], many[1100];

	snprintf(deep, sizeof(deep), "%s/a/b/c", tdir());
	ck_assert_int_eq(file_mkdirs(deep), 0);
	ck_assert(is_dir(deep));
	ck_assert_int_eq(file_mkdirs(deep), 0);                 /* exists: fine */
	snprintf(deep, sizeof(deep), "%s/a/b/c/", tdir());      /* trailing '/' */
	ck_assert_int_eq(file_mkdirs(deep), 0);
	ck_assert_int_eq(file_mkdirs(""), EINVAL);
	memset(many, 'x', sizeof(many) - 1);
	many[sizeof(many) - 1] = '\0';
	ck_assert_int_eq(file_mkdirs(many), EINVAL);            /* over 1023 bytes */
	/* through a regular file */
	tdir_write(tdir_path("f"), "x", 1);
	snprintf(deep, sizeof(deep), "%s/f/sub", tdir());
	ck_assert_int_eq(file_mkdirs(deep), ENOTDIR);
}
END_TEST

START_TEST(test_write)
{
	static const char bytes[] = "INVITE\0\r\n\xff";
	size_t n;
	char *s, longname[5000];

	ck_assert_int_eq(file_write(tdir(), "m.sip", (struct pl){ bytes, sizeof(bytes) - 1 }), 0);
	s = tdir_slurp(tdir_path("m.sip"), &n);
	ck_assert_uint_eq(n, sizeof(bytes) - 1);
	ck_assert_int_eq(memcmp(s, bytes, n), 0);
	free(s);
	/* empty: an empty file, and rewriting truncates */
	ck_assert_int_eq(file_write(tdir(), "m.sip", PL_NULL), 0);
	s = tdir_slurp(tdir_path("m.sip"), &n);
	ck_assert_uint_eq(n, 0);
	free(s);
	ck_assert_int_eq(file_write(tdir_path("no/such"), "x", PL("x")), ENOENT);
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ck_assert_int_eq(file_write(tdir(), longname, PL("x")), ENAMETOOLONG);
}
END_TEST

START_TEST(test_copy)
{
	size_t n = 200000, i, got;      /* more than one read buffer */
	char *big = malloc(n), *s;

	ck_assert_ptr_nonnull(big);
	for (i = 0; i < n; i++)
		big[i] = (char)(i * 7);
	tdir_write(tdir_path("from.xml"), big, n);
	ck_assert_int_eq(file_copy(tdir_path("from.xml"), tdir(), "scenario.xml"), 0);
	s = tdir_slurp(tdir_path("scenario.xml"), &got);
	ck_assert_uint_eq(got, n);
	ck_assert_int_eq(memcmp(s, big, n), 0);
	free(s);
	free(big);
	ck_assert_int_eq(file_copy(tdir_path("missing.xml"), tdir(), "x.xml"), ENOENT);
	ck_assert_int_ne(access(tdir_path("x.xml"), F_OK), 0);  /* nothing made */
	ck_assert_int_eq(file_copy(tdir_path("from.xml"), tdir_path("no/such"), "x.xml"), ENOENT);
}
END_TEST

START_TEST(test_safe_name)
{
	static const struct {
		const char *in, *out;
	} v[] = {
		{ "moved-invite", "moved-invite" },
		{ "alice-moved/INVITE/tcp", "alice-moved_INVITE_tcp" },
		{ "follow 1.2", "follow_1.2" },
		{ "../etc/passwd", ".._etc_passwd" },
		{ "..", "__" },
		{ ".", "_" },
		{ "...", "___" },
		{ ".hidden", ".hidden" },
		{ "a\x01\n\x7f\xc3\xa9z", "a_____z" },
		{ "x_y", "x_y" },
		{ "", "" },
	};
	char out[64];
	size_t i;

	for (i = 0; i < NELEM(v); i++) {
		file_safe_name(out, sizeof(out), v[i].in);
		ck_assert_msg(strcmp(out, v[i].out) == 0, "'%s' -> '%s'", v[i].in, out);
	}
	/* cut to the buffer */
	file_safe_name(out, 4, "abcdef");
	ck_assert_str_eq(out, "abc");
	file_safe_name(out, 1, "abc");
	ck_assert_str_eq(out, "");
	out[0] = 'k';
	file_safe_name(out, 0, "abc");                          /* nothing written */
	ck_assert_int_eq(out[0], 'k');
}
END_TEST

static Suite *file_suite(void)
{
	Suite *s = suite_create("file");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_test(tc, test_mkdirs);
	tcase_add_test(tc, test_write);
	tcase_add_test(tc, test_copy);
	tcase_add_test(tc, test_safe_name);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_file", file_suite, NULL, NULL };
