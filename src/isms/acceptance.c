#include "isms/acceptance.h"

#include <stdio.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"
#include "isms/risk_method.h"
#include "isms/settings.h"

static const struct actor system_actor = { 0, ROLE_ADMIN, "system", "isms housekeeping" };

#define SELECT_ACCEPTANCE                                                                                   \
	"SELECT a.id, a.risk_id, a.accepted_by, u.name, a.accepted_at, a.rationale, a.expires_on, "         \
	"a.accepted_score, a.accepted_level, a.method_version, a.revoked_at, a.revoked_by, v.name, a.expired_at " \
	"FROM risk_acceptance a LEFT JOIN users u ON u.id = a.accepted_by LEFT JOIN users v ON v.id = a.revoked_by"

static void today(char out[16])
{
	time_today_plus_months(0, out);
}

static void read_acceptance(struct stmt *st, struct arena *a, const char *now, struct acceptance *ac)
{
	memset(ac, 0, sizeof(*ac));
	ac->id = stmt_int(st, 0);
	ac->risk_id = stmt_int(st, 1);
	ac->accepted_by = stmt_int(st, 2);
	ac->accepted_by_name = arena_strdup(a, stmt_text(st, 3));
	ac->accepted_at = arena_strdup(a, stmt_text(st, 4));
	ac->rationale = arena_strdup(a, stmt_text(st, 5));
	ac->expires_on = arena_strdup(a, stmt_text(st, 6));
	ac->has_score = stmt_text(st, 7) != NULL;
	ac->accepted_score = stmt_int(st, 7);
	ac->accepted_level = arena_strdup(a, stmt_text(st, 8));
	ac->method_version = stmt_int(st, 9);
	ac->revoked_at = arena_strdup(a, stmt_text(st, 10));
	ac->revoked_by = stmt_int(st, 11);
	ac->revoked_by_name = arena_strdup(a, stmt_text(st, 12));
	ac->expired_at = arena_strdup(a, stmt_text(st, 13));
	if (ac->revoked_at)
		ac->state = "revoked";
	else if (ac->expired_at || strcmp(ac->expires_on, now) <= 0)
		ac->state = "expired";
	else
		ac->state = "valid";
}

/* The risk's acceptances, newest first; only the one of id when id > 0. */
static int query(struct store *s, int64_t risk_id, int64_t id, struct arena *a, struct acceptance **out,
		 struct err *e)
{
	struct stmt *st = store_prepare(s, id ? SELECT_ACCEPTANCE " WHERE a.risk_id = ? AND a.id = ?"
					      : SELECT_ACCEPTANCE " WHERE a.risk_id = ? ORDER BY a.id DESC", e);
	char now[16];
	int n = 0, cap = 0, step;
	*out = NULL;
	if (!st)
		return -1;
	today(now);
	stmt_bind_int(st, 1, risk_id);
	if (id)
		stmt_bind_int(st, 2, id);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, n, &cap, sizeof(**out));
		read_acceptance(st, a, now, &(*out)[n++]);
	}
	stmt_done(st);
	return step < 0 ? -1 : n;
}

int acceptance_list(struct store *s, int64_t risk_id, struct arena *a, struct acceptance **out, struct err *e)
{
	return query(s, risk_id, 0, a, out, e);
}

int acceptance_get(struct store *s, int64_t risk_id, int64_t id, struct arena *a, struct acceptance *out,
		   struct err *e)
{
	struct acceptance *found;
	int n = query(s, risk_id, id, a, &found, e);
	if (n < 0)
		return -1;
	if (n == 0)
		return err_set(e, 404, "not_found", "Risk %lld has no acceptance with id %lld.", (long long)risk_id,
			       (long long)id);
	*out = found[0];
	return 0;
}

void acceptance_to_json(const struct acceptance *ac, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", ac->id);
	jsonw_kv_int(sb, &first, "risk", ac->risk_id);
	jsonw_kv_id(sb, &first, "accepted_by", ac->accepted_by);
	jsonw_kv_str(sb, &first, "accepted_by_name", ac->accepted_by_name);
	jsonw_kv_str(sb, &first, "accepted_at", ac->accepted_at);
	jsonw_kv_str(sb, &first, "rationale", ac->rationale);
	jsonw_kv_str(sb, &first, "expires_on", ac->expires_on);
	jsonw_key(sb, &first, "accepted_score");
	if (ac->has_score)
		sb_addf(sb, "%lld", (long long)ac->accepted_score);
	else
		sb_adds(sb, "null");
	jsonw_kv_str(sb, &first, "accepted_level", ac->accepted_level);
	jsonw_kv_id(sb, &first, "method_version", ac->method_version);
	jsonw_kv_str(sb, &first, "state", ac->state);
	jsonw_kv_str(sb, &first, "revoked_at", ac->revoked_at);
	jsonw_kv_id(sb, &first, "revoked_by", ac->revoked_by);
	jsonw_kv_str(sb, &first, "expired_at", ac->expired_at);
	sb_addc(sb, '}');
}

static const char *json_of(const struct acceptance *ac, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	acceptance_to_json(ac, &sb);
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

static const char *value(const struct record *r, const char *name)
{
	return r->values[entity_field_index(entity_by_name("risk"), name)];
}

static int64_t int_value(const struct record *r, const char *name)
{
	int64_t v = 0;
	const char *t = value(r, name);
	if (t)
		parse_int64(t, &v);
	return v;
}

int acceptance_may_sign(struct store *s, const struct actor *who, const struct record *r)
{
	return (who->user_id && int_value(r, "owner") == who->user_id) ||
	       (int64_t)who->role >= settings_get(s, SETTING_RISK_ACCEPTANCE_ROLE);
}

static int refuse_signer(struct store *s, const struct record *r, struct err *e)
{
	const char *owner = r->titles[entity_field_index(entity_by_name("risk"), "owner")];
	const char *role = role_label((enum role)settings_get(s, SETTING_RISK_ACCEPTANCE_ROLE));
	return err_set(e, 403, "may_not_accept",
		       "Only the risk owner (%s) or a user with the role %s or above may accept this risk or revoke "
		       "its acceptance.", owner ? owner : "none named", role);
}

/* The state of a stored risk, for the rule; field names the field. */
static void state_of(const struct record *r, const char *field, struct risk_state *st)
{
	int residual = value(r, "residual_level") != NULL;
	memset(st, 0, sizeof(*st));
	st->id = r->id;
	st->status = value(r, "status");
	st->treatment = value(r, "treatment");
	st->level = value(r, residual ? "residual_level" : "inherent_level");
	st->has_score = value(r, residual ? "residual_score" : "inherent_score") != NULL;
	st->score = int_value(r, residual ? "residual_score" : "inherent_score");
	st->method_version = int_value(r, "method_version");
	st->field = field;
}

/* The highest score a valid acceptance of the risk accepts in method
 * version mv: 1 with *best set, 0 when there is none, -1 on error. */
static int best_acceptance(struct store *s, int64_t risk_id, int64_t mv, int64_t *best, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT accepted_score FROM risk_acceptance WHERE risk_id = ? AND "
					   "revoked_at IS NULL AND expired_at IS NULL AND expires_on > ? AND "
					   "method_version = ? AND accepted_score IS NOT NULL "
					   "ORDER BY accepted_score DESC LIMIT 1", e);
	char now[16];
	int step;
	if (!st)
		return -1;
	today(now);
	stmt_bind_int(st, 1, risk_id);
	stmt_bind_text(st, 2, now);
	stmt_bind_int(st, 3, mv);
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		*best = stmt_int(st, 0);
	stmt_done(st);
	return step == STORE_ROW ? 1 : step == STORE_DONE ? 0 : -1;
}

int acceptance_rule(struct store *s, const struct risk_state *st, struct arena *a, struct err *e)
{
	struct risk_method m;
	int64_t best = 0;
	int k, found = 0;
	const char *what;
	if (!st->field || !st->level || !st->method_version)
		return 0;
	if (streq(st->status, "closed") || streq(st->status, "accepted"))
		what = streq(st->status, "closed") ? "closed" : "accepted";
	else if (streq(st->treatment, "retain"))
		what = "retained";
	else
		return 0;
	if (risk_method_get(s, st->method_version, a, &m, e))
		return -1;
	if ((k = rm_level_index(&m, st->level)) < 0 || k <= m.appetite)
		return 0;
	if (st->id && (found = best_acceptance(s, st->id, st->method_version, &best, e)) < 0)
		return -1;
	if (found && st->has_score && st->score <= best)
		return 0;
	if (found)
		err_field(e, st->field, "acceptance",
			  "The valid acceptance covers a score up to %lld; this risk scores %lld. Sign a new acceptance "
			  "before it is %s.", (long long)best, (long long)st->score, what);
	else
		err_field(e, st->field, "acceptance",
			  "Level %s is above the appetite (%s): sign an acceptance on the risk's page before it is %s.",
			  m.levels[k].label, m.levels[m.appetite].label, what);
	snprintf(e->message, sizeof(e->message),
		 "A risk above the risk appetite can be closed, accepted or retained only under a valid acceptance "
		 "signed by its risk owner or by a user with the role %s or above; nothing was changed.",
		 role_label((enum role)settings_get(s, SETTING_RISK_ACCEPTANCE_ROLE)));
	return -1;
}

/* The checks of a new acceptance's own values. */
static void check_values(const char *rationale, const char *expires_on, struct err *e)
{
	char now[16], latest[16];
	long len = rationale ? utf8_length(rationale) : 0;
	int blank = 1;
	for (const char *p = rationale; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			blank = 0;
	if (!rationale || blank)
		err_field(e, "rationale", "required", "Say why the organisation accepts this risk as it is.");
	else if (len < 0 || len > ACCEPTANCE_RATIONALE_MAX)
		err_field(e, "rationale", "too_long", "Must be valid text of at most %d characters.",
			  ACCEPTANCE_RATIONALE_MAX);
	today(now);
	time_today_plus_months(ACCEPTANCE_MAX_MONTHS, latest);
	if (!expires_on || !*expires_on)
		err_field(e, "expires_on", "required", "Give the date the acceptance ends (YYYY-MM-DD).");
	else if (time_check_date(expires_on))
		err_field(e, "expires_on", "date", "Must be a date as YYYY-MM-DD.");
	else if (strcmp(expires_on, now) <= 0)
		err_field(e, "expires_on", "past", "Must be after today (%s).", now);
	else if (strcmp(expires_on, latest) > 0)
		err_field(e, "expires_on", "too_far", "Must be at most %d months ahead (%s at the latest).",
			  ACCEPTANCE_MAX_MONTHS, latest);
}

/* Reads the risk for a change by who: 404 out of reach, 409 archived. */
static int risk_for_change(struct store *s, const struct actor *who, int64_t risk_id, struct arena *a,
			   struct record *r, struct err *e)
{
	if (record_read(s, who, entity_by_name("risk"), risk_id, a, r, e))
		return -1;
	if (r->archived)
		return err_set(e, 409, "archived", "This risk is archived; its acceptances can no longer change.");
	return 0;
}

int acceptance_create(struct store *s, const struct actor *who, int64_t risk_id, const char *rationale,
		      const char *expires_on, struct arena *a, int64_t *id, struct err *e)
{
	struct record r;
	struct risk_state st;
	struct acceptance ac;
	struct stmt *ins = NULL;
	char now[32];
	int rc = -1;

	if (store_begin(s, e))
		return -1;
	if (risk_for_change(s, who, risk_id, a, &r, e))
		goto out;
	if (!acceptance_may_sign(s, who, &r)) {
		refuse_signer(s, &r, e);
		goto out;
	}
	check_values(rationale, expires_on, e);
	if (e->nfields) {
		snprintf(e->message, sizeof(e->message), "The acceptance has %d problem%s; nothing was changed.",
			 e->nfields, e->nfields == 1 ? "" : "s");
		goto out;
	}
	state_of(&r, NULL, &st);
	if (!st.level || !st.has_score) {
		err_set(e, 409, "not_scored", "Score this risk (likelihood and impact) before accepting it: an "
			"acceptance accepts a scored level.");
		goto out;
	}
	if (!(ins = store_prepare(s, "INSERT INTO risk_acceptance (risk_id, accepted_by, accepted_at, rationale, "
				     "expires_on, accepted_score, accepted_level, method_version) "
				     "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", e)))
		goto out;
	time_now_iso(now);
	stmt_bind_int(ins, 1, risk_id);
	stmt_bind_int(ins, 2, who->user_id);
	stmt_bind_text(ins, 3, now);
	stmt_bind_text(ins, 4, rationale);
	stmt_bind_text(ins, 5, expires_on);
	stmt_bind_int(ins, 6, st.score);
	stmt_bind_text(ins, 7, st.level);
	stmt_bind_int(ins, 8, st.method_version);
	if (stmt_step(ins, e) != STORE_ROW)
		goto out;
	*id = stmt_int(ins, 0);
	stmt_done(ins);
	ins = NULL;
	if (acceptance_get(s, risk_id, *id, a, &ac, e) ||
	    audit_append(s, who, "risk_accept", "risk", risk_id, NULL, json_of(&ac, a), e))
		goto out;
	rc = store_commit(s, e);
out:
	stmt_done(ins);
	if (rc)
		store_rollback(s);
	return rc;
}

/* Inside the caller's transaction: a closed or accepted risk that no valid
 * acceptance covers any more goes back to 'assessed', by who. *reverted
 * tells whether it did; *uncovered whether the rule now fails. */
static int uncover(struct store *s, const struct actor *who, const struct record *r, struct arena *a,
		   int *uncovered, int *reverted, struct err *e)
{
	const struct entity *ent = entity_by_name("risk");
	struct risk_state st;
	struct err rule = ERR_INIT;
	struct input in;
	*uncovered = *reverted = 0;
	state_of(r, "status", &st);
	if (acceptance_rule(s, &st, a, &rule) == 0)
		return 0;
	if (!rule.nfields) { /* not the rule: the database */
		*e = rule;
		return -1;
	}
	*uncovered = 1;
	if (!streq(st.status, "closed") && !streq(st.status, "accepted"))
		return 0;
	input_init(&in, ent, a);
	in.set[entity_field_index(ent, "status")] = 1;
	in.values[entity_field_index(ent, "status")] = "assessed";
	*reverted = 1;
	return record_update_within(s, who, ent, r->id, r->version, &in, a, e);
}

int acceptance_revoke(struct store *s, const struct actor *who, int64_t risk_id, int64_t id, struct arena *a,
		      struct err *e)
{
	struct record r, now_r;
	struct acceptance before, after;
	char now[32];
	int rc = -1, uncovered, reverted;

	if (store_begin(s, e))
		return -1;
	if (risk_for_change(s, who, risk_id, a, &r, e) || acceptance_get(s, risk_id, id, a, &before, e))
		goto out;
	if (!acceptance_may_sign(s, who, &r) && who->user_id != before.accepted_by) {
		refuse_signer(s, &r, e);
		goto out;
	}
	if (!streq(before.state, "valid")) {
		err_set(e, 409, "not_valid", "This acceptance is already %s; there is nothing to revoke.", before.state);
		goto out;
	}
	time_now_iso(now);
	if (STORE_RUN(s, e, "UPDATE risk_acceptance SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
		      ARG_TEXT(now), ARG_INT(who->user_id), ARG_INT(id)))
		goto out;
	if (acceptance_get(s, risk_id, id, a, &after, e) ||
	    audit_append(s, who, "risk_accept_revoke", "risk", risk_id, json_of(&before, a), json_of(&after, a), e))
		goto out;
	if (record_get(s, entity_by_name("risk"), risk_id, a, &now_r, e) ||
	    uncover(s, who, &now_r, a, &uncovered, &reverted, e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}

/* A task for the risk owner (else whoever signed) to review the risk. */
static int review_task(struct store *s, const struct record *r, const struct acceptance *ac, struct arena *a,
		       struct err *e)
{
	const struct entity *task = entity_by_name("task");
	const char *owner = value(r, "owner"), *title = value(r, "title");
	struct input in;
	char due[16];
	int64_t id;
	input_init(&in, task, a);
	time_today_plus_months(1, due);
#define SET(name, v)                                                     \
	do {                                                             \
		in.set[entity_field_index(task, name)] = 1;              \
		in.values[entity_field_index(task, name)] = (v);         \
	} while (0)
	SET("title", arena_printf(a, "Review risk #%lld: its acceptance expired", (long long)r->id));
	SET("description",
	    arena_printf(a, "The acceptance of the risk \"%s\", signed by %s on %.10s, expired on %s. Decide again: "
			    "treat the risk, or sign a new acceptance with a fresh rationale.",
			 title ? title : "", ac->accepted_by_name ? ac->accepted_by_name : "someone", ac->accepted_at,
			 ac->expires_on));
	SET("owner", owner ? owner : arena_printf(a, "%lld", (long long)ac->accepted_by));
	SET("due_date", arena_strdup(a, due));
	SET("status", "open");
	SET("priority", "high");
	SET("risk", arena_printf(a, "%lld", (long long)r->id));
#undef SET
	return record_create_within(s, &system_actor, task, &in, a, &id, e);
}

/* One acceptance in its own transaction; *done is 1 when this call expired
 * it (another node may have been first). */
static int expire_one(struct store *s, int64_t id, int64_t risk_id, const char *day, int *done, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct acceptance before, after;
	struct record r;
	char now[32];
	int rc = -1, uncovered = 0, reverted = 0;

	*done = 0;
	if (store_begin(s, e)) {
		arena_release(&a);
		return -1;
	}
	if (acceptance_get(s, risk_id, id, &a, &before, e))
		goto out;
	time_now_iso(now);
	if (STORE_RUN(s, e, "UPDATE risk_acceptance SET expired_at = ? WHERE id = ? AND revoked_at IS NULL AND "
			    "expired_at IS NULL AND expires_on <= ?", ARG_TEXT(now), ARG_INT(id), ARG_TEXT(day)))
		goto out;
	if (store_changes(s) != 1) { /* revoked or expired meanwhile */
		rc = 0;
		goto out;
	}
	if (acceptance_get(s, risk_id, id, &a, &after, e) ||
	    audit_append(s, &system_actor, "risk_accept_expire", "risk", risk_id, json_of(&before, &a),
			 json_of(&after, &a), e) ||
	    record_get(s, entity_by_name("risk"), risk_id, &a, &r, e))
		goto out;
	if (!r.archived && (uncover(s, &system_actor, &r, &a, &uncovered, &reverted, e) ||
			    (uncovered && review_task(s, &r, &after, &a, e))))
		goto out;
	if ((rc = store_commit(s, e)) == 0)
		*done = 1;
out:
	if (rc || !*done)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

#define EXPIRE_BATCH 200

int acceptance_expire_due(struct store *s, int *count, struct err *e)
{
	struct stmt *st;
	int64_t ids[EXPIRE_BATCH], risks[EXPIRE_BATCH];
	char day[16];
	int n = 0, step, done;

	*count = 0;
	today(day);
	st = store_prepare(s, "SELECT id, risk_id FROM risk_acceptance WHERE revoked_at IS NULL AND expired_at IS NULL "
			      "AND expires_on <= ? ORDER BY id LIMIT ?", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1, day);
	stmt_bind_int(st, 2, EXPIRE_BATCH);
	while ((step = stmt_step(st, e)) == STORE_ROW && n < EXPIRE_BATCH) {
		ids[n] = stmt_int(st, 0);
		risks[n++] = stmt_int(st, 1);
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	for (int k = 0; k < n; k++) {
		if (expire_one(s, ids[k], risks[k], day, &done, e))
			return -1;
		*count += done;
	}
	return 0;
}
