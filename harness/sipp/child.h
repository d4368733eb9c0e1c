/*
 * child.h - one child process of the harness (SIPp), from exec to reap:
 * started in a process group of its own, watched while it runs, and the
 * whole group killed when it must stop.  Used by sipp.c, and by tls.c
 * for the TLS terminator (stunnel), which is started the same way.
 *
 * Why a group: SIPp may start children (<exec command=...> runs a
 * shell), and a terminal's Ctrl-C goes to the foreground group: the
 * harness, not SIPp.  The harness decides when SIPp dies and then kills
 * every process of the group, so nothing keeps sending to the SUT.
 * On Linux the child also gets SIGKILL if the harness dies first
 * (PR_SET_PDEATHSIG): even `kill -9` of the harness leaves no SIPp.
 */
#ifndef SIPCONFORM_SIPP_CHILD_H
#define SIPCONFORM_SIPP_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct child {
	pid_t pid;                 /* also its process group id */
	double started;            /* monotonic seconds (base/monotime.h) */
};

enum child_end {
	CHILD_EXITED,              /* it ended on its own */
	CHILD_BOUND,               /* killed: ran past the deadline */
	CHILD_STOPPED,             /* killed: stop_requested() (base/stop.h) */
	CHILD_FLOOD,               /* killed: the watched files passed the cap */
};

/* What child_watch() waits for, and what it saw. */
struct child_watch {
	double deadline;           /* monotonic seconds: past it, SIGTERM ... */
	unsigned term_wait_ms;     /* ... then this long, then SIGKILL */
	const char *files[2];      /* whose total size is capped; NULL: none */
	unsigned long long cap;    /* bytes; 0: no cap */
	bool past_stop;            /* a stop request does not end it (a bounded cleanup run) */
	/* out */
	enum child_end end;
	double end_at;             /* when the harness decided to kill it (monotonic) */
	unsigned long long bytes;  /* total size of files at the end (FLOOD: when
				    * the cap was seen) */
	int status;                /* waitpid() status */
};

/* A stop kills with SIGTERM, then SIGKILL this much later. */
#define CHILD_STOP_GRACE_MS 300

/**
 * Find an executable: a name with a '/' is taken as is (made absolute),
 * else the first executable regular file of that name on PATH.
 * @return 0; ENOENT nothing of that name; EACCES found but not
 *         executable (or not a regular file); ENAMETOOLONG
 */
int child_find_exec(char *out, size_t size, const char *name);

/** pipe() with both ends close-on-exec.  @return 0 or errno */
int child_cloexec_pipe(int pfd[2]);

/**
 * vfork + exec path (no page tables copied: cheap at any harness size)
 * with argv, cwd, stdin from /dev/null, stdout and
 * stderr to the fds given (-1: /dev/null), in a new process group, every
 * other fd closed at exec, signal mask and SIGINT/SIGTERM/SIGHUP/SIGPIPE/
 * SIGQUIT dispositions reset (and no harness handler can run in the child
 * before exec).  The child makes system calls only.
 * @return 0 with ch set; the exec errno (ENOENT, EACCES, ENOEXEC ...) if
 *         exec failed (the child is reaped); errno of fork/pipe/open.
 */
int child_spawn(struct child *ch, const char *path, char *const argv[],
		const char *cwd, int out, int err);

/**
 * Wait for ch: woken by its exit (a pidfd) and by a stop (stop_fd()), at
 * once; without a pidfd it looks every 10 ms.  The files' size is looked
 * at every 10 ms while a cap is set.  A stop request kills the group
 * (SIGTERM, SIGKILL CHILD_STOP_GRACE_MS later), so it returns within
 * about half a second of the request; the files passing the cap kill it
 * at once (SIGKILL); the deadline kills it
 * (SIGTERM, SIGKILL term_wait_ms later).  Once the child has exited, the
 * rest of its group gets SIGKILL before the child is reaped (its PID,
 * the group's id, cannot be reused until then).  Always reaps.
 * @return 0 with w's out fields set; errno of waitid()/waitpid()
 */
int child_watch(struct child *ch, struct child_watch *w);

#endif
