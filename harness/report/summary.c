/* summary.c - the terminal summary reporter (see summary.h). */
#include "report/summary.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/monotime.h"
#include "report/report_impl.h"

struct summary {
	struct summary_conf c;
	char host[256];
	uint16_t port;
	char addr[128];
	struct summary_counts n;
};

static int summary_suite_begin(void *st, const char *name, const char *file, time_t start)
{
	struct summary *s = st;
	bool v6 = strchr(s->host, ':') != NULL;

	(void)start;
	fprintf(s->c.fp, "suite %s (%s), target %s%s%s:%u", name ? name : "(null)",
		file ? file : "(null)", v6 ? "[" : "", s->host, v6 ? "]" : "", s->port);
	if (s->addr[0] && strcmp(s->addr, s->host) != 0)
		fprintf(s->c.fp, " (%s)", s->addr);
	fputc('\n', s->c.fp);
	return 0;
}

/* "  FAIL  id   1.50s  message": the message with control bytes as '?'. */
static int summary_case_end(void *st, const struct report_case *c)
{
	static const char *const word[] = { "PASS", "FAIL", "ERROR", "SKIP" };
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
	}
	if (s->c.quiet && c->verdict == VERDICT_PASS)
		return 0;
	fprintf(s->c.fp, "  %-5s %-40s %6.2fs%s", word[c->verdict], c->id ? c->id : "",
		c->seconds, msg ? "  " : "");
	for (; msg && *msg; msg++)
		fputc((unsigned char)*msg < 0x20 || *msg == 0x7f ? '?' : *msg, s->c.fp);
	fputc('\n', s->c.fp);
	return 0;
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

	fprintf(c->fp, "%zu tests: %zu passed, %zu failed, %zu errors, %zu skipped (%.2f s)\n",
		s->n.total, s->n.passed, s->n.failed, s->n.errors, s->n.skipped,
		monotime_now() - c->t0);
	if (c->junit || c->tap)
		fprintf(c->fp, "reports:%s%s%s%s\n", c->junit ? " " : "", c->junit ? c->junit : "",
			c->tap ? " " : "", c->tap ? c->tap : "");
	fprintf(c->fp, "evidence: %s\n", c->evidence ? c->evidence : "");
	/* Not flushed here: the stream is the process's, its order with stderr too. */
	err = ferror(c->fp) ? EIO : 0;
	free(s);
	return err;
}

static const struct report_ops summary_ops = {
	summary_suite_begin, summary_case_end, summary_suite_end, summary_close,
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
	err = report_new(rp, &summary_ops, s);
	if (err) {
		free(s);
		return err;
	}
	fprintf(c->fp, "sipconform %s, SIPp %s\n", SIPCONFORM_VERSION,
		c->sipp_version ? c->sipp_version : "?");
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
