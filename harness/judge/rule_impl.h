/*
 * rule_impl.h - module-private interface of the check catalogue
 * (rule.c, rule_common.c, rule_301.c, rule_405.c).  Not for other modules.
 *
 * A rule function looks at one exchange and fills one struct
 * check_result (rule and msg are set by the caller, outcome is CHECK_NA
 * with an empty reason on entry).  It reports through rule_pass(),
 * rule_fail(), rule_warn() and rule_na(); rule_fail() goes through
 * rule_outcome(): a WARN for SHOULD and warn_only checks, a PASS for INFO.
 *
 * The facts several rules need (Contact list, Allow list, parsed
 * Request-URI) are computed once by rule_judge() and handed over in
 * struct rule_ctx; each comes with the parse error that prevented it.
 */
#ifndef SIPCONFORM_RULE_IMPL_H
#define SIPCONFORM_RULE_IMPL_H

#include "judge/rule.h"
#include "judge/expect.h"

struct rule_ctx {
	const struct exchange *x;
	const struct expect *exp;
	const struct expect_row *row; /* exp->code's row; non-NULL when a scoped check runs */
	bool *nomem;                  /* set by rule_nomem(): rule_judge() fails with ENOMEM */
	const struct sipmsg *req;     /* may be NULL: echo checks are NA */
	const struct sipmsg *resp;    /* never NULL */
	bool status_ok;               /* resp->scode == exp->code */

	/* Request-URI of the request (§19.1.4 comparisons). */
	struct sipuri ruri;
	bool has_ruri;

	/* Contact values of the response; ncontacts 0 when absent. */
	struct sipaddr *contacts;
	size_t ncontacts;
	int contacts_err;             /* 0 or EBADMSG/ENOMEM */
	struct sipmsg_err contacts_perr;

	/* Allow of the response (§20.5). */
	bool allow_present;
	struct pl *allow;
	size_t nallow;
	int allow_err;
	struct sipmsg_err allow_perr;
};

typedef void rule_fn(struct check_result *r, const struct rule_ctx *c);

/* Reporting.  Reasons are printf formats (RULE_PRINTF, rule.h); the text
 * is cleaned of control bytes afterwards, so folded header values print
 * on one line. */
void rule_pass(struct check_result *r, struct pl ev, const char *fmt, ...) RULE_PRINTF(3, 4);
void rule_fail(struct check_result *r, struct pl ev, const char *fmt, ...) RULE_PRINTF(3, 4);
void rule_warn(struct check_result *r, struct pl ev, const char *fmt, ...) RULE_PRINTF(3, 4);
void rule_na(struct check_result *r, const char *fmt, ...) RULE_PRINTF(2, 3);

/** A throw-away error record for accessors whose error text is not used
 * (the accessors are not documented to accept NULL). */
#define RULE_NOERR (&(struct sipmsg_err){ .line = 0 })

/** Append to a NUL-terminated buffer, truncating silently. */
void rule_cat(char *buf, size_t size, const char *fmt, ...) RULE_PRINTF(3, 4);

/** printf("%.*s", PLQ(x)): at most 80 bytes of a slice, for reasons. */
#define RULE_QMAX 80
#define PLQ(x) (int)((x).l > RULE_QMAX ? RULE_QMAX : (x).l), ((x).p ? (x).p : "")

/** Standard reason phrase of a status code (§21), "" if unknown. */
const char *rule_status_text(unsigned code);
/** Row of msg that contains byte 'at' (or starts on 'line'); the start line if neither matches. */
struct pl rule_row_at(const struct sipmsg *msg, const char *at, size_t line);
/** The first row of header id in msg, or the start line when absent. */
struct pl rule_row(const struct sipmsg *msg, enum siphdr_id id);
/**
 * True when err is ENOMEM, and then the whole judgement fails with ENOMEM:
 * a check that could not look must not leave an NA or a FAIL built on a
 * guess (an NA would let a broken response pass).  The caller returns.
 */
bool rule_nomem(const struct rule_ctx *c, int err);
/** NA with "not judged: status was N" when the status is not the expected one. */
bool rule_status_gate(struct check_result *r, const struct rule_ctx *c);

/* Common checks (rule_common.c), numbers from the check catalogue. */
rule_fn rule_start_line;        /* 1 */
rule_fn rule_status_code;       /* 2 */
rule_fn rule_reason_phrase;     /* 2, INFO */
rule_fn rule_crlf;              /* 3 */
rule_fn rule_header_syntax;     /* 4 */
rule_fn rule_single_valued;     /* 5 */
rule_fn rule_from_echo;         /* 6 */
rule_fn rule_callid_echo;       /* 7 */
rule_fn rule_cseq_echo;         /* 8 */
rule_fn rule_via_echo;          /* 9 */
rule_fn rule_to_tag;            /* 10 */
rule_fn rule_content_length;    /* 12 */
rule_fn rule_content_type;      /* 13 */
rule_fn rule_require;           /* 17 */

/* Redirects: 301, 302 (rule_301.c). */
rule_fn rule_contact_present;   /* 19, and 302 */
rule_fn rule_contact_syntax;    /* 20 */
rule_fn rule_contact_not_star;  /* 21 */
rule_fn rule_contact_name_addr; /* 22 */
rule_fn rule_contact_uri;       /* 23 */
rule_fn rule_contact_not_ruri;  /* 24 */
rule_fn rule_contact_method_lr; /* 25 */
rule_fn rule_contact_q_expires; /* 26 */
rule_fn rule_contact_param_dup; /* 27 */
rule_fn rule_contact_dup;       /* 28 */
rule_fn rule_contact_sips;      /* 29 */
rule_fn rule_contact_expires0;  /* 33 (single-exchange part) */
rule_fn rule_expect_contact;    /* suite 'contact' */

/* 405 and 501 (rule_405.c). */
rule_fn rule_allow_present;     /* 37, and 200 to OPTIONS (§11.2) */
rule_fn rule_allow_syntax;      /* 38 */
rule_fn rule_allow_excludes;    /* 39 */
rule_fn rule_allow_non_empty;   /* 40 */
rule_fn rule_allow_ack_cancel;  /* 41 */
rule_fn rule_allow_options;     /* 42 */
rule_fn rule_allow_case;        /* 43 */
rule_fn rule_allow_dup;         /* 43 */
rule_fn rule_expect_allow;      /* suite 'allow' */
rule_fn rule_501_not_405;       /* 46 */

#endif
