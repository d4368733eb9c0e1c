/*
 * value.h - what may be handed to SIPp as a -key value and put into a
 * request unchanged.  The one safety check of the project: the suite
 * loader refuses a suite value that fails it (with file:line:col), the
 * runner checks the addresses it follows, and sipp_run() refuses a job
 * whose key values fail it.
 */
#ifndef SIPCONFORM_SIPP_VALUE_H
#define SIPCONFORM_SIPP_VALUE_H

#include <stdbool.h>
#include <stddef.h>

/** Longest value accepted, in bytes. */
#define SIPP_VALUE_MAX 1024

/**
 * Refuses NULL, control bytes (CR, LF, NUL, TAB, DEL, C1), '[' and ']'
 * outside an IPv6 host reference (SIPp substitutes '[keyword]'), and
 * anything longer than SIPP_VALUE_MAX bytes.  On refusal *why (if not
 * NULL) says what is wrong and *at (if not NULL) is the 0-based offset
 * of the byte at fault.
 */
bool sipp_value_safe(const char *s, const char **why, size_t *at);

#endif
