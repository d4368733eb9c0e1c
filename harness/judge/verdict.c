/* verdict.c - check results + strict + waivers -> verdict (see verdict.h). */
#include "judge/verdict.h"

#include <string.h>

#include "base/chars.h"

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS:  return "pass";
	case VERDICT_FAIL:  return "fail";
	case VERDICT_ERROR: return "error";
	case VERDICT_SKIP:  return "skip";
	}
	return "?";
}

void verdict_line(char *buf, size_t size, const struct check_result *c)
{
	const struct rule *ru = c->rule;
	const char *ev = c->evidence.p;
	char hdr[48] = "";
	size_t i;

	if (ru->header && ru->header[0])
		snprintf(hdr, sizeof(hdr), ", %s", ru->header);
	else if (c->evidence.l && c->msg.l && ev == c->msg.p)
		snprintf(hdr, sizeof(hdr), ", start line");
	else if (c->evidence.l) {
		/* A header row: a token of at most 40 bytes, then ':' or LWS. */
		for (i = 0; i < c->evidence.l && i < 40 && chars_is_token((unsigned char)ev[i]); i++)
			;
		if (i > 0 && i < c->evidence.l && (ev[i] == ':' || ev[i] == ' ' || ev[i] == '\t'))
			snprintf(hdr, sizeof(hdr), ", %.*s", (int)i, ev);
	}
	snprintf(buf, size, "%s (RFC 3261 \xc2\xa7%s%s): %s", ru->id, ru->section, hdr, c->reason);
}

/* Append to a NUL-terminated buffer, cut at its size. */
static void verdict_cat(char *buf, size_t size, const char *s)
{
	size_t l = strlen(buf);

	snprintf(buf + l, size - l, "%s", s);
}

/*
 * The failing check to name (NULL: none fails), how many fail, and the
 * waived ones in waived ("waived ID: reason (FILE:LINE, until DATE)"
 * joined by "; ").
 */
static const struct check_result *verdict_first_unwaived(struct verdict_out *out,
							  const struct verdict_in *in,
							  char *waived, size_t wsize,
							  size_t *nbadp)
{
	const struct check_result *bad = NULL;
	size_t i, nbad = 0;

	waived[0] = '\0';
	for (i = 0; i < in->nres; i++) {
		const struct check_result *c = &in->res[i];
		char where[600], line[1400];
		const char *reason;
		bool expired = false;

		if (!(c->outcome == CHECK_FAIL || (in->strict && c->outcome == CHECK_WARN)))
			continue;
		reason = waiver_match(in->waivers, c->rule->id, in->test, in->today, &expired,
				      where, sizeof(where));
		if (reason) {
			snprintf(line, sizeof(line), "%swaived %s: %s (%s)", waived[0] ? "; " : "",
				 c->rule->id, reason, where);
			verdict_cat(waived, wsize, line);
			continue;
		}
		if (expired) {
			snprintf(line, sizeof(line), "EXPIRED waiver for %s (%s) does not apply\n",
				 c->rule->id, where);
			verdict_cat(out->notes, sizeof(out->notes), line);
			if (in->warn)
				fprintf(in->warn, "sipconform: WARNING: %s: %s", in->test, line);
		}
		nbad++;
		if (!bad || (rule_is_expectation(bad->rule) && !rule_is_expectation(c->rule)))
			bad = c;
	}
	*nbadp = nbad;
	return bad;
}

void verdict_decide(struct verdict_out *out, const struct verdict_in *in)
{
	char waived[800];
	size_t nbad = 0;
	const struct check_result *bad;

	memset(out, 0, sizeof(*out));
	bad = verdict_first_unwaived(out, in, waived, sizeof(waived), &nbad);
	if (bad) {
		out->verdict = VERDICT_FAIL;
		verdict_line(out->message, sizeof(out->message), bad);
		if (nbad > 1) {
			size_t l = strlen(out->message);

			snprintf(out->message + l, sizeof(out->message) - l,
				 " (+%zu more failing check%s)", nbad - 1, nbad > 2 ? "s" : "");
		}
	} else if (in->error && in->error[0]) {
		out->verdict = VERDICT_ERROR;
		snprintf(out->message, sizeof(out->message), "%s", in->error);
	} else if (waived[0]) {
		out->verdict = VERDICT_SKIP;
		snprintf(out->message, sizeof(out->message), "%s", waived);
	} else
		out->verdict = VERDICT_PASS;
	if (waived[0] && out->verdict != VERDICT_SKIP) {
		verdict_cat(out->notes, sizeof(out->notes), waived);
		verdict_cat(out->notes, sizeof(out->notes), "\n");
	}
}
