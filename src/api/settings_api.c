/* settings_api: GET and PATCH /api/v1/settings (administrators). */
#include "api/api.h"
#include "base/jsonw.h"
#include "isms/settings.h"

static void settings_json(struct store *s, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	for (int i = 0; i < setting_count; i++) {
		const struct setting *d = &setting_table[i];
		int64_t v = settings_get(s, d->key);
		if (d->is_role)
			jsonw_kv_str(sb, &first, d->key, role_name((enum role)v));
		else if (d->is_bool)
			jsonw_kv_bool(sb, &first, d->key, v != 0);
		else
			jsonw_kv_int(sb, &first, d->key, v);
	}
	sb_addc(sb, '}');
}

void api_settings_get(struct request *req, struct response *resp)
{
	settings_json(req->store, &resp->body);
	http_reply(resp, 200, "application/json");
}

/* Body: {"key": value, ...} with integers for numbers, true/false for switches
 * and a role's name for a role. */
void api_settings_patch(struct request *req, struct response *resp)
{
	const char *keys[SETTINGS_MAX], *values[SETTINGS_MAX];
	struct err e = ERR_INIT;
	json_t *body = http_json_body(req, &e), *v;
	const char *key;
	int n = 0;

	if (!body)
		goto fail;
	if (!json_is_object(body)) {
		err_set(&e, 400, "bad_json", "The body must be a JSON object of setting: value.");
		goto fail;
	}
	json_object_foreach(body, key, v) {
		const struct setting *d = setting_by_key(key);
		if (n >= SETTINGS_MAX) {
			err_set(&e, 400, "too_many", "At most %d settings at once.", SETTINGS_MAX);
			goto fail;
		}
		if (d && d->is_bool && !json_is_boolean(v)) {
			err_field(&e, key, "type", "Must be true or false.");
			continue;
		}
		if (d && d->is_role && !json_is_string(v)) {
			err_field(&e, key, "type", "Must be the name of a role.");
			continue;
		}
		if (d && !d->is_bool && !d->is_role && !json_is_integer(v)) {
			err_field(&e, key, "type", "Must be a whole number.");
			continue;
		}
		keys[n] = arena_strdup(&req->arena, key);
		values[n++] = !d ? "" : d->is_role ? arena_strdup(&req->arena, json_string_value(v))
			: d->is_bool ? (json_is_true(v) ? "1" : "0")
				   : arena_printf(&req->arena, "%lld", (long long)json_integer_value(v));
	}
	if (e.nfields || settings_set_many(req->store, &req->actor, keys, values, n, &e))
		goto fail;
	json_decref(body);
	settings_json(req->store, &resp->body);
	http_reply(resp, 200, "application/json");
	return;
fail:
	json_decref(body);
	http_reply_problem(resp, &e);
}
