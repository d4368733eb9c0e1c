/*
 * select.c - test selection over the expanded plans (select.h) and the
 * reader of --rerun-failed's JSON result (jansson).
 *
 * The part of the result format read here (the rest is ignored):
 *
 *   { "format": "sipconform-result", "format_version": 1,
 *     "tests": [ { "suite": STRING, "id": STRING,
 *                  "verdict": "pass"|"fail"|"error"|"inconclusive"|"skip",
 *                  ... }, ... ], ... }
 *
 * The file is untrusted: read whole but bounded (SELECT_RERUN_MAX_BYTES),
 * parsed by jansson (duplicate keys refused), every field checked; a
 * fault is a diagnostic, never a partial selection.
 */
#include "suite/select.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rerun_test {
	char *suite, *id;
	bool seen;                 /* a loaded test matched it */
};

struct select_rerun {
	struct rerun_test *t;      /* sorted by (suite, id), no repeats */
	size_t n;
};

static int rerun_cmp(const void *a, const void *b)
{
	const struct rerun_test *x = a, *y = b;
	int d = strcmp(x->suite, y->suite);

	return d ? d : strcmp(x->id, y->id);
}

struct select_rerun *select_rerun_free(struct select_rerun *r)
{
	size_t i;

	if (!r)
		return NULL;
	for (i = 0; i < r->n; i++) {
		free(r->t[i].suite);
		free(r->t[i].id);
	}
	free(r->t);
	free(r);
	return NULL;
}

size_t select_rerun_count(const struct select_rerun *r)
{
	return r ? r->n : 0;
}

/* tests[i] of root: EBADMSG with dg on a fault; *keep whether it did not pass. */
static int rerun_item(const char *name, const json_t *it, size_t i, struct diag *dg,
		      const char **suite, const char **id, bool *keep)
{
	static const char *const keep_v[] = { "fail", "error", "inconclusive" };
	const json_t *s = json_object_get(it, "suite"), *d = json_object_get(it, "id"),
		     *v = json_object_get(it, "verdict");
	const char *vs;
	size_t k;

	if (!json_is_object(it))
		return diag_set(dg, name, 0, 0, "tests[%zu] is not an object", i);
	if (!json_is_string(s) || !json_is_string(d) || !json_is_string(v))
		return diag_set(dg, name, 0, 0, "tests[%zu] lacks a string 'suite', 'id' or "
				"'verdict'", i);
	*suite = json_string_value(s);
	*id = json_string_value(d);
	vs = json_string_value(v);
	if (strlen(*suite) != json_string_length(s) || strlen(*id) != json_string_length(d))
		return diag_set(dg, name, 0, 0, "tests[%zu]: 'suite' or 'id' holds a NUL", i);
	*keep = false;
	for (k = 0; k < sizeof(keep_v) / sizeof(keep_v[0]); k++)
		*keep = *keep || strcmp(vs, keep_v[k]) == 0;
	if (!*keep && strcmp(vs, "pass") != 0 && strcmp(vs, "skip") != 0)
		return diag_set(dg, name, 0, 0, "tests[%zu]: unknown verdict (pass, fail, error, "
				"inconclusive or skip)", i);
	return 0;
}

/* The tests of root to rerun into r (sorted, no repeats). */
static int rerun_from(struct select_rerun *r, const char *name, const json_t *root,
		      struct diag *dg)
{
	const json_t *f = json_object_get(root, "format"), *fv = json_object_get(root, "format_version"),
		     *tests = json_object_get(root, "tests");
	size_t i, n = 0;
	int err;

	if (!json_is_object(root) || !json_is_string(f) ||
	    strcmp(json_string_value(f), "sipconform-result") != 0)
		return diag_set(dg, name, 0, 0, "not a sipconform JSON result (no \"format\": "
				"\"sipconform-result\"): give the file --json wrote");
	if (!json_is_integer(fv) || json_integer_value(fv) != 1)
		return diag_set(dg, name, 0, 0, "format_version must be 1 (this sipconform "
				"reads version 1 results)");
	if (!json_is_array(tests))
		return diag_set(dg, name, 0, 0, "'tests' is not an array");
	r->t = calloc(json_array_size(tests) ? json_array_size(tests) : 1, sizeof(*r->t));
	if (!r->t)
		return ENOMEM;
	for (i = 0; i < json_array_size(tests); i++) {
		const char *suite = NULL, *id = NULL;
		bool keep = false;

		if ((err = rerun_item(name, json_array_get(tests, i), i, dg, &suite, &id, &keep)))
			return err;
		if (!keep)
			continue;
		r->t[n].suite = strdup(suite);
		r->t[n].id = strdup(id);
		if (!r->t[n].suite || !r->t[n].id) {
			free(r->t[n].suite);
			free(r->t[n].id);
			return ENOMEM;
		}
		n++;
		r->n = n;
	}
	qsort(r->t, r->n, sizeof(*r->t), rerun_cmp);
	/* A test listed twice (two suites of one name) is one entry. */
	for (i = n = 0; i < r->n; i++) {
		if (n && rerun_cmp(&r->t[n - 1], &r->t[i]) == 0) {
			free(r->t[i].suite);
			free(r->t[i].id);
		} else
			r->t[n++] = r->t[i];
	}
	r->n = n;
	return 0;
}

/* The tests to rerun of the parsed document root (consumed) into *rp. */
static int rerun_root(struct select_rerun **rp, const char *name, json_t *root,
		      struct diag *dg)
{
	struct select_rerun *r = calloc(1, sizeof(*r));
	int err = r ? rerun_from(r, name, root, dg) : ENOMEM;

	json_decref(root);
	if (err == ENOMEM)
		diag_set(dg, name, 0, 0, "out of memory");
	if (err) {
		select_rerun_free(r);
		return err;
	}
	*rp = r;
	return 0;
}

int select_rerun_load_buf(struct select_rerun **rp, const char *name, const char *buf,
			  size_t len, struct diag *dg)
{
	json_error_t je;
	json_t *root;

	if (!rp || (!buf && len))
		return EINVAL;
	*rp = NULL;
	name = name ? name : "<buffer>";
	root = json_loadb(buf ? buf : "", len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return diag_set(dg, name, (size_t)(je.line > 0 ? je.line : 0),
				(size_t)(je.column > 0 ? je.column : 0), "not valid JSON: %s",
				je.text);
	return rerun_root(rp, name, root, dg);
}

/* jansson's reader of the file: bounded, its faults remembered. */
struct rerun_src {
	int fd;
	size_t max, got;
	int err;                   /* EFBIG past max, or read's errno */
};

static size_t rerun_read(void *buf, size_t size, void *data)
{
	struct rerun_src *src = data;
	ssize_t n;

	if (src->got >= src->max + 1) {
		src->err = EFBIG;
		return (size_t)-1;
	}
	if (size > src->max + 1 - src->got)
		size = src->max + 1 - src->got;
	do
		n = read(src->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		src->err = errno;
		return (size_t)-1;
	}
	src->got += (size_t)n;
	if (src->got > src->max) {
		src->err = EFBIG;
		return (size_t)-1;
	}
	return (size_t)n;
}

int select_rerun_load(struct select_rerun **rp, const char *path, size_t max_bytes,
		      struct diag *dg)
{
	struct rerun_src src = { -1, max_bytes, 0, 0 };
	json_error_t je;
	json_t *root;
	int err;

	if (!rp || !path)
		return EINVAL;
	*rp = NULL;
	src.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (src.fd < 0) {
		err = errno;
		diag_set(dg, path, 0, 0, "cannot read: %s", strerror(err));
		return err;
	}
	root = json_load_callback(rerun_read, &src, JSON_REJECT_DUPLICATES, &je);
	close(src.fd);
	if (src.err == EFBIG) {
		json_decref(root);
		diag_set(dg, path, 0, 0, "larger than %zu bytes: not a result this sipconform "
			 "reads", max_bytes);
		return EFBIG;
	}
	if (src.err) {
		json_decref(root);
		diag_set(dg, path, 0, 0, "cannot read: %s", strerror(src.err));
		return src.err;
	}
	if (!root)
		return diag_set(dg, path, (size_t)(je.line > 0 ? je.line : 0),
				(size_t)(je.column > 0 ? je.column : 0), "not valid JSON: %s",
				je.text);
	return rerun_root(rp, path, root, dg);
}

/* The rerun entry of (suite, id), NULL if none. */
static struct rerun_test *rerun_find(const struct select_rerun *r, const char *suite,
				     const char *id)
{
	struct rerun_test key = { (char *)suite, (char *)id, false };

	return r->n ? bsearch(&key, r->t, r->n, sizeof(*r->t), rerun_cmp) : NULL;
}

bool select_match(const struct select_conf *c, const struct tcase *tc)
{
	bool f = c->nfilters == 0, t = c->ntags == 0;
	size_t i;

	for (i = 0; !f && i < c->nfilters; i++)
		f = fnmatch(c->filters[i], tc->id, 0) == 0;
	for (i = 0; f && !t && i < c->ntags; i++)
		t = plan_case_has_tag(tc, c->tags[i]);
	return f && t;
}

/* Warn about the rerun entries no loaded test matched. */
static size_t select_missing(const struct select_rerun *r, FILE *warn)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++) {
		if (r->t[i].seen)
			continue;
		if (warn && n < SELECT_WARN_MAX)
			fprintf(warn, "sipconform: warning: --rerun-failed: no test '%s' in a suite "
				"named '%s' any more: not run\n", r->t[i].id, r->t[i].suite);
		n++;
	}
	if (warn && n > SELECT_WARN_MAX)
		fprintf(warn, "sipconform: warning: --rerun-failed: %zu more such tests\n",
			n - SELECT_WARN_MAX);
	return n;
}

int select_apply(struct plan **plans, size_t *nplans, const struct select_conf *c,
		 struct select_stats *st, FILE *warn)
{
	size_t i, j, k = 0, index = 0;
	int err;

	if (!plans || !nplans || !c || !st || (c->shard_n && (c->shard_k < 1 ||
						       c->shard_k > c->shard_n)))
		return EINVAL;
	memset(st, 0, sizeof(*st));
	for (i = 0; c->rerun && i < c->rerun->n; i++)
		c->rerun->t[i].seen = false;
	for (i = 0; i < *nplans; i++) {
		struct plan *p = plans[i];
		bool *keep = calloc(p->ncases ? p->ncases : 1, sizeof(*keep));

		if (!keep)
			return ENOMEM;
		for (j = 0; j < p->ncases; j++) {
			const struct tcase *tc = &p->cases[j];
			/* Found even when --filter or --tag leaves it out: it still exists. */
			struct rerun_test *rt = c->rerun ? rerun_find(c->rerun, p->name, tc->id) : NULL;

			st->total++;
			if (rt)
				rt->seen = true;
			if (!select_match(c, tc))
				continue;
			st->matched++;
			if (c->rerun && !rt)
				continue;
			st->rerun++;
			keep[j] = !c->shard_n || index++ % c->shard_n == c->shard_k - 1;
			st->selected += keep[j];
		}
		err = plan_retain(p, keep);
		free(keep);
		if (err)
			return err;
	}
	if (c->rerun)
		st->rerun_missing = select_missing(c->rerun, warn);
	/* A suite left without tests is neither run nor reported. */
	for (i = 0; i < *nplans; i++) {
		if (plans[i]->ncases)
			plans[k++] = plans[i];
		else
			plan_free(plans[i]);
	}
	*nplans = k;
	return 0;
}
