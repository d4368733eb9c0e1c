/*
 * html.c - the lab report: one self-contained HTML file (report.h,
 * report_html_open).
 *
 * Shape (every element is built with libxml2's tree API and written by
 * its HTML serializer, so the escaping of text and attributes is the
 * library's; only the fixed skeleton below is written as literals):
 *
 *   <!DOCTYPE html><html lang="en"><head> charset, title, inline CSS </head>
 *   <body>
 *     <header>  title; facts: date, tool and SIPp versions, TLS, options,
 *               command line; one row per suite: name, file, target as
 *               named and resolved, transport, the SUT's software (the
 *               first Server or User-Agent header received in the suite)
 *     <section id="summary">  totals; counts per verdict per suite; one
 *               row per test, linked to its section; why the run stopped
 *               and what the bounds cut, if anything
 *     <main>    one <section class="test" id="tN"> per test: verdict,
 *               suite, duration, evidence directory, message; a table of
 *               every check listed (outcome, id and level, RFC 3261
 *               section, the catalogue's normative text, the reason and
 *               where its evidence is); the SIP messages of the excerpt,
 *               each a <pre> in which the evidence slice of every listed
 *               check is a <mark> (class fail, warn, or pass: the proof
 *               of a passing check); the notes
 *   </body></html>
 *
 * No script, no external resource, no URL: the file renders alone,
 * offline, and prints one test per page (@media print).
 *
 * Bounds are report.h's (report_excerpt_plan: the report quotes at most
 * REPORT_TOTAL_BYTES of messages and lists at most REPORT_CASE_CHECKS
 * checks per test, failing and warning ones first); a passing test is
 * quoted like any other: its marks are its proof.
 *
 * Untrusted bytes (everything in a report_case, suite names and files,
 * targets, argv) become text through html_untrusted() only: the
 * project's one escaping policy for bytes beyond printable ASCII
 * (base/repr.h), then a libxml2 text node.
 *
 * Memory stays flat: each test's section and its summary row are
 * rendered as the test ends into two anonymous spool files; per suite
 * only names and counts are kept.  The document is assembled at close
 * (report_close) into a temp file renamed over PATH (base/file.h
 * file_out); "-", a FIFO or a device gets it written through.
 */
#include "report/report_impl.h"
#include "base/file.h"
#include "base/repr.h"
#include "sip/msg.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

/* Bound on the suites of one report (each keeps a few strings). */
#define HTML_MAX_SUITES 100000
/* Bytes of a Server/User-Agent value shown. */
#define HTML_SUT_BYTES 256

struct hsuite {
	char *name, *file;      /* as given (untrusted: rendered when written) */
	char *host, *address, *transport;
	unsigned port;
	const char *sw_name;    /* "Server" or "User-Agent": the first seen, NULL */
	char *sw;               /* its value (untrusted, sw_len bytes) */
	size_t sw_len;
	unsigned long n[VERDICT_COUNT];
	double seconds;         /* suite_end's, or the sum of its tests' */
	bool ended;
};

struct html {
	struct file_out out;
	htmlDocPtr doc;         /* owner of the nodes being built */
	int rows_fd, tests_fd;  /* spools: summary rows, test sections; -1 until used */
	struct hsuite *suites;
	size_t nsuites, cap;
	unsigned long ntests;
	size_t budget;          /* message bytes the report may still quote */
	struct report_cut cut;  /* what the report left out */
	char *stopped;          /* why the run stopped early, NULL */
	struct report_run run;  /* strings copied (below); have_run: given */
	bool have_run;
	char *argv;             /* the command line joined, NULL */
	int err;                /* first error, sticky */
};

static const char *const verdict_word[VERDICT_COUNT] = {
	"PASS", "FAIL", "ERROR", "SKIP", "INCONCLUSIVE"
};

/* ---- building nodes (a NULL parent does nothing: errors are sticky) ---- */

#define BC(s) ((const xmlChar *)(s))

/* A child element of parent, with class cls (NULL: none). */
static xmlNodePtr el(struct html *h, xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n;

	if (!parent)
		return NULL;
	n = xmlNewChild(parent, NULL, BC(name), NULL);
	if (!n || (cls && !xmlNewProp(n, BC("class"), BC(cls)))) {
		h->err = h->err ? h->err : ENOMEM;
		return n;
	}
	return n;
}

static void attr(struct html *h, xmlNodePtr n, const char *name, const char *value)
{
	if (n && !xmlNewProp(n, BC(name), BC(value)))
		h->err = h->err ? h->err : ENOMEM;
}

/* Trusted text (the report's own words). */
static void lit(struct html *h, xmlNodePtr parent, const char *s)
{
	xmlNodePtr t;

	if (!parent || !s || !*s)
		return;
	t = xmlNewDocText(h->doc, BC(s));
	if (!t || !xmlAddChild(parent, t)) {
		xmlFreeNode(t);
		h->err = h->err ? h->err : ENOMEM;
	}
}

/*
 * Untrusted bytes as text: the one place they are rendered (base/repr.h's
 * policy: valid UTF-8, no control byte, "\r\n" visible with REPR_LINES);
 * libxml2 escapes the rest when it serializes.
 */
static void html_untrusted(struct html *h, xmlNodePtr parent, const void *p, size_t n,
			   unsigned flags)
{
	struct repr r;

	if (!parent || !n)
		return;
	repr_init(&r);
	repr_cat(&r, p, n, flags);
	if (r.err)
		h->err = h->err ? h->err : r.err;
	else
		lit(h, parent, r.s);
	repr_reset(&r);
}

static void text(struct html *h, xmlNodePtr parent, const char *s)
{
	if (s)
		html_untrusted(h, parent, s, strlen(s), 0);
}

/* An element holding untrusted text s. */
static xmlNodePtr el_text(struct html *h, xmlNodePtr parent, const char *name,
			  const char *cls, const char *s)
{
	xmlNodePtr n = el(h, parent, name, cls);

	text(h, n, s);
	return n;
}

static void lit_ulong(struct html *h, xmlNodePtr parent, unsigned long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%lu", v);
	lit(h, parent, b);
}

/* A new root element (not in the document tree): the caller writes and frees it. */
static xmlNodePtr root(struct html *h, const char *name, const char *cls)
{
	xmlNodePtr n = xmlNewDocNode(h->doc, NULL, BC(name), NULL);

	if (!n || (cls && !xmlNewProp(n, BC("class"), BC(cls)))) {
		h->err = h->err ? h->err : ENOMEM;
		xmlFreeNode(n);
		return NULL;
	}
	return n;
}

/* Serialize n (HTML, UTF-8) to fd, then free it.  A build error wins. */
static int put_node(struct html *h, xmlNodePtr n, int fd)
{
	xmlBufferPtr b;
	xmlOutputBufferPtr ob;
	int err = h->err;

	if (!n)
		return err ? err : ENOMEM;
	b = err ? NULL : xmlBufferCreate();
	ob = b ? xmlOutputBufferCreateBuffer(b, NULL) : NULL;
	if (!err && !ob)
		err = ENOMEM;
	if (!err) {
		htmlNodeDumpFormatOutput(ob, h->doc, n, "UTF-8", 1);
		if (xmlOutputBufferFlush(ob) < 0 || ob->error)
			err = ENOMEM;
	}
	if (ob)
		xmlOutputBufferClose(ob);
	if (!err)
		err = file_write_fd(fd, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	if (!err)
		err = file_write_fd(fd, "\n", 1);
	if (b)
		xmlBufferFree(b);
	xmlFreeNode(n);
	return err;
}

/* ---- the SUT's software: Server or User-Agent of a received message ---- */

static void sniff_software(struct hsuite *s, const struct report_case *c)
{
	static const char *const names[] = { "Server", "User-Agent" };
	size_t i, k;

	for (i = 0; !s->sw_name && c->msgs && i < c->nmsgs; i++) {
		const struct report_msg *m = &c->msgs[i];
		struct sipmsg *msg = NULL;
		struct sipmsg_err e;

		if (!m->label || !strstr(m->label, "received") || !m->bytes.l ||
		    sipmsg_parse(&msg, m->bytes.p, m->bytes.l, &e) != 0)
			continue;
		for (k = 0; k < 2 && !s->sw_name; k++) {
			const struct siphdr *hd = sipmsg_hdr_name(msg, names[k]);

			if (!hd || !hd->value.l)
				continue;
			s->sw_len = hd->value.l > HTML_SUT_BYTES ? HTML_SUT_BYTES : hd->value.l;
			s->sw = malloc(s->sw_len);
			if (s->sw) {            /* else not shown */
				memcpy(s->sw, hd->value.p, s->sw_len);
				s->sw_name = names[k];
			}
		}
		sipmsg_free(msg);
	}
}

/* ---- one test ----------------------------------------------------------- */

static const char *outcome_word(enum check_outcome o)
{
	static const char *const w[] = { "PASS", "FAIL", "WARN", "N/A" };

	return (unsigned)o < 4 ? w[o] : "?";
}

static const char *outcome_class(enum check_outcome o)
{
	static const char *const w[] = { "pass", "fail", "warn", "na" };

	return (unsigned)o < 4 ? w[o] : "na";
}

/* A marked slice of a quoted message: [a, b) of its bytes. */
struct hspan {
	size_t a, b;
	enum check_outcome o;
	const char *id;
};

/* Where cr's evidence lies in m's first show bytes: 0 and [*a, *b), or -1. */
static int evidence_in(const struct check_result *cr, const struct report_msg *m, size_t show,
		       size_t *a, size_t *b)
{
	uintptr_t mp = (uintptr_t)m->bytes.p, ep = (uintptr_t)cr->evidence.p;

	if (!cr->evidence.l || !m->bytes.p || !cr->evidence.p || ep < mp ||
	    ep - mp >= m->bytes.l || cr->evidence.l > m->bytes.l - (ep - mp))
		return -1;
	*a = ep - mp;
	*b = *a + cr->evidence.l;
	if (*b > show)
		*b = show;
	return *a < *b ? 0 : -1;
}

/* The quoted message k of the excerpt (index of c->msgs) holding cr's evidence, or -1. */
static long evidence_msg(const struct report_case *c, const struct report_excerpt *ex,
			 const struct check_result *cr)
{
	size_t k, a, b;

	for (k = 0; k < ex->n; k++)
		if (!evidence_in(cr, &c->msgs[ex->idx[k]], ex->show[k], &a, &b))
			return (long)k;
	return -1;
}

/* The span that shows at pos (the worst outcome covering it: fail, warn, pass), or -1. */
static long span_at(const struct hspan *sp, size_t ns, size_t pos)
{
	static const int rank[] = { 1, 3, 2, 0 };  /* by outcome: pass, fail, warn, na */
	long best = -1;
	size_t i;

	for (i = 0; i < ns; i++)
		if (sp[i].a <= pos && pos < sp[i].b &&
		    (best < 0 || rank[sp[i].o] > rank[sp[best].o]))
			best = (long)i;
	return best;
}

/* The first span edge after pos, or n. */
static size_t span_next(const struct hspan *sp, size_t ns, size_t pos, size_t n)
{
	size_t end = n, i;

	for (i = 0; i < ns; i++) {
		if (sp[i].a > pos && sp[i].a < end)
			end = sp[i].a;
		if (sp[i].b > pos && sp[i].b < end)
			end = sp[i].b;
	}
	return end;
}

/*
 * bytes[0, n) into pre, each span a <mark class=outcome title=check id>
 * (the CSS shows the id of a failing or warning one after it); where
 * spans overlap the worst outcome shows.
 */
static void put_marked(struct html *h, xmlNodePtr pre, const char *p, size_t n,
		       const struct hspan *sp, size_t ns)
{
	size_t pos = 0, end;
	long best;

	while (pos < n) {
		best = span_at(sp, ns, pos);
		end = span_next(sp, ns, pos, n);
		while (end < n && span_at(sp, ns, end) == best)
			end = span_next(sp, ns, end, n);
		if (best < 0)
			html_untrusted(h, pre, p + pos, end - pos, REPR_LINES);
		else {
			xmlNodePtr mk = el(h, pre, "mark", outcome_class(sp[best].o));

			attr(h, mk, "title", sp[best].id);
			html_untrusted(h, mk, p + pos, end - pos, REPR_LINES);
		}
		pos = end;
	}
}

/* The id of check cr, rendered. */
static char *check_id(const struct check_result *cr)
{
	return repr_dups(cr->rule && cr->rule->id ? cr->rule->id : "?", 0);
}

/* The messages of the excerpt, with the evidence of every listed check marked. */
static void put_msgs(struct html *h, xmlNodePtr sec, const struct report_case *c,
		     const struct report_excerpt *ex, unsigned long t)
{
	struct hspan sp[REPORT_CASE_CHECKS];
	char *ids[REPORT_CASE_CHECKS];
	char anchor[48];
	size_t k, i, ns;

	if (!ex->n)
		return;
	lit(h, el(h, sec, "h4", NULL), "SIP messages");
	for (k = 0; k < ex->n; k++) {
		const struct report_msg *m = &c->msgs[ex->idx[k]];
		struct report_walk w = { 0, 0 };
		xmlNodePtr fig = el(h, sec, "figure", "msg"), cap;

		snprintf(anchor, sizeof(anchor), "t%lu-m%zu", t, k + 1);
		attr(h, fig, "id", anchor);
		cap = el(h, fig, "figcaption", NULL);
		text(h, cap, m->label && *m->label ? m->label : "message");
		for (i = ns = 0; c->checks && i < c->nchecks; i++) {
			const struct check_result *cr = &c->checks[i];

			if (!report_check_listed(ex, cr, &w) || cr->outcome == CHECK_NA ||
			    ns == REPORT_CASE_CHECKS ||
			    evidence_in(cr, m, ex->show[k], &sp[ns].a, &sp[ns].b))
				continue;
			sp[ns].o = cr->outcome;
			ids[ns] = check_id(cr);
			sp[ns].id = ids[ns] ? ids[ns] : "?";
			ns++;
		}
		put_marked(h, el(h, fig, "pre", NULL), m->bytes.p, ex->show[k], sp, ns);
		for (i = 0; i < ns; i++)
			free(ids[i]);
		if (ex->show[k] < m->bytes.l) {
			xmlNodePtr cut = el(h, fig, "p", "cut");

			lit(h, cut, "cut: ");
			lit_ulong(h, cut, (unsigned long)(m->bytes.l - ex->show[k]));
			lit(h, cut, " more bytes (the evidence directory has them)");
		}
	}
}

/* One row of the checks table. */
static void put_check(struct html *h, xmlNodePtr tbody, const struct report_case *c,
		      const struct report_excerpt *ex, const struct check_result *cr,
		      unsigned long t)
{
	const struct rule *ru = cr->rule;
	xmlNodePtr tr = el(h, tbody, "tr", outcome_class(cr->outcome)), td;
	char anchor[48];
	long k;

	el_text(h, el(h, tr, "td", "o"), "span", "o", outcome_word(cr->outcome));
	td = el(h, tr, "td", "id");
	el_text(h, td, "code", NULL, ru && ru->id ? ru->id : "?");
	lit(h, el(h, td, "div", "lvl"), ru ? rule_level_name(ru->level) : "?");
	if (ru && ru->kind == RULE_EXPECTATION)
		lit(h, el(h, td, "div", "lvl"), "suite expectation");
	td = el(h, tr, "td", "sec");
	lit(h, td, "RFC 3261 \xc2\xa7");
	text(h, td, ru && ru->section ? ru->section : "?");
	el_text(h, tr, "td", "req", ru && ru->text ? ru->text : "");
	td = el(h, tr, "td", "why");
	html_untrusted(h, td, cr->reason, strnlen(cr->reason, sizeof(cr->reason)), 0);
	if (!cr->evidence.l || cr->outcome == CHECK_NA)
		return;
	k = evidence_msg(c, ex, cr);
	if (k >= 0) {
		xmlNodePtr ev = el(h, td, "div", "ev"), a;

		lit(h, ev, cr->outcome == CHECK_PASS ? "proof: marked in " : "evidence: marked in ");
		snprintf(anchor, sizeof(anchor), "#t%lu-m%ld", t, k + 1);
		a = el(h, ev, "a", NULL);
		attr(h, a, "href", anchor);
		text(h, a, c->msgs[ex->idx[k]].label && *c->msgs[ex->idx[k]].label ?
		     c->msgs[ex->idx[k]].label : "message");
	}
	if (k < 0 || report_check_fw(cr)) {
		xmlNodePtr ev = el(h, td, "div", "ev");

		lit(h, ev, "evidence: ");
		html_untrusted(h, el(h, ev, "code", NULL), cr->evidence.p,
			       cr->evidence.l > REPORT_MSG_BYTES ? REPORT_MSG_BYTES : cr->evidence.l, 0);
	}
}

static void put_checks(struct html *h, xmlNodePtr sec, const struct report_case *c,
		       const struct report_excerpt *ex, unsigned long t)
{
	static const char *const head[] = { "outcome", "check", "citation",
					    "requirement (check catalogue)", "result" };
	struct report_walk w = { 0, 0 };
	xmlNodePtr tbl, tr, tbody;
	size_t i;

	if (!c->checks || !c->nchecks) {
		lit(h, el(h, sec, "p", "none"), "No check was evaluated.");
		return;
	}
	tbl = el(h, sec, "table", "checks");
	tr = el(h, el(h, tbl, "thead", NULL), "tr", NULL);
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		lit(h, el(h, tr, "th", NULL), head[i]);
	tbody = el(h, tbl, "tbody", NULL);
	for (i = 0; i < c->nchecks; i++)
		if (report_check_listed(ex, &c->checks[i], &w))
			put_check(h, tbody, c, ex, &c->checks[i], t);
}

/* The section of test number t (from 1). */
static xmlNodePtr test_section(struct html *h, const struct report_case *c,
			       const struct report_excerpt *ex, const struct hsuite *s,
			       unsigned long t)
{
	const char *vc = verdict_name(c->verdict);
	xmlNodePtr sec = root(h, "section", "test"), hd, p, a;
	char anchor[32], secs[32];

	snprintf(anchor, sizeof(anchor), "t%lu", t);
	attr(h, sec, "id", anchor);
	hd = el(h, sec, "h3", NULL);
	lit(h, el(h, hd, "span", vc), verdict_word[c->verdict]);
	lit(h, hd, " ");
	text(h, hd, c->id);
	p = el(h, sec, "p", "meta");
	lit(h, p, "test ");
	lit_ulong(h, p, t);
	lit(h, p, " \xc2\xb7 suite ");
	text(h, p, c->classname ? c->classname : s->name);
	lit(h, p, " \xc2\xb7 ");
	lit(h, p, repr_seconds(secs, c->seconds));
	lit(h, p, " s \xc2\xb7 ");
	a = el(h, p, "a", NULL);
	attr(h, a, "href", "#summary");
	lit(h, a, "summary");
	if (c->evidence_dir) {
		p = el(h, sec, "p", "meta");
		lit(h, p, "evidence directory: ");
		el_text(h, p, "code", NULL, c->evidence_dir);
	}
	if (c->message && *c->message)
		el_text(h, sec, "p", "message", c->message);
	put_checks(h, sec, c, ex, t);
	put_msgs(h, sec, c, ex, t);
	if (report_cut_any(&ex->cut)) {
		char cut[512];

		report_cut_str(cut, sizeof(cut), &ex->cut, c->msgs ? (unsigned long)c->nmsgs : 0);
		p = el(h, sec, "p", "cut");
		lit(h, p, "report cut: ");
		lit(h, p, cut);
	}
	if (c->notes && *c->notes) {
		lit(h, el(h, sec, "h4", NULL), "Notes");
		html_untrusted(h, el(h, sec, "pre", "notes"), c->notes, strlen(c->notes), REPR_LINES);
	}
	return sec;
}

/* The summary row of test t. */
static xmlNodePtr test_row(struct html *h, const struct report_case *c, const struct hsuite *s,
			   unsigned long t)
{
	xmlNodePtr tr = root(h, "tr", NULL), a;
	char anchor[32], secs[32];

	lit_ulong(h, el(h, tr, "td", "num"), t);
	el_text(h, tr, "td", NULL, c->classname ? c->classname : s->name);
	snprintf(anchor, sizeof(anchor), "#t%lu", t);
	a = el(h, el(h, tr, "td", NULL), "a", NULL);
	attr(h, a, "href", anchor);
	text(h, a, c->id);
	lit(h, el(h, el(h, tr, "td", NULL), "span", verdict_name(c->verdict)),
	    verdict_word[c->verdict]);
	lit(h, el(h, tr, "td", "num"), repr_seconds(secs, c->seconds));
	el_text(h, tr, "td", "message", c->message ? c->message : "");
	return tr;
}

/* ---- the document ------------------------------------------------------- */

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
	"p.stopped{color:var(--fail);font-weight:600}\n"
	"footer{margin-top:3em;color:#57606a;font-size:.85em}\n"
	"@media print{body{max-width:none;padding:0;font-size:11px}"
	"section.test{break-before:page;border-top:none}"
	"tr,figure,pre{break-inside:avoid-page}a{color:inherit;text-decoration:none}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static void fact(struct html *h, xmlNodePtr tbl, const char *name, const char *value,
		 bool untrusted)
{
	xmlNodePtr tr = el(h, tbl, "tr", NULL), td;

	lit(h, el(h, tr, "th", NULL), name);
	td = el(h, tr, "td", NULL);
	if (untrusted)
		text(h, td, value);
	else
		lit(h, td, value);
}

/* The facts of the run: date, versions, options. */
static xmlNodePtr run_facts(struct html *h)
{
	const struct report_run *r = &h->run;
	xmlNodePtr tbl = root(h, "table", "facts");
	char date[64] = "unknown", opt[512];
	struct tm tm;

	if (h->have_run && gmtime_r(&r->started, &tm))
		strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S UTC", &tm);
	fact(h, tbl, "Date", date, false);
#ifdef SIPCONFORM_VERSION
	fact(h, tbl, "Tool", "sipconform " SIPCONFORM_VERSION, false);
#else
	fact(h, tbl, "Tool", "sipconform", false);
#endif
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
	xmlNodePtr tbl = root(h, "table", "suts"), tr;
	char port[16];
	size_t i;

	tr = el(h, el(h, tbl, "thead", NULL), "tr", NULL);
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		lit(h, el(h, tr, "th", NULL), head[i]);
	for (i = 0; i < h->nsuites; i++) {
		const struct hsuite *s = &h->suites[i];
		xmlNodePtr td;

		tr = el(h, tbl, "tr", NULL);
		el_text(h, tr, "td", NULL, s->name);
		el_text(h, el(h, tr, "td", NULL), "code", NULL, s->file);
		td = el(h, tr, "td", NULL);
		if (s->host) {
			text(h, td, s->host);
			snprintf(port, sizeof(port), ":%u", s->port);
			lit(h, td, port);
		}
		el_text(h, tr, "td", NULL, s->address ? s->address : "");
		el_text(h, tr, "td", NULL, s->transport ? s->transport : "");
		td = el(h, tr, "td", NULL);
		if (s->sw_name) {
			lit(h, td, s->sw_name);
			lit(h, td, ": ");
			html_untrusted(h, td, s->sw, s->sw_len, 0);
		} else
			lit(h, td, "none seen");
	}
	return tbl;
}

/* Totals and the counts per verdict per suite. */
static xmlNodePtr count_table(struct html *h, unsigned long tot[VERDICT_COUNT])
{
	static const char *const head[] = { "suite", "tests", "passed", "failed", "errors",
					    "skipped", "inconclusive", "time (s)" };
	xmlNodePtr tbl = root(h, "table", "counts"), tr;
	char secs[32];
	size_t i, v;

	tr = el(h, el(h, tbl, "thead", NULL), "tr", NULL);
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		lit(h, el(h, tr, "th", NULL), head[i]);
	for (i = 0; i < h->nsuites; i++) {
		const struct hsuite *s = &h->suites[i];
		unsigned long n = 0;

		for (v = 0; v < VERDICT_COUNT; v++)
			n += s->n[v];
		tr = el(h, tbl, "tr", NULL);
		el_text(h, tr, "td", NULL, s->name);
		lit_ulong(h, el(h, tr, "td", "num"), n);
		for (v = 0; v < VERDICT_COUNT; v++)
			lit_ulong(h, el(h, tr, "td", "num"), s->n[v]);
		lit(h, el(h, tr, "td", "num"), repr_seconds(secs, s->seconds));
	}
	tr = el(h, tbl, "tr", "total");
	lit(h, el(h, tr, "th", NULL), "all suites");
	lit_ulong(h, el(h, tr, "th", "num"), h->ntests);
	for (v = 0; v < VERDICT_COUNT; v++)
		lit_ulong(h, el(h, tr, "th", "num"), tot[v]);
	lit(h, el(h, tr, "th", NULL), "");
	return tbl;
}

/* "N tests: P passed, F failed, E errors, I inconclusive, S skipped", as the terminal says. */
static xmlNodePtr totals_line(struct html *h, const unsigned long tot[VERDICT_COUNT])
{
	xmlNodePtr p = root(h, "p", "totals");
	char line[256];

	snprintf(line, sizeof(line), "%lu tests: %lu passed, %lu failed, %lu errors, "
		 "%lu inconclusive, %lu skipped", h->ntests, tot[VERDICT_PASS], tot[VERDICT_FAIL],
		 tot[VERDICT_ERROR], tot[VERDICT_INCONCLUSIVE], tot[VERDICT_SKIP]);
	lit(h, el(h, p, "strong", NULL), line);
	return p;
}

static int put_lit(int fd, const char *s)
{
	return file_write_fd(fd, s, strlen(s));
}

static int write_doc(struct html *h, int fd)
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
		err = put_node(h, run_facts(h), fd);
	if (!err)
		err = put_lit(fd, "<h2>System under test</h2>\n");
	if (!err)
		err = put_node(h, sut_table(h), fd);
	if (!err)
		err = put_lit(fd, "</header>\n<section id=\"summary\">\n<h2>Summary</h2>\n");
	if (!err)
		err = put_node(h, totals_line(h, tot), fd);
	if (!err && h->stopped) {
		xmlNodePtr p = root(h, "p", "stopped");

		lit(h, p, "The run stopped early: ");
		text(h, p, h->stopped);
		err = put_node(h, p, fd);
	}
	if (!err && report_cut_any(&h->cut)) {
		char cut[512];
		xmlNodePtr p = root(h, "p", "cut");

		report_cut_str(cut, sizeof(cut), &h->cut, 0);
		lit(h, p, "report cut: ");
		lit(h, p, cut);
		err = put_node(h, p, fd);
	}
	if (!err)
		err = put_node(h, count_table(h, tot), fd);
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

/* ---- events ------------------------------------------------------------- */

static void hsuite_free(struct hsuite *s)
{
	free(s->name);
	free(s->file);
	free(s->host);
	free(s->address);
	free(s->transport);
	free(s->sw);
}

static char *dup0(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int html_run_info(void *st, const struct report_run *info)
{
	struct html *h = st;
	struct repr a;
	size_t i;

	if (h->have_run)
		return 0;
	h->run = *info;
	h->run.tool_version = dup0(info->tool_version);
	h->run.sipp_path = dup0(info->sipp_path);
	h->run.sipp_version = dup0(info->sipp_version);
	h->run.tls_via = dup0(info->tls_via);
	h->run.tls_verify = dup0(info->tls_verify);
	h->run.waivers = dup0(info->waivers);
	h->run.argv = NULL;
	h->have_run = true;
	repr_init(&a);
	for (i = 0; info->argv && info->argv[i]; i++) {
		if (i)
			repr_lit(&a, " ");
		repr_lit(&a, info->argv[i]);    /* rendered when written */
	}
	if (info->argv)
		h->argv = repr_detach(&a);
	repr_reset(&a);
	if ((info->tool_version && !h->run.tool_version) || (info->sipp_path && !h->run.sipp_path) ||
	    (info->sipp_version && !h->run.sipp_version) || (info->tls_via && !h->run.tls_via) ||
	    (info->tls_verify && !h->run.tls_verify) || (info->waivers && !h->run.waivers) ||
	    (info->argv && !h->argv))
		return ENOMEM;
	return 0;
}

static int spools_open(struct html *h)
{
	int fd;

	if (h->rows_fd < 0) {
		if ((fd = file_anon_fd()) < 0)
			return -fd;
		h->rows_fd = fd;
	}
	if (h->tests_fd < 0) {
		if ((fd = file_anon_fd()) < 0)
			return -fd;
		h->tests_fd = fd;
	}
	return 0;
}

static int html_suite_begin(void *st, const char *name, const char *file, time_t start)
{
	struct html *h = st;
	struct hsuite *s;
	int err;

	(void)start;
	if ((err = spools_open(h)) != 0)
		return err;
	if (h->nsuites == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 4;
		struct hsuite *ns;

		if (cap > HTML_MAX_SUITES)
			return EOVERFLOW;
		ns = realloc(h->suites, cap * sizeof(*ns));
		if (!ns)
			return ENOMEM;
		h->suites = ns;
		h->cap = cap;
	}
	s = &h->suites[h->nsuites];
	memset(s, 0, sizeof(*s));
	s->name = strdup(name ? name : "");
	s->file = strdup(file ? file : "");
	if (!s->name || !s->file) {
		hsuite_free(s);
		return ENOMEM;
	}
	h->nsuites++;
	return 0;
}

static int html_suite_target(void *st, const struct report_target *t)
{
	struct html *h = st;
	struct hsuite *s;

	if (!h->nsuites)
		return EINVAL;
	s = &h->suites[h->nsuites - 1];
	free(s->host);
	free(s->address);
	free(s->transport);
	s->host = dup0(t->host);
	s->address = dup0(t->address);
	s->transport = dup0(t->transport);
	s->port = t->port;
	if ((t->host && !s->host) || (t->address && !s->address) ||
	    (t->transport && !s->transport))
		return ENOMEM;
	return 0;
}

static int html_case_end(void *st, const struct report_case *c)
{
	struct html *h = st;
	struct report_excerpt ex;
	struct hsuite *s;
	int err;

	if (!h->nsuites || h->suites[h->nsuites - 1].ended || (unsigned)c->verdict >= VERDICT_COUNT)
		return EINVAL;
	if (h->err)
		return h->err;
	s = &h->suites[h->nsuites - 1];
	report_excerpt_plan(&ex, &h->budget, &h->cut, c);
	sniff_software(s, c);
	h->ntests++;
	err = put_node(h, test_row(h, c, s, h->ntests), h->rows_fd);
	if (!err)
		err = put_node(h, test_section(h, c, &ex, s, h->ntests), h->tests_fd);
	if (err) {
		h->err = err;
		return err;
	}
	s->n[c->verdict]++;
	if (c->seconds > 0)
		s->seconds += c->seconds;
	return 0;
}

static int html_suite_end(void *st, double seconds)
{
	struct html *h = st;
	struct hsuite *s;

	if (!h->nsuites || h->suites[h->nsuites - 1].ended)
		return EINVAL;
	s = &h->suites[h->nsuites - 1];
	s->seconds = seconds > 0 ? seconds : 0;
	s->ended = true;
	return 0;
}

static int html_stopped(void *st, const char *why)
{
	struct html *h = st;

	free(h->stopped);
	h->stopped = strdup(why);
	return h->stopped ? 0 : ENOMEM;
}

static void html_free(struct html *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->nsuites; i++)
		hsuite_free(&h->suites[i]);
	free(h->suites);
	free(h->stopped);
	free(h->argv);
	free((char *)h->run.tool_version);
	free((char *)h->run.sipp_path);
	free((char *)h->run.sipp_version);
	free((char *)h->run.tls_via);
	free((char *)h->run.tls_verify);
	free((char *)h->run.waivers);
	if (h->rows_fd >= 0)
		close(h->rows_fd);
	if (h->tests_fd >= 0)
		close(h->tests_fd);
	if (h->doc)
		xmlFreeDoc(h->doc);
	file_out_close(&h->out);
	free(h);
}

static void html_discard(void *st)
{
	html_free(st);
}

static int html_close(void *st)
{
	struct html *h = st;
	int err = h->err;

	if (!err && h->out.stream) {
		err = file_out_write(&h->out, "", 0);   /* stdio first */
		if (!err)
			err = write_doc(h, h->out.fd);
	} else if (!err) {
		err = file_out_begin(&h->out);
		if (!err)
			err = write_doc(h, h->out.fd);
		if (!err)
			err = file_out_commit(&h->out);
	}
	html_free(h);
	return err;
}

static const struct report_ops html_ops = {
	.suite_begin = html_suite_begin,
	.case_end = html_case_end,
	.suite_end = html_suite_end,
	.stopped = html_stopped,
	.close = html_close,
	.discard = html_discard,
	.run_info = html_run_info,
	.suite_target = html_suite_target,
};

int report_html_open(struct reporter **rp, const char *path)
{
	struct html *h;
	int err;

	if (!rp || !path || !*path)
		return EINVAL;
	h = calloc(1, sizeof(*h));
	if (!h)
		return ENOMEM;
	h->rows_fd = h->tests_fd = -1;
	h->budget = REPORT_TOTAL_BYTES;
	h->doc = htmlNewDocNoDtD(NULL, NULL);
	if (!h->doc) {
		html_free(h);
		return ENOMEM;
	}
	/* The first temp is made now: an unwritable path fails before the run. */
	err = file_out_open(&h->out, path);
	if (!err)
		err = report_new(rp, &html_ops, h);
	if (err)
		html_free(h);
	return err;
}
