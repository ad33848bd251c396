#include "isms/doc_version.h"

#include <ctype.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/doc_ack.h"

static const char *const action_names[] = { "submit", "approve", "publish", "retire" };

int doc_action_parse(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (name && strcmp(name, action_names[i]) == 0)
			return i;
	return -1;
}

const char *doc_action_name(enum doc_action act)
{
	return action_names[act];
}

const struct entity *doc_entity(void)
{
	return entity_by_name("document");
}

static int fi(const char *name)
{
	return entity_field_index(doc_entity(), name);
}

static void set_in(struct input *in, const char *field, const char *value)
{
	int i = fi(field);
	in->set[i] = 1;
	in->values[i] = value;
}

static int64_t value_int(const struct record *r, const char *field)
{
	int64_t n = 0;
	const char *v = r->values[fi(field)];
	if (v)
		parse_int64(v, &n);
	return n;
}

/* "1.0" -> "1.1", "v2" -> "v3", "draft" -> "draft.1": the last number counted up. */
static const char *next_label(const char *label, struct arena *a)
{
	size_t n, end, start;
	int64_t num = 0;
	if (!label || !*label)
		return NULL;
	n = strlen(label);
	end = n;
	while (end > 0 && !isdigit((unsigned char)label[end - 1]))
		end--;
	start = end;
	while (start > 0 && isdigit((unsigned char)label[start - 1]))
		start--;
	if (end == start || end - start > 9 || parse_int64_n(label + start, end - start, &num))
		return n + 2 <= 20 ? arena_printf(a, "%s.1", label) : label;
	return arena_printf(a, "%.*s%lld%s", (int)start, label, (long long)num + 1, label + end);
}

int doc_record_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a,
		       struct err *e)
{
	static const char *const text_fields[] = { "title", "summary", "body", "version_label" };
	const char *state;
	int changed = 0;
	(void)s;
	(void)e;
	if (!before) {
		set_in(in, "state", "draft");
		set_in(in, "version_number", "1");
		return 0;
	}
	for (size_t k = 0; k < sizeof(text_fields) / sizeof(text_fields[0]); k++) {
		int i = fi(text_fields[k]);
		if (in->set[i] && !streq(in->values[i], before->values[i]))
			changed = 1;
	}
	if (!changed)
		return 0;
	state = before->values[fi("state")];
	if (streq(state, "published") || streq(state, "retired")) {
		int li = fi("version_label");
		set_in(in, "version_number", arena_printf(a, "%lld", (long long)value_int(before, "version_number") + 1));
		if (!in->set[li] || streq(in->values[li], before->values[li]))
			set_in(in, "version_label", next_label(before->values[li], a));
		if (!in->set[fi("change_note")])
			set_in(in, "change_note", NULL);
	} else if (!streq(state, "in_review") && !streq(state, "approved")) {
		return 0;
	}
	set_in(in, "state", "draft");
	set_in(in, "approver", NULL);
	set_in(in, "approved_at", NULL);
	return 0;
}

static void bind_opt_int(struct stmt *st, int idx, const char *v)
{
	int64_t n;
	if (v && parse_int64(v, &n) == 0)
		stmt_bind_int(st, idx, n);
	else
		stmt_bind_null(st, idx);
}

#define VERSION_SELECT                                                                                      \
	"SELECT v.id, v.document_id, v.number, v.label, v.title, v.summary, v.body, v.change_note, v.state, "  \
	"v.submitted_by, v.approver, v.published_by, v.created_by, v.updated_by, v.submitted_at, v.approved_at, " \
	"v.published_at, v.retired_at, v.created_at, v.updated_at, ua.name, ub.name FROM document_version v "  \
	"LEFT JOIN users ua ON ua.id = v.approver LEFT JOIN users ub ON ub.id = v.updated_by"

static void read_version(struct stmt *st, struct arena *a, struct doc_version *v)
{
	v->id = stmt_int(st, 0);
	v->document_id = stmt_int(st, 1);
	v->number = stmt_int(st, 2);
	v->label = arena_strdup(a, stmt_text(st, 3));
	v->title = arena_strdup(a, stmt_text(st, 4));
	v->summary = arena_strdup(a, stmt_text(st, 5));
	v->body = arena_strdup(a, stmt_text(st, 6));
	v->change_note = arena_strdup(a, stmt_text(st, 7));
	v->state = arena_strdup(a, stmt_text(st, 8));
	v->submitted_by = stmt_int(st, 9);
	v->approver = stmt_int(st, 10);
	v->published_by = stmt_int(st, 11);
	v->created_by = stmt_int(st, 12);
	v->updated_by = stmt_int(st, 13);
	v->submitted_at = arena_strdup(a, stmt_text(st, 14));
	v->approved_at = arena_strdup(a, stmt_text(st, 15));
	v->published_at = arena_strdup(a, stmt_text(st, 16));
	v->retired_at = arena_strdup(a, stmt_text(st, 17));
	v->created_at = arena_strdup(a, stmt_text(st, 18));
	v->updated_at = arena_strdup(a, stmt_text(st, 19));
	v->approver_name = arena_strdup(a, stmt_text(st, 20));
	v->author_name = arena_strdup(a, stmt_text(st, 21));
}

/* Version number of document id, whoever asks; *found 0 when absent. */
static int load_version(struct store *s, int64_t id, int64_t number, struct arena *a, struct doc_version *out,
			int *found, struct err *e)
{
	struct stmt *st = store_prepare(s, VERSION_SELECT " WHERE v.document_id = ? AND v.number = ?", e);
	int step;
	*found = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	stmt_bind_int(st, 2, number);
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		read_version(st, a, out);
		*found = 1;
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int doc_record_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct err *e)
{
	const struct entity *ent = doc_entity();
	struct record r;
	struct doc_version v;
	struct stmt *st;
	const char *title, *summary, *body, *label;
	char now[32];
	int found, rewritten, step;
	int64_t number;

	if (record_get(s, ent, id, a, &r, e))
		return -1;
	number = value_int(&r, "version_number");
	if (load_version(s, id, number, a, &v, &found, e))
		return -1;
	title = r.values[fi("title")];
	summary = r.values[fi("summary")];
	body = r.values[fi("body")];
	label = r.values[fi("version_label")];
	rewritten = !found || !streq(v.title, title) || !streq(v.summary, summary) || !streq(v.body, body) ||
		    !streq(v.label, label);
	time_now_iso(now);
	st = store_prepare(s, found ? "UPDATE document_version SET label = ?, title = ?, summary = ?, body = ?, "
				      "change_note = ?, state = ?, approver = ?, approved_at = ?, updated_at = ?, "
				      "updated_by = ? WHERE document_id = ? AND number = ?"
				    : "INSERT INTO document_version (label, title, summary, body, change_note, state, "
				      "approver, approved_at, updated_at, updated_by, document_id, number, created_at, "
				      "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			   e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, label);
	stmt_bind_text(st, 2, title);
	stmt_bind_text(st, 3, summary);
	stmt_bind_text(st, 4, body);
	stmt_bind_text(st, 5, r.values[fi("change_note")]);
	stmt_bind_text(st, 6, r.values[fi("state")]);
	bind_opt_int(st, 7, r.values[fi("approver")]);
	stmt_bind_text(st, 8, r.values[fi("approved_at")]);
	/* updated_*: the last change of the text (who wrote it, for the four-eyes rule) */
	stmt_bind_text(st, 9, rewritten ? now : v.updated_at);
	stmt_bind_id(st, 10, rewritten ? (who ? who->user_id : 0) : v.updated_by);
	stmt_bind_int(st, 11, id);
	stmt_bind_int(st, 12, number);
	if (!found) {
		stmt_bind_text(st, 13, now);
		stmt_bind_id(st, 14, who ? who->user_id : 0);
	}
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int doc_sees_drafts(const struct actor *who, const struct record *r)
{
	static const struct record_scope drafts = { ROLE_AUDITOR, { "owner", "approver" }, NULL, NULL };
	return record_in_scope(doc_entity(), &drafts, who, r);
}

int doc_versions(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct doc_version **out,
		 int *n, struct err *e)
{
	struct record r;
	struct stmt *st;
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (record_read(s, who, doc_entity(), id, a, &r, e))
		return -1;
	st = store_prepare(s, doc_sees_drafts(who, &r)
				      ? VERSION_SELECT " WHERE v.document_id = ? ORDER BY v.number DESC"
				      : VERSION_SELECT " WHERE v.document_id = ? AND v.published_at IS NOT NULL "
							"ORDER BY v.number DESC",
			   e);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		read_version(st, a, &(*out)[(*n)++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int doc_version_get(struct store *s, const struct actor *who, int64_t id, int64_t number, struct arena *a,
		    struct doc_version *out, struct err *e)
{
	struct record r;
	int found;
	if (record_read(s, who, doc_entity(), id, a, &r, e) || load_version(s, id, number, a, out, &found, e))
		return -1;
	if (!found || (!out->published_at && !doc_sees_drafts(who, &r)))
		return err_set(e, 404, "not_found", "Document %lld has no version %lld.", (long long)id,
			       (long long)number);
	return 0;
}

static const char *state_label(const char *state)
{
	return streq(state, "in_review") ? "in review" : state ? state : "without a state";
}

/* What act needs of the version before it runs; fills in with the change. */
static int check_action(struct store *s, const struct actor *who, const struct record *r,
			const struct doc_version *v, enum doc_action act, const struct doc_audience *aud,
			struct input *in, struct arena *a, struct err *e)
{
	const char *state = r->values[fi("state")];
	char now[32];
	time_now_iso(now);
	switch (act) {
	case DOC_SUBMIT:
		if (!streq(state, "draft"))
			return err_set(e, 409, "bad_state", "Only a draft can be submitted for review; version %lld is %s.",
				       (long long)v->number, state_label(state));
		if (!r->values[fi("body")] || !*r->values[fi("body")])
			return err_field(e, "body", "required", "Write the document's text before submitting it for review.");
		set_in(in, "state", "in_review");
		return 0;
	case DOC_APPROVE:
		if (!streq(state, "in_review"))
			return err_set(e, 409, "bad_state", "Only a version in review can be approved; version %lld is %s.",
				       (long long)v->number, state_label(state));
		if (who->user_id && (who->user_id == v->created_by || who->user_id == v->updated_by ||
				     who->user_id == v->submitted_by))
			return err_set(e, 403, "own_version", "You wrote or submitted version %lld: another ISMS manager "
				       "must approve it, so that two people have read every version.", (long long)v->number);
		set_in(in, "state", "approved");
		set_in(in, "approver", who->user_id ? arena_printf(a, "%lld", (long long)who->user_id) : NULL);
		set_in(in, "approved_at", arena_strndup(a, now, 10));
		return 0;
	case DOC_PUBLISH: {
		char next[16];
		int64_t months = value_int(r, "review_interval_months");
		if (!streq(state, "approved")) {
			err_set(e, 422, "not_approved", "Publishing needs an approved version: a document goes draft, in "
				"review, approved, then published, and version %lld is %s.", (long long)v->number,
				state_label(state));
			return err_field(e, "state", "not_approved", "%s", e->message);
		}
		if (aud && doc_audience_save_within(s, r->id, aud, e))
			return -1;
		set_in(in, "state", "published");
		set_in(in, "published_version", arena_printf(a, "%lld", (long long)v->number));
		set_in(in, "published_at", arena_strdup(a, now));
		if (months > 0) {
			time_today_plus_months((int)months, next);
			set_in(in, "next_review", arena_strdup(a, next));
		}
		return 0;
	}
	case DOC_RETIRE:
		if (streq(state, "retired"))
			return err_set(e, 409, "bad_state", "This document is already retired.");
		set_in(in, "state", "retired");
		set_in(in, "published_version", NULL);
		set_in(in, "next_review", NULL);
		return 0;
	}
	return err_set(e, 500, "internal", "Unknown document action.");
}

/* The version rows an action changes besides the one the record rule keeps. */
static int after_action(struct store *s, const struct actor *who, const struct record *r, int64_t number,
			enum doc_action act, struct err *e)
{
	char now[32];
	const char *uid = NULL;
	struct arena a = ARENA_INIT;
	int64_t published = value_int(r, "published_version");
	int rc = 0;
	time_now_iso(now);
	if (who->user_id)
		uid = arena_printf(&a, "%lld", (long long)who->user_id);
	if (act == DOC_SUBMIT)
		rc = STORE_RUN(s, e, "UPDATE document_version SET submitted_by = ?, submitted_at = ? WHERE document_id = ? "
				     "AND number = ?", ARG_TEXT(uid), ARG_TEXT(now), ARG_INT(r->id), ARG_INT(number));
	else if (act == DOC_PUBLISH)
		rc = STORE_RUN(s, e, "UPDATE document_version SET published_by = ?, published_at = ? WHERE document_id = ? "
				     "AND number = ?", ARG_TEXT(uid), ARG_TEXT(now), ARG_INT(r->id), ARG_INT(number)) ||
		     (published && published != number &&
		      STORE_RUN(s, e, "UPDATE document_version SET state = 'superseded' WHERE document_id = ? AND number = ?",
				ARG_INT(r->id), ARG_INT(published)));
	else if (act == DOC_RETIRE)
		rc = STORE_RUN(s, e, "UPDATE document_version SET state = 'retired', retired_at = ? WHERE document_id = ? "
				     "AND (number = ? OR number = ?)", ARG_TEXT(now), ARG_INT(r->id), ARG_INT(number),
			       ARG_INT(published));
	arena_release(&a);
	return rc;
}

int doc_action(struct store *s, const struct actor *who, int64_t id, enum doc_action act, int64_t if_version,
	       const struct doc_audience *aud, struct arena *a, struct err *e)
{
	const struct entity *ent = doc_entity();
	struct record r;
	struct doc_version v;
	struct input in;
	struct strbuf sb = STRBUF_INIT;
	int found, first = 1, rc = -1;

	if (who->role < ROLE_MANAGER)
		return err_set(e, 403, "forbidden", "Submitting, approving, publishing and retiring documents needs the "
			       "ISMS manager role or above.");
	if (aud && act != DOC_PUBLISH)
		return err_field(e, "audience", "unexpected", "Only publishing takes an audience.");
	if (store_begin(s, e))
		return -1;
	if (record_get(s, ent, id, a, &r, e) || record_check_change(ent, who, &r, e))
		goto out;
	if (r.archived) {
		err_set(e, 409, "archived", "This document is archived and can no longer change.");
		goto out;
	}
	if (if_version && if_version != r.version) {
		err_set(e, 412, "stale", "This document was changed by someone else (now version %lld, you had %lld); "
			"reload and retry.", (long long)r.version, (long long)if_version);
		goto out;
	}
	if (load_version(s, id, value_int(&r, "version_number"), a, &v, &found, e))
		goto out;
	if (!found) {
		err_set(e, 500, "internal", "Document %lld has no row for its version.", (long long)id);
		goto out;
	}
	input_init(&in, ent, a);
	if (check_action(s, who, &r, &v, act, aud, &in, a, e) ||
	    after_action(s, who, &r, v.number, act, e) ||
	    record_update_within(s, who, ent, id, r.version, &in, a, e))
		goto out;
	sb_addc(&sb, '{');
	jsonw_kv_int(&sb, &first, "version", v.number);
	jsonw_kv_str(&sb, &first, "label", v.label);
	jsonw_kv_str(&sb, &first, "from", r.values[fi("state")]);
	jsonw_kv_str(&sb, &first, "to", in.values[fi("state")]);
	if (act == DOC_PUBLISH) {
		struct doc_audience now_aud;
		if (doc_audience_get(s, id, a, &now_aud, e))
			goto out;
		jsonw_key(&sb, &first, "audience");
		doc_audience_json(&sb, &now_aud);
	}
	sb_addc(&sb, '}');
	if (audit_append(s, who, arena_printf(a, "document_%s", action_names[act]), "document", id, NULL, sb.buf, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	sb_release(&sb);
	return rc;
}
