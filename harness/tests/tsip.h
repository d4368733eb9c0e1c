/*
 * tsip.h - helpers shared by the Check programs of the SIP parser
 * (check_sip_*.c): fixture loading, parse-or-fail, slice assertions, and
 * the runners of the RFC 4475 / RFC 5118 corpus vectors, which each
 * program lists for its own grammar.  Header-only (static inline): every
 * program links only tmain.o and the library.
 *
 * Fixtures are found through tmain_src(): tests run from the source root
 * or with SIPCONFORM_SRCDIR set.
 */
#ifndef SIPCONFORM_TSIP_H
#define SIPCONFORM_TSIP_H

#include "tmain.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sip/msg.h"

/* The mandatory rows of a response: To, From, Call-ID, CSeq, Via (§8.1.1). */
#define TSIP_RESP_HDRS                                                \
	"Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-2\r\n"              \
	"From: <sip:a@example.com>;tag=1\r\n"                          \
	"To: <sip:b@example.com>;tag=2\r\n"                            \
	"Call-ID: 2@127.0.0.1\r\n"                                     \
	"CSeq: 2 REGISTER\r\n"

/* fixtures/<rel>, byte-exact, malloc'ed to its exact size (ASan sees overreads). */
static inline char *tsip_load(const char *rel, size_t *lenp)
{
	char path[1024], fx[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", tmain_src(fx, sizeof(fx), "fixtures"), rel);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	ck_assert_int_gt(n, 0);
	buf = malloc((size_t)n);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*lenp = (size_t)n;
	return buf;
}

/* fixtures/corpus/<rel>: the RFC 4475 and RFC 5118 messages. */
static inline char *tsip_corpus(const char *rel, size_t *lenp)
{
	char path[512];

	snprintf(path, sizeof(path), "corpus/%s", rel);
	return tsip_load(path, lenp);
}

static inline bool tsip_has_sub(const char *p, size_t n, const char *s)
{
	size_t l = strlen(s), i;

	for (i = 0; i + l <= n; i++)
		if (memcmp(p + i, s, l) == 0)
			return true;
	return false;
}

static inline struct sipmsg *tsip_parse_ok(const char *buf, size_t len)
{
	struct sipmsg *m = NULL;
	struct sipmsg_err e;
	int rc = sipmsg_parse(&m, buf, len, &e);

	ck_assert_msg(rc == 0, "parse failed (%d): %s", rc, e.what);
	ck_assert_ptr_nonnull(m);
	return m;
}

static inline struct sipmsg *tsip_parse_str(const char *s)
{
	return tsip_parse_ok(s, strlen(s));
}

static inline void tsip_assert_pl(struct pl x, const char *s)
{
	ck_assert_msg(pl_eq_str(x, s), "got '%.*s', want '%s'", PL_FMT(x), s);
}

static inline struct sipuri tsip_uri_of(const char *s)
{
	struct sipuri u;
	struct sipmsg_err e;
	int rc = sipuri_parse(&u, pl_from(s), &e);

	ck_assert_msg(rc == 0, "sipuri_parse(%s): %s", s, e.what);
	return u;
}

/* A 200 response with TSIP_RESP_HDRS, then row repeated rows times. */
static inline char *tsip_many_rows(size_t rows, const char *row, size_t *lenp)
{
	size_t rl = strlen(row), n;
	char *buf = malloc(rows * rl + 512);

	ck_assert_ptr_nonnull(buf);
	n = (size_t)sprintf(buf, "SIP/2.0 200 OK\r\n" TSIP_RESP_HDRS);
	for (size_t i = 0; i < rows; i++) {
		memcpy(buf + n, row, rl);
		n += rl;
	}
	memcpy(buf + n, "\r\n", 2);
	*lenp = n + 2;
	return buf;
}

/* ---- corpus vectors ---------------------------------------------------------- */

/* A message that parses and validates; chk (may be NULL) looks closer. */
struct tsip_valid {
	const char *file; /* below fixtures/corpus/ */
	void (*chk)(const struct sipmsg *);
};

static inline void tsip_valid_run(const struct tsip_valid *v)
{
	struct sipmsg_err e;
	size_t len;
	char *buf = tsip_corpus(v->file, &len);
	struct sipmsg *m = tsip_parse_ok(buf, len);
	int rc = sipmsg_validate(m, &e);

	ck_assert_msg(rc == 0, "%s: validate: %s", v->file, e.what);
	ck_assert_uint_eq(m->nfaults, 0);
	if (v->chk)
		v->chk(m);
	sipmsg_free(m);
	free(buf);
}

/*
 * Which call must reject the message.  TSIP_PARSE: the framing fails
 * (start line, Content-Length), sipmsg_parse() refuses it.  The others:
 * it parses without any header row fault (no RFC 4475 / RFC 5118 message
 * has one: their faults are in values) and that accessor rejects a value.
 * Row faults have their own tests (check_sip_fault.c).
 */
enum tsip_stage { TSIP_PARSE, TSIP_VALIDATE, TSIP_CONTACTS, TSIP_EXPIRES, TSIP_CSEQ };

/* A message that stage rejects with rc, saying both substrings. */
struct tsip_invalid {
	const char *file; /* below fixtures/corpus/ */
	enum tsip_stage stage;
	int rc;
	const char *what1; /* both substrings must occur in err.what */
	const char *what2;
};

static inline void tsip_invalid_run(const struct tsip_invalid *v)
{
	struct sipmsg *m = NULL;
	struct sipmsg_err e;
	struct sipaddr *c = NULL;
	struct sipcseq cs;
	size_t len, n;
	uint32_t u;
	char *buf = tsip_corpus(v->file, &len);
	int rc = sipmsg_parse(&m, buf, len, &e);

	if (v->stage == TSIP_PARSE) {
		ck_assert_ptr_null(m);
	} else {
		ck_assert_msg(rc == 0, "%s: parse: %s", v->file, e.what);
		/* the reason is in a value, not a row that breaks the grammar */
		ck_assert_msg(m->nfaults == 0, "%s: %zu row faults", v->file, m->nfaults);
		switch (v->stage) {
		case TSIP_VALIDATE:
			rc = sipmsg_validate(m, &e);
			break;
		case TSIP_CONTACTS:
			rc = sipmsg_contacts(m, &c, &n, &e);
			break;
		case TSIP_EXPIRES:
			rc = sipmsg_expires(m, &u, &e);
			break;
		case TSIP_CSEQ:
			rc = sipmsg_cseq(m, &cs, &e);
			break;
		default:
			ck_abort();
		}
	}
	ck_assert_msg(rc == v->rc, "%s: rc %d want %d (%s)", v->file, rc, v->rc, e.what);
	ck_assert_msg(strstr(e.what, v->what1) && strstr(e.what, v->what2),
		      "%s: what '%s' lacks '%s' / '%s'", v->file, e.what, v->what1,
		      v->what2);
	ck_assert_uint_gt(e.line, 0);
	ck_assert_uint_gt(e.col, 0);
	ck_assert_ptr_nonnull(e.at);
	ck_assert(e.at >= buf && e.at <= buf + len);
	sipmsg_free(m);
	free(c);
	free(buf);
}

/*
 * This program's corpus tables, set by tsip_add_corpus() while the suite
 * is built (forked test processes inherit them).
 */
static const struct tsip_valid *tsip_valid_vecs;
static const struct tsip_invalid *tsip_invalid_vecs;

START_TEST(test_valid_corpus)
{
	tsip_valid_run(&tsip_valid_vecs[_i]);
}
END_TEST

START_TEST(test_invalid_corpus)
{
	tsip_invalid_run(&tsip_invalid_vecs[_i]);
}
END_TEST

/* One loop test over each table (none for an empty one). */
static inline void tsip_add_corpus(TCase *tc, const struct tsip_valid *v,
				   size_t nv, const struct tsip_invalid *iv,
				   size_t ni)
{
	tsip_valid_vecs = v;
	tsip_invalid_vecs = iv;
	if (nv)
		tcase_add_loop_test(tc, test_valid_corpus, 0, (int)nv);
	if (ni)
		tcase_add_loop_test(tc, test_invalid_corpus, 0, (int)ni);
}

/*
 * The outcome of parsing input: what NULL = it must parse, else it must
 * be EBADMSG with exactly this err->what.
 */
static inline void tsip_expect(int rc, const struct sipmsg_err *e,
			       const char *what, const char *input)
{
	if (!what) {
		ck_assert_msg(rc == 0, "%s: %s", input, e->what);
		return;
	}
	ck_assert_msg(rc == EBADMSG, "%s: rc %d, want EBADMSG", input, rc);
	ck_assert_str_eq(e->what, what);
}

#endif
