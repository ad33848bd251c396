/* routes: the one route table. Every endpoint and page is a row naming its
 * method, path pattern, handler, the least role that may call it, and flags
 * the dispatcher enforces (see http.h). Adding an endpoint is adding a row;
 * tests walk this table to prove every row refuses whom it must. */
#include "api/api.h"
#include "http/http.h"
#include "isms/audit_query.h"
#include "web/web.h"

#define API RF_API
#define WEB RF_WEB

const struct route route_table[] = {
	/* health and session */
	{ "GET", "/healthz", api_health, ROLE_ANONYMOUS, API },
	{ "POST", "/api/v1/login", api_login, ROLE_ANONYMOUS, API | RF_NO_CSRF | RF_JSON_BODY },
	{ "POST", "/api/v1/logout", api_logout, ROLE_EMPLOYEE, API | RF_SETUP_OK },
	{ "GET", "/api/v1/me", api_me, ROLE_EMPLOYEE, API | RF_SETUP_OK },
	{ "POST", "/api/v1/me/password", api_change_password, ROLE_EMPLOYEE, API | RF_SETUP_OK | RF_JSON_BODY },

	/* the caller's second factor, and an administrator's reset of someone's */
	{ "GET", "/api/v1/me/mfa", api_mfa_status, ROLE_EMPLOYEE, API | RF_SETUP_OK },
	{ "POST", "/api/v1/me/mfa/start", api_mfa_start, ROLE_EMPLOYEE, API | RF_SETUP_OK },
	{ "POST", "/api/v1/me/mfa/confirm", api_mfa_confirm, ROLE_EMPLOYEE, API | RF_SETUP_OK | RF_JSON_BODY },
	{ "POST", "/api/v1/me/mfa/disable", api_mfa_disable, ROLE_EMPLOYEE, API | RF_JSON_BODY },
	{ "POST", "/api/v1/users/{id}/mfa/reset", api_mfa_reset, ROLE_ADMIN, API },

	/* the caller's own API tokens and sessions */
	{ "GET", "/api/v1/me/tokens", api_my_tokens, ROLE_EMPLOYEE, API },
	{ "POST", "/api/v1/me/tokens", api_my_token_create, ROLE_EMPLOYEE, API | RF_JSON_BODY },
	{ "DELETE", "/api/v1/me/tokens/{id}", api_my_token_revoke, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/me/sessions", api_my_sessions, ROLE_EMPLOYEE, API },
	{ "DELETE", "/api/v1/me/sessions/{id}", api_my_session_end, ROLE_EMPLOYEE, API },
	{ "POST", "/api/v1/me/logout-everywhere", api_logout_everywhere, ROLE_EMPLOYEE, API | RF_SETUP_OK },

	/* user administration */
	{ "GET", "/api/v1/users", api_users_list, ROLE_ADMIN, API },
	{ "POST", "/api/v1/users", api_user_create, ROLE_ADMIN, API | RF_JSON_BODY },
	{ "GET", "/api/v1/users/{id}", api_user_get, ROLE_ADMIN, API },
	{ "PATCH", "/api/v1/users/{id}", api_user_patch, ROLE_ADMIN, API | RF_JSON_BODY },
	{ "POST", "/api/v1/users/{id}/reset-password", api_user_reset_password, ROLE_ADMIN, API },
	{ "GET", "/api/v1/users/{id}/tokens", api_user_tokens, ROLE_ADMIN, API },
	{ "DELETE", "/api/v1/users/{id}/tokens/{sub}", api_user_token_revoke, ROLE_ADMIN, API },

	/* the audit log: read by auditors and every role ranked above them */
	{ "GET", "/api/v1/audit", api_audit, AUDIT_READ_ROLE, API },

	/* organisation-wide settings */
	{ "GET", "/api/v1/settings", api_settings_get, ROLE_ADMIN, API },
	{ "PATCH", "/api/v1/settings", api_settings_patch, ROLE_ADMIN, API | RF_JSON_BODY },

	/* the risk method: read by auditors and up, changed (a new version) by ISMS managers */
	{ "GET", "/api/v1/risk-method", api_risk_method_get, ROLE_AUDITOR, API },
	{ "PUT", "/api/v1/risk-method", api_risk_method_put, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "GET", "/api/v1/risk-method/versions", api_risk_method_versions, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/risk-method/versions/{id}", api_risk_method_version, ROLE_AUDITOR, API },

	/* user groups: the audiences of documents and training */
	{ "GET", "/api/v1/groups", api_groups, ROLE_MANAGER, API },
	{ "POST", "/api/v1/groups", api_group_create, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "GET", "/api/v1/groups/{id}", api_group_get, ROLE_MANAGER, API },
	{ "PATCH", "/api/v1/groups/{id}", api_group_patch, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "DELETE", "/api/v1/groups/{id}", api_group_delete, ROLE_MANAGER, API },
	{ "POST", "/api/v1/groups/{id}/members", api_group_member_add, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "DELETE", "/api/v1/groups/{id}/members/{sub}", api_group_member_remove, ROLE_MANAGER, API },

	/* awareness training (isms/training.h): a course's quiz is read by whoever reads the
	 * course (the answers by ISMS managers only), taken by everyone, set by ISMS managers */
	{ "GET", "/api/v1/training", api_training_overview, ROLE_MANAGER, API },
	{ "GET", "/api/v1/me/training", api_my_training, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/courses/{id}/quiz", api_course_quiz, ROLE_EMPLOYEE, API },
	{ "PUT", "/api/v1/courses/{id}/quiz", api_course_quiz_put, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "GET", "/api/v1/courses/{id}/assignments", api_course_assignments, ROLE_MANAGER, API },
	{ "POST", "/api/v1/courses/{id}/assignments", api_course_assign, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "DELETE", "/api/v1/courses/{id}/assignments/{sub}", api_course_unassign, ROLE_MANAGER, API },
	{ "GET", "/api/v1/courses/{id}/attempts", api_course_attempts, ROLE_EMPLOYEE, API },
	{ "POST", "/api/v1/courses/{id}/attempts", api_course_attempt_create, ROLE_EMPLOYEE, API | RF_JSON_BODY },
	{ "POST", "/api/v1/courses/{id}/attempts/{sub}", api_course_attempt_submit, ROLE_EMPLOYEE, API | RF_JSON_BODY },
	{ "GET", "/api/v1/courses/{id}/report", api_course_report, ROLE_MANAGER, API },

	/* frameworks, their requirements and the gap analysis: read by auditors and up, assessed by
	 * ISMS managers; a control's requirements change with the control (its write rules) */
	{ "GET", "/api/v1/frameworks", api_frameworks, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/framework-library", api_framework_library, ROLE_AUDITOR, API },
	{ "POST", "/api/v1/frameworks/install", api_framework_install, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "GET", "/api/v1/frameworks/{id}", api_framework_get, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/frameworks/{id}/requirements", api_framework_requirements, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/requirements/{id}", api_requirement_get, ROLE_AUDITOR, API },
	{ "PUT", "/api/v1/requirements/{id}/assessment", api_requirement_assess, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "GET", "/api/v1/requirements/{id}/controls", api_requirement_controls, ROLE_AUDITOR, API },
	{ "POST", "/api/v1/requirements/{id}/controls", api_requirement_control_add, ROLE_OWNER, API | RF_JSON_BODY },
	{ "DELETE", "/api/v1/requirements/{id}/controls/{sub}", api_requirement_control_remove, ROLE_OWNER, API },
	{ "GET", "/api/v1/controls/{id}/requirements", api_control_requirements, ROLE_AUDITOR, API },

	/* documents: workflow, versions, acknowledgement, templates (isms/doc_version.h, doc_ack.h) */
	{ "GET", "/api/v1/document-templates", api_document_templates, ROLE_MANAGER, API },
	{ "POST", "/api/v1/documents/from-template", api_document_from_template, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "POST", "/api/v1/documents/{id}/submit", api_document_submit, ROLE_MANAGER, API },
	{ "POST", "/api/v1/documents/{id}/approve", api_document_approve, ROLE_MANAGER, API },
	{ "POST", "/api/v1/documents/{id}/publish", api_document_publish, ROLE_MANAGER, API },
	{ "POST", "/api/v1/documents/{id}/retire", api_document_retire, ROLE_MANAGER, API },
	{ "GET", "/api/v1/documents/{id}/versions", api_document_versions, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/documents/{id}/versions/{sub}", api_document_version, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/documents/{id}/diff", api_document_diff, ROLE_EMPLOYEE, API },
	{ "POST", "/api/v1/documents/{id}/acknowledge", api_document_acknowledge, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/documents/{id}/acknowledgements", api_document_acks, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/me/documents-to-read", api_my_documents_to_read, ROLE_EMPLOYEE, API },

	/* risk heat maps; every record type's CSV export (literal segments: before {type}/{id}) */
	{ "GET", "/api/v1/risks/heatmap", api_risk_heatmap, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/{type}/export.csv", api_export_csv, ROLE_EMPLOYEE, API | RF_ENTITY_READ },
	/* the risk register over time: a risk's history, assessment runs (ISMS managers create them) */
	{ "GET", "/api/v1/risks/{id}/history", api_risk_history, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/risk-runs", api_risk_runs, ROLE_AUDITOR, API },
	{ "POST", "/api/v1/risk-runs", api_risk_run_create, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "GET", "/api/v1/risk-runs/compare", api_risk_run_compare, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/risk-runs/{id}", api_risk_run_get, ROLE_AUDITOR, API },
	/* risk acceptances (the rule in isms/acceptance.h decides who signs) and the treatment plan */
	{ "GET", "/api/v1/risks/plan", api_risk_plan, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/risks/{id}/acceptances", api_risk_acceptances, ROLE_AUDITOR, API },
	{ "POST", "/api/v1/risks/{id}/acceptances", api_risk_accept, ROLE_OWNER, API | RF_JSON_BODY },
	{ "POST", "/api/v1/risks/{id}/acceptances/{sub}/revoke", api_risk_accept_revoke, ROLE_OWNER, API },
	/* an asset's own and effective protection needs (isms/protection.h) */
	{ "GET", "/api/v1/assets/{id}/protection", api_asset_protection, ROLE_EMPLOYEE, API },
	/* the classification scheme: everyone handles information, so everyone reads
	 * its rules; ISMS managers change it */
	{ "GET", "/api/v1/classification", api_classification_get, ROLE_EMPLOYEE, API },
	{ "PUT", "/api/v1/classification", api_classification_put, ROLE_MANAGER, API | RF_JSON_BODY },
	/* the Statement of Applicability (isms/soa.h): auditors read, ISMS managers change and approve */
	{ "GET", "/api/v1/frameworks/{id}/soa", api_soa_get, ROLE_AUDITOR, API },
	{ "POST", "/api/v1/frameworks/{id}/soa/versions", api_soa_approve, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "GET", "/api/v1/frameworks/{id}/soa/versions", api_soa_versions, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/frameworks/{id}/soa/versions/{sub}", api_soa_version, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/frameworks/{id}/soa/compare", api_soa_compare, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/soa/{id}", api_soa_row_get, ROLE_AUDITOR, API },
	{ "PUT", "/api/v1/soa/{id}", api_soa_row_put, ROLE_MANAGER, API | RF_JSON_BODY },

	/* the ISMS as OSCAL 1.1.2 JSON: catalog, ssp, assessment-results of a framework; poam */
	{ "GET", "/api/v1/oscal/{name}", api_oscal_export, ROLE_AUDITOR, API },

	/* frameworks from files (isms/fw_format.h): the file is the body, up to 32 MiB */
	{ "POST", "/api/v1/frameworks/import", api_framework_import, ROLE_MANAGER, API | RF_LARGE_BODY },

	/* ISMS operations: what the caller owes anywhere; incident response times and nonconformity
	 * figures over a period (literal segments: before {type}/{id}) */
	{ "GET", "/api/v1/me/tasks", api_my_tasks, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/incidents/metrics", api_incident_metrics, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/nonconformities/figures", api_nc_figures, ROLE_AUDITOR, API },
	/* KPIs (isms/kpi.h): measurements recorded and computed by whoever may change the KPI */
	{ "GET", "/api/v1/kpis/status", api_kpi_status, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/kpis/{id}/measurements", api_kpi_measurements, ROLE_AUDITOR, API },
	{ "POST", "/api/v1/kpis/{id}/measurements", api_kpi_record, ROLE_OWNER, API | RF_JSON_BODY },
	{ "POST", "/api/v1/kpis/{id}/measure", api_kpi_measure, ROLE_OWNER, API },

	/* context and scope (isms/scope.h): everyone reads the scope, ISMS managers change and approve it */
	{ "GET", "/api/v1/scope", api_scope_get, ROLE_EMPLOYEE, API },
	{ "PATCH", "/api/v1/scope", api_scope_patch, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "POST", "/api/v1/scope/versions", api_scope_approve, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "GET", "/api/v1/scope/versions", api_scope_versions, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/scope/versions/{id}", api_scope_version, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/scope/compare", api_scope_compare, ROLE_EMPLOYEE, API },
	{ "GET", "/api/v1/context/changes", api_context_changes, ROLE_AUDITOR, API },
	/* roles and responsibilities (isms/raci.h): everyone reads, ISMS managers change */
	{ "GET", "/api/v1/roles", api_roles_get, ROLE_EMPLOYEE, API },
	{ "PUT", "/api/v1/roles/{name}", api_role_assign, ROLE_MANAGER, API | RF_JSON_BODY },
	{ "GET", "/api/v1/processes/{id}/raci", api_raci_get, ROLE_EMPLOYEE, API },
	{ "PUT", "/api/v1/processes/{id}/raci", api_raci_put, ROLE_MANAGER, API | RF_JSON_BODY },
	/* management reviews (isms/review.h): the report with the frozen inputs; a draft's inputs
	 * compiled again; closing (outputs required); attendees replaced whole */
	{ "GET", "/api/v1/reviews/{id}/report", api_review_report, ROLE_AUDITOR, API },
	{ "POST", "/api/v1/reviews/{id}/compile", api_review_compile, ROLE_MANAGER, API },
	{ "POST", "/api/v1/reviews/{id}/close", api_review_close, ROLE_MANAGER, API },
	{ "PUT", "/api/v1/reviews/{id}/attendees", api_review_attendees_put, ROLE_MANAGER, API | RF_JSON_BODY },
	/* internal audits (isms/internal_audit.h): auditors read; the audit team and ISMS managers
	 * enter results and raise nonconformities (checked in the domain) */
	{ "GET", "/api/v1/audits/results", api_audit_results, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/audits/upcoming", api_audits_upcoming, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/audits/{id}/checklist", api_audit_checklist, ROLE_AUDITOR, API },
	{ "PATCH", "/api/v1/audits/{id}/checklist/{sub}", api_audit_item_patch, ROLE_AUDITOR, API | RF_JSON_BODY },
	{ "POST", "/api/v1/audits/{id}/checklist/{sub}/nonconformity", api_audit_raise_nc, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/audits/{id}/report", api_audit_report, ROLE_AUDITOR, API },
	{ "GET", "/api/v1/audit_programmes/{id}/schedule", api_audit_schedule, ROLE_AUDITOR, API },

	/* every record type of the entity table */
	{ "GET", "/api/v1/{type}", api_list, ROLE_EMPLOYEE, API | RF_ENTITY_READ },
	{ "POST", "/api/v1/{type}", api_create, ROLE_EMPLOYEE, API | RF_ENTITY_CREATE | RF_JSON_BODY },
	{ "GET", "/api/v1/{type}/{id}", api_get, ROLE_EMPLOYEE, API | RF_ENTITY_READ },
	{ "PATCH", "/api/v1/{type}/{id}", api_update, ROLE_EMPLOYEE, API | RF_ENTITY_WRITE | RF_JSON_BODY },
	{ "DELETE", "/api/v1/{type}/{id}", api_archive, ROLE_EMPLOYEE, API | RF_ENTITY_WRITE },
	/* links between records (isms/link.h): changed with write permission on the from record */
	{ "GET", "/api/v1/{type}/{id}/links", api_links_get, ROLE_EMPLOYEE, API | RF_ENTITY_READ },
	{ "POST", "/api/v1/{type}/{id}/links/{name}", api_link_add, ROLE_EMPLOYEE, API | RF_ENTITY_WRITE | RF_JSON_BODY },
	{ "DELETE", "/api/v1/{type}/{id}/links/{name}/{sub}", api_link_remove, ROLE_EMPLOYEE, API | RF_ENTITY_WRITE },

	/* web UI */
	{ "GET", "/static/{name}", web_static, ROLE_ANONYMOUS, WEB | RF_STATIC },
	{ "GET", "/login", web_login_form, ROLE_ANONYMOUS, WEB },
	{ "POST", "/login", web_login_submit, ROLE_ANONYMOUS, WEB | RF_NO_CSRF },
	{ "POST", "/login/code", web_login_code, ROLE_ANONYMOUS, WEB | RF_NO_CSRF }, /* the ticket is the secret */
	{ "POST", "/logout", web_logout, ROLE_EMPLOYEE, WEB | RF_SETUP_OK },
	{ "GET", "/account/password", web_password_form, ROLE_EMPLOYEE, WEB | RF_SETUP_OK },
	{ "POST", "/account/password", web_password_submit, ROLE_EMPLOYEE, WEB | RF_SETUP_OK },
	{ "GET", "/account/mfa", web_mfa_page, ROLE_EMPLOYEE, WEB | RF_SETUP_OK },
	{ "POST", "/account/mfa/start", web_mfa_start, ROLE_EMPLOYEE, WEB | RF_SETUP_OK },
	{ "POST", "/account/mfa/confirm", web_mfa_confirm, ROLE_EMPLOYEE, WEB | RF_SETUP_OK },
	{ "POST", "/account/mfa/disable", web_mfa_disable, ROLE_EMPLOYEE, WEB },
	{ "GET", "/account/tokens", web_tokens, ROLE_EMPLOYEE, WEB },
	{ "POST", "/account/tokens", web_token_create, ROLE_EMPLOYEE, WEB },
	{ "POST", "/account/tokens/{id}/revoke", web_token_revoke, ROLE_EMPLOYEE, WEB },
	{ "GET", "/account/sessions", web_sessions, ROLE_EMPLOYEE, WEB },
	{ "POST", "/account/sessions/{id}/end", web_session_end, ROLE_EMPLOYEE, WEB },
	{ "POST", "/account/logout-everywhere", web_logout_everywhere, ROLE_EMPLOYEE, WEB | RF_SETUP_OK },
	{ "GET", "/admin/users", web_users, ROLE_ADMIN, WEB },
	{ "POST", "/admin/users", web_user_create, ROLE_ADMIN, WEB },
	{ "GET", "/admin/users/new", web_user_new_form, ROLE_ADMIN, WEB },
	{ "GET", "/admin/users/{id}", web_user_detail, ROLE_ADMIN, WEB },
	{ "POST", "/admin/users/{id}", web_user_update, ROLE_ADMIN, WEB },
	{ "POST", "/admin/users/{id}/disable", web_user_disable, ROLE_ADMIN, WEB },
	{ "POST", "/admin/users/{id}/enable", web_user_enable, ROLE_ADMIN, WEB },
	{ "POST", "/admin/users/{id}/reset-password", web_user_reset_password, ROLE_ADMIN, WEB },
	{ "POST", "/admin/users/{id}/reset-mfa", web_user_reset_mfa, ROLE_ADMIN, WEB },
	{ "POST", "/admin/users/{id}/tokens/{sub}/revoke", web_user_token_revoke, ROLE_ADMIN, WEB },
	{ "GET", "/admin/settings", web_settings_form, ROLE_ADMIN, WEB },
	{ "POST", "/admin/settings", web_settings_save, ROLE_ADMIN, WEB },
	{ "GET", "/", web_home, ROLE_EMPLOYEE, WEB },
	{ "GET", "/my-tasks", web_my_tasks, ROLE_EMPLOYEE, WEB },
	{ "GET", "/risk-method", web_risk_method, ROLE_AUDITOR, WEB },
	{ "POST", "/risk-method", web_risk_method_save, ROLE_MANAGER, WEB },
	{ "GET", "/risk-method/edit", web_risk_method_edit, ROLE_MANAGER, WEB },
	{ "GET", "/risk-method/versions/{id}", web_risk_method_version, ROLE_AUDITOR, WEB },
	{ "GET", "/groups", web_groups, ROLE_MANAGER, WEB },
	{ "POST", "/groups", web_group_create, ROLE_MANAGER, WEB },
	{ "GET", "/groups/{id}", web_group, ROLE_MANAGER, WEB },
	{ "POST", "/groups/{id}", web_group_update, ROLE_MANAGER, WEB },
	{ "POST", "/groups/{id}/delete", web_group_delete, ROLE_MANAGER, WEB },
	{ "POST", "/groups/{id}/members", web_group_member_add, ROLE_MANAGER, WEB },
	{ "POST", "/groups/{id}/members/{sub}/remove", web_group_member_remove, ROLE_MANAGER, WEB },
	{ "POST", "/documents/from-template", web_document_from_template, ROLE_MANAGER, WEB },
	{ "POST", "/documents/{id}/submit", web_document_submit, ROLE_MANAGER, WEB },
	{ "POST", "/documents/{id}/approve", web_document_approve, ROLE_MANAGER, WEB },
	{ "POST", "/documents/{id}/publish", web_document_publish, ROLE_MANAGER, WEB },
	{ "POST", "/documents/{id}/retire", web_document_retire, ROLE_MANAGER, WEB },
	{ "POST", "/documents/{id}/acknowledge", web_document_acknowledge, ROLE_EMPLOYEE, WEB },
	{ "GET", "/documents/{id}/versions/{sub}", web_document_version, ROLE_EMPLOYEE, WEB },
	{ "GET", "/documents/{id}/diff", web_document_diff, ROLE_EMPLOYEE, WEB },
	{ "GET", "/documents/{id}/acknowledgements", web_document_acks, ROLE_EMPLOYEE, WEB },
	{ "GET", "/training", web_training, ROLE_EMPLOYEE, WEB },
	{ "GET", "/training/{id}", web_training_course, ROLE_EMPLOYEE, WEB },
	{ "POST", "/training/{id}/attempts", web_training_attempt, ROLE_EMPLOYEE, WEB },
	{ "POST", "/training/{id}/assignments", web_training_assign, ROLE_MANAGER, WEB },
	{ "POST", "/training/{id}/assignments/{sub}/remove", web_training_unassign, ROLE_MANAGER, WEB },
	{ "GET", "/training/{id}/quiz", web_training_quiz, ROLE_MANAGER, WEB },
	{ "POST", "/training/{id}/quiz", web_training_quiz_save, ROLE_MANAGER, WEB },
	{ "GET", "/training/{id}/report", web_training_report, ROLE_MANAGER, WEB },
	{ "GET", "/scope", web_scope, ROLE_EMPLOYEE, WEB },
	{ "POST", "/scope", web_scope_save, ROLE_MANAGER, WEB },
	{ "GET", "/scope/edit", web_scope_edit, ROLE_MANAGER, WEB },
	{ "POST", "/scope/approve", web_scope_approve, ROLE_MANAGER, WEB },
	{ "GET", "/scope/versions/{id}", web_scope_version, ROLE_EMPLOYEE, WEB },
	{ "GET", "/scope/compare", web_scope_compare, ROLE_EMPLOYEE, WEB },
	{ "GET", "/context/changes", web_context_changes, ROLE_AUDITOR, WEB },
	{ "GET", "/roles", web_roles, ROLE_EMPLOYEE, WEB },
	{ "POST", "/roles/{name}", web_role_assign, ROLE_MANAGER, WEB },
	{ "GET", "/roles/processes/{id}", web_raci_form, ROLE_MANAGER, WEB },
	{ "POST", "/roles/processes/{id}", web_raci_save, ROLE_MANAGER, WEB },
	{ "GET", "/frameworks", web_frameworks, ROLE_AUDITOR, WEB },
	{ "POST", "/frameworks/install", web_framework_install, ROLE_MANAGER, WEB },
	{ "GET", "/frameworks/import", web_fw_import_form, ROLE_MANAGER, WEB },
	{ "POST", "/frameworks/import", web_fw_import, ROLE_MANAGER, WEB | RF_LARGE_BODY },
	{ "GET", "/frameworks/{id}", web_framework, ROLE_AUDITOR, WEB },
	{ "GET", "/requirements/{id}", web_requirement, ROLE_AUDITOR, WEB },
	{ "POST", "/requirements/{id}/assessment", web_requirement_assess, ROLE_MANAGER, WEB },
	{ "POST", "/requirements/{id}/controls", web_requirement_control_add, ROLE_OWNER, WEB },
	{ "POST", "/requirements/{id}/controls/{sub}/remove", web_requirement_control_remove, ROLE_OWNER, WEB },
	{ "POST", "/controls/{id}/requirements", web_control_requirement_add, ROLE_OWNER, WEB },
	{ "GET", "/risk-runs", web_risk_runs, ROLE_AUDITOR, WEB },
	{ "POST", "/risk-runs", web_risk_run_create, ROLE_MANAGER, WEB },
	{ "GET", "/risk-runs/compare", web_risk_run_compare, ROLE_AUDITOR, WEB },
	{ "GET", "/risk-runs/{id}", web_risk_run, ROLE_AUDITOR, WEB },
	{ "GET", "/classification", web_classification, ROLE_EMPLOYEE, WEB },
	{ "POST", "/classification", web_classification_save, ROLE_MANAGER, WEB },
	{ "GET", "/classification/edit", web_classification_edit, ROLE_MANAGER, WEB },
	{ "GET", "/audit", web_audit_list, AUDIT_READ_ROLE, WEB },
	{ "GET", "/audit/{id}", web_audit_entry, AUDIT_READ_ROLE, WEB },
	{ "GET", "/risks/plan", web_risk_plan, ROLE_AUDITOR, WEB },
	{ "GET", "/frameworks/{id}/oscal/{name}", web_oscal_download, ROLE_AUDITOR, WEB },
	{ "POST", "/risks/{id}/acceptances", web_risk_accept, ROLE_OWNER, WEB },
	{ "POST", "/risks/{id}/acceptances/{sub}/revoke", web_risk_accept_revoke, ROLE_OWNER, WEB },
	{ "GET", "/frameworks/{id}/soa", web_soa, ROLE_AUDITOR, WEB },
	{ "POST", "/frameworks/{id}/soa/versions", web_soa_approve, ROLE_MANAGER, WEB },
	{ "GET", "/frameworks/{id}/soa/versions/{sub}", web_soa_version, ROLE_AUDITOR, WEB },
	{ "GET", "/frameworks/{id}/soa/compare", web_soa_compare, ROLE_AUDITOR, WEB },
	{ "GET", "/frameworks/{id}/soa/{sub}", web_soa_row_form, ROLE_MANAGER, WEB },
	{ "POST", "/frameworks/{id}/soa/{sub}", web_soa_row_save, ROLE_MANAGER, WEB },
	{ "POST", "/kpis/{id}/measurements", web_kpi_record, ROLE_OWNER, WEB },
	{ "POST", "/kpis/{id}/measure", web_kpi_measure, ROLE_OWNER, WEB },
	{ "POST", "/reviews/{id}/compile", web_review_compile, ROLE_MANAGER, WEB },
	{ "POST", "/reviews/{id}/close", web_review_close, ROLE_MANAGER, WEB },
	{ "POST", "/reviews/{id}/attendees", web_review_attendees, ROLE_MANAGER, WEB },
	{ "GET", "/audits/{id}/report", web_audit_report, ROLE_AUDITOR, WEB },
	{ "POST", "/audits/{id}/checklist", web_audit_checklist_save, ROLE_AUDITOR, WEB },
	{ "POST", "/audits/{id}/checklist/{sub}/nonconformity", web_audit_raise_nc, ROLE_AUDITOR, WEB },
	{ "POST", "/audits/{id}/independence", web_audit_acknowledge, ROLE_AUDITOR, WEB },
	{ "GET", "/{type}", web_list, ROLE_EMPLOYEE, WEB | RF_ENTITY_READ },
	{ "POST", "/{type}", web_create, ROLE_EMPLOYEE, WEB | RF_ENTITY_CREATE },
	{ "GET", "/{type}/new", web_new_form, ROLE_EMPLOYEE, WEB | RF_ENTITY_CREATE },
	{ "GET", "/{type}/{id}", web_detail, ROLE_EMPLOYEE, WEB | RF_ENTITY_READ },
	{ "POST", "/{type}/{id}", web_update, ROLE_EMPLOYEE, WEB | RF_ENTITY_WRITE },
	{ "GET", "/{type}/{id}/edit", web_edit_form, ROLE_EMPLOYEE, WEB | RF_ENTITY_WRITE },
	{ "POST", "/{type}/{id}/archive", web_archive, ROLE_EMPLOYEE, WEB | RF_ENTITY_WRITE },
	{ "POST", "/{type}/{id}/links/{name}", web_link_add, ROLE_EMPLOYEE, WEB | RF_ENTITY_WRITE },
	{ "POST", "/{type}/{id}/links/{name}/{sub}/remove", web_link_remove, ROLE_EMPLOYEE, WEB | RF_ENTITY_WRITE },
};

const int route_count = (int)(sizeof(route_table) / sizeof(route_table[0]));
