/*
 * sval.c - the value checks of the suite schema (see sval.h).
 *
 * Scalars: integers are decimal digits only (quoted or not); booleans are
 * plain true/false; strings pass sipp_value_safe(); tokens are RFC 3261
 * §25.1 tokens; URIs are "scheme:something" parsed by sipuri_parse().
 */
#include "suite/sval.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/chars.h"
#include "sip/msg.h"
#include "sipp/value.h"
#include "suite/tvar.h"

#define ERR_N SVAL_ERR
#define SHOW SVAL_SHOW
#define KIND SVAL_KIND

int sval_str(struct sval_ctx *c, const struct ynode *y, const char *key,
	     const char **out)
{
	const char *why = NULL;
	size_t i, at = 0;

	if (y->kind != YNODE_SCALAR)
		return ERR_N(c, y, "'%s' must be a string, not %s", key, KIND(y));
	if (y->len == 0)
		return ERR_N(c, y, "'%s' has no value", key);
	/* NUL first: sipp_value_safe() stops at the first NUL */
	for (i = 0; i < y->len; i++)
		if (y->s[i] == '\0')
			return ERR_N(c, y, "'%s' contains a NUL byte (offset "
				     "%zu)", key, i);
	if (!sipp_value_safe(y->s, &why, &at))
		return ERR_N(c, y, "'%s' %s (offset %zu)", key, why, at);
	*out = y->s;
	return 0;
}

int sval_uint(struct sval_ctx *c, const struct ynode *y, const char *key,
	      unsigned lo, unsigned hi, unsigned *out)
{
	char b[64];
	uint64_t v = 0;
	size_t i;

	if (y->kind != YNODE_SCALAR)
		return ERR_N(c, y, "'%s' must be an integer from %u to %u, "
			     "not %s", key, lo, hi, KIND(y));
	/* At most 10 digits: enough for 2^31-1, and no overflow. */
	for (i = 0; i < y->len; i++) {
		if (!chars_is_digit((unsigned char)y->s[i]) || i >= 10)
			break;
		v = v * 10 + (uint64_t)(y->s[i] - '0');
	}
	if (y->len == 0 || i != y->len || v < lo || v > hi)
		return ERR_N(c, y, "'%s' must be an integer from %u to %u, "
			     "not '%s'", key, lo, hi, SHOW(b, y));
	*out = (unsigned)v;
	return 0;
}

int sval_bool(struct sval_ctx *c, const struct ynode *y, const char *key,
	      bool *out)
{
	static const char *const t[] = { "true", "True", "TRUE" };
	static const char *const f[] = { "false", "False", "FALSE" };
	char b[64];
	size_t i;

	if (y->kind == YNODE_SCALAR && y->plain && strlen(y->s) == y->len) {
		for (i = 0; i < 3; i++) {
			if (strcmp(y->s, t[i]) == 0) {
				*out = true;
				return 0;
			}
			if (strcmp(y->s, f[i]) == 0) {
				*out = false;
				return 0;
			}
		}
	}
	if (y->kind != YNODE_SCALAR)
		return ERR_N(c, y, "'%s' must be true or false, not %s", key,
			     KIND(y));
	return ERR_N(c, y, "'%s' must be true or false, not '%s'", key,
		     SHOW(b, y));
}

int sval_token(struct sval_ctx *c, const struct ynode *y, const char *key,
	       const char **out)
{
	char b[64];
	int err = sval_str(c, y, key, out);

	if (err)
		return err;
	if (!sip_is_token(pl_from(*out)))
		return ERR_N(c, y, "'%s' is not a SIP token (RFC 3261 §25.1): "
			     "'%s'", key, SHOW(b, y));
	return 0;
}

/* "${" at s[at] that is not ${target}: refused, showing up to its '}'. */
static int tvar_refuse(struct sval_ctx *c, const struct ynode *y,
		       const char *key, const char *s, size_t at)
{
	const char *close = strchr(s + at, '}');
	size_t n = close ? (size_t)(close - (s + at)) + 1 : strlen(s + at);
	char b[64];

	return ERR_N(c, y, "'%s' may use only the variable ${target}, not "
		     "'%s' (offset %zu)", key, ytree_show(b, sizeof(b), s + at, n),
		     at);
}

int sval_tvar(struct sval_ctx *c, const struct ynode *y, const char *key)
{
	size_t at = 0;

	if (tvar_scan(y->s, NULL, &at))
		return tvar_refuse(c, y, key, y->s, at);
	return 0;
}

/* sipuri_parse()'s reason without its "URI: line 1 col 9: " prefix: the
 * message names the key, the node's position and the offset itself. */
static const char *uri_why(const struct sipmsg_err *e)
{
	const char *w = e->what, *p;

	if (strncmp(w, "URI: ", 5) == 0)
		w += 5;
	if (strncmp(w, "line ", 5) == 0 && (p = strstr(w, ": ")) != NULL)
		w = p + 2;
	return w;
}

/*
 * Two mistakes get their own words first: no scheme at all (a bare
 * "alice@example.com") and nothing after it.  Port 0 parses but cannot
 * be sent to.  A value with ${target} is parsed with TVAR_PLACEHOLDER in
 * its place (offsets given in the value as written).
 */
int sval_uri(struct sval_ctx *c, const struct ynode *y, const char *key,
	     const char **out)
{
	static const size_t hpl = sizeof(TVAR_PLACEHOLDER) - 1;
	char xb[SIPP_VALUE_MAX + sizeof(TVAR_PLACEHOLDER)];
	struct sipuri uri;
	struct sipmsg_err perr;
	const char *colon, *s;
	char b[64];
	size_t nvar = 0, at = 0;
	int err = sval_str(c, y, key, out);

	if (err)
		return err;
	if (tvar_scan(*out, &nvar, &at))
		return tvar_refuse(c, y, key, *out, at);
	s = *out;
	if (nvar > 1)
		goto misplaced;
	if (nvar == 1 && strstr(*out, TVAR_NAME ":"))
		return ERR_N(c, y, "'%s' has a port after ${target}, which "
			     "stands for host:port: '%s'", key, SHOW(b, y));
	if (nvar == 1) {
		/* one ${target} in <= 1024 bytes: it fits */
		tvar_expand(xb, sizeof(xb), *out, TVAR_PLACEHOLDER);
		s = xb;
	}
	colon = strchr(s, ':');
	if (!colon || !chars_is_scheme(s, (size_t)(colon - s)))
		return ERR_N(c, y, "'%s' is not a URI (expected scheme:..., e.g. "
			     "sip:alice@example.com): '%s'", key, SHOW(b, y));
	if (!colon[1])
		return ERR_N(c, y, "'%s' has nothing after the scheme: '%s'",
			     key, SHOW(b, y));
	memset(&perr, 0, sizeof(perr));
	if (sipuri_parse(&uri, pl_from(s), &perr)) {
		if (perr.line)
			return ERR_N(c, y, "'%s' is not a valid URI: %s (offset "
				     "%zu): '%s'", key, uri_why(&perr),
				     nvar ? tvar_unmap(*out, perr.off, hpl)
					  : perr.off, SHOW(b, y));
		return ERR_N(c, y, "'%s' is not a valid URI: %s: '%s'", key,
			     uri_why(&perr), SHOW(b, y));
	}
	if (uri.is_sip && uri.has_port && uri.portnum == 0)
		return ERR_N(c, y, "'%s' has an invalid port (1..65535): '%s'",
			     key, SHOW(b, y));
	if (nvar && !tvar_uri_host(*out, &uri, s, hpl))
		goto misplaced;
	return 0;
misplaced:
	return ERR_N(c, y, "'%s' may hold ${target} only once, as the "
		     "host:port of a sip: or sips: URI (e.g. "
		     "sip:alice@${target}): '%s'", key, SHOW(b, y));
}

int sval_list(struct sval_ctx *c, const struct ynode *y, const char *key,
	      size_t max, bool may_be_empty, sval_fn want)
{
	const char *s;
	char b[64];
	size_t i, j;
	int err;

	if (y->kind != YNODE_SEQ)
		return ERR_N(c, y, "'%s' must be a list, not %s", key, KIND(y));
	if (y->n == 0 && !may_be_empty)
		return ERR_N(c, y, "'%s' must not be an empty list", key);
	if (y->n > max)
		return ERR_N(c, y, "'%s' has %zu items (at most %zu)", key,
			     y->n, max);
	for (i = 0; i < y->n; i++) {
		if ((err = want(c, y->kids[i], key, &s)))
			return err;
		/* Quadratic, but n <= max */
		for (j = 0; j < i; j++)
			if (strcmp(y->kids[j]->s, s) == 0)
				return ERR_N(c, y->kids[i], "'%s' lists '%s' "
					     "twice (first at line %zu)", key,
					     SHOW(b, y->kids[i]),
					     y->kids[j]->line);
	}
	return 0;
}

int sval_exclusive(struct sval_ctx *c, const struct ynode *ka, const char *a,
		   const struct ynode *kb, const char *b)
{
	const struct ynode *later;

	if (!ka || !kb)
		return 0;
	later = ka->line > kb->line ||
		(ka->line == kb->line && ka->col > kb->col) ? ka : kb;
	return ERR_N(c, later, "'%s' and '%s' cannot both be given", a, b);
}
