/*
 * sipp_runner.h - the process boundary: run SIPp once, bounded, and say
 * how it ended.  The only code in the project that forks, execs, waits
 * and kills.  SIPp is started with an argv (never a shell), -nostdin,
 * -timeout/-timeout_error, and killed by the harness if it overruns.
 *
 * SIPp's exit status never decides a verdict: the caller judges the
 * bytes in the message log.  The status only explains a missing answer
 * or an environment problem.
 */
#ifndef SIPCONFORM_SIPP_RUNNER_H
#define SIPCONFORM_SIPP_RUNNER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "suite/plan.h"

struct sipp_key {
	const char *name;   /* -key NAME VALUE: [NAME] in the scenario */
	const char *value;
};

struct sipp_job {
	const char *sipp;          /* binary; NULL = "sipp" found on PATH */
	const char *scenario;      /* path of the XML scenario (already validated) */
	const char *dir;           /* existing directory: messages.log, sipp.stderr, ... go here */
	const char *remote_host;   /* IP literal (IPv6 without brackets) */
	uint16_t remote_port;
	const char *local_ip;      /* "127.0.0.1" or "::1"; NULL = same family loopback */
	enum transport transport;  /* UDP or TCP */
	const struct sipp_key *keys;
	size_t nkeys;
	unsigned timeout_s;        /* per request (SIPp -timeout, -recv_timeout) */
	unsigned calls;            /* -m, default 1 */
	unsigned linger_ms;        /* after the last call's final response, keep receiving
	                            * (scenario key linger_ms; 0: stop at once) */
};

enum sipp_status {
	SIPP_EXIT_OK,            /* 0: all calls succeeded */
	SIPP_EXIT_CALLS_FAILED,  /* 1: at least one call failed */
	SIPP_EXIT_INTERNAL,      /* 97: exit on internal command */
	SIPP_EXIT_NO_CALLS,      /* 99: normal exit without calls processed */
	SIPP_EXIT_FATAL,         /* 255 (-1): fatal error */
	SIPP_EXIT_BIND,          /* 254 (-2): fatal error binding a socket */
	SIPP_EXIT_OTHER,         /* any other exit code */
	SIPP_EXIT_SIGNALED,      /* killed by a signal we did not send */
	SIPP_EXIT_OVERRUN,       /* the harness killed it: ran past its bound */
	SIPP_EXIT_NOT_FOUND,     /* could not be executed */
};

struct sipp_result {
	enum sipp_status status;
	int code;                  /* exit code, or signal number */
	double seconds;            /* wall time */
	char log_path[1024];       /* <dir>/messages.log (-trace_msg) */
	char err_path[1024];       /* <dir>/sipp.stderr */
	char err_tail[512];        /* last bytes of stderr/error log, for reports */
};

/**
 * Run SIPp for job and wait for it (at most timeout_s * calls + grace).
 * @return 0 when SIPp ran (whatever its status); ENOENT if it could not be
 *         started, EINVAL on a bad job, other errno on harness failure.
 */
int sipp_run(struct sipp_result *res, const struct sipp_job *job);

/** "calls failed", "killed by signal 9", ... */
const char *sipp_status_str(enum sipp_status s);

/** Is SIPp runnable?  Fills version ("3.6.1") on success. ENOENT otherwise. */
int sipp_probe(const char *sipp, char *version, size_t size);

#endif
