/*
 * scenario.c - find and vet SIPp scenarios (scenario.h).
 *
 * Accepted shape (the SIPp 3.6.1 scenario language, element names only;
 * attributes are SIPp's business and are not checked here):
 *
 *   document  = [XMLDecl] scenario          ; no DOCTYPE
 *   scenario  = <scenario> *step </scenario>
 *   step      = send | recv | pause | nop | label | sendCmd | recvCmd
 *             | timewait | init | Reference | ResponseTimeRepartition
 *             | CallLengthRepartition
 *   init      = <init> *( nop | label | pause | sendCmd | recvCmd ) </init>
 *   send, recv, pause, nop, sendCmd, recvCmd, timewait
 *             = text/CDATA and at most one <action>
 *   action    = <action> *( ereg | log | warning | error | exec | assign
 *             | assignstr | add | subtract | multiply | divide | sample
 *             | test | strcmp | todouble | verifyauth | lookup | insert
 *             | replace | setdest | jump | gettimeofday | urlencode
 *             | urldecode | trim | pauserestore | index | closecon
 *             | rtp_echo | rtp_stream | play_pcap_audio | play_pcap_video
 *             | play_pcap_image | play_dtmf ) </action>
 *   label, Reference, *Repartition, action items = empty elements
 *
 * Comments and processing instructions are allowed anywhere.  The parse
 * runs with XML_PARSE_NONET, without XML_PARSE_NOENT (no entity
 * substitution) and without XML_PARSE_DTDLOAD/DTDATTR; a document that
 * declares a DOCTYPE is refused outright.
 */
#include "sipp/scenario.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#ifndef SIPCONFORM_DATADIR
#define SIPCONFORM_DATADIR "/usr/local/share/sipconform"
#endif

#define MAX_NAME 64

static const char *const steps[] = {
	"send", "recv", "pause", "nop", "label", "sendCmd", "recvCmd",
	"timewait", "init", "Reference", "ResponseTimeRepartition",
	"CallLengthRepartition", NULL
};
/* Steps that may carry an <action>. */
static const char *const with_action[] = {
	"send", "recv", "pause", "nop", "sendCmd", "recvCmd", "timewait", NULL
};
static const char *const init_steps[] = {
	"nop", "label", "pause", "sendCmd", "recvCmd", NULL
};
static const char *const actions[] = {
	"ereg", "log", "warning", "error", "exec", "assign", "assignstr",
	"add", "subtract", "multiply", "divide", "sample", "test", "strcmp",
	"todouble", "verifyauth", "lookup", "insert", "replace", "setdest",
	"jump", "gettimeofday", "urlencode", "urldecode", "trim",
	"pauserestore", "index", "closecon", "rtp_echo", "rtp_stream",
	"play_pcap_audio", "play_pcap_video", "play_pcap_image", "play_dtmf",
	NULL
};

static bool in(const char *const *set, const xmlChar *name)
{
	for (; *set; set++)
		if (xmlStrcmp(name, (const xmlChar *)*set) == 0)
			return true;
	return false;
}

static int bad(struct diag *dg, const char *path, const xmlNode *n,
	       const char *what)
{
	return diag_set(dg, path, n ? (size_t)xmlGetLineNo(n) : 0, 0, "%s", what);
}

/* Text, CDATA, comments and PIs are fine anywhere. */
static bool is_markup_free(const xmlNode *n)
{
	return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE ||
	       n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE;
}

/* Every child of n is an element named in set (or text/comment). */
static int check_children(const char *path, const xmlNode *n,
			  const char *const *set, const char *where,
			  struct diag *dg)
{
	const xmlNode *c;
	char msg[200];

	for (c = n->children; c; c = c->next) {
		if (is_markup_free(c))
			continue;
		if (c->type != XML_ELEMENT_NODE) {
			snprintf(msg, sizeof(msg), "unexpected node in <%s>", where);
			return bad(dg, path, c, msg);
		}
		if (!set || !in(set, c->name)) {
			snprintf(msg, sizeof(msg), "unknown SIPp element <%.60s> in <%s>",
				 (const char *)c->name, where);
			return bad(dg, path, c, msg);
		}
	}
	return 0;
}

static int check_step(const char *path, const xmlNode *s, struct diag *dg)
{
	const xmlNode *c;
	const char *name = (const char *)s->name;
	size_t nact = 0;
	int err;

	if (xmlStrcmp(s->name, (const xmlChar *)"init") == 0) {
		for (c = s->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (!in(init_steps, c->name))
				return bad(dg, path, c, "unknown SIPp element in <init>");
			err = check_step(path, c, dg);
			if (err)
				return err;
		}
		return check_children(path, s, init_steps, "init", dg);
	}
	if (!in(with_action, s->name))
		return check_children(path, s, NULL, name, dg);
	for (c = s->children; c; c = c->next) {
		if (is_markup_free(c))
			continue;
		if (c->type != XML_ELEMENT_NODE ||
		    xmlStrcmp(c->name, (const xmlChar *)"action") != 0) {
			char msg[200];

			snprintf(msg, sizeof(msg), "unknown SIPp element <%.60s> in <%s>",
				 c->type == XML_ELEMENT_NODE ?
				 (const char *)c->name : "?", name);
			return bad(dg, path, c, msg);
		}
		if (++nact > 1)
			return bad(dg, path, c, "more than one <action>");
		err = check_children(path, c, actions, "action", dg);
		if (err)
			return err;
		/* Action items are empty elements. */
		for (const xmlNode *i = c->children; i; i = i->next) {
			if (i->type != XML_ELEMENT_NODE)
				continue;
			err = check_children(path, i, NULL, (const char *)i->name, dg);
			if (err)
				return err;
		}
	}
	return 0;
}

int scenario_check(const char *path, struct diag *dg)
{
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	const xmlNode *root, *s;
	size_t nsteps = 0;
	struct stat st;
	int err = 0;

	if (!path)
		return EINVAL;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_set(dg, path, 0, 0, "cannot read scenario");
		return ENOENT;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return ENOMEM;
	doc = xmlCtxtReadFile(ctxt, path, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOERROR |
			      XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[300];
		size_t l;

		snprintf(msg, sizeof(msg), "not well-formed XML: %s",
			 e && e->message ? e->message : "parse error");
		l = strlen(msg);
		while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
			msg[--l] = '\0';
		err = diag_set(dg, path, e && e->line > 0 ? (size_t)e->line : 0,
			       e && e->int2 > 0 ? (size_t)e->int2 : 0, "%s", msg);
		goto out;
	}
	if (doc->intSubset || doc->extSubset) {
		err = diag_set(dg, path, 0, 0, "a DOCTYPE is not allowed in a scenario");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || xmlStrcmp(root->name, (const xmlChar *)"scenario") != 0) {
		err = bad(dg, path, root, "root element is not <scenario>");
		goto out;
	}
	err = check_children(path, root, steps, "scenario", dg);
	if (err)
		goto out;
	for (s = root->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE)
			continue;
		err = check_step(path, s, dg);
		if (err)
			goto out;
		if (xmlStrcmp(s->name, (const xmlChar *)"send") == 0 ||
		    xmlStrcmp(s->name, (const xmlChar *)"recv") == 0)
			nsteps++;
	}
	if (nsteps == 0)
		err = bad(dg, path, root, "scenario has no <send> or <recv>");
out:
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return err;
}

/* ---- scenario_find --------------------------------------------------- */

static bool name_ok(const char *name)
{
	size_t i;

	if (!name || !*name)
		return false;
	for (i = 0; name[i]; i++) {
		char c = name[i];

		if (i >= MAX_NAME || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				       (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* out = dir/sub/name.xml if that is a regular readable file. */
static int try_dir(char *out, size_t size, const char *dir, const char *sub,
		   const char *name)
{
	struct stat st;
	int n;

	n = snprintf(out, size, "%s%s/%s.xml", dir, sub, name);
	if (n < 0 || (size_t)n >= size)
		return EINVAL;
	if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, R_OK) == 0)
		return 0;
	return ENOENT;
}

int scenario_find(char *out, size_t size, const char *name)
{
	char exe[PATH_MAX];
	const char *env;
	ssize_t l;
	int err;

	if (!out || size == 0 || !name_ok(name))
		return EINVAL;
	out[0] = '\0';
	env = getenv("SIPCONFORM_SCENARIOS");
	if (env && *env) {
		err = try_dir(out, size, env, "", name);
		if (err)
			out[0] = '\0';
		return err;
	}
	l = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (l > 0) {
		exe[l] = '\0';
		for (int up = 0; up < 4; up++) {
			char *slash = strrchr(exe, '/');

			if (!slash || slash == exe)
				break;
			*slash = '\0';
			err = try_dir(out, size, exe, "/scenarios", name);
			if (err != ENOENT)
				return err;
			/* An installed tree: PREFIX/bin/sipconform finds
			 * PREFIX/share/sipconform/scenarios, whatever PREFIX
			 * the binary was built with (make install PREFIX=...). */
			err = try_dir(out, size, exe, "/share/sipconform/scenarios", name);
			if (err != ENOENT)
				return err;
		}
	}
	err = try_dir(out, size, SIPCONFORM_DATADIR, "/scenarios", name);
	if (err)
		out[0] = '\0';
	return err;
}
