#include "isms/doc_template.h"

#include <string.h>

#include "base/embedded.h"
#include "base/strbuf.h"
#include "isms/record.h"
#include "model/validate.h"

const struct doc_template doc_templates[] = {
	{ "information-security-policy", "Information security policy", "policy",
	  "Why and how the organisation protects its information, and who is responsible." },
	{ "acceptable-use", "Acceptable use policy", "policy",
	  "What everyone may and may not do with the organisation's information, devices and services." },
	{ "access-control", "Access control policy", "policy",
	  "Who gets access to what, how it is granted, reviewed and removed." },
	{ "incident-management", "Incident management procedure", "procedure",
	  "How security incidents are reported, handled, notified and learned from." },
	{ "backup", "Backup policy", "policy",
	  "What is backed up, how often, for how long, and how restores are tested." },
	{ "supplier-security", "Supplier security policy", "policy",
	  "How suppliers that reach our information are chosen, contracted, reviewed and ended." },
	{ "classification-handling", "Information classification and handling policy", "policy",
	  "The classification levels and how information at each level is stored, sent and destroyed." },
};
const int doc_template_count = (int)(sizeof(doc_templates) / sizeof(doc_templates[0]));

const struct doc_template *doc_template_find(const char *key)
{
	for (int i = 0; key && i < doc_template_count; i++)
		if (strcmp(doc_templates[i].key, key) == 0)
			return &doc_templates[i];
	return NULL;
}

const char *doc_template_body(const struct doc_template *t)
{
	size_t k = strlen(t->key);
	for (const struct embedded_file *f = doc_template_data; f->name; f++)
		if (strncmp(f->name, t->key, k) == 0 && strcmp(f->name + k, ".md") == 0)
			return (const char *)f->data;
	return "";
}

int doc_template_create(struct store *s, const struct actor *who, const char *key, const char *title, int64_t owner,
			struct arena *a, int64_t *id, struct err *e)
{
	const struct entity *ent = entity_by_name("document");
	const struct doc_template *t = doc_template_find(key);
	struct input in;
	const char *v;
	if (!t) {
		struct strbuf sb = STRBUF_INIT;
		for (int i = 0; i < doc_template_count; i++)
			sb_addf(&sb, "%s%s", i ? ", " : "", doc_templates[i].key);
		err_field(e, "template", key ? "unknown" : "required", "%s%s", key ? "No such template; choose one of: "
			  : "Choose a template: ", sb.buf);
		sb_release(&sb);
		return -1;
	}
	input_init(&in, ent, a);
	/* the fields' defaults first, as a form would give them */
	for (int i = 0; i < ent->nfields; i++)
		if (ent->fields[i].def && !(ent->fields[i].flags & F_COMPUTED)) {
			in.set[i] = 1;
			in.values[i] = ent->fields[i].def;
		}
#define SET(name, value) (in.set[entity_field_index(ent, name)] = 1, in.values[entity_field_index(ent, name)] = (value))
	if (title && *title) {
		if (validate_text(entity_field(ent, "title"), title, a, &v, e))
			return -1;
		SET("title", v);
	} else {
		SET("title", t->title);
	}
	SET("doc_type", t->doc_type);
	SET("summary", t->summary);
	SET("body", doc_template_body(t));
	SET("change_note", arena_printf(a, "Started from the template \"%s\".", t->title));
	if (owner)
		SET("owner", arena_printf(a, "%lld", (long long)owner));
#undef SET
	return record_create(s, who, ent, &in, a, id, e);
}
