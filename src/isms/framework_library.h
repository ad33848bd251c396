/* framework_library: the built-in frameworks and mappings as a library the
 * organisation installs from (which are installed, installing one). A
 * mapping brings the frameworks it needs along in the same transaction when
 * they are not installed yet. */
#ifndef ISMS_FRAMEWORK_LIBRARY_H
#define ISMS_FRAMEWORK_LIBRARY_H
#include <stdint.h>

#include "isms/framework.h"
#include "isms/framework_builtin.h"

struct fw_library_item {
	const struct fw_builtin *builtin;
	int installed;
	int64_t framework_id; /* a framework that is installed; else 0 */
};

/* Every built-in, in fw_builtins[] order, with whether it is installed. */
int framework_library(struct store *s, struct arena *a, struct fw_library_item **out, int *n, struct err *e);

/* Installs the built-in key (404 naming the keys for an unknown one; 409
 * when installed already). Needs ROLE_MANAGER. */
int framework_install(struct store *s, const struct actor *who, const char *key, struct fw_import_result *res,
		      fw_progress_fn progress, void *ctx, struct err *e);

#endif
