/*
 * siplog.c - split a SIPp -trace_msg message log into frames (siplog.h).
 *
 * Format, as written by SIPp 3.6.1 (socket.cpp, call.cpp and
 * deadcall.cpp TRACE_MSG; checked against the logs in fixtures/siplog/,
 * UDP and TCP, IPv4 and IPv6).  An entry is a block that opens with a
 * separator line of 47 dashes, or one of SIPp's one-line notes:
 *
 *   log       = *( block / note )
 *   block     = sep head LF LF body LF
 *   sep       = 47"-" [ SP *(any but LF) ] LF   ; SP "2026-11-25 08:25:12.070121"
 *   head      = counted / copy / failed
 *   counted   = transport SP [ "control" SP ]
 *               ( "message sent (" n " bytes):" / "message received [" n "] bytes :" )
 *               ; body = exactly n bytes: the message as on the wire
 *   copy      = "Unexpected " transport " message received:"
 *             / "Dead call " *(any but LF) " received a " transport " message:"
 *             / "Ignoring " ("provisional" / "final") SP transport
 *               " message for transaction " *(any but LF) ":"
 *               ; body = the last received message again, byte for byte
 *   failed    = "Error sending " transport " message:"
 *             / "Truncation sending " transport " message (" n " of " n " sent):"
 *   transport = 1*8 %x41-5A                     ; "UDP", "TCP", "TLS", "SCTP"
 *   note      = "Problem " 1*(ALPHA / "_") " on socket  " num " and poll_idx  is " num SP LF
 *             / "Exit problem event on socket " num SP LF
 *   n         = 1*DIGIT          num = [ "-" ] 1*DIGIT
 *
 * The one hazard: SIPp prints a message with "%s" while the count says
 * its full size, so a NUL byte cuts the printed copy short, and whatever
 * the message held before the NUL - a separator, a head, a forged
 * response - lies in the log where the next entry should be.  So:
 * - a counted block is taken at exactly its count, and only if LF and
 *   then the next entry (or the end of the log) follow; otherwise the log
 *   has a fault (SHORT: "as when a NUL byte cuts a message short"; TORN
 *   when it ends inside the message without its last LF; STRAY when the
 *   count does land on an LF but no entry follows it);
 * - a message whose own bytes hold a separator line and a head, or a
 *   line that is one of SIPp's notes, is a fault (MIMIC): with a NUL
 *   inside, a message can be sized to swallow the entries that follow it
 *   and still land on a boundary, and the log cannot tell that apart
 *   from a message that just carries log text (a separator or head line
 *   that ends where the message ends counts too: a log cut short right
 *   after it leaves exactly that);
 * - a copy must equal the last received message, byte for byte;
 * - anything else (unknown text, an unknown head, a send failure) is a
 *   fault too (STRAY, SEND_FAILED).
 * At the first fault the reader stops: frames before it stand, the entry
 * at fault and everything after it are never frames.  What SIPp does not
 * give us: no peer address (siplog_frame.peer is always empty), and SIPp
 * discards without logging a received datagram that does not look like
 * SIP or has no Call-ID (it says so in its error log instead).
 *
 * A non-empty log that does not start with a separator or a note is
 * EBADMSG (not a SIPp message log).  Retransmissions and several calls in
 * one log are simply more frames, in log order.
 */
#include "sipp/siplog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SIPLOG_MAX (64u * 1024 * 1024)
#define SEP "-----------------------------------------------"
#define SEP_LEN (sizeof(SEP) - 1)
#define MAX_FRAMES (1024u * 1024)

const char *siplog_dir_name(enum siplog_dir d)
{
	return d == SIPLOG_SENT ? "sent" : "received";
}

/* Does a separator line start at off (at the start of a line)? */
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

static bool take_lit(const char **p, const char *end, const char *lit)
{
	size_t l = strlen(lit);

	if ((size_t)(end - *p) < l || memcmp(*p, lit, l) != 0)
		return false;
	*p += l;
	return true;
}

/* 1*DIGIT at *p into *n (no larger than SIPLOG_MAX: no message is); advance. */
static bool take_num(const char **p, const char *end, size_t *n)
{
	size_t v = 0;
	const char *s = *p;

	if (s >= end || *s < '0' || *s > '9')
		return false;
	while (s < end && *s >= '0' && *s <= '9') {
		v = v * 10 + (size_t)(*s - '0');
		if (v > SIPLOG_MAX)
			return false;
		s++;
	}
	*p = s;
	*n = v;
	return true;
}

/* transport = 1*8 upper-case letters, into *t. */
static bool take_transport(const char **p, const char *end, struct pl *t)
{
	const char *s = *p;

	while (s < end && *s >= 'A' && *s <= 'Z' && s - *p < 9)
		s++;
	if (s == *p || s - *p > 8)
		return false;
	t->p = *p;
	t->l = (size_t)(s - *p);
	*p = s;
	return true;
}

/*
 * Match [p, end) against pat exactly: '#' is [ "-" ] 1*DIGIT, '@' is
 * 1*(ALPHA / "_"), any other byte itself.
 */
static bool match(const char *p, const char *end, const char *pat)
{
	for (; *pat; pat++) {
		const char *s = p, *d;

		if (*pat == '#') {
			if (s < end && *s == '-')
				s++;
			for (d = s; s < end && *s >= '0' && *s <= '9'; s++)
				;
			if (s == d)
				return false;
		} else if (*pat == '@') {
			while (s < end && ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
					   *s == '_'))
				s++;
			if (s == p)
				return false;
		} else if (s < end && *s == *pat)
			s++;
		else
			return false;
		p = s;
	}
	return p == end;
}

/* Is the line [p, eol) one of SIPp's notes (without its LF)? */
static bool is_note(const char *p, const char *eol)
{
	return match(p, eol, "Problem @ on socket  # and poll_idx  is # ") ||
	       match(p, eol, "Exit problem event on socket # ");
}

/* Length of the note line at off (LF included), 0 if there is none. */
static size_t note_len(const char *buf, size_t len, size_t off)
{
	const char *nl;

	if (off >= len || (off > 0 && buf[off - 1] != '\n'))
		return 0;
	nl = memchr(buf + off, '\n', len - off);
	if (!nl || !is_note(buf + off, nl))
		return 0;
	return (size_t)(nl - (buf + off)) + 1;
}

/* Does an entry start at off, or does the log end there? */
static bool at_boundary(const char *buf, size_t len, size_t off)
{
	return off == len || is_sep(buf, len, off) || note_len(buf, len, off) > 0;
}

enum head_kind { HEAD_NONE, HEAD_COUNTED, HEAD_COPY, HEAD_FAILED };

struct head {
	enum head_kind kind;
	enum siplog_dir dir;
	bool control;          /* a 3PCC twin-socket message: placed, never a frame */
	struct pl transport;
	size_t n;              /* counted: the byte count */
};

/* "... received a " transport " message:" at the end of [p, end)? */
static bool dead_call_tail(const char *p, const char *end, struct pl *t)
{
	static const char tail[] = " message:", mid[] = " received a ";
	const char *s;

	if ((size_t)(end - p) < sizeof(tail) - 1 + sizeof(mid) - 1 + 1 ||
	    memcmp(end - (sizeof(tail) - 1), tail, sizeof(tail) - 1) != 0)
		return false;
	s = end - (sizeof(tail) - 1);
	while (s > p && s[-1] >= 'A' && s[-1] <= 'Z')
		s--;
	t->p = s;
	t->l = (size_t)(end - (sizeof(tail) - 1) - s);
	if (t->l == 0 || t->l > 8 || (size_t)(s - p) < sizeof(mid) - 1)
		return false;
	return memcmp(s - (sizeof(mid) - 1), mid, sizeof(mid) - 1) == 0;
}

/* Classify the head line [line, eol); HEAD_NONE for any other line. */
static enum head_kind parse_head(const char *line, const char *eol, struct head *h)
{
	const char *p = line;
	size_t sent = 0;

	memset(h, 0, sizeof(*h));
	if (take_lit(&p, eol, "Unexpected ")) {
		if (take_transport(&p, eol, &h->transport) &&
		    take_lit(&p, eol, " message received:") && p == eol)
			return h->kind = HEAD_COPY;
		return HEAD_NONE;
	}
	if (take_lit(&p, eol, "Dead call "))
		return dead_call_tail(p, eol, &h->transport) ? (h->kind = HEAD_COPY) : HEAD_NONE;
	if (take_lit(&p, eol, "Ignoring ")) {
		if ((take_lit(&p, eol, "provisional ") || take_lit(&p, eol, "final ")) &&
		    take_transport(&p, eol, &h->transport) &&
		    take_lit(&p, eol, " message for transaction ") && eol > p && eol[-1] == ':')
			return h->kind = HEAD_COPY;
		return HEAD_NONE;
	}
	if (take_lit(&p, eol, "Error sending ")) {
		if (take_transport(&p, eol, &h->transport) && take_lit(&p, eol, " message:") &&
		    p == eol)
			return h->kind = HEAD_FAILED;
		return HEAD_NONE;
	}
	if (take_lit(&p, eol, "Truncation sending ")) {
		if (take_transport(&p, eol, &h->transport) && take_lit(&p, eol, " message (") &&
		    take_num(&p, eol, &sent) && take_lit(&p, eol, " of ") &&
		    take_num(&p, eol, &h->n) && take_lit(&p, eol, " sent):") && p == eol)
			return h->kind = HEAD_FAILED;
		return HEAD_NONE;
	}
	if (!take_transport(&p, eol, &h->transport) || !take_lit(&p, eol, " "))
		return HEAD_NONE;
	h->control = take_lit(&p, eol, "control ");
	if (take_lit(&p, eol, "message sent (")) {
		if (!take_num(&p, eol, &h->n) || !take_lit(&p, eol, " bytes):"))
			return HEAD_NONE;
		h->dir = SIPLOG_SENT;
	} else if (take_lit(&p, eol, "message received [")) {
		if (!take_num(&p, eol, &h->n) || !take_lit(&p, eol, "] bytes :"))
			return HEAD_NONE;
		h->dir = SIPLOG_RECEIVED;
	} else
		return HEAD_NONE;
	return p == eol ? (h->kind = HEAD_COUNTED) : HEAD_NONE;
}

/*
 * Offset (inside m) of text shaped like the log itself, or SIZE_MAX: a
 * separator line followed by a head line, or one of SIPp's notes.  The
 * last line of m counts as ending where m ends (the LF after m would be
 * its own), and a separator line there counts alone: a log cut short
 * right after a separator or a head line leaves exactly that.
 */
static size_t mimic_at(struct pl m)
{
	const char *end = m.p + m.l, *q = m.p;
	struct head h;

	while (q < end) {
		const char *nl = memchr(q, '\n', (size_t)(end - q)), *heol;

		if ((size_t)(end - q) >= SEP_LEN && memcmp(q, SEP, SEP_LEN) == 0 &&
		    (q + SEP_LEN == end || q[SEP_LEN] == ' ' || q[SEP_LEN] == '\n')) {
			if (!nl)
				return (size_t)(q - m.p);
			heol = memchr(nl + 1, '\n', (size_t)(end - nl - 1));
			if (parse_head(nl + 1, heol ? heol : end, &h) != HEAD_NONE)
				return (size_t)(q - m.p);
		}
		if (is_note(q, nl ? nl : end))
			return (size_t)(q - m.p);
		if (!nl)
			break;
		q = nl + 1;
	}
	return SIZE_MAX;
}

/* The reader over one log. */
struct rd {
	struct siplog *log;
	struct siplog_cap cap;
	size_t fcap;              /* capacity of log->frames */
	size_t kept_bytes;
	size_t nmsg[2];           /* counted messages placed so far, per direction */
	struct pl last_rx;        /* the last received message: a copy must equal it */
	double ts;                /* the current block's time stamp, 0 if none */
};

static void fault(struct rd *r, enum siplog_fault f, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fault(struct rd *r, enum siplog_fault f, size_t at, const char *fmt, ...)
{
	va_list ap;

	r->log->fault = f;
	r->log->fault_at = at;
	va_start(ap, fmt);
	vsnprintf(r->log->why, sizeof(r->log->why), fmt, ap);
	va_end(ap);
}

/* Up to 60 bytes of the line at p, printable ASCII kept, the rest \xHH. */
static void excerpt(char *out, size_t size, const char *p, size_t n)
{
	size_t o = 0, i;

	for (i = 0; i < n && i < 60 && p[i] != '\n' && o + 5 < size; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
	}
	if (i < n && p[i] != '\n' && o + 4 < size)
		o += (size_t)snprintf(out + o, size - o, "...");
	out[o] = '\0';
}

static void stray(struct rd *r, size_t at, const char *what)
{
	char ex[256];

	excerpt(ex, sizeof(ex), r->log->buf + at, r->log->len - at);
	fault(r, SIPLOG_STRAY, at, "SIPp's message log holds %s at byte %zu: \"%s\"", what, at, ex);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; H. Hinnant's algorithm). */
static long days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* "YYYY-MM-DD HH:MM:SS.ffffff" at p (line ends at eol): seconds since 1970, 0 if not. */
static double parse_ts(const char *p, const char *eol)
{
	unsigned v[6], k;
	static const char lead[] = "-- :: ";
	static const unsigned width[] = { 4, 2, 2, 2, 2, 2 };
	double frac = 0, scale = 0.1;

	for (k = 0; k < 6; k++) {
		unsigned i;

		v[k] = 0;
		for (i = 0; i < width[k]; i++, p++) {
			if (p >= eol || *p < '0' || *p > '9')
				return 0;
			v[k] = v[k] * 10 + (unsigned)(*p - '0');
		}
		if (k < 5 && (p >= eol || *p++ != lead[k]))
			return 0;
	}
	if (p < eol && *p == '.')
		for (p++; p < eol && *p >= '0' && *p <= '9'; p++, scale /= 10)
			frac += (*p - '0') * scale;
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60)
		return 0;
	return (double)days_from_civil((long)v[0], (int)v[1], (int)v[2]) * 86400.0 +
	       v[3] * 3600.0 + v[4] * 60.0 + v[5] + frac;
}

static int push(struct rd *r, const struct siplog_frame *f)
{
	struct siplog *log = r->log;

	if (log->nframes == r->fcap) {
		size_t ncap = r->fcap ? r->fcap * 2 : 16;
		struct siplog_frame *nf;

		if (ncap > MAX_FRAMES)
			return E2BIG;
		nf = realloc(log->frames, ncap * sizeof(*nf));
		if (!nf)
			return ENOMEM;
		log->frames = nf;
		r->fcap = ncap;
	}
	log->frames[log->nframes++] = *f;
	return 0;
}

/* Count a placed message; keep it while the caps allow (a prefix is kept). */
static int place(struct rd *r, const struct head *h, struct pl raw)
{
	struct siplog *log = r->log;
	struct siplog_tally *t = &log->all;
	struct siplog_frame f;

	if (h->control)
		return 0;
	t->bytes += raw.l;
	if (h->dir == SIPLOG_SENT)
		t->sent++;
	else {
		if (raw.l > 9 && memcmp(raw.p, "SIP/2.0 ", 8) == 0 && raw.p[8] >= '1' &&
		    raw.p[8] <= '6')
			raw.p[8] == '1' ? t->rx_prov++ : t->rx_final++;
		else
			t->rx_other++;
		if (r->ts > 0) {
			if (t->rx_first == 0)
				t->rx_first = r->ts;
			t->rx_last = r->ts;
		}
	}
	if (log->capped || log->nframes >= r->cap.frames ||
	    raw.l > r->cap.bytes - r->kept_bytes) {
		log->capped = true;
		return 0;
	}
	f.dir = h->dir;
	f.transport = h->transport;
	f.peer = PL_NULL;
	f.raw = raw;
	f.ts = r->ts;
	r->kept_bytes += raw.l;
	return push(r, &f);
}

/*
 * A counted block whose text does not fill its count: SHORT, or TORN
 * when the log ends inside it without the LF SIPp writes after it.
 */
static void counted_fault(struct rd *r, size_t at, size_t body, const struct head *h)
{
	const char *buf = r->log->buf;
	size_t len = r->log->len, q = body + 1, held;
	const char *where = "the next entry";
	size_t k = r->nmsg[h->dir] + 1;
	const char *dir = siplog_dir_name(h->dir);

	while (q < len && !(buf[q - 1] == '\n' && at_boundary(buf, len, q))) {
		const char *nl = memchr(buf + q, '\n', len - q);

		q = nl ? (size_t)(nl - buf) + 1 : len;
	}
	if (q >= len) {
		q = len;
		where = "the end of the log";
		if (len == body || buf[len - 1] != '\n') {
			fault(r, SIPLOG_TORN, at, "SIPp's message log ends inside %s message #%zu "
			      "(%.*s: %zu of %zu bytes)", dir, k, PL_FMT(h->transport),
			      len - body, h->n);
			return;
		}
	}
	held = q - body - 1;
	if (h->dir == SIPLOG_RECEIVED)
		fault(r, SIPLOG_SHORT, at, "the SUT sent bytes SIPp could not log faithfully "
		      "(received message #%zu, %.*s: SIPp counted %zu bytes but its log holds "
		      "%zu before %s, as when a NUL byte cuts a message short)", k,
		      PL_FMT(h->transport), h->n, held, where);
	else
		fault(r, SIPLOG_SHORT, at, "SIPp's log of %s message #%zu (%.*s) does not hold "
		      "the %zu bytes it counts (%zu before %s)", dir, k, PL_FMT(h->transport),
		      h->n, held, where);
}

/* The body of a counted block at body; *next is where the next entry starts. */
static int counted(struct rd *r, size_t at, size_t body, const struct head *h, size_t *next)
{
	const char *buf = r->log->buf;
	size_t len = r->log->len, mim;
	struct pl raw;

	if (h->n >= len - body || buf[body + h->n] != '\n') {
		counted_fault(r, at, body, h);
		return 0;
	}
	/* The count lands on SIPp's LF but no entry follows: the text there
	 * cannot be placed (and the message may not be what SIPp printed). */
	if (!at_boundary(buf, len, body + h->n + 1)) {
		stray(r, body + h->n + 1, "text it cannot place");
		return 0;
	}
	raw.p = buf + body;
	raw.l = h->n;
	mim = mimic_at(raw);
	if (mim != SIZE_MAX) {
		fault(r, SIPLOG_MIMIC, at, "%s sent text shaped like SIPp's own log (%s message "
		      "#%zu, %.*s, byte %zu: a separator line and a message head, or a note), "
		      "which SIPp's log cannot tell apart from its own entries",
		      h->dir == SIPLOG_RECEIVED ? "the SUT" : "SIPp", siplog_dir_name(h->dir),
		      r->nmsg[h->dir] + 1, PL_FMT(h->transport), mim);
		return 0;
	}
	if (!h->control) {
		r->nmsg[h->dir]++;
		if (h->dir == SIPLOG_RECEIVED)
			r->last_rx = raw;
	}
	*next = body + h->n + 1;
	return place(r, h, raw);
}

/* A copy block: the last received message again, byte for byte. */
static void copy(struct rd *r, size_t at, size_t body, size_t head, size_t *next)
{
	const char *buf = r->log->buf;
	size_t len = r->log->len, l = r->last_rx.l;

	if (!r->last_rx.p) {
		stray(r, head, "a copy of a received message where none was received");
		return;
	}
	if (len - body <= l) {
		if (memcmp(buf + body, r->last_rx.p, len - body) == 0) {
			fault(r, SIPLOG_TORN, at, "SIPp's message log ends inside its copy of "
			      "received message #%zu", r->nmsg[SIPLOG_RECEIVED]);
			return;
		}
	} else if (memcmp(buf + body, r->last_rx.p, l) == 0 && buf[body + l] == '\n' &&
		   at_boundary(buf, len, body + l + 1)) {
		*next = body + l + 1;
		return;
	}
	stray(r, head, "a copy that does not match the message it copies");
}

/* One block at off (a separator line starts there); *next after it. */
static int block(struct rd *r, size_t off, size_t *next)
{
	const char *buf = r->log->buf, *nl, *heol;
	size_t len = r->log->len, head, body;
	char ex[256];
	struct head h;

	nl = memchr(buf + off, '\n', len - off);
	r->ts = nl && (size_t)(nl - buf) > off + SEP_LEN ?
		parse_ts(buf + off + SEP_LEN + 1, nl) : 0;
	heol = nl ? memchr(nl + 1, '\n', len - (size_t)(nl + 1 - buf)) : NULL;
	if (!heol) {
		fault(r, SIPLOG_TORN, off, "SIPp's message log ends inside an entry (byte %zu)", off);
		return 0;
	}
	head = (size_t)(nl + 1 - buf);
	body = (size_t)(heol - buf) + 1;
	if (parse_head(nl + 1, heol, &h) == HEAD_NONE) {
		stray(r, head, "an entry it does not know");
		return 0;
	}
	if (body >= len) {
		fault(r, SIPLOG_TORN, off, "SIPp's message log ends inside an entry (byte %zu)", off);
		return 0;
	}
	if (buf[body] != '\n') {
		stray(r, head, "an entry without the empty line after its head");
		return 0;
	}
	body++;
	switch (h.kind) {
	case HEAD_COUNTED:
		return counted(r, off, body, &h, next);
	case HEAD_COPY:
		copy(r, off, body, head, next);
		return 0;
	case HEAD_FAILED:
	case HEAD_NONE:
		break;
	}
	excerpt(ex, sizeof(ex), nl + 1, (size_t)(heol - nl - 1));
	fault(r, SIPLOG_SEND_FAILED, off, "SIPp logged a message it could not send "
	      "(byte %zu: \"%s\")", off, ex);
	return 0;
}

int siplog_parse_capped(struct siplog **logp, char *buf, size_t len,
			const struct siplog_cap *cap)
{
	struct siplog *log = NULL;
	struct rd r;
	size_t off = 0;
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
	memset(&r, 0, sizeof(r));
	r.log = log;
	r.cap.frames = cap ? cap->frames : SIZE_MAX;
	r.cap.bytes = cap ? cap->bytes : SIZE_MAX;
	/* Nothing at the start that SIPp writes: not its message log. */
	if (len > 0 && !is_sep(buf, len, 0) && note_len(buf, len, 0) == 0) {
		err = EBADMSG;
		goto out;
	}
	while (off < len && log->fault == SIPLOG_INTACT && !err) {
		size_t n = note_len(buf, len, off);

		if (n)
			off += n;
		else if (is_sep(buf, len, off))
			err = block(&r, off, &off);
		else if (!memchr(buf + off, '\n', len - off))
			fault(&r, SIPLOG_TORN, off, "SIPp's message log ends inside an entry "
			      "(byte %zu)", off);
		else
			stray(&r, off, "text it cannot place");
	}
	if (log->fault == SIPLOG_INTACT)
		log->fault_at = len;
out:
	if (err) {
		siplog_free(log);
		return err;
	}
	*logp = log;
	return 0;
}

int siplog_parse(struct siplog **logp, char *buf, size_t len)
{
	return siplog_parse_capped(logp, buf, len, NULL);
}

/* Read path: up to max bytes (more is E2BIG unless cut), then split. */
static int load(struct siplog **logp, const char *path, const struct siplog_cap *cap,
		size_t max, bool cut)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0, want = 0;
	int fd, err = 0;

	if (!logp || !path)
		return EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return siplog_parse_capped(logp, NULL, 0, cap);
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
	if ((uintmax_t)st.st_size > max && !cut) {
		err = E2BIG;
		goto out;
	}
	want = (uintmax_t)st.st_size > max ? max : (size_t)st.st_size;
	buf = malloc(want + 1);
	if (!buf) {
		err = ENOMEM;
		goto out;
	}
	/* Read to EOF, bounded: the file may still grow or shrink. */
	while (len < want) {
		ssize_t r = read(fd, buf + len, want - len);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto out;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
out:
	close(fd);
	if (err) {
		free(buf);
		return err;
	}
	err = siplog_parse_capped(logp, buf, len, cap);
	if (!err && (uintmax_t)st.st_size > want &&
	    ((*logp)->fault == SIPLOG_INTACT || (*logp)->fault == SIPLOG_TORN)) {
		(*logp)->fault = SIPLOG_TORN;
		(*logp)->fault_at = len;
		snprintf((*logp)->why, sizeof((*logp)->why), "SIPp's message log is %ju bytes, "
			 "over the %zu MiB the reader takes: the rest was not read",
			 (uintmax_t)st.st_size, max >> 20);
	}
	return err;
}

int siplog_load(struct siplog **logp, const char *path)
{
	return load(logp, path, NULL, SIPLOG_MAX, false);
}

int siplog_load_capped(struct siplog **logp, const char *path, const struct siplog_cap *cap)
{
	return load(logp, path, cap, SIPLOG_READ_MAX, true);
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
