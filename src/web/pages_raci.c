/* pages_raci: roles and responsibilities in the web UI (isms/raci.h) —
 * GET /roles (who holds each ISMS role, and the RACI matrix of every live
 * process as a table), assigning a role, a process's RACI form, and the
 * RACI section of a process's page. Everyone reads; ISMS managers change. */
#include <string.h>

#include "auth/account.h"
#include "base/util.h"
#include "isms/raci.h"
#include "isms/record.h"
#include "web/page.h"
#include "web/web.h"

#define BLANK_ROWS 3 /* empty person rows on the RACI form */

static const char letters[] = "RACI";

static const char *letter_badge(char l)
{
	switch (l) {
	case 'A': return "badge-warn";
	case 'R': return "badge-info";
	case 'C': return "badge-neutral";
	default: return "badge-muted";
	}
}

static void letter_cell(struct strbuf *sb, char l, const char *who)
{
	char t[2] = { l, '\0' };
	html_printf(sb, "<td class=\"raci-cell\"><span class=\"badge %s\" title=\"%s\">%s</span></td>", letter_badge(l), who, t);
}

/* The people named in any RACI, once each (by first appearance). */
struct person {
	int64_t id;
	const char *name;
};

static int people_of(const struct raci_process *p, int n, struct arena *a, struct person **out)
{
	int np = 0, cap = 0;
	*out = NULL;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < p[i].n; j++) {
			int seen = 0;
			if (!p[i].entries[j].user_id)
				continue;
			for (int k = 0; k < np; k++)
				seen |= (*out)[k].id == p[i].entries[j].user_id;
			if (!seen) {
				*out = arena_grow(a, *out, np, &cap, sizeof(**out));
				(*out)[np++] = (struct person){ p[i].entries[j].user_id, p[i].entries[j].name };
			}
		}
	return np;
}

static char letter_of(const struct raci_process *p, const char *role, int64_t user_id)
{
	for (int i = 0; i < p->n; i++)
		if ((role && p->entries[i].role && strcmp(p->entries[i].role, role) == 0) ||
		    (user_id && p->entries[i].user_id == user_id))
			return p->entries[i].letter;
	return 0;
}

static void matrix_table(struct request *req, struct strbuf *sb, const struct raci_process *p, int n)
{
	struct person *people;
	int np = people_of(p, n, &req->arena, &people), manager = req->user.role >= RACI_WRITE_ROLE;
	if (!n) {
		html_printf(sb, "<p class=\"muted\">No process yet. <a href=\"/processes/new\">Add a process</a>, then say "
				"who is responsible, accountable, consulted and informed.</p>");
		return;
	}
	html_printf(sb, "<div class=\"table-wrap\"><table class=\"table raci\"><caption class=\"sr-only\">RACI matrix: "
			"processes by ISMS role and person</caption><thead><tr><th scope=\"col\">Process</th>");
	for (int i = 0; i < isms_role_count; i++)
		html_printf(sb, "<th scope=\"col\" title=\"%s\">%s</th>", isms_roles[i].description, isms_roles[i].label);
	for (int i = 0; i < np; i++)
		html_printf(sb, "<th scope=\"col\">%s</th>", people[i].name);
	html_printf(sb, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_printf(sb, "<tr><th scope=\"row\"><a href=\"/processes/%lld\">%s</a>", (long long)p[i].id, p[i].name);
		if (manager)
			html_printf(sb, " <a class=\"btn btn-sm btn-ghost\" href=\"/roles/processes/%lld\" "
					"aria-label=\"Edit the RACI of %s\">Edit</a>",
				    (long long)p[i].id, p[i].name);
		if (!p[i].n)
			html_printf(sb, " <span class=\"badge badge-danger\">No RACI yet</span>");
		html_printf(sb, "</th>");
		for (int k = 0; k < isms_role_count; k++) {
			char l = letter_of(&p[i], isms_roles[k].key, 0);
			if (l)
				letter_cell(sb, l, isms_roles[k].label);
			else
				html_printf(sb, "<td class=\"raci-cell muted\">—</td>");
		}
		for (int k = 0; k < np; k++) {
			char l = letter_of(&p[i], NULL, people[k].id);
			if (l)
				letter_cell(sb, l, people[k].name);
			else
				html_printf(sb, "<td class=\"raci-cell muted\">—</td>");
		}
		html_printf(sb, "</tr>");
	}
	html_printf(sb, "</tbody></table></div><p class=\"muted\">R responsible: does the work. A accountable: answers for "
			"it, exactly one per process. C consulted before. I informed after.</p>");
}

static void roles_page(struct request *req, struct response *resp, const struct err *fe, int status)
{
	struct strbuf *sb = &resp->body;
	struct role_holder h[RACI_MAX_ENTRIES];
	struct raci_process *p;
	struct user *users = NULL;
	struct err e = ERR_INIT;
	int n, nu = 0, manager = req->user.role >= RACI_WRITE_ROLE;
	if (raci_holders(req->store, &req->arena, h, &e) || raci_matrix(req->store, &req->arena, &p, &n, &e) ||
	    (manager && (nu = user_list(req->store, NULL, &req->arena, &users, &e)) < 0)) {
		page_error(req, resp, &e, "/", "Back to the dashboard");
		return;
	}
	page_begin(req, resp, "Roles and responsibilities", "roles", 0);
	page_head(sb, "Leadership", NULL, "Roles and responsibilities",
		  "Who holds each ISMS role, and who is responsible, accountable, consulted and informed for each process.");
	page_head_end(sb);
	page_flash(req, sb);
	if (fe)
		page_notice(sb, "error", fe->nfields ? fe->fields[0].message : fe->message);
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-roles\"><h2 id=\"h-roles\">ISMS roles</h2>"
			"<table class=\"table\"><thead><tr><th scope=\"col\">Role</th><th scope=\"col\">What it does</th>"
			"<th scope=\"col\">Held by</th></tr></thead><tbody>");
	for (int i = 0; i < isms_role_count; i++) {
		html_printf(sb, "<tr><th scope=\"row\">%s</th><td>%s</td><td>", h[i].role->label, h[i].role->description);
		if (manager) {
			html_printf(sb, "<form method=\"post\" class=\"holder-form\" action=\"/roles/%s\">", h[i].role->key);
			page_csrf(req, sb);
			html_printf(sb, "<label class=\"sr-only\" for=\"holder-%s\">Held by</label><select id=\"holder-%s\" "
					"name=\"user_id\"><option value=\"\">Nobody yet</option>",
				    h[i].role->key, h[i].role->key);
			for (int k = 0; k < nu; k++)
				if (!users[k].disabled || users[k].id == h[i].user_id)
					html_printf(sb, "<option value=\"%lld\"%R>%s</option>", (long long)users[k].id,
						    users[k].id == h[i].user_id ? " selected" : "", users[k].name);
			html_printf(sb, "</select> <button type=\"submit\" class=\"btn btn-sm btn-secondary\">Save</button></form>");
		} else if (h[i].user_id) {
			html_printf(sb, "%s", h[i].name);
		} else {
			html_printf(sb, "<span class=\"muted\">Nobody yet</span>");
		}
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></section>");
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-raci\"><h2 id=\"h-raci\">RACI matrix "
			"<span class=\"count\">%d</span></h2>",
		    n);
	matrix_table(req, sb, p, n);
	html_printf(sb, "</section>");
	page_end(req, resp, status);
}

void web_roles(struct request *req, struct response *resp)
{
	roles_page(req, resp, NULL, 200);
}

void web_role_assign(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	const char *v = http_form(req, "user_id");
	int64_t user_id = 0;
	if (v && *v && (parse_int64(v, &user_id) || user_id <= 0))
		err_field(&e, "user_id", "invalid", "Choose a person from the list.");
	if (e.status || raci_assign(req->store, &req->actor, req->param, user_id, &e)) {
		roles_page(req, resp, &e, e.status ? e.status : 422);
		return;
	}
	http_redirect(resp, "/roles?notice=role_assigned");
}

/* The RACI form: a letter per ISMS role, then person rows. */
static void letter_select(struct strbuf *sb, const char *name, const char *label, char chosen)
{
	html_printf(sb, "<label class=\"sr-only\" for=\"%s\">%s</label><select id=\"%s\" name=\"%s\"><option value=\"\">—"
			"</option>",
		    name, label, name, name);
	for (int i = 0; letters[i]; i++) {
		char t[2] = { letters[i], '\0' };
		html_printf(sb, "<option value=\"%s\"%R>%s</option>", t, letters[i] == chosen ? " selected" : "", t);
	}
	html_printf(sb, "</select>");
}

static void raci_form(struct request *req, struct response *resp, const struct raci_process *p, const struct err *fe,
		      int status)
{
	struct strbuf *sb = &resp->body;
	struct user *users;
	struct err e = ERR_INIT;
	int nu, row = 0, npeople = 0;
	if ((nu = user_list(req->store, NULL, &req->arena, &users, &e)) < 0) {
		page_error(req, resp, &e, "/roles", "Back to roles");
		return;
	}
	page_begin(req, resp, arena_printf(&req->arena, "RACI of %s", p->name), "roles", 0);
	page_head(sb, "Roles and responsibilities", "/roles", arena_printf(&req->arena, "RACI of %s", p->name),
		  "Give each role or person at most one letter. Exactly one of them is Accountable (A); leave everything "
		  "empty to clear the RACI.");
	page_head_end(sb);
	if (fe) {
		html_printf(sb, "<div class=\"notice notice-error\" role=\"alert\"><p>%s</p>", fe->nfields ? "The RACI is not saved:" : fe->message);
		if (fe->nfields) {
			html_printf(sb, "<ul>");
			for (int i = 0; i < fe->nfields; i++)
				html_printf(sb, "<li>%s</li>", fe->fields[i].message);
			html_printf(sb, "</ul>");
		}
		html_printf(sb, "</div>");
	}
	html_printf(sb, "<form method=\"post\" class=\"card\" action=\"/roles/processes/%lld\">", (long long)p->id);
	page_csrf(req, sb);
	html_printf(sb, "<table class=\"table\"><thead><tr><th scope=\"col\">Role or person</th><th scope=\"col\">Letter"
			"</th></tr></thead><tbody>");
	for (int i = 0; i < isms_role_count; i++) {
		html_printf(sb, "<tr><th scope=\"row\">%s</th><td>", isms_roles[i].label);
		letter_select(sb, arena_printf(&req->arena, "role_%s", isms_roles[i].key), isms_roles[i].label,
			      letter_of(p, isms_roles[i].key, 0));
		html_printf(sb, "</td></tr>");
	}
	for (int k = 0; k < p->n; k++)
		if (p->entries[k].user_id)
			npeople++;
	for (int i = 0; i < npeople + BLANK_ROWS; i++) {
		const struct raci_entry *x = NULL;
		/* people rows: the current ones in order, then blanks */
		for (int k = 0, seen = 0; k < p->n && !x; k++)
			if (p->entries[k].user_id && seen++ == i)
				x = &p->entries[k];
		html_printf(sb, "<tr><th scope=\"row\"><label class=\"sr-only\" for=\"user_%d\">Person</label>"
				"<select id=\"user_%d\" name=\"user_%d\"><option value=\"\">Add a person</option>",
			    row, row, row);
		for (int k = 0; k < nu; k++)
			if (!users[k].disabled || (x && users[k].id == x->user_id))
				html_printf(sb, "<option value=\"%lld\"%R>%s (%s)</option>", (long long)users[k].id,
					    x && users[k].id == x->user_id ? " selected" : "", users[k].name, users[k].email);
		html_printf(sb, "</select></th><td>");
		letter_select(sb, arena_printf(&req->arena, "letter_%d", row), "Letter", x ? x->letter : 0);
		html_printf(sb, "</td></tr>");
		row++;
	}
	html_printf(sb, "</tbody></table><div class=\"form-actions\"><button type=\"submit\" class=\"btn btn-primary\">"
			"Save the RACI</button><a class=\"btn btn-ghost\" href=\"/roles\">Cancel</a></div></form>");
	page_end(req, resp, status);
}

void web_raci_form(struct request *req, struct response *resp)
{
	struct raci_process p;
	struct err e = ERR_INIT;
	if (raci_get(req->store, req->id, &req->arena, &p, &e)) {
		page_error(req, resp, &e, "/roles", "Back to roles");
		return;
	}
	raci_form(req, resp, &p, NULL, 200);
}

/* The form's entries: role_KEY = letter, user_N + letter_N; empty ones skipped. */
static int form_entries(struct request *req, struct raci_entry *in, int *n, struct err *e)
{
	*n = 0;
	for (int i = 0; i < isms_role_count; i++) {
		const char *l = http_form(req, arena_printf(&req->arena, "role_%s", isms_roles[i].key));
		if (l && *l && *n < RACI_MAX_ENTRIES)
			in[(*n)++] = (struct raci_entry){ .role = isms_roles[i].key, .name = isms_roles[i].label, .letter = l[0] };
	}
	for (int i = 0; i < RACI_MAX_ENTRIES; i++) {
		const char *u = http_form(req, arena_printf(&req->arena, "user_%d", i));
		const char *l = http_form(req, arena_printf(&req->arena, "letter_%d", i));
		int64_t id = 0;
		if (!u && !l)
			break;
		if (!u || !*u)
			continue;
		if (parse_int64(u, &id) || id <= 0)
			return err_field(e, "entries", "invalid", "Choose people from the list.");
		if (!l || !*l)
			continue;
		if (*n < RACI_MAX_ENTRIES)
			in[(*n)++] = (struct raci_entry){ .user_id = id, .letter = l[0] };
	}
	return 0;
}

void web_raci_save(struct request *req, struct response *resp)
{
	struct raci_entry in[RACI_MAX_ENTRIES];
	struct raci_process p;
	struct err e = ERR_INIT, ge = ERR_INIT;
	int n = 0;
	if (form_entries(req, in, &n, &e) == 0 && raci_set(req->store, &req->actor, req->id, in, n, &req->arena, &e) == 0) {
		http_redirect(resp, "/roles?notice=raci_saved");
		return;
	}
	if (raci_get(req->store, req->id, &req->arena, &p, &ge)) {
		page_error(req, resp, e.status == 404 ? &e : &ge, "/roles", "Back to roles");
		return;
	}
	p.entries = in; /* what was sent, to correct */
	p.n = n;
	raci_form(req, resp, &p, &e, e.status ? e.status : 422);
}

void process_raci_section(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct raci_process p;
	struct err e = ERR_INIT;
	if (raci_get(req->store, r->id, &req->arena, &p, &e))
		return;
	html_printf(sb, "<section class=\"card\" aria-labelledby=\"h-raci\"><h2 id=\"h-raci\">Responsibilities (RACI)</h2>");
	if (!p.n)
		html_printf(sb, "<p class=\"muted\">Nobody is named yet.</p>");
	else {
		html_printf(sb, "<ul class=\"link-list\">");
		for (int i = 0; i < p.n; i++) {
			char t[2] = { p.entries[i].letter, '\0' };
			html_printf(sb, "<li><span><span class=\"badge %s\">%s</span> %s</span></li>", letter_badge(t[0]), t,
				    p.entries[i].name);
		}
		html_printf(sb, "</ul>");
	}
	if (req->user.role >= RACI_WRITE_ROLE && !r->archived)
		html_printf(sb, "<p><a class=\"btn btn-secondary\" href=\"/roles/processes/%lld\">Edit the RACI</a></p>",
			    (long long)r->id);
	html_printf(sb, "</section>");
}
