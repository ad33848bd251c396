/* pages_mfa: /account/mfa — the signed-in user's second factor. Without
 * one, a button starts enrolment; while it is pending, the page shows the
 * secret as a QR code and as text, and a form for the first code; once on,
 * the recovery codes left and a form to turn it off with a code. Confirming
 * shows the recovery codes, once. When the organisation requires a second
 * factor and the user has none, this page is all they can reach (see
 * setup_pending in http/dispatch.c), shown bare like the forced password
 * change. */
#include <string.h>

#include "api/api.h"
#include "auth/mfa.h"
#include "isms/settings.h"
#include "web/page.h"
#include "web/web.h"

#define QR_PIXELS 220

static void code_field(struct strbuf *sb, const struct err *e, const char *label)
{
	const char *msg = page_field_error(e, "code");
	html_printf(sb,
		    "<div class=\"field%R\"><label for=\"code\">%s</label>"
		    "<input id=\"code\" name=\"code\" type=\"text\" autocomplete=\"one-time-code\" spellcheck=\"false\" "
		    "maxlength=\"64\" required%R>",
		    msg ? " has-error" : "", label, msg ? " aria-invalid=\"true\"" : "");
	if (msg)
		html_printf(sb, "<p class=\"field-error\">%s</p>", msg);
	html_printf(sb, "</div>");
}

/* The key in groups of four, easier to type. */
static const char *grouped(struct arena *a, const char *secret)
{
	size_t n = strlen(secret);
	char *out = arena_alloc(a, n + n / 4 + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (i && i % 4 == 0)
			*o++ = ' ';
		*o++ = secret[i];
	}
	*o = '\0';
	return out;
}

static void enrol_section(struct request *req, struct strbuf *sb, const char *secret, const struct err *e)
{
	struct strbuf uri = STRBUF_INIT;
	mfa_uri(&uri, req->user.email, secret);
	html_printf(sb, "<ol class=\"mfa-steps\"><li><p>Install an authenticator app on your phone — any app for "
			"time-based one-time passwords will do — and add an account by scanning this code:</p>");
	qr_svg(sb, uri.buf, QR_PIXELS, "QR code of your isms key, for an authenticator app");
	html_printf(sb, "</li><li><p>Cannot scan it? Add the account by hand, as a time-based key:</p>"
			"<p class=\"secret-key\"><code id=\"mfa-secret\">%s</code></p></li>"
			"<li><p>Enter the six-digit code the app now shows, to confirm it works.</p>"
			"<form method=\"post\" action=\"/account/mfa/confirm\" class=\"stack\" novalidate>",
		    grouped(&req->arena, secret));
	page_csrf(req, sb);
	code_field(sb, e, "Code from the app");
	html_printf(sb, "<div><button type=\"submit\" class=\"btn btn-primary\">Turn on</button></div></form></li></ol>"
			"<form method=\"post\" action=\"/account/mfa/start\" class=\"mfa-restart\">");
	page_csrf(req, sb);
	html_printf(sb, "<button type=\"submit\" class=\"linkish\">Show a new key instead</button></form>");
	sb_release(&uri);
}

static void enabled_section(struct request *req, struct strbuf *sb, const struct mfa_status *st, int required,
			    const struct err *e)
{
	html_printf(sb, "<p>Two-factor authentication is <strong>on</strong>: after your password, signing in asks "
			"for a code from your app.</p><p>Recovery codes left: <strong>%d</strong> of %d.</p>",
		    st->recovery_left, MFA_RECOVERY_COUNT);
	if (st->recovery_left <= 3)
		page_notice(sb, "warn", "Few recovery codes are left. For a new set, turn two-factor authentication "
					"off and set it up again.");
	html_printf(sb, "<h2 class=\"section-title\">Turn off</h2><p class=\"muted\">%s</p>"
			"<form method=\"post\" action=\"/account/mfa/disable\" class=\"stack\" novalidate>",
		    required ? "Your organisation requires a second factor: once it is off, you must set up a new "
			       "one before you can go on."
			     : "Enter a current code (or a recovery code) to turn it off.");
	page_csrf(req, sb);
	code_field(sb, e, "Code");
	html_printf(sb, "<div><button type=\"submit\" class=\"btn btn-danger\">Turn off</button></div></form>");
}

static void mfa_page(struct request *req, struct response *resp, const struct err *e)
{
	struct strbuf *sb = &resp->body;
	struct mfa_status st;
	struct err se = ERR_INIT;
	char secret[MFA_SECRET_B32];
	int required = settings_get(req->store, SETTING_MFA_REQUIRED) != 0, forced;

	if (mfa_status(req->store, req->user.id, &st, &se)) {
		page_error(req, resp, &se, "/", NULL);
		return;
	}
	forced = required && !st.enabled;
	page_account_begin(req, resp, forced ? "Set up two-factor authentication" : "Two-factor authentication",
			   "account/mfa", forced);
	if (forced)
		page_notice(sb, "info", "Your organisation requires a second factor. Set it up to continue.");
	page_flash(req, sb);
	if (e && e->status && !e->nfields)
		page_notice(sb, "error", e->message);
	if (st.enabled) {
		enabled_section(req, sb, &st, required, e);
	} else if (st.pending && mfa_pending_secret(req->store, req->user.id, secret, &se) == 0) {
		enrol_section(req, sb, secret, e);
	} else {
		html_printf(sb, "<p>A second factor keeps your account safe even if your password is guessed or "
				"leaked: signing in then also needs a code from an app on your phone.</p>"
				"<form method=\"post\" action=\"/account/mfa/start\">");
		page_csrf(req, sb);
		html_printf(sb, "<button type=\"submit\" class=\"btn btn-primary\">Start the set-up</button></form>");
	}
	page_account_end(req, resp, forced, e && e->status ? e->status : 200);
}

void web_mfa_page(struct request *req, struct response *resp)
{
	mfa_page(req, resp, NULL);
}

void web_mfa_start(struct request *req, struct response *resp)
{
	char secret[MFA_SECRET_B32];
	struct err e = ERR_INIT;
	if (mfa_start(req->store, &req->actor, req->user.id, secret, &e)) {
		mfa_page(req, resp, &e);
		return;
	}
	http_redirect(resp, "/account/mfa");
}

/* The recovery codes, shown this once. */
static void codes_page(struct request *req, struct response *resp, char codes[MFA_RECOVERY_COUNT][MFA_RECOVERY_LEN])
{
	struct strbuf *sb = &resp->body;
	page_account_begin(req, resp, "Recovery codes", "account/mfa", 0);
	page_notice(sb, "ok", "Two-factor authentication is on.");
	html_printf(sb, "<p>Keep these recovery codes somewhere safe, such as a password manager or on paper. "
			"Each one works once in place of a code, for when your phone is not at hand. "
			"<strong>They are shown only now.</strong></p><ol class=\"recovery-codes\">");
	for (int i = 0; i < MFA_RECOVERY_COUNT; i++)
		html_printf(sb, "<li><code>%s</code></li>", codes[i]);
	html_printf(sb, "</ol><p><a class=\"btn btn-primary\" href=\"/\">I have saved them</a></p>");
	page_account_end(req, resp, 0, 200);
}

void web_mfa_confirm(struct request *req, struct response *resp)
{
	const char *code = http_form(req, "code");
	char codes[MFA_RECOVERY_COUNT][MFA_RECOVERY_LEN];
	struct err e = ERR_INIT;
	if (!code || !code[0]) {
		err_field(&e, "code", "required", "Enter the code the app shows.");
		mfa_page(req, resp, &e);
		return;
	}
	if (mfa_confirm(req->store, &req->actor, req->user.id, code, codes, &e)) {
		mfa_page(req, resp, &e);
		return;
	}
	codes_page(req, resp, codes);
}

void web_mfa_disable(struct request *req, struct response *resp)
{
	const char *code = http_form(req, "code");
	struct err e = ERR_INIT;
	if (!code || !code[0]) {
		err_field(&e, "code", "required", "Enter a current code or a recovery code.");
		mfa_page(req, resp, &e);
		return;
	}
	if (api_mfa_turn_off(req, code, &e)) {
		mfa_page(req, resp, &e);
		return;
	}
	http_redirect(resp, "/account/mfa?notice=mfa_disabled");
}
