/*
 * sipp.h - the process boundary: run SIPp once, bounded, and say how it
 * ended.  The only code in the project that forks, execs, waits and
 * kills.  SIPp is started with an argv (never a shell), -nostdin,
 * -timeout/-timeout_error, in a process group of its own, and the whole
 * group is killed by the harness when it overruns, when its logs grow
 * past SIPP_LOG_MAX_BYTES (a flooding SUT), or when a stop is requested
 * (base/stop.h: SIGINT, SIGTERM, SIGHUP).
 *
 * Every socket SIPp opens is bound to a loopback or the local address of
 * the job: the SIP port, the media ports (-mi/-mp) and the remote-control
 * port (-ci 127.0.0.1 -cp), each a free port chosen per run.
 *
 * Every run gets the key via_transport, the Via's transport token: "UDP",
 * "TCP" or "TLS" after the job's transport (the scenarios write
 * SIP/2.0/[via_transport], since SIPp's own [transport] says TCP over a
 * TLS tunnel).
 *
 * SIPp's exit status never decides a verdict: the caller judges the
 * bytes in the message log.  The status only explains a missing answer
 * or an environment problem; detail says it in words for the reports.
 */
#ifndef SIPCONFORM_SIPP_RUNNER_H
#define SIPCONFORM_SIPP_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "suite/plan.h"

/*
 * The most bytes SIPp may write to its message and error logs in one run.
 * A SUT that floods (100 Trying as fast as it can, never a final) makes
 * SIPp write tens of MB a second; at this size the harness kills SIPp and
 * says so (SIPP_EXIT_FLOOD).  A conformant exchange logs a few kB.
 */
#define SIPP_LOG_MAX_BYTES (4u * 1024 * 1024)

struct sipp_key {
	const char *name;   /* -key NAME VALUE: [NAME] in the scenario */
	const char *value;
};

struct sipp_job {
	const char *sipp;          /* binary; NULL = "sipp" found on PATH */
	const char *scenario;      /* path of the XML scenario (already validated) */
	const char *dir;           /* existing directory: messages.log, sipp.stderr, ... go here */
	const char *remote_host;   /* IP literal (IPv6 without brackets): resolved once,
				    * by the caller (sipp/target.h); never a name */
	uint16_t remote_port;
	const char *local_ip;      /* IP literal SIPp binds to (-i, -mi); NULL = the
				    * loopback of remote_host's family */
	enum transport transport;  /* UDP or TCP; TLS: SIPp speaks TCP (-t t1) to remote_host,
				    * a TLS tunnel's local end (sipp/tls.h), and the key
				    * via_transport (the Via's transport) is "TLS" */
	const struct sipp_key *keys;
	size_t nkeys;
	unsigned timeout_s;        /* per request (SIPp -timeout, -recv_timeout) */
	unsigned calls;            /* -m, default 1 */
	unsigned rate;             /* -r: new calls per second; 0: 1000 */
	unsigned window;           /* -l: most calls open at once; 0: 1 (one after the other) */
	unsigned long long log_max; /* kill SIPp past this many log bytes; 0: SIPP_LOG_MAX_BYTES
				    * (a batch of N calls may allow N times a test's share) */
	unsigned linger_ms;        /* after the last call's final response, keep receiving
	                            * (scenario key linger_ms; 0: stop at once) */	const char *inf;           /* NULL, or an injection file for -inf (the credentials
				    * line of sipp/scnwrite.h): never on the command line */
	bool past_stop;            /* run although a stop was requested, bounded as ever
				    * (the teardown's unregister, run/setup.h) */
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
	SIPP_EXIT_OVERRUN,       /* killed at its bound (SIPp's -timeout or the harness's) */
	SIPP_EXIT_NOT_FOUND,     /* not found (ENOENT): no such file, not on PATH */
	SIPP_EXIT_STOPPED,       /* the harness killed it: a stop was requested (code: the signal) */
	SIPP_EXIT_FLOOD,         /* the harness killed it: its logs passed SIPP_LOG_MAX_BYTES */
	SIPP_EXIT_CONN_REFUSED,  /* TCP: the SUT refused the connection (ECONNREFUSED) */
	SIPP_EXIT_CONN_RESET,    /* TCP: the SUT reset the connection (ECONNRESET) */
	SIPP_EXIT_CONN_CLOSED,   /* TCP: the SUT closed the connection, no answer */
	SIPP_EXIT_NOT_EXECUTABLE,/* found but cannot be executed (EACCES, ENOEXEC, ...) */
};

struct sipp_result {
	enum sipp_status status;
	int code;                  /* exit code, signal number, or errno (NOT_*) */
	double seconds;            /* wall time */
	pid_t pid;                 /* SIPp's PID = its process group; 0 if never started */
	unsigned long long log_bytes; /* bytes in SIPp's message and error logs at the
				* end (FLOOD: when the cap was seen) */
	double flood_after;        /* FLOOD: seconds until the logs passed the cap */
	double bound;              /* OVERRUN: the bound in seconds it was killed at */
	char log_path[1024];       /* <dir>/messages.log (-trace_msg) */
	char err_path[1024];       /* <dir>/sipp.stderr */
	char err_tail[512];        /* last bytes of stderr/error log, for reports */
	char detail[320];          /* what happened, in words, when it is not a plain
				    * exit 0/1 (refused, reset, flood, stopped, hung,
				    * not found ...); "" otherwise */
};

/**
 * Run SIPp for job and wait for it (at most timeout_s * calls + grace).
 * While it waits it polls stop_requested() (base/stop.h) at least every
 * 10 ms and wakes early on any signal; once true, it kills SIPp's process
 * group (SIGTERM, SIGKILL 300 ms later) and returns SIPP_EXIT_STOPPED
 * within a second.  A stop requested before the call starts nothing.
 * Whatever the ending, every process left in SIPp's group has been sent
 * SIGKILL (and SIPp itself reaped) when it returns.
 * @return 0 when SIPp ran or was stopped (whatever its status); ENOENT if
 *         it could not be started (res->status NOT_FOUND or
 *         NOT_EXECUTABLE, res->code the errno, res->detail in words),
 *         EINVAL on a bad job (a host that is not an IP literal, too),
 *         other errno on harness failure.
 */
int sipp_run(struct sipp_result *res, const struct sipp_job *job);

/** "calls failed", "killed by signal 9", ... */
const char *sipp_status_str(enum sipp_status s);

/**
 * Is SIPp runnable?  Fills version ("3.6.1") on success.
 * @return 0; ENOENT not found; EACCES (or the exec errno) found but not
 *         executable; ETIMEDOUT "sipp -v" did not end within 5 s (killed);
 *         EPROTO it ran but printed no SIPp version; ECANCELED a stop was
 *         requested.  sipp_probe_str() says each in words.
 */
int sipp_probe(const char *sipp, char *version, size_t size);

/** Words for a sipp_probe() error: "not found (no such file, or not on PATH)", ... */
const char *sipp_probe_str(int err);

#endif
