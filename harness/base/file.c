/* file.c - file-system helpers (see file.h). */
#include "base/file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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
