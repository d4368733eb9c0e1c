/*
 * scenario.h - find and vet the SIPp XML scenarios the harness drives.
 *
 * libxml2 stays behind scenario.c (and report_junit.c).  A scenario is
 * parsed without network access, without DTD loading and without entity
 * substitution, and must be a <scenario> made only of SIPp elements this
 * file knows (see the table at the top of scenario.c).
 */
#ifndef SIPCONFORM_SCENARIO_H
#define SIPCONFORM_SCENARIO_H

#include <stddef.h>

#include "base/diag.h"

/**
 * Check that path is a well-formed SIPp scenario.
 * @param dg  filled on EBADMSG with file:line:col and what is wrong
 * @return 0; ENOENT if the file cannot be read; EBADMSG if it is not
 *         well-formed XML, has a DOCTYPE, its root is not <scenario>, or
 *         it holds an element SIPp 3.6.1 does not know; ENOMEM; EINVAL.
 */
int scenario_check(const char *path, struct diag *dg);

/**
 * Locate scenarios/NAME.xml (NAME: letters, digits, '_' and '-').
 * Order: $SIPCONFORM_SCENARIOS/NAME.xml if that variable is set (and
 * nothing else then); else DIR/scenarios/NAME.xml for DIR the directory
 * of the running binary (/proc/self/exe) and up to three of its parents
 * (so build/asan/sipconform and build/default/tests/check_x find the
 * source tree); else SIPCONFORM_DATADIR/scenarios/NAME.xml.
 * @param out  the path found, NUL-terminated
 * @return 0; ENOENT if not found; EINVAL for a bad name or small buffer.
 */
int scenario_find(char *out, size_t size, const char *name);

#endif
