/* pages_risk_method: the risk method — scales, levels, the matrix as a
 * coloured table, the appetite and the list of versions — one earlier
 * version, and the form that saves a new version. The form is turned into
 * the same JSON the API takes and checked by risk_method_parse, so the two
 * refuse alike. Rows left empty are dropped; the matrix grid follows the
 * sizes of the scales as last submitted (save once after resizing a scale
 * and map the new cells). */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "isms/risk_method.h"
#include "web/page.h"
#include "web/web.h"

/* ---- showing a method ---- */

static void scale_table(struct strbuf *sb, const char *title, const struct rm_scale *s)
{
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-%s\"><h2 id=\"h-%s\">%s</h2>"
			"<table class=\"table\"><thead><tr><th scope=\"col\">Value</th><th scope=\"col\">Label</th>"
			"<th scope=\"col\">Description</th></tr></thead><tbody>",
		    title, title, title);
	for (int i = s->n - 1; i >= 0; i--)
		html_printf(sb, "<tr><td>%lld</td><th scope=\"row\">%s</th><td>%s</td></tr>", (long long)s->steps[i].value,
			    s->steps[i].label, s->steps[i].description ? s->steps[i].description : "");
	html_printf(sb, "</tbody></table></section>");
}

/* The matrix as a table: likelihood rows, highest on top; impact columns. */
static void matrix_table(struct strbuf *sb, const struct risk_method *m)
{
	html_printf(sb, "<div class=\"table-wrap\" role=\"region\" aria-label=\"Risk matrix\" tabindex=\"0\">"
			"<table class=\"matrix\"><caption>Likelihood (rows) × impact (columns)</caption>"
			"<thead><tr><td></td>");
	for (int i = 0; i < m->impact.n; i++)
		html_printf(sb, "<th scope=\"col\">%lld %s</th>", (long long)m->impact.steps[i].value,
			    m->impact.steps[i].label);
	html_printf(sb, "</tr></thead><tbody>");
	for (int l = m->likelihood.n - 1; l >= 0; l--) {
		html_printf(sb, "<tr><th scope=\"row\">%lld %s</th>", (long long)m->likelihood.steps[l].value,
			    m->likelihood.steps[l].label);
		for (int i = 0; i < m->impact.n; i++) {
			const struct rm_level *lv = &m->levels[m->matrix[l][i]];
			html_printf(sb, "<td class=\"cell lvl-%s%R\">%s</td>", lv->colour,
				    m->matrix[l][i] > m->appetite ? " above" : "", lv->label);
		}
		html_printf(sb, "</tr>");
	}
	html_printf(sb, "</tbody></table></div>");
}

static void levels_table(struct strbuf *sb, const struct risk_method *m)
{
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-levels\"><h2 id=\"h-levels\">Levels</h2>"
			"<table class=\"table\"><thead><tr><th scope=\"col\">Level</th><th scope=\"col\">Key</th>"
			"<th scope=\"col\">Review every</th><th scope=\"col\">Appetite</th></tr></thead><tbody>");
	for (int i = m->nlevels - 1; i >= 0; i--) {
		html_printf(sb, "<tr><th scope=\"row\">");
		view_level_badge(sb, &m->levels[i]);
		html_printf(sb, "</th><td><code>%s</code></td><td>%d month%R</td><td>%R</td></tr>", m->levels[i].key,
			    m->levels[i].review_months, m->levels[i].review_months == 1 ? "" : "s",
			    i == m->appetite ? "Highest level accepted without treatment"
				: i < m->appetite ? "Accepted" : "Needs treatment or a signed acceptance");
	}
	html_printf(sb, "</tbody></table></section>");
}

static void versions_table(struct request *req, struct strbuf *sb, int64_t shown)
{
	struct rm_version *v;
	struct err e = ERR_INIT;
	int n = risk_method_versions(req->store, &req->arena, &v, &e);
	if (n <= 0)
		return;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-versions\"><h2 id=\"h-versions\">Versions</h2>"
			"<p class=\"muted\">Each risk records the version it was assessed with; earlier versions stay "
			"readable.</p><table class=\"table\"><thead><tr><th scope=\"col\">Version</th>"
			"<th scope=\"col\">Saved</th><th scope=\"col\">By</th><th scope=\"col\">Note</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<tr><th scope=\"row\">");
		if (v[i].id == shown)
			html_printf(sb, "%lld (shown)", (long long)v[i].id);
		else
			html_printf(sb, "<a href=\"%R\">%lld</a>",
				    i == 0 ? "/risk-method"
					   : arena_printf(&req->arena, "/risk-method/versions/%lld", (long long)v[i].id),
				    (long long)v[i].id);
		html_printf(sb, "%R</th><td>", i == 0 ? " <span class=\"badge badge-ok\">Current</span>" : "");
		view_time(req, sb, v[i].created_at, NULL);
		html_printf(sb, "</td><td>%s</td><td>%s</td></tr>", v[i].created_by_name ? v[i].created_by_name : "the system",
			    v[i].note ? v[i].note : "");
	}
	html_printf(sb, "</tbody></table></section>");
}

static void method_page(struct request *req, struct response *resp, const struct risk_method *m, int current)
{
	struct strbuf *sb = &resp->body;
	const char *title = current ? "Risk method" : arena_printf(&req->arena, "Risk method, version %lld",
								    (long long)m->id);
	page_begin(req, resp, title, "risk-method", 0);
	page_head(sb, current ? arena_printf(&req->arena, "Version %lld", (long long)m->id) : "Risk method",
		  current ? NULL : "/risk-method", title,
		  "How risks are scored: the likelihood and impact scales, the matrix that turns them into a level, "
		  "and the level the organisation accepts without treatment.");
	if (current && req->user.role >= ROLE_MANAGER)
		html_printf(sb, "<div class=\"actions\"><a class=\"btn btn-primary\" href=\"/risk-method/edit\">"
				"Change the method</a></div>");
	page_head_end(sb);
	page_flash(req, sb);
	if (!current)
		page_notice(sb, "info", "An earlier version, kept for the risks assessed with it. It can no longer be changed.");
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-matrix\"><h2 id=\"h-matrix\">Matrix</h2>");
	matrix_table(sb, m);
	html_printf(sb, "<p class=\"help\">Risk appetite: ");
	view_level_badge(sb, &m->levels[m->appetite]);
	html_printf(sb, " — cells above it (outlined) need treatment or a signed acceptance by the risk owner.</p>");
	if (m->note)
		html_printf(sb, "<p class=\"muted\">%s</p>", m->note);
	html_printf(sb, "</section><div class=\"two-col\">");
	scale_table(sb, "Likelihood", &m->likelihood);
	scale_table(sb, "Impact", &m->impact);
	html_printf(sb, "</div>");
	levels_table(sb, m);
	versions_table(req, sb, m->id);
	page_end(req, resp, 200);
}

void web_risk_method(struct request *req, struct response *resp)
{
	struct risk_method m;
	struct err e = ERR_INIT;
	if (risk_method_current(req->store, &req->arena, &m, &e))
		page_error(req, resp, &e, "/", "Back to the dashboard");
	else
		method_page(req, resp, &m, 1);
}

void web_risk_method_version(struct request *req, struct response *resp)
{
	struct risk_method m, cur;
	struct err e = ERR_INIT;
	if (risk_method_get(req->store, req->id, &req->arena, &m, &e) ||
	    risk_method_current(req->store, &req->arena, &cur, &e))
		page_error(req, resp, &e, "/risk-method", "Back to the risk method");
	else
		method_page(req, resp, &m, m.id == cur.id);
}

/* ---- the form ---- */

/* The form's values by input name: from a method, or as submitted. */
struct form_values {
	const char **names, **values;
	int n, cap;
};

static void fv_put(struct arena *a, struct form_values *fv, const char *name, const char *value)
{
	if (fv->n == fv->cap) {
		int cap = fv->cap;
		fv->names = arena_grow(a, fv->names, fv->n, &cap, sizeof(char *));
		fv->values = arena_grow(a, fv->values, fv->n, &fv->cap, sizeof(char *));
	}
	fv->names[fv->n] = name;
	fv->values[fv->n++] = value;
}

static const char *fv_get(const struct form_values *fv, const char *name)
{
	for (int i = 0; i < fv->n; i++)
		if (strcmp(fv->names[i], name) == 0)
			return fv->values[i];
	return NULL;
}

static const char *const step_parts[] = { "value", "label", "description", NULL };
static const char *const level_parts[] = { "key", "label", "colour", "review_months", NULL };

static void method_values(struct arena *a, const struct risk_method *m, struct form_values *fv)
{
	const struct rm_scale *scales[2] = { &m->likelihood, &m->impact };
	const char *prefix[2] = { "l", "i" };
	for (int s = 0; s < 2; s++)
		for (int k = 0; k < scales[s]->n; k++) {
			const struct rm_step *st = &scales[s]->steps[k];
			fv_put(a, fv, arena_printf(a, "%s%d_value", prefix[s], k), arena_printf(a, "%lld", (long long)st->value));
			fv_put(a, fv, arena_printf(a, "%s%d_label", prefix[s], k), st->label);
			fv_put(a, fv, arena_printf(a, "%s%d_description", prefix[s], k), st->description);
		}
	for (int k = 0; k < m->nlevels; k++) {
		fv_put(a, fv, arena_printf(a, "v%d_key", k), m->levels[k].key);
		fv_put(a, fv, arena_printf(a, "v%d_label", k), m->levels[k].label);
		fv_put(a, fv, arena_printf(a, "v%d_colour", k), m->levels[k].colour);
		fv_put(a, fv, arena_printf(a, "v%d_review_months", k), arena_printf(a, "%d", m->levels[k].review_months));
	}
	for (int l = 0; l < m->likelihood.n; l++)
		for (int i = 0; i < m->impact.n; i++)
			fv_put(a, fv, arena_printf(a, "m%d_%d", l, i), m->levels[m->matrix[l][i]].key);
	fv_put(a, fv, "appetite", m->levels[m->appetite].key);
}

/* Whether row k of prefix has any value in the form. */
static int row_used(struct arena *a, const struct form_values *fv, const char *prefix, int k,
		    const char *const *parts)
{
	for (const char *const *p = parts; *p; p++) {
		const char *v = fv_get(fv, arena_printf(a, "%s%d_%s", prefix, k, *p));
		if (v && v[0])
			return 1;
	}
	return 0;
}

static int rows_used(struct arena *a, const struct form_values *fv, const char *prefix, int max,
		     const char *const *parts)
{
	int n = 0;
	for (int k = 0; k < max; k++)
		n += row_used(a, fv, prefix, k, parts);
	return n;
}

static void input(struct strbuf *sb, const char *name, const char *type, const char *value, const char *label,
		  const char *cls)
{
	html_printf(sb, "<input class=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\" aria-label=\"%s\">", cls, name, type,
		    value, label);
}

static void scale_inputs(struct request *req, struct strbuf *sb, const struct form_values *fv, const char *prefix,
			 const char *title)
{
	struct arena *a = &req->arena;
	html_printf(sb, "<fieldset class=\"card method-scale\"><legend>%s scale</legend><p class=\"help\">%d to %d steps, "
			"lowest first; values must increase. Empty rows are dropped.</p><table class=\"table\"><thead><tr>"
			"<th scope=\"col\">Step</th><th scope=\"col\">Value</th><th scope=\"col\">Label</th>"
			"<th scope=\"col\">Description</th></tr></thead><tbody>",
		    title, RM_MIN_STEPS, RM_MAX_STEPS);
	for (int k = 0; k < RM_MAX_STEPS; k++) {
		const char *n = arena_printf(a, "%s%d", prefix, k);
		html_printf(sb, "<tr><td>%d</td><td>", k + 1);
		input(sb, arena_printf(a, "%s_value", n), "number", fv_get(fv, arena_printf(a, "%s_value", n)),
		      arena_printf(a, "%s step %d value", title, k + 1), "in-num");
		html_printf(sb, "</td><td>");
		input(sb, arena_printf(a, "%s_label", n), "text", fv_get(fv, arena_printf(a, "%s_label", n)),
		      arena_printf(a, "%s step %d label", title, k + 1), "in-label");
		html_printf(sb, "</td><td>");
		input(sb, arena_printf(a, "%s_description", n), "text", fv_get(fv, arena_printf(a, "%s_description", n)),
		      arena_printf(a, "%s step %d description", title, k + 1), "in-wide");
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></fieldset>");
}

static void level_select(struct request *req, struct strbuf *sb, const struct form_values *fv, const char *name,
			 const char *label)
{
	const char *cur = fv_get(fv, name);
	html_printf(sb, "<select id=\"%s\" name=\"%s\" aria-label=\"%s\"><option value=\"\">—</option>", name, name,
		    label);
	for (int k = 0; k < RM_MAX_LEVELS; k++) {
		const char *key = fv_get(fv, arena_printf(&req->arena, "v%d_key", k));
		const char *lab = fv_get(fv, arena_printf(&req->arena, "v%d_label", k));
		if (key && key[0])
			html_printf(sb, "<option value=\"%s\"%R>%s</option>", key, streq(cur, key) ? " selected" : "",
				    lab && lab[0] ? lab : key);
	}
	html_printf(sb, "</select>");
}

static void levels_inputs(struct request *req, struct strbuf *sb, const struct form_values *fv)
{
	struct arena *a = &req->arena;
	html_printf(sb, "<fieldset class=\"card\"><legend>Levels</legend><p class=\"help\">%d to %d levels, lowest first. "
			"The key is stored on risks: keep it when you only rename a level.</p><table class=\"table\"><thead>"
			"<tr><th scope=\"col\">Key</th><th scope=\"col\">Label</th><th scope=\"col\">Colour</th>"
			"<th scope=\"col\">Review every (months)</th></tr></thead><tbody>",
		    RM_MIN_LEVELS, RM_MAX_LEVELS);
	for (int k = 0; k < RM_MAX_LEVELS; k++) {
		const char *colour = fv_get(fv, arena_printf(a, "v%d_colour", k));
		html_printf(sb, "<tr><td>");
		input(sb, arena_printf(a, "v%d_key", k), "text", fv_get(fv, arena_printf(a, "v%d_key", k)),
		      arena_printf(a, "Level %d key", k + 1), "in-label");
		html_printf(sb, "</td><td>");
		input(sb, arena_printf(a, "v%d_label", k), "text", fv_get(fv, arena_printf(a, "v%d_label", k)),
		      arena_printf(a, "Level %d label", k + 1), "in-label");
		html_printf(sb, "</td><td><select name=\"v%d_colour\" aria-label=\"Level %d colour\"><option value=\"\">—</option>",
			    k, k + 1);
		for (const char *const *c = rm_colours; *c; c++)
			html_printf(sb, "<option value=\"%s\"%R>%s</option>", *c, streq(colour, *c) ? " selected" : "", *c);
		html_printf(sb, "</select></td><td>");
		input(sb, arena_printf(a, "v%d_review_months", k), "number",
		      fv_get(fv, arena_printf(a, "v%d_review_months", k)), arena_printf(a, "Level %d review interval", k + 1),
		      "in-num");
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></fieldset>");
}

static void matrix_inputs(struct request *req, struct strbuf *sb, const struct form_values *fv)
{
	struct arena *a = &req->arena;
	int nl = rows_used(a, fv, "l", RM_MAX_STEPS, step_parts), ni = rows_used(a, fv, "i", RM_MAX_STEPS, step_parts);
	html_printf(sb, "<fieldset class=\"card\"><legend>Matrix</legend><p class=\"help\">The level of each likelihood × "
			"impact cell (likelihood rows, highest on top). After changing the number of steps or levels, "
			"save once: the grid then takes the new size.</p>"
			"<div class=\"table-wrap\"><table class=\"matrix\"><tbody>");
	for (int l = nl - 1; l >= 0; l--) {
		html_printf(sb, "<tr><th scope=\"row\">Likelihood %d</th>", l + 1);
		for (int i = 0; i < ni; i++) {
			html_printf(sb, "<td>");
			level_select(req, sb, fv, arena_printf(a, "m%d_%d", l, i),
				     arena_printf(a, "Likelihood %d, impact %d", l + 1, i + 1));
			html_printf(sb, "</td>");
		}
		html_printf(sb, "</tr>");
	}
	html_printf(sb, "<tr><td></td>");
	for (int i = 0; i < ni; i++)
		html_printf(sb, "<th scope=\"col\">Impact %d</th>", i + 1);
	html_printf(sb, "</tr></tbody></table></div><div class=\"field\"><label for=\"appetite\">Risk appetite</label>");
	level_select(req, sb, fv, "appetite", "Risk appetite");
	html_printf(sb, "<p class=\"help\">The highest level accepted without treatment.</p></div>"
			"<div class=\"field\"><label for=\"note\">Why it changes</label>"
			"<input id=\"note\" name=\"note\" type=\"text\" maxlength=\"%d\" value=\"%s\"></div></fieldset>",
		    RM_NOTE_MAX, fv_get(fv, "note"));
}

static void form_page(struct request *req, struct response *resp, const struct form_values *fv, const struct err *e)
{
	struct strbuf *sb = &resp->body;
	page_begin(req, resp, "Change the risk method", "risk-method", 0);
	page_head(sb, "Risk method", "/risk-method", "Change the risk method",
		  "Saving makes a new version. Risks keep the version they were assessed with until they are "
		  "scored again.");
	page_head_end(sb);
	if (e && e->status) {
		html_printf(sb, "<div class=\"notice notice-error\" role=\"alert\"><p>%s</p><ul>", e->message);
		for (int k = 0; k < e->nfields; k++)
			html_printf(sb, "<li><code>%s</code>: %s</li>", e->fields[k].field, e->fields[k].message);
		html_printf(sb, "</ul></div>");
	}
	html_printf(sb, "<form method=\"post\" action=\"/risk-method\" class=\"method-form\" novalidate>");
	page_csrf(req, sb);
	scale_inputs(req, sb, fv, "l", "Likelihood");
	scale_inputs(req, sb, fv, "i", "Impact");
	levels_inputs(req, sb, fv);
	matrix_inputs(req, sb, fv);
	html_printf(sb, "<div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">Save as a new "
			"version</button><a class=\"btn btn-secondary\" href=\"/risk-method\">Cancel</a></div></form>");
	page_end(req, resp, e && e->status ? e->status : 200);
}

void web_risk_method_edit(struct request *req, struct response *resp)
{
	struct risk_method m;
	struct form_values fv = { 0 };
	struct err e = ERR_INIT;
	if (risk_method_current(req->store, &req->arena, &m, &e)) {
		page_error(req, resp, &e, "/risk-method", "Back to the risk method");
		return;
	}
	method_values(&req->arena, &m, &fv);
	form_page(req, resp, &fv, NULL);
}

json_t *page_form_json(const char *v, int number)
{
	int64_t n;
	if (!v || !v[0])
		return json_null();
	if (number && parse_int64(v, &n) == 0)
		return json_integer(n);
	return json_string(v);
}

static json_t *rows_json(struct arena *a, const struct form_values *fv, const char *prefix, int max,
			 const char *const *parts, const char *number_part)
{
	json_t *arr = json_array();
	for (int k = 0; k < max; k++) {
		json_t *o;
		if (!row_used(a, fv, prefix, k, parts))
			continue;
		o = json_object();
		for (const char *const *p = parts; *p; p++)
			json_object_set_new(o, *p, page_form_json(fv_get(fv, arena_printf(a, "%s%d_%s", prefix, k, *p)),
							     strcmp(*p, number_part) == 0));
		json_array_append_new(arr, o);
	}
	return arr;
}

void web_risk_method_save(struct request *req, struct response *resp)
{
	struct arena *a = &req->arena;
	struct form_values fv = { 0 };
	struct risk_method m;
	struct err e = ERR_INIT;
	json_t *body = json_object(), *matrix = json_array();
	int64_t id;
	int nl, ni;

	for (int k = 0; k < req->nform; k++)
		if (strcmp(req->form[k].name, "csrf") != 0)
			fv_put(a, &fv, req->form[k].name, req->form[k].value);
	json_object_set_new(body, "likelihood", rows_json(a, &fv, "l", RM_MAX_STEPS, step_parts, "value"));
	json_object_set_new(body, "impact", rows_json(a, &fv, "i", RM_MAX_STEPS, step_parts, "value"));
	json_object_set_new(body, "levels", rows_json(a, &fv, "v", RM_MAX_LEVELS, level_parts, "review_months"));
	nl = rows_used(a, &fv, "l", RM_MAX_STEPS, step_parts);
	ni = rows_used(a, &fv, "i", RM_MAX_STEPS, step_parts);
	for (int l = 0; l < nl; l++) {
		json_t *row = json_array();
		for (int i = 0; i < ni; i++)
			json_array_append_new(row, page_form_json(fv_get(&fv, arena_printf(a, "m%d_%d", l, i)), 0));
		json_array_append_new(matrix, row);
	}
	json_object_set_new(body, "matrix", matrix);
	json_object_set_new(body, "appetite", page_form_json(fv_get(&fv, "appetite"), 0));
	json_object_set_new(body, "note", page_form_json(fv_get(&fv, "note"), 0));
	if (risk_method_parse(body, a, &m, &e) == 0 && risk_method_save(req->store, &req->actor, &m, &id, &e) == 0) {
		json_decref(body);
		http_redirect(resp, "/risk-method?notice=updated");
		return;
	}
	json_decref(body);
	form_page(req, resp, &fv, &e);
}
