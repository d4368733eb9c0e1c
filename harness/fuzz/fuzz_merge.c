/*
 * fuzz_merge.c - libFuzzer target: `sipconform merge` (report/merge.c)
 * fed a hostile IN file: any bytes, as a shard's JUnit report would be.
 *
 * The input is written to IN in a per-process temporary directory and
 * merged into OUT (merge_files).  Invariants (abort() = a finding): the
 * merge never writes OUT when it refuses the IN; what it accepts gives
 * an OUT that validates against fixtures/schemas/junit.xsd (libxml2's
 * schema validator; the fuzzer runs from the repository root), and that
 * merges again with the same totals (what merge writes, merge accepts).
 */
#include "report/merge.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

static char dir[64], in_path[128], out_path[128], again_path[128];
static xmlSchemaPtr schema;

static void cleanup(void)
{
	unlink(in_path);
	unlink(out_path);
	unlink(again_path);
	rmdir(dir);
}

/* Quiet: the validator's and the parser's messages are not findings. */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xmlSchemaParserCtxtPtr pc;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "/tmp/fuzz_merge.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(in_path, sizeof(in_path), "%s/in.xml", dir);
	snprintf(out_path, sizeof(out_path), "%s/out.xml", dir);
	snprintf(again_path, sizeof(again_path), "%s/again.xml", dir);
	atexit(cleanup);
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	pc = xmlSchemaNewParserCtxt("fixtures/schemas/junit.xsd");
	schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	if (!schema) {
		fprintf(stderr, "fuzz_merge: run from the repository root "
			"(fixtures/schemas/junit.xsd)\n");
		abort();
	}
	return 0;
}

static int valid(const char *path)
{
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	int rc;

	if (!vc)
		abort();
	xmlSchemaSetValidErrors(vc, quiet, quiet, NULL);
	rc = xmlSchemaValidateFile(vc, path, 0);
	xmlSchemaFreeValidCtxt(vc);
	return rc == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct merge_totals t, t2;
	char why[600];
	char *in[1] = { in_path }, *again[1] = { out_path };
	FILE *fp;
	int rc;

	fp = fopen(in_path, "wb");
	if (!fp || (size && fwrite(data, 1, size, fp) != size) || fclose(fp))
		abort();
	unlink(out_path);
	rc = merge_files(out_path, in, 1, &t, why, sizeof(why));
	if (rc == MERGE_BAD_INPUT) {
		if (access(out_path, F_OK) == 0) {
			fprintf(stderr, "fuzz_merge: OUT written for a refused IN (%s)\n", why);
			abort();
		}
		return 0;
	}
	if (rc != MERGE_OK) {
		fprintf(stderr, "fuzz_merge: %d: %s\n", rc, why);
		abort();
	}
	if (!valid(out_path)) {
		fprintf(stderr, "fuzz_merge: accepted IN gave an OUT the schema refuses\n");
		abort();
	}
	rc = merge_files(again_path, again, 1, &t2, why, sizeof(why));
	if (rc != MERGE_OK || t2.suites != t.suites || t2.tests != t.tests ||
	    t2.failures != t.failures || t2.errors != t.errors || t2.skipped != t.skipped) {
		fprintf(stderr, "fuzz_merge: OUT does not merge again the same: %d %s\n", rc, why);
		abort();
	}
	return 0;
}
