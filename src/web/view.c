/* view: how one field value looks on a page — enum labels and badge
 * colours, reference titles and links, dates and times, long text — plus
 * the role checks the pages use to decide which buttons to show. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "isms/record.h"
#include "isms/risk_method.h"
#include "web/page.h"

/* Badge colours by what a value means, not by its position in a list:
 * the same word reads the same everywhere in the product. */
static const char *const tone_danger[] = {
	"critical", "high", "ineffective", "not_implemented", "restricted", "reported", "not_met", NULL,
};
static const char *const tone_warn[] = {
	"medium", "partially_implemented", "partially_effective", "in_progress", "in_treatment", "must_change_password",
	"treatment_planned", "in_review", "planned", "confidential", "triaged", "responding", "identified",
	"prospective", "not_tested", "partial", NULL,
};
static const char *const tone_info[] = { "open", "normal", "this_session", NULL };
static const char *const tone_ok[] = {
	"low", "done", "implemented", "effective", "closed", "resolved", "approved", "published", "public",
	"accepted", "contained", "active", "in_use", "assessed", "met", NULL,
};
static const char *const tone_muted[] = {
	"cancelled", "retired", "not_applicable", "draft", "none", "terminated", "revoked", "expired", "disabled",
	"not_assessed", NULL,
};

static int in_list(const char *const *list, const char *v)
{
	for (; *list; list++)
		if (strcmp(*list, v) == 0)
			return 1;
	return 0;
}

static const char *tone(const char *value)
{
	if (in_list(tone_danger, value))
		return "danger";
	if (in_list(tone_warn, value))
		return "warn";
	if (in_list(tone_ok, value))
		return "ok";
	if (in_list(tone_muted, value))
		return "muted";
	if (in_list(tone_info, value))
		return "info";
	return "neutral"; /* categories: type, treatment, doc type ... */
}

const char *view_enum_label(struct arena *a, const char *value)
{
	size_t n = strlen(value) + 1;
	char *out = arena_alloc(a, n);
	enum_label(value, out, (int)n);
	return out;
}

void view_badge(struct strbuf *sb, struct arena *a, const char *value)
{
	html_printf(sb, "<span class=\"badge badge-%s\">%s</span>", tone(value), view_enum_label(a, value));
}

const char *view_datetime(struct arena *a, const char *iso)
{
	/* YYYY-MM-DDTHH:MM:SSZ */
	if (strlen(iso) == 20 && iso[10] == 'T' && iso[19] == 'Z')
		return arena_printf(a, "%.10s %.5s UTC", iso, iso + 11);
	return iso;
}

void view_time(struct request *req, struct strbuf *sb, const char *iso, const char *none)
{
	if (!iso || !iso[0])
		html_printf(sb, "<span class=\"empty\">%s</span>", none ? none : "—");
	else
		html_printf(sb, "<time datetime=\"%s\">%s</time>", iso, view_datetime(&req->arena, iso));
}

void view_today(char out[16])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* A risk's scores (FIELD_score) are shown in the colour of the level
 * stored beside them (FIELD_level, an F_LEVEL field), never guessed from
 * the number: the risk method decides what a score means. */
static int is_score(const struct field *f)
{
	size_t n = strlen(f->name);
	return f->type == FT_INT && n > 6 && strcmp(f->name + n - 6, "_score") == 0;
}

/* The level field beside a score field, or -1. */
static int score_level_field(const struct entity *ent, const struct field *f)
{
	char name[64];
	int i;
	snprintf(name, sizeof(name), "%.*s_level", (int)(strlen(f->name) - 6), f->name);
	i = entity_field_index(ent, name);
	return i >= 0 && (ent->fields[i].flags & F_LEVEL) ? i : -1;
}

/* level NULL: a neutral pill. */
static void score(struct strbuf *sb, const char *value, const struct rm_level *level)
{
	if (level)
		html_printf(sb, "<span class=\"score lvl-%s\" title=\"%s\">%s</span>", level->colour, level->label, value);
	else
		html_printf(sb, "<span class=\"score score-none\">%s</span>", value);
}

void view_level_badge(struct strbuf *sb, const struct rm_level *l)
{
	html_printf(sb, "<span class=\"badge level lvl-%s\">%s</span>", l->colour, l->label);
}

/* The level of a key in the current risk method (loaded once per request), or NULL. */
static const struct rm_level *level_of(struct request *req, const char *key)
{
	struct err e = ERR_INIT;
	int k;
	if (!req->risk_method) {
		struct risk_method *m = arena_alloc(&req->arena, sizeof(*m));
		if (risk_method_current(req->store, &req->arena, m, &e) == 0)
			req->risk_method = m;
	}
	if (!key || !req->risk_method || (k = rm_level_index(req->risk_method, key)) < 0)
		return NULL;
	return &req->risk_method->levels[k];
}

void view_level(struct request *req, struct strbuf *sb, const char *key)
{
	const struct rm_level *l = level_of(req, key);
	if (l)
		view_level_badge(sb, l);
	else
		view_badge(sb, &req->arena, key);
}

void view_field(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r, int i)
{
	const struct field *f = &ent->fields[i];
	int lv;
	if (is_score(f) && r->values[i] && r->values[i][0] && (lv = score_level_field(ent, f)) >= 0)
		score(sb, r->values[i], level_of(req, r->values[lv]));
	else
		view_value(req, sb, f, r->values[i], r->titles[i]);
}

void view_value(struct request *req, struct strbuf *sb, const struct field *f, const char *value,
		const char *title)
{
	const struct entity *target;
	if (!value || !value[0]) {
		html_printf(sb, "<span class=\"empty\" aria-label=\"empty\">—</span>");
		return;
	}
	switch (f->type) {
	case FT_ENUM:
		view_badge(sb, &req->arena, value);
		break;
	case FT_BOOL:
		html_printf(sb, "%s", strcmp(value, "0") ? "Yes" : "No");
		break;
	case FT_REF:
		target = entity_by_name(f->ref);
		if (target && view_can_read(req, target))
			html_printf(sb, "<a href=\"/%s/%s\">%s</a>", target->plural, value,
				    title ? title : arena_printf(&req->arena, "#%s", value));
		else /* not even the title of what the caller may not read */
			html_printf(sb, "%s #%s", target ? target->label : "Record", value);
		break;
	case FT_USER:
		html_printf(sb, "%s", title ? title : arena_printf(&req->arena, "User #%s", value));
		break;
	case FT_DATETIME:
		view_time(req, sb, value, NULL);
		break;
	case FT_DATE:
		html_printf(sb, "<time datetime=\"%s\">%s</time>", value, value);
		break;
	case FT_LONGTEXT:
		html_printf(sb, "<div class=\"longtext\">%s</div>", value);
		break;
	case FT_EMAIL:
		html_printf(sb, "<a href=\"mailto:%s\">%s</a>", value, value);
		break;
	case FT_NUMBER:
		html_printf(sb, "%s", value);
		break;
	case FT_INT:
		if (is_score(f))
			score(sb, value, NULL);
		else
			html_printf(sb, "%s", value);
		break;
	case FT_TEXT:
		if (f->flags & F_LEVEL)
			view_level(req, sb, value);
		else if (f->flags & F_CLASS)
			view_classification(req, sb, value);
		else
			html_printf(sb, "%s", value);
		break;
	}
}

int view_can_read(const struct request *req, const struct entity *ent)
{
	return req->authenticated && req->user.role >= ent->read_role;
}

int view_can_create(const struct request *req, const struct entity *ent)
{
	return req->authenticated && req->user.role >= ent->create_role;
}

int view_can_write(const struct request *req, const struct entity *ent)
{
	return req->authenticated && req->user.role >= ent->write_role;
}

int view_can_read_audit(const struct request *req)
{
	return req->authenticated && req->user.role >= AUDIT_READ_ROLE;
}
