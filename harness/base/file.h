/*
 * file.h - the few file-system helpers the run needs: make a directory
 * tree, write bytes to a file in a directory, copy a file there, and turn
 * an untrusted id into a safe file name.
 *
 * Paths are the caller's; nothing here follows a name out of the
 * directory it is given (file_safe_name makes names that cannot).
 */
#ifndef SIPCONFORM_FILE_H
#define SIPCONFORM_FILE_H

#include <stddef.h>

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

#endif
