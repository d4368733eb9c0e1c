/* main.c - interim: the runner lands with the SIPp boundary. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("sipconform %s\n", SIPCONFORM_VERSION);
		return 0;
	}
	printf("usage: sipconform --help | --version\n");
	return 0;
}
