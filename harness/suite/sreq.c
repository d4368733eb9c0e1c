/*
 * sreq.c - credentials, extra headers, body and setup steps of a suite
 * (see sreq.h; the keys are documented in suite.c).  The grammars:
 *
 *   auth        = { user, ( password / password_env ) }
 *   user, password: not empty, sipp_value_safe(), no DQUOTE or "\"
 *                   (they go into quoted Digest parameters, RFC 2617)
 *   password_env = ( ALPHA / "_" ) *( ALPHA / DIGIT / "_" )
 *   headers     = { header-name: value ... }      at most SREQ_MAX_HEADERS
 *   header-name = token (RFC 3261 §7.3.1, §25.1); not Via, Call-ID, CSeq,
 *                 Max-Forwards, Content-Length (the harness writes them),
 *                 From, To, Content-Type (their keys are from, to,
 *                 content_type), nor a compact form of these; each
 *                 header once (case-insensitive, compact forms resolved)
 *   value       = sipp_value_safe(), not empty; ${target} allowed (tvar.h)
 *   body        = lines separated by LF; no CR, no NUL; each line with
 *                 TAB read as a space passes sipp_value_safe(); no "${";
 *                 at most 1024 bytes (the longest YAML value)
 *   media-type  = m-type "/" m-subtype *( *SP ";" *SP m-parameter )
 *   m-parameter = token *SP "=" *SP ( token / quoted-string )
 *                 (RFC 3261 §20.15, §25.1; m-type, m-subtype: tokens)
 *   setup       = 1*step   at most SREQ_MAX_STEPS
 *   step        = { "register": { uri, [contact], [allow], [expires],
 *                                 [auth] } }
 *   uri         = a sip:/sips: URI (sval_uri); contact = a URI;
 *   allow       = a non-empty list of tokens; expires = 0..2^31-1
 */
#include "suite/sreq.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/chars.h"
#include "sip/hdr.h"
#include "sip/msg.h"
#include "sipp/value.h"

#define ERR_N SVAL_ERR
#define SHOW SVAL_SHOW
#define KIND SVAL_KIND

/* ------------------------------------------------------------------ */
/* auth                                                                */

/* user or password: sval_str() and plan_auth_value_safe(); no value is
 * shown (a password is never printed). */
static int auth_value(struct sval_ctx *c, const struct ynode *y,
		      const char *key)
{
	const char *s, *why = NULL;
	size_t at = 0;
	int err = sval_str(c, y, key, &s);

	if (err)
		return err;
	if (!plan_auth_value_safe(s, &why, &at))
		return ERR_N(c, y, "'%s' %s (offset %zu)", key, why, at);
	return 0;
}

static bool is_env_name(const char *s)
{
	if (!chars_is_alpha((unsigned char)*s) && *s != '_')
		return false;
	for (s++; *s; s++)
		if (!chars_is_alnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

int sreq_auth(struct sval_ctx *c, const struct ynode *y, struct plan_auth *out)
{
	static const char *const names[] = { "user", "password",
					     "password_env" };
	const struct ynode *keys[3], *v[3];
	const char *s;
	char b[64];
	int err;

	memset(out, 0, sizeof(*out));
	if (y->kind != YNODE_MAP)
		return ERR_N(c, y, "'auth' must be a mapping (user: ..., "
			     "password: ... or password_env: ...), not %s",
			     KIND(y));
	if ((err = ytree_map(y, names, 3, keys, v, c->file, c->dg)))
		return err;
	if (!v[0])
		return ERR_N(c, y, "missing 'user' in 'auth'");
	if ((err = auth_value(c, v[0], "user")) ||
	    (err = sval_exclusive(c, keys[1], "password", keys[2],
				  "password_env")))
		return err;
	if (v[1]) {
		if ((err = auth_value(c, v[1], "password")))
			return err;
		out->password = v[1]->s;
	} else if (v[2]) {
		if ((err = sval_str(c, v[2], "password_env", &s)))
			return err;
		if (!is_env_name(s))
			return ERR_N(c, v[2], "'password_env' must be the name "
				     "of an environment variable "
				     "([A-Za-z_][A-Za-z0-9_]*), not '%s'",
				     SHOW(b, v[2]));
		out->password_env = v[2]->s;
	} else {
		return ERR_N(c, y, "missing 'password' or 'password_env' in "
			     "'auth'");
	}
	out->user = v[0]->s;
	return 0;
}

/* ------------------------------------------------------------------ */
/* headers                                                             */

/* What the harness writes itself, or a key of its own says. */
static const struct {
	enum siphdr_id id;
	const char *why;
} hdr_refused[] = {
	{ SIPHDR_VIA, NULL },
	{ SIPHDR_CALL_ID, NULL },
	{ SIPHDR_CSEQ, NULL },
	{ SIPHDR_MAX_FORWARDS, NULL },
	{ SIPHDR_CONTENT_LENGTH, NULL },
	{ SIPHDR_FROM, "use the test's 'from'" },
	{ SIPHDR_TO, "use the test's 'to'" },
	{ SIPHDR_CONTENT_TYPE, "use the test's 'content_type' (with 'body')" },
};

/* Same header: the same known id, or the same name (case-insensitive). */
static bool hdr_same(const char *a, enum siphdr_id ia, const char *b,
		     enum siphdr_id ib)
{
	return ia != SIPHDR_OTHER ? ia == ib : strcasecmp(a, b) == 0;
}

/* One header name (the key node k) at index i of y: a token, allowed,
 * not given before. */
static int hdr_name(struct sval_ctx *c, const struct ynode *y, size_t i,
		    enum siphdr_id *ids)
{
	const struct ynode *k = y->kids[2 * i];
	const char *canon;
	char b[64], b2[64], as[96] = "";
	size_t j;

	if (k->kind != YNODE_SCALAR)
		return ERR_N(c, k, "a header name in 'headers' must be a "
			     "string, not %s", KIND(k));
	if (strlen(k->s) != k->len || !sip_is_token(pl_from(k->s)))
		return ERR_N(c, k, "'%s' is not a header name (a SIP token, "
			     "RFC 3261 §25.1)", SHOW(b, k));
	ids[i] = siphdr_lookup(pl_from(k->s));
	canon = siphdr_name(ids[i]);
	if (ids[i] != SIPHDR_OTHER && strcasecmp(k->s, canon) != 0)
		snprintf(as, sizeof(as), " (the compact form of %s)", canon);
	for (j = 0; j < sizeof(hdr_refused) / sizeof(hdr_refused[0]); j++) {
		if (ids[i] != hdr_refused[j].id)
			continue;
		if (hdr_refused[j].why)
			return ERR_N(c, k, "'headers' cannot set '%s'%s: %s",
				     SHOW(b, k), as, hdr_refused[j].why);
		return ERR_N(c, k, "'headers' cannot set '%s'%s: the harness "
			     "writes Via, Call-ID, CSeq, Max-Forwards and "
			     "Content-Length itself", SHOW(b, k), as);
	}
	for (j = 0; j < i; j++)
		if (hdr_same(k->s, ids[i], y->kids[2 * j]->s, ids[j]))
			return ERR_N(c, k, "'headers' gives '%s' twice (first "
				     "as '%s' at line %zu)", SHOW(b, k),
				     SHOW(b2, y->kids[2 * j]),
				     y->kids[2 * j]->line);
	return 0;
}

int sreq_headers(struct sval_ctx *c, const struct ynode *y,
		 struct plan_header **vp, size_t *np)
{
	enum siphdr_id ids[SREQ_MAX_HEADERS];
	struct plan_header *v;
	const char *s;
	size_t i, n;
	int err;

	*vp = NULL;
	*np = 0;
	if (y->kind != YNODE_MAP)
		return ERR_N(c, y, "'headers' must be a mapping (Name: value), "
			     "not %s", KIND(y));
	n = y->n / 2;
	if (n == 0)
		return ERR_N(c, y, "'headers' must not be empty");
	if (n > SREQ_MAX_HEADERS)
		return ERR_N(c, y->kids[2 * SREQ_MAX_HEADERS], "'headers' has "
			     "more than %d headers", SREQ_MAX_HEADERS);
	for (i = 0; i < n; i++) {
		const struct ynode *val = y->kids[2 * i + 1];

		if ((err = hdr_name(c, y, i, ids)) ||
		    (err = sval_str(c, val, y->kids[2 * i]->s, &s)) ||
		    (err = sval_tvar(c, val, y->kids[2 * i]->s)))
			return err;
	}
	if (!(v = calloc(n, sizeof(*v))))
		return ENOMEM;
	for (i = 0; i < n; i++) {
		v[i].name = y->kids[2 * i]->s;
		v[i].value = y->kids[2 * i + 1]->s;
	}
	*vp = v;
	*np = n;
	return 0;
}

/* ------------------------------------------------------------------ */
/* body, content_type                                                  */

int sreq_body(struct sval_ctx *c, const struct ynode *y, const char **out)
{
	char line[SIPP_VALUE_MAX + 1];
	const char *why = NULL, *var;
	size_t i, j, start = 0, at = 0;

	if (y->kind != YNODE_SCALAR)
		return ERR_N(c, y, "'body' must be a string, not %s", KIND(y));
	if (y->len == 0)
		return ERR_N(c, y, "'body' has no value");
	if (y->len > SIPP_VALUE_MAX)
		return ERR_N(c, y, "'body' is longer than %d bytes",
			     SIPP_VALUE_MAX);
	for (i = 0; i <= y->len; i++) {
		char ch = i < y->len ? y->s[i] : '\n';

		if (ch == '\0')
			return ERR_N(c, y, "'body' contains a NUL byte (offset "
				     "%zu)", i);
		if (ch == '\r')
			return ERR_N(c, y, "'body' contains a CR (offset %zu): "
				     "write lines ending in LF (the harness "
				     "sends CRLF)", i);
		if (ch != '\n')
			continue;
		/* One line, TAB read as a space: the SIPp value rules. */
		memcpy(line, y->s + start, i - start);
		line[i - start] = '\0';
		for (j = 0; line[j]; j++)
			if (line[j] == '\t')
				line[j] = ' ';
		if (!sipp_value_safe(line, &why, &at))
			return ERR_N(c, y, "'body' %s (offset %zu)", why,
				     start + at);
		start = i + 1;
	}
	if ((var = strstr(y->s, "${")) != NULL)
		return ERR_N(c, y, "'body' cannot hold '${' (offset %zu): "
			     "${target} is expanded only in URIs and header "
			     "values", (size_t)(var - y->s));
	*out = y->s;
	return 0;
}

static size_t token_len(const char *p)
{
	size_t n = 0;

	while (chars_is_token((unsigned char)p[n]))
		n++;
	return n;
}

static const char *skip_sp(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* The first byte of s that breaks media-type (grammar at the top), or
 * NULL if s is one. */
static const char *media_type_bad(const char *s)
{
	const char *p = s;
	size_t n;

	if (!(n = token_len(p)))
		return p;
	p += n;
	if (*p++ != '/')
		return p - 1;
	if (!(n = token_len(p)))
		return p;
	p += n;
	while (*p) {
		p = skip_sp(p);
		if (*p != ';')
			return p;
		p = skip_sp(p + 1);
		if (!(n = token_len(p)))
			return p;
		p = skip_sp(p + n);
		if (*p != '=')
			return p;
		p = skip_sp(p + 1);
		if (*p != '"') {
			if (!(n = token_len(p)))
				return p;
			p += n;
			continue;
		}
		/* quoted-string; controls are refused already */
		for (p++; *p && *p != '"'; p++)
			if (*p == '\\' && (!p[1] || (unsigned char)p[1] >= 0x80))
				return p;
			else if (*p == '\\')
				p++;
		if (*p++ != '"')
			return p - 1;
	}
	return NULL;
}

int sreq_content_type(struct sval_ctx *c, const struct ynode *y,
		      const char **out)
{
	const char *s, *bad;
	char b[64];
	int err = sval_str(c, y, "content_type", &s);

	if (err)
		return err;
	if ((bad = media_type_bad(s)) != NULL)
		return ERR_N(c, y, "'content_type' is not a media type "
			     "(type/subtype[;name=value...], RFC 3261 §20.15) "
			     "at offset %zu: '%s'", (size_t)(bad - s),
			     SHOW(b, y));
	*out = s;
	return 0;
}

/* ------------------------------------------------------------------ */
/* setup                                                               */

static const char *const step_kinds[] = { "register" };
#define NKINDS (sizeof(step_kinds) / sizeof(step_kinds[0]))

/* The 'register' mapping y of the step item. */
static int step_register(struct sval_ctx *c, const struct ynode *item,
			 const struct ynode *y, const struct plan_auth *dflt,
			 struct plan *plan)
{
	static const char *const names[] = { "uri", "contact", "allow",
					     "expires", "auth" };
	const struct ynode *keys[5], *v[5];
	struct plan_step st;
	const char *s;
	char b[64];
	size_t i;
	int err;

	memset(&st, 0, sizeof(st));
	st.kind = PLAN_STEP_REGISTER;
	st.line = item->line;
	st.col = item->col;
	st.reg.expires = 3600;
	if (y->kind != YNODE_MAP)
		return ERR_N(c, y, "'register' must be a mapping (uri: ..., "
			     "contact: ..., allow: ..., expires: ..., auth: "
			     "...), not %s", KIND(y));
	if ((err = ytree_map(y, names, 5, keys, v, c->file, c->dg)))
		return err;
	if (!v[0])
		return ERR_N(c, y, "missing 'uri' in 'register'");
	if ((err = sval_uri(c, v[0], "uri", &s)))
		return err;
	if (strncasecmp(s, "sip:", 4) != 0 && strncasecmp(s, "sips:", 5) != 0)
		return ERR_N(c, v[0], "'uri' of 'register' must be a sip: or "
			     "sips: URI (the address-of-record): '%s'",
			     SHOW(b, v[0]));
	st.reg.uri = v[0]->s;
	if (v[1]) {
		if ((err = sval_uri(c, v[1], "contact", &s)))
			return err;
		st.reg.contact = v[1]->s;
	}
	if (v[2] && (err = sval_list(c, v[2], "allow", SUITE_MAX_LIST, false,
				     sval_token)))
		return err;
	if (v[3] && (err = sval_uint(c, v[3], "expires", 0, SREQ_EXPIRES_MAX,
				     &st.reg.expires)))
		return err;
	if (v[4]) {
		if ((err = sreq_auth(c, v[4], &st.reg.auth)))
			return err;
	} else if (dflt) {
		st.reg.auth = *dflt;
	}
	if (v[2]) {
		if (!(st.reg.allow = calloc(v[2]->n, sizeof(char *))))
			return ENOMEM;
		for (i = 0; i < v[2]->n; i++)
			st.reg.allow[i] = v[2]->kids[i]->s;
		st.reg.nallow = v[2]->n;
	}
	err = plan_add_step(plan, &st);
	free(st.reg.allow);
	return err;
}

int sreq_setup(struct sval_ctx *c, const struct ynode *y,
	       const struct plan_auth *dflt, struct plan *plan)
{
	char known[64] = "", b[64];
	size_t i, k;
	int err;

	for (k = 0; k < NKINDS; k++)
		snprintf(known + strlen(known), sizeof(known) - strlen(known),
			 "%s%s", k ? ", " : "", step_kinds[k]);
	if (y->kind != YNODE_SEQ)
		return ERR_N(c, y, "'setup' must be a list of steps (- %s: "
			     "{...}), not %s", step_kinds[0], KIND(y));
	if (y->n == 0)
		return ERR_N(c, y, "'setup' must not be an empty list");
	if (y->n > SREQ_MAX_STEPS)
		return ERR_N(c, y->kids[SREQ_MAX_STEPS], "too many setup steps "
			     "(more than %d)", SREQ_MAX_STEPS);
	for (i = 0; i < y->n; i++) {
		const struct ynode *it = y->kids[i], *kind;

		if (it->kind != YNODE_MAP)
			return ERR_N(c, it, "a setup step must be a mapping "
				     "with one key, its kind (%s), not %s",
				     known, KIND(it));
		if (it->n != 2)
			return ERR_N(c, it, "a setup step must have exactly "
				     "one key, its kind (%s)", known);
		kind = it->kids[0];
		if (kind->kind != YNODE_SCALAR)
			return ERR_N(c, kind, "a setup step's kind must be a "
				     "string (%s), not %s", known, KIND(kind));
		for (k = 0; k < NKINDS; k++)
			if (strlen(kind->s) == kind->len &&
			    strcmp(kind->s, step_kinds[k]) == 0)
				break;
		if (k == NKINDS)
			return ERR_N(c, kind, "unknown setup step '%s' (known: "
				     "%s)", SHOW(b, kind), known);
		/* k == 0: register, the one kind so far */
		if ((err = step_register(c, it, it->kids[1], dflt, plan)))
			return err;
	}
	return 0;
}
