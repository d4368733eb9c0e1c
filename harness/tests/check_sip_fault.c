/*
 * check_sip_fault.c - header rows that break the grammar (sip/msg.h,
 * enum siphdr_fault): kept in the message with their fault instead of
 * failing the parse, unless the row frames the message (Content-Length).
 *
 * Vectors: one row per fault kind with the exact words, line and column
 * the strict parser used to fail with; what a fault does to presence,
 * to the accessors of its own header and to the other headers; several
 * faults; Content-Length faults, which still fail the parse.
 */
#include "tsip.h"

#define OK200 "SIP/2.0 200 OK\r\n"

/* Parse buf[0..len): it must parse with exactly nfaults row faults. */
static struct sipmsg *parse_faulty(const char *buf, size_t len, size_t nfaults)
{
	struct sipmsg *m = tsip_parse_ok(buf, len);

	ck_assert_uint_eq(m->nfaults, nfaults);
	return m;
}

/* ---- one fault of each kind ------------------------------------------------ */

static const struct {
	const char *msg;
	size_t len;                 /* 0: strlen */
	enum siphdr_fault fault;
	enum siphdr_id id;          /* the row's header */
	const char *what;           /* exact err.what */
	size_t line, col;
	const char *fault_at;       /* the bytes from fault_at on start with this */
} kinds[] = {
	{ OK200 TSIP_RESP_HDRS "Bad Header: x\r\n\r\n", 0, SIPHDR_FAULT_HCOLON, SIPHDR_OTHER,
	  "header row: line 7 col 4: expected ':' after header name 'Bad'", 7, 4, " Header" },
	{ OK200 " folded first\r\n" TSIP_RESP_HDRS "\r\n", 0, SIPHDR_FAULT_FOLD, SIPHDR_OTHER,
	  "header row: line 2 col 1: continuation line before any header", 2, 1, " folded" },
	{ OK200 TSIP_RESP_HDRS "@bad: x\r\n\r\n", 0, SIPHDR_FAULT_NAME, SIPHDR_OTHER,
	  "header row: line 7 col 1: invalid header name (not a token): '@'", 7, 1, "@bad" },
	{ OK200 TSIP_RESP_HDRS "X-Debug: build\x01 42\r\n\r\n", 0, SIPHDR_FAULT_CTL, SIPHDR_OTHER,
	  "X-Debug: line 7 col 15: control character 0x01 in header value", 7, 15, "\x01 42" },
	{ OK200 TSIP_RESP_HDRS "X-Nul: a\0b\r\n\r\n", sizeof(OK200 TSIP_RESP_HDRS "X-Nul: a\0b\r\n\r\n") - 1,
	  SIPHDR_FAULT_CTL, SIPHDR_OTHER,
	  "X-Nul: line 7 col 9: control character 0x00 in header value", 7, 9, "" },
	{ OK200 TSIP_RESP_HDRS "X-Q: \"a\x01\"\r\n\r\n", 0, SIPHDR_FAULT_QCTL, SIPHDR_OTHER,
	  "X-Q: line 7 col 8: control character 0x01 in quoted string", 7, 8, "\x01\"" },
	{ OK200 TSIP_RESP_HDRS "X-CR: a\rb\r\n\r\n", 0, SIPHDR_FAULT_CR, SIPHDR_OTHER,
	  "X-CR: line 7 col 8: bare CR in header value", 7, 8, "\rb" },
	/* in a continuation line: the position is in that line */
	{ OK200 TSIP_RESP_HDRS "Subject: ok,\r\n \x7f\r\n\r\n", 0, SIPHDR_FAULT_CTL, SIPHDR_SUBJECT,
	  "Subject: line 8 col 2: control character 0x7f in header value", 8, 2, "\x7f" },
	/* the compact form names the header; the label is its long name */
	{ OK200 TSIP_RESP_HDRS "s: \x1b[2J\r\n\r\n", 0, SIPHDR_FAULT_CTL, SIPHDR_SUBJECT,
	  "Subject: line 7 col 4: control character 0x1b in header value", 7, 4, "\x1b[2J" },
};

START_TEST(test_fault_kinds)
{
	size_t len = kinds[_i].len ? kinds[_i].len : strlen(kinds[_i].msg);
	struct sipmsg *m = parse_faulty(kinds[_i].msg, len, 1);
	const struct siphdr *h = sipmsg_fault_next(m, NULL);
	struct sipmsg_err e;
	struct sipcseq cs;
	struct sipvia *v = NULL;
	size_t n = 0;

	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(h->fault, kinds[_i].fault);
	ck_assert_int_eq(h->id, kinds[_i].id);
	/* the row starts on its first line, the fault may sit in a continuation */
	ck_assert_uint_eq(h->line, kinds[_i].id == SIPHDR_SUBJECT ? 7 : kinds[_i].line);
	ck_assert(h->fault_at >= h->row.p && h->fault_at <= h->row.p + h->row.l);
	ck_assert_mem_eq(h->fault_at, kinds[_i].fault_at, strlen(kinds[_i].fault_at));
	ck_assert_ptr_null(sipmsg_fault_next(m, h));
	memset(&e, 0, sizeof(e));
	ck_assert_int_eq(sipmsg_fault_err(m, h, &e), EBADMSG);
	ck_assert_str_eq(e.what, kinds[_i].what);
	ck_assert_uint_eq(e.line, kinds[_i].line);
	ck_assert_uint_eq(e.col, kinds[_i].col);
	ck_assert_ptr_eq(e.at, h->fault_at);
	ck_assert_uint_eq(e.off, (size_t)(h->fault_at - kinds[_i].msg));
	/* the message is not valid, and validation says the same first */
	ck_assert_int_eq(sipmsg_validate(m, &e), EBADMSG);
	ck_assert_str_eq(e.what, kinds[_i].what);
	/* the rows that follow the grammar still read */
	ck_assert_int_eq(sipmsg_cseq(m, &cs, &e), 0);
	ck_assert_uint_eq(cs.num, 2);
	ck_assert_int_eq(sipmsg_vias(m, &v, &n, &e), 0);
	ck_assert_uint_eq(n, 1);
	free(v);
	ck_assert_int_eq(sipmsg_fault_err(m, NULL, &e), EINVAL);
	ck_assert_int_eq(sipmsg_fault_err(NULL, h, &e), EINVAL);
	sipmsg_free(m);
}
END_TEST

/* What looks odd but follows the grammar: no fault. */
START_TEST(test_no_fault)
{
	static const char *const rows[] = {
		"X-B: a\\b\r\n",                  /* a backslash outside quotes is a byte */
		"X-Q: \"a\\\"b\", \"c\\\\\"\r\n",      /* quoted-pairs */
		"X-Q: \"a\\\x01\"\r\n",             /* quoted-pair of a CTL (RFC 3261 §25.1) */
		"X-T: a\tb\r\n",                   /* HTAB */
		"X-U: caf\xc3\xa9 \xff\r\n",       /* bytes above 0x7f are not CTLs */
		"X-F: a,\r\n\tb\r\n",              /* folding */
		"X-E:\r\n",                        /* empty value */
		"X-W \t: w\r\n",                   /* WSP before HCOLON */
	};
	char buf[512];
	int n = snprintf(buf, sizeof(buf), OK200 TSIP_RESP_HDRS "%s\r\n", rows[_i]);
	struct sipmsg *m = parse_faulty(buf, (size_t)n, 0);
	struct sipmsg_err e;

	ck_assert_ptr_null(sipmsg_fault_next(m, NULL));
	ck_assert_int_eq(m->hdrs[m->nhdrs - 1].fault, SIPHDR_FAULT_NONE);
	ck_assert_int_eq(sipmsg_fault_err(m, &m->hdrs[m->nhdrs - 1], &e), 0);
	ck_assert_int_eq(sipmsg_validate(m, &e), 0);
	sipmsg_free(m);
}
END_TEST

/* A row without a value (no HCOLON): empty value at its end, never read. */
START_TEST(test_fault_no_value)
{
	static const char raw[] = OK200 TSIP_RESP_HDRS "Server sut/1.0\r\nContent-Length: 0\r\n\r\n";
	struct sipmsg *m = parse_faulty(raw, sizeof(raw) - 1, 1);
	const struct siphdr *h = sipmsg_fault_next(m, NULL);
	uint32_t cl = 9;

	tsip_assert_pl(h->name, "Server");
	tsip_assert_pl(h->row, "Server sut/1.0");
	ck_assert_uint_eq(h->value.l, 0);
	ck_assert_ptr_eq(h->value.p, h->row.p + h->row.l);
	/* by name it is there: its presence is a fact of the rows */
	ck_assert_ptr_eq(sipmsg_hdr_name(m, "server"), h);
	/* framing holds: the Content-Length after it frames the body */
	ck_assert_int_eq(sipmsg_clen(m, &cl, NULL), 0);
	ck_assert_uint_eq(cl, 0);
	ck_assert(!(m->flags & SIPMSG_F_NO_CLEN));
	sipmsg_free(m);
}
END_TEST

/* Folding with nothing to fold into: one faulty row, continuations included. */
START_TEST(test_fault_fold_first)
{
	static const char raw[] = OK200 " a\r\n\tb\r\n" TSIP_RESP_HDRS "\r\n";
	struct sipmsg *m = parse_faulty(raw, sizeof(raw) - 1, 1);

	ck_assert_uint_eq(m->nhdrs, 6);
	ck_assert_int_eq(m->hdrs[0].fault, SIPHDR_FAULT_FOLD);
	tsip_assert_pl(m->hdrs[0].row, " a\r\n\tb");
	ck_assert_uint_eq(m->hdrs[0].name.l, 0);
	ck_assert_int_eq(m->hdrs[0].id, SIPHDR_OTHER);
	ck_assert_uint_eq(m->hdrs[1].line, 4);
	ck_assert_int_eq(m->hdrs[1].id, SIPHDR_VIA);
	ck_assert_int_eq(m->hdrs[1].fault, SIPHDR_FAULT_NONE);
	ck_assert_ptr_null(m->hdrs[1].fault_at);
	sipmsg_free(m);
}
END_TEST

/* ---- what a fault does to its own header ----------------------------------- */

START_TEST(test_fault_allow)
{
	static const char raw[] = "SIP/2.0 405 Method Not Allowed\r\n" TSIP_RESP_HDRS
		"Allow: OPTIONS\r\nAllow: INVITE\x01, ACK\r\nContent-Length: 0\r\n\r\n";
	static const char want[] = "Allow: line 8 col 14: control character 0x01 in header value";
	struct sipmsg *m = parse_faulty(raw, sizeof(raw) - 1, 1);
	struct siphdr_elem *el = (struct siphdr_elem *)1;
	struct sipmsg_err e;
	struct pl *al = (struct pl *)1;
	size_t n = 9;
	bool present = false;

	/* present: both rows count */
	ck_assert_ptr_nonnull(sipmsg_hdr(m, SIPHDR_ALLOW));
	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_ALLOW), 2);
	/* but the list cannot be read: the fault is the reason */
	ck_assert_int_eq(sipmsg_allow(m, &present, &al, &n, &e), EBADMSG);
	ck_assert_str_eq(e.what, want);
	ck_assert_int_eq(sipmsg_hdr_elems(m, SIPHDR_ALLOW, &el, &n, &e), EBADMSG);
	ck_assert_str_eq(e.what, want);
	ck_assert_ptr_eq(el, (struct siphdr_elem *)1); /* untouched on failure */
	sipmsg_free(m);
}
END_TEST

/* A single-valued header: a faulty row wins over "missing" and "duplicated". */
START_TEST(test_fault_single)
{
	static const char first[] = OK200
		"Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-2\r\n"
		"From: <sip:a@example.com>;tag=1\r\n"
		"To: <sip:b@example.com>;tag=2\r\n"
		"Call-ID: 2@127.0.0.1\r\n"
		"CSeq 2 REGISTER\r\n"
		"CSeq: 2 REGISTER\r\n\r\n";
	static const char second[] = OK200 TSIP_RESP_HDRS "CSeq: 3\x7fREGISTER\r\n\r\n";
	struct sipmsg *m = parse_faulty(first, sizeof(first) - 1, 1);
	struct sipmsg_err e;
	struct sipcseq cs;
	struct sipaddr a;

	ck_assert_int_eq(sipmsg_cseq(m, &cs, &e), EBADMSG);
	ck_assert_str_eq(e.what, "header row: line 6 col 5: expected ':' after header name 'CSeq'");
	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_CSEQ), 2);
	ck_assert_int_eq(sipmsg_from(m, &a, &e), 0);
	sipmsg_free(m);
	m = parse_faulty(second, sizeof(second) - 1, 1);
	ck_assert_int_eq(sipmsg_cseq(m, &cs, &e), EBADMSG);
	ck_assert_str_eq(e.what, "CSeq: line 7 col 8: control character 0x7f in header value");
	sipmsg_free(m);
}
END_TEST

/* A Contact row without a colon is a Contact row that cannot be read. */
START_TEST(test_fault_contact)
{
	static const char raw[] = "SIP/2.0 301 Moved Permanently\r\n" TSIP_RESP_HDRS
		"Contact <sip:c@192.0.2.1>\r\n\r\n";
	struct sipmsg *m = parse_faulty(raw, sizeof(raw) - 1, 1);
	struct sipaddr *c = NULL;
	struct sipmsg_err e;
	size_t n = 0;

	ck_assert_uint_eq(sipmsg_hdr_count(m, SIPHDR_CONTACT), 1);
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, &e), EBADMSG);
	ck_assert_ptr_null(c);
	ck_assert_str_eq(e.what, "header row: line 7 col 8: expected ':' after header name 'Contact'");
	sipmsg_free(m);
}
END_TEST

/* ---- several faults ----------------------------------------------------------- */

START_TEST(test_fault_many)
{
	static const char raw[] = OK200 "X-A: \x01\r\n" TSIP_RESP_HDRS
		"Contact: <sip:c@192.0.2.1>\r\nnocolon\r\nX-B: \"\x02\"\r\nContent-Length: 0\r\n\r\n";
	struct sipmsg *m = parse_faulty(raw, sizeof(raw) - 1, 3);
	const struct siphdr *h;
	struct sipaddr *c = NULL;
	struct sipmsg_err e;
	size_t n = 0, lines[3], k = 0;

	for (h = sipmsg_fault_next(m, NULL); h; h = sipmsg_fault_next(m, h)) {
		ck_assert_uint_lt(k, 3);
		lines[k++] = h->line;
	}
	ck_assert_uint_eq(k, 3);
	ck_assert_uint_eq(lines[0], 2);
	ck_assert_uint_eq(lines[1], 9);
	ck_assert_uint_eq(lines[2], 10);
	/* validation names the first in message order */
	ck_assert_int_eq(sipmsg_validate(m, &e), EBADMSG);
	ck_assert_str_eq(e.what, "X-A: line 2 col 6: control character 0x01 in header value");
	ck_assert_int_eq(sipmsg_contacts(m, &c, &n, &e), 0);
	ck_assert_uint_eq(n, 1);
	free(c);
	ck_assert_ptr_null(sipmsg_fault_next(NULL, NULL));
	sipmsg_free(m);
}
END_TEST

/* 1024 faulty rows: kept and counted, no allocation per fault. */
START_TEST(test_fault_limit)
{
	size_t len;
	char *buf = tsip_many_rows(1000, "X-A: \x01\r\n", &len);
	struct sipmsg *m = parse_faulty(buf, len, 1000);

	ck_assert_uint_eq(m->nhdrs, 1005);
	sipmsg_free(m);
	free(buf);
}
END_TEST

/* ---- Content-Length frames the message: its faults still fail the parse ---------- */

START_TEST(test_fault_clen)
{
	static const struct {
		const char *row;
		const char *what;
	} vec[] = {
		{ "Content-Length: 0\x01\r\n", "Content-Length: line 7 col 18: control character 0x01 in header value" },
		{ "Content-Length 0\r\n", "header row: line 7 col 15: expected ':' after header name 'Content-Length'" },
		{ "l: \x01" "0\r\n", "Content-Length: line 7 col 4: control character 0x01 in header value" },
		{ "Content-Length: 0\r\n \x7f\r\n", "Content-Length: line 8 col 2: control character 0x7f in header value" },
	};
	char buf[512];
	struct sipmsg *m = NULL;
	struct sipmsg_err e;
	int n = snprintf(buf, sizeof(buf), OK200 TSIP_RESP_HDRS "%s\r\n", vec[_i].row);

	ck_assert_int_eq(sipmsg_parse(&m, buf, (size_t)n, &e), EBADMSG);
	ck_assert_ptr_null(m);
	ck_assert_str_eq(e.what, vec[_i].what);
	ck_assert_uint_gt(e.line, 0);
}
END_TEST

static Suite *sip_fault_suite(void)
{
	Suite *s = suite_create("sip_fault");
	TCase *tc = tcase_create("Core");

	tcase_add_loop_test(tc, test_fault_kinds, 0, (int)NELEM(kinds));
	tcase_add_loop_test(tc, test_no_fault, 0, 8);
	tcase_add_test(tc, test_fault_no_value);
	tcase_add_test(tc, test_fault_fold_first);
	tcase_add_test(tc, test_fault_allow);
	tcase_add_test(tc, test_fault_single);
	tcase_add_test(tc, test_fault_contact);
	tcase_add_test(tc, test_fault_many);
	tcase_add_test(tc, test_fault_limit);
	tcase_add_loop_test(tc, test_fault_clen, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_sip_fault", sip_fault_suite, NULL, NULL };
