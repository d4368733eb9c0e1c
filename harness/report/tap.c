/*
 * report_tap.c - TAP version 13 reporter (Test Anything Protocol,
 * testanything.org/tap-version-13-specification.html).  Version 13, not
 * 14: Debian's prove (TAP::Harness 3.44) rejects "TAP version 14".
 *
 * Stream written, one line per test as it ends, plan last (as Check does):
 *
 *   TAP version 13
 *   # suite: <name> (<file>)
 *   ok 1 - <id>
 *   not ok 2 - <id>
 *     ---
 *     verdict: fail
 *     message: '...'
 *     seconds: 1.500
 *     evidence_dir: '...'
 *     notes: |
 *       ...
 *     cut: '...'         (what the bounds of report.h left out, if anything)
 *     checks:            (every check evaluated, of every test that has any)
 *       failing: 1
 *       warnings: 0
 *       passed: 14
 *       not_applicable: 3
 *       not_listed: 0    (only when some are not)
 *       list:            (in report order; failing/warning ones first if cut)
 *       - id: '...'
 *         section: '...'
 *         level: MUST
 *         outcome: fail  (pass, fail, warn, na)
 *         reason: '...'  (for na: why it was not judged)
 *         evidence: '...' (failing and warning checks only)
 *     messages:          (of every test that has any, a pass's too)
 *       count: 1
 *       list:
 *       - label: '...'
 *         text: |
 *           SIP/2.0 405 Method Not Allowed\r\n
 *     ...
 *   not ok 3 - <id>                      (verdict: error, message: the error, in the block)
 *   ok 4 - <id> # SKIP <reason>
 *   ok 5 - <id> # SKIP inconclusive: <reason>   (VERDICT_INCONCLUSIVE: its block
 *                                                 says "verdict: inconclusive")
 *   # report cut: ...                    (only when the bounds cut something)
 *   1..4
 *   Bail out! <why>                      (only when the run stopped early)
 *
 * The description of a test point is its id alone, whatever happened
 * (the verdict's detail, an error's text, a reason are in the block), so
 * a test keeps its name from run to run in tap-junit and CI dashboards;
 * a skip keeps TAP's "# SKIP reason" directive, which is not part of it.
 *
 * Every untrusted byte goes through repr.c with REPR_TAP, so '#', '\\',
 * newlines and control bytes in an id or reason cannot end the line, forge
 * a directive or start a new test line.  The diagnostics are emitted by
 * libyaml (yaml_emitter_*) into a buffer, then every line is indented by
 * two spaces: no line of the block starts at column 0, so a forged
 * "ok 1 - forged" or "1..9" inside a message can never count as TAP.
 * Scalars are kept within what prove's YAMLish reader parses: unlimited
 * line width (no folded quoted scalars), literal blocks only with the
 * plain "|" header (repr output ends in one newline, never starts with a
 * space), untrusted strings never plain (so "~" or "|" stay strings).
 * A YAML block follows every non-passing test, and a passing one that has
 * checks, messages or notes: a pass records its proof, the checks
 * evaluated and the bytes sent and received, within the bounds of
 * report.h (passes quote messages only from the part of the report's
 * byte budget above REPORT_FAIL_RESERVE).  PATH "-" is stdout.
 *
 * An inconclusive test is "ok ... # SKIP inconclusive: ...": TAP has no
 * third outcome, and "not ok # TODO" reads as a failure to a person and
 * as a pass to prove (a TODO test never fails a run), while SKIP is what
 * TAP says of a test whose property could not be tested, what prove
 * counts apart ("skipped"), and what JUnit gets too (<skipped>).  The
 * run's exit status (1) is what makes it count: see README.md.
 *
 * Each test's line and block go out in one write(2) as the test ends (no
 * stdio buffer): a SIGKILL loses at most the running test.  The header
 * goes to a temp file at open and replaces the target at the first
 * suite_begin (base/file.h file_out), so a run refused in preflight
 * leaves the target as it was.  A run stopped early gets its plan, then
 * "Bail out!" with the reason: prove reports "Further testing stopped".
 */
#include "report/report_impl.h"
#include "base/file.h"
#include "base/repr.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

struct tap {
	struct file_out out;
	unsigned long n;        /* tests so far, across suites */
	int err;                /* first write error, sticky */
	bool started;           /* header written, target replaced */
	char *stopped;          /* why the run stopped early (rendered), NULL */
	size_t budget;          /* message bytes the report may still quote */
	struct report_cut cut;  /* what the report left out */
};

/* Write n bytes now; the first failure is kept in t->err. */
static int put(struct tap *t, const char *p, size_t n)
{
	if (t->err)
		return t->err;
	t->err = file_out_write(&t->out, p, n);
	return t->err;
}

/* The header, and the target replaced by the file that holds it (once). */
static int tap_start(struct tap *t)
{
	int err;

	if (t->started)
		return t->err;
	t->started = true;
	put(t, "TAP version 13\n", 15);
	if (!t->err && (err = file_out_commit(&t->out)) != 0)
		t->err = err;
	return t->err;
}

static int yaml_out(void *data, unsigned char *buf, size_t size)
{
	return repr_raw(data, (const char *)buf, size) == 0;
}

/* Emitter helpers: each returns 1 on success, like libyaml. */
static int y_emit(yaml_emitter_t *e, yaml_event_t *ev)
{
	return yaml_emitter_emit(e, ev);
}

/* A trusted word (key, enum name): plain style. */
static int y_word(yaml_emitter_t *e, const char *s)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
					  (int)strlen(s), 1, 1, YAML_PLAIN_SCALAR_STYLE))
		return 0;
	return y_emit(e, &ev);
}

/*
 * An already rendered (repr) string: never plain, so that YAML cannot read
 * it as null, a number or an indicator; literal style for multi-line text.
 */
static int y_str(yaml_emitter_t *e, const char *s, int literal)
{
	yaml_event_t ev;
	size_t n = strlen(s);

	if (n > (size_t)INT32_MAX)
		n = INT32_MAX;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)n,
					  0, 1, literal ? YAML_LITERAL_SCALAR_STYLE :
					  YAML_ANY_SCALAR_STYLE))
		return 0;
	return y_emit(e, &ev);
}

/* Render untrusted bytes and emit them; text ends in exactly one LF. */
static int y_bytes(yaml_emitter_t *e, const char *p, size_t n, int lines)
{
	struct repr r;
	char *s;
	int ok;

	repr_init(&r);
	repr_cat(&r, p, n, lines ? REPR_LINES : 0);
	if (lines && r.len && r.s[r.len - 1] != '\n')
		repr_lit(&r, "\n");
	s = repr_detach(&r);
	if (!s)
		return 0;
	ok = y_str(e, s, lines && *s);
	free(s);
	return ok;
}

/* The first show of n bytes as a literal block, and a last line saying how much was cut. */
static int y_excerpt(yaml_emitter_t *e, const char *p, size_t n, size_t show)
{
	struct repr r;
	char *s;
	int ok;

	if (show >= n)
		return y_bytes(e, p, n, 1);
	repr_init(&r);
	repr_cat(&r, p, show, REPR_LINES);
	if (r.len && r.s[r.len - 1] != '\n')
		repr_lit(&r, "\n");
	repr_lit(&r, "...[cut: ");
	repr_ulong(&r, (unsigned long)(n - show));
	repr_lit(&r, " more bytes]\n");
	s = repr_detach(&r);
	if (!s)
		return 0;
	ok = y_str(e, s, 1);
	free(s);
	return ok;
}

static int y_kv(yaml_emitter_t *e, const char *key, const char *val)
{
	return y_word(e, key) && y_bytes(e, val, strlen(val), 0);
}

static int y_map_begin(yaml_emitter_t *e)
{
	yaml_event_t ev;

	if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
						 YAML_BLOCK_MAPPING_STYLE))
		return 0;
	return y_emit(e, &ev);
}

static int y_map_end(yaml_emitter_t *e)
{
	yaml_event_t ev;

	if (!yaml_mapping_end_event_initialize(&ev))
		return 0;
	return y_emit(e, &ev);
}

static int y_seq_begin(yaml_emitter_t *e)
{
	yaml_event_t ev;

	if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
						  YAML_BLOCK_SEQUENCE_STYLE))
		return 0;
	return y_emit(e, &ev);
}

static int y_seq_end(yaml_emitter_t *e)
{
	yaml_event_t ev;

	if (!yaml_sequence_end_event_initialize(&ev))
		return 0;
	return y_emit(e, &ev);
}

/*
 * prove's YAMLish reader takes a key that follows an indentless sequence
 * (libyaml's only style for a sequence inside a block mapping) as one
 * more item of that sequence, and can then read past "...".  So every
 * sequence is the last key of a mapping of its own:
 *   checks: {failing: N, warnings: N, passed: N, not_applicable: N, list: [...]}
 *   messages: {count: N, list: [...]}
 * Every check evaluated is listed (failing and warning ones first when
 * the bound of report.h leaves no room for all); the evidence row only
 * for failing and warning ones: the messages show the rest.
 */
static int y_count(yaml_emitter_t *e, const char *key, unsigned long n)
{
	char num[24];

	snprintf(num, sizeof(num), "%lu", n);
	return y_word(e, key) && y_word(e, num);
}

static int y_checks(yaml_emitter_t *e, const struct report_case *c,
		    const struct report_excerpt *ex)
{
	unsigned long n[4] = { 0, 0, 0, 0 };    /* by enum check_outcome */
	struct report_walk w = { 0, 0 };
	size_t i;

	for (i = 0; c->checks && i < c->nchecks; i++)
		if ((unsigned)c->checks[i].outcome < 4)
			n[c->checks[i].outcome]++;
	if (!y_word(e, "checks") || !y_map_begin(e) ||
	    !y_count(e, "failing", n[CHECK_FAIL]) || !y_count(e, "warnings", n[CHECK_WARN]) ||
	    !y_count(e, "passed", n[CHECK_PASS]) || !y_count(e, "not_applicable", n[CHECK_NA]))
		return 0;
	if ((ex->cut.checks_hidden || ex->cut.others_hidden) &&
	    !y_count(e, "not_listed", ex->cut.checks_hidden + ex->cut.others_hidden))
		return 0;
	if (!y_word(e, "list") || !y_seq_begin(e))
		return 0;
	for (i = 0; c->checks && i < c->nchecks; i++) {
		const struct check_result *cr = &c->checks[i];
		const struct rule *ru = cr->rule;
		size_t evl = cr->evidence.l > REPORT_MSG_BYTES ? REPORT_MSG_BYTES : cr->evidence.l;

		if (!report_check_listed(ex, cr, &w))
			continue;
		if (!y_map_begin(e) ||
		    !y_kv(e, "id", ru && ru->id ? ru->id : "?") ||
		    !y_kv(e, "section", ru && ru->section ? ru->section : "?") ||
		    !y_word(e, "level") || !y_word(e, ru ? rule_level_name(ru->level) : "?") ||
		    !y_word(e, "outcome") || !y_word(e, check_outcome_name(cr->outcome)) ||
		    !y_word(e, "reason") ||
		    !y_bytes(e, cr->reason, strnlen(cr->reason, sizeof(cr->reason)), 0))
			return 0;
		if (report_check_fw(cr) &&
		    (!y_word(e, "evidence") || !y_bytes(e, cr->evidence.p, evl, 0)))
			return 0;
		if (!y_map_end(e))
			return 0;
	}
	return y_seq_end(e) && y_map_end(e);
}

static int y_msgs(yaml_emitter_t *e, const struct report_case *c,
		  const struct report_excerpt *ex)
{
	char num[24];
	size_t k;

	if (!y_word(e, "messages") || !y_map_begin(e))
		return 0;
	snprintf(num, sizeof(num), "%lu", (unsigned long)c->nmsgs);
	if (!y_word(e, "count") || !y_word(e, num) ||
	    !y_word(e, "list") || !y_seq_begin(e))
		return 0;
	for (k = 0; k < ex->n; k++) {
		const struct report_msg *m = &c->msgs[ex->idx[k]];

		if (!y_map_begin(e) ||
		    !y_kv(e, "label", m->label && *m->label ? m->label : "message") ||
		    !y_word(e, "text") || !y_excerpt(e, m->bytes.p, m->bytes.l, ex->show[k]) ||
		    !y_map_end(e))
			return 0;
	}
	return y_seq_end(e) && y_map_end(e);
}

/*
 * Does the test get a YAML block?  Every test with something to say:
 * one that did not pass, or that has checks, messages or notes.
 */
static int has_block(const struct report_case *c)
{
	return c->verdict != VERDICT_PASS || (c->checks && c->nchecks) ||
	       (c->msgs && c->nmsgs) || (c->notes && *c->notes);
}

/* The diagnostics document into *out (YAML, not yet indented). */
static int diag_yaml(struct repr *out, const struct report_case *c,
		     const struct report_excerpt *ex)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	char secs[32], cut[512];
	int ok;

	if (!yaml_emitter_initialize(&e))
		return ENOMEM;
	yaml_emitter_set_output(&e, yaml_out, out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);         /* no folded quoted scalars */
	yaml_emitter_set_indent(&e, 2);
	yaml_emitter_set_break(&e, YAML_LN_BREAK);

	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
	     y_emit(&e, &ev) &&
	     yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0) &&
	     y_emit(&e, &ev) &&
	     y_map_begin(&e) &&
	     y_word(&e, "verdict") && y_word(&e, verdict_name(c->verdict));
	if (ok && c->message)
		ok = y_kv(&e, "message", c->message);
	ok = ok && y_word(&e, "seconds") && y_word(&e, repr_seconds(secs, c->seconds));
	if (ok && c->evidence_dir)
		ok = y_kv(&e, "evidence_dir", c->evidence_dir);
	if (ok && c->notes && *c->notes)
		ok = y_word(&e, "notes") &&
		     y_bytes(&e, c->notes, strlen(c->notes), 1);
	if (ok && report_cut_any(&ex->cut)) {
		report_cut_str(cut, sizeof(cut), &ex->cut, c->msgs ? (unsigned long)c->nmsgs : 0);
		ok = y_kv(&e, "cut", cut);
	}
	if (ok && c->checks && c->nchecks)
		ok = y_checks(&e, c, ex);
	if (ok && c->msgs && c->nmsgs)
		ok = y_msgs(&e, c, ex);
	ok = ok && y_map_end(&e) &&
	     yaml_document_end_event_initialize(&ev, 0) && y_emit(&e, &ev) &&
	     yaml_stream_end_event_initialize(&ev) && y_emit(&e, &ev) &&
	     yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	if (out->err)
		return out->err;
	return ok ? 0 : ENOMEM;
}

/* Append the YAML text with every line indented by two spaces. */
static void add_indented(struct repr *r, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;

		repr_raw(r, "  ", 2);
		repr_raw(r, s + i, end - i);
		repr_raw(r, "\n", 1);
		i = end + 1;
	}
}

static int tap_suite_begin(void *st, const char *name, const char *file,
			   time_t start)
{
	struct tap *t = st;
	struct repr r;
	char *s;

	(void)start;
	if (tap_start(t))
		return t->err;
	repr_init(&r);
	repr_lit(&r, "# suite: ");
	repr_cats(&r, name ? name : "", REPR_TAP);
	if (file) {
		repr_lit(&r, " (");
		repr_cats(&r, file, REPR_TAP);
		repr_lit(&r, ")");
	}
	repr_lit(&r, "\n");
	s = repr_detach(&r);
	if (!s)
		return ENOMEM;
	put(t, s, strlen(s));
	free(s);
	return t->err;
}

static int tap_case_end(void *st, const struct report_case *c)
{
	struct tap *t = st;
	struct report_excerpt ex;
	struct repr r, y;
	int err = 0;

	if (tap_start(t))
		return t->err;
	if ((unsigned)c->verdict >= VERDICT_COUNT)
		return EINVAL;
	repr_init(&r);
	repr_init(&y);
	t->n++;
	repr_lit(&r, (c->verdict == VERDICT_FAIL || c->verdict == VERDICT_ERROR) ?
		 "not ok " : "ok ");
	repr_ulong(&r, t->n);
	repr_lit(&r, " - ");
	repr_cats(&r, c->id ? c->id : "", REPR_TAP);
	/* The description is the id alone (its history stays one line in a
	 * dashboard); a skip keeps TAP's directive, the rest is in the block. */
	if (c->verdict == VERDICT_SKIP) {
		repr_lit(&r, " # SKIP ");
		repr_cats(&r, c->message ? c->message : "skipped", REPR_TAP);
	} else if (c->verdict == VERDICT_INCONCLUSIVE) {
		repr_lit(&r, " # SKIP inconclusive: ");
		repr_cats(&r, c->message ? c->message : "refused on other grounds", REPR_TAP);
	}
	repr_lit(&r, "\n");
	if (r.err) {
		err = r.err;
		goto out;
	}
	if (has_block(c)) {
		report_excerpt_plan_verdict(&ex, &t->budget, &t->cut, c);
		err = diag_yaml(&y, c, &ex);
		if (err)
			goto out;
	}
	/* The test line and its block go out together, in one write. */
	add_indented(&r, y.s, y.len);
	if (r.err) {
		err = r.err;
		goto out;
	}
	put(t, r.s, r.len);
	err = t->err;
out:
	repr_reset(&r);
	repr_reset(&y);
	return err;
}

static int tap_suite_end(void *st, double seconds)
{
	(void)seconds;
	return ((struct tap *)st)->err;
}

static int tap_stopped(void *st, const char *why)
{
	struct tap *t = st;

	free(t->stopped);
	t->stopped = repr_dups(why, REPR_TAP);
	return t->stopped ? 0 : ENOMEM;
}

static void tap_free(struct tap *t)
{
	file_out_close(&t->out);
	free(t->stopped);
	free(t);
}

static void tap_discard(void *st)
{
	tap_free(st);
}

static int tap_close(void *st)
{
	struct tap *t = st;
	char cut[512];
	struct repr r;
	int err;

	tap_start(t);
	repr_init(&r);
	if (report_cut_any(&t->cut)) {
		report_cut_str(cut, sizeof(cut), &t->cut, 0);
		repr_lit(&r, "# report cut: ");
		repr_lit(&r, cut);
		repr_lit(&r, "\n");
	}
	repr_lit(&r, "1..");
	repr_ulong(&r, t->n);
	repr_lit(&r, "\n");
	if (t->stopped) {
		repr_lit(&r, "Bail out! ");
		repr_lit(&r, t->stopped);
		repr_lit(&r, "\n");
	}
	if (r.err)
		t->err = t->err ? t->err : r.err;
	else
		put(t, r.s, r.len);
	repr_reset(&r);
	err = t->err;
	tap_free(t);
	return err;
}

static const struct report_ops tap_ops = {
	.suite_begin = tap_suite_begin,
	.case_end = tap_case_end,
	.suite_end = tap_suite_end,
	.stopped = tap_stopped,
	.close = tap_close,
	.discard = tap_discard,
};

int report_tap_open(struct reporter **rp, const char *path)
{
	struct tap *t;
	int err = 0;

	if (!rp || !path || !*path)
		return EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return ENOMEM;
	t->budget = REPORT_TOTAL_BYTES;
	err = file_out_open(&t->out, path);
	if (!err)
		err = report_new(rp, &tap_ops, t);
	if (err)
		tap_free(t);
	return err;
}
