/*
 * suite.c - the suite schema: a YAML tree (yaml.h) -> a struct plan.
 *
 * The file is read by ytree_load()/ytree_parse() (yaml.c: syntax, UTF-8,
 * anchors, tags, size and depth limits); this file walks the tree, checks
 * it against the schema below and hands the entries to plan_expand()
 * (plan.c), which copies every string into the plan.  The value checks
 * are in sval.c; auth, headers, body, content_type and setup in sreq.c;
 * ${target} in tvar.c.
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
 *     transport: udp|tcp|tls    default TRANSPORT_DEFAULT
 *   probe: BOOL                 the capability probe, default true
 *   auth: AUTH                  credentials of every test and setup step
 *                               that gives none
 *   tags: [TAG...]              every test carries them (selection: --tag);
 *                               TAG = 1*(ALPHA / DIGIT / "." / "_" / "-"),
 *                               no repeats, [] allowed
 *   setup:                      a non-empty list of steps, run in order
 *     - register:               the one kind of step so far
 *         uri: URI              REQUIRED, sip: or sips: (the address-of-record)
 *         contact: URI          default: none given
 *         allow: [TOKEN...]     non-empty; default: none given
 *         expires: 0..2147483647  default 3600
 *         auth: AUTH            default: the suite's
 *   tests:                      REQUIRED, a non-empty list of mappings:
 *     - id: ID                  REQUIRED, [A-Za-z0-9._-]+, unique in the suite
 *       request_uri: URI        exactly one of request_uri / request_uris
 *       request_uris: [URI...]
 *       method: TOKEN           at most one of method / methods;
 *       methods: [TOKEN...]     default OPTIONS (RFC 3261 §25 token)
 *       expect: 200|301|302|405|501 REQUIRED; an integer or the string "301"
 *                               (200: the method must be OPTIONS)
 *       contact: URI | [URI...] expect 301 or 302 only: URIs the Contact must hold
 *       allow: [TOKEN...]       expect 405/501 only: the exact Allow set;
 *                               [] is allowed (an empty Allow is required)
 *       repeat: 1..100          default 1
 *       transport: udp|tcp|tls  at most one of transport / transports
 *       transports: [udp|tcp|tls...]
 *       follow: 0..10           expect 301 or 302 only, default 0
 *       probe_options: BOOL     expect 405 only (true|false), default false
 *       probe_allowed: BOOL     expect 405 only (true|false), default false
 *       auth: AUTH              default: the suite's
 *       headers: {NAME: VALUE}  extra request headers, 1..64, in order
 *       body: TEXT              with content_type (both or neither)
 *       content_type: TYPE      type/subtype[;name=value...]
 *       from: URI               the From URI; default: the harness's own
 *       to: URI                 the To URI; default: the request_uri
 *       tags: [TAG...]          this test's tags, added to the suite's
 *       load: LOAD              conformance under load (run/load.h)
 *
 *   AUTH = {user: USER, password: PASSWORD} | {user: USER, password_env: VAR}
 *   LOAD = {rate: 1..10000, duration: 1..600} | {rate: 1..10000, count: 1..1000000}
 *          rate requests/s for duration s (rate x duration <= 1000000
 *          requests) or count requests; not with repeat, follow,
 *          probe_options or probe_allowed (a load test sends one request
 *          shape only; its own stability check replaces repeat)
 *
 * Request parts (grammar in sreq.c).  USER and PASSWORD pass
 * sipp_value_safe() and hold no '"' or '\' (they go into quoted Digest
 * parameters); no message ever shows a password.  VAR is an environment
 * variable name, [A-Za-z_][A-Za-z0-9_]*, read when the test runs
 * (plan_auth_password()), not here.  Header NAMEs are tokens; Via,
 * Call-ID, CSeq, Max-Forwards, Content-Length (the harness writes them),
 * From, To and Content-Type (use from, to, content_type) and their
 * compact forms are refused, and a header may be given once
 * (case-insensitive, compact forms resolved).  VALUEs pass
 * sipp_value_safe().  The body is text whose lines end in LF (the runner
 * sends CRLF): no CR, no NUL, no control byte but TAB and LF, each line
 * otherwise a SIPp-safe value (no '[keyword]'), at most 1024 bytes.
 *
 * ${target} (tvar.h) stands for the effective target's host:port in
 * request_uri(s), contact, from, to, header values and the setup steps'
 * uri and contact: once per URI, as the whole host:port of a sip:/sips:
 * URI ("sip:alice@${target}"), anywhere in a header value.  Every other
 * "${" is refused, in the body too.  URIs are checked with
 * TVAR_PLACEHOLDER in its place and kept as written; plan_expand_target()
 * replaces it at run time.
 *
 * Expansion.  An entry with request_uris, methods or transports written
 * as a list (even a list of one) becomes one struct tcase per
 * combination, with ids like "reg/2/INVITE/tcp" (the scheme is in
 * plan.h).  Entry ids cannot hold '/', so an expanded id never equals an
 * entry id.  Lists may not repeat an item, so expanded ids are unique when
 * entry ids are.
 *
 * Scalars: integers are decimal digits only (quoted or not); booleans are
 * plain true/false (also True/TRUE/False/FALSE); transports are matched
 * case-insensitively; method and allow tokens are kept as written (SIP
 * methods are case-sensitive, RFC 3261 §7.1).  URIs (request_uri,
 * contact, from, to, uri) are "scheme:something" parsed by
 * sipuri_parse(): sip: and sips: against the RFC 3261 §25 grammar (host:
 * DNS name, IPv4 or [IPv6]), with a port of 1..65535 if any; other
 * schemes as an absoluteURI.  Hosts are checked by siphost_valid(), tokens
 * by sip_is_token().  Lists hold at most SUITE_MAX_LIST items
 * (request_uris: SUITE_MAX_CASES) and never repeat one.  tcase.line/col is
 * the entry's first key (its mapping's mark); a setup step's is its
 * mapping's.
 *
 * Limits: 4 MiB of file, and those of yaml.h (1024 bytes per scalar,
 * depth 8, 500000 nodes); 10000 tests after expansion, 64 MiB of strings
 * in the expanded plan (contact/allow lists, headers, body and
 * credentials are copied into every expanded case); 64 setup steps.
 *
 * Refused, as EBADMSG with dg = "FILE:LINE:COL: message" (1-based; the
 * position is that of the offending node, or the entry for a missing
 * key): whatever yaml.h refuses, an empty file, unknown and duplicate keys
 * at every level, non-scalars where a scalar is expected, any value with a
 * NUL or control byte (C0, DEL, C1) or with SIPp '[keyword]' syntax (see
 * sipp_value_safe()), URIs that do not parse, tokens that are not RFC 3261
 * §25 tokens, an empty tests list, more than SUITE_MAX_CASES tests after
 * expansion, and every rule above.  A URI error reads "'request_uri'
 * <what is wrong>: '<value>'".  An unreadable file returns its errno
 * (ENOENT, EACCES, EISDIR, ...) with dg filled.
 */
#include "suite/suite.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/chars.h"
#include "judge/expect.h"
#include "sip/msg.h"
#include "sipp/value.h"
#include "suite/sreq.h"
#include "suite/sval.h"
#include "suite/yaml.h"

#define SUITE_MAX_FILE   (4u * 1024 * 1024)  /* bytes in a suite file */
#define SUITE_MAX_CASES  10000               /* tests after expansion */
#define SUITE_MAX_PLAN   (64u * 1024 * 1024) /* bytes held by the plan */

static const struct ytree_opts suite_yaml = { "suite file", SUITE_MAX_FILE };

#define ERR_N SVAL_ERR
#define SHOW SVAL_SHOW
#define KIND SVAL_KIND

/* ------------------------------------------------------------------ */
/* Scalars (the others are in sval.c)                                  */

static int want_transport(struct sval_ctx *c, const struct ynode *y,
			  const char *key, enum transport *out)
{
	char b[64];

	if (y->kind == YNODE_SCALAR && strcasecmp(y->s, "udp") == 0 &&
	    y->len == 3) {
		*out = TRANSPORT_UDP;
		return 0;
	}
	if (y->kind == YNODE_SCALAR && strcasecmp(y->s, "tcp") == 0 &&
	    y->len == 3) {
		*out = TRANSPORT_TCP;
		return 0;
	}
	if (y->kind == YNODE_SCALAR && strcasecmp(y->s, "tls") == 0 &&
	    y->len == 3) {
		*out = TRANSPORT_TLS;
		return 0;
	}
	if (y->kind != YNODE_SCALAR)
		return ERR_N(c, y, "'%s' must be udp, tcp or tls, not %s", key,
			     KIND(y));
	return ERR_N(c, y, "'%s' must be udp, tcp or tls, not '%s'", key,
		     SHOW(b, y));
}

/*
 * A method the harness can send as a test: a token, but not ACK (it gets
 * no response at all, RFC 3261 §17) nor CANCEL (it answers a pending
 * request, §9: 200 or 481, never a 3xx/405/501 to judge).
 */
static int want_method(struct sval_ctx *c, const struct ynode *y, const char *key,
		       const char **out)
{
	int err = sval_token(c, y, key, out);

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

/* id = 1*( ALPHA / DIGIT / "." / "_" / "-" ): no '/', which expanded
 * ids use as separator. */
static bool is_id(const char *s)
{
	for (; *s; s++)
		if (!chars_is_alnum((unsigned char)*s) && !chars_in((unsigned char)*s, "._-"))
			return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Entries                                                             */

enum ekey {
	K_ID, K_REQUEST_URI, K_REQUEST_URIS, K_METHOD, K_METHODS, K_EXPECT,
	K_CONTACT, K_REPEAT, K_ALLOW, K_TRANSPORT, K_TRANSPORTS, K_FOLLOW,
	K_PROBE_OPTIONS, K_PROBE_ALLOWED, K_AUTH, K_HEADERS, K_BODY,
	K_CONTENT_TYPE, K_FROM, K_TO, K_TAGS, K_LOAD, K__N
};

static const char *const entry_keys[K__N] = {
	"id", "request_uri", "request_uris", "method", "methods", "expect",
	"contact", "repeat", "allow", "transport", "transports", "follow",
	"probe_options", "probe_allowed", "auth", "headers", "body",
	"content_type", "from", "to", "tags", "load",
};

/* The item arrays behind an entry's plan_lists and headers, and its own
 * auth (the strings themselves stay in the tree). */
struct entry_mem {
	const char **uris, **methods, **contacts, **allow, **tags;
	struct plan_header *headers;
	struct plan_auth auth;
};

static void entry_mem_free(struct entry_mem *m)
{
	free(m->uris);
	free(m->methods);
	free(m->contacts);
	free(m->allow);
	free(m->tags);
	free(m->headers);
}

/* The strings of y (a scalar or a list, checked) as a plan_list; y NULL
 * gives the empty list. */
static int list_of(const struct ynode *y, const char ***mem,
		   struct plan_list *l)
{
	size_t i, n = !y ? 0 : y->kind == YNODE_SEQ ? y->n : 1;

	*mem = NULL;
	l->v = NULL;
	l->n = 0;
	l->is_list = y && y->kind == YNODE_SEQ;
	if (!y)
		return 0;
	*mem = calloc(n ? n : 1, sizeof(**mem));
	if (!*mem)
		return ENOMEM;
	for (i = 0; i < n; i++)
		(*mem)[i] = y->kind == YNODE_SEQ ? y->kids[i]->s : y->s;
	l->v = *mem;
	l->n = n;
	return 0;
}

static int exclusive(struct sval_ctx *c, const struct ynode **keys, enum ekey a,
		     enum ekey b)
{
	return sval_exclusive(c, keys[a], entry_keys[a], keys[b], entry_keys[b]);
}

/*
 * 'expect' of the entry at map, and every expect-specific key of the
 * entry checked against it.  keys/v: the entry's key and value nodes.
 * Which codes exist and which keys go with which code is the judge's
 * expectation table (judge/expect.h): a new code needs no change here.
 */
static int expect_parse(struct sval_ctx *c, const struct ynode *map, const char *id,
			const struct ynode **keys, const struct ynode **v,
			unsigned *expect)
{
	const struct ynode *y = v[K_EXPECT];
	const struct expect_row *row = NULL;
	char b[64], codes[64], num[16];
	size_t i, k;

	expect_list_codes(codes, sizeof(codes), NULL);
	if (!y)
		return ERR_N(c, map, "missing 'expect' in test '%s' (%s)", id, codes);
	if (y->kind != YNODE_SCALAR)
		return ERR_N(c, y, "'expect' must be %s, not %s", codes, KIND(y));
	for (i = 0; i < expect_count; i++) {
		snprintf(num, sizeof(num), "%u", expect_table[i].code);
		/* y->s may hold a NUL: compare the length too */
		if (y->len == strlen(num) && memcmp(y->s, num, y->len) == 0)
			row = &expect_table[i];
	}
	if (!row)
		return ERR_N(c, y, "'expect' must be %s, not %s", codes, SHOW(b, y));
	*expect = row->code;
	for (k = 0; k < K__N; k++) {
		if (keys[k] && expect_key_known(entry_keys[k]) &&
		    !expect_key_allowed(row, entry_keys[k])) {
			expect_list_codes(codes, sizeof(codes), entry_keys[k]);
			return ERR_N(c, keys[k], "'%s' applies only to expect %s "
				     "(this test expects %u)", entry_keys[k], codes, *expect);
		}
	}
	return 0;
}

/* transport / transports into e->tr, e->ntr, e->tr_list. */
static int entry_transports(struct sval_ctx *c, const struct ynode **v,
			    struct plan_entry *e)
{
	const struct ynode *l = v[K_TRANSPORTS];
	size_t i, j;
	int err;

	e->tr[0] = TRANSPORT_DEFAULT;
	e->ntr = 1;
	if (v[K_TRANSPORT])
		return want_transport(c, v[K_TRANSPORT], "transport", &e->tr[0]);
	if (!l)
		return 0;
	if (l->kind != YNODE_SEQ)
		return ERR_N(c, l, "'transports' must be a list, not %s",
			     KIND(l));
	if (l->n == 0)
		return ERR_N(c, l, "'transports' must not be an empty list");
	if (l->n > 3)
		return ERR_N(c, l->kids[3], "'transports' lists a transport "
			     "twice (udp, tcp and tls exist)");
	for (i = 0; i < l->n; i++) {
		if ((err = want_transport(c, l->kids[i], "transports",
					  &e->tr[i])))
			return err;
		for (j = 0; j < i; j++)
			if (e->tr[j] == e->tr[i])
				return ERR_N(c, l->kids[i], "'transports' lists '%s' twice",
					     transport_name(e->tr[i]));
	}
	e->ntr = l->n;
	e->tr_list = true;
	return 0;
}

/*
 * What an entry adds to its request: auth (else the suite's, dflt),
 * headers, body with content_type, from, to.
 */
static int entry_request(struct sval_ctx *c, const struct ynode *map,
			 const struct ynode **v, const struct plan_auth *dflt,
			 struct plan_entry *e, struct entry_mem *mem)
{
	int err;

	if (v[K_AUTH]) {
		if ((err = sreq_auth(c, v[K_AUTH], &mem->auth)))
			return err;
		e->auth = &mem->auth;
	} else if (dflt && dflt->user) {
		e->auth = dflt;
	}
	if (v[K_HEADERS] &&
	    (err = sreq_headers(c, v[K_HEADERS], &mem->headers, &e->nheaders)))
		return err;
	e->headers = mem->headers;
	if (v[K_BODY] && (err = sreq_body(c, v[K_BODY], &e->body)))
		return err;
	if (v[K_CONTENT_TYPE] &&
	    (err = sreq_content_type(c, v[K_CONTENT_TYPE], &e->content_type)))
		return err;
	if (e->body && !e->content_type)
		return ERR_N(c, map, "missing 'content_type' in test '%s' "
			     "(required with 'body')", e->id);
	if (e->content_type && !e->body)
		return ERR_N(c, v[K_CONTENT_TYPE], "'content_type' needs a "
			     "'body'");
	if (v[K_FROM] && (err = sval_uri(c, v[K_FROM], "from", &e->from)))
		return err;
	if (v[K_TO] && (err = sval_uri(c, v[K_TO], "to", &e->to)))
		return err;
	return 0;
}

/*
 * 'load' (grammar LOAD at the top) into e->load.  repeat, follow and the
 * probes are refused with it: a load test's count replaces repeat, and
 * an extra request per response (follow, probes) is no load of the one
 * request under test.
 */
static int entry_load(struct sval_ctx *c, const struct ynode **keys,
		      const struct ynode **v, struct plan_entry *e)
{
	static const char *const names[] = { "rate", "duration", "count" };
	static const enum ekey no[] = { K_REPEAT, K_FOLLOW, K_PROBE_OPTIONS, K_PROBE_ALLOWED };
	const struct ynode *lk[3], *lv[3], *y = v[K_LOAD];
	size_t i;
	int err;

	if (y->kind != YNODE_MAP)
		return ERR_N(c, y, "'load' must be a mapping (rate: ..., duration: ... "
			     "or count: ...), not %s", KIND(y));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (keys[no[i]])
			return ERR_N(c, keys[no[i]], "'%s' cannot be given with 'load' "
				     "(a load test sends its one request 'count' times)",
				     entry_keys[no[i]]);
	if ((err = ytree_map(y, names, 3, lk, lv, c->file, c->dg)))
		return err;
	if (!lv[0])
		return ERR_N(c, y, "missing 'rate' in 'load' (requests per second)");
	if ((err = sval_exclusive(c, lk[1], "duration", lk[2], "count")))
		return err;
	if (!lv[1] && !lv[2])
		return ERR_N(c, y, "'load' needs 'duration' (seconds) or 'count' (requests)");
	if ((err = sval_uint(c, lv[0], "rate", 1, 10000, &e->load.rate)))
		return err;
	if (lv[2])
		return sval_uint(c, lv[2], "count", 1, 1000000, &e->load.count);
	if ((err = sval_uint(c, lv[1], "duration", 1, 600, &e->load.duration)))
		return err;
	if ((unsigned long long)e->load.rate * e->load.duration > 1000000)
		return ERR_N(c, lv[1], "'load' of %u requests/s for %u s is over "
			     "1000000 requests", e->load.rate, e->load.duration);
	e->load.count = e->load.rate * e->load.duration;
	return 0;
}

/* Tags */

/* TAG = 1*( ALPHA / DIGIT / "." / "_" / "-" ), the characters of an id. */
static int want_tag(struct sval_ctx *c, const struct ynode *y, const char *key,
		    const char **out)
{
	char b[64];
	int err = sval_str(c, y, key, out);

	if (!err && !is_id(*out))
		return ERR_N(c, y, "'%s' may hold only letters, digits, '.', '_' "
			     "and '-': '%s'", key, SHOW(b, y));
	return err;
}

/* 'tags' (suite or test level): a list of tags, [] allowed, no repeats. */
static int tags_check(struct sval_ctx *c, const struct ynode *y)
{
	return sval_list(c, y, "tags", SUITE_MAX_LIST, true, want_tag);
}

/*
 * The tags of an entry: the suite's, then the entry's own (e->tags as
 * entry_parse left it) that the suite does not have.  The array replaces
 * mem->tags; the strings stay the plan's and the tree's.
 */
static int tags_merge(const struct plan *plan, struct plan_entry *e,
		      struct entry_mem *mem)
{
	const char **v;
	size_t i, n = 0;

	if (!plan->ntags)
		return 0;
	v = calloc(plan->ntags + e->tags.n, sizeof(*v));
	if (!v)
		return ENOMEM;
	for (i = 0; i < plan->ntags; i++)
		v[n++] = plan->tags[i];
	for (i = 0; i < e->tags.n; i++) {
		size_t k;

		for (k = 0; k < plan->ntags && strcmp(plan->tags[k], e->tags.v[i]); k++)
			;
		if (k == plan->ntags)
			v[n++] = e->tags.v[i];
	}
	free(mem->tags);
	mem->tags = v;
	e->tags = (struct plan_list){ v, n, true };
	return 0;
}

/* The suite's 'tags' y into plan->tags (copied). */
static int tags_suite(struct sval_ctx *c, const struct ynode *y, struct plan *plan)
{
	size_t i;
	int err;

	if ((err = tags_check(c, y)))
		return err;
	if (!y->n)
		return 0;
	if (!(plan->tags = calloc(y->n, sizeof(*plan->tags))))
		return ENOMEM;
	for (i = 0; i < y->n; i++, plan->ntags++)
		if (!(plan->tags[i] = strdup(y->kids[i]->s)))
			return ENOMEM;
	return 0;
}

/* A code whose row names the one method it answers (200: OPTIONS) takes no other. */
static int expect_method(struct sval_ctx *c, const struct ynode *methods, unsigned code)
{
	const struct expect_row *row = expect_find(code);
	size_t i, n = methods ? (methods->kind == YNODE_SEQ ? methods->n : 1) : 0;

	for (i = 0; row && row->method && i < n; i++) {
		const struct ynode *y = methods->kind == YNODE_SEQ ? methods->kids[i] : methods;

		if (y->s && strcmp(y->s, row->method) != 0)
			return ERR_N(c, y, "expect %u applies only to method %s, not %s",
				     code, row->method, y->s);
	}
	return 0;
}

static int entry_parse(struct sval_ctx *c, const struct ynode *map,
		       const struct plan_auth *dflt, struct plan_entry *e,
		       struct entry_mem *mem, struct idtab *ids)
{
	const struct ynode *keys[K__N], *v[K__N], *uris, *methods = NULL;
	const char *s;
	char b[64];
	size_t first;
	int err;

	memset(e, 0, sizeof(*e));
	if (map->kind != YNODE_MAP)
		return ERR_N(c, map, "each test must be a mapping (id: ..., "
			     "request_uri: ..., expect: ...), not %s", KIND(map));
	if ((err = ytree_map(map, entry_keys, K__N, keys, v, c->file, c->dg)))
		return err;
	e->line = map->line;
	e->col = map->col;

	/* id */
	if (!v[K_ID])
		return ERR_N(c, map, "missing 'id'");
	if ((err = sval_str(c, v[K_ID], "id", &e->id)))
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
	if ((uris = v[K_REQUEST_URI]) != NULL)
		err = sval_uri(c, uris, "request_uri", &s);
	else if ((uris = v[K_REQUEST_URIS]) != NULL)
		err = sval_list(c, uris, "request_uris", SUITE_MAX_CASES, false,
				sval_uri);
	else
		return ERR_N(c, map, "missing 'request_uri' in test '%s'",
			     e->id);
	if (err)
		return err;

	/* method / methods */
	if ((err = exclusive(c, keys, K_METHOD, K_METHODS)))
		return err;
	if ((methods = v[K_METHOD]) != NULL)
		err = want_method(c, methods, "method", &s);
	else if ((methods = v[K_METHODS]) != NULL)
		err = sval_list(c, methods, "methods", SUITE_MAX_LIST, false,
				want_method);
	if (err)
		return err;

	/* expect, and the keys that go with it */
	if ((err = expect_parse(c, map, e->id, keys, v, &e->expect)))
		return err;
	if ((err = expect_method(c, methods, e->expect)))
		return err;

	/* contact (301, 302) */
	if (v[K_CONTACT]) {
		if (v[K_CONTACT]->kind == YNODE_SEQ)
			err = sval_list(c, v[K_CONTACT], "contact",
					SUITE_MAX_LIST, false, sval_uri);
		else
			err = sval_uri(c, v[K_CONTACT], "contact", &s);
		if (err)
			return err;
	}

	/* allow (405, 501) */
	if (v[K_ALLOW] &&
	    (err = sval_list(c, v[K_ALLOW], "allow", SUITE_MAX_LIST, true,
			     sval_token)))
		return err;
	e->has_allow = v[K_ALLOW] != NULL;

	/* repeat */
	e->repeat = 1;
	if (v[K_REPEAT] &&
	    (err = sval_uint(c, v[K_REPEAT], "repeat", 1, 100, &e->repeat)))
		return err;

	/* transport / transports */
	if ((err = exclusive(c, keys, K_TRANSPORT, K_TRANSPORTS)) ||
	    (err = entry_transports(c, v, e)))
		return err;

	/* follow (301, 302), probes (405) */
	if (v[K_FOLLOW] &&
	    (err = sval_uint(c, v[K_FOLLOW], "follow", 0, 10, &e->follow)))
		return err;
	if (v[K_PROBE_OPTIONS] &&
	    (err = sval_bool(c, v[K_PROBE_OPTIONS], "probe_options",
			     &e->probe_options)))
		return err;
	if (v[K_PROBE_ALLOWED] &&
	    (err = sval_bool(c, v[K_PROBE_ALLOWED], "probe_allowed",
			     &e->probe_allowed)))
		return err;
	if ((err = entry_request(c, map, v, dflt, e, mem)))
		return err;
	if (v[K_TAGS] && (err = tags_check(c, v[K_TAGS])))
		return err;
	if (v[K_LOAD] && (err = entry_load(c, keys, v, e)))
		return err;

	if ((err = list_of(uris, &mem->uris, &e->uris)) ||
	    (err = list_of(methods, &mem->methods, &e->methods)) ||
	    (err = list_of(v[K_CONTACT], &mem->contacts, &e->contacts)) ||
	    (err = list_of(v[K_ALLOW], &mem->allow, &e->allow)) ||
	    (err = list_of(v[K_TAGS], &mem->tags, &e->tags)))
		return err;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Target, name                                                        */

static int target_parse(struct sval_ctx *c, const struct ynode *map,
			struct target *tg)
{
	static const char *const names[] = { "host", "port", "transport" };
	const struct ynode *keys[3], *v[3];
	const char *h;
	char host[YTREE_MAX_VALUE + 3], b[64];
	size_t n;
	unsigned port = 0;
	int err = 0;

	if (map->kind != YNODE_MAP)
		return ERR_N(c, map, "'target' must be a mapping (host: ..., "
			     "port: ..., transport: ...), not %s", KIND(map));
	if ((err = ytree_map(map, names, 3, keys, v, c->file, c->dg)))
		return err;
	if (!v[0])
		return ERR_N(c, map, "missing 'host' in 'target'");
	if ((err = sval_str(c, v[0], "host", &h)))
		return err;
	n = strlen(h);
	/* siphost_valid() takes an IPv6 address as a [reference]; the
	 * plan holds it without brackets (SIPp's -key remote_host). */
	if (h[0] == '[') {
		if (n < 3 || h[n - 1] != ']')
			return ERR_N(c, v[0], "'host' must be an IPv6 address "
				     "in brackets, without a port: '%s'",
				     SHOW(b, v[0]));
		if (!siphost_valid((struct pl){ h, n }))
			return ERR_N(c, v[0], "'host' in brackets must be an "
				     "IPv6 address: '%s'", SHOW(b, v[0]));
		memcpy(host, h + 1, n - 2);
		host[n - 2] = '\0';
	} else {
		if (strchr(h, ':'))   /* an IPv6 address without brackets */
			snprintf(host, sizeof(host), "[%s]", h);
		else
			memcpy(host, h, n + 1);
		if (!siphost_valid(pl_from(host)))
			return ERR_N(c, v[0], "'host' must be a DNS name, an "
				     "IPv4 or an IPv6 address: '%s'",
				     SHOW(b, v[0]));
		memcpy(host, h, n + 1);
	}
	if (v[1] && (err = sval_uint(c, v[1], "port", 1, 65535, &port)))
		return err;
	tg->port = (uint16_t)port;
	if (v[2] && (err = want_transport(c, v[2], "transport",
					  &tg->transport)))
		return err;
	if (!(tg->host = strdup(host)))
		return ENOMEM;
	return 0;
}

/* "dir/name.yaml" -> "name"; "suite" if nothing is left. */
static int default_name(struct sval_ctx *c, char **namep)
{
	const char *base = strrchr(c->file, '/'), *dot;
	char buf[YTREE_MAX_VALUE + 1];
	size_t n;
	const char *why;
	size_t at;

	base = base ? base + 1 : c->file;
	n = strlen(base);
	dot = strrchr(base, '.');
	if (dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0))
		n = (size_t)(dot - base);
	if (n == 0 || n > YTREE_MAX_VALUE)
		base = "suite", n = 5;
	memcpy(buf, base, n);
	buf[n] = '\0';
	if (!sipp_value_safe(buf, &why, &at))
		snprintf(buf, sizeof(buf), "suite");
	*namep = strdup(buf);
	return *namep ? 0 : ENOMEM;
}

/* ------------------------------------------------------------------ */
/* Plan building                                                       */

/* Every entry of tests parsed into pe[], then expanded into the plan. */
static int tests_parse(struct sval_ctx *c, const struct ynode *tests,
		       struct plan *plan, struct plan_entry *pe,
		       struct entry_mem *mem)
{
	struct idtab ids = { NULL, 0 };
	size_t i, total = 0, first, budget;
	int err;

	if ((err = idtab_init(&ids, tests->n)))
		goto out;
	for (i = 0; i < tests->n; i++) {
		size_t n;

		if ((err = entry_parse(c, tests->kids[i], &plan->auth, &pe[i],
				       &mem[i], &ids)) ||
		    (err = tags_merge(plan, &pe[i], &mem[i])))
			goto out;
		n = plan_entry_ncases(&pe[i]);
		if (n > SUITE_MAX_CASES || (total += n) > SUITE_MAX_CASES) {
			err = ERR_N(c, tests->kids[i], "the suite expands to "
				    "more than %d tests (at test '%s')",
				    SUITE_MAX_CASES, pe[i].id);
			goto out;
		}
	}

	/* The name and host count against the plan's bytes too. */
	budget = SUITE_MAX_PLAN - (strlen(plan->name) + 1) -
		 (plan->target.host ? strlen(plan->target.host) + 1 : 0);
	if ((err = plan_expand(plan, pe, tests->n, budget)))
		goto out;

	/* Expanded ids: unique by construction; checked anyway. */
	free(ids.slot);
	if ((err = idtab_init(&ids, plan->ncases)))
		goto out;
	for (i = 0; i < plan->ncases; i++) {
		if (!idtab_add(&ids, plan->cases[i].id, plan->cases[i].line,
			       &first)) {
			err = diag_set(c->dg, c->file, plan->cases[i].line,
				       plan->cases[i].col, "duplicate test id "
				       "'%s' after expansion (first at line "
				       "%zu)", plan->cases[i].id, first);
			goto out;
		}
	}
out:
	free(ids.slot);
	return err;
}

static int plan_build(struct sval_ctx *c, const struct ynode *root,
		      struct plan *plan)
{
	static const char *const names[] = { "suite", "target", "tests",
					     "probe", "auth", "setup", "tags" };
	const struct ynode *keys[7], *v[7], *tests = NULL;
	struct plan_entry *pe = NULL;
	struct entry_mem *mem = NULL;
	struct plan_auth auth;
	const char *s;
	size_t i;
	int err = 0;

	if (!root)
		return diag_set(c->dg, c->file, 0, 0, "the suite file is empty");
	if (root->kind != YNODE_MAP)
		return ERR_N(c, root, "a suite file must be a mapping with keys "
			     "suite, target and tests, not %s", KIND(root));
	if ((err = ytree_map(root, names, 7, keys, v, c->file, c->dg)))
		return err;

	if (v[0]) {
		if ((err = sval_str(c, v[0], "suite", &s)))
			return err;
		if (!(plan->name = strdup(s)))
			err = ENOMEM;
	} else {
		err = default_name(c, &plan->name);
	}
	if (err || (v[1] && (err = target_parse(c, v[1], &plan->target))))
		goto out;
	plan->probe = true;
	if (v[3] && (err = sval_bool(c, v[3], "probe", &plan->probe)))
		goto out;
	if (v[4] && ((err = sreq_auth(c, v[4], &auth)) ||
		     (err = plan_auth_copy(&plan->auth, &auth))))
		goto out;
	if (v[5] && (err = sreq_setup(c, v[5], &plan->auth, plan)))
		goto out;
	if (v[6] && (err = tags_suite(c, v[6], plan)))
		goto out;

	tests = v[2];
	if (!tests)
		return ERR_N(c, root, "missing 'tests' (a list of tests)");
	if (tests->kind != YNODE_SEQ)
		return ERR_N(c, tests, "'tests' must be a list, not %s",
			     KIND(tests));
	if (tests->n == 0)
		return ERR_N(c, tests, "'tests' is empty: a suite needs at "
			     "least one test");
	if (tests->n > SUITE_MAX_CASES)
		return ERR_N(c, tests->kids[SUITE_MAX_CASES], "too many tests "
			     "(more than %d)", SUITE_MAX_CASES);
	pe = calloc(tests->n, sizeof(*pe));
	mem = calloc(tests->n, sizeof(*mem));
	if (!pe || !mem)
		err = ENOMEM;
	else
		err = tests_parse(c, tests, plan, pe, mem);
out:
	if (err == E2BIG)
		err = diag_set(c->dg, c->file, 0, 0, "the expanded plan is too "
			       "large (more than %u MiB of strings)",
			       SUITE_MAX_PLAN >> 20);
	else if (err == ENOMEM)
		diag_set(c->dg, c->file, 0, 0, "out of memory");
	for (i = 0; mem && tests && i < tests->n; i++)
		entry_mem_free(&mem[i]);
	free(mem);
	free(pe);
	return err;
}

/* ------------------------------------------------------------------ */
/* Entry points                                                        */

/* The plan of the tree at root (NULL: an empty file). */
static int suite_from_tree(struct plan **planp, struct sval_ctx *c,
			   const struct ynode *root)
{
	struct plan *plan = calloc(1, sizeof(*plan));
	int err;

	if (!plan || !(plan->file = strdup(c->file))) {
		plan_free(plan);
		diag_set(c->dg, c->file, 0, 0, "out of memory");
		return ENOMEM;
	}
	err = plan_build(c, root, plan);
	if (err)
		plan_free(plan);
	else
		*planp = plan;
	return err;
}

int suite_load_buf(struct plan **planp, const char *name, const char *buf,
		   size_t len, struct diag *dg)
{
	struct sval_ctx c = { .file = name ? name : "<buffer>", .dg = dg };
	struct ynode *root = NULL;
	int err;

	if (!planp || (!buf && len)) {
		diag_set(dg, c.file, 0, 0, "invalid argument");
		return EINVAL;
	}
	if ((err = ytree_parse(&root, c.file, buf, len, &suite_yaml, dg)))
		return err;
	err = suite_from_tree(planp, &c, root);
	ytree_free(root);
	return err;
}

int suite_load(struct plan **planp, const char *path, struct diag *dg)
{
	struct sval_ctx c = { .file = path, .dg = dg };
	struct ynode *root = NULL;
	int err;

	if (!planp || !path) {
		diag_set(dg, path, 0, 0, "invalid argument");
		return EINVAL;
	}
	if ((err = ytree_load(&root, path, &suite_yaml, dg)))
		return err;
	err = suite_from_tree(planp, &c, root);
	ytree_free(root);
	return err;
}
