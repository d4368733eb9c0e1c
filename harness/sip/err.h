/*
 * err.h - how the SIP parser (every file of sip/) reports a rejection.
 *
 * Errors are positive errno values (0 = ok): EBADMSG = malformed input,
 * ENODATA = truncated input, ENOENT = an optional header is absent,
 * ENOMEM, EINVAL = bad argument.  Every rejection fills a struct
 * sipmsg_err saying which rule was broken and where, e.g.
 * "Contact: line 7 col 10: unterminated '<'".  Every struct sipmsg_err
 * *err parameter of sip/ may be NULL (no details wanted).
 */
#ifndef SIPCONFORM_SIP_ERR_H
#define SIPCONFORM_SIP_ERR_H

#include <stddef.h>

/** Where and why a parse failed. */
struct sipmsg_err {
	const char *at; /**< byte in the message buffer where it failed, or NULL */
	size_t off;     /**< byte offset from the message start */
	size_t line;    /**< 1-based line of the message (0 = unknown) */
	size_t col;     /**< 1-based column */
	char what[200]; /**< full text, e.g. "Contact: line 7 col 10: unterminated '<'" */
};

#endif
