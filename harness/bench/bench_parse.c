/*
 * bench_parse.c - this project's parser on a corpus (corpus.h): framing
 * (sipmsg_parse) and every structured header (sipmsg_validate), what a
 * full parse by libosip2 (bench_osip.c) also does.  `make bench` counts
 * its instructions with callgrind.
 */
#include "bench/corpus.h"
#include "sip/msg.h"
#include "sip/value.h"

static int parse(const char *buf, size_t len)
{
	struct sipmsg *m = NULL;
	int rc = sipmsg_parse(&m, buf, len, NULL);

	if (rc == 0)
		rc = sipmsg_validate(m, NULL);
	sipmsg_free(m);
	return rc;
}

int main(int argc, char **argv)
{
	return corpus_main(argc, argv, "sipconform", parse);
}
