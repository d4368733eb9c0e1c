/*
 * report_junit.c - JUnit XML reporter, written through libxml2 (its
 * xmlTextWriter renders every element and attribute, xmlEncodeSpecialChars
 * the free text: the library does the XML escaping; repr.c makes every
 * untrusted string valid UTF-8 without C0 controls first, because XML 1.0
 * §2.2 cannot carry those even as character references).
 *
 * Output shape, valid against fixtures/schemas/junit.xsd (the strict Ant
 * schema) and junit-jenkins.xsd:
 *
 *   <testsuites>
 *     <testsuite name tests failures errors skipped time timestamp
 *                hostname id package>            one per suite_begin/end
 *       <properties>                              (required)
 *         <property name="suite.file" value/>     the suite file
 *         <property name="generator" value/>      "sipconform VERSION"
 *         <property name="report.cut" value/>     what the bounds left out (if anything)
 *         <property name="tests.inconclusive" value/>  how many (if any)
 *         <property name="run.interrupted" value/>  the run stopped here (report_stopped)
 *       </properties>
 *       <testcase name classname time>            one per case
 *         <failure message type>text</failure>    VERDICT_FAIL
 *         <error message type>text</error>        VERDICT_ERROR
 *         <skipped message/>                      VERDICT_SKIP
 *         <skipped message="inconclusive: ...">text</skipped>  VERDICT_INCONCLUSIVE
 *       </testcase>
 *       <system-out>every check of every case, notes</system-out> (required)
 *       <system-err>why the run stopped, if it did</system-err>   (required)
 *     </testsuite>
 *   </testsuites>
 *
 * The strict schema (the Ant one: windyroad JUnit.xsd) allows nothing but
 * one of failure/error/skipped inside a testcase -- no <system-out> there,
 * though Jenkins' lenient schema has one -- so per-case output goes to the
 * suite's <system-out>, each line headed by "[case id] ": every check
 * evaluated with its outcome ("[id] PASS ID (§S, LEVEL): reason", NA
 * ones with why they were not judged; at most REPORT_CASE_CHECKS,
 * failing/warning ones first), the reason of an inconclusive verdict,
 * the notes, and for a pass or a skip its proof: the evidence directory
 * and the messages sent and received (those of a failure, an error or an
 * inconclusive test are in its element's text), bounded as report.h says
 * (a pass quotes only from the budget above REPORT_FAIL_RESERVE).  An inconclusive test is
 * a <skipped> (counted in 'skipped', so a consumer shows it as neither
 * pass nor failure) whose message starts "inconclusive: " and whose text
 * holds its evidence as a failure's does; the suite property
 * tests.inconclusive counts them.  timestamp is UTC without a zone
 * ("2026-11-25T08:00:00"), as the schema's pattern demands; times are
 * "%.3f" with a dot in any locale (repr_seconds).  Message excerpts are
 * bounded as report.h says; a case whose excerpt was cut ends its text
 * with a "[report cut: ...]" line.
 *
 * Counts precede the cases, and memory must stay flat however many tests
 * run: each case is rendered once, as it ends, into an anonymous spool
 * file (its <system-out> chunk into a second one); the document is then
 * written whole (suite headers rendered afresh, the spooled bytes copied)
 * to a new temp file next to PATH and renamed over it (base/file.h
 * file_out).  So PATH always holds a complete, valid document of the
 * tests finished up to its last rewrite (see below).  Nothing is written to PATH before the first
 * suite_begin.  PATH "-" (stdout), a FIFO or a device gets the document
 * once, at close.
 *
 * A rewrite costs the whole document, so rewriting after every case is
 * quadratic over a run (10,000 tests: 10,000 versions of a growing file).
 * A case ending triggers one only when REPORT_JUNIT_INTERVAL (1 s) has
 * passed since the last one ended, and JUNIT_REWRITE_RATIO times that
 * last one's duration (for a document so big that a rewrite takes over
 * a third of a second: writing stays under a quarter of the run).  The
 * cases that ended meanwhile are written by a flusher thread as soon as
 * that time has passed, whether or not another event comes (the next
 * test may run for minutes).  Every other event rewrites at once: a
 * suite's begin and end, the close.  So time per test stays flat, and a
 * SIGKILL loses at most the last second of tests (plus the running one;
 * TAP has every test line as it ends).  The flusher (report/flusher.h)
 * holds the reporter's mutex while it writes and blocks every signal; it
 * is started at the first suite_begin (never for a stream) and joined at
 * close or discard.
 */
#include "report/report_impl.h"
#include "report/flusher.h"
#include "base/file.h"
#include "base/monotime.h"
#include "base/repr.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/entities.h>
#include <libxml/xmlwriter.h>

/* Bound on the cases of one report (xs:int counts). */
#define JUNIT_MAX_CASES 100000
/* After a case, rewrite only when this many times the last rewrite's duration has passed, too. */
#define JUNIT_REWRITE_RATIO 3.0

struct jsuite {
	char *name;
	char *file;
	char timestamp[32];
	char time[32];
	double sum;             /* of case times, if suite_end never comes */
	bool ended;
	unsigned long tests, failures, errors, skipped;
	unsigned long inconclusive;     /* of skipped: inconclusive tests */
	off_t cases0, cases1;   /* its <testcase> elements in the cases spool */
	off_t out0, out1;       /* its <system-out> text (escaped) in the out spool */
	struct report_cut cut;  /* what its excerpts left out */
	char *stopped;          /* rendered reason the run stopped in it, NULL */
};

struct junit {
	struct file_out out;
	int cases_fd, out_fd;   /* anonymous spools; -1 until the first suite */
	off_t cases_len, out_len;
	struct jsuite *suites;
	size_t nsuites, cap;
	size_t total;
	char hostname[256];
	size_t budget;          /* message bytes the report may still quote */
	double last_end;        /* monotime_now() when the last rewrite ended */
	double last_cost;       /* how long it took */
	int err;                /* first write error, sticky */
	/* The flusher thread (see the top): everything above is j->mu's. */
	pthread_mutex_t mu;
	struct flusher *fl;     /* NULL: not started (or could not be) */
	bool dirty;             /* cases ended since the last rewrite */
};

/* One case while it is rendered. */
struct jcase {
	const char *name, *classname;
	enum verdict verdict;
	char time[32];
	char *message;          /* failure/error/skipped message; NULL for pass */
	char *type;             /* failure/error type */
	char *text;             /* body of failure/error */
};

/*
 * One line per check, then the evidence of a failing/warning one:
 *   FAIL RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 §21.4.6, MUST): reason
 *     evidence: bytes
 * all: every check the excerpt lists (PASS, FAIL, WARN, NA); else only
 * the failing/warning ones it lists (a failure's text).
 */
static void put_checks(struct repr *t, const struct report_case *c, const char *prefix,
		       const struct report_excerpt *ex, bool all)
{
	static const char *const word[] = { "PASS ", "FAIL ", "WARN ", "NA " };
	struct report_walk w = { 0, 0 };
	size_t i;

	for (i = 0; c->checks && i < c->nchecks; i++) {
		const struct check_result *cr = &c->checks[i];
		const struct rule *ru = cr->rule;
		const char *id = ru && ru->id ? ru->id : "?";

		if (!report_check_listed(ex, cr, &w) || (!all && !report_check_fw(cr)))
			continue;
		repr_lit(t, prefix);
		repr_lit(t, (unsigned)cr->outcome < 4 ? word[cr->outcome] : "? ");
		repr_cats(t, id, 0);
		repr_lit(t, " (");
		if (!strncmp(id, "RFC3261", 7) || !ru || !ru->id)
			repr_lit(t, "RFC 3261 ");
		repr_lit(t, "\xc2\xa7");        /* § */
		repr_cats(t, ru && ru->section ? ru->section : "?", 0);
		repr_lit(t, ", ");
		repr_lit(t, ru ? rule_level_name(ru->level) : "?");
		repr_lit(t, "): ");
		repr_cat(t, cr->reason, strnlen(cr->reason, sizeof(cr->reason)), 0);
		repr_lit(t, "\n");
		if (cr->evidence.l && report_check_fw(cr)) {
			repr_lit(t, prefix);
			repr_lit(t, "  evidence: ");
			repr_cat(t, cr->evidence.p, cr->evidence.l > REPORT_MSG_BYTES ?
				 REPORT_MSG_BYTES : cr->evidence.l, 0);
			repr_lit(t, "\n");
		}
	}
}

/* The evidence directory and the messages of the excerpt. */
static void put_msgs(struct repr *t, const struct report_case *c,
		     const struct report_excerpt *ex)
{
	size_t k;

	if (c->evidence_dir) {
		repr_lit(t, "evidence directory: ");
		repr_cats(t, c->evidence_dir, 0);
		repr_lit(t, "\n");
	}
	for (k = 0; k < ex->n; k++) {
		const struct report_msg *m = &c->msgs[ex->idx[k]];

		repr_lit(t, "--- ");
		repr_cats(t, m->label && *m->label ? m->label : "message", 0);
		repr_lit(t, " ---\n");
		repr_cat(t, m->bytes.p, ex->show[k], REPR_LINES);
		if (t->len && t->s[t->len - 1] != '\n')
			repr_lit(t, "\n");
		if (ex->show[k] < m->bytes.l) {
			repr_lit(t, "...[cut: ");
			repr_ulong(t, (unsigned long)(m->bytes.l - ex->show[k]));
			repr_lit(t, " more bytes]\n");
		}
	}
	if (report_cut_any(&ex->cut)) {
		char cut[512];

		report_cut_str(cut, sizeof(cut), &ex->cut, c->msgs ? (unsigned long)c->nmsgs : 0);
		repr_lit(t, "[report cut: ");
		repr_lit(t, cut);
		repr_lit(t, "]\n");
	}
}

/* Message of a failure when the case gives none: the first failing check. */
static void put_first_fail(struct repr *t, const struct report_case *c)
{
	size_t i;

	for (i = 0; c->checks && i < c->nchecks; i++) {
		const struct check_result *cr = &c->checks[i];

		if (cr->outcome != CHECK_FAIL || !cr->rule)
			continue;
		repr_cats(t, cr->rule->id, 0);
		repr_lit(t, " (RFC 3261 \xc2\xa7");
		repr_cats(t, cr->rule->section, 0);
		repr_lit(t, "): ");
		repr_cat(t, cr->reason, strnlen(cr->reason, sizeof(cr->reason)), 0);
		return;
	}
	repr_lit(t, verdict_name(c->verdict));
}

static char *first_fail_id(const struct report_case *c)
{
	size_t i;

	for (i = 0; c->checks && i < c->nchecks; i++)
		if (c->checks[i].outcome == CHECK_FAIL && c->checks[i].rule &&
		    c->checks[i].rule->id)
			return repr_dups(c->checks[i].rule->id, 0);
	return repr_dups("conformance", 0);
}

/* xs:token with minLength 1: never empty. */
static char *token_dup(const char *s, const char *dflt)
{
	return repr_dups(s && *s ? s : dflt, 0);
}

static void jsuite_free(struct jsuite *s)
{
	free(s->name);
	free(s->file);
	free(s->stopped);
}

/* ---- rendering (libxml2) ------------------------------------------------ */

#define X(call) do { if ((call) < 0) { err = EIO; goto out; } } while (0)
#define BC(s) ((const xmlChar *)(s))

static int write_attr_ul(xmlTextWriterPtr w, const char *name, unsigned long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lu", v);
	return xmlTextWriterWriteAttribute(w, BC(name), BC(buf));
}

/*
 * A writer of one fragment into memory.  Declared UTF-8 (its declaration
 * thrown away): without it libxml2 writes every non-ASCII character of an
 * attribute as a character reference.  NULL on ENOMEM.
 */
static xmlTextWriterPtr frag_new(xmlBufferPtr *bp)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = b ? xmlNewTextWriterMemory(b, 0) : NULL;

	*bp = b;
	if (!w || xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterFlush(w) < 0) {
		if (w)
			xmlFreeTextWriter(w);
		if (b)
			xmlBufferFree(b);
		*bp = NULL;
		return NULL;
	}
	xmlBufferEmpty(b);
	return w;
}

static void frag_free(xmlTextWriterPtr w, xmlBufferPtr b)
{
	if (w)
		xmlFreeTextWriter(w);
	if (b)
		xmlBufferFree(b);
}

/* Write what w rendered into b to fd, between prefix and suffix. */
static int frag_put(int fd, const char *prefix, xmlBufferPtr b, const char *suffix)
{
	int err = file_write_fd(fd, prefix, strlen(prefix));

	if (!err)
		err = file_write_fd(fd, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	if (!err)
		err = file_write_fd(fd, suffix, strlen(suffix));
	return err;
}

/* Free text, escaped by libxml2, to fd. */
static int text_put(int fd, const char *s)
{
	xmlChar *e = xmlEncodeSpecialChars(NULL, BC(s));
	int err;

	if (!e)
		return ENOMEM;
	err = file_write_fd(fd, e, strlen((const char *)e));
	xmlFree(e);
	return err;
}

/*
 * A child of a testcase: "<failure message type>text</failure>",
 * "<skipped message/>", or for an inconclusive test "<skipped
 * message="inconclusive: ...">text</skipped>" (neither pass nor failure
 * to a JUnit consumer).
 */
static int case_child(xmlTextWriterPtr w, const struct jcase *jc)
{
	static const char *const elem[VERDICT_COUNT] = {
		NULL, "failure", "error", "skipped", "skipped"
	};
	int err = 0;

	X(xmlTextWriterWriteRaw(w, BC("\n      ")));
	X(xmlTextWriterStartElement(w, BC(elem[jc->verdict])));
	X(xmlTextWriterWriteAttribute(w, BC("message"), BC(jc->message)));
	if (jc->verdict == VERDICT_FAIL || jc->verdict == VERDICT_ERROR)
		X(xmlTextWriterWriteAttribute(w, BC("type"), BC(jc->type)));
	if (jc->verdict != VERDICT_SKIP)
		X(xmlTextWriterWriteString(w, BC(jc->text)));
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterWriteRaw(w, BC("\n    ")));
out:
	return err;
}

/* The <testcase> element of jc, appended to the cases spool as one indented line (or more). */
static int spool_case(struct junit *j, const struct jcase *jc)
{
	xmlBufferPtr b;
	xmlTextWriterPtr w = frag_new(&b);
	int err = 0;

	if (!w) {
		err = ENOMEM;
		goto out;
	}
	X(xmlTextWriterStartElement(w, BC("testcase")));
	X(xmlTextWriterWriteAttribute(w, BC("name"), BC(jc->name)));
	X(xmlTextWriterWriteAttribute(w, BC("classname"), BC(jc->classname)));
	X(xmlTextWriterWriteAttribute(w, BC("time"), BC(jc->time)));
	if (jc->verdict != VERDICT_PASS && (err = case_child(w, jc)) != 0)
		goto out;
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterFlush(w));
	err = frag_put(j->cases_fd, "    ", b, "\n");
	if (!err)
		j->cases_len = lseek(j->cases_fd, 0, SEEK_END);
out:
	frag_free(w, b);
	return err;
}

static int write_prop(xmlTextWriterPtr w, const char *name, const char *value)
{
	int err = 0;

	X(xmlTextWriterWriteRaw(w, BC("\n      ")));
	X(xmlTextWriterStartElement(w, BC("property")));
	X(xmlTextWriterWriteAttribute(w, BC("name"), BC(name)));
	X(xmlTextWriterWriteAttribute(w, BC("value"), BC(value)));
	X(xmlTextWriterEndElement(w));
out:
	return err;
}

/* The start tag of suite idx and its properties, into w (the testsuite element stays open). */
static int suite_head(xmlTextWriterPtr w, const struct junit *j, size_t idx)
{
	const struct jsuite *s = &j->suites[idx];
	char cut[512];
	int err = 0;

	X(xmlTextWriterStartElement(w, BC("testsuite")));
	X(xmlTextWriterWriteAttribute(w, BC("name"), BC(s->name)));
	X(write_attr_ul(w, "tests", s->tests));
	X(write_attr_ul(w, "failures", s->failures));
	X(write_attr_ul(w, "errors", s->errors));
	X(write_attr_ul(w, "skipped", s->skipped));
	X(xmlTextWriterWriteAttribute(w, BC("time"), BC(s->time)));
	X(xmlTextWriterWriteAttribute(w, BC("timestamp"), BC(s->timestamp)));
	X(xmlTextWriterWriteAttribute(w, BC("hostname"), BC(j->hostname)));
	X(write_attr_ul(w, "id", (unsigned long)idx));
	X(xmlTextWriterWriteAttribute(w, BC("package"), BC(s->name)));
	X(xmlTextWriterWriteRaw(w, BC("\n    ")));
	X(xmlTextWriterStartElement(w, BC("properties")));
	if (s->file && *s->file)
		X(write_prop(w, "suite.file", s->file));
#ifdef SIPCONFORM_VERSION
	X(write_prop(w, "generator", "sipconform " SIPCONFORM_VERSION));
#else
	X(write_prop(w, "generator", "sipconform"));
#endif
	if (report_cut_any(&s->cut)) {
		report_cut_str(cut, sizeof(cut), &s->cut, 0);
		X(write_prop(w, "report.cut", cut));
	}
	if (s->inconclusive) {
		char n[24];

		snprintf(n, sizeof(n), "%lu", s->inconclusive);
		X(write_prop(w, "tests.inconclusive", n));
	}
	if (s->stopped)
		X(write_prop(w, "run.interrupted", s->stopped));
	X(xmlTextWriterWriteRaw(w, BC("\n    ")));
	X(xmlTextWriterEndElement(w));  /* properties */
	X(xmlTextWriterFlush(w));
out:
	return err;
}

/* Suite idx, whole, to fd: the head rendered now, cases and system-out copied from the spools. */
static int write_suite(struct junit *j, size_t idx, int fd)
{
	const struct jsuite *s = &j->suites[idx];
	xmlBufferPtr b;
	xmlTextWriterPtr w = frag_new(&b);
	int err;

	if (!w) {
		err = ENOMEM;
		goto out;
	}
	err = suite_head(w, j, idx);
	if (!err)
		err = frag_put(fd, "  ", b, "\n");
	if (!err)
		err = file_copy_fd(j->cases_fd, s->cases0, s->cases1 - s->cases0, fd);
	if (!err)
		err = file_write_fd(fd, "    <system-out>", 16);
	if (!err)
		err = file_copy_fd(j->out_fd, s->out0, s->out1 - s->out0, fd);
	if (!err)
		err = file_write_fd(fd, "</system-out>\n", 14);
	if (!err && s->stopped) {
		err = file_write_fd(fd, "    <system-err>", 16);
		if (!err)
			err = text_put(fd, s->stopped);
		if (!err)
			err = file_write_fd(fd, "</system-err>\n", 14);
	} else if (!err)
		err = file_write_fd(fd, "    <system-err/>\n", 18);
	if (!err)
		err = file_write_fd(fd, "  </testsuite>\n", 15);
out:
	frag_free(w, b);
	return err;
}

static int write_doc(struct junit *j, int fd)
{
	static const char head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
	size_t i;
	int err = file_write_fd(fd, head, sizeof(head) - 1);

	if (!err && j->nsuites == 0)
		return file_write_fd(fd, "<testsuites/>\n", 14);
	if (!err)
		err = file_write_fd(fd, "<testsuites>\n", 13);
	for (i = 0; !err && i < j->nsuites; i++)
		err = write_suite(j, i, fd);
	if (!err)
		err = file_write_fd(fd, "</testsuites>\n", 14);
	return err;
}

/*
 * The document as it stands, to PATH (a new version, renamed over it);
 * unless !force and the last rewrite was too recent for its cost (see the
 * top).  Streams get it once, at close.  The first error sticks.
 */
static int junit_flush(struct junit *j, bool force)
{
	double t0 = monotime_now();
	int err;

	if (j->err || j->out.stream)
		return j->err;
	if (!force && (t0 - j->last_end < REPORT_JUNIT_INTERVAL ||
		       t0 - j->last_end < JUNIT_REWRITE_RATIO * j->last_cost))
		return 0;
	err = file_out_begin(&j->out);
	if (!err)
		err = write_doc(j, j->out.fd);
	if (!err)
		err = file_out_commit(&j->out);
	j->err = err;
	j->dirty = false;
	j->last_end = monotime_now();
	j->last_cost = j->last_end - t0;
	return err;
}

/* flusher.h's due(): when the cases that ended since the last rewrite are due on disk. */
static double junit_due(void *arg)
{
	const struct junit *j = arg;
	double wait = JUNIT_REWRITE_RATIO * j->last_cost;

	if (!j->dirty || j->err)
		return -1;
	return j->last_end + (wait > REPORT_JUNIT_INTERVAL ? wait : REPORT_JUNIT_INTERVAL);
}

/* flusher.h's flush(). */
static void junit_flush_due(void *arg)
{
	junit_flush(arg, true);
}

/*
 * Start the flusher (once, for a file target).  Without a thread
 * (EAGAIN...) the report still works: pending cases then wait for the
 * next event.
 */
static void junit_flusher_start(struct junit *j)
{
	if (!j->fl && !j->out.stream)
		flusher_start(&j->fl, &j->mu, junit_due, junit_flush_due, j);
}

static void junit_lock(struct junit *j)
{
	pthread_mutex_lock(&j->mu);
}

/* Unlock; wake the flusher when cases wait to be written. */
static void junit_unlock(struct junit *j)
{
	if (j->dirty)
		flusher_kick(j->fl);
	pthread_mutex_unlock(&j->mu);
}

/* ---- events ------------------------------------------------------------- */

/* The last suite, when it never got its suite_end: its time is the sum of its cases'. */
static void junit_end_open_suite(struct junit *j)
{
	struct jsuite *s;

	if (!j->nsuites || j->suites[j->nsuites - 1].ended)
		return;
	s = &j->suites[j->nsuites - 1];
	repr_seconds(s->time, s->sum);
	s->ended = true;
}

static int suite_begin_locked(struct junit *j, const char *name, const char *file,
			      time_t start)
{
	struct jsuite *s;
	struct tm tm;
	int fd;

	junit_end_open_suite(j);
	if (j->cases_fd < 0) {
		if ((fd = file_anon_fd()) < 0)
			return -fd;
		j->cases_fd = fd;
		if ((fd = file_anon_fd()) < 0)
			return -fd;
		j->out_fd = fd;
	}
	if (j->nsuites == j->cap) {
		size_t cap = j->cap ? j->cap * 2 : 4;
		struct jsuite *ns;

		if (cap > JUNIT_MAX_CASES)
			return EOVERFLOW;
		ns = realloc(j->suites, cap * sizeof(*ns));
		if (!ns)
			return ENOMEM;
		j->suites = ns;
		j->cap = cap;
	}
	s = &j->suites[j->nsuites];
	memset(s, 0, sizeof(*s));
	s->name = token_dup(name, "unnamed");
	s->file = repr_dups(file, 0);
	if (!s->name || !s->file) {
		jsuite_free(s);
		return ENOMEM;
	}
	/* Schema pattern: exactly four year digits, no zone. */
	if (!gmtime_r(&start, &tm) || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 0 ||
	    !strftime(s->timestamp, sizeof(s->timestamp), "%Y-%m-%dT%H:%M:%S", &tm))
		strcpy(s->timestamp, "1970-01-01T00:00:00");
	repr_seconds(s->time, 0);
	s->cases0 = s->cases1 = j->cases_len;
	s->out0 = s->out1 = j->out_len;
	j->nsuites++;
	junit_flusher_start(j);
	return junit_flush(j, true);
}

static int junit_suite_begin(void *st, const char *name, const char *file,
			     time_t start)
{
	struct junit *j = st;
	int err;

	junit_lock(j);
	err = suite_begin_locked(j, name, file, start);
	junit_unlock(j);
	return err;
}

/* Append text (lines ending in LF) to o, each line headed by pfx. */
static void put_prefixed(struct repr *o, const char *pfx, const struct repr *text)
{
	size_t i = 0;

	while (i < text->len) {
		const char *nl = memchr(text->s + i, '\n', text->len - i);
		size_t end = nl ? (size_t)(nl - text->s) + 1 : text->len;

		repr_lit(o, pfx);
		repr_raw(o, text->s + i, end - i);
		i = end;
	}
	if (o->len && o->s[o->len - 1] != '\n')
		repr_lit(o, "\n");
}

/*
 * The case's chunk of <system-out>, every line headed "[id] ": every
 * check the excerpt lists, with its outcome (passing and NA ones too),
 * the reason of an inconclusive verdict, the notes, and for a test whose
 * failure/error/skipped text does not hold them (a pass, a skip) the
 * evidence directory and the messages of the excerpt: its proof.
 */
static int spool_out(struct junit *j, const struct report_case *c,
		     const struct report_excerpt *ex)
{
	struct repr o, w;
	char *pfx;
	int err = 0;

	repr_init(&o);
	repr_init(&w);
	repr_lit(&w, "[");
	repr_cats(&w, c->id, 0);
	repr_lit(&w, "] ");
	pfx = repr_detach(&w);
	if (!pfx)
		return ENOMEM;
	put_checks(&o, c, pfx, ex, true);
	if (c->verdict == VERDICT_INCONCLUSIVE) {
		repr_lit(&o, pfx);
		repr_lit(&o, "inconclusive: ");
		repr_cats(&o, c->message ? c->message : "refused on other grounds", 0);
		repr_lit(&o, "\n");
	}
	if (c->notes && *c->notes) {
		repr_lit(&o, pfx);
		repr_lit(&o, "notes:\n");
		repr_cats(&o, c->notes, REPR_LINES);
		if (o.len && o.s[o.len - 1] != '\n')
			repr_lit(&o, "\n");
	}
	if (c->verdict == VERDICT_PASS || c->verdict == VERDICT_SKIP) {
		put_msgs(&w, c, ex);
		put_prefixed(&o, pfx, &w);
		repr_reset(&w);
	}
	free(pfx);
	if (o.err || w.err)
		err = o.err ? o.err : w.err;
	else if (o.len)
		err = text_put(j->out_fd, o.s);
	if (!err)
		j->out_len = lseek(j->out_fd, 0, SEEK_END);
	repr_reset(&o);
	return err;
}

static int case_end_locked(struct junit *j, const struct report_case *c)
{
	struct report_excerpt ex;
	struct jsuite *s;
	struct jcase jc;
	struct repr t;
	char *name = NULL, *classname = NULL;
	int err = 0;

	if (!j->nsuites || j->suites[j->nsuites - 1].ended)
		return EINVAL;
	s = &j->suites[j->nsuites - 1];
	if (j->total >= JUNIT_MAX_CASES)
		return EOVERFLOW;
	memset(&jc, 0, sizeof(jc));
	repr_init(&t);
	jc.verdict = c->verdict;
	repr_seconds(jc.time, c->seconds);
	jc.name = name = repr_dups(c->id, 0);
	jc.classname = classname = token_dup(c->classname ? c->classname : s->name, "sipconform");
	if (!name || !classname) {
		err = ENOMEM;
		goto out;
	}

	memset(&ex, 0, sizeof(ex));
	switch (c->verdict) {
	case VERDICT_FAIL:
	case VERDICT_ERROR:
	case VERDICT_INCONCLUSIVE:
		/* message (and type) as attributes; the text is the error or
		 * inconclusive line (if any), the failing/warning checks and
		 * the messages' excerpt. */
		report_excerpt_plan_verdict(&ex, &j->budget, &s->cut, c);
		if (c->verdict == VERDICT_FAIL) {
			if (c->message)
				repr_cats(&t, c->message, 0);
			else
				put_first_fail(&t, c);
			jc.message = repr_detach(&t);
			jc.type = first_fail_id(c);
		} else if (c->verdict == VERDICT_ERROR) {
			jc.message = repr_dups(c->message ? c->message : "harness error", 0);
			jc.type = repr_dups("harness", 0);
			repr_lit(&t, "error: ");
			repr_cats(&t, c->message ? c->message : "harness error", 0);
			repr_lit(&t, "\n");
		} else {
			repr_lit(&t, "inconclusive: ");
			repr_cats(&t, c->message ? c->message : "refused on other grounds", 0);
			jc.message = repr_detach(&t);
			jc.type = repr_dups("inconclusive", 0);
			repr_lit(&t, jc.message ? jc.message : "");
			repr_lit(&t, "\n");
		}
		put_checks(&t, c, "", &ex, false);
		put_msgs(&t, c, &ex);
		jc.text = repr_detach(&t);
		if (!jc.message || !jc.type || !jc.text)
			err = ENOMEM;
		break;
	case VERDICT_SKIP:
		report_excerpt_plan_verdict(&ex, &j->budget, &s->cut, c);
		jc.message = repr_dups(c->message ? c->message : "skipped", 0);
		if (!jc.message)
			err = ENOMEM;
		break;
	case VERDICT_PASS:      /* its messages go to <system-out> */
		report_excerpt_plan_verdict(&ex, &j->budget, &s->cut, c);
		break;
	default:
		err = EINVAL;
		break;
	}
	if (!err)
		err = spool_case(j, &jc);
	if (!err)
		err = spool_out(j, c, &ex);
	if (err)
		goto out;

	s->cases1 = j->cases_len;
	s->out1 = j->out_len;
	s->tests++;
	j->total++;
	if (c->verdict == VERDICT_FAIL)
		s->failures++;
	else if (c->verdict == VERDICT_ERROR)
		s->errors++;
	else if (c->verdict == VERDICT_SKIP)
		s->skipped++;
	else if (c->verdict == VERDICT_INCONCLUSIVE) {
		s->skipped++;   /* neither a pass nor a failure to a JUnit consumer */
		s->inconclusive++;
	}
	if (c->seconds > 0)
		s->sum += c->seconds;
	repr_seconds(s->time, s->sum);
	j->dirty = true;
	err = junit_flush(j, false);
out:
	repr_reset(&t);
	free(name);
	free(classname);
	free(jc.message);
	free(jc.type);
	free(jc.text);
	return err;
}

static int junit_case_end(void *st, const struct report_case *c)
{
	struct junit *j = st;
	int err;

	junit_lock(j);
	err = case_end_locked(j, c);
	junit_unlock(j);
	return err;
}

static int junit_suite_end(void *st, double seconds)
{
	struct junit *j = st;
	struct jsuite *s;
	int err = EINVAL;

	junit_lock(j);
	if (j->nsuites && !j->suites[j->nsuites - 1].ended) {
		s = &j->suites[j->nsuites - 1];
		repr_seconds(s->time, seconds);
		s->ended = true;
		err = junit_flush(j, true);
	}
	junit_unlock(j);
	return err;
}

/* Recorded on the last suite begun (the one that was running). */
static int junit_stopped(void *st, const char *why)
{
	struct junit *j = st;
	struct jsuite *s;
	int err = EINVAL;

	junit_lock(j);
	if (j->nsuites) {
		s = &j->suites[j->nsuites - 1];
		free(s->stopped);
		s->stopped = repr_dups(why, 0);
		err = s->stopped ? 0 : ENOMEM;
	}
	junit_unlock(j);
	return err;
}

static void junit_free(struct junit *j)
{
	size_t i;

	if (!j)
		return;
	j->fl = flusher_stop(j->fl);
	pthread_mutex_destroy(&j->mu);
	for (i = 0; i < j->nsuites; i++)
		jsuite_free(&j->suites[i]);
	free(j->suites);
	if (j->cases_fd >= 0)
		close(j->cases_fd);
	if (j->out_fd >= 0)
		close(j->out_fd);
	file_out_close(&j->out);
	free(j);
}

static void junit_discard(void *st)
{
	junit_free(st);
}

static int junit_close(void *st)
{
	struct junit *j = st;
	int err;

	j->fl = flusher_stop(j->fl);    /* from here on, this thread alone */
	junit_end_open_suite(j);
	if (j->out.stream) {
		if (!j->err)
			j->err = file_out_write(&j->out, "", 0);   /* stdio first */
		if (!j->err)
			j->err = write_doc(j, j->out.fd);
		err = j->err;
	} else
		err = junit_flush(j, true);
	junit_free(j);
	return err;
}

static const struct report_ops junit_ops = {
	.suite_begin = junit_suite_begin,
	.case_end = junit_case_end,
	.suite_end = junit_suite_end,
	.stopped = junit_stopped,
	.close = junit_close,
	.discard = junit_discard,
};

int report_junit_open(struct reporter **rp, const char *path)
{
	struct junit *j = NULL;
	char host[256];
	char *h = NULL;
	int err = 0;

	if (!rp || !path || !*path)
		return EINVAL;
	j = calloc(1, sizeof(*j));
	if (!j)
		return ENOMEM;
	if ((err = pthread_mutex_init(&j->mu, NULL)) != 0) {
		free(j);
		return err;
	}
	j->cases_fd = j->out_fd = -1;
	j->budget = REPORT_TOTAL_BYTES;
	/* The first temp is made now: an unwritable path fails before the run. */
	err = file_out_open(&j->out, path);
	if (err)
		goto out;

	/* xs:token, minLength 1: "localhost" if unknown (schema's advice). */
	if (gethostname(host, sizeof(host)))
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	h = token_dup(host, "localhost");
	if (!h) {
		err = ENOMEM;
		goto out;
	}
	snprintf(j->hostname, sizeof(j->hostname), "%s", h);
	if (strlen(h) >= sizeof(j->hostname))  /* cut an escape: restart clean */
		snprintf(j->hostname, sizeof(j->hostname), "localhost");

	err = report_new(rp, &junit_ops, j);
out:
	free(h);
	if (err)
		junit_free(j);
	return err;
}
