/* pages_document: what documents add to their generic pages and the pages
 * of their own — on a document's page the workflow (state, buttons, the
 * publish form with its audience), the acknowledgement box, the text
 * rendered from Markdown (markdown.h) and the versions; on the list, new
 * from a template and the caller's documents to read; a version's page,
 * the diff of two versions, and who has acknowledged the published one. */
#include <string.h>

#include "api/api.h"
#include "auth/account.h"
#include "base/textdiff.h"
#include "base/util.h"
#include "isms/doc_ack.h"
#include "isms/doc_template.h"
#include "isms/doc_version.h"
#include "isms/group.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/web.h"

static const char *value(const struct record *r, const char *field)
{
	return r->values[entity_field_index(doc_entity(), field)];
}

static int64_t value_int(const struct record *r, const char *field)
{
	int64_t n = 0;
	if (value(r, field))
		parse_int64(value(r, field), &n);
	return n;
}

static void markdown_block(struct strbuf *sb, const char *md)
{
	struct strbuf html = STRBUF_INIT;
	if (!md || !*md) {
		html_printf(sb, "<p class=\"muted\">No text yet.</p>");
		return;
	}
	markdown_html(&html, md, strlen(md));
	html_printf(sb, "<div class=\"markdown\">%R</div>", html.buf); /* sanitised: see markdown.c */
	sb_release(&html);
}

static void action_button(struct request *req, struct strbuf *sb, const struct record *r, const char *act,
			  const char *label, const char *cls)
{
	html_printf(sb, "<form method=\"post\" class=\"inline\" action=\"/documents/%lld/%s\">", (long long)r->id, act);
	page_csrf(req, sb);
	html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
			"<button type=\"submit\" class=\"btn %s\">%s</button></form>",
		    (long long)r->version, cls, label);
}

/* The publish form: who is asked to acknowledge, preset to the stored audience. */
static void publish_form(struct request *req, struct strbuf *sb, const struct record *r,
			 const struct doc_audience *aud)
{
	struct group *g;
	struct err e = ERR_INIT;
	int n = 0;
	group_list(req->store, &req->arena, &g, &n, &e);
	html_printf(sb, "<form method=\"post\" class=\"publish-form\" action=\"/documents/%lld/publish\">"
			"<fieldset><legend>Ask to read and acknowledge</legend>", (long long)r->id);
	page_csrf(req, sb);
	html_printf(sb, "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
			"<label class=\"check\"><input type=\"checkbox\" name=\"everyone\" value=\"1\"%R> Everyone</label>"
			"<p class=\"muted\">Or people by role:</p>",
		    (long long)r->version, aud->everyone ? " checked" : "");
	for (int k = ROLE_EMPLOYEE; k < ROLE_COUNT; k++) {
		int on = 0;
		for (int i = 0; i < aud->nroles; i++)
			on |= aud->roles[i] == (enum role)k;
		html_printf(sb, "<label class=\"check\"><input type=\"checkbox\" name=\"role\" value=\"%s\"%R> %s</label>",
			    role_name((enum role)k), on ? " checked" : "", role_label((enum role)k));
	}
	if (n)
		html_printf(sb, "<p class=\"muted\">And by group:</p>");
	for (int j = 0; j < n; j++) {
		int on = 0;
		for (int i = 0; i < aud->ngroups; i++)
			on |= aud->groups[i] == g[j].id;
		html_printf(sb, "<label class=\"check\"><input type=\"checkbox\" name=\"group\" value=\"%lld\"%R> %s "
				"<span class=\"muted\">(%lld)</span></label>",
			    (long long)g[j].id, on ? " checked" : "", g[j].name, (long long)g[j].members);
	}
	html_printf(sb, "</fieldset><button type=\"submit\" class=\"btn btn-primary\">Publish</button></form>");
}

static void workflow_card(struct request *req, struct strbuf *sb, const struct record *r)
{
	const char *state = value(r, "state");
	int64_t number = value_int(r, "version_number"), published = value_int(r, "published_version");
	int manager = req->actor.role >= ROLE_MANAGER && !r->archived;
	struct doc_audience aud;
	struct err e = ERR_INIT;

	doc_audience_get(req->store, r->id, &req->arena, &aud, &e);
	html_printf(sb, "<section class=\"card doc-workflow\" aria-labelledby=\"h-workflow\"><h2 id=\"h-workflow\">"
			"Version %lld <span class=\"muted\">%s</span> ",
		    (long long)number, value(r, "version_label"));
	view_badge(sb, &req->arena, state);
	html_printf(sb, "</h2><p class=\"doc-steps\">Draft → In review → Approved → Published → Retired</p>");
	if (published && published != number)
		html_printf(sb, "<p>Version %lld is the published one; this draft takes its place once it is approved "
				"and published.</p>", (long long)published);
	else if (published)
		html_printf(sb, "<p>Published on %s.</p>", view_datetime(&req->arena, value(r, "published_at")));
	html_printf(sb, "<p>Asked to acknowledge: <strong>%s</strong>", doc_audience_text(&aud, &req->arena));
	if (published && (req->actor.role >= ROLE_AUDITOR ||
			  streq(value(r, "owner"), arena_printf(&req->arena, "%lld", (long long)req->actor.user_id))))
		html_printf(sb, " · <a href=\"/documents/%lld/acknowledgements\">Who has acknowledged</a>", (long long)r->id);
	html_printf(sb, "</p>");
	if (manager) {
		html_printf(sb, "<div class=\"actions\">");
		if (streq(state, "draft"))
			action_button(req, sb, r, "submit", "Submit for review", "btn-primary");
		if (streq(state, "in_review"))
			action_button(req, sb, r, "approve", "Approve", "btn-primary");
		if (!streq(state, "retired"))
			action_button(req, sb, r, "retire", "Retire", "btn-danger");
		html_printf(sb, "</div>");
		if (streq(state, "approved"))
			publish_form(req, sb, r, &aud);
		else if (streq(state, "in_review"))
			html_printf(sb, "<p class=\"muted\">Another ISMS manager than its author approves it.</p>");
	}
	html_printf(sb, "</section>");
}

/* "I have read and accept this version", or when the caller did. */
static void ack_card(struct request *req, struct strbuf *sb, const struct record *r)
{
	int64_t published = value_int(r, "published_version");
	const char *at = NULL;
	struct err e = ERR_INIT;
	int in = 0;
	if (!published || r->archived || !req->actor.user_id ||
	    doc_in_audience(req->store, r->id, req->actor.user_id, &in, &e) || !in ||
	    doc_acknowledged_at(req->store, r->id, published, req->actor.user_id, &req->arena, &at, &e))
		return;
	html_printf(sb, "<section class=\"card doc-ack\" aria-labelledby=\"h-ack\"><h2 id=\"h-ack\">Your acknowledgement</h2>");
	if (at) {
		html_printf(sb, "<p><span class=\"badge badge-ok\">Acknowledged</span> You accepted version %lld on %s.</p>",
			    (long long)published, view_datetime(&req->arena, at));
	} else {
		html_printf(sb, "<p>You are asked to read version %lld below and confirm it.</p>"
				"<form method=\"post\" action=\"/documents/%lld/acknowledge\">",
			    (long long)published, (long long)r->id);
		page_csrf(req, sb);
		html_printf(sb, "<input type=\"hidden\" name=\"document_version\" value=\"%lld\">"
				"<button type=\"submit\" class=\"btn btn-primary\">I have read and accept this version</button>"
				"</form>",
			    (long long)published);
	}
	html_printf(sb, "</section>");
}

static void versions_table(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct doc_version *v;
	struct err e = ERR_INIT;
	int n;
	if (doc_versions(req->store, &req->actor, r->id, &req->arena, &v, &n, &e) || n == 0)
		return;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-versions\"><h2 id=\"h-versions\">Versions "
			"<span class=\"count\">%d</span></h2><div class=\"table-wrap\"><table class=\"table\"><thead><tr>"
			"<th>Version</th><th>State</th><th>Change</th><th>Written by</th><th>Approved by</th>"
			"<th>Published</th><th></th></tr></thead><tbody>",
		    n);
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<tr><td><a href=\"/documents/%lld/versions/%lld\">%lld</a> <span class=\"muted\">%s</span></td><td>",
			    (long long)r->id, (long long)v[i].number, (long long)v[i].number, v[i].label);
		view_badge(sb, &req->arena, v[i].state);
		html_printf(sb, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", v[i].change_note,
			    v[i].author_name ? v[i].author_name : "the system", v[i].approver_name,
			    v[i].published_at ? view_datetime(&req->arena, v[i].published_at) : "");
		if (i + 1 < n)
			html_printf(sb, "<a href=\"/documents/%lld/diff?from=%lld&amp;to=%lld\">Changes</a>", (long long)r->id,
				    (long long)v[i + 1].number, (long long)v[i].number);
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></div></section>");
}

void document_detail_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	int64_t published = value_int(r, "published_version");
	workflow_card(req, sb, r);
	ack_card(req, sb, r);
	html_printf(sb, "<section class=\"card doc-text\" aria-labelledby=\"h-text\">");
	if (doc_sees_drafts(&req->actor, r) || !published) {
		html_printf(sb, "<h2 id=\"h-text\">Text <span class=\"muted\">version %lld</span></h2>",
			    (long long)value_int(r, "version_number"));
		markdown_block(sb, value(r, "body"));
	} else {
		struct doc_version v;
		struct err e = ERR_INIT;
		html_printf(sb, "<h2 id=\"h-text\">Text <span class=\"muted\">version %lld</span></h2>", (long long)published);
		if (doc_version_get(req->store, &req->actor, r->id, published, &req->arena, &v, &e) == 0)
			markdown_block(sb, v.body);
	}
	html_printf(sb, "</section>");
	versions_table(req, sb, r);
}

/* The list page: the caller's documents to read, and new from a template. */
void document_list_links(struct request *req, struct strbuf *sb)
{
	struct doc_pending *p;
	struct err e = ERR_INIT;
	int n = 0;
	if (doc_ack_pending(req->store, req->actor.user_id, &req->arena, &p, &n, &e) == 0 && n) {
		html_printf(sb, "<section class=\"card to-read\" aria-labelledby=\"h-to-read\"><h2 id=\"h-to-read\">To read "
				"<span class=\"count\">%d</span></h2><ul class=\"link-list\">", n);
		for (int i = 0; i < n; i++)
			html_printf(sb, "<li><a href=\"/documents/%lld\">%s</a> <span class=\"muted\">version %lld, published %s</span></li>",
				    (long long)p[i].document_id, p[i].title, (long long)p[i].version,
				    view_datetime(&req->arena, p[i].published_at));
		html_printf(sb, "</ul></section>");
	}
	if (req->actor.role < ROLE_MANAGER)
		return;
	html_printf(sb, "<form method=\"post\" class=\"link-add from-template\" action=\"/documents/from-template\">");
	page_csrf(req, sb);
	html_printf(sb, "<label for=\"template\">New document from a template</label><select id=\"template\" name=\"template\">");
	for (int i = 0; i < doc_template_count; i++)
		html_printf(sb, "<option value=\"%s\">%s</option>", doc_templates[i].key, doc_templates[i].title);
	html_printf(sb, "</select><label for=\"template-title\" class=\"sr-only\">Title</label>"
			"<input id=\"template-title\" name=\"title\" maxlength=\"200\" placeholder=\"Title (optional)\">"
			"<button type=\"submit\" class=\"btn btn-secondary\">Create draft</button></form>");
}

static const char *doc_href(struct request *req)
{
	return arena_printf(&req->arena, "/documents/%lld", (long long)req->id);
}

static void refused(struct request *req, struct response *resp, const struct err *e)
{
	page_error(req, resp, e, doc_href(req), "Back to the document");
}

/* The version the form was rendered with; 0 when absent. */
static int64_t form_version(struct request *req, struct err *e)
{
	const char *v = http_form(req, "version");
	int64_t n = 0;
	if (v && (parse_int64(v, &n) || n <= 0))
		err_set(e, 400, "bad_version", "The form did not say which version you saw; reload the page and try again.");
	return n;
}

static void web_action(struct request *req, struct response *resp, enum doc_action act, const char *notice)
{
	struct doc_audience aud;
	struct err e = ERR_INIT;
	int64_t version = form_version(req, &e);
	int given = 0;
	if (!e.status && act == DOC_PUBLISH) {
		memset(&aud, 0, sizeof(aud));
		given = 1;
		aud.everyone = http_form(req, "everyone") != NULL;
		for (int i = 0; i < req->nform; i++) {
			int64_t gid = 0;
			if (strcmp(req->form[i].name, "role") == 0)
				doc_audience_add_role(&aud, req->form[i].value, "roles", &e);
			else if (strcmp(req->form[i].name, "group") == 0 &&
				 (parse_int64(req->form[i].value, &gid) || doc_audience_add_group(&aud, gid, "groups", &e)))
				err_field(&e, "groups", "reference", "Choose groups from the list.");
		}
	}
	if (e.status || doc_action(req->store, &req->actor, req->id, act, version, given ? &aud : NULL, &req->arena, &e)) {
		if (e.status == 412)
			snprintf(e.message, sizeof(e.message), "This document was changed by someone else since you opened "
				 "it. Reload it, check the changes, then try again.");
		else if (e.nfields && strcmp(e.code, "validation") == 0)
			snprintf(e.message, sizeof(e.message), "%s", e.fields[0].message);
		refused(req, resp, &e);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/documents/%lld?notice=%s", (long long)req->id, notice));
}

void web_document_submit(struct request *req, struct response *resp)
{
	web_action(req, resp, DOC_SUBMIT, "doc_submitted");
}

void web_document_approve(struct request *req, struct response *resp)
{
	web_action(req, resp, DOC_APPROVE, "doc_approved");
}

void web_document_publish(struct request *req, struct response *resp)
{
	web_action(req, resp, DOC_PUBLISH, "doc_published");
}

void web_document_retire(struct request *req, struct response *resp)
{
	web_action(req, resp, DOC_RETIRE, "doc_retired");
}

void web_document_acknowledge(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	const char *v = http_form(req, "document_version");
	int64_t version = 0;
	if (!v || parse_int64(v, &version) || version <= 0)
		err_set(&e, 400, "bad_version", "The form did not say which version you read; reload the page and try again.");
	if (e.status || doc_acknowledge(req->store, &req->actor, req->id, version, &e)) {
		refused(req, resp, &e);
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/documents/%lld?notice=doc_acknowledged", (long long)req->id));
}

void web_document_from_template(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	int64_t id = 0;
	if (doc_template_create(req->store, &req->actor, http_form(req, "template"), http_form(req, "title"), 0,
				&req->arena, &id, &e)) {
		if (e.nfields)
			snprintf(e.message, sizeof(e.message), "%s", e.fields[0].message);
		page_error(req, resp, &e, "/documents", "Back to the documents");
		return;
	}
	http_redirect(resp, arena_printf(&req->arena, "/documents/%lld?notice=created", (long long)id));
}

/* Opens a page about document req->id: its record read as the caller. */
static int doc_page_begin(struct request *req, struct response *resp, struct record *r, const char *what)
{
	struct err e = ERR_INIT;
	if (record_read(req->store, &req->actor, doc_entity(), req->id, &req->arena, r, &e)) {
		page_error(req, resp, &e, "/documents", "Back to the documents");
		return -1;
	}
	page_begin(req, resp, arena_printf(&req->arena, "%s: %s", value(r, "title"), what), "documents", 0);
	return 0;
}

void web_document_version(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct doc_version v;
	struct record r;
	struct err e = ERR_INIT;
	if (doc_version_get(req->store, &req->actor, req->id, req->sub_id, &req->arena, &v, &e)) {
		refused(req, resp, &e);
		return;
	}
	if (doc_page_begin(req, resp, &r, arena_printf(&req->arena, "version %lld", (long long)v.number)))
		return;
	page_head(sb, value(&r, "title"), doc_href(req), arena_printf(&req->arena, "Version %lld", (long long)v.number),
		  v.change_note);
	page_head_end(sb);
	html_printf(sb, "<section class=\"card\" aria-label=\"About this version\"><p>");
	view_badge(sb, &req->arena, v.state);
	html_printf(sb, " Label %s · written by %s on %s", v.label ? v.label : "none",
		    v.author_name ? v.author_name : "the system", view_datetime(&req->arena, v.updated_at));
	if (v.approver_name)
		html_printf(sb, " · approved by %s on %s", v.approver_name, v.approved_at);
	if (v.published_at)
		html_printf(sb, " · published %s", view_datetime(&req->arena, v.published_at));
	html_printf(sb, "</p>");
	if (v.number > 1)
		html_printf(sb, "<p><a href=\"/documents/%lld/diff?from=%lld&amp;to=%lld\">Changes from version %lld</a></p>",
			    (long long)req->id, (long long)v.number - 1, (long long)v.number, (long long)v.number - 1);
	html_printf(sb, "</section><section class=\"card doc-text\" aria-labelledby=\"h-text\"><h2 id=\"h-text\">%s</h2>",
		    v.title);
	markdown_block(sb, v.body);
	html_printf(sb, "</section>");
	page_end(req, resp, 200);
}

void web_document_diff(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct doc_version *all, a, b;
	struct diff_line *d;
	struct record r;
	struct err e = ERR_INIT;
	int64_t from, to;
	int n, nd, changes;
	if (doc_versions(req->store, &req->actor, req->id, &req->arena, &all, &n, &e) ||
	    api_diff_params(req, n ? all[0].number : 1, &from, &to, &e) ||
	    doc_version_get(req->store, &req->actor, req->id, from, &req->arena, &a, &e) ||
	    doc_version_get(req->store, &req->actor, req->id, to, &req->arena, &b, &e)) {
		refused(req, resp, &e);
		return;
	}
	if (doc_page_begin(req, resp, &r, "changes"))
		return;
	changes = text_diff(a.body, b.body, &req->arena, &d, &nd);
	page_head(sb, value(&r, "title"), doc_href(req),
		  arena_printf(&req->arena, "Changes from version %lld to %lld", (long long)from, (long long)to),
		  changes ? NULL : "The two versions have the same text.");
	page_head_end(sb);
	html_printf(sb, "<section class=\"card\" aria-label=\"Changes\"><p class=\"muted\">Lines marked + were added in "
			"version %lld, lines marked − were removed from version %lld.</p><div class=\"table-wrap\">"
			"<table class=\"table text-diff\"><thead><tr><th>%lld</th><th>%lld</th><th></th><th>Text</th>"
			"</tr></thead><tbody>",
		    (long long)to, (long long)from, (long long)from, (long long)to);
	for (int i = 0; i < nd; i++) {
		const char *cls = d[i].kind == DIFF_ADD ? "line-add" : d[i].kind == DIFF_DEL ? "line-del" : "line-same";
		const char *mark = d[i].kind == DIFF_ADD ? "+" : d[i].kind == DIFF_DEL ? "−" : "";
		html_printf(sb, "<tr class=\"%s\"><td>", cls);
		if (d[i].old_no)
			html_printf(sb, "%d", d[i].old_no);
		html_printf(sb, "</td><td>");
		if (d[i].new_no)
			html_printf(sb, "%d", d[i].new_no);
		html_printf(sb, "</td><td>%s</td><td><code>%s</code></td></tr>", mark, d[i].text);
	}
	html_printf(sb, "</tbody></table></div></section>");
	page_end(req, resp, 200);
}

void web_document_acks(struct request *req, struct response *resp)
{
	struct strbuf *sb = &resp->body;
	struct doc_ack_report rep;
	struct doc_audience aud;
	struct record r;
	struct err e = ERR_INIT;
	if (doc_ack_report(req->store, &req->actor, req->id, &req->arena, &rep, &e) ||
	    doc_audience_get(req->store, req->id, &req->arena, &aud, &e)) {
		refused(req, resp, &e);
		return;
	}
	if (doc_page_begin(req, resp, &r, "acknowledgements"))
		return;
	page_head(sb, value(&r, "title"), doc_href(req), "Acknowledgements",
		  rep.version ? arena_printf(&req->arena, "Version %lld (%s), asked of: %s", (long long)rep.version,
					     rep.label ? rep.label : "no label", doc_audience_text(&aud, &req->arena))
			      : "Nothing is published yet, so nobody has been asked.");
	page_head_end(sb);
	if (rep.version) {
		html_printf(sb, "<section class=\"card ack-summary\" aria-label=\"Progress\"><p class=\"ack-figure\">"
				"<strong>%d%%</strong> acknowledged: %lld of %lld people</p>"
				"<progress max=\"100\" value=\"%d\">%d%%</progress></section>",
			    rep.percent, (long long)rep.acknowledged, (long long)rep.audience, rep.percent, rep.percent);
		html_printf(sb, "<section class=\"card\" aria-label=\"People\"><div class=\"table-wrap\"><table class=\"table\">"
				"<thead><tr><th>Person</th><th>Role</th><th>Acknowledged</th></tr></thead><tbody>");
		for (int i = 0; i < rep.n; i++) {
			enum role role = ROLE_EMPLOYEE;
			role_parse(rep.people[i].role, &role);
			html_printf(sb, "<tr><td>%s <span class=\"muted\">%s</span></td><td>%s</td><td>", rep.people[i].name,
				    rep.people[i].email, role_label(role));
			if (rep.people[i].acknowledged_at)
				html_printf(sb, "<span class=\"badge badge-ok\">Yes</span> %s",
					    view_datetime(&req->arena, rep.people[i].acknowledged_at));
			else
				html_printf(sb, "<span class=\"badge badge-warn\">Not yet</span>");
			html_printf(sb, "</td></tr>");
		}
		if (!rep.n)
			html_printf(sb, "<tr><td colspan=\"3\" class=\"muted\">Nobody is in the audience.</td></tr>");
		html_printf(sb, "</tbody></table></div></section>");
	}
	page_end(req, resp, 200);
}
