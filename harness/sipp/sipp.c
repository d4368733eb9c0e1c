/*
 * sipp.c - run SIPp once (sipp.h); child.c starts, watches and kills it.
 *
 * What SIPp 3.6.1 does, found by running it on loopback (UDP and TCP,
 * 127.0.0.1 and ::1) and by reading its source:
 *
 * Message log.  -trace_msg -message_file F writes every message SIPp sends
 *   or receives, byte-exact with its length, in blocks that start with a
 *   line of 47 dashes and a timestamp; siplog.c holds the grammar.  No
 *   peer address is logged.  A received datagram that does not look like
 *   SIP or has no Call-ID is dropped before it is logged.  -trace_err
 *   -error_file F gets SIPp's warnings and errors ("receive timeout ...
 *   aborting call", "X timed out after '2.000' seconds", "Unable to load
 *   or parse 'x.xml'"); stderr gets the same fatal errors plus
 *   "Resolving remote host ... Done."; stdout gets the statistics screen.
 *   Without -trace_screen/-trace_stat/-trace_logs nothing else is written,
 *   and we run SIPp with its cwd in the case directory anyway.
 *
 * Any final response.  <recv response=> matches one exact code only, but
 *   a <recv request=".*" regexp_match="true"> also matches responses (the
 *   request name SIPp computes for a response is empty), so the scenarios
 *   use one receive step that takes every message, read the code with an
 *   <ereg>, and loop while it is 1xx.  Every message stays in the log and
 *   the call ends with success (exit 0) whatever the final code.
 *
 * ACK (RFC 3261 17.1.1.3).  SIPp's own [branch] depends on the message
 *   index, so uac_invite.xml keeps the INVITE's branch in a variable and
 *   reuses it; [last_To:] gives the To of the final response with its tag.
 *   Checked in the log: same Request-URI, Via, From, Call-ID, CSeq number.
 *
 * Keys.  -key NAME VALUE is substituted when the scenario is loaded, as a
 *   literal.  SIPp refuses a keyword as the METHOD of a request ("You can
 *   not use a keyword for the METHOD ..."), but a key is a literal: a key
 *   "request_line" = "MESSAGE sip:bob@example.com" passes that check and
 *   SIPp still learns the method (it matches responses by CSeq method).
 *   sipp_run() adds request_line from the keys "method" and "ruri" when
 *   the job does not give it.  Every variable a scenario assigns must be
 *   referenced at least twice or SIPp refuses the scenario.
 *
 * Calls.  -m N runs N calls, each with a fresh Call-ID ([call_id]), tag
 *   and branch.  The default rate (10 cps) would make N calls take N*100
 *   ms; -r 1000 -l 1 starts the next call as soon as the previous one
 *   ended: 3 calls take ~15 ms on loopback.
 *
 * Addresses.  The remote host and -i are IP literals the caller resolved
 *   once (sipp/target.h): SIPp's own "Resolving remote host" is then a
 *   numeric conversion, never a DNS query, so every run of a suite goes
 *   to the same address.  -t u1 / -t t1; the remote is "host:port" or
 *   "[v6]:port"; -i sets the address in Via/From/Contact, -bind_local
 *   makes it the source address too.
 *
 * Sockets and ports.  SIPp binds, besides its SIP socket (-p): two media
 *   sockets, audio on -mp and video on -mp + 2, on -mi (default 6000 and
 *   up), and a UDP remote-control socket on -ci:-cp (default 0.0.0.0:8888
 *   and up: anyone on the network could send it commands).  The control
 *   socket is AF_INET whatever -ci says (-ci ::1 fails with EAFNOSUPPORT),
 *   so it goes to 127.0.0.1 in every run; SIP and media go to the job's
 *   local address.  -p 0 does not mean "any" (SIPp takes 5060 when it is
 *   free), and -cp/-mp given explicitly are tried once, so we pick free
 *   ports ourselves: bind port 0 and read what the kernel gave (SIP: UDP,
 *   then TCP on the same port; media: P and P + 2), hold them all so they
 *   differ, close, pass them.  Another process may take one meanwhile:
 *   SIPp then exits 254 ("Unable to bind audio RTP socket", "... remote
 *   control socket ...", or its SIP socket) and we retry with new ports.
 *
 * Timeouts.  -recv_timeout MS aborts a call that waits longer for a
 *   message: exit 1.  UDP requests are retransmitted (retrans="500", 500
 *   ms doubling), so a silent SUT sees the request a few times within T.
 *   -timeout Ns alone did not stop SIPp (ran 31 s for -timeout 2s); with
 *   -timeout_error it exits 255 after N s with "timed out after" in the
 *   error log, which we report as SIPP_EXIT_OVERRUN.  On top of that the
 *   harness kills SIPp's group (TERM, then KILL after 1 s) at T*calls +
 *   1 s + grace.  -nostdin keeps SIPp off the terminal; -bg is never used
 *   (it forks and we would lose the PID).
 *
 * TCP failures (exit 255 unless said): connection refused and reset put
 *   "Error on TCP connection, remote peer probably closed the socket:
 *   Connection refused" (or "Connection reset by peer") in the error log
 *   and on stderr; a connection the SUT closes (FIN) ends the call at once
 *   with exit 1 and no error at all.  In each case SIPp also writes its own
 *   "Problem EAGAIN on socket ..." lines into the message log.
 *
 * Exit codes: 0 all calls succeeded, 1 at least one failed, 97 internal
 *   exit command, 99 normal exit without calls (also "sipp -v"), 255
 *   fatal error (e.g. TCP connection refused), 254 could not bind a
 *   socket.  Surprise: a scenario SIPp cannot load ("Unable to load or
 *   parse", "You can not use a keyword for the METHOD", a variable used
 *   once) exits 1, like a failed call; we report exit 1 with an empty
 *   message log as SIPP_EXIT_FATAL.
 */
#include "sipp/sipp.h"
#include "sipp/child.h"
#include "sipp/ports.h"
#include "sipp/value.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/monotime.h"
#include "base/stop.h"

#define GRACE_S 3            /* harness bound = SIPp's own bound + this */
#define TERM_WAIT_MS 1000    /* past the bound: SIGTERM, this long, SIGKILL */
#define MAX_KEYS 64
#define MAX_LINGER_MS 10000
#define MAX_TIMEOUT_S 3600
#define MAX_CALLS 10000
#define DEFAULT_TIMEOUT_S 5
#define BIND_RETRIES 5
#define PROBE_TIMEOUT_MS 5000
#define SCAN_BYTES 16384     /* how much of an error file is searched */

/* ---- small helpers --------------------------------------------------- */

/* snprintf that reports truncation. */
static int fmt(char *buf, size_t size, const char *f, const char *a,
	       const char *b)
{
	int n = snprintf(buf, size, f, a, b);

	return (n < 0 || (size_t)n >= size) ? ENAMETOOLONG : 0;
}

/* "SIGTERM" for the signals a run meets, "signal N" otherwise. */
static const char *sig_name(int sig, char *buf, size_t size)
{
	static const struct { int sig; const char *name; } t[] = {
		{ SIGINT, "SIGINT" }, { SIGTERM, "SIGTERM" }, { SIGHUP, "SIGHUP" },
		{ SIGKILL, "SIGKILL" }, { SIGQUIT, "SIGQUIT" }, { SIGSEGV, "SIGSEGV" },
		{ SIGABRT, "SIGABRT" }, { SIGPIPE, "SIGPIPE" }, { SIGBUS, "SIGBUS" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].sig == sig)
			return t[i].name;
	snprintf(buf, size, "signal %d", sig);
	return buf;
}

/* ---- job checks ------------------------------------------------------ */

static bool key_name_ok(const char *s)
{
	size_t i;

	if (!s || !*s)
		return false;
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= 63 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				 (c >= '0' && c <= '9') || c == '_' || c == '-' ||
				 c == '.'))
			return false;
	}
	return true;
}

/*
 * An IP literal: dotted IPv4, or IPv6 with an optional "%scope" of
 * interface-name characters.  Never a name: SIPp would resolve it again
 * in every run (and a name could start with '-').
 */
static bool ip_literal(const char *h, bool *v6)
{
	unsigned char a[16];
	char buf[INET6_ADDRSTRLEN];
	const char *pct;
	size_t l;

	if (!h || !*h)
		return false;
	*v6 = strchr(h, ':') != NULL;
	if (!*v6)
		return inet_pton(AF_INET, h, a) == 1;
	pct = strchr(h, '%');
	l = pct ? (size_t)(pct - h) : strlen(h);
	if (l >= sizeof(buf))
		return false;
	memcpy(buf, h, l);
	buf[l] = '\0';
	if (inet_pton(AF_INET6, buf, a) != 1)
		return false;
	if (pct) {
		size_t i;

		for (i = 1; pct[i]; i++) {
			char c = pct[i];

			if (i > 15 || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
					(c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
				return false;
		}
		return i > 1;
	}
	return true;
}

static const char *key_find(const struct sipp_job *job, const char *name)
{
	for (size_t i = 0; i < job->nkeys; i++)
		if (strcmp(job->keys[i].name, name) == 0)
			return job->keys[i].value;
	return NULL;
}

/* ---- argv ------------------------------------------------------------ */

struct argv {
	char *v[72 + 3 * MAX_KEYS];     /* 53 fixed (with NULL), 3 per key */
	size_t n;
};

static void arg(struct argv *a, const char *s)
{
	/* Bounded by construction: the array is sized for every option. */
	if (a->n + 1 < sizeof(a->v) / sizeof(a->v[0]))
		a->v[a->n++] = (char *)s;
	a->v[a->n] = NULL;
}

/* ---- what SIPp wrote -------------------------------------------------- */

/*
 * SIPp prefixes each event with "2026-11-25\t08:25:02.052442\t1795595102.
 * 052442: ", not always at the start of a line (an event without a final
 * newline runs into the next).  The length of such a prefix at p, or 0.
 */
static size_t event_prefix(const char *p, size_t n)
{
	size_t j = 0, tabs = 0;

	if (n == 0 || p[0] < '0' || p[0] > '9')
		return 0;
	while (j < n && tabs < 2 && (p[j] == '\t' || (p[j] >= '0' && p[j] <= '9') ||
				     p[j] == '-' || p[j] == ':' || p[j] == '.'))
		tabs += p[j++] == '\t';
	if (tabs != 2)
		return 0;
	while (j < n && ((p[j] >= '0' && p[j] <= '9') || p[j] == '.'))
		j++;
	return j + 1 < n && p[j] == ':' && p[j + 1] == ' ' ? j + 2 : 0;
}

/*
 * Copy [p, p+n) to out (room for n bytes) without SIPp's event prefixes
 * (an event that ran into the previous one starts a new line) and
 * without the "The following events occurred:" heading.
 */
static size_t strip_events(char *out, const char *p, size_t n)
{
	static const char head[] = "The following events occurred:";
	size_t i = 0, o = 0;

	while (i < n) {
		size_t k;

		if ((i == 0 || p[i - 1] == '\n') && n - i >= sizeof(head) - 1 &&
		    memcmp(p + i, head, sizeof(head) - 1) == 0) {
			const char *nl = memchr(p + i, '\n', n - i);

			i = nl ? (size_t)(nl - p) + 1 : n;
			continue;
		}
		k = event_prefix(p + i, n - i);
		if (k) {
			if (o && out[o - 1] != '\n')
				out[o++] = '\n';   /* the prefix is longer than 1 byte */
			i += k;
			continue;
		}
		out[o++] = p[i++];
	}
	return o;
}

/*
 * The last ~400 bytes of path (if it has any), SIPp's event prefixes
 * removed, control bytes but LF and TAB replaced by '?', NUL-terminated.
 * @return bytes kept.
 */
static size_t tail_of(char *out, size_t size, const char *path)
{
	char buf[2048], clean[2048];
	ssize_t r;
	off_t end;
	size_t i, n, c;
	int fd;

	out[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return 0;
	end = lseek(fd, 0, SEEK_END);
	if (end <= 0) {
		close(fd);
		return 0;
	}
	if (end > (off_t)sizeof(buf))
		lseek(fd, end - (off_t)sizeof(buf), SEEK_SET);
	else
		lseek(fd, 0, SEEK_SET);
	r = read(fd, buf, sizeof(buf));
	close(fd);
	if (r <= 0)
		return 0;
	c = strip_events(clean, buf, (size_t)r);
	/* Drop trailing blank lines. */
	while (c && (clean[c - 1] == '\n' || clean[c - 1] == ' '))
		c--;
	n = c < 400 ? c : 400;
	if (n > size - 1)
		n = size - 1;
	memcpy(out, clean + (c - n), n);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)out[i];

		if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch >= 0x7f)
			out[i] = '?';
	}
	out[n] = '\0';
	return n;
}

/* Does one of the first SCAN_BYTES bytes of path start needle? */
static bool file_has(const char *path, const char *needle)
{
	char *buf;
	ssize_t r;
	bool found = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return false;
	buf = malloc(SCAN_BYTES + 1);
	if (buf) {
		r = read(fd, buf, SCAN_BYTES);
		if (r > 0) {
			/* A NUL (SIPp does not write one) would end the search. */
			buf[r] = '\0';
			found = strstr(buf, needle) != NULL;
		}
		free(buf);
	}
	close(fd);
	return found;
}

static bool file_empty(const char *path)
{
	struct stat st;

	return stat(path, &st) != 0 || st.st_size == 0;
}

/* ---- how it ended ----------------------------------------------------- */

/* The files one run of SIPp writes, and how it was run. */
struct run_files {
	const char *msglog;        /* -message_file */
	const char *errlog;        /* -error_file */
	const char *stderr_path;
	bool tcp;
};

static bool said(const struct run_files *f, const char *needle)
{
	return file_has(f->errlog, needle) || file_has(f->stderr_path, needle);
}

/* A TCP failure SIPp reported, or SIPP_EXIT_OK when there is none. */
static enum sipp_status tcp_failure(const struct run_files *f, int code)
{
	if (!f->tcp)
		return SIPP_EXIT_OK;
	if (said(f, "Connection refused"))
		return SIPP_EXIT_CONN_REFUSED;
	if (said(f, "Connection reset by peer"))
		return SIPP_EXIT_CONN_RESET;
	if (said(f, "Broken pipe"))
		return SIPP_EXIT_CONN_CLOSED;
	/* A FIN from the SUT: the call fails at once, exit 1, SIPp silent;
	 * a call that timed out says so in the error log. */
	if (code == 1 && !file_empty(f->msglog) && !said(f, "timeout") &&
	    !said(f, "timed out"))
		return SIPP_EXIT_CONN_CLOSED;
	return SIPP_EXIT_OK;
}

/* The status of a SIPp that exited on its own. */
static enum sipp_status map_exit(int st, const struct run_files *f, int *code)
{
	enum sipp_status tcp;

	if (WIFSIGNALED(st)) {
		*code = WTERMSIG(st);
		return SIPP_EXIT_SIGNALED;
	}
	*code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if ((*code == 1 || *code == 255) && (tcp = tcp_failure(f, *code)) != SIPP_EXIT_OK)
		return tcp;
	switch (*code) {
	case 0:   return SIPP_EXIT_OK;
	case 1:
		/* SIPp exits 1, not 255, when it cannot load the scenario
		 * ("Unable to load or parse", "Unsupported keyword", ...):
		 * nothing was sent, which a failed call never is. */
		if (file_empty(f->msglog))
			return SIPP_EXIT_FATAL;
		return SIPP_EXIT_CALLS_FAILED;
	case 97:  return SIPP_EXIT_INTERNAL;
	case 99:  return SIPP_EXIT_NO_CALLS;
	case 254: return SIPP_EXIT_BIND;
	case 255:
		/* -timeout_error: SIPp's own bound ran out. */
		if (file_has(f->errlog, " timed out after "))
			return SIPP_EXIT_OVERRUN;
		return SIPP_EXIT_FATAL;
	default:  return SIPP_EXIT_OTHER;
	}
}

/* Context for the words of sipp_result.detail. */
struct run_ctx {
	const char *bin;
	const char *remote;        /* "host:port" / "[v6]:port" */
	const char *local_ip;
	unsigned timeout_s, calls;
	unsigned linger_s;         /* the linger's share of the bound, whole seconds */
	unsigned long long log_max; /* the flood cap, bytes */
};

/* res->detail: what happened, in words (sipp.h). */
static void describe(struct sipp_result *res, const struct run_ctx *c)
{
	char *d = res->detail, sb[24];
	size_t n = sizeof(res->detail);

	switch (res->status) {
	case SIPP_EXIT_OK:
	case SIPP_EXIT_CALLS_FAILED:
		d[0] = '\0';
		break;
	case SIPP_EXIT_NOT_FOUND:
		snprintf(d, n, "SIPp not found: %s (no such file, or not on PATH)", c->bin);
		break;
	case SIPP_EXIT_NOT_EXECUTABLE:
		snprintf(d, n, "SIPp cannot be executed: %s: %s", c->bin, strerror(res->code));
		break;
	case SIPP_EXIT_STOPPED:
		if (res->pid)
			snprintf(d, n, "stopped by %s after %.2f s: SIPp's process group was killed",
				 sig_name(res->code, sb, sizeof(sb)), res->seconds);
		else
			snprintf(d, n, "not started: the run is stopping (%s)",
				 sig_name(res->code, sb, sizeof(sb)));
		break;
	case SIPP_EXIT_FLOOD:
		snprintf(d, n, "the SUT flooded: SIPp's logs reached %.1f MB in %.2f s "
			 "(cap %llu MB); SIPp was killed", res->log_bytes / 1048576.0,
			 res->flood_after, c->log_max >> 20);
		break;
	case SIPP_EXIT_OVERRUN:
		if (res->code == 255)
			snprintf(d, n, "SIPp gave up at its global timeout of %.0f s "
				 "(-timeout_error): the exchange did not end in time", res->bound);
		else
		{
			char lg[32] = "";

			if (c->linger_s)
				snprintf(lg, sizeof(lg), " + %u s linger", c->linger_s);
			snprintf(d, n, "SIPp hung: killed (%s) after %.1f s, at its bound of %.0f s "
				 "(%u s timeout x %u call%s + 1 s%s + %d s grace)",
				 sig_name(res->code, sb, sizeof(sb)), res->seconds, res->bound,
				 c->timeout_s, c->calls, c->calls == 1 ? "" : "s", lg, GRACE_S);
		}
		break;
	case SIPP_EXIT_CONN_REFUSED:
		snprintf(d, n, "the SUT refused the TCP connection (ECONNREFUSED) at %s", c->remote);
		break;
	case SIPP_EXIT_CONN_RESET:
		snprintf(d, n, "the SUT reset the TCP connection (ECONNRESET) at %s", c->remote);
		break;
	case SIPP_EXIT_CONN_CLOSED:
		snprintf(d, n, "the SUT closed the TCP connection at %s before a final response",
			 c->remote);
		break;
	case SIPP_EXIT_BIND:
		snprintf(d, n, "SIPp could not bind its sockets on %s (tried %d times with "
			 "fresh ports)", c->local_ip, BIND_RETRIES);
		break;
	case SIPP_EXIT_SIGNALED:
		snprintf(d, n, "SIPp was killed by %s (not sent by the harness)",
			 sig_name(res->code, sb, sizeof(sb)));
		break;
	case SIPP_EXIT_FATAL:
	case SIPP_EXIT_INTERNAL:
	case SIPP_EXIT_NO_CALLS:
	case SIPP_EXIT_OTHER:
		snprintf(d, n, "SIPp exited with code %d (%s)", res->code,
			 sipp_status_str(res->status));
		break;
	}
}

/* ---- sipp_run -------------------------------------------------------- */

/* Paths and values of one run: argv points into it. */
struct run {
	char bin[PATH_MAX], dir[PATH_MAX], scn[PATH_MAX], inf[PATH_MAX];
	char out_path[PATH_MAX], errlog[PATH_MAX];
	char remote[300], port_s[8], media_s[8], ctrl_s[8];
	char calls_s[16], rto_s[24], to_s[24], linger_s[16], rate_s[16], window_s[16];
	unsigned linger_s_up;      /* the linger's share of the time bounds, whole seconds */
	char *request_line;
	struct argv a;
};

static void build_argv(struct run *r, const struct sipp_job *job,
		       const struct sipp_result *res, const char *local_ip)
{
	struct argv *a = &r->a;

	a->n = 0;
	arg(a, r->bin);
	arg(a, r->remote);
	arg(a, "-sf"); arg(a, r->scn);
	arg(a, "-t");
	arg(a, job->transport == TRANSPORT_UDP || job->transport == TRANSPORT_DEFAULT ? "u1" : "t1");
	arg(a, "-i"); arg(a, local_ip);
	arg(a, "-bind_local");
	arg(a, "-p"); arg(a, r->port_s);
	arg(a, "-mi"); arg(a, local_ip);
	arg(a, "-mp"); arg(a, r->media_s);
	arg(a, "-ci"); arg(a, PORTS_CTRL_IP);
	arg(a, "-cp"); arg(a, r->ctrl_s);
	arg(a, "-m"); arg(a, r->calls_s);
	arg(a, "-r"); arg(a, r->rate_s);
	arg(a, "-l"); arg(a, r->window_s);
	arg(a, "-nostdin");
	/* A batch's answers come faster than SIPp reads them at times: with
	 * the default 64 KB socket buffer, 30-90 of 10,000 answers at
	 * 10,000/s were dropped by the kernel (RcvbufErrors); 4 MB lost none. */
	arg(a, "-buff_size"); arg(a, "4194304");
	arg(a, "-recv_timeout"); arg(a, r->rto_s);
	arg(a, "-timeout"); arg(a, r->to_s);
	arg(a, "-timeout_error");
	arg(a, "-trace_msg");
	arg(a, "-message_file"); arg(a, res->log_path);
	arg(a, "-trace_err");
	arg(a, "-error_file"); arg(a, r->errlog);
	for (size_t i = 0; i < job->nkeys; i++) {
		arg(a, "-key");
		arg(a, job->keys[i].name);
		arg(a, job->keys[i].value);
	}
	/* The scenarios linger after the last call's final response. */
	arg(a, "-key"); arg(a, "calls"); arg(a, r->calls_s);
	arg(a, "-key"); arg(a, "linger_ms"); arg(a, r->linger_s);
	arg(a, "-key"); arg(a, "via_transport");
	arg(a, job->transport == TRANSPORT_TLS ? "TLS" :
	       job->transport == TRANSPORT_TCP ? "TCP" : "UDP");
	if (r->inf[0]) {
		arg(a, "-inf");
		arg(a, r->inf);
	}
	if (r->request_line) {
		arg(a, "-key");
		arg(a, "request_line");
		arg(a, r->request_line);
	}
}

/* Is the job well-formed?  Sets *v6 (the family of remote_host). */
static bool job_ok(const struct sipp_job *job, bool *v6)
{
	if (!job->scenario || !job->dir || !ip_literal(job->remote_host, v6) ||
	    job->remote_port == 0 || job->nkeys > MAX_KEYS ||
	    (job->nkeys && !job->keys) ||
	    (job->transport != TRANSPORT_DEFAULT &&
	     job->transport != TRANSPORT_UDP &&
	     job->transport != TRANSPORT_TCP &&
	     job->transport != TRANSPORT_TLS))
		return false;
	for (size_t i = 0; i < job->nkeys; i++)
		if (!key_name_ok(job->keys[i].name) ||
		    !sipp_value_safe(job->keys[i].value, NULL, NULL))
			return false;
	return true;
}

/* request_line = "METHOD RURI" (see the top of this file), or NULL. */
static int request_line_of(const struct sipp_job *job, char **out)
{
	const char *method = key_find(job, "method"), *ruri = key_find(job, "ruri");
	size_t l;

	*out = NULL;
	if (key_find(job, "request_line") || !method || !ruri || !*method ||
	    strchr(method, ' '))
		return 0;
	l = strlen(method) + strlen(ruri) + 2;
	*out = malloc(l);
	if (!*out)
		return ENOMEM;
	snprintf(*out, l, "%s %s", method, ruri);
	return 0;
}

/*
 * Start SIPp once with fresh ports and wait for it.  @return 0 with
 * res->status set (BIND: the caller may retry); ENOENT when it could not
 * be started (res->status/code say why); other errno.
 */
static int run_once(struct sipp_result *res, struct run *r, const struct sipp_job *job,
		    const char *local_ip, unsigned timeout_s, unsigned calls)
{
	struct run_files f = { res->log_path, r->errlog, res->err_path,
			       job->transport == TRANSPORT_TCP || job->transport == TRANSPORT_TLS };
	struct child_watch w;
	struct child ch = { 0, 0 };
	struct ports pp;
	int rc, fout, ferr;

	rc = ports_pick(&pp, local_ip);
	if (rc)
		return rc;
	snprintf(r->port_s, sizeof(r->port_s), "%u", (unsigned)pp.sip);
	snprintf(r->media_s, sizeof(r->media_s), "%u", (unsigned)pp.media);
	snprintf(r->ctrl_s, sizeof(r->ctrl_s), "%u", (unsigned)pp.ctrl);
	build_argv(r, job, res, local_ip);

	/* Stale files from an earlier run must not pass for ours. */
	unlink(res->log_path);
	unlink(r->errlog);
	fout = open(r->out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	ferr = open(res->err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fout < 0 || ferr < 0) {
		rc = errno;
		goto out;
	}
	rc = child_spawn(&ch, r->bin, r->a.v, r->dir, fout, ferr);
	if (rc) {
		res->seconds = monotime_now() - ch.started;
		res->status = rc == ENOENT ? SIPP_EXIT_NOT_FOUND : SIPP_EXIT_NOT_EXECUTABLE;
		res->code = rc;
		rc = ENOENT;
		goto out;
	}
	res->pid = ch.pid;
	memset(&w, 0, sizeof(w));
	res->bound = (double)timeout_s * calls + 1 + r->linger_s_up + GRACE_S;
	w.deadline = ch.started + res->bound;
	w.term_wait_ms = TERM_WAIT_MS;
	w.files[0] = res->log_path;
	w.files[1] = r->errlog;
	w.cap = job->log_max ? job->log_max : SIPP_LOG_MAX_BYTES;
	w.past_stop = job->past_stop;
	rc = child_watch(&ch, &w);
	res->seconds = monotime_now() - ch.started;
	res->log_bytes = w.bytes;
	if (rc)
		goto out;
	switch (w.end) {
	case CHILD_STOPPED:
		res->status = SIPP_EXIT_STOPPED;
		res->code = stop_signal();
		break;
	case CHILD_FLOOD:
		res->status = SIPP_EXIT_FLOOD;
		res->code = SIGKILL;
		res->flood_after = w.end_at - ch.started;
		break;
	case CHILD_BOUND:
		res->status = SIPP_EXIT_OVERRUN;
		res->code = WIFSIGNALED(w.status) ? WTERMSIG(w.status) : SIGTERM;
		break;
	case CHILD_EXITED:
		res->status = map_exit(w.status, &f, &res->code);
		if (res->status == SIPP_EXIT_OVERRUN)   /* SIPp's own -timeout */
			res->bound = (double)timeout_s * calls + 1 + r->linger_s_up;
		break;
	}
out:
	if (fout >= 0)
		close(fout);
	if (ferr >= 0)
		close(ferr);
	return rc;
}

int sipp_run(struct sipp_result *res, const struct sipp_job *job)
{
	struct run *r = NULL;
	struct run_ctx ctx;
	char *absdir = NULL, *absscn = NULL, *absinf = NULL;
	const char *local_ip;
	unsigned timeout_s, calls;
	int rc = 0;
	bool v6, lv6;

	if (!res || !job)
		return EINVAL;
	memset(res, 0, sizeof(*res));
	res->status = SIPP_EXIT_NOT_FOUND;
	if (!job_ok(job, &v6))
		return EINVAL;
	timeout_s = job->timeout_s ? job->timeout_s : DEFAULT_TIMEOUT_S;
	calls = job->calls ? job->calls : 1;
	if (timeout_s > MAX_TIMEOUT_S || calls > MAX_CALLS || job->linger_ms > MAX_LINGER_MS)
		return EINVAL;
	local_ip = job->local_ip ? job->local_ip : (v6 ? "::1" : "127.0.0.1");
	if (!ip_literal(local_ip, &lv6) || lv6 != v6)
		return EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return ENOMEM;

	/* SIPp runs with its cwd in dir: every path it gets is absolute. */
	absdir = realpath(job->dir, NULL);
	absscn = absdir ? realpath(job->scenario, NULL) : NULL;
	absinf = absscn && job->inf ? realpath(job->inf, NULL) : NULL;
	if (!absdir || !absscn || (job->inf && !absinf)) {
		rc = errno ? errno : ENOENT;
		goto out;
	}
	if (fmt(r->dir, sizeof(r->dir), "%s%s", absdir, "") ||
	    fmt(r->scn, sizeof(r->scn), "%s%s", absscn, "") ||
	    fmt(r->inf, sizeof(r->inf), "%s%s", absinf ? absinf : "", "") ||
	    fmt(res->log_path, sizeof(res->log_path), "%s/%s", r->dir, "messages.log") ||
	    fmt(res->err_path, sizeof(res->err_path), "%s/%s", r->dir, "sipp.stderr") ||
	    fmt(r->errlog, sizeof(r->errlog), "%s/%s", r->dir, "errors.log") ||
	    fmt(r->out_path, sizeof(r->out_path), "%s/%s", r->dir, "sipp.stdout")) {
		rc = EINVAL;
		goto out;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.bin = job->sipp ? job->sipp : "sipp";
	ctx.local_ip = local_ip;
	ctx.remote = r->remote;
	ctx.timeout_s = timeout_s;
	ctx.calls = calls;
	ctx.log_max = job->log_max ? job->log_max : SIPP_LOG_MAX_BYTES;
	snprintf(r->remote, sizeof(r->remote), v6 ? "[%s]:%u" : "%s:%u",
		 job->remote_host, (unsigned)job->remote_port);
	rc = child_find_exec(r->bin, sizeof(r->bin), ctx.bin);
	if (rc) {
		res->status = rc == ENOENT ? SIPP_EXIT_NOT_FOUND : SIPP_EXIT_NOT_EXECUTABLE;
		res->code = rc;
		describe(res, &ctx);
		rc = ENOENT;
		goto out;
	}
	rc = request_line_of(job, &r->request_line);
	if (rc)
		goto out;
	snprintf(r->calls_s, sizeof(r->calls_s), "%u", calls);
	snprintf(r->rate_s, sizeof(r->rate_s), "%u", job->rate ? job->rate : 1000);
	snprintf(r->window_s, sizeof(r->window_s), "%u", job->window ? job->window : 1);
	snprintf(r->rto_s, sizeof(r->rto_s), "%u", timeout_s * 1000);
	/* The linger ends within linger_ms + 20 ms (scenarios/uac_request.xml):
	 * allow twice linger_ms, in whole seconds. */
	r->linger_s_up = (2 * job->linger_ms + 999) / 1000;
	ctx.linger_s = r->linger_s_up;
	snprintf(r->to_s, sizeof(r->to_s), "%us", timeout_s * calls + 1 + r->linger_s_up);
	snprintf(r->linger_s, sizeof(r->linger_s), "%u", job->linger_ms);

	for (int attempt = 0; attempt < BIND_RETRIES; attempt++) {
		if (stop_requested() && !job->past_stop) {
			/* Start nothing once the run is stopping. */
			res->status = SIPP_EXIT_STOPPED;
			res->code = stop_signal();
			res->pid = 0;
			break;
		}
		rc = run_once(res, r, job, local_ip, timeout_s, calls);
		if (rc || res->status != SIPP_EXIT_BIND)
			break;
	}
	describe(res, &ctx);
	if (!rc && !tail_of(res->err_tail, sizeof(res->err_tail), r->errlog))
		tail_of(res->err_tail, sizeof(res->err_tail), res->err_path);
out:
	if (r)
		free(r->request_line);
	free(r);
	free(absdir);
	free(absscn);
	free(absinf);
	return rc;
}

const char *sipp_status_str(enum sipp_status s)
{
	switch (s) {
	case SIPP_EXIT_OK:             return "all calls succeeded";
	case SIPP_EXIT_CALLS_FAILED:   return "calls failed";
	case SIPP_EXIT_INTERNAL:       return "exit on internal command";
	case SIPP_EXIT_NO_CALLS:       return "exit without calls processed";
	case SIPP_EXIT_FATAL:          return "fatal error";
	case SIPP_EXIT_BIND:           return "could not bind a socket";
	case SIPP_EXIT_OTHER:          return "unexpected exit code";
	case SIPP_EXIT_SIGNALED:       return "killed by a signal";
	case SIPP_EXIT_OVERRUN:        return "ran past its time bound";
	case SIPP_EXIT_NOT_FOUND:      return "not found";
	case SIPP_EXIT_STOPPED:        return "stopped: the run was interrupted";
	case SIPP_EXIT_FLOOD:          return "killed: the SUT flooded its logs";
	case SIPP_EXIT_CONN_REFUSED:   return "TCP connection refused by the SUT";
	case SIPP_EXIT_CONN_RESET:     return "TCP connection reset by the SUT";
	case SIPP_EXIT_CONN_CLOSED:    return "TCP connection closed by the SUT";
	case SIPP_EXIT_NOT_EXECUTABLE: return "not executable";
	}
	return "unknown";
}

/* ---- sipp_probe ------------------------------------------------------ */

/*
 * "sipp -v" prints " SIPp v3.6.1-SCTP-PCAP-RTPSTREAM." and exits 99.  We
 * take the digits and dots after "SIPp v".
 */
int sipp_probe(const char *sipp, char *version, size_t size)
{
	char bin[PATH_MAX], buf[4096];
	char opt_v[] = "-v";
	char *argv[] = { bin, opt_v, NULL };
	struct child ch = { 0, 0 };
	struct child_watch w;
	size_t len = 0, n;
	int pfd[2] = { -1, -1 }, rc;
	const char *v;

	if (!version || size == 0)
		return EINVAL;
	version[0] = '\0';
	rc = child_find_exec(bin, sizeof(bin), sipp ? sipp : "sipp");
	if (rc)
		return rc == ENOENT ? ENOENT : EACCES;
	if (stop_requested())
		return ECANCELED;
	rc = child_cloexec_pipe(pfd);
	if (rc)
		return rc;
	rc = child_spawn(&ch, bin, argv, NULL, pfd[1], -1);
	close(pfd[1]);
	if (rc) {
		close(pfd[0]);
		return rc;
	}
	/* Read until EOF, the bound or a stop, then reap (killing if need be). */
	while (!stop_requested()) {
		double left = ch.started + PROBE_TIMEOUT_MS / 1000.0 - monotime_now();
		struct pollfd p = { pfd[0], POLLIN, 0 };
		ssize_t r;
		int wait_ms;

		if (left <= 0)
			break;
		wait_ms = left > 0.1 ? 100 : (int)(left * 1000) + 1;
		if (poll(&p, 1, wait_ms) <= 0)
			continue;   /* timeout or EINTR: check the bound and the stop */
		r = read(pfd[0], buf + len, sizeof(buf) - 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
		if (len == sizeof(buf) - 1)
			break;
	}
	close(pfd[0]);
	memset(&w, 0, sizeof(w));
	w.deadline = ch.started + PROBE_TIMEOUT_MS / 1000.0;
	w.term_wait_ms = TERM_WAIT_MS;
	rc = child_watch(&ch, &w);
	if (rc)
		return rc;
	if (w.end == CHILD_STOPPED)
		return ECANCELED;
	if (w.end == CHILD_BOUND)
		return ETIMEDOUT;
	buf[len] = '\0';
	v = strstr(buf, "SIPp v");
	if (!v)
		return EPROTO;
	v += strlen("SIPp v");
	for (n = 0; (v[n] >= '0' && v[n] <= '9') || v[n] == '.'; n++)
		;
	while (n && v[n - 1] == '.')
		n--;
	if (n == 0 || n >= size)
		return n ? EINVAL : EPROTO;
	memcpy(version, v, n);
	version[n] = '\0';
	return 0;
}

const char *sipp_probe_str(int err)
{
	switch (err) {
	case 0:         return "found";
	case ENOENT:    return "not found (no such file, or not on PATH)";
	case EACCES:    return "not executable (permission denied, or not a regular file)";
	case ENOEXEC:   return "not executable (exec format error: not a program)";
	case ETIMEDOUT: return "hung: 'sipp -v' did not end within 5 s and was killed";
	case EPROTO:    return "'sipp -v' printed no SIPp version: not SIPp";
	case ECANCELED: return "not run: the run is stopping";
	default:        return strerror(err);
	}
}
