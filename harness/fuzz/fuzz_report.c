/*
 * fuzz_report.c - libFuzzer target: the JUnit, TAP, JSON and HTML reporters
 * (report/report.c, junit.c, tap.c, json.c, html.c, base/repr.c) fed hostile bytes.
 *
 * Input layout (every field optional; missing ones are empty):
 *   byte 0        verdict = b & 3, check outcome = (b >> 2) & 3,
 *                 seconds = one of four values by (b >> 4) & 3,
 *                 bit 6: evidence_dir and notes are NULL
 *   byte 1        which rule of rule_table the check result names
 *   then NUL-terminated strings: suite name, id, message, reason, label,
 *                 evidence_dir, notes
 *   then one byte k: the next k bytes are the check's evidence, the rest
 *                 are the message bytes (both may hold any byte, NUL too)
 *
 * One report_case (one check result, one message) goes to a JUnit and a
 * TAP reporter writing files in a per-process temporary directory (the
 * same two paths every run; removed at exit).  Invariants (abort() = a
 * finding): the JUnit file is well-formed XML (libxml2 xmlReadFile); the
 * TAP file has exactly one test line at column 0 ("ok "/"not ok ") and
 * the plan "1..1" as its last line, and no "Bail out!" or second
 * "TAP version" line, so nothing in the case forged a test line, a plan
 * or a directive; the JSON file parses (jansson: strict, valid UTF-8),
 * holds one test with the case's id escaped, and no "</" (it may sit in
 * an HTML <script>); the HTML file is valid UTF-8 without NUL, parses
 * (libxml2's HTML parser), ends the document once, has one test
 * section and no "<script" (the case's bytes stayed text).
 */
#include "report/report.h"
#include "judge/rule.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#define NSTR 7

static char dir[64];
static char junit_path[128];
static char tap_path[128];
static char json_path[128];
static char html_path[128];

static void cleanup(void)
{
	unlink(junit_path);
	unlink(tap_path);
	unlink(json_path);
	unlink(html_path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "/tmp/fuzz_report.XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(junit_path, sizeof(junit_path), "%s/report.xml", dir);
	snprintf(tap_path, sizeof(tap_path), "%s/report.tap", dir);
	snprintf(json_path, sizeof(json_path), "%s/report.json", dir);
	snprintf(html_path, sizeof(html_path), "%s/report.html", dir);
	atexit(cleanup);
	xmlInitParser();
	return 0;
}

/* Next NUL-terminated string of the input, or "" past the end. */
static char *next_str(const char **p, const char *end)
{
	const char *nul;
	char *s;
	size_t n;

	nul = memchr(*p, '\0', (size_t)(end - *p));
	n = nul ? (size_t)(nul - *p) : (size_t)(end - *p);
	s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += nul ? n + 1 : n;
	return s;
}

static void check_junit(void)
{
	xmlDocPtr doc;

	doc = xmlReadFile(junit_path, NULL, XML_PARSE_NONET);
	if (!doc) {
		fprintf(stderr, "fuzz_report: %s is not well-formed XML\n", junit_path);
		abort();
	}
	xmlFreeDoc(doc);
}

static void check_tap(void)
{
	char line[256];
	FILE *fp;
	unsigned tests = 0, plans = 0, lines = 0, forged = 0;
	int bol = 1, last_plan = 0, is_plan;

	fp = fopen(tap_path, "r");
	if (!fp)
		abort();
	while (fgets(line, sizeof(line), fp)) {
		if (bol) {
			is_plan = strncmp(line, "1..", 3) == 0;
			if (strncmp(line, "ok ", 3) == 0 || strncmp(line, "not ok ", 7) == 0)
				tests++;
			if (is_plan)
				plans++;
			if (strncmp(line, "Bail out!", 9) == 0 ||
			    (strncmp(line, "TAP version", 11) == 0 && lines))
				forged++;
			lines++;
			last_plan = is_plan;
		}
		bol = strchr(line, '\n') != NULL;
	}
	fclose(fp);
	if (tests != 1 || plans != 1 || !last_plan || forged) {
		fprintf(stderr, "fuzz_report: TAP has %u test lines, %u plans%s, %u forged directives\n",
			tests, plans, last_plan ? "" : ", plan not last", forged);
		abort();
	}
}

static void check_json(void)
{
	json_error_t e;
	json_t *d = json_load_file(json_path, JSON_REJECT_DUPLICATES, &e);
	FILE *fp = fopen(json_path, "r");
	int c, lt = 0;

	if (!d || json_array_size(json_object_get(d, "tests")) != 1 ||
	    !json_is_string(json_object_get(json_array_get(json_object_get(d, "tests"), 0), "id"))) {
		fprintf(stderr, "fuzz_report: %s: %s\n", json_path, d ? "not one test" : e.text);
		abort();
	}
	json_decref(d);
	if (!fp)
		abort();
	while ((c = getc(fp)) != EOF) {
		if ((lt && c == '/') || (c < 0x20 && c != '\n')) {
			fprintf(stderr, "fuzz_report: JSON has \"</\" or a raw control byte\n");
			abort();
		}
		lt = c == '<';
	}
	fclose(fp);
}

static size_t count_str(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

static void check_html(void)
{
	FILE *fp = fopen(html_path, "rb");
	htmlDocPtr doc;
	char *buf;
	long n;

	if (!fp || fseek(fp, 0, SEEK_END) || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET))
		abort();
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n)
		abort();
	fclose(fp);
	buf[n] = '\0';
	doc = htmlReadMemory(buf, (int)n, NULL, "UTF-8",
			     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (!doc || strlen(buf) != (size_t)n || !xmlCheckUTF8((const xmlChar *)buf) ||
	    strstr(buf, "<script") || count_str(buf, "</html>") != 1 ||
	    count_str(buf, "<section class=\"test\"") != 1) {
		fprintf(stderr, "fuzz_report: %s: not one inert HTML document of one test\n",
			html_path);
		abort();
	}
	xmlFreeDoc(doc);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const double secs[] = { 0.0, 0.0005, 1.5, 31536000.0 };
	const char *p = (const char *)data, *end = p + size;
	struct reporter *rj = NULL, *rt = NULL, *rs = NULL, *rh = NULL;
	struct check_result cr;
	struct report_case c;
	struct report_msg m;
	char *s[NSTR];
	unsigned b0 = 0, b1 = 0;
	size_t i, k;
	int err;

	if (p < end)
		b0 = (unsigned char)*p++;
	if (p < end)
		b1 = (unsigned char)*p++;
	for (i = 0; i < NSTR; i++)
		s[i] = next_str(&p, end);
	k = 0;
	if (p < end)
		k = (unsigned char)*p++;
	if (k > (size_t)(end - p))
		k = (size_t)(end - p);

	memset(&cr, 0, sizeof(cr));
	cr.rule = &rule_table[b1 % rule_count];
	cr.outcome = (enum check_outcome)((b0 >> 2) & 3);
	snprintf(cr.reason, sizeof(cr.reason), "%s", s[3]);
	cr.evidence = (struct pl){ p, k };
	cr.msg = (struct pl){ p + k, (size_t)(end - p) - k };

	m.label = s[4];
	m.bytes = cr.msg;

	memset(&c, 0, sizeof(c));
	c.id = s[1];
	c.classname = s[0];
	/* every verdict: the fifth (inconclusive) when the low bits say skip and bit 7 is set */
	c.verdict = (b0 & 3) == 3 && (b0 & 0x80) ? VERDICT_INCONCLUSIVE : (enum verdict)(b0 & 3);
	c.seconds = secs[(b0 >> 4) & 3];
	c.message = s[2];
	c.checks = &cr;
	c.nchecks = 1;
	c.msgs = &m;
	c.nmsgs = 1;
	c.evidence_dir = (b0 & 0x40) ? NULL : s[5];
	c.notes = (b0 & 0x40) ? NULL : s[6];
	(void)verdict_name(c.verdict);

	if (report_junit_open(&rj, junit_path) != 0)
		abort();
	if (report_tap_open(&rt, tap_path) != 0)
		abort();
	if (report_json_open(&rs, json_path) != 0)
		abort();
	(void)report_suite_begin(rs, s[0], "fuzz.yaml", 0);
	(void)report_case(rs, &c);
	(void)report_suite_end(rs, c.seconds);
	err = 0;
	rs = report_close(rs, &err);
	if (err)
		abort();
	if (report_html_open(&rh, html_path) != 0)
		abort();
	(void)report_suite_begin(rh, s[0], "fuzz.yaml", 0);
	(void)report_case(rh, &c);
	(void)report_suite_end(rh, c.seconds);
	err = 0;
	rh = report_close(rh, &err);
	if (err)
		abort();
	(void)report_suite_begin(rj, s[0], "fuzz.yaml", 0);
	(void)report_suite_begin(rt, s[0], "fuzz.yaml", 0);
	(void)report_case(rj, &c);
	(void)report_case(rt, &c);
	(void)report_suite_end(rj, c.seconds);
	(void)report_suite_end(rt, c.seconds);
	err = 0;
	rj = report_close(rj, &err);
	if (err)
		abort();
	err = 0;
	rt = report_close(rt, &err);
	if (err)
		abort();

	check_junit();
	check_tap();
	check_json();
	check_html();
	for (i = 0; i < NSTR; i++)
		free(s[i]);
	return 0;
}
