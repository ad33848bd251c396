/* framework_api: frameworks and their requirements over JSON — the list of
 * installed frameworks with how complete each is, one framework with its
 * sections, every requirement with its gap status, one requirement with its
 * guidance, attributes, mappings and controls; recording a requirement's
 * assessment; linking controls to requirements. */
#include <string.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "base/util.h"
#include "isms/framework.h"
#include "isms/framework_library.h"
#include "isms/gap.h"
#include "isms/record.h"
#include "isms/requirement_link.h"

static void framework_members(struct strbuf *sb, int *first, const struct framework *f)
{
	jsonw_kv_int(sb, first, "id", f->id);
	jsonw_kv_str(sb, first, "urn", f->urn);
	jsonw_kv_str(sb, first, "ref_id", f->ref_id);
	jsonw_kv_str(sb, first, "name", f->name);
	jsonw_kv_str(sb, first, "version", f->version);
	jsonw_kv_str(sb, first, "provider", f->provider);
	jsonw_kv_str(sb, first, "description", f->description);
	jsonw_kv_str(sb, first, "origin", f->origin);
	jsonw_kv_str(sb, first, "source", f->source);
	jsonw_kv_id(sb, first, "base_framework_id", f->base_framework_id);
	jsonw_kv_bool(sb, first, "has_soa", f->has_soa);
	jsonw_kv_int(sb, first, "requirement_count", f->requirement_count);
	jsonw_kv_str(sb, first, "created_at", f->created_at);
}

void api_frameworks(struct request *req, struct response *resp)
{
	struct framework *fws;
	struct err e = ERR_INIT;
	int n;
	if (framework_list(req->store, &req->arena, &fws, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		struct gap_report g;
		int first = 1;
		if (gap_report_read(req->store, fws[i].id, &req->arena, &g, &e)) {
			sb_reset(&resp->body);
			http_reply_problem(resp, &e);
			return;
		}
		sb_adds(&resp->body, i ? ",{" : "{");
		framework_members(&resp->body, &first, &fws[i]);
		jsonw_key(&resp->body, &first, "gap");
		gap_counts_to_json(&g.overall, &resp->body);
		sb_addc(&resp->body, '}');
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

void api_framework_get(struct request *req, struct response *resp)
{
	struct gap_report g;
	struct err e = ERR_INIT;
	int first = 1, any = 0;
	if (gap_report_read(req->store, req->id, &req->arena, &g, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_addc(&resp->body, '{');
	framework_members(&resp->body, &first, &g.fw);
	jsonw_key(&resp->body, &first, "gap");
	gap_counts_to_json(&g.overall, &resp->body);
	jsonw_kv_int(&resp->body, &first, "covered_through_mappings", g.by_mapping);
	jsonw_key(&resp->body, &first, "sections");
	sb_addc(&resp->body, '[');
	for (int i = 0; i < g.n; i++) {
		int ff = 1;
		if (g.reqs[i].depth != 1)
			continue;
		sb_adds(&resp->body, any++ ? ",{" : "{");
		jsonw_kv_int(&resp->body, &ff, "id", g.reqs[i].id);
		jsonw_kv_str(&resp->body, &ff, "ref_id", g.reqs[i].ref_id);
		jsonw_kv_str(&resp->body, &ff, "title", g.reqs[i].title);
		jsonw_key(&resp->body, &ff, "gap");
		gap_counts_to_json(&g.subtree[i], &resp->body);
		sb_addc(&resp->body, '}');
	}
	sb_adds(&resp->body, "]}");
	http_reply(resp, 200, "application/json");
}

void api_framework_requirements(struct request *req, struct response *resp)
{
	struct gap_report g;
	struct err e = ERR_INIT;
	if (gap_report_read(req->store, req->id, &req->arena, &g, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	gap_report_to_json(&g, &resp->body);
	http_reply(resp, 200, "application/json");
}

/* The mapped requirements of r in both directions. */
static int mappings_json(struct store *s, int64_t id, struct arena *a, struct strbuf *sb, struct err *e)
{
	struct req_mapping *m;
	int n;
	if (requirement_mappings(s, id, a, &m, &n, e))
		return -1;
	sb_addc(sb, '[');
	for (int i = 0; i < n; i++) {
		int first = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &first, "id", m[i].id);
		jsonw_kv_str(sb, &first, "ref_id", m[i].ref_id);
		jsonw_kv_str(sb, &first, "title", m[i].title);
		jsonw_kv_int(sb, &first, "framework_id", m[i].framework_id);
		jsonw_kv_str(sb, &first, "framework", m[i].framework);
		jsonw_kv_str(sb, &first, "relationship", m[i].relationship);
		jsonw_kv_str(sb, &first, "direction", m[i].reverse ? "from" : "to");
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
	return 0;
}

static void controls_json(const struct req_control *c, int n, struct strbuf *sb)
{
	sb_addc(sb, '[');
	for (int i = 0; i < n; i++) {
		int first = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &first, "id", c[i].id);
		jsonw_kv_str(sb, &first, "code", c[i].code);
		jsonw_kv_str(sb, &first, "title", c[i].title);
		jsonw_kv_str(sb, &first, "status", c[i].status);
		jsonw_kv_bool(sb, &first, "archived", c[i].archived);
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
}

/* One requirement: its node, framework, gap row, controls and mappings. */
int api_requirement_json(struct store *s, int64_t id, struct arena *a, struct strbuf *sb, struct err *e)
{
	struct requirement r;
	struct gap_report g;
	struct req_control *ctl;
	const struct gap_row *row = NULL;
	int n, first = 1;
	if (requirement_get(s, id, a, &r, e) || gap_report_read(s, r.framework_id, a, &g, e) ||
	    requirement_controls(s, id, a, &ctl, &n, e))
		return -1;
	for (int i = 0; i < g.n; i++)
		if (g.reqs[i].id == id)
			row = &g.rows[i];
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", r.id);
	jsonw_kv_int(sb, &first, "framework_id", r.framework_id);
	jsonw_kv_str(sb, &first, "framework", g.fw.ref_id);
	jsonw_kv_id(sb, &first, "parent_id", r.parent_id);
	jsonw_kv_str(sb, &first, "urn", r.urn);
	jsonw_kv_str(sb, &first, "ref_id", r.ref_id);
	jsonw_kv_str(sb, &first, "title", r.title);
	jsonw_kv_str(sb, &first, "guidance", r.guidance);
	jsonw_kv_bool(sb, &first, "assessable", r.assessable);
	jsonw_kv_bool(sb, &first, "in_soa", r.in_soa);
	jsonw_kv_int(sb, &first, "depth", r.depth);
	jsonw_key(sb, &first, "attributes");
	sb_adds(sb, r.attributes ? r.attributes : "{}"); /* checked as JSON when imported */
	if (row && r.assessable) {
		jsonw_key(sb, &first, "assessment");
		sb_addc(sb, '{');
		int ff = 1;
		jsonw_kv_str(sb, &ff, "status", gap_status_names[row->own]);
		jsonw_kv_str(sb, &ff, "evidence", row->evidence);
		jsonw_kv_str(sb, &ff, "notes", row->notes);
		jsonw_kv_int(sb, &ff, "version", row->version);
		jsonw_kv_str(sb, &ff, "assessed_at", row->assessed_at);
		jsonw_kv_str(sb, &ff, "assessed_by", row->assessed_by);
		jsonw_kv_str(sb, &ff, "effective_status", gap_status_names[row->effective]);
		jsonw_kv_str(sb, &ff, "source", row->source);
		jsonw_kv_str(sb, &ff, "via", row->via);
		sb_addc(sb, '}');
	}
	jsonw_key(sb, &first, "controls");
	controls_json(ctl, n, sb);
	jsonw_key(sb, &first, "mappings");
	if (mappings_json(s, id, a, sb, e))
		return -1;
	sb_addc(sb, '}');
	return 0;
}

void api_requirement_get(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (api_requirement_json(req->store, req->id, &req->arena, &resp->body, &e)) {
		sb_reset(&resp->body);
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 200, "application/json");
}

static void reply_requirement(struct request *req, struct response *resp, int status)
{
	sb_reset(&resp->body);
	struct err e = ERR_INIT;
	if (api_requirement_json(req->store, req->id, &req->arena, &resp->body, &e)) {
		sb_reset(&resp->body);
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, status, "application/json");
}

void api_requirement_assess(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = {
		{ "status", BODY_STRING, 1 }, { "evidence", BODY_STRING, 0 }, { "notes", BODY_STRING, 0 }, { NULL, 0, 0 },
	};
	struct body_value v[3];
	struct err e = ERR_INIT;
	int64_t version = 0;
	const char *im = http_header(req, "If-Match");
	memset(v, 0, sizeof(v));
	if (im && parse_if_match(im, &version)) {
		err_set(&e, 400, "bad_if_match", "If-Match must be the assessment's version, e.g. \"3\".");
		http_reply_problem(resp, &e);
		return;
	}
	if (api_body_read(req, keys, v, &e) ||
	    gap_assess(req->store, &req->actor, req->id, im ? version : 0, v[0].s, v[1].set ? v[1].s : NULL,
		       v[2].set ? v[2].s : NULL, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_requirement(req, resp, 200);
}

void api_requirement_controls(struct request *req, struct response *resp)
{
	struct req_control *c;
	struct requirement r;
	struct err e = ERR_INIT;
	int n;
	if (requirement_get(req->store, req->id, &req->arena, &r, &e) ||
	    requirement_controls(req->store, req->id, &req->arena, &c, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":");
	controls_json(c, n, &resp->body);
	sb_addf(&resp->body, ",\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

void api_requirement_control_add(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = { { "id", BODY_INT, 1 }, { NULL, 0, 0 } };
	struct body_value v[1];
	struct err e = ERR_INIT;
	memset(v, 0, sizeof(v));
	if (api_body_read(req, keys, v, &e) ||
	    requirement_link_add(req->store, &req->actor, v[0].i, req->id, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_requirement(req, resp, 201);
}

void api_requirement_control_remove(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (requirement_link_remove(req->store, &req->actor, req->sub_id, req->id, &req->arena, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	reply_requirement(req, resp, 200);
}

void api_control_requirements(struct request *req, struct response *resp)
{
	struct control_req *r;
	struct record c;
	struct err e = ERR_INIT;
	int n;
	if (record_read(req->store, &req->actor, entity_by_name("control"), req->id, &req->arena, &c, &e) ||
	    control_requirements(req->store, req->id, &req->arena, &r, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		int first = 1;
		sb_adds(&resp->body, i ? ",{" : "{");
		jsonw_kv_int(&resp->body, &first, "id", r[i].id);
		jsonw_kv_int(&resp->body, &first, "framework_id", r[i].framework_id);
		jsonw_kv_str(&resp->body, &first, "framework", r[i].framework);
		jsonw_kv_str(&resp->body, &first, "ref_id", r[i].ref_id);
		jsonw_kv_str(&resp->body, &first, "title", r[i].title);
		sb_addc(&resp->body, '}');
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

void api_framework_library(struct request *req, struct response *resp)
{
	struct fw_library_item *items;
	struct err e = ERR_INIT;
	int n;
	if (framework_library(req->store, &req->arena, &items, &n, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		const struct fw_builtin *b = items[i].builtin;
		int first = 1;
		sb_adds(&resp->body, i ? ",{" : "{");
		jsonw_kv_str(&resp->body, &first, "key", b->key);
		jsonw_kv_str(&resp->body, &first, "title", b->title);
		jsonw_kv_str(&resp->body, &first, "summary", b->summary);
		jsonw_kv_str(&resp->body, &first, "kind", b->kind == FW_BUILTIN_FRAMEWORK ? "framework" : "mapping");
		jsonw_kv_bool(&resp->body, &first, "installed", items[i].installed);
		jsonw_kv_id(&resp->body, &first, "framework_id", items[i].framework_id);
		sb_addc(&resp->body, '}');
	}
	sb_addf(&resp->body, "],\"total\":%d}", n);
	http_reply(resp, 200, "application/json");
}

void api_framework_install(struct request *req, struct response *resp)
{
	static const struct body_key keys[] = { { "key", BODY_STRING, 1 }, { NULL, 0, 0 } };
	struct body_value v[1];
	struct fw_import_result res;
	struct err e = ERR_INIT;
	int first = 1;
	memset(v, 0, sizeof(v));
	if (api_body_read(req, keys, v, &e) ||
	    framework_install(req->store, &req->actor, v[0].s, &res, NULL, NULL, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_addc(&resp->body, '{');
	jsonw_kv_str(&resp->body, &first, "key", v[0].s);
	jsonw_kv_int(&resp->body, &first, "frameworks", res.frameworks);
	jsonw_kv_int(&resp->body, &first, "requirements", res.requirements);
	jsonw_kv_int(&resp->body, &first, "mappings", res.mappings);
	jsonw_kv_id(&resp->body, &first, "framework_id", res.first_framework_id);
	sb_addc(&resp->body, '}');
	http_reply(resp, 201, "application/json");
}
