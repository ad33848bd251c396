/* oscal_api: GET /api/v1/oscal/{name}?framework=ID — the ISMS as an OSCAL
 * 1.1.2 JSON document (isms/oscal_export.h): catalog, ssp and
 * assessment-results of one framework, poam of the whole ISMS. Sent as a
 * download (Content-Disposition) so a browser saves it; the web route
 * /frameworks/{id}/oscal/{name} sends the same bytes (api_oscal_send). */
#include <string.h>

#include "api/api.h"
#include "base/util.h"
#include "isms/oscal_export.h"

struct oscal_params {
	int64_t framework;
	struct err *e;
};

static int oscal_param(void *ctx, const char *key, const char *value)
{
	struct oscal_params *p = ctx;
	if (strcmp(key, "framework") != 0)
		return err_set(p->e, 400, "bad_parameter", "Unknown query parameter '%s': the only one is framework.", key);
	if (parse_int64(value, &p->framework) || p->framework <= 0)
		return err_set(p->e, 400, "bad_parameter", "framework must be the id of a framework, a positive number.");
	return 0;
}

int api_oscal_send(struct request *req, struct response *resp, const char *name, int64_t framework, struct err *e)
{
	enum oscal_doc d;
	const char *filename;
	if (oscal_doc_parse(name, &d))
		return err_set(e, 404, "not_found", "There is no OSCAL document '%s': use %s.", name, oscal_doc_names());
	if (oscal_export(req->store, &req->actor, d, framework, &resp->body, &filename, &req->arena, e)) {
		sb_reset(&resp->body);
		return -1;
	}
	http_set_header(resp, "Content-Disposition",
			arena_printf(&req->arena, "attachment; filename=\"%s\"", filename));
	http_reply(resp, 200, "application/json");
	return 0;
}

void api_oscal_export(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	struct oscal_params p = { 0, &e };
	enum oscal_doc d;
	if (http_query_each(req, oscal_param, &p))
		goto fail;
	if (oscal_doc_parse(req->param, &d) == 0) {
		if (oscal_doc_needs_framework(d) && !p.framework) {
			err_set(&e, 400, "bad_parameter", "The %s is of one framework: give its id as ?framework=ID.",
				oscal_doc_name(d));
			goto fail;
		}
		if (!oscal_doc_needs_framework(d) && p.framework) {
			err_set(&e, 400, "bad_parameter",
				"The poam covers the treatment actions of the whole ISMS: it takes no framework.");
			goto fail;
		}
	}
	if (api_oscal_send(req, resp, req->param, p.framework, &e) == 0)
		return;
fail:
	http_reply_problem(resp, &e);
}
