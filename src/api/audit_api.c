/* audit_api: GET /api/v1/audit — the audit log, newest first, filtered by
 * actor, record, action and time (isms/audit_query.c parses the filters and
 * runs the query for this endpoint and the /audit page alike). */
#include <string.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "base/util.h"
#include "isms/audit_query.h"

struct api_params {
	struct audit_filter f;
	struct arena *arena;
	struct err *e;
};

static int audit_param(void *ctx, const char *key, const char *value)
{
	struct api_params *p = ctx;
	struct audit_filter *f = &p->f;
	int rc;
	if (strcmp(key, "limit") == 0) {
		if (parse_int64(value, &f->limit) || f->limit < 1 || f->limit > AUDIT_MAX_LIMIT)
			return err_set(p->e, 400, "bad_parameter", "limit must be from 1 to %d.", AUDIT_MAX_LIMIT);
		return 0;
	}
	if (strcmp(key, "offset") == 0) {
		if (parse_int64(value, &f->offset) || f->offset < 0)
			return err_set(p->e, 400, "bad_parameter", "offset must be at least 0.");
		return 0;
	}
	rc = audit_filter_param(f, key, value, p->arena, p->e);
	if (rc > 0)
		return err_set(p->e, 400, "bad_parameter",
			       "Unknown query parameter '%s': use actor, record_type, record_id, action, from, to, "
			       "limit or offset.", key);
	return rc;
}

/* An id where 0 means none, and a stored JSON text that goes out as JSON. */
static void kv_id(struct strbuf *sb, int *first, const char *key, int64_t id)
{
	jsonw_key(sb, first, key);
	if (id)
		sb_addf(sb, "%lld", (long long)id);
	else
		sb_adds(sb, "null");
}

static void kv_raw_json(struct strbuf *sb, int *first, const char *key, const char *text)
{
	jsonw_key(sb, first, key);
	sb_adds(sb, text ? text : "null");
}

void api_audit(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct api_params p = { .arena = &req->arena, .e = &e };
	struct audit_page page;
	struct strbuf *sb = &resp->body;

	audit_filter_init(&p.f);
	if (http_query_each(req, audit_param, &p) || audit_list(req->store, &p.f, &req->arena, &page, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(sb, "{\"items\":[");
	for (int i = 0; i < page.n; i++) {
		const struct audit_entry *en = &page.items[i];
		int first = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &first, "id", en->id);
		jsonw_kv_str(sb, &first, "at", en->at);
		kv_id(sb, &first, "actor", en->actor);
		jsonw_kv_str(sb, &first, "action", en->action);
		jsonw_kv_str(sb, &first, "record_type", en->record_type);
		kv_id(sb, &first, "record_id", en->record_id);
		kv_raw_json(sb, &first, "before", en->before);
		kv_raw_json(sb, &first, "after", en->after);
		jsonw_kv_str(sb, &first, "hash", en->hash);
		sb_addc(sb, '}');
	}
	sb_addf(sb, "],\"total\":%lld,\"limit\":%lld,\"offset\":%lld}", (long long)page.total,
		(long long)p.f.limit, (long long)p.f.offset);
	http_reply(resp, 200, "application/json");
}
