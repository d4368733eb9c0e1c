/*
 * check_tls.c - the TLS terminator (sipp/tls.c) against real processes:
 * Debian's stunnel4 between SIPp 3.6.1 (TCP on loopback, through the
 * harness's own sipp_run) and Kamailio's TLS listener, started once for
 * the program by fixtures/kamailio/sut start --tls with a CA and
 * certificates that openssl makes at test time (nothing secret in the
 * tree).  Two SUTs: kamailio-tls.cfg (server certificate only) and
 * kamailio-tls-mutual.cfg (a client certificate from the test CA is
 * required).
 *
 * Each SIPp run sends one OPTIONS whose Via says TLS
 * (fixtures/sipp/uac_tls_request.xml) to sip:moved@..., which the
 * reference answers with 301 over every transport.
 *
 * Run from the repository root (or set SIPCONFORM_SRCDIR).  Needs sipp,
 * stunnel4, kamailio with kamailio-tls-modules, openssl (tools/deps.sh).
 */
#include "tmain.h"
#include "tdir.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sipp/sipp.h"
#include "sipp/tls.h"

extern char **environ;

/* ---- the Kamailio SUTs (started once, in the parent) --------------------- */

struct kam {
	const char *cfg;             /* beside the sut script */
	char dir[PATH_MAX];          /* SUT_DIR */
	char ca[PATH_MAX];           /* SUT_CA */
	char cert[PATH_MAX];         /* SUT_CLIENT_CERT */
	char key[PATH_MAX];          /* SUT_CLIENT_KEY */
	uint16_t port;               /* SUT_PORT: UDP and TCP */
	uint16_t tls_port;           /* SUT_TLS_PORT */
};

static struct kam kam_tls = { "kamailio-tls.cfg", "", "", "", "", 0, 0 };
static struct kam kam_mutual = { "kamailio-tls-mutual.cfg", "", "", "", "", 0, 0 };
static char srcdir[PATH_MAX];

/*
 * Run argv (no shell), its stdout into out (NUL-terminated, cut to
 * size), stderr passed through; at most 30 s, then KILL.  Outside any
 * test, so no ck_assert here.  @return exit status, -1 on any failure
 */
static int run_capture(const char *const argv[], char *out, size_t size)
{
	posix_spawn_file_actions_t fa;
	int pfd[2], st = 0, rc;
	size_t n = 0;
	pid_t pid;
	time_t end = time(NULL) + 30;

	if (pipe(pfd) < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
	posix_spawn_file_actions_addclose(&fa, pfd[0]);
	rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pfd[1]);
	if (rc) {
		close(pfd[0]);
		return -1;
	}
	for (;;) {
		struct pollfd p = { pfd[0], POLLIN, 0 };
		ssize_t r;

		if (time(NULL) >= end || poll(&p, 1, 1000) < 0)
			break;
		if (!p.revents)
			continue;
		r = read(pfd[0], out + n, size - 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n == size - 1)
			break;
	}
	out[n] = '\0';
	close(pfd[0]);
	if (waitpid(pid, &st, WNOHANG) == 0) {
		sleep(1);
		if (waitpid(pid, &st, WNOHANG) == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return -1;
		}
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The value of "KEY=value" in sut's output, into out. */
static bool env_value(const char *text, const char *key, char *out, size_t size)
{
	size_t kl = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			size_t vl = strcspn(p + kl + 1, "\n");

			if (vl >= size)
				return false;
			memcpy(out, p + kl + 1, vl);
			out[vl] = '\0';
			return true;
		}
	}
	return false;
}

static int kam_start(struct kam *k)
{
	char sut[PATH_MAX + 32], cfg[PATH_MAX + 64], out[4096], port[16], tport[16];
	const char *argv[] = { sut, "start", "--tls", cfg, NULL };

	snprintf(sut, sizeof(sut), "%s/fixtures/kamailio/sut", srcdir);
	snprintf(cfg, sizeof(cfg), "%s/fixtures/kamailio/%s", srcdir, k->cfg);
	if (run_capture(argv, out, sizeof(out)) != 0 ||
	    !env_value(out, "SUT_DIR", k->dir, sizeof(k->dir)) ||
	    !env_value(out, "SUT_CA", k->ca, sizeof(k->ca)) ||
	    !env_value(out, "SUT_CLIENT_CERT", k->cert, sizeof(k->cert)) ||
	    !env_value(out, "SUT_CLIENT_KEY", k->key, sizeof(k->key)) ||
	    !env_value(out, "SUT_PORT", port, sizeof(port)) ||
	    !env_value(out, "SUT_TLS_PORT", tport, sizeof(tport))) {
		fprintf(stderr, "check_tls: sut start --tls %s failed:\n%s\n", k->cfg, out);
		return -1;
	}
	k->port = (uint16_t)atoi(port);
	k->tls_port = (uint16_t)atoi(tport);
	return 0;
}

static void kam_stop(struct kam *k)
{
	char sut[PATH_MAX + 32], out[1024];
	const char *argv[] = { sut, "stop", k->dir, NULL };

	if (!k->dir[0])
		return;
	snprintf(sut, sizeof(sut), "%s/fixtures/kamailio/sut", srcdir);
	if (run_capture(argv, out, sizeof(out)) != 0)
		fprintf(stderr, "check_tls: sut stop %s failed\n", k->dir);
	k->dir[0] = '\0';
}

static int setup(void)
{
	char rel[PATH_MAX];

	if (!realpath(tmain_src(rel, sizeof(rel), "."), srcdir))
		return -1;
	if (kam_start(&kam_tls) || kam_start(&kam_mutual)) {
		kam_stop(&kam_tls);
		return -1;
	}
	return 0;
}

static void teardown(void)
{
	kam_stop(&kam_tls);
	kam_stop(&kam_mutual);
}

/* ---- helpers -------------------------------------------------------------- */

static struct tls_conf conf_for(const struct kam *k, const char *host)
{
	struct tls_conf c;

	memset(&c, 0, sizeof(c));
	c.remote_host = host;
	c.remote_port = k->tls_port;
	c.ca_file = k->ca;
	c.dir = tdir();
	c.timeout_s = 3;
	return c;
}

static struct tls_tunnel *start_ok(const struct tls_conf *c)
{
	struct tls_tunnel *t = NULL;
	char why[512];
	int rc = tls_start(&t, c, why, sizeof(why));

	ck_assert_msg(rc == 0, "tls_start: %s (%s)", why, strerror(rc));
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_ne(tls_local_port(t), 0);
	ck_assert_int_gt(tls_pid(t), 0);
	/* "stunnel 5.68, OpenSSL 3.0.19": the library it runs with. */
	ck_assert_msg(strncmp(tls_version(t), "stunnel 5.", 10) == 0 &&
		      strstr(tls_version(t), ", OpenSSL 3.") != NULL, "%s", tls_version(t));
	return t;
}

/* One SIPp run (method to ruri, Via TLS) through t; the message log. */
static char *sipp_through(struct tls_tunnel *t, const char *method, const char *ruri)
{
	static int n;
	char scn[PATH_MAX + 64], *dir;
	struct sipp_key keys[] = { { "method", method }, { "ruri", ruri } };
	struct sipp_job job;
	struct sipp_result res;

	snprintf(scn, sizeof(scn), "%s/fixtures/sipp/uac_tls_request.xml", srcdir);
	dir = tdir_path(n++ & 1 ? "run-b" : "run-a");
	mkdir(dir, 0700);
	memset(&job, 0, sizeof(job));
	job.scenario = scn;
	job.dir = dir;
	job.remote_host = tls_local_host(t);
	job.remote_port = tls_local_port(t);
	job.transport = TRANSPORT_TCP;
	job.keys = keys;
	job.nkeys = NELEM(keys);
	job.timeout_s = 3;
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	return tdir_slurp(res.log_path, NULL);
}

static void assert_301(struct tls_tunnel *t)
{
	char *log = sipp_through(t, "OPTIONS", "sip:moved@example.com");
	char why[512];

	ck_assert_msg(strstr(log, "Via: SIP/2.0/TLS ") != NULL, "no TLS Via sent:\n%s", log);
	ck_assert_msg(strstr(log, "\nSIP/2.0 301 Moved Permanently\r\n") != NULL,
		      "no 301 through the tunnel:\n%s", log);
	ck_assert_msg(strstr(log, "Contact: <sip:alice-new@new.example.com>") != NULL,
		      "not the reference's 301:\n%s", log);
	free(log);
	ck_assert_msg(tls_check(t, why, sizeof(why)) == 0, "tls_check: %s", why);
	ck_assert_str_eq(why, "");
}

/* A run that cannot get through: no answer logged, tls_check says why. */
static void assert_fails(struct tls_tunnel *t, int want_rc, const char *want_why)
{
	char *log = sipp_through(t, "OPTIONS", "sip:moved@example.com");
	char why[512];
	int rc;

	ck_assert_msg(strstr(log, "SIP/2.0 301") == NULL, "an answer got through:\n%s", log);
	free(log);
	rc = tls_check(t, why, sizeof(why));
	ck_assert_msg(rc == want_rc, "tls_check gave %d (%s), want %d", rc, why, want_rc);
	ck_assert_msg(strncmp(why, want_why, strlen(want_why)) == 0,
		      "tls_check: \"%s\", want \"%s...\"", why, want_why);
	/* Reported once: the next look starts after it. */
	ck_assert_int_eq(tls_check(t, why, sizeof(why)), 0);
}

/* Is pid gone (no process, or a zombie not ours to reap)? */
static bool pid_gone(pid_t pid)
{
	char path[64], buf[256];
	FILE *f;
	bool gone = true;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return true;
	if (fgets(buf, sizeof(buf), f)) {
		const char *p = strrchr(buf, ')');

		gone = p && p[1] == ' ' && p[2] == 'Z';
	}
	fclose(f);
	return gone;
}

static bool wait_gone(pid_t pid, int ms)
{
	for (; ms > 0; ms -= 10) {
		if (pid_gone(pid))
			return true;
		usleep(10000);
	}
	return pid_gone(pid);
}

/* No child process of ours is left, not even a zombie. */
static void assert_no_child(void)
{
	int st;

	ck_assert_int_eq(waitpid(-1, &st, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
}

/*
 * The local addresses (hex, as /proc/net/tcp* writes them) of every
 * listening TCP socket on port, any family, joined by spaces.
 */
static void listeners(char *out, size_t size, uint16_t port)
{
	static const char *const files[] = { "/proc/net/tcp", "/proc/net/tcp6" };
	char want[16], line[512];

	out[0] = '\0';
	snprintf(want, sizeof(want), ":%04X", port);
	for (size_t i = 0; i < NELEM(files); i++) {
		FILE *f = fopen(files[i], "r");

		while (f && fgets(line, sizeof(line), f)) {
			char local[64], remote[64], state[8];

			if (sscanf(line, "%*s %63s %63s %7s", local, remote, state) != 3)
				continue;
			if (strcmp(state, "0A") != 0)
				continue;
			if (strlen(local) > 5 && strcmp(local + strlen(local) - 5, want) == 0) {
				local[strlen(local) - 5] = '\0';
				if (out[0])
					strncat(out, " ", size - strlen(out) - 1);
				strncat(out, local, size - strlen(out) - 1);
			}
		}
		if (f)
			fclose(f);
	}
}

/* A whole file as a string (tdir_slurp), then whether it holds needle. */
static bool file_has(const char *path, const char *needle)
{
	char *s = tdir_slurp(path, NULL);
	bool has = strstr(s, needle) != NULL;

	free(s);
	return has;
}

static void make_other_ca(char *cert, size_t size)
{
	char key[PATH_MAX];
	const char *argv[] = {
		"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
		"ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
		"-subj", "/CN=another test CA", "-keyout", key, "-out", cert, NULL
	};

	snprintf(cert, size, "%s", tdir_path("other-ca.pem"));
	snprintf(key, sizeof(key), "%s", tdir_path("other-ca.key"));
	ck_assert_int_eq(tdir_run(argv, tdir_path("openssl.log")), 0);
}

/* ---- through the tunnel --------------------------------------------------- */

/*
 * Verification, one SIPp run each: a pass gets the 301, a failure is
 * put in words by tls_check.  The tunnel listens on the loopback address
 * of the SUT's family only.
 */
enum ca_choice { CA_SUT, CA_SYSTEM, CA_OTHER, CA_NONE };

static const struct vcase {
	const char *label;
	const struct kam *kam;
	const char *host, *sni;
	enum ca_choice ca;
	bool insecure, client_cert;
	int rc;                      /* 0: the 301 gets through */
	const char *why;
	const char *conf_has[3];     /* lines of stunnel.conf */
	const char *conf_lacks[2];
} vcases[] = {
	{ "IPv4, the test CA, the address checked", &kam_tls, "127.0.0.1", NULL, CA_SUT,
	  false, false, 0, "",
	  { "\nverifyChain = yes\n", "\ncheckIP = 127.0.0.1\n", "\nsni = \n" }, { "checkHost", NULL } },
	{ "IPv6, the test CA, the address checked", &kam_tls, "::1", NULL, CA_SUT,
	  false, false, 0, "",
	  { "\naccept = ::1:", "\nconnect = ::1:", "\ncheckIP = ::1\n" }, { NULL, NULL } },
	{ "a target name: sent as SNI, checked", &kam_tls, "127.0.0.1", "localhost", CA_SUT,
	  false, false, 0, "",
	  { "\nsni = localhost\n", "\ncheckHost = localhost\n", NULL }, { "checkIP", NULL } },
	{ "the system store does not know the test CA", &kam_tls, "127.0.0.1", NULL, CA_SYSTEM,
	  false, false, EPROTO,
	  "certificate verify failed: unable to get local issuer certificate (depth 0: CN=localhost)",
	  { "\nCAfile = " TLS_SYSTEM_CA "\n", NULL, NULL }, { NULL, NULL } },
	{ "another CA", &kam_tls, "127.0.0.1", NULL, CA_OTHER, false, false, EPROTO,
	  "certificate verify failed: unable to get local issuer certificate (depth 0: CN=localhost)",
	  { NULL, NULL, NULL }, { NULL, NULL } },
	{ "a name the certificate does not have", &kam_tls, "127.0.0.1", "sip.example.com", CA_SUT,
	  false, false, EPROTO,
	  "certificate verify failed: the certificate does not name sip.example.com",
	  { "\nsni = sip.example.com\n", NULL, NULL }, { NULL, NULL } },
	{ "insecure: nothing verified", &kam_tls, "127.0.0.1", NULL, CA_NONE, true, false, 0, "",
	  { "\nsni = \n", NULL, NULL }, { "verifyChain", "CAfile" } },
	{ "mutual TLS without a client certificate", &kam_mutual, "127.0.0.1", NULL, CA_SUT,
	  false, false, EPROTO,
	  "TLS alert from the SUT: tlsv13 alert certificate required (the SUT wants a client certificate)",
	  { NULL, NULL, NULL }, { "\ncert = ", NULL } },
	{ "mutual TLS with the client certificate", &kam_mutual, "::1", NULL, CA_SUT,
	  false, true, 0, "",
	  { "\ncert = ", "\nkey = ", NULL }, { NULL, NULL } },
};

START_TEST(test_verify)
{
	const struct vcase *v = &vcases[_i];
	struct tls_conf c = conf_for(v->kam, v->host);
	struct tls_tunnel *t;
	char other[PATH_MAX], addrs[256];

	switch (v->ca) {
	case CA_SUT:    break;
	case CA_SYSTEM: c.ca_file = NULL; break;
	case CA_NONE:   c.ca_file = NULL; break;
	case CA_OTHER:  make_other_ca(other, sizeof(other)); c.ca_file = other; break;
	}
	c.sni = v->sni;
	c.insecure = v->insecure;
	if (v->client_cert) {
		c.cert_file = v->kam->cert;
		c.key_file = v->kam->key;
	}
	t = start_ok(&c);
	ck_assert_str_eq(tls_local_host(t), v->host);
	listeners(addrs, sizeof(addrs), tls_local_port(t));
	ck_assert_str_eq(addrs, strchr(v->host, ':') ? "00000000000000000000000001000000" : "0100007F");
	for (size_t i = 0; i < NELEM(v->conf_has) && v->conf_has[i]; i++)
		ck_assert_msg(file_has(tdir_path("stunnel.conf"), v->conf_has[i]),
			      "%s: no \"%s\" in stunnel.conf", v->label, v->conf_has[i]);
	for (size_t i = 0; i < NELEM(v->conf_lacks) && v->conf_lacks[i]; i++)
		ck_assert_msg(!file_has(tdir_path("stunnel.conf"), v->conf_lacks[i]),
			      "%s: \"%s\" in stunnel.conf", v->label, v->conf_lacks[i]);
	if (v->rc)
		assert_fails(t, v->rc, v->why);
	else
		assert_301(t);
	if (!v->rc && !v->insecure)
		ck_assert(file_has(tls_log_path(t), "Certificate accepted at depth=0: CN=localhost"));
	tls_stop(t);
}
END_TEST

/* Several SIPp runs share one tunnel, one TLS connection each. */
START_TEST(test_runs_share_tunnel)
{
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	struct tls_tunnel *t = start_ok(&c);
	pid_t pid = tls_pid(t);

	for (int i = 0; i < 3; i++)
		assert_301(t);
	ck_assert_int_eq(tls_pid(t), pid);
	tls_stop(t);
}
END_TEST

START_TEST(test_refused)
{
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	struct tls_tunnel *t;
	char addrs[64];

	/* A port nobody listens on: the tunnel's own, once it is gone. */
	t = start_ok(&c);
	c.remote_port = tls_local_port(t);
	tls_stop(t);
	listeners(addrs, sizeof(addrs), c.remote_port);
	ck_assert_str_eq(addrs, "");
	t = start_ok(&c);
	assert_fails(t, ECONNREFUSED, "connection refused");
	tls_stop(t);
}
END_TEST

/* The SUT's plain TCP port does not speak TLS. */
START_TEST(test_not_tls)
{
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	struct tls_tunnel *t;
	char *log, why[512];
	int rc;

	c.remote_port = kam_tls.port;
	c.timeout_s = 1;
	t = start_ok(&c);
	log = sipp_through(t, "OPTIONS", "sip:moved@example.com");
	ck_assert_msg(strstr(log, "SIP/2.0 301") == NULL, "%s", log);
	free(log);
	/* Kamailio waits for a SIP message that never comes. */
	rc = tls_check(t, why, sizeof(why));
	ck_assert_msg(rc == ETIMEDOUT, "tls_check gave %d (%s)", rc, why);
	ck_assert_str_eq(why, "TLS handshake timed out after 1 s");
	tls_stop(t);
}
END_TEST

/*
 * The reference answers over TLS as over UDP and TCP (README.md of
 * fixtures/kamailio): 405 with Allow, 501, 200, and a sips: Request-URI
 * redirected to a sips: Contact.
 */
START_TEST(test_same_answers)
{
	static const struct { const char *method, *ruri, *status, *header; } cases[] = {
		{ "MESSAGE", "sip:nomethods@example.com", "SIP/2.0 405 Method Not Allowed",
		  "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS" },
		{ "XYZZY", "sip:nomethods@example.com", "SIP/2.0 501 Not Implemented",
		  "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS" },
		{ "OPTIONS", "sip:control@example.com", "SIP/2.0 200 OK", "Allow: INVITE," },
		{ "OPTIONS", "sips:moved@example.com", "SIP/2.0 301 Moved Permanently",
		  "Contact: <sips:alice-new@new.example.com>" },
	};
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	struct tls_tunnel *t = start_ok(&c);
	char why[512];

	for (size_t i = 0; i < NELEM(cases); i++) {
		char *log = sipp_through(t, cases[i].method, cases[i].ruri);

		ck_assert_msg(strstr(log, cases[i].status) && strstr(log, cases[i].header),
			      "%s %s: want %s with %s:\n%s", cases[i].method, cases[i].ruri,
			      cases[i].status, cases[i].header, log);
		free(log);
	}
	ck_assert_int_eq(tls_check(t, why, sizeof(why)), 0);
	tls_stop(t);
}
END_TEST

/*
 * A SUT with a self-signed certificate (openssl s_server, stopped by the
 * kernel when this test's process ends: setpriv --pdeathsig).
 */
START_TEST(test_self_signed_fails)
{
	char cert[PATH_MAX], key[PATH_MAX], acc[64];
	const char *mk[] = {
		"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
		"ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
		"-subj", "/CN=selfsigned", "-addext", "subjectAltName=IP:127.0.0.1",
		"-keyout", key, "-out", cert, NULL
	};
	char *srv[] = {
		(char *)"setpriv", (char *)"--pdeathsig", (char *)"KILL", (char *)"--",
		(char *)"openssl", (char *)"s_server", (char *)"-quiet", (char *)"-accept", acc,
		(char *)"-cert", cert, (char *)"-key", key, NULL
	};
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	struct tls_tunnel *t;
	posix_spawn_file_actions_t fa;
	char addrs[64];
	pid_t srv_pid;
	int st;

	snprintf(cert, sizeof(cert), "%s", tdir_path("self.pem"));
	snprintf(key, sizeof(key), "%s", tdir_path("self.key"));
	ck_assert_int_eq(tdir_run(mk, tdir_path("openssl.log")), 0);
	/* A port nobody uses: a tunnel's own, once it is gone. */
	t = start_ok(&c);
	c.remote_port = tls_local_port(t);
	tls_stop(t);
	snprintf(acc, sizeof(acc), "127.0.0.1:%u", (unsigned)c.remote_port);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, tdir_path("s_server.log"),
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	ck_assert_int_eq(posix_spawnp(&srv_pid, "setpriv", &fa, NULL, srv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	for (int i = 0; i < 500; i++) {
		listeners(addrs, sizeof(addrs), c.remote_port);
		if (addrs[0])
			break;
		usleep(10000);
	}
	ck_assert_str_eq(addrs, "0100007F");
	c.ca_file = NULL;   /* the system store */
	t = start_ok(&c);
	assert_fails(t, EPROTO, "certificate verify failed: self-signed certificate (depth 0: CN=selfsigned)");
	tls_stop(t);
	/* Trusting that very certificate works. */
	c.ca_file = cert;
	t = start_ok(&c);
	{
		char *log = sipp_through(t, "OPTIONS", "sip:moved@example.com");
		char why[512];

		free(log);
		ck_assert_msg(tls_check(t, why, sizeof(why)) == 0, "%s", why);
		ck_assert(file_has(tls_log_path(t), "Certificate accepted at depth=0: CN=selfsigned"));
	}
	tls_stop(t);
	kill(srv_pid, SIGKILL);
	ck_assert_int_eq(waitpid(srv_pid, &st, 0), srv_pid);
}
END_TEST

/*
 * The words for what stunnel logs, line by line: canned lines appended to
 * a live tunnel's log, as stunnel 5.68 writes them (partly seen above in
 * real runs; the rest copied from runs by hand).
 */
static const struct {
	const char *lines;
	int rc;
	const char *why;
} log_cases[] = {
	{ "2026.11.29 18:56:51 LOG3[0]: SSL_connect: ../ssl/statem/statem_clnt.c:1889: error:0A000410:SSL routines::sslv3 alert handshake failure\n",
	  EPROTO, "handshake failure: sslv3 alert handshake failure" },
	{ "2026.11.29 18:56:51 LOG3[0]: SSL_connect: ../ssl/record/ssl3_record.c:354: error:0A00010B:SSL routines::wrong version number\n",
	  EPROTO, "handshake failure: wrong version number" },
	{ "2026.11.29 18:56:50 LOG4[0]: CERT: Pre-verification error: certificate has expired\n"
	  "2026.11.29 18:56:50 LOG4[0]: Rejected by CERT at depth=0: CN=sut\x01.example\n"
	  "2026.11.29 18:56:50 LOG3[0]: SSL_connect: ../ssl/statem/statem_clnt.c:1889: error:0A000086:SSL routines::certificate verify failed\n",
	  EPROTO, "certificate verify failed: certificate has expired (depth 0: CN=sut?.example)" },
	{ "2026.11.29 18:56:51 LOG3[1]: SSL_read: ../ssl/record/rec_layer_s3.c:1601: error:0A00045C:SSL routines::tlsv13 alert certificate required\n",
	  EPROTO, "TLS alert from the SUT: tlsv13 alert certificate required (the SUT wants a client certificate)" },
	{ "2026.11.29 18:56:51 LOG3[0]: s_connect: connect ::1:5061: Network is unreachable (101)\n",
	  ENETUNREACH, "network is unreachable" },
	{ "2026.11.29 18:56:51 LOG3[0]: s_connect: s_poll_wait 192.0.2.1:5061: TIMEOUTconnect exceeded\n",
	  ETIMEDOUT, "TCP connect timed out after 3 s" },
	/* Not failures: a clean close, a reset by SIPp, an idle read error. */
	{ "2026.11.29 18:56:45 LOG5[0]: Connection closed: 259 byte(s) sent to TLS, 358 byte(s) sent to socket\n"
	  "2026.11.29 18:56:45 LOG5[0]: Connection reset: 0 byte(s) sent to TLS, 0 byte(s) sent to socket\n"
	  "2026.11.29 18:56:45 LOG3[0]: SSL_read: ../ssl/record/rec_layer_s3.c:320: error:0A000126:SSL routines::unexpected eof while reading\n"
	  "2026.11.29 18:56:45 LOG7[0]: SSL_connect: not at this level\n"
	  "garbage without a form\n",
	  0, "" },
	/* A line still being written is not read until its LF comes. */
	{ "2026.11.29 18:56:51 LOG3[0]: SSL_connect: ../ssl/x.c:1: error:0A000410:SSL routines::sslv3 alert handshake failure",
	  0, "" },
};

START_TEST(test_log_words)
{
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	struct tls_tunnel *t = start_ok(&c);
	char why[512];
	FILE *f;
	int rc;

	for (size_t i = 0; i < NELEM(log_cases); i++) {
		f = fopen(tls_log_path(t), "a");
		ck_assert_ptr_nonnull(f);
		fputs(log_cases[i].lines, f);
		fclose(f);
		rc = tls_check(t, why, sizeof(why));
		ck_assert_msg(rc == log_cases[i].rc && strcmp(why, log_cases[i].why) == 0,
			      "case %zu: %d \"%s\", want %d \"%s\"", i, rc, why,
			      log_cases[i].rc, log_cases[i].why);
	}
	/* The partial line's end arrives: now it is read. */
	f = fopen(tls_log_path(t), "a");
	ck_assert_ptr_nonnull(f);
	fputs("\n", f);
	fclose(f);
	ck_assert_int_eq(tls_check(t, why, sizeof(why)), EPROTO);
	ck_assert_str_eq(why, "handshake failure: sslv3 alert handshake failure");
	tls_stop(t);
}
END_TEST

/* ---- processes and sockets ------------------------------------------------ */

/* A client key that is not the certificate's: stunnel refuses to start. */

START_TEST(test_key_mismatch_refused)
{
	struct tls_conf c = conf_for(&kam_mutual, "127.0.0.1");
	struct tls_tunnel *t = NULL;
	char why[512], key[PATH_MAX];

	/* The CA's key with the client's certificate (and the system store:
	 * its loading does not hide the error). */
	snprintf(key, sizeof(key), "%s/tls-ca.key", kam_mutual.dir);
	c.ca_file = NULL;
	c.cert_file = kam_mutual.cert;
	c.key_file = key;
	ck_assert_int_eq(tls_start(&t, &c, why, sizeof(why)), EPROTO);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(why, "TLS: stunnel: SSL_CTX_use_PrivateKey_file: key values mismatch");
	assert_no_child();
}
END_TEST

START_TEST(test_stop_leaves_nothing)
{
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	struct tls_tunnel *t = start_ok(&c);
	uint16_t port = tls_local_port(t);
	pid_t pid = tls_pid(t);
	char addrs[256];

	/* Loopback only: one listener on this port, 127.0.0.1. */
	listeners(addrs, sizeof(addrs), port);
	ck_assert_str_eq(addrs, "0100007F");
	/* Its own process group, not ours. */
	ck_assert_int_eq(getpgid(pid), pid);
	ck_assert_int_ne(getpgid(pid), getpgid(0));
	tls_stop(t);
	ck_assert(pid_gone(pid));
	ck_assert_int_eq(kill(pid, 0), -1);
	assert_no_child();
	listeners(addrs, sizeof(addrs), port);
	ck_assert_str_eq(addrs, "");
	/* The log stays (evidence); stunnel removed its pid file. */
	ck_assert_int_eq(access(tdir_path("stunnel.log"), F_OK), 0);
	ck_assert_int_eq(access(tdir_path("stunnel.pid"), F_OK), -1);
}
END_TEST

/* stunnel inherits none of our descriptors. */
START_TEST(test_no_inherited_fds)
{
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	int fd = open(tdir_path("marker"), O_WRONLY | O_CREAT, 0600);   /* no O_CLOEXEC */
	struct tls_tunnel *t;
	char path[64], link[PATH_MAX];
	ssize_t n;

	ck_assert_int_ge(fd, 0);
	t = start_ok(&c);
	for (int i = 0; i < 64; i++) {
		snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)tls_pid(t), i);
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		ck_assert_msg(strstr(link, "marker") == NULL, "fd %d inherited: %s", i, link);
	}
	close(fd);
	tls_stop(t);
}
END_TEST

START_TEST(test_dead_tunnel_reported)
{
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	struct tls_tunnel *t = start_ok(&c);
	char why[512];

	kill(tls_pid(t), SIGKILL);
	usleep(100000);
	ck_assert_int_eq(tls_check(t, why, sizeof(why)), ESRCH);
	ck_assert_str_eq(why, "TLS: stunnel was killed by signal 9");
	ck_assert_int_eq(tls_pid(t), 0);
	tls_stop(t);
	assert_no_child();
}
END_TEST

/* The harness dies without tls_stop: the kernel kills stunnel (PR_SET_PDEATHSIG). */
START_TEST(test_parent_death_stops_it)
{
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	int pfd[2], st;
	pid_t kid, pid = 0;

	ck_assert_int_eq(pipe(pfd), 0);
	kid = fork();
	ck_assert_int_ge(kid, 0);
	if (kid == 0) {
		struct tls_tunnel *t = NULL;
		char why[256];

		if (tls_start(&t, &c, why, sizeof(why)) == 0)
			pid = tls_pid(t);
		if (write(pfd[1], &pid, sizeof(pid)) < 0)
			_exit(2);
		_exit(0);
	}
	close(pfd[1]);
	ck_assert_int_eq(read(pfd[0], &pid, sizeof(pid)), (ssize_t)sizeof(pid));
	close(pfd[0]);
	ck_assert_int_eq(waitpid(kid, &st, 0), kid);
	ck_assert_int_gt(pid, 0);
	ck_assert_msg(wait_gone(pid, 3000), "stunnel %d outlived its parent", (int)pid);
}
END_TEST

START_TEST(test_missing_stunnel)
{
	struct tls_conf c = conf_for(&kam_tls, "127.0.0.1");
	struct tls_tunnel *t = NULL;
	char why[512];

	c.stunnel = "/nonexistent/stunnel4";
	ck_assert_int_eq(tls_start(&t, &c, why, sizeof(why)), ENOENT);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(why, "TLS: cannot run /nonexistent/stunnel4: No such file or directory");
	assert_no_child();
}
END_TEST

/* ---- configurations refused before anything runs -------------------------- */

struct bad {
	const char *label;
	const char *host, *sni, *ca, *cert, *key, *dir;
	uint16_t port;
	unsigned timeout_s;
	int rc;
	const char *why;
};

static const struct bad bad_confs[] = {
	{ "name as host", "localhost", NULL, NULL, NULL, NULL, NULL, 5061, 0, EINVAL, "TLS: the SUT's address must be an IP literal" },
	{ "bracketed v6", "[::1]", NULL, NULL, NULL, NULL, NULL, 5061, 0, EINVAL, "TLS: the SUT's address must be an IP literal" },
	{ "port 0", "127.0.0.1", NULL, NULL, NULL, NULL, NULL, 0, 0, EINVAL, "TLS: the SUT's port must not be 0" },
	{ "sni newline", "127.0.0.1", "a.example\nconnect = 10.0.0.1:1", NULL, NULL, NULL, NULL, 5061, 0, EINVAL, "TLS: the target name is not a DNS name" },
	{ "sni IP", "127.0.0.1", "127.0.0.1", NULL, NULL, NULL, NULL, 5061, 0, EINVAL, "TLS: the target name is not a DNS name" },
	{ "sni empty label", "127.0.0.1", "a..example", NULL, NULL, NULL, NULL, 5061, 0, EINVAL, "TLS: the target name is not a DNS name" },
	{ "sni leading hyphen", "127.0.0.1", "-a.example", NULL, NULL, NULL, NULL, 5061, 0, EINVAL, "TLS: the target name is not a DNS name" },
	{ "sni space", "127.0.0.1", "a example", NULL, NULL, NULL, NULL, 5061, 0, EINVAL, "TLS: the target name is not a DNS name" },
	{ "ca newline", "127.0.0.1", NULL, "/tmp/x\ncert = /etc/passwd", NULL, NULL, NULL, 5061, 0, EINVAL, "TLS: CA file: unusable file name" },
	{ "ca missing", "127.0.0.1", NULL, "/nonexistent/ca.pem", NULL, NULL, NULL, 5061, 0, ENOENT, "TLS: cannot read CA file /nonexistent/ca.pem: No such file or directory" },
	{ "ca a directory", "127.0.0.1", NULL, "/tmp", NULL, NULL, NULL, 5061, 0, EISDIR, "TLS: cannot read CA file /tmp: not a regular file" },
	{ "cert no key", "127.0.0.1", NULL, NULL, "/etc/passwd", NULL, NULL, 5061, 0, EINVAL, "TLS: a client certificate needs its key and a key its certificate" },
	{ "key no cert", "127.0.0.1", NULL, NULL, NULL, "/etc/passwd", NULL, 5061, 0, EINVAL, "TLS: a client certificate needs its key and a key its certificate" },
	{ "key missing", "127.0.0.1", NULL, NULL, "/etc/passwd", "/nonexistent.key", NULL, 5061, 0, ENOENT, "TLS: cannot read client key /nonexistent.key" },
	{ "dir newline", "127.0.0.1", NULL, NULL, NULL, NULL, "/tmp/a\nb", 5061, 0, EINVAL, "TLS: unusable directory name" },
	{ "dir missing", "127.0.0.1", NULL, NULL, NULL, NULL, "/nonexistent/dir", 5061, 0, ENOENT, "TLS: directory /nonexistent/dir" },
	{ "timeout", "127.0.0.1", NULL, NULL, NULL, NULL, NULL, 5061, 301, EINVAL, "TLS: timeout over 300 s" },
};

START_TEST(test_bad_conf)
{
	const struct bad *b = &bad_confs[_i];
	struct tls_conf c;
	struct tls_tunnel *t = (struct tls_tunnel *)&c;   /* must become NULL */
	char why[512];
	int rc;

	memset(&c, 0, sizeof(c));
	c.remote_host = b->host;
	c.remote_port = b->port;
	c.sni = b->sni;
	c.ca_file = b->ca ? b->ca : kam_tls.ca;
	c.cert_file = b->cert;
	c.key_file = b->key;
	c.dir = b->dir ? b->dir : tdir();
	c.timeout_s = b->timeout_s;
	rc = tls_start(&t, &c, why, sizeof(why));
	ck_assert_msg(rc == b->rc, "%s: rc %d (%s), want %d", b->label, rc, why, b->rc);
	ck_assert_ptr_null(t);
	ck_assert_msg(strncmp(why, b->why, strlen(b->why)) == 0, "%s: \"%s\"", b->label, why);
	/* Refused before anything was written or run. */
	ck_assert_int_eq(access(tdir_path("stunnel.conf"), F_OK), -1);
	assert_no_child();
}
END_TEST

START_TEST(test_null_args)
{
	struct tls_tunnel *t = NULL;
	char why[64];

	ck_assert_int_eq(tls_start(NULL, NULL, why, sizeof(why)), EINVAL);
	ck_assert_int_eq(tls_start(&t, NULL, why, sizeof(why)), EINVAL);
	ck_assert_int_eq(tls_check(NULL, why, sizeof(why)), EINVAL);
	ck_assert_str_eq(tls_local_host(NULL), "");
	ck_assert_uint_eq(tls_local_port(NULL), 0);
	tls_stop(NULL);
}
END_TEST

static Suite *tls_suite(void)
{
	Suite *s = suite_create("tls");
	TCase *run = tcase_create("through the tunnel");
	TCase *proc = tcase_create("processes");
	TCase *conf = tcase_create("configuration");

	tcase_add_checked_fixture(run, tdir_setup, tdir_teardown);
	tcase_set_timeout(run, 60);
	tcase_add_loop_test(run, test_verify, 0, (int)NELEM(vcases));
	tcase_add_test(run, test_runs_share_tunnel);
	tcase_add_test(run, test_refused);
	tcase_add_test(run, test_not_tls);
	tcase_add_test(run, test_same_answers);
	tcase_add_test(run, test_self_signed_fails);
	tcase_add_test(run, test_log_words);
	suite_add_tcase(s, run);

	tcase_add_checked_fixture(proc, tdir_setup, tdir_teardown);
	tcase_set_timeout(proc, 60);
	tcase_add_test(proc, test_key_mismatch_refused);
	tcase_add_test(proc, test_stop_leaves_nothing);
	tcase_add_test(proc, test_no_inherited_fds);
	tcase_add_test(proc, test_dead_tunnel_reported);
	tcase_add_test(proc, test_parent_death_stops_it);
	tcase_add_test(proc, test_missing_stunnel);
	suite_add_tcase(s, proc);

	tcase_add_checked_fixture(conf, tdir_setup, tdir_teardown);
	tcase_add_loop_test(conf, test_bad_conf, 0, (int)NELEM(bad_confs));
	tcase_add_test(conf, test_null_args);
	suite_add_tcase(s, conf);
	return s;
}

const struct tmain tmain_def = { "check_tls", tls_suite, setup, teardown };
