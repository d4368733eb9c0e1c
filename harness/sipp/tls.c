/*
 * tls.c - the TLS terminator (tls.h): Debian's stunnel4 in client mode.
 *
 * Why stunnel and not socat: stunnel is made for this one job, checks the
 * peer's name itself (checkHost / checkIP, after the chain), sends SNI,
 * logs each failed handshake with OpenSSL's reason in a line a program
 * can read, and stays up for the whole run: one process, one listening
 * socket, one TLS connection per SIPp TCP connection.  socat would need
 * "fork" (a process per connection, harder to account for by PID) and
 * only prints OpenSSL's error on its own stderr.
 *
 * What stunnel 5.68 (Debian 12, OpenSSL 3.0) does, found by running it:
 *
 * Start.  With "foreground = yes" it logs to stderr (which goes to
 *   <dir>/stunnel.log) and stays our child.  It reads the configuration,
 *   loads the CA file, binds the accept socket and only then writes its
 *   pid file: a pid file holding our child's PID means "listening".  A
 *   configuration it refuses, or a port already taken, makes it exit 1
 *   and log "[!] ..." lines.  A missing CAfile is only an error when
 *   verification is on, so the files are checked here first.
 *
 * Each connection.  SIPp connects, stunnel connects to the SUT (bounded
 *   by TIMEOUTconnect), does the handshake (TIMEOUTbusy) and verifies;
 *   on failure it closes SIPp's connection and logs why.  A TLS 1.3
 *   server that refuses the client's certificate does so after the
 *   client's handshake has ended: the alert comes with the first read.
 *
 * Log grammar (debug = 6: down to "info", where a handshake timeout is
 * logged), one event a line:
 *
 *   line    = stamp " LOG" level "[" id "]: " text LF   ; running
 *           / "[" sym "] " text LF                      ; before it runs
 *           / text LF                                   ; anything else
 *   stamp   = 4DIGIT "." 2DIGIT "." 2DIGIT SP 2DIGIT ":" 2DIGIT ":" 2DIGIT
 *   level   = DIGIT                      ; syslog: 3 error, 4 warning, 5 notice
 *   sym     = 1*3( "!" / "?" / "." / SP ) ; "!" error, "?" warning, "." notice
 *
 * The texts read here (anything else is ignored):
 *
 *   "CERT: Pre-verification error: " REASON     the chain did not verify
 *   "CERT: Subject checks failed"               the name did not match
 *   "Rejected by CERT at depth=" N ": " SUBJECT
 *   "SSL_connect: " [FILE ":" LINE ": "] "error:" HEX ":" LIB ":" [FUNC] ":" REASON
 *   "SSL_read: " ... / "SSL_write: " ...        an alert after the handshake
 *   "s_connect: connect " ADDR ": " STRERROR " (" ERRNO ")"
 *   "s_connect: s_poll_wait " ADDR ": TIMEOUTconnect exceeded"
 *   "ssl_start: s_poll_wait: TIMEOUTbusy exceeded: sending reset"
 *   "stunnel " VERSION " on " PLATFORM / "Running  with OpenSSL " VERSION
 *
 * Process: sipp/child.c, as for SIPp (argv, no shell; its own process
 * group; no inherited descriptor; signal dispositions reset; SIGKILL if
 * the harness dies first, so an aborted run leaves no listener); stderr
 * and stdout go to the log.  tls_stop() kills the group: TERM, then KILL.
 */
#include "sipp/tls.h"
#include "sipp/child.h"
#include "base/diag.h"
#include "base/file.h"
#include "base/monotime.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define START_WAIT_MS 5000      /* per attempt, until the pid file appears */
#define STOP_TERM_MS 2000       /* TERM, then this long, then KILL */
#define START_ATTEMPTS 3        /* another process may take the port */
#define DEFAULT_TIMEOUT_S 5
#define MAX_TIMEOUT_S 300
#define LOG_READ_MAX (1u << 18) /* tls_check reads at most this per call */
#define START_LOG_MAX (1u << 18) /* what a failed start's log is read for */
#define CONF_MAX 8192

struct tls_tunnel {
	struct child ch;         /* ch.pid 0: not running (reaped) */
	uint16_t port;
	unsigned timeout_s;
	off_t log_off;           /* tls_check has read the log up to here */
	const char *host;        /* static "127.0.0.1" / "::1" */
	char name[256];          /* what the certificate must name */
	char version[96];
	char dir[PATH_MAX];      /* absolute */
	char conf_path[PATH_MAX];
	char log_path[PATH_MAX];
	char pid_path[PATH_MAX];
};

/* ---- small helpers --------------------------------------------------- */

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int say(char *why, size_t size, int rc, const char *fmt, ...)
	DIAG_PRINTF(4, 5);

/* Fill why (if any) and return rc, so callers can "return say(...)". */
static int say(char *why, size_t size, int rc, const char *fmt, ...)
{
	va_list ap;

	if (why && size) {
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/* Copy n bytes of log text, every control byte and DEL and above as '?'. */
static void copy_clean(char *out, size_t size, const char *p, size_t n)
{
	size_t i;

	if (!size)
		return;
	if (n > size - 1)
		n = size - 1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		out[i] = (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
	}
	out[n] = '\0';
}

static bool has_prefix(const char *p, size_t n, const char *pre, size_t *len)
{
	size_t l = strlen(pre);

	if (n < l || memcmp(p, pre, l) != 0)
		return false;
	*len = l;
	return true;
}

static const char *mem_find(const char *p, size_t n, const char *needle)
{
	size_t l = strlen(needle);

	for (size_t i = 0; l <= n && i <= n - l; i++)
		if (memcmp(p + i, needle, l) == 0)
			return p + i;
	return NULL;
}

/* ---- checking what goes into the configuration ----------------------- */

/*
 * A value stunnel reads back as written: no control byte (a LF would
 * start a new option), no DEL, no space at either end (stunnel trims).
 */
static bool conf_text_ok(const char *s)
{
	size_t n;

	if (!s || !*s)
		return false;
	n = strlen(s);
	if (n >= PATH_MAX || s[0] == ' ' || s[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return false;
	}
	return true;
}

/* A DNS name (RFC 1123 labels), not an IP literal: what SNI may carry. */
static bool dns_name_ok(const char *s)
{
	unsigned char a[16];
	size_t label = 0, n;

	if (!s || !*s || (n = strlen(s)) > 253)
		return false;
	if (inet_pton(AF_INET, s, a) == 1 || strchr(s, ':'))
		return false;
	for (size_t i = 0; i <= n; i++) {
		char c = s[i];

		if (c == '.' || c == '\0') {
			if (label == 0 || s[i - 1] == '-')
				return false;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return false;
		if ((label == 0 && c == '-') || ++label > 63)
			return false;
	}
	return true;
}

/*
 * A readable regular file; its absolute path into out (what stunnel gets,
 * whatever its cwd).  what names it in why.
 */
static int file_ok(char *out, const char *path, const char *what, char *why,
		   size_t size)
{
	struct stat st;
	char *abs;
	int fd, e;

	if (!conf_text_ok(path))
		return say(why, size, EINVAL, "TLS: %s: unusable file name", what);
	abs = realpath(path, NULL);
	if (!abs) {
		e = errno ? errno : ENOENT;
		return say(why, size, e, "TLS: cannot read %s %s: %s", what, path,
			   strerror(e));
	}
	fd = open(abs, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		e = fd < 0 ? errno : EISDIR;
		if (fd >= 0)
			close(fd);
		free(abs);
		return say(why, size, e, "TLS: cannot read %s %s: %s", what, path,
			   e == EISDIR ? "not a regular file" : strerror(e));
	}
	close(fd);
	if (!conf_text_ok(abs) || strlen(abs) >= PATH_MAX) {
		free(abs);
		return say(why, size, EINVAL, "TLS: %s: unusable file name", what);
	}
	strcpy(out, abs);
	free(abs);
	return 0;
}

/* ---- the configuration ----------------------------------------------- */

struct files {
	char ca[PATH_MAX], cert[PATH_MAX], key[PATH_MAX];
};

/* Append to buf (size CONF_MAX); ENAMETOOLONG when it does not fit. */
static int conf_add(char *buf, size_t *len, const char *fmt, ...)
	DIAG_PRINTF(3, 4);

static int conf_add(char *buf, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *len, CONF_MAX - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= CONF_MAX - *len)
		return ENAMETOOLONG;
	*len += (size_t)n;
	return 0;
}

/* Every value was checked by tls_start (conf_text_ok, dns_name_ok). */
static int conf_write(const struct tls_tunnel *t, const struct tls_conf *c,
		      const struct files *f)
{
	char buf[CONF_MAX];
	size_t len = 0;
	int rc = 0;

	rc |= conf_add(buf, &len,
		       "; stunnel.conf - written by sipconform (sipp/tls.c) for one run\n"
		       "foreground = yes\nsyslog = no\ndebug = 6\npid = %s\n"
		       "[sip]\nclient = yes\naccept = %s:%u\nconnect = %s:%u\n"
		       "TIMEOUTconnect = %u\nTIMEOUTbusy = %u\nTIMEOUTclose = 0\n",
		       t->pid_path, t->host, (unsigned)t->port, c->remote_host,
		       (unsigned)c->remote_port, t->timeout_s, t->timeout_s);
	/* SNI names the target; an empty value turns it off (IP literal). */
	rc |= conf_add(buf, &len, "sni = %s\n", c->sni ? c->sni : "");
	if (!c->insecure) {
		rc |= conf_add(buf, &len, "verifyChain = yes\nCAfile = %s\n", f->ca);
		if (c->sni)
			rc |= conf_add(buf, &len, "checkHost = %s\n", c->sni);
		else
			rc |= conf_add(buf, &len, "checkIP = %s\n", c->remote_host);
	}
	if (c->cert_file)
		rc |= conf_add(buf, &len, "cert = %s\nkey = %s\n", f->cert, f->key);
	if (rc)
		return ENAMETOOLONG;
	return file_write(t->dir, "stunnel.conf", (struct pl){ buf, len });
}

/* ---- the process ----------------------------------------------------- */

/* A free TCP port on the loopback address host (the kernel's choice). */
static int free_port(const char *host, uint16_t *port)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, rc = 0;

	memset(&ss, 0, sizeof(ss));
	if (strchr(host, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sl = sizeof(*s4);
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (bind(fd, (struct sockaddr *)&ss, sl) < 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) < 0)
		rc = errno;
	else
		*port = ntohs(ss.ss_family == AF_INET6 ?
			      ((struct sockaddr_in6 *)&ss)->sin6_port :
			      ((struct sockaddr_in *)&ss)->sin_port);
	close(fd);
	return rc;
}

/*
 * Start stunnel: its stdout and stderr to the log (created afresh).
 * @return 0, or errno (ENOENT/EACCES: no such binary; why says which)
 */
static int spawn(struct tls_tunnel *t, const char *stunnel, char *why, size_t size)
{
	char bin[PATH_MAX];
	char *argv[] = { bin, t->conf_path, NULL };
	int rc, fd;

	rc = child_find_exec(bin, sizeof(bin), stunnel);
	if (rc)
		return say(why, size, rc, "TLS: cannot run %s: %s", stunnel, strerror(rc));
	/* O_APPEND: stunnel's writes land at the end whatever else was added
	 * (check_tls appends lines while it runs; without it stunnel's own
	 * offset overwrote them when its start-up lines came late). */
	fd = open(t->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return say(why, size, errno, "TLS: cannot write %s: %s", t->log_path,
			   strerror(errno));
	rc = child_spawn(&t->ch, bin, argv, t->dir, fd, fd);
	close(fd);
	if (rc)
		return say(why, size, rc, "TLS: cannot run %s: %s", bin, strerror(rc));
	return 0;
}

/* Has stunnel exited?  (Not reaped: end() does that.) */
static bool exited(const struct tls_tunnel *t)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	while (waitid(P_PID, (id_t)t->ch.pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
		if (errno != EINTR)
			return true;    /* ECHILD: not ours any more */
	return si.si_pid == t->ch.pid;
}

/*
 * End stunnel (TERM to its group, STOP_TERM_MS, KILL; at once if it has
 * exited already) and reap it.  @return its waitpid status
 */
static int end(struct tls_tunnel *t)
{
	struct child_watch w;

	memset(&w, 0, sizeof(w));
	w.deadline = monotime_now();
	w.term_wait_ms = STOP_TERM_MS;
	if (child_watch(&t->ch, &w) != 0)
		w.status = 0;
	t->ch.pid = 0;
	return w.status;
}

/* The first size - 1 bytes of path, NUL-terminated ("" if unreadable). */
static void read_head(const char *path, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	while (fd >= 0 && n < size - 1) {
		r = read(fd, buf + n, size - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	if (fd >= 0)
		close(fd);
	buf[n] = '\0';
}

/* Does the pid file hold our child's PID (stunnel is listening)? */
static bool pid_file_ours(const struct tls_tunnel *t)
{
	char buf[32];

	read_head(t->pid_path, buf, sizeof(buf));
	return buf[0] && strtol(buf, NULL, 10) == (long)t->ch.pid;
}

/* ---- reading the log ------------------------------------------------- */

/*
 * One log line (without LF) split per the grammar at the top: *level 3
 * error .. 7, or 0 for a line of another form; *text and *tn the text.
 */
static void log_split(const char *p, size_t n, int *level, const char **text,
		      size_t *tn)
{
	const char *e;

	*level = 0;
	*text = p;
	*tn = n;
	if (n > 25 && p[4] == '.' && p[7] == '.' && p[10] == ' ' &&
	    memcmp(p + 19, " LOG", 4) == 0 && p[23] >= '0' && p[23] <= '7' &&
	    p[24] == '[' && (e = mem_find(p + 24, n - 24, "]: ")) != NULL) {
		*level = p[23] - '0';
		*text = e + 3;
		*tn = n - (size_t)(e + 3 - p);
	} else if (n >= 4 && p[0] == '[' && (e = memchr(p, ']', n < 5 ? n : 5)) &&
		   (size_t)(e - p) + 1 < n && e[1] == ' ') {
		*level = p[1] == '!' ? 3 : p[1] == '?' ? 4 : p[1] == '.' ? 5 : 7;
		*text = e + 2;
		*tn = n - (size_t)(e + 2 - p);
	}
}

/*
 * OpenSSL's reason out of "...: error:0A000086:SSL routines::certificate
 * verify failed" (the text after the code's last ':'), or the text after
 * the "SSL_connect: " style prefix when there is no error code.
 */
static void ssl_reason(char *out, size_t size, const char *p, size_t n)
{
	const char *e = mem_find(p, n, "error:");

	if (e) {
		const char *end = p + n, *q = e + 6;
		int colons = 0;

		/* error: CODE : LIB : FUNC : REASON */
		while (q < end && colons < 3)
			colons += *q++ == ':';
		if (colons == 3) {
			copy_clean(out, size, q, (size_t)(end - q));
			return;
		}
	}
	copy_clean(out, size, p, n);
}

struct scan {
	int rc;
	char why[512];
	char verify[256];    /* the last verification error seen */
	char subject[200];   /* the certificate it was about */
};

static void scan_line(struct scan *s, const struct tls_tunnel *t,
		      const char *p, size_t n)
{
	const char *text, *q;
	size_t tn, l;
	int level;
	char reason[256];

	log_split(p, n, &level, &text, &tn);
	if (s->rc || level == 0 || level > 6)
		return;
	if (has_prefix(text, tn, "CERT: Pre-verification error: ", &l)) {
		copy_clean(s->verify, sizeof(s->verify), text + l, tn - l);
	} else if (has_prefix(text, tn, "CERT: Subject checks failed", &l)) {
		snprintf(s->verify, sizeof(s->verify),
			 "the certificate does not name %s", t->name);
	} else if (has_prefix(text, tn, "Rejected by CERT at depth=", &l)) {
		q = memchr(text + l, ':', tn - l);
		if (q && q + 2 <= text + tn) {
			char d[8], subj[160];

			copy_clean(d, sizeof(d), text + l, (size_t)(q - text - l));
			copy_clean(subj, sizeof(subj), q + 2, (size_t)(text + tn - q - 2));
			snprintf(s->subject, sizeof(s->subject), " (depth %s: %s)", d, subj);
		}
	} else if (has_prefix(text, tn, "SSL_connect: ", &l)) {
		s->rc = EPROTO;
		ssl_reason(reason, sizeof(reason), text + l, tn - l);
		if (s->verify[0])
			snprintf(s->why, sizeof(s->why), "certificate verify failed: %s%s",
				 s->verify, s->subject);
		else
			snprintf(s->why, sizeof(s->why), "handshake failure: %s", reason);
	} else if ((has_prefix(text, tn, "SSL_read: ", &l) ||
		    has_prefix(text, tn, "SSL_write: ", &l)) &&
		   mem_find(text, tn, " alert ")) {
		s->rc = EPROTO;
		ssl_reason(reason, sizeof(reason), text + l, tn - l);
		snprintf(s->why, sizeof(s->why), "TLS alert from the SUT: %s%s", reason,
			 mem_find(text, tn, "certificate required") ?
			 " (the SUT wants a client certificate)" : "");
	} else if (has_prefix(text, tn, "ssl_start: s_poll_wait: TIMEOUTbusy exceeded", &l)) {
		s->rc = ETIMEDOUT;
		snprintf(s->why, sizeof(s->why), "TLS handshake timed out after %u s",
			 t->timeout_s);
	} else if (has_prefix(text, tn, "s_connect: s_poll_wait ", &l) &&
		   mem_find(text, tn, "TIMEOUTconnect exceeded")) {
		s->rc = ETIMEDOUT;
		snprintf(s->why, sizeof(s->why), "TCP connect timed out after %u s",
			 t->timeout_s);
	} else if (has_prefix(text, tn, "s_connect: connect ", &l) && tn > l + 4 &&
		   text[tn - 1] == ')') {
		/* "s_connect: connect ADDR: Connection refused (111)" */
		const char *open = NULL, *colon = NULL;

		for (q = text + l; q < text + tn; q++) {
			if (q[0] == ':' && q + 1 < text + tn && q[1] == ' ')
				colon = q;
			if (q[0] == '(')
				open = q;
		}
		if (!colon || !open || open < colon + 3)
			return;
		s->rc = (int)strtol(open + 1, NULL, 10);
		if (s->rc <= 0 || s->rc > 4095)
			s->rc = EIO;
		copy_clean(s->why, sizeof(s->why), colon + 2, (size_t)(open - 1 - colon - 2));
		if (s->why[0] >= 'A' && s->why[0] <= 'Z')
			s->why[0] = (char)(s->why[0] - 'A' + 'a');
	}
}

/*
 * Read the log from *off (at most LOG_READ_MAX bytes), feed each whole
 * line to scan_line, move *off past them.  @return 0 or errno
 */
static int log_scan(struct scan *s, const struct tls_tunnel *t, off_t *off)
{
	char *buf;
	ssize_t r;
	size_t n = 0, start = 0;
	int fd = open(t->log_path, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return errno;
	buf = malloc(LOG_READ_MAX);
	if (!buf) {
		close(fd);
		return ENOMEM;
	}
	while (n < LOG_READ_MAX) {
		r = pread(fd, buf + n, LOG_READ_MAX - n, *off + (off_t)n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			rc = errno;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	for (size_t i = 0; i < n; i++) {
		if (buf[i] != '\n')
			continue;
		scan_line(s, t, buf + start, i - start);
		start = i + 1;
	}
	/* A line longer than the whole window is skipped, not waited for. */
	if (start == 0 && n == LOG_READ_MAX)
		start = n;
	*off += (off_t)start;
	free(buf);
	return rc;
}

/* "stunnel 5.68, OpenSSL 3.0.19" from the first lines of the log. */
static void log_version(struct tls_tunnel *t)
{
	char buf[4096], st[32] = "", ssl[32] = "";
	const char *p;

	read_head(t->log_path, buf, sizeof(buf));
	if ((p = strstr(buf, "stunnel ")) != NULL)
		copy_clean(st, sizeof(st), p + 8, strcspn(p + 8, " \n"));
	/* "Compiled with OpenSSL X" comes first; the library in use is
	 * "Running  with OpenSSL Y". */
	if ((p = strstr(buf, "Running")) != NULL && (p = strstr(p, "with OpenSSL ")) != NULL)
		copy_clean(ssl, sizeof(ssl), p + 13, strcspn(p + 13, " \n"));
	if (st[0])
		snprintf(t->version, sizeof(t->version), "stunnel %s%s%s", st,
			 ssl[0] ? ", OpenSSL " : "", ssl);
}

/* start_failure's reading of the log text buf; 0 if it says nothing. */
static int start_words(char *buf, uint16_t port, char *why, size_t size)
{
	if (strstr(buf, "Address already in use"))
		return say(why, size, EADDRINUSE, "TLS: port %u is taken", (unsigned)port);
	for (char *line = buf, *nl; *line; line = nl + 1) {
		const char *text;
		size_t tn;
		int level;

		nl = strchr(line, '\n');
		if (!nl)
			break;
		log_split(line, (size_t)(nl - line), &level, &text, &tn);
		if (level == 3 && !mem_find(text, tn, "Unhandled error library")) {
			char w[400];

			ssl_reason(w, sizeof(w), text, tn);
			if (mem_find(text, tn, "error:")) {
				/* "SSL_CTX_use_PrivateKey_file: ...: key values mismatch" */
				const char *c = memchr(text, ':', tn);
				char fn[64];

				copy_clean(fn, sizeof(fn), text, c ? (size_t)(c - text) : 0);
				return say(why, size, EPROTO, "TLS: stunnel: %s%s%s", fn,
					   fn[0] ? ": " : "", w);
			}
			return say(why, size, EPROTO, "TLS: stunnel: %s", w);
		}
	}
	return 0;
}

/*
 * Why did stunnel exit during start?  The first error line of its log,
 * or the exit status.  (A failed start dumps every line it had, 150
 * "Configured trusted server CA" lines with the system store: the whole
 * log is read, up to START_LOG_MAX.)  @return EADDRINUSE (retry on
 * another port), ENOMEM, else EPROTO
 */
static int start_failure(const struct tls_tunnel *t, int status, char *why,
			 size_t size)
{
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1, rc;
	char *buf = malloc(START_LOG_MAX);

	if (!buf)
		return say(why, size, ENOMEM, "TLS: out of memory");
	read_head(t->log_path, buf, START_LOG_MAX);
	rc = start_words(buf, t->port, why, size);
	free(buf);
	if (rc)
		return rc;
	if (WIFSIGNALED(status))
		return say(why, size, EPROTO, "TLS: stunnel was killed by signal %d",
			   WTERMSIG(status));
	return say(why, size, EPROTO, "TLS: stunnel exited with status %d", code);
}


/* ---- the API --------------------------------------------------------- */

static int conf_check(const struct tls_conf *c, struct files *f, char *why,
		      size_t size)
{
	unsigned char a[16];
	int rc;

	if (!c->remote_host || (inet_pton(AF_INET, c->remote_host, a) != 1 &&
				inet_pton(AF_INET6, c->remote_host, a) != 1))
		return say(why, size, EINVAL, "TLS: the SUT's address must be an IP literal");
	if (c->remote_port == 0)
		return say(why, size, EINVAL, "TLS: the SUT's port must not be 0");
	if (c->sni && !dns_name_ok(c->sni))
		return say(why, size, EINVAL, "TLS: the target name is not a DNS name");
	if (!c->dir || !conf_text_ok(c->dir))
		return say(why, size, EINVAL, "TLS: unusable directory name");
	if (c->stunnel && !conf_text_ok(c->stunnel))
		return say(why, size, EINVAL, "TLS: unusable stunnel path");
	if (c->timeout_s > MAX_TIMEOUT_S)
		return say(why, size, EINVAL, "TLS: timeout over %u s", MAX_TIMEOUT_S);
	if (!c->cert_file != !c->key_file)
		return say(why, size, EINVAL,
			   "TLS: a client certificate needs its key and a key its certificate");
	if (c->cert_file) {
		rc = file_ok(f->cert, c->cert_file, "client certificate", why, size);
		if (!rc)
			rc = file_ok(f->key, c->key_file, "client key", why, size);
		if (rc)
			return rc;
	}
	if (!c->insecure)
		return file_ok(f->ca, c->ca_file ? c->ca_file : TLS_SYSTEM_CA,
			       c->ca_file ? "CA file" : "the system CA store", why, size);
	return 0;
}

static int path_in(char *out, const char *dir, const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", dir, name);

	return (n < 0 || n >= PATH_MAX) ? ENAMETOOLONG : 0;
}

/* One attempt on a fresh port: write the conf, start, wait for the pid file. */
static int start_once(struct tls_tunnel *t, const struct tls_conf *c,
		      const struct files *f, char *why, size_t size)
{
	double deadline;
	int rc;
	unsigned nap = 1;

	rc = free_port(t->host, &t->port);
	if (rc)
		return say(why, size, rc, "TLS: no free port on %s: %s", t->host,
			   strerror(rc));
	rc = conf_write(t, c, f);
	if (rc)
		return say(why, size, rc, "TLS: cannot write %s: %s", t->conf_path,
			   strerror(rc));
	/* A stale pid file or log must not pass for this run's. */
	if (unlink(t->pid_path) < 0 && errno != ENOENT)
		return say(why, size, errno, "TLS: cannot remove %s: %s", t->pid_path,
			   strerror(errno));
	rc = spawn(t, c->stunnel ? c->stunnel : "stunnel4", why, size);
	if (rc)
		return rc;
	deadline = monotime_now() + START_WAIT_MS / 1000.0;
	for (;;) {
		if (exited(t))
			return start_failure(t, end(t), why, size);
		if (pid_file_ours(t))
			return 0;
		if (monotime_now() >= deadline)
			break;
		sleep_ms(nap);
		if (nap < 16)
			nap *= 2;
	}
	end(t);
	return say(why, size, ETIMEDOUT, "TLS: stunnel did not listen within %u ms",
		   START_WAIT_MS);
}

int tls_start(struct tls_tunnel **tp, const struct tls_conf *c, char *why,
	      size_t whysize)
{
	struct tls_tunnel *t;
	struct files f;
	char *dir;
	int rc;

	if (why && whysize)
		why[0] = '\0';
	if (!tp || !c)
		return say(why, whysize, EINVAL, "TLS: no configuration");
	*tp = NULL;
	memset(&f, 0, sizeof(f));
	rc = conf_check(c, &f, why, whysize);
	if (rc)
		return rc;
	t = calloc(1, sizeof(*t));
	if (!t)
		return say(why, whysize, ENOMEM, "TLS: out of memory");
	t->host = strchr(c->remote_host, ':') ? "::1" : "127.0.0.1";
	t->timeout_s = c->timeout_s ? c->timeout_s : DEFAULT_TIMEOUT_S;
	snprintf(t->name, sizeof(t->name), "%s", c->sni ? c->sni : c->remote_host);
	dir = realpath(c->dir, NULL);
	if (!dir) {
		rc = errno ? errno : ENOENT;
		free(t);
		return say(why, whysize, rc, "TLS: directory %s: %s", c->dir, strerror(rc));
	}
	if (!conf_text_ok(dir) || path_in(t->conf_path, dir, "stunnel.conf") ||
	    path_in(t->log_path, dir, "stunnel.log") ||
	    path_in(t->pid_path, dir, "stunnel.pid")) {
		free(dir);
		free(t);
		return say(why, whysize, EINVAL, "TLS: unusable directory name");
	}
	snprintf(t->dir, sizeof(t->dir), "%s", dir);   /* shorter than conf_path */
	free(dir);
	for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
		rc = start_once(t, c, &f, why, whysize);
		if (rc != EADDRINUSE)
			break;
	}
	if (rc) {
		free(t);
		return rc;
	}
	log_version(t);
	/* tls_check reports what happens from here on. */
	{
		struct stat st;

		t->log_off = stat(t->log_path, &st) == 0 ? st.st_size : 0;
	}
	*tp = t;
	return 0;
}

const char *tls_local_host(const struct tls_tunnel *t)
{
	return t ? t->host : "";
}

uint16_t tls_local_port(const struct tls_tunnel *t)
{
	return t ? t->port : 0;
}

pid_t tls_pid(const struct tls_tunnel *t)
{
	return t ? t->ch.pid : 0;
}

const char *tls_log_path(const struct tls_tunnel *t)
{
	return t ? t->log_path : "";
}

const char *tls_version(const struct tls_tunnel *t)
{
	return t ? t->version : "";
}

int tls_check(struct tls_tunnel *t, char *why, size_t whysize)
{
	struct scan s;
	int rc, status;

	if (why && whysize)
		why[0] = '\0';
	if (!t)
		return say(why, whysize, EINVAL, "TLS: no tunnel");
	memset(&s, 0, sizeof(s));
	rc = log_scan(&s, t, &t->log_off);
	if (s.rc)
		return say(why, whysize, s.rc, "%s", s.why);
	if (rc)
		return say(why, whysize, rc, "TLS: cannot read %s: %s", t->log_path,
			   strerror(rc));
	if (t->ch.pid == 0)
		return say(why, whysize, ESRCH, "TLS: stunnel is not running");
	if (exited(t)) {
		status = end(t);
		if (WIFSIGNALED(status))
			return say(why, whysize, ESRCH, "TLS: stunnel was killed by signal %d",
				   WTERMSIG(status));
		return say(why, whysize, ESRCH, "TLS: stunnel exited with status %d",
			   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	return 0;
}

void tls_stop(struct tls_tunnel *t)
{
	if (!t)
		return;
	if (t->ch.pid > 0)
		end(t);
	free(t);
}
