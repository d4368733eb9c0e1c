/*
 * corpus.h - the inputs of the two parser benches (bench_parse.c, this
 * project's parser; bench_osip.c, libosip2): the same files, read whole
 * into memory before anything is counted.  Header-only so that neither
 * bench links the other's parser.
 *
 *   PROG [-l] N FILE...   -l: print the files this parser accepts (one a
 *                         line) and exit; else parse every file N times
 *                         inside corpus_loop (callgrind --toggle-collect)
 */
#ifndef SIPCONFORM_BENCH_CORPUS_H
#define SIPCONFORM_BENCH_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct corpus_msg {
	const char *path;
	char *buf;
	size_t len;
};

/* The whole file, or NULL. */
static inline char *corpus_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 4096);

			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return buf;
}

/* Parse one message (and free it): 0 if the parser accepts it. */
typedef int (*corpus_parse_fn)(const char *buf, size_t len);

/* The loop callgrind counts: every message, n times.  @return failures */
static long __attribute__((noinline)) corpus_loop(const struct corpus_msg *m, int nm,
						  long n, corpus_parse_fn parse)
{
	long bad = 0;

	for (long i = 0; i < n; i++)
		for (int k = 0; k < nm; k++)
			bad += parse(m[k].buf, m[k].len) != 0;
	return bad;
}

static inline int corpus_main(int argc, char **argv, const char *name, corpus_parse_fn parse)
{
	struct corpus_msg *m;
	int list = argc > 1 && strcmp(argv[1], "-l") == 0, first = 1 + list + 1, nm = 0;
	long n, bad;

	if (argc < first + 1) {
		fprintf(stderr, "usage: %s [-l] N FILE...\n", name);
		return 2;
	}
	n = atol(argv[first - 1]);
	m = calloc((size_t)(argc - first), sizeof(*m));
	if (!m)
		return 1;
	for (int i = first; i < argc; i++) {
		m[nm].path = argv[i];
		m[nm].buf = corpus_read(argv[i], &m[nm].len);
		if (!m[nm].buf) {
			fprintf(stderr, "%s: cannot read %s\n", name, argv[i]);
			return 1;
		}
		nm++;
	}
	if (list) {
		for (int k = 0; k < nm; k++)
			if (parse(m[k].buf, m[k].len) == 0)
				printf("%s\n", m[k].path);
		return 0;
	}
	bad = corpus_loop(m, nm, n, parse);
	printf("%s: %d messages x %ld, %ld refused\n", name, nm, n, bad);
	for (int k = 0; k < nm; k++)
		free(m[k].buf);
	free(m);
	return 0;
}

#endif
