/*
 * scnwrite.h - write the scenario of one test shape: a copy of
 * scenarios/uac_request.xml or uac_invite.xml with the test's
 * credentials step, headers, body, From and To written into it.
 *
 * Why a file per shape and not -key values: a SIPp key cannot hold a
 * line break, and a test may add any number of headers and a body of
 * several lines.  The values were validated by the suite loader (no CR,
 * LF, NUL, no SIPp [keyword]); this module refuses the one thing that
 * could still break the file, "]]>" (the end of the CDATA).  The
 * password is never written: the credentials step sends [field0], the
 * line of an -inf file the caller writes (and removes).
 *
 * Template contract (what the scenarios hold, see their header comments):
 *   "<!--@auth" ... "@auth-->" lines enclose the steps used only with
 *   credentials: kept (marker lines dropped) when shape->auth, removed
 *   otherwise.  In every send: a From line starting
 *   "From: <sip:sipconform@[local_ip]:[local_port]>" (the from URI
 *   replaces the bracketed part); in the request sends (first line
 *   "[request_line] ..." or "INVITE ..."): "To: <[ruri]>", an optional
 *   "Contact: <sip:sipconform@..." line, "User-Agent: sipconform", an
 *   optional "Content-Type:" line and "Content-Length:" followed by the
 *   body up to "]]>".
 */
#ifndef SIPCONFORM_SCNWRITE_H
#define SIPCONFORM_SCNWRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "suite/plan.h"

struct scnwrite_shape {
	bool auth;                         /* keep the @auth steps */
	const struct plan_header *headers; /* extra headers, in order */
	size_t nheaders;
	const char *body;                  /* LF lines; NULL: the template's own */
	const char *content_type;          /* with body */
	const char *from, *to;             /* URIs; NULL: the template's own */
	/* A batch (run/batch.h): the method written literally and the
	 * Request-URI (and To, without to) taken from the -inf file, one
	 * line per call: field0 the credentials line (or "-"), fields 1..
	 * the URI's ';'-separated segments, ruri_fields "[field1];[field2]"
	 * as many as the URIs have.  NULL/0: the keys request_line, ruri. */
	const char *method;
	const char *ruri_fields;
	const char *const *inf_uris;       /* per call, in call order */
	size_t ninf;
};

/** Does shape change anything in a template? */
bool scnwrite_needed(const struct scnwrite_shape *shape);

/**
 * Write template tmpl with shape applied to out (created 0644, replaced).
 * @return 0; ENOENT tmpl unreadable; EINVAL a value holds "]]>";
 *         EBADMSG tmpl does not follow the contract above; other errno.
 */
int scnwrite_make(const char *tmpl, const char *out, const struct scnwrite_shape *shape);

/**
 * Write the -inf file path (0600, O_EXCL after removing a stale one):
 * "SEQUENTIAL" and the line "[authentication username=U password=P]".
 * @return 0; EINVAL when user or password hold a space, '[', ']' or ';'
 *         (SIPp would cut them there); other errno.
 */
int scnwrite_inf(const char *path, const char *user, const char *password);

/**
 * Write the -inf file of a batch (0600, like scnwrite_inf): "SEQUENTIAL"
 * and per URI the line "F0;URI", F0 the credentials line when user is
 * set, else "-" (a line starting with '#' would be a comment to SIPp).
 * @return 0; EINVAL as scnwrite_inf, or a URI holding a LF or CR; other errno.
 */
int scnwrite_inf_lines(const char *path, const char *user, const char *password,
		       const char *const *uris, size_t n);

/**
 * "[field1];...;[fieldK+1]" for a URI with K ';' into out.
 * @return 0; ENOSPC out too small
 */
int scnwrite_ruri_fields(char *out, size_t size, size_t nsemi);

struct sipp_job;
struct sipp_result;

/**
 * Run job (sipp/sipp.h) in the shape sh: the scenario written into
 * job->dir/scenario.xml (scnwrite_make) when scnwrite_needed(sh), else
 * job->scenario copied there (the evidence); with sh->auth the password
 * of creds read now (plan_auth_password) into the -inf file
 * job->dir/credentials.csv, removed as soon as SIPp has ended.
 * With sh->ninf the -inf file holds one line per call
 * (scnwrite_inf_lines), the credentials in each when sh->auth.
 * job->scenario and job->inf are set for the run.
 * @return 0 with *ran and sipp_run()'s result in res; when sipp_run()
 *         fails, its error with *ran true; when nothing could be run
 *         (the scenario or the credentials), the error with *ran false
 *         and why in words (never showing the password).
 */
int scnwrite_run(struct sipp_result *res, struct sipp_job *job,
		 const struct scnwrite_shape *sh, const struct plan_auth *creds,
		 bool *ran, char *why, size_t size);

#endif
