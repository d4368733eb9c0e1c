/*
 * yaml.h - the one YAML reader of the project: bytes -> a small tree.
 *
 * Suite files (suite.c) and waivers files (waiver.c) are read here and
 * nowhere else.  The reader runs libyaml's event parser and builds a tree
 * of struct ynode (scalar / list / mapping, each with its 1-based line and
 * column); no libyaml type leaves yaml.c.  Schemas are checked by the
 * callers, on the tree.
 *
 * Refused, as EBADMSG with dg = "FILE:LINE:COL: message" (the position of
 * the offending node; 0:0 when there is none):
 *   - YAML syntax errors (libyaml's problem text and mark);
 *   - input that is not UTF-8 (a UTF-8 BOM is skipped; UTF-16 is
 *     refused), and control characters anywhere in the stream;
 *   - a second document; anchors and aliases (no "billion laughs");
 *     explicit tags;
 *   - nesting deeper than YTREE_MAX_DEPTH lists/mappings, more than
 *     YTREE_MAX_NODES nodes, a scalar longer than YTREE_MAX_VALUE bytes,
 *     more than opts->max_file bytes of input.
 * Every limit is enforced as the events arrive, so hostile input never
 * grows the tree past them.  An unreadable file returns its errno
 * (ENOENT, EACCES, EISDIR, ...) with dg filled; anything but a regular
 * file (a FIFO, a device) is EINVAL, "not a regular file (a FIFO)", and
 * is never read (nor waited on); ENOMEM also fills dg.
 */
#ifndef SIPCONFORM_SUITE_YAML_H
#define SIPCONFORM_SUITE_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

#define YTREE_MAX_VALUE 1024     /* bytes in one scalar */
#define YTREE_MAX_DEPTH 8        /* nested lists/mappings (suites need 4) */
#define YTREE_MAX_NODES 500000   /* bounds the tree's memory */

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_kind kind;
	size_t line, col;      /* 1-based; the node's first character */
	bool plain;            /* scalar written without quotes */
	char *s;               /* scalar: its bytes, NUL-terminated; may hold
				* a NUL ("\0" escape): len is the truth.
				* NULL for lists and mappings */
	size_t len;
	struct ynode **kids;   /* list: items; mapping: key, value, key, ... */
	size_t n;              /* entries in kids (2 per mapping pair) */
};

/** How a caller's input is named and bounded. */
struct ytree_opts {
	const char *what;      /* e.g. "suite file": "the suite file is empty" */
	size_t max_file;       /* most bytes accepted */
};

/**
 * Parse buf[0..len) (name is used in diagnostics).  *rootp is set on
 * success only; it is NULL when the stream holds no document (empty, or
 * only comments): the caller says what that means.
 */
int ytree_parse(struct ynode **rootp, const char *name, const char *buf,
		size_t len, const struct ytree_opts *opts, struct diag *dg);

/** Read the file at path (at most opts->max_file bytes) and parse it. */
int ytree_load(struct ynode **rootp, const char *path,
	       const struct ytree_opts *opts, struct diag *dg);

/** Free a tree (NULL is fine).  @return NULL */
struct ynode *ytree_free(struct ynode *root);

/** "a scalar", "a list" or "a mapping", for messages. */
const char *ytree_kind_name(const struct ynode *y);

/**
 * User text for a message: printable ASCII as is, every other byte as
 * \xNN, cut after 40 bytes with "...".  Returns buf.
 */
const char *ytree_show(char *buf, size_t size, const char *s, size_t len);

/** ytree_show() of a scalar node. */
#define YTREE_SHOW(buf, y) ytree_show((buf), sizeof(buf), (y)->s, (y)->len)

/**
 * Fill dg with "FILE:LINE:COL: message" at y's position (0:0 if y is
 * NULL).  @return EBADMSG
 */
int ytree_error(struct diag *dg, const char *file, const struct ynode *y,
		const char *fmt, ...) DIAG_PRINTF(4, 5);

/**
 * Check the keys of the mapping map against names[0..n): each key must be
 * a scalar equal to one of them, and appear at most once.  Fills keys[i]
 * and vals[i] with the key and value nodes of names[i] (NULL if absent).
 * EBADMSG at the offending key: "a key must be a plain string, not a
 * list", "unknown key 'x' (expected one of: a, b); did you mean 'a'?",
 * "duplicate key 'a' (first at line 3)".
 */
int ytree_map(const struct ynode *map, const char *const *names, size_t n,
	      const struct ynode **keys, const struct ynode **vals,
	      const char *file, struct diag *dg);

#endif
