/*
 * check_expect.c - judge/expect.c: the expectation table (per code: name,
 * suite keys, scopes, compared set and the cross-request checks), its
 * lookups and the code lists of the suite loader's messages.  How the
 * status check reads the table is in check_rules.c.
 */
#include "tmain.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "judge/expect.h"
#include "judge/rule.h"

/* The table as the README states it, written out independently. */
static const struct {
	unsigned code;
	const char *name;
	const char *keys[EXPECT_MAX_KEYS];
	const char *codes_of_first_key;   /* expect_list_codes(first key) */
} want[] = {
	/* no key of its own: the first key is NULL, every code is listed */
	{ 200, "OK", { NULL }, "200, 301, 302, 405 or 501" },
	{ 301, "Moved Permanently", { "contact", "follow" }, "301 or 302" },
	{ 302, "Moved Temporarily", { "contact", "follow" }, "301 or 302" },
	{ 405, "Method Not Allowed", { "allow", "probe_options", "probe_allowed" }, "405 or 501" },
	{ 501, "Not Implemented", { "allow" }, "405 or 501" },
};

/* Every code-specific key, and keys no row has (common or unknown). */
static const char *const all_keys[] = {
	"contact", "follow", "allow", "probe_options", "probe_allowed",
};
static const char *const no_keys[] = {
	"id", "method", "repeat", "expect", "transport", "request_uri", "",
	"allo", "Allow", "contact ", "probe", "probe_allowedx",
};

static bool want_has(size_t row, const char *key)
{
	size_t k;

	for (k = 0; k < EXPECT_MAX_KEYS && want[row].keys[k]; k++)
		if (strcmp(want[row].keys[k], key) == 0)
			return true;
	return false;
}

/* The codes, in ascending order, each found by expect_find. */
START_TEST(test_rows)
{
	size_t i;

	ck_assert_uint_eq(expect_count, NELEM(want));
	for (i = 0; i < expect_count; i++) {
		const struct expect_row *row = &expect_table[i];

		ck_assert_uint_eq(row->code, want[i].code);
		ck_assert_str_eq(row->name, want[i].name);
		ck_assert_ptr_eq(expect_find(row->code), row);
		if (i > 0)
			ck_assert_uint_lt(expect_table[i - 1].code, row->code);
		ck_assert_uint_ne(row->scopes, 0);
		/* the wrong code a device sends instead is itself a row, with a hint */
		ck_assert(row->confused == 0 || expect_find(row->confused) != NULL);
		ck_assert_uint_ne(row->confused, row->code);
		ck_assert(row->confused == 0 || (row->hint && row->hint[0]));
	}
	ck_assert_uint_eq(expect_find(301)->confused, 302);
	ck_assert_uint_eq(expect_find(302)->confused, 301);
	ck_assert_uint_eq(expect_find(405)->confused, 501);
	ck_assert_uint_eq(expect_find(501)->confused, 405);
}
END_TEST

START_TEST(test_unknown_codes)
{
	static const unsigned bad[] = { 0, 100, 201, 300, 303, 404, 406, 500, 502, 999, 3010,
					UINT_MAX };
	size_t i;

	for (i = 0; i < NELEM(bad); i++)
		ck_assert_msg(expect_find(bad[i]) == NULL, "%u found", bad[i]);
}
END_TEST

/* 200: an OPTIONS answer itself (§11.2): Allow present (warns) and well-formed. */
START_TEST(test_row_200)
{
	const struct expect_row *r200 = expect_find(200);

	ck_assert_ptr_nonnull(r200);
	ck_assert_uint_eq(r200->scopes, RULE_SCOPE_OPTIONS | RULE_SCOPE_ALLOW_LIST);
	ck_assert_str_eq(r200->method, "OPTIONS");
	ck_assert_int_eq(r200->set, EXPECT_SET_NONE);
	ck_assert_ptr_null(r200->keys[0]);
	ck_assert(r200->scopes & rule_get(RULE_ALLOW_SYNTAX)->scope);
	ck_assert(r200->scopes & rule_get(RULE_OPTIONS_ALLOW_PRESENT)->scope);
	ck_assert(!(r200->scopes & rule_get(RULE_ALLOW_PRESENT)->scope));
	ck_assert(expect_find(405)->scopes & rule_get(RULE_ALLOW_SYNTAX)->scope);
	ck_assert(!(expect_find(501)->scopes & rule_get(RULE_ALLOW_SYNTAX)->scope));
	ck_assert(!expect_key_allowed(r200, "allow"));
}
END_TEST

/* What each row runs and compares. */
START_TEST(test_row_contents)
{
	const struct expect_row *r301 = expect_find(301), *r302 = expect_find(302);
	const struct expect_row *r405 = expect_find(405), *r501 = expect_find(501);

	/* 301: permanent redirect, compared across repeats, methods, transports. */
	ck_assert_uint_eq(r301->scopes, RULE_SCOPE_REDIRECT | RULE_SCOPE_PERMANENT);
	ck_assert_int_eq(r301->set, EXPECT_SET_CONTACT);
	ck_assert_int_eq(r301->present, RULE_CONTACT_PRESENT_301);
	ck_assert_int_eq(r301->stable, RULE_PERMANENT_STABLE);
	ck_assert_int_eq(r301->methods, RULE_PERMANENT_METHODS);
	ck_assert_int_eq(r301->transports, RULE_PERMANENT_TRANSPORTS);
	/* 302: a redirect with Contacts, but nothing promised across requests. */
	ck_assert_uint_eq(r302->scopes, RULE_SCOPE_REDIRECT | RULE_SCOPE_TEMPORARY);
	ck_assert_int_eq(r302->set, EXPECT_SET_CONTACT);
	ck_assert_int_eq(r302->present, RULE_CONTACT_PRESENT_302);
	ck_assert_int_eq(r302->stable, RULE_NONE);
	ck_assert_int_eq(r302->methods, RULE_NONE);
	ck_assert_int_eq(r302->transports, RULE_NONE);
	ck_assert(!(r302->scopes & RULE_SCOPE_PERMANENT));
	/* 405: Allow, ALLOW-STABLE for all three; 501: nothing to compare. */
	ck_assert_uint_eq(r405->scopes, RULE_SCOPE_ALLOW | RULE_SCOPE_ALLOW_LIST);
	ck_assert_int_eq(r405->set, EXPECT_SET_ALLOW);
	ck_assert_int_eq(r405->present, RULE_ALLOW_PRESENT);
	ck_assert_int_eq(r405->stable, RULE_ALLOW_STABLE);
	ck_assert_int_eq(r405->methods, RULE_ALLOW_STABLE);
	ck_assert_int_eq(r405->transports, RULE_ALLOW_STABLE);
	ck_assert_uint_eq(r501->scopes, RULE_SCOPE_NOT_IMPL);
	ck_assert_int_eq(r501->set, EXPECT_SET_NONE);
	ck_assert_int_eq(r501->present, RULE_NONE);
	ck_assert_ptr_null(r501->method);
	ck_assert_ptr_null(r405->method);
	ck_assert_ptr_null(r301->method);
}
END_TEST

/* A check a row names exists, and runs for that row's scopes. */
static void ck_rule_of_row(const struct expect_row *row, enum rule_id id, const char *what)
{
	const struct rule *ru;

	if (id == RULE_NONE)
		return;
	ru = rule_get(id);
	ck_assert_msg(ru != NULL, "%u: %s names no check (%d)", row->code, what, (int)id);
	ck_assert_int_eq(ru->rid, id);
	ck_assert_msg(ru->scope & row->scopes, "%u: %s %s does not run for the row's scopes",
		      row->code, what, ru->id);
}

START_TEST(test_row_rules)
{
	const struct expect_row *row = &expect_table[_i];

	ck_rule_of_row(row, row->present, "present");
	ck_rule_of_row(row, row->stable, "stable");
	ck_rule_of_row(row, row->methods, "methods");
	ck_rule_of_row(row, row->transports, "transports");
	/* A compared set has a presence check, and cross checks need a set. */
	ck_assert((row->set == EXPECT_SET_NONE) == (row->present == RULE_NONE));
	if (row->set == EXPECT_SET_NONE)
		ck_assert(row->stable == RULE_NONE && row->methods == RULE_NONE &&
			  row->transports == RULE_NONE);
}
END_TEST

/* Every key of every row, against every row; keys no row has. */
START_TEST(test_keys)
{
	size_t i, k, n;

	for (i = 0; i < expect_count; i++) {
		const struct expect_row *row = &expect_table[i];

		/* the table's keys are exactly the stated ones, NULL-terminated */
		for (n = 0; n < EXPECT_MAX_KEYS && row->keys[n]; n++)
			ck_assert_str_eq(row->keys[n], want[i].keys[n]);
		ck_assert_ptr_null(want[i].keys[n]);
		ck_assert_uint_lt(n, EXPECT_MAX_KEYS);
		for (k = 0; k < NELEM(all_keys); k++) {
			ck_assert_msg(expect_key_allowed(row, all_keys[k]) == want_has(i, all_keys[k]),
				      "%u, '%s'", row->code, all_keys[k]);
		}
		for (k = 0; k < NELEM(no_keys); k++)
			ck_assert_msg(!expect_key_allowed(row, no_keys[k]), "%u, '%s'", row->code,
				      no_keys[k]);
		ck_assert(!expect_key_allowed(row, NULL));
	}
	for (k = 0; k < NELEM(all_keys); k++)
		ck_assert_msg(expect_key_known(all_keys[k]), "'%s'", all_keys[k]);
	for (k = 0; k < NELEM(no_keys); k++)
		ck_assert_msg(!expect_key_known(no_keys[k]), "'%s'", no_keys[k]);
	ck_assert(!expect_key_known(NULL));
	ck_assert(!expect_key_allowed(NULL, "allow"));

	/* spelled out */
	ck_assert(expect_key_allowed(expect_find(301), "contact"));
	ck_assert(expect_key_allowed(expect_find(301), "follow"));
	ck_assert(expect_key_allowed(expect_find(302), "contact"));
	ck_assert(expect_key_allowed(expect_find(302), "follow"));
	ck_assert(!expect_key_allowed(expect_find(302), "allow"));
	ck_assert(!expect_key_allowed(expect_find(302), "probe_options"));
	ck_assert(expect_key_allowed(expect_find(405), "allow"));
	ck_assert(expect_key_allowed(expect_find(405), "probe_options"));
	ck_assert(expect_key_allowed(expect_find(405), "probe_allowed"));
	ck_assert(!expect_key_allowed(expect_find(405), "contact"));
	ck_assert(expect_key_allowed(expect_find(501), "allow"));
	ck_assert(!expect_key_allowed(expect_find(501), "follow"));
	ck_assert(!expect_key_allowed(expect_find(405), NULL));
	ck_assert(!expect_key_allowed(expect_find(405), "allo"));
	ck_assert(expect_key_known("probe_allowed"));
	ck_assert(!expect_key_known("repeat"));
}
END_TEST

/* Messages like "'expect' must be 200, 301, 302, 405 or 501". */
START_TEST(test_list_codes)
{
	static const struct {
		const char *key, *codes;
	} t[] = {
		{ NULL, "200, 301, 302, 405 or 501" },
		{ "allow", "405 or 501" },
		{ "contact", "301 or 302" },
		{ "follow", "301 or 302" },
		{ "probe_options", "405" },
		{ "probe_allowed", "405" },
		{ "nope", "" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < NELEM(t); i++) {
		expect_list_codes(buf, sizeof(buf), t[i].key);
		ck_assert_str_eq(buf, t[i].codes);
	}
	for (i = 0; i < NELEM(want); i++) {
		expect_list_codes(buf, sizeof(buf), want[i].keys[0]);
		ck_assert_str_eq(buf, want[i].codes_of_first_key);
	}
}
END_TEST

/* Cut to the buffer, always NUL-terminated; size 0 or no buffer: nothing written. */
START_TEST(test_list_codes_small)
{
	static const char full[] = "200, 301, 302, 405 or 501";
	char buf[32];
	size_t size;

	for (size = 1; size <= sizeof(full) + 1; size++) {
		memset(buf, 'x', sizeof(buf));
		expect_list_codes(buf, size, NULL);
		ck_assert_uint_eq(strlen(buf), size - 1 < strlen(full) ? size - 1 : strlen(full));
		ck_assert_int_eq(strncmp(buf, full, strlen(buf)), 0);
		ck_assert_int_eq(buf[size], 'x');       /* nothing past the size */
	}
	expect_list_codes(buf, 6, NULL);
	ck_assert_str_eq(buf, "200, ");
	expect_list_codes(buf, 4, "allow");
	ck_assert_str_eq(buf, "405");
	memset(buf, 'x', sizeof(buf));
	expect_list_codes(buf, 0, NULL);
	ck_assert_int_eq(buf[0], 'x');
	expect_list_codes(NULL, 10, NULL);
}
END_TEST

/* The refusals on other grounds: data per row, plus those of every expectation. */
START_TEST(test_refusal)
{
	const struct expect_refusal *r;
	size_t i, k;

	for (i = 0; i < expect_count; i++) {
		/* every code a row lists has its words */
		for (k = 0; k < EXPECT_MAX_REFUSED && expect_table[i].refused[k]; k++) {
			r = expect_refusal(expect_table[i].code, expect_table[i].refused[k]);
			ck_assert_ptr_nonnull(r);
			ck_assert_uint_eq(r->code, expect_table[i].refused[k]);
		}
		/* the expected code and its confusion are never refusals */
		ck_assert_ptr_null(expect_refusal(expect_table[i].code, expect_table[i].code));
		ck_assert_ptr_null(expect_refusal(expect_table[i].code, expect_table[i].confused));
		ck_assert_ptr_null(expect_refusal(expect_table[i].code, 200));
		ck_assert_ptr_nonnull(expect_refusal(expect_table[i].code, 503));
		ck_assert_ptr_nonnull(expect_refusal(expect_table[i].code, 480));
		ck_assert_ptr_nonnull(expect_refusal(expect_table[i].code, 408));
	}
	r = expect_refusal(405, 401);
	ck_assert(r && r->challenge);
	ck_assert_str_eq(r->why, "challenged (401)");
	r = expect_refusal(301, 407);
	ck_assert(r && r->challenge);
	r = expect_refusal(501, 404);
	ck_assert(r && !r->challenge);
	ck_assert_ptr_null(expect_refusal(301, 404));   /* a redirect is about the URI */
	ck_assert_ptr_null(expect_refusal(302, 403));
	ck_assert_ptr_null(expect_refusal(405, 500));
	ck_assert_ptr_null(expect_refusal(299, 503));   /* no row: no expectation */
	r = expect_refusal(200, 503);                    /* expect 200 (OPTIONS): refused too */
	ck_assert(r && !r->challenge);
	ck_assert_ptr_null(expect_refusal(200, 404));    /* not about the method: contradicts */
	ck_assert_ptr_null(expect_refusal(0, 401));
}
END_TEST

static Suite *expect_suite(void)
{
	Suite *s = suite_create("expect");
	TCase *tc = tcase_create("Core");

	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_unknown_codes);
	tcase_add_test(tc, test_row_contents);
	tcase_add_test(tc, test_row_200);
	tcase_add_loop_test(tc, test_row_rules, 0, (int)expect_count);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_list_codes);
	tcase_add_test(tc, test_list_codes_small);
	tcase_add_test(tc, test_refusal);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_expect", expect_suite, NULL, NULL };
