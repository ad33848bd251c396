/* cli: the command table of the isms binary. Each command is one row —
 * words, handler, options, one-line summary — and cli_main() parses the
 * options a row declares (refusing any other), prints help, and maps
 * results to exit codes: 0 ok, 1 runtime error, 2 usage error. */
#ifndef ISMS_CLI_H
#define ISMS_CLI_H
#include <jansson.h>
#include <stdint.h>

#include "isms/actor.h"

#define CLI_OK 0
#define CLI_FAIL 1
#define CLI_USAGE 2
#define CLI_MAX_OPTS 12
#define CLI_MAX_OPERANDS 64

struct cli_opt {
	const char *name;  /* "db" for --db */
	const char *arg;   /* "PATH"; NULL for a flag */
	const char *help;
	const char *def;   /* default value shown in help */
};

struct cli_args {
	const char *values[CLI_MAX_OPTS]; /* per option of the command; flags get "1" */
	const char *db;                   /* --db, ISMS_DB, or var/isms.db */
	const char *operand;              /* the command's operand (FILE), when it takes one */
	const char *operands[CLI_MAX_OPERANDS]; /* all of them, for an operand "FILE..." (the first is operand) */
	int n_operands;
};

struct cli_command {
	const char *words;    /* "init", "db migrate" */
	int (*run)(const struct cli_args *args);
	const char *summary;
	const char *description;
	struct cli_opt opts[CLI_MAX_OPTS]; /* --db and --help are implicit */
	const char *operand; /* "FILE": one required argument that is not an option ("FILE...": one or more);
			      * NULL: none */
	const char *type;    /* a generic record command's row for one type ("risk" in isms risk list); NULL: none */
};

int cli_main(int argc, char **argv);
/* The value of an option by name, or its default; NULL when neither. */
const char *cli_opt(const struct cli_args *args, const char *name);
/* The record type of the running command's row (struct cli_command.type), or NULL. */
const char *cli_row_type(void);

/* Who CLI commands act as unless told otherwise: the system, with every permission. */
extern const struct actor cli_actor;

struct store;
/* Opens the command's database (creating the file when create is set) and
 * checks its schema is current; prints the error and returns NULL. */
struct store *cli_store(const struct cli_args *a, int create);
/* Prints e as "isms: message" plus its field messages; returns CLI_FAIL. */
struct err;
int cli_fail(const struct err *e);
/* A JSON file given by an option ('-': standard input); NULL after saying
 * why on stderr. */
json_t *cli_load_json(const char *path);
struct arena;
struct entity;
/* The user with that e-mail as an actor (strings in a), refusing a disabled
 * one; 404 when there is none; email NULL: the system (cli_actor). For --as
 * and --by. */
int cli_actor_as(struct store *s, const char *email, struct arena *a, struct actor *out, struct err *e);
/* The command's actor: the user of --as (cli_actor_as), else the system. */
int cli_actor_opt(const struct cli_args *a, struct store *s, struct arena *ar, struct actor *who, struct err *e);
/* A record type by singular or plural name; NULL after naming the types
 * on stderr, prefixed by "isms CMD: ". */
const struct entity *cli_entity(const char *cmd, const char *type);
/* Reads a list's query string ("status=open&sort=-title") as the API reads
 * its URL's, parameter by parameter through list_params_take. */
struct list_params;
int cli_read_query(const char *query, struct list_params *lp);
/* "audit log intact: N entries verified", for verify and restore. */
void cli_print_audit_intact(int64_t entries);

/* commands */
int cmd_init(const struct cli_args *a);
int cmd_db_migrate(const struct cli_args *a);
int cmd_serve(const struct cli_args *a);
int cmd_user_add(const struct cli_args *a);
int cmd_token_create(const struct cli_args *a);
int cmd_user_list(const struct cli_args *a);
int cmd_user_set_role(const struct cli_args *a);
int cmd_user_disable(const struct cli_args *a);
int cmd_user_enable(const struct cli_args *a);
int cmd_user_reset_password(const struct cli_args *a);
int cmd_user_reset_mfa(const struct cli_args *a);
int cmd_audit_verify(const struct cli_args *a);
int cmd_settings_list(const struct cli_args *a);
int cmd_settings_set(const struct cli_args *a);
int cmd_routes(const struct cli_args *a);
int cmd_bench_seed(const struct cli_args *a);
int cmd_risk_method_show(const struct cli_args *a);
int cmd_risk_method_set(const struct cli_args *a);
int cmd_risk_history(const struct cli_args *a);
int cmd_group_list(const struct cli_args *a);
/* cmd_document.c */
int cmd_document_templates(const struct cli_args *a);
int cmd_document_new(const struct cli_args *a);
int cmd_document_submit(const struct cli_args *a);
int cmd_document_approve(const struct cli_args *a);
int cmd_document_publish(const struct cli_args *a);
int cmd_document_retire(const struct cli_args *a);
int cmd_document_acknowledge(const struct cli_args *a);
int cmd_document_versions(const struct cli_args *a);
int cmd_document_diff(const struct cli_args *a);
int cmd_document_acks(const struct cli_args *a);
int cmd_document_to_read(const struct cli_args *a);
int cmd_group_add(const struct cli_args *a);
int cmd_group_show(const struct cli_args *a);
int cmd_group_member_add(const struct cli_args *a);
int cmd_group_member_remove(const struct cli_args *a);
int cmd_training_list(const struct cli_args *a);
int cmd_training_quiz(const struct cli_args *a);
int cmd_training_assign(const struct cli_args *a);
int cmd_training_report(const struct cli_args *a);
int cmd_training_due(const struct cli_args *a);
int cmd_kpi_measure(const struct cli_args *a);
int cmd_kpi_record(const struct cli_args *a);
int cmd_kpi_status(const struct cli_args *a);
int cmd_internal_audit_checklist(const struct cli_args *a);
int cmd_internal_audit_result(const struct cli_args *a);
int cmd_internal_audit_raise_nc(const struct cli_args *a);
int cmd_internal_audit_report(const struct cli_args *a);
int cmd_internal_audit_schedule(const struct cli_args *a);
int cmd_internal_audit_upcoming(const struct cli_args *a);
int cmd_internal_audit_results(const struct cli_args *a);
int cmd_framework_library(const struct cli_args *a);
int cmd_framework_install(const struct cli_args *a);
int cmd_framework_list(const struct cli_args *a);
int cmd_framework_show(const struct cli_args *a);
int cmd_framework_requirement(const struct cli_args *a);
int cmd_gap_set(const struct cli_args *a);
int cmd_control_link(const struct cli_args *a);
int cmd_control_unlink(const struct cli_args *a);
int cmd_control_requirements(const struct cli_args *a);
int cmd_risk_run_create(const struct cli_args *a);
int cmd_risk_run_list(const struct cli_args *a);
int cmd_risk_run_show(const struct cli_args *a);
int cmd_risk_run_compare(const struct cli_args *a);
int cmd_risk_accept(const struct cli_args *a);
int cmd_risk_plan(const struct cli_args *a);
int cmd_housekeeping_run(const struct cli_args *a);
int cmd_link_list(const struct cli_args *a);
int cmd_link_add(const struct cli_args *a);
int cmd_link_remove(const struct cli_args *a);
int cmd_asset_needs(const struct cli_args *a);
int cmd_classification_list(const struct cli_args *a);
int cmd_classification_show(const struct cli_args *a);
int cmd_classification_set(const struct cli_args *a);
int cmd_threat_list(const struct cli_args *a);
int cmd_vulnerability_list(const struct cli_args *a);
int cmd_backup(const struct cli_args *a);
int cmd_risk_heatmap(const struct cli_args *a);
int cmd_export(const struct cli_args *a);
int cmd_restore(const struct cli_args *a);
int cmd_soa_show(const struct cli_args *a);
int cmd_soa_set(const struct cli_args *a);
int cmd_soa_approve(const struct cli_args *a);
int cmd_soa_versions(const struct cli_args *a);
int cmd_soa_compare(const struct cli_args *a);
int cmd_record_list(const struct cli_args *a);
int cmd_record_show(const struct cli_args *a);
int cmd_record_add(const struct cli_args *a);
int cmd_record_set(const struct cli_args *a);
int cmd_record_archive(const struct cli_args *a);
int cmd_task_list(const struct cli_args *a);
int cmd_import(const struct cli_args *a);
int cmd_scope_show(const struct cli_args *a);
int cmd_scope_set(const struct cli_args *a);
int cmd_scope_approve(const struct cli_args *a);
int cmd_scope_versions(const struct cli_args *a);
int cmd_roles_show(const struct cli_args *a);
int cmd_roles_assign(const struct cli_args *a);
int cmd_raci_set(const struct cli_args *a);
int cmd_context_changes(const struct cli_args *a);
/* cmd_review.c */
int cmd_review_show(const struct cli_args *a);
int cmd_review_compile(const struct cli_args *a);
int cmd_review_close(const struct cli_args *a);
int cmd_review_attendees(const struct cli_args *a);

#endif
