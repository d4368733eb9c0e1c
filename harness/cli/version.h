/*
 * version.h - what -V / --version prints: sipconform's version, the SIPp
 * binary a run would use (its resolved path and version, sipp/sipp.h
 * sipp_probe) and where TLS comes from (Debian's SIPp has none: the
 * stunnel4 terminator of sipp/tls.h, its path and version, or "not
 * installed").  Each tool is asked with a bound of a few seconds; a
 * missing or broken tool is said, never an error.
 *
 *   sipconform 0.1.0
 *   SIPp: /usr/bin/sipp, version 3.6.1
 *   TLS: by the stunnel4 terminator (SIPp has no TLS): /usr/bin/stunnel4, stunnel 5.68, OpenSSL 3.0.19
 */
#ifndef SIPCONFORM_VERSION_H
#define SIPCONFORM_VERSION_H

#include <stdio.h>

/** Print the lines above to fp.  sipp: --sipp / $SIPCONFORM_SIPP, NULL: "sipp" on PATH. */
void version_print(FILE *fp, const char *sipp);

#endif
