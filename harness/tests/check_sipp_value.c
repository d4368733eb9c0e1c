/*
 * check_value.c - sipp/value.c: sipp_value_safe(), the one check of what
 * SIPp may paste into a request.  Each refusal names what is wrong and
 * the offset of the byte at fault; an IPv6 host reference is the only
 * place brackets may stand, since SIPp substitutes "[keyword]".
 */
#include "tmain.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sipp/value.h"

static const struct {
	const char *s;
	bool ok;
	size_t at;
	const char *why;
} safe[] = {
	{ "sip:alice@example.com", true, 0, NULL },
	{ "sip:alice@[::1]:5060", true, 0, NULL },
	{ "sip:[2001:db8::1];transport=tcp", true, 0, NULL },
	{ "[::1]", true, 0, NULL },
	{ "<sip:a@[::ffff:1.2.3.4]>", true, 0, NULL },
	{ "sips:a@[fe80::1]?x=y", true, 0, NULL },
	{ "caf\xc3\xa9", true, 0, NULL },              /* UTF-8 is not a control */
	{ "", true, 0, NULL },
	{ "sip:[service]@x", false, 4, "SIPp would substitute" },
	{ "[service]", false, 0, "SIPp would substitute" },
	{ "x[::1]", false, 1, "contains '['" },        /* not where a host is */
	{ "sip:a@[::1]x", false, 6, "contains '['" },
	{ "sip:a@[::g]", false, 6, "contains '['" },
	{ "sip:a@[dead:beef]", false, 6, "contains '['" }, /* not an address */
	{ "a]b", false, 1, "contains ']'" },
	{ "a\rb", false, 1, "line break (CR/LF)" },
	{ "a\nb", false, 1, "line break (CR/LF)" },
	{ "a\tb", false, 1, "TAB" },
	{ "a\x01", false, 1, "control byte" },
	{ "a\x7f", false, 1, "control byte" },
	{ "a\xc2\x85", false, 1, "C1 control" },
	{ "a\xc2\x9f", false, 1, "C1 control" },

	/* An IPv6 reference where a host stands: at the start ... */
	{ "[::1]:5060", true, 0, NULL },
	{ "[2001:db8::1];transport=tcp", true, 0, NULL },
	{ "[::1]?subject=x", true, 0, NULL },
	{ "[::1]>", true, 0, NULL },
	/* ... after '@' ... */
	{ "alice@[::1]", true, 0, NULL },
	{ "alice@[2001:db8::1]:5070;lr", true, 0, NULL },
	/* ... or right after "scheme:" (RFC 3986 scheme characters) */
	{ "sips:[::1]", true, 0, NULL },
	{ "tel+x-y.z:[::1]", true, 0, NULL },
	{ "sip:a@[::1];maddr=x;lr", true, 0, NULL },
	/* anywhere else, '[' is refused at its offset */
	{ ":[::1]", false, 1, "contains '['" },         /* no scheme before ':' */
	{ "1sip:[::1]", false, 5, "contains '['" },     /* a scheme starts with a letter */
	{ "a@b:[::1]", false, 4, "contains '['" },      /* "a@b" is not a scheme */
	{ "sip:a=[::1]", false, 6, "contains '['" },
	{ "sip:a@b;maddr=[::1]", false, 14, "contains '['" },
	{ "sip:a@[::1];maddr=[::2]", false, 18, "contains '['" },
	{ "sip:a@b [::1]", false, 8, "contains '['" },
	/* a reference that is not followed by the end, ':', ';', '?' or '>' */
	{ "[::1]x", false, 0, "contains '['" },
	{ "[::1]@x", false, 0, "contains '['" },
	{ "[::1]]", false, 0, "contains '['" },
	{ "[::1][::2]", false, 0, "contains '['" },
	/* unterminated, empty, not an address, over-long */
	{ "[::1", false, 0, "contains '['" },
	{ "sip:a@[", false, 6, "contains '['" },
	{ "[]", false, 0, "contains '['" },
	{ "[1.2.3.4]", false, 0, "contains '['" },
	{ "[1:2:3:4:5:6:7:8:9]", false, 0, "contains '['" },
	{ "[0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000:0001]", false, 0,
	  "contains '['" },
	{ "[::1]x]", false, 0, "contains '['" },
	/* SIPp keywords, wherever they stand */
	{ "[last_Via:]", false, 0, "SIPp would substitute" },
	{ "[field0]", false, 0, "SIPp would substitute" },
	{ "[$1]", false, 0, "SIPp would substitute" },
	{ "[call_id]", false, 0, "SIPp would substitute" },
	{ "a@[last_Via:]", false, 2, "SIPp would substitute" },
	{ "sip:[field0]@x", false, 4, "SIPp would substitute" },
	{ "sip:a@b;x=[call_id]", false, 10, "SIPp would substitute" },
	{ "sip:a@[::1];[field0]", false, 12, "SIPp would substitute" },
	{ "sip:a@[::1]:[field0]", false, 12, "SIPp would substitute" },
	{ "sip:a@[::1][$1]", false, 6, "SIPp would substitute" },
	{ "field0]", false, 6, "contains ']' outside an IPv6 reference" },
	{ "sip:a@[::1]]", false, 6, "contains '['" },
	/* control bytes: TAB, DEL, C0, C1; the offset of the first */
	{ "\t", false, 0, "contains a TAB (control byte 0x09)" },
	{ "sip:a@b;\tx", false, 8, "contains a TAB (control byte 0x09)" },
	{ "\x7f", false, 0, "contains a control byte" },
	{ "sip:a@b\x7f", false, 7, "contains a control byte" },
	{ "\x1b[0m", false, 0, "contains a control byte" },
	{ "a\x1f", false, 1, "contains a control byte" },
	{ "\r\n", false, 0, "contains a line break (CR/LF): it would change the request's framing" },
	{ "a\x7f\n", false, 1, "contains a control byte" },
	{ "\xc2\x85", false, 0, "contains a C1 control character" },     /* NEL */
	{ "sip:a@b\xc2\x80", false, 7, "contains a C1 control character" },
	{ "\xc2\xa0", true, 0, NULL },                  /* U+00A0 is not C1 */
	{ "\xc3\x85", true, 0, NULL },                  /* U+00C5, second byte 0x85 */
	{ " ", true, 0, NULL },
	{ "sip:a@b;x=\"q\\\"\"", true, 0, NULL },
};

START_TEST(test_value_safe)
{
	const char *why = NULL;
	size_t at = 99;
	bool ok = sipp_value_safe(safe[_i].s, &why, &at);

	ck_assert_msg(ok == safe[_i].ok, "'%s'", safe[_i].s);
	if (!ok) {
		ck_assert_uint_eq(at, safe[_i].at);
		ck_assert_msg(strstr(why, safe[_i].why) != NULL, "%s", why);
	}
}
END_TEST

START_TEST(test_value_safe_edges)
{
	char big[1100];
	const char *why = NULL;
	size_t at = 0;

	ck_assert(!sipp_value_safe(NULL, &why, &at));
	ck_assert_str_eq(why, "is missing");
	ck_assert(sipp_value_safe("x", NULL, NULL));
	ck_assert(!sipp_value_safe("\n", NULL, NULL));   /* NULL outputs ok */

	memset(big, 'a', sizeof(big));
	big[1024] = '\0';
	ck_assert(sipp_value_safe(big, &why, &at));
	big[1024] = 'a';
	big[1025] = '\0';
	ck_assert(!sipp_value_safe(big, &why, &at));
	ck_assert_uint_eq(at, 1024);
	ck_assert(strstr(why, "longer than 1024") != NULL);
}
END_TEST

/* The exact words of each refusal, and NULL outputs on each path. */
START_TEST(test_value_words)
{
	const char *why = NULL;
	size_t at = 99;

	ck_assert(!sipp_value_safe(NULL, NULL, &at));
	ck_assert_uint_eq(at, 0);
	ck_assert(!sipp_value_safe("a]", &why, NULL));
	ck_assert_str_eq(why, "contains ']' outside an IPv6 reference: SIPp treats '[...]' "
			 "as a keyword");
	ck_assert(!sipp_value_safe("[x]", &why, NULL));
	ck_assert_str_eq(why, "contains '[': SIPp would substitute '[keyword]' syntax (only an "
			 "IPv6 host such as sip:alice@[::1] may use brackets)");
	ck_assert(!sipp_value_safe("\x01", &why, NULL));
	ck_assert_str_eq(why, "contains a control byte");
	ck_assert(!sipp_value_safe("\xc2\x9f", &why, NULL));
	ck_assert_str_eq(why, "contains a C1 control character");
}
END_TEST

/* SIPP_VALUE_MAX (1024) bytes pass; one more is refused at offset 1024. */
START_TEST(test_value_length)
{
	char *s = malloc(5001);
	const char *why = NULL;
	size_t at = 0;

	ck_assert_uint_eq(SIPP_VALUE_MAX, 1024);
	ck_assert_ptr_nonnull(s);
	memset(s, 'a', 5000);
	s[5000] = '\0';
	ck_assert(!sipp_value_safe(s, &why, &at));       /* far over: still offset 1024 */
	ck_assert_uint_eq(at, 1024);
	ck_assert_str_eq(why, "is longer than 1024 bytes");

	/* a fault inside the first 1024 bytes is named first */
	s[1023] = '\r';
	ck_assert(!sipp_value_safe(s, &why, &at));
	ck_assert_uint_eq(at, 1023);
	ck_assert_ptr_nonnull(strstr(why, "line break"));
	s[1023] = 'a';

	/* 1024 bytes ending in an IPv6 reference: accepted */
	s[1024] = '\0';
	memcpy(s + 1018, "@[::1]", 6);
	ck_assert_msg(sipp_value_safe(s, &why, &at), "%s at %zu", why, at);
	/* a reference running past byte 1024 makes the value too long too */
	memset(s, 'a', 1024);
	memcpy(s + 1019, "@[::1]", 7);                   /* 1025 bytes */
	ck_assert_uint_eq(strlen(s), 1025);
	ck_assert(!sipp_value_safe(s, &why, &at));
	ck_assert_uint_eq(at, 1024);
	ck_assert_str_eq(why, "is longer than 1024 bytes");
	memcpy(s + 1019, "@[::1]:5060", 12);             /* 1030 bytes */
	ck_assert(!sipp_value_safe(s, &why, &at));
	ck_assert_uint_eq(at, 1024);
	ck_assert_str_eq(why, "is longer than 1024 bytes");
	free(s);
}
END_TEST

static Suite *value_suite(void)
{
	Suite *s = suite_create("value");
	TCase *tc = tcase_create("Core");

	tcase_add_loop_test(tc, test_value_safe, 0, (int)NELEM(safe));
	tcase_add_test(tc, test_value_safe_edges);
	tcase_add_test(tc, test_value_words);
	tcase_add_test(tc, test_value_length);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_sipp_value", value_suite, NULL, NULL };
