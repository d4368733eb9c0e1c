/*
 * merge.c - `sipconform merge OUT.xml IN.xml...` (see merge.h).
 *
 * The shape each IN must have (fixtures/schemas/junit.xsd, which
 * report/junit.c writes; between elements only white space and comments):
 *
 *   testsuites                      no attributes
 *     testsuite*                    name hostname package: tokens, not blank
 *                                   tests failures errors [skipped] id: 0..INT_MAX
 *                                   time: [0-9]+(.[0-9]{1,3})?
 *                                   timestamp: YYYY-MM-DDTHH:MM:SS
 *       properties                  exactly one, first
 *         property*                 name (token, not blank) value
 *       testcase*                   name classname time
 *         (skipped | error | failure)?   text only; message; error and
 *                                   failure a type too
 *       system-out                  text only
 *       system-err                  text only
 *
 * and tests, failures, errors, skipped of a suite are the numbers of its
 * testcase, failure, error and skipped elements.  No other element or
 * attribute, no namespace, no DOCTYPE (refused before parsing: no DTD is
 * read and no entity can be declared, so none is expanded), no network
 * (XML_PARSE_NONET).  XML_PARSE_HUGE because one suite's <system-out>
 * may pass libxml2's 10 MB default for a text node; without a DTD that
 * opens no amplification.
 */
#include "report/merge.h"
#include "base/file.h"
#include "base/repr.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define BC(s) ((const xmlChar *)(s))

/* What is wrong with an IN: "FILE:LINE: words" (LINE 0: none). */
struct merge_why {
	char text[512];
};

static int refuse(struct merge_why *w, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int refuse(struct merge_why *w, const char *file, long line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		snprintf(w->text, sizeof(w->text), "%s:%ld: %s", file, line, msg);
	else
		snprintf(w->text, sizeof(w->text), "%s: %s", file, msg);
	return EINVAL;
}

/* ---- reading ------------------------------------------------------------ */

/* The whole file, at most MERGE_MAX_BYTES; NUL-terminated. */
static int read_all(const char *path, char **bufp, size_t *lenp, struct merge_why *w)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = NULL, *nb;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;
	ssize_t n;

	if (fd < 0)
		return refuse(w, path, 0, "cannot read: %s", strerror(errno));
	for (;;) {
		if (!buf || len == cap) {
			if (buf)
				cap *= 2;
			nb = cap <= MERGE_MAX_BYTES + 1 ? realloc(buf, cap + 1) : NULL;
			if (!nb) {
				err = cap > MERGE_MAX_BYTES + 1 ?
				      refuse(w, path, 0, "larger than %zu MiB: not a sipconform "
					     "JUnit report", MERGE_MAX_BYTES >> 20) :
				      refuse(w, path, 0, "out of memory");
				break;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = refuse(w, path, 0, "cannot read: %s", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

static bool has_bytes(const char *buf, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;
	const char *p;

	for (i = 0; i + n <= len; i = (size_t)(p - buf) + 1) {
		p = memchr(buf + i, needle[0], len - i - n + 1);
		if (!p)
			return false;
		if (!memcmp(p, needle, n))
			return true;
	}
	return false;
}

/* Parse one IN, refusing a DOCTYPE first.  *docp: free with xmlFreeDoc. */
static int parse_in(const char *path, xmlDocPtr *docp, struct merge_why *w)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	char *buf = NULL;
	size_t len = 0;
	int err;

	if ((err = read_all(path, &buf, &len, w)) != 0)
		return err;
	if (len > INT_MAX) {
		free(buf);
		return refuse(w, path, 0, "too large");
	}
	if (has_bytes(buf, len, "<!DOCTYPE") || has_bytes(buf, len, "<!ENTITY")) {
		free(buf);
		return refuse(w, path, 0, "has a DOCTYPE or an entity declaration: not a "
			      "sipconform JUnit report (no DTD is read)");
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		free(buf);
		return refuse(w, path, 0, "out of memory");
	}
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
				XML_PARSE_HUGE);
	free(buf);
	if (!doc || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[300];
		size_t l;

		snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message : "unreadable");
		l = strlen(msg);
		while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
			msg[--l] = '\0';
		err = refuse(w, path, e ? e->line : 0, "not well-formed XML: %s", msg);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return err;
	}
	xmlFreeParserCtxt(ctxt);
	if (doc->intSubset || doc->extSubset) {
		xmlFreeDoc(doc);
		return refuse(w, path, 0, "has a DOCTYPE: not a sipconform JUnit report");
	}
	*docp = doc;
	return 0;
}

/* ---- checking ----------------------------------------------------------- */

struct ck {
	const char *file;
	struct merge_why *w;
};

static long line_of(const xmlNode *n)
{
	return n ? xmlGetLineNo(n) : 0;
}

static bool is_blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/*
 * The next element child from n on (n itself included), skipping white
 * space and comments; anything else between elements is refused.
 */
static int next_elem(const struct ck *k, xmlNode *n, xmlNode **out)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			break;
		if (n->type == XML_COMMENT_NODE || (n->type == XML_TEXT_NODE && is_blank(n->content)))
			continue;
		return refuse(k->w, k->file, line_of(n->parent),
			      "text or other content between the elements of <%s>",
			      n->parent ? (const char *)n->parent->name : "?");
	}
	*out = n;
	return 0;
}

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !n->ns && xmlStrEqual(n->name, BC(name));
}

/* Attributes: each named in allowed (NULL-terminated), each of required present. */
static int attrs_ok(const struct ck *k, const xmlNode *n, const char *const *allowed,
		    const char *const *required)
{
	const xmlAttr *a;
	size_t i;

	if (n->ns)
		return refuse(k->w, k->file, line_of(n), "<%s> has a namespace", n->name);
	for (a = n->properties; a; a = a->next) {
		for (i = 0; allowed[i] && !xmlStrEqual(a->name, BC(allowed[i])); i++)
			;
		if (!allowed[i] || a->ns)
			return refuse(k->w, k->file, line_of(n), "<%s> has an unexpected attribute '%s'",
				      n->name, a->name);
	}
	for (i = 0; required && required[i]; i++)
		if (!xmlHasNsProp(n, BC(required[i]), NULL))
			return refuse(k->w, k->file, line_of(n), "<%s> lacks its '%s' attribute",
				      n->name, required[i]);
	return 0;
}

/* Only text (or CDATA) inside n: the schema's simple content. */
static int text_only(const struct ck *k, const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next)
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE &&
		    c->type != XML_COMMENT_NODE)
			return refuse(k->w, k->file, line_of(n), "<%s> holds more than text", n->name);
	return 0;
}

/* Attribute value checks.  kind: 'c' count, 't' seconds, 'd' timestamp, 'n' name (not blank). */
static bool value_ok(const char *v, char kind)
{
	const char *p = v;
	unsigned long long x = 0;
	int mo, dd, hh, mi, ss;

	switch (kind) {
	case 'c':
		if (!*p)
			return false;
		for (; *p; p++) {
			if (*p < '0' || *p > '9')
				return false;
			x = x * 10 + (unsigned)(*p - '0');
			if (x > INT_MAX)
				return false;
		}
		return true;
	case 't':
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '.') {
			size_t d = strspn(p + 1, "0123456789");

			if (d < 1 || d > 3)
				return false;
			p += 1 + d;
		}
		return *p == '\0';
	case 'd':
		if (strlen(v) != 19 || strspn(v, "0123456789") != 4 || v[4] != '-' || v[7] != '-' ||
		    v[10] != 'T' || v[13] != ':' || v[16] != ':' ||
		    sscanf(v + 5, "%2d-%2d", &mo, &dd) != 2 ||
		    sscanf(v + 11, "%2d:%2d:%2d", &hh, &mi, &ss) != 3)
			return false;
		for (p = v; *p; p++)
			if (!strchr("0123456789-T:", *p))
				return false;
		return mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31 && hh <= 23 && mi <= 59 && ss <= 59;
	default:
		return !is_blank(BC(v));
	}
}

/* Check the attributes of n named in names against kinds; counts into vals (may be NULL). */
static int values_ok(const struct ck *k, const xmlNode *n, const char *const *names,
		     const char *kinds, unsigned long *vals)
{
	size_t i;

	for (i = 0; names[i]; i++) {
		xmlChar *v = xmlGetNoNsProp(n, BC(names[i]));
		bool ok;

		if (!v)
			continue;       /* optional, absent */
		ok = value_ok((const char *)v, kinds[i]);
		if (ok && vals)
			vals[i] = kinds[i] == 'c' ? strtoul((const char *)v, NULL, 10) : 0;
		if (!ok) {
			int err = refuse(k->w, k->file, line_of(n), "<%s %s=\"%.60s\">: not a valid %s",
					 n->name, names[i], (const char *)v,
					 kinds[i] == 'c' ? "count" : kinds[i] == 't' ? "time in seconds" :
					 kinds[i] == 'd' ? "timestamp (YYYY-MM-DDTHH:MM:SS)" : "name");
			xmlFree(v);
			return err;
		}
		xmlFree(v);
	}
	return 0;
}

/* One testcase; *kind gets 0 pass, 1 failure, 2 error, 3 skipped. */
static int check_case(const struct ck *k, xmlNode *tc, int *kind)
{
	static const char *const attrs[] = { "name", "classname", "time", NULL };
	static const char *const msg_only[] = { "message", NULL };
	static const char *const msg_type[] = { "message", "type", NULL };
	static const char *const type_req[] = { "type", NULL };
	xmlNode *c, *more;
	int err;

	if ((err = attrs_ok(k, tc, attrs, attrs)) != 0 ||
	    (err = values_ok(k, tc, (const char *const[]){ "time", NULL }, "t", NULL)) != 0 ||
	    (err = next_elem(k, tc->children, &c)) != 0)
		return err;
	*kind = 0;
	if (!c)
		return 0;
	if (named(c, "skipped"))
		*kind = 3, err = attrs_ok(k, c, msg_only, NULL);
	else if (named(c, "error"))
		*kind = 2, err = attrs_ok(k, c, msg_type, type_req);
	else if (named(c, "failure"))
		*kind = 1, err = attrs_ok(k, c, msg_type, type_req);
	else
		return refuse(k->w, k->file, line_of(c), "<testcase> holds <%s>", c->name);
	if (!err)
		err = text_only(k, c);
	if (!err)
		err = next_elem(k, c->next, &more);
	if (!err && more)
		return refuse(k->w, k->file, line_of(more), "<testcase> holds more than one outcome");
	return err;
}

/* Nothing inside n but comments: the schema's empty content. */
static int empty(const struct ck *k, const xmlNode *n)
{
	const xmlNode *c;

	for (c = n->children; c; c = c->next)
		if (c->type != XML_COMMENT_NODE)
			return refuse(k->w, k->file, line_of(n), "<%s> is not empty", n->name);
	return 0;
}

static int check_props(const struct ck *k, xmlNode *props)
{
	static const char *const attrs[] = { "name", "value", NULL };
	xmlNode *p;
	int err;

	if ((err = attrs_ok(k, props, (const char *const[]){ NULL }, NULL)) != 0)
		return err;
	for (err = next_elem(k, props->children, &p); !err && p; err = next_elem(k, p->next, &p)) {
		if (!named(p, "property"))
			return refuse(k->w, k->file, line_of(p), "<properties> holds <%s>", p->name);
		if ((err = attrs_ok(k, p, attrs, attrs)) != 0 ||
		    (err = values_ok(k, p, (const char *const[]){ "name", NULL }, "n", NULL)) != 0)
			return err;
		if ((err = empty(k, p)) != 0)
			return err;
	}
	return err;
}

/* One testsuite, its counts added to *t. */
static int check_suite(const struct ck *k, xmlNode *s, struct merge_totals *t)
{
	static const char *const attrs[] = { "name", "tests", "failures", "errors", "skipped",
					     "time", "timestamp", "hostname", "id", "package", NULL };
	static const char *const req[] = { "name", "tests", "failures", "errors", "time",
					   "timestamp", "hostname", "id", "package", NULL };
	static const char kinds[] = "ncccctdncn";
	unsigned long v[10] = { 0 }, n[4] = { 0, 0, 0, 0 };
	xmlNode *c;
	int err, kind;

	if ((err = attrs_ok(k, s, attrs, req)) != 0 || (err = values_ok(k, s, attrs, kinds, v)) != 0 ||
	    (err = next_elem(k, s->children, &c)) != 0)
		return err;
	if (!named(c, "properties"))
		return refuse(k->w, k->file, line_of(c ? c : s), "<testsuite> does not start with <properties>");
	if ((err = check_props(k, c)) != 0)
		return err;
	for (err = next_elem(k, c->next, &c); !err && named(c, "testcase");
	     err = next_elem(k, c->next, &c)) {
		if ((err = check_case(k, c, &kind)) != 0)
			return err;
		n[0]++;                 /* every test case */
		if (kind)
			n[kind]++;
	}
	if (err)
		return err;
	if (!named(c, "system-out") || (err = attrs_ok(k, c, (const char *const[]){ NULL }, NULL)) ||
	    (err = text_only(k, c)) != 0)
		return err ? err : refuse(k->w, k->file, line_of(c ? c : s),
					  "<testsuite> lacks <system-out> after its test cases");
	if ((err = next_elem(k, c->next, &c)) != 0)
		return err;
	if (!named(c, "system-err") || (err = attrs_ok(k, c, (const char *const[]){ NULL }, NULL)) ||
	    (err = text_only(k, c)) != 0)
		return err ? err : refuse(k->w, k->file, line_of(c ? c : s),
					  "<testsuite> lacks <system-err> after <system-out>");
	if ((err = next_elem(k, c->next, &c)) != 0)
		return err;
	if (c)
		return refuse(k->w, k->file, line_of(c), "<testsuite> holds <%s> after <system-err>",
			      c->name);
	/* v: tests failures errors skipped at 1..4; n: cases, failures, errors, skipped */
	if (v[1] != n[0] || v[2] != n[1] || v[3] != n[2] || v[4] != n[3])
		return refuse(k->w, k->file, line_of(s), "<testsuite> counts (tests %lu, failures %lu, "
			      "errors %lu, skipped %lu) do not match its test cases (%lu, %lu, %lu, %lu)",
			      v[1], v[2], v[3], v[4], n[0], n[1], n[2], n[3]);
	t->suites++;
	t->tests += n[0];
	t->failures += n[1];
	t->errors += n[2];
	t->skipped += n[3];
	return 0;
}

static int check_doc(const char *file, xmlDocPtr doc, struct merge_totals *t,
		     struct merge_why *w)
{
	const struct ck k = { file, w };
	xmlNode *root = xmlDocGetRootElement(doc), *s;
	int err;

	if (root && root->ns)
		return refuse(w, file, line_of(root), "<%s> has a namespace: not a sipconform JUnit "
			      "report", root->name);
	if (!named(root, "testsuites"))
		return refuse(w, file, line_of(root), "the root element is <%s>, not <testsuites>: "
			      "not a sipconform JUnit report", root ? (const char *)root->name : "");
	if ((err = attrs_ok(&k, root, (const char *const[]){ NULL }, NULL)) != 0)
		return err;
	for (err = next_elem(&k, root->children, &s); !err && s; err = next_elem(&k, s->next, &s)) {
		if (!named(s, "testsuite"))
			return refuse(w, file, line_of(s), "<testsuites> holds <%s>", s->name);
		if ((err = check_suite(&k, s, t)) != 0)
			return err;
	}
	return err;
}

/* ---- writing ------------------------------------------------------------ */

/* Add property merge.source = file to the suite's <properties>, unless it has one. */
static int add_source(xmlNodePtr suite, const char *file)
{
	xmlNodePtr props, p, last, nl;
	char *v;

	for (props = suite->children; props && !named(props, "properties"); props = props->next)
		;
	if (!props)
		return EINVAL;
	for (p = props->children; p; p = p->next) {
		xmlChar *name = named(p, "property") ? xmlGetNoNsProp(p, BC("name")) : NULL;
		bool has = name && xmlStrEqual(name, BC("merge.source"));

		xmlFree(name);
		if (has)
			return 0;       /* merged before: the first source stays */
	}
	v = repr_dups(file, 0);
	p = v ? xmlNewDocNode(suite->doc, NULL, BC("property"), NULL) : NULL;
	if (!p || !xmlSetProp(p, BC("name"), BC("merge.source")) || !xmlSetProp(p, BC("value"), BC(v))) {
		free(v);
		xmlFreeNode(p);
		return ENOMEM;
	}
	free(v);
	/* Before the white space that closes the element, indented like the others. */
	last = props->last;
	nl = xmlNewDocText(suite->doc, BC("\n      "));
	if (last && last->type == XML_TEXT_NODE && is_blank(last->content)) {
		xmlAddPrevSibling(last, p);
		if (nl)
			xmlAddPrevSibling(p, nl);
	} else {
		if (nl)
			xmlAddChild(props, nl);
		xmlAddChild(props, p);
	}
	return 0;
}

/* Copy every suite of in into out's root, ids renumbered from *id. */
static int copy_suites(xmlDocPtr out, xmlDocPtr in, const char *file, unsigned long *id)
{
	xmlNodePtr root = xmlDocGetRootElement(out), s, c;
	char num[24];

	for (s = xmlDocGetRootElement(in)->children; s; s = s->next) {
		if (!named(s, "testsuite"))
			continue;
		c = xmlDocCopyNode(s, out, 1);
		if (!c)
			return ENOMEM;
		snprintf(num, sizeof(num), "%lu", (*id)++);
		if (!xmlAddChild(root, xmlNewDocText(out, BC("\n  "))) || !xmlAddChild(root, c)) {
			xmlFreeNode(c);
			return ENOMEM;
		}
		if (!xmlSetProp(c, BC("id"), BC(num)) || add_source(c, file))
			return ENOMEM;
	}
	return 0;
}

static int write_out(const char *path, xmlDocPtr doc)
{
	struct file_out fo;
	xmlChar *mem = NULL;
	int size = 0, err;

	xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
	if (!mem)
		return ENOMEM;
	err = file_out_open(&fo, path);
	if (!err && !fo.stream)
		err = file_out_begin(&fo);
	if (!err)
		err = file_out_write(&fo, mem, (size_t)size);
	if (!err)
		err = file_out_commit(&fo);
	file_out_close(&fo);
	xmlFree(mem);
	return err;
}

/* ---- the command -------------------------------------------------------- */

void merge_usage(FILE *fp)
{
	fputs("usage: sipconform merge OUT.xml IN.xml [IN.xml ...]\n"
	      "Merge JUnit reports written by sipconform (the shards of a run) into OUT.xml\n"
	      "(\"-\" for stdout): every suite of every IN, in order, kept whole and renumbered,\n"
	      "with a property merge.source naming its file; valid against the same schema.\n"
	      "Exit status: 0 merged, 2 usage error or an IN refused (OUT untouched),\n"
	      "3 OUT could not be written.\n", fp);
}

/* Refuse an IN named twice (the same file by two names too). */
static int distinct(char *const *in, size_t n, struct merge_why *w)
{
	struct file_id *ids = calloc(n, sizeof(*ids));
	size_t i, j;
	int err = 0;

	if (!ids)
		return refuse(w, in[0], 0, "out of memory");
	for (i = 0; i < n && !err; i++) {
		if (file_id_of(&ids[i], in[i]))
			err = refuse(w, in[i], 0, "cannot read: %s", strerror(errno ? errno : ENOENT));
		for (j = 0; j < i && !err; j++)
			if (file_id_same(&ids[i], &ids[j]))
				err = refuse(w, in[i], 0, "given twice (also as '%s')", in[j]);
	}
	free(ids);
	return err;
}

int merge_files(const char *outp, char *const *in, size_t n, struct merge_totals *t,
		char *why, size_t size)
{
	struct merge_why w = { "" };
	xmlDocPtr out = NULL, doc = NULL;
	xmlNodePtr root;
	unsigned long id = 0;
	size_t i;
	int err = 0;

	memset(t, 0, sizeof(*t));
	if (size)
		why[0] = '\0';
	if (!n || distinct(in, n, &w)) {
		snprintf(why, size, "%s", n ? w.text : "no IN.xml given");
		return MERGE_BAD_INPUT;
	}
	xmlInitParser();
	out = xmlNewDoc(BC("1.0"));
	root = out ? xmlNewDocNode(out, NULL, BC("testsuites"), NULL) : NULL;
	if (!root) {
		snprintf(why, size, "out of memory");
		xmlFreeDoc(out);
		return MERGE_WRITE;
	}
	xmlDocSetRootElement(out, root);
	for (i = 0; i < n && !err; i++) {
		if ((err = parse_in(in[i], &doc, &w)) != 0)
			break;
		err = check_doc(in[i], doc, t, &w);
		if (!err && copy_suites(out, doc, in[i], &id))
			err = refuse(&w, in[i], 0, "out of memory");
		xmlFreeDoc(doc);
		t->files++;
	}
	if (err) {
		snprintf(why, size, "%s", w.text);
		xmlFreeDoc(out);
		return MERGE_BAD_INPUT;
	}
	xmlAddChild(root, xmlNewDocText(out, BC("\n")));
	err = write_out(outp, out);
	xmlFreeDoc(out);
	if (err) {
		snprintf(why, size, "cannot write %s: %s", outp, file_out_strerror(err));
		return MERGE_WRITE;
	}
	return MERGE_OK;
}

int merge_main(int argc, char **argv)
{
	struct merge_totals t;
	char why[600];
	int i, rc;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		merge_usage(stdout);
		return MERGE_OK;
	}
	for (i = 1; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "sipconform: merge: unknown option '%s'\n", argv[i]);
			merge_usage(stderr);
			return MERGE_BAD_INPUT;
		}
	if (argc < 3) {
		fprintf(stderr, "sipconform: merge: needs OUT.xml and at least one IN.xml\n");
		merge_usage(stderr);
		return MERGE_BAD_INPUT;
	}
	rc = merge_files(argv[1], argv + 2, (size_t)(argc - 2), &t, why, sizeof(why));
	if (rc != MERGE_OK) {
		fprintf(stderr, "sipconform: merge: %s\n", why);
		return rc;
	}
	/* The totals go where the document does not. */
	fprintf(strcmp(argv[1], "-") ? stdout : stderr,
		"merged %lu files: %lu suites, %lu tests, %lu failures, %lu errors, %lu skipped\n",
		t.files, t.suites, t.tests, t.failures, t.errors, t.skipped);
	return MERGE_OK;
}
