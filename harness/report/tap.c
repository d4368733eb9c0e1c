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
 *     checks:            (failing and warning checks only)
 *       failing: 1
 *       warnings: 0
 *       list:
 *       - id: '...'
 *         section: '...'
 *         level: MUST
 *         outcome: fail
 *         reason: '...'
 *         evidence: '...'
 *     messages:
 *       count: 1
 *       list:
 *       - label: '...'
 *         text: |
 *           SIP/2.0 405 Method Not Allowed\r\n
 *     ...
 *   not ok 3 - <id>: error: <reason>
 *   ok 4 - <id> # SKIP <reason>
 *   1..4
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
 * warnings or notes.  PATH "-" is stdout.
 */
#include "report/report_impl.h"
#include "base/repr.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

struct tap {
	FILE *fp;
	int own;                /* fclose at close (not stdout) */
	unsigned long n;        /* tests so far, across suites */
	int err;                /* first write error, sticky */
};



/* Write n bytes; the first failure is kept in t->err. */
static int put(struct tap *t, const char *p, size_t n)
{
	if (t->err)
		return t->err;
	errno = 0;
	if (n && fwrite(p, 1, n, t->fp) != n)
		t->err = errno ? errno : EIO;
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
 *   checks: {failing: N, warnings: N, list: [...]}
 *   messages: {count: N, list: [...]}
 */
static int y_checks(yaml_emitter_t *e, const struct report_case *c)
{
	unsigned long nfail = 0, nwarn = 0;
	char num[24];
	size_t i;

	for (i = 0; c->checks && i < c->nchecks; i++) {
		nfail += c->checks[i].outcome == CHECK_FAIL;
		nwarn += c->checks[i].outcome == CHECK_WARN;
	}
	if (!y_word(e, "checks") || !y_map_begin(e))
		return 0;
	snprintf(num, sizeof(num), "%lu", nfail);
	if (!y_word(e, "failing") || !y_word(e, num))
		return 0;
	snprintf(num, sizeof(num), "%lu", nwarn);
	if (!y_word(e, "warnings") || !y_word(e, num))
		return 0;
	if (!y_word(e, "list") || !y_seq_begin(e))
		return 0;
	for (i = 0; c->checks && i < c->nchecks; i++) {
		const struct check_result *cr = &c->checks[i];
		const struct rule *ru = cr->rule;

		if (cr->outcome != CHECK_FAIL && cr->outcome != CHECK_WARN)
			continue;
		if (!y_map_begin(e) ||
		    !y_kv(e, "id", ru && ru->id ? ru->id : "?") ||
		    !y_kv(e, "section", ru && ru->section ? ru->section : "?") ||
		    !y_word(e, "level") || !y_word(e, ru ? rule_level_name(ru->level) : "?") ||
		    !y_word(e, "outcome") || !y_word(e, check_outcome_name(cr->outcome)) ||
		    !y_word(e, "reason") ||
		    !y_bytes(e, cr->reason, strnlen(cr->reason, sizeof(cr->reason)), 0) ||
		    !y_word(e, "evidence") ||
		    !y_bytes(e, cr->evidence.p, cr->evidence.l, 0) ||
		    !y_map_end(e))
			return 0;
	}
	return y_seq_end(e) && y_map_end(e);
}

static int y_msgs(yaml_emitter_t *e, const struct report_case *c)
{
	char num[24];
	size_t i;

	if (!y_word(e, "messages") || !y_map_begin(e))
		return 0;
	snprintf(num, sizeof(num), "%lu", (unsigned long)c->nmsgs);
	if (!y_word(e, "count") || !y_word(e, num) ||
	    !y_word(e, "list") || !y_seq_begin(e))
		return 0;
	for (i = 0; c->msgs && i < c->nmsgs; i++) {
		const struct report_msg *m = &c->msgs[i];

		if (!y_map_begin(e) ||
		    !y_kv(e, "label", m->label && *m->label ? m->label : "message") ||
		    !y_word(e, "text") || !y_bytes(e, m->bytes.p, m->bytes.l, 1) ||
		    !y_map_end(e))
			return 0;
	}
	return y_seq_end(e) && y_map_end(e);
}

static int has_warn_or_fail(const struct report_case *c)
{
	size_t i;

	for (i = 0; c->checks && i < c->nchecks; i++)
		if (c->checks[i].outcome == CHECK_FAIL ||
		    c->checks[i].outcome == CHECK_WARN)
			return 1;
	return 0;
}

/* The diagnostics document into *out (YAML, not yet indented). */
static int diag_yaml(struct repr *out, const struct report_case *c)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	char secs[32];
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
	if (ok && has_warn_or_fail(c))
		ok = y_checks(&e, c);
	if (ok && c->msgs && c->nmsgs)
		ok = y_msgs(&e, c);
	ok = ok && y_map_end(&e) &&
	     yaml_document_end_event_initialize(&ev, 0) && y_emit(&e, &ev) &&
	     yaml_stream_end_event_initialize(&ev) && y_emit(&e, &ev) &&
	     yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	if (out->err)
		return out->err;
	return ok ? 0 : ENOMEM;
}

/* Write the YAML text with every line indented by two spaces. */
static int put_indented(struct tap *t, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && !t->err) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;

		put(t, "  ", 2);
		put(t, s + i, end - i);
		put(t, "\n", 1);
		i = end + 1;
	}
	return t->err;
}

static int tap_suite_begin(void *st, const char *name, const char *file,
			   time_t start)
{
	struct tap *t = st;
	struct repr r;
	char *s;

	(void)start;
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
	struct repr r, y;
	int err = 0;

	if (t->err)
		return t->err;
	if (c->verdict != VERDICT_PASS && c->verdict != VERDICT_FAIL &&
	    c->verdict != VERDICT_ERROR && c->verdict != VERDICT_SKIP)
		return EINVAL;
	repr_init(&r);
	repr_init(&y);
	t->n++;
	repr_lit(&r, (c->verdict == VERDICT_FAIL || c->verdict == VERDICT_ERROR) ?
		 "not ok " : "ok ");
	repr_ulong(&r, t->n);
	repr_lit(&r, " - ");
	repr_cats(&r, c->id ? c->id : "", REPR_TAP);
	if (c->verdict == VERDICT_ERROR) {
		repr_lit(&r, ": error: ");
		repr_cats(&r, c->message ? c->message : "harness error", REPR_TAP);
	} else if (c->verdict == VERDICT_SKIP) {
		repr_lit(&r, " # SKIP ");
		repr_cats(&r, c->message ? c->message : "skipped", REPR_TAP);
	}
	repr_lit(&r, "\n");
	if (r.err) {
		err = r.err;
		goto out;
	}
	if (c->verdict != VERDICT_PASS || has_warn_or_fail(c) ||
	    (c->notes && *c->notes)) {
		err = diag_yaml(&y, c);
		if (err)
			goto out;
	}
	/* The test line and its block go out together, or not at all. */
	put(t, r.s, r.len);
	put_indented(t, y.s, y.len);
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

static int tap_close(void *st)
{
	struct tap *t = st;
	struct repr r;
	int err;

	repr_init(&r);
	repr_lit(&r, "1..");
	repr_ulong(&r, t->n);
	repr_lit(&r, "\n");
	if (r.err)
		t->err = t->err ? t->err : r.err;
	else
		put(t, r.s, r.len);
	repr_reset(&r);
	errno = 0;
	if (fflush(t->fp) && !t->err)
		t->err = errno ? errno : EIO;
	if (t->own && fclose(t->fp) && !t->err)
		t->err = errno ? errno : EIO;
	err = t->err;
	free(t);
	return err;
}

static const struct report_ops tap_ops = {
	.suite_begin = tap_suite_begin,
	.case_end = tap_case_end,
	.suite_end = tap_suite_end,
	.close = tap_close,
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
	if (!strcmp(path, "-")) {
		t->fp = stdout;
	} else {
		t->fp = fopen(path, "w");
		if (!t->fp) {
			err = errno ? errno : EIO;
			goto out;
		}
		t->own = 1;
	}
	put(t, "TAP version 13\n", 15);
	err = t->err;
	if (!err)
		err = report_new(rp, &tap_ops, t);
out:
	if (err) {
		if (t->own)
			fclose(t->fp);
		free(t);
	}
	return err;
}
