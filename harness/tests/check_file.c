/*
 * check_file.c - base/file.c: directories, writes, copies, safe names;
 * report files (file_out), file identity, the directory lock, clearing a
 * stale directory, the temp registry.
 */
#include "tmain.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/file.h"
#include "tdir.h"

static int is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

START_TEST(test_mkdirs)
{
	char deep[600], many[1100];

	snprintf(deep, sizeof(deep), "%s/a/b/c", tdir());
	ck_assert_int_eq(file_mkdirs(deep), 0);
	ck_assert(is_dir(deep));
	ck_assert_int_eq(file_mkdirs(deep), 0);                 /* exists: fine */
	snprintf(deep, sizeof(deep), "%s/a/b/c/", tdir());      /* trailing '/' */
	ck_assert_int_eq(file_mkdirs(deep), 0);
	ck_assert_int_eq(file_mkdirs(""), EINVAL);
	memset(many, 'x', sizeof(many) - 1);
	many[sizeof(many) - 1] = '\0';
	ck_assert_int_eq(file_mkdirs(many), EINVAL);            /* over 1023 bytes */
	/* through a regular file */
	tdir_write(tdir_path("f"), "x", 1);
	snprintf(deep, sizeof(deep), "%s/f/sub", tdir());
	ck_assert_int_eq(file_mkdirs(deep), ENOTDIR);
}
END_TEST

START_TEST(test_write)
{
	static const char bytes[] = "INVITE\0\r\n\xff";
	size_t n;
	char *s, longname[5000];

	ck_assert_int_eq(file_write(tdir(), "m.sip", (struct pl){ bytes, sizeof(bytes) - 1 }), 0);
	s = tdir_slurp(tdir_path("m.sip"), &n);
	ck_assert_uint_eq(n, sizeof(bytes) - 1);
	ck_assert_int_eq(memcmp(s, bytes, n), 0);
	free(s);
	/* empty: an empty file, and rewriting truncates */
	ck_assert_int_eq(file_write(tdir(), "m.sip", PL_NULL), 0);
	s = tdir_slurp(tdir_path("m.sip"), &n);
	ck_assert_uint_eq(n, 0);
	free(s);
	ck_assert_int_eq(file_write(tdir_path("no/such"), "x", PL("x")), ENOENT);
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ck_assert_int_eq(file_write(tdir(), longname, PL("x")), ENAMETOOLONG);
}
END_TEST

START_TEST(test_copy)
{
	size_t n = 200000, i, got;      /* more than one read buffer */
	char *big = malloc(n), *s;

	ck_assert_ptr_nonnull(big);
	for (i = 0; i < n; i++)
		big[i] = (char)(i * 7);
	tdir_write(tdir_path("from.xml"), big, n);
	ck_assert_int_eq(file_copy(tdir_path("from.xml"), tdir(), "scenario.xml"), 0);
	s = tdir_slurp(tdir_path("scenario.xml"), &got);
	ck_assert_uint_eq(got, n);
	ck_assert_int_eq(memcmp(s, big, n), 0);
	free(s);
	free(big);
	ck_assert_int_eq(file_copy(tdir_path("missing.xml"), tdir(), "x.xml"), ENOENT);
	ck_assert_int_ne(access(tdir_path("x.xml"), F_OK), 0);  /* nothing made */
	ck_assert_int_eq(file_copy(tdir_path("from.xml"), tdir_path("no/such"), "x.xml"), ENOENT);
}
END_TEST

START_TEST(test_safe_name)
{
	static const struct {
		const char *in, *out;
	} v[] = {
		{ "moved-invite", "moved-invite" },
		{ "alice-moved/INVITE/tcp", "alice-moved_INVITE_tcp" },
		{ "follow 1.2", "follow_1.2" },
		{ "../etc/passwd", ".._etc_passwd" },
		{ "..", "__" },
		{ ".", "_" },
		{ "...", "___" },
		{ ".hidden", ".hidden" },
		{ "a\x01\n\x7f\xc3\xa9z", "a_____z" },
		{ "x_y", "x_y" },
		{ "", "" },
	};
	char out[64];
	size_t i;

	for (i = 0; i < NELEM(v); i++) {
		file_safe_name(out, sizeof(out), v[i].in);
		ck_assert_msg(strcmp(out, v[i].out) == 0, "'%s' -> '%s'", v[i].in, out);
	}
	/* cut to the buffer */
	file_safe_name(out, 4, "abcdef");
	ck_assert_str_eq(out, "abc");
	file_safe_name(out, 1, "abc");
	ck_assert_str_eq(out, "");
	out[0] = 'k';
	file_safe_name(out, 0, "abc");                          /* nothing written */
	ck_assert_int_eq(out[0], 'k');
}
END_TEST

/* Entries of the scratch directory starting with '.': temp files. */
static int dotfiles(void)
{
	const char *argv[] = { "sh", "-c", "ls -A \"$0\" | grep -c '^\\.'", NULL, NULL };
	char *s;
	int n;

	argv[3] = tdir();
	tdir_run(argv, tdir_path("ls.log"));
	s = tdir_slurp(tdir_path("ls.log"), NULL);
	n = atoi(s);
	free(s);
	return n;
}

static void out_write(struct file_out *fo, const char *text)
{
	ck_assert_int_eq(file_out_begin(fo), 0);
	ck_assert_int_eq(file_write_fd(fo->fd, text, strlen(text)), 0);
	ck_assert_int_eq(file_out_commit(fo), 0);
}

/* Absent or regular: versions through a temp renamed over it; nothing before the first commit. */
START_TEST(test_out_regular)
{
	struct file_out fo;
	struct stat st;
	char *s;

	ck_assert_int_eq(file_out_open(&fo, tdir_path("r.xml")), 0);
	ck_assert(!fo.stream);
	ck_assert_int_ne(access(tdir_path("r.xml"), F_OK), 0);   /* untouched */
	ck_assert_int_eq(dotfiles(), 1);                          /* the temp */
	ck_assert_int_eq(strncmp(fo.tmp, tdir_path(".r.xml."), strlen(tdir_path(".r.xml."))), 0);
	out_write(&fo, "one");
	s = tdir_slurp(tdir_path("r.xml"), NULL);
	ck_assert_str_eq(s, "one");
	free(s);
	/* appended after a commit: same file */
	ck_assert_int_eq(file_write_fd(fo.fd, "+", 1), 0);
	out_write(&fo, "two");
	s = tdir_slurp(tdir_path("r.xml"), NULL);
	ck_assert_str_eq(s, "two");
	free(s);
	file_out_close(&fo);
	ck_assert_int_eq(dotfiles(), 0);
	/* an existing file keeps its mode */
	ck_assert_int_eq(chmod(tdir_path("r.xml"), 0640), 0);
	ck_assert_int_eq(file_out_open(&fo, tdir_path("r.xml")), 0);
	out_write(&fo, "three");
	file_out_close(&fo);
	ck_assert_int_eq(stat(tdir_path("r.xml"), &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0640);
	/* closed before a commit: the temp goes, the target stays */
	ck_assert_int_eq(file_out_open(&fo, tdir_path("r.xml")), 0);
	file_out_close(&fo);
	file_out_close(&fo);                                     /* idempotent */
	s = tdir_slurp(tdir_path("r.xml"), NULL);
	ck_assert_str_eq(s, "three");
	free(s);
	ck_assert_int_eq(dotfiles(), 0);
}
END_TEST

/* Never replaced: a FIFO, a device, a directory; a node put there meanwhile. */
START_TEST(test_out_special)
{
	struct file_out fo;
	struct stat st;

	ck_assert_int_eq(file_out_open(&fo, "-"), 0);
	ck_assert(fo.stream);
	ck_assert_int_eq(fo.fd, STDOUT_FILENO);
	file_out_close(&fo);
	ck_assert_int_ne(fcntl(STDOUT_FILENO, F_GETFD), -1);     /* stdout not closed */
	ck_assert_int_eq(file_out_open(&fo, "/dev/null"), 0);
	ck_assert(fo.stream);
	out_write(&fo, "x");
	file_out_close(&fo);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_int_eq(mkfifo(tdir_path("fifo"), 0600), 0);
	ck_assert_int_eq(file_out_open(&fo, tdir_path("fifo")), ENXIO);   /* nobody reads */
	ck_assert_int_eq(mkdir(tdir_path("d"), 0700), 0);
	ck_assert_int_eq(file_out_open(&fo, tdir_path("d")), EISDIR);
	ck_assert_int_eq(symlink("d", tdir_path("ld")), 0);
	ck_assert_int_eq(file_out_open(&fo, tdir_path("ld")), EISDIR);
	ck_assert_int_eq(symlink("nowhere", tdir_path("dangling")), 0);
	ck_assert_int_eq(file_out_open(&fo, tdir_path("dangling")), ENOENT);
	ck_assert_int_eq(file_out_open(&fo, ""), EINVAL);
	ck_assert_int_eq(file_out_open(&fo, tdir_path("no/such/x")), ENOENT);
	ck_assert_int_eq(dotfiles(), 0);
	/* a symlink put at the target after the open is not replaced */
	ck_assert_int_eq(file_out_open(&fo, tdir_path("t.xml")), 0);
	ck_assert_int_eq(symlink("victim", tdir_path("t.xml")), 0);
	ck_assert_int_eq(file_write_fd(fo.fd, "x", 1), 0);
	ck_assert_int_eq(file_out_commit(&fo), ENOTSUP);
	ck_assert_int_eq(lstat(tdir_path("t.xml"), &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	file_out_close(&fo);
	ck_assert_int_eq(dotfiles(), 0);
	ck_assert_str_eq(file_out_strerror(ENXIO), "is a FIFO that nobody reads");
}
END_TEST

/* A handler about to _exit removes the open temps. */
START_TEST(test_tmp_cleanup)
{
	struct file_out a, b;
	pid_t pid;
	int st;

	ck_assert_int_eq(file_out_open(&a, tdir_path("a")), 0);
	ck_assert_int_eq(file_out_open(&b, tdir_path("b")), 0);
	out_write(&b, "b");                                      /* committed: not a temp any more */
	ck_assert_int_eq(dotfiles(), 1);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		file_tmp_cleanup();
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_int_eq(dotfiles(), 0);
	ck_assert_int_eq(access(tdir_path("b"), F_OK), 0);
	file_out_close(&a);
	file_out_close(&b);
}
END_TEST

START_TEST(test_id)
{
	struct file_id a, b;
	char p1[600], p2[600];

	tdir_write(tdir_path("f"), "x", 1);
	ck_assert_int_eq(mkdir(tdir_path("d"), 0700), 0);
	/* existing: device and inode, whatever the spelling, through links too */
	ck_assert_int_eq(file_id_of(&a, tdir_path("f")), 0);
	snprintf(p1, sizeof(p1), "%s/d/../f", tdir());
	ck_assert_int_eq(file_id_of(&b, p1), 0);
	ck_assert(file_id_same(&a, &b));
	ck_assert_int_eq(symlink("f", tdir_path("l")), 0);
	ck_assert_int_eq(file_id_of(&b, tdir_path("l")), 0);
	ck_assert(file_id_same(&a, &b));
	ck_assert_int_eq(file_id_of(&b, tdir_path("d")), 0);
	ck_assert(!file_id_same(&a, &b));
	/* absent: directory and name */
	ck_assert_int_eq(file_id_of(&a, tdir_path("new.xml")), 0);
	snprintf(p1, sizeof(p1), "%s/./d/../new.xml", tdir());
	ck_assert_int_eq(file_id_of(&b, p1), 0);
	ck_assert(file_id_same(&a, &b));
	ck_assert_int_eq(file_id_of(&b, tdir_path("other.xml")), 0);
	ck_assert(!file_id_same(&a, &b));
	/* no directory either: the normalized path */
	snprintf(p1, sizeof(p1), "%s/no/such/x", tdir());
	snprintf(p2, sizeof(p2), "%s//no/./such/../such/x", tdir());
	ck_assert_int_eq(file_id_of(&a, p1), 0);
	ck_assert_int_eq(file_id_of(&b, p2), 0);
	ck_assert(file_id_same(&a, &b));
	snprintf(p2, sizeof(p2), "%s/no/such/y", tdir());
	ck_assert_int_eq(file_id_of(&b, p2), 0);
	ck_assert(!file_id_same(&a, &b));
	/* "-" is stdout */
	ck_assert_int_eq(file_id_of(&a, "-"), 0);
	ck_assert_int_eq(file_id_of(&b, "/dev/stdout"), 0);
	ck_assert(file_id_same(&a, &b));
}
END_TEST

START_TEST(test_lock_dir)
{
	int fd1, fd2;

	ck_assert_int_eq(file_lock_dir(tdir(), &fd1), 0);
	ck_assert_int_eq(file_lock_dir(tdir(), &fd2), EBUSY);    /* a second holder: refused */
	ck_assert_int_eq(fd2, -1);
	close(fd1);
	ck_assert_int_eq(file_lock_dir(tdir(), &fd2), 0);        /* released with the fd */
	close(fd2);
	ck_assert_int_eq(file_lock_dir(tdir_path("nope"), &fd1), ENOENT);
}
END_TEST

START_TEST(test_clear_dir)
{
	char p[600];

	ck_assert_int_eq(file_clear_dir(tdir_path("absent")), 0);
	snprintf(p, sizeof(p), "%s/c/probe/deeper", tdir());
	ck_assert_int_eq(file_mkdirs(p), 0);
	tdir_write(tdir_path("c/01-received.sip"), "old", 3);
	tdir_write(tdir_path("c/probe/01-sent.sip"), "old", 3);
	tdir_write(tdir_path("c/probe/deeper/keep"), "k", 1);
	tdir_write(tdir_path("outside"), "o", 1);
	ck_assert_int_eq(symlink(tdir_path("outside"), tdir_path("c/link")), 0);
	ck_assert_int_eq(mkdir(tdir_path("c/empty"), 0700), 0);
	ck_assert_int_eq(file_clear_dir(tdir_path("c")), 0);
	ck_assert_int_ne(access(tdir_path("c/01-received.sip"), F_OK), 0);
	ck_assert_int_ne(access(tdir_path("c/probe/01-sent.sip"), F_OK), 0);
	ck_assert_int_ne(access(tdir_path("c/empty"), F_OK), 0);
	ck_assert_int_eq(access(tdir_path("c/probe/deeper/keep"), F_OK), 0);  /* not that deep */
	ck_assert_int_eq(access(tdir_path("outside"), F_OK), 0);   /* the link went, not its file */
	ck_assert_int_ne(access(tdir_path("c/link"), F_OK), 0);
	/* the directory itself a link: not followed */
	ck_assert_int_eq(symlink("c/probe/deeper", tdir_path("lc")), 0);
	ck_assert_int_ne(file_clear_dir(tdir_path("lc")), 0);   /* ENOTDIR or ELOOP */
	ck_assert_int_eq(access(tdir_path("c/probe/deeper/keep"), F_OK), 0);
}
END_TEST

START_TEST(test_fd_io)
{
	int a = file_anon_fd(), b = file_anon_fd();
	char buf[16] = "";

	ck_assert_int_ge(a, 0);
	ck_assert_int_ge(b, 0);
	ck_assert_int_eq(file_write_fd(a, "hello world", 11), 0);
	ck_assert_int_eq(file_copy_fd(a, 6, 5, b), 0);
	ck_assert_int_eq(pread(b, buf, sizeof(buf), 0), 5);
	ck_assert_str_eq(buf, "world");
	ck_assert_int_eq(file_copy_fd(a, 6, 50, b), EIO);         /* past the end */
	close(a);
	close(b);
}
END_TEST

static Suite *file_suite(void)
{
	Suite *s = suite_create("file");
	TCase *tc = tcase_create("Core");

	tcase_add_checked_fixture(tc, tdir_setup, tdir_teardown);
	tcase_add_test(tc, test_mkdirs);
	tcase_add_test(tc, test_write);
	tcase_add_test(tc, test_copy);
	tcase_add_test(tc, test_safe_name);
	tcase_add_test(tc, test_out_regular);
	tcase_add_test(tc, test_out_special);
	tcase_add_test(tc, test_tmp_cleanup);
	tcase_add_test(tc, test_id);
	tcase_add_test(tc, test_lock_dir);
	tcase_add_test(tc, test_clear_dir);
	tcase_add_test(tc, test_fd_io);
	suite_add_tcase(s, tc);
	return s;
}

const struct tmain tmain_def = { "check_file", file_suite, NULL, NULL };
