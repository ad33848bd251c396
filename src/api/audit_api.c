/* audit_api: GET /api/v1/audit — the audit log, newest first, filtered by
 * actor, record, action and time. */
#include <string.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"

#define AUDIT_MAX_LIMIT 500

struct audit_query {
	const char *actor, *record_type, *record_id, *action, *from, *to;
	int64_t limit, offset;
	struct arena *arena;
	struct err *e;
};

static int audit_param(void *ctx, const char *key, const char *value)
{
	struct audit_query *q = ctx;
	char norm[32];
	int64_t n;
	if (strcmp(key, "actor") == 0 || strcmp(key, "record_id") == 0) {
		if (parse_int64(value, &n) || n <= 0)
			return err_set(q->e, 400, "bad_filter", "%s must be a positive whole number.", key);
		*(strcmp(key, "actor") == 0 ? &q->actor : &q->record_id) = value;
	} else if (strcmp(key, "record_type") == 0) {
		q->record_type = value;
	} else if (strcmp(key, "action") == 0) {
		q->action = value;
	} else if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0) {
		if (time_normalize_datetime(value, norm))
			return err_set(q->e, 400, "bad_filter", "%s must be a UTC time as YYYY-MM-DDTHH:MM:SSZ.", key);
		*(strcmp(key, "from") == 0 ? &q->from : &q->to) = arena_strdup(q->arena, norm);
	} else if (strcmp(key, "limit") == 0) {
		if (parse_int64(value, &q->limit) || q->limit < 1 || q->limit > AUDIT_MAX_LIMIT)
			return err_set(q->e, 400, "bad_parameter", "limit must be from 1 to %d.", AUDIT_MAX_LIMIT);
	} else if (strcmp(key, "offset") == 0) {
		if (parse_int64(value, &q->offset) || q->offset < 0)
			return err_set(q->e, 400, "bad_parameter", "offset must be at least 0.");
	} else {
		return err_set(q->e, 400, "bad_parameter",
			       "Unknown query parameter '%s': use actor, record_type, record_id, action, from, to, "
			       "limit or offset.", key);
	}
	return 0;
}

/* Appends the WHERE clause and binds the same filters in the same order. */
static void audit_where(struct strbuf *sql, const struct audit_query *q)
{
	sb_adds(sql, " WHERE 1 = 1");
	if (q->actor)
		sb_adds(sql, " AND actor_id = ?");
	if (q->record_type)
		sb_adds(sql, " AND record_type = ?");
	if (q->record_id)
		sb_adds(sql, " AND record_id = ?");
	if (q->action)
		sb_adds(sql, " AND action = ?");
	if (q->from)
		sb_adds(sql, " AND at >= ?");
	if (q->to)
		sb_adds(sql, " AND at <= ?");
}

static int audit_bind(struct stmt *st, const struct audit_query *q)
{
	int i = 1;
	int64_t n;
	if (q->actor && parse_int64(q->actor, &n) == 0)
		stmt_bind_int(st, i++, n);
	if (q->record_type)
		stmt_bind_text(st, i++, q->record_type);
	if (q->record_id && parse_int64(q->record_id, &n) == 0)
		stmt_bind_int(st, i++, n);
	if (q->action)
		stmt_bind_text(st, i++, q->action);
	if (q->from)
		stmt_bind_text(st, i++, q->from);
	if (q->to)
		stmt_bind_text(st, i++, q->to);
	return i;
}

/* A stored JSON text goes out as JSON, not as a string. */
static void raw_json_or_null(struct strbuf *sb, const char *text)
{
	sb_adds(sb, text ? text : "null");
}

void api_audit(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct audit_query q = { .limit = 50, .arena = &req->arena, .e = &e };
	struct strbuf sql = STRBUF_INIT, *sb = &resp->body;
	struct stmt *st = NULL;
	int64_t total = 0;
	int step, i, n = 0;

	if (http_query_each(req, audit_param, &q))
		goto fail;
	sb_adds(&sql, "SELECT COUNT(*) FROM audit_log");
	audit_where(&sql, &q);
	if (!(st = store_prepare(req->store, sql.buf, &e)))
		goto fail;
	audit_bind(st, &q);
	if (stmt_step(st, &e) != STORE_ROW)
		goto fail;
	total = stmt_int(st, 0);
	stmt_done(st);

	sb_reset(&sql);
	sb_adds(&sql, "SELECT id, at, actor_id, action, record_type, record_id, before_json, after_json, hash "
		      "FROM audit_log");
	audit_where(&sql, &q);
	sb_adds(&sql, " ORDER BY id DESC LIMIT ? OFFSET ?");
	if (!(st = store_prepare(req->store, sql.buf, &e)))
		goto fail;
	i = audit_bind(st, &q);
	stmt_bind_int(st, i++, q.limit);
	stmt_bind_int(st, i, q.offset);
	sb_adds(sb, "{\"items\":[");
	while ((step = stmt_step(st, &e)) == STORE_ROW) {
		int first = 1;
		sb_adds(sb, n++ ? ",{" : "{");
		jsonw_kv_int(sb, &first, "id", stmt_int(st, 0));
		jsonw_kv_str(sb, &first, "at", stmt_text(st, 1));
		jsonw_key(sb, &first, "actor");
		raw_json_or_null(sb, stmt_text(st, 2));
		jsonw_kv_str(sb, &first, "action", stmt_text(st, 3));
		jsonw_kv_str(sb, &first, "record_type", stmt_text(st, 4));
		jsonw_key(sb, &first, "record_id");
		raw_json_or_null(sb, stmt_text(st, 5));
		jsonw_key(sb, &first, "before");
		raw_json_or_null(sb, stmt_text(st, 6));
		jsonw_key(sb, &first, "after");
		raw_json_or_null(sb, stmt_text(st, 7));
		jsonw_kv_str(sb, &first, "hash", stmt_text(st, 8));
		sb_addc(sb, '}');
	}
	stmt_done(st);
	st = NULL;
	if (step < 0)
		goto fail;
	sb_addf(sb, "],\"total\":%lld,\"limit\":%lld,\"offset\":%lld}", (long long)total, (long long)q.limit,
		(long long)q.offset);
	sb_release(&sql);
	http_reply(resp, 200, "application/json");
	return;
fail:
	stmt_done(st);
	sb_release(&sql);
	http_reply_problem(resp, &e);
}
