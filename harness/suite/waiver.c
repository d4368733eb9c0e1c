/*
 * waiver.c - load and match waivers (see waiver.h for the format).
 *
 *   file    = mapping { waivers: sequence of waiver }
 *   waiver  = mapping { check: str, test: str, reason: str, expires: YYYY-MM-DD }
 * All four keys are required; unknown and duplicate keys are errors; at
 * most 1000 waivers; file at most 1 MiB.  The file is read by yaml.c, with
 * its limits and refusals (no anchors, aliases or tags; values of at most
 * 1024 bytes).
 */
#include "suite/waiver.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "suite/yaml.h"

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

static const struct ytree_opts waiver_yaml = { "waivers file", WAIVER_FILE_MAX };

/* One waiver from the mapping n into w->v[w->n]. */
static int load_one(struct waivers *w, const struct ynode *n, struct diag *dg)
{
	static const char *const names[] = { "check", "test", "reason", "expires" };
	struct waiver *wv = &w->v[w->n];
	const struct ynode *keys[4], *v[4];
	char **dst[3];
	const char *f = w->file;
	size_t i;
	int err;

	if (n->kind != YNODE_MAP)
		return ytree_error(dg, f, n, "a waiver must be a mapping with check, test, reason, expires");
	memset(wv, 0, sizeof(*wv));
	w->n++; /* owned by w from here on, even if incomplete: waiver_free frees it */
	wv->line = n->line;
	if ((err = ytree_map(n, names, 4, keys, v, f, dg)))
		return err;
	for (i = 0; i < 4; i++)
		if (v[i] && (v[i]->kind != YNODE_SCALAR || !v[i]->s[0]))
			return ytree_error(dg, f, v[i], "'%s' must be a non-empty string", names[i]);
	if (v[3]) {
		if (!parse_date(v[3]->s, &wv->expires_day))
			return ytree_error(dg, f, v[3], "'expires' must be a date YYYY-MM-DD");
		memcpy(wv->expires, v[3]->s, 10);
	}
	dst[0] = &wv->check;
	dst[1] = &wv->test;
	dst[2] = &wv->reason;
	for (i = 0; i < 3; i++) {
		if (v[i] && !(*dst[i] = strdup(v[i]->s))) {
			diag_set(dg, f, 0, 0, "out of memory");
			return ENOMEM;
		}
	}
	if (!wv->check || !wv->test || !wv->reason || !wv->expires[0])
		return ytree_error(dg, f, n, "a waiver needs all of: check, test, reason, expires");
	return 0;
}

int waiver_load(struct waivers **wp, const char *path, struct diag *dg)
{
	static const char *const names[] = { "waivers" };
	struct waivers *w = calloc(1, sizeof(*w));
	struct ynode *root = NULL;
	const struct ynode *key, *seq;
	size_t i;
	int err = 0;

	if (!w || !(w->file = strdup(path))) {
		diag_set(dg, path, 0, 0, "out of memory");
		err = ENOMEM;
		goto out;
	}
	if ((err = ytree_load(&root, path, &waiver_yaml, dg)))
		goto out;
	if (!root || root->kind != YNODE_MAP) {
		err = ytree_error(dg, path, root, "expected a mapping with the key 'waivers'");
		goto out;
	}
	if ((err = ytree_map(root, names, 1, &key, &seq, path, dg)))
		goto out;
	if (!seq || seq->kind != YNODE_SEQ) {
		err = ytree_error(dg, path, seq ? seq : root, "'waivers' must be a list");
		goto out;
	}
	if (seq->n > WAIVER_MAX) {
		err = ytree_error(dg, path, seq, "more than 1000 waivers");
		goto out;
	}
	w->v = calloc(seq->n + 1, sizeof(*w->v));
	if (!w->v) {
		diag_set(dg, path, 0, 0, "out of memory");
		err = ENOMEM;
		goto out;
	}
	for (i = 0; i < seq->n; i++)
		if ((err = load_one(w, seq->kids[i], dg)))
			goto out;
out:
	ytree_free(root);
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
