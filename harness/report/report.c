/* report.c - reporter dispatch and the excerpt bounds (see report.h and report_impl.h). */
#include "report/report_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int report_suite_begin(struct reporter *r, const char *name, const char *file,
		       time_t start)
{
	if (!r)
		return EINVAL;
	return r->ops->suite_begin(r->st, name, file, start);
}

int report_run_info(struct reporter *r, const struct report_run *info)
{
	if (!r || !info)
		return EINVAL;
	return r->ops->run_info ? r->ops->run_info(r->st, info) : 0;
}

int report_suite_target(struct reporter *r, const struct report_target *t)
{
	if (!r || !t)
		return EINVAL;
	return r->ops->suite_target ? r->ops->suite_target(r->st, t) : 0;
}

int report_case(struct reporter *r, const struct report_case *c)
{
	if (!r || !c)
		return EINVAL;
	return r->ops->case_end(r->st, c);
}

int report_suite_end(struct reporter *r, double seconds)
{
	if (!r)
		return EINVAL;
	return r->ops->suite_end(r->st, seconds);
}

int report_stopped(struct reporter *r, const char *why)
{
	if (!r || !why)
		return EINVAL;
	return r->ops->stopped(r->st, why);
}

struct reporter *report_discard(struct reporter *r)
{
	if (r) {
		r->ops->discard(r->st);
		free(r);
	}
	return NULL;
}

struct reporter *report_close(struct reporter *r, int *errp)
{
	int err = 0;

	if (r) {
		err = r->ops->close(r->st);
		free(r);
	}
	if (errp)
		*errp = err;
	return NULL;
}

int report_new(struct reporter **rp, const struct report_ops *ops, void *st)
{
	struct reporter *r = calloc(1, sizeof(*r));

	if (!r)
		return ENOMEM;
	r->ops = ops;
	r->st = st;
	*rp = r;
	return 0;
}

void report_excerpt_plan(struct report_excerpt *ex, size_t *budget, struct report_cut *total,
			 const struct report_case *c)
{
	size_t nm = c->msgs ? c->nmsgs : 0, case_left = REPORT_CASE_BYTES, i;

	memset(ex, 0, sizeof(*ex));
	/* The first messages and the last ones (the final answers): the middle of a flood goes. */
	for (i = 0; i < nm; i++) {
		if (nm > REPORT_CASE_MSGS && i >= REPORT_CASE_MSGS_HEAD &&
		    i < nm - (REPORT_CASE_MSGS - REPORT_CASE_MSGS_HEAD)) {
			ex->cut.msgs_hidden++;
			ex->cut.bytes += c->msgs[i].bytes.l;
			continue;
		}
		ex->idx[ex->n] = i;
		ex->show[ex->n] = c->msgs[i].bytes.l;
		if (ex->show[ex->n] > REPORT_MSG_BYTES)
			ex->show[ex->n] = REPORT_MSG_BYTES;
		if (ex->show[ex->n] > case_left)
			ex->show[ex->n] = case_left;
		if (ex->show[ex->n] > *budget)
			ex->show[ex->n] = *budget;
		if (ex->show[ex->n] < c->msgs[i].bytes.l) {
			ex->cut.msgs_short++;
			ex->cut.bytes += c->msgs[i].bytes.l - ex->show[ex->n];
		}
		case_left -= ex->show[ex->n];
		*budget -= ex->show[ex->n];
		ex->n++;
	}
	if (total) {
		total->msgs_hidden += ex->cut.msgs_hidden;
		total->msgs_short += ex->cut.msgs_short;
		total->bytes += ex->cut.bytes;
	}
	report_excerpt_checks(ex, total, c);
}

void report_excerpt_plan_verdict(struct report_excerpt *ex, size_t *budget,
				 struct report_cut *total, const struct report_case *c)
{
	size_t avail, left;

	if (c->verdict != VERDICT_PASS && c->verdict != VERDICT_SKIP) {
		report_excerpt_plan(ex, budget, total, c);
		return;
	}
	avail = *budget > REPORT_FAIL_RESERVE ? *budget - REPORT_FAIL_RESERVE : 0;
	left = avail;
	report_excerpt_plan(ex, &left, total, c);
	*budget -= avail - left;
}

void report_excerpt_checks(struct report_excerpt *ex, struct report_cut *total,
			   const struct report_case *c)
{
	size_t i, nfw = 0, nothers;

	for (i = 0; c->checks && i < c->nchecks; i++)
		nfw += report_check_fw(&c->checks[i]);
	/* Failures and warnings first: they are what a reader acts on. */
	ex->nchecks = nfw > REPORT_CASE_CHECKS ? REPORT_CASE_CHECKS : nfw;
	ex->cut.checks_hidden = nfw - ex->nchecks;
	nothers = (c->checks ? c->nchecks : 0) - nfw;
	ex->nothers = nothers > REPORT_CASE_CHECKS - ex->nchecks ?
		      REPORT_CASE_CHECKS - ex->nchecks : nothers;
	ex->cut.others_hidden = nothers - ex->nothers;
	if (total) {
		total->checks_hidden += ex->cut.checks_hidden;
		total->others_hidden += ex->cut.others_hidden;
	}
}

bool report_check_fw(const struct check_result *cr)
{
	return cr->outcome == CHECK_FAIL || cr->outcome == CHECK_WARN;
}

bool report_check_listed(const struct report_excerpt *ex, const struct check_result *cr,
			 struct report_walk *w)
{
	if (report_check_fw(cr))
		return w->fw++ < ex->nchecks;
	return w->others++ < ex->nothers;
}

bool report_cut_any(const struct report_cut *cut)
{
	return cut->msgs_hidden || cut->msgs_short || cut->checks_hidden || cut->others_hidden ||
	       cut->bytes;
}

void report_cut_str(char *out, size_t size, const struct report_cut *cut, unsigned long nmsgs)
{
	size_t l;

	if (!report_cut_any(cut)) {
		snprintf(out, size, "nothing cut");
		return;
	}
	if (nmsgs)
		snprintf(out, size, "%lu of %lu messages not listed, %lu quoted in part, "
			 "%llu bytes not quoted", cut->msgs_hidden, nmsgs, cut->msgs_short, cut->bytes);
	else
		snprintf(out, size, "%lu messages not listed, %lu quoted in part, %llu bytes not quoted",
			 cut->msgs_hidden, cut->msgs_short, cut->bytes);
	l = strlen(out);
	if (cut->checks_hidden && l < size)
		snprintf(out + l, size - l, ", %lu failing/warning checks not listed", cut->checks_hidden);
	l = strlen(out);
	if (cut->others_hidden && l < size)
		snprintf(out + l, size - l, ", %lu passing/not-applicable checks not listed",
			 cut->others_hidden);
	l = strlen(out);
	if (l < size)
		snprintf(out + l, size - l, " (limits: %u bytes a message, %u messages and %u bytes "
			 "a test, %u bytes a report, %u checks a test; the evidence directory has "
			 "every message)", REPORT_MSG_BYTES, REPORT_CASE_MSGS, REPORT_CASE_BYTES,
			 REPORT_TOTAL_BYTES, REPORT_CASE_CHECKS);
}
