/*
 * check_repr.c - the escaper every report goes through (base/repr.c):
 * control bytes, invalid UTF-8, invisible characters and line breaks made visible, TAP's '#',
 * times printed the same under every locale, input bounded.
 */
#include "tmain.h"

#include <math.h>
#include <stdio.h>
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
		{ "\xc2\xa7\xe2\x82\xac" "Jos\xc3\xa9", 10, 0, "\xc2\xa7\xe2\x82\xac" "Jos\xc3\xa9" },
		/* outside the BMP: bytes (libyaml would double-quote it) */
		{ "\xf0\x9f\x98\x80", 4, 0, "\\xf0\\x9f\\x98\\x80" },
		{ "\xf0\x9f\x99\x82\r\n", 6, REPR_LINES, "\\xf0\\x9f\\x99\\x82\\r\\n\n" },
		/* U+FFFD and the specials, the BOM, a noncharacter, private use */
		{ "\xef\xbf\xbd\xef\xbf\xbc\xef\xbb\xbf\xef\xb7\x90\xee\x80\x80", 15, 0,
		  "\\xef\\xbf\\xbd\\xef\\xbf\\xbc\\xef\\xbb\\xbf\\xef\\xb7\\x90\\xee\\x80\\x80" },
		/* invisible or reordering: soft hyphen, ZWSP, RLO, LRI, ALM, VS16 */
		{ "a\xc2\xad\xe2\x80\x8b\xe2\x80\xae\xe2\x81\xa6\xd8\x9c\xef\xb8\x8f", 17, 0,
		  "a\\xc2\\xad\\xe2\\x80\\x8b\\xe2\\x80\\xae\\xe2\\x81\\xa6\\xd8\\x9c\\xef\\xb8\\x8f" },
		/* C1 controls and NBSP's neighbour: U+009F escaped, U+00A0 kept */
		{ "\xc2\x9f\xc2\xa0", 4, 0, "\\xc2\\x9f\xc2\xa0" },
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

/* Undo the escape (the test's own reader): NULL if s is not an output of repr_cat. */
static char *unrepr(const char *s, size_t *n, unsigned flags)
{
	char *o = malloc(strlen(s) + 1);
	size_t k = 0;

	while (o && *s) {
		unsigned v;

		if (*s == '\n') {      /* a real LF only after a visible "\n" with REPR_LINES */
			if (!(flags & REPR_LINES) || k == 0 || o[k - 1] != '\n')
				goto bad;
			s++;
			continue;
		}
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
			goto bad;
		if (*s != '\\') {
			if (*s == '#' && (flags & REPR_TAP))
				goto bad;
			o[k++] = *s++;
			continue;
		}
		switch (s[1]) {
		case '\\': o[k++] = '\\'; s += 2; break;
		case '#': o[k++] = '#'; s += 2; break;
		case 'n': o[k++] = '\n'; s += 2; break;
		case 'r': o[k++] = '\r'; s += 2; break;
		case 't': o[k++] = '\t'; s += 2; break;
		case 'x':
			if (sscanf(s + 2, "%2x", &v) != 1 || !s[2] || !s[3])
				goto bad;
			o[k++] = (char)v;
			s += 4;
			break;
		default:
			goto bad;
		}
	}
	*n = k;
	return o;
bad:
	free(o);
	return NULL;
}

/*
 * Every byte string renders without a control byte but LF, never with a
 * U+FFFD or a character beyond the BMP, no line ends in white space, and
 * the rendering reads back to the very bytes: the escape loses nothing.
 */
START_TEST(test_repr_policy)
{
	static const unsigned flags[] = { 0, REPR_LINES, REPR_TAP, REPR_LINES | REPR_TAP };
	unsigned char in[64];
	unsigned seed = 12345;
	int round;

	for (round = 0; round < 20000; round++) {
		size_t n = (size_t)(round % 64), i, back;
		unsigned f = flags[round % 4];
		char *s, *o;

		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			/* bias towards the interesting bytes */
			if ((seed >> 16) % 4 == 0)
				in[i] = (unsigned char)"\r\n \\#\x00\xef\xbf\xbd\xc3\xa9\xf0\x9f\x99\x82\xe2\x80"[(seed >> 8) % 16];
			else
				in[i] = (unsigned char)(seed >> 16);
		}
		s = repr_dup(in, n, f);
		ck_assert_ptr_nonnull(s);
		for (i = 0; s[i]; i++) {
			unsigned char c = (unsigned char)s[i];

			ck_assert_msg(c == '\n' || (c >= 0x20 && c != 0x7f), "round %d: byte 0x%02x", round, c);
			if (c == '\n')
				ck_assert_msg(i > 0 && s[i - 1] != ' ', "round %d: line ends in a space", round);
		}
		ck_assert_msg(!strstr(s, "\xef\xbf\xbd"), "round %d: U+FFFD", round);
		ck_assert_msg(!strstr(s, "\xf0") && !strstr(s, "\xf4"), "round %d: beyond the BMP", round);
		o = unrepr(s, &back, f);
		ck_assert_msg(o != NULL, "round %d: unreadable '%s'", round, s);
		ck_assert_uint_eq(back, n);
		ck_assert_msg(memcmp(o, in, n) == 0, "round %d: '%s' reads back wrong", round, s);
		free(o);
		free(s);
	}
}
END_TEST

static Suite *repr_suite(void)
{
	Suite *s = suite_create("repr");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_repr_core);
	tcase_add_test(tc, test_repr_seconds);
	tcase_add_test(tc, test_repr_limits);
	tcase_add_test(tc, test_repr_policy);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_repr", repr_suite, NULL, NULL };
