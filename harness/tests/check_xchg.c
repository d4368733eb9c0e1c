/*
 * check_xchg.c - judge/xchg.c: a SIPp run's log parsed and grouped into
 * exchanges, built from the logs captured from SIPp 3.6.1 in
 * fixtures/siplog/ (some edited in memory: a retransmitted final, a
 * wrong Call-ID, a wrong CSeq method, later finals that differ), the
 * forged-frame log, and the caps on what a test keeps.
 */
#include "tmain.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge/xchg.h"
#include "sip/value.h"
#include "tdir.h"

#define SEP "-----------------------------------------------"

/* The bytes of fixtures/siplog/<name> (malloc'ed, NUL-terminated). */
static char *fixture(const char *name, size_t *np)
{
	char rel[200], path[600];

	snprintf(rel, sizeof(rel), "fixtures/siplog/%s", name);
	return tdir_slurp(tmain_src(path, sizeof(path), rel), np);
}

/* Replace the k-th (from 0) occurrence of from by to (same length). */
static void edit(char *buf, const char *from, const char *to, int k)
{
	char *p = buf;

	ck_assert_uint_eq(strlen(from), strlen(to));
	while ((p = strstr(p, from)) && k-- > 0)
		p += strlen(from);
	ck_assert_msg(p != NULL, "'%s' not in the log", from);
	memcpy(p, to, strlen(to));
}

/* A capture of buf (ownership taken). */
static void capture(struct xchg_capture *c, char *buf, size_t n)
{
	struct siplog *log = NULL;

	ck_assert_int_eq(siplog_parse(&log, buf, n), 0);
	ck_assert_int_eq(xchg_capture_parse(c, log), 0);
}

static void capture_fixture(struct xchg_capture *c, const char *name)
{
	size_t n;
	char *buf = fixture(name, &n);

	capture(c, buf, n);
}

/*
 * xchg_judge_finals on x: FINAL-CONSISTENT with reason fc (passing unless
 * x has a conflict), then RETRANSMIT-SAME with reason rs (NULL: not
 * judged) passing if rs_ok.
 */
static void judge_finals(const struct xchg *x, const char *fc, const char *rs, bool rs_ok)
{
	struct check_result *res = NULL;
	size_t n = 0;

	ck_assert_int_eq(xchg_judge_finals(&res, &n, x), 0);
	ck_assert_uint_eq(n, rs ? 2 : 1);
	ck_assert_str_eq(res[0].rule->id, "RFC3261-17.1-FINAL-CONSISTENT");
	ck_assert_int_eq(res[0].outcome, x->conflict ? CHECK_FAIL : CHECK_PASS);
	ck_assert_str_eq(res[0].reason, fc);
	ck_assert(res[0].msg.l > 0 && res[0].evidence.l > 0);
	if (rs) {
		ck_assert_str_eq(res[1].rule->id, "RFC3261-17.2.2-RETRANSMIT-SAME");
		ck_assert_int_eq(res[1].outcome, rs_ok ? CHECK_PASS : CHECK_FAIL);
		ck_assert_str_eq(res[1].reason, rs);
	}
	free(res);
}

START_TEST(test_three_calls)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 99, i;
	char why[200];

	capture_fixture(&c, "udp4_options_301_x3.log");
	ck_assert_uint_eq(c.log->nframes, 6);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "OPTIONS"), 0);
	ck_assert_uint_eq(n, 3);
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(x[i].req_frame, 2 * i);
		ck_assert_ptr_eq(x[i].req, c.msg[2 * i]);
		ck_assert_ptr_eq(x[i].final, c.msg[2 * i + 1]);
		ck_assert_uint_eq(x[i].final->scode, 301);
		ck_assert_uint_eq(x[i].nprov, 0);
		ck_assert_uint_eq(x[i].nfinal, 1);
		ck_assert_str_eq(x[i].bad, "");
		ck_assert_ptr_eq(xchg_final(&x[i], SIPP_EXIT_OK, 5, why, sizeof(why)), x[i].final);
	}
	free(x);
	/* Another method: no exchange at all. */
	ck_assert_int_eq(xchg_build(&x, &n, &c, "INVITE"), 0);
	ck_assert_uint_eq(n, 0);
	free(x);
	xchg_capture_free(&c);
	ck_assert_ptr_null(c.log);
	ck_assert_ptr_null(c.msg);
}
END_TEST

/*
 * Digest auth (issue 10): a request retried with credentials after a
 * 401 (CSeq + 1, same Call-ID) continues the exchange: the retry's final
 * is judged, the challenge kept apart.  Logs of SIPp 3.6.1 against
 * fixtures/kamailio/auth.cfg driven by sipconform.
 */
START_TEST(test_auth_retry)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	struct sipcseq cs;
	size_t n = 99, i, sz;
	char *buf;

	/* Two calls, each 401 then (right password) 301. */
	capture_fixture(&c, "udp4_options_401_retry_301_x2.log");
	ck_assert_uint_eq(c.log->nframes, 8);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "OPTIONS"), 0);
	ck_assert_uint_eq(n, 2);
	for (i = 0; i < 2; i++) {
		ck_assert_ptr_eq(x[i].challenge, c.msg[4 * i + 1]);
		ck_assert_uint_eq(x[i].challenge->scode, 401);
		ck_assert_uint_eq(x[i].req_frame, 4 * i + 2);
		ck_assert_ptr_eq(x[i].req, c.msg[4 * i + 2]);
		ck_assert_int_eq(sipmsg_cseq(x[i].req, &cs, NULL), 0);
		ck_assert_uint_eq(cs.num, 2);
		ck_assert_ptr_eq(x[i].final, c.msg[4 * i + 3]);
		ck_assert_uint_eq(x[i].final->scode, 301);
		ck_assert_uint_eq(x[i].nfinal, 1);
		ck_assert_ptr_null(x[i].conflict);
	}
	free(x);
	xchg_capture_free(&c);

	/* INVITE, wrong password: 401, ACK, retry, 401 again, ACK. */
	capture_fixture(&c, "udp4_invite_401_retry_401.log");
	ck_assert_int_eq(xchg_build(&x, &n, &c, "INVITE"), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_eq(x[0].challenge, c.msg[1]);
	ck_assert_ptr_eq(x[0].req, c.msg[3]);
	ck_assert_ptr_eq(x[0].final, c.msg[4]);
	ck_assert_uint_eq(x[0].final->scode, 401);
	free(x);
	xchg_capture_free(&c);

	/* The second 401 made a retransmission of the first (CSeq 1): it is
	 * the challenge's, never the retry's final; a retry is not retried. */
	buf = fixture("udp4_invite_401_retry_401.log", &sz);
	edit(buf, "CSeq: 2 INVITE", "CSeq: 1 INVITE", 1);
	capture(&c, buf, sz);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "INVITE"), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_eq(x[0].challenge, c.msg[1]);
	ck_assert_ptr_eq(x[0].req, c.msg[3]);
	ck_assert_ptr_null(x[0].final);
	ck_assert_uint_eq(x[0].nfinal, 0);
	free(x);
	xchg_capture_free(&c);

	/* Without the challenge (the first final a 301) CSeq 2 is a new exchange. */
	buf = fixture("udp4_invite_401_retry_401.log", &sz);
	edit(buf, "SIP/2.0 401 Unauthorized", "SIP/2.0 301 Unauthorized", 0);
	capture(&c, buf, sz);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "INVITE"), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_null(x[0].challenge);
	ck_assert_ptr_null(x[1].challenge);
	ck_assert_uint_eq(x[0].final->scode, 301);
	ck_assert_uint_eq(x[1].final->scode, 401);
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/* A request SIPp retransmitted is one exchange; no answer: why says so. */
START_TEST(test_retransmitted_request)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 0;
	char why[200];

	capture_fixture(&c, "udp4_silent_retrans.log");
	ck_assert_uint_eq(c.log->nframes, 3);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "OPTIONS"), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(x[0].req_frame, 0);
	ck_assert_ptr_null(x[0].final);
	ck_assert_uint_eq(x[0].nfinal, 0);
	ck_assert_ptr_null(xchg_final(&x[0], SIPP_EXIT_CALLS_FAILED, 3, why, sizeof(why)));
	ck_assert_str_eq(why, "no final response within 3 s (SIPp calls failed)");
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/* A final response the SUT retransmitted is counted; the first is judged. */
START_TEST(test_retransmitted_final)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 0, len;
	char *buf = fixture("udp4_message_405.log", &len), *second, *all;

	/* Append the received block once more. */
	second = strstr(strstr(buf, SEP) + 1, "\n" SEP) + 1;
	all = malloc(len + (size_t)(buf + len - second));
	ck_assert_ptr_nonnull(all);
	memcpy(all, buf, len);
	memcpy(all + len, second, (size_t)(buf + len - second));
	len += (size_t)(buf + len - second);
	free(buf);
	capture(&c, all, len);
	ck_assert_uint_eq(c.log->nframes, 3);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "MESSAGE"), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_eq(x[0].final, c.msg[1]);
	ck_assert_uint_eq(x[0].final->scode, 405);
	ck_assert_uint_eq(x[0].nfinal, 2);
	ck_assert_uint_eq(x[0].nprov, 0);
	/* The same final again: a retransmission, RFC 3261 §17.2.2. */
	ck_assert_uint_eq(x[0].nretrans, 1);
	ck_assert_ptr_null(x[0].conflict);
	ck_assert_ptr_null(x[0].retag);
	judge_finals(&x[0], "2 final responses, each the first one again (405)",
		     "the final response came 1 more time, with its To tag", true);
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/* Provisional then final; the ACK and the BYE and its 200 are not the INVITE's. */
START_TEST(test_provisional_final)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 0;

	capture_fixture(&c, "udp4_invite_180_200_bye.log");
	ck_assert_uint_eq(c.log->nframes, 6);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "INVITE"), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(x[0].nprov, 1);
	ck_assert_ptr_eq(x[0].final, c.msg[2]);
	ck_assert_uint_eq(x[0].final->scode, 200);
	ck_assert_uint_eq(x[0].nfinal, 1);
	free(x);
	/* The BYE is an exchange of its own, with its own 200. */
	ck_assert_int_eq(xchg_build(&x, &n, &c, "BYE"), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(x[0].req_frame, 4);
	ck_assert_ptr_eq(x[0].final, c.msg[5]);
	ck_assert_uint_eq(x[0].nprov, 0);
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/* A received frame that does not parse: kept, and said in the exchange. */
START_TEST(test_unparsable)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 0;
	char why[400];

	capture_fixture(&c, "udp4_hostile_405.log");
	ck_assert_uint_eq(c.log->nframes, 2);
	ck_assert_ptr_nonnull(c.msg[0]);
	ck_assert_ptr_null(c.msg[1]);
	ck_assert_str_eq(c.perr[0], "");
	ck_assert_uint_gt(strlen(c.perr[1]), 0);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "MESSAGE"), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_null(x[0].final);
	ck_assert_int_eq(strncmp(x[0].bad, "unparsable response (received frame 2): ", 40), 0);
	ck_assert_str_eq(x[0].bad + 40, c.perr[1]);
	ck_assert_ptr_null(xchg_final(&x[0], SIPP_EXIT_OK, 5, why, sizeof(why)));
	ck_assert_str_eq(why, x[0].bad);
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/* The exchanges of fixture name with the k-th `from` replaced by `to`. */
static void build_edited(struct xchg_capture *c, struct xchg **xp, size_t *np,
			 const char *name, const char *from, const char *to, int k,
			 const char *method)
{
	size_t len;
	char *buf = fixture(name, &len);

	edit(buf, from, to, k);
	capture(c, buf, len);
	ck_assert_int_eq(xchg_build(xp, np, c, method), 0);
}

/*
 * A wrong Call-ID: with one exchange the response is still attached (so
 * the Call-ID check judges it); with several it belongs to none.
 */
START_TEST(test_wrong_callid)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 0;

	build_edited(&c, &x, &n, "udp4_message_405.log", "Call-ID: 1-28444@127.0.0.1",
		     "Call-ID: 9-99999@127.0.0.1", 1, "MESSAGE");
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_eq(x[0].final, c.msg[1]);
	free(x);
	xchg_capture_free(&c);

	build_edited(&c, &x, &n, "udp4_options_301_x3.log", "Call-ID: 2-28506@127.0.0.1",
		     "Call-ID: 7-77777@127.0.0.1", 1, "OPTIONS");
	ck_assert_uint_eq(n, 3);
	ck_assert_ptr_nonnull(x[0].final);
	ck_assert_ptr_null(x[1].final);                 /* its answer went astray */
	ck_assert_ptr_nonnull(x[2].final);
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/* A response for another method is not this request's, even alone. */
START_TEST(test_wrong_cseq_method)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 0;

	build_edited(&c, &x, &n, "udp4_message_405.log", "CSeq: 1 MESSAGE", "CSeq: 1 OPTIONS", 1,
		     "MESSAGE");
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_null(x[0].final);
	ck_assert_uint_eq(x[0].nfinal, 0);
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/* A request from the SUT is shown in the evidence only. */
START_TEST(test_sut_request)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 0;

	build_edited(&c, &x, &n, "udp4_message_405.log", "SIP/2.0 405 Method Not Allowed",
		     "NOTIFY sip:a@b.example SIP/2.0", 0, "MESSAGE");
	ck_assert_ptr_nonnull(c.msg[1]);
	ck_assert(c.msg[1]->is_request);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_null(x[0].final);
	ck_assert_uint_eq(x[0].nprov + x[0].nfinal, 0);
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/*
 * The bytes of fixture name followed by another received block: its
 * received message again with from replaced by to (same length).
 */
static void capture_later_final(struct xchg_capture *c, const char *name, int rx,
				const char *from, const char *to)
{
	size_t len, l;
	char *buf = fixture(name, &len), *msg, *all;
	struct xchg_capture first;
	struct pl m;

	capture_fixture(&first, name);
	m = first.log->frames[rx].raw;
	ck_assert_int_eq(first.log->frames[rx].dir, SIPLOG_RECEIVED);
	msg = pl_strdup(m);
	ck_assert_ptr_nonnull(msg);
	if (from)
		edit(msg, from, to, 0);
	all = malloc(len + m.l + 200);
	ck_assert_ptr_nonnull(all);
	memcpy(all, buf, len);
	l = len + (size_t)sprintf(all + len, SEP " 2026-11-25 08:32:55.400000\n"
				  "UDP message received [%zu] bytes :\n\n%s\n", m.l, msg);
	free(buf);
	free(msg);
	xchg_capture_free(&first);
	capture(c, all, l);
}

/* The exchanges of capture_later_final(...): exactly one, for method. */
static struct xchg *later_final(struct xchg_capture *c, const char *name, int rx,
				const char *from, const char *to, const char *method)
{
	struct xchg *x = NULL;
	size_t n = 0;

	capture_later_final(c, name, rx, from, to);
	ck_assert_int_eq(xchg_build(&x, &n, c, method), 0);
	ck_assert_uint_eq(n, 1);
	return x;
}

/* RFC 3261 §17.2.2: after a final response, another final is a fault. */
static const struct {
	const char *file, *from, *to, *method, *what;
} conflicts[] = {
	{ "udp6_options_301.log", "301 Moved Permanently", "302 Moved Temporarily", "OPTIONS",
	  "status 302, the first was 301" },
	{ "udp6_options_301.log", "alice@new", "carol@new", "OPTIONS",
	  "Contact {sip:carol@new.example.com}, the first had {sip:alice@new.example.com}" },
	{ "udp4_message_405.log", "Allow: BYE, OPTIONS", "Allow: BYE, MESSAGE", "MESSAGE",
	  "Allow {INVITE, ACK, CANCEL, BYE, MESSAGE}, the first had {INVITE, ACK, CANCEL, BYE, "
	  "OPTIONS}" },
};

START_TEST(test_finals_conflict)
{
	struct xchg_capture c;
	struct xchg *x = later_final(&c, conflicts[_i].file, 1, conflicts[_i].from,
				     conflicts[_i].to, conflicts[_i].method);
	char reason[320];

	ck_assert_uint_eq(x[0].nfinal, 2);
	ck_assert_ptr_eq(x[0].conflict, c.msg[2]);
	ck_assert_uint_eq(x[0].conflict_nth, 2);
	ck_assert_str_eq(x[0].conflict_what, conflicts[_i].what);
	snprintf(reason, sizeof(reason), "final response #2 of 2 is not the first one again: %s",
		 conflicts[_i].what);
	judge_finals(&x[0], reason, NULL, false);
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/* The same final with another To tag: RETRANSMIT-SAME fails, FINAL-CONSISTENT holds. */
START_TEST(test_finals_retag)
{
	struct xchg_capture c;
	struct xchg *x = later_final(&c, "udp4_message_405.log", 1, "tag=28436sut1",
				     "tag=99999sut1", "MESSAGE");

	ck_assert_ptr_null(x[0].conflict);
	ck_assert_ptr_eq(x[0].retag, c.msg[2]);
	ck_assert_uint_eq(x[0].retag_nth, 2);
	ck_assert_uint_eq(x[0].nretrans, 0);
	judge_finals(&x[0], "2 final responses, each the first one again (405)",
		     "final response #2 repeats the first (405) with To tag '99999sut1', "
		     "the first had '28436sut1'", false);
	free(x);
	xchg_capture_free(&c);
}
END_TEST

/* INVITE: a 2xx with another To tag is another dialog (a fork), not compared. */
START_TEST(test_finals_fork)
{
	struct xchg_capture c;
	struct xchg *x = later_final(&c, "udp4_invite_180_200_bye.log", 2, "tag=28533SIPpTag011",
				     "tag=77777SIPpTag022", "INVITE");
	size_t n = 0;

	ck_assert_uint_eq(x[0].nfinal, 2);
	ck_assert_uint_eq(x[0].nforks, 1);
	ck_assert_ptr_null(x[0].conflict);
	ck_assert_ptr_null(x[0].retag);
	judge_finals(&x[0], "2 final responses, each the first one again (200); 1 2xx from "
		     "other dialogs (another To tag) not compared", NULL, false);
	free(x);
	/* No final response: nothing to judge. */
	ck_assert_int_eq(xchg_judge_finals(&(struct check_result *){ NULL }, &n, NULL), EINVAL);
	xchg_capture_free(&c);
}
END_TEST

/* The forged frame: nothing after the fault, and the capture says why. */
START_TEST(test_untrusted)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 0;
	char why[900], path[600];
	const char *w = NULL;

	ck_assert_int_eq(xchg_capture_load(&c, tmain_src(path, sizeof(path),
					   "fixtures/siplog/udp4_forged_nul_200.log"), &w), 0);
	ck_assert(!xchg_capture_trusted(&c, why, sizeof(why)));
	ck_assert_msg(strncmp(why, "the SUT sent bytes SIPp could not log faithfully (", 50) == 0,
		      "%s", why);
	ck_assert_msg(strstr(why, "): the verdict cannot be trusted") != NULL, "%s", why);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "MESSAGE"), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_null(x[0].final);
	ck_assert_ptr_null(xchg_final(&x[0], SIPP_EXIT_OK, 3, why, sizeof(why)));
	ck_assert_str_eq(why, "no final response before the fault in SIPp's message log");
	free(x);
	xchg_capture_free(&c);
	/* An intact capture can pass. */
	capture_fixture(&c, "udp4_message_405.log");
	ck_assert(xchg_capture_trusted(&c, why, sizeof(why)));
	ck_assert_str_eq(why, "");
	xchg_capture_free(&c);
}
END_TEST

/* A test's budget is spent over its SIPp runs; what is cut is named. */
START_TEST(test_budget)
{
	struct xchg_budget b;
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 0;
	char why[900], path[600];
	const char *w = NULL;

	xchg_budget_init(&b);
	ck_assert_uint_eq(b.msgs, XCHG_KEEP_MSGS);
	ck_assert_uint_eq(b.bytes, XCHG_KEEP_BYTES);
	b.msgs = 3;
	tmain_src(path, sizeof(path), "fixtures/siplog/udp4_options_301_x3.log");
	ck_assert_int_eq(xchg_capture_load_kept(&c, path, &b, &w), 0);
	ck_assert_uint_eq(c.log->nframes, 3);
	ck_assert_uint_eq(b.msgs, 0);
	ck_assert_uint_lt(b.bytes, XCHG_KEEP_BYTES);
	ck_assert(!xchg_capture_trusted(&c, why, sizeof(why)));
	ck_assert_msg(strncmp(why, "the SUT sent 3 final responses in 0.", 36) == 0 &&
		      strstr(why, " s (6 messages, 0.0 MB in SIPp's log), past the 2,000 "
			     "messages and 4 MiB a test keeps: the first 3 of this SIPp run were "
			     "judged, the rest only counted") != NULL, "%s", why);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "OPTIONS"), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_nonnull(x[0].final);
	ck_assert_ptr_null(xchg_final(&x[1], SIPP_EXIT_OK, 3, why, sizeof(why)));
	ck_assert_str_eq(why, "no final response before the cap on the messages a test keeps");
	free(x);
	xchg_capture_free(&c);
	/* Nothing left: the next run of the test keeps nothing. */
	ck_assert_int_eq(xchg_capture_load_kept(&c, path, &b, &w), 0);
	ck_assert_uint_eq(c.log->nframes, 0);
	ck_assert(c.log->capped);
	ck_assert(!xchg_capture_trusted(&c, why, sizeof(why)));
	ck_assert_str_eq(why, "the 2,000 messages and 4 MiB a test keeps were spent before this "
			 "SIPp run: its 6 messages were counted, not judged");
	xchg_capture_free(&c);
}
END_TEST

/* 2,500 provisional responses in 2 s: counted, named, 2,000 kept. */
START_TEST(test_flood_named)
{
	static const char trying[] = "SIP/2.0 100 Trying\r\nCall-ID: 1@h\r\nCSeq: 1 MESSAGE\r\n"
				     "Content-Length: 0\r\n\r\n";
	size_t cap = 2600 * 200, len = 0, i;
	char *buf = malloc(cap), why[900];
	struct siplog_cap keep = { XCHG_KEEP_MSGS, XCHG_KEEP_BYTES };
	struct siplog *log = NULL;
	struct xchg_capture c;

	ck_assert_ptr_nonnull(buf);
	for (i = 0; i < 2500; i++)
		len += (size_t)snprintf(buf + len, cap - len, SEP " 2026-11-25 08:25:%02zu.%06zu\n"
					"UDP message received [%zu] bytes :\n\n%s\n",
					10 + i * 2000 / 2499 / 1000, (i * 2000 / 2499 % 1000) * 1000,
					strlen(trying), trying);
	ck_assert_int_eq(siplog_parse_capped(&log, buf, len, &keep), 0);
	ck_assert_uint_eq(log->nframes, 2000);
	ck_assert_int_eq(xchg_capture_parse(&c, log), 0);
	ck_assert(!xchg_capture_trusted(&c, why, sizeof(why)));
	ck_assert_msg(strncmp(why, "the SUT sent 2,500 provisional responses in 2.0 s (2,500 "
			      "messages, 0.2 MB in SIPp's log), past the 2,000 messages and 4 MiB "
			      "a test keeps: the first 2,000 of this SIPp run were judged", 160) == 0,
		      "%s", why);
	xchg_capture_free(&c);
}
END_TEST

START_TEST(test_load)
{
	struct xchg_capture c;
	struct xchg *x = NULL;
	size_t n = 9;
	char why[200], path[600];
	const char *w = NULL;

	/* SIPp makes its log lazily: no file is an empty log, not an error. */
	ck_assert_int_eq(xchg_capture_load(&c, tdir_path("messages.log"), &w), 0);
	ck_assert_uint_eq(c.log->nframes, 0);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "OPTIONS"), 0);
	ck_assert_uint_eq(n, 0);
	free(x);
	xchg_capture_free(&c);
	/* No exchange: no request went out. */
	ck_assert_ptr_null(xchg_final(NULL, SIPP_EXIT_FATAL, 2, why, sizeof(why)));
	ck_assert_str_eq(why, "no final response within 2 s (SIPp fatal error)");

	ck_assert_int_eq(xchg_capture_load(&c, tmain_src(path, sizeof(path),
					   "fixtures/siplog/tcp6_invite_501_ack.log"), &w), 0);
	ck_assert_uint_eq(c.log->nframes, 3);
	ck_assert_int_eq(xchg_build(&x, &n, &c, "INVITE"), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(x[0].final->scode, 501);
	free(x);
	xchg_capture_free(&c);

	/* Not a SIPp log. */
	tdir_write(tdir_path("junk.log"), "hello\n", 6);
	ck_assert_int_eq(xchg_capture_load(&c, tdir_path("junk.log"), &w), EBADMSG);
	ck_assert_str_eq(w, "cannot read SIPp's message log");
	ck_assert_ptr_null(c.log);
}
END_TEST

static Suite *xchg_suite(void)
{
	Suite *s = suite_create("xchg");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_test(tc, test_three_calls);
	tcase_add_test(tc, test_auth_retry);
	tcase_add_test(tc, test_retransmitted_request);
	tcase_add_test(tc, test_retransmitted_final);
	tcase_add_test(tc, test_provisional_final);
	tcase_add_test(tc, test_unparsable);
	tcase_add_test(tc, test_wrong_callid);
	tcase_add_test(tc, test_wrong_cseq_method);
	tcase_add_test(tc, test_sut_request);
	tcase_add_test(tc, test_load);
	tcase_add_loop_test(tc, test_finals_conflict, 0, (int)NELEM(conflicts));
	tcase_add_test(tc, test_finals_retag);
	tcase_add_test(tc, test_finals_fork);
	tcase_add_test(tc, test_untrusted);
	tcase_add_test(tc, test_budget);
	tcase_add_test(tc, test_flood_named);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_xchg", xchg_suite, NULL, NULL };
