/* report_impl.h - private to report*.c: the interface each reporter implements. */
#ifndef SIPCONFORM_REPORT_IMPL_H
#define SIPCONFORM_REPORT_IMPL_H

#include "report/report.h"

struct report_ops {
	int (*suite_begin)(void *st, const char *name, const char *file, time_t start);
	int (*case_end)(void *st, const struct report_case *c);
	int (*suite_end)(void *st, double seconds);
	int (*stopped)(void *st, const char *why);
	int (*close)(void *st); /* finish, free st, return write error */
	void (*discard)(void *st); /* free st, leave the report path as it was */
	/* Optional (NULL: ignored): */
	int (*run_info)(void *st, const struct report_run *info);
	int (*suite_target)(void *st, const struct report_target *t);
};

struct reporter {
	const struct report_ops *ops;
	void *st;
};

/** Wrap st; on failure the caller still owns st. */
int report_new(struct reporter **rp, const struct report_ops *ops, void *st);

#endif
