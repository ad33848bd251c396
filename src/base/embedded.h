/* embedded: files compiled into the binary by tools/embed.c (migrations,
 * CSS, JS). Tables end with a NULL name; data is NUL-terminated too. */
#ifndef ISMS_EMBEDDED_H
#define ISMS_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};

extern const struct embedded_file sqlite_migrations[];
extern const struct embedded_file postgres_migrations[];
extern const struct embedded_file web_assets[];
extern const struct embedded_file framework_data[]; /* src/isms/frameworks/ (framework_builtin.c) */
extern const struct embedded_file doc_template_data[]; /* src/isms/doc_templates/ (doc_template.c) */

#endif
