/* http: requests, responses and the route table. The server (server.c)
 * turns libmicrohttpd callbacks into a struct request; the dispatcher
 * (dispatch.c) matches a route and decides — from the route's row, before
 * any handler runs — authentication, role, CSRF, body size and content
 * type. Handlers fill a struct response; they never touch libmicrohttpd.
 *
 * Memory: everything a handler allocates for the request comes from
 * req->arena and is released after the response is sent. */
#ifndef ISMS_HTTP_H
#define ISMS_HTTP_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/account.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "model/entity.h"
#include "store/store.h"

#define HTTP_MAX_BODY (1024 * 1024) /* 1 MiB; larger bodies get 413 */
#define HTTP_MAX_LARGE_BODY (32 * 1024 * 1024) /* routes flagged RF_LARGE_BODY (file uploads) */
#define HTTP_MAX_HEADERS 12
#define HTTP_MAX_FORM 128

struct request;
struct risk_method;
struct cl_scheme;
struct response;
typedef void (*http_handler)(struct request *req, struct response *resp);

enum route_flag {
	RF_API = 1 << 0,          /* JSON API: errors as application/problem+json */
	RF_WEB = 1 << 1,          /* HTML page: 401 redirects to /login, forms parsed */
	RF_ENTITY_READ = 1 << 2,  /* {type} must be readable by the caller */
	RF_ENTITY_CREATE = 1 << 3,/* {type} must be creatable by the caller */
	RF_ENTITY_WRITE = 1 << 4, /* {type} must be writable by the caller */
	RF_NO_CSRF = 1 << 5,      /* a mutation that needs no CSRF token (login) */
	RF_SETUP_OK = 1 << 6,     /* allowed during account setup: pending password change or MFA enrolment */
	RF_JSON_BODY = 1 << 7,    /* body must be application/json */
	RF_STATIC = 1 << 8,       /* cacheable embedded asset */
	RF_LARGE_BODY = 1 << 9,   /* takes bodies up to HTTP_MAX_LARGE_BODY (an uploaded file) */
};

struct route {
	const char *method;  /* "GET", "POST", "PATCH", "DELETE" */
	/* literal segments, {type} (entity plural), {id} (positive integer),
	 * {sub} (a second positive integer: an item of {id}, as in
	 * /users/{id}/tokens/{sub}), {name} (any non-empty segment) */
	const char *pattern;
	http_handler handler;
	enum role min_role;  /* ROLE_ANONYMOUS = public */
	unsigned flags;
};

extern const struct route route_table[];
extern const int route_count;

struct form_field {
	const char *name;
	const char *value;    /* NUL-terminated; a file's content may hold NULs within len */
	size_t len;           /* of value */
	const char *filename; /* a file of a multipart/form-data body; NULL for other fields */
};

struct request {
	void *conn;              /* struct MHD_Connection *, for server.c only */
	const char *method;
	const char *path;
	const char *body;        /* NUL-terminated; may contain NULs within body_len */
	size_t body_len;
	struct arena arena;
	struct store *store;     /* this worker thread's connection */

	const struct route *route;
	const struct entity *entity; /* from {type} */
	const struct risk_method *risk_method; /* the current one, once a page has loaded it */
	const struct cl_scheme *classification; /* the scheme, once a page has loaded it */
	int64_t id;                  /* from {id} */
	int64_t sub_id;              /* from {sub} */
	const char *param;           /* from {name} */

	int authenticated;
	int via_cookie;          /* authenticated by the session cookie (CSRF applies) */
	int stale_cookie;        /* sent a cookie of an ended session: treated as anonymous */
	struct user user;
	struct actor actor;
	const char *csrf;        /* the session's CSRF token */
	const char *session_token;

	int nform;               /* parsed application/x-www-form-urlencoded body */
	struct form_field form[HTTP_MAX_FORM];
};

struct response {
	int status;
	const char *content_type;
	struct strbuf body;
	int nheaders;
	const char *header_names[HTTP_MAX_HEADERS];
	const char *header_values[HTTP_MAX_HEADERS];
};

/* Request helpers */
const char *http_header(struct request *req, const char *name);   /* request header or NULL */
const char *http_query(struct request *req, const char *name);    /* decoded query value or NULL */
/* Calls fn for every query parameter; stops and returns -1 when fn does. */
int http_query_each(struct request *req, int (*fn)(void *ctx, const char *key, const char *value), void *ctx);
const char *http_cookie(struct request *req, const char *name);
/* The client's IP address as text (arena-owned), "unknown" when not known. */
const char *http_client(struct request *req);
const char *http_form(struct request *req, const char *name);     /* form field or NULL */
/* Parses the body as JSON; 400 with line and column when malformed. */
json_t *http_json_body(struct request *req, struct err *e);
/* Percent-decodes src into the arena ('+' is a space when plus_space). */
char *http_urldecode(struct arena *a, const char *src, size_t n, int plus_space);

/* Response helpers */
void http_set_header(struct response *resp, const char *name, const char *value);
void http_reply(struct response *resp, int status, const char *content_type);
void http_reply_json_text(struct response *resp, int status, const char *json);
/* 200 {"items": [...]} where item(sb, items, i) writes the i-th of n
 * objects; with_total adds "total": n. */
void http_reply_items(struct response *resp, int n, int with_total,
		      void (*item)(struct strbuf *sb, const void *items, int i), const void *items);
/* application/problem+json from e, with per-field "errors". */
void http_reply_problem(struct response *resp, const struct err *e);
void http_redirect(struct response *resp, const char *location); /* 303 See Other */

/* The server */
struct server_config {
	const char *db_url;
	const char *listen;  /* "127.0.0.1:8080"; port 0 picks a free port */
	int threads;         /* 0 = one per core */
	int quiet;           /* no access log */
};
/* Runs until SIGINT/SIGTERM, then finishes in-flight requests and closes the
 * database. Prints "listening on http://ADDR:PORT" once ready. */
int server_run(const struct server_config *cfg);

/* The dispatcher, called by server.c once the body is complete. */
void http_dispatch(struct request *req, struct response *resp);
/* The largest body the route of method and path takes (server.c asks
 * before reading it): HTTP_MAX_LARGE_BODY for RF_LARGE_BODY, else HTTP_MAX_BODY. */
size_t http_body_limit(const char *method, const char *path);

#endif
