/*
 * fuzz_siplog.c - libFuzzer target: SIPp -trace_msg logs (siplog.c), and
 * the SIP parser on every frame they yield (sip/).
 *
 * Input: the bytes of a log file.  siplog_parse() takes ownership of a
 * malloc'ed copy (even on failure).  Invariants (abort() = a finding):
 * *logp is set on success only; every frame's raw, transport and peer
 * lie inside the log's buffer; frames are in log order and do not
 * overlap; they all end before the fault, which has words iff there is
 * one; the tally counts at least the frames.  (fuzz_siplog_forge.c holds
 * the property that a message never yields an extra frame.)
 */
#include "sipp/siplog.h"
#include "sip/msg.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static volatile unsigned char sink;

static void inside(struct pl x, const char *base, size_t len)
{
	unsigned char acc = 0;
	size_t i;

	if (!x.l)
		return;
	if (!x.p || x.p < base || x.l > len || (size_t)(x.p - base) > len - x.l)
		abort();
	for (i = 0; i < x.l; i++)
		acc ^= (unsigned char)x.p[i];
	sink ^= acc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct siplog *log = NULL;
	struct sipmsg *m;
	const char *prev_end = NULL;
	char *buf;
	size_t i;

	/* malloc(0) may return NULL: always give at least one byte */
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	if (size)
		memcpy(buf, data, size);
	if (siplog_parse(&log, buf, size) != 0) {
		if (log)
			abort();
		return 0;
	}
	if (!log || (log->nframes && !log->frames))
		abort();
	if ((log->fault == SIPLOG_INTACT) != (log->why[0] == '\0') || log->fault_at > log->len ||
	    log->all.sent + log->all.rx_prov + log->all.rx_final + log->all.rx_other < log->nframes ||
	    log->capped)
		abort();
	for (i = 0; i < log->nframes; i++) {
		const struct siplog_frame *f = &log->frames[i];

		if (f->dir != SIPLOG_SENT && f->dir != SIPLOG_RECEIVED)
			abort();
		inside(f->raw, log->buf, log->len);
		inside(f->transport, log->buf, log->len);
		inside(f->peer, log->buf, log->len);
		if (f->raw.l) {
			if (prev_end && f->raw.p < prev_end)
				abort();
			prev_end = f->raw.p + f->raw.l;
			if ((size_t)(prev_end - log->buf) > log->fault_at)
				abort();
		}
		m = NULL;
		if (sipmsg_parse(&m, f->raw.p, f->raw.l, NULL) == 0) {
			(void)sipmsg_validate(m, &(struct sipmsg_err){ .line = 0 });
			m = sipmsg_free(m);
		}
	}
	log = siplog_free(log);
	return 0;
}
