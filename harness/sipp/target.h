/*
 * target.h - where SIPp sends: the system under test as an IP literal,
 * and the local address the kernel would use to reach it (SIPp's -i: it
 * goes into Via and Contact).
 *
 * Resolved once per suite, before anything is sent, and reused for every
 * SIPp run of that suite: a name is looked up once, so every request of
 * a suite goes to the same address.
 */
#ifndef SIPCONFORM_TARGET_H
#define SIPCONFORM_TARGET_H

#include <stdint.h>

struct target_addr {
	char host[256];           /* as given: a name or an IP literal (IPv6 without brackets) */
	uint16_t port;            /* 5060 when none was given */
	char remote[128];         /* the first address host resolves to, numeric */
	char local[128];          /* the local address that routes to it, numeric */
};

/**
 * Resolve host (port 0: 5060) into t.  *why (static text) says what
 * went wrong.
 * @return 0; EINVAL when the name does not exist (or host is too long);
 *         EHOSTUNREACH when it cannot be looked up now or nothing routes to it
 */
int target_resolve(struct target_addr *t, const char *host, uint16_t port,
		   const char **why);

#endif
