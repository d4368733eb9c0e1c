/*
 * tsuite.h - helpers of the suite-stage tests (check_yaml.c,
 * check_suite.c, check_plan.c, check_waiver.c).
 *
 * ck_bad() asserts a refusal at a position.  struct sb is a growable
 * string for big inputs (long values, deep nesting, thousands of
 * entries): zero-initialise it, free(b.p) when done; allocation failure
 * fails the test.
 */
#ifndef SIPCONFORM_TSUITE_H
#define SIPCONFORM_TSUITE_H

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/*
 * Assert an EBADMSG at line:col whose message holds sub (col 0: any), and
 * that the result pointer *pp was left NULL.
 */
#define ck_bad(err, pp, dg, l, c, sub) do { \
	ck_assert_int_eq((err), EBADMSG); \
	ck_assert_ptr_null(*(pp)); \
	ck_assert_msg(strstr((dg)->msg, (sub)) != NULL, \
		      "message '%s' lacks '%s'", (dg)->msg, (sub)); \
	ck_assert_uint_eq((dg)->line, (l)); \
	if ((c)) \
		ck_assert_uint_eq((dg)->col, (c)); \
} while (0)

struct sb {
	char *p;
	size_t l, cap;
};

static inline void sb_add(struct sb *b, const char *s, size_t n)
{
	if (b->l + n + 1 > b->cap) {
		b->cap = (b->l + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		ck_assert_ptr_nonnull(b->p);
	}
	memcpy(b->p + b->l, s, n);
	b->l += n;
	b->p[b->l] = '\0';
}

static inline void sb_str(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static inline void sb_rep(struct sb *b, const char *s, size_t times)
{
	while (times--)
		sb_str(b, s);
}

#endif
