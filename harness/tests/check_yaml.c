/*
 * check_yaml.c - unit tests for the YAML reader (suite/yaml.c): the tree,
 * positions, anchors/aliases/tags, control bytes, invalid UTF-8, limits,
 * and the mapping check ytree_map().
 *
 * Run under ASan with CK_FORK=no so that a leak on any error path fails
 * the run.
 */
#include "tmain.h"
#include "tsuite.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suite/yaml.h"

/* The suite's options: its messages are what the tests expect. */
static const struct ytree_opts opts = { "suite file", 4u * 1024 * 1024 };

static int parse(struct ynode **rootp, const char *yaml, size_t len,
		 struct diag *dg)
{
	*rootp = NULL;
	return ytree_parse(rootp, "t.yaml", yaml, len, &opts, dg);
}

static int parse_str(struct ynode **rootp, const char *yaml, struct diag *dg)
{
	return parse(rootp, yaml, strlen(yaml), dg);
}

/* ------------------------------------------------------------------ */
/* The tree                                                            */

START_TEST(test_tree_shape)
{
	static const char y[] =
		"a: plain\n"
		"b: [1, 'two', \"th\\0ree\"]\n"
		"c:\n"
		"  - {k: v}\n";
	struct ynode *root = NULL;
	const struct ynode *b, *c;
	struct diag dg = { 0 };

	ck_assert_int_eq(parse_str(&root, y, &dg), 0);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(root->kind, YNODE_MAP);
	ck_assert_uint_eq(root->line, 1);
	ck_assert_uint_eq(root->col, 1);
	ck_assert_uint_eq(root->n, 6);            /* key, value x 3 */
	ck_assert_ptr_null(root->s);
	ck_assert_int_eq(root->kids[0]->kind, YNODE_SCALAR);
	ck_assert_str_eq(root->kids[0]->s, "a");
	ck_assert_str_eq(root->kids[1]->s, "plain");
	ck_assert(root->kids[1]->plain);
	ck_assert_uint_eq(root->kids[1]->line, 1);
	ck_assert_uint_eq(root->kids[1]->col, 4);

	b = root->kids[3];
	ck_assert_int_eq(b->kind, YNODE_SEQ);
	ck_assert_uint_eq(b->n, 3);
	ck_assert_uint_eq(b->line, 2);
	ck_assert_uint_eq(b->col, 4);
	ck_assert_str_eq(b->kids[0]->s, "1");
	ck_assert(!b->kids[1]->plain);            /* quoted */
	ck_assert_uint_eq(b->kids[1]->col, 8);    /* the quote */
	ck_assert_uint_eq(b->kids[2]->len, 6);    /* "th\0ree": len is the truth */
	ck_assert(memcmp(b->kids[2]->s, "th\0ree", 7) == 0);

	c = root->kids[5];
	ck_assert_int_eq(c->kind, YNODE_SEQ);
	ck_assert_uint_eq(c->line, 4);
	ck_assert_uint_eq(c->col, 3);
	ck_assert_int_eq(c->kids[0]->kind, YNODE_MAP);
	ck_assert_uint_eq(c->kids[0]->col, 5);
	ck_assert_str_eq(c->kids[0]->kids[1]->s, "v");
	ck_assert_str_eq(ytree_kind_name(root), "a mapping");
	ck_assert_str_eq(ytree_kind_name(b), "a list");
	ck_assert_str_eq(ytree_kind_name(b->kids[0]), "a scalar");
	ck_assert_ptr_null(ytree_free(root));
	ck_assert_ptr_null(ytree_free(NULL));
}
END_TEST

/* No document: success with no root; the caller names the problem. */
START_TEST(test_no_document)
{
	struct ynode *root = NULL;
	struct diag dg = { 0 };

	ck_assert_int_eq(parse_str(&root, "", &dg), 0);
	ck_assert_ptr_null(root);
	ck_assert_int_eq(parse_str(&root, "# only a comment\n", &dg), 0);
	ck_assert_ptr_null(root);
	ck_assert_int_eq(parse(&root, NULL, 0, &dg), 0);
	ck_assert_ptr_null(root);
	/* "---" alone is a document holding an empty scalar */
	ck_assert_int_eq(parse_str(&root, "---\n", &dg), 0);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(root->kind, YNODE_SCALAR);
	ck_assert_uint_eq(root->len, 0);
	root = ytree_free(root);
	/* A UTF-8 BOM and a document start marker are fine */
	ck_assert_int_eq(parse_str(&root, "\xef\xbb\xbf---\na: 1\n...\n", &dg), 0);
	ck_assert_uint_eq(root->kids[0]->line, 2);
	ck_assert_uint_eq(root->kids[0]->col, 1);
	root = ytree_free(root);

	ck_assert_int_eq(ytree_parse(NULL, "t", "", 0, &opts, &dg), EINVAL);
	ck_assert_int_eq(ytree_parse(&root, "t", NULL, 3, &opts, &dg), EINVAL);
	ck_assert_int_eq(ytree_parse(&root, "t", "", 0, NULL, &dg), EINVAL);
	ck_assert_ptr_null(root);
}
END_TEST

START_TEST(test_show)
{
	char b[64], tiny[8];

	ck_assert_str_eq(ytree_show(b, sizeof(b), "a\tb\0c\xc3\xa9", 7),
			 "a\\x09b\\x00c\\xc3\\xa9");
	ck_assert_str_eq(ytree_show(b, sizeof(b),
				    "0123456789012345678901234567890123456789XYZ", 43),
			 "0123456789012345678901234567890123456789...");
	ck_assert_str_eq(ytree_show(tiny, sizeof(tiny), "abc", 3), "");
}
END_TEST

/* ------------------------------------------------------------------ */
/* Refused input: one rule each                                        */

static const struct {
	const char *yaml;
	size_t line, col;
	const char *msg;
} bad[] = {
	{ "suite: s\ntests: []\n---\nsuite: t\n", 3, 1, "a suite file holds one YAML document; found a second one" },
	{ "suite: s\ntests:\n  - id: a\n    request_uri: sip:a@b\n  expect: 1\n", 5, 3, "YAML syntax error" },
	{ "suite: 'abc\n", 2, 1, "YAML syntax error: found unexpected end of stream" },
	{ "a: [b\n", 2, 1, "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 4)" },
	/* anchors, aliases, tags */
	{ "suite: &x s\ntests: []\n", 1, 8, "anchors ('&x') are not supported in suite files" },
	{ "suite: *x\n", 1, 8, "aliases ('*x') are not supported in suite files: write the value out" },
	{ "suite: !foo s\n", 1, 8, "tags ('!foo') are not supported in suite files: write plain values" },
	{ "suite: ! s\n", 1, 8, "tags ('!')" },
	{ "!!map {suite: s}\n", 1, 1, "tags ('tag:yaml.org,2002:map')" },
	{ "a: &\x01 b\n", 1, 5, "not a valid UTF-8 YAML file: control characters are not allowed" },
	{ "a: !!str &x b\n", 1, 4, "anchors ('&x')" },            /* anchor first */
	{ "a: &x [b]\n", 1, 4, "anchors ('&x')" },
	{ "&x {a: b}\n", 1, 1, "anchors ('&x')" },
	/* control bytes in the stream, even quoted */
	{ "a: \"x\x01y\"\n", 1, 6, "control characters are not allowed (#x1 at byte offset 5)" },
	{ "a: \x7f\n", 1, 4, "control characters are not allowed (#x7F" },
	{ "a: \xef\xbf\xbe\n", 1, 4, "control characters are not allowed (#xFFFE" },
};

START_TEST(test_bad)
{
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	int err = parse_str(&root, bad[_i].yaml, &dg);

	ck_bad(err, &root, &dg, bad[_i].line, bad[_i].col, bad[_i].msg);
	ck_assert_str_eq(dg.file, "t.yaml");
}
END_TEST

/* The name of the input comes from the options. */
START_TEST(test_what)
{
	static const struct ytree_opts w = { "waivers file", 1u << 20 };
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	size_t n = (1u << 20) + 1;
	char *big = malloc(n);

	ck_assert_ptr_nonnull(big);
	ck_assert_int_eq(ytree_parse(&root, "w.yaml", "a: *x\n", 6, &w, &dg), EBADMSG);
	ck_assert_str_eq(dg.msg, "aliases ('*x') are not supported in waivers files: write the value out");
	ck_assert_int_eq(ytree_parse(&root, "w.yaml", "a\n---\nb\n", 8, &w, &dg), EBADMSG);
	ck_assert_str_eq(dg.msg, "a waivers file holds one YAML document; found a second one here");
	memset(big, '#', n);
	ck_assert_int_eq(ytree_parse(&root, "w.yaml", big, n, &w, &dg), EBADMSG);
	ck_assert_str_eq(dg.msg, "the waivers file is larger than 1 MiB (1048577 bytes)");
	ck_assert_ptr_null(root);
	/* a file of exactly the limit is read */
	big[n - 2] = '\n';
	ck_assert_int_eq(ytree_parse(&root, "w.yaml", big, n - 1, &w, &dg), 0);
	ck_assert_ptr_null(root);   /* only a comment */
	free(big);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Files                                                               */

START_TEST(test_load)
{
	static const struct ytree_opts small = { "suite file", 16 };
	char path[] = "/tmp/check_yaml_XXXXXX";
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "a: [1, 2]\n", 10), 10);
	close(fd);
	ck_assert_int_eq(ytree_load(&root, path, &opts, &dg), 0);
	ck_assert_int_eq(root->kind, YNODE_MAP);
	ck_assert_uint_eq(root->kids[1]->n, 2);
	root = ytree_free(root);

	/* max_file + 1 bytes is refused whatever the file system says */
	fd = open(path, O_WRONLY | O_APPEND);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "b: 1234\n", 8), 8);   /* 18 bytes */
	close(fd);
	ck_assert_int_eq(ytree_load(&root, path, &small, &dg), EBADMSG);
	ck_assert_ptr_null(root);
	ck_assert_str_eq(dg.file, path);
	ck_assert_str_eq(dg.msg, "the suite file is larger than 16 bytes (17 bytes)");
	unlink(path);

	ck_assert_int_eq(ytree_load(&root, path, &opts, &dg), ENOENT);
	ck_assert_ptr_null(root);
	ck_assert_str_eq(dg.file, path);
	ck_assert(strstr(dg.msg, "cannot open the suite file: ") != NULL);
	ck_assert_int_eq(ytree_load(&root, "/", &opts, &dg), EISDIR);
	ck_assert(strstr(dg.msg, "cannot read the suite file: ") != NULL);
	ck_assert_int_eq(ytree_load(&root, NULL, &opts, &dg), EINVAL);
	ck_assert_int_eq(ytree_load(NULL, "x", &opts, &dg), EINVAL);
	ck_assert_ptr_null(root);
}
END_TEST

/* ------------------------------------------------------------------ */
/* ytree_map                                                           */

START_TEST(test_map)
{
	static const char *const names[] = { "host", "port", "transport" };
	static const struct {
		const char *yaml;
		size_t line, col;
		const char *msg;
	} badmap[] = {
		{ "{host: h, prot: 1}", 1, 11, "unknown key 'prot' (expected one of: host, port, transport); did you mean 'port'?" },
		{ "{hots: x}", 1, 2, "unknown key 'hots' (expected one of: host, port, transport); did you mean 'host'?" },
		{ "{zzzzzzzz: x}", 1, 2, "unknown key 'zzzzzzzz' (expected one of: host, port, transport)" },
		{ "{\"x\\ty\": 1}", 1, 2, "unknown key 'x\\x09y'" },
		{ "{host: a,\n host: b}", 2, 2, "duplicate key 'host' (first at line 1)" },
		{ "{[a]: 1}", 1, 2, "a key must be a plain string, not a list" },
	};
	const struct ynode *keys[3], *vals[3];
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	size_t i;

	ck_assert_int_eq(parse_str(&root, "{port: 1, host: h}", &dg), 0);
	ck_assert_int_eq(ytree_map(root, names, 3, keys, vals, "t.yaml", &dg), 0);
	ck_assert_str_eq(vals[0]->s, "h");
	ck_assert_str_eq(vals[1]->s, "1");
	ck_assert_str_eq(keys[1]->s, "port");
	ck_assert_ptr_null(keys[2]);
	ck_assert_ptr_null(vals[2]);
	root = ytree_free(root);

	for (i = 0; i < NELEM(badmap); i++) {
		ck_assert_int_eq(parse_str(&root, badmap[i].yaml, &dg), 0);
		ck_assert_int_eq(ytree_map(root, names, 3, keys, vals, "t.yaml",
					   &dg), EBADMSG);
		ck_assert_msg(strstr(dg.msg, badmap[i].msg) != NULL, "'%s' lacks '%s'",
			      dg.msg, badmap[i].msg);
		ck_assert_uint_eq(dg.line, badmap[i].line);
		ck_assert_uint_eq(dg.col, badmap[i].col);
		ck_assert_str_eq(dg.file, "t.yaml");
		root = ytree_free(root);
	}
}
END_TEST

START_TEST(test_error)
{
	struct diag dg = { 0 };
	struct ynode y = { .kind = YNODE_SCALAR, .line = 3, .col = 7 };
	char buf[600];

	ck_assert_int_eq(ytree_error(&dg, "f.yaml", &y, "'%s' is %d", "k", 5), EBADMSG);
	diag_format(&dg, buf, sizeof(buf));
	ck_assert_str_eq(buf, "f.yaml:3:7: 'k' is 5");
	ck_assert_int_eq(ytree_error(&dg, "f.yaml", NULL, "x"), EBADMSG);
	ck_assert_uint_eq(dg.line, 0);
	ck_assert_uint_eq(dg.col, 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Limits and hostile input                                            */

START_TEST(test_big_scalar)
{
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	int err;

	sb_str(&b, "suite: s\ntests:\n  - id: a\n    request_uri: sip:");
	sb_rep(&b, "a", 1024 * 1024);
	sb_str(&b, "@b\n    expect: 301\n");
	err = parse(&root, b.p, b.l, &dg);
	ck_bad(err, &root, &dg, 4, 18, "value is longer than 1024 bytes");
	free(b.p);
}
END_TEST

START_TEST(test_value_1024)
{
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	int err;

	/* exactly 1024 bytes: accepted */
	sb_str(&b, "tests: [{expect: 501, id: a, request_uri: sip:");
	sb_rep(&b, "a", 1024 - 6);
	sb_str(&b, "@b}]");
	err = parse(&root, b.p, b.l, &dg);
	ck_assert_msg(err == 0, "%s", dg.msg);
	ck_assert_uint_eq(root->kids[1]->kids[0]->kids[5]->len, 1024);
	ck_assert_uint_eq(strlen(root->kids[1]->kids[0]->kids[5]->s), 1024);
	root = ytree_free(root);
	/* 1025: refused */
	b.l -= 4;
	sb_str(&b, "a@b}]");
	err = parse(&root, b.p, b.l, &dg);
	ck_bad(err, &root, &dg, 1, 43, "value is longer than 1024 bytes (1025)");
	free(b.p);
}
END_TEST

START_TEST(test_deep_nesting)
{
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	int err;

	sb_rep(&b, "[", 10000);
	err = parse(&root, b.p, b.l, &dg);
	ck_bad(err, &root, &dg, 1, 9, "nesting is too deep");
	/* closed and in block style, too */
	b.l = 0;
	sb_rep(&b, "[", 10000);
	sb_rep(&b, "]", 10000);
	err = parse(&root, b.p, b.l, &dg);
	ck_bad(err, &root, &dg, 1, 9, "nesting is too deep");
	b.l = 0;
	sb_str(&b, "a:\n b:\n  c:\n   d:\n    e:\n     f:\n      g:\n       h:\n        i: 1\n");
	err = parse(&root, b.p, b.l, &dg);
	ck_bad(err, &root, &dg, 9, 9, "nesting is too deep (more than 8 levels)");
	/* 8 levels are fine */
	b.l = 0;
	sb_rep(&b, "[", 8);
	sb_rep(&b, "]", 8);
	err = parse(&root, b.p, b.l, &dg);
	ck_assert_msg(err == 0, "%s", dg.msg);
	root = ytree_free(root);
	free(b.p);
}
END_TEST

START_TEST(test_alias_bomb)
{
	static const char bomb[] =
		"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
		"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
		"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
		"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
		"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	int err = parse_str(&root, bomb, &dg);

	ck_bad(err, &root, &dg, 1, 4, "anchors ('&a') are not supported");
}
END_TEST

START_TEST(test_nul_in_buffer)
{
	static const char y[] = "suite: s\ntests:\n  - id: a\0b\n";
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	int err = parse(&root, y, sizeof(y) - 1, &dg);

	ck_bad(err, &root, &dg, 3, 10, "not a valid UTF-8 YAML file: control "
	       "characters are not allowed (#x0 at byte offset 25)");
}
END_TEST

START_TEST(test_invalid_utf8)
{
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	int err;

	err = parse_str(&root, "suite: ab\xff\ntests: []\n", &dg);
	ck_bad(err, &root, &dg, 1, 10, "not a valid UTF-8 YAML file");
	/* overlong encoding of '/' */
	err = parse_str(&root, "suite: a\xc0\xaf\n", &dg);
	ck_bad(err, &root, &dg, 1, 9, "not a valid UTF-8 YAML file");
	/* truncated sequence at the end */
	err = parse_str(&root, "suite: a\xe2\x82", &dg);
	ck_bad(err, &root, &dg, 1, 9, "not a valid UTF-8 YAML file");
	/* a UTF-16 BOM is not UTF-8 */
	err = parse(&root, "\xff\xfes\0:\0 \0x\0", 10, &dg);
	ck_assert_int_eq(err, EBADMSG);
	ck_assert_ptr_null(root);
	ck_assert(strstr(dg.msg, "not a valid UTF-8 YAML file") != NULL);
	/* after a UTF-8 BOM, offsets count the BOM */
	err = parse_str(&root, "\xef\xbb\xbf" "a: \x01\n", &dg);
	ck_bad(err, &root, &dg, 1, 4, "(#x1 at byte offset 6)");
}
END_TEST

START_TEST(test_too_many_nodes)
{
	struct ynode *root = NULL;
	struct diag dg = { 0 };
	struct sb b = { 0 };
	int err;

	sb_str(&b, "tests: [{id: a, request_uri: 'sip:a@b', expect: 405, allow: [");
	sb_rep(&b, "A,", 600000);
	sb_str(&b, "A]}]\n");
	err = parse(&root, b.p, b.l, &dg);
	ck_assert_int_eq(err, EBADMSG);
	ck_assert_ptr_null(root);
	ck_assert_msg(strstr(dg.msg, "too many YAML nodes (more than 500000)"),
		      "%s", dg.msg);
	ck_assert_uint_eq(dg.line, 1);
	free(b.p);
}
END_TEST

static Suite *yaml_suite(void)
{
	Suite *s = suite_create("yaml");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_test(core, test_tree_shape);
	tcase_add_test(core, test_no_document);
	tcase_add_test(core, test_show);
	tcase_add_loop_test(core, test_bad, 0, NELEM(bad));
	tcase_add_test(core, test_what);
	tcase_add_test(core, test_load);
	tcase_add_test(core, test_map);
	tcase_add_test(core, test_error);
	suite_add_tcase(s, core);

	tcase_set_timeout(lim, 120);
	tcase_add_test(lim, test_big_scalar);
	tcase_add_test(lim, test_value_1024);
	tcase_add_test(lim, test_deep_nesting);
	tcase_add_test(lim, test_alias_bomb);
	tcase_add_test(lim, test_nul_in_buffer);
	tcase_add_test(lim, test_invalid_utf8);
	tcase_add_test(lim, test_too_many_nodes);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_yaml", yaml_suite, NULL, NULL };
