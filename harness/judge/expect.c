/*
 * expect.c - the expectation table (see expect.h).
 *
 * 301 Moved Permanently (§21.3.2): a redirect, and permanent: the same
 *     Contact set on every try, method and transport.
 * 302 Moved Temporarily (§21.3.3): a redirect, for now: the client
 *     "SHOULD retry the request at the new address(es) given by the
 *     Contact header field", but nothing says the next request gets the
 *     same answer, so no stability check.  Following its Contacts is
 *     allowed ('follow'): §8.3's loop rule holds for any redirect.
 * 405 Method Not Allowed (§21.4.6): Allow lists the valid methods, the
 *     same every time and across the methods and transports of an entry.
 * 200 OK, to OPTIONS only (§11.2): the SUT's capabilities; Allow SHOULD
 *     be there (a warning) and parse.  Nothing is compared across requests.
 * 501 Not Implemented (§21.5.2): the method is not recognised; 'allow'
 *     is accepted (a 501 may carry Allow) and nothing is compared across
 *     requests.
 *
 * Refused on other grounds (an inconclusive test, not a failure): a
 * challenge (401, 407: §22.2, §22.3) answers before anything else is
 * looked at; 408, 480 and 503 say the SUT or the callee cannot take the
 * request now (§21.4.9, §21.4.18, §21.5.4), whatever it is.  For a
 * method expectation (405, 501) a Request-URI refused as forbidden (403),
 * unknown (404), incomplete (484) or of a scheme not served (416) was
 * refused before its method mattered (a proxy routes on the Request-URI
 * first, §16.3, §16.4).  A redirect expectation (301, 302) is about what
 * the Request-URI names, so 403/404/484/416 there contradict it.
 */
#include "judge/expect.h"

#include <stdio.h>
#include <string.h>

const struct expect_row expect_table[] = {
	{
		.code = 200, .name = "OK",
		.scopes = RULE_SCOPE_OPTIONS | RULE_SCOPE_ALLOW_LIST,
		.keys = { NULL },
		.set = EXPECT_SET_NONE,
		.present = RULE_NONE,
		.stable = RULE_NONE,
		.methods = RULE_NONE,
		.transports = RULE_NONE,
		.confused = 0,
		.hint = NULL,
		.method = "OPTIONS",
	},
	{
		.code = 301, .name = "Moved Permanently",
		.scopes = RULE_SCOPE_REDIRECT | RULE_SCOPE_PERMANENT,
		.keys = { "contact", "follow" },
		.set = EXPECT_SET_CONTACT,
		.present = RULE_CONTACT_PRESENT_301,
		.stable = RULE_PERMANENT_STABLE,
		.methods = RULE_PERMANENT_METHODS,
		.transports = RULE_PERMANENT_TRANSPORTS,
		.confused = 302,
		.hint = "a permanent move is 301, §21.3.2; 302 is temporary, §21.3.3",
	},
	{
		.code = 302, .name = "Moved Temporarily",
		.scopes = RULE_SCOPE_REDIRECT | RULE_SCOPE_TEMPORARY,
		.keys = { "contact", "follow" },
		.set = EXPECT_SET_CONTACT,
		.present = RULE_CONTACT_PRESENT_302,
		.stable = RULE_NONE,
		.methods = RULE_NONE,
		.transports = RULE_NONE,
		.confused = 301,
		.hint = "a temporary move is 302, §21.3.3; 301 says the move is permanent, §21.3.2",
	},
	{
		.code = 405, .name = "Method Not Allowed",
		.scopes = RULE_SCOPE_ALLOW | RULE_SCOPE_ALLOW_LIST,
		.keys = { "allow", "probe_options", "probe_allowed" },
		.set = EXPECT_SET_ALLOW,
		.present = RULE_ALLOW_PRESENT,
		.stable = RULE_ALLOW_STABLE,
		.methods = RULE_ALLOW_STABLE,
		.transports = RULE_ALLOW_STABLE,
		.confused = 501,
		.hint = "501 means the method is not recognised; a recognised method refused at this address gets 405, §21.4.6",
		.refused = { 403, 404, 416, 484 },
	},
	{
		.code = 501, .name = "Not Implemented",
		.scopes = RULE_SCOPE_NOT_IMPL,
		.keys = { "allow" },
		.set = EXPECT_SET_NONE,
		.present = RULE_NONE,
		.stable = RULE_NONE,
		.methods = RULE_NONE,
		.transports = RULE_NONE,
		.confused = 405,
		.hint = "405 means the method is recognised; an unrecognised method gets 501, §21.5.2",
		.refused = { 403, 404, 416, 484 },
	},
};

const size_t expect_count = sizeof(expect_table) / sizeof(expect_table[0]);

/* Every code some expectation may take as a refusal on other grounds;
 * 'always' ones apply to every expectation, the others only where a row
 * lists them. */
static const struct {
	struct expect_refusal r;
	bool always;
} expect_refusals[] = {
	{ { 401, true, "challenged (401)" }, true },
	{ { 403, false, "refused as forbidden (403 Forbidden) before its method mattered" }, false },
	{ { 404, false, "the Request-URI names no one here (404 Not Found), so its method never mattered" }, false },
	{ { 407, true, "challenged (407)" }, true },
	{ { 408, false, "the SUT gave up on the request (408 Request Timeout)" }, true },
	{ { 416, false, "the Request-URI scheme is not served (416 Unsupported URI Scheme), so its method never mattered" }, false },
	{ { 480, false, "the callee is temporarily unavailable (480 Temporarily Unavailable)" }, true },
	{ { 484, false, "the Request-URI is incomplete (484 Address Incomplete), so its method never mattered" }, false },
	{ { 503, false, "the SUT is unavailable (503 Service Unavailable)" }, true },
};

const struct expect_refusal *expect_refusal(unsigned expect, unsigned got)
{
	const struct expect_row *row = expect_find(expect);
	size_t i, k;

	if (!row || got == expect)
		return NULL;
	for (i = 0; i < sizeof(expect_refusals) / sizeof(expect_refusals[0]); i++) {
		if (expect_refusals[i].r.code != got)
			continue;
		if (expect_refusals[i].always)
			return &expect_refusals[i].r;
		for (k = 0; k < EXPECT_MAX_REFUSED && row->refused[k]; k++)
			if (row->refused[k] == got)
				return &expect_refusals[i].r;
		return NULL;
	}
	return NULL;
}

const struct expect_row *expect_find(unsigned code)
{
	size_t i;

	for (i = 0; i < expect_count; i++)
		if (expect_table[i].code == code)
			return &expect_table[i];
	return NULL;
}

bool expect_key_allowed(const struct expect_row *row, const char *key)
{
	size_t i;

	if (!row || !key)
		return false;
	for (i = 0; i < EXPECT_MAX_KEYS && row->keys[i]; i++)
		if (strcmp(row->keys[i], key) == 0)
			return true;
	return false;
}

bool expect_key_known(const char *key)
{
	size_t i;

	for (i = 0; i < expect_count; i++)
		if (expect_key_allowed(&expect_table[i], key))
			return true;
	return false;
}

void expect_list_codes(char *buf, size_t size, const char *key)
{
	size_t i, n = 0, k = 0, len;

	if (!buf || size == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < expect_count; i++)
		if (!key || expect_key_allowed(&expect_table[i], key))
			n++;
	for (i = 0; i < expect_count; i++) {
		if (key && !expect_key_allowed(&expect_table[i], key))
			continue;
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%u",
			 k == 0 ? "" : k + 1 == n ? " or " : ", ", expect_table[i].code);
		k++;
	}
}
