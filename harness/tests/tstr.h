/*
 * tstr.h - a growable string for tests that build big inputs (suite
 * limits: long values, deep nesting, thousands of entries).
 *
 * Zero-initialise it; free(b.p) when done.  Allocation failure fails the
 * test (ck_assert).
 */
#ifndef SIPCONFORM_TSTR_H
#define SIPCONFORM_TSTR_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

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
