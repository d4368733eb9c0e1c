/*
 * waiver.c - load and match waivers (see waiver.h for the format).
 *
 *   file    = mapping { waivers: sequence of waiver }
 *   waiver  = mapping { check: str, test: str, reason: str, expires: YYYY-MM-DD }
 * All four keys are required; unknown keys are errors; at most 1000
 * waivers; file at most 1 MiB.
 */
#include "suite/waiver.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define WAIVER_MAX 1000
#define WAIVER_FILE_MAX (1u << 20)

struct waiver {
	char *check;
	char *test;
	char *reason;
	char expires[11];
	long expires_day;
	size_t line;
	size_t used;       /* failures it covered */
	size_t expired_hits;
};

struct waivers {
	char *file;
	struct waiver *v;
	size_t n;
};

/* Days from civil date (proleptic Gregorian), Howard Hinnant's algorithm. */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

long waiver_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	return days_from_civil(tm.tm_year + 1900L, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
}

static bool parse_date(const char *s, long *day)
{
	static const unsigned mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y, m, d;
	int i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (unsigned)atoi(s);
	m = (unsigned)atoi(s + 5);
	d = (unsigned)atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	*day = days_from_civil((long)y, m, d);
	return true;
}

struct waivers *waiver_free(struct waivers *w)
{
	size_t i;

	if (!w)
		return NULL;
	for (i = 0; i < w->n; i++) {
		free(w->v[i].check);
		free(w->v[i].test);
		free(w->v[i].reason);
	}
	free(w->v);
	free(w->file);
	free(w);
	return NULL;
}

static int node_err(struct diag *dg, const char *file, const yaml_node_t *n,
		    const char *msg)
{
	return diag_set(dg, file, n ? n->start_mark.line + 1 : 0,
			n ? n->start_mark.column + 1 : 0, "%s", msg);
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int load_one(struct waivers *w, yaml_document_t *doc, yaml_node_t *n,
		    struct diag *dg)
{
	struct waiver *wv = &w->v[w->n];
	yaml_node_pair_t *p;
	const char *f = w->file;

	if (n->type != YAML_MAPPING_NODE)
		return node_err(dg, f, n, "a waiver must be a mapping with check, test, reason, expires");
	memset(wv, 0, sizeof(*wv));
	w->n++; /* owned by w from here on, even if incomplete: waiver_free frees it */
	wv->line = n->start_mark.line + 1;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		const char *ks = scalar(k), *vs = scalar(v);
		char **dst = NULL;

		if (!ks)
			return node_err(dg, f, k, "waiver keys must be plain strings");
		if (!vs || !vs[0]) {
			char m[128];
			snprintf(m, sizeof(m), "'%.40s' must be a non-empty string", ks);
			return node_err(dg, f, v, m);
		}
		if (strcmp(ks, "check") == 0)
			dst = &wv->check;
		else if (strcmp(ks, "test") == 0)
			dst = &wv->test;
		else if (strcmp(ks, "reason") == 0)
			dst = &wv->reason;
		else if (strcmp(ks, "expires") == 0) {
			if (!parse_date(vs, &wv->expires_day))
				return node_err(dg, f, v, "'expires' must be a date YYYY-MM-DD");
			memcpy(wv->expires, vs, 10);
			continue;
		} else {
			char m[160];
			snprintf(m, sizeof(m), "unknown key '%.40s' (expected check, test, reason, expires)", ks);
			return node_err(dg, f, k, m);
		}
		if (*dst)
			return node_err(dg, f, k, "duplicate key");
		*dst = strdup(vs);
		if (!*dst)
			return ENOMEM;
	}
	if (!wv->check || !wv->test || !wv->reason || !wv->expires[0])
		return node_err(dg, f, n, "a waiver needs all of: check, test, reason, expires");
	return 0;
}

int waiver_load(struct waivers **wp, const char *path, struct diag *dg)
{
	struct waivers *w = calloc(1, sizeof(*w));
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root, *seq = NULL;
	yaml_node_pair_t *p;
	yaml_node_item_t *it;
	FILE *fp = NULL;
	bool have_parser = false, have_doc = false;
	long size;
	int err = 0;

	if (!w)
		return ENOMEM;
	w->file = strdup(path);
	if (!w->file) {
		err = ENOMEM;
		goto out;
	}
	fp = fopen(path, "rb");
	if (!fp) {
		err = errno;
		diag_set(dg, path, 0, 0, "cannot read waivers: %s", strerror(err));
		goto out;
	}
	if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) > (long)WAIVER_FILE_MAX) {
		err = diag_set(dg, path, 0, 0, "waivers file larger than 1 MiB");
		goto out;
	}
	rewind(fp);
	if (!yaml_parser_initialize(&parser)) {
		err = ENOMEM;
		goto out;
	}
	have_parser = true;
	yaml_parser_set_input_file(&parser, fp);
	if (!yaml_parser_load(&parser, &doc)) {
		err = diag_set(dg, path, parser.problem_mark.line + 1,
			       parser.problem_mark.column + 1, "%s",
			       parser.problem ? parser.problem : "YAML error");
		goto out;
	}
	have_doc = true;
	root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE) {
		err = node_err(dg, path, root, "expected a mapping with the key 'waivers'");
		goto out;
	}
	for (p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);

		if (!scalar(k) || strcmp(scalar(k), "waivers") != 0) {
			err = node_err(dg, path, k, "unknown key (expected 'waivers')");
			goto out;
		}
		seq = yaml_document_get_node(&doc, p->value);
	}
	if (!seq || seq->type != YAML_SEQUENCE_NODE) {
		err = node_err(dg, path, seq ? seq : root, "'waivers' must be a list");
		goto out;
	}
	if (seq->data.sequence.items.top - seq->data.sequence.items.start > WAIVER_MAX) {
		err = node_err(dg, path, seq, "more than 1000 waivers");
		goto out;
	}
	w->v = calloc((size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start) + 1,
		      sizeof(*w->v));
	if (!w->v) {
		err = ENOMEM;
		goto out;
	}
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		err = load_one(w, &doc, yaml_document_get_node(&doc, *it), dg);
		if (err)
			goto out;
	}
out:
	if (have_doc)
		yaml_document_delete(&doc);
	if (have_parser)
		yaml_parser_delete(&parser);
	if (fp)
		fclose(fp);
	if (err)
		waiver_free(w);
	else
		*wp = w;
	return err;
}

const char *waiver_match(struct waivers *w, const char *check, const char *test,
			 long today, bool *expired, char *where, size_t size)
{
	size_t i;

	*expired = false;
	if (!w)
		return NULL;
	for (i = 0; i < w->n; i++) {
		struct waiver *v = &w->v[i];

		if (fnmatch(v->check, check, 0) != 0 || fnmatch(v->test, test, 0) != 0)
			continue;
		snprintf(where, size, "%s:%zu, until %s", w->file, v->line, v->expires);
		if (today > v->expires_day) {
			v->expired_hits++;
			*expired = true;
			continue;
		}
		v->used++;
		return v->reason;
	}
	return NULL;
}

size_t waiver_report_unused(const struct waivers *w, FILE *fp)
{
	size_t i, n = 0;

	if (!w)
		return 0;
	for (i = 0; i < w->n; i++) {
		const struct waiver *v = &w->v[i];

		if (v->expired_hits) {
			fprintf(fp, "sipconform: WARNING: %s:%zu: waiver for %s on '%s' EXPIRED on %s; "
				"it matched %zu failure(s), which are reported as failures\n",
				w->file, v->line, v->check, v->test, v->expires, v->expired_hits);
			n++;
		} else if (!v->used) {
			fprintf(fp, "sipconform: WARNING: %s:%zu: waiver for %s on '%s' matched nothing; "
				"remove it or fix its check id / test glob\n",
				w->file, v->line, v->check, v->test);
			n++;
		}
	}
	return n;
}
