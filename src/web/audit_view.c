/* audit_view: how an audit entry reads on a page — its action as a label,
 * who did it, the record it concerns, and what changed, worked out from the
 * before and after JSON (read with jansson): "Status: Open → Done" for an
 * update, the title for a create, a sentence for a security event. Shared by
 * the audit pages and the History section of every record's page. */
#include <stdlib.h>
#include <string.h>

#include "auth/account.h"
#include "base/util.h"
#include "web/page.h"

#define SUMMARY_MAX_CHANGES 4
#define SUMMARY_MAX_CHARS 60

/* What each known action is called, its badge colour, and for events that
 * are not record changes a sentence with {key} taken from the after JSON. */
static const struct {
	const char *action, *label, *tone, *sentence;
} actions[] = {
	{ "create", "Created", "ok", NULL },
	{ "update", "Updated", "info", NULL },
	{ "archive", "Archived", "muted", "Archived" },
	{ "login", "Signed in", "neutral", "Signed in" },
	{ "login_failed", "Sign-in failed", "danger", "Failed sign-in as {email} from {client}" },
	{ "login_locked", "Account locked", "danger", "Sign-in as {email} locked after repeated failures "
						      "(from {client})" },
	{ "login_locked_client", "Address locked", "danger", "Sign-in from {client} locked after repeated failures" },
	{ "token_create", "API token created", "warn", "API token “{name}” created (expires: {expires_at})" },
	{ "user_create", "User created", "info", "{name} ({email}) as {role}" },
	{ "password_change", "Password changed", "warn", "Password changed" },
	{ "user_disable", "User disabled", "danger", "Account disabled and signed out everywhere" },
	{ "user_enable", "User enabled", "ok", "Account enabled" },
	{ "setting_change", "Setting changed", "warn", NULL },
	/* recorded before the snapshot is written: the file holds its own entry */
	{ "backup", "Backup", "warn", "A backup of everything begun, to {file}" },
	{ "restore", "Restored", "warn", "Restored from {file}, made {made_at} on {engine}" },
	{ "risk_run_create", "Assessment run", "info", "Froze {risk_count} risks as a run: {note}" },
	{ "kpi_measurement", "KPI measured", "info", "{period}: {value} ({source})" },
	{ "risk_accept", "Risk accepted", "warn", "Accepted until {expires_on}: {rationale}" },
	{ "risk_accept_revoke", "Acceptance revoked", "info", "Acceptance of {accepted_at} revoked" },
	{ "risk_accept_expire", "Acceptance expired", "info", "Acceptance ended on {expires_on}" },
	{ "link_add", "Linked", "info", "{label}: {to_title} (#{to_id})" },
	{ "link_remove", "Unlinked", "muted", "{label}: {to_title} (#{to_id}) removed" },
	{ "inherit", "Needs inherited", "info", NULL },
};

static int action_index(const char *action)
{
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++)
		if (streq(actions[i].action, action))
			return (int)i;
	return -1;
}

const char *audit_action_label(struct arena *a, const char *action)
{
	int i = action_index(action);
	return i >= 0 ? actions[i].label : view_enum_label(a, action ? action : "");
}

void audit_action_badge(struct request *req, struct strbuf *sb, const char *action)
{
	int i = action_index(action);
	html_printf(sb, "<span class=\"badge badge-%s\">%s</span>", i >= 0 ? actions[i].tone : "neutral",
		    audit_action_label(&req->arena, action));
}

/* ---- reading before and after ---------------------------------------- */

static const struct {
	const char *key, *label;
} system_keys[] = {
	{ "id", "ID" }, { "version", "Version" }, { "archived", "Archived" }, { "created_at", "Created" },
	{ "created_by", "Created by" }, { "updated_at", "Last changed" }, { "updated_by", "Changed by" },
};

static const char *system_label(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(system_keys); i++)
		if (strcmp(system_keys[i].key, key) == 0)
			return system_keys[i].label;
	return NULL;
}

static int is_user_key(const struct audit_change *c)
{
	return c->field ? c->field->type == FT_USER
			: strcmp(c->key, "created_by") == 0 || strcmp(c->key, "updated_by") == 0;
}

/* A JSON value in the text form records use: numbers as digits, booleans as
 * 1/0, null as NULL, anything else as compact JSON. */
static const char *json_text(struct arena *a, const json_t *v)
{
	char *dump, *out;
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(a, "%lld", (long long)json_integer_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	if (json_is_real(v))
		return arena_printf(a, "%g", json_real_value(v));
	dump = json_dumps(v, JSON_COMPACT);
	out = arena_strdup(a, dump ? dump : "");
	free(dump);
	return out;
}

/* The entry's JSON text as an object, or NULL (absent, or not an object). */
static json_t *load_object(const char *text)
{
	json_t *o;
	if (!text)
		return NULL;
	o = json_loads(text, 0, NULL);
	if (o && !json_is_object(o)) {
		json_decref(o);
		o = NULL;
	}
	return o;
}

static void add_row(struct request *req, struct audit_diff *d, const char *key)
{
	struct audit_change *c;
	json_t *b = d->before ? json_object_get(d->before, key) : NULL;
	json_t *a = d->after ? json_object_get(d->after, key) : NULL;
	for (int i = 0; i < d->n; i++)
		if (strcmp(d->rows[i].key, key) == 0)
			return;
	if (!a && !b)
		return;
	c = &d->rows[d->n++];
	c->key = key;
	c->field = d->ent ? entity_field(d->ent, key) : NULL;
	c->label = c->field ? c->field->label : system_label(key);
	if (!c->label)
		c->label = view_enum_label(&req->arena, key);
	c->before = json_text(&req->arena, b);
	c->after = json_text(&req->arena, a);
	c->changed = d->before && d->after && !json_equal(a ? a : json_null(), b ? b : json_null());
	c->boolean = json_is_boolean(a) || json_is_boolean(b);
}

void audit_diff_open(struct request *req, const struct audit_entry *en, struct audit_diff *d)
{
	const char *key;
	json_t *v;
	size_t max;
	memset(d, 0, sizeof(*d));
	d->ent = en->record_type ? entity_by_name(en->record_type) : NULL;
	d->before = load_object(en->before);
	d->after = load_object(en->after);
	max = (d->before ? json_object_size(d->before) : 0) + (d->after ? json_object_size(d->after) : 0) +
	      (d->ent ? (size_t)d->ent->nfields : 0) + 1;
	d->rows = arena_alloc(&req->arena, sizeof(*d->rows) * max);
	/* the record type's fields in their order, then whatever else there is */
	for (int i = 0; d->ent && i < d->ent->nfields; i++)
		add_row(req, d, d->ent->fields[i].name);
	if (d->before)
		json_object_foreach(d->before, key, v)
			add_row(req, d, key);
	if (d->after)
		json_object_foreach(d->after, key, v)
			add_row(req, d, key);
}

void audit_diff_close(struct audit_diff *d)
{
	json_decref(d->before);
	json_decref(d->after);
	memset(d, 0, sizeof(*d));
}

/* ---- values ----------------------------------------------------------- */

const char *audit_time(struct arena *a, const char *iso)
{
	/* YYYY-MM-DDTHH:MM:SSZ */
	if (strlen(iso) == 20 && iso[10] == 'T' && iso[19] == 'Z')
		return arena_printf(a, "%.10s %.8s UTC", iso, iso + 11);
	return iso;
}

static const char *user_label(struct request *req, const char *id_text)
{
	struct user u;
	struct err e = ERR_INIT;
	int64_t id;
	if (parse_int64(id_text, &id) || user_by_id(req->store, id, &req->arena, &u, &e))
		return arena_printf(&req->arena, "User #%s", id_text);
	return u.name;
}

/* At most max code points of s, with an ellipsis when cut. */
static const char *clip(struct arena *a, const char *s, int max)
{
	int n = 0;
	size_t i = 0;
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == max)
			return arena_printf(a, "%.*s…", (int)i, s);
	return s;
}

/* A value in a line of text: labels, names, short. */
static const char *short_value(struct request *req, const struct audit_change *c, const char *v)
{
	const struct field *f = c->field;
	const struct entity *target;
	if (!v)
		return "empty";
	if (c->boolean)
		return strcmp(v, "0") ? "Yes" : "No";
	if (is_user_key(c))
		return user_label(req, v);
	if (!f)
		return clip(&req->arena, view_datetime(&req->arena, v), SUMMARY_MAX_CHARS);
	switch (f->type) {
	case FT_ENUM:
		return view_enum_label(&req->arena, v);
	case FT_BOOL:
		return strcmp(v, "0") ? "Yes" : "No";
	case FT_REF:
		target = entity_by_name(f->ref);
		return arena_printf(&req->arena, "%s #%s", target ? target->label : "Record", v);
	case FT_DATETIME:
		return view_datetime(&req->arena, v);
	default:
		return clip(&req->arena, v, SUMMARY_MAX_CHARS);
	}
}

void audit_value(struct request *req, struct strbuf *sb, const struct audit_change *c, const char *v)
{
	if (c->field)
		view_value(req, sb, c->field, v, v && c->field->type == FT_USER ? user_label(req, v) : NULL);
	else if (!v)
		html_printf(sb, "<span class=\"empty\" aria-label=\"empty\">—</span>");
	else if (is_user_key(c))
		html_printf(sb, "%s", user_label(req, v));
	else if (c->boolean)
		html_printf(sb, "%s", strcmp(v, "0") ? "Yes" : "No");
	else if (audit_time(&req->arena, v) != v)
		html_printf(sb, "<time datetime=\"%s\">%s</time>", v, audit_time(&req->arena, v));
	else
		html_printf(sb, "<span class=\"longtext\">%s</span>", v);
}

/* ---- cells ------------------------------------------------------------ */

void audit_actor(struct request *req, struct strbuf *sb, const struct audit_entry *en)
{
	if (!en->actor)
		html_printf(sb, "<span class=\"muted\">%s</span>",
			    strncmp(en->action ? en->action : "", "login", 5) == 0 ? "Not signed in" : "System");
	else
		html_printf(sb, "<a href=\"/audit?actor=%lld\" title=\"Every entry by this user\">%s</a>",
			    (long long)en->actor,
			    en->actor_name ? en->actor_name : arena_printf(&req->arena, "User #%lld", (long long)en->actor));
}

/* The record's name as the entry itself knows it (after, else before). */
static const char *entry_title(const struct audit_diff *d)
{
	const char *key = d->ent ? d->ent->title_field : NULL;
	json_t *v = key && d->after ? json_object_get(d->after, key) : NULL;
	if (!json_is_string(v) && key && d->before)
		v = json_object_get(d->before, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

void audit_record(struct request *req, struct strbuf *sb, const struct audit_entry *en, const struct audit_diff *d)
{
	const char *title = NULL;
	if (d->ent && en->record_id) {
		if (view_can_read(req, d->ent))
			html_printf(sb, "<a href=\"/%s/%lld\">%s #%lld</a>", d->ent->plural, (long long)en->record_id,
				    d->ent->label, (long long)en->record_id);
		else
			html_printf(sb, "%s #%lld", d->ent->label, (long long)en->record_id);
		title = entry_title(d);
	} else if (streq(en->record_type, "user") && en->record_id) {
		html_printf(sb, "User #%lld", (long long)en->record_id);
		title = user_label(req, arena_printf(&req->arena, "%lld", (long long)en->record_id));
	} else if (en->record_type) {
		html_printf(sb, "%s", view_enum_label(&req->arena, en->record_type));
		if (en->record_id)
			html_printf(sb, " #%lld", (long long)en->record_id);
	} else {
		html_printf(sb, "<span class=\"empty\" aria-label=\"none\">—</span>");
	}
	if (title)
		html_printf(sb, "<span class=\"record-title\">%s</span>", clip(&req->arena, title, SUMMARY_MAX_CHARS));
}

/* A sentence with {key} filled in from the after JSON (else the before). */
static void sentence(struct request *req, struct strbuf *sb, const char *tpl, const struct audit_diff *d)
{
	const char *p = tpl;
	while (*p) {
		const char *open = strchr(p, '{'), *close = open ? strchr(open, '}') : NULL;
		const char *key, *v;
		if (!close) {
			html_printf(sb, "%s", p);
			return;
		}
		key = arena_strndup(&req->arena, open + 1, (size_t)(close - open - 1));
		v = json_text(&req->arena, json_object_get(d->after ? d->after : d->before, key));
		html_printf(sb, "%s%s", arena_strndup(&req->arena, p, (size_t)(open - p)),
			    v ? clip(&req->arena, view_datetime(&req->arena, v), SUMMARY_MAX_CHARS) : "none");
		p = close + 1;
	}
}

/* "Label: old → new" for each changed field (or "Label: value" when there
 * is only an after), system columns left out. */
static void change_list(struct request *req, struct strbuf *sb, const struct audit_diff *d)
{
	int shown = 0, more = 0;
	for (int i = 0; i < d->n; i++) {
		const struct audit_change *c = &d->rows[i];
		int pair = d->before != NULL;
		if (system_label(c->key) || (pair ? !c->changed : !c->after))
			continue;
		if (shown == SUMMARY_MAX_CHANGES) {
			more++;
			continue;
		}
		html_printf(sb, "%R<li><span class=\"change-field\">%s:</span> ", shown++ ? "" : "<ul class=\"changes\">",
			    c->label);
		if (pair)
			html_printf(sb, "<span class=\"change-old\">%s</span> <span aria-label=\"to\">→</span> ",
				    short_value(req, c, c->before));
		html_printf(sb, "<span class=\"change-new\">%s</span></li>", short_value(req, c, c->after));
	}
	if (more)
		html_printf(sb, "<li class=\"muted\">and %d more</li>", more);
	if (shown)
		html_printf(sb, "</ul>");
	else
		html_printf(sb, "<span class=\"muted\">%s</span>", d->before && d->after ? "No field changed" : "—");
}

void audit_summary(struct request *req, struct strbuf *sb, const struct audit_entry *en, const struct audit_diff *d)
{
	int i = action_index(en->action);
	const char *title;
	if (i >= 0 && actions[i].sentence)
		sentence(req, sb, actions[i].sentence, d);
	else if (streq(en->action, "create") && (title = entry_title(d)))
		html_printf(sb, "“%s”", clip(&req->arena, title, SUMMARY_MAX_CHARS));
	else
		change_list(req, sb, d);
}

void audit_table(struct request *req, struct strbuf *sb, const struct audit_page *page, int with_record,
		 const char *label)
{
	if (label) /* a scrolling region, reachable by keyboard */
		html_printf(sb, "<div class=\"table-wrap table-scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">",
			    label);
	else
		html_printf(sb, "<div class=\"table-wrap\">");
	html_printf(sb, "<table class=\"table audit-table\"><thead><tr><th scope=\"col\">Entry</th>"
			"<th scope=\"col\">Time</th><th scope=\"col\">Actor</th><th scope=\"col\">Action</th>%R"
			"<th scope=\"col\">What changed</th></tr></thead><tbody>",
		    with_record ? "<th scope=\"col\">Record</th>" : "");
	for (int i = 0; i < page->n; i++) {
		const struct audit_entry *en = &page->items[i];
		struct audit_diff d;
		audit_diff_open(req, en, &d);
		html_printf(sb, "<tr><th scope=\"row\"><a href=\"/audit/%lld\">#%lld</a></th>"
				"<td><time datetime=\"%s\">%s</time></td><td>",
			    (long long)en->id, (long long)en->id, en->at, view_datetime(&req->arena, en->at));
		audit_actor(req, sb, en);
		html_printf(sb, "</td><td>");
		audit_action_badge(req, sb, en->action);
		html_printf(sb, "</td>");
		if (with_record) {
			html_printf(sb, "<td>");
			audit_record(req, sb, en, &d);
			html_printf(sb, "</td>");
		}
		html_printf(sb, "<td>");
		audit_summary(req, sb, en, &d);
		html_printf(sb, "</td></tr>");
		audit_diff_close(&d);
	}
	html_printf(sb, "</tbody></table></div>");
}
