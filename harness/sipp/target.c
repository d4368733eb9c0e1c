/* target.c - resolve the system under test (see target.h). */
#include "sipp/target.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/*
 * The local address: connect() a UDP socket (nothing is sent) and ask
 * which address the kernel bound it to.
 */
static int target_route(const struct addrinfo *ai, char *local, size_t size)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int fd, err = 0;

	fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) != 0 ||
	    getnameinfo((struct sockaddr *)&ss, sl, local, (socklen_t)size, NULL, 0,
			NI_NUMERICHOST) != 0)
		err = EHOSTUNREACH;
	if (fd >= 0)
		close(fd);
	return err;
}

int target_resolve(struct target_addr *t, const char *host, uint16_t port,
		   const char **why)
{
	struct addrinfo hints, *ai = NULL;
	char portstr[8];
	int err, rc;

	memset(t, 0, sizeof(*t));
	if (!host || (size_t)snprintf(t->host, sizeof(t->host), "%s", host) >= sizeof(t->host)) {
		*why = "not a host name";
		return EINVAL;
	}
	t->port = port ? port : 5060;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(portstr, sizeof(portstr), "%u", t->port);
	rc = getaddrinfo(host, portstr, &hints, &ai);
	if (rc != 0) {
		*why = gai_strerror(rc);
		return rc == EAI_NONAME ? EINVAL : EHOSTUNREACH;
	}
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, t->remote, sizeof(t->remote), NULL, 0,
			NI_NUMERICHOST) != 0) {
		*why = "cannot print the target address";
		err = EINVAL;
	} else if ((err = target_route(ai, t->local, sizeof(t->local))) != 0)
		*why = "no route to the target";
	freeaddrinfo(ai);
	return err;
}
