/* pages_form: the new and edit forms for every record type, generated from
 * the entity table (one input per writable field, typed by the field), and
 * their submission. Input goes through validate_form — the same checks as
 * the JSON API — and a refused form comes back with the values the user
 * typed and each message next to its field. The field and form frame are
 * shared with the other forms of the UI (page_field, page_form_begin/end). */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

#include "base/util.h"
#include "isms/record.h"
#include "web/page.h"
#include "web/web.h"

#define REF_OPTIONS_MAX 500

struct form_view {
	const struct entity *ent;
	const struct record *rec; /* edit: the record as loaded; NULL when new */
	const char **values;      /* per field: the value to show, text form */
	const struct err *e;
	int64_t version;          /* edit: the version the form was opened with */
};

/* "2026-01-02T03:04:00Z" -> "2026-01-02T03:04" for datetime-local inputs;
 * seconds are kept when there are any, so that saving a form unchanged
 * does not change the time. */
static const char *datetime_input(struct arena *a, const char *v)
{
	if (v && strlen(v) == 20 && v[10] == 'T' && v[19] == 'Z')
		return arena_strndup(a, v, strcmp(v + 16, ":00Z") == 0 ? 16 : 19);
	return v;
}

static void enum_select(struct request *req, struct strbuf *sb, const struct field *f, const char *id,
			const char *value, const char *attrs, const char *const *labels)
{
	int found = 0;
	html_printf(sb, "<select id=\"%s\" name=\"%s\"%R>", id, f->name, attrs);
	html_printf(sb, "<option value=\"\">%s</option>", (f->flags & F_REQUIRED) ? "Choose…" : "—");
	for (const char *const *v = f->values; *v; v++) {
		int sel = streq(value, *v);
		found |= sel;
		html_printf(sb, "<option value=\"%s\"%R>%s</option>", *v, sel ? " selected" : "",
			    labels ? labels[v - f->values] : view_enum_label(&req->arena, *v));
	}
	if (value && value[0] && !found) /* keep what was sent, so the message makes sense */
		html_printf(sb, "<option value=\"%s\" selected>%s</option>", value, value);
	html_printf(sb, "</select>");
}

/* References become a select of live records; callers who may not read
 * the target type get a plain id box rather than a list of its titles.
 * known_title: the title of value when the record is not among the options. */
static void ref_select(struct request *req, struct strbuf *sb, const struct field *f, const char *id,
		       const char *value, const char *attrs, const char *known_title)
{
	const struct entity *target = f->type == FT_REF ? entity_by_name(f->ref) : NULL;
	struct ref_option *opts = NULL;
	struct err e = ERR_INIT;
	int n, found = 0;

	if ((target && !view_can_read(req, target)) ||
	    (n = record_ref_options(req->store, f, REF_OPTIONS_MAX, &req->arena, &opts, &e)) < 0) {
		html_printf(sb, "<input id=\"%s\" name=\"%s\" type=\"number\" min=\"1\" step=\"1\" value=\"%s\"%R>", id,
			    f->name, value, attrs);
		return;
	}
	html_printf(sb, "<select id=\"%s\" name=\"%s\"%R><option value=\"\">—</option>", id, f->name, attrs);
	for (int k = 0; k < n; k++) {
		const char *ov = arena_printf(&req->arena, "%lld", (long long)opts[k].id);
		int sel = streq(value, ov);
		found |= sel;
		html_printf(sb, "<option value=\"%s\"%R>%s</option>", ov, sel ? " selected" : "",
			    opts[k].title && opts[k].title[0] ? opts[k].title : ov);
	}
	if (value && value[0] && !found) {
		/* archived, disabled or beyond the first REF_OPTIONS_MAX: keep it */
		html_printf(sb, "<option value=\"%s\" selected>%s</option>", value,
			    known_title ? known_title : arena_printf(&req->arena, "#%s", value));
	}
	html_printf(sb, "</select>");
}

static void text_input(struct strbuf *sb, const struct field *f, const char *id, const char *type,
		       const char *value, const char *attrs)
{
	html_printf(sb, "<input id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\"", id, f->name, type, value);
	if (f->max_len)
		html_printf(sb, " maxlength=\"%d\"", f->max_len);
	html_printf(sb, "%R>", attrs);
}

/* What a field's control needs besides the field and its value. */
struct control_extra {
	const char *known_title;    /* FT_REF, FT_USER: see ref_select */
	const char *const *labels;  /* FT_ENUM: see page_field */
};

static void control(struct request *req, struct strbuf *sb, const struct field *f, const char *id,
		    const char *value, const char *attrs, const struct control_extra *x)
{
	switch (f->type) {
	case FT_TEXT:
		if (f->flags & F_CLASS)
			form_classification_select(req, sb, f, id, value, attrs);
		else
			text_input(sb, f, id, "text", value, attrs);
		break;
	case FT_EMAIL:
		text_input(sb, f, id, "email", value, attrs);
		break;
	case FT_LONGTEXT:
		html_printf(sb, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\"", id, f->name, f->max_len > 10000 ? 14 : 5);
		if (f->max_len)
			html_printf(sb, " maxlength=\"%d\"", f->max_len);
		/* the parser drops one newline right after the tag: keep the value's own */
		html_printf(sb, "%R>\n%s</textarea>", attrs, value);
		break;
	case FT_INT:
		html_printf(sb, "<input id=\"%s\" name=\"%s\" type=\"number\" step=\"1\" inputmode=\"numeric\" value=\"%s\"",
			    id, f->name, value);
		if (f->min < f->max)
			html_printf(sb, " min=\"%lld\" max=\"%lld\"", (long long)f->min, (long long)f->max);
		html_printf(sb, "%R>", attrs);
		break;
	case FT_NUMBER:
		html_printf(sb, "<input id=\"%s\" name=\"%s\" type=\"text\" inputmode=\"decimal\" value=\"%s\"%R>", id,
			    f->name, value, attrs);
		break;
	case FT_DATE:
		text_input(sb, f, id, "date", value, attrs);
		break;
	case FT_DATETIME:
		value = datetime_input(&req->arena, value);
		html_printf(sb, "<input id=\"%s\" name=\"%s\" type=\"datetime-local\" value=\"%s\"%R%R>", id, f->name,
			    value, value && strlen(value) == 19 ? " step=\"1\"" : "", attrs);
		break;
	case FT_ENUM:
		enum_select(req, sb, f, id, value, attrs, x->labels);
		break;
	case FT_REF:
	case FT_USER:
		ref_select(req, sb, f, id, value, attrs, x->known_title);
		break;
	case FT_BOOL: /* drawn by form_field */
		break;
	}
}

static void field_box(struct request *req, struct strbuf *sb, const struct field *f, const char *value,
		      const struct err *e, const struct control_extra *x)
{
	const char *msg = page_field_error(e, f->name);
	const char *id = arena_printf(&req->arena, "f-%s", f->name);
	int required = (f->flags & F_REQUIRED) != 0;
	struct strbuf attrs = STRBUF_INIT;

	if (msg || f->help)
		html_printf(&attrs, " aria-describedby=\"%R%R%R\"", msg ? arena_printf(&req->arena, "%s-error", id) : "",
			    msg && f->help ? " " : "", f->help ? arena_printf(&req->arena, "%s-help", id) : "");
	if (msg)
		html_printf(&attrs, " aria-invalid=\"true\"");
	if (required)
		html_printf(&attrs, " required");

	html_printf(sb, "<div class=\"field%R%R\">", f->type == FT_LONGTEXT ? " field-wide" : "",
		    msg ? " has-error" : "");
	if (f->type == FT_BOOL) {
		html_printf(sb, "<div class=\"check\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%R%R>"
				"<label for=\"%s\">%s</label></div>",
			    id, f->name, value && strcmp(value, "0") != 0 ? " checked" : "", attrs.buf, id, f->label);
	} else {
		html_printf(sb, "<label for=\"%s\">%s%R%R</label>", id, f->label,
			    f->type == FT_DATETIME ? " <span class=\"unit\">(UTC)</span>" : "",
			    required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : "");
		control(req, sb, f, id, value, attrs.buf, x);
	}
	if (msg)
		html_printf(sb, "<p class=\"field-error\" id=\"%s-error\">%s</p>", id, msg);
	if (f->help)
		html_printf(sb, "<p class=\"help\" id=\"%s-help\">%s</p>", id, f->help);
	html_printf(sb, "</div>");
	sb_release(&attrs);
}

void page_field(struct request *req, struct strbuf *sb, const struct field *f, const char *value,
		const char *const *labels, const struct err *e)
{
	struct control_extra x = { NULL, labels };
	field_box(req, sb, f, value, e, &x);
}

static void form_field(struct request *req, struct strbuf *sb, const struct form_view *fv, int i)
{
	struct control_extra x = { NULL, NULL };
	if (fv->rec && streq(fv->rec->values[i], fv->values[i]))
		x.known_title = fv->rec->titles[i];
	field_box(req, sb, &fv->ent->fields[i], fv->values[i], fv->e, &x);
}

void page_form_begin(struct request *req, struct strbuf *sb, const char *action)
{
	html_printf(sb, "<form method=\"post\" action=\"%s\" class=\"card record-form\" novalidate>", action);
	page_csrf(req, sb);
	html_printf(sb, "<p class=\"form-note\">Fields marked <span class=\"req\">*</span> are required.</p>"
			"<div class=\"form-grid\">");
}

void page_form_end(struct strbuf *sb, const char *submit_label, const char *cancel_href)
{
	html_printf(sb, "</div><div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">%s</button>",
		    submit_label);
	if (cancel_href)
		html_printf(sb, "<a class=\"btn btn-secondary\" href=\"%s\">Cancel</a>", cancel_href);
	html_printf(sb, "</div></form>");
}

static int writable(const struct field *f)
{
	return !(f->flags & F_COMPUTED);
}

/* Errors that no input shows (a field the form lacks) go into the summary. */
static void error_summary(struct request *req, struct strbuf *sb, const struct form_view *fv)
{
	const struct err *e = fv->e;
	const struct entity *ent = fv->ent;
	if (!e || !e->status)
		return;
	if (e->status == 412) {
		html_printf(sb, "<div class=\"notice notice-warn\" role=\"alert\"><p><strong>This %s was changed by "
				"someone else since you opened it.</strong> Your changes have not been saved. "
				"<a href=\"/%s/%lld/edit\">Reload</a> to see the current version and apply your changes "
				"again; what you typed is kept below so you can copy it.</p></div>",
			    ent->name, ent->plural, (long long)fv->rec->id);
		return;
	}
	if (!e->nfields) {
		page_notice(sb, "error", e->message);
		return;
	}
	html_printf(sb, "<div class=\"notice notice-error\" role=\"alert\"><p>%R</p>",
		    e->nfields == 1 ? "Please correct the marked field." : "Please correct the marked fields.");
	for (int k = 0; k < e->nfields; k++) {
		int i = entity_field_index(ent, e->fields[k].field);
		if (i < 0 || !writable(&ent->fields[i]))
			html_printf(sb, "<p>%s: %s</p>", e->fields[k].field, e->fields[k].message);
	}
	html_printf(sb, "</div>");
	(void)req;
}

static void form_page(struct request *req, struct response *resp, const struct form_view *fv, int status)
{
	const struct entity *ent = fv->ent;
	struct strbuf *sb = &resp->body;
	const char *title, *heading, *action, *cancel;
	if (fv->rec) {
		int t = entity_field_index(ent, ent->title_field);
		const char *name = t >= 0 && fv->rec->values[t] ? fv->rec->values[t] : ent->label;
		title = arena_printf(&req->arena, "Edit %s", name);
		heading = name;
		action = arena_printf(&req->arena, "/%s/%lld", ent->plural, (long long)fv->rec->id);
		cancel = action;
	} else {
		/* the label in a sentence: "New management review" */
		title = heading = arena_printf(&req->arena, "New %c%s", tolower((unsigned char)ent->label[0]), ent->label + 1);
		action = arena_printf(&req->arena, "/%s", ent->plural);
		cancel = action;
	}
	page_begin(req, resp, title, ent->plural, 0);
	html_printf(sb, "<div class=\"page-head\"><div><p class=\"eyebrow\"><a href=\"/%s\">%s</a>%R</p>"
			"<h1>%s</h1></div></div>",
		    ent->plural, ent->label_plural, fv->rec ? " / Edit" : "", heading);
	error_summary(req, sb, fv);
	page_form_begin(req, sb, action);
	if (fv->rec)
		html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)fv->version);
	for (int i = 0; i < ent->nfields; i++)
		if (writable(&ent->fields[i]))
			form_field(req, sb, fv, i);
	page_form_end(sb, fv->rec ? "Save changes" : arena_printf(&req->arena, "Create %s", heading + 4), cancel);
	page_end(req, resp, status);
}

/* The values the user sent, for showing the form again. */
static const char **submitted_values(struct request *req, const struct entity *ent)
{
	const char **v = arena_alloc(&req->arena, sizeof(char *) * (size_t)ent->nfields);
	for (int i = 0; i < ent->nfields; i++) {
		const char *s = http_form(req, ent->fields[i].name);
		if (ent->fields[i].type == FT_BOOL)
			v[i] = s && s[0] && strcmp(s, "0") != 0 ? "1" : "0";
		else
			v[i] = s;
	}
	return v;
}

/* Browsers send line breaks of a textarea as CRLF; we store LF. */
static const char *lf_only(struct arena *a, const char *s)
{
	char *out, *o;
	if (!strchr(s, '\r'))
		return s;
	out = o = arena_strdup(a, s);
	for (const char *p = s; *p; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*o++ = *p;
	*o = '\0';
	return out;
}

static int validate_submission(struct request *req, int creating, struct input *in, struct err *e)
{
	const char **names = arena_alloc(&req->arena, sizeof(char *) * (size_t)(req->nform + 1));
	const char **vals = arena_alloc(&req->arena, sizeof(char *) * (size_t)(req->nform + 1));
	for (int k = 0; k < req->nform; k++) {
		const struct field *f = entity_field(req->entity, req->form[k].name);
		names[k] = req->form[k].name;
		vals[k] = f && f->type == FT_LONGTEXT ? lf_only(&req->arena, req->form[k].value) : req->form[k].value;
	}
	return validate_form(req->entity, names, vals, req->nform, creating, &req->arena, in, e);
}

void web_new_form(struct request *req, struct response *resp)
{
	const struct entity *ent = req->entity;
	struct form_view fv = { .ent = ent };
	fv.values = arena_alloc(&req->arena, sizeof(char *) * (size_t)ent->nfields);
	/* a query parameter named after a field pre-fills it (a nonconformity
	 * raised from an incident); it is checked, as typed, on submission */
	for (int i = 0; i < ent->nfields; i++) {
		const char *q = http_query(req, ent->fields[i].name);
		fv.values[i] = q && *q ? q : ent->fields[i].def;
	}
	form_page(req, resp, &fv, 200);
}

void web_create(struct request *req, struct response *resp)
{
	const struct entity *ent = req->entity;
	struct form_view fv = { .ent = ent };
	struct err e = ERR_INIT;
	struct input in;
	int64_t id = 0;

	if (validate_submission(req, 1, &in, &e) == 0 &&
	    record_create(req->store, &req->actor, ent, &in, &req->arena, &id, &e) == 0) {
		http_redirect(resp, arena_printf(&req->arena, "/%s/%lld?notice=created", ent->plural, (long long)id));
		return;
	}
	fv.values = submitted_values(req, ent);
	fv.e = &e;
	form_page(req, resp, &fv, e.status ? e.status : 500);
}

/* Loads the record for editing; an error page when missing or archived. */
static int load_for_edit(struct request *req, struct response *resp, struct record *r)
{
	const struct entity *ent = req->entity;
	struct err e = ERR_INIT;
	if (record_read(req->store, &req->actor, ent, req->id, &req->arena, r, &e) == 0 && !r->archived) {
		if (record_check_change(ent, &req->actor, r, &e) == 0)
			return 0;
	}
	if (!e.status)
		err_set(&e, 409, "archived", "This %s is archived and can no longer be changed.", ent->name);
	page_error(req, resp, &e,
		   arena_printf(&req->arena, e.status == 404 ? "/%s" : "/%s/%lld", ent->plural, (long long)req->id),
		   e.status == 404 ? arena_printf(&req->arena, "Back to %s", ent->label_plural)
				   : arena_printf(&req->arena, "Back to the %s", ent->name));
	return -1;
}

void web_edit_form(struct request *req, struct response *resp)
{
	struct record r;
	struct form_view fv = { .ent = req->entity, .rec = &r };
	if (load_for_edit(req, resp, &r))
		return;
	fv.values = r.values;
	fv.version = r.version;
	form_page(req, resp, &fv, 200);
}

void web_update(struct request *req, struct response *resp)
{
	const struct entity *ent = req->entity;
	const char *v = http_form(req, "version");
	struct record r;
	struct form_view fv = { .ent = ent, .rec = &r };
	struct err e = ERR_INIT;
	struct input in;

	if (load_for_edit(req, resp, &r))
		return;
	if (!v || parse_int64(v, &fv.version) || fv.version <= 0) {
		err_set(&e, 400, "bad_version", "The form did not say which version you opened; reload the page.");
		fv.version = r.version;
	} else if (validate_submission(req, 0, &in, &e) == 0) {
		/* only what changed, so that the audit trail shows real edits */
		for (int i = 0; i < ent->nfields; i++)
			if (in.set[i] && streq(in.values[i], r.values[i]))
				in.set[i] = 0;
		if (record_update(req->store, &req->actor, ent, req->id, fv.version, &in, &req->arena, &e) == 0) {
			http_redirect(resp, arena_printf(&req->arena, "/%s/%lld?notice=updated", ent->plural,
							 (long long)req->id));
			return;
		}
	}
	fv.values = submitted_values(req, ent);
	fv.e = &e;
	form_page(req, resp, &fv, e.status ? e.status : 500);
}
