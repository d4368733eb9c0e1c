/*
 * check_tvar.c - unit tests for suite/tvar.c: finding ${target}, its
 * expansion (snprintf-like truncation), mapping offsets back, and the
 * host:port position check.
 */
#include "tmain.h"
#include <errno.h>
#include <string.h>

#include "sip/msg.h"
#include "suite/tvar.h"

START_TEST(test_scan)
{
	static const struct {
		const char *s;
		int err;
		size_t n, at;
	} t[] = {
		{ "", 0, 0, 0 },
		{ "sip:a@b", 0, 0, 0 },
		{ "$ { } $target {target}", 0, 0, 0 },
		{ "${target}", 0, 1, 0 },
		{ "a${target}b${target}", 0, 2, 0 },
		{ "$${target}", 0, 1, 0 },
		{ "${target}}", 0, 1, 0 },
		{ "${Target}", EBADMSG, 0, 0 },
		{ "x${targe}", EBADMSG, 0, 1 },
		{ "${target}${", EBADMSG, 0, 9 },
		{ "${${target}", EBADMSG, 0, 0 },
		{ "${ target}", EBADMSG, 0, 0 },
	};
	size_t i, n, at;

	for (i = 0; i < NELEM(t); i++) {
		n = 77;
		at = 77;
		ck_assert_int_eq(tvar_scan(t[i].s, &n, &at), t[i].err);
		if (t[i].err)
			ck_assert_uint_eq(at, t[i].at);
		else
			ck_assert_uint_eq(n, t[i].n);
	}
	ck_assert_int_eq(tvar_scan("${target}", NULL, NULL), 0);
	ck_assert_int_eq(tvar_scan("${x}", NULL, NULL), EBADMSG);
}
END_TEST

START_TEST(test_expand)
{
	char buf[32];

	ck_assert_uint_eq(tvar_expand(buf, sizeof(buf), "sip:a@${target};lr",
				      "[::1]:5060"), 19);
	ck_assert_str_eq(buf, "sip:a@[::1]:5060;lr");
	ck_assert_uint_eq(tvar_expand(buf, sizeof(buf), "${target}/${target}",
				      "h"), 3);
	ck_assert_str_eq(buf, "h/h");
	ck_assert_uint_eq(tvar_expand(buf, sizeof(buf), "none", "h"), 4);
	ck_assert_str_eq(buf, "none");
	/* Truncated like snprintf: the whole length, a terminated prefix */
	ck_assert_uint_eq(tvar_expand(buf, 8, "sip:a@${target}", "1.2.3.4:5"), 15);
	ck_assert_str_eq(buf, "sip:a@1");
	ck_assert_uint_eq(tvar_expand(buf, 3, "abcdef${target}", "h"), 7);
	ck_assert_str_eq(buf, "ab");
	ck_assert_uint_eq(tvar_expand(buf, 1, "${target}", "h"), 1);
	ck_assert_str_eq(buf, "");
	ck_assert_uint_eq(tvar_expand(NULL, 0, "a${target}", "hh"), 3);
	/* exactly fits: 7 bytes and the NUL */
	ck_assert_uint_eq(tvar_expand(buf, 8, "ab${target}", "cdefg"), 7);
	ck_assert_str_eq(buf, "abcdefg");
}
END_TEST

START_TEST(test_unmap)
{
	/* "sip:a@${target}x" with a 14-byte hostport: "sip:a@" 0..5,
	 * hostport 6..19, 'x' 20 */
	ck_assert_uint_eq(tvar_unmap("sip:a@${target}x", 3, 14), 3);
	ck_assert_uint_eq(tvar_unmap("sip:a@${target}x", 6, 14), 6);
	ck_assert_uint_eq(tvar_unmap("sip:a@${target}x", 19, 14), 6);
	ck_assert_uint_eq(tvar_unmap("sip:a@${target}x", 20, 14), 15);
	/* two, with a 1-byte hostport: "a" 0, h 1, "b" 2, h 3, "c" 4 */
	ck_assert_uint_eq(tvar_unmap("a${target}b${target}c", 2, 1), 10);
	ck_assert_uint_eq(tvar_unmap("a${target}b${target}c", 3, 1), 11);
	ck_assert_uint_eq(tvar_unmap("a${target}b${target}c", 4, 1), 20);
	ck_assert_uint_eq(tvar_unmap("plain", 4, 9), 4);
}
END_TEST

static bool host_ok(const char *s, const char *hp)
{
	struct sipuri u;
	struct sipmsg_err e;
	char buf[128];

	tvar_expand(buf, sizeof(buf), s, hp);
	if (sipuri_parse(&u, pl_from(buf), &e))
		return false;
	return tvar_uri_host(s, &u, buf, strlen(hp));
}

START_TEST(test_uri_host)
{
	ck_assert(host_ok("sip:${target}", "h:1"));
	ck_assert(host_ok("sip:a@${target}", "[::1]:5060"));
	ck_assert(host_ok("sips:a@${target};lr?X=y", "h"));
	ck_assert(host_ok("SIP:a:pw@${target}", "[::1]"));
	ck_assert(!host_ok("sip:${target}@h", "h"));           /* user part */
	ck_assert(!host_ok("sip:a@h;maddr=${target}", "h"));   /* a parameter */
	ck_assert(!host_ok("sip:a@${target}${target}", "h"));  /* twice */
	ck_assert(!host_ok("sip:a@h", "h"));                   /* none */
	ck_assert(!host_ok("tel:${target}", "h"));             /* not sip */
	ck_assert(!host_ok("sip:a@x${target}", "h"));          /* part of a host */
	ck_assert(!host_ok("sip:a@${target}", "h:1;lr"));      /* not host:port */
}
END_TEST

static Suite *tvar_suite(void)
{
	Suite *s = suite_create("tvar");
	TCase *core = tcase_create("Core");

	tcase_add_test(core, test_scan);
	tcase_add_test(core, test_expand);
	tcase_add_test(core, test_unmap);
	tcase_add_test(core, test_uri_host);
	suite_add_tcase(s, core);
	return s;
}

const struct tmain tmain_def = { "check_tvar", tvar_suite, NULL, NULL };
