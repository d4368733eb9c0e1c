/*
 * bench_osip.c - libosip2's parser (osip_message_parse: every header
 * parsed into its structure) on the same corpus as bench_parse.c.
 * Built only when libosip2 is installed (tools/deps.sh --bench).
 */
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>

#include "bench/corpus.h"

static int parse(const char *buf, size_t len)
{
	osip_message_t *m = NULL;
	int rc;

	if (osip_message_init(&m) != 0)
		return -1;
	rc = osip_message_parse(m, buf, len);
	osip_message_free(m);
	return rc;
}

int main(int argc, char **argv)
{
	if (parser_init() != 0)
		return 1;
	return corpus_main(argc, argv, "libosip2", parse);
}
