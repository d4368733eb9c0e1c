/*
 * bench_report.c - cost of the reporters per test as a run grows:
 * N synthetic tests (default 10,000: one in ten failing, each with 16
 * checks of the real catalogue and a request and its answer quoted)
 * through the JUnit and the TAP reporter, writing real files in a temp
 * directory.  Prints the time per test for each tenth of the run: a flat
 * column means nothing quadratic (the JUnit document is rewritten at most
 * every REPORT_JUNIT_INTERVAL, not after every test).  No network.
 * BENCH_PACE_US=P spaces the tests P microseconds apart (a sleep, left
 * out of the times printed), so that a run lasts long enough for the
 * JUnit reporter's periodic rewrites to happen and be paid for.
 *
 * Usage: bench_report [N [DIR]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/monotime.h"
#include "judge/rule.h"
#include "report/report.h"

static const char req[] =
	"MESSAGE sip:bob@example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-7-1-0;rport\r\n"
	"Max-Forwards: 70\r\n"
	"From: <sip:sipconform@127.0.0.1:5070>;tag=7sc1\r\n"
	"To: <sip:bob@example.com>\r\n"
	"Call-ID: 1-7@127.0.0.1\r\n"
	"CSeq: 1 MESSAGE\r\n"
	"User-Agent: sipconform\r\n"
	"Content-Length: 0\r\n\r\n";
static const char resp[] =
	"SIP/2.0 405 Method Not Allowed\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-7-1-0;rport=5070;received=127.0.0.1\r\n"
	"From: <sip:sipconform@127.0.0.1:5070>;tag=7sc1\r\n"
	"To: <sip:bob@example.com>;tag=784122a5fcf19836\r\n"
	"Call-ID: 1-7@127.0.0.1\r\n"
	"CSeq: 1 MESSAGE\r\n"
	"Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n"
	"Server: kamailio (5.6.3 (x86_64/linux))\r\n"
	"Content-Length: 0\r\n\r\n";

#define NCHECKS 16

/* Feed n tests to r, pace_us apart; per[k] gets the seconds of the k-th tenth, the pauses left out. */
static int feed(struct reporter *r, long n, double per[10], long pace_us)
{
	static struct check_result cr[NCHECKS];
	static const struct report_msg msgs[] = {
		{ "sent #1 (OPTIONS)", { req, sizeof(req) - 1 } },
		{ "received #1 (301)", { resp, sizeof(resp) - 1 } },
	};
	struct report_case c;
	char id[32];
	double t = monotime_now(), t1, paused = 0;
	long i;
	size_t k;

	for (k = 0; k < NCHECKS; k++) {
		cr[k].rule = &rule_table[k % rule_count];
		snprintf(cr[k].reason, sizeof(cr[k].reason), "as expected (check %zu)", k);
	}
	if (report_suite_begin(r, "bench", "bench.yaml", 0))
		return 1;
	for (i = 0; i < n; i++) {
		memset(&c, 0, sizeof(c));
		snprintf(id, sizeof(id), "t%ld", i);
		c.id = id;
		c.classname = "bench";
		c.verdict = i % 10 == 9 ? VERDICT_FAIL : VERDICT_PASS;
		c.message = c.verdict == VERDICT_FAIL ? "RFC3261-x: synthetic failure" : NULL;
		cr[0].outcome = c.verdict == VERDICT_FAIL ? CHECK_FAIL : CHECK_PASS;
		c.checks = cr;
		c.nchecks = NCHECKS;
		c.msgs = msgs;
		c.nmsgs = 2;
		c.seconds = 0.001;
		if (pace_us > 0) {
			t1 = monotime_now();
			usleep((useconds_t)pace_us);
			paused += monotime_now() - t1;
		}
		if (report_case(r, &c))
			return 1;
		if ((i + 1) % (n / 10) == 0 && (i + 1) / (n / 10) <= 10) {
			t1 = monotime_now();
			per[(i + 1) / (n / 10) - 1] = t1 - t - paused;
			t = t1;
			paused = 0;
		}
	}
	return report_suite_end(r, 1.0) != 0;
}

static int bench(const char *name, int (*open_fn)(struct reporter **, const char *),
		 const char *path, long n, long pace_us)
{
	struct reporter *r = NULL;
	double per[10] = { 0 }, t0, tc;
	struct stat st;
	int err, k;

	if (open_fn(&r, path)) {
		fprintf(stderr, "bench_report: cannot open %s\n", path);
		return 1;
	}
	t0 = monotime_now();
	if (feed(r, n, per, pace_us)) {
		fprintf(stderr, "bench_report: %s: a report call failed\n", name);
		report_close(r, &err);
		return 1;
	}
	tc = monotime_now();
	report_close(r, &err);
	tc = monotime_now() - tc;
	if (err || stat(path, &st)) {
		fprintf(stderr, "bench_report: %s: write error\n", name);
		return 1;
	}
	printf("bench report %-5s %ld tests, %.1f MB, %ld us apart: %.3f s (close %.3f s); "
	       "us/test by tenth:", name, n, (double)st.st_size / 1e6, pace_us,
	       monotime_now() - t0, tc);
	for (k = 0; k < 10; k++)
		printf(" %.0f", per[k] * 1e6 / (double)(n / 10));
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000;
	char dir[] = "/tmp/sipconform-bench-report.XXXXXX", junit[512], tap[512];
	const char *d = argc > 2 ? argv[2] : mkdtemp(dir);
	const char *pace = getenv("BENCH_PACE_US");
	long pace_us = pace ? atol(pace) : 0;
	int rc;

	if (n < 10 || !d) {
		fprintf(stderr, "usage: bench_report [N >= 10 [DIR]]\n");
		return 2;
	}
	snprintf(junit, sizeof(junit), "%s/bench.xml", d);
	snprintf(tap, sizeof(tap), "%s/bench.tap", d);
	rc = bench("junit", report_junit_open, junit, n, pace_us) |
	     bench("tap", report_tap_open, tap, n, pace_us);
	if (argc <= 2) {
		unlink(junit);
		unlink(tap);
		rmdir(d);
	}
	return rc;
}
