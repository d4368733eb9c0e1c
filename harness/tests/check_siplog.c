/*
 * check_siplog.c - unit tests for the SIPp message-log splitter (siplog.c).
 *
 * Vectors: logs captured from SIPp 3.6.1 on loopback (fixtures/siplog/,
 * UDP and TCP, IPv4 and IPv6, INVITE+ACK, three calls, retransmissions
 * to a silent SUT, hostile bytes), the other block kinds SIPp's TRACE_MSG
 * writes (copied from its format strings), and truncated or garbled logs.
 * Run from the repository root (or set SIPCONFORM_SRCDIR).
 */
#include "tmain.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sipp/siplog.h"

#define SEP "-----------------------------------------------"

/* ---- helpers ------------------------------------------------------------- */

static void fixture_path(char *out, size_t size, const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "fixtures/siplog/%s", name);
	tmain_src(out, size, rel);
}

static struct siplog *load_ok(const char *name)
{
	char path[1024];
	struct siplog *log = NULL;
	int err;

	fixture_path(path, sizeof(path), name);
	ck_assert_msg(access(path, R_OK) == 0, "missing %s (run from the repo root)", path);
	err = siplog_load(&log, path);
	ck_assert_msg(err == 0, "%s: err %d", name, err);
	ck_assert_ptr_nonnull(log);
	return log;
}

static struct siplog *parse_str(const char *s, int want_err)
{
	struct siplog *log = NULL;
	size_t l = strlen(s);
	char *buf = malloc(l ? l : 1);
	int err;

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, s, l);
	err = siplog_parse(&log, buf, l);
	ck_assert_int_eq(err, want_err);
	if (want_err)
		ck_assert_ptr_null(log);
	return log;
}

static bool starts(struct pl x, const char *s)
{
	size_t l = strlen(s);

	return x.l >= l && memcmp(x.p, s, l) == 0;
}

static bool ends(struct pl x, const char *s)
{
	size_t l = strlen(s);

	return x.l >= l && memcmp(x.p + x.l - l, s, l) == 0;
}

static bool contains(struct pl x, const char *s)
{
	size_t l = strlen(s), i;

	for (i = 0; i + l <= x.l; i++)
		if (memcmp(x.p + i, s, l) == 0)
			return true;
	return false;
}

/* The value of header name (exact case, first one) in raw, or PL_NULL. */
static struct pl header(struct pl raw, const char *name)
{
	size_t l = strlen(name), i = 0;

	while (i < raw.l) {
		const char *eol = memchr(raw.p + i, '\n', raw.l - i);
		size_t end = eol ? (size_t)(eol - raw.p) : raw.l;

		if (end - i > l + 1 && memcmp(raw.p + i, name, l) == 0 &&
		    raw.p[i + l] == ':') {
			struct pl v = { raw.p + i + l + 1, end - i - l - 1 };
			return pl_trim(v);
		}
		if (end == i + 1 || end == i)  /* blank line: end of headers */
			break;
		i = end + 1;
	}
	return PL_NULL;
}

/*
 * Every frame is a slice of the log buffer, and a frame taken at its
 * declared size is followed by LF and then a separator or the end.
 */
static void assert_well_framed(const struct siplog *log)
{
	for (size_t i = 0; i < log->nframes; i++) {
		const struct siplog_frame *f = &log->frames[i];
		size_t off = (size_t)(f->raw.p - log->buf);

		ck_assert(f->raw.p >= log->buf);
		ck_assert_uint_le(off + f->raw.l, log->len);
		ck_assert_uint_lt(off + f->raw.l, log->len);
		ck_assert_int_eq(log->buf[off + f->raw.l], '\n');
		ck_assert(off + f->raw.l + 1 == log->len ||
			  memcmp(log->buf + off + f->raw.l + 1, SEP, strlen(SEP)) == 0);
		ck_assert_uint_eq(f->peer.l, 0);
	}
}

/* ---- Core: captured logs ------------------------------------------------- */

struct vec {
	const char *file;
	const char *transport;
	const char *dirs;         /* 's' sent, 'r' received, in order */
	const char *first_rx;     /* start of the first received frame */
};

static const struct vec vecs[] = {
	/* RFC 3261 §21.4.6: 405 with two Allow rows, UDP over IPv4 */
	{ "udp4_message_405.log", "UDP", "sr", "SIP/2.0 405 Method Not Allowed\r\n" },
	/* RFC 3261 §21.3.2: 301 with Contact, TCP over IPv4 */
	{ "tcp4_options_301.log", "TCP", "sr", "SIP/2.0 301 Moved Permanently\r\n" },
	/* RFC 5118: the same over IPv6 */
	{ "udp6_options_301.log", "UDP", "sr", "SIP/2.0 301 Moved Permanently\r\n" },
	{ "tcp6_message_405.log", "TCP", "sr", "SIP/2.0 405 Method Not Allowed\r\n" },
	/* RFC 3261 §17.1.1.3: INVITE, 301, ACK */
	{ "udp4_invite_301_ack.log", "UDP", "srs", "SIP/2.0 301 Moved Permanently\r\n" },
	{ "tcp6_invite_501_ack.log", "TCP", "srs", "SIP/2.0 501 Not Implemented\r\n" },
	/* RFC 3261 §13.2.2.4, §15.1.1: 180, 200, ACK, BYE, 200 */
	{ "udp4_invite_180_200_bye.log", "UDP", "srrssr", "SIP/2.0 180 Ringing\r\n" },
	/* three fresh transactions in one log */
	{ "udp4_options_301_x3.log", "UDP", "srsrsr", "SIP/2.0 301 Moved Permanently\r\n" },
	/* RFC 3261 §17.1.2.2 Timer E: retransmissions, no answer */
	{ "udp4_silent_retrans.log", "UDP", "sss", NULL },
	{ "udp4_hostile_405.log", "UDP", "sr", "SIP/2.0 405 Not Allowed ]]> <evil/>" },
};

START_TEST(test_captured)
{
	const struct vec *v = &vecs[_i];
	struct siplog *log = load_ok(v->file);
	bool seen_rx = false;

	ck_assert_msg(log->nframes == strlen(v->dirs), "%s: %zu frames",
		      v->file, log->nframes);
	assert_well_framed(log);
	/* Every byte of a real log is placed. */
	ck_assert_msg(log->fault == SIPLOG_INTACT, "%s: %s", v->file, log->why);
	ck_assert(!log->capped);
	for (size_t i = 0; i < log->nframes; i++) {
		const struct siplog_frame *f = &log->frames[i];

		ck_assert_int_eq(f->dir, v->dirs[i] == 's' ? SIPLOG_SENT : SIPLOG_RECEIVED);
		ck_assert(pl_eq_str(f->transport, v->transport));
		/* Header part ends with an empty line; a body may follow. */
		ck_assert(contains(f->raw, "\r\n\r\n"));
		ck_assert(!starts(f->raw, "\n") && !starts(f->raw, "\r"));
		if (f->dir == SIPLOG_RECEIVED && !seen_rx) {
			seen_rx = true;
			ck_assert_msg(starts(f->raw, v->first_rx), "%s", v->file);
		}
		if (f->dir == SIPLOG_SENT)
			ck_assert(contains(f->raw, " SIP/2.0\r\n"));
	}
	ck_assert(seen_rx == (v->first_rx != NULL));
	siplog_free(log);
}
END_TEST

/* The framing is byte-exact: the body of the INVITE is all there. */
START_TEST(test_invite_body_exact)
{
	struct siplog *log = load_ok("udp4_invite_301_ack.log");
	struct pl inv = log->frames[0].raw, cl = header(inv, "Content-Length");
	const char *hend = NULL;
	uint32_t n = 0;

	ck_assert(pl_isset(cl));
	ck_assert_int_eq(pl_u32(cl, &n), 0);
	for (size_t i = 0; i + 4 <= inv.l; i++)
		if (memcmp(inv.p + i, "\r\n\r\n", 4) == 0) {
			hend = inv.p + i + 4;
			break;
		}
	ck_assert_ptr_nonnull(hend);
	ck_assert_uint_eq((size_t)(inv.p + inv.l - hend), n);
	ck_assert(ends(inv, "a=inactive\r\n"));
	siplog_free(log);
}
END_TEST

/*
 * RFC 3261 §17.1.1.3 on what uac_invite.xml really sent: the ACK has the
 * INVITE's Request-URI, top Via (branch included), From, Call-ID and
 * CSeq number, and the To of the response (with its tag).
 */
START_TEST(test_ack_17_1_1_3)
{
	static const char *const files[] = {
		"udp4_invite_301_ack.log", "tcp6_invite_501_ack.log"
	};

	for (size_t k = 0; k < NELEM(files); k++) {
		struct siplog *log = load_ok(files[k]);
		struct pl inv = log->frames[0].raw, rsp = log->frames[1].raw;
		struct pl ack = log->frames[2].raw;
		struct pl to;

		ck_assert(starts(inv, "INVITE sip:bob@example.com SIP/2.0\r\n"));
		ck_assert(starts(ack, "ACK sip:bob@example.com SIP/2.0\r\n"));
		ck_assert(pl_eq(header(inv, "Via"), header(ack, "Via")));
		ck_assert(contains(header(ack, "Via"), ";branch=z9hG4bK"));
		ck_assert(pl_eq(header(inv, "From"), header(ack, "From")));
		ck_assert(pl_eq(header(inv, "Call-ID"), header(ack, "Call-ID")));
		ck_assert(pl_eq_str(header(inv, "CSeq"), "1 INVITE"));
		ck_assert(pl_eq_str(header(ack, "CSeq"), "1 ACK"));
		to = header(ack, "To");
		ck_assert(pl_eq(to, header(rsp, "To")));
		ck_assert(contains(to, ";tag="));
		siplog_free(log);
	}
}
END_TEST

/* -m 3: three transactions, each with its own Call-ID and branch. */
START_TEST(test_three_calls_fresh)
{
	struct siplog *log = load_ok("udp4_options_301_x3.log");
	struct pl cid[3], via[3];

	for (size_t i = 0; i < 3; i++) {
		cid[i] = header(log->frames[2 * i].raw, "Call-ID");
		via[i] = header(log->frames[2 * i].raw, "Via");
		ck_assert(pl_eq(cid[i], header(log->frames[2 * i + 1].raw, "Call-ID")));
	}
	ck_assert(!pl_eq(cid[0], cid[1]) && !pl_eq(cid[1], cid[2]) && !pl_eq(cid[0], cid[2]));
	ck_assert(!pl_eq(via[0], via[1]) && !pl_eq(via[1], via[2]));
	siplog_free(log);
}
END_TEST

/* Retransmissions are frames of their own, byte-identical. */
START_TEST(test_retransmissions)
{
	struct siplog *log = load_ok("udp4_silent_retrans.log");

	ck_assert(pl_eq(log->frames[0].raw, log->frames[1].raw));
	ck_assert(pl_eq(log->frames[1].raw, log->frames[2].raw));
	siplog_free(log);
}
END_TEST

START_TEST(test_hostile_bytes_kept)
{
	struct siplog *log = load_ok("udp4_hostile_405.log");
	struct pl rx = log->frames[1].raw;

	ck_assert(contains(rx, "]]>"));
	ck_assert(contains(rx, "<evil/>"));
	ck_assert(contains(rx, "\r\nok 1 - forged\r\n"));
	ck_assert(contains(rx, "\xff\xfe"));
	ck_assert(contains(rx, "\x1b]0;pwned\x07"));
	ck_assert(ends(rx, "Content-Length: 0\r\n\r\n"));
	siplog_free(log);
}
END_TEST

/*
 * SIPp's other TRACE_MSG blocks are never frames: a control message is
 * taken at its count, the copies SIPp writes of a received message
 * ("Unexpected ...", "Dead call ...") must equal it and are skipped.
 */
START_TEST(test_other_blocks_skipped)
{
	const char *s =
		SEP " 2026-11-25 08:25:12.070121\n"
		"UDP message sent (21 bytes):\n\n"
		"OPTIONS x SIP/2.0\r\n\r\n\n"
		SEP " 2026-11-25 08:25:12.070121\n"
		"TCP control message received [5] bytes :\n\nhello\n"
		SEP " 2026-11-25 08:25:12.070331\n"
		"UDP message received [20] bytes :\n\n"
		"SIP/2.0 486 Busy\r\n\r\n\n"
		SEP "\n"
		"Unexpected UDP message received:\n\n"
		"SIP/2.0 486 Busy\r\n\r\n\n"
		SEP "\n"
		"Dead call 1-2@127.0.0.1 received a UDP message:\n\n"
		"SIP/2.0 486 Busy\r\n\r\n\n";
	struct siplog *log = parse_str(s, 0);

	ck_assert_uint_eq(log->nframes, 2);
	ck_assert_int_eq(log->frames[0].dir, SIPLOG_SENT);
	ck_assert(pl_eq_str(log->frames[0].raw, "OPTIONS x SIP/2.0\r\n\r\n"));
	ck_assert_int_eq(log->frames[1].dir, SIPLOG_RECEIVED);
	ck_assert(pl_eq_str(log->frames[1].raw, "SIP/2.0 486 Busy\r\n\r\n"));
	ck_assert_int_eq(log->fault, SIPLOG_INTACT);
	ck_assert_uint_eq(log->fault_at, log->len);
	ck_assert_str_eq(log->why, "");
	siplog_free(log);
}
END_TEST

/* A separator inside a message body does not split it: sizes rule. */
START_TEST(test_separator_in_body)
{
	const char *body =
		"SIP/2.0 200 OK\r\nContent-Length: 63\r\n\r\n"
		"\n" SEP " x\nnot a head, so no log entry\n";
	char s[1024];
	struct siplog *log;

	snprintf(s, sizeof(s), SEP " t\nUDP message received [%zu] bytes :\n\n%s\n",
		 strlen(body), body);
	log = parse_str(s, 0);
	ck_assert_uint_eq(log->nframes, 1);
	ck_assert(pl_eq_str(log->frames[0].raw, body));
	ck_assert_int_eq(log->fault, SIPLOG_INTACT);
	siplog_free(log);
}
END_TEST

/*
 * A separator and a head inside a message body: the count frames it
 * exactly, but with a NUL byte the same text could be the log's own
 * entries swallowed into the message, so the log has a fault there and
 * the message is no frame (check_siplog_trust.c builds the swallow).
 */
START_TEST(test_separator_and_head_in_body)
{
	const char *body =
		"SIP/2.0 200 OK\r\nContent-Length: 68\r\n\r\n"
		"\n" SEP " x\nUDP message sent (3 bytes):\n\nabc\n";
	char s[1024];
	struct siplog *log;

	snprintf(s, sizeof(s), SEP " t\nUDP message received [%zu] bytes :\n\n%s\n",
		 strlen(body), body);
	log = parse_str(s, 0);
	ck_assert_uint_eq(log->nframes, 0);
	ck_assert_int_eq(log->fault, SIPLOG_MIMIC);
	ck_assert_uint_eq(log->fault_at, 0);
	ck_assert_msg(strstr(log->why, "the SUT sent text shaped like SIPp's own log "
			     "(received message #1, UDP, byte 39:") != NULL, "%s", log->why);
	siplog_free(log);
}
END_TEST

/*
 * SIPp prints the message with "%s": a NUL inside cuts it while the count
 * says the full size.  Nothing from there on is a frame: not the cut
 * message, and not what follows it (it could be the message's own text).
 */
START_TEST(test_nul_cut_message)
{
	const char *s =
		SEP " t\nUDP message received [300] bytes :\n\n"
		"SIP/2.0 405 Not Allowed\r\nX: a\n"
		SEP " t\nUDP message sent (9 bytes):\n\nACK x y\r\n\n";
	struct siplog *log = parse_str(s, 0);

	ck_assert_uint_eq(log->nframes, 0);
	ck_assert_int_eq(log->fault, SIPLOG_SHORT);
	ck_assert_uint_eq(log->fault_at, 0);
	ck_assert_str_eq(log->why, "the SUT sent bytes SIPp could not log faithfully (received "
			 "message #1, UDP: SIPp counted 300 bytes but its log holds 29 before "
			 "the next entry, as when a NUL byte cuts a message short)");
	siplog_free(log);
}
END_TEST

/* ---- Limits -------------------------------------------------------------- */

START_TEST(test_empty_and_missing)
{
	struct siplog *log = parse_str("", 0);

	ck_assert_uint_eq(log->nframes, 0);
	siplog_free(log);
	log = NULL;
	ck_assert_int_eq(siplog_load(&log, "/nonexistent/dir/messages.log"), 0);
	ck_assert_uint_eq(log->nframes, 0);
	siplog_free(log);
	ck_assert_ptr_null(siplog_free(NULL));
	ck_assert_int_eq(siplog_parse(NULL, NULL, 0), EINVAL);
}
END_TEST

START_TEST(test_garbage_is_ebadmsg)
{
	struct siplog *log = NULL;

	parse_str("this is not a SIPp log\n", EBADMSG);
	parse_str("--------------------------------------------------- long\n", EBADMSG);
	ck_assert_int_eq(siplog_load(&log, "/"), EINVAL);  /* a directory */
	ck_assert_ptr_null(log);
}
END_TEST

START_TEST(test_bad_heads)
{
	static const char *const logs[] = {
		SEP,                                                  /* no LF */
		SEP "\n",                                             /* no head */
		SEP "\nUDP message sent (12 bytes):",                 /* no LF */
		SEP "\nUDP message sent (99999999999999999999999 bytes):\n\nx\n",
		SEP "\nUDP message sent (-1 bytes):\n\nx\n",
		SEP "\nUDP message sent ( bytes):\n\nx\n",
		SEP "\nUDP message received [5] bytes:\n\nabcde\n",   /* no SP */
		SEP "\nudp message sent (1 bytes):\n\nx\n",
		SEP "\nUDPUDPUDPUDP message sent (1 bytes):\n\nx\n",
		SEP "\nUDP message sent (1 bytes):\nx\n",             /* no blank */
		SEP "\nUDP message sent (1 bytes):\n\n",              /* no body */
	};

	for (size_t i = 0; i < NELEM(logs); i++) {
		struct siplog *log = parse_str(logs[i], 0);

		ck_assert_uint_le(log->nframes, 1);
		for (size_t j = 0; j < log->nframes; j++)
			ck_assert_uint_le((size_t)(log->frames[j].raw.p - log->buf) +
					  log->frames[j].raw.l, log->len);
		siplog_free(log);
	}
}
END_TEST

static char *slurp(const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	fixture_path(path, sizeof(path), name);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	ck_assert_int_gt(n, 0);
	buf = malloc((size_t)n);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void assert_in_bounds(const struct siplog *log)
{
	for (size_t j = 0; j < log->nframes; j++) {
		const struct siplog_frame *f = &log->frames[j];

		ck_assert(f->raw.p >= log->buf);
		ck_assert_uint_le((size_t)(f->raw.p - log->buf) + f->raw.l, log->len);
		ck_assert(f->transport.p >= log->buf);
		ck_assert_uint_le((size_t)(f->transport.p - log->buf) + f->transport.l,
				  log->len);
	}
}

/* Every prefix of a real log (SIPp killed mid-write) parses safely. */
START_TEST(test_truncated_everywhere)
{
	size_t len, full;
	char *all = slurp("udp4_invite_180_200_bye.log", &len);
	struct siplog *ref = NULL;

	{
		char *copy = malloc(len);

		ck_assert_ptr_nonnull(copy);
		memcpy(copy, all, len);
		ck_assert_int_eq(siplog_parse(&ref, copy, len), 0);
		full = ref->nframes;
		ref = siplog_free(ref);
	}
	for (size_t cut = 0; cut <= len; cut++) {
		char *b = malloc(cut ? cut : 1);
		struct siplog *log = NULL;
		int err;

		ck_assert_ptr_nonnull(b);
		memcpy(b, all, cut);
		err = siplog_parse(&log, b, cut);
		ck_assert(err == 0 || err == EBADMSG);
		if (err == 0) {
			ck_assert_uint_le(log->nframes, full);
			assert_in_bounds(log);
			siplog_free(log);
		}
	}
	free(all);
}
END_TEST

/* Deterministic garbling: flipped bytes, dropped LFs, NULs. */
START_TEST(test_garbled)
{
	size_t len;
	char *all = slurp("udp4_options_301_x3.log", &len);
	unsigned long seed = 12345;

	for (int round = 0; round < 2000; round++) {
		char *b = malloc(len);
		struct siplog *log = NULL;
		int err;

		ck_assert_ptr_nonnull(b);
		memcpy(b, all, len);
		for (int k = 0; k < 1 + round % 8; k++) {
			size_t at;

			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			at = (size_t)(seed >> 33) % len;
			switch ((seed >> 20) % 4) {
			case 0: b[at] = (char)(seed >> 8); break;
			case 1: b[at] = '\0'; break;
			case 2: b[at] = '\n'; break;
			default: b[at] = (char)('0' + (seed >> 12) % 10); break;
			}
		}
		err = siplog_parse(&log, b, len);
		ck_assert(err == 0 || err == EBADMSG);
		if (err == 0) {
			assert_in_bounds(log);
			siplog_free(log);
		}
	}
	free(all);
}
END_TEST

/* Over 64 MiB: E2BIG without reading it (sparse file). */
START_TEST(test_too_big)
{
	char path[] = "/tmp/check_siplog.XXXXXX";
	struct siplog *log = NULL;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, 65L * 1024 * 1024), 0);
	close(fd);
	ck_assert_int_eq(siplog_load(&log, path), E2BIG);
	ck_assert_ptr_null(log);
	unlink(path);
}
END_TEST

static Suite *siplog_suite(void)
{
	Suite *s = suite_create("siplog");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_loop_test(core, test_captured, 0, (int)NELEM(vecs));
	tcase_add_test(core, test_invite_body_exact);
	tcase_add_test(core, test_ack_17_1_1_3);
	tcase_add_test(core, test_three_calls_fresh);
	tcase_add_test(core, test_retransmissions);
	tcase_add_test(core, test_hostile_bytes_kept);
	tcase_add_test(core, test_other_blocks_skipped);
	tcase_add_test(core, test_separator_in_body);
	tcase_add_test(core, test_separator_and_head_in_body);
	tcase_add_test(core, test_nul_cut_message);
	suite_add_tcase(s, core);

	tcase_add_test(lim, test_empty_and_missing);
	tcase_add_test(lim, test_garbage_is_ebadmsg);
	tcase_add_test(lim, test_bad_heads);
	tcase_add_test(lim, test_truncated_everywhere);
	tcase_add_test(lim, test_garbled);
	tcase_add_test(lim, test_too_big);
	tcase_set_timeout(lim, 60);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_siplog", siplog_suite, NULL, NULL };
