/*
 * check_siplog_trust.c - sipp/siplog.c: every byte of SIPp's log placed
 * or the log has a fault, and the caps on what a log keeps.
 *
 * Vectors: the forged-frame attack as SIPp 3.6.1 logged it
 * (fixtures/siplog/udp4_forged_nul_200.log, tcp4_...: a 200 OK whose body holds a fake
 * log block with a clean 405, then a NUL), the same attack sized to
 * swallow the entries after it, and SIPp's other entries (copies,
 * one-line notes, send failures) built from its format strings.
 */
#include "tmain.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sipp/siplog.h"
#include "tdir.h"

#define SEP "-----------------------------------------------"
#define TS " 2026-11-25 08:25:12.070331"

/* ---- helpers ------------------------------------------------------------- */

/* A growable log being written. */
struct wlog {
	char *s;
	size_t n;
};

static void wlog_put(struct wlog *w, const char *p, size_t n)
{
	w->s = realloc(w->s, w->n + n + 1);
	ck_assert_ptr_nonnull(w->s);
	memcpy(w->s + w->n, p, n);
	w->n += n;
	w->s[w->n] = '\0';
}

static void wlog_fmt(struct wlog *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void wlog_fmt(struct wlog *w, const char *fmt, ...)
{
	char b[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b, sizeof(b), fmt, ap);
	va_end(ap);
	ck_assert(n >= 0 && (size_t)n < sizeof(b));
	wlog_put(w, b, (size_t)n);
}

/* The block SIPp writes for a message it sent or received (no NUL in it). */
static void wlog_msg(struct wlog *w, bool sent, const char *msg)
{
	if (sent)
		wlog_fmt(w, SEP TS "\nUDP message sent (%zu bytes):\n\n%s\n", strlen(msg), msg);
	else
		wlog_fmt(w, SEP TS "\nUDP message received [%zu] bytes :\n\n%s\n", strlen(msg), msg);
}

/* Parse w (the buffer is handed over) with cap (NULL: none). */
static struct siplog *wlog_parse(struct wlog *w, const struct siplog_cap *cap)
{
	struct siplog *log = NULL;

	ck_assert_int_eq(siplog_parse_capped(&log, w->s, w->n, cap), 0);
	ck_assert_ptr_nonnull(log);
	w->s = NULL;
	w->n = 0;
	return log;
}

static bool contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static const char req[] =
	"MESSAGE sip:bob@example.com SIP/2.0\r\nCall-ID: 1@h\r\nCSeq: 1 MESSAGE\r\n"
	"Content-Length: 0\r\n\r\n";
static const char ok405[] =
	"SIP/2.0 405 Method Not Allowed\r\nCall-ID: 1@h\r\nCSeq: 1 MESSAGE\r\n"
	"Allow: INVITE, ACK\r\nContent-Length: 0\r\n\r\n";

/* ---- the forged frame, as SIPp logged it ---------------------------------- */

static const char *const forged[] = { "udp4_forged_nul_200.log", "tcp4_forged_nul_200.log" };

/*
 * A 200 OK whose body holds "-----...\nUDP message received [999] bytes
 * :\n\nSIP/2.0 405 ..." and then a NUL: SIPp counted 649 bytes and printed
 * 266 of them, then the fake block.  Only the sent MESSAGE is a frame;
 * the fault is at the 200's block and says so in words.
 */
START_TEST(test_forged_captured)
{
	char rel[200], path[600];
	struct siplog *log = NULL;
	const char *rx;

	snprintf(rel, sizeof(rel), "fixtures/siplog/%s", forged[_i]);
	ck_assert_int_eq(siplog_load(&log, tmain_src(path, sizeof(path), rel)), 0);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert_int_eq(log->frames[0].dir, SIPLOG_SENT);
	ck_assert(log->frames[0].raw.l > 30 &&
		  memcmp(log->frames[0].raw.p, "MESSAGE sip:alice@example.com SIP/2.0\r\n", 39) == 0);
	ck_assert_int_eq(log->fault, SIPLOG_SHORT);
	rx = strstr(log->buf, "message received [649] bytes :");
	ck_assert_ptr_nonnull(rx);
	/* The fault is the 200's block: its separator line starts the entry. */
	ck_assert_uint_eq(log->fault_at, (size_t)(rx - log->buf) - 4 - 48 - 27);
	ck_assert_msg(contains(log->why, "the SUT sent bytes SIPp could not log faithfully "
			       "(received message #1, ") &&
		      contains(log->why, ": SIPp counted 649 bytes but its log holds 266 before "
			       "the next entry, as when a NUL byte cuts a message short)"),
		      "%s", log->why);
	/* The fake 405 is in the buffer, and in no frame. */
	ck_assert_ptr_nonnull(strstr(log->buf, "SIP/2.0 405 Method Not Allowed"));
	ck_assert_uint_eq(log->all.rx_prov + log->all.rx_final + log->all.rx_other, 0);
	siplog_free(log);
}
END_TEST

/*
 * The same attack sized so that the count lands on a boundary: the 200
 * holds a NUL, and its count covers what SIPp printed, its LF and the
 * whole next entry (a real received 405, or a note).  The counts agree,
 * but the message holds a separator and a head (or a note): a fault
 * (MIMIC), no frame for the 200 nor for anything after it.
 */
START_TEST(test_forged_swallow)
{
	static const char head200[] =
		"SIP/2.0 200 OK\r\nCall-ID: 1@h\r\nCSeq: 1 MESSAGE\r\nContent-Length: 20\r\n\r\n";
	struct wlog w = { NULL, 0 }, tail = { NULL, 0 };
	struct siplog *log;
	size_t n;

	wlog_msg(&w, true, req);
	wlog_msg(&tail, false, ok405);
	/* SIPp prints head200, "\n", then the next block; the count covers it all
	 * but the last LF. */
	n = strlen(head200) + 1 + tail.n - 1;
	wlog_fmt(&w, SEP TS "\nUDP message received [%zu] bytes :\n\n%s\n", n, head200);
	wlog_put(&w, tail.s, tail.n);
	free(tail.s);
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert_int_eq(log->frames[0].dir, SIPLOG_SENT);
	ck_assert_int_eq(log->fault, SIPLOG_MIMIC);
	ck_assert_msg(contains(log->why, "shaped like SIPp's own log (received message #1, UDP"),
		      "%s", log->why);
	siplog_free(log);

	/* Sized to swallow one of SIPp's notes instead. */
	wlog_msg(&w, true, req);
	n = strlen(head200) + 1 + strlen("Exit problem event on socket 6 ");
	wlog_fmt(&w, SEP TS "\nUDP message received [%zu] bytes :\n\n%s\n", n, head200);
	wlog_fmt(&w, "Exit problem event on socket 6 \n");
	wlog_msg(&w, false, ok405);
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert_int_eq(log->fault, SIPLOG_MIMIC);
	siplog_free(log);

	/* Sized to swallow the separator line of an entry the log was cut after
	 * (SIPp killed): the message would end in a separator line. */
	wlog_msg(&w, true, req);
	n = strlen(head200) + 1 + strlen(SEP TS);
	wlog_fmt(&w, SEP TS "\nUDP message received [%zu] bytes :\n\n%s\n", n, head200);
	wlog_fmt(&w, SEP TS "\n");
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert_int_eq(log->fault, SIPLOG_MIMIC);
	siplog_free(log);
}
END_TEST

/* A NUL-cut message at the very end: SHORT before the end, or TORN without its LF. */
START_TEST(test_cut_at_end)
{
	struct wlog w = { NULL, 0 };
	struct siplog *log;

	wlog_msg(&w, true, req);
	wlog_fmt(&w, SEP TS "\nUDP message received [90] bytes :\n\nSIP/2.0 405 X\r\n\n");
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert_int_eq(log->fault, SIPLOG_SHORT);
	ck_assert_msg(contains(log->why, "counted 90 bytes but its log holds 15 before the end "
			       "of the log"), "%s", log->why);
	siplog_free(log);

	wlog_msg(&w, true, req);
	wlog_fmt(&w, SEP TS "\nUDP message received [90] bytes :\n\nSIP/2.0 405 X\r");
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert_int_eq(log->fault, SIPLOG_TORN);
	ck_assert_str_eq(log->why, "SIPp's message log ends inside received message #1 "
			 "(UDP: 14 of 90 bytes)");
	siplog_free(log);
}
END_TEST

/* ---- SIPp's other entries ------------------------------------------------ */

/* TCP connection refused: only SIPp's one-line notes. */
START_TEST(test_notes)
{
	struct wlog w = { NULL, 0 };
	struct siplog *log;

	wlog_fmt(&w, "Problem EAGAIN on socket  6 and poll_idx  is 1 \n"
		 "Exit problem event on socket 6 \n");
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 0);
	ck_assert_int_eq(log->fault, SIPLOG_INTACT);
	siplog_free(log);

	/* Between blocks too. */
	wlog_msg(&w, true, req);
	wlog_fmt(&w, "Exit problem event on socket 7 \n");
	wlog_msg(&w, false, ok405);
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 2);
	ck_assert_int_eq(log->fault, SIPLOG_INTACT);
	siplog_free(log);

	/* A note that is not quite SIPp's is no note: the message before it
	 * is not taken either (its count cannot be told from a NUL cut). */
	wlog_msg(&w, true, req);
	wlog_fmt(&w, "Exit problem event on socket 7\n");
	wlog_msg(&w, false, ok405);
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 0);
	ck_assert_int_eq(log->fault, SIPLOG_STRAY);
	siplog_free(log);
}
END_TEST

/* Copies of the last received message; a copy that matches nothing is a fault. */
START_TEST(test_copies)
{
	static const char *const heads[] = {
		"Unexpected UDP message received:",
		"Dead call 1-2 3@127.0.0.1 received a UDP message:",
		"Ignoring provisional TCP message for transaction invite:",
		"Ignoring final UDP message for transaction t1:",
	};
	struct wlog w = { NULL, 0 };
	struct siplog *log;
	size_t i;

	for (i = 0; i < NELEM(heads); i++) {
		wlog_msg(&w, true, req);
		wlog_msg(&w, false, ok405);
		wlog_fmt(&w, SEP "\n%s\n\n%s\n", heads[i], ok405);
		wlog_msg(&w, false, ok405);
		log = wlog_parse(&w, NULL);
		ck_assert_msg(log->fault == SIPLOG_INTACT, "%s: %s", heads[i], log->why);
		ck_assert_uint_eq(log->nframes, 3);
		siplog_free(log);
	}
	/* Not the message it copies. */
	wlog_msg(&w, true, req);
	wlog_msg(&w, false, ok405);
	wlog_fmt(&w, SEP "\nUnexpected UDP message received:\n\nSIP/2.0 200 OK\r\n\r\n\n");
	wlog_msg(&w, false, ok405);
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 2);
	ck_assert_int_eq(log->fault, SIPLOG_STRAY);
	ck_assert_msg(contains(log->why, "a copy that does not match the message it copies"),
		      "%s", log->why);
	siplog_free(log);
	/* A copy before anything was received. */
	wlog_msg(&w, true, req);
	wlog_fmt(&w, SEP "\nUnexpected UDP message received:\n\n%s\n", ok405);
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert_int_eq(log->fault, SIPLOG_STRAY);
	siplog_free(log);
	/* A copy cut short by the end of the log. */
	wlog_msg(&w, false, ok405);
	wlog_fmt(&w, SEP "\nUnexpected UDP message received:\n\nSIP/2.0 405 Met");
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert_int_eq(log->fault, SIPLOG_TORN);
	siplog_free(log);
}
END_TEST

START_TEST(test_send_failed)
{
	static const char *const heads[] = {
		"Error sending TCP message:",
		"Truncation sending UDP message (10 of 20 sent):",
	};
	struct wlog w = { NULL, 0 };
	struct siplog *log;
	size_t i;

	for (i = 0; i < NELEM(heads); i++) {
		wlog_msg(&w, false, ok405);
		wlog_fmt(&w, SEP TS "\n%s\n\n%s\n", heads[i], req);
		wlog_msg(&w, false, ok405);
		log = wlog_parse(&w, NULL);
		ck_assert_uint_eq(log->nframes, 1);
		ck_assert_int_eq(log->fault, SIPLOG_SEND_FAILED);
		ck_assert_msg(contains(log->why, "SIPp logged a message it could not send") &&
			      contains(log->why, heads[i]), "%s", log->why);
		siplog_free(log);
	}
}
END_TEST

/* Text no entry explains: a fault that names the byte and shows it, escaped. */
START_TEST(test_stray_text)
{
	struct wlog w = { NULL, 0 };
	struct siplog *log;
	size_t at;

	wlog_msg(&w, false, ok405);
	wlog_fmt(&w, "Exit problem event on socket 7 \n");
	at = w.n;
	wlog_fmt(&w, "hello \"\x01\xff\"\n");
	wlog_msg(&w, false, ok405);
	log = wlog_parse(&w, NULL);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert_int_eq(log->fault, SIPLOG_STRAY);
	ck_assert_uint_eq(log->fault_at, at);
	ck_assert_msg(contains(log->why, "text it cannot place at byte") &&
		      contains(log->why, "\"hello \\x22\\x01\\xff\\x22\""), "%s", log->why);
	siplog_free(log);
	/* An unknown head. */
	wlog_msg(&w, true, req);
	wlog_fmt(&w, SEP TS "\nUDP message lost (12 bytes):\n\nSIP/2.0 200 \n");
	log = wlog_parse(&w, NULL);
	ck_assert_int_eq(log->fault, SIPLOG_STRAY);
	ck_assert_msg(contains(log->why, "an entry it does not know"), "%s", log->why);
	siplog_free(log);
}
END_TEST

/* ---- caps and tally ------------------------------------------------------ */

/* Three calls: 3 sent, 3 received 301s. */
static struct siplog *x3(const struct siplog_cap *cap)
{
	char path[600];
	struct siplog *log = NULL;

	ck_assert_int_eq(siplog_load_capped(&log, tmain_src(path, sizeof(path),
					    "fixtures/siplog/udp4_options_301_x3.log"), cap), 0);
	return log;
}

START_TEST(test_caps)
{
	struct siplog_cap cap = { 2, SIZE_MAX };
	struct siplog *all = x3(NULL), *log;
	size_t total = 0, i;

	ck_assert_uint_eq(all->nframes, 6);
	ck_assert(!all->capped);
	for (i = 0; i < 6; i++)
		total += all->frames[i].raw.l;
	ck_assert_uint_eq(all->all.sent, 3);
	ck_assert_uint_eq(all->all.rx_final, 3);
	ck_assert_uint_eq(all->all.rx_prov + all->all.rx_other, 0);
	ck_assert_uint_eq(all->all.bytes, total);
	/* Two frames kept; everything counted all the same. */
	log = x3(&cap);
	ck_assert_uint_eq(log->nframes, 2);
	ck_assert(log->capped);
	ck_assert_int_eq(log->fault, SIPLOG_INTACT);
	ck_assert_uint_eq(log->all.sent, 3);
	ck_assert_uint_eq(log->all.rx_final, 3);
	ck_assert_uint_eq(log->all.bytes, total);
	ck_assert(pl_eq(log->frames[1].raw, all->frames[1].raw));
	siplog_free(log);
	/* Bytes: a prefix is kept, never a later smaller frame. */
	cap.frames = SIZE_MAX;
	cap.bytes = all->frames[0].raw.l + all->frames[1].raw.l + 1;
	log = x3(&cap);
	ck_assert_uint_eq(log->nframes, 2);
	ck_assert(log->capped);
	siplog_free(log);
	cap.frames = 0;
	log = x3(&cap);
	ck_assert_uint_eq(log->nframes, 0);
	ck_assert(log->capped);
	ck_assert_uint_eq(log->all.sent, 3);
	siplog_free(log);
	siplog_free(all);
}
END_TEST

/* SIPp's time stamps: first and last received message, in s since 1970 (UTC). */
START_TEST(test_times)
{
	struct siplog *log = x3(NULL);
	struct tm tm;
	const char *p = strstr(log->buf, "message received"), *q;
	double first;

	ck_assert_ptr_nonnull(p);
	/* The separator line before the first received head holds its time. */
	while (p > log->buf && p[-1] != '\n')
		p--;
	for (q = p - 1; q > log->buf && q[-1] != '\n'; q--)
		;
	memset(&tm, 0, sizeof(tm));
	ck_assert_int_eq(sscanf(q + 48, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon,
				&tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec), 6);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	first = (double)timegm(&tm) + strtod(q + 48 + 19, NULL);
	ck_assert_msg(log->all.rx_first > first - 1e-6 && log->all.rx_first < first + 1e-6,
		      "%.6f vs %.6f", log->all.rx_first, first);
	ck_assert(log->all.rx_last >= log->all.rx_first);
	ck_assert(log->all.rx_last - log->all.rx_first < 5);
	siplog_free(log);
}
END_TEST

/* Over SIPLOG_READ_MAX: the capped reader takes the start and says the rest was cut. */
START_TEST(test_read_limit)
{
	char path[600];
	size_t len, done = 0;
	char *one = tdir_slurp(tmain_src(path, sizeof(path),
					 "fixtures/siplog/udp4_message_405.log"), &len);
	const char *big = tdir_path("big.log");
	struct siplog_cap cap = { 2, SIZE_MAX };
	struct siplog *log = NULL;
	FILE *f = fopen(big, "wb");

	ck_assert_ptr_nonnull(f);
	for (done = 0; done <= SIPLOG_READ_MAX; done += len)
		ck_assert_uint_eq(fwrite(one, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(siplog_load(&log, big), E2BIG);
	ck_assert_ptr_null(log);
	ck_assert_int_eq(siplog_load_capped(&log, big, &cap), 0);
	ck_assert_uint_eq(log->len, SIPLOG_READ_MAX);
	ck_assert_uint_eq(log->nframes, 2);
	ck_assert(log->capped);
	ck_assert_uint_eq(log->all.sent, log->all.rx_final);
	ck_assert_uint_ge(log->all.sent, SIPLOG_READ_MAX / len - 1);
	ck_assert_int_eq(log->fault, SIPLOG_TORN);
	ck_assert_msg(contains(log->why, "over the 64 MiB the reader takes"), "%s", log->why);
	siplog_free(log);
	free(one);
}
END_TEST

static Suite *siplog_trust_suite(void)
{
	Suite *s = suite_create("siplog_trust");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_loop_test(tc, test_forged_captured, 0, (int)NELEM(forged));
	tcase_add_test(tc, test_forged_swallow);
	tcase_add_test(tc, test_cut_at_end);
	tcase_add_test(tc, test_notes);
	tcase_add_test(tc, test_copies);
	tcase_add_test(tc, test_send_failed);
	tcase_add_test(tc, test_stray_text);
	tcase_add_test(tc, test_caps);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_read_limit);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_siplog_trust", siplog_trust_suite, NULL, NULL };
