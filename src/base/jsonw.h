/* jsonw: writes JSON text straight into a strbuf (faster than building a
 * jansson tree for responses). Reading JSON is done with jansson. */
#ifndef ISMS_JSONW_H
#define ISMS_JSONW_H
#include <stdint.h>

#include "base/strbuf.h"

/* Appends s as a quoted, escaped JSON string; NULL becomes null. */
void jsonw_str(struct strbuf *sb, const char *s);
/* Appends "key": (with a leading comma unless *first is set; clears *first). */
void jsonw_key(struct strbuf *sb, int *first, const char *key);
void jsonw_kv_str(struct strbuf *sb, int *first, const char *key, const char *value);
void jsonw_kv_int(struct strbuf *sb, int *first, const char *key, int64_t value);
/* An id, or null when id is 0 (no record: say, "the system" as creator). */
void jsonw_kv_id(struct strbuf *sb, int *first, const char *key, int64_t id);
void jsonw_kv_bool(struct strbuf *sb, int *first, const char *key, int value);

#endif
