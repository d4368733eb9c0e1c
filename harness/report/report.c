/* report.c - reporter dispatch (see report.h and report_impl.h). */
#include "report/report_impl.h"

#include <errno.h>
#include <stdlib.h>

int report_suite_begin(struct reporter *r, const char *name, const char *file,
		       time_t start)
{
	if (!r)
		return EINVAL;
	return r->ops->suite_begin(r->st, name, file, start);
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
