/*
 * report_junit.c - JUnit XML reporter, written through libxml2's
 * xmlTextWriter (the library does the XML escaping; repr.c makes every
 * untrusted string valid UTF-8 without C0 controls first, because XML 1.0
 * §2.2 cannot carry those even as character references).
 *
 * Output shape, valid against ../shared/schemas/junit.xsd (the strict Ant
 * schema) and junit-jenkins.xsd:
 *
 *   <testsuites>
 *     <testsuite name tests failures errors skipped time timestamp
 *                hostname id package>            one per suite_begin/end
 *       <properties> <property name value/>* </properties>   (required)
 *       <testcase name classname time>            one per case
 *         <failure message type>text</failure>    VERDICT_FAIL
 *         <error message type>text</error>        VERDICT_ERROR
 *         <skipped message>text</skipped>         VERDICT_SKIP
 *       </testcase>
 *       <system-out>warnings of passing cases, notes</system-out> (required)
 *       <system-err/>                                             (required)
 *     </testsuite>
 *   </testsuites>
 *
 * The strict schema allows nothing but one of failure/error/skipped inside
 * a testcase, so per-case output goes to the suite's <system-out>, each
 * chunk headed by "[case id]".  timestamp is UTC without a zone
 * ("2026-11-25T08:00:00"), as the schema's pattern demands; times are
 * "%.3f" with a dot in any locale (repr_seconds).
 *
 * Counts precede the cases, so cases are copied at case_end and the file
 * is written at close, to PATH.tmp (created at open, so an unwritable
 * path fails early) and then renamed to PATH.  PATH "-" writes to stdout.
 */
#include "report/report_impl.h"
#include "base/repr.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

/* Bound on the cases one reporter buffers (xs:int counts, memory). */
#define JUNIT_MAX_CASES 100000

struct jcase {
	char *name;             /* rendered, single line */
	char *classname;
	enum verdict verdict;
	char time[32];
	char *message;          /* failure/error/skipped message; NULL for pass */
	char *type;             /* failure/error type */
	char *text;             /* body of failure/error/skipped */
};

struct jsuite {
	char *name;
	char *file;
	char timestamp[32];
	char time[32];
	double sum;             /* of case times, if suite_end never comes */
	int ended;
	struct jcase *cases;
	size_t ncases, cap;
	unsigned long failures, errors, skipped;
	struct repr out;        /* <system-out> */
};

struct junit {
	char *path;
	char *tmp;              /* NULL when writing to stdout */
	FILE *fp;
	struct jsuite *suites;
	size_t nsuites, cap;
	size_t total;
	char hostname[256];
};


/*
 * One line per failing/warning check, then its evidence:
 *   FAIL RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 §21.4.6, MUST): reason
 *     evidence: bytes
 * Only CHECK_WARN results when warn_only.  @return how many were written
 */
static size_t put_checks(struct repr *t, const struct report_case *c,
			 const char *prefix, int warn_only)
{
	size_t i, n = 0;

	for (i = 0; c->checks && i < c->nchecks; i++) {
		const struct check_result *cr = &c->checks[i];
		const struct rule *ru = cr->rule;
		const char *id = ru && ru->id ? ru->id : "?";

		if (cr->outcome != CHECK_WARN &&
		    (warn_only || cr->outcome != CHECK_FAIL))
			continue;
		repr_lit(t, prefix);
		repr_lit(t, cr->outcome == CHECK_FAIL ? "FAIL " : "WARN ");
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
		if (cr->evidence.l) {
			repr_lit(t, prefix);
			repr_lit(t, "  evidence: ");
			repr_cat(t, cr->evidence.p, cr->evidence.l, 0);
			repr_lit(t, "\n");
		}
		n++;
	}
	return n;
}

static void put_msgs(struct repr *t, const struct report_case *c)
{
	size_t i;

	if (c->evidence_dir) {
		repr_lit(t, "evidence directory: ");
		repr_cats(t, c->evidence_dir, 0);
		repr_lit(t, "\n");
	}
	for (i = 0; c->msgs && i < c->nmsgs; i++) {
		const struct report_msg *m = &c->msgs[i];

		repr_lit(t, "--- ");
		repr_cats(t, m->label && *m->label ? m->label : "message", 0);
		repr_lit(t, " ---\n");
		repr_cat(t, m->bytes.p, m->bytes.l, REPR_LINES);
		if (t->len && t->s[t->len - 1] != '\n')
			repr_lit(t, "\n");
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

static void jcase_free(struct jcase *jc)
{
	free(jc->name);
	free(jc->classname);
	free(jc->message);
	free(jc->type);
	free(jc->text);
}

static void jsuite_free(struct jsuite *s)
{
	size_t i;

	for (i = 0; i < s->ncases; i++)
		jcase_free(&s->cases[i]);
	free(s->cases);
	free(s->name);
	free(s->file);
	repr_reset(&s->out);
}

/* xs:token with minLength 1: never empty. */
static char *token_dup(const char *s, const char *dflt)
{
	return repr_dups(s && *s ? s : dflt, 0);
}

static int junit_suite_begin(void *st, const char *name, const char *file,
			     time_t start)
{
	struct junit *j = st;
	struct jsuite *s;
	struct tm tm;
	int err = 0;

	if (j->nsuites && !j->suites[j->nsuites - 1].ended) {
		s = &j->suites[j->nsuites - 1];
		repr_seconds(s->time, s->sum);
		s->ended = 1;
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
	repr_init(&s->out);
	s->name = token_dup(name, "unnamed");
	s->file = repr_dups(file, 0);
	if (!s->name || !s->file) {
		err = ENOMEM;
		goto out;
	}
	/* Schema pattern: exactly four year digits, no zone. */
	if (!gmtime_r(&start, &tm) || tm.tm_year + 1900 > 9999 ||
	    tm.tm_year + 1900 < 0 ||
	    !strftime(s->timestamp, sizeof(s->timestamp), "%Y-%m-%dT%H:%M:%S", &tm))
		strcpy(s->timestamp, "1970-01-01T00:00:00");
	repr_seconds(s->time, 0);
	j->nsuites++;
out:
	if (err)
		jsuite_free(s);
	return err;
}

static int junit_case_end(void *st, const struct report_case *c)
{
	struct junit *j = st;
	struct jsuite *s;
	struct jcase jc;
	struct repr t;
	int err = 0;

	if (!j->nsuites || j->suites[j->nsuites - 1].ended)
		return EINVAL;
	s = &j->suites[j->nsuites - 1];
	if (j->total >= JUNIT_MAX_CASES)
		return EOVERFLOW;
	if (s->ncases == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct jcase *nc = realloc(s->cases, cap * sizeof(*nc));

		if (!nc)
			return ENOMEM;
		s->cases = nc;
		s->cap = cap;
	}
	memset(&jc, 0, sizeof(jc));
	repr_init(&t);
	jc.verdict = c->verdict;
	repr_seconds(jc.time, c->seconds);
	jc.name = repr_dups(c->id, 0);
	jc.classname = token_dup(c->classname ? c->classname : s->name, "sipconform");
	if (!jc.name || !jc.classname) {
		err = ENOMEM;
		goto out;
	}

	switch (c->verdict) {
	case VERDICT_FAIL:
	case VERDICT_ERROR:
		/* message and type as attributes; the text is the error line (if
		 * any), every failing/warning check and every message. */
		if (c->verdict == VERDICT_FAIL) {
			if (c->message)
				repr_cats(&t, c->message, 0);
			else
				put_first_fail(&t, c);
			jc.message = repr_detach(&t);
			jc.type = first_fail_id(c);
		} else {
			jc.message = repr_dups(c->message ? c->message : "harness error", 0);
			jc.type = repr_dups("harness", 0);
			repr_lit(&t, "error: ");
			repr_cats(&t, c->message ? c->message : "harness error", 0);
			repr_lit(&t, "\n");
		}
		put_checks(&t, c, "", 0);
		put_msgs(&t, c);
		jc.text = repr_detach(&t);
		if (!jc.message || !jc.type || !jc.text)
			err = ENOMEM;
		break;
	case VERDICT_SKIP:
		jc.message = repr_dups(c->message ? c->message : "skipped", 0);
		if (!jc.message)
			err = ENOMEM;
		break;
	case VERDICT_PASS:
		break;
	default:
		err = EINVAL;
		break;
	}
	if (err)
		goto out;

	/* Warnings of a passing case and every case's notes: <system-out>. */
	if (c->verdict == VERDICT_PASS) {
		struct repr w;
		char *pfx;

		repr_init(&w);
		repr_lit(&w, "[");
		repr_cats(&w, c->id, 0);
		repr_lit(&w, "] ");
		pfx = repr_detach(&w);
		if (!pfx) {
			err = ENOMEM;
			goto out;
		}
		put_checks(&s->out, c, pfx, 1);
		free(pfx);
	}
	if (c->notes && *c->notes) {
		repr_lit(&s->out, "[");
		repr_cats(&s->out, c->id, 0);
		repr_lit(&s->out, "] notes:\n");
		repr_cats(&s->out, c->notes, REPR_LINES);
		if (s->out.len && s->out.s[s->out.len - 1] != '\n')
			repr_lit(&s->out, "\n");
	}
	if (s->out.err) {
		err = s->out.err;
		goto out;
	}

	s->cases[s->ncases++] = jc;
	j->total++;
	if (c->verdict == VERDICT_FAIL)
		s->failures++;
	else if (c->verdict == VERDICT_ERROR)
		s->errors++;
	else if (c->verdict == VERDICT_SKIP)
		s->skipped++;
	if (c->seconds > 0)
		s->sum += c->seconds;
out:
	repr_reset(&t);
	if (err)
		jcase_free(&jc);
	return err;
}

static int junit_suite_end(void *st, double seconds)
{
	struct junit *j = st;
	struct jsuite *s;

	if (!j->nsuites || j->suites[j->nsuites - 1].ended)
		return EINVAL;
	s = &j->suites[j->nsuites - 1];
	repr_seconds(s->time, seconds);
	s->ended = 1;
	return 0;
}

#define X(call) do { if ((call) < 0) { err = EIO; goto out; } } while (0)
#define BC(s) ((const xmlChar *)(s))

static int write_attr_ul(xmlTextWriterPtr w, const char *name, unsigned long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lu", v);
	return xmlTextWriterWriteAttribute(w, BC(name), BC(buf));
}

static int write_suite(xmlTextWriterPtr w, const struct junit *j, size_t idx)
{
	const struct jsuite *s = &j->suites[idx];
	size_t i;
	int err = 0;

	X(xmlTextWriterStartElement(w, BC("testsuite")));
	X(xmlTextWriterWriteAttribute(w, BC("name"), BC(s->name)));
	X(write_attr_ul(w, "tests", (unsigned long)s->ncases));
	X(write_attr_ul(w, "failures", s->failures));
	X(write_attr_ul(w, "errors", s->errors));
	X(write_attr_ul(w, "skipped", s->skipped));
	X(xmlTextWriterWriteAttribute(w, BC("time"), BC(s->time)));
	X(xmlTextWriterWriteAttribute(w, BC("timestamp"), BC(s->timestamp)));
	X(xmlTextWriterWriteAttribute(w, BC("hostname"), BC(j->hostname)));
	X(write_attr_ul(w, "id", (unsigned long)idx));
	X(xmlTextWriterWriteAttribute(w, BC("package"), BC(s->name)));

	X(xmlTextWriterStartElement(w, BC("properties")));
	if (s->file && *s->file) {
		X(xmlTextWriterStartElement(w, BC("property")));
		X(xmlTextWriterWriteAttribute(w, BC("name"), BC("suite.file")));
		X(xmlTextWriterWriteAttribute(w, BC("value"), BC(s->file)));
		X(xmlTextWriterEndElement(w));
	}
	X(xmlTextWriterStartElement(w, BC("property")));
	X(xmlTextWriterWriteAttribute(w, BC("name"), BC("generator")));
#ifdef SIPCONFORM_VERSION
	X(xmlTextWriterWriteAttribute(w, BC("value"), BC("sipconform " SIPCONFORM_VERSION)));
#else
	X(xmlTextWriterWriteAttribute(w, BC("value"), BC("sipconform")));
#endif
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterEndElement(w));  /* properties */

	for (i = 0; i < s->ncases; i++) {
		const struct jcase *jc = &s->cases[i];

		X(xmlTextWriterStartElement(w, BC("testcase")));
		X(xmlTextWriterWriteAttribute(w, BC("name"), BC(jc->name)));
		X(xmlTextWriterWriteAttribute(w, BC("classname"), BC(jc->classname)));
		X(xmlTextWriterWriteAttribute(w, BC("time"), BC(jc->time)));
		switch (jc->verdict) {
		case VERDICT_FAIL:
		case VERDICT_ERROR:
			X(xmlTextWriterStartElement(w, BC(jc->verdict == VERDICT_FAIL ?
							  "failure" : "error")));
			X(xmlTextWriterWriteAttribute(w, BC("message"), BC(jc->message)));
			X(xmlTextWriterWriteAttribute(w, BC("type"), BC(jc->type)));
			X(xmlTextWriterWriteString(w, BC(jc->text)));
			X(xmlTextWriterEndElement(w));
			break;
		case VERDICT_SKIP:
			X(xmlTextWriterStartElement(w, BC("skipped")));
			X(xmlTextWriterWriteAttribute(w, BC("message"), BC(jc->message)));
			X(xmlTextWriterEndElement(w));
			break;
		case VERDICT_PASS:
			break;
		}
		X(xmlTextWriterEndElement(w));  /* testcase */
	}
	X(xmlTextWriterStartElement(w, BC("system-out")));
	X(xmlTextWriterWriteString(w, BC(s->out.s ? s->out.s : "")));
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterStartElement(w, BC("system-err")));
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterEndElement(w));  /* testsuite */
out:
	return err;
}

static int write_doc(struct junit *j)
{
	xmlOutputBufferPtr ob;
	xmlTextWriterPtr w = NULL;
	size_t i;
	int err = 0;

	ob = xmlOutputBufferCreateFile(j->fp, NULL);
	if (!ob)
		return ENOMEM;
	w = xmlNewTextWriter(ob);       /* owns ob from here on */
	if (!w) {
		xmlOutputBufferClose(ob);
		return ENOMEM;
	}
	X(xmlTextWriterSetIndent(w, 1));
	X(xmlTextWriterSetIndentString(w, BC("  ")));
	X(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	X(xmlTextWriterStartElement(w, BC("testsuites")));
	for (i = 0; i < j->nsuites; i++) {
		err = write_suite(w, j, i);
		if (err)
			goto out;
	}
	X(xmlTextWriterEndElement(w));
	X(xmlTextWriterEndDocument(w));
	X(xmlTextWriterFlush(w));
out:
	xmlFreeTextWriter(w);
	return err;
}

static void junit_free(struct junit *j)
{
	size_t i;

	if (!j)
		return;
	for (i = 0; i < j->nsuites; i++)
		jsuite_free(&j->suites[i]);
	free(j->suites);
	free(j->path);
	free(j->tmp);
	free(j);
}

static int junit_close(void *st)
{
	struct junit *j = st;
	int err;

	if (j->nsuites && !j->suites[j->nsuites - 1].ended) {
		struct jsuite *s = &j->suites[j->nsuites - 1];

		repr_seconds(s->time, s->sum);
		s->ended = 1;
	}
	err = write_doc(j);
	errno = 0;
	if (fflush(j->fp) || ferror(j->fp))
		err = err ? err : (errno ? errno : EIO);
	if (j->tmp) {
		if (fclose(j->fp) && !err)
			err = errno ? errno : EIO;
		if (!err && rename(j->tmp, j->path))
			err = errno;
		if (err)
			unlink(j->tmp);
	}
	j->fp = NULL;
	junit_free(j);
	return err;
}

static const struct report_ops junit_ops = {
	.suite_begin = junit_suite_begin,
	.case_end = junit_case_end,
	.suite_end = junit_suite_end,
	.close = junit_close,
};

int report_junit_open(struct reporter **rp, const char *path)
{
	struct junit *j = NULL;
	char host[256];
	char *h = NULL;
	size_t n;
	int err = 0;

	if (!rp || !path || !*path)
		return EINVAL;
	j = calloc(1, sizeof(*j));
	if (!j)
		return ENOMEM;
	j->path = strdup(path);
	if (!j->path) {
		err = ENOMEM;
		goto out;
	}
	if (!strcmp(path, "-")) {
		j->fp = stdout;
	} else {
		n = strlen(path);
		j->tmp = malloc(n + 5);
		if (!j->tmp) {
			err = ENOMEM;
			goto out;
		}
		memcpy(j->tmp, path, n);
		memcpy(j->tmp + n, ".tmp", 5);
		/* Created now so that an unwritable path fails before the run. */
		j->fp = fopen(j->tmp, "w");
		if (!j->fp) {
			err = errno ? errno : EIO;
			goto out;
		}
	}

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
	if (err && j) {
		if (j->fp && j->tmp) {
			fclose(j->fp);
			unlink(j->tmp);
		}
		junit_free(j);
	}
	return err;
}
