#include "isms/record_extra.h"

#include <string.h>
#include <time.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "isms/incident.h"
#include "isms/internal_audit.h"

static void incident_metrics_extra(const struct record *r, struct strbuf *sb)
{
	struct incident_timing t;
	incident_timing(r, time(NULL), &t);
	incident_timing_json(&t, sb);
}

/* Whether a supplier is overdue today: its next assessment or contract end
 * is past and it is not terminated (its entity's overdue rule). */
static void supplier_overdue_extra(const struct record *r, struct strbuf *sb)
{
	const struct entity *ent = entity_by_name("supplier");
	const char *status = r->values[entity_field_index(ent, ent->overdue.status_field)];
	const char *dates[] = { r->values[entity_field_index(ent, ent->overdue.due_field)],
				r->values[entity_field_index(ent, ent->overdue.also_due_field)] };
	char today[16];
	int late = 0;
	time_today_plus_months(0, today);
	for (int i = 0; i < 2; i++)
		late |= dates[i] && strcmp(dates[i], today) < 0;
	sb_adds(sb, late && !(status && strcmp(status, "terminated") == 0) ? "true" : "false");
}

static const struct {
	const char *entity, *key;
	void (*fn)(const struct record *r, struct strbuf *sb);
} record_extras[] = {
	{ "incident", "metrics", incident_metrics_extra },
	{ "supplier", "overdue", supplier_overdue_extra },
	{ "internal_audit", "warnings", internal_audit_warnings },
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
