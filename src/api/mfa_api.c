/* mfa_api: the caller's second factor under /api/v1/me/mfa — status,
 * start of enrolment (secret and otpauth URI), confirmation with a code
 * (recovery codes, shown once), turning it off with a code — and an
 * administrator's reset under /api/v1/users/{id}/mfa/reset. */
#include <string.h>

#include "api/api.h"
#include "auth/login.h"
#include "auth/mfa.h"
#include "auth/totp.h"
#include "base/jsonw.h"
#include "isms/settings.h"

void api_mfa_status(struct request *req, struct response *resp)
{
	struct mfa_status st;
	struct err e = ERR_INIT;
	int first = 1;
	if (mfa_status(req->store, req->user.id, &st, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_addc(&resp->body, '{');
	jsonw_kv_bool(&resp->body, &first, "enabled", st.enabled);
	jsonw_kv_bool(&resp->body, &first, "pending", st.pending);
	jsonw_kv_int(&resp->body, &first, "recovery_codes_left", st.recovery_left);
	jsonw_kv_bool(&resp->body, &first, "required", settings_get(req->store, SETTING_MFA_REQUIRED) != 0);
	sb_addc(&resp->body, '}');
	http_reply(resp, 200, "application/json");
}

/* The body of a request that takes no input: none, or an empty JSON object. */
static int no_input(struct request *req, struct err *e)
{
	static const char *const none[] = { NULL };
	return req->body_len == 0 ? 0 : api_string_body(req, none, 0, NULL, e);
}

void api_mfa_start(struct request *req, struct response *resp)
{
	char secret[MFA_SECRET_B32];
	struct strbuf uri = STRBUF_INIT;
	struct err e = ERR_INIT;
	int first = 1;
	if (no_input(req, &e) || mfa_start(req->store, &req->actor, req->user.id, secret, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	mfa_uri(&uri, req->user.email, secret);
	sb_addc(&resp->body, '{');
	jsonw_kv_str(&resp->body, &first, "secret", secret);
	jsonw_kv_str(&resp->body, &first, "otpauth_uri", uri.buf);
	jsonw_kv_str(&resp->body, &first, "issuer", MFA_ISSUER);
	jsonw_kv_str(&resp->body, &first, "account", req->user.email);
	jsonw_kv_str(&resp->body, &first, "algorithm", "SHA1");
	jsonw_kv_int(&resp->body, &first, "digits", TOTP_DIGITS);
	jsonw_kv_int(&resp->body, &first, "period", TOTP_PERIOD);
	sb_addc(&resp->body, '}');
	sb_release(&uri);
	http_reply(resp, 200, "application/json");
}

void api_mfa_confirm(struct request *req, struct response *resp)
{
	static const char *const keys[] = { "code", NULL };
	const char *vals[1] = { NULL };
	char codes[MFA_RECOVERY_COUNT][MFA_RECOVERY_LEN];
	struct err e = ERR_INIT;
	int first = 1;
	if (api_string_body(req, keys, 1, vals, &e) ||
	    mfa_confirm(req->store, &req->actor, req->user.id, vals[0], codes, &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	sb_addc(&resp->body, '{');
	jsonw_key(&resp->body, &first, "recovery_codes");
	sb_addc(&resp->body, '[');
	for (int i = 0; i < MFA_RECOVERY_COUNT; i++) {
		if (i)
			sb_addc(&resp->body, ',');
		jsonw_str(&resp->body, codes[i]);
	}
	sb_adds(&resp->body, "]}");
	http_reply(resp, 200, "application/json");
}

int api_mfa_turn_off(struct request *req, const char *code, struct err *e)
{
	if (login_code(req->store, &req->user, code, http_client(req), e)) {
		/* a wrong code is the caller's input, not a lost session */
		if (e->status == 401) {
			char msg[sizeof(e->message)];
			memcpy(msg, e->message, sizeof(msg));
			err_clear(e);
			err_field(e, "code", "wrong", "%s", msg);
		}
		return -1;
	}
	return mfa_disable(req->store, &req->actor, req->user.id, e);
}

void api_mfa_disable(struct request *req, struct response *resp)
{
	static const char *const keys[] = { "code", NULL };
	const char *vals[1] = { NULL };
	struct err e = ERR_INIT;
	if (api_string_body(req, keys, 1, vals, &e) || api_mfa_turn_off(req, vals[0], &e)) {
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 204, NULL);
}

void api_mfa_reset(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (no_input(req, &e) || mfa_reset(req->store, &req->actor, req->id, &e)) {
		if (e.status == 404)
			err_set(&e, 404, "not_found", "No user with id %lld.", (long long)req->id);
		http_reply_problem(resp, &e);
		return;
	}
	http_reply(resp, 204, NULL);
}
