/* tdir.c - scratch directories for tests (see tdir.h). */
#include "tdir.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tmain.h"

extern char **environ;

static char *tdir_root;
static int tdir_saved_stdout = -1;
static int tdir_saved_stderr = -1;

void tdir_setup(void)
{
	char tmpl[256];

	snprintf(tmpl, sizeof(tmpl), "/tmp/%s.XXXXXX", tmain_def.name);
	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	tdir_root = strdup(tmpl);
	ck_assert_ptr_nonnull(tdir_root);
}

/* Remove a directory tree the tests made (files and directories, depth-bounded). */
static void tdir_rm_tree(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat sb;
	char p[1024];

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		if (!lstat(p, &sb) && S_ISDIR(sb.st_mode) && depth > 0)
			tdir_rm_tree(p, depth - 1);
		else
			remove(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

void tdir_teardown(void)
{
	/* CHECK_KEEP=1 leaves the files for a person to read. */
	if (tdir_root && !getenv("CHECK_KEEP") && !getenv("CHECK_REPORT_KEEP"))
		tdir_rm_tree(tdir_root, 4);
	free(tdir_root);
	tdir_root = NULL;
}

const char *tdir(void)
{
	ck_assert_ptr_nonnull(tdir_root);
	return tdir_root;
}

char *tdir_path(const char *name)
{
	static char buf[4][512];
	static int k;
	char *p = buf[k++ & 3];

	snprintf(p, 512, "%s/%s", tdir(), name);
	return p;
}

char *tdir_slurp(const char *path, size_t *np)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	if (np)
		*np = (size_t)n;
	return s;
}

void tdir_write(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(bytes, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

int tdir_run(const char *const argv[], const char *logpath)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, rc, ms;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, logpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	ck_assert_msg(rc == 0, "cannot run %s: %s", argv[0], strerror(rc));
	/* Bounded: 30 s, then the child is killed (by its pid). */
	for (ms = 0; (rc = waitpid(pid, &st, WNOHANG)) == 0 && ms < 30000; ms += 10)
		usleep(10000);
	if (rc == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		ck_abort_msg("%s %s did not finish in 30 s", argv[0], argv[1] ? argv[1] : "");
	}
	ck_assert_int_eq(rc, pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Point fd at the file path; the old fd goes to *saved. */
static void tdir_fd_to(int fd, int *saved, const char *path)
{
	int nfd;

	*saved = dup(fd);
	ck_assert_int_ge(*saved, 0);
	nfd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ge(nfd, 0);
	ck_assert_int_ge(dup2(nfd, fd), 0);
	close(nfd);
}

static void tdir_fd_restore(int fd, int *saved)
{
	ck_assert_int_ge(dup2(*saved, fd), 0);
	close(*saved);
	*saved = -1;
}

void tdir_stdout_to(const char *path)
{
	fflush(stdout);
	tdir_fd_to(1, &tdir_saved_stdout, path);
}

void tdir_stdout_restore(void)
{
	fflush(stdout);
	tdir_fd_restore(1, &tdir_saved_stdout);
}

void tdir_stderr_to(const char *path)
{
	fflush(stderr);
	tdir_fd_to(2, &tdir_saved_stderr, path);
}

void tdir_stderr_restore(void)
{
	fflush(stderr);
	tdir_fd_restore(2, &tdir_saved_stderr);
}
