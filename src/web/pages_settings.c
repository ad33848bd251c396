/* pages_settings: the organisation-wide settings as one form, drawn from
 * setting_table (numbers with their range, switches as checkboxes, roles as
 * a choice) and
 * saved all at once through settings_set_many, which validates and audits
 * them exactly as the API and the CLI do. */
#include <stdio.h>
#include <string.h>

#include "isms/settings.h"
#include "web/page.h"
#include "web/web.h"

/* The names and labels of the roles a role setting allows, NULL-ended. */
static void role_choices(struct arena *a, const struct setting *d, const char ***names, const char ***labels)
{
	int n = (int)(d->max - d->min + 1), k = 0;
	*names = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
	*labels = arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
	for (int64_t r = d->min; r <= d->max; r++, k++) {
		(*names)[k] = role_name((enum role)r);
		(*labels)[k] = arena_printf(a, "%s and above", role_label((enum role)r));
	}
}

/* A setting as a form field. */
static void setting_field(const struct setting *d, struct field *f)
{
	memset(f, 0, sizeof(*f));
	f->name = d->key;
	f->label = d->label;
	f->help = d->help;
	if (d->is_role) {
		f->type = FT_ENUM;
		f->flags = F_REQUIRED;
	} else if (d->is_bool) {
		f->type = FT_BOOL;
	} else {
		f->type = FT_INT;
		f->flags = F_REQUIRED;
		f->min = d->min;
		f->max = d->max;
	}
}

static void settings_page(struct request *req, struct response *resp, const char *const *values, const struct err *e)
{
	struct strbuf *sb = &resp->body;
	page_begin(req, resp, "Settings", "admin/settings", 0);
	page_head(sb, "Administration", NULL, "Settings",
		  "Apply to everyone at once, on every node. Each change is recorded in the audit log.");
	page_head_end(sb);
	page_flash(req, sb);
	if (e && e->status)
		page_notice(sb, "error", e->nfields ? "Nothing was saved. See the marked fields." : e->message);
	page_form_begin(req, sb, "/admin/settings");
	for (int i = 0; i < setting_count; i++) {
		struct field f;
		const char **labels = NULL, **names = NULL;
		setting_field(&setting_table[i], &f);
		if (setting_table[i].is_role) {
			role_choices(&req->arena, &setting_table[i], &names, &labels);
			f.values = names;
		}
		page_field(req, sb, &f, values[i], labels, e);
	}
	page_form_end(sb, "Save settings", NULL);
	page_end(req, resp, e && e->status ? e->status : 200);
}

void web_settings_form(struct request *req, struct response *resp)
{
	const char *values[SETTINGS_MAX];
	for (int i = 0; i < setting_count && i < SETTINGS_MAX; i++)
		values[i] = setting_table[i].is_role
			? role_name((enum role)settings_get(req->store, setting_table[i].key))
			: arena_printf(&req->arena, "%lld", (long long)settings_get(req->store, setting_table[i].key));
	settings_page(req, resp, values, NULL);
}

/* Every setting is in the form: an unticked checkbox sends nothing and
 * means off; a number left empty is refused. */
void web_settings_save(struct request *req, struct response *resp)
{
	const char *keys[SETTINGS_MAX], *values[SETTINGS_MAX];
	struct err e = ERR_INIT;
	int n = setting_count < SETTINGS_MAX ? setting_count : SETTINGS_MAX;

	for (int i = 0; i < n; i++) {
		const char *v = http_form(req, setting_table[i].key);
		keys[i] = setting_table[i].key;
		if (setting_table[i].is_bool)
			values[i] = v && v[0] && strcmp(v, "0") != 0 ? "1" : "0";
		else
			values[i] = v ? v : "";
	}
	if (settings_set_many(req->store, &req->actor, keys, values, n, &e)) {
		settings_page(req, resp, values, &e);
		return;
	}
	http_redirect(resp, "/admin/settings?notice=updated");
}
