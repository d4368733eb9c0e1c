/*
 * check_evidence.c - report/evidence.c: where a test's evidence goes,
 * the files written there, and the labels the reports show.
 */
#include "tmain.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/evidence.h"
#include "tdir.h"

static int is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void load(struct xchg_capture *c, const char *name)
{
	char rel[200], path[600];
	const char *why = NULL;

	snprintf(rel, sizeof(rel), "fixtures/siplog/%s", name);
	ck_assert_int_eq(xchg_capture_load(c, tmain_src(path, sizeof(path), rel), &why), 0);
}

/* The file dir/name holds exactly the bytes b. */
static void assert_file(const char *dir, const char *name, struct pl b)
{
	char path[1200];
	size_t n;
	char *s;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	s = tdir_slurp(path, &n);
	ck_assert_uint_eq(n, b.l);
	ck_assert_int_eq(memcmp(s, b.p, n), 0);
	free(s);
}

START_TEST(test_default)
{
	char dir[200], re[200];
	regex_t rx;

	evidence_default(dir, sizeof(dir));
	snprintf(re, sizeof(re), "^reports/evidence/20[0-9]{6}T[0-9]{6}Z-%ld$", (long)getpid());
	ck_assert_int_eq(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0);
	ck_assert_msg(regexec(&rx, dir, 0, NULL, 0) == 0, "%s", dir);
	regfree(&rx);
}
END_TEST

START_TEST(test_case_dir)
{
	char d[1400];

	evidence_case_dir(d, sizeof(d), "ev", "kamailio-reference", 7, "moved-methods/INVITE/udp");
	ck_assert_str_eq(d, "ev/kamailio-reference/007-moved-methods_INVITE_udp");
	evidence_case_dir(d, sizeof(d), "/tmp/e", NULL, 1234, "x");
	ck_assert_str_eq(d, "/tmp/e/suite/1234-x");
	/* nothing in a suite name or test id leaves the evidence root */
	evidence_case_dir(d, sizeof(d), "ev", "..", 1, "../../etc");
	ck_assert_str_eq(d, "ev/__/001-.._.._etc");
	evidence_case_dir(d, sizeof(d), "ev", "a/../../b", 2, "\x01\n");
	ck_assert_str_eq(d, "ev/a_.._.._b/002-__");
}
END_TEST

START_TEST(test_run_dir)
{
	char casedir[600], d[1400], want[1400];

	snprintf(casedir, sizeof(casedir), "%s/s/001-t", tdir());
	ck_assert_int_eq(evidence_run_dir(d, sizeof(d), casedir, ""), 0);
	ck_assert_str_eq(d, casedir);
	ck_assert(is_dir(casedir));
	ck_assert_int_eq(evidence_run_dir(d, sizeof(d), casedir, "probe OPTIONS"), 0);
	snprintf(want, sizeof(want), "%s/probe_OPTIONS", casedir);
	ck_assert_str_eq(d, want);
	ck_assert(is_dir(want));
	ck_assert_int_eq(evidence_run_dir(d, sizeof(d), casedir, "follow 1.2"), 0);
	snprintf(want, sizeof(want), "%s/follow_1.2", casedir);
	ck_assert_str_eq(d, want);
	ck_assert(is_dir(want));
	/* a file in the way: the error comes back */
	tdir_write(tdir_path("file"), "x", 1);
	ck_assert_int_ne(evidence_run_dir(d, sizeof(d), tdir_path("file"), "probe X"), 0);

	tdir_write(tdir_path("uac.xml"), "<scenario/>\n", 12);
	ck_assert_int_eq(evidence_scenario(casedir, tdir_path("uac.xml")), 0);
	assert_file(casedir, "scenario.xml", PL("<scenario/>\n"));
}
END_TEST

START_TEST(test_messages)
{
	struct xchg_capture c1, c2;
	struct evidence_run runs[3];
	struct evidence_msgs em;
	char casedir[600], d1[600], d2[600];

	load(&c1, "udp4_invite_301_ack.log");
	load(&c2, "udp4_hostile_405.log");
	snprintf(casedir, sizeof(casedir), "%s/case", tdir());
	ck_assert_int_eq(evidence_run_dir(d1, sizeof(d1), casedir, ""), 0);
	ck_assert_int_eq(evidence_run_dir(d2, sizeof(d2), casedir, "probe OPTIONS"), 0);
	runs[0] = (struct evidence_run){ "", d1, &c1 };
	runs[1] = (struct evidence_run){ "follow 1.1", d1, NULL };      /* SIPp did not run */
	runs[2] = (struct evidence_run){ "probe OPTIONS", d2, &c2 };
	ck_assert_int_eq(evidence_messages(&em, runs, 3), 0);
	ck_assert_uint_eq(em.n, 5);
	ck_assert_str_eq(em.msgs[0].label, "sent #1 (INVITE, UDP)");
	ck_assert_str_eq(em.msgs[1].label, "received #1 (301, UDP)");
	ck_assert_str_eq(em.msgs[2].label, "sent #2 (ACK, UDP)");
	ck_assert_str_eq(em.msgs[3].label, "probe OPTIONS: sent #3 (MESSAGE, UDP)");
	ck_assert_str_eq(em.msgs[4].label, "probe OPTIONS: received #2 (unparsable, UDP)");
	/* bytes borrowed from the captures, and written one file per frame */
	ck_assert_ptr_eq(em.msgs[1].bytes.p, c1.log->frames[1].raw.p);
	ck_assert_uint_eq(em.msgs[4].bytes.l, c2.log->frames[1].raw.l);
	assert_file(d1, "01-sent.sip", c1.log->frames[0].raw);
	assert_file(d1, "02-received.sip", c1.log->frames[1].raw);
	assert_file(d1, "03-sent.sip", c1.log->frames[2].raw);
	assert_file(d2, "01-sent.sip", c2.log->frames[0].raw);
	assert_file(d2, "02-received.sip", c2.log->frames[1].raw);
	evidence_messages_free(&em);
	ck_assert_ptr_null(em.msgs);

	ck_assert_int_eq(evidence_messages(&em, runs, 0), 0);
	ck_assert_uint_eq(em.n, 0);
	evidence_messages_free(&em);
	xchg_capture_free(&c1);
	xchg_capture_free(&c2);
}
END_TEST

/* A test's directory holds only this run's files: what an earlier run left goes. */
START_TEST(test_run_dir_fresh)
{
	char casedir[600], d[1400], p[1400];

	snprintf(casedir, sizeof(casedir), "%s/s/001-t", tdir());
	ck_assert_int_eq(evidence_run_dir(d, sizeof(d), casedir, "probe OPTIONS"), 0);
	snprintf(p, sizeof(p), "%s/07-received.sip", casedir);
	tdir_write(p, "stale", 5);
	snprintf(p, sizeof(p), "%s/messages.log", d);
	tdir_write(p, "stale", 5);
	ck_assert_int_eq(evidence_run_dir(d, sizeof(d), casedir, ""), 0);
	snprintf(p, sizeof(p), "%s/07-received.sip", casedir);
	ck_assert_int_ne(access(p, F_OK), 0);
	snprintf(p, sizeof(p), "%s/probe_OPTIONS/messages.log", casedir);
	ck_assert_int_ne(access(p, F_OK), 0);
	ck_assert(is_dir(casedir));
}
END_TEST

/* At most EVIDENCE_MAX_FILES frame files per test; the rest counted in cut.txt. */
START_TEST(test_messages_bounded)
{
	char src[600], big[600], casedir[600], d[1400], p[1400];
	struct xchg_capture c;
	struct evidence_run run;
	struct evidence_msgs em;
	const char *why = NULL;
	size_t n, i;
	char *one = tdir_slurp(tmain_src(src, sizeof(src), "fixtures/siplog/udp4_message_405.log"), &n);
	char *s;
	FILE *fp;

	snprintf(big, sizeof(big), "%s/big.log", tdir());
	fp = fopen(big, "wb");
	ck_assert_ptr_nonnull(fp);
	for (i = 0; i < 150; i++)
		ck_assert_uint_eq(fwrite(one, 1, n, fp), n);
	ck_assert_int_eq(fclose(fp), 0);
	free(one);
	ck_assert_int_eq(xchg_capture_load(&c, big, &why), 0);
	ck_assert_uint_eq(c.log->nframes, 300);
	snprintf(casedir, sizeof(casedir), "%s/case", tdir());
	ck_assert_int_eq(evidence_run_dir(d, sizeof(d), casedir, ""), 0);
	run = (struct evidence_run){ "", d, &c };
	ck_assert_int_eq(evidence_messages(&em, &run, 1), 0);
	ck_assert_uint_eq(em.n, 300);                      /* every frame labelled for the reports */
	snprintf(p, sizeof(p), "%s/256-received.sip", d);
	ck_assert_int_eq(access(p, F_OK), 0);
	snprintf(p, sizeof(p), "%s/257-sent.sip", d);
	ck_assert_int_ne(access(p, F_OK), 0);
	snprintf(p, sizeof(p), "%s/cut.txt", d);
	s = tdir_slurp(p, NULL);
	ck_assert_msg(strncmp(s, "44 frames (", 11) == 0, "%s", s);
	ck_assert_ptr_nonnull(strstr(s, "at most 256 frame files"));
	free(s);
	evidence_messages_free(&em);
	xchg_capture_free(&c);
}
END_TEST

static Suite *evidence_suite(void)
{
	Suite *s = suite_create("evidence");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_test(tc, test_default);
	tcase_add_test(tc, test_case_dir);
	tcase_add_test(tc, test_run_dir);
	tcase_add_test(tc, test_messages);
	tcase_add_test(tc, test_run_dir_fresh);
	tcase_add_test(tc, test_messages_bounded);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_evidence", evidence_suite, NULL, NULL };
