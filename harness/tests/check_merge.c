/*
 * check_merge.c - `sipconform merge` (report/merge.c): JUnit reports of
 * shards merged into one that validates against fixtures/schemas/junit.xsd
 * (judged by xmllint), every suite kept whole; anything that is not a
 * sipconform JUnit report refused with exit 2 and the reason, OUT left
 * as it was.
 */
#include "tmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/merge.h"
#include "report/report.h"
#include "tdir.h"
#include "treport.h"

/* merge_main on argv (NULL-terminated); stdout and stderr of the call into *out, *err. */
static int run_merge(const char *const *args, char **out, char **err)
{
	char *argv[16];
	char o[512], e[512];
	int argc = 0, rc;

	argv[argc++] = (char *)"merge";
	while (*args && argc < 15)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	snprintf(o, sizeof(o), "%s", tdir_path("merge.stdout"));
	snprintf(e, sizeof(e), "%s", tdir_path("merge.stderr"));
	fflush(stdout);
	fflush(stderr);
	tdir_stdout_to(o);
	tdir_stderr_to(e);
	rc = merge_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	tdir_stdout_restore();
	tdir_stderr_restore();
	*out = tdir_slurp(o, NULL);
	*err = tdir_slurp(e, NULL);
	return rc;
}

/* A JUnit report written by the reporter, fed by feed. */
static void write_report(const char *name, void (*feed)(struct reporter *), char *path,
			 size_t size)
{
	struct reporter *r = treport_open(report_junit_open, name, path, size);

	feed(r);
	treport_close(&r);
}

/* Shards: the four verdicts, and the same two suites run on two machines. */
START_TEST(test_merge_shards)
{
	char a[512], b[512], c[512], out_path[512], *out, *err, *x;
	int rc;

	write_report("a.xml", treport_feed_four, a, sizeof(a));
	write_report("b.xml", treport_feed_multi, b, sizeof(b));
	write_report("c.xml", treport_feed_multi, c, sizeof(c));
	snprintf(out_path, sizeof(out_path), "%s", tdir_path("all.xml"));
	rc = run_merge((const char *const[]){ out_path, a, b, c, NULL }, &out, &err);
	ck_assert_msg(rc == 0, "merge: %d: %s", rc, err);
	ck_assert_str_eq(out, "merged 3 files: 5 suites, 10 tests, 3 failures, 1 errors, 1 skipped\n");
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
	treport_assert_junit_valid(out_path);
	x = tdir_slurp(out_path, NULL);
	ck_assert_uint_eq(treport_count(x, "<testsuite "), 5);
	ck_assert_uint_eq(treport_count(x, "<testcase "), 10);
	/* ids are positions; same-name suites of two shards stay apart, each says its file */
	ck_assert_ptr_nonnull(strstr(x, "id=\"0\" package=\"rfc3261_methods\""));
	ck_assert_ptr_nonnull(strstr(x, "id=\"1\" package=\"first\""));
	ck_assert_ptr_nonnull(strstr(x, "id=\"2\" package=\"second\""));
	ck_assert_ptr_nonnull(strstr(x, "id=\"3\" package=\"first\""));
	ck_assert_ptr_nonnull(strstr(x, "id=\"4\" package=\"second\""));
	ck_assert_uint_eq(treport_count(x, "<property name=\"merge.source\" value=\""), 5);
	ck_assert_uint_eq(treport_count(x, "merge.source\" value=\"" ), 5);
	ck_assert_ptr_nonnull(strstr(x, "<property name=\"merge.source\" value=\"" ));
	/* properties, test cases and evidence kept */
	ck_assert_uint_eq(treport_count(x, "<property name=\"suite.file\" value=\"suites/b.yaml\"/>"), 2);
	ck_assert_ptr_nonnull(strstr(x, "<failure message=\"RFC3261-21.4.6-ALLOW-PRESENT "));
	ck_assert_ptr_nonnull(strstr(x, "\n[bogus-method-405] PASS RFC3261-8.2.6.2-VIA-COPY "));
	ck_assert_ptr_nonnull(strstr(x, "SIP/2.0 405 Method Not Allowed\\r\\n\n"));
	ck_assert_ptr_nonnull(strstr(x, "<skipped message=\"scenario needs TCP\"/>"));
	free(x);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
}
END_TEST

/* A merged file merges again: ids renumbered, each suite keeps its first source. */
START_TEST(test_merge_again)
{
	char a[512], m1[512], m2[512], *out, *err, *x;

	write_report("a.xml", treport_feed_multi, a, sizeof(a));
	snprintf(m1, sizeof(m1), "%s", tdir_path("m1.xml"));
	snprintf(m2, sizeof(m2), "%s", tdir_path("m2.xml"));
	ck_assert_int_eq(run_merge((const char *const[]){ m1, a, NULL }, &out, &err), 0);
	free(out);
	free(err);
	ck_assert_int_eq(run_merge((const char *const[]){ m2, m1, a, NULL }, &out, &err), 0);
	ck_assert_str_eq(out, "merged 2 files: 4 suites, 6 tests, 2 failures, 0 errors, 0 skipped\n");
	free(out);
	free(err);
	treport_assert_junit_valid(m2);
	x = tdir_slurp(m2, NULL);
	ck_assert_uint_eq(treport_count(x, "merge.source"), 4);
	ck_assert_uint_eq(treport_count(x, "/a.xml\"/>"), 4);
	ck_assert_ptr_nonnull(strstr(x, "id=\"3\" package=\"second\""));
	free(x);
	/* OUT may be one of the INs: every IN is read before OUT is written */
	ck_assert_int_eq(run_merge((const char *const[]){ m1, m1, NULL }, &out, &err), 0);
	free(out);
	free(err);
	treport_assert_junit_valid(m1);
}
END_TEST

static const char ok_doc[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
	"  <testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0.100\" "
	"timestamp=\"2026-11-25T08:00:00\" hostname=\"h\" id=\"0\" package=\"s\">\n"
	"    <properties>\n      <property name=\"p\" value=\"v\"/>\n    </properties>\n"
	"    <testcase name=\"t\" classname=\"s\" time=\"0.100\"/>\n"
	"    <system-out>out</system-out>\n    <system-err/>\n  </testsuite>\n</testsuites>\n";

/* ok_doc with the first occurrence of from replaced by to (from NULL: to alone), into a file: its path. */
static const char *variant(const char *name, const char *from, const char *to)
{
	char buf[4096];
	const char *p;

	if (!from) {
		tdir_write(tdir_path(name), to, strlen(to));
		return tdir_path(name);
	}
	p = strstr(ok_doc, from);
	ck_assert_ptr_nonnull(p);
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(p - ok_doc), ok_doc, to, p + strlen(from));
	tdir_write(tdir_path(name), buf, strlen(buf));
	return tdir_path(name);
}

/* Every refusal: exit 2, "sipconform: merge: FILE...: reason", OUT as it was, no temp left. */
START_TEST(test_merge_refuses)
{
	static const struct {
		const char *from, *to, *why;
	} v[] = {
		{ "<?xml", "hello <", "not well-formed XML" },
		{ "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
		  "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuites [<!ENTITY a \"aaaaaaaaaa\">"
		  "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n", "has a DOCTYPE" },
		{ "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
		  "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuites SYSTEM \"http://example.com/x.dtd\">\n",
		  "has a DOCTYPE" },
		{ "<testsuites>", "<testsuites name=\"pytest\" tests=\"1\">", "unexpected attribute 'name'" },
		{ "<testsuites>", "<testsuites xmlns=\"urn:x\">", "namespace" },
		{ "tests=\"1\"", "tests=\"2\"", "do not match its test cases" },
		{ "skipped=\"0\"", "skipped=\"0\" flaky=\"1\"", "unexpected attribute 'flaky'" },
		{ "time=\"0.100\" timestamp", "time=\"1e3\" timestamp", "not a valid time" },
		{ "2026-11-25T08:00:00", "2026-11-25T08:00:00Z", "not a valid timestamp" },
		{ "2026-11-25T08:00:00", "2026-13-25T08:00:00", "not a valid timestamp" },
		{ "tests=\"1\"", "tests=\"-1\"", "not a valid count" },
		{ "id=\"0\"", "id=\"99999999999\"", "not a valid count" },
		{ "hostname=\"h\"", "hostname=\" \"", "not a valid name" },
		{ "hostname=\"h\" ", "", "lacks its 'hostname' attribute" },
		{ "    <system-out>out</system-out>\n", "", "lacks <system-out>" },
		{ "<system-err/>", "", "lacks <system-err>" },
		{ "<system-err/>", "<system-err/><x/>", "holds <x> after <system-err>" },
		{ "<properties>", "<properties>text", "text or other content" },
		{ "    <properties>\n      <property name=\"p\" value=\"v\"/>\n    </properties>\n", "",
		  "does not start with <properties>" },
		{ "<property name=\"p\" value=\"v\"/>", "<property name=\"p\" value=\"v\">x</property>",
		  "<property> is not empty" },
		{ "<property name=\"p\"", "<prop name=\"p\"", "<properties> holds <prop>" },
		{ "classname=\"s\" time=\"0.100\"/>",
		  "classname=\"s\" time=\"0.100\"><system-out>x</system-out></testcase>",
		  "<testcase> holds <system-out>" },
		{ "classname=\"s\" time=\"0.100\"/>",
		  "classname=\"s\" time=\"0.100\"><skipped/><skipped/></testcase>", "more than one outcome" },
		{ "failures=\"0\"", "failures=\"1\"", "do not match" },
		{ "classname=\"s\" time=\"0.100\"/>",
		  "classname=\"s\" time=\"0.100\"><failure message=\"m\">x</failure></testcase>",
		  "lacks its 'type' attribute" },
		{ "<system-out>out</system-out>", "<system-out>o<b>u</b>t</system-out>",
		  "<system-out> holds more than text" },
		{ NULL, "<testsuite name=\"s\" tests=\"0\" failures=\"0\" errors=\"0\" time=\"0\" "
		  "timestamp=\"2026-11-25T08:00:00\" hostname=\"h\"><properties/><system-out/>"
		  "<system-err/></testsuite>", "the root element is <testsuite>" },
		{ NULL, "", "not well-formed XML" },
		{ "</testsuites>", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/></testsuites>",
		  "holds <include>" },
	};
	char out_path[512], *out, *err, *x;
	size_t i;
	int rc;

	/* the document the variants start from is accepted */
	snprintf(out_path, sizeof(out_path), "%s", tdir_path("out.xml"));
	tdir_write(tdir_path("ok.xml"), ok_doc, strlen(ok_doc));
	treport_assert_junit_valid(tdir_path("ok.xml"));
	rc = run_merge((const char *const[]){ out_path, tdir_path("ok.xml"), NULL }, &out, &err);
	ck_assert_msg(rc == 0, "ok_doc refused: %s", err);
	free(out);
	free(err);
	treport_assert_junit_valid(out_path);

	for (i = 0; i < NELEM(v); i++) {
		char name[32], in[512], want[600];

		tdir_write(out_path, "old", 3);
		snprintf(name, sizeof(name), "bad%zu.xml", i);
		snprintf(in, sizeof(in), "%s", variant(name, v[i].from, v[i].to));
		rc = run_merge((const char *const[]){ out_path, tdir_path("ok.xml"), in, NULL },
			       &out, &err);
		ck_assert_msg(rc == 2, "vector %zu: exit %d (%s)", i, rc, err);
		snprintf(want, sizeof(want), "sipconform: merge: %s", in);
		ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "vector %zu: %s", i, err);
		ck_assert_msg(strstr(err, v[i].why) != NULL, "vector %zu: '%s' lacks '%s'", i, err,
			      v[i].why);
		ck_assert_str_eq(out, "");
		free(out);
		free(err);
		x = tdir_slurp(out_path, NULL);
		ck_assert_msg(strcmp(x, "old") == 0, "vector %zu: OUT written", i);
		free(x);
		ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
	}
}
END_TEST

/* Usage errors and files that cannot be read: exit 2; OUT that cannot be written: exit 3. */
START_TEST(test_merge_usage)
{
	char a[512], *out, *err;

	write_report("a.xml", treport_feed_pass5, a, sizeof(a));
	ck_assert_int_eq(run_merge((const char *const[]){ NULL }, &out, &err), 2);
	ck_assert_ptr_nonnull(strstr(err, "sipconform: merge: needs OUT.xml and at least one IN.xml"));
	ck_assert_ptr_nonnull(strstr(err, "usage: sipconform merge OUT.xml IN.xml"));
	free(out);
	free(err);
	ck_assert_int_eq(run_merge((const char *const[]){ "o.xml", NULL }, &out, &err), 2);
	free(out);
	free(err);
	ck_assert_int_eq(run_merge((const char *const[]){ "--frob", "o.xml", a, NULL }, &out, &err), 2);
	ck_assert_ptr_nonnull(strstr(err, "unknown option '--frob'"));
	free(out);
	free(err);
	ck_assert_int_eq(run_merge((const char *const[]){ "-h", NULL }, &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(out, "usage: sipconform merge OUT.xml IN.xml"));
	free(out);
	free(err);
	ck_assert_int_eq(run_merge((const char *const[]){ tdir_path("o.xml"), tdir_path("missing.xml"),
							  NULL }, &out, &err), 2);
	ck_assert_ptr_nonnull(strstr(err, "missing.xml: cannot read: No such file or directory"));
	free(out);
	free(err);
	ck_assert_int_eq(run_merge((const char *const[]){ tdir_path("o.xml"), a, a, NULL }, &out, &err), 2);
	ck_assert_ptr_nonnull(strstr(err, "given twice"));
	free(out);
	free(err);
	ck_assert_int_ne(access(tdir_path("o.xml"), F_OK), 0);
	ck_assert_int_eq(run_merge((const char *const[]){ "/nonexistent-dir/o.xml", a, NULL }, &out,
				   &err), 3);
	ck_assert_ptr_nonnull(strstr(err, "sipconform: merge: cannot write /nonexistent-dir/o.xml: "));
	free(out);
	free(err);
}
END_TEST

static Suite *merge_suite(void)
{
	Suite *s = suite_create("merge");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_merge_shards);
	tcase_add_test(tc, test_merge_again);
	tcase_add_test(tc, test_merge_refuses);
	tcase_add_test(tc, test_merge_usage);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_merge", merge_suite, NULL, NULL };
