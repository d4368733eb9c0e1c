/* ports.c - free local ports for one SIPp run (ports.h). */
#include "sipp/ports.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/*
 * A socket of type bound to ip:port (port 0: the kernel chooses), left
 * open in *fd so that the port stays taken while the others are chosen.
 * *got = the port bound.
 */
static int bind_port(const char *ip, int type, uint16_t port, uint16_t *got, int *fd)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	bool v6 = strchr(ip, ':') != NULL;

	memset(&ss, 0, sizeof(ss));
	if (v6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		char a[INET6_ADDRSTRLEN];
		size_t l = strcspn(ip, "%");

		if (l >= sizeof(a))
			return EINVAL;
		memcpy(a, ip, l);
		a[l] = '\0';
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		if (inet_pton(AF_INET6, a, &s6->sin6_addr) != 1)
			return EINVAL;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		if (inet_pton(AF_INET, ip, &s4->sin_addr) != 1)
			return EINVAL;
		sl = sizeof(*s4);
	}
	*fd = socket(ss.ss_family, type | SOCK_CLOEXEC, 0);
	if (*fd < 0)
		return errno;
	if (bind(*fd, (struct sockaddr *)&ss, sl) < 0 ||
	    getsockname(*fd, (struct sockaddr *)&ss, &sl) < 0) {
		int e = errno;

		close(*fd);
		*fd = -1;
		return e;
	}
	if (got)
		*got = ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port :
			     ((struct sockaddr_in *)&ss)->sin_port);
	return 0;
}

int ports_pick(struct ports *pp, const char *ip)
{
	int fd[5], rc = EADDRINUSE;

	for (int attempt = 0; attempt < 16 && rc == EADDRINUSE; attempt++) {
		uint16_t video = 0;
		size_t i;

		for (i = 0; i < 5; i++)
			fd[i] = -1;
		rc = bind_port(ip, SOCK_DGRAM, 0, &pp->sip, &fd[0]);
		if (!rc)
			rc = bind_port(ip, SOCK_STREAM, pp->sip, NULL, &fd[1]);
		if (!rc)
			rc = bind_port(ip, SOCK_DGRAM, 0, &pp->media, &fd[2]);
		if (!rc && pp->media > 65533)
			rc = EADDRINUSE;
		if (!rc)
			rc = bind_port(ip, SOCK_DGRAM, (uint16_t)(pp->media + 2), &video, &fd[3]);
		if (!rc)
			rc = bind_port(PORTS_CTRL_IP, SOCK_DGRAM, 0, &pp->ctrl, &fd[4]);
		for (i = 0; i < 5; i++)
			if (fd[i] >= 0)
				close(fd[i]);
	}
	return rc;
}
