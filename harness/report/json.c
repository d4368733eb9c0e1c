/*
 * json.c - the JSON result (--json FILE): one UTF-8 document per run,
 * "format": "sipconform-result", "format_version": 1, documented by the
 * JSON Schema reports/sipconform-result.schema.json (draft 2020-12) and
 * reports/README.md.  Fields may be added in a later version; none is
 * renamed.  --rerun-failed reads tests[].suite, tests[].id and
 * tests[].verdict.
 *
 * Document, framed here, every value dumped by jansson (then "</" and "<!"
 * escaped, json_dump: "</script>" comes out as "<\/script>", so the
 * document can sit in an HTML <script> block); one line per suite and per
 * test:
 *
 *   {"format":"sipconform-result","format_version":1,
 *   "tool":{"name","version"},
 *   "sipp":{"path","version","tls"},
 *   "run":{"started","duration_s","argv","options":{"strict","waivers","auth",
 *          "tls_verify"},"stopped","cut"},
 *   "suites":[
 *   {"index","name","file","started","duration_s","target":{"host","port",
 *    "address","transport"}|null,"tests","passed","failed","errors",
 *    "inconclusive","skipped"},
 *   ...],
 *   "tests":[
 *   {"suite","suite_index","id","verdict","message","duration_s",
 *    "evidence_dir","notes","cut",
 *    "checks":[{"id","section","level","header","requirement","outcome",
 *               "reason","evidence":{"message","label","offset","length",
 *               "line","column","text"}|null}],
 *    "checks_total":{"pass","fail","warn","na"},
 *    "messages":[{"index","label","direction","length","quoted","text"}],
 *    "messages_total"},
 *   ...],
 *   "totals":{"tests","passed","failed","errors","inconclusive","skipped"}}
 *
 * Every test, passing or not, lists every check evaluated (within
 * REPORT_CASE_CHECKS, failing and warning ones first when cut) with its
 * evidence pointer, and the messages exchanged within the bounds of
 * report.h (report_excerpt_plan); "cut" says what a test left out,
 * run.cut what the report left out in all.  An evidence pointer names
 * the message (index into the test's messages, as "messages[].index"),
 * and where the evidence slice lies in its raw bytes (offset, length,
 * 1-based line and column): the same line of the rendered text.
 *
 * Every string that holds bytes from the SUT or a suite file goes through
 * one helper, json_untrusted(): the project's escaper (base/repr.h), so
 * it is valid UTF-8 without control characters, whatever came in.
 *
 * Memory stays flat: each test is built as a jansson object when it
 * ends, dumped into an anonymous spool file and freed.  At close the
 * document is written whole to a temp file next to PATH and renamed over
 * it (base/file.h file_out); PATH "-" (stdout), a FIFO or a device gets
 * it written through.  A run refused in preflight (report_discard) leaves
 * PATH as it was.
 */
#include "report/report_impl.h"
#include "base/file.h"
#include "base/monotime.h"
#include "base/repr.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

/* Seconds to the millisecond: 15 significant digits print them exactly. */
#define JSON_DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | \
			 JSON_REAL_PRECISION(15))

struct jtotals {
	unsigned long tests, by[VERDICT_COUNT];
};

struct json_rep {
	struct file_out out;
	int spool;              /* the tests, dumped one a line; -1 until the first */
	off_t spool_len;
	int err;                /* first error, sticky */
	json_t *tool, *sipp, *run;      /* from run_info (or defaults at close) */
	json_t *suites;         /* array: one small object per suite */
	struct jtotals sum;     /* of the whole run */
	struct jtotals ssum;    /* of the suite begun last */
	double t0;              /* monotime at open (or run_info) */
	double s0;              /* monotime at the last suite_begin */
	time_t started;
	size_t budget;          /* message bytes the report may still quote */
	struct report_cut cut;  /* what the report left out */
	json_t *stopped;        /* why the run stopped, NULL */
};

/*
 * Bytes that are not ours (SUT, suite file, anything derived) as a JSON
 * string: the one escaping policy (base/repr.h).  NULL on ENOMEM.
 */
static json_t *json_untrusted(const void *p, size_t n, unsigned flags)
{
	struct repr r;
	json_t *s;

	repr_init(&r);
	repr_cat(&r, p, n, flags);
	s = r.err ? NULL : json_stringn(r.len ? r.s : "", r.len);
	repr_reset(&r);
	return s;
}

/* A NUL-terminated untrusted string, or null. */
static json_t *json_str_or_null(const char *s)
{
	return s ? json_untrusted(s, strlen(s), 0) : json_null();
}

/* Seconds, to the millisecond (no libm); not finite or negative gives 0. */
static json_t *json_secs(double s)
{
	if (!isfinite(s) || s < 0)
		s = 0;
	if (s > 1e9)
		s = 1e9;
	return json_real((double)(long long)(s * 1000.0 + 0.5) / 1000.0);
}

/* "2026-11-29T20:00:00Z"; null when it cannot be told. */
static json_t *json_time(time_t t)
{
	struct tm tm;
	char buf[32];

	if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0 ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
		return json_null();
	return json_string(buf);
}

/* Set key of o to v (stolen); a NULL v (an allocation that failed) or a failed set is ENOMEM. */
static void put(json_t *o, const char *key, json_t *v, int *err)
{
	if (!v || json_object_set_new(o, key, v) != 0)
		*err = ENOMEM;
}

static void push(json_t *a, json_t *v, int *err)
{
	if (!v || json_array_append_new(a, v) != 0)
		*err = ENOMEM;
}

/* Write our own text to the report; the first failure is kept in j->err. */
static void out(struct json_rep *j, const char *s)
{
	if (!j->err)
		j->err = file_out_write(&j->out, s, strlen(s));
}

/*
 * v as compact JSON (malloc'ed; NULL on ENOMEM), safe inside an HTML
 * <script> block: "</" becomes "<\/" and "<!" becomes "\u003c!" (a '<'
 * in JSON text can only be inside a string, where both escapes mean the
 * same characters), so no "</script>" or "<!--" survives; the other '/'
 * stay readable ("SIP/2.0").
 */
static char *json_dump(const json_t *v)
{
	char *s = json_dumps(v, JSON_DUMP_FLAGS), *d;
	size_t n = 0, i, k = 0;

	if (!s)
		return NULL;
	for (i = 0; s[i]; i++)
		n += s[i] == '<' && (s[i + 1] == '/' || s[i + 1] == '!');
	if (!n)
		return s;
	d = malloc(i + 5 * n + 1);
	for (i = 0; d && s[i]; i++) {
		if (s[i] == '<' && s[i + 1] == '/') {
			memcpy(d + k, "<\\/", 3);
			k += 3;
			i++;
		} else if (s[i] == '<' && s[i + 1] == '!') {
			memcpy(d + k, "\\u003c", 6);
			k += 6;
		} else {
			d[k++] = s[i];
		}
	}
	if (d)
		d[k] = '\0';
	free(s);
	return d;
}

/* Dump v (not stolen) to the report. */
static void out_json(struct json_rep *j, const json_t *v)
{
	char *s = json_dump(v);

	if (!s) {
		if (!j->err)
			j->err = ENOMEM;
		return;
	}
	out(j, s);
	free(s);
}

static json_t *jtotals(const struct jtotals *t, int *err)
{
	json_t *o = json_object();

	if (!o) {
		*err = ENOMEM;
		return NULL;
	}
	put(o, "tests", json_integer((json_int_t)t->tests), err);
	put(o, "passed", json_integer((json_int_t)t->by[VERDICT_PASS]), err);
	put(o, "failed", json_integer((json_int_t)t->by[VERDICT_FAIL]), err);
	put(o, "errors", json_integer((json_int_t)t->by[VERDICT_ERROR]), err);
	put(o, "inconclusive", json_integer((json_int_t)t->by[VERDICT_INCONCLUSIVE]), err);
	put(o, "skipped", json_integer((json_int_t)t->by[VERDICT_SKIP]), err);
	return o;
}

/* What the bounds left out: null when nothing. */
static json_t *jcut(const struct report_cut *cut, unsigned long nmsgs, int *err)
{
	char line[512];
	json_t *o;

	if (!report_cut_any(cut))
		return json_null();
	o = json_object();
	if (!o) {
		*err = ENOMEM;
		return NULL;
	}
	report_cut_str(line, sizeof(line), cut, nmsgs);
	put(o, "messages_not_listed", json_integer((json_int_t)cut->msgs_hidden), err);
	put(o, "messages_quoted_in_part", json_integer((json_int_t)cut->msgs_short), err);
	put(o, "bytes_not_quoted", json_integer((json_int_t)cut->bytes), err);
	put(o, "failing_checks_not_listed", json_integer((json_int_t)cut->checks_hidden), err);
	put(o, "other_checks_not_listed", json_integer((json_int_t)cut->others_hidden), err);
	put(o, "text", json_string(line), err);
	return o;
}

/*
 * Which way a message went, from its label (report/evidence.c:
 * "[<run label>: ]sent #N (...)" or "...received #N (...)"; the run
 * label is the harness's own, what follows may hold the SUT's method).
 * NULL when the label does not say.
 */
static const char *msg_direction(const char *label)
{
	static const char *const dir[] = { "sent", "received" };
	const char *p;
	size_t d;

	if (!label)
		return NULL;
	for (p = label; *p; p++) {
		if (p != label && (p - label < 2 || p[-2] != ':' || p[-1] != ' '))
			continue;
		for (d = 0; d < 2; d++) {
			size_t l = strlen(dir[d]);

			if (!strncmp(p, dir[d], l) && !strncmp(p + l, " #", 2))
				return dir[d];
		}
	}
	return NULL;
}

/* Is slice [p, p + l) inside bytes b?  (Integer compares: the slices may be of other objects.) */
static bool pl_inside(struct pl b, const char *p, size_t l)
{
	uintptr_t s = (uintptr_t)b.p, q = (uintptr_t)p;

	return b.p && p && q >= s && q - s <= b.l && l <= b.l - (q - s);
}

/*
 * The message of c that holds the evidence of cr: the one cr->msg is,
 * else the first whose bytes hold the evidence slice.  nmsgs if none.
 */
static size_t evidence_msg(const struct report_case *c, const struct check_result *cr)
{
	size_t k, n = c->msgs ? c->nmsgs : 0;

	for (k = 0; k < n; k++)
		if (cr->msg.p && c->msgs[k].bytes.p == cr->msg.p &&
		    (!cr->evidence.l || pl_inside(c->msgs[k].bytes, cr->evidence.p, cr->evidence.l)))
			return k;
	for (k = 0; cr->evidence.l && k < n; k++)
		if (pl_inside(c->msgs[k].bytes, cr->evidence.p, cr->evidence.l))
			return k;
	return n;
}

/* Where the evidence of cr is: null when it names no bytes. */
static json_t *jevidence(const struct report_case *c, const struct check_result *cr, int *err)
{
	size_t k = evidence_msg(c, cr), n = c->msgs ? c->nmsgs : 0;
	size_t show = cr->evidence.l > REPORT_MSG_BYTES ? REPORT_MSG_BYTES : cr->evidence.l;
	json_t *o;

	if (k == n && !cr->evidence.l)
		return json_null();
	o = json_object();
	if (!o) {
		*err = ENOMEM;
		return NULL;
	}
	put(o, "message", k < n ? json_integer((json_int_t)k) : json_null(), err);
	put(o, "label", k < n ? json_str_or_null(c->msgs[k].label) : json_null(), err);
	if (k < n && cr->evidence.l) {
		const char *b = c->msgs[k].bytes.p, *at = cr->evidence.p, *q;
		size_t off = (size_t)(at - b), line = 1, col = 1;

		for (q = b; q < at; q++, col++)
			if (*q == '\n') {
				line++;
				col = 0;
			}
		put(o, "offset", json_integer((json_int_t)off), err);
		put(o, "line", json_integer((json_int_t)line), err);
		put(o, "column", json_integer((json_int_t)col), err);
	} else {
		put(o, "offset", json_null(), err);
		put(o, "line", json_null(), err);
		put(o, "column", json_null(), err);
	}
	put(o, "length", json_integer((json_int_t)cr->evidence.l), err);
	put(o, "text", json_untrusted(cr->evidence.p, show, 0), err);
	return o;
}

static json_t *jcheck(const struct report_case *c, const struct check_result *cr, int *err)
{
	const struct rule *ru = cr->rule;
	json_t *o = json_object();

	if (!o) {
		*err = ENOMEM;
		return NULL;
	}
	put(o, "id", json_str_or_null(ru && ru->id ? ru->id : "?"), err);
	put(o, "section", json_str_or_null(ru && ru->section ? ru->section : "?"), err);
	put(o, "level", json_string(ru ? rule_level_name(ru->level) : "?"), err);
	put(o, "header", json_str_or_null(ru ? ru->header : NULL), err);
	put(o, "requirement", json_str_or_null(ru ? ru->text : NULL), err);
	put(o, "outcome", json_string(check_outcome_name(cr->outcome)), err);
	put(o, "reason", json_untrusted(cr->reason, strnlen(cr->reason, sizeof(cr->reason)), 0),
	    err);
	put(o, "evidence", jevidence(c, cr, err), err);
	return o;
}

/* Every check the excerpt lists, in report order, and the counts by outcome. */
static void jchecks(json_t *t, const struct report_case *c, const struct report_excerpt *ex,
		    int *err)
{
	unsigned long n[4] = { 0, 0, 0, 0 };
	struct report_walk w = { 0, 0 };
	json_t *a = json_array(), *cnt = json_object();
	size_t i;

	for (i = 0; a && c->checks && i < c->nchecks; i++) {
		if ((unsigned)c->checks[i].outcome < 4)
			n[c->checks[i].outcome]++;
		if (report_check_listed(ex, &c->checks[i], &w))
			push(a, jcheck(c, &c->checks[i], err), err);
	}
	put(t, "checks", a, err);
	if (cnt) {
		put(cnt, "pass", json_integer((json_int_t)n[CHECK_PASS]), err);
		put(cnt, "fail", json_integer((json_int_t)n[CHECK_FAIL]), err);
		put(cnt, "warn", json_integer((json_int_t)n[CHECK_WARN]), err);
		put(cnt, "na", json_integer((json_int_t)n[CHECK_NA]), err);
	}
	put(t, "checks_total", cnt, err);
}

/* The messages of the excerpt: the first ex->show[k] bytes of each. */
static void jmsgs(json_t *t, const struct report_case *c, const struct report_excerpt *ex,
		  int *err)
{
	json_t *a = json_array();
	size_t k;

	for (k = 0; a && k < ex->n; k++) {
		const struct report_msg *m = &c->msgs[ex->idx[k]];
		const char *dir = msg_direction(m->label);
		json_t *o = json_object();

		if (!o) {
			*err = ENOMEM;
			break;
		}
		put(o, "index", json_integer((json_int_t)ex->idx[k]), err);
		put(o, "label", json_str_or_null(m->label), err);
		put(o, "direction", dir ? json_string(dir) : json_null(), err);
		put(o, "length", json_integer((json_int_t)m->bytes.l), err);
		put(o, "quoted", json_integer((json_int_t)ex->show[k]), err);
		put(o, "text", json_untrusted(m->bytes.p, ex->show[k], REPR_LINES), err);
		push(a, o, err);
	}
	put(t, "messages", a, err);
	put(t, "messages_total", json_integer((json_int_t)(c->msgs ? c->nmsgs : 0)), err);
}

/* The object of one test (NULL on ENOMEM). */
static json_t *jcase(struct json_rep *j, const struct report_case *c)
{
	struct report_excerpt ex;
	json_t *t = json_object();
	int err = 0;

	if (!t)
		return NULL;
	report_excerpt_plan_verdict(&ex, &j->budget, &j->cut, c);
	put(t, "suite", json_str_or_null(c->classname ? c->classname : ""), &err);
	put(t, "suite_index", json_array_size(j->suites) ?	/* the runner begins a suite first */
	    json_integer((json_int_t)json_array_size(j->suites) - 1) : json_null(), &err);
	put(t, "id", json_str_or_null(c->id ? c->id : ""), &err);
	put(t, "verdict", json_string(verdict_name(c->verdict)), &err);
	put(t, "message", json_str_or_null(c->message), &err);
	put(t, "duration_s", json_secs(c->seconds), &err);
	put(t, "evidence_dir", json_str_or_null(c->evidence_dir), &err);
	put(t, "notes", json_str_or_null(c->notes && *c->notes ? c->notes : NULL), &err);
	put(t, "cut", jcut(&ex.cut, c->msgs ? (unsigned long)c->nmsgs : 0, &err), &err);
	jchecks(t, c, &ex, &err);
	jmsgs(t, c, &ex, &err);
	if (err) {
		json_decref(t);
		return NULL;
	}
	return t;
}

static int json_run_info(void *st, const struct report_run *info)
{
	struct json_rep *j = st;
	json_t *argv = json_null(), *opts = json_object();
	int err = 0;
	size_t i;

	json_decref(j->tool);
	json_decref(j->sipp);
	json_decref(j->run);
	j->tool = json_object();
	j->sipp = json_object();
	j->run = json_object();
	if (!j->tool || !j->sipp || !j->run || !opts) {
		json_decref(opts);
		return ENOMEM;
	}
	put(j->tool, "name", json_string("sipconform"), &err);
	put(j->tool, "version", json_str_or_null(info->tool_version), &err);
	put(j->sipp, "path", json_str_or_null(info->sipp_path), &err);
	put(j->sipp, "version", json_str_or_null(info->sipp_version && *info->sipp_version ?
						  info->sipp_version : NULL), &err);
	put(j->sipp, "tls", json_str_or_null(info->tls_via), &err);
	j->started = info->started;
	j->t0 = monotime_now();
	if (info->argv) {
		argv = json_array();
		for (i = 0; argv && info->argv[i]; i++)
			push(argv, json_str_or_null(info->argv[i]), &err);
	}
	put(j->run, "argv", argv, &err);
	put(opts, "strict", json_boolean(info->strict), &err);
	put(opts, "waivers", json_str_or_null(info->waivers), &err);
	put(opts, "auth", json_boolean(info->auth), &err);
	put(opts, "tls_verify", json_str_or_null(info->tls_verify), &err);
	put(j->run, "options", opts, &err);
	return err;
}

/* The suite begun last gets its counts and duration (suite_end, or a stop). */
static void suite_finish(struct json_rep *j, double seconds)
{
	json_t *s = json_array_get(j->suites, json_array_size(j->suites) - 1), *t;
	int err = 0;

	if (!s)
		return;
	put(s, "duration_s", json_secs(seconds), &err);
	t = jtotals(&j->ssum, &err);
	if (t && json_object_update(s, t))
		err = ENOMEM;
	json_decref(t);
	if (err && !j->err)
		j->err = err;
}

static int json_suite_begin(void *st, const char *name, const char *file, time_t start)
{
	struct json_rep *j = st;
	json_t *s = json_object();
	int err = 0;

	if (!s)
		return ENOMEM;
	if (!j->started)
		j->started = start;
	put(s, "index", json_integer((json_int_t)json_array_size(j->suites)), &err);
	put(s, "name", json_str_or_null(name ? name : ""), &err);
	put(s, "file", json_str_or_null(file), &err);
	put(s, "started", json_time(start), &err);
	put(s, "target", json_null(), &err);
	memset(&j->ssum, 0, sizeof(j->ssum));
	j->s0 = monotime_now();
	push(j->suites, s, &err);
	if (!err)
		suite_finish(j, 0);     /* counts present even if suite_end never comes */
	return err ? err : j->err;
}

static int json_suite_target(void *st, const struct report_target *t)
{
	struct json_rep *j = st;
	json_t *s = json_array_get(j->suites, json_array_size(j->suites) - 1);
	json_t *o;
	int err = 0;

	if (!s)
		return EINVAL;
	o = json_object();
	if (!o)
		return ENOMEM;
	put(o, "host", json_str_or_null(t->host), &err);
	put(o, "port", json_integer((json_int_t)t->port), &err);
	put(o, "address", json_str_or_null(t->address), &err);
	put(o, "transport", json_str_or_null(t->transport), &err);
	put(s, "target", o, &err);
	return err;
}

static int json_case_end(void *st, const struct report_case *c)
{
	struct json_rep *j = st;
	json_t *t;
	char *s;
	int err;

	if ((unsigned)c->verdict >= VERDICT_COUNT)
		return EINVAL;
	if (j->err)
		return j->err;
	if (j->spool < 0) {
		j->spool = file_anon_fd();
		if (j->spool < 0)
			return j->err = -j->spool;
	}
	t = jcase(j, c);
	s = t ? json_dump(t) : NULL;
	json_decref(t);
	if (!s)
		return j->err = ENOMEM;
	/* One test a line: ",\n" before every test but the first. */
	err = j->spool_len ? file_write_fd(j->spool, ",\n", 2) : 0;
	if (!err)
		err = file_write_fd(j->spool, s, strlen(s));
	if (!err)
		j->spool_len += (off_t)strlen(s) + (j->spool_len ? 2 : 0);
	free(s);
	if (err)
		return j->err = err;
	j->sum.tests++;
	j->sum.by[c->verdict]++;
	j->ssum.tests++;
	j->ssum.by[c->verdict]++;
	suite_finish(j, monotime_now() - j->s0);
	return j->err;
}

static int json_suite_end(void *st, double seconds)
{
	struct json_rep *j = st;

	suite_finish(j, seconds);
	return j->err;
}

static int json_stopped(void *st, const char *why)
{
	struct json_rep *j = st;

	json_decref(j->stopped);
	j->stopped = json_str_or_null(why);
	return j->stopped ? 0 : ENOMEM;
}

static void json_free(struct json_rep *j)
{
	file_out_close(&j->out);
	if (j->spool >= 0)
		close(j->spool);
	json_decref(j->tool);
	json_decref(j->sipp);
	json_decref(j->run);
	json_decref(j->suites);
	json_decref(j->stopped);
	free(j);
}

static void json_discard(void *st)
{
	json_free(st);
}

/* What run_info did not give: tool, sipp and run with what is known. */
static void json_defaults(struct json_rep *j, int *err)
{
	if (!j->tool && (j->tool = json_object()) != NULL) {
		put(j->tool, "name", json_string("sipconform"), err);
#ifdef SIPCONFORM_VERSION
		put(j->tool, "version", json_string(SIPCONFORM_VERSION), err);
#else
		put(j->tool, "version", json_null(), err);
#endif
	}
	if (!j->sipp && (j->sipp = json_pack("{s:n,s:n,s:n}", "path", "version", "tls")) == NULL)
		*err = ENOMEM;
	if (!j->run && (j->run = json_pack("{s:n,s:{s:b,s:n,s:b,s:n}}", "argv", "options",
					     "strict", 0, "waivers", "auth", 0,
					     "tls_verify")) == NULL)
		*err = ENOMEM;
	if (!j->tool)
		*err = ENOMEM;
}

static int json_close(void *st)
{
	struct json_rep *j = st;
	json_t *totals, *run;
	int err = 0;
	size_t i;

	json_defaults(j, &err);
	run = j->run ? json_object() : NULL;
	if (run) {
		/* started, duration_s first, then what run_info gave. */
		put(run, "started", j->started ? json_time(j->started) : json_null(), &err);
		put(run, "duration_s", json_secs(monotime_now() - j->t0), &err);
		if (json_object_update(run, j->run))
			err = ENOMEM;
		put(run, "stopped", j->stopped ? json_incref(j->stopped) : json_null(), &err);
		put(run, "cut", jcut(&j->cut, 0, &err), &err);
	}
	totals = jtotals(&j->sum, &err);
	if (!run || err) {
		if (!j->err)
			j->err = err ? err : ENOMEM;
	} else {
		out(j, "{\"format\":\"sipconform-result\",\"format_version\":1,\n\"tool\":");
		out_json(j, j->tool);
		out(j, ",\n\"sipp\":");
		out_json(j, j->sipp);
		out(j, ",\n\"run\":");
		out_json(j, run);
		out(j, ",\n\"suites\":[");
		for (i = 0; i < json_array_size(j->suites); i++) {
			out(j, i ? ",\n" : "\n");
			out_json(j, json_array_get(j->suites, i));
		}
		out(j, "],\n\"tests\":[");
		if (j->spool_len) {
			out(j, "\n");
			if (!j->err)
				j->err = file_copy_fd(j->spool, 0, j->spool_len, j->out.fd);
		}
		out(j, "],\n\"totals\":");
		out_json(j, totals);
		out(j, "}\n");
		if (!j->err)
			j->err = file_out_commit(&j->out);
	}
	json_decref(run);
	json_decref(totals);
	err = j->err;
	json_free(j);
	return err;
}

static const struct report_ops json_ops = {
	.suite_begin = json_suite_begin,
	.case_end = json_case_end,
	.suite_end = json_suite_end,
	.stopped = json_stopped,
	.close = json_close,
	.discard = json_discard,
	.run_info = json_run_info,
	.suite_target = json_suite_target,
};

int report_json_open(struct reporter **rp, const char *path)
{
	struct json_rep *j;
	int err;

	if (!rp || !path || !*path)
		return EINVAL;
	j = calloc(1, sizeof(*j));
	if (!j)
		return ENOMEM;
	j->spool = -1;
	j->out.fd = -1;         /* file_out_close is safe before file_out_open */
	j->out.slot = -1;
	j->budget = REPORT_TOTAL_BYTES;
	j->t0 = monotime_now();
	j->suites = json_array();
	err = j->suites ? file_out_open(&j->out, path) : ENOMEM;
	if (!err)
		err = report_new(rp, &json_ops, j);
	if (err)
		json_free(j);
	return err;
}
