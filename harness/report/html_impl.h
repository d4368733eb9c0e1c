/*
 * html_impl.h - private to report/html*.c: the state of the HTML lab
 * report (report/html.c: the events and each test's section) and the
 * node helpers report/html_doc.c builds the rest of the page with.
 *
 * Node helpers: a NULL parent does nothing, and a failure to allocate is
 * recorded in h->err (sticky), so a caller builds a whole fragment and
 * checks once, when html_put_node writes it.
 */
#ifndef SIPCONFORM_HTML_IMPL_H
#define SIPCONFORM_HTML_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "base/file.h"
#include "report/report_impl.h"

#define BC(s) ((const xmlChar *)(s))

struct hsuite {
	char *name, *file;      /* as given (untrusted: rendered when written) */
	char *host, *address, *transport;
	unsigned port;
	const char *sw_name;    /* "Server" or "User-Agent": the first seen, NULL */
	char *sw;               /* its value (untrusted, sw_len bytes) */
	size_t sw_len;
	unsigned long n[VERDICT_COUNT];
	double seconds;         /* suite_end's, or the sum of its tests' */
	bool ended;
};

struct html {
	struct file_out out;
	htmlDocPtr doc;         /* owner of the nodes being built */
	int rows_fd, tests_fd;  /* spools: summary rows, test sections; -1 until used */
	struct hsuite *suites;
	size_t nsuites, cap;
	unsigned long ntests;
	size_t budget;          /* message bytes the report may still quote */
	struct report_cut cut;  /* what the report left out */
	char *stopped;          /* why the run stopped early, NULL */
	struct report_run run;  /* strings copied (below); have_run: given */
	bool have_run;
	time_t first_start;     /* of the first suite: the date when the run's facts never came */
	char *argv;             /* the command line joined, NULL */
	int err;                /* first error, sticky */
};

/** A child element of parent, with class cls (NULL: none). */
xmlNodePtr html_el(struct html *h, xmlNodePtr parent, const char *name, const char *cls);
void html_attr(struct html *h, xmlNodePtr n, const char *name, const char *value);
/** Trusted text (the report's own words). */
void html_lit(struct html *h, xmlNodePtr parent, const char *s);
/**
 * Untrusted bytes as text: the one place they are rendered (base/repr.h's
 * policy), flags as repr_cat's.
 */
void html_untrusted(struct html *h, xmlNodePtr parent, const void *p, size_t n,
		    unsigned flags);
/** An untrusted string as text (NULL: nothing). */
void html_text(struct html *h, xmlNodePtr parent, const char *s);
/** An element holding the untrusted string s. */
xmlNodePtr html_el_text(struct html *h, xmlNodePtr parent, const char *name,
			const char *cls, const char *s);
void html_lit_ulong(struct html *h, xmlNodePtr parent, unsigned long v);
/** A new element outside the document tree: html_put_node writes and frees it. */
xmlNodePtr html_root(struct html *h, const char *name, const char *cls);
/** Serialize n (HTML, UTF-8) to fd, then free it.  A build error (h->err) wins. */
int html_put_node(struct html *h, xmlNodePtr n, int fd);

/** The whole document to fd: the page (html_doc.c) around the spooled rows and sections. */
int html_doc_write(struct html *h, int fd);

#endif
