/*
 * check_sipp.c - the SIPp process boundary (sipp/sipp.c, sipp/child.c) against the
 * real SIPp 3.6.1 on loopback, with UAS fixtures (fixtures/sipp/) playing
 * the system under test, and with tiny fake "sipp" scripts for the exit
 * code mapping and the harness's own hard kill.
 *
 * The UAS processes are started once per TCase by an unchecked fixture
 * (in the parent process, so they are stopped even when a test fails)
 * and stopped by PID.  Run from the repository root (or set
 * SIPCONFORM_SRCDIR).  Needs sipp on PATH.
 */
#include "tmain.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/monotime.h"
#include "base/stop.h"
#include "sipp/siplog.h"
#include "sipp/sipp.h"


extern char **environ;

/* ---- fake SUTs ------------------------------------------------------------ */

struct uas {
	const char *fixture;
	const char *t;         /* u1 / t1 */
	const char *ip;
	pid_t pid;
	uint16_t port;
};

static struct uas uas_301_u4 = { "uas_301_ok", "u1", "127.0.0.1", 0, 0 };
static struct uas uas_301_t6 = { "uas_301_ok", "t1", "::1", 0, 0 };
static struct uas uas_405_u4 = { "uas_405_ok", "u1", "127.0.0.1", 0, 0 };
static struct uas uas_silent = { "uas_silent", "u1", "127.0.0.1", 0, 0 };
static struct uas *const all_uas[] = {
	&uas_301_u4, &uas_301_t6, &uas_405_u4, &uas_silent
};

static char srcdir[PATH_MAX];
static char tmpdir[PATH_MAX];

static void msleep(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static uint16_t test_free_port(const char *ip)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd;
	uint16_t port;

	memset(&ss, 0, sizeof(ss));
	if (strchr(ip, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		inet_pton(AF_INET6, ip, &s6->sin6_addr);
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		inet_pton(AF_INET, ip, &s4->sin_addr);
		sl = sizeof(*s4);
	}
	fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&ss, sl) < 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) < 0)
		return 0;
	port = ntohs(ss.ss_family == AF_INET6 ?
		     ((struct sockaddr_in6 *)&ss)->sin6_port :
		     ((struct sockaddr_in *)&ss)->sin_port);
	close(fd);
	return port;
}

/* Is port bound (UDP) / listening (TCP) per /proc/net? */
static bool listening(const char *t, const char *ip, uint16_t port)
{
	char path[64], line[512], want[16];
	bool tcp = t[0] == 't', found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/net/%s%s", tcp ? "tcp" : "udp",
		 strchr(ip, ':') ? "6" : "");
	snprintf(want, sizeof(want), ":%04X ", port);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *p = strstr(line, want);

		/* local_address is the 2nd column; state 0A = LISTEN */
		if (p && p < line + 60)
			found = !tcp || strstr(p, " 0A ") != NULL;
	}
	fclose(f);
	return found;
}

static void uas_start(struct uas *u)
{
	char scn[PATH_MAX + 64], port_s[8], out[PATH_MAX + 64];
	posix_spawn_file_actions_t fa;

	snprintf(scn, sizeof(scn), "%s/fixtures/sipp/%s.xml", srcdir, u->fixture);
	for (int attempt = 0; attempt < 5 && !u->pid; attempt++) {
		char *argv[] = {
			(char *)"sipp", (char *)"-sf", scn, (char *)"-i",
			(char *)u->ip, (char *)"-p", port_s, (char *)"-t",
			(char *)u->t, (char *)"-bind_local", (char *)"-nostdin",
			NULL
		};

		u->port = test_free_port(u->ip);
		snprintf(port_s, sizeof(port_s), "%u", u->port);
		snprintf(out, sizeof(out), "%s/uas-%u.out", tmpdir, u->port);
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		posix_spawn_file_actions_adddup2(&fa, 1, 2);
		if (posix_spawnp(&u->pid, "sipp", &fa, NULL, argv, environ) != 0)
			u->pid = 0;
		posix_spawn_file_actions_destroy(&fa);
		for (int i = 0; u->pid && i < 500; i++) {
			int st;

			if (listening(u->t, u->ip, u->port))
				return;
			if (waitpid(u->pid, &st, WNOHANG) == u->pid) {
				u->pid = 0;   /* lost the port race: retry */
				break;
			}
			msleep(10);
		}
		if (u->pid) {
			kill(u->pid, SIGKILL);
			waitpid(u->pid, NULL, 0);
			u->pid = 0;
		}
	}
}

static void uas_stop(struct uas *u)
{
	int st;

	if (!u->pid)
		return;
	kill(u->pid, SIGTERM);
	for (int i = 0; i < 200; i++) {
		if (waitpid(u->pid, &st, WNOHANG) == u->pid) {
			u->pid = 0;
			return;
		}
		msleep(10);
	}
	kill(u->pid, SIGKILL);
	waitpid(u->pid, &st, 0);
	u->pid = 0;
}

static void rm_rf(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[PATH_MAX + 300];

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			rm_rf(p);
		else
			unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

static void setup_dirs(void)
{
	char t[] = "/tmp/check_sipp.XXXXXX", rel[PATH_MAX];

	if (!realpath(tmain_src(rel, sizeof(rel), "."), srcdir))
		snprintf(srcdir, sizeof(srcdir), ".");
	if (mkdtemp(t))
		snprintf(tmpdir, sizeof(tmpdir), "%s", t);
}

static void setup_uas(void)
{
	setup_dirs();
	for (size_t i = 0; i < NELEM(all_uas); i++)
		uas_start(all_uas[i]);
}

static void teardown_uas(void)
{
	for (size_t i = 0; i < NELEM(all_uas); i++)
		uas_stop(all_uas[i]);
	if (tmpdir[0] && !getenv("CHECK_SIPP_KEEP"))
		rm_rf(tmpdir);
}

static void teardown_dirs(void)
{
	if (tmpdir[0] && !getenv("CHECK_SIPP_KEEP"))
		rm_rf(tmpdir);
}

/* ---- helpers -------------------------------------------------------------- */

/* A fresh case directory under tmpdir. */
static void casedir(char *out, size_t size, const char *name)
{
	int n = snprintf(out, size, "%s/%s-%d", tmpdir, name, (int)getpid());

	ck_assert(n > 0 && (size_t)n < size);
	rm_rf(out);
	ck_assert_int_eq(mkdir(out, 0755), 0);
}

static void scenario(char *out, size_t size, const char *name)
{
	int n = snprintf(out, size, "%s/scenarios/%s.xml", srcdir, name);

	ck_assert(n > 0 && (size_t)n < size);
	ck_assert_msg(access(out, R_OK) == 0, "no %s", out);
}

static size_t count_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* This process's children, as the kernel lists them. */
static size_t count_children(void)
{
	char path[64], buf[4096];
	size_t n = 0, l;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	f = fopen(path, "r");
	if (!f)
		return 0;
	l = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[l] = '\0';
	for (char *p = strtok(buf, " \n"); p; p = strtok(NULL, " \n"))
		n++;
	return n;
}

static struct sipp_key keys_options[] = {
	{ "method", "OPTIONS" }, { "ruri", "sip:alice@example.com" }
};
static struct sipp_key keys_invite[] = {
	{ "method", "INVITE" }, { "ruri", "sip:alice@example.com" }
};

static void job_for(struct sipp_job *job, const char *scn, const char *dir,
		    const struct uas *u, enum transport t,
		    struct sipp_key *keys, size_t nkeys)
{
	memset(job, 0, sizeof(*job));
	job->scenario = scn;
	job->dir = dir;
	job->remote_host = u ? u->ip : "127.0.0.1";
	job->remote_port = u ? u->port : 9;
	job->transport = t;
	job->keys = keys;
	job->nkeys = nkeys;
	job->timeout_s = 3;
	job->calls = 1;
}

static bool starts(struct pl x, const char *s)
{
	return x.l >= strlen(s) && memcmp(x.p, s, strlen(s)) == 0;
}

static bool holds(struct pl x, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= x.l; i++)
		if (memcmp(x.p + i, s, n) == 0)
			return true;
	return false;
}

/* ---- Core ----------------------------------------------------------------- */

START_TEST(test_probe)
{
	char v[32];

	ck_assert_int_eq(sipp_probe(NULL, v, sizeof(v)), 0);
	ck_assert_str_eq(v, "3.6.1");
	ck_assert_int_eq(sipp_probe("sipp", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "3.6.1");
}
END_TEST

/* RFC 3261 §21.3.2: OPTIONS, a conformant 301, over UDP/IPv4. */
START_TEST(test_run_301_udp4)
{
	char dir[PATH_MAX], scn[PATH_MAX], cwd[PATH_MAX], here[PATH_MAX];
	struct sipp_job job;
	struct sipp_result res;
	struct siplog *log = NULL;
	size_t kids = count_children(), fds = count_dir("/proc/self/fd");

	ck_assert_int_ne(uas_301_u4.pid, 0);
	scenario(scn, sizeof(scn), "uac_request");
	casedir(dir, sizeof(dir), "u4");
	casedir(cwd, sizeof(cwd), "cwd");
	ck_assert_ptr_nonnull(getcwd(here, sizeof(here)));
	ck_assert_int_eq(chdir(cwd), 0);
	job_for(&job, scn, dir, &uas_301_u4, TRANSPORT_UDP, keys_options, 2);
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	ck_assert_int_eq(chdir(here), 0);
	ck_assert_msg(res.status == SIPP_EXIT_OK, "%s (%d): %s",
		      sipp_status_str(res.status), res.code, res.err_tail);
	ck_assert_int_eq(res.code, 0);
	ck_assert(res.seconds > 0 && res.seconds < 2.0);
	/* Nothing written outside the case directory; no zombie, no fd. */
	ck_assert_uint_eq(count_dir(cwd), 0);
	ck_assert_uint_eq(count_children(), kids);
	ck_assert_uint_eq(count_dir("/proc/self/fd"), fds);
	ck_assert_int_eq(access(res.err_path, R_OK), 0);
	ck_assert_int_eq(siplog_load(&log, res.log_path), 0);
	ck_assert_uint_eq(log->nframes, 2);
	ck_assert(starts(log->frames[0].raw, "OPTIONS sip:alice@example.com SIP/2.0\r\n"));
	ck_assert(holds(log->frames[0].raw, "\r\nVia: SIP/2.0/UDP "));
	ck_assert(starts(log->frames[1].raw, "SIP/2.0 301 Moved Permanently\r\n"));
	ck_assert_int_eq(log->frames[1].dir, SIPLOG_RECEIVED);
	siplog_free(log);
}
END_TEST

/*
 * The same over TCP on ::1 (RFC 5118 address, §18 framing); and transport
 * TLS, where SIPp speaks plain TCP to where a TLS tunnel would listen (the
 * TCP UAS stands in for it) and its Via says TLS (key via_transport).
 */
static const struct { enum transport tr; const char *dir, *via, *not_via; } tcp6_runs[] = {
	{ TRANSPORT_TCP, "t6", "\r\nVia: SIP/2.0/TCP ", "SIP/2.0/TLS" },
	{ TRANSPORT_TLS, "tls6", "\r\nVia: SIP/2.0/TLS ", "SIP/2.0/TCP" },
};

START_TEST(test_run_301_tcp6)
{
	char dir[PATH_MAX], scn[PATH_MAX];
	struct sipp_job job;
	struct sipp_result res;
	struct siplog *log = NULL;

	ck_assert_int_ne(uas_301_t6.pid, 0);
	scenario(scn, sizeof(scn), "uac_request");
	casedir(dir, sizeof(dir), tcp6_runs[_i].dir);
	job_for(&job, scn, dir, &uas_301_t6, tcp6_runs[_i].tr, keys_options, 2);
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	ck_assert_msg(res.status == SIPP_EXIT_OK, "%s: %s",
		      sipp_status_str(res.status), res.err_tail);
	ck_assert_int_eq(siplog_load(&log, res.log_path), 0);
	ck_assert_uint_eq(log->nframes, 2);
	ck_assert(pl_eq_str(log->frames[0].transport, "TCP"));
	ck_assert(holds(log->frames[0].raw, tcp6_runs[_i].via));
	ck_assert(!holds(log->frames[0].raw, tcp6_runs[_i].not_via));
	ck_assert(starts(log->frames[1].raw, "SIP/2.0 301 "));
	siplog_free(log);
}
END_TEST

/* RFC 3261 §17.1.1.3: INVITE, 405, ACK. */
START_TEST(test_run_invite_ack)
{
	char dir[PATH_MAX], scn[PATH_MAX];
	struct sipp_job job;
	struct sipp_result res;
	struct siplog *log = NULL;

	scenario(scn, sizeof(scn), "uac_invite");
	casedir(dir, sizeof(dir), "inv");
	job_for(&job, scn, dir, &uas_405_u4, TRANSPORT_UDP, keys_invite, 2);
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	ck_assert_msg(res.status == SIPP_EXIT_OK, "%s: %s",
		      sipp_status_str(res.status), res.err_tail);
	ck_assert_int_eq(siplog_load(&log, res.log_path), 0);
	ck_assert_uint_eq(log->nframes, 3);
	ck_assert(starts(log->frames[0].raw, "INVITE sip:alice@example.com SIP/2.0\r\n"));
	ck_assert(starts(log->frames[1].raw, "SIP/2.0 405 Method Not Allowed\r\n"));
	ck_assert(starts(log->frames[2].raw, "ACK sip:alice@example.com SIP/2.0\r\n"));
	siplog_free(log);
}
END_TEST

/* repeat: N fresh transactions take milliseconds, not N * 100 ms. */
START_TEST(test_run_repeat_fast)
{
	char dir[PATH_MAX], scn[PATH_MAX];
	struct sipp_job job;
	struct sipp_result res;
	struct siplog *log = NULL;

	scenario(scn, sizeof(scn), "uac_request");
	casedir(dir, sizeof(dir), "rep");
	job_for(&job, scn, dir, &uas_405_u4, TRANSPORT_UDP, keys_options, 2);
	job.calls = 5;
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	ck_assert_msg(res.status == SIPP_EXIT_OK, "%s", res.err_tail);
	ck_assert_msg(res.seconds < 0.45, "5 calls took %.3f s", res.seconds);
	ck_assert_int_eq(siplog_load(&log, res.log_path), 0);
	ck_assert_uint_eq(log->nframes, 10);
	for (size_t i = 0; i < 10; i++)
		ck_assert_int_eq(log->frames[i].dir, i % 2 ? SIPLOG_RECEIVED : SIPLOG_SENT);
	siplog_free(log);
}
END_TEST

/* A SUT that never answers: bounded time, "calls failed", sent only. */
START_TEST(test_run_silent)
{
	char dir[PATH_MAX], scn[PATH_MAX];
	struct sipp_job job;
	struct sipp_result res;
	struct siplog *log = NULL;

	ck_assert_int_ne(uas_silent.pid, 0);
	scenario(scn, sizeof(scn), "uac_request");
	casedir(dir, sizeof(dir), "sil");
	job_for(&job, scn, dir, &uas_silent, TRANSPORT_UDP, keys_options, 2);
	job.timeout_s = 1;
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	ck_assert_msg(res.status == SIPP_EXIT_CALLS_FAILED, "%s (%d)",
		      sipp_status_str(res.status), res.code);
	ck_assert_int_eq(res.code, 1);
	ck_assert(res.seconds >= 0.9 && res.seconds < 3.0);
	ck_assert_msg(strstr(res.err_tail, "timeout") != NULL, "%s", res.err_tail);
	/* SIPp's banner and time stamps are stripped from the tail. */
	ck_assert_msg(strncmp(res.err_tail, "Call-Id: ", 9) == 0, "%s", res.err_tail);
	ck_assert(strstr(res.err_tail, "The following events") == NULL);
	ck_assert_int_eq(siplog_load(&log, res.log_path), 0);
	ck_assert_uint_ge(log->nframes, 2);   /* RFC 3261 §17.1.2.2 Timer E */
	for (size_t i = 0; i < log->nframes; i++)
		ck_assert_int_eq(log->frames[i].dir, SIPLOG_SENT);
	siplog_free(log);
}
END_TEST

/* ---- Limits --------------------------------------------------------------- */

START_TEST(test_not_found)
{
	char dir[PATH_MAX], scn[PATH_MAX], v[32];
	struct sipp_job job;
	struct sipp_result res;

	scenario(scn, sizeof(scn), "uac_request");
	casedir(dir, sizeof(dir), "nf");
	job_for(&job, scn, dir, NULL, TRANSPORT_UDP, keys_options, 2);
	job.sipp = "/nonexistent/bin/sipp";
	ck_assert_int_eq(sipp_run(&res, &job), ENOENT);
	ck_assert_int_eq(res.status, SIPP_EXIT_NOT_FOUND);
	job.sipp = "no-such-sipp-binary";
	ck_assert_int_eq(sipp_run(&res, &job), ENOENT);
	ck_assert_int_eq(res.status, SIPP_EXIT_NOT_FOUND);
	ck_assert_int_eq(sipp_probe("/nonexistent/bin/sipp", v, sizeof(v)), ENOENT);
	/* A missing scenario or directory is ENOENT too. */
	job.sipp = NULL;
	job.scenario = "/nonexistent/x.xml";
	ck_assert_int_eq(sipp_run(&res, &job), ENOENT);
	job.scenario = scn;
	job.dir = "/nonexistent/dir";
	ck_assert_int_eq(sipp_run(&res, &job), ENOENT);
}
END_TEST

START_TEST(test_bad_jobs)
{
	static struct sipp_key bad_values[][1] = {
		{ { "ruri", "sip:a@b\r\nVia: evil" } },
		{ { "ruri", "sip:a@b\n" } },
		{ { "ruri", "sip:a\x01@b" } },
		{ { "ruri", "sip:a\x7f@b" } },
		{ { "bad name", "x" } },
		{ { "", "x" } },
		{ { "ruri", NULL } },
		{ { NULL, "x" } },
	};
	char dir[PATH_MAX], scn[PATH_MAX];
	struct sipp_job job;
	struct sipp_result res;

	scenario(scn, sizeof(scn), "uac_request");
	casedir(dir, sizeof(dir), "bad");
	for (size_t i = 0; i < NELEM(bad_values); i++) {
		job_for(&job, scn, dir, NULL, TRANSPORT_UDP, bad_values[i], 1);
		ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	}
	ck_assert_int_eq(count_dir(dir), 0);   /* refused before any file */
	job_for(&job, scn, dir, NULL, TRANSPORT_UDP, keys_options, 2);
	ck_assert_int_eq(sipp_run(NULL, &job), EINVAL);
	ck_assert_int_eq(sipp_run(&res, NULL), EINVAL);
	job.remote_port = 0;
	ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	job.remote_port = 5060;
	job.remote_host = "-bg";
	ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	job.remote_host = "::1";
	job.local_ip = "127.0.0.1";                 /* family mismatch */
	ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	job.remote_host = "127.0.0.1";
	job.local_ip = NULL;
	job.timeout_s = 100000;
	ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	job.timeout_s = 1;
	job.keys = NULL;
	ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	/* Addresses come resolved once (sipp/target.h): a name is refused. */
	job.keys = keys_options;
	job.remote_host = "localhost";
	ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	job.remote_host = "127.0.0.1";
	job.local_ip = "localhost";
	ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	job.local_ip = "127.0.0.1 ";
	ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	job.remote_host = "::1%";
	job.local_ip = NULL;
	ck_assert_int_eq(sipp_run(&res, &job), EINVAL);
	ck_assert_uint_eq(count_dir(dir), 0);
}
END_TEST

/* A scenario SIPp cannot load: exit 1 with nothing sent -> FATAL. */
START_TEST(test_bad_scenario)
{
	char dir[PATH_MAX], scn[PATH_MAX + 32];
	struct sipp_job job;
	struct sipp_result res;
	FILE *f;

	casedir(dir, sizeof(dir), "bsc");
	snprintf(scn, sizeof(scn), "%s/bad.xml", dir);
	f = fopen(scn, "w");
	ck_assert_ptr_nonnull(f);
	fputs("<scenario><nonsense/></scenario>\n", f);
	fclose(f);
	job_for(&job, scn, dir, NULL, TRANSPORT_UDP, keys_options, 2);
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	ck_assert_msg(res.status == SIPP_EXIT_FATAL, "%s (%d)",
		      sipp_status_str(res.status), res.code);
	ck_assert_msg(strstr(res.err_tail, "Unable to load") != NULL, "%s", res.err_tail);
	ck_assert(res.seconds < 2.0);
}
END_TEST

/* SIPp's own -timeout_error bound (exit 255 "timed out") -> OVERRUN. */
START_TEST(test_sipp_timeout)
{
	char dir[PATH_MAX], scn[PATH_MAX + 32];
	struct sipp_job job;
	struct sipp_result res;
	FILE *f;

	casedir(dir, sizeof(dir), "pause");
	snprintf(scn, sizeof(scn), "%s/pause.xml", dir);
	f = fopen(scn, "w");
	ck_assert_ptr_nonnull(f);
	/* A UAS that waits for a request nobody sends. */
	fputs("<?xml version=\"1.0\"?>\n<scenario name=\"p\">"
	      "<recv request=\"INVITE\"/></scenario>\n", f);
	fclose(f);
	job_for(&job, scn, dir, NULL, TRANSPORT_UDP, keys_options, 2);
	job.timeout_s = 1;
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	ck_assert_msg(res.status == SIPP_EXIT_OVERRUN, "%s (%d): %s",
		      sipp_status_str(res.status), res.code, res.err_tail);
	ck_assert_int_eq(res.code, 255);
	ck_assert(res.seconds >= 1.5 && res.seconds < 4.0);
	ck_assert_str_eq(res.detail, "SIPp gave up at its global timeout of 2 s (-timeout_error): "
			 "the exchange did not end in time");
}
END_TEST

/* A fake "sipp" (sh script) with a given body. */
static void fake_sipp(char *out, size_t size, const char *name, const char *body)
{
	FILE *f;

	snprintf(out, size, "%s/%s", tmpdir, name);
	f = fopen(out, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	ck_assert_int_eq(chmod(out, 0755), 0);
}

/* A job that runs a fake "sipp" with body, in a fresh case directory. */
struct fake {
	char dir[PATH_MAX], scn[PATH_MAX], bin[PATH_MAX + 32];
	struct sipp_job job;
};

static void fake_setup(struct fake *f, const char *name, const char *body)
{
	scenario(f->scn, sizeof(f->scn), "uac_request");
	casedir(f->dir, sizeof(f->dir), name);
	fake_sipp(f->bin, sizeof(f->bin), name, body);
	job_for(&f->job, f->scn, f->dir, NULL, TRANSPORT_UDP, keys_options, 2);
	f->job.sipp = f->bin;
}

struct exit_vec {
	const char *body;
	enum sipp_status status;
	int code;
};

static const struct exit_vec exit_vecs[] = {
	{ "exit 0", SIPP_EXIT_OK, 0 },
	{ "echo x >\"$(echo \"$@\" | sed 's/.*-message_file \\([^ ]*\\).*/\\1/')\"; exit 1",
	  SIPP_EXIT_CALLS_FAILED, 1 },
	{ "exit 1", SIPP_EXIT_FATAL, 1 },          /* nothing logged */
	{ "exit 97", SIPP_EXIT_INTERNAL, 97 },
	{ "exit 99", SIPP_EXIT_NO_CALLS, 99 },
	{ "echo boom >&2; exit 255", SIPP_EXIT_FATAL, 255 },
	{ "exit 254", SIPP_EXIT_BIND, 254 },
	{ "exit 42", SIPP_EXIT_OTHER, 42 },
	{ "kill -SEGV $$", SIPP_EXIT_SIGNALED, SIGSEGV },
};

START_TEST(test_exit_mapping)
{
	const struct exit_vec *v = &exit_vecs[_i];
	char dir[PATH_MAX], scn[PATH_MAX], bin[PATH_MAX + 32], name[32];
	struct sipp_job job;
	struct sipp_result res;

	scenario(scn, sizeof(scn), "uac_request");
	snprintf(name, sizeof(name), "ex%d", _i);
	casedir(dir, sizeof(dir), name);
	snprintf(name, sizeof(name), "fake-sipp-%d", _i);
	fake_sipp(bin, sizeof(bin), name, v->body);
	job_for(&job, scn, dir, NULL, TRANSPORT_UDP, keys_options, 2);
	job.sipp = bin;
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	ck_assert_msg(res.status == v->status, "'%s': %s", v->body,
		      sipp_status_str(res.status));
	ck_assert_int_eq(res.code, v->code);
	if (v->code == 255)
		ck_assert_str_eq(res.err_tail, "boom");
}
END_TEST

/* A SIPp that ignores SIGTERM: the harness kills it at its bound. */
START_TEST(test_hard_kill)
{
	struct fake f;
	struct sipp_result res;
	size_t kids = count_children();

	/* exec keeps the ignored disposition: sleep itself ignores TERM. */
	fake_setup(&f, "stubborn", "trap '' TERM\nexec sleep 30");
	f.job.timeout_s = 1;
	ck_assert_int_eq(sipp_run(&res, &f.job), 0);
	ck_assert_int_eq(res.status, SIPP_EXIT_OVERRUN);
	ck_assert_int_eq(res.code, SIGKILL);
	/* bound = 1 s * 1 call + 1 s + 3 s grace, then 1 s after TERM */
	ck_assert_msg(res.seconds >= 4.9 && res.seconds < 7.5, "%.2f", res.seconds);
	ck_assert_uint_eq(count_children(), kids);
	/* Said in words, with the bound. */
	ck_assert(res.bound == 5.0);
	ck_assert_msg(strncmp(res.detail, "SIPp hung: killed (SIGKILL) after ", 34) == 0 &&
		      strstr(res.detail, "at its bound of 5 s (1 s timeout x 1 call + 1 s + 3 s grace)"),
		      "%s", res.detail);
}
END_TEST

/* ---- Stop, flood, sockets, words ------------------------------------------ */

/*
 * Is a process of group pgid still alive (a zombie is not: it runs no
 * code and holds no socket)?  /proc/PID/stat: "pid (comm) state ppid pgrp".
 */
static bool group_alive(pid_t pgid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	bool alive = false;

	ck_assert_ptr_nonnull(d);
	while (!alive && (e = readdir(d))) {
		char path[300], buf[512], state;
		int ppid, pgrp;
		const char *rp;
		FILE *f;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f) && (rp = strrchr(buf, ')')) &&
		    sscanf(rp + 1, " %c %d %d", &state, &ppid, &pgrp) == 3)
			alive = pgrp == pgid && state != 'Z' && state != 'X';
		fclose(f);
	}
	closedir(d);
	return alive;
}

/* The group may take a few ms to be gone after SIGKILL: wait up to 200 ms. */
static bool group_gone(pid_t pgid)
{
	for (int i = 0; i < 200; i++) {
		if (!group_alive(pgid))
			return true;
		msleep(1);
	}
	return false;
}

static volatile double stop_at;

static void on_alarm(int sig)
{
	(void)sig;
	stop_at = monotime_now();     /* clock_gettime: async-signal-safe */
	stop_request(SIGTERM);
}

/* SIGALRM after ms, whose handler requests the stop (as run/ does for SIGTERM). */
static void stop_by_timer(long ms)
{
	struct sigaction sa;
	struct itimerval it;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGALRM, &sa, NULL), 0);
	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	ck_assert_int_eq(setitimer(ITIMER_REAL, &it, NULL), 0);
}

static void *stop_thread(void *arg)
{
	msleep((long)(intptr_t)arg);
	stop_at = monotime_now();
	stop_request(SIGINT);
	return NULL;
}

/* Run job until a stop arrives after ms (timer or thread); check the ending. */
static void run_and_stop(const struct sipp_job *job, bool by_thread, long ms, int sig,
			 const char *what)
{
	struct sipp_result res;
	pthread_t th;
	double took;

	stop_reset();
	stop_at = 0;
	if (by_thread)
		ck_assert_int_eq(pthread_create(&th, NULL, stop_thread, (void *)(intptr_t)ms), 0);
	else
		stop_by_timer(ms);
	ck_assert_int_eq(sipp_run(&res, job), 0);
	took = monotime_now() - stop_at;
	if (by_thread)
		pthread_join(th, NULL);
	stop_reset();
	signal(SIGALRM, SIG_DFL);
	fprintf(stderr, "check_sipp: %s: stop_request -> sipp_run return %.3f s\n", what, took);
	ck_assert_msg(stop_at > 0, "the stop never came");
	ck_assert_msg(res.status == SIPP_EXIT_STOPPED, "%s: %s (%d): %s", what,
		      sipp_status_str(res.status), res.code, res.detail);
	ck_assert_int_eq(res.code, sig);
	ck_assert_msg(took < 1.0, "%s: returned %.3f s after the stop", what, took);
	ck_assert_int_gt(res.pid, 0);
	ck_assert_msg(group_gone(res.pid), "%s: a process of group %d is left", what, (int)res.pid);
	ck_assert_msg(strstr(res.detail, "stopped by ") && strstr(res.detail, "process group was killed"),
		      "%s", res.detail);
}

/* SIGTERM (timer) and SIGINT (thread, no signal to wake the wait) while SIPp waits on a silent SUT. */
START_TEST(test_stop_silent)
{
	char dir[PATH_MAX], scn[PATH_MAX];
	struct sipp_job job;
	size_t kids = count_children();

	ck_assert_int_ne(uas_silent.pid, 0);
	scenario(scn, sizeof(scn), "uac_request");
	casedir(dir, sizeof(dir), "stop");
	job_for(&job, scn, dir, &uas_silent, TRANSPORT_UDP, keys_options, 2);
	job.timeout_s = 5;
	run_and_stop(&job, false, 400, SIGTERM, "SIGTERM by timer, silent SUT");
	run_and_stop(&job, true, 400, SIGINT, "SIGINT from a thread, silent SUT");
	ck_assert_uint_eq(count_children(), kids);
}
END_TEST

/* For a fake "sipp" (sh script): the files SIPp would write, in $M and $E. */
#define FAKE_ARGS \
	"while [ $# -gt 0 ]; do case $1 in -message_file) M=$2;; -error_file) E=$2;; " \
	"-v) echo ' SIPp v3.6.1-fake.'; exit 99;; esac; shift; done\n"

/* A SIPp that ignores SIGTERM and has a child that ignores it too: SIGKILL to the group. */
START_TEST(test_stop_stubborn)
{
	struct fake f;

	fake_setup(&f, "stubborn-group", "trap '' TERM\nsleep 30 &\nexec sleep 30");
	f.job.timeout_s = 10;
	run_and_stop(&f.job, false, 300, SIGTERM, "SIGTERM by timer, SIPp ignoring SIGTERM");
}
END_TEST

/* Once a stop is requested, nothing is started. */
START_TEST(test_stop_before)
{
	char dir[PATH_MAX], scn[PATH_MAX];
	struct sipp_job job;
	struct sipp_result res;
	double t0 = monotime_now();

	scenario(scn, sizeof(scn), "uac_request");
	casedir(dir, sizeof(dir), "stop0");
	job_for(&job, scn, dir, NULL, TRANSPORT_UDP, keys_options, 2);
	stop_reset();
	stop_request(SIGHUP);
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	stop_reset();
	ck_assert_int_eq(res.status, SIPP_EXIT_STOPPED);
	ck_assert_int_eq(res.code, SIGHUP);
	ck_assert_int_eq(res.pid, 0);
	ck_assert(monotime_now() - t0 < 0.5);
	ck_assert_uint_eq(count_dir(dir), 0);
	ck_assert_str_eq(res.detail, "not started: the run is stopping (SIGHUP)");
}
END_TEST

/* When SIPp exits, what it left running in its group is killed too. */
START_TEST(test_group_swept)
{
	struct fake f;
	struct sipp_result res;

	fake_setup(&f, "leaves-child", "sleep 30 >/dev/null 2>&1 &\nexit 0");
	ck_assert_int_eq(sipp_run(&res, &f.job), 0);
	ck_assert_int_eq(res.status, SIPP_EXIT_OK);
	ck_assert(res.seconds < 1.0);
	ck_assert_msg(group_gone(res.pid), "the child of SIPp outlived it");
}
END_TEST

/*
 * A log growing past SIPP_LOG_MAX_BYTES (here ~10 MB/s, as a flooding
 * SUT makes SIPp write it): killed at once, FLOOD with size and time.
 */
START_TEST(test_flood)
{
	static const char *const bodies[] = {
		FAKE_ARGS "while :; do head -c 100000 /dev/zero | tr '\\0' x >>\"$M\"; sleep 0.01; done",
		FAKE_ARGS "while :; do head -c 100000 /dev/zero | tr '\\0' y >>\"$E\"; sleep 0.01; done",
	};
	char name[32];
	struct fake f;
	struct sipp_result res;

	snprintf(name, sizeof(name), "flood%d", _i);
	fake_setup(&f, name, bodies[_i]);
	f.job.timeout_s = 20;
	ck_assert_int_eq(sipp_run(&res, &f.job), 0);
	ck_assert_msg(res.status == SIPP_EXIT_FLOOD, "%s: %s", sipp_status_str(res.status),
		      res.detail);
	ck_assert_int_eq(res.code, SIGKILL);
	ck_assert_msg(res.log_bytes > SIPP_LOG_MAX_BYTES &&
		      res.log_bytes < SIPP_LOG_MAX_BYTES + 1024 * 1024, "%llu", res.log_bytes);
	ck_assert_msg(res.flood_after > 0.1 && res.flood_after < 3.0, "%.2f", res.flood_after);
	ck_assert(res.seconds < res.flood_after + 0.5);
	ck_assert_msg(strstr(res.detail, "the SUT flooded: SIPp's logs reached 4.") &&
		      strstr(res.detail, "(cap 4 MB); SIPp was killed"), "%s", res.detail);
	ck_assert(group_gone(res.pid));
}
END_TEST

/* ---- sockets: 16 runs side by side, nothing bound beyond loopback ---- */

#define NPAR 16

struct par {
	struct sipp_job job;
	struct sipp_result res;
	int rc;
};

static void *par_run(void *arg)
{
	struct par *p = arg;

	p->rc = sipp_run(&p->res, &p->job);
	return NULL;
}

/* The children of every thread of this process (sipp_run runs in threads). */
static size_t children_all(pid_t *out, size_t max)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[300];
		FILE *f;
		int pid;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/children", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (n < max && fscanf(f, "%d", &pid) == 1)
			out[n++] = pid;
		fclose(f);
	}
	closedir(d);
	return n;
}

/*
 * The sockets of pid and where they are bound: counts those on 127.0.0.1
 * or ::1 (*ok) and those elsewhere (*bad; the first one in bad_addr).
 */
static void sockets_of(pid_t pid, size_t *ok, size_t *bad, char *bad_addr, size_t size)
{
	static const char *const tables[] = { "udp", "udp6", "tcp", "tcp6" };
	unsigned long inodes[64];
	size_t ni = 0;
	char path[300], link[64];
	struct dirent *e;
	DIR *d;

	*ok = *bad = 0;
	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d)) && ni < NELEM(inodes)) {
		char fdp[600];
		ssize_t l;

		snprintf(fdp, sizeof(fdp), "%s/%s", path, e->d_name);
		l = readlink(fdp, link, sizeof(link) - 1);
		if (l <= 0)
			continue;
		link[l] = '\0';
		if (sscanf(link, "socket:[%lu]", &inodes[ni]) == 1)
			ni++;
	}
	closedir(d);
	for (size_t t = 0; t < NELEM(tables); t++) {
		char line[512], local[64];
		unsigned long ino;
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/net/%s", (int)pid, tables[t]);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			/* sl local rem st tx:rx tr:when retr uid timeout inode */
			if (sscanf(line, " %*s %63s %*s %*s %*s %*s %*s %*s %*s %lu", local, &ino) != 2)
				continue;
			for (size_t i = 0; i < ni; i++) {
				if (inodes[i] != ino)
					continue;
				if (!strncmp(local, "0100007F:", 9) ||
				    !strncmp(local, "00000000000000000000000001000000:", 33))
					(*ok)++;
				else if ((*bad)++ == 0)
					snprintf(bad_addr, size, "%s %s", tables[t], local);
			}
		}
		fclose(f);
	}
}

START_TEST(test_parallel_sockets)
{
	static struct par par[NPAR];
	char dir[PATH_MAX], scn[PATH_MAX], name[32], bad_addr[128] = "";
	pthread_t th[NPAR];
	pid_t seen[NPAR * 2];
	size_t nseen = 0, bad = 0;
	double t0;

	ck_assert_int_ne(uas_silent.pid, 0);
	ck_assert_int_ne(uas_301_t6.pid, 0);
	scenario(scn, sizeof(scn), "uac_request");
	for (int i = 0; i < NPAR; i++) {
		snprintf(name, sizeof(name), "par%d", i);
		casedir(dir, sizeof(dir), name);
		memset(&par[i], 0, sizeof(par[i]));
		/* One in four over TCP on ::1 (it answers), the rest silent on 127.0.0.1. */
		if (i % 4 == 3)
			job_for(&par[i].job, scn, strdup(dir), &uas_301_t6, TRANSPORT_TCP,
				keys_options, 2);
		else
			job_for(&par[i].job, scn, strdup(dir), &uas_silent, TRANSPORT_UDP,
				keys_options, 2);
		par[i].job.timeout_s = 2;
	}
	for (int i = 0; i < NPAR; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, par_run, &par[i]), 0);
	/* While they run: every socket of every SIPp is on a loopback address. */
	t0 = monotime_now();
	while (monotime_now() - t0 < 1.5) {
		pid_t kids[64];
		size_t nk = children_all(kids, NELEM(kids));

		for (size_t k = 0; k < nk; k++) {
			size_t ok, b, j;

			if (kids[k] == uas_silent.pid || kids[k] == uas_301_t6.pid ||
			    kids[k] == uas_301_u4.pid || kids[k] == uas_405_u4.pid)
				continue;
			sockets_of(kids[k], &ok, &b, bad_addr, sizeof(bad_addr));
			bad += b;
			/* SIP, audio, video and control at least (SIPp is up). */
			if (ok < 4)
				continue;
			for (j = 0; j < nseen && seen[j] != kids[k]; j++)
				;
			if (j == nseen && nseen < NELEM(seen))
				seen[nseen++] = kids[k];
		}
		msleep(20);
	}
	for (int i = 0; i < NPAR; i++)
		pthread_join(th[i], NULL);
	ck_assert_msg(bad == 0, "%zu sockets not on loopback, e.g. %s", bad, bad_addr);
	ck_assert_msg(nseen >= NPAR - 4, "saw only %zu of the %d SIPp (4 answer at once)",
		      nseen, NPAR);
	for (int i = 0; i < NPAR; i++) {
		enum sipp_status want = i % 4 == 3 ? SIPP_EXIT_OK : SIPP_EXIT_CALLS_FAILED;

		ck_assert_int_eq(par[i].rc, 0);
		ck_assert_msg(par[i].res.status == want, "run %d: %s: %s %s", i,
			      sipp_status_str(par[i].res.status), par[i].res.detail,
			      par[i].res.err_tail);
		free((char *)par[i].job.dir);
	}
}
END_TEST

/* ---- TCP: refused, reset, closed ------------------------------------------ */

struct tcp_sut {
	int fd;                    /* listening on 127.0.0.1 */
	uint16_t port;
	bool reset;                /* RST (SO_LINGER 0) instead of FIN */
};

static void *tcp_sut_run(void *arg)
{
	struct tcp_sut *s = arg;
	char buf[4096];
	int c = accept(s->fd, NULL, NULL);

	if (c < 0)
		return NULL;
	/* Read the request (up to the blank line), then hang up. */
	if (read(c, buf, sizeof(buf)) > 0 && s->reset) {
		struct linger lg = { 1, 0 };

		setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	}
	close(c);
	return NULL;
}

static void tcp_sut_open(struct tcp_sut *s, bool listen_too)
{
	struct sockaddr_in a;
	socklen_t l = sizeof(a);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(s->fd, 0);
	ck_assert_int_eq(bind(s->fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(getsockname(s->fd, (struct sockaddr *)&a, &l), 0);
	s->port = ntohs(a.sin_port);
	/* Bound but not listening: a connect() to it is refused. */
	if (listen_too)
		ck_assert_int_eq(listen(s->fd, 4), 0);
}

static const struct {
	int mode;                  /* 0 refused, 1 reset, 2 closed */
	enum sipp_status status;
	const char *words;
} tcp_vecs[] = {
	{ 0, SIPP_EXIT_CONN_REFUSED, "the SUT refused the TCP connection (ECONNREFUSED) at 127.0.0.1:" },
	{ 1, SIPP_EXIT_CONN_RESET, "the SUT reset the TCP connection (ECONNRESET) at 127.0.0.1:" },
	{ 2, SIPP_EXIT_CONN_CLOSED, "the SUT closed the TCP connection at 127.0.0.1:" },
};

START_TEST(test_tcp_failures)
{
	char dir[PATH_MAX], scn[PATH_MAX], name[32], want[128];
	struct sipp_job job;
	struct sipp_result res;
	struct tcp_sut sut = { -1, 0, tcp_vecs[_i].mode == 1 };
	pthread_t th;

	scenario(scn, sizeof(scn), "uac_request");
	snprintf(name, sizeof(name), "tcp%d", _i);
	casedir(dir, sizeof(dir), name);
	tcp_sut_open(&sut, tcp_vecs[_i].mode != 0);
	if (tcp_vecs[_i].mode)
		ck_assert_int_eq(pthread_create(&th, NULL, tcp_sut_run, &sut), 0);
	job_for(&job, scn, dir, NULL, TRANSPORT_TCP, keys_options, 2);
	job.remote_port = sut.port;
	job.timeout_s = 3;
	ck_assert_int_eq(sipp_run(&res, &job), 0);
	if (tcp_vecs[_i].mode)
		pthread_join(th, NULL);
	close(sut.fd);
	ck_assert_msg(res.status == tcp_vecs[_i].status, "%s: %s", sipp_status_str(res.status),
		      res.err_tail);
	snprintf(want, sizeof(want), "%s%u", tcp_vecs[_i].words, (unsigned)sut.port);
	ck_assert_msg(strncmp(res.detail, want, strlen(want)) == 0, "%s", res.detail);
	ck_assert_msg(res.seconds < 2.0, "%.2f s", res.seconds);   /* not the 3 s timeout */
}
END_TEST

/* SIPp missing, not executable, hung on -v, not SIPp at all. */
START_TEST(test_binary_words)
{
	char dir[PATH_MAX], scn[PATH_MAX], bin[PATH_MAX + 32], v[32];
	struct sipp_job job;
	struct sipp_result res;
	double t0;

	scenario(scn, sizeof(scn), "uac_request");
	casedir(dir, sizeof(dir), "words");
	job_for(&job, scn, dir, NULL, TRANSPORT_UDP, keys_options, 2);

	job.sipp = "/nonexistent/bin/sipp";
	ck_assert_int_eq(sipp_run(&res, &job), ENOENT);
	ck_assert_int_eq(res.status, SIPP_EXIT_NOT_FOUND);
	ck_assert_int_eq(res.code, ENOENT);
	ck_assert_str_eq(res.detail, "SIPp not found: /nonexistent/bin/sipp (no such file, or not on PATH)");
	ck_assert_int_eq(sipp_probe(job.sipp, v, sizeof(v)), ENOENT);
	ck_assert_str_eq(sipp_probe_str(ENOENT), "not found (no such file, or not on PATH)");

	/* Found, but without the execute bit: EACCES, not "not found". */
	fake_sipp(bin, sizeof(bin), "noexec", "exit 0");
	ck_assert_int_eq(chmod(bin, 0644), 0);
	job.sipp = bin;
	ck_assert_int_eq(sipp_run(&res, &job), ENOENT);
	ck_assert_int_eq(res.status, SIPP_EXIT_NOT_EXECUTABLE);
	ck_assert_int_eq(res.code, EACCES);
	ck_assert_msg(strstr(res.detail, "SIPp cannot be executed: ") &&
		      strstr(res.detail, "Permission denied"), "%s", res.detail);
	ck_assert_int_eq(sipp_probe(bin, v, sizeof(v)), EACCES);
	ck_assert(strstr(sipp_probe_str(EACCES), "not executable") != NULL);
	ck_assert_int_eq(sipp_probe(tmpdir, v, sizeof(v)), EACCES);   /* a directory */

	/* Executable bit, but not a program: the exec errno comes back. */
	fake_sipp(bin, sizeof(bin), "noexec", "exit 0");
	{
		FILE *f = fopen(bin, "w");

		ck_assert_ptr_nonnull(f);
		fputs("\x7f" "ELF garbage\n", f);
		fclose(f);
	}
	ck_assert_int_eq(sipp_run(&res, &job), ENOENT);
	ck_assert_int_eq(res.status, SIPP_EXIT_NOT_EXECUTABLE);
	ck_assert_int_eq(res.code, ENOEXEC);
	ck_assert_int_eq(sipp_probe(bin, v, sizeof(v)), ENOEXEC);

	/* Runs, but is not SIPp. */
	fake_sipp(bin, sizeof(bin), "notsipp", "echo hello; exit 0");
	ck_assert_int_eq(sipp_probe(bin, v, sizeof(v)), EPROTO);

	/* Hangs on -v: killed at the probe's 5 s bound. */
	fake_sipp(bin, sizeof(bin), "hangs", "exec sleep 30");
	t0 = monotime_now();
	ck_assert_int_eq(sipp_probe(bin, v, sizeof(v)), ETIMEDOUT);
	ck_assert(monotime_now() - t0 < 6.5);
	ck_assert(strstr(sipp_probe_str(ETIMEDOUT), "hung") != NULL);
}
END_TEST

/* SIPp's events, one running into the next without a newline, come apart in err_tail. */
START_TEST(test_err_tail_events)
{
	struct fake f;
	struct sipp_result res;

	fake_setup(&f, "events", FAKE_ARGS
		   "printf 'The following events occurred:\\n2026-11-29\\t18:43:53.625074\\t"
		   "1795977833.625074: Failed (107)2026-11-29\\t18:43:53.625134\\t"
		   "1795977833.625134: Connection refused' >\"$E\"; exit 255");
	ck_assert_int_eq(sipp_run(&res, &f.job), 0);
	ck_assert_int_eq(res.status, SIPP_EXIT_FATAL);   /* over UDP: no TCP words */
	ck_assert_str_eq(res.err_tail, "Failed (107)\nConnection refused");
	ck_assert_str_eq(res.detail, "SIPp exited with code 255 (fatal error)");
	f.job.transport = TRANSPORT_TCP;
	ck_assert_int_eq(sipp_run(&res, &f.job), 0);
	ck_assert_int_eq(res.status, SIPP_EXIT_CONN_REFUSED);
}
END_TEST

static Suite *sipp_suite(void)
{
	Suite *s = suite_create("sipp");
	TCase *core = tcase_create("Core");
	TCase *lim = tcase_create("Limits");

	tcase_add_unchecked_fixture(core, setup_uas, teardown_uas);
	tcase_set_timeout(core, 30);
	tcase_add_test(core, test_probe);
	tcase_add_test(core, test_run_301_udp4);
	tcase_add_loop_test(core, test_run_301_tcp6, 0, (int)NELEM(tcp6_runs));
	tcase_add_test(core, test_run_invite_ack);
	tcase_add_test(core, test_run_repeat_fast);
	tcase_add_test(core, test_run_silent);
	tcase_add_test(core, test_stop_silent);
	tcase_add_test(core, test_parallel_sockets);
	suite_add_tcase(s, core);

	tcase_add_unchecked_fixture(lim, setup_dirs, teardown_dirs);
	tcase_set_timeout(lim, 30);
	tcase_add_test(lim, test_not_found);
	tcase_add_test(lim, test_bad_jobs);
	tcase_add_test(lim, test_bad_scenario);
	tcase_add_test(lim, test_sipp_timeout);
	tcase_add_loop_test(lim, test_exit_mapping, 0, (int)NELEM(exit_vecs));
	tcase_add_test(lim, test_hard_kill);
	tcase_add_test(lim, test_stop_stubborn);
	tcase_add_test(lim, test_stop_before);
	tcase_add_test(lim, test_group_swept);
	tcase_add_loop_test(lim, test_flood, 0, 2);
	tcase_add_loop_test(lim, test_tcp_failures, 0, (int)NELEM(tcp_vecs));
	tcase_add_test(lim, test_binary_words);
	tcase_add_test(lim, test_err_tail_events);
	suite_add_tcase(s, lim);
	return s;
}

/* make check needs SIPp (tools/deps.sh): its absence is a failure, not a pass. */
static int setup(void)
{
	char v[32];

	if (sipp_probe(NULL, v, sizeof(v)) != 0) {
		fprintf(stderr, "check_sipp: sipp is not on PATH (run tools/deps.sh)\n");
		return -1;
	}
	return 0;
}

const struct tmain tmain_def = { "check_sipp", sipp_suite, setup, NULL };
