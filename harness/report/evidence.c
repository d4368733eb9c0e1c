/* evidence.c - evidence files and message labels (see evidence.h). */
#include "report/evidence.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/file.h"

void evidence_default(char *out, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;
	char ts[32];

	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(out, size, "reports/evidence/%s-%ld", ts, (long)getpid());
}

void evidence_case_dir(char *out, size_t size, const char *root, const char *suite,
		       size_t index, const char *test)
{
	char sname[128], tname[160];

	file_safe_name(sname, sizeof(sname), suite ? suite : "suite");
	file_safe_name(tname, sizeof(tname), test);
	snprintf(out, size, "%s/%s/%03zu-%s", root, sname, index, tname);
}

void evidence_batch_dir(char *out, size_t size, const char *root, const char *suite, size_t n)
{
	char sname[128];

	file_safe_name(sname, sizeof(sname), suite ? suite : "suite");
	snprintf(out, size, "%s/%s/batch-%zu", root, sname, n);
}

int evidence_run_dir(char *out, size_t size, const char *casedir, const char *label)
{
	int err;

	if (label[0]) {
		char sub[64];

		file_safe_name(sub, sizeof(sub), label);
		snprintf(out, size, "%s/%s", casedir, sub);
	} else
		snprintf(out, size, "%s", casedir);
	err = file_mkdirs(out);
	if (!err && !label[0])
		err = file_clear_dir(out);
	return err;
}

int evidence_scenario(const char *dir, const char *scenario)
{
	return file_copy(scenario, dir, "scenario.xml");
}

/* "OPTIONS", "301" or "unparsable": what a frame is, for its label. */
static void evidence_what(char *out, size_t size, const struct sipmsg *m)
{
	if (!m)
		snprintf(out, size, "unparsable");
	else if (m->is_request)
		snprintf(out, size, "%.*s", (int)(m->method.l > 32 ? 32 : m->method.l),
			 m->method.p);
	else
		snprintf(out, size, "%u", m->scode);
}

int evidence_messages(struct evidence_msgs *em, const struct evidence_run *runs,
		      size_t nruns)
{
	size_t total = 0, i, r, k = 0, ns = 0, nr = 0, files = 0, bytes = 0;
	unsigned long nf_cut = 0;
	unsigned long long nb_cut = 0;

	memset(em, 0, sizeof(*em));
	for (r = 0; r < nruns; r++)
		if (runs[r].cap && runs[r].cap->log)
			total += runs[r].cap->log->nframes;
	em->msgs = calloc(total + 1, sizeof(*em->msgs));
	em->labels = calloc(total + 1, sizeof(*em->labels));
	if (!em->msgs || !em->labels)
		return ENOMEM;
	for (r = 0; r < nruns; r++) {
		const struct evidence_run *run = &runs[r];
		const struct siplog *log = run->cap ? run->cap->log : NULL;

		for (i = 0; log && i < log->nframes; i++, k++) {
			const struct siplog_frame *f = &log->frames[i];
			bool sent = f->dir == SIPLOG_SENT;
			char what[48], file[64];

			evidence_what(what, sizeof(what), run->cap->msg[i]);
			snprintf(em->labels[k], sizeof(em->labels[k]), "%s%s%s #%zu (%s, %.*s)",
				 run->label, run->label[0] ? ": " : "",
				 sent ? "sent" : "received", sent ? ++ns : ++nr, what,
				 PL_FMT(f->transport));
			em->msgs[k].label = em->labels[k];
			em->msgs[k].bytes = f->raw;
			if (!run->dir || !run->dir[0])
				continue;       /* labels only: the bytes are elsewhere */
			if (files >= EVIDENCE_MAX_FILES || f->raw.l > EVIDENCE_MAX_BYTES - bytes) {
				nf_cut++;
				nb_cut += f->raw.l;
				continue;
			}
			snprintf(file, sizeof(file), "%02zu-%s.sip", i + 1, sent ? "sent" : "received");
			file_write(run->dir, file, f->raw);
			files++;
			bytes += f->raw.l;
		}
	}
	em->n = k;
	if (nf_cut && nruns && runs[0].dir && runs[0].dir[0]) {
		char note[512];
		int n = snprintf(note, sizeof(note), "%lu frames (%llu bytes) were not written as "
				 "NN-*.sip files: the evidence keeps at most %u frame files and %u "
				 "bytes of frames per test.  SIPp's messages.log has them, within its "
				 "own bound.\n", nf_cut, nb_cut, EVIDENCE_MAX_FILES, EVIDENCE_MAX_BYTES);

		if (n > 0)
			file_write(runs[0].dir, "cut.txt", (struct pl){ note, strlen(note) });
	}
	return 0;
}

void evidence_messages_free(struct evidence_msgs *em)
{
	free(em->msgs);
	free(em->labels);
	memset(em, 0, sizeof(*em));
}
