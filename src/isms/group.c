#include "isms/group.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "isms/audit.h"
#include "model/entity.h"
#include "model/validate.h"

static const struct field name_field = { "name", "Name", FT_TEXT, F_REQUIRED, .max_len = 100 };
static const struct field description_field = { "description", "Description", FT_TEXT, 0, .max_len = 500 };

static int may_change(const struct actor *who, struct err *e)
{
	if (who && who->role < ROLE_MANAGER)
		return err_set(e, 403, "forbidden", "Changing groups needs the ISMS manager role or above.");
	return 0;
}

/* The group's JSON for the audit log. */
static char *group_json(struct arena *a, const char *name, const char *description, int64_t user_id,
			const char *user_name)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;
	int first = 1;
	sb_addc(&sb, '{');
	jsonw_kv_str(&sb, &first, "name", name);
	if (description)
		jsonw_kv_str(&sb, &first, "description", description);
	if (user_id) {
		jsonw_kv_int(&sb, &first, "user_id", user_id);
		jsonw_kv_str(&sb, &first, "user", user_name);
	}
	sb_addc(&sb, '}');
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

static int check_name(const char *name, struct arena *a, const char **out, struct err *e)
{
	const char *p = name;
	while (p && *p == ' ')
		p++;
	if (!p || !*p)
		return err_field(e, "name", "required", "Give the group a name, for example \"Developers\".");
	return validate_text(&name_field, name, a, out, e);
}

/* 409 when another group (not except) has the name, in any case. */
static int name_free(struct store *s, const char *name, int64_t except, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT id FROM user_group WHERE lower(name) = lower(?) AND id <> ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_text(st, 1, name);
	stmt_bind_int(st, 2, except);
	step = stmt_step(st, e);
	stmt_done(st);
	if (step == STORE_ROW)
		return err_field(e, "name", "duplicate", "There is already a group called %s.", name);
	return step < 0 ? -1 : 0;
}

static void read_group(struct stmt *st, struct arena *a, struct group *g)
{
	g->id = stmt_int(st, 0);
	g->name = arena_strdup(a, stmt_text(st, 1));
	g->description = arena_strdup(a, stmt_text(st, 2));
	g->created_at = arena_strdup(a, stmt_text(st, 3));
	g->members = stmt_int(st, 4);
}

#define GROUP_SELECT                                                                                        \
	"SELECT g.id, g.name, g.description, g.created_at, "                                                  \
	"(SELECT COUNT(*) FROM user_group_member m WHERE m.group_id = g.id) FROM user_group g"

int group_list(struct store *s, struct arena *a, struct group **out, int *n, struct err *e)
{
	struct stmt *st = store_prepare(s, GROUP_SELECT " ORDER BY lower(g.name)", e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		read_group(st, a, &(*out)[(*n)++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int group_get(struct store *s, int64_t id, struct arena *a, struct group *out, struct err *e)
{
	struct stmt *st = store_prepare(s, GROUP_SELECT " WHERE g.id = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		read_group(st, a, out);
	stmt_done(st);
	if (step == STORE_DONE)
		return err_set(e, 404, "not_found", "There is no group %lld.", (long long)id);
	return step < 0 ? -1 : 0;
}

int group_create(struct store *s, const struct actor *who, const char *name, const char *description, int64_t *id,
		 struct err *e)
{
	struct arena a = ARENA_INIT;
	struct stmt *st;
	const char *n = NULL, *d = NULL;
	char now[32];
	int rc = -1;
	if (may_change(who, e) || check_name(name, &a, &n, e) ||
	    (description && validate_text(&description_field, description, &a, &d, e))) {
		arena_release(&a);
		return -1;
	}
	time_now_iso(now);
	if (store_begin(s, e)) {
		arena_release(&a);
		return -1;
	}
	if (name_free(s, n, 0, e))
		goto out;
	if (!(st = store_prepare(s, "INSERT INTO user_group (name, description, created_at, created_by) "
				    "VALUES (?, ?, ?, ?) RETURNING id", e)))
		goto out;
	stmt_bind_text(st, 1, n);
	stmt_bind_text(st, 2, d && *d ? d : NULL);
	stmt_bind_text(st, 3, now);
	stmt_bind_id(st, 4, who ? who->user_id : 0);
	if (stmt_step(st, e) != STORE_ROW) {
		stmt_done(st);
		goto out;
	}
	*id = stmt_int(st, 0);
	stmt_done(st);
	if (audit_append(s, who, "group_create", "group", *id, NULL, group_json(&a, n, d, 0, NULL), e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

int group_update(struct store *s, const struct actor *who, int64_t id, const char *name, const char *description,
		 struct err *e)
{
	struct arena a = ARENA_INIT;
	struct group g;
	const char *n = NULL, *d = NULL;
	int rc = -1;
	if (may_change(who, e) || (name && check_name(name, &a, &n, e)) ||
	    (description && validate_text(&description_field, description, &a, &d, e))) {
		arena_release(&a);
		return -1;
	}
	if (store_begin(s, e)) {
		arena_release(&a);
		return -1;
	}
	if (group_get(s, id, &a, &g, e) || (n && name_free(s, n, id, e)))
		goto out;
	if (!n)
		n = g.name;
	if (!description)
		d = g.description;
	if (STORE_RUN(s, e, "UPDATE user_group SET name = ?, description = ? WHERE id = ?", ARG_TEXT(n),
		      ARG_TEXT(d && *d ? d : NULL), ARG_INT(id)) ||
	    audit_append(s, who, "group_update", "group", id, group_json(&a, g.name, g.description, 0, NULL),
			 group_json(&a, n, d, 0, NULL), e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

/* Tables whose group_id names a group: a group one of them names is in use
 * and cannot be deleted (409 in_use) until those rows are removed. */
static const struct {
	const char *table, *what;
} group_refs[] = {
	{ "training_assignment", "training assignments" },
};

static int group_unused(struct store *s, const struct group *g, struct err *e)
{
	for (size_t i = 0; i < sizeof(group_refs) / sizeof(group_refs[0]); i++) {
		struct strbuf sql = STRBUF_INIT;
		struct stmt *st;
		int64_t n = 0;
		int step;
		sb_addf(&sql, "SELECT COUNT(*) FROM %s WHERE group_id = ?", group_refs[i].table);
		st = store_prepare(s, sql.buf, e);
		sb_release(&sql);
		if (!st)
			return -1;
		stmt_bind_int(st, 1, g->id);
		if ((step = stmt_step(st, e)) == STORE_ROW)
			n = stmt_int(st, 0);
		stmt_done(st);
		if (step < 0)
			return -1;
		if (n)
			return err_set(e, 409, "in_use", "%s is the audience of %lld %s; remove them first.", g->name,
				       (long long)n, group_refs[i].what);
	}
	return 0;
}

int group_delete(struct store *s, const struct actor *who, int64_t id, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct group g;
	int rc = -1;
	if (may_change(who, e))
		return -1;
	if (store_begin(s, e))
		return -1;
	if (group_get(s, id, &a, &g, e) || group_unused(s, &g, e) ||
	    STORE_RUN(s, e, "DELETE FROM user_group_member WHERE group_id = ?", ARG_INT(id)) ||
	    STORE_RUN(s, e, "DELETE FROM user_group WHERE id = ?", ARG_INT(id)) ||
	    audit_append(s, who, "group_delete", "group", id, group_json(&a, g.name, g.description, 0, NULL), NULL, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

int group_members(struct store *s, int64_t id, struct arena *a, struct group_member **out, int *n, struct err *e)
{
	struct stmt *st = store_prepare(s,
					"SELECT u.id, u.name, u.email, m.added_at, u.disabled FROM user_group_member m "
					"JOIN users u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY lower(u.name), u.id",
					e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct group_member *m;
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		m = &(*out)[(*n)++];
		m->user_id = stmt_int(st, 0);
		m->name = arena_strdup(a, stmt_text(st, 1));
		m->email = arena_strdup(a, stmt_text(st, 2));
		m->added_at = arena_strdup(a, stmt_text(st, 3));
		m->disabled = (int)stmt_int(st, 4);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int group_has_member(struct store *s, int64_t id, int64_t user_id, int *out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT 1 FROM user_group_member WHERE group_id = ? AND user_id = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, user_id);
	step = stmt_step(st, e);
	stmt_done(st);
	*out = step == STORE_ROW;
	return step < 0 ? -1 : 0;
}

static int member_change(struct store *s, const struct actor *who, int64_t id, int64_t user_id, int add,
			 struct err *e)
{
	struct arena a = ARENA_INIT;
	struct group g;
	struct stmt *st;
	const char *user = NULL, *json;
	char now[32];
	int is, step, rc = -1;
	if (may_change(who, e))
		return -1;
	if (store_begin(s, e))
		return -1;
	if (group_get(s, id, &a, &g, e))
		goto out;
	if (!(st = store_prepare(s, "SELECT name FROM users WHERE id = ?", e)))
		goto out;
	stmt_bind_int(st, 1, user_id);
	if ((step = stmt_step(st, e)) == STORE_ROW)
		user = arena_strdup(&a, stmt_text(st, 0));
	stmt_done(st);
	if (step < 0)
		goto out;
	if (!user) {
		err_field(e, "user_id", "reference", "No user with id %lld.", (long long)user_id);
		goto out;
	}
	if (group_has_member(s, id, user_id, &is, e))
		goto out;
	if (add && is) {
		err_set(e, 409, "duplicate", "%s is already a member of %s.", user, g.name);
		goto out;
	}
	if (!add && !is) {
		err_set(e, 404, "not_member", "%s is not a member of %s.", user, g.name);
		goto out;
	}
	time_now_iso(now);
	json = group_json(&a, g.name, NULL, user_id, user);
	if ((add ? STORE_RUN(s, e, "INSERT INTO user_group_member (group_id, user_id, added_at, added_by) "
				   "VALUES (?, ?, ?, ?)",
			     ARG_INT(id), ARG_INT(user_id), ARG_TEXT(now),
			     who && who->user_id ? ARG_INT(who->user_id) : ARG_TEXT(NULL))
		 : STORE_RUN(s, e, "DELETE FROM user_group_member WHERE group_id = ? AND user_id = ?", ARG_INT(id),
			     ARG_INT(user_id))) ||
	    audit_append(s, who, add ? "group_member_add" : "group_member_remove", "group", id, add ? NULL : json,
			 add ? json : NULL, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

int group_member_add(struct store *s, const struct actor *who, int64_t id, int64_t user_id, struct err *e)
{
	return member_change(s, who, id, user_id, 1, e);
}

int group_member_remove(struct store *s, const struct actor *who, int64_t id, int64_t user_id, struct err *e)
{
	return member_change(s, who, id, user_id, 0, e);
}
