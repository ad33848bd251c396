/* request: accessors for the parts of a request and builders for responses.
 * The only file besides server.c that knows libmicrohttpd. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <string.h>
#include <strings.h>

#include "base/jsonw.h"
#include "http/http.h"

const char *http_header(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_cookie(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

struct each_ctx {
	int (*fn)(void *ctx, const char *key, const char *value);
	void *ctx;
	int failed;
};

static enum MHD_Result each_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct each_ctx *c = cls;
	(void)kind;
	if (c->fn(c->ctx, key, value ? value : "")) {
		c->failed = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

int http_query_each(struct request *req, int (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
	struct each_ctx c = { fn, ctx, 0 };
	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, each_arg, &c);
	return c.failed ? -1 : 0;
}

const char *http_form(struct request *req, const char *name)
{
	for (int i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].name, name) == 0)
			return req->form[i].value;
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *http_urldecode(struct arena *a, const char *src, size_t n, int plus_space)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (src[i] == '%' && i + 2 < n && hexval(src[i + 1]) >= 0 &&
		    hexval(src[i + 2]) >= 0) {
			*o++ = (char)(hexval(src[i + 1]) * 16 + hexval(src[i + 2]));
			i += 2;
		} else if (src[i] == '+' && plus_space) {
			*o++ = ' ';
		} else {
			*o++ = src[i];
		}
	}
	*o = '\0';
	return out;
}

json_t *http_json_body(struct request *req, struct err *e)
{
	json_error_t je;
	json_t *j;
	if (!req->body_len) {
		err_set(e, 400, "bad_json", "The request body is empty; send a JSON object.");
		return NULL;
	}
	j = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!j)
		err_set(e, 400, "bad_json", "Malformed JSON at line %d, column %d: %s", je.line, je.column, je.text);
	return j;
}

void http_set_header(struct response *resp, const char *name, const char *value)
{
	for (int i = 0; i < resp->nheaders; i++)
		if (strcasecmp(resp->header_names[i], name) == 0) {
			resp->header_values[i] = value;
			return;
		}
	if (resp->nheaders < HTTP_MAX_HEADERS) {
		resp->header_names[resp->nheaders] = name;
		resp->header_values[resp->nheaders++] = value;
	}
}

void http_reply(struct response *resp, int status, const char *content_type)
{
	resp->status = status;
	resp->content_type = content_type;
}

void http_reply_json_text(struct response *resp, int status, const char *json)
{
	sb_reset(&resp->body);
	sb_adds(&resp->body, json);
	http_reply(resp, status, "application/json");
}

void http_reply_items(struct response *resp, int n, int with_total,
		      void (*item)(struct strbuf *sb, const void *items, int i), const void *items)
{
	sb_reset(&resp->body);
	sb_adds(&resp->body, "{\"items\":[");
	for (int i = 0; i < n; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		item(&resp->body, items, i);
	}
	sb_addc(&resp->body, ']');
	if (with_total)
		sb_addf(&resp->body, ",\"total\":%d", n);
	sb_addc(&resp->body, '}');
	http_reply(resp, 200, "application/json");
}

void http_reply_problem(struct response *resp, const struct err *e)
{
	struct strbuf *sb = &resp->body;
	int status = e->status ? e->status : 500;
	int first = 1;
	sb_reset(sb);
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "type", "about:blank");
	jsonw_kv_str(sb, &first, "title", err_title(status));
	jsonw_kv_int(sb, &first, "status", status);
	jsonw_kv_str(sb, &first, "code", e->code[0] ? e->code : "error");
	jsonw_kv_str(sb, &first, "detail", e->message[0] ? e->message : err_title(status));
	if (e->nfields) {
		jsonw_key(sb, &first, "errors");
		sb_addc(sb, '[');
		for (int i = 0; i < e->nfields; i++) {
			int f = 1;
			if (i)
				sb_addc(sb, ',');
			sb_addc(sb, '{');
			jsonw_kv_str(sb, &f, "field", e->fields[i].field);
			jsonw_kv_str(sb, &f, "code", e->fields[i].code);
			jsonw_kv_str(sb, &f, "message", e->fields[i].message);
			sb_addc(sb, '}');
		}
		sb_addc(sb, ']');
	}
	sb_addc(sb, '}');
	http_reply(resp, status, "application/problem+json");
}

void http_redirect(struct response *resp, const char *location)
{
	http_set_header(resp, "Location", location);
	sb_reset(&resp->body);
	http_reply(resp, 303, "text/plain; charset=utf-8");
}

const char *http_client(struct request *req)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[64];
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	if (!sa)
		return "unknown";
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf, sizeof(buf));
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf, sizeof(buf));
	else
		return "unknown";
	return arena_strdup(&req->arena, buf);
}
