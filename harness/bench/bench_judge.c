/*
 * bench_judge.c - CPU cost of the pure pipeline stages: parse a 301 and a
 * 405 (sipmsg_parse + sipmsg_validate) and judge them (rule_judge).
 * Prints messages per second; no network.  Targets live here, not in
 * tests: a 1,000-test suite must not be bound by the judge (goal: well
 * over 10,000 judged exchanges per second on one core).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "judge/rule.h"
#include "sip/msg.h"

static const char req301[] =
	"OPTIONS sip:alice@example.com SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1-1-0;rport\r\n"
	"From: <sip:sipconform@127.0.0.1:5070>;tag=1\r\n"
	"To: <sip:alice@example.com>\r\n"
	"Call-ID: 1-123@127.0.0.1\r\n"
	"CSeq: 1 OPTIONS\r\n"
	"Max-Forwards: 70\r\n"
	"Content-Length: 0\r\n\r\n";
static const char resp301[] =
	"SIP/2.0 301 Moved Permanently\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1-1-0;rport=5070;received=127.0.0.1\r\n"
	"From: <sip:sipconform@127.0.0.1:5070>;tag=1\r\n"
	"To: <sip:alice@example.com>;tag=abc\r\n"
	"Call-ID: 1-123@127.0.0.1\r\n"
	"CSeq: 1 OPTIONS\r\n"
	"Contact: <sip:alice@new.example.com>;q=0.7, \"Alice\" <sip:alice@[2001:db8::1]:5062;transport=tcp>\r\n"
	"Content-Length: 0\r\n\r\n";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200000, i;
	struct expect exp = { .code = 301 };
	double t0, t1, t2;
	size_t sink = 0;

	t0 = now();
	for (i = 0; i < n; i++) {
		struct sipmsg *m = NULL;

		if (sipmsg_parse(&m, resp301, sizeof(resp301) - 1, NULL) == 0)
			sink += m->nhdrs;
		sipmsg_free(m);
	}
	t1 = now();
	for (i = 0; i < n / 4; i++) {
		struct sipmsg *q = NULL, *m = NULL;
		struct check_result *res = NULL;
		size_t nres = 0;
		struct exchange x;

		sipmsg_parse(&q, req301, sizeof(req301) - 1, NULL);
		sipmsg_parse(&m, resp301, sizeof(resp301) - 1, NULL);
		x.req = q;
		x.resp = m;
		x.reliable = false;
		if (q && m && rule_judge(&res, &nres, &x, &exp) == 0)
			sink += nres;
		free(res);
		sipmsg_free(q);
		sipmsg_free(m);
	}
	t2 = now();
	printf("bench parse: %ld responses in %.3f s = %.0f msg/s\n", n, t1 - t0, n / (t1 - t0));
	printf("bench judge: %ld exchanges (parse both + all checks) in %.3f s = %.0f exchanges/s\n",
	       n / 4, t2 - t1, (n / 4) / (t2 - t1));
	return sink ? 0 : 1;
}
