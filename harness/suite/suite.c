/*
 * suite.c - load a YAML suite file into a struct plan (libyaml).
 *
 * This is the only file that includes <yaml.h>.  It reads the file with
 * libyaml's event parser into a small bounded tree of our own (no libyaml
 * type leaves this file), checks the tree against the schema below, and
 * expands it into a struct plan whose strings are all heap copies.
 *
 * Accepted schema (one YAML document; every key optional unless marked):
 *
 *   suite: NAME                 default: the file's base name without
 *                               .yaml/.yml ("suite" if that is empty)
 *   target:                     optional if the command line gives --target
 *     host: HOST                REQUIRED inside target: DNS name, IPv4
 *                               literal, or IPv6 literal ("::1" or "[::1]",
 *                               stored without brackets)
 *     port: 1..65535            default 0 (= not given, 5060)
 *     transport: udp|tcp        default TRANSPORT_DEFAULT
 *   tests:                      REQUIRED, a non-empty list of mappings:
 *     - id: ID                  REQUIRED, [A-Za-z0-9._-]+, unique in the suite
 *       request_uri: URI        exactly one of request_uri / request_uris
 *       request_uris: [URI...]
 *       method: TOKEN           at most one of method / methods;
 *       methods: [TOKEN...]     default OPTIONS (RFC 3261 §25 token)
 *       expect: 301|405|501     REQUIRED; an integer or the string "301"
 *       contact: URI | [URI...] expect 301 only: URIs the Contact must hold
 *       allow: [TOKEN...]       expect 405/501 only: the exact Allow set;
 *                               [] is allowed (an empty Allow is required)
 *       repeat: 1..100          default 1
 *       transport: udp|tcp      at most one of transport / transports
 *       transports: [udp|tcp...]
 *       follow: 0..10           expect 301 only, default 0
 *       probe_options: BOOL     expect 405 only (true|false), default false
 *       probe_allowed: BOOL     expect 405 only (true|false), default false
 *
 * Expansion.  An entry with request_uris, methods or transports written
 * as a list (even a list of one) becomes one struct tcase per
 * combination, request_uris outermost, then methods, then transports, in
 * the order written.  The id of an expanded case is the entry id
 * followed by one "/"-separated suffix per list key, in that same order:
 *     "/<n>"          n-th request_uri, 1-based       (request_uris)
 *     "/<METHOD>"     the method token as written    (methods)
 *     "/<transport>"  "udp" or "tcp"                  (transports)
 * e.g. "reg/2/INVITE/tcp"; tcase.group is always the entry id.  Entry ids
 * cannot hold '/', so an expanded id never equals an entry id.  Lists may
 * not repeat an item, so expanded ids are unique when entry ids are.
 *
 * Scalars: integers are decimal digits only (quoted or not); booleans are
 * plain true/false (also True/TRUE/False/FALSE); transports are matched
 * case-insensitively; method and allow tokens are kept as written (SIP
 * methods are case-sensitive, RFC 3261 §7.1).  URIs (request_uri, contact)
 * must be scheme ":" something, ASCII, no SP " < > \ ^ ` { | }; for sip:
 * and sips: the host after the last '@' must be a DNS name, IPv4 literal
 * or [IPv6] reference, with an optional port 1..65535.  Lists hold at most
 * SUITE_MAX_LIST items (request_uris: SUITE_MAX_CASES) and never repeat
 * one.  tcase.line/col is the entry's first key (its mapping's mark).
 *
 * Limits: 4 MiB of file, 1024 bytes per scalar, depth 8, 500000 nodes,
 * 10000 tests after expansion, 64 MiB of strings in the expanded plan
 * (contact/allow lists are copied into every expanded case).
 *
 * Refused, as EBADMSG with dg = "FILE:LINE:COL: message" (1-based; the
 * position is that of the offending node, or the entry for a missing
 * key): YAML syntax errors (libyaml's problem text and mark), invalid
 * UTF-8 and control characters in the stream, more than one document,
 * anchors and aliases (no "billion laughs"), explicit tags, nesting deeper
 * than SUITE_MAX_DEPTH, more than SUITE_MAX_NODES nodes, unknown and
 * duplicate keys at every level, non-scalars where a scalar is expected,
 * scalars longer than 1024 bytes, any value with a control byte (C0, DEL,
 * C1) or with SIPp '[keyword]' syntax (see sipp_value_safe()), URIs that
 * are not "scheme:something" without spaces, tokens that are not RFC 3261
 * §25 tokens, an empty tests list, more than SUITE_MAX_CASES tests after
 * expansion, a file over 4 MiB, a file not in UTF-8 (a UTF-8 BOM is
 * skipped; UTF-16 is refused).  An unreadable file returns its errno
 * (ENOENT, EACCES, EISDIR, ...) with dg filled.
 */
#include "suite/suite.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <yaml.h>

#include "base/chars.h"
#include "sip/msg.h"
#include "sipp/value.h"

#define SUITE_MAX_FILE   (4u * 1024 * 1024)  /* bytes in a suite file */
#define SUITE_MAX_VALUE  1024                /* bytes in one scalar */
#define SUITE_MAX_DEPTH  8                   /* the schema needs 4 */
#define SUITE_MAX_NODES  500000              /* bounds the tree's memory */
#define SUITE_MAX_CASES  10000               /* tests after expansion */
#define SUITE_MAX_LIST   256                 /* items in allow/contact/methods */
#define SUITE_MAX_PLAN   (64u * 1024 * 1024) /* bytes held by the plan */

/* ------------------------------------------------------------------ */
/* Transport names and plan_free (plan.h)                             */

const char *transport_name(enum transport t)
{
	switch (t) {
	case TRANSPORT_UDP: return "udp";
	case TRANSPORT_TCP: return "tcp";
	default:            return "default";
	}
}

static char **strv_free(char **v, size_t n)
{
	size_t i;

	if (!v)
		return NULL;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return NULL;
}

static void tcase_clear(struct tcase *tc)
{
	free(tc->id);
	free(tc->group);
	free(tc->request_uri);
	free(tc->method);
	tc->contacts = strv_free(tc->contacts, tc->ncontacts);
	tc->allow = strv_free(tc->allow, tc->nallow);
	memset(tc, 0, sizeof(*tc));
}

struct plan *plan_free(struct plan *plan)
{
	size_t i;

	if (!plan)
		return NULL;
	for (i = 0; i < plan->ncases; i++)
		tcase_clear(&plan->cases[i]);
	free(plan->cases);
	free(plan->file);
	free(plan->name);
	free(plan->target.host);
	free(plan);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The tree                                                            */

enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ykind kind;
	size_t line, col;      /* 1-based */
	bool plain;            /* scalar written without quotes */
	char *s;               /* scalar bytes, NUL-terminated (may hold NUL) */
	size_t len;
	struct ynode **kids;   /* seq: items; map: key, value, key, value ... */
	size_t n, cap;
};

/* Recursion is bounded by SUITE_MAX_DEPTH. */
static struct ynode *ynode_free(struct ynode *y)
{
	size_t i;

	if (!y)
		return NULL;
	for (i = 0; i < y->n; i++)
		ynode_free(y->kids[i]);
	free(y->kids);
	free(y->s);
	free(y);
	return NULL;
}

static int ynode_add(struct ynode *parent, struct ynode *kid)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		struct ynode **k = realloc(parent->kids, cap * sizeof(*k));
		if (!k)
			return ENOMEM;
		parent->kids = k;
		parent->cap = cap;
	}
	parent->kids[parent->n++] = kid;
	return 0;
}

struct ctx {
	const char *file;      /* name for diagnostics */
	struct diag *dg;
	size_t budget;         /* bytes still allowed into the plan */
	size_t skipped;        /* bytes of BOM before what libyaml reads */
};

static int err_at(struct ctx *c, size_t line, size_t col, const char *fmt,
		  ...) DIAG_PRINTF(4, 5);

static int err_at(struct ctx *c, size_t line, size_t col, const char *fmt, ...)
{
	char msg[sizeof(c->dg->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return diag_set(c->dg, c->file, line, col, "%s", msg);
}

#define ERR_N(c, y, ...) err_at((c), (y)->line, (y)->col, __VA_ARGS__)

/* User text for a message: printable ASCII as is, the rest as \xNN,
 * cut at 40 bytes with "...". */
static const char *shown(char *buf, size_t size, const char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len && o + 8 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i >= 40) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (c >= 0x20 && c < 0x7f)
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
	}
	buf[o] = '\0';
	return buf;
}

#define SHOW(b, y) shown((b), sizeof(b), (y)->s, (y)->len)

static const char *kind_name(const struct ynode *y)
{
	switch (y->kind) {
	case Y_SEQ: return "a list";
	case Y_MAP: return "a mapping";
	default:    return "a scalar";
	}
}

/* 1-based line/column of byte offset off in buf, counting UTF-8
 * characters for the column as libyaml does. */
static void offset_mark(const char *buf, size_t len, size_t off,
			size_t *line, size_t *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static int yaml_error(struct ctx *c, yaml_parser_t *p, const char *buf,
		      size_t len)
{
	size_t line, col;

	if (p->error == YAML_MEMORY_ERROR) {
		err_at(c, 0, 0, "out of memory while parsing YAML");
		return ENOMEM;
	}
	if (p->error == YAML_READER_ERROR) {
		offset_mark(buf, len, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			return err_at(c, line, col, "not a valid UTF-8 YAML "
				      "file: %s (#x%X at byte offset %zu)",
				      p->problem ? p->problem : "read error",
				      (unsigned)p->problem_value,
				      p->problem_offset + c->skipped);
		return err_at(c, line, col, "not a valid UTF-8 YAML file: %s "
			      "(at byte offset %zu)",
			      p->problem ? p->problem : "read error",
			      p->problem_offset + c->skipped);
	}
	if (p->context)
		return err_at(c, p->problem_mark.line + 1,
			      p->problem_mark.column + 1,
			      "YAML syntax error: %s (%s at line %zu, column %zu)",
			      p->problem ? p->problem : "unknown problem",
			      p->context, p->context_mark.line + 1,
			      p->context_mark.column + 1);
	return err_at(c, p->problem_mark.line + 1, p->problem_mark.column + 1,
		      "YAML syntax error: %s",
		      p->problem ? p->problem : "unknown problem");
}

/*
 * Parse buf into *rootp.  Refuses aliases, anchors, tags, a second
 * document, deep nesting, too many nodes and long scalars as the events
 * arrive, so that hostile input never grows the tree past the bounds.
 */
static int tree_load(struct ynode **rootp, struct ctx *c, const char *buf,
		     size_t len)
{
	struct ynode *stack[SUITE_MAX_DEPTH + 1];
	struct ynode *root = NULL, *y;
	size_t depth = 0, nodes = 0, ndocs = 0;
	yaml_parser_t parser;
	yaml_event_t ev;
	bool done = false, have_ev = false;
	char b[64];
	int err = 0;

	/* UTF-8 only; with the encoding forced libyaml would read a BOM
	 * as content, so skip it here (it has no width: marks hold). */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
		c->skipped = 3;
	}
	if (!yaml_parser_initialize(&parser))
		return ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	while (!done) {
		const unsigned char *anchor = NULL, *tag = NULL;
		size_t line, col;

		if (!yaml_parser_parse(&parser, &ev)) {
			err = yaml_error(c, &parser, buf, len);
			goto out;
		}
		have_ev = true;
		line = ev.start_mark.line + 1;
		col = ev.start_mark.column + 1;

		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++ndocs > 1) {
				err = err_at(c, line, col, "a suite file holds "
					     "one YAML document; found a second "
					     "one here");
				goto out;
			}
			break;
		case YAML_ALIAS_EVENT:
			err = err_at(c, line, col, "aliases ('*%s') are not "
				     "supported in suite files: write the value "
				     "out", shown(b, sizeof(b),
				     (const char *)ev.data.alias.anchor,
				     strlen((const char *)ev.data.alias.anchor)));
			goto out;
		case YAML_SCALAR_EVENT:
			anchor = ev.data.scalar.anchor;
			tag = ev.data.scalar.tag;
			break;
		case YAML_SEQUENCE_START_EVENT:
			anchor = ev.data.sequence_start.anchor;
			tag = ev.data.sequence_start.tag;
			break;
		case YAML_MAPPING_START_EVENT:
			anchor = ev.data.mapping_start.anchor;
			tag = ev.data.mapping_start.tag;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth)
				depth--;
			break;
		default:
			break;
		}

		if (ev.type == YAML_SCALAR_EVENT ||
		    ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT) {
			if (anchor) {
				err = err_at(c, line, col, "anchors ('&%s') are "
					     "not supported in suite files",
					     shown(b, sizeof(b), (const char *)anchor,
						   strlen((const char *)anchor)));
				goto out;
			}
			if (tag) {
				err = err_at(c, line, col, "tags ('%s') are not "
					     "supported in suite files: write "
					     "plain values",
					     shown(b, sizeof(b), (const char *)tag,
						   strlen((const char *)tag)));
				goto out;
			}
			if (++nodes > SUITE_MAX_NODES) {
				err = err_at(c, line, col, "too many YAML nodes "
					     "(more than %d)", SUITE_MAX_NODES);
				goto out;
			}
			if (ev.type == YAML_SCALAR_EVENT &&
			    ev.data.scalar.length > SUITE_MAX_VALUE) {
				err = err_at(c, line, col, "value is longer than "
					     "%d bytes (%zu)", SUITE_MAX_VALUE,
					     ev.data.scalar.length);
				goto out;
			}
			if (ev.type != YAML_SCALAR_EVENT &&
			    depth >= SUITE_MAX_DEPTH) {
				err = err_at(c, line, col, "nesting is too deep "
					     "(more than %d levels)",
					     SUITE_MAX_DEPTH);
				goto out;
			}
			y = calloc(1, sizeof(*y));
			if (!y) {
				err = ENOMEM;
				goto out;
			}
			y->line = line;
			y->col = col;
			if (ev.type == YAML_SCALAR_EVENT) {
				y->kind = Y_SCALAR;
				y->plain = ev.data.scalar.style ==
					   YAML_PLAIN_SCALAR_STYLE;
				y->len = ev.data.scalar.length;
				y->s = malloc(y->len + 1);
				if (!y->s) {
					ynode_free(y);
					err = ENOMEM;
					goto out;
				}
				memcpy(y->s, ev.data.scalar.value, y->len);
				y->s[y->len] = '\0';
			} else {
				y->kind = ev.type == YAML_SEQUENCE_START_EVENT
						  ? Y_SEQ : Y_MAP;
			}
			if (depth == 0) {
				root = y;   /* one document, one root */
			} else if ((err = ynode_add(stack[depth - 1], y))) {
				ynode_free(y);
				goto out;
			}
			if (y->kind != Y_SCALAR)
				stack[depth++] = y;
		}
		yaml_event_delete(&ev);
		have_ev = false;
	}
	if (!root)
		err = err_at(c, 0, 0, "the suite file is empty");
out:
	if (have_ev)
		yaml_event_delete(&ev);
	yaml_parser_delete(&parser);
	if (err)
		ynode_free(root);
	else
		*rootp = root;
	return err;
}

/* ------------------------------------------------------------------ */
/* Scalars                                                             */

/* A string value for key: scalar, not empty, no control byte, no SIPp
 * keyword syntax, <= 1024 bytes. */
static int want_str(struct ctx *c, const struct ynode *y, const char *key,
		    const char **out)
{
	const char *why = NULL;
	size_t i, at = 0;

	if (y->kind != Y_SCALAR)
		return ERR_N(c, y, "'%s' must be a string, not %s", key,
			     kind_name(y));
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

static int want_uint(struct ctx *c, const struct ynode *y, const char *key,
		     unsigned lo, unsigned hi, unsigned *out)
{
	char b[64];
	unsigned long v = 0;
	size_t i;

	if (y->kind != Y_SCALAR)
		return ERR_N(c, y, "'%s' must be an integer from %u to %u, "
			     "not %s", key, lo, hi, kind_name(y));
	for (i = 0; i < y->len; i++) {
		if (!chars_is_digit((unsigned char)y->s[i]) || i >= 9)
			break;
		v = v * 10 + (unsigned long)(y->s[i] - '0');
	}
	if (y->len == 0 || i != y->len || v < lo || v > hi)
		return ERR_N(c, y, "'%s' must be an integer from %u to %u, "
			     "not '%s'", key, lo, hi, SHOW(b, y));
	*out = (unsigned)v;
	return 0;
}

static int want_bool(struct ctx *c, const struct ynode *y, const char *key,
		     bool *out)
{
	static const char *const t[] = { "true", "True", "TRUE" };
	static const char *const f[] = { "false", "False", "FALSE" };
	char b[64];
	size_t i;

	if (y->kind == Y_SCALAR && y->plain && strlen(y->s) == y->len) {
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
	if (y->kind != Y_SCALAR)
		return ERR_N(c, y, "'%s' must be true or false, not %s", key,
			     kind_name(y));
	return ERR_N(c, y, "'%s' must be true or false, not '%s'", key,
		     SHOW(b, y));
}

static int want_transport(struct ctx *c, const struct ynode *y,
			  const char *key, enum transport *out)
{
	char b[64];

	if (y->kind == Y_SCALAR && strcasecmp(y->s, "udp") == 0 &&
	    y->len == 3) {
		*out = TRANSPORT_UDP;
		return 0;
	}
	if (y->kind == Y_SCALAR && strcasecmp(y->s, "tcp") == 0 &&
	    y->len == 3) {
		*out = TRANSPORT_TCP;
		return 0;
	}
	if (y->kind != Y_SCALAR)
		return ERR_N(c, y, "'%s' must be udp or tcp, not %s", key,
			     kind_name(y));
	return ERR_N(c, y, "'%s' must be udp or tcp, not '%s'", key,
		     SHOW(b, y));
}

/* RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*"
 *                           / "_" / "+" / "`" / "'" / "~" ) */
static bool is_token(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		int ch = (unsigned char)*s;
		if (!chars_is_alpha(ch) && !chars_is_digit(ch) && !strchr("-.!%*_+`'~", ch))
			return false;
	}
	return true;
}

static int want_token(struct ctx *c, const struct ynode *y, const char *key,
		      const char **out)
{
	char b[64];
	int err = want_str(c, y, key, out);

	if (err)
		return err;
	if (!is_token(*out))
		return ERR_N(c, y, "'%s' is not a SIP token (RFC 3261 §25.1): "
			     "'%s'", key, SHOW(b, y));
	return 0;
}

/*
 * A method the harness can send as a test: a token, but not ACK (it gets
 * no response at all, RFC 3261 §17) nor CANCEL (it answers a pending
 * request, §9: 200 or 481, never a 3xx/405/501 to judge).
 */
static int want_method(struct ctx *c, const struct ynode *y, const char *key,
		       const char **out)
{
	int err = want_token(c, y, key, out);

	if (err)
		return err;
	if (strcmp(*out, "ACK") == 0)
		return ERR_N(c, y, "'%s' cannot be ACK: an ACK gets no response "
			     "to judge (RFC 3261 §17)", key);
	if (strcmp(*out, "CANCEL") == 0)
		return ERR_N(c, y, "'%s' cannot be CANCEL: it is answered 200/481 "
			     "for a pending request (RFC 3261 §9), never 301/405/501", key);
	return 0;
}

/* Host: DNS name (RFC 1123 labels) or IPv4 literal; lo..hi bytes. */
static bool is_hostname(const char *s, size_t n)
{
	size_t i, lab = 0;
	bool digits_only = true;

	if (n == 0 || n > 253)
		return false;
	for (i = 0; i < n; i++) {
		int ch = (unsigned char)s[i];
		if (ch == '.') {
			if (lab == 0 || s[i - 1] == '-')
				return false;
			lab = 0;
			continue;
		}
		if (!chars_is_alpha(ch) && !chars_is_digit(ch) && ch != '-')
			return false;
		if (!chars_is_digit(ch))
			digits_only = false;
		if ((lab == 0 && ch == '-') || ++lab > 63)
			return false;
	}
	if (lab == 0 || s[n - 1] == '-')
		return false;
	if (digits_only) {   /* all digits and dots: must be an IPv4 literal */
		struct in_addr a4;
		char tmp[256];
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		return inet_pton(AF_INET, tmp, &a4) == 1;
	}
	return true;
}

/*
 * A plausible URI (RFC 3261 §19.1.1, RFC 3986 absoluteURI): scheme ":"
 * something, ASCII, none of SP " < > \ ^ ` { | }.  For sip/sips the
 * host (after the last '@') must be a DNS name, an IPv4 literal or an
 * IPv6 reference, with an optional port 1..65535.  Returns NULL if fine,
 * else what is wrong.
 */
static const char *uri_problem(const char *s)
{
	const char *colon = strchr(s, ':'), *h, *e, *p;
	size_t i;

	if (!colon || !chars_is_scheme(s, (size_t)(colon - s)))
		return "is not a URI (expected scheme:..., e.g. "
		       "sip:alice@example.com)";
	if (!colon[1])
		return "has nothing after the scheme";
	for (i = 0; s[i]; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ')
			return "contains a space";
		if (ch >= 0x80)
			return "contains a non-ASCII byte";
		if (strchr("\"<>\\^`{|}", ch))
			return "contains a character a URI cannot hold "
			       "(one of \" < > \\ ^ ` { | })";
	}
	if (!((colon - s == 3 && strncasecmp(s, "sip", 3) == 0) ||
	      (colon - s == 4 && strncasecmp(s, "sips", 4) == 0)))
		return NULL;   /* tel:, urn:, ...: scheme ':' something */
	h = strrchr(colon + 1, '@');
	h = h ? h + 1 : colon + 1;
	if (*h == '[') {
		e = strchr(h, ']');
		if (!e || !siphost_valid((struct pl){ h, (size_t)(e - h) + 1 }))
			return "has an invalid IPv6 host reference";
		p = e + 1;
	} else {
		for (e = h; *e && *e != ':' && *e != ';' && *e != '?'; e++)
			;
		if (!is_hostname(h, (size_t)(e - h)))
			return "has no valid host (a DNS name, IPv4 or "
			       "[IPv6] literal)";
		p = e;
	}
	if (*p == ':') {
		unsigned long port = 0;
		for (p++, i = 0; chars_is_digit((unsigned char)*p) && i < 6; p++, i++)
			port = port * 10 + (unsigned long)(*p - '0');
		if (i == 0 || port == 0 || port > 65535 ||
		    (*p && *p != ';' && *p != '?'))
			return "has an invalid port (1..65535)";
	}
	return NULL;
}

static int want_uri(struct ctx *c, const struct ynode *y, const char *key,
		    const char **out)
{
	const char *why;
	char b[64];
	int err = want_str(c, y, key, out);

	if (err)
		return err;
	why = uri_problem(*out);
	if (why)
		return ERR_N(c, y, "'%s' %s: '%s'", key, why, SHOW(b, y));
	return 0;
}

/* ------------------------------------------------------------------ */
/* Mappings: known keys, duplicates                                    */

/* Edit distance of a and b if at most 2, else 3 (short keys only). */
static size_t near(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b), i, j, d[33][33];

	if (la > 32 || lb > 32 || (la > lb ? la - lb : lb - la) > 2)
		return 3;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t x = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < x)
				x = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < x)
				x = d[i][j - 1] + 1;
			d[i][j] = x;
		}
	}
	return d[la][lb] < 3 ? d[la][lb] : 3;
}

/*
 * Check map's keys against names[0..n) (each at most once) and fill
 * vals[i] (value node or NULL) and keys[i] (key node or NULL).
 */
static int map_keys(struct ctx *c, const struct ynode *map,
		    const char *const *names, size_t n,
		    const struct ynode **keys, const struct ynode **vals)
{
	char b[64], expected[400];
	size_t i, k, o = 0;

	for (k = 0; k < n; k++)
		keys[k] = vals[k] = NULL;
	for (i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *key = map->kids[i];

		if (key->kind != Y_SCALAR)
			return ERR_N(c, key, "a key must be a plain string, "
				     "not %s", kind_name(key));
		for (k = 0; k < n; k++)
			if (key->len == strlen(names[k]) &&
			    memcmp(key->s, names[k], key->len) == 0)
				break;
		if (k == n) {
			size_t best = n, bestd = 3, dist;

			for (k = 0; k < n && o + 40 < sizeof(expected); k++) {
				o += (size_t)snprintf(expected + o,
						      sizeof(expected) - o,
						      "%s%s", k ? ", " : "",
						      names[k]);
				dist = near(key->s, key->len, names[k]);
				if (dist < bestd) {
					bestd = dist;
					best = k;
				}
			}
			return ERR_N(c, key, "unknown key '%s' (expected one "
				     "of: %s)%s%s%s", SHOW(b, key), expected,
				     best < n ? "; did you mean '" : "",
				     best < n ? names[best] : "",
				     best < n ? "'?" : "");
		}
		if (keys[k])
			return ERR_N(c, key, "duplicate key '%s' (first at line "
				     "%zu)", names[k], keys[k]->line);
		keys[k] = key;
		vals[k] = map->kids[i + 1];
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Ids                                                                 */

struct idtab {
	struct { const char *id; size_t line; } *slot;
	size_t mask;
};

static int idtab_init(struct idtab *t, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	t->slot = calloc(cap, sizeof(*t->slot));
	t->mask = cap - 1;
	return t->slot ? 0 : ENOMEM;
}

/* Insert id; on a duplicate return false and the first line in *first.
 * The table never fills: it holds at most half its size. */
static bool idtab_add(struct idtab *t, const char *id, size_t line,
		      size_t *first)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	const char *p;
	size_t i;

	for (p = id; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	for (i = (size_t)h & t->mask; t->slot[i].id; i = (i + 1) & t->mask) {
		if (strcmp(t->slot[i].id, id) == 0) {
			*first = t->slot[i].line;
			return false;
		}
	}
	t->slot[i].id = id;
	t->slot[i].line = line;
	return true;
}

static bool is_id(const char *s)
{
	for (; *s; s++) {
		int ch = (unsigned char)*s;
		if (!chars_is_alpha(ch) && !chars_is_digit(ch) && !strchr("._-", ch))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Entries                                                             */

enum ekey {
	K_ID, K_REQUEST_URI, K_REQUEST_URIS, K_METHOD, K_METHODS, K_EXPECT,
	K_CONTACT, K_REPEAT, K_ALLOW, K_TRANSPORT, K_TRANSPORTS, K_FOLLOW,
	K_PROBE_OPTIONS, K_PROBE_ALLOWED, K__N
};

static const char *const entry_keys[K__N] = {
	"id", "request_uri", "request_uris", "method", "methods", "expect",
	"contact", "repeat", "allow", "transport", "transports", "follow",
	"probe_options", "probe_allowed",
};

/* A validated entry; strings point into the tree. */
struct entry {
	const struct ynode *map;
	const char *id;
	const struct ynode *uris;      /* scalar or list */
	const struct ynode *methods;   /* scalar, list, or NULL (OPTIONS) */
	const struct ynode *contacts;  /* scalar, list, or NULL */
	const struct ynode *allow;     /* list or NULL */
	enum transport tr[2];
	size_t ntr;
	bool tr_list;
	unsigned expect, repeat, follow;
	bool probe_options, probe_allowed;
};

static size_t nitems(const struct ynode *y)
{
	return !y ? 0 : y->kind == Y_SEQ ? y->n : 1;
}

static const char *item(const struct ynode *y, size_t i)
{
	return y->kind == Y_SEQ ? y->kids[i]->s : y->s;
}

/* A list of strings, each checked by want (uri or token), no repeats,
 * 1..max items (0 allowed if may_be_empty). */
static int want_list(struct ctx *c, const struct ynode *y, const char *key,
		     size_t max, bool may_be_empty,
		     int (*want)(struct ctx *, const struct ynode *,
				 const char *, const char **))
{
	const char *s;
	char b[64];
	size_t i, j;
	int err;

	if (y->kind != Y_SEQ)
		return ERR_N(c, y, "'%s' must be a list, not %s", key,
			     kind_name(y));
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

static int only_with(struct ctx *c, const struct ynode *key, const char *name,
		     unsigned expect, unsigned need1, unsigned need2)
{
	if (!key || expect == need1 || expect == need2)
		return 0;
	if (need2 && need2 != need1)
		return ERR_N(c, key, "'%s' applies only to expect %u or %u "
			     "(this test expects %u)", name, need1, need2,
			     expect);
	return ERR_N(c, key, "'%s' applies only to expect %u (this test "
		     "expects %u)", name, need1, expect);
}

static int exclusive(struct ctx *c, const struct ynode **keys, enum ekey a,
		     enum ekey b)
{
	if (keys[a] && keys[b]) {
		const struct ynode *later =
			keys[a]->line > keys[b]->line ||
			(keys[a]->line == keys[b]->line &&
			 keys[a]->col > keys[b]->col) ? keys[a] : keys[b];
		return ERR_N(c, later, "'%s' and '%s' cannot both be given",
			     entry_keys[a], entry_keys[b]);
	}
	return 0;
}

static int entry_parse(struct ctx *c, const struct ynode *map,
		       struct entry *e, struct idtab *ids)
{
	const struct ynode *keys[K__N], *v[K__N];
	const char *s;
	char b[64];
	size_t i, first;
	int err;

	memset(e, 0, sizeof(*e));
	e->map = map;
	if (map->kind != Y_MAP)
		return ERR_N(c, map, "each test must be a mapping (id: ..., "
			     "request_uri: ..., expect: ...), not %s",
			     kind_name(map));
	if ((err = map_keys(c, map, entry_keys, K__N, keys, v)))
		return err;

	/* id */
	if (!v[K_ID])
		return ERR_N(c, map, "missing 'id'");
	if ((err = want_str(c, v[K_ID], "id", &e->id)))
		return err;
	if (!is_id(e->id))
		return ERR_N(c, v[K_ID], "'id' may hold only letters, digits, "
			     "'.', '_' and '-': '%s'", SHOW(b, v[K_ID]));
	if (!idtab_add(ids, e->id, v[K_ID]->line, &first))
		return ERR_N(c, v[K_ID], "duplicate test id '%s' (first at "
			     "line %zu)", e->id, first);

	/* request_uri / request_uris */
	if ((err = exclusive(c, keys, K_REQUEST_URI, K_REQUEST_URIS)))
		return err;
	if (v[K_REQUEST_URI]) {
		if ((err = want_uri(c, v[K_REQUEST_URI], "request_uri", &s)))
			return err;
		e->uris = v[K_REQUEST_URI];
	} else if (v[K_REQUEST_URIS]) {
		if ((err = want_list(c, v[K_REQUEST_URIS], "request_uris",
				     SUITE_MAX_CASES, false, want_uri)))
			return err;
		e->uris = v[K_REQUEST_URIS];
	} else {
		return ERR_N(c, map, "missing 'request_uri' in test '%s'",
			     e->id);
	}

	/* method / methods */
	if ((err = exclusive(c, keys, K_METHOD, K_METHODS)))
		return err;
	if (v[K_METHOD]) {
		if ((err = want_method(c, v[K_METHOD], "method", &s)))
			return err;
		e->methods = v[K_METHOD];
	} else if (v[K_METHODS]) {
		if ((err = want_list(c, v[K_METHODS], "methods",
				     SUITE_MAX_LIST, false, want_method)))
			return err;
		e->methods = v[K_METHODS];
	}

	/* expect */
	if (!v[K_EXPECT])
		return ERR_N(c, map, "missing 'expect' in test '%s' (301, 405 "
			     "or 501)", e->id);
	if (v[K_EXPECT]->kind != Y_SCALAR)
		return ERR_N(c, v[K_EXPECT], "'expect' must be 301, 405 or 501, "
			     "not %s", kind_name(v[K_EXPECT]));
	s = v[K_EXPECT]->s;   /* may hold a NUL: compare the length too */
	if (v[K_EXPECT]->len == 3 && strcmp(s, "301") == 0)
		e->expect = 301;
	else if (v[K_EXPECT]->len == 3 && strcmp(s, "405") == 0)
		e->expect = 405;
	else if (v[K_EXPECT]->len == 3 && strcmp(s, "501") == 0)
		e->expect = 501;
	else
		return ERR_N(c, v[K_EXPECT], "'expect' must be 301, 405 or 501, "
			     "not %s", SHOW(b, v[K_EXPECT]));

	/* contact (301) */
	if ((err = only_with(c, keys[K_CONTACT], "contact", e->expect, 301, 0)))
		return err;
	if (v[K_CONTACT]) {
		if (v[K_CONTACT]->kind == Y_SEQ)
			err = want_list(c, v[K_CONTACT], "contact",
					SUITE_MAX_LIST, false, want_uri);
		else
			err = want_uri(c, v[K_CONTACT], "contact", &s);
		if (err)
			return err;
		e->contacts = v[K_CONTACT];
	}

	/* allow (405, 501) */
	if ((err = only_with(c, keys[K_ALLOW], "allow", e->expect, 405, 501)))
		return err;
	if (v[K_ALLOW]) {
		if ((err = want_list(c, v[K_ALLOW], "allow", SUITE_MAX_LIST,
				     true, want_token)))
			return err;
		e->allow = v[K_ALLOW];
	}

	/* repeat */
	e->repeat = 1;
	if (v[K_REPEAT] &&
	    (err = want_uint(c, v[K_REPEAT], "repeat", 1, 100, &e->repeat)))
		return err;

	/* transport / transports */
	if ((err = exclusive(c, keys, K_TRANSPORT, K_TRANSPORTS)))
		return err;
	e->tr[0] = TRANSPORT_DEFAULT;
	e->ntr = 1;
	if (v[K_TRANSPORT]) {
		if ((err = want_transport(c, v[K_TRANSPORT], "transport",
					  &e->tr[0])))
			return err;
	} else if (v[K_TRANSPORTS]) {
		const struct ynode *l = v[K_TRANSPORTS];

		if (l->kind != Y_SEQ)
			return ERR_N(c, l, "'transports' must be a list, not %s",
				     kind_name(l));
		if (l->n == 0)
			return ERR_N(c, l, "'transports' must not be an empty "
				     "list");
		if (l->n > 2)
			return ERR_N(c, l->kids[2], "'transports' lists a "
				     "transport twice (udp and tcp exist)");
		for (i = 0; i < l->n; i++)
			if ((err = want_transport(c, l->kids[i], "transports",
						  &e->tr[i])))
				return err;
		if (l->n == 2 && e->tr[0] == e->tr[1])
			return ERR_N(c, l->kids[1], "'transports' lists '%s' "
				     "twice", transport_name(e->tr[1]));
		e->ntr = l->n;
		e->tr_list = true;
	}

	/* follow (301) */
	if ((err = only_with(c, keys[K_FOLLOW], "follow", e->expect, 301, 0)))
		return err;
	if (v[K_FOLLOW] &&
	    (err = want_uint(c, v[K_FOLLOW], "follow", 0, 10, &e->follow)))
		return err;

	/* probes (405) */
	if ((err = only_with(c, keys[K_PROBE_OPTIONS], "probe_options",
			     e->expect, 405, 0)))
		return err;
	if (v[K_PROBE_OPTIONS] &&
	    (err = want_bool(c, v[K_PROBE_OPTIONS], "probe_options",
			     &e->probe_options)))
		return err;
	if ((err = only_with(c, keys[K_PROBE_ALLOWED], "probe_allowed",
			     e->expect, 405, 0)))
		return err;
	if (v[K_PROBE_ALLOWED] &&
	    (err = want_bool(c, v[K_PROBE_ALLOWED], "probe_allowed",
			     &e->probe_allowed)))
		return err;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Plan building                                                       */

/* strdup charged against the plan's byte budget. */
static char *bdup(struct ctx *c, const char *s, int *err)
{
	size_t n = strlen(s) + 1;
	char *d;

	if (n > c->budget) {
		*err = E2BIG;
		return NULL;
	}
	d = malloc(n);
	if (!d) {
		*err = ENOMEM;
		return NULL;
	}
	memcpy(d, s, n);
	c->budget -= n;
	return d;
}

static int strv_dup(struct ctx *c, const struct ynode *y, char ***vp,
		    size_t *np)
{
	size_t i, n = nitems(y);
	char **v;
	int err = 0;

	*vp = NULL;
	*np = 0;
	if (!y)
		return 0;
	if (n * sizeof(char *) + 1 > c->budget)
		return E2BIG;
	v = calloc(n ? n : 1, sizeof(*v));
	if (!v)
		return ENOMEM;
	c->budget -= n * sizeof(char *);
	for (i = 0; i < n; i++) {
		v[i] = bdup(c, item(y, i), &err);
		if (!v[i]) {
			strv_free(v, i);
			return err;
		}
	}
	*vp = v;
	*np = n;
	return 0;
}

static int case_fill(struct ctx *c, struct tcase *tc, const struct entry *e,
		     const char *id, const char *uri, const char *method,
		     enum transport tr)
{
	int err = 0;

	tc->line = e->map->line;
	tc->col = e->map->col;
	tc->expect = e->expect;
	tc->repeat = e->repeat;
	tc->transport = tr;
	tc->follow = e->follow;
	tc->probe_options = e->probe_options;
	tc->probe_allowed = e->probe_allowed;
	tc->has_allow = e->allow != NULL;
	if (!(tc->id = bdup(c, id, &err)) ||
	    !(tc->group = bdup(c, e->id, &err)) ||
	    !(tc->request_uri = bdup(c, uri, &err)) ||
	    !(tc->method = bdup(c, method, &err)))
		return err;
	if ((err = strv_dup(c, e->contacts, &tc->contacts, &tc->ncontacts)))
		return err;
	return strv_dup(c, e->allow, &tc->allow, &tc->nallow);
}

/* Append the cases of e to plan (room for them is already there). */
static int entry_expand(struct ctx *c, struct plan *plan,
			const struct entry *e)
{
	size_t nu = nitems(e->uris), nm = e->methods ? nitems(e->methods) : 1;
	size_t u, m, t;
	char id[SUITE_MAX_VALUE * 2 + 64];
	int err;

	for (u = 0; u < nu; u++) {
		for (m = 0; m < nm; m++) {
			const char *meth = e->methods ? item(e->methods, m)
						      : "OPTIONS";
			for (t = 0; t < e->ntr; t++) {
				size_t o = (size_t)snprintf(id, sizeof(id),
							    "%s", e->id);
				if (e->uris->kind == Y_SEQ)
					o += (size_t)snprintf(id + o,
						sizeof(id) - o, "/%zu", u + 1);
				if (e->methods && e->methods->kind == Y_SEQ)
					o += (size_t)snprintf(id + o,
						sizeof(id) - o, "/%s", meth);
				if (e->tr_list)
					snprintf(id + o, sizeof(id) - o, "/%s",
						 transport_name(e->tr[t]));
				/* Counted before it is filled: on failure
				 * plan_free() clears the partial case. */
				err = case_fill(c, &plan->cases[plan->ncases++],
						e, id, item(e->uris, u), meth,
						e->tr[t]);
				if (err)
					return err;
			}
		}
	}
	return 0;
}

static int target_parse(struct ctx *c, const struct ynode *map,
			struct target *tg)
{
	static const char *const names[] = { "host", "port", "transport" };
	const struct ynode *keys[3], *v[3];
	struct in6_addr a6;
	const char *h;
	char host[SUITE_MAX_VALUE + 1], b[64];
	size_t n;
	unsigned port = 0;
	int err = 0;

	if (map->kind != Y_MAP)
		return ERR_N(c, map, "'target' must be a mapping (host: ..., "
			     "port: ..., transport: ...), not %s",
			     kind_name(map));
	if ((err = map_keys(c, map, names, 3, keys, v)))
		return err;
	if (!v[0])
		return ERR_N(c, map, "missing 'host' in 'target'");
	if ((err = want_str(c, v[0], "host", &h)))
		return err;
	n = strlen(h);
	if (h[0] == '[') {
		if (n < 3 || h[n - 1] != ']')
			return ERR_N(c, v[0], "'host' must be an IPv6 address "
				     "in brackets, without a port: '%s'",
				     SHOW(b, v[0]));
		memcpy(host, h + 1, n - 2);
		host[n - 2] = '\0';
		if (inet_pton(AF_INET6, host, &a6) != 1)
			return ERR_N(c, v[0], "'host' in brackets must be an "
				     "IPv6 address: '%s'", SHOW(b, v[0]));
	} else {
		memcpy(host, h, n + 1);
		if (strchr(host, ':') ? inet_pton(AF_INET6, host, &a6) != 1
				      : !is_hostname(host, n))
			return ERR_N(c, v[0], "'host' must be a DNS name, an "
				     "IPv4 or an IPv6 address: '%s'",
				     SHOW(b, v[0]));
	}
	if (v[1] && (err = want_uint(c, v[1], "port", 1, 65535, &port)))
		return err;
	tg->port = (uint16_t)port;
	if (v[2] && (err = want_transport(c, v[2], "transport",
					  &tg->transport)))
		return err;
	if (!(tg->host = bdup(c, host, &err)))
		return err;
	return 0;
}

/* "dir/name.yaml" -> "name"; "suite" if nothing is left. */
static int default_name(struct ctx *c, char **namep)
{
	const char *base = strrchr(c->file, '/'), *dot;
	char buf[SUITE_MAX_VALUE + 1];
	size_t n;
	const char *why;
	size_t at;
	int err = 0;

	base = base ? base + 1 : c->file;
	n = strlen(base);
	dot = strrchr(base, '.');
	if (dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0))
		n = (size_t)(dot - base);
	if (n == 0 || n > SUITE_MAX_VALUE)
		base = "suite", n = 5;
	memcpy(buf, base, n);
	buf[n] = '\0';
	if (!sipp_value_safe(buf, &why, &at))
		snprintf(buf, sizeof(buf), "suite");
	*namep = bdup(c, buf, &err);
	return err;
}

static int plan_build(struct ctx *c, const struct ynode *root,
		      struct plan *plan)
{
	static const char *const names[] = { "suite", "target", "tests" };
	const struct ynode *keys[3], *v[3], *tests;
	struct entry *ents = NULL;
	struct idtab ids = { NULL, 0 };
	const char *s;
	size_t i, total = 0, first;
	int err = 0;

	if (root->kind != Y_MAP) {
		err = ERR_N(c, root, "a suite file must be a mapping with keys "
			    "suite, target and tests, not %s", kind_name(root));
		goto out;
	}
	if ((err = map_keys(c, root, names, 3, keys, v)))
		goto out;

	if (v[0]) {
		if ((err = want_str(c, v[0], "suite", &s)))
			goto out;
		if (!(plan->name = bdup(c, s, &err)))
			goto out;
	} else if ((err = default_name(c, &plan->name))) {
		goto out;
	}
	if (v[1] && (err = target_parse(c, v[1], &plan->target)))
		goto out;

	tests = v[2];
	if (!tests) {
		err = ERR_N(c, root, "missing 'tests' (a list of tests)");
		goto out;
	}
	if (tests->kind != Y_SEQ) {
		err = ERR_N(c, tests, "'tests' must be a list, not %s",
			    kind_name(tests));
		goto out;
	}
	if (tests->n == 0) {
		err = ERR_N(c, tests, "'tests' is empty: a suite needs at least "
			    "one test");
		goto out;
	}
	if (tests->n > SUITE_MAX_CASES) {
		err = ERR_N(c, tests->kids[SUITE_MAX_CASES], "too many tests "
			    "(more than %d)", SUITE_MAX_CASES);
		goto out;
	}
	ents = calloc(tests->n, sizeof(*ents));
	if (!ents || (err = idtab_init(&ids, tests->n))) {
		err = ENOMEM;
		goto out;
	}
	for (i = 0; i < tests->n; i++) {
		size_t n;

		if ((err = entry_parse(c, tests->kids[i], &ents[i], &ids)))
			goto out;
		/* Each factor is <= SUITE_MAX_CASES: no overflow */
		n = nitems(ents[i].uris) *
		    (ents[i].methods ? nitems(ents[i].methods) : 1);
		if (n > SUITE_MAX_CASES || n * ents[i].ntr > SUITE_MAX_CASES ||
		    (total += n * ents[i].ntr) > SUITE_MAX_CASES) {
			err = ERR_N(c, tests->kids[i], "the suite expands to "
				    "more than %d tests (at test '%s')",
				    SUITE_MAX_CASES, ents[i].id);
			goto out;
		}
	}

	plan->cases = calloc(total, sizeof(*plan->cases));
	if (!plan->cases) {
		err = ENOMEM;
		goto out;
	}
	for (i = 0; i < tests->n; i++)
		if ((err = entry_expand(c, plan, &ents[i])))
			goto out;

	/* Expanded ids: unique by construction; checked anyway. */
	free(ids.slot);
	if ((err = idtab_init(&ids, plan->ncases)))
		goto out;
	for (i = 0; i < plan->ncases; i++) {
		if (!idtab_add(&ids, plan->cases[i].id, plan->cases[i].line,
			       &first)) {
			err = err_at(c, plan->cases[i].line, plan->cases[i].col,
				     "duplicate test id '%s' after expansion "
				     "(first at line %zu)", plan->cases[i].id,
				     first);
			goto out;
		}
	}
out:
	if (err == E2BIG)
		err = err_at(c, 0, 0, "the expanded plan is too large (more "
			     "than %u MiB of strings)", SUITE_MAX_PLAN >> 20);
	else if (err == ENOMEM)
		err_at(c, 0, 0, "out of memory");
	free(ids.slot);
	free(ents);
	return err;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */

int suite_load_buf(struct plan **planp, const char *name, const char *buf,
		   size_t len, struct diag *dg)
{
	struct ctx c = { .file = name ? name : "<buffer>", .dg = dg,
			 .budget = SUITE_MAX_PLAN, .skipped = 0 };
	struct ynode *root = NULL;
	struct plan *plan = NULL;
	int err = 0;

	if (!planp || (!buf && len)) {
		err = EINVAL;
		err_at(&c, 0, 0, "invalid argument");
		goto out;
	}
	if (len > SUITE_MAX_FILE) {
		err = err_at(&c, 0, 0, "the suite file is larger than 4 MiB "
			     "(%zu bytes)", len);
		goto out;
	}
	if ((err = tree_load(&root, &c, buf ? buf : "", len)))
		goto out;
	plan = calloc(1, sizeof(*plan));
	if (!plan || !(plan->file = strdup(c.file))) {
		err = ENOMEM;
		err_at(&c, 0, 0, "out of memory");
		goto out;
	}
	err = plan_build(&c, root, plan);
out:
	ynode_free(root);
	if (err)
		plan_free(plan);
	else
		*planp = plan;
	return err;
}

int suite_load(struct plan **planp, const char *path, struct diag *dg)
{
	char *buf = NULL;
	size_t len = 0;
	int fd = -1, err = 0;

	if (!planp || !path) {
		err = EINVAL;
		diag_set(dg, path, 0, 0, "invalid argument");
		goto out;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		diag_set(dg, path, 0, 0, "cannot open the suite file: %s",
			 strerror(err));
		goto out;
	}
	/* Read at most 4 MiB + 1 whatever fstat says (pipes, /proc). */
	buf = malloc(SUITE_MAX_FILE + 1);
	if (!buf) {
		err = ENOMEM;
		diag_set(dg, path, 0, 0, "out of memory");
		goto out;
	}
	while (len < SUITE_MAX_FILE + 1) {
		ssize_t r = read(fd, buf + len, SUITE_MAX_FILE + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			diag_set(dg, path, 0, 0, "cannot read the suite file: "
				 "%s", strerror(err));
			goto out;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	err = suite_load_buf(planp, path, buf, len, dg);
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	return err;
}
