/*
 * siplog.h - split a SIPp -trace_msg message log into frames.
 *
 * The log format is a printf in SIPp's socket code, not an API: the
 * framing lives here only, and fixtures/siplog/ holds logs captured from
 * the pinned SIPp (3.6.1) so a format change shows up as a failing test.
 */
#ifndef SIPCONFORM_SIPLOG_H
#define SIPCONFORM_SIPLOG_H

#include <stddef.h>

#include "base/pl.h"

enum siplog_dir { SIPLOG_SENT, SIPLOG_RECEIVED };

struct siplog_frame {
	enum siplog_dir dir;
	struct pl transport;   /* "UDP", "TCP" as logged */
	struct pl peer;        /* remote address as logged, may be empty */
	struct pl raw;         /* exact message bytes */
};

struct siplog {
	char *buf;             /* owned: the whole log */
	size_t len;
	struct siplog_frame *frames;
	size_t nframes;
};

/**
 * Read and split a log file.  *logp set on success.  A missing file is an
 * empty log (SIPp creates it lazily), not an error.
 * @return 0, EBADMSG (framing broken), ENOMEM, E2BIG (over 64 MiB), errno of read
 */
int siplog_load(struct siplog **logp, const char *path);
/** Split bytes; takes ownership of buf (malloc'ed) even on failure. */
int siplog_parse(struct siplog **logp, char *buf, size_t len);
struct siplog *siplog_free(struct siplog *log); /* NULL */

#endif
