/*
 * check_repr.c - the escaper every report goes through (base/repr.c):
 * control bytes, invalid UTF-8 and line breaks made visible, TAP's '#',
 * times printed the same under every locale, input bounded.
 */
#include "tmain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/repr.h"

START_TEST(test_repr_core)
{
	static const struct {
		const char *in;
		size_t n;
		unsigned flags;
		const char *out;
	} v[] = {
		{ "abc", 3, 0, "abc" },
		{ "a\0b", 3, 0, "a\\x00b" },
		{ "\x01\x1f\x7f", 3, 0, "\\x01\\x1f\\x7f" },
		{ "a\r\nb\nc\rd\te", 10, 0, "a\\r\\nb\\nc\\rd\\te" },
		{ "a\r\nb\nc", 6, REPR_LINES, "a\\r\\n\nb\\n\nc" },
		{ "\\#", 2, 0, "\\\\#" },
		{ "a # SKIP", 8, REPR_TAP, "a \\# SKIP" },
		{ " a b ", 5, 0, "\\x20a b\\x20" },
		{ "\xc2\xa7\xe2\x82\xac\xf0\x9f\x98\x80", 9, 0, "\xc2\xa7\xe2\x82\xac\xf0\x9f\x98\x80" },
		{ "\xc0\x80", 2, 0, "\\xc0\\x80" },                    /* overlong NUL */
		{ "\xe0\x80\xaf", 3, 0, "\\xe0\\x80\\xaf" },            /* overlong '/' */
		{ "\xed\xa0\x80", 3, 0, "\\xed\\xa0\\x80" },            /* surrogate */
		{ "\xf4\x90\x80\x80", 4, 0, "\\xf4\\x90\\x80\\x80" },   /* > U+10FFFF */
		{ "\xe2\x82", 2, 0, "\\xe2\\x82" },                     /* cut */
		{ "\xff\xfe", 2, 0, "\\xff\\xfe" },
		{ "\xc2\x85\xe2\x80\xa8\xef\xbb\xbf\xef\xbf\xbe", 11, 0,
		  "\\xc2\\x85\\xe2\\x80\\xa8\\xef\\xbb\\xbf\\xef\\xbf\\xbe" },
		{ "]]><a/>", 7, 0, "]]><a/>" },
	};
	size_t i;

	for (i = 0; i < NELEM(v); i++) {
		char *s = repr_dup(v[i].in, v[i].n, v[i].flags);

		ck_assert_ptr_nonnull(s);
		ck_assert_msg(strcmp(s, v[i].out) == 0, "vector %zu: got '%s'", i, s);
		free(s);
	}
}
END_TEST

START_TEST(test_repr_seconds)
{
	char buf[32];

	ck_assert_str_eq(repr_seconds(buf, 0), "0.000");
	ck_assert_str_eq(repr_seconds(buf, 0.0004), "0.000");
	ck_assert_str_eq(repr_seconds(buf, 0.0005), "0.001");
	ck_assert_str_eq(repr_seconds(buf, 12.3456), "12.346");
	ck_assert_str_eq(repr_seconds(buf, 1.05), "1.050");
	ck_assert_str_eq(repr_seconds(buf, -3), "0.000");
	ck_assert_str_eq(repr_seconds(buf, NAN), "0.000");
	ck_assert_str_eq(repr_seconds(buf, INFINITY), "999999999.999");
	ck_assert_str_eq(repr_seconds(buf, 1e300), "999999999.999");
}
END_TEST

START_TEST(test_repr_limits)
{
	size_t n = REPR_MAX_IN + 1000;
	char *big = malloc(n), *s;
	struct repr r;

	ck_assert_ptr_nonnull(big);
	memset(big, 'A', n);
	s = repr_dup(big, n, 0);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(strlen(s), REPR_MAX_IN + strlen("...[1000 more bytes]"));
	ck_assert_str_eq(s + REPR_MAX_IN, "...[1000 more bytes]");
	free(s);
	free(big);

	/* empty and NULL inputs give "" */
	s = repr_dup(NULL, 5, 0);
	ck_assert_str_eq(s, "");
	free(s);
	s = repr_dups(NULL, 0);
	ck_assert_str_eq(s, "");
	free(s);
	repr_init(&r);
	ck_assert_int_eq(repr_cats(&r, "x\n", REPR_LINES), 0);
	ck_assert_uint_eq(r.len, 4);
	repr_reset(&r);
	ck_assert_ptr_null(r.s);
}
END_TEST

static Suite *repr_suite(void)
{
	Suite *s = suite_create("repr");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_repr_core);
	tcase_add_test(tc, test_repr_seconds);
	tcase_add_test(tc, test_repr_limits);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_repr", repr_suite, NULL, NULL };
