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
/* Record id of req->entity as who reads it: JSON with its ETag (and its
 * Location when status is 201). */
void api_reply_record(struct request *req, struct response *resp, int status, int64_t id);

/* link_api.c: a record's links (both directions), adding and removing one;
 * an asset's own and effective protection needs */
void api_links_get(struct request *req, struct response *resp);
void api_link_add(struct request *req, struct response *resp);
void api_link_remove(struct request *req, struct response *resp);
void api_asset_protection(struct request *req, struct response *resp);

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
/* account_api.c: the caller's own API tokens and sessions */
void api_my_tokens(struct request *req, struct response *resp);
void api_my_token_create(struct request *req, struct response *resp);
void api_my_token_revoke(struct request *req, struct response *resp);
void api_my_sessions(struct request *req, struct response *resp);
void api_my_session_end(struct request *req, struct response *resp);
void api_logout_everywhere(struct request *req, struct response *resp);

/* users_api.c: user administration (administrators) */
void api_users_list(struct request *req, struct response *resp);
void api_user_create(struct request *req, struct response *resp);
void api_user_get(struct request *req, struct response *resp);
void api_user_patch(struct request *req, struct response *resp);
void api_user_reset_password(struct request *req, struct response *resp);
void api_user_tokens(struct request *req, struct response *resp);
void api_user_token_revoke(struct request *req, struct response *resp);

/* audit_api.c */
void api_audit(struct request *req, struct response *resp);

/* settings_api.c */
void api_settings_get(struct request *req, struct response *resp);
void api_settings_patch(struct request *req, struct response *resp);

/* risk_method_api.c: the risk method, its versions, a new version */
void api_risk_method_get(struct request *req, struct response *resp);
void api_risk_method_versions(struct request *req, struct response *resp);
void api_risk_method_version(struct request *req, struct response *resp);
void api_risk_method_put(struct request *req, struct response *resp);

/* heatmap_api.c: risk counts per likelihood x impact cell; export_api.c: a list as CSV */
void api_risk_heatmap(struct request *req, struct response *resp);
void api_export_csv(struct request *req, struct response *resp);
/* risk_run_api.c: a risk's history; assessment runs, one, a comparison.
 * api_run_compare_params reads ?from=A&to=B into two runs (per-field
 * errors: missing, malformed, unknown, the same run twice), for the
 * compare endpoint and page alike. */
struct risk_run_full;
void api_risk_history(struct request *req, struct response *resp);
void api_risk_runs(struct request *req, struct response *resp);
void api_risk_run_create(struct request *req, struct response *resp);
void api_risk_run_get(struct request *req, struct response *resp);
void api_risk_run_compare(struct request *req, struct response *resp);
int api_run_compare_params(struct request *req, struct risk_run_full *from, struct risk_run_full *to,
			   struct err *e);
/* acceptance_api.c: a risk's acceptances, and the treatment plan */
void api_risk_acceptances(struct request *req, struct response *resp);
void api_risk_accept(struct request *req, struct response *resp);
void api_risk_accept_revoke(struct request *req, struct response *resp);
void api_risk_plan(struct request *req, struct response *resp);
/* soa_api.c: a framework's Statement of Applicability (also as CSV), one
 * row and its change, approving, the versions, one version, a comparison.
 * api_soa_compare_params reads ?from=N&to=M (to left out: the current SoA)
 * into a comparison, for the compare endpoint and page alike. */
struct soa_cmp;
void api_soa_get(struct request *req, struct response *resp);
void api_soa_row_get(struct request *req, struct response *resp);
void api_soa_row_put(struct request *req, struct response *resp);
void api_soa_approve(struct request *req, struct response *resp);
void api_soa_versions(struct request *req, struct response *resp);
void api_soa_version(struct request *req, struct response *resp);
void api_soa_compare(struct request *req, struct response *resp);
int api_soa_compare_params(struct request *req, struct soa_cmp *out, struct err *e);
/* operations_api.c: what the caller owes (my tasks); incident and nonconformity figures */
void api_my_tasks(struct request *req, struct response *resp);
void api_incident_metrics(struct request *req, struct response *resp);
void api_nc_figures(struct request *req, struct response *resp);
/* review_api.c: a management review's report, compiling, closing and attendees (isms/review.h) */
void api_review_report(struct request *req, struct response *resp);
void api_review_compile(struct request *req, struct response *resp);
void api_review_close(struct request *req, struct response *resp);
void api_review_attendees_put(struct request *req, struct response *resp);
/* internal_audit_api.c: an audit's checklist, results, nonconformity from a finding, report; a
 * programme's schedule; audit results since a date and audits coming up */
void api_audit_checklist(struct request *req, struct response *resp);
void api_audit_item_patch(struct request *req, struct response *resp);
void api_audit_raise_nc(struct request *req, struct response *resp);
void api_audit_report(struct request *req, struct response *resp);
void api_audit_schedule(struct request *req, struct response *resp);
void api_audit_results(struct request *req, struct response *resp);
void api_audits_upcoming(struct request *req, struct response *resp);
/* classification_api.c: the classification scheme */
void api_classification_get(struct request *req, struct response *resp);
void api_classification_put(struct request *req, struct response *resp);
/* framework_import_api.c: a framework file as the raw body (isms/fw_format.h) */
void api_framework_import(struct request *req, struct response *resp);

/* group_api.c: user groups */
void api_groups(struct request *req, struct response *resp);
void api_group_get(struct request *req, struct response *resp);
void api_group_create(struct request *req, struct response *resp);
void api_group_patch(struct request *req, struct response *resp);
void api_group_delete(struct request *req, struct response *resp);
void api_group_member_add(struct request *req, struct response *resp);
void api_group_member_remove(struct request *req, struct response *resp);
/* training_api.c: a course's quiz, assignments, attempts and report; the
 * overview of all courses; the caller's training due */
void api_course_quiz(struct request *req, struct response *resp);
void api_course_quiz_put(struct request *req, struct response *resp);
void api_course_assignments(struct request *req, struct response *resp);
void api_course_assign(struct request *req, struct response *resp);
void api_course_unassign(struct request *req, struct response *resp);
void api_course_attempts(struct request *req, struct response *resp);
void api_course_attempt_create(struct request *req, struct response *resp);
void api_course_attempt_submit(struct request *req, struct response *resp);
void api_course_report(struct request *req, struct response *resp);
void api_training_overview(struct request *req, struct response *resp);
void api_my_training(struct request *req, struct response *resp);
/* framework_api.c: frameworks, requirements, gap analysis, control links */
void api_frameworks(struct request *req, struct response *resp);
void api_framework_library(struct request *req, struct response *resp);
void api_framework_install(struct request *req, struct response *resp);
void api_framework_get(struct request *req, struct response *resp);
void api_framework_requirements(struct request *req, struct response *resp);
void api_requirement_get(struct request *req, struct response *resp);
void api_requirement_assess(struct request *req, struct response *resp);
void api_requirement_controls(struct request *req, struct response *resp);
void api_requirement_control_add(struct request *req, struct response *resp);
void api_requirement_control_remove(struct request *req, struct response *resp);
void api_control_requirements(struct request *req, struct response *resp);
/* One requirement as JSON (also the CLI's `isms framework requirement`). */
int api_requirement_json(struct store *s, int64_t id, struct arena *a, struct strbuf *sb, struct err *e);
/* oscal_api.c: the ISMS as OSCAL JSON (isms/oscal_export.h); _send writes document name of
 * framework as a download, for the web route too (-1 with e set, nothing sent). */
void api_oscal_export(struct request *req, struct response *resp);
int api_oscal_send(struct request *req, struct response *resp, const char *name, int64_t framework, struct err *e);

/* scope_api.c: the ISMS scope statement, its approval and versions (isms/scope.h) */
void api_scope_get(struct request *req, struct response *resp);
void api_scope_patch(struct request *req, struct response *resp);
void api_scope_approve(struct request *req, struct response *resp);
void api_scope_versions(struct request *req, struct response *resp);
void api_scope_version(struct request *req, struct response *resp);
void api_scope_compare(struct request *req, struct response *resp);

/* raci_api.c: the ISMS roles and their holders, the RACI of processes (isms/raci.h) */
void api_roles_get(struct request *req, struct response *resp);
void api_role_assign(struct request *req, struct response *resp);
void api_raci_get(struct request *req, struct response *resp);
void api_raci_put(struct request *req, struct response *resp);

/* context_api.c: changes in issues and interested parties since a date (isms/context.h) */
void api_context_changes(struct request *req, struct response *resp);
/* document_api.c: documents' workflow, versions, diff, templates and
 * acknowledgements (isms/doc_version.h, doc_ack.h, doc_template.h) */
void api_document_submit(struct request *req, struct response *resp);
void api_document_approve(struct request *req, struct response *resp);
void api_document_publish(struct request *req, struct response *resp);
void api_document_retire(struct request *req, struct response *resp);
void api_document_versions(struct request *req, struct response *resp);
void api_document_version(struct request *req, struct response *resp);
void api_document_diff(struct request *req, struct response *resp);
void api_document_acknowledge(struct request *req, struct response *resp);
void api_document_acks(struct request *req, struct response *resp);
void api_document_templates(struct request *req, struct response *resp);
void api_document_from_template(struct request *req, struct response *resp);
void api_my_documents_to_read(struct request *req, struct response *resp);

/* kpi_api.c: KPI measurements, measuring a computed KPI now, every KPI's status */
void api_kpi_measurements(struct request *req, struct response *resp);
void api_kpi_record(struct request *req, struct response *resp);
void api_kpi_measure(struct request *req, struct response *resp);
void api_kpi_status(struct request *req, struct response *resp);
/* ?from=N&to=M of a diff (defaults: to the working version, from the one
 * before it); 400 for other parameters or values that are not numbers. */
int api_diff_params(struct request *req, int64_t latest, int64_t *from, int64_t *to, struct err *e);

/* body.c: reading a JSON object body with declared keys only. */
enum body_type { BODY_STRING, BODY_BOOL, BODY_INT, BODY_NUMBER };
struct body_key {
	const char *name;
	enum body_type type;
	int required;
};
struct body_value {
	int set;       /* the key was given */
	const char *s; /* BODY_STRING, in the request arena; BODY_NUMBER as text (%.17g) */
	int64_t i;     /* BODY_INT; BODY_BOOL as 0 or 1 */
};
/* Reads the body as a JSON object whose keys are among keys[] (ended by a
 * row with a NULL name); vals[i] gets keys[i]'s value. 400 for malformed
 * JSON (jansson refuses a string holding NUL), a body that is not an
 * object, or an unknown key; 422 for a value of the wrong type or a
 * missing required key.
 * Every problem is reported at once, per field. */
int api_body_read(struct request *req, const struct body_key *keys, struct body_value *vals, struct err *e);

/* auth_api.c: a user as JSON (id, email, name, role, disabled,
 * must_change_password), shared with users_api.c; _members writes the
 * members only, for an object that carries more. */
void api_user_json(struct strbuf *sb, const struct user *u);
void api_user_members(struct strbuf *sb, int *first, const struct user *u);
/* account_api.c: {"items": [...]} of user_id's tokens; the revocation of
 * one, audited (204, 404 not the user's, 409 revoked already). */
void api_reply_tokens(struct request *req, struct response *resp, int64_t user_id);
void api_reply_token_revoke(struct request *req, struct response *resp, int64_t user_id, int64_t token_id);

/* Shared by the API and the web pages. */
/* Opens a session for u, noting this request's client address and User-Agent. */
int session_open(struct request *req, const struct user *u, char token[TOKEN_MAX], char csrf[TOKEN_MAX],
		 struct err *e);
void session_cookie_set(struct request *req, struct response *resp, const char *token);
void session_cookie_clear(struct request *req, struct response *resp);
/* Reads a JSON object body whose keys are all strings among keys (NULL-
 * terminated); the first nrequired are required. vals[i] (arena) is the
 * value of keys[i] or NULL. 400 with per-field errors for anything else. */
#define API_STRING_KEYS_MAX 8
int api_string_body(struct request *req, const char *const *keys, int nrequired, const char **vals, struct err *e);
/* Turns the caller's second factor off once code (TOTP or recovery) is
 * right, throttled like a login; a wrong code is a 422 on field "code". */
int api_mfa_turn_off(struct request *req, const char *code, struct err *e);
/* Parses an If-Match value: "3", "\"3\"" or W/"3". -1 when malformed. */
int parse_if_match(const char *value, int64_t *version);

#endif
