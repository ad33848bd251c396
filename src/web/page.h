/* page: the pieces every web page shares, private to src/web. The shell
 * (layout.c) opens and closes a page around the handler's content; the
 * value helpers (view.c) render one field value the same way on every page.
 *
 * All output goes to resp->body through html_printf; strings handed in are
 * borrowed and escaped on output unless a comment says otherwise. */
#ifndef ISMS_WEB_PAGE_H
#define ISMS_WEB_PAGE_H
#include "http/http.h"
#include "isms/audit_query.h"
#include "web/html.h"

#define WEB_HTML "text/html; charset=utf-8"

enum page_flags {
	PAGE_BARE = 1 << 0, /* no navigation: login, forced password change */
};

/* layout.c */

/* Writes the document head, the navigation and opens <main>. nav_active is
 * the entity plural (or "" for the dashboard, or a path without its leading
 * slash such as "account/tokens" or "admin/users") to mark as the current page. */
void page_begin(struct request *req, struct response *resp, const char *title, const char *nav_active,
		unsigned flags);
/* Closes the page and sets status and content type. */
void page_end(struct request *req, struct response *resp, int status);
/* A notice box; kind is "ok", "error", "warn" or "info". msg is escaped. */
void page_notice(struct strbuf *sb, const char *kind, const char *msg);
/* Shows the notice named by ?notice=KEY when KEY is one we know. */
void page_flash(struct request *req, struct strbuf *sb);
/* The heading block of a page: a small eyebrow line (NULL for none; a link
 * when eyebrow_href is not NULL), the title and a lead sentence (NULL for
 * none). Leaves the block open for actions: close it with page_head_end. */
void page_head(struct strbuf *sb, const char *eyebrow, const char *eyebrow_href, const char *title,
	       const char *lead);
void page_head_end(struct strbuf *sb);
/* A secret shown once (a new API token, a one-time password): the value in
 * a box to copy, with a warning that it will not be shown again. */
void page_secret(struct strbuf *sb, const char *id, const char *value, const char *what);
/* A whole error page for e (404, 409, 500 ...), with a way back. */
void page_error(struct request *req, struct response *resp, const struct err *e, const char *back_href,
		const char *back_label);
/* <input type=hidden name=csrf ...> for a POST form. */
void page_csrf(struct request *req, struct strbuf *sb);
/* A page of the user's own account (password, two-factor): in the shell,
 * a heading under "Your account" and a narrow card; when forced (the user
 * must finish it before anything else), bare, as a card like the login
 * form. page_account_end closes the card, with a "Log out instead" button
 * when forced, and the page with status. */
void page_account_begin(struct request *req, struct response *resp, const char *title, const char *nav_active,
			int forced);
void page_account_end(struct request *req, struct response *resp, int forced, int status);
/* A small stroke icon by name (an entity plural or "home"). */
void page_icon(struct strbuf *sb, const char *name);
/* Query parameters a page did not understand: page_problem adds msg
 * (escaped) to the list problems, page_problems shows the list as an error
 * notice when it is not empty and releases it. */
void page_problem(struct strbuf *problems, const char *msg);
void page_problems(struct strbuf *sb, struct strbuf *problems);
/* Previous / "Page N of M" / Next, when there is more than one page (or
 * page is past the first). href writes the escaped address of a page. */
void page_pagination(struct strbuf *sb, int page, int64_t total, int per_page,
		     void (*href)(struct strbuf *sb, const void *ctx, int page), const void *ctx);
/* The message e holds for a form field, or NULL. */
const char *page_field_error(const struct err *e, const char *field);

/* page_hooks.c: what a record type adds to its generic pages — links under
 * the list's title, sections above the list's table (given the list's query
 * and how to link to it filtered), sections after a record's details
 * (nothing for most). */
struct record;
struct list_query;
struct list_link;
void page_list_extras(struct request *req, struct strbuf *sb, const struct entity *ent);
void page_list_body(struct request *req, struct strbuf *sb, const struct entity *ent, const struct list_query *q,
		    const struct list_link *link);
void page_detail_extras(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r);
/* pages_risk_trend.c: a risk's score trend (chart) and its changes (table).
 * risk_level_badge shows a level key in the method version it was scored
 * with (a plain badge for a key it lacks, a dash for none); risk_score_cell
 * a <td> with "L × I = score" and that badge. c caches the versions. */
struct rm_cache;
void risk_trend_section(struct request *req, struct strbuf *sb, const struct record *r);
void risk_level_badge(struct request *req, struct strbuf *sb, struct rm_cache *c, int64_t version, const char *key);
void risk_score_cell(struct request *req, struct strbuf *sb, struct rm_cache *c, int64_t version, int64_t l,
		     int64_t i, int64_t score, const char *key);

/* pages_form.c: the pieces of every form */

/* One labelled control for field f — typed by the field: text, e-mail,
 * number with its range, checkbox, select of f->values ... — marked
 * required, with e's message for it and f->help. labels: for FT_ENUM, what
 * to show for each of f->values (NULL: derived from the values). */
void page_field(struct request *req, struct strbuf *sb, const struct field *f, const char *value,
		const char *const *labels, const struct err *e);
/* Opens a POST form card (with the CSRF field and the required-fields
 * note) around a grid of fields; page_form_end closes it with the submit
 * button and, when cancel_href is not NULL, a Cancel link. */
void page_form_begin(struct request *req, struct strbuf *sb, const char *action);
void page_form_end(struct strbuf *sb, const char *submit_label, const char *cancel_href);
/* pages_risk_method.c: a form value as JSON for the schemes' parsers: null
 * when empty, a whole number when number is set and it reads as one (so the
 * checks see numbers), else the text as typed. */
json_t *page_form_json(const char *v, int number);

/* pages_entity.c: a record's page (GET /{type}/{id}); with fe, after a
 * refused link form, its error shown at that form and fe->e's status. */
struct link_form_error;
void page_detail(struct request *req, struct response *resp, const struct link_form_error *fe);

/* pages_links.c: a record's links on its page */
struct record;

/* A refused add or remove form of a kind of link, shown again. */
struct link_form_error {
	const char *kind;     /* the kind's name */
	const struct err *e;
	int64_t to;           /* the record chosen, kept selected; 0: none */
	const char *relation; /* as sent */
};
/* The Protection needs panel of an asset, then per kind of link touching
 * the record and direction, the linked records the caller may read: with
 * remove buttons and an add form where the caller may change them,
 * read-only otherwise. fe: NULL, or a refused form to show again. */
void page_record_links(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r,
		       const struct link_form_error *fe);
/* pages_protection.c: an asset's own and effective protection needs and
 * where the effective ones come from. */
void page_protection(struct request *req, struct strbuf *sb, const struct record *r);

/* pages_account.c */

struct api_token;
/* A table of API tokens with a Revoke button for each live one, posting to
 * REVOKE_BASE/ID/revoke. */
void page_token_table(struct request *req, struct strbuf *sb, const struct api_token *tokens, int n,
		      const char *revoke_base);

/* view.c */

/* "in_use" -> "In use", in the request arena. */
const char *view_enum_label(struct arena *a, const char *value);
/* An enum value as a coloured badge. */
void view_badge(struct strbuf *sb, struct arena *a, const char *value);
/* One field value for lists and detail pages: labels for enums, titles
 * (linked when readable) for references, Yes/No for booleans, line breaks
 * kept for long text, a dash for empty values. */
void view_value(struct request *req, struct strbuf *sb, const struct field *f, const char *value,
		const char *title);
/* Field i of record r as view_value shows it, except that a risk score
 * (FIELD_score) takes the colour of its stored level (FIELD_level). */
struct record;
void view_field(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r, int i);
/* "2026-01-02T03:04:05Z" -> "2026-01-02 03:04 UTC" (arena); other text unchanged. */
const char *view_datetime(struct arena *a, const char *iso);
/* A time as <time>, or none (a dash when NULL) when iso is empty. */
void view_time(struct request *req, struct strbuf *sb, const char *iso, const char *none);
/* Today as YYYY-MM-DD in UTC. */
void view_today(char out[16]);
/* A risk method level as a badge in its colour. */
struct rm_level;
void view_level_badge(struct strbuf *sb, const struct rm_level *l);
/* A level key stored on a risk, as its badge in the current risk method
 * (loaded once per request); a plain badge when the method lacks the key. */
void view_level(struct request *req, struct strbuf *sb, const char *key);
/* pages_classification.c: a classification key as its level's badge (a
 * plain badge when the scheme lacks it); the level's handling rules (for
 * detail pages; nothing for an unknown key); a select of the levels. */
void view_classification(struct request *req, struct strbuf *sb, const char *key);
void view_handling(struct request *req, struct strbuf *sb, const char *key);
void form_classification_select(struct request *req, struct strbuf *sb, const struct field *f, const char *id,
				const char *value, const char *attrs);
/* May the caller read / create / write records of ent? */
int view_can_read(const struct request *req, const struct entity *ent);
int view_can_create(const struct request *req, const struct entity *ent);
int view_can_write(const struct request *req, const struct entity *ent);
/* May the caller read the audit log (AUDIT_READ_ROLE and up)? */
int view_can_read_audit(const struct request *req);

/* audit_view.c */

/* One key of an audit entry's before/after objects. */
struct audit_change {
	const char *key;
	const char *label;          /* the field's label, else the key made readable */
	const struct field *field;  /* the record type's field; NULL for system and other keys */
	const char *before, *after; /* text form as in struct record; NULL = null or absent */
	int changed;                /* both objects exist and the values differ */
	int boolean;                /* a JSON true/false (before/after are "1"/"0") */
};

/* An entry's before and after, side by side: the record type's fields in
 * their order, then the other keys. Open, use, close. */
struct audit_diff {
	const struct entity *ent;  /* the entry's record type, when it is one */
	json_t *before, *after;    /* owned; NULL when absent or not a JSON object */
	struct audit_change *rows; /* request arena */
	int n;
};
void audit_diff_open(struct request *req, const struct audit_entry *en, struct audit_diff *d);
void audit_diff_close(struct audit_diff *d);

/* "Updated", "Sign-in failed" ...; unknown actions made readable. */
const char *audit_action_label(struct arena *a, const char *action);
void audit_action_badge(struct request *req, struct strbuf *sb, const char *action);
/* Who acted, linked to the audit log filtered on them. */
void audit_actor(struct request *req, struct strbuf *sb, const struct audit_entry *en);
/* "Risk #5" linked to the record, with its title from the entry. */
void audit_record(struct request *req, struct strbuf *sb, const struct audit_entry *en, const struct audit_diff *d);
/* What changed, in a line or a short list. */
void audit_summary(struct request *req, struct strbuf *sb, const struct audit_entry *en, const struct audit_diff *d);
/* "2026-01-02T03:04:05Z" -> "2026-01-02 03:04:05 UTC": an audit trail
 * keeps its seconds. Other text unchanged. */
const char *audit_time(struct arena *a, const char *iso);
/* One value in full, as on the record's own page. */
void audit_value(struct request *req, struct strbuf *sb, const struct audit_change *c, const char *v);
/* A table of entries; with_record adds the Record column. With a label it
 * is a region of that name that scrolls inside the page. */
void audit_table(struct request *req, struct strbuf *sb, const struct audit_page *page, int with_record,
		 const char *label);

/* pages_audit.c: the History section of a record's page (caller checks
 * view_can_read_audit). */
void audit_history(struct request *req, struct strbuf *sb, const struct entity *ent, int64_t id);

/* pages_risk.c: a risk's treatment actions and its acceptance, sections of
 * its page (page_hooks.c); a plan entry's progress and actions. */
struct plan_risk;
struct record;
void risk_actions_section(struct request *req, struct strbuf *sb, const struct record *r);
/* The actions of record r — the tasks whose reference field v->field
 * (the entity's name: "risk", "nonconformity") names it — with an "Add
 * action" form of v->form_fields posting to the ordinary task form; the
 * owner defaults to r's owner. */
struct actions_view {
	const char *field, *heading;
	const char *more_href, *more_label; /* a link beside the heading; NULL: none */
	const char *const *form_fields;     /* task fields, NULL-terminated */
};
void page_actions_section(struct request *req, struct strbuf *sb, const struct record *r,
			  const struct actions_view *v);
/* pages_training.c: the course list's link to /training, a course page's link to its training page. */
void course_list_links(struct request *req, struct strbuf *sb);
void course_training_section(struct request *req, struct strbuf *sb, const struct record *r);
/* pages_context.c: the links atop the issue and party lists. */
void context_list_links(struct request *req, struct strbuf *sb);
/* pages_raci.c: a process's RACI on its page. */
void process_raci_section(struct request *req, struct strbuf *sb, const struct record *r);
/* pages_dashboard.c: the Plan-Do-Check-Act panels and charts of the home page (auditors and up). */
void dashboard_sections(struct request *req, struct strbuf *sb);
/* pages_framework.c: the requirements a control meets, with a form to link one. */
void control_requirements_section(struct request *req, struct strbuf *sb, const struct record *r);
/* pages_document.c: a document's workflow, acknowledgement, text and
 * versions; the list's documents to read and new from a template. */
void document_detail_section(struct request *req, struct strbuf *sb, const struct record *r);
void document_list_links(struct request *req, struct strbuf *sb);
void risk_acceptance_section(struct request *req, struct strbuf *sb, const struct record *r);
void web_plan_actions(struct request *req, struct strbuf *sb, const struct plan_risk *pr);

/* pages_incident.c: an incident's timeline, response times and breach
 * clock, with a button raising a nonconformity; the mean response times
 * atop the incident list (auditors and up). pages_nonconformity.c: a
 * nonconformity's next step and corrective actions; its list's figures.
 * pages_my_tasks.c: the dashboard card of what the caller owes, and the
 * navigation's "My tasks" link with its overdue count. */
void incident_timeline_section(struct request *req, struct strbuf *sb, const struct record *r);
void incident_list_figures(struct request *req, struct strbuf *sb);
void nonconformity_actions_section(struct request *req, struct strbuf *sb, const struct record *r);
void nonconformity_list_figures(struct request *req, struct strbuf *sb);
void my_tasks_card(struct request *req, struct strbuf *sb);
/* pages_review.c: a management review's status, attendees, frozen inputs and
 * actions; pages_supplier.c: a supplier's overdue notice and assessments. */
void review_detail_section(struct request *req, struct strbuf *sb, const struct record *r);
void supplier_detail_section(struct request *req, struct strbuf *sb, const struct record *r);
/* pages_internal_audit.c: an audit's independence warning, criteria and checklist; a programme's
 * schedule (areas by quarters) */
void audit_detail_section(struct request *req, struct strbuf *sb, const struct record *r);
void programme_schedule_section(struct request *req, struct strbuf *sb, const struct record *r);
void my_tasks_nav(struct request *req, struct strbuf *sb, const char *nav_active);

/* qr.c */

/* text as a QR code in inline SVG, size pixels square; label is its
 * accessible name. A warning notice instead when text cannot be encoded. */
void qr_svg(struct strbuf *sb, const char *text, int size, const char *label);

#endif
