/*
 * file.h - the few file-system helpers the run needs: make a directory
 * tree, write bytes to a file in a directory, copy a file there, turn an
 * untrusted id into a safe file name; write report files safely
 * (file_out), tell whether two paths name one file (file_id), lock a
 * directory for one run, and empty a directory of a stale run.
 *
 * Paths are the caller's; nothing here follows a name out of the
 * directory it is given (file_safe_name makes names that cannot).
 */
#ifndef SIPCONFORM_FILE_H
#define SIPCONFORM_FILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "base/pl.h"

/** mkdir -p path (mode 0755); a directory that exists is fine.  EINVAL on "" or a path over 1023 bytes. */
int file_mkdirs(const char *path);

/** Write bytes to dir/name (created or truncated).  ENAMETOOLONG, errno of open/close, EIO on a short write. */
int file_write(const char *dir, const char *name, struct pl bytes);

/** Copy the file at from to dir/name.  errno of open/read, or as file_write. */
int file_copy(const char *from, const char *dir, const char *name);

/**
 * A file-system-safe rendering of s into out (size > 0): bytes of
 * [A-Za-z0-9.-] are kept, every other byte becomes '_' (so no '/', no
 * control byte, nothing outside ASCII); a name of dots only ("..")
 * becomes underscores; cut to size - 1 bytes.  "" stays "".
 */
void file_safe_name(char *out, size_t size, const char *s);

/** Write all n bytes to fd, again after EINTR or a short write.  0, errno, EIO. */
int file_write_fd(int fd, const void *p, size_t n);

/** Copy len bytes at offset off of fd in to the current position of fd out.  0, errno, EIO at EOF. */
int file_copy_fd(int in, off_t off, off_t len, int out);

/** An anonymous temporary file (unlinked at once: nothing to clean up), O_CLOEXEC.  fd or -errno. */
int file_anon_fd(void);

/*
 * Report files.  The target is classified at file_out_open:
 *   absent or a regular file   replaced: every version goes to a temp
 *                              file in the same directory, created with
 *                              O_EXCL under an unpredictable name
 *                              (mkstemp), then renamed over the target,
 *                              and only while the target is still a
 *                              regular file or absent (ENOTSUP otherwise);
 *   a symlink to a regular file  the same for the file it names: the link
 *                              stays;
 *   a FIFO, a character device (/dev/null, /dev/tty ...)
 *                              written through, never replaced;
 *   "-", or the file stdout or stderr is open on (/dev/stdout, or
 *   "--tap out.txt >out.txt")  written through that descriptor;
 *   anything else              refused: EISDIR, ENOTSUP (block device,
 *                              socket), ENOENT (dangling symlink), ENXIO
 *                              (a FIFO nobody reads), ELOOP.
 * Opening creates the first temp (so an unwritable path fails then) and
 * leaves the target untouched until the first file_out_commit.  Every
 * open temp is registered for file_tmp_cleanup.
 */
struct file_out {
	char path[PATH_MAX];    /* where versions are renamed to (links resolved) */
	char tmp[PATH_MAX];     /* the open temp; "" when none */
	int fd;                 /* the temp's, the committed file's, or the stream's; -1 */
	bool stream;            /* written through: no temp, no rename */
	bool own;               /* close fd at the end (not stdout) */
	mode_t mode;            /* of every version */
	int slot;               /* in the temp registry; -1 */
};

/** Classify path ("-": stdout) and open it as above.  0 or an errno above. */
int file_out_open(struct file_out *fo, const char *path);
/** Write to fo->fd (stdio flushed first when that is stdout or stderr).  0 or errno. */
int file_out_write(struct file_out *fo, const void *p, size_t n);
/** Start a new version: a fresh temp (the open one, emptied, if any).  Streams: nothing. */
int file_out_begin(struct file_out *fo);
/**
 * Rename the temp over the target (fd stays open on it, so more can be
 * appended).  Streams: nothing.  ENOTSUP if the target became something
 * else than a regular file meanwhile (the temp is then removed).
 */
int file_out_commit(struct file_out *fo);
/** Remove an uncommitted temp, close what we opened.  Idempotent. */
void file_out_close(struct file_out *fo);
/** Words for the errors of file_out_open ("is a directory", ...). */
const char *file_out_strerror(int err);

/**
 * Remove every registered temp file: async-signal-safe (only unlink), for
 * a signal handler that is about to _exit.
 */
void file_tmp_cleanup(void);

/**
 * What a path names, to tell whether two paths are one file: device and
 * inode when it exists ("-" is stdout's), else its directory's device
 * and inode and its last component, else the path made absolute with
 * "." and ".." removed.
 */
struct file_id {
	int how;                /* 1 exists, 2 directory + name, 3 normalized path */
	dev_t dev;
	ino_t ino;
	char name[PATH_MAX];    /* how 2: last component; how 3: the path */
};

int file_id_of(struct file_id *id, const char *path);
bool file_id_same(const struct file_id *a, const struct file_id *b);

/**
 * Take an exclusive lock (flock) on directory dir, or fail at once with
 * EBUSY when another process holds it.  *fdp gets the descriptor to keep
 * open (the lock goes with it, and with the process).  errno otherwise.
 */
int file_lock_dir(const char *dir, int *fdp);

/**
 * Empty directory dir of what an earlier run left: every file and
 * symbolic link in it and in its subdirectories (one level down) is
 * removed, and each subdirectory that is then empty.  Nothing is
 * followed (no symlink, no deeper level).  A missing dir is fine.
 */
int file_clear_dir(const char *dir);

#endif
