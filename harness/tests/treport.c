/* treport.c - shared inputs of the reporter tests (see treport.h). */
#include "treport.h"

#include <check.h>
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/repr.h"
#include "tdir.h"
#include "tmain.h"

const struct rule treport_r_allow = {
	.num = 12, .id = "RFC3261-21.4.6-ALLOW-PRESENT", .section = "21.4.6",
	.level = RULE_MUST, .warn_only = false, .scope = RULE_SCOPE_ALLOW, .header = "Allow",
	.text = "The response MUST include an Allow header field"
};
const struct rule treport_r_via = {
	.num = 3, .id = "RFC3261-8.2.6.2-VIA-COPY", .section = "8.2.6.2",
	.level = RULE_MUST, .warn_only = false, .scope = RULE_SCOPE_ANY, .header = "Via",
	.text = "Via header field values MUST be equal to the request's"
};
const struct rule treport_r_contact = {
	.num = 20, .id = "RFC3261-21.3.2-CONTACT-SHOULD", .section = "21.3.2",
	.level = RULE_SHOULD, .warn_only = true, .scope = RULE_SCOPE_REDIRECT, .header = "Contact",
	.text = "The response SHOULD contain a Contact"
};

const char treport_resp405[] =
	"SIP/2.0 405 Method Not Allowed\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1\r\n"
	"Content-Length: 0\r\n"
	"\r\n";
const size_t treport_resp405_len = sizeof(treport_resp405) - 1;

static const char req_foobar[] =
	"FOOBAR sip:uas@127.0.0.1:5060 SIP/2.0\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

/* Every hostile content the brief lists, NUL included (length-delimited). */
const char treport_hostile[] =
	"SIP/2.0 200 OK\r\n"
	"X-Nul: a\0b\r\n"
	"X-C0: \x01\x02\x1b[31m\x7f\r\n"
	"X-Bad-UTF8: \xff\xfe\xc0\x80\xed\xa0\x80\xf5\x80\xe2\x82\r\n"
	"X-Sep: \xe2\x80\xa8\xc2\x85\xef\xbb\xbf\r\n"
	"X-XML: ]]> <evil/> &amp; \"' <![CDATA[x]]>\r\n"
	"\n"
	"ok 1 - forged\n"
	"not ok\n"
	"1..9\n"
	"Bail out!\n"
	"  ---\n"
	"  ...\n"
	"...\n"
	"---\n"
	"# SKIP\n"
	"TAP version 14\n"
	" leading space\ttab \n"
	"\\x00 literal backslash\r";
const size_t treport_hostile_len = sizeof(treport_hostile) - 1;

struct reporter *treport_open(int (*open_fn)(struct reporter **, const char *),
			      const char *file, char *path, size_t size)
{
	struct reporter *r = NULL;

	snprintf(path, size, "%s/%s", tdir(), file);
	ck_assert_int_eq(open_fn(&r, path), 0);
	return r;
}

void treport_begin(struct reporter *r, const char *name, const char *file)
{
	/* 2026-11-25T08:00:00Z */
	ck_assert_int_eq(report_suite_begin(r, name, file, (time_t)1795593600), 0);
}

void treport_case(struct reporter *r, const struct report_case *c)
{
	ck_assert_int_eq(report_case(r, c), 0);
}

void treport_end(struct reporter *r, double secs)
{
	ck_assert_int_eq(report_suite_end(r, secs), 0);
}

void treport_close(struct reporter **r)
{
	int err = -1;

	*r = report_close(*r, &err);
	ck_assert_int_eq(err, 0);
	ck_assert_ptr_null(*r);
}

void treport_feed_four(struct reporter *r)
{
	static struct check_result fail_checks[3], warn_checks[1];
	static const struct report_msg msgs[] = {
		{ "sent #1 (FOOBAR)", { req_foobar, sizeof(req_foobar) - 1 } },
		{ "received #1 (405)", { treport_resp405, sizeof(treport_resp405) - 1 } },
	};
	struct report_case c;

	memset(fail_checks, 0, sizeof(fail_checks));
	fail_checks[0].rule = &treport_r_allow;
	fail_checks[0].outcome = CHECK_FAIL;
	snprintf(fail_checks[0].reason, sizeof(fail_checks[0].reason),
		 "405 has no Allow header field");
	fail_checks[0].evidence = (struct pl){ treport_resp405, 30 };
	fail_checks[1].rule = &treport_r_via;
	fail_checks[1].outcome = CHECK_PASS;
	fail_checks[2].rule = &treport_r_contact;
	fail_checks[2].outcome = CHECK_WARN;
	snprintf(fail_checks[2].reason, sizeof(fail_checks[2].reason), "no Contact");
	memset(warn_checks, 0, sizeof(warn_checks));
	warn_checks[0].rule = &treport_r_contact;
	warn_checks[0].outcome = CHECK_WARN;
	snprintf(warn_checks[0].reason, sizeof(warn_checks[0].reason),
		 "301 has no Contact header field");

	treport_begin(r, "rfc3261_methods", "suites/rfc3261_methods.yaml");

	memset(&c, 0, sizeof(c));
	c.id = "options-200";
	c.classname = "rfc3261_methods";
	c.verdict = VERDICT_PASS;
	c.seconds = 0.0125;
	c.checks = warn_checks;
	c.nchecks = 1;
	c.notes = "waiver: Contact not required by this deployment";
	treport_case(r, &c);

	memset(&c, 0, sizeof(c));
	c.id = "bogus-method-405";
	c.classname = "rfc3261_methods";
	c.verdict = VERDICT_FAIL;
	c.seconds = 1.5;
	c.message = "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6): 405 has no Allow";
	c.checks = fail_checks;
	c.nchecks = 3;
	c.msgs = msgs;
	c.nmsgs = 2;
	c.evidence_dir = "reports/run-1/bogus-method-405";
	treport_case(r, &c);

	memset(&c, 0, sizeof(c));
	c.id = "redirect-301";
	c.classname = "rfc3261_methods";
	c.verdict = VERDICT_ERROR;
	c.seconds = 5;
	c.message = "sipp timed out after 5 s (no response)";
	c.msgs = msgs;
	c.nmsgs = 1;
	c.notes = "sipp stderr: 2026-11-25 Aborting call on unexpected message";
	treport_case(r, &c);

	memset(&c, 0, sizeof(c));
	c.id = "unsupported-501";
	c.classname = "rfc3261_methods";
	c.verdict = VERDICT_SKIP;
	c.message = "scenario needs TCP";
	treport_case(r, &c);

	treport_end(r, 6.5125);
}

void treport_feed_hostile(struct reporter *r)
{
	static struct check_result cr[2];
	static const struct rule r_evil = {
		.num = 99, .id = "RFC3261-<evil/>]]>\n1..9\nok 1 - forged # SKIP",
		.section = "1\x01\xff", .level = RULE_MUST, .warn_only = false,
		.scope = RULE_SCOPE_ANY, .header = "X", .text = "x"
	};
	static const struct report_msg msgs[] = {
		{ "received #1 \x01<evil/>\n# SKIP", { treport_hostile, sizeof(treport_hostile) - 1 } },
		{ "", { treport_hostile + 16, 3 } },            /* "X-N" */
		{ NULL, { NULL, 0 } },
		{ "crlf-only", { "\r\n", 2 } },
	};
	struct report_case c;
	int i;

	memset(cr, 0, sizeof(cr));
	cr[0].rule = &r_evil;
	cr[0].outcome = CHECK_FAIL;
	memcpy(cr[0].reason, TREPORT_HOSTILE_LINE, sizeof(TREPORT_HOSTILE_LINE));
	cr[0].evidence = (struct pl){ treport_hostile, sizeof(treport_hostile) - 1 };
	cr[1].rule = &r_evil;
	cr[1].outcome = CHECK_WARN;
	/* reason filling the whole array, no NUL: must not be overread */
	memset(cr[1].reason, '#', sizeof(cr[1].reason));

	treport_begin(r, "evil\n1..9\x01<evil/>]]>", "\xff/suite\n# Bail out!.yaml");
	for (i = 0; i < 4; i++) {
		memset(&c, 0, sizeof(c));
		c.id = i == 0 ? "ok 1 - forged\nnot ok 2\n1..9\nBail out! # SKIP \\" :
		       i == 1 ? "\x01\x1b\x7f]]><evil/>\xc0\x80\xed\xa0\x80" :
		       i == 2 ? "" : "   ";
		c.classname = i == 2 ? "" : "cls\n<evil/>";
		c.verdict = (enum verdict)i;    /* pass, fail, error, skip */
		c.seconds = 0.001;
		c.message = i ? TREPORT_HOSTILE_LINE : NULL;
		c.checks = cr;
		c.nchecks = 2;
		c.msgs = msgs;
		c.nmsgs = 4;
		c.evidence_dir = "dir\n1..9\x01";
		c.notes = treport_hostile + 1;
		treport_case(r, &c);
	}
	treport_end(r, NAN);
}

void treport_feed_inconclusive(struct reporter *r)
{
	static const struct rule r_status = {
		.num = 2, .id = "RFC3261-7.2-STATUS-CODE", .section = "7.2",
		.level = RULE_DERIVED, .scope = RULE_SCOPE_ANY, .header = "", .text = "status"
	};
	static const char resp404[] = "SIP/2.0 404 Not Found\r\nContent-Length: 0\r\n\r\n";
	static struct check_result ok[3], ref[2];
	static const struct report_msg msgs[] = {
		{ "sent #1 (FOOBAR)", { req_foobar, sizeof(req_foobar) - 1 } },
		{ "received #1 (404)", { resp404, sizeof(resp404) - 1 } },
	};
	struct report_case c;

	memset(ok, 0, sizeof(ok));
	ok[0].rule = &r_status;
	ok[0].outcome = CHECK_PASS;
	snprintf(ok[0].reason, sizeof(ok[0].reason), "status 405 as expected");
	ok[1].rule = &treport_r_contact;
	ok[1].outcome = CHECK_NA;
	snprintf(ok[1].reason, sizeof(ok[1].reason), "not judged: no Contact to judge");
	ok[2].rule = &treport_r_via;
	ok[2].outcome = CHECK_PASS;
	snprintf(ok[2].reason, sizeof(ok[2].reason), "Via echoed");
	memset(ref, 0, sizeof(ref));
	ref[0].rule = &r_status;
	ref[0].outcome = CHECK_FAIL;
	snprintf(ref[0].reason, sizeof(ref[0].reason), "expected 405 Method Not Allowed, got 404 Not Found");
	ref[0].evidence = (struct pl){ resp404, 21 };
	ref[1].rule = &treport_r_allow;
	ref[1].outcome = CHECK_NA;
	snprintf(ref[1].reason, sizeof(ref[1].reason), "not judged: status was 404");

	treport_begin(r, "real", "suites/real.yaml");
	memset(&c, 0, sizeof(c));
	c.id = "clean";
	c.classname = "real";
	c.verdict = VERDICT_PASS;
	c.checks = ok;
	c.nchecks = 3;
	c.msgs = msgs;
	c.nmsgs = 2;
	treport_case(r, &c);
	memset(&c, 0, sizeof(c));
	c.id = "refused";
	c.classname = "real";
	c.verdict = VERDICT_INCONCLUSIVE;
	c.message = "the Request-URI names no one here (404 Not Found), so its method never "
		    "mattered; the 405 under test could not be observed";
	c.checks = ref;
	c.nchecks = 2;
	c.msgs = msgs;
	c.nmsgs = 2;
	treport_case(r, &c);
	treport_end(r, 1);
}

void treport_feed_pass5(struct reporter *r)
{
	struct report_case c;
	char id[32];
	int i;

	treport_begin(r, "smoke", NULL);
	for (i = 0; i < 5; i++) {
		memset(&c, 0, sizeof(c));
		snprintf(id, sizeof(id), "case-%d", i);
		c.id = id;
		c.verdict = VERDICT_PASS;
		c.seconds = i * 0.001;
		treport_case(r, &c);
	}
	treport_end(r, 0.01);
}

void treport_feed_multi(struct reporter *r)
{
	struct report_case c;

	treport_begin(r, "first", "suites/a.yaml");
	memset(&c, 0, sizeof(c));
	c.id = "a1";
	c.verdict = VERDICT_PASS;
	treport_case(r, &c);
	treport_end(r, 0.5);
	treport_begin(r, "second", "suites/b.yaml");
	c.id = "b1";
	c.verdict = VERDICT_FAIL;
	c.message = "RFC3261-21.4.6-ALLOW-PRESENT (RFC 3261 \xc2\xa7" "21.4.6): no Allow";
	treport_case(r, &c);
	c.id = "b2";
	c.verdict = VERDICT_PASS;
	c.message = NULL;
	treport_case(r, &c);
	treport_end(r, 1);
}

/* Suite "loc": one failing case "t" of 1234.5678 s; the suite took 2.25 s. */
static void treport_feed_times(struct reporter *r)
{
	struct report_case c;

	treport_begin(r, "loc", NULL);
	memset(&c, 0, sizeof(c));
	c.id = "t";
	c.verdict = VERDICT_FAIL;
	c.seconds = 1234.5678;
	treport_case(r, &c);
	treport_end(r, 2.25);
}

char *treport_stdout(int (*open_fn)(struct reporter **, const char *))
{
	struct reporter *r = NULL;
	struct report_case c;

	tdir_stdout_to(tdir_path("stdout.txt"));
	memset(&c, 0, sizeof(c));
	c.id = "s1";
	c.verdict = VERDICT_PASS;
	ck_assert_int_eq(open_fn(&r, "-"), 0);
	ck_assert_int_eq(report_suite_begin(r, "std", NULL, 0), 0);
	ck_assert_int_eq(report_case(r, &c), 0);
	ck_assert_int_eq(report_suite_end(r, 0), 0);
	treport_close(&r);
	/* stdout is still open: this lands too */
	printf("after\n");
	tdir_stdout_restore();
	return tdir_slurp(tdir_path("stdout.txt"), NULL);
}

char *treport_feed_big(struct reporter *r)
{
	size_t n = REPR_MAX_IN * 2, i;
	char *big = malloc(n);
	struct report_msg m;
	struct report_case c;

	ck_assert_ptr_nonnull(big);
	for (i = 0; i < n; i++)
		big[i] = (i % 64 == 63) ? '\n' : (char)('a' + i % 26);
	m.label = "received #1";
	m.bytes = (struct pl){ big, n };
	memset(&c, 0, sizeof(c));
	c.id = "big";
	c.verdict = VERDICT_FAIL;
	c.msgs = &m;
	c.nmsgs = 1;
	treport_begin(r, "big", NULL);
	treport_case(r, &c);
	treport_end(r, 1);
	return big;
}

size_t treport_dotfiles(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

void treport_check_discard(int (*open_fn)(struct reporter **, const char *), const char *file)
{
	struct reporter *r = NULL;
	char *s;

	tdir_write(tdir_path(file), "old", 3);
	ck_assert_int_eq(open_fn(&r, tdir_path(file)), 0);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 1);          /* the temp, made at open */
	ck_assert_ptr_null(report_discard(r));
	s = tdir_slurp(tdir_path(file), NULL);
	ck_assert_str_eq(s, "old");
	free(s);
	ck_assert_uint_eq(treport_dotfiles(tdir()), 0);
}

void treport_feed_flood(struct reporter *r, const char *id, size_t nmsgs, size_t len)
{
	treport_feed_flood_v(r, id, VERDICT_FAIL, nmsgs, len);
}

void treport_feed_flood_v(struct reporter *r, const char *id, enum verdict v, size_t nmsgs,
			  size_t len)
{
	struct report_msg *m = calloc(nmsgs ? nmsgs : 1, sizeof(*m));
	char *bytes = malloc(len ? len : 1);
	struct report_case c;
	size_t i;

	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(bytes);
	for (i = 0; i < len; i++)
		bytes[i] = (i % 64 == 63) ? '\n' : (char)('A' + i % 26);
	for (i = 0; i < nmsgs; i++) {
		m[i].label = "m";
		m[i].bytes = (struct pl){ bytes, len };
	}
	memset(&c, 0, sizeof(c));
	c.id = id;
	c.classname = "s";
	c.verdict = v;
	c.message = v == VERDICT_PASS ? NULL : "flood";
	c.msgs = m;
	c.nmsgs = nmsgs;
	treport_case(r, &c);
	free(m);
	free(bytes);
}

void treport_copy_example(const char *from, const char *name)
{
	const char *dir = getenv("REPORT_EXAMPLES_DIR");
	char to[512];
	size_t n;
	char *s;

	if (!dir || !*dir)
		return;
	snprintf(to, sizeof(to), "%s/%s", dir, name);
	s = tdir_slurp(from, &n);
	tdir_write(to, s, n);
	free(s);
}

/* Switch LC_ALL to a comma-decimal locale: 1; 0 when none can be had. */
static int treport_comma_locale(void)
{
	static const char *const locs[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", NULL };
	const char *got = NULL;
	char probe[16];
	int i;

	for (i = 0; locs[i] && !got; i++)
		got = setlocale(LC_ALL, locs[i]);
	if (!got && access("/usr/share/i18n/locales/de_DE", R_OK) == 0) {
		/* Not installed: compile one into the scratch directory (no root needed). */
		const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8",
				       tdir_path("de_DE.UTF-8"), NULL };
		int rc = tdir_run(argv, tdir_path("localedef.log"));

		if (rc == 0 || rc == 1) {       /* 1: compiled with warnings */
			setenv("LOCPATH", tdir(), 1);
			got = setlocale(LC_ALL, "de_DE.UTF-8");
		}
	}
	if (!got) {
		printf("%s: note: no comma-decimal locale available "
		       "(de_DE.UTF-8); locale assertion skipped\n", tmain_def.name);
		unsetenv("LOCPATH");
		return 0;
	}
	snprintf(probe, sizeof(probe), "%.1f", 1.5);
	ck_assert_msg(strcmp(probe, "1,5") == 0, "locale %s has no comma decimal", got);
	return 1;
}

int treport_write_times(int (*open_fn)(struct reporter **, const char *), const char *file,
			char *path, size_t size)
{
	struct reporter *r;
	char buf[32];

	if (!treport_comma_locale())
		return 0;
	ck_assert_str_eq(repr_seconds(buf, 1.5), "1.500");
	r = treport_open(open_fn, file, path, size);
	treport_feed_times(r);
	treport_close(&r);
	setlocale(LC_ALL, "C");
	unsetenv("LOCPATH");
	return 1;
}

void treport_feed_unicode(struct reporter *r)
{
	static const char resp[] =
		"SIP/2.0 405 Method Not Allowed\r\n"
		"From: \"Jos\xc3\xa9 \xf0\x9f\x99\x82\" <sip:a@example.com>;tag=1\r\n"
		"Subject: \xef\xbf\xbd\xe2\x80\xae" "evil\r\n"
		"Allow: INVITE\r\n\r\n";
	static const struct report_msg msgs[] = {
		{ "received #1 (405)", { resp, sizeof(resp) - 1 } },
	};
	struct report_case c;

	treport_begin(r, "uni", NULL);
	memset(&c, 0, sizeof(c));
	c.id = "smile";
	c.verdict = VERDICT_PASS;
	c.msgs = msgs;
	c.nmsgs = 1;
	treport_case(r, &c);
	treport_end(r, 0.1);
}

void treport_assert_junit_valid(const char *xml)
{
	char xsd[512];
	const char *argv[] = { "xmllint", "--noout", "--schema", xsd, xml, NULL };
	const char *log = tdir_path("xmllint.log");

	tmain_src(xsd, sizeof(xsd), "fixtures/schemas/junit.xsd");
	ck_assert_msg(access(xsd, R_OK) == 0, "schema %s missing", xsd);
	if (tdir_run(argv, log) != 0) {
		char *out = tdir_slurp(log, NULL);

		ck_abort_msg("%s does not validate against junit.xsd:\n%s", xml, out);
	}
}

size_t treport_count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* Under ASan: GCC says __SANITIZE_ADDRESS__, clang (before 15) only __has_feature. */
#if defined(__SANITIZE_ADDRESS__)
#define TREPORT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TREPORT_ASAN 1
#endif
#endif

int treport_rss_flat(int (*open_fn)(struct reporter **, const char *), const char *file,
		     char *path, size_t size)
{
#if defined(TREPORT_ASAN)
	(void)open_fn;
	(void)file;
	snprintf(path, size, "%s", "");
	printf("%s: note: RSS assertion skipped under AddressSanitizer\n", tmain_def.name);
	return 1;
#else
	struct reporter *r = treport_open(open_fn, file, path, size);
	struct rusage ru;
	long before = 0;
	char id[32];
	int i;

	treport_begin(r, "s", NULL);
	for (i = 0; i < 200; i++) {
		if (i == 20) {
			ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
			before = ru.ru_maxrss;
		}
		snprintf(id, sizeof(id), "t%d", i);
		treport_feed_flood(r, id, 32, 4096);     /* 128 KiB quoted while the budget lasts */
	}
	ck_assert_int_eq(getrusage(RUSAGE_SELF, &ru), 0);
	/* Held in memory, 180 cases would be 20+ MB. */
	ck_assert_msg(ru.ru_maxrss - before < 4096, "RSS grew %ld KiB", ru.ru_maxrss - before);
	treport_end(r, 1);
	treport_close(&r);
	return 0;
#endif
}
