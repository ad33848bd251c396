#include "model/entity.h"

#include <ctype.h>
#include <string.h>

extern const struct entity entity_asset, entity_risk, entity_control, entity_document,
	entity_incident, entity_nonconformity, entity_supplier, entity_task, entity_threat, entity_vulnerability,
	entity_course, entity_issue, entity_interested_party, entity_party_requirement, entity_process,
	entity_objective, entity_kpi, entity_review, entity_supplier_assessment, entity_audit_area,
	entity_audit_programme, entity_internal_audit;

/* The registry: order is the navigation order of the web UI, and a type
 * comes after the types it refers to (a risk names an asset, a threat and a
 * vulnerability). */
const struct entity *const entity_table[] = {
	&entity_asset, &entity_threat, &entity_vulnerability, &entity_risk, &entity_control, &entity_document,
	&entity_incident, &entity_nonconformity, &entity_review, &entity_supplier, &entity_supplier_assessment,
	&entity_task, &entity_course, &entity_issue, &entity_interested_party, &entity_party_requirement,
	&entity_process, &entity_objective, &entity_kpi,
	&entity_audit_area, &entity_audit_programme, &entity_internal_audit,
};
const int entity_count = (int)(sizeof(entity_table) / sizeof(entity_table[0]));

const struct entity *entity_by_name(const char *name)
{
	for (int i = 0; i < entity_count; i++)
		if (strcmp(entity_table[i]->name, name) == 0)
			return entity_table[i];
	return NULL;
}

const struct entity *entity_by_plural(const char *plural, int len)
{
	size_t n = len < 0 ? strlen(plural) : (size_t)len;
	for (int i = 0; i < entity_count; i++) {
		const char *p = entity_table[i]->plural;
		if (strlen(p) == n && memcmp(p, plural, n) == 0)
			return entity_table[i];
	}
	return NULL;
}

int entity_field_index(const struct entity *e, const char *name)
{
	for (int i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].name, name) == 0)
			return i;
	return -1;
}

const struct field *entity_field(const struct entity *e, const char *name)
{
	int i = entity_field_index(e, name);
	return i < 0 ? NULL : &e->fields[i];
}

const struct field *entity_title(const struct entity *e)
{
	return entity_field(e, e->title_field);
}

void enum_label(const char *value, char *out, int outlen)
{
	int i = 0;
	for (; value[i] && i < outlen - 1; i++) {
		char c = value[i] == '_' ? ' ' : value[i];
		out[i] = i == 0 ? (char)toupper((unsigned char)c) : c;
	}
	out[i] = '\0';
}

int enum_has(const struct field *f, const char *value)
{
	if (!f->values)
		return 0;
	for (const char *const *v = f->values; *v; v++)
		if (strcmp(*v, value) == 0)
			return 1;
	return 0;
}
