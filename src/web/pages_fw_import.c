/* pages_fw_import: /frameworks/import — a form to upload a framework file
 * (a format of fw_formats[] and the file, multipart/form-data, up to 32 MiB)
 * and what the import wrote, or why it was refused: the parser's message
 * next to the file field, the format's next to the select. The import is
 * the one of isms/fw_format.h, as in the API and the CLI. */
#include <string.h>

#include "isms/fw_format.h"
#include "web/page.h"
#include "web/web.h"

#define LEAD "Bring a catalog of requirements into the ISMS from a file. Everything in the file is imported " \
	     "in one step, or nothing is."

struct import_view {
	const char *format;             /* chosen, kept after a refusal */
	const struct err *e;            /* a refusal */
	const struct fw_import_result *res; /* a success */
	const struct fw_imported *out;
	int n_out;
	double ms;
	const char *file;
};

static void result(struct strbuf *sb, const struct import_view *v)
{
	char msg[200];
	snprintf(msg, sizeof(msg), "Imported %d framework%s with %d requirements and %d mappings from %s in %.0f ms.",
		 v->res->frameworks, v->res->frameworks == 1 ? "" : "s", v->res->requirements, v->res->mappings, v->file,
		 v->ms);
	page_notice(sb, "ok", msg);
	if (v->res->skipped)
		html_printf(sb, "<p class=\"muted\">Left out (not part of a framework's requirements): %s</p>", v->res->skipped);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-imported\"><h2 id=\"h-imported\">Imported</h2>"
			"<table class=\"table\"><thead><tr><th scope=\"col\">Framework</th><th scope=\"col\">Short name</th>"
			"<th scope=\"col\">Kind</th><th scope=\"col\" class=\"num\">Requirements</th></tr></thead><tbody>");
	for (int i = 0; i < v->n_out; i++)
		html_printf(sb, "<tr><th scope=\"row\"><a href=\"/frameworks/%lld\">%s</a></th><td>%s</td><td>%s</td>"
				"<td class=\"num\">%d</td></tr>",
			    (long long)v->out[i].id, v->out[i].name, v->out[i].ref_id,
			    v->out[i].baseline ? "Baseline (a selection of a catalog)" : "Catalog", v->out[i].requirements);
	html_printf(sb, "</tbody></table></section>");
}

static void field_error(struct strbuf *sb, const struct err *e, const char *field)
{
	const char *msg = e ? page_field_error(e, field) : NULL;
	if (msg)
		html_printf(sb, "<p class=\"field-error\" id=\"f-%s-error\">%s</p>", field, msg);
}

static void form(struct request *req, struct strbuf *sb, const struct import_view *v)
{
	const struct err *e = v->e;
	const char *chosen = v->format ? v->format : fw_formats[0].name;
	struct strbuf accept = STRBUF_INIT;
	for (int i = 0; i < fw_format_count; i++)
		sb_addf(&accept, "%s%s", i ? "," : "", fw_formats[i].extensions);
	html_printf(sb, "<form method=\"post\" action=\"/frameworks/import\" enctype=\"multipart/form-data\" "
			"class=\"card record-form\" novalidate>");
	page_csrf(req, sb);
	html_printf(sb, "<p class=\"form-note\">Fields marked <span class=\"req\">*</span> are required.</p>"
			"<div class=\"form-grid\"><div class=\"field\"><label for=\"f-format\">Format"
			"<span class=\"req\">*</span></label><select id=\"f-format\" name=\"format\" required%R>",
		    e && page_field_error(e, "format") ? " aria-invalid=\"true\" aria-describedby=\"f-format-error\"" : "");
	for (int i = 0; i < fw_format_count; i++)
		html_printf(sb, "<option value=\"%s\"%R>%s</option>", fw_formats[i].name,
			    strcmp(chosen, fw_formats[i].name) == 0 ? " selected" : "", fw_formats[i].label);
	html_printf(sb, "</select>");
	field_error(sb, e, "format");
	html_printf(sb, "</div><div class=\"field field-wide\"><label for=\"f-file\">File<span class=\"req\">*</span>"
			"</label><input id=\"f-file\" name=\"file\" type=\"file\" accept=\"%s\" required "
			"aria-describedby=\"%Rf-file-help\"%R>",
		    accept.buf, e && page_field_error(e, "file") ? "f-file-error " : "",
		    e && page_field_error(e, "file") ? " aria-invalid=\"true\"" : "");
	field_error(sb, e, "file");
	html_printf(sb, "<p class=\"help\" id=\"f-file-help\">An OSCAL catalog becomes a framework of its families and "
			"controls; withdrawn controls are left out. An OSCAL profile becomes a baseline of the controls "
			"it selects: import its catalog first, under the file name the profile refers to, so that the "
			"profile finds it. At most 32 MiB.</p></div></div>"
			"<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Import</button></div>"
			"</form>");
	sb_release(&accept);
}

static void import_page(struct request *req, struct response *resp, const struct import_view *v, int status)
{
	struct strbuf *sb = &resp->body;
	page_begin(req, resp, "Import a framework", "frameworks", 0);
	page_head(sb, "Frameworks", "/frameworks", "Import a framework", LEAD);
	page_head_end(sb);
	if (v->res)
		result(sb, v);
	else if (v->e && v->e->status)
		page_notice(sb, "error", v->e->message);
	form(req, sb, v);
	page_end(req, resp, status);
}

void web_fw_import_form(struct request *req, struct response *resp)
{
	struct import_view v = { 0 };
	import_page(req, resp, &v, 200);
}

void web_fw_import(struct request *req, struct response *resp)
{
	struct import_view v = { 0 };
	struct err e = ERR_INIT;
	const struct form_field *file = NULL;
	const struct fw_format *fmt;
	struct fw_import_result res;
	struct fw_imported *out;
	struct fw_file f;

	v.format = http_form(req, "format");
	v.e = &e;
	for (int i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].name, "file") == 0 && req->form[i].filename)
			file = &req->form[i];
	if (!(fmt = fw_format_by_name(v.format)))
		err_field(&e, "format", "required", "Choose one of the formats.");
	if (!file || !file->filename[0] || file->len == 0)
		err_field(&e, "file", "required", "Choose a file that is not empty.");
	if (e.status) {
		err_set(&e, 422, "validation", "Nothing was imported: see the fields below.");
		import_page(req, resp, &v, 422);
		return;
	}
	f = (struct fw_file){ file->filename, NULL, file->value, file->len };
	if (fw_format_import(req->store, &req->actor, fmt, &f, 1, NULL, NULL, &req->arena, &res, &out, &v.n_out, &v.ms,
			     &e)) {
		import_page(req, resp, &v, e.status);
		return;
	}
	v.res = &res;
	v.out = out;
	v.file = file->filename;
	v.e = NULL;
	import_page(req, resp, &v, 201);
}
