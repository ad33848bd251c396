/* api: handlers of the JSON API under /api/v1. Entity routes are generic
 * over the entity table; the dispatcher has already checked role, CSRF and
 * content type from the route's row. */
#ifndef ISMS_API_H
#define ISMS_API_H
#include "auth/secret.h"
#include "auth/token.h"
#include "http/http.h"

/* entity_api.c */
void api_list(struct request *req, struct response *resp);
void api_get(struct request *req, struct response *resp);
void api_create(struct request *req, struct response *resp);
void api_update(struct request *req, struct response *resp);
void api_archive(struct request *req, struct response *resp);

/* auth_api.c */
void api_health(struct request *req, struct response *resp);
void api_login(struct request *req, struct response *resp);
void api_logout(struct request *req, struct response *resp);
void api_me(struct request *req, struct response *resp);
void api_change_password(struct request *req, struct response *resp);

/* audit_api.c */
void api_audit(struct request *req, struct response *resp);

/* settings_api.c */
void api_settings_get(struct request *req, struct response *resp);
void api_settings_patch(struct request *req, struct response *resp);

/* Shared by the API and the web pages. */
/* Opens a session for u, noting this request's client address and User-Agent. */
int session_open(struct request *req, const struct user *u, char token[TOKEN_MAX], char csrf[TOKEN_MAX],
		 struct err *e);
void session_cookie_set(struct request *req, struct response *resp, const char *token);
void session_cookie_clear(struct request *req, struct response *resp);
/* Parses an If-Match value: "3", "\"3\"" or W/"3". -1 when malformed. */
int parse_if_match(const char *value, int64_t *version);

#endif
