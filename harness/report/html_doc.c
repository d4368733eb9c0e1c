/*
 * html_doc.c - the page of the HTML lab report around the spooled test
 * rows and sections (report/html.c): head and inline CSS, the run's
 * facts, the system under test, the summary.  See html.c for the shape.
 */
#include "report/html_impl.h"
#include "base/repr.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char html_css[] =
	":root{--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--na:#6e7781;--line:#d0d7de}\n"
	"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
	"margin:0 auto;max-width:1200px;padding:1.5em;color:#1f2328;background:#fff}\n"
	"h1{font-size:1.7em;margin:0 0 .4em}h2{border-bottom:2px solid var(--line);padding-bottom:.2em}\n"
	"table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em}\n"
	"th,td{border:1px solid var(--line);padding:.3em .5em;text-align:left;vertical-align:top}\n"
	"th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	"table.facts th{width:14em}code,pre{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;"
	"font-size:12px}\n"
	"pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;border:1px solid var(--line);"
	"padding:.6em;margin:.2em 0}\n"
	"code{overflow-wrap:anywhere}\n"
	"span.pass,span.fail,span.error,span.skip,span.inconclusive,span.o{display:inline-block;"
	"min-width:4.5em;text-align:center;border-radius:3px;color:#fff;font-weight:600;"
	"padding:0 .4em;font-size:.9em}\n"
	"span.pass{background:var(--pass)}span.fail{background:var(--fail)}"
	"span.error{background:#8250df}span.skip{background:var(--na)}"
	"span.inconclusive{background:var(--warn)}\n"
	"tr.pass span.o{background:var(--pass)}tr.fail span.o{background:var(--fail)}"
	"tr.warn span.o{background:var(--warn)}tr.na span.o{background:var(--na)}\n"
	"tr.fail td{background:#ffebe9}tr.warn td{background:#fff8c5}\n"
	"td.req{font-style:italic}div.lvl{color:var(--na);font-size:.85em}div.ev{margin-top:.3em}\n"
	"section.test{border-top:3px solid var(--line);margin-top:2em}\n"
	"section.test h3{font-size:1.25em;margin:.6em 0 .2em}p.meta{color:#57606a;margin:.1em 0}\n"
	"p.message{font-weight:600}p.cut,p.none{color:#57606a;font-style:italic}\n"
	"figure.msg{margin:.6em 0}figcaption{font-weight:600;font-size:.9em}\n"
	"mark{padding:0 1px;border-radius:2px}mark.fail{background:#ffb3ad;outline:2px solid var(--fail)}\n"
	"mark.warn{background:#fae17d;outline:1px solid var(--warn)}mark.pass{background:#d2f4d3}\n"
	"mark.fail::after,mark.warn::after{content:' \\2190 ' attr(title);font:600 11px system-ui,sans-serif;"
	"color:var(--fail);background:#fff;padding:0 .3em;margin-left:.5em;border-radius:2px}\n"
	"mark.warn::after{color:var(--warn)}\n"
	"td.id code,td.sec,table.tests td:nth-child(2){white-space:nowrap}td.id code{font-size:11px}\n"
	"table.tests td,table.tests th,table.facts td,table.facts th{padding:.15em .5em}\n"
	"table.checks{font-size:12.5px;line-height:1.35}table.checks td{padding:.2em .4em}\n"
	"table.checks td.req{width:38%}table.checks td.why{width:32%}\n"
	"section.test h3,p.message,td.why,td.message,table.tests td a,figcaption{overflow-wrap:anywhere}\n"
	"p.stopped{color:var(--fail);font-weight:600}\n"
	"footer{margin-top:3em;color:#57606a;font-size:.85em}\n"
	"@media print{body{max-width:none;padding:0;font-size:11px}"
	"section.test{break-before:page;border-top:none}"
	"tr,figure,pre{break-inside:avoid-page}a{color:inherit;text-decoration:none}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static void fact(struct html *h, xmlNodePtr tbl, const char *name, const char *value,
		 bool untrusted)
{
	xmlNodePtr tr = html_el(h, tbl, "tr", NULL), td;

	html_lit(h, html_el(h, tr, "th", NULL), name);
	td = html_el(h, tr, "td", NULL);
	if (untrusted)
		html_text(h, td, value);
	else
		html_lit(h, td, value);
}

/* The facts of the run: date, versions, options. */
static xmlNodePtr run_facts(struct html *h)
{
	const struct report_run *r = &h->run;
	xmlNodePtr tbl = html_root(h, "table", "facts");
	char date[64] = "unknown", opt[512];
	struct tm tm;

	if (gmtime_r(h->have_run ? &r->started : &h->first_start, &tm) && (h->have_run || h->nsuites))
		strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S UTC", &tm);
	fact(h, tbl, "Date", date, false);
#ifdef SIPCONFORM_VERSION
	snprintf(opt, sizeof(opt), "sipconform %s", h->have_run && r->tool_version ?
		 r->tool_version : SIPCONFORM_VERSION);
#else
	snprintf(opt, sizeof(opt), "sipconform %s", h->have_run && r->tool_version ?
		 r->tool_version : "");
#endif
	fact(h, tbl, "Tool", opt, true);
	if (!h->have_run)
		return tbl;
	snprintf(opt, sizeof(opt), "SIPp %s", r->sipp_version && *r->sipp_version ?
		 r->sipp_version : "(version unknown)");
	fact(h, tbl, "Traffic generator", opt, true);
	fact(h, tbl, "SIPp binary", r->sipp_path ? r->sipp_path : "sipp", true);
	fact(h, tbl, "TLS", r->tls_via ? r->tls_via : "no test used TLS", true);
	if (r->tls_via)
		fact(h, tbl, "TLS verification", r->tls_verify ? r->tls_verify : "?", true);
	fact(h, tbl, "Strict (SHOULD failures fail)", r->strict ? "yes (--strict)" : "no", false);
	fact(h, tbl, "Waivers", r->waivers ? r->waivers : "none", true);
	fact(h, tbl, "Digest credentials", r->auth ? "given" : "none", false);
	if (h->argv)
		fact(h, tbl, "Command line", h->argv, true);
	return tbl;
}

/* One row per suite: what was tested, and the software it said it runs. */
static xmlNodePtr sut_table(struct html *h)
{
	static const char *const head[] = { "suite", "suite file", "target", "address",
					    "transport", "SUT software (first Server / User-Agent seen)" };
	xmlNodePtr tbl = html_root(h, "table", "suts"), tr;
	char port[16];
	size_t i;

	tr = html_el(h, html_el(h, tbl, "thead", NULL), "tr", NULL);
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		html_lit(h, html_el(h, tr, "th", NULL), head[i]);
	for (i = 0; i < h->nsuites; i++) {
		const struct hsuite *s = &h->suites[i];
		xmlNodePtr td;

		tr = html_el(h, tbl, "tr", NULL);
		html_el_text(h, tr, "td", NULL, s->name);
		html_el_text(h, html_el(h, tr, "td", NULL), "code", NULL, s->file);
		td = html_el(h, tr, "td", NULL);
		if (s->host) {
			html_text(h, td, s->host);
			snprintf(port, sizeof(port), ":%u", s->port);
			html_lit(h, td, port);
		}
		html_el_text(h, tr, "td", NULL, s->address ? s->address : "");
		html_el_text(h, tr, "td", NULL, s->transport ? s->transport : "");
		td = html_el(h, tr, "td", NULL);
		if (s->sw_name) {
			html_lit(h, td, s->sw_name);
			html_lit(h, td, ": ");
			html_untrusted(h, td, s->sw, s->sw_len, 0);
		} else
			html_lit(h, td, "none seen");
	}
	return tbl;
}

/* Totals and the counts per verdict per suite. */
static xmlNodePtr count_table(struct html *h, unsigned long tot[VERDICT_COUNT])
{
	static const char *const head[] = { "suite", "tests", "passed", "failed", "errors",
					    "skipped", "inconclusive", "time (s)" };
	xmlNodePtr tbl = html_root(h, "table", "counts"), tr;
	char secs[32];
	size_t i, v;

	tr = html_el(h, html_el(h, tbl, "thead", NULL), "tr", NULL);
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		html_lit(h, html_el(h, tr, "th", NULL), head[i]);
	for (i = 0; i < h->nsuites; i++) {
		const struct hsuite *s = &h->suites[i];
		unsigned long n = 0;

		for (v = 0; v < VERDICT_COUNT; v++)
			n += s->n[v];
		tr = html_el(h, tbl, "tr", NULL);
		html_el_text(h, tr, "td", NULL, s->name);
		html_lit_ulong(h, html_el(h, tr, "td", "num"), n);
		for (v = 0; v < VERDICT_COUNT; v++)
			html_lit_ulong(h, html_el(h, tr, "td", "num"), s->n[v]);
		html_lit(h, html_el(h, tr, "td", "num"), repr_seconds(secs, s->seconds));
	}
	tr = html_el(h, tbl, "tr", "total");
	html_lit(h, html_el(h, tr, "th", NULL), "all suites");
	html_lit_ulong(h, html_el(h, tr, "th", "num"), h->ntests);
	for (v = 0; v < VERDICT_COUNT; v++)
		html_lit_ulong(h, html_el(h, tr, "th", "num"), tot[v]);
	html_lit(h, html_el(h, tr, "th", NULL), "");
	return tbl;
}

/* "N tests: P passed, F failed, E errors, I inconclusive, S skipped", as the terminal says. */
static xmlNodePtr totals_line(struct html *h, const unsigned long tot[VERDICT_COUNT])
{
	xmlNodePtr p = html_root(h, "p", "totals");
	char line[256];

	snprintf(line, sizeof(line), "%lu tests: %lu passed, %lu failed, %lu errors, "
		 "%lu inconclusive, %lu skipped", h->ntests, tot[VERDICT_PASS], tot[VERDICT_FAIL],
		 tot[VERDICT_ERROR], tot[VERDICT_INCONCLUSIVE], tot[VERDICT_SKIP]);
	html_lit(h, html_el(h, p, "strong", NULL), line);
	return p;
}

static int put_lit(int fd, const char *s)
{
	return file_write_fd(fd, s, strlen(s));
}

int html_doc_write(struct html *h, int fd)
{
	unsigned long tot[VERDICT_COUNT] = { 0 };
	size_t i, v;
	int err;

	for (i = 0; i < h->nsuites; i++)
		for (v = 0; v < VERDICT_COUNT; v++)
			tot[v] += h->suites[i].n[v];
	err = put_lit(fd, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<meta name=\"generator\" content=\"sipconform\">\n"
		      "<title>SIP conformance lab report</title>\n<style>\n");
	if (!err)
		err = put_lit(fd, html_css);
	if (!err)
		err = put_lit(fd, "</style>\n</head>\n<body>\n<header>\n"
			      "<h1>SIP conformance lab report</h1>\n");
	if (!err)
		err = html_put_node(h, run_facts(h), fd);
	if (!err)
		err = put_lit(fd, "<h2>System under test</h2>\n");
	if (!err)
		err = html_put_node(h, sut_table(h), fd);
	if (!err)
		err = put_lit(fd, "</header>\n<section id=\"summary\">\n<h2>Summary</h2>\n");
	if (!err)
		err = html_put_node(h, totals_line(h, tot), fd);
	if (!err && h->stopped) {
		xmlNodePtr p = html_root(h, "p", "stopped");

		html_lit(h, p, "The run stopped early: ");
		html_text(h, p, h->stopped);
		err = html_put_node(h, p, fd);
	}
	if (!err && report_cut_any(&h->cut)) {
		char cut[512];
		xmlNodePtr p = html_root(h, "p", "cut");

		report_cut_str(cut, sizeof(cut), &h->cut, 0);
		html_lit(h, p, "report cut: ");
		html_lit(h, p, cut);
		err = html_put_node(h, p, fd);
	}
	if (!err)
		err = html_put_node(h, count_table(h, tot), fd);
	if (!err)
		err = put_lit(fd, "<table class=\"tests\">\n<thead><tr><th>#</th><th>suite</th>"
			      "<th>test</th><th>verdict</th><th>time (s)</th><th>why</th></tr></thead>\n"
			      "<tbody>\n");
	if (!err && h->rows_fd >= 0)
		err = file_copy_fd(h->rows_fd, 0, lseek(h->rows_fd, 0, SEEK_END), fd);
	if (!err)
		err = put_lit(fd, "</tbody>\n</table>\n</section>\n<main>\n");
	if (!err && h->tests_fd >= 0)
		err = file_copy_fd(h->tests_fd, 0, lseek(h->tests_fd, 0, SEEK_END), fd);
	if (!err)
		err = put_lit(fd, "</main>\n<footer>Written by sipconform. Every message quoted here "
			      "is shown with base/repr escaping (\\r\\n ends a line; \\xNN is a byte "
			      "that is not printable UTF-8). The evidence directory of each test holds "
			      "the exact bytes.</footer>\n</body>\n</html>\n");
	return err;
}

