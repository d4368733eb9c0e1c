/*
 * check_select.c - suite/select.c: --filter and --tag (select_match),
 * --shard (disjoint, union = the selection, round-robin in suite order),
 * --rerun-failed's reader (the fields it reads, every refusal with its
 * position, the size bound, a FIFO) and the selection of the tests that
 * did not pass, plans left empty dropped, missing tests warned about.
 */
#include "tmain.h"
#include "tsuite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "suite/select.h"
#include "suite/suite.h"
#include "tdir.h"

/* Suite "a": 1 + 4 + 2 = 7 tests; suite "b": 3 tests. */
static const char suite_a[] =
	"suite: a\n"
	"tags: [all-a]\n"
	"tests:\n"
	"  - id: one\n"
	"    request_uri: sip:x@example.com\n"
	"    expect: 301\n"
	"    tags: [smoke]\n"
	"  - id: mat\n"
	"    request_uris: [sip:x@example.com, sip:y@example.com]\n"
	"    methods: [INVITE, OPTIONS]\n"
	"    expect: 301\n"
	"  - id: tr\n"
	"    request_uri: sip:x@example.com\n"
	"    transports: [udp, tcp]\n"
	"    expect: 301\n"
	"    tags: [smoke, slow]\n";
static const char suite_b[] =
	"suite: b\n"
	"tests:\n"
	"  - id: one\n"
	"    request_uri: sip:x@example.com\n"
	"    expect: 405\n"
	"  - id: two\n"
	"    request_uri: sip:x@example.com\n"
	"    expect: 405\n"
	"    tags: [smoke]\n"
	"  - id: three\n"
	"    request_uri: sip:x@example.com\n"
	"    expect: 501\n";

static struct plan *plans[2];
static size_t nplans;

static void load_both(void)
{
	struct diag dg = { 0 };

	ck_assert_int_eq(suite_load_buf(&plans[0], "a.yaml", suite_a, strlen(suite_a), &dg), 0);
	ck_assert_int_eq(suite_load_buf(&plans[1], "b.yaml", suite_b, strlen(suite_b), &dg), 0);
	nplans = 2;
}

static void free_both(void)
{
	size_t i;

	for (i = 0; i < nplans; i++)
		plans[i] = plan_free(plans[i]);
	nplans = 0;
}

/* "suite/id,suite/id,..." of what is left in the plans. */
static const char *left(void)
{
	static char buf[1024];
	size_t i, j, n = 0;

	buf[0] = '\0';
	for (i = 0; i < nplans; i++)
		for (j = 0; j < plans[i]->ncases; j++)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s/%s", n ? "," : "",
					      plans[i]->name, plans[i]->cases[j].id);
	return buf;
}

static const struct {
	const char *filters[3];
	const char *tags[3];
	const char *want;       /* NULL: nothing matches */
} sel[] = {
	{ { NULL }, { NULL }, "a/one,a/mat/1/INVITE,a/mat/1/OPTIONS,a/mat/2/INVITE,a/mat/2/OPTIONS,"
			      "a/tr/udp,a/tr/tcp,b/one,b/two,b/three" },
	{ { "one" }, { NULL }, "a/one,b/one" },                 /* every suite */
	{ { "mat" }, { NULL }, NULL },                          /* the whole id, not a prefix */
	{ { "mat*" }, { NULL }, "a/mat/1/INVITE,a/mat/1/OPTIONS,a/mat/2/INVITE,a/mat/2/OPTIONS" },
	{ { "*INV*" }, { NULL }, "a/mat/1/INVITE,a/mat/2/INVITE" },   /* '*' crosses '/' */
	{ { "mat/?/OPTIONS", "t*" }, { NULL }, "a/mat/1/OPTIONS,a/mat/2/OPTIONS,a/tr/udp,a/tr/tcp,b/two,b/three" },
	{ { "[ot]*" }, { NULL }, "a/one,a/tr/udp,a/tr/tcp,b/one,b/two,b/three" },
	{ { "ONE" }, { NULL }, NULL },                          /* case-sensitive */
	{ { NULL }, { "smoke" }, "a/one,a/tr/udp,a/tr/tcp,b/two" },
	{ { NULL }, { "all-a" }, "a/one,a/mat/1/INVITE,a/mat/1/OPTIONS,a/mat/2/INVITE,a/mat/2/OPTIONS,"
				 "a/tr/udp,a/tr/tcp" },       /* the suite's tag on every test */
	{ { NULL }, { "slow", "nosuch" }, "a/tr/udp,a/tr/tcp" }, /* any tag */
	{ { NULL }, { "Smoke" }, NULL },
	{ { "*o*" }, { "smoke" }, "a/one,b/two" },              /* AND between the kinds */
	{ { "three" }, { "smoke" }, NULL },
};

START_TEST(test_filter_tag)
{
	struct select_conf c;
	struct select_stats st;
	size_t nf = 0, nt = 0;

	load_both();
	while (nf < 3 && sel[_i].filters[nf])
		nf++;
	while (nt < 3 && sel[_i].tags[nt])
		nt++;
	memset(&c, 0, sizeof(c));
	c.filters = sel[_i].filters;
	c.nfilters = nf;
	c.tags = sel[_i].tags;
	c.ntags = nt;
	ck_assert_int_eq(select_apply(plans, &nplans, &c, &st, NULL), 0);
	ck_assert_uint_eq(st.total, 10);
	ck_assert_uint_eq(st.rerun, st.matched);
	ck_assert_uint_eq(st.selected, st.matched);
	if (!sel[_i].want) {
		ck_assert_uint_eq(st.matched, 0);
		ck_assert_uint_eq(nplans, 0);     /* every plan dropped and freed */
	} else
		ck_assert_str_eq(left(), sel[_i].want);
	free_both();
}
END_TEST

/* N shards: disjoint, their union the selection, round-robin in suite order. */
START_TEST(test_shards)
{
	static const char *const filt[] = { "*" };
	char all[1024], uni[4096] = "";
	unsigned n, k;

	load_both();
	snprintf(all, sizeof(all), "%s", left());
	free_both();
	for (n = 1; n <= 12; n++) {
		size_t total = 0, lo = 10, hi = 0;

		uni[0] = '\0';
		for (k = 1; k <= n; k++) {
			struct select_conf c = { filt, 1, NULL, 0, NULL, k, n };
			struct select_stats st;

			load_both();
			ck_assert_int_eq(select_apply(plans, &nplans, &c, &st, NULL), 0);
			ck_assert_uint_eq(st.rerun, 10);
			total += st.selected;
			lo = st.selected < lo ? st.selected : lo;
			hi = st.selected > hi ? st.selected : hi;
			if (st.selected)
				snprintf(uni + strlen(uni), sizeof(uni) - strlen(uni), "%s%s",
					 uni[0] ? "," : "", left());
			/* the i-th test goes to shard (i mod n) + 1 */
			if (n == 3 && k == 2)
				ck_assert_str_eq(left(), "a/mat/1/INVITE,a/mat/2/OPTIONS,b/one");
			free_both();
		}
		ck_assert_uint_eq(total, 10);              /* disjoint and complete */
		ck_assert_uint_le(hi - lo, 1);             /* fair */
		/* the union, sorted like the original order: same set */
		{
			char *a = strdup(all), *tok, *save = NULL;
			size_t cnt = 0;

			for (tok = strtok_r(a, ",", &save); tok; tok = strtok_r(NULL, ",", &save), cnt++) {
				char pat[300];

				snprintf(pat, sizeof(pat), ",%s,", tok);
				{
					char wrapped[4200];

					snprintf(wrapped, sizeof(wrapped), ",%s,", uni);
					ck_assert_msg(strstr(wrapped, pat), "%s missing with %u shards", tok, n);
				}
			}
			ck_assert_uint_eq(cnt, 10);
			free(a);
		}
	}
	/* invalid K/N */
	{
		struct select_conf c = { NULL, 0, NULL, 0, NULL, 3, 2 };
		struct select_stats st;

		load_both();
		ck_assert_int_eq(select_apply(plans, &nplans, &c, &st, NULL), EINVAL);
		c.shard_k = 0;
		ck_assert_int_eq(select_apply(plans, &nplans, &c, &st, NULL), EINVAL);
		ck_assert_uint_eq(nplans, 2);
		free_both();
	}
}
END_TEST

/* ---- --rerun-failed ---------------------------------------------------- */

#define HEAD "{\"format\": \"sipconform-result\", \"format_version\": 1, \"tests\": ["

START_TEST(test_rerun)
{
	static const char doc[] = HEAD
		"{\"suite\": \"a\", \"id\": \"one\", \"verdict\": \"fail\", \"checks\": []},"
		"{\"suite\": \"a\", \"id\": \"mat/2/INVITE\", \"verdict\": \"error\"},"
		"{\"suite\": \"a\", \"id\": \"tr/udp\", \"verdict\": \"pass\"},"
		"{\"suite\": \"b\", \"id\": \"two\", \"verdict\": \"inconclusive\"},"
		"{\"suite\": \"b\", \"id\": \"three\", \"verdict\": \"skip\"},"
		"{\"suite\": \"b\", \"id\": \"gone\", \"verdict\": \"fail\"},"
		"{\"suite\": \"c\", \"id\": \"one\", \"verdict\": \"fail\"},"
		"{\"suite\": \"b\", \"id\": \"two\", \"verdict\": \"fail\"}"
		"], \"totals\": {}}";
	struct select_rerun *r = NULL;
	struct select_conf c;
	struct select_stats st;
	struct diag dg = { 0 };
	char *warn = NULL;
	size_t wn = 0;
	FILE *wf;

	ck_assert_int_eq(select_rerun_load_buf(&r, "r.json", doc, strlen(doc), &dg), 0);
	ck_assert_uint_eq(select_rerun_count(r), 5);       /* b/two once */
	load_both();
	memset(&c, 0, sizeof(c));
	c.rerun = r;
	wf = open_memstream(&warn, &wn);
	ck_assert_int_eq(select_apply(plans, &nplans, &c, &st, wf), 0);
	fclose(wf);
	ck_assert_str_eq(left(), "a/one,a/mat/2/INVITE,b/two");
	ck_assert_uint_eq(st.matched, 10);
	ck_assert_uint_eq(st.rerun, 3);
	ck_assert_uint_eq(st.rerun_missing, 2);
	ck_assert_str_eq(warn,
		"sipconform: warning: --rerun-failed: no test 'gone' in a suite named 'b' any more: not run\n"
		"sipconform: warning: --rerun-failed: no test 'one' in a suite named 'c' any more: not run\n");
	free(warn);
	free_both();

	/* with a filter: AND; a test the filter leaves out is not "missing" */
	load_both();
	{
		static const char *const f[] = { "mat*" };

		c.filters = f;
		c.nfilters = 1;
		ck_assert_int_eq(select_apply(plans, &nplans, &c, &st, NULL), 0);
		ck_assert_str_eq(left(), "a/mat/2/INVITE");
		ck_assert_uint_eq(st.rerun_missing, 2);
	}
	free_both();
	r = select_rerun_free(r);

	/* nothing failed: an empty set, nothing selected */
	{
		static const char pass[] = HEAD "{\"suite\": \"a\", \"id\": \"one\", \"verdict\": \"pass\"}]}";

		ck_assert_int_eq(select_rerun_load_buf(&r, "p.json", pass, strlen(pass), &dg), 0);
		ck_assert_uint_eq(select_rerun_count(r), 0);
		load_both();
		memset(&c, 0, sizeof(c));
		c.rerun = r;
		ck_assert_int_eq(select_apply(plans, &nplans, &c, &st, NULL), 0);
		ck_assert_uint_eq(st.matched, 10);
		ck_assert_uint_eq(st.rerun, 0);
		ck_assert_uint_eq(nplans, 0);
		r = select_rerun_free(r);
	}
}
END_TEST

static const struct {
	const char *json;
	size_t line, col;
	const char *msg;
} bad_json[] = {
	{ "", 1, 0, "not valid JSON" },
	{ "{", 1, 1, "not valid JSON" },
	{ "{\"format\": \"sipconform-result\",\n \"tests\": [1,,2]}", 2, 14, "not valid JSON" },
	{ "{\"a\": 1, \"a\": 2}", 1, 0, "not valid JSON: duplicate object key" },
	{ "[]", 0, 0, "not a sipconform JSON result" },
	{ "{\"tests\": []}", 0, 0, "not a sipconform JSON result" },
	{ "{\"format\": \"junit\", \"format_version\": 1, \"tests\": []}", 0, 0, "not a sipconform JSON result" },
	{ "{\"format\": \"sipconform-result\", \"tests\": []}", 0, 0, "format_version must be 1" },
	{ "{\"format\": \"sipconform-result\", \"format_version\": 2, \"tests\": []}", 0, 0, "format_version must be 1" },
	{ "{\"format\": \"sipconform-result\", \"format_version\": \"1\", \"tests\": []}", 0, 0, "format_version must be 1" },
	{ "{\"format\": \"sipconform-result\", \"format_version\": 1}", 0, 0, "'tests' is not an array" },
	{ "{\"format\": \"sipconform-result\", \"format_version\": 1, \"tests\": {}}", 0, 0, "'tests' is not an array" },
	{ HEAD "1]}", 0, 0, "tests[0] is not an object" },
	{ HEAD "{\"suite\": \"a\", \"id\": \"x\", \"verdict\": \"pass\"}, {\"id\": \"x\", \"verdict\": \"fail\"}]}",
	  0, 0, "tests[1] lacks a string 'suite', 'id' or 'verdict'" },
	{ HEAD "{\"suite\": \"a\", \"id\": 7, \"verdict\": \"fail\"}]}", 0, 0, "tests[0] lacks a string" },
	{ HEAD "{\"suite\": \"a\", \"id\": \"x\", \"verdict\": \"FAIL\"}]}", 0, 0, "tests[0]: unknown verdict" },
	{ HEAD "{\"suite\": \"a\", \"id\": \"x\", \"verdict\": null}]}", 0, 0, "tests[0] lacks a string" },
	{ HEAD "{\"suite\": \"a\", \"id\": \"x\\u0000y\", \"verdict\": \"fail\"}]}", 0, 0, "" },
};

START_TEST(test_rerun_bad)
{
	struct select_rerun *r = NULL;
	struct diag dg = { 0 };
	int err = select_rerun_load_buf(&r, "r.json", bad_json[_i].json, strlen(bad_json[_i].json), &dg);

	ck_assert_ptr_null(r);
	if (!bad_json[_i].msg[0]) {
		/* jansson refuses \u0000 unless asked (JSON_ALLOW_NUL): either way, an error */
		ck_assert_int_eq(err, EBADMSG);
		return;
	}
	ck_assert_int_eq(err, EBADMSG);
	ck_assert_msg(strstr(dg.msg, bad_json[_i].msg) != NULL, "'%s' lacks '%s'", dg.msg, bad_json[_i].msg);
	ck_assert_str_eq(dg.file, "r.json");
	ck_assert_uint_eq(dg.line, bad_json[_i].line);
	if (bad_json[_i].col)
		ck_assert_uint_eq(dg.col, bad_json[_i].col);
}
END_TEST

/* The file reader: bounded, its errors said, a FIFO read like a file. */
START_TEST(test_rerun_file)
{
	static const char doc[] = HEAD "{\"suite\": \"a\", \"id\": \"one\", \"verdict\": \"fail\"}]}";
	struct select_rerun *r = NULL;
	struct diag dg = { 0 };
	char *path = tdir_path("r.json"), *fifo = tdir_path("fifo.json");
	pid_t pid;
	int status;

	tdir_write(path, doc, strlen(doc));
	ck_assert_int_eq(select_rerun_load(&r, path, SELECT_RERUN_MAX_BYTES, &dg), 0);
	ck_assert_uint_eq(select_rerun_count(r), 1);
	r = select_rerun_free(r);
	/* exactly the bound is fine, one byte less is not */
	ck_assert_int_eq(select_rerun_load(&r, path, strlen(doc), &dg), 0);
	r = select_rerun_free(r);
	ck_assert_int_eq(select_rerun_load(&r, path, strlen(doc) - 1, &dg), EFBIG);
	ck_assert_ptr_null(r);
	ck_assert_msg(strstr(dg.msg, "larger than") != NULL, "%s", dg.msg);
	/* missing, a directory */
	ck_assert_int_eq(select_rerun_load(&r, tdir_path("nope.json"), 100, &dg), ENOENT);
	ck_assert(strstr(dg.msg, "cannot read") != NULL);
	ck_assert_int_ne(select_rerun_load(&r, tdir(), 100, &dg), 0);
	ck_assert_ptr_null(r);
	/* a FIFO (a shell's <(...)) */
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		FILE *fp = fopen(fifo, "w");

		if (fp) {
			fputs(doc, fp);
			fclose(fp);
		}
		_exit(0);
	}
	ck_assert_int_eq(select_rerun_load(&r, fifo, 1000, &dg), 0);
	ck_assert_uint_eq(select_rerun_count(r), 1);
	r = select_rerun_free(r);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
}
END_TEST

START_TEST(test_misuse)
{
	struct select_conf c;
	struct select_stats st;
	struct select_rerun *r = NULL;

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(select_apply(NULL, &nplans, &c, &st, NULL), EINVAL);
	ck_assert_int_eq(select_apply(plans, NULL, &c, &st, NULL), EINVAL);
	ck_assert_int_eq(select_apply(plans, &nplans, NULL, &st, NULL), EINVAL);
	ck_assert_int_eq(select_rerun_load_buf(NULL, "x", "{}", 2, NULL), EINVAL);
	ck_assert_int_eq(select_rerun_load_buf(&r, "x", NULL, 2, NULL), EINVAL);
	ck_assert_int_eq(select_rerun_load(&r, NULL, 10, NULL), EINVAL);
	ck_assert_ptr_null(select_rerun_free(NULL));
	ck_assert_uint_eq(select_rerun_count(NULL), 0);
	ck_assert_int_eq(plan_retain(NULL, NULL), EINVAL);
}
END_TEST

static Suite *select_suite(void)
{
	Suite *s = suite_create("select");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_loop_test(tc, test_filter_tag, 0, (int)NELEM(sel));
	tcase_add_test(tc, test_shards);
	tcase_add_test(tc, test_rerun);
	tcase_add_loop_test(tc, test_rerun_bad, 0, (int)NELEM(bad_json));
	tcase_add_test(tc, test_rerun_file);
	tcase_add_test(tc, test_misuse);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_select", select_suite, NULL, NULL };
