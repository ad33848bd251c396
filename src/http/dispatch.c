/* dispatch: everything decided from a route's row before its handler runs —
 * match, method, authentication, role (of the route and of the record type),
 * pending account setup (a one-time password to change, a second factor to
 * set up when the organisation requires one), CSRF, content type, form
 * parsing. Handlers can rely on all of it having been checked. */
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "auth/session.h"
#include "auth/token.h"
#include "base/util.h"
#include "http/http.h"
#include "http/multipart.h"
#include "isms/settings.h"
#include "web/html.h"
#include "web/web.h"

struct captures {
	const struct entity *entity;
	int64_t id, sub_id;
	const char *name;
	size_t name_len;
};

/* A path segment that is a positive integer written plainly (no sign, no
 * leading zero). */
static int positive_id(const char *s, const char *end, int64_t *out)
{
	return parse_int64_n(s, (size_t)(end - s), out) == 0 && *out > 0 && s[0] != '-' && s[0] != '0';
}

/* Matches path against pattern, filling the {type}/{id}/{sub}/{name} captures. */
static int match(const char *pattern, const char *path, struct captures *req)
{
	const char *p = pattern, *s = path;
	while (*p && *s) {
		const char *pe, *se;
		if (*p != '/' || *s != '/')
			return 0;
		p++;
		s++;
		pe = strchr(p, '/');
		se = strchr(s, '/');
		if (!pe)
			pe = p + strlen(p);
		if (!se)
			se = s + strlen(s);
		if (strncmp(p, "{type}", 6) == 0 && pe - p == 6) {
			const struct entity *ent = entity_by_plural(s, (int)(se - s));
			if (!ent)
				return 0;
			req->entity = ent;
		} else if (strncmp(p, "{id}", 4) == 0 && pe - p == 4) {
			if (!positive_id(s, se, &req->id))
				return 0;
		} else if (strncmp(p, "{sub}", 5) == 0 && pe - p == 5) {
			if (!positive_id(s, se, &req->sub_id))
				return 0;
		} else if (strncmp(p, "{name}", 6) == 0 && pe - p == 6) {
			if (se == s)
				return 0;
			req->name = s;
			req->name_len = (size_t)(se - s);
		} else if (pe - p != se - s || strncmp(p, s, (size_t)(pe - p)) != 0) {
			return 0;
		}
		p = pe;
		s = se;
	}
	return *p == '\0' && *s == '\0';
}

/* The route for method and path with its captures; NULL when none
 * (*path_known tells whether another method has the path). */
static const struct route *find_route(const char *method, const char *path, struct captures *probe,
				      int *path_known)
{
	for (int i = 0; i < route_count; i++) {
		memset(probe, 0, sizeof(*probe));
		if (!match(route_table[i].pattern, path, probe))
			continue;
		*path_known = 1;
		if (strcmp(route_table[i].method, method) == 0)
			return &route_table[i];
	}
	return NULL;
}

size_t http_body_limit(const char *method, const char *path)
{
	struct captures probe;
	int known = 0;
	const struct route *r = find_route(strcmp(method, "HEAD") == 0 ? "GET" : method, path, &probe, &known);
	return r && (r->flags & RF_LARGE_BODY) ? HTTP_MAX_LARGE_BODY : HTTP_MAX_BODY;
}

static int is_mutation(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* A web page is anything outside /api/ and /healthz: browsers get HTML. */
static int wants_html(const struct request *req)
{
	if (req->route)
		return (req->route->flags & RF_WEB) != 0;
	return strncmp(req->path, "/api/", 5) != 0 && strcmp(req->path, "/healthz") != 0;
}

static void refuse(struct request *req, struct response *resp, int status, const char *code, const char *msg)
{
	struct err e = ERR_INIT;
	err_set(&e, status, code, "%s", msg);
	if (wants_html(req) && status == 401) {
		struct strbuf loc = STRBUF_INIT;
		sb_adds(&loc, "/login?next=");
		/* percent-encode each segment; the slashes stay readable */
		for (const char *p = req->path[0] == '/' ? req->path : "/"; *p; ) {
			size_t n = strcspn(p, "/");
			char *seg = arena_strndup(&req->arena, p, n);
			html_urlencode(&loc, seg);
			p += n;
			if (*p == '/') {
				sb_addc(&loc, '/');
				p++;
			}
		}
		http_redirect(resp, arena_strndup(&req->arena, loc.buf, loc.len));
		sb_release(&loc);
	} else if (wants_html(req)) {
		web_error_page(req, resp, &e);
	} else {
		http_reply_problem(resp, &e);
	}
	if (req->stale_cookie)
		session_cookie_clear(req, resp);
}

/* Account setup a user must finish before anything else: only routes
 * flagged RF_SETUP_OK answer until then; the API refuses with 403 and the
 * code, the web redirects to the page where it is done. */
struct setup_step {
	const char *code, *message, *page;
};

static const struct setup_step *setup_pending(struct request *req)
{
	static const struct setup_step password = { "password_change", "Change your one-time password first.",
						    "/account/password" };
	static const struct setup_step mfa = { "mfa_enrolment_required",
					       "Your organisation requires a second factor: set one up first.",
					       "/account/mfa" };
	if (req->user.must_change_password)
		return &password;
	if (!req->user.mfa_enabled && settings_get(req->store, SETTING_MFA_REQUIRED))
		return &mfa;
	return NULL;
}

/* Bearer token first (scripts), then the session cookie (browsers). */
static int authenticate(struct request *req, struct err *e)
{
	const char *auth = http_header(req, "Authorization");
	const char *cookie;
	if (auth) {
		if (strncasecmp(auth, "Bearer ", 7) != 0 || !auth[7])
			return err_set(e, 401, "bad_token", "Authorization must be 'Bearer <token>'.");
		if (token_lookup(req->store, auth + 7, &req->arena, &req->user, e))
			return -1;
	} else if ((cookie = http_cookie(req, SESSION_COOKIE)) && *cookie) {
		if (session_lookup(req->store, cookie, &req->arena, &req->user, &req->csrf, e)) {
			if (e->status != 401)
				return -1;
			/* an ended session makes the caller anonymous, not refused: the
			 * login page and assets must still load, and the cookie goes */
			req->stale_cookie = 1;
			err_clear(e);
			return 0;
		}
		req->via_cookie = 1;
		req->session_token = arena_strdup(&req->arena, cookie);
	} else {
		return 0;
	}
	req->authenticated = 1;
	user_actor(&req->user, &req->actor);
	return 0;
}

static void parse_form(struct request *req)
{
	const char *p = req->body, *end = req->body + req->body_len;
	while (p < end && req->nform < HTTP_MAX_FORM) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		if (stop > p) {
			struct form_field *f = &req->form[req->nform++];
			f->name = http_urldecode(&req->arena, p, (size_t)((eq ? eq : stop) - p), 1);
			f->value = eq ? http_urldecode(&req->arena, eq + 1, (size_t)(stop - eq - 1), 1) : "";
			f->len = strlen(f->value);
		}
		p = stop + 1;
	}
}

static int content_type_is(struct request *req, const char *want)
{
	const char *ct = http_header(req, "Content-Type");
	size_t n = strlen(want);
	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

void http_dispatch(struct request *req, struct response *resp)
{
	const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
	const struct route *r = NULL;
	int path_known = 0;
	enum role need;
	struct err e = ERR_INIT;
	const char *csrf;
	const struct setup_step *setup;

	struct captures probe = { 0 };

	if ((r = find_route(method, req->path, &probe, &path_known))) {
		req->entity = probe.entity;
		req->id = probe.id;
		req->sub_id = probe.sub_id;
		if (probe.name)
			req->param = arena_strndup(&req->arena, probe.name, probe.name_len);
	}
	if (!r) {
		if (path_known)
			refuse(req, resp, 405, "method_not_allowed", "This method is not allowed on this path.");
		else
			refuse(req, resp, 404, "not_found", "No such page or endpoint.");
		return;
	}
	req->route = r;

	if (authenticate(req, &e)) {
		if (e.status == 401)
			refuse(req, resp, 401, e.code, e.message);
		else
			http_reply_problem(resp, &e);
		return;
	}
	need = r->min_role;
	if (req->entity && (r->flags & RF_ENTITY_READ) && req->entity->read_role > need)
		need = req->entity->read_role;
	if (req->entity && (r->flags & RF_ENTITY_CREATE) && req->entity->create_role > need)
		need = req->entity->create_role;
	if (req->entity && (r->flags & RF_ENTITY_WRITE) && req->entity->write_role > need)
		need = req->entity->write_role;
	if (need > ROLE_ANONYMOUS && !req->authenticated) {
		if (req->stale_cookie)
			refuse(req, resp, 401, "session_expired", "Your session has ended; log in again.");
		else
			refuse(req, resp, 401, "unauthenticated", "Log in or send an API token.");
		return;
	}
	if (req->authenticated && req->user.role < need) {
		refuse(req, resp, 403, "forbidden", "Your role does not allow this.");
		return;
	}
	if (req->authenticated && need > ROLE_ANONYMOUS && !(r->flags & RF_SETUP_OK) && (setup = setup_pending(req))) {
		if (wants_html(req))
			http_redirect(resp, setup->page);
		else
			refuse(req, resp, 403, setup->code, setup->message);
		return;
	}
	if (is_mutation(method) && content_type_is(req, "application/x-www-form-urlencoded"))
		parse_form(req);
	if (is_mutation(method) && content_type_is(req, "multipart/form-data") &&
	    multipart_parse(req->body, req->body_len, http_header(req, "Content-Type"), &req->arena, req->form,
			    HTTP_MAX_FORM, &req->nform, &e)) {
		refuse(req, resp, e.status, e.code, e.message);
		return;
	}
	if (is_mutation(method) && req->via_cookie && !(r->flags & RF_NO_CSRF)) {
		csrf = http_header(req, "X-CSRF-Token");
		if (!csrf)
			csrf = http_form(req, "csrf");
		if (!csrf || !req->csrf || secret_equal(csrf, req->csrf) != 0) {
			refuse(req, resp, 403, "csrf", "Missing or wrong CSRF token; reload the page and try again.");
			return;
		}
	}
	if ((r->flags & RF_JSON_BODY) && !content_type_is(req, "application/json")) {
		refuse(req, resp, 415, "unsupported_media_type", "Send the body as Content-Type: application/json.");
		return;
	}
	r->handler(req, resp);
	if (req->stale_cookie) { /* unless the handler set a new one (login) */
		int set = 0;
		for (int i = 0; i < resp->nheaders; i++)
			set |= strcasecmp(resp->header_names[i], "Set-Cookie") == 0;
		if (!set)
			session_cookie_clear(req, resp);
	}
}
