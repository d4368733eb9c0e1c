/*
 * ports.h - free local ports for one SIPp run, so that runs side by side
 * never collide and SIPp never falls back to its fixed defaults (SIP
 * 5060, media 6000, remote control 0.0.0.0:8888).  Used by sipp.c.
 *
 * Each port is found by binding port 0 and reading what the kernel gave;
 * all are held at once (so they differ) and released before SIPp starts.
 * Another process may take one in between: SIPp then exits 254 and the
 * caller retries with new ports.
 */
#ifndef SIPCONFORM_SIPP_PORTS_H
#define SIPCONFORM_SIPP_PORTS_H

#include <stdint.h>

/* SIPp 3.6.1's control socket is AF_INET whatever -ci says: loopback v4. */
#define PORTS_CTRL_IP "127.0.0.1"

struct ports {
	uint16_t sip;              /* -p: free for UDP and TCP on the local address */
	uint16_t media;            /* -mp: it and media + 2 (video) free for UDP there */
	uint16_t ctrl;             /* -cp: free for UDP on PORTS_CTRL_IP */
};

/**
 * Pick the ports of one run; ip is the local IP literal (IPv6 may carry
 * a %scope, ignored for the bind).
 * @return 0; EADDRINUSE after 16 tries; EINVAL ip is not an IP literal;
 *         errno of socket()/bind() (EADDRNOTAVAIL: ip is not ours)
 */
int ports_pick(struct ports *pp, const char *ip);

#endif
