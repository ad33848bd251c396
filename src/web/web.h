/* web: the server-rendered HTML user interface. Pages are generic over the
 * entity table (list, detail, form) plus login, password change, home and
 * the audit log.
 * Every page is built with web/html.h; assets are embedded in the binary. */
#ifndef ISMS_WEB_H
#define ISMS_WEB_H
#include "http/http.h"

/* pages_auth.c */
void web_login_form(struct request *req, struct response *resp);
void web_login_submit(struct request *req, struct response *resp);
void web_login_code(struct request *req, struct response *resp);
void web_logout(struct request *req, struct response *resp);
void web_password_form(struct request *req, struct response *resp);
void web_password_submit(struct request *req, struct response *resp);

/* pages_mfa.c: the signed-in user's second factor */
void web_mfa_page(struct request *req, struct response *resp);
void web_mfa_start(struct request *req, struct response *resp);
void web_mfa_confirm(struct request *req, struct response *resp);
void web_mfa_disable(struct request *req, struct response *resp);
/* pages_account.c: the caller's API tokens and sessions */
void web_tokens(struct request *req, struct response *resp);
void web_token_create(struct request *req, struct response *resp);
void web_token_revoke(struct request *req, struct response *resp);
void web_sessions(struct request *req, struct response *resp);
void web_session_end(struct request *req, struct response *resp);
void web_logout_everywhere(struct request *req, struct response *resp);

/* pages_users.c: user administration */
void web_users(struct request *req, struct response *resp);
void web_user_new_form(struct request *req, struct response *resp);
void web_user_create(struct request *req, struct response *resp);
void web_user_detail(struct request *req, struct response *resp);
void web_user_update(struct request *req, struct response *resp);
void web_user_disable(struct request *req, struct response *resp);
void web_user_enable(struct request *req, struct response *resp);
void web_user_reset_password(struct request *req, struct response *resp);
void web_user_reset_mfa(struct request *req, struct response *resp);
void web_user_token_revoke(struct request *req, struct response *resp);

/* pages_settings.c: the organisation-wide settings */
void web_settings_form(struct request *req, struct response *resp);
void web_settings_save(struct request *req, struct response *resp);

/* pages_risk_method.c: the risk method, an earlier version, a new version */
void web_risk_method(struct request *req, struct response *resp);
void web_risk_method_version(struct request *req, struct response *resp);
void web_risk_method_edit(struct request *req, struct response *resp);
void web_risk_method_save(struct request *req, struct response *resp);

/* pages_risk_runs.c: assessment runs, one run, the comparison of two */
void web_groups(struct request *req, struct response *resp);
/* pages_document.c: a document's workflow actions, acknowledgement, a
 * version, the diff of two, who has acknowledged; new from a template */
void web_document_submit(struct request *req, struct response *resp);
/* pages_review.c: a management review's forms */
void web_review_compile(struct request *req, struct response *resp);
void web_review_close(struct request *req, struct response *resp);
void web_review_attendees(struct request *req, struct response *resp);
void web_document_approve(struct request *req, struct response *resp);
void web_document_publish(struct request *req, struct response *resp);
void web_document_retire(struct request *req, struct response *resp);
void web_document_acknowledge(struct request *req, struct response *resp);
void web_document_from_template(struct request *req, struct response *resp);
void web_document_version(struct request *req, struct response *resp);
void web_document_diff(struct request *req, struct response *resp);
void web_document_acks(struct request *req, struct response *resp);
void web_group_create(struct request *req, struct response *resp);
void web_group(struct request *req, struct response *resp);
void web_group_update(struct request *req, struct response *resp);
void web_group_delete(struct request *req, struct response *resp);
void web_group_member_add(struct request *req, struct response *resp);
void web_group_member_remove(struct request *req, struct response *resp);
/* pages_scope.c: the ISMS scope statement, its edit form, approval, versions and their comparison */
void web_scope(struct request *req, struct response *resp);
void web_scope_edit(struct request *req, struct response *resp);
void web_scope_save(struct request *req, struct response *resp);
void web_scope_approve(struct request *req, struct response *resp);
void web_scope_version(struct request *req, struct response *resp);
void web_scope_compare(struct request *req, struct response *resp);
/* pages_raci.c: ISMS role holders and the RACI matrix */
void web_roles(struct request *req, struct response *resp);
void web_role_assign(struct request *req, struct response *resp);
void web_raci_form(struct request *req, struct response *resp);
void web_raci_save(struct request *req, struct response *resp);
/* pages_context.c: changes in issues and interested parties since a date */
void web_context_changes(struct request *req, struct response *resp);
/* pages_internal_audit.c: an audit's report; its checklist saved, a nonconformity raised from a
 * finding, the independence warning acknowledged */
void web_audit_report(struct request *req, struct response *resp);
void web_audit_checklist_save(struct request *req, struct response *resp);
void web_audit_raise_nc(struct request *req, struct response *resp);
void web_audit_acknowledge(struct request *req, struct response *resp);
/* pages_training.c: awareness training */
void web_training(struct request *req, struct response *resp);
void web_training_course(struct request *req, struct response *resp);
void web_training_attempt(struct request *req, struct response *resp);
void web_training_assign(struct request *req, struct response *resp);
void web_training_unassign(struct request *req, struct response *resp);
void web_training_quiz(struct request *req, struct response *resp);
void web_training_quiz_save(struct request *req, struct response *resp);
void web_training_report(struct request *req, struct response *resp);
void web_frameworks(struct request *req, struct response *resp);
void web_framework_install(struct request *req, struct response *resp);
void web_framework(struct request *req, struct response *resp);
void web_requirement(struct request *req, struct response *resp);
void web_requirement_assess(struct request *req, struct response *resp);
void web_requirement_control_add(struct request *req, struct response *resp);
void web_requirement_control_remove(struct request *req, struct response *resp);
void web_control_requirement_add(struct request *req, struct response *resp);
void web_risk_runs(struct request *req, struct response *resp);
void web_risk_run_create(struct request *req, struct response *resp);
void web_risk_run(struct request *req, struct response *resp);
void web_risk_run_compare(struct request *req, struct response *resp);
/* pages_risk.c: signing and revoking a risk's acceptance; pages_plan.c: the treatment plan */
/* pages_kpi.c: recording a KPI's measurement, measuring a computed KPI now */
void web_kpi_record(struct request *req, struct response *resp);
void web_kpi_measure(struct request *req, struct response *resp);
void web_risk_accept(struct request *req, struct response *resp);
void web_risk_accept_revoke(struct request *req, struct response *resp);
void web_risk_plan(struct request *req, struct response *resp);
/* pages_classification.c: the classification scheme and its form */
void web_classification(struct request *req, struct response *resp);
void web_classification_edit(struct request *req, struct response *resp);
void web_classification_save(struct request *req, struct response *resp);
/* pages_fw_import.c: importing a framework file (isms/fw_format.h) */
void web_fw_import_form(struct request *req, struct response *resp);
void web_fw_import(struct request *req, struct response *resp);

/* pages_home.c */
/* pages_oscal.c: an OSCAL document of a framework as a download */
void web_oscal_download(struct request *req, struct response *resp);

void web_home(struct request *req, struct response *resp);
/* pages_my_tasks.c: everything the caller owes */
void web_my_tasks(struct request *req, struct response *resp);

/* pages_entity.c: list, detail, archive */
void web_list(struct request *req, struct response *resp);
void web_detail(struct request *req, struct response *resp);
void web_archive(struct request *req, struct response *resp);

/* pages_links.c: adding and removing a record's links from its page */
void web_link_add(struct request *req, struct response *resp);
void web_link_remove(struct request *req, struct response *resp);

/* pages_form.c: the new and edit forms and their submission */
void web_new_form(struct request *req, struct response *resp);
void web_create(struct request *req, struct response *resp);
void web_edit_form(struct request *req, struct response *resp);
void web_update(struct request *req, struct response *resp);

/* pages_audit.c: the audit log and one entry of it */
void web_audit_list(struct request *req, struct response *resp);
void web_audit_entry(struct request *req, struct response *resp);

/* pages_soa.c: a framework's Statement of Applicability, one row's form,
 * approving, an approved version, the comparison of two */
void web_soa(struct request *req, struct response *resp);
void web_soa_row_form(struct request *req, struct response *resp);
void web_soa_row_save(struct request *req, struct response *resp);
void web_soa_approve(struct request *req, struct response *resp);
void web_soa_version(struct request *req, struct response *resp);
void web_soa_compare(struct request *req, struct response *resp);

/* static.c: GET /static/{name} from the embedded assets */
void web_static(struct request *req, struct response *resp);

/* layout.c: an HTML error page for e (status from e->status), for the
 * dispatcher to use instead of problem+json when it refuses an RF_WEB
 * route (403 role or CSRF, 404, 405, 413) so browsers see a page. */
void web_error_page(struct request *req, struct response *resp, const struct err *e);

#endif
