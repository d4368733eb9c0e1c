/*
 * bench_rusage.c - run a command and say what it cost, split between the
 * command itself and the children it reaped (sipconform and its SIPps):
 *
 *   bench_rusage CMD [ARG...]
 *
 * prints one line on stderr after CMD's own stderr:
 *   rusage wall_ms=W self_cpu_ms=S children_cpu_ms=C hwm_kb=H maxrss_kb=M status=X
 * self/children: utime+stime and cutime+cstime from /proc/PID/stat, read
 * while CMD is a zombie (waitid WNOWAIT), so the split is exact; hwm_kb:
 * CMD's own peak RSS (VmHWM, sampled every 2 ms while it runs: the last
 * sample before it exits); maxrss_kb: getrusage(RUSAGE_CHILDREN), the
 * largest of CMD and everything it reaped.  Exit status: CMD's.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long hwm_kb(pid_t pid)
{
	char path[64], line[256];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			v = atol(line + 6);
	fclose(f);
	return v;
}

/* utime+stime and cutime+cstime of pid, in ms. */
static int cpu_ms(pid_t pid, double *self, double *kids)
{
	char path[64], buf[4096], *p;
	unsigned long long f[4];
	double tck = (double)sysconf(_SC_CLK_TCK);
	FILE *fp;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fp = fopen(path, "r");
	if (!fp)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	/* after ") ": state ppid pgrp session tty tpgid flags minflt cminflt
	 * majflt cmajflt utime stime cutime cstime */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu",
			 &f[0], &f[1], &f[2], &f[3]) != 4)
		return -1;
	*self = (double)(f[0] + f[1]) * 1000.0 / tck;
	*kids = (double)(f[2] + f[3]) * 1000.0 / tck;
	return 0;
}

int main(int argc, char **argv)
{
	double t0, self = -1, kids = -1;
	long hwm = -1, h;
	struct rusage ru;
	siginfo_t si;
	pid_t pid;
	int pfd, st = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_rusage CMD [ARG...]\n");
		return 2;
	}
	t0 = now_ms();
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	for (;;) {
		struct pollfd p = { pfd, POLLIN, 0 };

		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
		    si.si_pid == pid)
			break;
		h = hwm_kb(pid);
		if (h > hwm)
			hwm = h;
		poll(&p, pfd >= 0 ? 1 : 0, 2);
	}
	cpu_ms(pid, &self, &kids);
	waitpid(pid, &st, 0);
	getrusage(RUSAGE_CHILDREN, &ru);
	fprintf(stderr, "rusage wall_ms=%.1f self_cpu_ms=%.0f children_cpu_ms=%.0f hwm_kb=%ld maxrss_kb=%ld status=%d\n",
		now_ms() - t0, self, kids, hwm, ru.ru_maxrss,
		WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
