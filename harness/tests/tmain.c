/* tmain.c - shared main() of the Check programs; see tmain.h. */
#include "tmain.h"

#include <stdio.h>
#include <stdlib.h>

const char *tmain_src(char *out, size_t size, const char *rel)
{
	const char *d = getenv("SIPCONFORM_SRCDIR");

	snprintf(out, size, "%s/%s", d && *d ? d : ".", rel);
	return out;
}

int main(void)
{
	SRunner *sr;
	int failed;

	if (tmain_def.setup && tmain_def.setup() != 0) {
		fprintf(stderr, "%s: setup failed\n", tmain_def.name);
		return EXIT_FAILURE;
	}
	sr = srunner_create(tmain_def.suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (tmain_def.teardown)
		tmain_def.teardown();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
