/*
 * sipp_runner.c - the process boundary (sipp_runner.h): the only file
 * that forks, execs, waits and kills.
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
 * Transport and ports.  -t u1 / -t t1; the remote is "host:port" or
 *   "[v6]:port"; -i sets the address in Via/From/Contact, -bind_local
 *   makes it the source address too.  -p 0 does not mean "any": SIPp
 *   takes 5060 when it is free, so we pick a free port ourselves (bind
 *   port 0 for UDP, then check TCP on it, close, pass -p) and retry on
 *   exit 254 (bind error) in case another process took it meanwhile.
 *
 * Timeouts.  -recv_timeout MS aborts a call that waits longer for a
 *   message: exit 1.  UDP requests are retransmitted (retrans="500", 500
 *   ms doubling), so a silent SUT sees the request a few times within T.
 *   -timeout Ns alone did not stop SIPp (ran 31 s for -timeout 2s); with
 *   -timeout_error it exits 255 after N s with "timed out after" in the
 *   error log, which we report as SIPP_EXIT_OVERRUN.  On top of that the
 *   harness kills SIPp (TERM, then KILL after 1 s) at T*calls + 1 s +
 *   grace.  -nostdin keeps SIPp off the terminal; -bg is never used (it
 *   forks and we would lose the PID).
 *
 * Exit codes: 0 all calls succeeded, 1 at least one failed, 97 internal
 *   exit command, 99 normal exit without calls (also "sipp -v"), 255
 *   fatal error (e.g. TCP connection refused), 254 could not bind a
 *   socket.  Surprise: a scenario SIPp cannot load ("Unable to load or
 *   parse", "You can not use a keyword for the METHOD", a variable used
 *   once) exits 1, like a failed call; we report exit 1 with an empty
 *   message log as SIPP_EXIT_FATAL.
 *
 * Process hygiene: argv array, never a shell; the binary is looked up on
 * PATH before fork so the child only does async-signal-safe calls
 * (chdir, open, dup2, execv, write, _exit); every fd we open is
 * O_CLOEXEC and the child marks all other fds close-on-exec; an exec
 * failure comes back through a CLOEXEC pipe; the child is reaped by PID.
 */
#include "sipp/sipp.h"
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
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GRACE_S 3            /* harness bound = SIPp's own bound + this */
#define MAX_LINGER_MS 10000
#define TERM_WAIT_MS 1000    /* SIGTERM, then this long, then SIGKILL */
#define MAX_KEYS 64
#define MAX_TIMEOUT_S 3600
#define MAX_CALLS 10000
#define DEFAULT_TIMEOUT_S 5
#define BIND_RETRIES 3
#define PROBE_TIMEOUT_MS 5000

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

extern char **environ;

/* ---- small helpers --------------------------------------------------- */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* snprintf that reports truncation. */
static int fmt(char *buf, size_t size, const char *f, const char *a,
	       const char *b)
{
	int n = snprintf(buf, size, f, a, b);

	return (n < 0 || (size_t)n >= size) ? ENAMETOOLONG : 0;
}

/*
 * Find an executable: a name with a '/' is taken as is (made absolute
 * since SIPp runs in another cwd), else the first match on PATH.
 */
static int find_exec(char *out, size_t size, const char *name)
{
	const char *path, *p;

	if (!name || !*name)
		return ENOENT;
	if (strchr(name, '/')) {
		char *abs;

		if (access(name, X_OK) != 0)
			return ENOENT;
		abs = realpath(name, NULL);
		if (!abs)
			return ENOENT;
		if (fmt(out, size, "%s%s", abs, "")) {
			free(abs);
			return ENAMETOOLONG;
		}
		free(abs);
		return 0;
	}
	path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; p; ) {
		const char *colon = strchr(p, ':');
		size_t l = colon ? (size_t)(colon - p) : strlen(p);
		struct stat st;
		int n;

		if (l == 0)
			n = snprintf(out, size, "./%s", name);
		else
			n = snprintf(out, size, "%.*s/%s", (int)l, p, name);
		if (n > 0 && (size_t)n < size && access(out, X_OK) == 0 &&
		    stat(out, &st) == 0 && S_ISREG(st.st_mode)) {
			if (out[0] != '/') {
				char *abs = realpath(out, NULL);

				if (!abs || fmt(out, size, "%s%s", abs, "")) {
					free(abs);
					return ENOENT;
				}
				free(abs);
			}
			return 0;
		}
		p = colon ? colon + 1 : NULL;
	}
	return ENOENT;
}

/* ---- spawn and reap -------------------------------------------------- */

/* pipe2(O_CLOEXEC) is a GNU extension; the harness is single-threaded,
 * so setting the flag right after pipe() leaves no window for a fork. */
static int cloexec_pipe(int pfd[2])
{
	if (pipe(pfd) < 0)
		return errno;
	if (fcntl(pfd[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(pfd[1], F_SETFD, FD_CLOEXEC) < 0) {
		int e = errno;

		close(pfd[0]);
		close(pfd[1]);
		pfd[0] = pfd[1] = -1;
		return e;
	}
	return 0;
}

struct child {
	pid_t pid;
	double started;
};

/* In the child: every fd above 2 is closed at exec. */
static void cloexec_all(void)
{
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
#endif
	for (int fd = 3; fd < 4096; fd++) {
		int fl = fcntl(fd, F_GETFD);

		if (fl >= 0 && !(fl & FD_CLOEXEC))
			fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
	}
}

/*
 * fork + exec path with argv, cwd, stdin from /dev/null, stdout/stderr to
 * the fds given (-1: /dev/null).  On an exec failure the child's errno
 * comes back through a CLOEXEC pipe and the child is reaped here.
 * @return 0 with ch->pid set, ENOENT/EACCES/... if exec failed, errno of
 *         fork/pipe/open otherwise.
 */
static int spawn(struct child *ch, const char *path, char *const argv[],
		 const char *cwd, int out, int err)
{
	int pfd[2] = { -1, -1 }, devnull = -1, rc = 0, cerr = 0;
	pid_t pid;
	ssize_t r;

	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0)
		return errno;
	rc = cloexec_pipe(pfd);
	if (rc)
		goto out;
	ch->started = now_s();
	pid = fork();
	if (pid < 0) {
		rc = errno;
		goto out;
	}
	if (pid == 0) {
		/* Child: async-signal-safe calls only. */
		int e;

		cloexec_all();
		if ((cwd && chdir(cwd) < 0) ||
		    dup2(devnull, 0) < 0 ||
		    dup2(out >= 0 ? out : devnull, 1) < 0 ||
		    dup2(err >= 0 ? err : devnull, 2) < 0) {
			e = errno;
		} else {
			execve(path, argv, environ);
			e = errno;
		}
		if (write(pfd[1], &e, sizeof(e)) < 0)
			_exit(126);
		_exit(127);
	}
	close(pfd[1]);
	pfd[1] = -1;
	do
		r = read(pfd[0], &cerr, sizeof(cerr));
	while (r < 0 && errno == EINTR);
	if (r == (ssize_t)sizeof(cerr)) {
		/* exec failed: reap the child now. */
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		rc = cerr ? cerr : ENOENT;
		goto out;
	}
	ch->pid = pid;
out:
	if (pfd[0] >= 0)
		close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
	close(devnull);
	return rc;
}

/*
 * Wait for ch until deadline (monotonic seconds).  Past it: SIGTERM,
 * TERM_WAIT_MS, SIGKILL, reap.  *killed tells whether we sent a signal.
 * Always reaps: no zombie is left behind.
 */
static int reap(struct child *ch, double deadline, int *status, bool *killed)
{
	unsigned nap = 1;
	double term_at = 0;

	*killed = false;
	for (;;) {
		pid_t w = waitpid(ch->pid, status, WNOHANG);

		if (w == ch->pid)
			return 0;
		if (w < 0 && errno != EINTR)
			return errno;
		if (!*killed && now_s() >= deadline) {
			kill(ch->pid, SIGTERM);
			*killed = true;
			term_at = now_s();
		} else if (*killed && now_s() - term_at >= TERM_WAIT_MS / 1000.0) {
			kill(ch->pid, SIGKILL);
			while ((w = waitpid(ch->pid, status, 0)) < 0 &&
			       errno == EINTR)
				;
			return w == ch->pid ? 0 : errno;
		}
		sleep_ms(nap);
		if (nap < 10)
			nap++;
	}
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

/* A host SIPp can take on its command line: IP literal or DNS name. */
static bool host_ok(const char *h)
{
	unsigned char a6[16];
	size_t i;

	if (!h || !*h || strlen(h) > 253)
		return false;
	if (strchr(h, ':'))
		return inet_pton(AF_INET6, h, a6) == 1;
	for (i = 0; h[i]; i++) {
		char c = h[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '-'))
			return false;
	}
	return h[0] != '-';
}

static const char *key_find(const struct sipp_job *job, const char *name)
{
	for (size_t i = 0; i < job->nkeys; i++)
		if (strcmp(job->keys[i].name, name) == 0)
			return job->keys[i].value;
	return NULL;
}

/*
 * A local port that is free for UDP and TCP on ip (NULL: any), chosen by
 * the kernel.  Another process may take it before SIPp binds: the caller
 * retries on SIPP_EXIT_BIND.
 */
static int free_port(const char *ip, uint16_t *port)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd = -1, fd2 = -1, family, rc = 0;

	memset(&ss, 0, sizeof(ss));
	if (ip && strchr(ip, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		family = AF_INET6;
		s6->sin6_family = AF_INET6;
		if (inet_pton(AF_INET6, ip, &s6->sin6_addr) != 1)
			return EINVAL;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		family = AF_INET;
		s4->sin_family = AF_INET;
		if (ip && inet_pton(AF_INET, ip, &s4->sin_addr) != 1)
			return EINVAL;
		if (!ip)
			s4->sin_addr.s_addr = htonl(INADDR_ANY);
		sl = sizeof(*s4);
	}
	for (int attempt = 0; attempt < 16; attempt++) {
		socklen_t l = sl;

		fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return errno;
		if (family == AF_INET6)
			((struct sockaddr_in6 *)&ss)->sin6_port = 0;
		else
			((struct sockaddr_in *)&ss)->sin_port = 0;
		if (bind(fd, (struct sockaddr *)&ss, sl) < 0 ||
		    getsockname(fd, (struct sockaddr *)&ss, &l) < 0) {
			rc = errno;
			goto out;
		}
		/* The same port must be free for TCP too (t1 listens on it). */
		fd2 = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd2 < 0) {
			rc = errno;
			goto out;
		}
		if (bind(fd2, (struct sockaddr *)&ss, sl) == 0) {
			*port = ntohs(family == AF_INET6 ?
				      ((struct sockaddr_in6 *)&ss)->sin6_port :
				      ((struct sockaddr_in *)&ss)->sin_port);
			goto out;
		}
		close(fd2);
		fd2 = -1;
		close(fd);
		fd = -1;
	}
	rc = EADDRINUSE;
out:
	if (fd >= 0)
		close(fd);
	if (fd2 >= 0)
		close(fd2);
	return rc;
}

/* ---- argv ------------------------------------------------------------ */

struct argv {
	char *v[40 + 3 * MAX_KEYS];    /* 29 options, request_line, calls, linger_ms */
	size_t n;
};

static void arg(struct argv *a, const char *s)
{
	/* Bounded by construction: the array is sized for every option. */
	if (a->n + 1 < sizeof(a->v) / sizeof(a->v[0]))
		a->v[a->n++] = (char *)s;
	a->v[a->n] = NULL;
}

/*
 * SIPp prefixes each event with "2026-11-25\t08:25:02.052442\t1795595102.
 * 052442: " and heads the error file with "The following events
 * occurred:"; neither helps a report.  Copy [p, p+n) to out without them.
 */
static size_t strip_events(char *out, const char *p, size_t n)
{
	size_t i = 0, o = 0;
	static const char head[] = "The following events occurred:";

	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - p) : n, j = i, tabs = 0;

		if (end - i >= sizeof(head) - 1 &&
		    memcmp(p + i, head, sizeof(head) - 1) == 0) {
			i = end + 1;
			continue;
		}
		/* DATE TAB TIME TAB EPOCH ": " */
		while (j < end && tabs < 2 && (p[j] == '\t' || (p[j] >= '0' && p[j] <= '9') ||
					       p[j] == '-' || p[j] == ':' || p[j] == '.'))
			tabs += p[j++] == '\t';
		if (tabs == 2) {
			while (j < end && ((p[j] >= '0' && p[j] <= '9') || p[j] == '.'))
				j++;
			if (j + 1 < end && p[j] == ':' && p[j + 1] == ' ')
				i = j + 2;
		}
		memcpy(out + o, p + i, end - i);
		o += end - i;
		if (nl)
			out[o++] = '\n';
		i = end + 1;
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
	fd = open(path, O_RDONLY | O_CLOEXEC);
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

static bool file_has(const char *path, const char *needle)
{
	char buf[4096];
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	r = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (r <= 0)
		return false;
	buf[r] = '\0';
	/* The log may hold NULs only if SIPp wrote them: strstr stops there. */
	return strstr(buf, needle) != NULL;
}

static bool file_empty(const char *path)
{
	struct stat st;

	return stat(path, &st) != 0 || st.st_size == 0;
}

static enum sipp_status map_exit(int st, bool killed, const char *errlog,
				 const char *msglog, int *code)
{
	if (killed) {
		*code = WIFSIGNALED(st) ? WTERMSIG(st) : SIGTERM;
		return SIPP_EXIT_OVERRUN;
	}
	if (WIFSIGNALED(st)) {
		*code = WTERMSIG(st);
		return SIPP_EXIT_SIGNALED;
	}
	*code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	switch (*code) {
	case 0:   return SIPP_EXIT_OK;
	case 1:
		/* SIPp exits 1, not 255, when it cannot load the scenario
		 * ("Unable to load or parse", "Unsupported keyword", ...):
		 * nothing was sent, which a failed call never is. */
		if (msglog && file_empty(msglog))
			return SIPP_EXIT_FATAL;
		return SIPP_EXIT_CALLS_FAILED;
	case 97:  return SIPP_EXIT_INTERNAL;
	case 99:  return SIPP_EXIT_NO_CALLS;
	case 254: return SIPP_EXIT_BIND;
	case 255:
		/* -timeout_error: SIPp's own bound ran out. */
		if (errlog && file_has(errlog, " timed out after "))
			return SIPP_EXIT_OVERRUN;
		return SIPP_EXIT_FATAL;
	default:  return SIPP_EXIT_OTHER;
	}
}

/* ---- sipp_run -------------------------------------------------------- */

int sipp_run(struct sipp_result *res, const struct sipp_job *job)
{
	char bin[PATH_MAX], dir[PATH_MAX], scn[PATH_MAX];
	char out_path[PATH_MAX], errlog[PATH_MAX];
	char remote[300], port_s[8], calls_s[16], rto_s[24], to_s[24], linger_s[16];
	char *request_line = NULL, *absdir = NULL, *absscn = NULL;
	const char *local_ip, *method, *ruri;
	unsigned timeout_s, calls, linger_s_up;
	struct argv a;
	int rc = 0, st = 0, fout = -1, ferr = -1;
	bool v6, killed = false;

	if (!res || !job)
		return EINVAL;
	memset(res, 0, sizeof(*res));
	res->status = SIPP_EXIT_NOT_FOUND;
	if (!job->scenario || !job->dir || !host_ok(job->remote_host) ||
	    job->remote_port == 0 || job->nkeys > MAX_KEYS ||
	    (job->nkeys && !job->keys) ||
	    (job->transport != TRANSPORT_DEFAULT &&
	     job->transport != TRANSPORT_UDP &&
	     job->transport != TRANSPORT_TCP))
		return EINVAL;
	for (size_t i = 0; i < job->nkeys; i++)
		if (!key_name_ok(job->keys[i].name) ||
		    !sipp_value_safe(job->keys[i].value, NULL, NULL))
			return EINVAL;
	timeout_s = job->timeout_s ? job->timeout_s : DEFAULT_TIMEOUT_S;
	calls = job->calls ? job->calls : 1;
	if (timeout_s > MAX_TIMEOUT_S || calls > MAX_CALLS || job->linger_ms > MAX_LINGER_MS)
		return EINVAL;
	/* The linger ends within linger_ms + 20 ms (scenarios/uac_request.xml):
	 * allow twice linger_ms, in whole seconds. */
	linger_s_up = (2 * job->linger_ms + 999) / 1000;
	v6 = strchr(job->remote_host, ':') != NULL;
	local_ip = job->local_ip ? job->local_ip : (v6 ? "::1" : "127.0.0.1");
	if (!host_ok(local_ip) || (strchr(local_ip, ':') != NULL) != v6)
		return EINVAL;

	/* SIPp runs with its cwd in dir: every path it gets is absolute. */
	absdir = realpath(job->dir, NULL);
	if (!absdir) {
		rc = errno ? errno : ENOENT;
		goto out;
	}
	absscn = realpath(job->scenario, NULL);
	if (!absscn) {
		rc = errno ? errno : ENOENT;
		goto out;
	}
	if (fmt(dir, sizeof(dir), "%s%s", absdir, "") ||
	    fmt(scn, sizeof(scn), "%s%s", absscn, "") ||
	    fmt(res->log_path, sizeof(res->log_path), "%s/%s", dir, "messages.log") ||
	    fmt(res->err_path, sizeof(res->err_path), "%s/%s", dir, "sipp.stderr") ||
	    fmt(errlog, sizeof(errlog), "%s/%s", dir, "errors.log") ||
	    fmt(out_path, sizeof(out_path), "%s/%s", dir, "sipp.stdout")) {
		rc = EINVAL;
		goto out;
	}
	rc = find_exec(bin, sizeof(bin), job->sipp ? job->sipp : "sipp");
	if (rc) {
		rc = ENOENT;
		goto out;
	}

	/* request_line = "METHOD RURI" (see the top of this file). */
	method = key_find(job, "method");
	ruri = key_find(job, "ruri");
	if (!key_find(job, "request_line") && method && ruri && *method &&
	    !strchr(method, ' ')) {
		size_t l = strlen(method) + strlen(ruri) + 2;

		request_line = malloc(l);
		if (!request_line) {
			rc = ENOMEM;
			goto out;
		}
		snprintf(request_line, l, "%s %s", method, ruri);
	}

	snprintf(remote, sizeof(remote), v6 ? "[%s]:%u" : "%s:%u",
		 job->remote_host, (unsigned)job->remote_port);
	snprintf(calls_s, sizeof(calls_s), "%u", calls);
	snprintf(rto_s, sizeof(rto_s), "%u", timeout_s * 1000);
	snprintf(to_s, sizeof(to_s), "%us", timeout_s * calls + 1 + linger_s_up);
	snprintf(linger_s, sizeof(linger_s), "%u", job->linger_ms);

	for (int attempt = 0; attempt < BIND_RETRIES; attempt++) {
		struct child ch = { 0, 0 };
		uint16_t port = 0;

		rc = free_port(local_ip, &port);
		if (rc)
			goto out;
		snprintf(port_s, sizeof(port_s), "%u", (unsigned)port);

		a.n = 0;
		arg(&a, bin);
		arg(&a, remote);
		arg(&a, "-sf"); arg(&a, scn);
		arg(&a, "-t");
		arg(&a, job->transport == TRANSPORT_TCP ? "t1" : "u1");
		arg(&a, "-i"); arg(&a, local_ip);
		arg(&a, "-bind_local");
		arg(&a, "-p"); arg(&a, port_s);
		arg(&a, "-m"); arg(&a, calls_s);
		arg(&a, "-r"); arg(&a, "1000");
		arg(&a, "-l"); arg(&a, "1");
		arg(&a, "-nostdin");
		arg(&a, "-recv_timeout"); arg(&a, rto_s);
		arg(&a, "-timeout"); arg(&a, to_s);
		arg(&a, "-timeout_error");
		arg(&a, "-trace_msg");
		arg(&a, "-message_file"); arg(&a, res->log_path);
		arg(&a, "-trace_err");
		arg(&a, "-error_file"); arg(&a, errlog);
		for (size_t i = 0; i < job->nkeys; i++) {
			arg(&a, "-key");
			arg(&a, job->keys[i].name);
			arg(&a, job->keys[i].value);
		}
		if (request_line) {
			arg(&a, "-key");
			arg(&a, "request_line");
			arg(&a, request_line);
		}
		/* The scenarios linger after the last call's final response. */
		arg(&a, "-key"); arg(&a, "calls"); arg(&a, calls_s);
		arg(&a, "-key"); arg(&a, "linger_ms"); arg(&a, linger_s);

		/* Stale files from an earlier run must not pass for ours. */
		unlink(res->log_path);
		unlink(errlog);
		fout = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		ferr = open(res->err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fout < 0 || ferr < 0) {
			rc = errno;
			goto out;
		}
		rc = spawn(&ch, bin, a.v, dir, fout, ferr);
		close(fout);
		close(ferr);
		fout = ferr = -1;
		if (rc) {
			res->seconds = now_s() - ch.started;
			rc = ENOENT;
			goto out;
		}
		rc = reap(&ch, ch.started + timeout_s * calls + 1 + linger_s_up + GRACE_S,
			  &st, &killed);
		res->seconds = now_s() - ch.started;
		if (rc)
			goto out;
		res->status = map_exit(st, killed, errlog, res->log_path,
				       &res->code);
		if (res->status != SIPP_EXIT_BIND)
			break;
	}
	if (!tail_of(res->err_tail, sizeof(res->err_tail), errlog))
		tail_of(res->err_tail, sizeof(res->err_tail), res->err_path);
out:
	if (fout >= 0)
		close(fout);
	if (ferr >= 0)
		close(ferr);
	free(request_line);
	free(absdir);
	free(absscn);
	return rc;
}

const char *sipp_status_str(enum sipp_status s)
{
	switch (s) {
	case SIPP_EXIT_OK:           return "all calls succeeded";
	case SIPP_EXIT_CALLS_FAILED: return "calls failed";
	case SIPP_EXIT_INTERNAL:     return "exit on internal command";
	case SIPP_EXIT_NO_CALLS:     return "exit without calls processed";
	case SIPP_EXIT_FATAL:        return "fatal error";
	case SIPP_EXIT_BIND:         return "could not bind a socket";
	case SIPP_EXIT_OTHER:        return "unexpected exit code";
	case SIPP_EXIT_SIGNALED:     return "killed by a signal";
	case SIPP_EXIT_OVERRUN:      return "ran past its time bound";
	case SIPP_EXIT_NOT_FOUND:    return "could not be executed";
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
	size_t len = 0, n;
	int pfd[2] = { -1, -1 }, st = 0, rc;
	bool killed = false;
	const char *v;

	if (!version || size == 0)
		return EINVAL;
	version[0] = '\0';
	if (find_exec(bin, sizeof(bin), sipp ? sipp : "sipp"))
		return ENOENT;
	rc = cloexec_pipe(pfd);
	if (rc)
		return rc;
	rc = spawn(&ch, bin, argv, NULL, pfd[1], -1);
	close(pfd[1]);
	if (rc) {
		close(pfd[0]);
		return ENOENT;
	}
	/* Read until EOF or the bound, then reap (killing if need be). */
	for (;;) {
		double left = ch.started + PROBE_TIMEOUT_MS / 1000.0 - now_s();
		struct pollfd p = { pfd[0], POLLIN, 0 };
		ssize_t r;

		if (left <= 0)
			break;
		if (poll(&p, 1, (int)(left * 1000) + 1) <= 0) {
			if (errno == EINTR)
				continue;
			break;
		}
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
	reap(&ch, ch.started + PROBE_TIMEOUT_MS / 1000.0, &st, &killed);
	buf[len] = '\0';
	v = strstr(buf, "SIPp v");
	if (killed || !v)
		return ENOENT;
	v += strlen("SIPp v");
	for (n = 0; (v[n] >= '0' && v[n] <= '9') || v[n] == '.'; n++)
		;
	while (n && v[n - 1] == '.')
		n--;
	if (n == 0 || n >= size)
		return n ? EINVAL : ENOENT;
	memcpy(version, v, n);
	version[n] = '\0';
	return 0;
}
