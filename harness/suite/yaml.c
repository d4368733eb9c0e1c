/*
 * yaml.c - read YAML into a bounded tree of struct ynode (libyaml events).
 *
 * The only file of the project that reads YAML with <yaml.h> (report/tap.c
 * writes it).  What is read, as libyaml events:
 *
 *   stream   = STREAM-START [ document ] STREAM-END
 *   document = DOCUMENT-START node DOCUMENT-END      (at most one)
 *   node     = SCALAR | SEQUENCE-START *node SEQUENCE-END
 *                     | MAPPING-START *(node node) MAPPING-END
 *
 * with no ALIAS event and no anchor or tag on any node.  The limits and
 * refusals are listed in yaml.h.
 */
#include "suite/yaml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

/* ------------------------------------------------------------------ */
/* Nodes and messages                                                  */

/* Recursion is bounded by YTREE_MAX_DEPTH. */
struct ynode *ytree_free(struct ynode *y)
{
	size_t i;

	if (!y)
		return NULL;
	for (i = 0; i < y->n; i++)
		ytree_free(y->kids[i]);
	free(y->kids);
	free(y->s);
	free(y);
	return NULL;
}

const char *ytree_kind_name(const struct ynode *y)
{
	switch (y->kind) {
	case YNODE_SEQ: return "a list";
	case YNODE_MAP: return "a mapping";
	default:        return "a scalar";
	}
}

const char *ytree_show(char *buf, size_t size, const char *s, size_t len)
{
	size_t i, o = 0;

	if (size < 9) {
		if (size)
			buf[0] = '\0';
		return buf;
	}
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

static int verr_at(struct diag *dg, const char *file, size_t line, size_t col,
		   const char *fmt, va_list ap)
{
	char msg[sizeof(dg->msg)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	return diag_set(dg, file, line, col, "%s", msg);
}

int ytree_error(struct diag *dg, const char *file, const struct ynode *y,
		const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = verr_at(dg, file, y ? y->line : 0, y ? y->col : 0, fmt, ap);
	va_end(ap);
	return err;
}

/* ------------------------------------------------------------------ */
/* The event reader                                                    */

struct reader {
	const char *file;      /* name for diagnostics */
	const char *what;      /* "suite file" */
	struct diag *dg;
	size_t skipped;        /* bytes of BOM before what libyaml reads */
};

static int err_at(struct reader *r, size_t line, size_t col, const char *fmt,
		  ...) DIAG_PRINTF(4, 5);

static int err_at(struct reader *r, size_t line, size_t col, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = verr_at(r->dg, r->file, line, col, fmt, ap);
	va_end(ap);
	return err;
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

static int parser_error(struct reader *r, yaml_parser_t *p, const char *buf,
			size_t len)
{
	size_t line, col;

	if (p->error == YAML_MEMORY_ERROR) {
		err_at(r, 0, 0, "out of memory while parsing YAML");
		return ENOMEM;
	}
	if (p->error == YAML_READER_ERROR) {
		offset_mark(buf, len, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			return err_at(r, line, col, "not a valid UTF-8 YAML "
				      "file: %s (#x%X at byte offset %zu)",
				      p->problem ? p->problem : "read error",
				      (unsigned)p->problem_value,
				      p->problem_offset + r->skipped);
		return err_at(r, line, col, "not a valid UTF-8 YAML file: %s "
			      "(at byte offset %zu)",
			      p->problem ? p->problem : "read error",
			      p->problem_offset + r->skipped);
	}
	if (p->context)
		return err_at(r, p->problem_mark.line + 1,
			      p->problem_mark.column + 1,
			      "YAML syntax error: %s (%s at line %zu, column %zu)",
			      p->problem ? p->problem : "unknown problem",
			      p->context, p->context_mark.line + 1,
			      p->context_mark.column + 1);
	return err_at(r, p->problem_mark.line + 1, p->problem_mark.column + 1,
		      "YAML syntax error: %s",
		      p->problem ? p->problem : "unknown problem");
}

/* An open list or mapping; cap is the room in node->kids. */
struct open {
	struct ynode *node;
	size_t cap;
};

static int kid_add(struct open *o, struct ynode *kid)
{
	struct ynode *parent = o->node;

	if (parent->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 8;
		struct ynode **k = realloc(parent->kids, cap * sizeof(*k));
		if (!k)
			return ENOMEM;
		parent->kids = k;
		o->cap = cap;
	}
	parent->kids[parent->n++] = kid;
	return 0;
}

/* The refusals that apply to any node event (yaml.h). */
static int node_check(struct reader *r, const yaml_event_t *ev, size_t depth,
		      size_t nodes, size_t line, size_t col)
{
	const unsigned char *anchor, *tag;
	char b[64];

	if (ev->type == YAML_SCALAR_EVENT) {
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
	} else if (ev->type == YAML_SEQUENCE_START_EVENT) {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	} else {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	}
	if (anchor)
		return err_at(r, line, col, "anchors ('&%s') are not supported "
			      "in %ss", ytree_show(b, sizeof(b),
			      (const char *)anchor, strlen((const char *)anchor)),
			      r->what);
	if (tag)
		return err_at(r, line, col, "tags ('%s') are not supported in "
			      "%ss: write plain values", ytree_show(b, sizeof(b),
			      (const char *)tag, strlen((const char *)tag)),
			      r->what);
	if (nodes > YTREE_MAX_NODES)
		return err_at(r, line, col, "too many YAML nodes (more than %d)",
			      YTREE_MAX_NODES);
	if (ev->type == YAML_SCALAR_EVENT &&
	    ev->data.scalar.length > YTREE_MAX_VALUE)
		return err_at(r, line, col, "value is longer than %d bytes (%zu)",
			      YTREE_MAX_VALUE, ev->data.scalar.length);
	if (ev->type != YAML_SCALAR_EVENT && depth >= YTREE_MAX_DEPTH)
		return err_at(r, line, col, "nesting is too deep (more than %d "
			      "levels)", YTREE_MAX_DEPTH);
	return 0;
}

/* A new node for a checked SCALAR / SEQUENCE-START / MAPPING-START. */
static struct ynode *node_new(const yaml_event_t *ev, size_t line, size_t col)
{
	struct ynode *y = calloc(1, sizeof(*y));

	if (!y)
		return NULL;
	y->line = line;
	y->col = col;
	if (ev->type == YAML_SCALAR_EVENT) {
		y->kind = YNODE_SCALAR;
		y->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		y->len = ev->data.scalar.length;
		y->s = malloc(y->len + 1);
		if (!y->s)
			return ytree_free(y);
		memcpy(y->s, ev->data.scalar.value, y->len);
		y->s[y->len] = '\0';
	} else {
		y->kind = ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_SEQ
								: YNODE_MAP;
	}
	return y;
}

/* Parse buf into *rootp (NULL for a stream without a document). */
static int tree_read(struct ynode **rootp, struct reader *r, const char *buf,
		     size_t len)
{
	struct open stack[YTREE_MAX_DEPTH + 1];
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
		r->skipped = 3;
	}
	if (!yaml_parser_initialize(&parser)) {
		err_at(r, 0, 0, "out of memory");
		return ENOMEM;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	while (!done) {
		size_t line, col;

		if (!yaml_parser_parse(&parser, &ev)) {
			err = parser_error(r, &parser, buf, len);
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
				err = err_at(r, line, col, "a %s holds one YAML "
					     "document; found a second one here",
					     r->what);
				goto out;
			}
			break;
		case YAML_ALIAS_EVENT:
			err = err_at(r, line, col, "aliases ('*%s') are not "
				     "supported in %ss: write the value out",
				     ytree_show(b, sizeof(b),
				     (const char *)ev.data.alias.anchor,
				     strlen((const char *)ev.data.alias.anchor)),
				     r->what);
			goto out;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth)
				depth--;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if ((err = node_check(r, &ev, depth, ++nodes, line, col)))
				goto out;
			y = node_new(&ev, line, col);
			if (!y || (depth && kid_add(&stack[depth - 1], y))) {
				ytree_free(y);
				err_at(r, 0, 0, "out of memory");
				err = ENOMEM;
				goto out;
			}
			if (depth == 0)
				root = y;   /* one document, one root */
			if (y->kind != YNODE_SCALAR) {
				stack[depth].node = y;
				stack[depth++].cap = 0;
			}
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
		have_ev = false;
	}
out:
	if (have_ev)
		yaml_event_delete(&ev);
	yaml_parser_delete(&parser);
	if (err)
		ytree_free(root);
	else
		*rootp = root;
	return err;
}

int ytree_parse(struct ynode **rootp, const char *name, const char *buf,
		size_t len, const struct ytree_opts *opts, struct diag *dg)
{
	struct reader r = { .file = name ? name : "<buffer>", .dg = dg,
			    .what = opts && opts->what ? opts->what : "YAML file" };

	if (!rootp || !opts || (!buf && len)) {
		err_at(&r, 0, 0, "invalid argument");
		return EINVAL;
	}
	*rootp = NULL;
	if (len > opts->max_file && opts->max_file % (1u << 20) == 0)
		return err_at(&r, 0, 0, "the %s is larger than %zu MiB (%zu "
			      "bytes)", r.what, opts->max_file >> 20, len);
	if (len > opts->max_file)
		return err_at(&r, 0, 0, "the %s is larger than %zu bytes (%zu "
			      "bytes)", r.what, opts->max_file, len);
	return tree_read(rootp, &r, buf ? buf : "", len);
}

/* "a FIFO", "a directory", ... for a file type that is not a regular file. */
static const char *file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a file";
}

/*
 * Only a regular file is read: a FIFO would block or feed endless input,
 * a device (/dev/zero, a terminal) likewise.  EISDIR for a directory,
 * EINVAL for the others; dg says which.
 */
static int regular_file(int fd, const char *path, const char *what, struct diag *dg)
{
	struct stat st;

	if (fstat(fd, &st) != 0) {
		int err = errno;

		diag_set(dg, path, 0, 0, "cannot read the %s: %s", what, strerror(err));
		return err;
	}
	if (S_ISREG(st.st_mode))
		return 0;
	diag_set(dg, path, 0, 0, "cannot read the %s: not a regular file (%s)", what,
		 file_kind(st.st_mode));
	return S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
}

int ytree_load(struct ynode **rootp, const char *path,
	       const struct ytree_opts *opts, struct diag *dg)
{
	const char *what = opts && opts->what ? opts->what : "YAML file";
	char *buf = NULL;
	size_t len = 0;
	int fd = -1, err = 0;

	if (!rootp || !path || !opts) {
		diag_set(dg, path, 0, 0, "invalid argument");
		return EINVAL;
	}
	/* O_NONBLOCK: opening a FIFO must not wait for a writer (it would
	 * hang the run); O_NOCTTY: a terminal never becomes ours. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		err = errno;
		diag_set(dg, path, 0, 0, "cannot open the %s: %s", what,
			 strerror(err));
		goto out;
	}
	err = regular_file(fd, path, what, dg);
	if (err)
		goto out;
	/* Read at most max_file + 1 whatever fstat says (/proc). */
	buf = malloc(opts->max_file + 1);
	if (!buf) {
		err = ENOMEM;
		diag_set(dg, path, 0, 0, "out of memory");
		goto out;
	}
	while (len < opts->max_file + 1) {
		ssize_t n = read(fd, buf + len, opts->max_file + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			diag_set(dg, path, 0, 0, "cannot read the %s: %s", what,
				 strerror(err));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	err = ytree_parse(rootp, path, buf, len, opts, dg);
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	return err;
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

/* "unknown key 'x' (expected one of: a, b); did you mean 'a'?" */
static int unknown_key(const struct ynode *key, const char *const *names,
		       size_t n, const char *file, struct diag *dg)
{
	char b[64], expected[400];
	size_t k, o = 0, best = n, bestd = 3, dist;

	expected[0] = '\0';
	for (k = 0; k < n && o + 40 < sizeof(expected); k++) {
		o += (size_t)snprintf(expected + o, sizeof(expected) - o,
				      "%s%s", k ? ", " : "", names[k]);
		dist = near(key->s, key->len, names[k]);
		if (dist < bestd) {
			bestd = dist;
			best = k;
		}
	}
	return ytree_error(dg, file, key, "unknown key '%s' (expected one of: "
			   "%s)%s%s%s", YTREE_SHOW(b, key), expected,
			   best < n ? "; did you mean '" : "",
			   best < n ? names[best] : "", best < n ? "'?" : "");
}

int ytree_map(const struct ynode *map, const char *const *names, size_t n,
	      const struct ynode **keys, const struct ynode **vals,
	      const char *file, struct diag *dg)
{
	size_t i, k;

	for (k = 0; k < n; k++)
		keys[k] = vals[k] = NULL;
	for (i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *key = map->kids[i];

		if (key->kind != YNODE_SCALAR)
			return ytree_error(dg, file, key, "a key must be a plain "
					   "string, not %s",
					   ytree_kind_name(key));
		for (k = 0; k < n; k++)
			if (key->len == strlen(names[k]) &&
			    memcmp(key->s, names[k], key->len) == 0)
				break;
		if (k == n)
			return unknown_key(key, names, n, file, dg);
		if (keys[k])
			return ytree_error(dg, file, key, "duplicate key '%s' "
					   "(first at line %zu)", names[k],
					   keys[k]->line);
		keys[k] = key;
		vals[k] = map->kids[i + 1];
	}
	return 0;
}
