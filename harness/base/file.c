/* file.c - file-system helpers (see file.h). */
#include "base/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/chars.h"

int file_mkdirs(const char *path)
{
	char tmp[1024];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof(tmp))
		return EINVAL;
	memcpy(tmp, path, n + 1);
	/* Each prefix ending at a '/' in turn, then the whole path. */
	for (i = 1; i <= n; i++) {
		if (tmp[i] == '/' || tmp[i] == '\0') {
			char c = tmp[i];

			tmp[i] = '\0';
			if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
				return errno;
			tmp[i] = c;
		}
	}
	return 0;
}

/* dir/name into path; ENAMETOOLONG rather than a cut path. */
static int file_join(char *path, size_t size, const char *dir, const char *name)
{
	int n = snprintf(path, size, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}

int file_write(const char *dir, const char *name, struct pl bytes)
{
	char path[4096];
	FILE *fp;
	int err = file_join(path, sizeof(path), dir, name);

	if (err)
		return err;
	fp = fopen(path, "wb");
	if (!fp)
		return errno;
	if (bytes.l && fwrite(bytes.p, 1, bytes.l, fp) != bytes.l)
		err = EIO;
	if (fclose(fp) != 0 && !err)
		err = errno;
	return err;
}

int file_copy(const char *from, const char *dir, const char *name)
{
	char path[4096], buf[65536];
	FILE *in, *out;
	size_t n;
	int err = file_join(path, sizeof(path), dir, name);

	if (err)
		return err;
	in = fopen(from, "rb");
	if (!in)
		return errno;
	out = fopen(path, "wb");
	if (!out) {
		err = errno;
		fclose(in);
		return err;
	}
	while (!err && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			err = EIO;
	if (!err && ferror(in))
		err = EIO;
	fclose(in);
	if (fclose(out) != 0 && !err)
		err = errno;
	return err;
}

void file_safe_name(char *out, size_t size, const char *s)
{
	size_t i;
	bool dots = true;

	if (size == 0)
		return;
	for (i = 0; s[i] && i + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		out[i] = chars_is_alnum(c) || c == '.' || c == '-' ? (char)c : '_';
		dots = dots && c == '.';
	}
	out[i] = '\0';
	/* "." and ".." name this directory and its parent, not a new one. */
	if (dots)
		memset(out, '_', i);
}

int file_write_fd(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (w == 0)
			return EIO;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int file_copy_fd(int in, off_t off, off_t len, int out)
{
	char buf[65536];
	int err = 0;

	while (len > 0 && !err) {
		size_t want = len > (off_t)sizeof(buf) ? sizeof(buf) : (size_t)len;
		ssize_t r = pread(in, buf, want, off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? errno : EIO;
		err = file_write_fd(out, buf, (size_t)r);
		off += r;
		len -= r;
	}
	return err;
}

int file_anon_fd(void)
{
	const char *dir = getenv("TMPDIR");
	char path[PATH_MAX];
	int fd;

	if (!dir || !*dir || strlen(dir) > sizeof(path) - 32)
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/sipconform.XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0)
		return -errno;
	unlink(path);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

/* ---- the temp registry (for a signal handler) ------------------------ */

#define FILE_TMP_SLOTS 8

static char tmp_path[FILE_TMP_SLOTS][PATH_MAX];
static volatile sig_atomic_t tmp_used[FILE_TMP_SLOTS];

/* The path is complete before the slot is marked: a handler never sees half of it. */
static int tmp_register(const char *path)
{
	int i;

	for (i = 0; i < FILE_TMP_SLOTS; i++) {
		if (!tmp_used[i]) {
			snprintf(tmp_path[i], sizeof(tmp_path[i]), "%s", path);
			tmp_used[i] = 1;
			return i;
		}
	}
	return -1;      /* not registered: only a hard exit would leave it behind */
}

static void tmp_unregister(int slot)
{
	if (slot >= 0 && slot < FILE_TMP_SLOTS)
		tmp_used[slot] = 0;
}

void file_tmp_cleanup(void)
{
	int i;

	for (i = 0; i < FILE_TMP_SLOTS; i++)
		if (tmp_used[i])
			unlink(tmp_path[i]);
}

/* ---- report outputs -------------------------------------------------- */

static mode_t file_umask_mode(void)
{
	mode_t m = umask(0);

	umask(m);
	return 0666 & ~m;
}

/* A new temp next to fo->path: "<dir>/.<name>.XXXXXX", O_EXCL, mode fo->mode. */
static int out_new_tmp(struct file_out *fo)
{
	const char *slash = strrchr(fo->path, '/');
	int n, fd;

	if (slash)
		n = snprintf(fo->tmp, sizeof(fo->tmp), "%.*s/.%s.XXXXXX",
			     (int)(slash - fo->path), fo->path, slash + 1);
	else
		n = snprintf(fo->tmp, sizeof(fo->tmp), ".%s.XXXXXX", fo->path);
	if (n < 0 || (size_t)n >= sizeof(fo->tmp)) {
		fo->tmp[0] = '\0';
		return ENAMETOOLONG;
	}
	fd = mkstemp(fo->tmp);         /* O_EXCL, 0600, a random name */
	if (fd < 0) {
		fo->tmp[0] = '\0';
		return errno;
	}
	fo->slot = tmp_register(fo->tmp);
	/* The run forks SIPp, never while this runs: no thread can race the flag. */
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || fchmod(fd, fo->mode) != 0) {
		int err = errno;

		close(fd);
		unlink(fo->tmp);
		tmp_unregister(fo->slot);
		fo->slot = -1;
		fo->tmp[0] = '\0';
		return err;
	}
	fo->fd = fd;
	return 0;
}

/* Open a FIFO or character device for writing without blocking on a FIFO with no reader. */
static int out_stream(struct file_out *fo, const char *path)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	int fl;

	if (fd < 0)
		return errno;
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		int err = errno;

		close(fd);
		return err;
	}
	fo->fd = fd;
	fo->stream = true;
	fo->own = true;
	return 0;
}

/* Is st the file our stdout or stderr is open on?  Its fd, or -1. */
static int file_std_fd(const struct stat *st)
{
	struct stat fs;
	int fd;

	for (fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++)
		if (fstat(fd, &fs) == 0 && fs.st_dev == st->st_dev && fs.st_ino == st->st_ino)
			return fd;
	return -1;
}

int file_out_open(struct file_out *fo, const char *path)
{
	struct stat ls, st;
	int err, fd;

	memset(fo, 0, sizeof(*fo));
	fo->fd = -1;
	fo->slot = -1;
	if (!path || !*path)
		return EINVAL;
	/* "-", /dev/stdout, or the very file stdout goes to: written through stdout. */
	fd = strcmp(path, "-") == 0 ? STDOUT_FILENO : stat(path, &st) == 0 ? file_std_fd(&st) : -1;
	if (fd >= 0) {
		fo->fd = fd;
		fo->stream = true;
		snprintf(fo->path, sizeof(fo->path), "%s", strcmp(path, "-") ? path : "-");
		return 0;
	}
	if (strlen(path) >= sizeof(fo->path) - 16)
		return ENAMETOOLONG;
	snprintf(fo->path, sizeof(fo->path), "%s", path);
	fo->mode = file_umask_mode();
	if (lstat(path, &ls) != 0) {
		if (errno != ENOENT)
			return errno;
		return out_new_tmp(fo);         /* absent */
	}
	if (S_ISLNK(ls.st_mode)) {
		char *real;

		if (stat(path, &st) != 0)
			return errno;   /* dangling (ENOENT) or a loop (ELOOP) */
		if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))
			return out_stream(fo, path);
		if (!S_ISREG(st.st_mode))
			return S_ISDIR(st.st_mode) ? EISDIR : ENOTSUP;
		/* Written through: the file the link names is replaced. */
		real = realpath(path, NULL);
		if (!real)
			return errno;
		err = strlen(real) >= sizeof(fo->path) - 16 ? ENAMETOOLONG : 0;
		if (!err)
			snprintf(fo->path, sizeof(fo->path), "%s", real);
		free(real);
		if (err)
			return err;
		ls = st;
	}
	if (S_ISFIFO(ls.st_mode) || S_ISCHR(ls.st_mode))
		return out_stream(fo, path);
	if (S_ISDIR(ls.st_mode))
		return EISDIR;
	if (!S_ISREG(ls.st_mode))
		return ENOTSUP;
	fo->mode = ls.st_mode & 0666;
	return out_new_tmp(fo);
}

int file_out_write(struct file_out *fo, const void *p, size_t n)
{
	/* After what stdio holds for the same stream: the order of lines stays. */
	if (fo->fd == STDOUT_FILENO || fo->fd == STDERR_FILENO)
		fflush(NULL);
	return file_write_fd(fo->fd, p, n);
}

int file_out_begin(struct file_out *fo)
{
	if (fo->stream)
		return fo->fd >= 0 ? 0 : EBADF;
	if (fo->tmp[0]) {
		if (ftruncate(fo->fd, 0) != 0 || lseek(fo->fd, 0, SEEK_SET) < 0)
			return errno;
		return 0;
	}
	if (fo->fd >= 0) {
		close(fo->fd);
		fo->fd = -1;
	}
	return out_new_tmp(fo);
}

int file_out_commit(struct file_out *fo)
{
	struct stat st;
	int err = 0;

	if (fo->stream)
		return 0;
	if (!fo->tmp[0])
		return EBADF;
	/* Replace only a regular file (or nothing): never a node, FIFO or link put there meanwhile. */
	if (lstat(fo->path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			err = S_ISDIR(st.st_mode) ? EISDIR : ENOTSUP;
	} else if (errno != ENOENT)
		err = errno;
	if (!err && rename(fo->tmp, fo->path) != 0)
		err = errno;
	if (err)
		unlink(fo->tmp);
	/* Unregistered after the rename: a handler in between finds no file (ENOENT). */
	tmp_unregister(fo->slot);
	fo->slot = -1;
	fo->tmp[0] = '\0';
	if (err) {
		close(fo->fd);
		fo->fd = -1;
	}
	return err;
}

void file_out_close(struct file_out *fo)
{
	if (fo->tmp[0]) {
		unlink(fo->tmp);
		tmp_unregister(fo->slot);
		fo->slot = -1;
		fo->tmp[0] = '\0';
	}
	if (fo->fd >= 0 && (fo->own || !fo->stream))
		close(fo->fd);
	fo->fd = -1;
}

const char *file_out_strerror(int err)
{
	switch (err) {
	case EISDIR:  return "is a directory";
	case ENOTSUP: return "is not a regular file, a FIFO or a character device (never replaced)";
	case ENXIO:   return "is a FIFO that nobody reads";
	case ELOOP:   return "is a symbolic link loop";
	default:      return strerror(err);
	}
}

/* ---- file identity ---------------------------------------------------- */

/* path made absolute, "//", "/./" and "x/.." removed (lexically) into out. */
static int path_normalize(char *out, size_t size, const char *path)
{
	char buf[PATH_MAX * 2], *save = NULL, *tok;
	size_t len = 0;

	if (path[0] == '/')
		snprintf(buf, sizeof(buf), "%s", path);
	else {
		char cwd[PATH_MAX];

		if (!getcwd(cwd, sizeof(cwd)))
			return errno;
		snprintf(buf, sizeof(buf), "%s/%s", cwd, path);
	}
	out[0] = '\0';
	for (tok = strtok_r(buf, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		size_t tl = strlen(tok);

		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			char *s = strrchr(out, '/');

			len = s ? (size_t)(s - out) : 0;
			out[len] = '\0';
			continue;
		}
		if (len + tl + 2 > size)
			return ENAMETOOLONG;
		out[len++] = '/';
		memcpy(out + len, tok, tl + 1);
		len += tl;
	}
	if (len == 0)
		snprintf(out, size, "/");
	return 0;
}

int file_id_of(struct file_id *id, const char *path)
{
	struct stat st;
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;

	memset(id, 0, sizeof(*id));
	if (strcmp(path, "-") == 0 ? fstat(STDOUT_FILENO, &st) == 0 : stat(path, &st) == 0) {
		id->how = 1;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		return 0;
	}
	/* Not there (yet): the directory it would be made in, and its name. */
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else if ((size_t)(slash - path) < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else
		dir[0] = '\0';
	if (*base && dir[0] && strlen(base) < sizeof(id->name) && stat(dir, &st) == 0) {
		id->how = 2;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		snprintf(id->name, sizeof(id->name), "%s", base);
		return 0;
	}
	id->how = 3;
	return path_normalize(id->name, sizeof(id->name), path);
}

bool file_id_same(const struct file_id *a, const struct file_id *b)
{
	if (a->how != b->how || !a->how)
		return false;
	if (a->how == 3)
		return strcmp(a->name, b->name) == 0;
	return a->dev == b->dev && a->ino == b->ino &&
	       (a->how == 1 || strcmp(a->name, b->name) == 0);
}

/* ---- one run per directory --------------------------------------------- */

int file_lock_dir(const char *dir, int *fdp)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	*fdp = -1;
	if (fd < 0)
		return errno;
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int err = errno;

		if (err == EINTR)
			continue;
		close(fd);
		return err == EWOULDBLOCK ? EBUSY : err;
	}
	*fdp = fd;
	return 0;
}

/* Remove the files and links in the directory open at dfd; subdirectories when depth > 0. */
static int clear_at(int dfd, int depth)
{
	DIR *d = fdopendir(dfd);
	struct dirent *e;
	int err = 0;

	if (!d) {
		err = errno;
		close(dfd);
		return err;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			int sub;

			if (depth <= 0)
				continue;
			sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (sub < 0)
				continue;
			if (clear_at(sub, depth - 1) == 0)
				unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR); /* fails if not empty: kept */
		} else if (unlinkat(dirfd(d), e->d_name, 0) != 0 && !err)
			err = errno;
	}
	closedir(d);
	return err;
}

int file_clear_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT ? 0 : errno;
	return clear_at(fd, 1);
}
