/*
 * siplog.h - split a SIPp -trace_msg message log into frames, byte-exact
 * or not at all.
 *
 * The log format is a printf in SIPp's socket code, not an API: the
 * framing lives here only, and fixtures/siplog/ holds logs captured from
 * the pinned SIPp (3.6.1) so a format change shows up as a failing test.
 *
 * Integrity: SIPp states the byte count of every message it logs, but
 * prints the message with "%s", so a NUL byte cuts the printed copy short
 * and whatever the message held after its own text could pass for more
 * log.  The reader therefore places every byte of the log or stops: the
 * first entry it cannot place with certainty (a count its text does not
 * fill, text it does not know, a message that holds text shaped like the
 * log itself) is the log's fault.  Frames before it stand; it and
 * everything after it are never frames.  A log with a fault can never
 * support a pass (judge/xchg.h says it in words).
 */
#ifndef SIPCONFORM_SIPLOG_H
#define SIPCONFORM_SIPLOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/pl.h"

enum siplog_dir { SIPLOG_SENT, SIPLOG_RECEIVED };

struct siplog_frame {
	enum siplog_dir dir;
	struct pl transport;   /* "UDP", "TCP" as logged */
	struct pl peer;        /* remote address as logged, may be empty */
	struct pl raw;         /* exact message bytes */
	double ts;             /* SIPp's time stamp of its entry (s since 1970, us), 0: none */
};

/** Why a log could not be read to its end with certainty. */
enum siplog_fault {
	SIPLOG_INTACT,       /* every byte placed */
	SIPLOG_SHORT,        /* a message's text does not fill the count SIPp gives
	                      * (a NUL byte cut SIPp's copy short) */
	SIPLOG_TORN,         /* the log ends inside an entry (SIPp killed while
	                      * writing, or the log is over what the reader takes) */
	SIPLOG_MIMIC,        /* a message holds text shaped like the log itself
	                      * (a separator line and a message head) */
	SIPLOG_STRAY,        /* text no SIPp entry explains, or a copy of a
	                      * received message that matches none */
	SIPLOG_SEND_FAILED,  /* SIPp logged a message it could not send */
};

/** Every message placed in the log, kept or not (siplog_cap). */
struct siplog_tally {
	size_t sent;         /* messages SIPp sent */
	size_t rx_prov;      /* received 1xx responses */
	size_t rx_final;     /* received 2xx-6xx responses */
	size_t rx_other;     /* anything else received (requests) */
	size_t bytes;        /* message bytes of all of them */
	double rx_first;     /* SIPp's time stamp of the first and last */
	double rx_last;      /*   received message (s since 1970), 0: none */
};

/** What a log keeps: frames past either cap are placed and counted, not kept. */
struct siplog_cap {
	size_t frames;       /* SIZE_MAX: no cap */
	size_t bytes;        /* message bytes, SIZE_MAX: no cap */
};

struct siplog {
	char *buf;             /* owned: the log as read */
	size_t len;
	struct siplog_frame *frames;  /* the frames kept, in log order */
	size_t nframes;
	struct siplog_tally all;      /* every message placed, kept or not */
	bool capped;                  /* some were placed but not kept */
	enum siplog_fault fault;
	size_t fault_at;              /* where reading stopped (byte offset); len if intact */
	char why[400];                /* the fault in words, "" if intact */
};

/** The most of a log the capped reader takes (bytes); the rest is a TORN fault. */
#define SIPLOG_READ_MAX (64u * 1024 * 1024)

/**
 * Read and split a log file.  *logp set on success.  A missing file is an
 * empty log (SIPp creates it lazily), not an error.
 * @return 0 (the log may have a fault), EBADMSG (not a SIPp message log:
 *         nothing at its start can be placed), ENOMEM, E2BIG (over 64 MiB),
 *         errno of read
 */
int siplog_load(struct siplog **logp, const char *path);
/** Split bytes; takes ownership of buf (malloc'ed) even on failure. */
int siplog_parse(struct siplog **logp, char *buf, size_t len);
/**
 * The same, keeping at most what cap says (NULL: no cap).  A file over
 * SIPLOG_READ_MAX is not E2BIG here: its first SIPLOG_READ_MAX bytes are
 * read and the log has a TORN fault that says so.
 */
int siplog_load_capped(struct siplog **logp, const char *path, const struct siplog_cap *cap);
int siplog_parse_capped(struct siplog **logp, char *buf, size_t len,
			const struct siplog_cap *cap);
struct siplog *siplog_free(struct siplog *log); /* NULL */

/** "sent" / "received" */
const char *siplog_dir_name(enum siplog_dir d);

#endif
