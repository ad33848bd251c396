/* framework_import_api: POST /api/v1/frameworks/import?format=FORMAT[&name=FILE]
 * — the file is the raw body (up to HTTP_MAX_LARGE_BODY: the route is
 * flagged RF_LARGE_BODY), parsed by the format's row of fw_formats[] and
 * saved in one transaction (isms/fw_format.h). 201 with what was imported
 * and each framework's id; 422 naming the place in the file; 409 when a
 * framework is installed already. name is the file's name, recorded as the
 * framework's source (an OSCAL profile uploaded later finds its catalog by
 * it); without it, "upload". */
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "base/jsonw.h"
#include "isms/fw_format.h"

#define NAME_MAX_LEN 200

static const char *const body_types[] = { "application/json", "application/xml", "text/xml", "application/yaml",
					  "application/octet-stream" };

struct import_params {
	const char *format, *name;
	struct err *e;
};

static int import_param(void *ctx, const char *key, const char *value)
{
	struct import_params *p = ctx;
	if (strcmp(key, "format") == 0) {
		p->format = value;
	} else if (strcmp(key, "name") == 0) {
		if (!*value || strlen(value) > NAME_MAX_LEN || strchr(value, '/') || strchr(value, '\\'))
			return err_field(p->e, "name", "invalid",
					 "Must be a file name without folders, 1 to %d characters.", NAME_MAX_LEN);
		p->name = value;
	} else {
		return err_field(p->e, key, "unknown", "Unknown parameter; this endpoint takes format and name.");
	}
	return 0;
}

static int body_type_ok(struct request *req)
{
	const char *ct = http_header(req, "Content-Type");
	for (size_t i = 0; ct && i < sizeof(body_types) / sizeof(body_types[0]); i++) {
		size_t n = strlen(body_types[i]);
		if (strncasecmp(ct, body_types[i], n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' '))
			return 1;
	}
	return 0;
}

void api_framework_import(struct request *req, struct response *resp)
{
	struct import_params p = { NULL, "upload", NULL };
	struct err e = ERR_INIT;
	const struct fw_format *fmt;
	struct fw_import_result res;
	struct fw_imported *out;
	struct fw_file file;
	int n_out, first = 1;
	double ms;
	struct strbuf *sb = &resp->body;

	p.e = &e;
	if (http_query_each(req, import_param, &p)) {
		http_reply_problem(resp, &e);
		return;
	}
	if (!(fmt = fw_format_by_name(p.format))) {
		err_field(&e, "format", p.format ? "unknown" : "required", "Must be one of: %s.",
			  fw_format_names(&req->arena));
		http_reply_problem(resp, &e);
		return;
	}
	if (!body_type_ok(req)) {
		err_set(&e, 415, "unsupported_media_type",
			"Send the file as the body with Content-Type application/json, application/xml, text/xml, "
			"application/yaml or application/octet-stream.");
		http_reply_problem(resp, &e);
		return;
	}
	if (req->body_len == 0) {
		err_field(&e, "file", "required", "The body is empty: send the file as the body.");
		http_reply_problem(resp, &e);
		return;
	}
	file = (struct fw_file){ p.name, NULL, req->body, req->body_len };
	if (fw_format_import(req->store, &req->actor, fmt, &file, 1, NULL, NULL, &req->arena, &res, &out, &n_out, &ms,
			     &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_reset(sb);
	sb_adds(sb, "{");
	jsonw_kv_str(sb, &first, "format", fmt->name);
	jsonw_kv_str(sb, &first, "file", p.name);
	jsonw_key(sb, &first, "imported");
	{
		int f1 = 1;
		sb_adds(sb, "{");
		jsonw_kv_int(sb, &f1, "frameworks", res.frameworks);
		jsonw_kv_int(sb, &f1, "requirements", res.requirements);
		jsonw_kv_int(sb, &f1, "mappings", res.mappings);
		if (res.skipped)
			jsonw_kv_str(sb, &f1, "skipped", res.skipped);
		sb_adds(sb, "}");
	}
	jsonw_key(sb, &first, "frameworks");
	sb_adds(sb, "[");
	for (int i = 0; i < n_out; i++) {
		int f1 = 1;
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_int(sb, &f1, "id", out[i].id);
		jsonw_kv_str(sb, &f1, "urn", out[i].urn);
		jsonw_kv_str(sb, &f1, "ref_id", out[i].ref_id);
		jsonw_kv_str(sb, &f1, "name", out[i].name);
		jsonw_kv_int(sb, &f1, "requirements", out[i].requirements);
		jsonw_kv_bool(sb, &f1, "baseline", out[i].baseline);
		sb_adds(sb, "}");
	}
	sb_addf(sb, "],\"elapsed_ms\":%.1f}", ms);
	if (n_out)
		http_set_header(resp, "Location", arena_printf(&req->arena, "/api/v1/frameworks/%lld", (long long)out[0].id));
	http_reply(resp, 201, "application/json");
}
