/*
 * check_chars.c - unit tests for the SIP character classes (base/chars.h).
 *
 * Every class is compared, byte by byte over 0x00..0xff and EOF (-1),
 * with a reference written from the RFC 3261 §25.1 ABNF as a list of
 * characters, so that a class can neither gain nor lose a byte: NUL,
 * DEL (0x7f) and every byte from 0x80 up are in no class but CTL
 * (0x00-0x1f, 0x7f).
 */
#include "tmain.h"

#include <stdbool.h>
#include <string.h>

#include "base/chars.h"

#define ALPHA "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGIT "0123456789"
#define ALNUM ALPHA DIGIT
#define MARK "-_.!~*'()"

static const struct {
	const char *name;
	bool (*fn)(int);
	const char *ref; /* every member, printable ASCII only */
} class_vecs[] = {
	{ "alpha", chars_is_alpha, ALPHA },
	{ "digit", chars_is_digit, DIGIT },
	{ "alnum", chars_is_alnum, ALNUM },
	{ "hex", chars_is_hex, DIGIT "abcdefABCDEF" },
	{ "token", chars_is_token, ALNUM "-.!%*_+`'~" },
	{ "unreserved", chars_is_unreserved, ALNUM MARK },
	{ "reserved", chars_is_reserved, ";/?:@&=+$," },
	{ "user", chars_is_user, ALNUM MARK "&=+$,;?/" },
	{ "password", chars_is_password, ALNUM MARK "&=+$," },
	{ "param", chars_is_param, ALNUM MARK "[]/:&+$" },
	{ "hnv", chars_is_hnv, ALNUM MARK "[]/?:+$" },
	{ "word", chars_is_word, ALNUM "-.!%*_+`'~()<>:\\\"/[]?{}" },
	{ "scheme_char", chars_is_scheme_char, ALNUM "+-." },
	{ "host", chars_is_host, ALNUM "-." },
	{ "wsp", chars_is_wsp, " \t" },
	{ "lws", chars_is_lws, " \t\r\n" },
};

START_TEST(test_class)
{
	const char *ref = class_vecs[_i].ref;
	int c;

	for (c = 0; c < 256; c++) {
		bool want = c != 0 && memchr(ref, c, strlen(ref)) != NULL;

		ck_assert_msg(class_vecs[_i].fn(c) == want, "%s(0x%02x) is %d",
			      class_vecs[_i].name, (unsigned)c, !want);
	}
	ck_assert(!class_vecs[_i].fn(-1));
}
END_TEST

START_TEST(test_ctl)
{
	int c;

	for (c = 0; c < 256; c++)
		ck_assert_msg(chars_is_ctl(c) == (c < 0x20 || c == 0x7f), "ctl(0x%02x)",
			      (unsigned)c);
	ck_assert(!chars_is_ctl(-1));
}
END_TEST

START_TEST(test_in)
{
	ck_assert(chars_in('a', "xay"));
	ck_assert(!chars_in('b', "xay"));
	/* the terminating NUL of the set is not a member */
	ck_assert(!chars_in(0, "xay"));
	ck_assert(!chars_in('a', ""));
	/* non-ASCII never matches, even where char is signed */
	ck_assert(!chars_in(0x80, "\x80"));
	ck_assert(!chars_in(0xff, "\xff"));
	ck_assert(!chars_in(-1, "\xff"));
	/* ASCII controls other than NUL are members when listed */
	ck_assert(chars_in(0x7f, "\x7f"));
	ck_assert(chars_in('\t', " \t"));
}
END_TEST

START_TEST(test_hexval)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 16; i++) {
		ck_assert_int_eq(chars_hexval(hex[i]), i);
		ck_assert_int_eq(chars_hexval((unsigned char)(hex[i] >= 'a' ? hex[i] - 32 : hex[i])), i);
	}
}
END_TEST

START_TEST(test_scheme)
{
	ck_assert(chars_is_scheme("sip", 3));
	ck_assert(chars_is_scheme("soap.beep", 9));
	ck_assert(chars_is_scheme("a+b-c.d9", 8));
	ck_assert(chars_is_scheme("X", 1));
	ck_assert(!chars_is_scheme("", 0));
	ck_assert(!chars_is_scheme("1sip", 4));
	ck_assert(!chars_is_scheme("+sip", 4));
	ck_assert(!chars_is_scheme("s p", 3));
	ck_assert(!chars_is_scheme("sip:", 4));
	ck_assert(!chars_is_scheme("s\x80", 2));
	ck_assert(!chars_is_scheme("s\x7f", 2));
	ck_assert(!chars_is_scheme("s\0p", 3));
	/* only n bytes are read */
	ck_assert(chars_is_scheme("sip:x", 3));
}
END_TEST

static Suite *chars_suite(void)
{
	Suite *s = suite_create("chars");
	TCase *tc = tcase_create("Core");

	tcase_add_loop_test(tc, test_class, 0, (int)NELEM(class_vecs));
	tcase_add_test(tc, test_ctl);
	tcase_add_test(tc, test_in);
	tcase_add_test(tc, test_hexval);
	tcase_add_test(tc, test_scheme);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_chars", chars_suite, NULL, NULL };
