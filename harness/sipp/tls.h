/*
 * tls.h - a TLS terminator for one run: SIPp 3.6.1 from Debian has no
 * TLS, so it speaks plain TCP to a loopback port where a Debian stunnel4
 * in client mode listens and carries each connection over TLS to the
 * system under test.
 *
 *   SIPp --TCP--> 127.0.0.1:L (or [::1]:L) = stunnel --TLS--> SUT
 *
 * The tunnel listens on the loopback address of the SUT's family only,
 * and only while the caller holds it: tls_start() returns once the port
 * accepts connections, tls_stop() ends the process by its PID.  Every
 * step is bounded in time.  stunnel is started as SIPp is (sipp/child.h):
 * an argv (no shell), its own process group, no inherited descriptor,
 * and SIGKILL if the harness dies first, so an aborted run leaves no
 * listener behind.
 *
 * Verification (unless insecure): the SUT's chain must lead to a CA of
 * ca_file (default: the system store TLS_SYSTEM_CA), and the certificate
 * must name sni when given (a DNS name, also sent as SNI), else
 * remote_host (an IP address SAN; no SNI is sent for an IP literal,
 * RFC 6066 §3).
 *
 * A failed handshake does not stop the tunnel: stunnel closes that one
 * connection (SIPp sees its TCP connection end) and logs why.
 * tls_check() reads that log after each SIPp run and puts the reason in
 * words.
 */
#ifndef SIPCONFORM_TLS_H
#define SIPCONFORM_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Debian's bundle of the system's trusted CAs (package ca-certificates). */
#define TLS_SYSTEM_CA "/etc/ssl/certs/ca-certificates.crt"

struct tls_conf {
	const char *stunnel;      /* binary; NULL = "stunnel4" on PATH */
	const char *remote_host;  /* the SUT: an IP literal (IPv6 without brackets) */
	uint16_t remote_port;     /* its TLS port */
	const char *sni;          /* the target's DNS name, or NULL for an IP literal target */
	const char *ca_file;      /* trusted CAs (PEM); NULL = TLS_SYSTEM_CA */
	bool insecure;            /* verify nothing: no chain, no name */
	const char *cert_file;    /* client certificate (PEM) for mutual TLS, */
	const char *key_file;     /* and its key: both or neither */
	const char *dir;          /* existing directory for stunnel.conf, stunnel.log, stunnel.pid */
	unsigned timeout_s;       /* bound of the TCP connect and of the handshake; 0 = 5, at most
	                           * 300; keep it below SIPp's own timeout, so that a failure is
	                           * logged before the SIPp run ends */
};

struct tls_tunnel;

/**
 * Check c, write <dir>/stunnel.conf, start stunnel and wait (at most 5 s
 * per attempt; 3 attempts if another process takes the port meanwhile)
 * until it listens.  Files are checked before anything runs; every
 * string that goes into the configuration is refused if it could break
 * a line of it (control bytes, surrounding spaces).  On failure nothing
 * is left running and why says what is wrong, after "TLS: " ("TLS:
 * cannot read CA file x.pem: No such file or directory", "TLS: stunnel:
 * SSL_CTX_use_PrivateKey_file: key values mismatch").
 * @return 0 with *tp set; EINVAL bad conf; ENOENT/EACCES a file or
 *         stunnel missing or unreadable; EPROTO stunnel refused its
 *         configuration (why: its words, e.g. "key values mismatch");
 *         EADDRINUSE no port could be had; ETIMEDOUT it did not listen in
 *         time; ENOMEM; another errno from the system.
 */
int tls_start(struct tls_tunnel **tp, const struct tls_conf *c, char *why,
	      size_t whysize);

/** "127.0.0.1" or "::1": where SIPp connects (-t t1). */
const char *tls_local_host(const struct tls_tunnel *t);
/** The port it listens on. */
uint16_t tls_local_port(const struct tls_tunnel *t);
/** stunnel's PID (0 once stopped). */
pid_t tls_pid(const struct tls_tunnel *t);
/** <dir>/stunnel.log: stunnel's own log, evidence for reports. */
const char *tls_log_path(const struct tls_tunnel *t);
/** "stunnel 5.68, OpenSSL 3.0.19" (from its log; "" if it did not say). */
const char *tls_version(const struct tls_tunnel *t);

/**
 * After a SIPp run: what stunnel logged since the previous call (or
 * since it started).  The first failure found is put in words in why:
 *   "certificate verify failed: unable to get local issuer certificate
 *    (depth 0: CN=localhost)", "certificate verify failed: the
 *   certificate does not name sip.example.com", "handshake failure:
 *   sslv3 alert handshake failure", "TLS alert from the SUT: tlsv13
 *   alert certificate required (the SUT wants a client certificate)",
 *   "connection refused", "TCP connect timed out after 5 s".
 * Text taken from the log has every control byte replaced by '?'.
 * @return 0 no failure seen (why ""); EPROTO a TLS failure; ETIMEDOUT;
 *         the errno stunnel's TCP connect got (ECONNREFUSED, ...); ESRCH
 *         stunnel is no longer running; EINVAL no tunnel
 */
int tls_check(struct tls_tunnel *t, char *why, size_t whysize);

/**
 * TERM to its process group, up to 2 s, then KILL; reap; free t (NULL:
 * nothing).  Only the group of the PID tls_start() got is signalled,
 * before that PID is reaped (it cannot be anyone else's yet).  The files
 * in dir stay (the log is evidence); stunnel removes its pid file itself.
 */
void tls_stop(struct tls_tunnel *t);

#endif
