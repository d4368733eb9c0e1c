/*
 * fuzz_siplog_forge.c - libFuzzer target: a forged frame inside a message
 * never yields an extra parsed message (sipp/siplog.c).
 *
 * The input is not a log but the messages of one: the target writes the
 * log exactly as SIPp 3.6.1 does (socket.cpp, call.cpp TRACE_MSG: the
 * count of the whole message, then its text printed with "%s", so a NUL
 * cuts it) and splits it again.  A message may hold anything: NULs,
 * separators, heads, whole fake blocks, SIPp's notes, sized to land on a
 * boundary.  Input grammar:
 *
 *   input   = *record
 *   record  = flags len-hi len-lo *OCTET   ; len = (hi << 8 | lo) % 4096 octets follow
 *   flags     bit 0: received (else sent)     bit 1: TCP (else UDP)
 *             bit 2: then SIPp's "Unexpected" copy of it (received only)
 *             bit 3: a note line before it    bit 4: no time stamp
 *             bit 7: the log ends inside this record's block, 1 + len-lo %
 *                    (its length - 1) bytes into it: SIPp killed mid-write
 *
 * The property (abort() = a finding), for the log parsed whole and again
 * with a cap:
 * - there are never more frames than messages written;
 * - frame i is message i, byte for byte, and that message holds no NUL
 *   (SIPp could not have logged it faithfully);
 * - no frame comes from a message at or after the first one that holds
 *   a NUL, or that the cut falls in; and a log with either, or with a
 *   cut anywhere but right after a message (taking its copy whole), has
 *   a fault;
 * - so fewer frames parse as SIP than messages written do, or as many;
 * - a cap keeps a prefix of the same frames, and counts the same tally.
 */
#include "sipp/siplog.h"
#include "sip/msg.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEP "-----------------------------------------------"
#define MAX_MSGS 64

struct out {
	char *p;
	size_t n, cap;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (o->n + n > o->cap) {
		size_t nc = (o->n + n) * 2 + 64;
		char *np = realloc(o->p, nc);

		if (!np)
			abort();
		o->p = np;
		o->cap = nc;
	}
	if (n)
		memcpy(o->p + o->n, p, n);
	o->n += n;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* "%s": up to the first NUL. */
static size_t printed(const uint8_t *m, size_t n)
{
	const uint8_t *z = memchr(m, 0, n);

	return z ? (size_t)(z - m) : n;
}

struct msg {
	const uint8_t *p;
	size_t n;
	bool rx;
};

static void check(const struct siplog *log, const struct msg *ms, size_t nm, size_t first_bad,
		  bool cut)
{
	size_t i, parsed = 0, parsed_ms = 0;

	if (log->nframes > nm || log->nframes > first_bad)
		abort();
	if ((first_bad < nm || cut) && log->fault == SIPLOG_INTACT)
		abort();
	if ((log->fault == SIPLOG_INTACT) != (log->why[0] == '\0') || log->fault_at > log->len)
		abort();
	for (i = 0; i < log->nframes; i++) {
		const struct siplog_frame *f = &log->frames[i];
		struct sipmsg *m = NULL;

		if (f->raw.l != ms[i].n || (f->raw.l && memcmp(f->raw.p, ms[i].p, f->raw.l)) ||
		    memchr(ms[i].p, 0, ms[i].n) || f->dir != (ms[i].rx ? SIPLOG_RECEIVED : SIPLOG_SENT))
			abort();
		if ((size_t)(f->raw.p - log->buf) + f->raw.l > log->fault_at)
			abort();
		if (sipmsg_parse(&m, f->raw.p, f->raw.l, NULL) == 0) {
			parsed++;
			m = sipmsg_free(m);
		}
	}
	for (i = 0; i < nm; i++) {
		struct sipmsg *m = NULL;

		if (sipmsg_parse(&m, (const char *)ms[i].p, ms[i].n, NULL) == 0) {
			parsed_ms++;
			m = sipmsg_free(m);
		}
	}
	if (parsed > parsed_ms)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct out o = { NULL, 0, 0 };
	struct msg ms[MAX_MSGS];
	size_t nm = 0, first_bad = SIZE_MAX, off = 0;
	bool cut = false;
	struct siplog *log = NULL, *capped = NULL;
	struct siplog_cap cap;
	char *copy;
	size_t i;

	while (off + 3 <= size && nm < MAX_MSGS) {
		uint8_t fl = data[off], lo = data[off + 2];
		size_t n = (((size_t)data[off + 1] << 8) | lo) % 4096, start, counted_end;
		const char *tr = fl & 2 ? "TCP" : "UDP";
		char head[128];

		off += 3;
		if (n > size - off)
			n = size - off;
		ms[nm].p = data + off;
		ms[nm].n = n;
		ms[nm].rx = fl & 1;
		if (fl & 8)
			puts_(&o, "Exit problem event on socket 6 \n");
		start = o.n;
		puts_(&o, fl & 16 ? SEP "\n" : SEP " 2026-11-25 08:25:12.070331\n");
		snprintf(head, sizeof(head), fl & 1 ? "%s message received [%zu] bytes :\n\n" :
			 "%s message sent (%zu bytes):\n\n", tr, n);
		puts_(&o, head);
		put(&o, data + off, printed(data + off, n));
		puts_(&o, "\n");
		counted_end = o.n;
		if ((fl & 1) && (fl & 4)) {
			snprintf(head, sizeof(head), SEP "\nUnexpected %s message received:\n\n", tr);
			puts_(&o, head);
			put(&o, data + off, printed(data + off, n));
			puts_(&o, "\n");
		}
		if (printed(data + off, n) < n && first_bad == SIZE_MAX)
			first_bad = nm;
		off += n;
		nm++;
		if (fl & 128) {
			/* Cut inside this block (never at its start): gone from there.
			 * Cut inside its counted part, the message is no frame. */
			o.n = start + 1 + lo % (o.n - start - 1);
			cut = o.n != counted_end;       /* else only the copy went, whole */
			if (o.n < counted_end && first_bad > nm - 1)
				first_bad = nm - 1;
			break;
		}
	}
	copy = malloc(o.n ? o.n : 1);
	if (!copy)
		abort();
	if (o.n)
		memcpy(copy, o.p, o.n);
	i = siplog_parse(&log, o.p, o.n) != 0;   /* takes o.p, even on failure */
	o.p = NULL;
	if (i) {
		/* Not a SIPp log: the first block cut before its separator was whole. */
		if (nm != 1 || first_bad != 0)
			abort();
		goto out;
	}
	check(log, ms, nm, first_bad, cut);
	cap.frames = log->nframes / 2;
	cap.bytes = SIZE_MAX;
	if (siplog_parse_capped(&capped, copy, o.n, &cap) != 0)
		abort();
	copy = NULL;
	if (capped->nframes != cap.frames || capped->capped != (log->nframes > 0) ||
	    capped->fault != log->fault || capped->fault_at != log->fault_at ||
	    memcmp(&capped->all, &log->all, sizeof(log->all)) != 0)
		abort();
	for (i = 0; i < capped->nframes; i++)
		if (!pl_eq(capped->frames[i].raw, log->frames[i].raw))
			abort();
out:
	free(o.p);
	free(copy);
	siplog_free(log);
	siplog_free(capped);
	return 0;
}
