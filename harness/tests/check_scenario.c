/*
 * check_scenario.c - unit tests for scenario.c: vetting SIPp scenarios
 * with libxml2 (no network, no DTD, no entity expansion) and locating
 * scenarios/NAME.xml.  Run from the repository root (or set
 * SIPCONFORM_SRCDIR).
 */
#include "tmain.h"
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sipp/scenario.h"


static char tmp[] = "/tmp/check_scenario.XXXXXX";
static int ntmp;

/*
 * Write text into a fresh file under the temp dir (made by main, so that
 * forked tests share it); its path in out, its name (no .xml) in ntmp.
 */
static void write_tmp(char *out, size_t size, const char *text)
{
	FILE *f;

	ntmp = ntmp + 1 + (int)(getpid() % 1000) * 1000;
	snprintf(out, size, "%s/s%d.xml", tmp, ntmp);
	f = fopen(out, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* ---- Core ----------------------------------------------------------------- */

static const char *const shipped[] = {
	"scenarios/uac_request.xml",
	"scenarios/uac_invite.xml",
	"fixtures/sipp/uas_301_ok.xml",
	"fixtures/sipp/uas_302.xml",
	"fixtures/sipp/uas_301_no_contact.xml",
	"fixtures/sipp/uas_301_star.xml",
	"fixtures/sipp/uas_405_ok.xml",
	"fixtures/sipp/uas_405_no_allow.xml",
	"fixtures/sipp/uas_405_lists_method.xml",
	"fixtures/sipp/uas_501.xml",
	"fixtures/sipp/uas_silent.xml",
};

START_TEST(test_shipped_scenarios_ok)
{
	char path[PATH_MAX];
	struct diag dg;
	int err;

	memset(&dg, 0, sizeof(dg));
	tmain_src(path, sizeof(path), shipped[_i]);
	err = scenario_check(path, &dg);
	ck_assert_msg(err == 0, "%s: %s", path, dg.msg);
}
END_TEST

/* The hostile fixture holds control bytes: not XML, SIPp takes it anyway. */
START_TEST(test_hostile_fixture_not_xml)
{
	char path[PATH_MAX];
	struct diag dg;

	tmain_src(path, sizeof(path), "fixtures/sipp/uas_hostile.xml");
	ck_assert_int_eq(scenario_check(path, &dg), EBADMSG);
	ck_assert_uint_gt(dg.line, 0);
}
END_TEST

struct bad {
	const char *xml;
	const char *msg;      /* substring of dg.msg */
	size_t line;          /* 0: not checked */
};

static const struct bad bads[] = {
	{ "<scenario><send><![CDATA[x]]></send>", "not well-formed", 1 },
	{ "<?xml version=\"1.0\"?>\n<sequence><send/></sequence>\n",
	  "root element is not <scenario>", 2 },
	{ "<?xml version=\"1.0\"?>\n<scenario>\n  <send/>\n  <foo/>\n</scenario>\n",
	  "unknown SIPp element <foo> in <scenario>", 4 },
	{ "<scenario><recv response=\"200\"><action><rm_rf/></action></recv></scenario>",
	  "unknown SIPp element <rm_rf> in <action>", 1 },
	{ "<scenario><recv response=\"200\"><evil/></recv></scenario>",
	  "unknown SIPp element <evil> in <recv>", 1 },
	{ "<scenario><recv response=\"200\"><action/><action/></recv></scenario>",
	  "more than one <action>", 1 },
	{ "<scenario><label id=\"x\"/></scenario>", "no <send> or <recv>", 1 },
	/* No DTD, so no entities: billion laughs and XXE are refused. */
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE scenario [<!ENTITY a \"aaaa\">"
	  "<!ENTITY b \"&a;&a;&a;&a;\">]>\n<scenario><send>&b;</send></scenario>\n",
	  "DOCTYPE", 0 },
	{ "<?xml version=\"1.0\"?>\n<!DOCTYPE scenario SYSTEM \"http://127.0.0.1:1/x.dtd\">\n"
	  "<scenario><send/></scenario>\n", "DOCTYPE", 0 },
	{ "<?xml version=\"1.0\"?>\n<scenario><send>&xxe;</send></scenario>\n",
	  "not well-formed", 2 },
	{ "", "not well-formed", 0 },
	{ "\xff\xfe<\x00s\x00", "not well-formed", 0 },
};

START_TEST(test_bad_scenarios)
{
	const struct bad *b = &bads[_i];
	char path[PATH_MAX];
	struct diag dg;

	memset(&dg, 0, sizeof(dg));
	write_tmp(path, sizeof(path), b->xml);
	ck_assert_int_eq(scenario_check(path, &dg), EBADMSG);
	ck_assert_msg(strstr(dg.msg, b->msg) != NULL, "[%d] %s", _i, dg.msg);
	ck_assert_str_eq(dg.file, path);
	if (b->line)
		ck_assert_uint_eq(dg.line, b->line);
	unlink(path);
}
END_TEST

START_TEST(test_missing)
{
	struct diag dg;

	ck_assert_int_eq(scenario_check("/nonexistent/x.xml", &dg), ENOENT);
	ck_assert_int_eq(scenario_check("/", &dg), ENOENT);
	ck_assert_int_eq(scenario_check(NULL, &dg), EINVAL);
	/* dg may be NULL. */
	ck_assert_int_eq(scenario_check("/nonexistent/x.xml", NULL), ENOENT);
}
END_TEST

/* ---- scenario_find -------------------------------------------------------- */

START_TEST(test_find_next_to_binary)
{
	char out[PATH_MAX], want[PATH_MAX], real_out[PATH_MAX], real_want[PATH_MAX];

	unsetenv("SIPCONFORM_SCENARIOS");
	/* build/<x>/tests/check_scenario: the source tree is 3 levels up. */
	ck_assert_int_eq(scenario_find(out, sizeof(out), "uac_request"), 0);
	tmain_src(want, sizeof(want), "scenarios/uac_request.xml");
	ck_assert_ptr_nonnull(realpath(out, real_out));
	ck_assert_ptr_nonnull(realpath(want, real_want));
	ck_assert_str_eq(real_out, real_want);
	ck_assert_int_eq(scenario_find(out, sizeof(out), "no_such_scenario"), ENOENT);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_find_env_overrides)
{
	char out[PATH_MAX], path[PATH_MAX], want[PATH_MAX + 16];

	write_tmp(path, sizeof(path), "<scenario><send/></scenario>");
	setenv("SIPCONFORM_SCENARIOS", tmp, 1);
	/* Only that directory: the shipped one is not found any more. */
	ck_assert_int_eq(scenario_find(out, sizeof(out), "uac_request"), ENOENT);
	snprintf(want, sizeof(want), "%s/s%d.xml", tmp, ntmp);
	{
		char name[16];

		snprintf(name, sizeof(name), "s%d", ntmp);
		ck_assert_int_eq(scenario_find(out, sizeof(out), name), 0);
		ck_assert_str_eq(out, want);
	}
	unsetenv("SIPCONFORM_SCENARIOS");
	unlink(path);
}
END_TEST

START_TEST(test_find_bad_names)
{
	static const char *const names[] = {
		"", "../etc/passwd", "a/b", "uac_request.xml", ".hidden",
		"a b", "x\n", "-rf",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	char out[PATH_MAX];

	for (size_t i = 0; i < NELEM(names); i++) {
		if (strcmp(names[i], "-rf") == 0)
			continue;   /* a legal name that is simply not there */
		ck_assert_msg(scenario_find(out, sizeof(out), names[i]) == EINVAL,
			      "%s", names[i]);
	}
	ck_assert_int_eq(scenario_find(out, sizeof(out), "-rf"), ENOENT);
	ck_assert_int_eq(scenario_find(NULL, 10, "uac_request"), EINVAL);
	ck_assert_int_eq(scenario_find(out, 0, "uac_request"), EINVAL);
	ck_assert_int_eq(scenario_find(out, 8, "uac_request"), EINVAL);
	ck_assert_int_eq(scenario_find(out, sizeof(out), NULL), EINVAL);
}
END_TEST

static void cleanup(void)
{
	DIR *d = opendir(tmp);
	struct dirent *e;
	char p[PATH_MAX + 300];

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", tmp, e->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(tmp);
}

static Suite *scenario_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_loop_test(core, test_shipped_scenarios_ok, 0, (int)NELEM(shipped));
	tcase_add_test(core, test_hostile_fixture_not_xml);
	tcase_add_test(core, test_find_next_to_binary);
	tcase_add_test(core, test_find_env_overrides);
	suite_add_tcase(s, core);
	tcase_add_loop_test(lim, test_bad_scenarios, 0, (int)NELEM(bads));
	tcase_add_test(lim, test_missing);
	tcase_add_test(lim, test_find_bad_names);
	suite_add_tcase(s, lim);
	return s;
}

static int setup(void)
{
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

const struct tmain tmain_def = { "check_scenario", scenario_suite, setup, cleanup };
