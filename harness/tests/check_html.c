/*
 * check_html.c - the HTML lab report (report/html.c).
 *
 * Reports are written to real files in a scratch directory, then read
 * back with libxml2's HTML parser (what a browser would build, near
 * enough; t101-html.sh renders a real run in headless Chromium) and
 * judged with XPath: the structure (summary rows linked to one section
 * per test, the checks with their citations and normative text, the
 * evidence marked in the messages, passes with their proof), the
 * hostile bytes a SUT can send staying inert text, nothing that loads
 * from the network.
 *
 * CHECK_KEEP=1 keeps the scratch directories.
 */
#include "tmain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>
#include <libxml/xmlstring.h>
#include <libxml/xpath.h>

#include "report/report.h"
#include "tdir.h"
#include "treport.h"

/* ---- reading the report back --------------------------------------------- */

static htmlDocPtr parse(const char *x, size_t n)
{
	htmlDocPtr d = htmlReadMemory(x, (int)n, NULL, "UTF-8",
				      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);

	ck_assert_ptr_nonnull(d);
	return d;
}

static xmlXPathObjectPtr xeval(htmlDocPtr d, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(d);
	xmlXPathObjectPtr o;

	ck_assert_ptr_nonnull(ctx);
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	ck_assert_msg(o != NULL, "bad XPath %s", expr);
	return o;
}

static double xnum(htmlDocPtr d, const char *expr)
{
	xmlXPathObjectPtr o = xeval(d, expr);
	double v = xmlXPathCastToNumber(o);

	xmlXPathFreeObject(o);
	return v;
}

/* string(expr), malloc'ed */
static char *xstr(htmlDocPtr d, const char *expr)
{
	xmlXPathObjectPtr o = xeval(d, expr);
	xmlChar *s = xmlXPathCastToString(o);
	char *r = strdup((const char *)s);

	xmlFree(s);
	xmlXPathFreeObject(o);
	return r;
}

#define ASSERT_COUNT(d, expr, n) \
	ck_assert_msg(xnum((d), "count(" expr ")") == (n), "count(%s) is %g, not %d", \
		      expr, xnum((d), "count(" expr ")"), (int)(n))

static void assert_has(htmlDocPtr d, const char *expr, const char *want)
{
	char *s = xstr(d, expr);

	ck_assert_msg(strstr(s, want) != NULL, "%s is '%.300s', lacks '%s'", expr, s, want);
	free(s);
}

/* The report is one valid UTF-8 document, self-contained: no script, nothing fetched. */
static void assert_inert(htmlDocPtr d, const char *x, size_t n)
{
	ck_assert_int_eq(strncmp(x, "<!DOCTYPE html>\n", 16), 0);
	ck_assert_int_eq(xmlCheckUTF8(BAD_CAST x), 1);
	ck_assert_uint_eq(strlen(x), n);        /* no NUL byte */
	ck_assert_ptr_nonnull(strstr(x, "</html>\n"));
	ASSERT_COUNT(d, "//script | //img | //iframe | //object | //embed | //link | //base "
		     "| //form | //meta[@http-equiv] | //svg | //video | //audio", 0);
	ASSERT_COUNT(d, "//@src | //@srcset | //@action | //@*[starts-with(name(), 'on')]", 0);
	ASSERT_COUNT(d, "//@href[not(starts-with(., '#'))]", 0);
	ASSERT_COUNT(d, "//style", 1);
	ck_assert_ptr_null(strstr(x, "url("));
	ck_assert_ptr_null(strstr(x, "@import"));
	ASSERT_COUNT(d, "/html/head/meta[@charset='utf-8']", 1);
}

static const struct report_run run_facts = {
	.tool_version = "0.1.0", .sipp_path = "/usr/bin/sipp", .sipp_version = "3.6.1",
	.tls_via = NULL, .tls_verify = NULL, .waivers = "w.yaml", .strict = true, .auth = false,
	.started = (time_t)1795593600, .argv = NULL,
};

/* Every in-page href resolves: XPath 1.0 has no current(), so check each one here. */
static void assert_links(htmlDocPtr d)
{
	xmlXPathObjectPtr o = xeval(d, "//a/@href");
	int i, n = o->nodesetval ? o->nodesetval->nodeNr : 0;
	char expr[256];

	ck_assert_int_gt(n, 0);
	for (i = 0; i < n; i++) {
		xmlChar *h = xmlNodeGetContent(o->nodesetval->nodeTab[i]);

		ck_assert_int_eq(h[0], '#');
		snprintf(expr, sizeof(expr), "count(//*[@id='%s'])", (const char *)h + 1);
		ck_assert_msg(xnum(d, expr) == 1, "link %s has no target", (const char *)h);
		xmlFree(h);
	}
	xmlXPathFreeObject(o);
}

/* Open, give the run's facts, feed, close; the report (its length to *np) and its tree. */
static char *render(void (*feed)(struct reporter *), const char *file, size_t *np, htmlDocPtr *dp)
{
	char path[512], *x;
	struct reporter *r = treport_open(report_html_open, file, path, sizeof(path));

	ck_assert_int_eq(report_run_info(r, &run_facts), 0);
	feed(r);
	treport_close(&r);
	x = tdir_slurp(path, np);
	*dp = parse(x, *np);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);         /* no temp left */
	return x;
}

/* ---- tests --------------------------------------------------------------- */

START_TEST(test_four_verdicts)
{
	htmlDocPtr d;
	size_t n;
	char *x = render(treport_feed_four, "four.html", &n, &d);

	assert_inert(d, x, n);
	assert_links(d);
	/* run facts */
	assert_has(d, "//table[@class='facts']", "2026-11-25 08:00:00 UTC");
	assert_has(d, "//table[@class='facts']", "SIPp 3.6.1");
	assert_has(d, "//table[@class='facts']//tr[th='Tool']/td", "sipconform 0.1.0");
	assert_has(d, "//table[@class='facts']", "/usr/bin/sipp");
	assert_has(d, "//table[@class='facts']//tr[th='Strict (SHOULD failures fail)']/td", "yes");
	assert_has(d, "//table[@class='facts']//tr[th='Waivers']/td", "w.yaml");
	/* summary: totals, per suite, one row per test linked to its section */
	assert_has(d, "//p[@class='totals']", "4 tests: 1 passed, 1 failed, 1 errors, "
		   "0 inconclusive, 1 skipped");
	assert_has(d, "//table[@class='counts']//tr[td='rfc3261_methods']", "4");
	ASSERT_COUNT(d, "//table[@class='tests']/tbody/tr", 4);
	assert_has(d, "//table[@class='tests']/tbody/tr[2]/td[3]/a[@href='#t2']", "bogus-method-405");
	assert_has(d, "//table[@class='tests']/tbody/tr[2]/td[4]/span[@class='fail']", "FAIL");
	ASSERT_COUNT(d, "//main/section[@class='test']", 4);
	assert_has(d, "//section[@id='t1']/h3", "PASS options-200");
	assert_has(d, "//section[@id='t2']/h3", "FAIL bogus-method-405");
	assert_has(d, "//section[@id='t3']/h3", "ERROR redirect-301");
	assert_has(d, "//section[@id='t4']/h3", "SKIP unsupported-501");
	assert_has(d, "//section[@id='t2']/p[@class='meta']", "1.500 s");
	assert_has(d, "//section[@id='t3']/p[@class='message']", "sipp timed out after 5 s");
	/* every check: outcome, id, level, citation, the catalogue's text, the reason */
	ASSERT_COUNT(d, "//section[@id='t2']//table[@class='checks']/tbody/tr", 3);
	assert_has(d, "//section[@id='t2']//tr[@class='fail']/td[2]/code", "RFC3261-21.4.6-ALLOW-PRESENT");
	assert_has(d, "//section[@id='t2']//tr[@class='fail']/td[2]", "MUST");
	assert_has(d, "//section[@id='t2']//tr[@class='fail']/td[3]", "RFC 3261 \xc2\xa7" "21.4.6");
	assert_has(d, "//section[@id='t2']//tr[@class='fail']/td[4]",
		   "The response MUST include an Allow header field");
	assert_has(d, "//section[@id='t2']//tr[@class='fail']/td[5]", "405 has no Allow header field");
	assert_has(d, "//section[@id='t2']//tr[@class='pass']/td[2]", "RFC3261-8.2.6.2-VIA-COPY");
	assert_has(d, "//section[@id='t2']//tr[@class='warn']/td[1]", "WARN");
	/* the offending line marked in the message it came from */
	ASSERT_COUNT(d, "//section[@id='t2']//figure", 2);
	assert_has(d, "//section[@id='t2']//figure[2]/figcaption", "received #1 (405)");
	assert_has(d, "//section[@id='t2']//figure[2]/pre/mark[@class='fail']",
		   "SIP/2.0 405 Method Not Allowed");
	assert_has(d, "//section[@id='t2']//figure[2]/pre/mark[@class='fail']/@title",
		   "RFC3261-21.4.6-ALLOW-PRESENT");
	ASSERT_COUNT(d, "//section[@id='t2']//figure[1]/pre/mark", 0);
	assert_has(d, "//section[@id='t2']//figure[2]/pre", "Via: SIP/2.0/UDP 127.0.0.1:5061");
	assert_has(d, "//section[@id='t2']//tr[@class='fail']//a[@href='#t2-m2']", "received #1");
	assert_has(d, "//section[@id='t1']/pre[@class='notes']", "waiver: Contact not required");
	assert_has(d, "//section[@id='t2']/p[@class='meta'][2]/code", "reports/run-1/bogus-method-405");
	/* the id of a failing check shows beside its mark (CSS generated text: not in the DOM) */
	ck_assert_ptr_nonnull(strstr(x, "mark.fail::after,mark.warn::after{content:' \\2190 ' attr(title);"));
	/* printing: one test a page */
	ck_assert_ptr_nonnull(strstr(x, "@media print{"));
	ck_assert_ptr_nonnull(strstr(x, "section.test{break-before:page"));
	/* nothing fetched: no URL at all */
	ck_assert_ptr_null(strstr(x, "http://"));
	ck_assert_ptr_null(strstr(x, "https://"));
	xmlFreeDoc(d);
	free(x);
}
END_TEST

/*
 * A passing test carries its proof: every check listed with its outcome,
 * and the bytes each passing check judged marked in the message.
 */
static void feed_proof(struct reporter *r)
{
	static const char resp[] =
		"SIP/2.0 405 Method Not Allowed\r\n"
		"Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\r\n"
		"Allow: INVITE, ACK\r\n"
		"Server: Acme SBC 4.2\r\n"
		"Content-Length: 0\r\n"
		"\r\n";
	static struct check_result cr[3];
	static const struct report_msg msgs[] = {
		{ "received #1 (405, UDP)", { resp, sizeof(resp) - 1 } },
	};
	struct report_target t = { "sbc.example", 5060, "192.0.2.7", "udp" };
	struct report_case c;

	memset(cr, 0, sizeof(cr));
	cr[0].rule = &treport_r_allow;
	cr[0].outcome = CHECK_PASS;
	snprintf(cr[0].reason, sizeof(cr[0].reason), "Allow present");
	cr[0].evidence = (struct pl){ strstr(resp, "Allow:"), 18 };
	cr[0].msg = (struct pl){ resp, sizeof(resp) - 1 };
	cr[1].rule = &treport_r_via;
	cr[1].outcome = CHECK_PASS;
	snprintf(cr[1].reason, sizeof(cr[1].reason), "Via echoed");
	cr[1].evidence = (struct pl){ strstr(resp, "Via:"), 48 };
	cr[1].msg = cr[0].msg;
	cr[2].rule = &treport_r_contact;
	cr[2].outcome = CHECK_NA;
	snprintf(cr[2].reason, sizeof(cr[2].reason), "not judged: no redirect");
	treport_begin(r, "lab", "suites/lab.yaml");
	ck_assert_int_eq(report_suite_target(r, &t), 0);
	memset(&c, 0, sizeof(c));
	c.id = "bye-405";
	c.classname = "lab";
	c.verdict = VERDICT_PASS;
	c.seconds = 0.25;
	c.checks = cr;
	c.nchecks = 3;
	c.msgs = msgs;
	c.nmsgs = 1;
	treport_case(r, &c);
	treport_end(r, 0.3);
}

START_TEST(test_pass_proof)
{
	htmlDocPtr d;
	size_t n;
	char *x = render(feed_proof, "proof.html", &n, &d);

	assert_inert(d, x, n);
	assert_links(d);
	ASSERT_COUNT(d, "//section[@id='t1']//table[@class='checks']/tbody/tr", 3);
	ASSERT_COUNT(d, "//section[@id='t1']//table[@class='checks']/tbody/tr[@class='pass']", 2);
	assert_has(d, "//section[@id='t1']//tr[@class='na']/td[5]", "not judged: no redirect");
	ASSERT_COUNT(d, "//section[@id='t1']//pre/mark[@class='pass']", 2);
	assert_has(d, "//section[@id='t1']//pre/mark[@title='RFC3261-21.4.6-ALLOW-PRESENT']",
		   "Allow: INVITE, ACK");
	assert_has(d, "//section[@id='t1']//pre/mark[@title='RFC3261-8.2.6.2-VIA-COPY']",
		   "Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1");
	assert_has(d, "//section[@id='t1']//tr[@class='pass'][1]/td[5]/div[@class='ev']",
		   "proof: marked in received #1 (405, UDP)");
	/* the SUT: the suite's target as named and resolved, and what it says it runs */
	assert_has(d, "//table[@class='suts']/tr[1]/td[1]", "lab");
	assert_has(d, "//table[@class='suts']/tr[1]/td[2]", "suites/lab.yaml");
	assert_has(d, "//table[@class='suts']/tr[1]/td[3]", "sbc.example:5060");
	assert_has(d, "//table[@class='suts']/tr[1]/td[4]", "192.0.2.7");
	assert_has(d, "//table[@class='suts']/tr[1]/td[5]", "udp");
	assert_has(d, "//table[@class='suts']/tr[1]/td[6]", "Server: Acme SBC 4.2");
	xmlFreeDoc(d);
	free(x);
}
END_TEST

/* What a hostile SUT sends: inert text, valid UTF-8, no element made of it. */
static char long_line[4200];
#define SERVER_ROW "Server: </pre><script>alert(1)</script>\x01"

static void feed_hostile_html(struct reporter *r)
{
	static char msg[5000];
	static struct check_result cr[1];
	static struct report_msg msgs[1];
	struct report_case c;
	size_t n = 0, ln = 4096 - 9;

	memcpy(long_line, "X-Long: ", 8);
	memset(long_line + 8, 'A', ln);
	long_line[8 + ln] = '\0';
#define ADD(s, l) do { memcpy(msg + n, (s), (l)); n += (l); } while (0)
#define ADDS(s) ADD(s, sizeof(s) - 1)
	ADDS("SIP/2.0 405 Method Not Allowed\r\n");
	ADDS(SERVER_ROW "\r\n");
	ADDS("X-Nul: a\0b\r\n");
	ADDS("X-Bad: \xff\xfe\xc0\x80\xed\xa0\x80\x1b[31m\x7f\r\n");
	ADDS("X-Img: <img src=\"https://evil.example/x.png\" onerror=\"alert(2)\">"
	     "<link rel=stylesheet href=\"http://evil.example/a.css\">&amp;&#x3c;\r\n");
	ADD(long_line, 8 + ln);
	ADDS("\r\n\r\n");
#undef ADDS
#undef ADD
	memset(cr, 0, sizeof(cr));
	cr[0].rule = &treport_r_allow;
	cr[0].outcome = CHECK_FAIL;
	snprintf(cr[0].reason, sizeof(cr[0].reason), "no Allow; </td></tr></table><script>x</script>");
	cr[0].evidence = (struct pl){ msg + 32, sizeof(SERVER_ROW) - 1 };
	msgs[0].label = "received #1 (405) <b>bold</b>";
	msgs[0].bytes = (struct pl){ msg, n };

	treport_begin(r, "evil </title><script>", "x\xff.yaml");
	memset(&c, 0, sizeof(c));
	c.id = "</section><script>alert(3)</script>";
	c.classname = "evil </title><script>";
	c.verdict = VERDICT_FAIL;
	c.seconds = 0.5;
	c.message = "</p><script>alert(4)</script>";
	c.checks = cr;
	c.nchecks = 1;
	c.msgs = msgs;
	c.nmsgs = 1;
	c.notes = "notes </pre><script>alert(5)</script>\n";
	treport_case(r, &c);
	treport_end(r, 1);
	/* and everything treport.c has */
	treport_feed_hostile(r);
}

START_TEST(test_hostile)
{
	htmlDocPtr d;
	size_t n;
	char *x = render(feed_hostile_html, "hostile.html", &n, &d), *pre;

	assert_inert(d, x, n);
	assert_links(d);
	ASSERT_COUNT(d, "//main/section[@class='test']", 5);
	ASSERT_COUNT(d, "//b", 0);
	/* the SUT's bytes are text, quoted as they came (escaped by the one policy) */
	assert_has(d, "//section[@id='t1']/h3", "</section><script>alert(3)</script>");
	assert_has(d, "//section[@id='t1']/p[@class='message']", "</p><script>alert(4)</script>");
	assert_has(d, "//section[@id='t1']//tr[@class='fail']/td[5]", "</td></tr></table><script>x</script>");
	assert_has(d, "//section[@id='t1']//pre/mark[@class='fail']",
		   "Server: </pre><script>alert(1)</script>\\x01");
	assert_has(d, "//section[@id='t1']//figure/pre", "X-Nul: a\\x00b\\r\\n\n");
	assert_has(d, "//section[@id='t1']//figure/pre", "X-Bad: \\xff\\xfe\\xc0\\x80\\xed\\xa0\\x80\\x1b[31m\\x7f");
	assert_has(d, "//section[@id='t1']//figure/pre", "<img src=\"https://evil.example/x.png\"");
	assert_has(d, "//section[@id='t1']//figure/figcaption", "received #1 (405) <b>bold</b>");
	assert_has(d, "//section[@id='t1']/pre[@class='notes']", "</pre><script>alert(5)</script>");
	assert_has(d, "//table[@class='suts']/tr[1]/td[1]", "evil </title><script>");
	assert_has(d, "//table[@class='suts']/tr[1]/td[2]", "x\\xff.yaml");
	assert_has(d, "//table[@class='suts']/tr[1]/td[6]", "Server: </pre><script>alert(1)</script>\\x01");
	assert_has(d, "/html/head/title", "SIP conformance lab report");
	/* the 4 KB header line: one line of text, cut where the report's bound says */
	pre = xstr(d, "//section[@id='t1']//figure/pre");
	ck_assert_ptr_nonnull(strstr(pre, "X-Long: AAAAAAAA"));
	ck_assert_ptr_null(strstr(pre, "AAAA\n"));       /* no break injected in it */
	free(pre);
	assert_has(d, "//section[@id='t1']//figure/p[@class='cut']", "more bytes");
	xmlFreeDoc(d);
	free(x);
}
END_TEST

START_TEST(test_multi_suites)
{
	htmlDocPtr d;
	size_t n;
	char *x = render(treport_feed_multi, "multi.html", &n, &d);

	assert_inert(d, x, n);
	assert_links(d);
	ASSERT_COUNT(d, "//table[@class='suts']/tr", 2);
	ASSERT_COUNT(d, "//table[@class='counts']/tr", 3);     /* two suites, the total */
	assert_has(d, "//table[@class='counts']/tr[td='second']/td[4]", "1");
	assert_has(d, "//table[@class='counts']/tr[@class='total']", "3");
	assert_has(d, "//p[@class='totals']", "3 tests: 2 passed, 1 failed");
	ASSERT_COUNT(d, "//main/section[@class='test']", 3);
	assert_has(d, "//table[@class='tests']/tbody/tr[3]/td[2]", "second");
	xmlFreeDoc(d);
	free(x);
}
END_TEST

START_TEST(test_inconclusive)
{
	htmlDocPtr d;
	size_t n;
	char *x = render(treport_feed_inconclusive, "inc.html", &n, &d);

	assert_inert(d, x, n);
	assert_has(d, "//p[@class='totals']", "1 inconclusive");
	assert_has(d, "//section[@id='t2']/h3/span[@class='inconclusive']", "INCONCLUSIVE");
	assert_has(d, "//section[@id='t2']//pre/mark[@class='fail']", "SIP/2.0 404 Not Found");
	xmlFreeDoc(d);
	free(x);
}
END_TEST

static void feed_stopped(struct reporter *r)
{
	treport_feed_pass5(r);
	ck_assert_int_eq(report_stopped(r, "SIGTERM during case-5: 5 of 9 tests finished"), 0);
}

START_TEST(test_stopped)
{
	htmlDocPtr d;
	size_t n;
	char *x = render(feed_stopped, "stop.html", &n, &d);

	assert_has(d, "//p[@class='stopped']", "SIGTERM during case-5: 5 of 9 tests finished");
	assert_has(d, "//p[@class='totals']", "5 tests: 5 passed");
	xmlFreeDoc(d);
	free(x);
}
END_TEST

/* The report's bounds: a flood is cut, and the report says so. */
static void feed_flood(struct reporter *r)
{
	treport_begin(r, "s", NULL);
	treport_feed_flood(r, "flood", 100, 4500);
	treport_end(r, 1);
}

START_TEST(test_cut)
{
	htmlDocPtr d;
	size_t n;
	char *x = render(feed_flood, "flood.html", &n, &d);

	assert_inert(d, x, n);
	ASSERT_COUNT(d, "//section[@id='t1']//figure", REPORT_CASE_MSGS);
	assert_has(d, "//section[@id='t1']/p[@class='cut']", "68 of 100 messages not listed");
	assert_has(d, "//section[@id='summary']/p[@class='cut']", "68 messages not listed");
	xmlFreeDoc(d);
	free(x);
}
END_TEST

START_TEST(test_stdout)
{
	char *out = treport_stdout(report_html_open);

	ck_assert_int_eq(strncmp(out, "<!DOCTYPE html>\n", 16), 0);
	ck_assert_ptr_nonnull(strstr(out, "</html>\nafter\n"));
	/* no run facts given: the date is the first suite's start */
	ck_assert_ptr_nonnull(strstr(out, "<td>1970-01-01 00:00:00 UTC</td>"));
	ck_assert_ptr_nonnull(strstr(out, "<a href=\"#t1\">s1</a>"));
	free(out);
}
END_TEST

START_TEST(test_discard)
{
	treport_check_discard(report_html_open, "d.html");
}
END_TEST

/* Nothing reaches PATH before close: a SIGKILL leaves the old file, never half a document. */
START_TEST(test_written_at_close)
{
	char path[512], *x;
	struct reporter *r;

	tdir_write(tdir_path("w.html"), "old", 3);
	r = treport_open(report_html_open, "w.html", path, sizeof(path));
	treport_feed_pass5(r);
	x = tdir_slurp(path, NULL);
	ck_assert_str_eq(x, "old");
	free(x);
	treport_close(&r);
	x = tdir_slurp(path, NULL);
	ck_assert_ptr_nonnull(strstr(x, "5 tests: 5 passed"));
	free(x);
}
END_TEST

START_TEST(test_misuse)
{
	struct reporter *r = NULL;
	struct report_case c;

	ck_assert_int_ne(report_html_open(&r, ""), 0);
	ck_assert_int_ne(report_html_open(&r, tdir()), 0);     /* a directory */
	r = treport_open(report_html_open, "m.html", (char[512]){ 0 }, 512);
	memset(&c, 0, sizeof(c));
	c.id = "x";
	ck_assert_int_ne(report_case(r, &c), 0);                /* no suite begun */
	r = report_discard(r);
}
END_TEST

/* Peak RSS stays flat as tests go by: each section goes to the spool. */
START_TEST(test_rss_flat)
{
	char path[512], *x;

	if (treport_rss_flat(report_html_open, "rss.html", path, sizeof(path)) != 0)
		return;
	x = tdir_slurp(path, NULL);
	ck_assert_ptr_nonnull(strstr(x, "<section class=\"test\" id=\"t200\">"));
	free(x);
}
END_TEST

static Suite *html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_checked_fixture(core, tdir_setup, tdir_teardown);
	tcase_add_checked_fixture(lim, tdir_setup, tdir_teardown);
	tcase_set_timeout(core, 60);
	tcase_set_timeout(lim, 60);
	tcase_add_test(core, test_four_verdicts);
	tcase_add_test(core, test_pass_proof);
	tcase_add_test(core, test_multi_suites);
	tcase_add_test(core, test_inconclusive);
	tcase_add_test(core, test_stopped);
	tcase_add_test(core, test_stdout);
	tcase_add_test(core, test_written_at_close);
	tcase_add_test(lim, test_hostile);
	tcase_add_test(lim, test_cut);
	tcase_add_test(lim, test_discard);
	tcase_add_test(lim, test_misuse);
	tcase_add_test(lim, test_rss_flat);
	suite_add_tcase(s, core);
	suite_add_tcase(s, lim);
	return s;
}

const struct tmain tmain_def = { "check_html", html_suite, NULL, NULL };
