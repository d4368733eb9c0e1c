/*
 * check_pl.c - unit tests for pointer+length slices (base/pl.c, pl.h).
 *
 * Vectors: the edge cases every parser leans on: NULL and empty slices,
 * ASCII-only case folding, LWS trimming, 1*DIGIT to uint32 with
 * overflow at 2^32, and copies of slices that are not NUL-terminated.
 */
#include "tmain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/pl.h"

START_TEST(test_from)
{
	struct pl x = pl_from("abc"), n = pl_from(NULL), e = pl_from("");

	ck_assert_uint_eq(x.l, 3);
	ck_assert_ptr_null(n.p);
	ck_assert_uint_eq(n.l, 0);
	ck_assert_ptr_nonnull(e.p);
	ck_assert_uint_eq(e.l, 0);
	ck_assert(pl_isset(e));
	ck_assert(!pl_isset(n));
	ck_assert(!pl_isset(PL_NULL));
	ck_assert_uint_eq(PL("ab\0c").l, 4);
}
END_TEST

START_TEST(test_eq)
{
	static const char buf[] = "abcabd";

	ck_assert(pl_eq(PL("abc"), pl_from("abc")));
	ck_assert(!pl_eq(PL("abc"), PL("abd")));
	ck_assert(!pl_eq(PL("abc"), PL("ab")));
	ck_assert(!pl_eq(PL("abc"), PL("ABC")));
	/* empty equals empty, NULL or not */
	ck_assert(pl_eq(PL_NULL, PL("")));
	ck_assert(pl_eq(PL(""), PL_NULL));
	ck_assert(!pl_eq(PL_NULL, PL("a")));
	/* slices of one buffer, not NUL-terminated */
	ck_assert(pl_eq((struct pl){ buf, 2 }, (struct pl){ buf + 3, 2 }));
	ck_assert(!pl_eq((struct pl){ buf, 3 }, (struct pl){ buf + 3, 3 }));
	ck_assert(pl_eq((struct pl){ "a\0b", 3 }, (struct pl){ "a\0b", 3 }));
	ck_assert(!pl_eq((struct pl){ "a\0b", 3 }, (struct pl){ "a\0c", 3 }));
	ck_assert(pl_eq_str(PL("x"), "x"));
	ck_assert(!pl_eq_str(PL("x"), "X"));
	ck_assert(pl_eq_str(PL_NULL, ""));
	ck_assert(pl_eq_str(PL_NULL, NULL));
}
END_TEST

START_TEST(test_caseeq)
{
	ck_assert(pl_caseeq(PL("AbC-1"), PL("aBc-1")));
	ck_assert(pl_caseeq(PL(""), PL_NULL));
	ck_assert(!pl_caseeq(PL("abc"), PL("abcd")));
	ck_assert(!pl_caseeq(PL("a"), PL("b")));
	/* only A-Z fold: '@' is not '`', '[' is not '{', no Latin-1 folding */
	ck_assert(!pl_caseeq(PL("@"), PL("`")));
	ck_assert(!pl_caseeq(PL("["), PL("{")));
	ck_assert(!pl_caseeq(PL("\xc0"), PL("\xe0")));
	ck_assert(pl_caseeq(PL("\xc0"), PL("\xc0")));
	ck_assert(pl_caseeq_str(PL("Content-Length"), "content-length"));
	ck_assert(!pl_caseeq_str(PL("Content-Length"), "content-lengt"));
	/* the string's end counts as its length: longer, shorter, a NUL in the slice */
	ck_assert(!pl_caseeq_str(PL("Content-Lengt"), "content-length"));
	ck_assert(!pl_caseeq_str(PL("ab\0"), "ab"));
	ck_assert(!pl_caseeq_str(PL("a\0c"), "a"));
	ck_assert(pl_caseeq_str(PL(""), ""));
	ck_assert(pl_caseeq_str(PL_NULL, ""));
	ck_assert(!pl_caseeq_str(PL(""), "a"));
	ck_assert(pl_caseeq_str(PL_NULL, NULL));
	ck_assert(!pl_caseeq_str(PL("a"), NULL));
	ck_assert(!pl_caseeq_str(PL("@"), "`"));
}
END_TEST

START_TEST(test_trim)
{
	struct pl x = pl_trim(PL(" \t\r\n a b \r\n\t"));

	ck_assert(pl_eq_str(x, "a b"));
	x = pl_trim(PL(" \t\r\n "));
	ck_assert_uint_eq(x.l, 0);
	x = pl_trim(PL_NULL);
	ck_assert_uint_eq(x.l, 0);
	ck_assert_ptr_null(x.p);
	x = pl_trim(PL("ab"));
	ck_assert(pl_eq_str(x, "ab"));
	/* other controls and NUL are not LWS */
	x = pl_trim((struct pl){ "\0a\v", 3 });
	ck_assert_uint_eq(x.l, 3);
}
END_TEST

static const struct {
	const char *s;
	int rc;
	uint32_t v;
} u32_vecs[] = {
	{ "0", 0, 0 },
	{ "42", 0, 42 },
	{ "0004294967295", 0, 4294967295u },
	{ "4294967295", 0, 4294967295u },
	{ "4294967296", ERANGE, 0 },
	{ "18446744073709551616", ERANGE, 0 },  /* 2^64: no wrap */
	{ "99999999999999999999999999999999999999999", ERANGE, 0 },
	{ "", EINVAL, 0 },
	{ "12a", EINVAL, 0 },
	{ "-1", EINVAL, 0 },
	{ "+1", EINVAL, 0 },
	{ " 1", EINVAL, 0 },
	{ "1 ", EINVAL, 0 },
	{ "0x10", EINVAL, 0 },
};

START_TEST(test_u32)
{
	uint32_t v = 7;
	int rc = pl_u32(pl_from(u32_vecs[_i].s), &v);

	ck_assert_msg(rc == u32_vecs[_i].rc, "'%s': rc %d", u32_vecs[_i].s, rc);
	/* on error the output is left alone */
	ck_assert_uint_eq(v, rc ? 7 : u32_vecs[_i].v);
}
END_TEST

START_TEST(test_u32_slice)
{
	uint32_t v = 0;

	/* only the slice is read: "12" out of "123" */
	ck_assert_int_eq(pl_u32((struct pl){ "123", 2 }, &v), 0);
	ck_assert_uint_eq(v, 12);
	ck_assert_int_eq(pl_u32(PL_NULL, &v), EINVAL);
}
END_TEST

START_TEST(test_strdup)
{
	char *s = pl_strdup((struct pl){ "abcdef", 3 });

	ck_assert_str_eq(s, "abc");
	free(s);
	s = pl_strdup(PL_NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "");
	free(s);
	s = pl_strdup((struct pl){ "a\0b", 3 });
	ck_assert(memcmp(s, "a\0b\0", 4) == 0);
	free(s);
}
END_TEST

START_TEST(test_end_fmt)
{
	static const char abc[] = "abc";
	char out[16];

	ck_assert_ptr_null(pl_end(PL_NULL));
	ck_assert_ptr_eq(pl_end((struct pl){ abc, 0 }), abc);
	ck_assert_ptr_eq(pl_end(PL(abc)), abc + 3);
	snprintf(out, sizeof(out), "[%.*s]", PL_FMT(PL_NULL));
	ck_assert_str_eq(out, "[]");
	snprintf(out, sizeof(out), "[%.*s]", PL_FMT(((struct pl){ abc, 2 })));
	ck_assert_str_eq(out, "[ab]");
}
END_TEST

static Suite *pl_suite(void)
{
	Suite *s = suite_create("pl");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_from);
	tcase_add_test(tc, test_eq);
	tcase_add_test(tc, test_caseeq);
	tcase_add_test(tc, test_trim);
	tcase_add_loop_test(tc, test_u32, 0, (int)NELEM(u32_vecs));
	tcase_add_test(tc, test_u32_slice);
	tcase_add_test(tc, test_strdup);
	tcase_add_test(tc, test_end_fmt);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_pl", pl_suite, NULL, NULL };
