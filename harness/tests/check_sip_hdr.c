/*
 * check_sip_hdr.c - sip/hdr.c's header-name lookup: every known name in
 * several spellings of case, every compact form, unknown names and near
 * misses (one byte changed, added or removed, each position), which must
 * all be SIPHDR_OTHER.
 */
#include "tmain.h"

#include <string.h>

#include "sip/hdr.h"

/* Compact letters (§7.3.3, §20) and their headers; other letters: none. */
static enum siphdr_id compact_of(int c)
{
	switch (c | 0x20) {
	case 'c': return SIPHDR_CONTENT_TYPE;
	case 'e': return SIPHDR_CONTENT_ENCODING;
	case 'f': return SIPHDR_FROM;
	case 'i': return SIPHDR_CALL_ID;
	case 'k': return SIPHDR_SUPPORTED;
	case 'l': return SIPHDR_CONTENT_LENGTH;
	case 'm': return SIPHDR_CONTACT;
	case 'o': return SIPHDR_EVENT;
	case 'r': return SIPHDR_REFER_TO;
	case 's': return SIPHDR_SUBJECT;
	case 't': return SIPHDR_TO;
	case 'u': return SIPHDR_ALLOW_EVENTS;
	case 'v': return SIPHDR_VIA;
	}
	return SIPHDR_OTHER;
}

static enum siphdr_id look(const char *s, size_t n)
{
	return siphdr_lookup((struct pl){ s, n });
}

/* Known names: as written, all lower, all upper, alternating case. */
START_TEST(test_known_names)
{
	enum siphdr_id id = (enum siphdr_id)_i;
	const char *name = siphdr_name(id);
	size_t n = strlen(name);
	char v[32];

	ck_assert_uint_gt(n, 1);
	ck_assert_uint_lt(n, sizeof(v));
	ck_assert_int_eq(look(name, n), id);
	for (int style = 0; style < 4; style++) {
		for (size_t i = 0; i < n; i++) {
			int c = (unsigned char)name[i];
			bool up = style == 1 || (style == 2 && i % 2) || (style == 3 && !(i % 2));

			if (c >= 'a' && c <= 'z' && up)
				c -= 'a' - 'A';
			else if (c >= 'A' && c <= 'Z' && !up)
				c += 'a' - 'A';
			v[i] = (char)c;
		}
		ck_assert_msg(look(v, n) == id, "%.*s", (int)n, v);
	}
	/* The name inside a longer buffer: only the first n bytes count. */
	memcpy(v, name, n);
	v[n] = 'x';
	ck_assert_int_eq(look(v, n), id);
}
END_TEST

/* Near misses: each byte changed (to another letter, to a byte whose
 * bit 5 differs, to NUL, to 0xC3), one byte dropped, one added. */
START_TEST(test_near_misses)
{
	enum siphdr_id id = (enum siphdr_id)_i;
	const char *name = siphdr_name(id);
	size_t n = strlen(name);
	static const int subs[] = { 'x', 'q', '\0', 0xC3, '_' };
	char v[40];

	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < sizeof(subs) / sizeof(subs[0]); k++) {
			int c = subs[k];

			if ((c | 0x20) == ((unsigned char)name[i] | 0x20))
				continue;
			memcpy(v, name, n);
			v[i] = (char)c;
			ck_assert_msg(look(v, n) == SIPHDR_OTHER, "%s with byte %zu = %#x", name, i, c);
		}
		/* bit 5 flipped on a non-letter: '-' (0x2d) vs CR (0x0d) */
		if (name[i] == '-') {
			memcpy(v, name, n);
			v[i] = '\r';
			ck_assert_int_eq(look(v, n), SIPHDR_OTHER);
		}
		/* byte i dropped */
		memcpy(v, name, i);
		memcpy(v + i, name + i + 1, n - i - 1);
		ck_assert_msg(look(v, n - 1) == SIPHDR_OTHER || n - 1 == 1,
			      "%s without byte %zu", name, i);
		/* a byte added before i */
		memcpy(v, name, i);
		v[i] = 'e';
		memcpy(v + i + 1, name + i, n - i);
		ck_assert_msg(look(v, n + 1) == SIPHDR_OTHER, "%s with a byte at %zu", name, i);
	}
	/* one added at the end */
	memcpy(v, name, n);
	v[n] = 's';
	ck_assert_int_eq(look(v, n + 1), SIPHDR_OTHER);
}
END_TEST

/* Every one-byte name: the 13 compact letters in either case, else none. */
START_TEST(test_compact_every_byte)
{
	for (int c = 0; c < 256; c++) {
		char b = (char)c;
		enum siphdr_id want = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ?
				      compact_of(c) : SIPHDR_OTHER;

		ck_assert_msg(look(&b, 1) == want, "byte %#x", c);
	}
}
END_TEST

START_TEST(test_unknown)
{
	static const char *const names[] = {
		"X-Foo", "Call-Info", "Contact-Foo", "Conta", "Allow-Event", "Allow-Eventss",
		"Content-Language", "Content-Disposition", "Proxy-Require", "Route-Foo",
		"Accept-Encoding", "Authorization", "CSeqq", "Fro", "Tto", "Vi", "Vias",
		"Warn", "Session-Expires", "Unsupporte", "Max-Forward", "Refer-By",
		"Record-Routes", "Retry-Afte", "Supporte", "Subjects", "Requires",
		"Expire", "C%6Fntact", "Co ntact", "Call_ID", "CallID", "Event:", "To ",
		"Contact\r", "Cxll-ID", "Contacx", "Cantact", "Coll-ID",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ck_assert_msg(siphdr_lookup(pl_from(names[i])) == SIPHDR_OTHER, "%s", names[i]);
	ck_assert_int_eq(look("Via\0", 4), SIPHDR_OTHER);
	ck_assert_int_eq(look("To\0", 3), SIPHDR_OTHER);
	ck_assert_int_eq(look(NULL, 0), SIPHDR_OTHER);
	ck_assert_int_eq(look(NULL, 3), SIPHDR_OTHER);
	ck_assert_int_eq(look("Via", 0), SIPHDR_OTHER);
}
END_TEST

/* The names are the canonical spellings of RFC 3261 §20 (and 3265/3515). */
START_TEST(test_canonical)
{
	ck_assert_str_eq(siphdr_name(SIPHDR_CALL_ID), "Call-ID");
	ck_assert_str_eq(siphdr_name(SIPHDR_CSEQ), "CSeq");
	ck_assert_str_eq(siphdr_name(SIPHDR_CONTENT_ENCODING), "Content-Encoding");
	ck_assert_str_eq(siphdr_name(SIPHDR_ALLOW_EVENTS), "Allow-Events");
	ck_assert_str_eq(siphdr_name(SIPHDR_REFER_TO), "Refer-To");
	ck_assert_str_eq(siphdr_name((enum siphdr_id)-1), "");
	ck_assert_str_eq(siphdr_name(SIPHDR__COUNT), "");
	for (int id = 1; id < SIPHDR__COUNT; id++)
		for (int j = 1; j < id; j++)
			ck_assert_str_ne(siphdr_name((enum siphdr_id)id), siphdr_name((enum siphdr_id)j));
}
END_TEST

static Suite *sip_hdr_suite(void)
{
	Suite *s = suite_create("sip_hdr");
	TCase *tc = tcase_create("Core");

	tcase_add_loop_test(tc, test_known_names, 1, SIPHDR__COUNT);
	tcase_add_loop_test(tc, test_near_misses, 1, SIPHDR__COUNT);
	tcase_add_test(tc, test_compact_every_byte);
	tcase_add_test(tc, test_unknown);
	tcase_add_test(tc, test_canonical);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_sip_hdr", sip_hdr_suite, NULL, NULL };
