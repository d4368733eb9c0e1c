/*
 * html.c - the lab report: one self-contained HTML file (report.h,
 * report_html_open): the events, and each test's section and summary
 * row; the page around them is html_doc.c's (html_impl.h is shared).
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
#include "report/html_impl.h"
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

/* Bound on the suites of one report (each keeps a few strings). */
#define HTML_MAX_SUITES 100000
/* Bytes of a Server/User-Agent value shown. */
#define HTML_SUT_BYTES 256

static const char *const verdict_word[VERDICT_COUNT] = {
	"PASS", "FAIL", "ERROR", "SKIP", "INCONCLUSIVE"
};

/* ---- building nodes (a NULL parent does nothing: errors are sticky) ---- */

/* A child element of parent, with class cls (NULL: none). */
xmlNodePtr html_el(struct html *h, xmlNodePtr parent, const char *name, const char *cls)
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

void html_attr(struct html *h, xmlNodePtr n, const char *name, const char *value)
{
	if (n && !xmlNewProp(n, BC(name), BC(value)))
		h->err = h->err ? h->err : ENOMEM;
}

/* Trusted text (the report's own words). */
void html_lit(struct html *h, xmlNodePtr parent, const char *s)
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
void html_untrusted(struct html *h, xmlNodePtr parent, const void *p, size_t n,
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
		html_lit(h, parent, r.s);
	repr_reset(&r);
}

void html_text(struct html *h, xmlNodePtr parent, const char *s)
{
	if (s)
		html_untrusted(h, parent, s, strlen(s), 0);
}

/* An element holding untrusted text s. */
xmlNodePtr html_el_text(struct html *h, xmlNodePtr parent, const char *name,
			  const char *cls, const char *s)
{
	xmlNodePtr n = html_el(h, parent, name, cls);

	html_text(h, n, s);
	return n;
}

void html_lit_ulong(struct html *h, xmlNodePtr parent, unsigned long v)
{
	char b[24];

	snprintf(b, sizeof(b), "%lu", v);
	html_lit(h, parent, b);
}

/* A new root element (not in the document tree): the caller writes and frees it. */
xmlNodePtr html_root(struct html *h, const char *name, const char *cls)
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
int html_put_node(struct html *h, xmlNodePtr n, int fd)
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

/*
 * The first Server (in a response) or User-Agent header among c's
 * received messages, if s has none yet.  Which messages were received
 * is said by their labels (report/evidence.h: "received #N (...)",
 * after the run's label).
 */
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
			xmlNodePtr mk = html_el(h, pre, "mark", outcome_class(sp[best].o));

			html_attr(h, mk, "title", sp[best].id);
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
	html_lit(h, html_el(h, sec, "h4", NULL), "SIP messages");
	for (k = 0; k < ex->n; k++) {
		const struct report_msg *m = &c->msgs[ex->idx[k]];
		struct report_walk w = { 0, 0 };
		xmlNodePtr fig = html_el(h, sec, "figure", "msg"), cap;

		snprintf(anchor, sizeof(anchor), "t%lu-m%zu", t, k + 1);
		html_attr(h, fig, "id", anchor);
		cap = html_el(h, fig, "figcaption", NULL);
		html_text(h, cap, m->label && *m->label ? m->label : "message");
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
		put_marked(h, html_el(h, fig, "pre", NULL), m->bytes.p, ex->show[k], sp, ns);
		for (i = 0; i < ns; i++)
			free(ids[i]);
		if (ex->show[k] < m->bytes.l) {
			xmlNodePtr cut = html_el(h, fig, "p", "cut");

			html_lit(h, cut, "cut: ");
			html_lit_ulong(h, cut, (unsigned long)(m->bytes.l - ex->show[k]));
			html_lit(h, cut, " more bytes (the evidence directory has them)");
		}
	}
}

/* One row of the checks table. */
static void put_check(struct html *h, xmlNodePtr tbody, const struct report_case *c,
		      const struct report_excerpt *ex, const struct check_result *cr,
		      unsigned long t)
{
	const struct rule *ru = cr->rule;
	xmlNodePtr tr = html_el(h, tbody, "tr", outcome_class(cr->outcome)), td;
	char anchor[48];
	long k;

	html_el_text(h, html_el(h, tr, "td", "o"), "span", "o", outcome_word(cr->outcome));
	td = html_el(h, tr, "td", "id");
	html_el_text(h, td, "code", NULL, ru && ru->id ? ru->id : "?");
	html_lit(h, html_el(h, td, "div", "lvl"), ru ? rule_level_name(ru->level) : "?");
	if (ru && ru->kind == RULE_EXPECTATION)
		html_lit(h, html_el(h, td, "div", "lvl"), "suite expectation");
	td = html_el(h, tr, "td", "sec");
	html_lit(h, td, "RFC 3261 \xc2\xa7");
	html_text(h, td, ru && ru->section ? ru->section : "?");
	html_el_text(h, tr, "td", "req", ru && ru->text ? ru->text : "");
	td = html_el(h, tr, "td", "why");
	html_untrusted(h, td, cr->reason, strnlen(cr->reason, sizeof(cr->reason)), 0);
	if (!cr->evidence.l || cr->outcome == CHECK_NA)
		return;
	k = evidence_msg(c, ex, cr);
	if (k >= 0) {
		xmlNodePtr ev = html_el(h, td, "div", "ev"), a;

		html_lit(h, ev, cr->outcome == CHECK_PASS ? "proof: marked in " : "evidence: marked in ");
		snprintf(anchor, sizeof(anchor), "#t%lu-m%ld", t, k + 1);
		a = html_el(h, ev, "a", NULL);
		html_attr(h, a, "href", anchor);
		html_text(h, a, c->msgs[ex->idx[k]].label && *c->msgs[ex->idx[k]].label ?
		     c->msgs[ex->idx[k]].label : "message");
	}
	if (k < 0 || report_check_fw(cr)) {
		xmlNodePtr ev = html_el(h, td, "div", "ev");

		html_lit(h, ev, "evidence: ");
		html_untrusted(h, html_el(h, ev, "code", NULL), cr->evidence.p,
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
		html_lit(h, html_el(h, sec, "p", "none"), "No check was evaluated.");
		return;
	}
	tbl = html_el(h, sec, "table", "checks");
	tr = html_el(h, html_el(h, tbl, "thead", NULL), "tr", NULL);
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		html_lit(h, html_el(h, tr, "th", NULL), head[i]);
	tbody = html_el(h, tbl, "tbody", NULL);
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
	xmlNodePtr sec = html_root(h, "section", "test"), hd, p, a;
	char anchor[32], secs[32];

	snprintf(anchor, sizeof(anchor), "t%lu", t);
	html_attr(h, sec, "id", anchor);
	hd = html_el(h, sec, "h3", NULL);
	html_lit(h, html_el(h, hd, "span", vc), verdict_word[c->verdict]);
	html_lit(h, hd, " ");
	html_text(h, hd, c->id);
	p = html_el(h, sec, "p", "meta");
	html_lit(h, p, "test ");
	html_lit_ulong(h, p, t);
	html_lit(h, p, " \xc2\xb7 suite ");
	html_text(h, p, c->classname ? c->classname : s->name);
	html_lit(h, p, " \xc2\xb7 ");
	html_lit(h, p, repr_seconds(secs, c->seconds));
	html_lit(h, p, " s \xc2\xb7 ");
	a = html_el(h, p, "a", NULL);
	html_attr(h, a, "href", "#summary");
	html_lit(h, a, "summary");
	if (c->evidence_dir) {
		p = html_el(h, sec, "p", "meta");
		html_lit(h, p, "evidence directory: ");
		html_el_text(h, p, "code", NULL, c->evidence_dir);
	}
	if (c->message && *c->message)
		html_el_text(h, sec, "p", "message", c->message);
	put_checks(h, sec, c, ex, t);
	put_msgs(h, sec, c, ex, t);
	if (report_cut_any(&ex->cut)) {
		char cut[512];

		report_cut_str(cut, sizeof(cut), &ex->cut, c->msgs ? (unsigned long)c->nmsgs : 0);
		p = html_el(h, sec, "p", "cut");
		html_lit(h, p, "report cut: ");
		html_lit(h, p, cut);
	}
	if (c->notes && *c->notes) {
		html_lit(h, html_el(h, sec, "h4", NULL), "Notes");
		html_untrusted(h, html_el(h, sec, "pre", "notes"), c->notes, strlen(c->notes), REPR_LINES);
	}
	return sec;
}

/* The summary row of test t. */
static xmlNodePtr test_row(struct html *h, const struct report_case *c, const struct hsuite *s,
			   unsigned long t)
{
	xmlNodePtr tr = html_root(h, "tr", NULL), a;
	char anchor[32], secs[32];

	html_lit_ulong(h, html_el(h, tr, "td", "num"), t);
	html_el_text(h, tr, "td", NULL, c->classname ? c->classname : s->name);
	snprintf(anchor, sizeof(anchor), "#t%lu", t);
	a = html_el(h, html_el(h, tr, "td", NULL), "a", NULL);
	html_attr(h, a, "href", anchor);
	html_text(h, a, c->id);
	html_lit(h, html_el(h, html_el(h, tr, "td", NULL), "span", verdict_name(c->verdict)),
	    verdict_word[c->verdict]);
	html_lit(h, html_el(h, tr, "td", "num"), repr_seconds(secs, c->seconds));
	html_el_text(h, tr, "td", "message", c->message ? c->message : "");
	return tr;
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

	if (!h->nsuites)
		h->first_start = start;
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
	report_excerpt_plan_verdict(&ex, &h->budget, &h->cut, c);
	sniff_software(s, c);
	h->ntests++;
	err = html_put_node(h, test_row(h, c, s, h->ntests), h->rows_fd);
	if (!err)
		err = html_put_node(h, test_section(h, c, &ex, s, h->ntests), h->tests_fd);
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
			err = html_doc_write(h, h->out.fd);
	} else if (!err) {
		err = file_out_begin(&h->out);
		if (!err)
			err = html_doc_write(h, h->out.fd);
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
