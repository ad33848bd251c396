#include "isms/settings.h"

#include <stdio.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"

const struct setting setting_table[] = {
	{ SETTING_SESSION_IDLE, "Session idle timeout (minutes)",
	  "A browser session unused this long ends; the user logs in again.", 0, 5, 24 * 60, 120 },
	{ SETTING_SESSION_ABSOLUTE, "Session lifetime (hours)",
	  "A browser session ends this long after login, however active.", 0, 1, 30 * 24, 12 },
	{ SETTING_MFA_REQUIRED, "Require a second factor",
	  "Every user must set up an authenticator app before using isms.", 1, 0, 1, 0 },
	{ SETTING_RISK_ACCEPTANCE_ROLE, "Who may accept risks besides their owner",
	  "A risk above the appetite is closed or retained only under an acceptance signed by its risk owner "
	  "or by a user of this role or above.", 0, ROLE_OWNER, ROLE_ADMIN, ROLE_MANAGER, 1 },
};
const int setting_count = (int)(sizeof(setting_table) / sizeof(setting_table[0]));

const struct setting *setting_by_key(const char *key)
{
	for (int i = 0; i < setting_count; i++)
		if (strcmp(setting_table[i].key, key) == 0)
			return &setting_table[i];
	return NULL;
}

int64_t settings_get(struct store *s, const char *key)
{
	const struct setting *def = setting_by_key(key);
	struct err e = ERR_INIT;
	struct stmt *st = store_prepare(s, "SELECT value FROM settings WHERE key = ?", &e);
	int64_t v = def ? def->def : 0, n;
	if (!st)
		return v;
	stmt_bind_text(st, 1, key);
	if (stmt_step(st, &e) == STORE_ROW && parse_int64(stmt_text(st, 0), &n) == 0)
		v = n;
	stmt_done(st);
	return v;
}

void setting_text(const struct setting *def, int64_t v, char *out, size_t n)
{
	if (def->is_role)
		snprintf(out, n, "%s", role_name((enum role)v));
	else if (def->is_bool)
		snprintf(out, n, "%s", v ? "true" : "false");
	else
		snprintf(out, n, "%lld", (long long)v);
}

static int parse_value(const struct setting *def, const char *text, int64_t *out, struct err *e)
{
	if (def->is_role) {
		enum role r;
		if (role_parse(text, &r) == 0 && r >= def->min && r <= def->max) {
			*out = r;
			return 0;
		}
		struct strbuf names = STRBUF_INIT;
		for (int64_t k = def->min; k <= def->max; k++)
			sb_addf(&names, "%s%s", k == def->min ? "" : k == def->max ? " or " : ", ", role_name((enum role)k));
		err_field(e, def->key, "role", "Must be the name of a role: %s.", names.buf);
		sb_release(&names);
		return -1;
	}
	if (def->is_bool) {
		if (strcmp(text, "true") == 0 || strcmp(text, "1") == 0 || strcmp(text, "on") == 0)
			*out = 1;
		else if (strcmp(text, "false") == 0 || strcmp(text, "0") == 0 || strcmp(text, "off") == 0)
			*out = 0;
		else
			return err_field(e, def->key, "type", "Must be true or false.");
		return 0;
	}
	if (parse_int64(text, out))
		return err_field(e, def->key, "type", "Must be a whole number.");
	if (*out < def->min || *out > def->max)
		return err_field(e, def->key, "range", "Must be between %lld and %lld.", (long long)def->min,
				 (long long)def->max);
	return 0;
}

/* Stores one value inside the caller's transaction, with its audit entry. */
static int set_one(struct store *s, const struct actor *who, const struct setting *def, int64_t v, struct err *e)
{
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct stmt *st;
	char now[32], text[24];
	int64_t old = settings_get(s, def->key);
	int rc = -1, first;

	snprintf(text, sizeof(text), "%lld", (long long)v);
	time_now_iso(now);
	st = store_prepare(s, "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
			      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
			      "updated_by = excluded.updated_by", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, def->key);
	stmt_bind_text(st, 2, text);
	stmt_bind_text(st, 3, now);
	stmt_bind_id(st, 4, who->user_id);
	if (stmt_step(st, e) < 0)
		goto out;
	first = 1;
	sb_addc(&before, '{');
	if (def->is_role)
		jsonw_kv_str(&before, &first, def->key, role_name((enum role)old));
	else
		jsonw_kv_int(&before, &first, def->key, old);
	sb_addc(&before, '}');
	first = 1;
	sb_addc(&after, '{');
	if (def->is_role)
		jsonw_kv_str(&after, &first, def->key, role_name((enum role)v));
	else
		jsonw_kv_int(&after, &first, def->key, v);
	sb_addc(&after, '}');
	rc = audit_append(s, who, "setting_change", "settings", 0, before.buf, after.buf, e);
out:
	stmt_done(st);
	sb_release(&before);
	sb_release(&after);
	return rc;
}

int settings_set_many(struct store *s, const struct actor *who, const char *const *keys, const char *const *values,
		      int n, struct err *e)
{
	const struct setting *defs[SETTINGS_MAX];
	int64_t v[SETTINGS_MAX];
	int rc = -1, unknown = 0;

	if (n > SETTINGS_MAX)
		return err_set(e, 400, "too_many", "At most %d settings at once.", SETTINGS_MAX);
	for (int i = 0; i < n; i++) {
		if (!(defs[i] = setting_by_key(keys[i]))) {
			err_field(e, keys[i], "unknown_setting", "There is no such setting.");
			unknown = 1;
		}
		else
			parse_value(defs[i], values[i], &v[i], e);
	}
	if (e->nfields) {
		e->status = unknown ? 400 : 422;
		return -1;
	}
	if (store_begin(s, e))
		return -1;
	for (int i = 0; i < n; i++)
		if (v[i] != settings_get(s, defs[i]->key) && set_one(s, who, defs[i], v[i], e))
			goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

int settings_set(struct store *s, const struct actor *who, const char *key, const char *value, struct err *e)
{
	return settings_set_many(s, who, &key, &value, 1, e);
}
