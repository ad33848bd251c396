/* pages_review: what a management review's page shows beyond its fields —
 * where it stands and the next step (compile again, close), its attendees
 * with a form to change them, the frozen inputs as a report (each section of
 * the snapshot drawn from its JSON: figures as tiles, lists as tables, so a
 * section added to review_inputs[] needs nothing here) and the actions it
 * decided — and the forms' handlers. The page prints without its controls. */
#include <jansson.h>
#include <string.h>

#include "base/util.h"
#include "isms/review.h"
#include "web/page.h"
#include "web/web.h"

static const char *value_of(const struct record *r, const char *name)
{
	return r->values[entity_field_index(entity_by_name("review"), name)];
}

/* ---- the inputs report ---- */

static const char *label(struct request *req, const char *key)
{
	char buf[96];
	enum_label(key, buf, sizeof(buf));
	return arena_strdup(&req->arena, buf);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* One value: numbers as numbers (percentages with %), enum-like words as
 * labels, ids of record types as links to them. */
static void value_html(struct request *req, struct strbuf *sb, const char *key, json_t *v)
{
	const struct entity *ent = entity_by_name(key);
	if (json_is_null(v)) {
		html_printf(sb, "—");
	} else if (json_is_boolean(v)) {
		html_printf(sb, "%s", json_is_true(v) ? "yes" : "no");
	} else if (json_is_integer(v) && ent && view_can_read(req, ent)) {
		html_printf(sb, "<a href=\"/%s/%lld\">#%lld</a>", ent->plural, (long long)json_integer_value(v),
			    (long long)json_integer_value(v));
	} else if (json_is_integer(v)) {
		html_printf(sb, "%lld%R", (long long)json_integer_value(v), has_suffix(key, "_percent") ? "%" : "");
	} else if (json_is_real(v)) {
		html_printf(sb, "%s%R", arena_printf(&req->arena, "%.1f", json_real_value(v)),
			    has_suffix(key, "_percent") ? "%" : "");
	} else if (json_is_string(v) && (streq(key, "status") || streq(key, "severity"))) {
		view_badge(sb, &req->arena, json_string_value(v));
	} else if (json_is_string(v)) {
		html_printf(sb, "%s", json_string_value(v));
	}
}

static void table_html(struct request *req, struct strbuf *sb, json_t *rows)
{
	json_t *first = json_array_get(rows, 0), *row, *v;
	const char *key;
	size_t i;
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table\"><thead><tr>");
	json_object_foreach(first, key, v)
		html_printf(sb, "<th scope=\"col\">%s</th>", label(req, key));
	html_printf(sb, "</tr></thead><tbody>");
	json_array_foreach(rows, i, row) {
		html_printf(sb, "<tr%R>", json_is_true(json_object_get(row, "overdue")) ? " class=\"row-overdue\"" : "");
		json_object_foreach(first, key, v) {
			html_printf(sb, "<td%R>", json_is_number(json_object_get(row, key)) ? " class=\"num\"" : "");
			value_html(req, sb, key, json_object_get(row, key));
			html_printf(sb, "</td>");
		}
		html_printf(sb, "</tr>");
	}
	html_printf(sb, "</tbody></table></div>");
}

/* An object of the snapshot: its numbers and words as tiles, then each
 * object and list under its own heading. */
static void data_html(struct request *req, struct strbuf *sb, json_t *obj, int depth)
{
	const char *key;
	json_t *v;
	int tiles = 0;
	json_object_foreach(obj, key, v) {
		if (json_is_object(v) || json_is_array(v))
			continue;
		if (!tiles++)
			html_printf(sb, "<div class=\"tiles review-tiles\" role=\"group\">");
		html_printf(sb, "<div class=\"tile\"><span class=\"tile-n\">");
		value_html(req, sb, key, v);
		html_printf(sb, "</span><span class=\"tile-label\">%s</span></div>", label(req, key));
	}
	if (tiles)
		html_printf(sb, "</div>");
	json_object_foreach(obj, key, v) {
		if (!json_is_object(v) && !json_is_array(v))
			continue;
		html_printf(sb, "<h%d class=\"review-sub\">%s</h%d>", depth, label(req, key), depth);
		if (json_is_object(v))
			data_html(req, sb, v, depth < 5 ? depth + 1 : depth);
		else if (!json_array_size(v))
			html_printf(sb, "<p class=\"muted\">None.</p>");
		else if (json_is_object(json_array_get(v, 0)))
			table_html(req, sb, v);
	}
}

static void inputs_report(struct request *req, struct strbuf *sb, const struct record *r)
{
	const char *text;
	struct err e = ERR_INIT;
	json_t *root = NULL, *prev, *sections, *sec;
	json_error_t jerr;
	size_t i;
	html_printf(sb, "<section class=\"card review-inputs\" aria-labelledby=\"h-inputs\"><div class=\"card-head\">"
			"<h2 id=\"h-inputs\">Inputs</h2>");
	if (value_of(r, "compiled_on"))
		html_printf(sb, "<span class=\"muted\">as of %s, frozen</span>", value_of(r, "compiled_on"));
	html_printf(sb, "</div>");
	if (review_inputs_read(req->store, r->id, &req->arena, &text, &e)) {
		page_notice(sb, "error", e.message);
	} else if (!text || !(root = json_loads(text, 0, &jerr))) {
		html_printf(sb, "<p class=\"muted\">No inputs were compiled for this review.</p>");
	} else {
		prev = json_object_get(root, "previous_review");
		if (json_is_object(prev))
			html_printf(sb, "<p>Previous review: <a href=\"/reviews/%lld\">%s</a> (%s).</p>",
				    (long long)json_integer_value(json_object_get(prev, "id")),
				    json_string_value(json_object_get(prev, "title")),
				    json_string_value(json_object_get(prev, "review_date")));
		else
			html_printf(sb, "<p class=\"muted\">This is the first management review.</p>");
		sections = json_object_get(root, "sections");
		json_array_foreach(sections, i, sec) {
			html_printf(sb, "<section class=\"review-section\"><h3>%s</h3>",
				    json_string_value(json_object_get(sec, "title")));
			if (json_is_true(json_object_get(sec, "available")))
				data_html(req, sb, json_object_get(sec, "data"), 4);
			else
				html_printf(sb, "<p class=\"muted\">Not available. %s</p>",
					    json_string_value(json_object_get(sec, "note")));
			html_printf(sb, "</section>");
		}
	}
	json_decref(root);
	/* the free-text inputs the manager wrote */
	static const char *const texts[] = { "feedback", "improvement" };
	for (size_t k = 0; k < ARRAY_SIZE(texts); k++) {
		const struct field *f = entity_field(entity_by_name("review"), texts[k]);
		html_printf(sb, "<section class=\"review-section\"><h3>%s</h3>", f->label);
		if (value_of(r, texts[k]))
			html_printf(sb, "<p class=\"longtext\">%s</p>", value_of(r, texts[k]));
		else
			html_printf(sb, "<p class=\"muted\">Nothing recorded yet: edit the review to add it.</p>");
		html_printf(sb, "</section>");
	}
	html_printf(sb, "</section>");
}

/* ---- status, attendees ---- */

static void status_card(struct request *req, struct strbuf *sb, const struct record *r)
{
	const char *status = value_of(r, "status");
	int can = !r->archived && view_can_write(req, entity_by_name("review")) && !streq(status, "closed");
	if (streq(status, "closed"))
		page_notice(sb, "info", arena_printf(&req->arena, "Closed on %s. The review's record no longer changes; "
						     "its actions are followed up by the next review.",
						     value_of(r, "closed_on") ? value_of(r, "closed_on") : "?"));
	else if (streq(status, "held"))
		page_notice(sb, "info", "Next step: record the minutes, the decisions and the actions below, then close "
					"the review. It cannot be closed without decisions or actions.");
	else
		page_notice(sb, "info", "Next step: check the inputs below and name the attendees, then hold the meeting "
					"and set the status to held. Until then the inputs can be compiled again.");
	if (!can)
		return;
	html_printf(sb, "<div class=\"stack-actions review-actions\">");
	if (streq(status, "draft")) {
		html_printf(sb, "<form method=\"post\" action=\"/reviews/%lld/compile\">", (long long)r->id);
		page_csrf(req, sb);
		html_printf(sb, "<button class=\"btn btn-secondary\" type=\"submit\">Compile the inputs again</button>"
				"</form>");
	}
	html_printf(sb, "<form method=\"post\" action=\"/reviews/%lld/close\">", (long long)r->id);
	page_csrf(req, sb);
	html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
			"<button class=\"btn btn-primary\" type=\"submit\">Close the review</button></form></div>",
		    (long long)r->version);
}

static void attendees_card(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct review_attendee *att;
	struct ref_option *users;
	struct err e = ERR_INIT;
	int n = 0, nu = 0;
	const char *external = value_of(r, "external_attendees");
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-attendees\"><div class=\"card-head\">"
			"<h2 id=\"h-attendees\">Attendees</h2></div>");
	if (review_attendees(req->store, r->id, &req->arena, &att, &n, &e)) {
		page_notice(sb, "error", e.message);
		html_printf(sb, "</section>");
		return;
	}
	if (!n && !external)
		html_printf(sb, "<p class=\"muted\">Nobody named yet.</p>");
	if (n) {
		html_printf(sb, "<ul class=\"review-attendees\">");
		for (int i = 0; i < n; i++)
			html_printf(sb, "<li>%s <span class=\"muted\">%s</span></li>", att[i].name, att[i].email);
		html_printf(sb, "</ul>");
	}
	if (external)
		html_printf(sb, "<p>From outside: %s</p>", external);
	if (!r->archived && !streq(value_of(r, "status"), "closed") && view_can_write(req, entity_by_name("review")) &&
	    (nu = record_ref_options(req->store, entity_field(entity_by_name("review"), "chair"), 200, &req->arena,
				     &users, &e)) >= 0) {
		html_printf(sb, "<details class=\"review-attend\"><summary class=\"btn btn-secondary\">Change attendees"
				"</summary><form method=\"post\" action=\"/reviews/%lld/attendees\"><fieldset>"
				"<legend>Who attended</legend>",
			    (long long)r->id);
		page_csrf(req, sb);
		for (int i = 0; i < nu; i++) {
			int on = 0;
			for (int k = 0; k < n; k++)
				on |= att[k].user_id == users[i].id;
			html_printf(sb, "<label class=\"check\"><input type=\"checkbox\" name=\"user\" value=\"%lld\"%R> %s"
					"</label>",
				    (long long)users[i].id, on ? " checked" : "", users[i].title);
		}
		html_printf(sb, "</fieldset><button class=\"btn btn-primary\" type=\"submit\">Save attendees</button>"
				"</form></details>");
	}
	html_printf(sb, "</section>");
}

void review_detail_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	static const char *const form_fields[] = { "title", "owner", "due_date", NULL };
	static const struct actions_view v = { "review", "Actions decided", NULL, NULL, form_fields };
	status_card(req, sb, r);
	attendees_card(req, sb, r);
	inputs_report(req, sb, r);
	page_actions_section(req, sb, r, &v);
}

/* ---- the forms ---- */

static void done(struct request *req, struct response *resp, int rc, struct err *e, const char *notice)
{
	if (rc) {
		if (e->nfields && strcmp(e->code, "validation") == 0)
			snprintf(e->message, sizeof(e->message), "%s", e->fields[0].message);
		else if (e->nfields)
			snprintf(e->message + strlen(e->message), sizeof(e->message) - strlen(e->message), " %s",
				 e->fields[0].message);
		page_error(req, resp, e, arena_printf(&req->arena, "/reviews/%lld", (long long)req->id),
			   "Back to the review");
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/reviews/%lld?notice=%s", (long long)req->id, notice));
}

void web_review_compile(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	done(req, resp, review_compile(req->store, &req->actor, req->id, &req->arena, &e), &e, "review_compiled");
}

void web_review_close(struct request *req, struct response *resp)
{
	const char *v = http_form(req, "version");
	int64_t version = 0;
	struct err e = ERR_INIT;
	int rc;
	if (v && (parse_int64(v, &version) || version <= 0))
		rc = err_set(&e, 400, "bad_version", "The form did not say which version you saw; reload the page.");
	else
		rc = review_close(req->store, &req->actor, req->id, version, &req->arena, &e);
	if (rc && e.status == 412)
		snprintf(e.message, sizeof(e.message), "This review was changed by someone else since you opened it. "
			 "Reload it, check the changes, then try again.");
	done(req, resp, rc, &e, "review_closed");
}

void web_review_attendees(struct request *req, struct response *resp)
{
	int64_t *ids = arena_alloc(&req->arena, sizeof(int64_t) * (size_t)(req->nform + 1));
	struct err e = ERR_INIT;
	int n = 0, rc = 0;
	for (int i = 0; i < req->nform && !rc; i++)
		if (strcmp(req->form[i].name, "user") == 0 && (parse_int64(req->form[i].value, &ids[n++]) || ids[n - 1] <= 0))
			rc = err_field(&e, "users", "type", "Choose attendees from the list.");
	if (!rc)
		rc = review_attendees_set(req->store, &req->actor, req->id, ids, n, &req->arena, &e);
	done(req, resp, rc, &e, "review_attendees");
}
