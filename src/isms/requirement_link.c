#include "isms/requirement_link.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "isms/audit.h"
#include "isms/framework.h"
#include "isms/record.h"
#include "model/entity.h"

extern const struct entity entity_control;

/* The control, which who may change, live. */
static int load_control(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct record *r,
			struct err *e)
{
	if (record_get(s, &entity_control, id, a, r, e) || record_check_change(&entity_control, who, r, e))
		return -1;
	if (who && who->role < entity_control.write_role)
		return err_set(e, 403, "forbidden", "Your role does not allow changing controls.");
	if (r->archived)
		return err_set(e, 409, "archived", "This control is archived: its requirements can no longer change.");
	return 0;
}

/* The audit entry's JSON: which requirement, of which framework. */
static const char *req_json(struct store *s, const struct requirement *r, struct arena *a, struct err *e)
{
	struct framework f;
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	int first = 1;
	if (framework_get(s, r->framework_id, a, &f, e))
		return NULL;
	sb_addc(&sb, '{');
	jsonw_kv_int(&sb, &first, "requirement_id", r->id);
	jsonw_kv_str(&sb, &first, "framework", f.ref_id);
	jsonw_kv_str(&sb, &first, "ref_id", r->ref_id);
	jsonw_kv_str(&sb, &first, "title", r->title);
	sb_addc(&sb, '}');
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

static int linked(struct store *s, int64_t control_id, int64_t requirement_id, int *out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT 1 FROM control_requirement WHERE control_id = ? AND requirement_id = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, control_id);
	stmt_bind_int(st, 2, requirement_id);
	step = stmt_step(st, e);
	stmt_done(st);
	*out = step == STORE_ROW;
	return step < 0 ? -1 : 0;
}

/* Both changes: begin, check, write, audit, commit. */
static int change(struct store *s, const struct actor *who, int64_t control_id, int64_t requirement_id, int add,
		  struct arena *a, struct err *e)
{
	struct record c;
	struct requirement r;
	const char *json;
	char now[32];
	int exists, rc = -1;

	if (store_begin(s, e))
		return -1;
	if (load_control(s, who, control_id, a, &c, e))
		goto out;
	if (requirement_get(s, requirement_id, a, &r, e)) {
		if (e->status == 404) {
			err_clear(e);
			err_field(e, "requirement_id", "reference", "No requirement with id %lld.", (long long)requirement_id);
		}
		goto out;
	}
	if (linked(s, control_id, requirement_id, &exists, e) || !(json = req_json(s, &r, a, e)))
		goto out;
	if (add && exists) {
		err_set(e, 409, "duplicate", "The control already meets %s %s.", r.ref_id ? r.ref_id : "", r.title);
		goto out;
	}
	if (!add && !exists) {
		err_set(e, 404, "no_link", "The control is not linked to %s %s.", r.ref_id ? r.ref_id : "", r.title);
		goto out;
	}
	time_now_iso(now);
	if (add ? STORE_RUN(s, e,
			    "INSERT INTO control_requirement (control_id, requirement_id, created_at, created_by) "
			    "VALUES (?, ?, ?, ?)",
			    ARG_INT(control_id), ARG_INT(requirement_id), ARG_TEXT(now),
			    who && who->user_id ? ARG_INT(who->user_id) : ARG_TEXT(NULL))
		: STORE_RUN(s, e, "DELETE FROM control_requirement WHERE control_id = ? AND requirement_id = ?",
			    ARG_INT(control_id), ARG_INT(requirement_id)))
		goto out;
	if (audit_append(s, who, add ? "requirement_link" : "requirement_unlink", "control", control_id,
			 add ? NULL : json, add ? json : NULL, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

int requirement_link_add(struct store *s, const struct actor *who, int64_t control_id, int64_t requirement_id,
			 struct arena *a, struct err *e)
{
	return change(s, who, control_id, requirement_id, 1, a, e);
}

int requirement_link_remove(struct store *s, const struct actor *who, int64_t control_id,
			    int64_t requirement_id, struct arena *a, struct err *e)
{
	return change(s, who, control_id, requirement_id, 0, a, e);
}

int requirement_controls(struct store *s, int64_t requirement_id, struct arena *a, struct req_control **out,
			 int *n, struct err *e)
{
	struct stmt *st = store_prepare(s,
					"SELECT c.id, c.code, c.title, c.status, c.archived FROM control_requirement l "
					"JOIN control c ON c.id = l.control_id WHERE l.requirement_id = ? "
					"ORDER BY c.code, c.id",
					e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, requirement_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct req_control *c;
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		c = &(*out)[(*n)++];
		c->id = stmt_int(st, 0);
		c->code = arena_strdup(a, stmt_text(st, 1));
		c->title = arena_strdup(a, stmt_text(st, 2));
		c->status = arena_strdup(a, stmt_text(st, 3));
		c->archived = (int)stmt_int(st, 4);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int control_requirements(struct store *s, int64_t control_id, struct arena *a, struct control_req **out, int *n,
			 struct err *e)
{
	struct stmt *st = store_prepare(s,
					"SELECT r.id, r.framework_id, f.ref_id, r.ref_id, r.title FROM control_requirement l "
					"JOIN requirement r ON r.id = l.requirement_id JOIN framework f ON f.id = r.framework_id "
					"WHERE l.control_id = ? ORDER BY f.ref_id, r.framework_id, r.ordinal",
					e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, control_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct control_req *r;
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		r = &(*out)[(*n)++];
		r->id = stmt_int(st, 0);
		r->framework_id = stmt_int(st, 1);
		r->framework = arena_strdup(a, stmt_text(st, 2));
		r->ref_id = arena_strdup(a, stmt_text(st, 3));
		r->title = arena_strdup(a, stmt_text(st, 4));
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}
