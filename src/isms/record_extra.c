#include "isms/record_extra.h"

#include <string.h>
#include <time.h>

#include "base/jsonw.h"
#include "isms/incident.h"

static void incident_metrics_extra(const struct record *r, struct strbuf *sb)
{
	struct incident_timing t;
	incident_timing(r, time(NULL), &t);
	incident_timing_json(&t, sb);
}

static const struct {
	const char *entity, *key;
	void (*fn)(const struct record *r, struct strbuf *sb);
} record_extras[] = {
	{ "incident", "metrics", incident_metrics_extra },
};

void record_json_extras(const struct entity *ent, const struct record *r, struct strbuf *sb)
{
	for (size_t i = 0; i < sizeof(record_extras) / sizeof(record_extras[0]); i++) {
		int first = 0;
		if (strcmp(record_extras[i].entity, ent->name) != 0 || !sb->len || sb->buf[sb->len - 1] != '}')
			continue;
		sb->buf[--sb->len] = '\0';
		jsonw_key(sb, &first, record_extras[i].key);
		record_extras[i].fn(r, sb);
		sb_addc(sb, '}');
	}
}
