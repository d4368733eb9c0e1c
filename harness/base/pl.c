/* pl.c - pointer+length slices (see pl.h). */
#include "base/pl.h"

#include "base/chars.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct pl pl_from(const char *s)
{
	struct pl x = { s, s ? strlen(s) : 0 };
	return x;
}

bool pl_isset(struct pl x)
{
	return x.p != NULL;
}

bool pl_eq(struct pl a, struct pl b)
{
	return a.l == b.l && (a.l == 0 || memcmp(a.p, b.p, a.l) == 0);
}

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

bool pl_caseeq(struct pl a, struct pl b)
{
	size_t i;

	if (a.l != b.l)
		return false;
	for (i = 0; i < a.l; i++)
		if (lower((unsigned char)a.p[i]) != lower((unsigned char)b.p[i]))
			return false;
	return true;
}

bool pl_eq_str(struct pl a, const char *s)
{
	return pl_eq(a, pl_from(s));
}

/* pl_caseeq(a, pl_from(s)) in one pass: s ends where a does, no strlen. */
bool pl_caseeq_str(struct pl a, const char *s)
{
	size_t i;

	if (!s)
		return a.l == 0;
	for (i = 0; i < a.l; i++)
		if (!s[i] || lower((unsigned char)a.p[i]) != lower((unsigned char)s[i]))
			return false;
	return s[i] == '\0';
}

struct pl pl_trim(struct pl x)
{
	while (x.l && chars_is_lws((unsigned char)x.p[0])) {
		x.p++;
		x.l--;
	}
	while (x.l && chars_is_lws((unsigned char)x.p[x.l - 1]))
		x.l--;
	return x;
}

int pl_u32(struct pl x, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (x.l == 0)
		return EINVAL;
	for (i = 0; i < x.l; i++) {
		if (x.p[i] < '0' || x.p[i] > '9')
			return EINVAL;
		v = v * 10 + (uint64_t)(x.p[i] - '0');
		/* Catch overflow early so that 10^40 digits cannot wrap. */
		if (v > UINT32_MAX)
			return ERANGE;
	}
	*out = (uint32_t)v;
	return 0;
}

char *pl_strdup(struct pl x)
{
	char *s = malloc(x.l + 1);

	if (!s)
		return NULL;
	if (x.l)
		memcpy(s, x.p, x.l);
	s[x.l] = '\0';
	return s;
}
