/* verdict.c - check results + strict + waivers -> verdict (see verdict.h). */
#include "judge/verdict.h"

#include <string.h>

#include "base/chars.h"
#include "judge/expect.h"

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_PASS:  return "pass";
	case VERDICT_FAIL:  return "fail";
	case VERDICT_ERROR: return "error";
	case VERDICT_SKIP:  return "skip";
	case VERDICT_INCONCLUSIVE: return "inconclusive";
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
 * The Status-Code of the answer a status check judged: its evidence is
 * always the Status-Line (rule_status_code), "SIP-Version SP 3DIGIT SP
 * ...", which the parser already accepted.  0 when it is not that.
 */
static unsigned verdict_status_of(const struct check_result *c)
{
	const char *p = c->evidence.p, *sp;
	size_t n = c->evidence.l;

	if (!p || !(sp = memchr(p, ' ', n)) || (size_t)(sp - p) + 4 > n)
		return 0;
	n -= (size_t)(sp - p) + 1;
	p = sp + 1;
	if (p[0] < '1' || p[0] > '6' || !chars_is_digit((unsigned char)p[1]) ||
	    !chars_is_digit((unsigned char)p[2]) || (n > 3 && p[3] != ' '))
		return 0;
	return (unsigned)(p[0] - '0') * 100 + (unsigned)(p[1] - '0') * 10 + (unsigned)(p[2] - '0');
}

/* The refusal a failing check shows, NULL if it is a failure like any other. */
static const struct expect_refusal *verdict_refusal(const struct verdict_in *in,
						    const struct check_result *c)
{
	if (!in->expect || !c->rule || c->rule->rid != RULE_STATUS_CODE || c->outcome != CHECK_FAIL)
		return NULL;
	return expect_refusal(in->expect, verdict_status_of(c));
}

/* Say an expired waiver in the notes and on the warn stream. */
static void verdict_expired(struct verdict_out *out, const struct verdict_in *in,
			    const char *id, const char *where)
{
	char line[800];

	snprintf(line, sizeof(line), "EXPIRED waiver for %s (%s) does not apply\n", id, where);
	verdict_cat(out->notes, sizeof(out->notes), line);
	if (in->warn)
		fprintf(in->warn, "sipconform: WARNING: %s: %s", in->test, line);
}

/* Add "waived ID: reason (FILE:LINE, until DATE)" to waived, "; "-joined. */
static void verdict_waived(char *waived, size_t wsize, const char *id, const char *reason,
			   const char *where)
{
	char line[1400];

	snprintf(line, sizeof(line), "%swaived %s: %s (%s)", waived[0] ? "; " : "", id, reason,
		 where);
	verdict_cat(waived, wsize, line);
}

/* What verdict_scan found. */
struct verdict_scan {
	const struct check_result *bad;         /* the failing check to name, NULL: none */
	size_t nbad;                            /* unwaived failures */
	const struct expect_refusal *refusal;   /* the first refusal, NULL: none */
	size_t nrefused;                        /* answers that were refusals */
};

/*
 * The failing checks: waived ones go to waived ("; "-joined), failures
 * of the status check that show a refusal on other grounds are set aside
 * (counted in the scan), the rest are failures.
 */
static void verdict_scan(struct verdict_scan *sc, struct verdict_out *out,
			 const struct verdict_in *in, char *waived, size_t wsize)
{
	size_t i;

	memset(sc, 0, sizeof(*sc));
	waived[0] = '\0';
	for (i = 0; i < in->nres; i++) {
		const struct check_result *c = &in->res[i];
		const struct expect_refusal *ref;
		char where[600];
		const char *reason;
		bool expired = false;

		if (!(c->outcome == CHECK_FAIL || (in->strict && c->outcome == CHECK_WARN)))
			continue;
		reason = waiver_match(in->waivers, c->rule->id, in->test, in->today, &expired,
				      where, sizeof(where));
		if (reason) {
			verdict_waived(waived, wsize, c->rule->id, reason, where);
			continue;
		}
		if (expired)
			verdict_expired(out, in, c->rule->id, where);
		if ((ref = verdict_refusal(in, c)) != NULL) {
			if (!sc->refusal)
				sc->refusal = ref;
			sc->nrefused++;
			continue;
		}
		sc->nbad++;
		if (!sc->bad || (rule_is_expectation(sc->bad->rule) && !rule_is_expectation(c->rule)))
			sc->bad = c;
	}
}

/* "challenged (401) and no credentials were given; the 405 under test could not be observed" */
static void verdict_refusal_line(char *buf, size_t size, const struct verdict_in *in,
				 const struct verdict_scan *sc)
{
	const struct expect_refusal *ref = sc->refusal;

	snprintf(buf, size, "%s%s; the %u under test could not be observed", ref->why,
		 !ref->challenge ? "" : in->credentials ?
		 " again after credentials were sent: the credentials were rejected" :
		 " and no credentials were given", in->expect);
	if (sc->nrefused > 1) {
		size_t l = strlen(buf);

		snprintf(buf + l, size - l, " (+%zu more refused answer%s)", sc->nrefused - 1,
			 sc->nrefused > 2 ? "s" : "");
	}
}

/*
 * Inconclusive, or SKIP when a waiver of VERDICT_INCONCLUSIVE_ID covers
 * it (the refusal then goes to the notes).
 */
static void verdict_inconclusive(struct verdict_out *out, const struct verdict_in *in,
				 const struct verdict_scan *sc, char *waived, size_t wsize)
{
	char line[600], where[600];
	const char *reason;
	bool expired = false;

	verdict_refusal_line(line, sizeof(line), in, sc);
	reason = waiver_match(in->waivers, VERDICT_INCONCLUSIVE_ID, in->test, in->today,
			      &expired, where, sizeof(where));
	if (!reason) {
		if (expired)
			verdict_expired(out, in, VERDICT_INCONCLUSIVE_ID, where);
		out->verdict = VERDICT_INCONCLUSIVE;
		snprintf(out->message, sizeof(out->message), "%s", line);
		return;
	}
	verdict_waived(waived, wsize, VERDICT_INCONCLUSIVE_ID, reason, where);
	out->verdict = VERDICT_SKIP;
	snprintf(out->message, sizeof(out->message), "%s", waived);
	verdict_cat(out->notes, sizeof(out->notes), "inconclusive: ");
	verdict_cat(out->notes, sizeof(out->notes), line);
	verdict_cat(out->notes, sizeof(out->notes), "\n");
}

void verdict_decide(struct verdict_out *out, const struct verdict_in *in)
{
	char waived[800];
	struct verdict_scan sc;

	memset(out, 0, sizeof(*out));
	verdict_scan(&sc, out, in, waived, sizeof(waived));
	if (sc.bad) {
		out->verdict = VERDICT_FAIL;
		verdict_line(out->message, sizeof(out->message), sc.bad);
		if (sc.nbad > 1) {
			size_t l = strlen(out->message);

			snprintf(out->message + l, sizeof(out->message) - l,
				 " (+%zu more failing check%s)", sc.nbad - 1, sc.nbad > 2 ? "s" : "");
		}
	} else if (in->error && in->error[0]) {
		out->verdict = VERDICT_ERROR;
		snprintf(out->message, sizeof(out->message), "%s", in->error);
	} else if (sc.refusal) {
		verdict_inconclusive(out, in, &sc, waived, sizeof(waived));
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
