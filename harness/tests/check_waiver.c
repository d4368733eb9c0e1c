/*
 * check_waiver.c - unit tests for waivers (suite/waiver.c): the file
 * format, read through suite/yaml.c, and matching.
 */
#include "tmain.h"
#include "tsuite.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suite/waiver.h"

static char *write_tmp(const char *text)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/sipconform-waiverXXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

START_TEST(test_waiver_match)
{
	struct waivers *w = NULL;
	struct diag dg;
	char where[200];
	bool expired;
	const char *p = write_tmp(
		"waivers:\n"
		"  - check: RFC3261-21.4.6-ALLOW-PRESENT\n"
		"    test: \"bob-*\"\n"
		"    reason: vendor ticket 12\n"
		"    expires: 2030-01-31\n"
		"  - check: RFC3261-8.3-*\n"
		"    test: \"*\"\n"
		"    reason: old\n"
		"    expires: 2020-01-01\n"
		"  - check: NOTHING\n"
		"    test: \"*\"\n"
		"    reason: unused\n"
		"    expires: 2030-01-01\n");
	long today = 20500; /* 2026-02-17 */
	FILE *fp;
	char out[1024] = "";

	memset(&dg, 0, sizeof(dg));
	ck_assert_int_eq(waiver_load(&w, p, &dg), 0);
	ck_assert_str_eq(waiver_match(w, "RFC3261-21.4.6-ALLOW-PRESENT", "bob-x", today,
				      &expired, where, sizeof(where)), "vendor ticket 12");
	ck_assert_ptr_nonnull(strstr(where, ":2, until 2030-01-31"));
	ck_assert_ptr_null(waiver_match(w, "RFC3261-21.4.6-ALLOW-PRESENT", "alice", today,
					&expired, where, sizeof(where)));
	ck_assert(!expired);
	/* an expired waiver matches but does not apply */
	ck_assert_ptr_null(waiver_match(w, "RFC3261-8.3-CONTACT-NOT-RURI", "x", today,
					&expired, where, sizeof(where)));
	ck_assert(expired);
	fp = fmemopen(out, sizeof(out) - 1, "w");
	ck_assert_uint_eq(waiver_report_unused(w, fp), 2);
	fclose(fp);
	ck_assert_ptr_nonnull(strstr(out, "EXPIRED"));
	ck_assert_ptr_nonnull(strstr(out, "matched nothing"));
	w = waiver_free(w);
	unlink(p);
}
END_TEST

static const char *const bad_waivers[][2] = {
	{ "waivers:\n  - check: X\n    test: y\n    reason: z\n", ":2:5: a waiver needs all of" },
	{ "waivers:\n  - check: X\n    test: y\n    reason: z\n    expires: 2026-02-30\n", ":5:14: 'expires' must be a date" },
	{ "waivers:\n  - check: X\n    tset: y\n", ":3:5: unknown key 'tset'" },
	{ "waiver: []\n", ":1:1: unknown key" },
	{ "waivers: [\n", ":2:1: " },
	{ "waivers: {}\n", "'waivers' must be a list" },
	/* read by suite/yaml.c: its rules apply */
	{ "waivers:\n  - &a {check: X}\n", ":2:5: anchors ('&a') are not supported in waivers files" },
	{ "waivers: *a\n", ":1:10: aliases ('*a') are not supported in waivers files" },
	{ "waivers:\n  - check: !!str X\n", ":2:12: tags ('tag:yaml.org,2002:str') are not supported" },
	{ "waivers: []\n---\nwaivers: []\n", ":2:1: a waivers file holds one YAML document" },
	{ "waivers:\n  - reason: \"a\x01\"\n", ":2:15: not a valid UTF-8 YAML file: control characters are not allowed" },
	{ "waivers: [\n", ":2:1: YAML syntax error: " },
	/* structure */
	{ "", "expected a mapping with the key 'waivers'" },
	{ "- a\n", ":1:1: expected a mapping with the key 'waivers'" },
	{ "waivers: []\nwaivers: []\n", ":2:1: duplicate key 'waivers' (first at line 1)" },
	{ "waivers:\n  - x\n", ":2:5: a waiver must be a mapping with check, test, reason, expires" },
	{ "waivers:\n  - check: X\n    check: Y\n", ":3:5: duplicate key 'check' (first at line 2)" },
	{ "waivers:\n  - check: [X]\n", ":2:12: 'check' must be a non-empty string" },
	{ "waivers:\n  - check: ''\n", ":2:12: 'check' must be a non-empty string" },
	{ "waivers:\n  - {[a]: b}\n", ":2:6: a key must be a plain string, not a list" },
	{ "waivers:\n  - check: X\n    test: y\n    reason: z\n    expires: 2026-1-01\n", ":5:14: 'expires' must be a date YYYY-MM-DD" },
	{ "waivers:\n  - check: X\n    test: y\n    reason: z\n    expires: 2025-02-29\n", ":5:14: 'expires' must be a date" },
};

START_TEST(test_waiver_bad)
{
	struct waivers *w = NULL;
	struct diag dg;
	char buf[1200];
	const char *p = write_tmp(bad_waivers[_i][0]);

	memset(&dg, 0, sizeof(dg));
	ck_assert_int_ne(waiver_load(&w, p, &dg), 0);
	ck_assert_ptr_null(w);
	diag_format(&dg, buf, sizeof(buf));
	ck_assert_msg(strstr(buf, bad_waivers[_i][1]), "'%s' lacks '%s'", buf, bad_waivers[_i][1]);
	unlink(p);
}
END_TEST

/* A leap day is a date; the file limits of the loader. */
START_TEST(test_waiver_limits)
{
	struct waivers *w = NULL;
	struct diag dg;
	struct sb b = { 0 };
	const char *p;
	size_t i;

	memset(&dg, 0, sizeof(dg));
	p = write_tmp("waivers:\n  - {check: X, test: y, reason: z, expires: 2028-02-29}\n");
	ck_assert_int_eq(waiver_load(&w, p, &dg), 0);
	w = waiver_free(w);
	unlink(p);

	/* 1000 waivers, then 1001 */
	sb_str(&b, "waivers:\n");
	for (i = 0; i < 1000; i++)
		sb_str(&b, "  - {check: X, test: y, reason: z, expires: 2030-01-01}\n");
	p = write_tmp(b.p);
	ck_assert_int_eq(waiver_load(&w, p, &dg), 0);
	w = waiver_free(w);
	unlink(p);
	sb_str(&b, "  - {check: X, test: y, reason: z, expires: 2030-01-01}\n");
	p = write_tmp(b.p);
	ck_assert_int_eq(waiver_load(&w, p, &dg), EBADMSG);
	ck_assert_ptr_null(w);
	ck_assert_str_eq(dg.msg, "more than 1000 waivers");
	ck_assert_uint_eq(dg.line, 2);   /* the list */
	unlink(p);

	/* over 1 MiB */
	b.l = 0;
	sb_rep(&b, "#", (1u << 20) + 1);
	p = write_tmp(b.p);
	ck_assert_int_eq(waiver_load(&w, p, &dg), EBADMSG);
	ck_assert_ptr_null(w);
	ck_assert(strstr(dg.msg, "the waivers file is larger than 1 MiB") != NULL);
	unlink(p);
	free(b.p);

	/* a missing file keeps its errno */
	ck_assert_int_eq(waiver_load(&w, "/nonexistent/w.yaml", &dg), ENOENT);
	ck_assert_ptr_null(w);
	ck_assert_str_eq(dg.file, "/nonexistent/w.yaml");
	ck_assert(strstr(dg.msg, "cannot open the waivers file") != NULL);
	ck_assert_ptr_null(waiver_free(NULL));
}
END_TEST

static Suite *waiver_suite(void)
{
	Suite *s = suite_create("waiver");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_waiver_match);
	tcase_add_loop_test(tc, test_waiver_bad, 0, sizeof(bad_waivers) / sizeof(bad_waivers[0]));
	tcase_add_test(tc, test_waiver_limits);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_waiver", waiver_suite, NULL, NULL };
