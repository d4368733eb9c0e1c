/*
 * siplog.c - split a SIPp -trace_msg message log into frames (siplog.h).
 *
 * Format, as written by SIPp 3.6.1 (socket.cpp and call.cpp TRACE_MSG;
 * checked against the logs in fixtures/siplog/, UDP and TCP, IPv4 and
 * IPv6).  Every block opens with a separator line of 47 dashes:
 *
 *   log       = *block
 *   block     = sep head LF body LF
 *   sep       = 47"-" [ SP timestamp ] LF      ; "2026-11-25 08:25:12.070121"
 *   head      = sent / received / other
 *   sent      = transport " message sent (" 1*DIGIT " bytes):" LF
 *   received  = transport " message received [" 1*DIGIT "] bytes :" LF
 *   transport = "UDP" / "TCP" / "TLS" / "SCTP" / ...   ; no "[::1]:5060" peer
 *   other     = *(any but LF) LF   ; e.g. "TCP control message received
 *               [N] bytes :" (3PCC twin socket) or "Unexpected UDP message
 *               received:" (a second copy of a message already logged
 *               by the socket layer): skipped, never a frame
 *   body      = exactly DIGIT bytes: the message as on the wire, start
 *               line to the last byte of the body, final CRLF included
 *
 * What SIPp does NOT give us, and how this file copes:
 * - no peer address: siplog_frame.peer is always empty;
 * - the body is printed with "%s": a message that holds a NUL byte is cut
 *   at the NUL while the count says the full size.  A frame is accepted
 *   at its declared size only if it is followed by LF and then either
 *   the end of the log or the next separator; otherwise it ends where the
 *   next block starts (or at the end of the log), minus the LF SIPp adds;
 * - SIPp discards without logging a received datagram that does not look
 *   like SIP or has no Call-ID, so such answers never reach the log;
 * - a log cut short (SIPp killed while writing) ends with a partial last
 *   frame: it is kept with the bytes present.
 * A non-empty log with no block at all is EBADMSG.  Retransmissions and
 * several calls in one log are simply more frames, in log order.
 */
#include "sipp/siplog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIPLOG_MAX (64u * 1024 * 1024)
#define SEP "-----------------------------------------------"
#define SEP_LEN (sizeof(SEP) - 1)
#define MAX_FRAMES (1024u * 1024)

/* Does a block start at off (a separator line at the start of a line)? */
static bool is_sep(const char *buf, size_t len, size_t off)
{
	if (off > len || len - off < SEP_LEN)
		return false;
	if (off > 0 && buf[off - 1] != '\n')
		return false;
	if (memcmp(buf + off, SEP, SEP_LEN) != 0)
		return false;
	/* 47 dashes then SP or LF: a longer run of dashes is not ours. */
	return off + SEP_LEN == len || buf[off + SEP_LEN] == ' ' ||
	       buf[off + SEP_LEN] == '\n';
}

/* Offset of the next separator at or after off, or len. */
static size_t next_sep(const char *buf, size_t len, size_t off)
{
	while (off < len) {
		const char *nl;

		if (is_sep(buf, len, off))
			return off;
		nl = memchr(buf + off, '\n', len - off);
		if (!nl)
			return len;
		off = (size_t)(nl - buf) + 1;
	}
	return len;
}

/* Parse 1*DIGIT at *p (bounded by end) into *n; advance *p. */
static bool take_num(const char **p, const char *end, size_t *n)
{
	size_t v = 0;
	const char *s = *p;

	if (s >= end || *s < '0' || *s > '9')
		return false;
	while (s < end && *s >= '0' && *s <= '9') {
		v = v * 10 + (size_t)(*s - '0');
		/* Catch overflow: no frame is larger than the whole log. */
		if (v > SIPLOG_MAX)
			return false;
		s++;
	}
	*p = s;
	*n = v;
	return true;
}

static bool take_lit(const char **p, const char *end, const char *lit)
{
	size_t l = strlen(lit);

	if ((size_t)(end - *p) < l || memcmp(*p, lit, l) != 0)
		return false;
	*p += l;
	return true;
}

/*
 * Parse a head line [line, eol).  On success fill dir, transport and the
 * declared size and return true; false for any other line.
 */
static bool parse_head(const char *line, const char *eol,
		       enum siplog_dir *dir, struct pl *transport, size_t *n)
{
	const char *p = line;

	while (p < eol && *p >= 'A' && *p <= 'Z')
		p++;
	if (p == line || p - line > 8)
		return false;
	transport->p = line;
	transport->l = (size_t)(p - line);
	if (take_lit(&p, eol, " message sent (")) {
		if (!take_num(&p, eol, n) || !take_lit(&p, eol, " bytes):"))
			return false;
		*dir = SIPLOG_SENT;
	} else if (take_lit(&p, eol, " message received [")) {
		if (!take_num(&p, eol, n) || !take_lit(&p, eol, "] bytes :"))
			return false;
		*dir = SIPLOG_RECEIVED;
	} else {
		return false;
	}
	return p == eol;
}

static int push(struct siplog *log, size_t *cap, const struct siplog_frame *f)
{
	if (log->nframes == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		struct siplog_frame *nf;

		if (ncap > MAX_FRAMES)
			return E2BIG;
		nf = realloc(log->frames, ncap * sizeof(*nf));
		if (!nf)
			return ENOMEM;
		log->frames = nf;
		*cap = ncap;
	}
	log->frames[log->nframes++] = *f;
	return 0;
}

int siplog_parse(struct siplog **logp, char *buf, size_t len)
{
	struct siplog *log = NULL;
	size_t off, cap = 0, blocks = 0;
	int err = 0;

	if (!logp || (!buf && len)) {
		free(buf);
		return EINVAL;
	}
	log = calloc(1, sizeof(*log));
	if (!log) {
		free(buf);
		return ENOMEM;
	}
	log->buf = buf;
	log->len = len;

	off = next_sep(buf, len, 0);
	while (off < len) {
		struct siplog_frame f = { SIPLOG_SENT, PL_NULL, PL_NULL, PL_NULL };
		const char *nl, *head, *heol;
		size_t body, n = 0, end;

		blocks++;
		/* Separator line, then head line. */
		nl = memchr(buf + off, '\n', len - off);
		if (!nl)
			break;
		head = nl + 1;
		heol = memchr(head, '\n', len - (size_t)(head - buf));
		if (!heol)
			break;
		if (!parse_head(head, heol, &f.dir, &f.transport, &n)) {
			off = next_sep(buf, len, (size_t)(heol - buf) + 1);
			continue;
		}
		/* The empty line between head and message. */
		body = (size_t)(heol - buf) + 1;
		if (body < len && buf[body] == '\n')
			body++;
		else {
			off = next_sep(buf, len, body);
			continue;
		}
		/* Declared size, if it fits and lands on a block boundary. */
		if (n <= len - body && len - body - n >= 1 &&
		    buf[body + n] == '\n' &&
		    (body + n + 1 == len || is_sep(buf, len, body + n + 1))) {
			end = body + n;
			off = body + n + 1;
		} else {
			/* NUL-cut or torn frame: up to the next block. */
			off = next_sep(buf, len, body);
			end = off;
			if (end > body && buf[end - 1] == '\n')
				end--;
		}
		f.raw.p = buf + body;
		f.raw.l = end - body;
		err = push(log, &cap, &f);
		if (err)
			goto out;
	}
	if (len > 0 && blocks == 0)
		err = EBADMSG;
out:
	if (err) {
		siplog_free(log);
		return err;
	}
	*logp = log;
	return 0;
}

int siplog_load(struct siplog **logp, const char *path)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0;
	int fd, err = 0;

	if (!logp || !path)
		return EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return siplog_parse(logp, NULL, 0);
		return errno;
	}
	if (fstat(fd, &st) < 0) {
		err = errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err = EINVAL;
		goto out;
	}
	if ((uintmax_t)st.st_size > SIPLOG_MAX) {
		err = E2BIG;
		goto out;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		err = ENOMEM;
		goto out;
	}
	/* Read to EOF, bounded: the file may still grow or shrink. */
	for (;;) {
		ssize_t r = read(fd, buf + len, (size_t)st.st_size - len);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto out;
		}
		if (r == 0 || len + (size_t)r == (size_t)st.st_size) {
			len += (size_t)r;
			break;
		}
		len += (size_t)r;
	}
out:
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	return siplog_parse(logp, buf, len);
}

struct siplog *siplog_free(struct siplog *log)
{
	if (!log)
		return NULL;
	free(log->buf);
	free(log->frames);
	free(log);
	return NULL;
}
