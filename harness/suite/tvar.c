/*
 * tvar.c - "${target}" in suite values (the rules are in tvar.h).
 *
 *   value = *( other / "${target}" )     other: any byte; "${" only as
 *                                         the start of "${target}"
 */
#include "suite/tvar.h"

#include <errno.h>
#include <string.h>

int tvar_scan(const char *s, size_t *count, size_t *at)
{
	const char *p = s;
	size_t n = 0;

	while ((p = strstr(p, "${")) != NULL) {
		if (strncmp(p, TVAR_NAME, TVAR_NAME_LEN) != 0) {
			if (at)
				*at = (size_t)(p - s);
			return EBADMSG;
		}
		n++;
		p += TVAR_NAME_LEN;
	}
	if (count)
		*count = n;
	return 0;
}

size_t tvar_expand(char *buf, size_t size, const char *s, const char *hostport)
{
	size_t hl = strlen(hostport), o = 0, k;
	const char *p = s, *q;

	/* Copies what fits of each piece, counts all of it. */
	for (;;) {
		q = strstr(p, TVAR_NAME);
		k = q ? (size_t)(q - p) : strlen(p);
		if (o < size)
			memcpy(buf + o, p, k < size - o ? k : size - o);
		o += k;
		if (!q)
			break;
		if (o < size)
			memcpy(buf + o, hostport, hl < size - o ? hl : size - o);
		o += hl;
		p = q + TVAR_NAME_LEN;
	}
	if (size)
		buf[o < size ? o : size - 1] = '\0';
	return o;
}

size_t tvar_unmap(const char *s, size_t off, size_t hplen)
{
	const char *p = s, *q;
	size_t e = 0;           /* offset in the expansion of p */

	while ((q = strstr(p, TVAR_NAME)) != NULL) {
		size_t before = (size_t)(q - p);

		if (off < e + before)
			break;
		if (off < e + before + hplen)
			return (size_t)(q - s);
		e += before + hplen;
		p = q + TVAR_NAME_LEN;
	}
	return (size_t)(p - s) + (off - e);
}

bool tvar_uri_host(const char *s, const struct sipuri *u, const char *exp,
		   size_t hplen)
{
	const char *q = strstr(s, TVAR_NAME), *end;

	if (!q || strstr(q + TVAR_NAME_LEN, TVAR_NAME) || !u->is_sip)
		return false;
	end = u->has_port ? pl_end(u->port) : pl_end(u->host);
	return u->host.p == exp + (q - s) && end == exp + (q - s) + hplen;
}
