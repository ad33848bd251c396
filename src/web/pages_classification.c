/* pages_classification: the classification scheme page (each level with its
 * badge, rank and handling rules), its form for ISMS managers, and how a
 * classified record shows its level: the badge in lists, the badge and
 * handling rules on detail pages, a select of the levels in forms. The form
 * is turned into the JSON the API takes and checked by classification_parse,
 * so the two refuse alike; rows left empty are dropped. */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "isms/classification.h"
#include "isms/risk_method.h"
#include "web/page.h"
#include "web/web.h"

/* The scheme, loaded once per request; NULL when it cannot be read. */
static const struct cl_scheme *scheme(struct request *req)
{
	struct err e = ERR_INIT;
	if (!req->classification) {
		struct cl_scheme *sc = arena_alloc(&req->arena, sizeof(*sc));
		if (classification_load(req->store, &req->arena, sc, &e) == 0)
			req->classification = sc;
	}
	return req->classification;
}

static void level_badge(struct strbuf *sb, const struct cl_level *l)
{
	html_printf(sb, "<span class=\"badge level lvl-%s\">%s</span>", l->colour, l->label);
}

void view_classification(struct request *req, struct strbuf *sb, const char *key)
{
	const struct cl_scheme *sc = scheme(req);
	const struct cl_level *l = sc ? cl_level(sc, key) : NULL;
	if (l)
		level_badge(sb, l);
	else /* a key the scheme no longer has (an archived record's): as stored */
		view_badge(sb, &req->arena, key);
}

static void rules_list(struct strbuf *sb, const struct cl_level *l)
{
	html_printf(sb, "<dl class=\"handling\">");
	for (int r = 0; r < CL_NRULES; r++)
		html_printf(sb, "<div><dt>%s</dt><dd>%s</dd></div>", cl_rule_titles[r],
			    l->rules[r] ? l->rules[r] : "No rule given.");
	html_printf(sb, "</dl>");
}

void view_handling(struct request *req, struct strbuf *sb, const char *key)
{
	const struct cl_scheme *sc = scheme(req);
	const struct cl_level *l = sc && key ? cl_level(sc, key) : NULL;
	if (!l)
		return;
	html_printf(sb, "<details class=\"handling-rules\"><summary>How to handle %s information</summary>", l->label);
	rules_list(sb, l);
	html_printf(sb, "</details>");
}

void form_classification_select(struct request *req, struct strbuf *sb, const struct field *f, const char *id,
				const char *value, const char *attrs)
{
	const struct cl_scheme *sc = scheme(req);
	int found = 0;
	html_printf(sb, "<select id=\"%s\" name=\"%s\"%R><option value=\"\">—</option>", id, f->name, attrs);
	for (int i = 0; sc && i < sc->n; i++) {
		int sel = streq(value, sc->levels[i].key);
		found |= sel;
		html_printf(sb, "<option value=\"%s\"%R>%s</option>", sc->levels[i].key, sel ? " selected" : "",
			    sc->levels[i].label);
	}
	if (value && value[0] && !found) /* keep what was sent, so the message makes sense */
		html_printf(sb, "<option value=\"%s\" selected>%s</option>", value, value);
	html_printf(sb, "</select>");
}

/* ---- the scheme page ---- */

void web_classification(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	const struct cl_scheme *sc = scheme(req);
	struct err e = ERR_INIT;
	if (!sc) {
		err_set(&e, 500, "internal", "The classification scheme cannot be read.");
		page_error(req, resp, &e, "/", "Back to the dashboard");
		return;
	}
	page_begin(req, resp, "Classification scheme", "classification", 0);
	page_head(sb, "Information handling", NULL, "Classification scheme",
		  "How sensitive information is, from least to most, and how to label, store, share, send and "
		  "dispose of it at each level. Assets and documents carry one of these levels.");
	if (req->user.role >= ROLE_MANAGER)
		html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-primary\" href=\"/classification/edit\">"
				"Change the scheme</a></div>");
	page_head_end(sb);
	page_flash(req, sb);
	html_printf(sb, "<div class=\"class-levels\">");
	for (int i = sc->n - 1; i >= 0; i--) {
		const struct cl_level *l = &sc->levels[i];
		html_printf(sb, "<section class=\"card class-level\" aria-labelledby=\"lvl-%s\"><h2 id=\"lvl-%s\">", l->key,
			    l->key);
		level_badge(sb, l);
		html_printf(sb, "</h2><p class=\"muted\">Key <code>%s</code> · rank %d</p>", l->key, l->rank);
		rules_list(sb, l);
		html_printf(sb, "</section>");
	}
	html_printf(sb, "</div>");
	page_end(req, resp, 200);
}

/* ---- the form ---- */

static const char *const level_parts[] = { "key", "label", "rank", "colour" };
#define NPARTS 4

/* One row of the form as text: from the scheme, or as submitted. */
struct row {
	const char *part[NPARTS];
	const char *rules[CL_NRULES];
};

static int row_used(const struct row *r)
{
	for (int p = 0; p < NPARTS; p++)
		if (r->part[p] && r->part[p][0])
			return 1;
	for (int k = 0; k < CL_NRULES; k++)
		if (r->rules[k] && r->rules[k][0])
			return 1;
	return 0;
}

static void text_cell(struct request *req, struct strbuf *sb, int k, const char *part, const char *value,
		      const char *label, const char *type, int max)
{
	const char *name = arena_printf(&req->arena, "c%d_%s", k, part);
	html_printf(sb, "<div class=\"field\"><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" type=\"%s\" "
			"value=\"%s\" maxlength=\"%d\"></div>",
		    name, label, name, name, type, value, max);
}

static void row_inputs(struct request *req, struct strbuf *sb, int k, const struct row *r)
{
	const char *cname = arena_printf(&req->arena, "c%d_colour", k);
	html_printf(sb, "<fieldset class=\"card\"><legend>Level %d</legend><div class=\"form-grid\">", k + 1);
	text_cell(req, sb, k, "key", r->part[0], "Key", "text", CL_KEY_MAX);
	text_cell(req, sb, k, "label", r->part[1], "Label", "text", CL_LABEL_MAX);
	text_cell(req, sb, k, "rank", r->part[2], "Rank", "number", 4);
	html_printf(sb, "<div class=\"field\"><label for=\"%s\">Colour</label><select id=\"%s\" name=\"%s\">"
			"<option value=\"\">—</option>",
		    cname, cname, cname);
	for (const char *const *c = rm_colours; *c; c++)
		html_printf(sb, "<option value=\"%s\"%R>%s</option>", *c, streq(r->part[3], *c) ? " selected" : "", *c);
	html_printf(sb, "</select></div>");
	for (int x = 0; x < CL_NRULES; x++) {
		const char *name = arena_printf(&req->arena, "c%d_h_%s", k, cl_rule_keys[x]);
		html_printf(sb, "<div class=\"field field-wide\"><label for=\"%s\">%s</label><textarea id=\"%s\" "
				"name=\"%s\" rows=\"2\" maxlength=\"%d\">\n%s</textarea></div>",
			    name, cl_rule_titles[x], name, name, CL_RULE_MAX, r->rules[x]);
	}
	html_printf(sb, "</div></fieldset>");
}

static void form_page(struct request *req, struct response *resp, const struct row *rows, int n,
		      const struct err *e)
{
	struct strbuf *sb = &resp->body;
	int shown = n + 2 < CL_MAX_LEVELS ? n + 2 : CL_MAX_LEVELS;
	page_begin(req, resp, "Change the classification scheme", "classification", 0);
	page_head(sb, "Classification scheme", "/classification", "Change the classification scheme",
		  "Levels are ordered by rank: the higher the rank, the more sensitive. Assets and documents store "
		  "the key, so keep it when you only rename a level. A level still used by an asset or a document "
		  "cannot be removed. Empty levels are dropped.");
	page_head_end(sb);
	if (e && e->status) {
		html_printf(sb, "<div class=\"notice notice-error\" role=\"alert\"><p>%s</p>", e->message);
		if (e->nfields) {
			html_printf(sb, "<ul>");
			for (int k = 0; k < e->nfields; k++)
				html_printf(sb, "<li><code>%s</code>: %s</li>", e->fields[k].field, e->fields[k].message);
			html_printf(sb, "</ul>");
		}
		html_printf(sb, "</div>");
	}
	html_printf(sb, "<form method=\"post\" action=\"/classification\" class=\"method-form\" novalidate>");
	page_csrf(req, sb);
	for (int k = 0; k < shown; k++)
		row_inputs(req, sb, k, &rows[k]);
	html_printf(sb, "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Save the "
			"scheme</button><a class=\"btn btn-secondary\" href=\"/classification\">Cancel</a></div></form>");
	page_end(req, resp, e && e->status ? e->status : 200);
}

void web_classification_edit(struct request *req, struct response *resp)
{
	const struct cl_scheme *sc = scheme(req);
	struct row rows[CL_MAX_LEVELS];
	struct err e = ERR_INIT;
	memset(rows, 0, sizeof(rows));
	if (!sc) {
		err_set(&e, 500, "internal", "The classification scheme cannot be read.");
		page_error(req, resp, &e, "/classification", "Back to the scheme");
		return;
	}
	for (int i = 0; i < sc->n; i++) {
		const struct cl_level *l = &sc->levels[i];
		rows[i].part[0] = l->key;
		rows[i].part[1] = l->label;
		rows[i].part[2] = arena_printf(&req->arena, "%d", l->rank);
		rows[i].part[3] = l->colour;
		memcpy(rows[i].rules, l->rules, sizeof(rows[i].rules));
	}
	form_page(req, resp, rows, sc->n, NULL);
}

void web_classification_save(struct request *req, struct response *resp)
{
	struct row rows[CL_MAX_LEVELS];
	struct cl_scheme sc;
	struct err e = ERR_INIT;
	json_t *body = json_object(), *levels = json_array();
	int n = 0;

	memset(rows, 0, sizeof(rows));
	for (int k = 0; k < CL_MAX_LEVELS; k++) {
		struct row *r = &rows[n];
		json_t *lv, *h;
		for (int p = 0; p < NPARTS; p++)
			r->part[p] = http_form(req, arena_printf(&req->arena, "c%d_%s", k, level_parts[p]));
		for (int x = 0; x < CL_NRULES; x++)
			r->rules[x] = http_form(req, arena_printf(&req->arena, "c%d_h_%s", k, cl_rule_keys[x]));
		if (!row_used(r))
			continue;
		lv = json_object();
		h = json_object();
		for (int p = 0; p < NPARTS; p++)
			json_object_set_new(lv, level_parts[p], page_form_json(r->part[p], p == 2));
		for (int x = 0; x < CL_NRULES; x++)
			json_object_set_new(h, cl_rule_keys[x], page_form_json(r->rules[x], 0));
		json_object_set_new(lv, "handling", h);
		json_array_append_new(levels, lv);
		n++;
	}
	json_object_set_new(body, "levels", levels);
	if (classification_parse(body, &req->arena, &sc, &e) == 0 &&
	    classification_save(req->store, &req->actor, &sc, &e) == 0) {
		json_decref(body);
		http_redirect(resp, "/classification?notice=updated");
		return;
	}
	json_decref(body);
	form_page(req, resp, rows, n, &e);
}
