/* fw_format: the file formats frameworks are imported from, one row each
 * in fw_formats[] (name, label, extensions, parser), and the one import
 * path every surface uses — `isms import FORMAT FILE...`, POST
 * /api/v1/frameworks/import?format=FORMAT and the /frameworks/import page:
 * every file parsed by the format's parser into one struct fw_import, then
 * saved by framework_import_save in one transaction. A new format is one
 * more row with its fw_parse_fn. */
#ifndef ISMS_FW_FORMAT_H
#define ISMS_FW_FORMAT_H
#include "isms/framework.h"

struct fw_format {
	const char *name;       /* "oscal": FORMAT in the CLI, ?format= in the API, the page's select */
	const char *label;      /* what the page's select shows */
	const char *extensions; /* the file input's accept list: ".json,.xml" */
	fw_parse_fn parse;
};

extern const struct fw_format fw_formats[];
extern const int fw_format_count;

/* The row named name (exact), or NULL. */
const struct fw_format *fw_format_by_name(const char *name);
/* "oscal, ciso-assistant": the names, for messages. Arena-owned. */
const char *fw_format_names(struct arena *a);

/* One file to import: its content (borrowed), its name for messages and
 * framework.source, and the folder it was read from (NULL for an upload). */
struct fw_file {
	const char *name, *dir;
	const char *buf;
	size_t len;
};

/* What an import wrote, per framework: for the answer of each surface. */
struct fw_imported {
	int64_t id;
	const char *urn, *ref_id, *name;
	int requirements;
	int baseline; /* selects from another framework (an OSCAL profile) */
};

/* Parses files[0..n) with fmt into one import and saves it as who (ISMS
 * manager or above). On success fills res and *out (n_out rows, in a);
 * elapsed_ms (may be NULL) gets the time parse and save took. Errors: the
 * parser's 422 naming the file and place, or the save's 409/422. Nothing
 * is written unless everything is. */
int fw_format_import(struct store *s, const struct actor *who, const struct fw_format *fmt,
		     const struct fw_file *files, int n, fw_progress_fn progress, void *ctx, struct arena *a,
		     struct fw_import_result *res, struct fw_imported **out, int *n_out, double *elapsed_ms,
		     struct err *e);

#endif
