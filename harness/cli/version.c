/*
 * version.c - -V / --version (see version.h).
 */
#include "cli/version.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/file.h"
#include "base/monotime.h"
#include "sipp/child.h"
#include "sipp/sipp.h"

#define VERSION_STUNNEL "stunnel4"      /* what sipp/tls.c runs */
#define VERSION_BOUND_S 3.0

/*
 * "stunnel 5.68, OpenSSL 3.0.19" from what `stunnel4 -version` printed
 * (on stderr: "stunnel 5.68 on x86_64-pc-linux-gnu platform", "Running
 * with OpenSSL 3.0.19 27 Jan 2026"), or "" when it says neither.
 */
static void version_stunnel_words(char *out, size_t size, const char *text)
{
	const char *p = strstr(text, "stunnel "), *q = strstr(text, "Running");
	int np = 0, nq = 0;

	out[0] = '\0';
	if (p) {
		p += strlen("stunnel ");
		np = (int)strspn(p, "0123456789.");
	}
	/* The OpenSSL it runs with, not the one it was compiled with. */
	if (q && (q = strstr(q, "OpenSSL ")) != NULL) {
		q += strlen("OpenSSL ");
		nq = (int)strspn(q, "0123456789.abcdefghijklmnopqrstuvwxyz");
	}
	if (np)
		snprintf(out, size, "stunnel %.*s%s%.*s", np, p, nq ? ", OpenSSL " : "",
			 nq, nq ? q : "");
}

/* Run bin -version (bounded) and put its version words into out ("" if none). */
static void version_stunnel(char *out, size_t size, const char *bin)
{
	char path[PATH_MAX], opt[] = "-version", buf[2048];
	char *argv[] = { path, opt, NULL };
	struct child ch;
	struct child_watch w;
	ssize_t n;
	int fd;

	out[0] = '\0';
	snprintf(path, sizeof(path), "%s", bin);
	fd = file_anon_fd();
	if (fd < 0)
		return;
	if (child_spawn(&ch, path, argv, NULL, fd, fd) == 0) {
		memset(&w, 0, sizeof(w));
		w.deadline = ch.started + VERSION_BOUND_S;
		w.term_wait_ms = 200;
		w.past_stop = true;
		if (child_watch(&ch, &w) == 0 && (n = pread(fd, buf, sizeof(buf) - 1, 0)) > 0) {
			buf[n] = '\0';
			version_stunnel_words(out, size, buf);
		}
	}
	close(fd);
}

void version_print(FILE *fp, const char *sipp)
{
	char bin[PATH_MAX], v[64], sv[128];
	int err;

	fprintf(fp, "sipconform %s\n", SIPCONFORM_VERSION);
	err = child_find_exec(bin, sizeof(bin), sipp ? sipp : "sipp");
	if (err)
		fprintf(fp, "SIPp: %s: %s (Debian package sip-tester)\n", sipp ? sipp : "sipp",
			sipp_probe_str(err == ENOENT ? ENOENT : EACCES));
	else if ((err = sipp_probe(bin, v, sizeof(v))) != 0)
		fprintf(fp, "SIPp: %s: %s\n", bin, sipp_probe_str(err));
	else
		fprintf(fp, "SIPp: %s, version %s\n", bin, v);
	fputs("TLS: by the " VERSION_STUNNEL " terminator (SIPp has no TLS): ", fp);
	if (child_find_exec(bin, sizeof(bin), VERSION_STUNNEL) != 0)
		fputs("not installed (Debian package stunnel4): transport tls unavailable\n", fp);
	else {
		version_stunnel(sv, sizeof(sv), bin);
		fprintf(fp, "%s, %s\n", bin, sv[0] ? sv : "version unknown");
	}
}
