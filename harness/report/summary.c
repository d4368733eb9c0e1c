/*
 * summary.c - the terminal summary reporter (see summary.h).
 *
 * Every string printed may come from a suite file or the SUT (through
 * SIPp's stderr): summary_put lets through printable UTF-8 only.  A
 * terminal must not receive C0/C1 controls (cursor moves, title
 * changes, OSC 8 links) nor the code points that reorder what is shown
 * (Trojan Source, CVE-2021-42574): the bidi embeddings and overrides
 * U+202A-U+202E, the isolates U+2066-U+2069, the marks U+200E, U+200F
 * and U+061C, and the line/paragraph separators U+2028, U+2029.  Each
 * such code point, and each byte that is not valid UTF-8, shows as '?'.
 */
#include "report/summary.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/monotime.h"
#include "report/report_impl.h"

struct summary {
	struct summary_conf c;
	char host[256];
	uint16_t port;
	char addr[128];
	struct summary_counts n;
	char *stopped;             /* why the run stopped early, NULL */
	bool color;                /* colour the verdict words */
	FILE *pfp;                 /* the terminal of the progress line; NULL: none */
	bool drawn;                /* the progress line is on the screen */
};

/* ANSI SGR colours of the verdict words, by enum verdict. */
static const char *const summary_color[] = { "32", "31", "1;31", "36", "33" };

/* May fp get terminal controls?  A TTY, and for colour no NO_COLOR / TERM=dumb. */
static bool summary_tty(FILE *fp)
{
	return fp && isatty(fileno(fp));
}

static bool summary_want_color(FILE *fp)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	return summary_tty(fp) && !(nc && nc[0]) && !(term && strcmp(term, "dumb") == 0);
}

/* Erase the progress line, if drawn: before any other output and at the end. */
static void summary_erase(struct summary *s)
{
	if (!s->drawn)
		return;
	fputs("\r\033[K", s->pfp);
	fflush(s->pfp);
	s->drawn = false;
}

/* Draw the progress line once the run is long enough to want one. */
static void summary_progress(struct summary *s)
{
	double t = monotime_now() - s->c.t0;

	if (!s->pfp || !s->c.total || t < SUMMARY_PROGRESS_AFTER)
		return;
	fprintf(s->pfp, "\r\033[K[%zu/%zu] %zu not passed, %.0fs", s->n.total, s->c.total,
		s->n.failed + s->n.errors + s->n.inconclusive, t);
	fflush(s->pfp);
	s->drawn = true;
}

/* Length of the valid UTF-8 sequence at p (at most n bytes) and its code point; 0 if invalid. */
static size_t utf8_len(const unsigned char *p, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long v, min;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2; v = p[0] & 0x1f; min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3; v = p[0] & 0x0f; min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4; v = p[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return len;
}

/* May code point cp reach a terminal as it is? */
static bool summary_printable(unsigned long cp)
{
	return !(cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		 cp == 0x061c || cp == 0x200e || cp == 0x200f ||
		 (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069));
}

/* Print s (may be NULL: "(null)") with every code point summary_printable refuses as '?'. */
static void summary_put(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "(null)");
	size_t n = strlen((const char *)p);

	while (n > 0) {
		unsigned long cp = 0;
		size_t l = utf8_len(p, n, &cp);

		if (l == 0 || !summary_printable(cp)) {
			fputc('?', fp);
			l = l ? l : 1;
		} else
			fwrite(p, 1, l, fp);
		p += l;
		n -= l;
	}
}

static int summary_suite_begin(void *st, const char *name, const char *file, time_t start)
{
	struct summary *s = st;
	bool v6 = strchr(s->host, ':') != NULL;

	(void)start;
	summary_erase(s);
	fputs("suite ", s->c.fp);
	summary_put(s->c.fp, name);
	fputs(" (", s->c.fp);
	summary_put(s->c.fp, file);
	fprintf(s->c.fp, "), target %s", v6 ? "[" : "");
	summary_put(s->c.fp, s->host);
	fprintf(s->c.fp, "%s:%u", v6 ? "]" : "", s->port);
	if (s->addr[0] && strcmp(s->addr, s->host) != 0) {
		fputs(" (", s->c.fp);
		summary_put(s->c.fp, s->addr);
		fputc(')', s->c.fp);
	}
	fputc('\n', s->c.fp);
	return 0;
}

/* "  FAIL  id   1.50s  message": id and message through summary_put. */
static int summary_case_end(void *st, const struct report_case *c)
{
	static const char *const word[] = { "PASS", "FAIL", "ERROR", "SKIP", "INCONCLUSIVE" };
	struct summary *s = st;
	const char *msg = c->verdict == VERDICT_PASS ? NULL : c->message;

	if ((unsigned)c->verdict >= sizeof(word) / sizeof(word[0]))
		return EINVAL;
	s->n.total++;
	switch (c->verdict) {
	case VERDICT_PASS:  s->n.passed++;  break;
	case VERDICT_FAIL:  s->n.failed++;  break;
	case VERDICT_ERROR: s->n.errors++;  break;
	case VERDICT_SKIP:  s->n.skipped++; break;
	case VERDICT_INCONCLUSIVE: s->n.inconclusive++; break;
	}
	if (s->c.quiet && c->verdict == VERDICT_PASS) {
		summary_progress(s);
		return 0;
	}
	summary_erase(s);
	if (s->color)
		fprintf(s->c.fp, "  \033[%sm%s\033[0m%*s ", summary_color[c->verdict],
			word[c->verdict], (int)(5 - (strlen(word[c->verdict]) < 5 ?
						     strlen(word[c->verdict]) : 5)), "");
	else
		fprintf(s->c.fp, "  %-5s ", word[c->verdict]);
	summary_put(s->c.fp, c->id ? c->id : "");
	fprintf(s->c.fp, "%*s %6.2fs%s", c->id && strlen(c->id) < 40 ? (int)(40 - strlen(c->id)) : 0,
		"", c->seconds, msg ? "  " : "");
	if (msg)
		summary_put(s->c.fp, msg);
	fputc('\n', s->c.fp);
	summary_progress(s);
	return 0;
}

static int summary_stopped(void *st, const char *why)
{
	struct summary *s = st;

	free(s->stopped);
	s->stopped = strdup(why);
	return s->stopped ? 0 : ENOMEM;
}

static void summary_discard(void *st)
{
	struct summary *s = st;

	summary_erase(s);
	free(s->stopped);
	free(s);
}

static int summary_suite_end(void *st, double seconds)
{
	(void)st;
	(void)seconds;
	return 0;
}

static int summary_close(void *st)
{
	struct summary *s = st;
	const struct summary_conf *c = &s->c;
	int err;

	summary_erase(s);
	if (s->stopped) {
		fputs("stopped: ", c->fp);
		summary_put(c->fp, s->stopped);
		fputc('\n', c->fp);
	}
	fprintf(c->fp, "%zu tests: %zu passed, %zu failed, %zu errors, %zu inconclusive, "
		"%zu skipped (%.2f s)\n",
		s->n.total, s->n.passed, s->n.failed, s->n.errors, s->n.inconclusive, s->n.skipped,
		monotime_now() - c->t0);
	if (c->junit || c->tap) {
		fputs("reports:", c->fp);
		if (c->junit) {
			fputc(' ', c->fp);
			summary_put(c->fp, c->junit);
		}
		if (c->tap) {
			fputc(' ', c->fp);
			summary_put(c->fp, c->tap);
		}
		fputc('\n', c->fp);
	}
	fputs("evidence: ", c->fp);
	summary_put(c->fp, c->evidence ? c->evidence : "");
	fputc('\n', c->fp);
	/* Not flushed here: the stream is the process's, its order with stderr too. */
	err = ferror(c->fp) ? EIO : 0;
	summary_discard(s);
	return err;
}

static const struct report_ops summary_ops = {
	.suite_begin = summary_suite_begin,
	.case_end = summary_case_end,
	.suite_end = summary_suite_end,
	.stopped = summary_stopped,
	.close = summary_close,
	.discard = summary_discard,
};

int report_summary_open(struct reporter **rp, const struct summary_conf *c)
{
	struct summary *s;
	int err;

	*rp = NULL;
	if (!c || !c->fp)
		return EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return ENOMEM;
	s->c = *c;
	s->color = summary_want_color(c->fp);
	s->pfp = summary_tty(c->fp) ? c->fp : summary_tty(stderr) ? stderr : NULL;
	/* stderr while stdout is a terminal: stdout has another writer (TAP to
	 * '-') whose lines a line of ours would split. */
	if (s->pfp == stderr && summary_tty(stdout))
		s->pfp = NULL;
	err = report_new(rp, &summary_ops, s);
	if (err) {
		free(s);
		return err;
	}
	fprintf(c->fp, "sipconform %s, SIPp ", SIPCONFORM_VERSION);
	summary_put(c->fp, c->sipp_version ? c->sipp_version : "?");
	fputc('\n', c->fp);
	return 0;
}

int report_summary_target(struct reporter *r, const char *host, uint16_t port,
			  const char *addr)
{
	struct summary *s;

	if (!r || r->ops != &summary_ops || !host)
		return EINVAL;
	s = r->st;
	snprintf(s->host, sizeof(s->host), "%s", host);
	s->port = port;
	snprintf(s->addr, sizeof(s->addr), "%s", addr ? addr : "");
	return 0;
}

int report_summary_counts(const struct reporter *r, struct summary_counts *out)
{
	if (!r || r->ops != &summary_ops)
		return EINVAL;
	*out = ((const struct summary *)r->st)->n;
	return 0;
}
