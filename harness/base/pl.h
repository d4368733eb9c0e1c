/*
 * pl.h - pointer+length slices into bytes owned by someone else.
 *
 * A struct pl never owns memory.  Its lifetime is the lifetime of the
 * buffer it points into; every function that returns one says which
 * buffer that is.  p may be NULL only when l is 0.
 */
#ifndef SIPCONFORM_PL_H
#define SIPCONFORM_PL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pl {
	const char *p;
	size_t l;
};

/** Slice of a string literal. */
#define PL(s) ((struct pl){ (s), sizeof(s) - 1 })
#define PL_NULL ((struct pl){ NULL, 0 })
/** printf helper: printf("%.*s", PL_FMT(x)). */
#define PL_FMT(x) (int)((x).l > INT32_MAX ? INT32_MAX : (x).l), ((x).p ? (x).p : "")

/** One past the last byte; p itself when l is 0 (NULL + 0 is undefined in C). */
static inline const char *pl_end(struct pl x)
{
	return x.l ? x.p + x.l : x.p;
}

struct pl pl_from(const char *s);
bool pl_isset(struct pl x);
/** Byte-exact equality. */
bool pl_eq(struct pl a, struct pl b);
/** ASCII case-insensitive equality. */
bool pl_caseeq(struct pl a, struct pl b);
bool pl_eq_str(struct pl a, const char *s);
bool pl_caseeq_str(struct pl a, const char *s);
/** Strip leading and trailing SP, HTAB, CR and LF (LWS incl. folding). */
struct pl pl_trim(struct pl x);
/** Parse 1*DIGIT into a uint32; EINVAL on non-digit or empty, ERANGE on > 2^32-1. */
int pl_u32(struct pl x, uint32_t *out);
/** Heap copy, NUL-terminated; NULL on ENOMEM.  Caller frees. */
char *pl_strdup(struct pl x);

#endif
