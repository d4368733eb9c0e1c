/*
 * scnwrite.c - the scenario of one test shape (see scnwrite.h).
 *
 * Line-based rewrite of a template:
 *   file    = *line
 *   marker  = "<!--@auth" / "@auth-->"      (after leading blanks)
 *   cdata   = line with "<![CDATA[" ... line starting with "]]>"
 *   message = the lines of one cdata, the first one its start line
 */
#include "sipp/scnwrite.h"
#include "sipp/sipp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/file.h"


#define FROM_TMPL "From: <sip:sipconform@[local_ip]:[local_port]>"

#define TMPL_MAX (256u * 1024)

/* The whole template into *text (NUL-terminated). */
static int read_tmpl(const char *path, char **text)
{
	FILE *f = fopen(path, "re");
	size_t n;
	int err = 0;

	if (!f)
		return errno;
	*text = malloc(TMPL_MAX + 1);
	if (!*text) {
		fclose(f);
		return ENOMEM;
	}
	n = fread(*text, 1, TMPL_MAX + 1, f);
	if (ferror(f))
		err = EIO;
	else if (n > TMPL_MAX)
		err = EFBIG;
	fclose(f);
	if (err) {
		free(*text);
		*text = NULL;
		return err;
	}
	(*text)[n] = '\0';
	return 0;
}

static bool has_cdata_end(const char *s)
{
	return s && strstr(s, "]]>") != NULL;
}

static bool user_has(const struct scnwrite_shape *sh, const char *name, const char *compact)
{
	for (size_t i = 0; i < sh->nheaders; i++)
		if (strcasecmp(sh->headers[i].name, name) == 0 ||
		    (compact && strcasecmp(sh->headers[i].name, compact) == 0))
			return true;
	return false;
}

bool scnwrite_needed(const struct scnwrite_shape *sh)
{
	return sh->auth || sh->nheaders || sh->body || sh->from || sh->to || sh->ruri_fields;
}

static const char *trim_left(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The rewrite state of one template. */
struct wr {
	FILE *o;
	const struct scnwrite_shape *sh;
	bool in_cdata, first, request, skip_body;
};

static void put_body(struct wr *w)
{
	const char *p = w->sh->body;

	fprintf(w->o, "Content-Type: %s\nContent-Length: [len]\n\n", w->sh->content_type);
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		fprintf(w->o, "%.*s\n", (int)l, p);
		p += l + (e ? 1 : 0);
	}
	fputs("\n", w->o);
}

/* One line inside a message. */
static void message_line(struct wr *w, const char *line)
{
	const struct scnwrite_shape *sh = w->sh;

	if (w->first) {
		w->first = false;
		w->request = strncmp(line, "[request_line] ", 15) == 0 ||
			     strncmp(line, "INVITE ", 7) == 0;
	}
	if (sh->from && strncmp(line, FROM_TMPL, strlen(FROM_TMPL)) == 0) {
		fprintf(w->o, "From: <%s>%s", sh->from, line + strlen(FROM_TMPL));
		return;
	}
	if (!w->request) {
		fputs(line, w->o);
		return;
	}
	if (sh->ruri_fields && sh->method && strncmp(line, "[request_line] ", 15) == 0) {
		fprintf(w->o, "%s %s%s", sh->method, sh->ruri_fields, line + 14);
		return;
	}
	if ((sh->to || sh->ruri_fields) && strncmp(line, "To: <[ruri]>", 12) == 0) {
		fprintf(w->o, "To: <%s>%s", sh->to ? sh->to : sh->ruri_fields, line + 12);
		return;
	}
	if (strncmp(line, "Contact: <sip:sipconform@", 25) == 0 && user_has(sh, "Contact", "m"))
		return;
	if (strncmp(line, "User-Agent: sipconform", 22) == 0) {
		for (size_t i = 0; i < sh->nheaders; i++)
			fprintf(w->o, "%s: %s\n", sh->headers[i].name, sh->headers[i].value);
		if (!user_has(sh, "User-Agent", NULL))
			fputs(line, w->o);
		return;
	}
	if (sh->body && strncmp(line, "Content-Type:", 13) == 0)
		return;
	if (sh->body && strncmp(line, "Content-Length:", 15) == 0) {
		put_body(w);
		w->skip_body = true;
		return;
	}
	fputs(line, w->o);
}

static int rewrite(struct wr *w, char *text)
{
	bool in_auth = false;
	char *line = text, *nl;

	for (; *line; line = nl) {
		const char *t = trim_left(line);
		char save;

		nl = strchr(line, '\n');
		nl = nl ? nl + 1 : line + strlen(line);
		save = *nl;
		*nl = '\0';
		if (strncmp(t, "<!--@auth", 9) == 0 || strncmp(t, "@auth-->", 8) == 0) {
			if (in_auth == (t[0] == '<'))
				return EBADMSG;   /* markers out of order */
			in_auth = t[0] == '<';
		} else if (in_auth && !w->sh->auth) {
			;                          /* the credentials steps: not in this shape */
		} else if (w->in_cdata) {
			if (strncmp(line, "]]>", 3) == 0) {
				w->in_cdata = false;
				w->skip_body = false;
				fputs(line, w->o);
			} else if (!w->skip_body)
				message_line(w, line);
		} else {
			const char *c = strstr(line, "<![CDATA[");

			fputs(line, w->o);
			if (c && !strstr(c, "]]>")) {
				w->in_cdata = true;
				w->first = true;
				w->request = false;
			}
		}
		*nl = save;
	}
	return in_auth || w->in_cdata ? EBADMSG : 0;
}

int scnwrite_make(const char *tmpl, const char *out, const struct scnwrite_shape *sh)
{
	struct wr w;
	char *text = NULL;
	int err;

	if (has_cdata_end(sh->body) || has_cdata_end(sh->content_type) ||
	    has_cdata_end(sh->method) || has_cdata_end(sh->ruri_fields) ||
	    has_cdata_end(sh->from) || has_cdata_end(sh->to) || (sh->body && !sh->content_type))
		return EINVAL;
	for (size_t i = 0; i < sh->nheaders; i++)
		if (has_cdata_end(sh->headers[i].value))
			return EINVAL;
	err = read_tmpl(tmpl, &text);
	if (err)
		return err;
	memset(&w, 0, sizeof(w));
	w.sh = sh;
	unlink(out);
	w.o = fopen(out, "wx");
	if (!w.o) {
		err = errno;
		free(text);
		return err;
	}
	err = rewrite(&w, text);
	if (fclose(w.o) && !err)
		err = EIO;
	free(text);
	if (err)
		unlink(out);
	return err;
}

static bool inf_value_ok(const char *s)
{
	return s && *s && !strpbrk(s, " []; \t");
}

/* A new -inf file at path (0600, O_EXCL after removing a stale one) into *fp: 0 or errno. */
static int inf_create(const char *path, FILE **fp)
{
	int fd, err;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return errno;
	*fp = fdopen(fd, "w");
	if (!*fp) {
		err = errno;
		close(fd);
		unlink(path);
		return err;
	}
	return 0;
}

int scnwrite_inf(const char *path, const char *user, const char *password)
{
	FILE *f = NULL;
	int err;

	if (!inf_value_ok(user) || !inf_value_ok(password))
		return EINVAL;
	err = inf_create(path, &f);
	if (err)
		return err;
	fprintf(f, "SEQUENTIAL\n[authentication username=%s password=%s]\n", user, password);
	if (fclose(f)) {
		unlink(path);
		return EIO;
	}
	return 0;
}

int scnwrite_inf_lines(const char *path, const char *user, const char *password,
		       const char *const *uris, size_t n)
{
	FILE *f = NULL;
	size_t i;
	int err;

	if (user && (!inf_value_ok(user) || !inf_value_ok(password)))
		return EINVAL;
	for (i = 0; i < n; i++)
		if (!uris[i] || strpbrk(uris[i], "\r\n"))
			return EINVAL;
	err = inf_create(path, &f);
	if (err)
		return err;
	fputs("SEQUENTIAL\n", f);
	for (i = 0; i < n; i++) {
		if (user)
			fprintf(f, "[authentication username=%s password=%s];%s\n", user, password,
				uris[i]);
		else
			fprintf(f, "-;%s\n", uris[i]);
	}
	if (fclose(f)) {
		unlink(path);
		return EIO;
	}
	return 0;
}

int scnwrite_ruri_fields(char *out, size_t size, size_t nsemi)
{
	size_t i, l = 0;
	int w;

	for (i = 0; i <= nsemi; i++) {
		w = snprintf(out + l, size - l, "%s[field%zu]", i ? ";" : "", i + 1);
		if (w < 0 || (size_t)w >= size - l)
			return ENOSPC;
		l += (size_t)w;
	}
	return 0;
}

/* The -inf file of creds in dir (inf[], "" when none was written): 0 or the error with why. */
static int run_creds(const struct plan_auth *creds, const struct scnwrite_shape *sh,
		     const char *dir, char *inf, size_t isize, char *why, size_t size)
{
	char pass[512];
	const char *w = NULL;
	int err;

	inf[0] = '\0';
	if (!sh->auth) {          /* a batch without credentials: the URIs only */
		snprintf(inf, isize, "%s/calls.csv", dir);
		err = scnwrite_inf_lines(inf, NULL, NULL, sh->inf_uris, sh->ninf);
		if (err) {
			snprintf(why, size, "cannot write the -inf file %s: %s", inf, err_str(err));
			inf[0] = '\0';
		}
		return err;
	}
	err = creds && creds->user ? plan_auth_password(creds, pass, sizeof(pass), &w) : EINVAL;
	if (err) {
		snprintf(why, size, "the password of %s%s%s%s: %s", creds && creds->user ? creds->user : "?",
			 creds && creds->password_env ? " (environment variable " : "",
			 creds && creds->password_env ? creds->password_env : "",
			 creds && creds->password_env ? ")" : "", w ? w : err_str(err));
		return err;
	}
	snprintf(inf, isize, "%s/credentials.csv", dir);
	err = sh->ninf ? scnwrite_inf_lines(inf, creds->user, pass, sh->inf_uris, sh->ninf) :
	      scnwrite_inf(inf, creds->user, pass);
	explicit_bzero(pass, sizeof(pass));
	if (err) {
		snprintf(why, size, "cannot hand the credentials of %s to SIPp: %s", creds->user,
			 err == EINVAL ? "the user or password holds a space, '[', ']' or ';'" :
			 err_str(err));
		inf[0] = '\0';
	}
	return err;
}

int scnwrite_run(struct sipp_result *res, struct sipp_job *job,
		 const struct scnwrite_shape *sh, const struct plan_auth *creds,
		 bool *ran, char *why, size_t size)
{
	char scn[1200], inf[1200];
	int err;

	*ran = false;
	why[0] = '\0';
	if (!scnwrite_needed(sh)) {
		file_copy(job->scenario, job->dir, "scenario.xml");   /* evidence only */
	} else {
		snprintf(scn, sizeof(scn), "%s/scenario.xml", job->dir);
		err = scnwrite_make(job->scenario, scn, sh);
		if (err) {
			snprintf(why, size, "cannot write the scenario %s: %s", scn,
				 err == EINVAL ? "a header, body, From or To value holds \"]]>\"" :
				 err_str(err));
			return err;
		}
		job->scenario = scn;
	}
	if (sh->auth || sh->ninf) {
		err = run_creds(creds, sh, job->dir, inf, sizeof(inf), why, size);
		if (err)
			return err;
		job->inf = inf;
	}
	*ran = true;
	err = sipp_run(res, job);
	if (job->inf)
		unlink(job->inf);   /* the password never stays in the evidence */
	job->inf = NULL;
	job->scenario = NULL;
	return err;
}
