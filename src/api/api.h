/* api: handlers of the JSON API under /api/v1. Entity routes are generic
 * over the entity table; the dispatcher has already checked role, CSRF and
 * content type from the route's row. */
#ifndef ISMS_API_H
#define ISMS_API_H
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

/* mfa_api.c: the caller's second factor, and an administrator's reset */
void api_mfa_status(struct request *req, struct response *resp);
void api_mfa_start(struct request *req, struct response *resp);
void api_mfa_confirm(struct request *req, struct response *resp);
void api_mfa_disable(struct request *req, struct response *resp);
void api_mfa_reset(struct request *req, struct response *resp);

/* audit_api.c */
void api_audit(struct request *req, struct response *resp);

/* settings_api.c */
void api_settings_get(struct request *req, struct response *resp);
void api_settings_patch(struct request *req, struct response *resp);

/* Shared by the API and the web pages. */
void session_cookie_set(struct request *req, struct response *resp, const char *token);
void session_cookie_clear(struct request *req, struct response *resp);
/* Reads a JSON object body whose keys are all strings among keys (NULL-
 * terminated); the first nrequired are required. vals[i] (arena) is the
 * value of keys[i] or NULL. 400 with per-field errors for anything else. */
int api_string_body(struct request *req, const char *const *keys, int nrequired, const char **vals, struct err *e);
/* Turns the caller's second factor off once code (TOTP or recovery) is
 * right, throttled like a login; a wrong code is a 422 on field "code". */
int api_mfa_turn_off(struct request *req, const char *code, struct err *e);
/* Parses an If-Match value: "3", "\"3\"" or W/"3". -1 when malformed. */
int parse_if_match(const char *value, int64_t *version);

#endif
