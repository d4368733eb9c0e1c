/*
 * check_target.c - sipp/target.c: resolving the system under test.
 * Loopback only (127.0.0.1, ::1), and names that do not resolve.
 */
#include "tmain.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "sipp/target.h"

START_TEST(test_ipv4_loopback)
{
	struct target_addr t;
	const char *why = NULL;

	ck_assert_int_eq(target_resolve(&t, "127.0.0.1", 0, &why), 0);
	ck_assert_str_eq(t.host, "127.0.0.1");
	ck_assert_uint_eq(t.port, 5060);                /* none given */
	ck_assert_str_eq(t.remote, "127.0.0.1");
	ck_assert_str_eq(t.local, "127.0.0.1");
	ck_assert_ptr_null(why);
	ck_assert_int_eq(target_resolve(&t, "127.0.0.1", 5070, &why), 0);
	ck_assert_uint_eq(t.port, 5070);
}
END_TEST

START_TEST(test_ipv6_loopback)
{
	struct target_addr t;
	const char *why = NULL;

	ck_assert_int_eq(target_resolve(&t, "::1", 15060, &why), 0);
	ck_assert_str_eq(t.host, "::1");
	ck_assert_uint_eq(t.port, 15060);
	ck_assert_str_eq(t.remote, "::1");
	ck_assert_str_eq(t.local, "::1");
	/* another spelling of the same address: remote is the numeric form */
	ck_assert_int_eq(target_resolve(&t, "0:0:0:0:0:0:0:1", 5060, &why), 0);
	ck_assert_str_eq(t.host, "0:0:0:0:0:0:0:1");
	ck_assert_str_eq(t.remote, "::1");
}
END_TEST

START_TEST(test_not_resolved)
{
	struct target_addr t;
	const char *why = NULL;
	char longname[300];
	int err;

	/* No such name: EINVAL (usage); a resolver that cannot answer: EHOSTUNREACH. */
	err = target_resolve(&t, "no-such-host.invalid", 5060, &why);
	ck_assert_msg(err == EINVAL || err == EHOSTUNREACH, "err %d", err);
	ck_assert_ptr_nonnull(why);
	ck_assert_uint_gt(strlen(why), 0);
	why = NULL;
	ck_assert_int_eq(target_resolve(&t, "", 5060, &why), EINVAL);
	ck_assert_ptr_nonnull(why);
	why = NULL;
	ck_assert_int_eq(target_resolve(&t, NULL, 5060, &why), EINVAL);
	ck_assert_ptr_nonnull(why);
	/* longer than any host name: refused before any lookup */
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	why = NULL;
	ck_assert_int_eq(target_resolve(&t, longname, 5060, &why), EINVAL);
	ck_assert_str_eq(why, "not a host name");
}
END_TEST

/*
 * A name is resolved here, once per suite: what SIPp gets (remote, local)
 * is numeric, so no SIPp run looks the name up again (sipp_run refuses a
 * name).
 */
START_TEST(test_name_resolved_once)
{
	unsigned char a[16];
	struct target_addr t;
	const char *why = NULL;
	int fam;

	ck_assert_int_eq(target_resolve(&t, "localhost", 5062, &why), 0);
	ck_assert_str_eq(t.host, "localhost");
	fam = strchr(t.remote, ':') ? AF_INET6 : AF_INET;
	ck_assert_msg(inet_pton(fam, t.remote, a) == 1, "remote '%s' is not numeric", t.remote);
	ck_assert_msg(inet_pton(fam, t.local, a) == 1, "local '%s' is not numeric", t.local);
	ck_assert_msg(strcmp(t.remote, "127.0.0.1") == 0 || strcmp(t.remote, "::1") == 0, "%s",
		      t.remote);
}
END_TEST

static Suite *target_suite(void)
{
	Suite *s = suite_create("target");
	TCase *tc = tcase_create("Core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_ipv4_loopback);
	tcase_add_test(tc, test_ipv6_loopback);
	tcase_add_test(tc, test_not_resolved);
	tcase_add_test(tc, test_name_resolved_once);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_target", target_suite, NULL, NULL };
