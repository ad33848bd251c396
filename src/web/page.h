/* page: the pieces every web page shares, private to src/web. The shell
 * (layout.c) opens and closes a page around the handler's content; the
 * value helpers (view.c) render one field value the same way on every page.
 *
 * All output goes to resp->body through html_printf; strings handed in are
 * borrowed and escaped on output unless a comment says otherwise. */
#ifndef ISMS_WEB_PAGE_H
#define ISMS_WEB_PAGE_H
#include "http/http.h"
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
/* A small stroke icon by name (an entity plural or "home"). */
void page_icon(struct strbuf *sb, const char *name);
/* The message e holds for a form field, or NULL. */
const char *page_field_error(const struct err *e, const char *field);

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
/* "2026-01-02T03:04:05Z" -> "2026-01-02 03:04 UTC" (arena); other text unchanged. */
const char *view_datetime(struct arena *a, const char *iso);
/* A time as <time>, or none (a dash when NULL) when iso is empty. */
void view_time(struct request *req, struct strbuf *sb, const char *iso, const char *none);
/* Today as YYYY-MM-DD in UTC. */
void view_today(char out[16]);
/* May the caller read / create / write records of ent? */
int view_can_read(const struct request *req, const struct entity *ent);
int view_can_create(const struct request *req, const struct entity *ent);
int view_can_write(const struct request *req, const struct entity *ent);

#endif
