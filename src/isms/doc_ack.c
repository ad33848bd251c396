#include "isms/doc_ack.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/doc_version.h"
#include "isms/group.h"

/* Whether user u (a users row aliased u) is in the audience of document
 * d.id: one SQL condition shared by every query here. */
#define IN_AUDIENCE                                                                                         \
	"EXISTS (SELECT 1 FROM document_audience da WHERE da.document_id = d.id AND (da.kind = 'everyone' "     \
	"OR (da.kind = 'role' AND da.role = u.role) OR (da.kind = 'group' AND EXISTS (SELECT 1 FROM "          \
	"user_group_member m WHERE m.group_id = da.group_id AND m.user_id = u.id))))"

int doc_audience_add_role(struct doc_audience *aud, const char *name, const char *field, struct err *e)
{
	enum role r;
	if (role_parse(name, &r) || r == ROLE_ANONYMOUS)
		return err_field(e, field, "unknown_role", "No role called '%s'; the roles are employee, auditor, "
				 "owner, isms_manager and admin.", name);
	for (int i = 0; i < aud->nroles; i++)
		if (aud->roles[i] == r)
			return err_field(e, field, "duplicate", "The role %s is named twice.", name);
	aud->roles[aud->nroles++] = r;
	return 0;
}

int doc_audience_add_group(struct doc_audience *aud, int64_t id, const char *field, struct err *e)
{
	if (id <= 0)
		return err_field(e, field, "reference", "A group is named by its id, a whole number above 0.");
	for (int i = 0; i < aud->ngroups; i++)
		if (aud->groups[i] == id)
			return err_field(e, field, "duplicate", "Group %lld is named twice.", (long long)id);
	if (aud->ngroups >= DOC_AUDIENCE_MAX_GROUPS)
		return err_field(e, field, "too_many", "At most %d groups.", DOC_AUDIENCE_MAX_GROUPS);
	aud->groups[aud->ngroups++] = id;
	return 0;
}

int doc_audience_parse(struct doc_audience *aud, int everyone, const char *roles, const char *groups,
		       struct err *e)
{
	char item[64];
	memset(aud, 0, sizeof(*aud));
	aud->everyone = everyone;
	for (const char *p = roles; p && *p;) {
		size_t n = strcspn(p, ",");
		snprintf(item, sizeof(item), "%.*s", (int)(n < sizeof(item) - 1 ? n : sizeof(item) - 1), p);
		if (*item && doc_audience_add_role(aud, item, "roles", e))
			return -1;
		p += n + (p[n] ? 1 : 0);
	}
	for (const char *p = groups; p && *p;) {
		size_t n = strcspn(p, ",");
		int64_t id = 0;
		if (n && (parse_int64_n(p, n, &id) || doc_audience_add_group(aud, id ? id : -1, "groups", e)))
			return err_field(e, "groups", "reference", "Groups are named by their ids, such as 3,5.");
		p += n + (p[n] ? 1 : 0);
	}
	return 0;
}

int doc_audience_get(struct store *s, int64_t doc_id, struct arena *a, struct doc_audience *out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT da.kind, da.role, da.group_id, g.name FROM document_audience da "
					   "LEFT JOIN user_group g ON g.id = da.group_id WHERE da.document_id = ? "
					   "ORDER BY da.kind, da.role, g.name", e);
	int step;
	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	stmt_bind_int(st, 1, doc_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		const char *kind = stmt_text(st, 0);
		enum role r;
		if (streq(kind, "everyone"))
			out->everyone = 1;
		else if (streq(kind, "role") && role_parse(stmt_text(st, 1), &r) == 0 && out->nroles < ROLE_COUNT)
			out->roles[out->nroles++] = r;
		else if (streq(kind, "group") && out->ngroups < DOC_AUDIENCE_MAX_GROUPS) {
			out->group_names[out->ngroups] = arena_strdup(a, stmt_text(st, 3));
			out->groups[out->ngroups++] = stmt_int(st, 2);
		}
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int doc_audience_save_within(struct store *s, int64_t doc_id, const struct doc_audience *aud, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct group g;
	int rc = -1;
	for (int i = 0; i < aud->ngroups; i++)
		if (group_get(s, aud->groups[i], &a, &g, e)) {
			if (e->status == 404) {
				err_clear(e);
				err_field(e, "groups", "reference", "There is no group %lld.", (long long)aud->groups[i]);
			}
			goto out;
		}
	if (STORE_RUN(s, e, "DELETE FROM document_audience WHERE document_id = ?", ARG_INT(doc_id)) ||
	    (aud->everyone && STORE_RUN(s, e, "INSERT INTO document_audience (document_id, kind) VALUES (?, 'everyone')",
					ARG_INT(doc_id))))
		goto out;
	for (int i = 0; i < aud->nroles; i++)
		if (STORE_RUN(s, e, "INSERT INTO document_audience (document_id, kind, role) VALUES (?, 'role', ?)",
			      ARG_INT(doc_id), ARG_TEXT(role_name(aud->roles[i]))))
			goto out;
	for (int i = 0; i < aud->ngroups; i++)
		if (STORE_RUN(s, e, "INSERT INTO document_audience (document_id, kind, group_id) VALUES (?, 'group', ?)",
			      ARG_INT(doc_id), ARG_INT(aud->groups[i])))
			goto out;
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

const char *doc_audience_text(const struct doc_audience *aud, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	if (aud->everyone)
		return "Everyone";
	if (!aud->nroles && !aud->ngroups)
		return "Nobody";
	for (int i = 0; i < aud->nroles; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "Roles: ", role_label(aud->roles[i]));
	for (int i = 0; i < aud->ngroups; i++)
		sb_addf(&sb, "%s%s", i ? ", " : (aud->nroles ? "; groups: " : "Groups: "),
			aud->group_names[i] ? aud->group_names[i] : "?");
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

void doc_audience_json(struct strbuf *sb, const struct doc_audience *aud)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_bool(sb, &first, "everyone", aud->everyone);
	jsonw_key(sb, &first, "roles");
	sb_addc(sb, '[');
	for (int i = 0; i < aud->nroles; i++) {
		if (i)
			sb_addc(sb, ',');
		jsonw_str(sb, role_name(aud->roles[i]));
	}
	sb_adds(sb, "]");
	jsonw_key(sb, &first, "groups");
	sb_addc(sb, '[');
	for (int i = 0; i < aud->ngroups; i++) {
		int ff = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &ff, "id", aud->groups[i]);
		jsonw_kv_str(sb, &ff, "name", aud->group_names[i]);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]}");
}

int doc_in_audience(struct store *s, int64_t id, int64_t user_id, int *out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT 1 FROM users u, document d WHERE u.id = ? AND d.id = ? AND "
					   "u.disabled = 0 AND " IN_AUDIENCE, e);
	int step;
	*out = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, user_id);
	stmt_bind_int(st, 2, id);
	step = stmt_step(st, e);
	stmt_done(st);
	*out = step == STORE_ROW;
	return step < 0 ? -1 : 0;
}

int doc_acknowledged_at(struct store *s, int64_t id, int64_t version, int64_t user_id, struct arena *a,
			const char **out, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT acknowledged_at FROM document_ack WHERE document_id = ? AND "
					   "version_number = ? AND user_id = ?", e);
	int step;
	*out = NULL;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, version);
	stmt_bind_int(st, 3, user_id);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		*out = arena_strdup(a, stmt_text(st, 0));
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int doc_acknowledge(struct store *s, const struct actor *who, int64_t id, int64_t version, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct record r;
	struct strbuf sb = STRBUF_INIT;
	const char *at = NULL, *label;
	int64_t published = 0;
	int in = 0, first = 1, rc = -1;
	char now[32];

	if (!who->user_id)
		return err_set(e, 422, "no_person", "Only a person acknowledges a document: name one (--as EMAIL).");
	if (store_begin(s, e))
		return -1;
	if (record_read(s, who, doc_entity(), id, &a, &r, e))
		goto out;
	label = r.values[entity_field_index(doc_entity(), "version_label")];
	if (r.values[entity_field_index(doc_entity(), "published_version")])
		parse_int64(r.values[entity_field_index(doc_entity(), "published_version")], &published);
	if (r.archived || !published) {
		err_set(e, 409, "not_published", "This document has no published version to acknowledge.");
		goto out;
	}
	if (version && version != published) {
		err_set(e, 409, "old_version", "Version %lld is not the published one; read version %lld and "
			"acknowledge that.", (long long)version, (long long)published);
		err_field(e, "version", "old_version", "%s", e->message);
		goto out;
	}
	if (doc_in_audience(s, id, who->user_id, &in, e) ||
	    doc_acknowledged_at(s, id, published, who->user_id, &a, &at, e))
		goto out;
	if (!in) {
		err_set(e, 403, "not_in_audience", "This document is not addressed to you, so there is nothing to "
			"acknowledge.");
		goto out;
	}
	if (at) {
		err_set(e, 409, "already_acknowledged", "You acknowledged version %lld on %s.", (long long)published, at);
		goto out;
	}
	{
		struct doc_version v;
		if (doc_version_get(s, who, id, published, &a, &v, e))
			goto out;
		label = v.label;
	}
	time_now_iso(now);
	if (STORE_RUN(s, e, "INSERT INTO document_ack (document_id, version_number, user_id, acknowledged_at) "
			    "VALUES (?, ?, ?, ?)", ARG_INT(id), ARG_INT(published), ARG_INT(who->user_id), ARG_TEXT(now)))
		goto out;
	sb_addc(&sb, '{');
	jsonw_kv_int(&sb, &first, "version", published);
	jsonw_kv_str(&sb, &first, "label", label);
	jsonw_kv_int(&sb, &first, "user_id", who->user_id);
	jsonw_kv_str(&sb, &first, "acknowledged_at", now);
	sb_addc(&sb, '}');
	if (audit_append(s, who, "document_acknowledge", "document", id, NULL, sb.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	sb_release(&sb);
	arena_release(&a);
	return rc;
}

int doc_ack_pending(struct store *s, int64_t user_id, struct arena *a, struct doc_pending **out, int *n,
		    struct err *e)
{
	struct stmt *st = store_prepare(
		s,
		"SELECT d.id, d.published_version, d.title, v.label, d.published_at FROM users u, document d "
		"JOIN document_version v ON v.document_id = d.id AND v.number = d.published_version "
		"WHERE u.id = ? AND u.disabled = 0 AND d.archived = 0 AND d.published_version IS NOT NULL AND " IN_AUDIENCE
		" AND NOT EXISTS (SELECT 1 FROM document_ack k WHERE k.document_id = d.id AND "
		"k.version_number = d.published_version AND k.user_id = u.id) ORDER BY d.published_at, d.id",
		e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, user_id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct doc_pending *p;
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		p = &(*out)[(*n)++];
		p->document_id = stmt_int(st, 0);
		p->version = stmt_int(st, 1);
		p->title = arena_strdup(a, stmt_text(st, 2));
		p->label = arena_strdup(a, stmt_text(st, 3));
		p->published_at = arena_strdup(a, stmt_text(st, 4));
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int doc_ack_report(struct store *s, const struct actor *who, int64_t id, struct arena *a,
		   struct doc_ack_report *out, struct err *e)
{
	struct record r;
	struct stmt *st;
	int cap = 0, step;
	const char *owner;
	memset(out, 0, sizeof(*out));
	if (record_read(s, who, doc_entity(), id, a, &r, e))
		return -1;
	owner = r.values[entity_field_index(doc_entity(), "owner")];
	if (who && who->role < ROLE_AUDITOR &&
	    !(owner && who->user_id && strcmp(owner, arena_printf(a, "%lld", (long long)who->user_id)) == 0))
		return err_set(e, 403, "forbidden", "Who has acknowledged a document is shown to its owner, auditors and "
			       "ISMS managers.");
	if (r.values[entity_field_index(doc_entity(), "published_version")])
		parse_int64(r.values[entity_field_index(doc_entity(), "published_version")], &out->version);
	out->published_at = r.values[entity_field_index(doc_entity(), "published_at")];
	if (!out->version)
		return 0;
	st = store_prepare(s, "SELECT u.id, u.name, u.email, u.role, k.acknowledged_at, v.label FROM users u "
			      "JOIN document d ON d.id = ? "
			      "JOIN document_version v ON v.document_id = d.id AND v.number = d.published_version "
			      "LEFT JOIN document_ack k ON k.document_id = d.id AND k.version_number = d.published_version "
			      "AND k.user_id = u.id WHERE u.disabled = 0 AND " IN_AUDIENCE
			      " ORDER BY (k.acknowledged_at IS NOT NULL), u.name, u.id", e);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		struct doc_ack_person *p;
		out->people = arena_grow(a, out->people, out->n, &cap, sizeof(*out->people));
		p = &out->people[out->n++];
		p->user_id = stmt_int(st, 0);
		p->name = arena_strdup(a, stmt_text(st, 1));
		p->email = arena_strdup(a, stmt_text(st, 2));
		p->role = arena_strdup(a, stmt_text(st, 3));
		p->acknowledged_at = arena_strdup(a, stmt_text(st, 4));
		out->label = arena_strdup(a, stmt_text(st, 5));
		out->audience++;
		if (p->acknowledged_at)
			out->acknowledged++;
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	out->percent = out->audience ? (int)(out->acknowledged * 100 / out->audience) : 0;
	return 0;
}

int doc_ack_rate(struct store *s, const char *doc_type, int64_t *acknowledged, int64_t *expected, struct err *e)
{
	struct stmt *st = store_prepare(
		s,
		doc_type ? "SELECT COUNT(*), COUNT(k.id) FROM users u JOIN document d ON d.archived = 0 AND "
			   "d.published_version IS NOT NULL AND d.doc_type = ? "
			   "LEFT JOIN document_ack k ON k.document_id = d.id AND k.version_number = d.published_version "
			   "AND k.user_id = u.id WHERE u.disabled = 0 AND " IN_AUDIENCE
			 : "SELECT COUNT(*), COUNT(k.id) FROM users u JOIN document d ON d.archived = 0 AND "
			   "d.published_version IS NOT NULL "
			   "LEFT JOIN document_ack k ON k.document_id = d.id AND k.version_number = d.published_version "
			   "AND k.user_id = u.id WHERE u.disabled = 0 AND " IN_AUDIENCE,
		e);
	int step;
	*acknowledged = *expected = 0;
	if (!st)
		return -1;
	if (doc_type)
		stmt_bind_text(st, 1, doc_type);
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		*expected = stmt_int(st, 0);
		*acknowledged = stmt_int(st, 1);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}
