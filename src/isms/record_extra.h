/* record_extra: values a record type's JSON carries beyond its fields,
 * computed when the record is read (an incident's response times and
 * breach-notification clock), one row per type in record_extras[]. The API's
 * record and `isms record show --format json` both add them, so the two
 * agree. */
#ifndef ISMS_RECORD_EXTRA_H
#define ISMS_RECORD_EXTRA_H
#include "base/strbuf.h"
#include "isms/record.h"

/* sb ends with the object record_to_json wrote for r; adds each extra of
 * ent's type as one more key of that object. */
void record_json_extras(const struct entity *ent, const struct record *r, struct strbuf *sb);

#endif
