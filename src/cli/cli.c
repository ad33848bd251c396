#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "cli/cmd_record.h"

#define DEFAULT_DB "var/isms.db"

static const struct cli_command commands[] = {
	{ "init", cmd_init, "create the database and the first administrator",
	  "Creates the SQLite database (and its folder), applies the schema and creates the first\n"
	  "administrator. The password comes from ISMS_ADMIN_PASSWORD when set; otherwise a one-time\n"
	  "password is generated, printed once, and must be changed at first login.",
	  { { "admin-email", "EMAIL", "e-mail of the first administrator", "admin@example.org" },
	    { "admin-name", "NAME", "name of the first administrator", "Administrator" } } },
	{ "serve", cmd_serve, "serve the web UI and the JSON API",
	  "Serves http on the given address until SIGINT or SIGTERM, then finishes the requests in\n"
	  "flight and closes the database. Prints 'listening on URL' once ready; port 0 picks a free one.",
	  { { "listen", "ADDR:PORT", "address to listen on", "127.0.0.1:8080" },
	    { "threads", "N", "worker threads (0 = one per core)", "0" },
	    { "quiet", NULL, "no access log", NULL } } },
	{ "db migrate", cmd_db_migrate, "apply pending schema migrations",
	  "Applies every migration the database does not have yet, each in its own transaction.\n"
	  "Safe to run again: an up-to-date database is left as it is. With --to, only those numbered\n"
	  "up to N (to stage an upgrade), also into a new, empty database.",
	  { { "to", "N", "apply the pending migrations numbered up to N only", NULL } } },
	{ "user add", cmd_user_add, "add a user",
	  "Adds a user. The password comes from ISMS_PASSWORD when set; otherwise a one-time password\n"
	  "is generated and printed, to be changed at first login. Roles: employee, auditor, owner,\n"
	  "isms_manager, admin.",
	  { { "email", "EMAIL", "e-mail address (the login name)", NULL },
	    { "name", "NAME", "full name", NULL },
	    { "role", "ROLE", "role of the user", "employee" } } },
	{ "user list", cmd_user_list, "list users with their role and state",
	  "Prints every user, one a line: id, e-mail, name, role and state (active, disabled,\n"
	  "must-change-password), separated by tabs.", { { 0 } } },
	{ "user set-role", cmd_user_set_role, "change a user's role",
	  "Gives a user another role (employee, auditor, owner, isms_manager, admin). The change is\n"
	  "audited with the role before and after. The last enabled administrator cannot be demoted.",
	  { { "email", "EMAIL", "the user", NULL },
	    { "role", "ROLE", "the new role", NULL } } },
	{ "user disable", cmd_user_disable, "disable a user at once",
	  "Disables a user: their sessions end and their API tokens are revoked at once, and they can\n"
	  "no longer log in. The last enabled administrator cannot be disabled.",
	  { { "email", "EMAIL", "the user", NULL } } },
	{ "user enable", cmd_user_enable, "enable a disabled user again",
	  "Lets a disabled user log in again. Revoked API tokens stay revoked.",
	  { { "email", "EMAIL", "the user", NULL } } },
	{ "user reset-password", cmd_user_reset_password, "give a user a new one-time password",
	  "Generates a one-time password, prints it once, ends all of the user's sessions, and makes\n"
	  "them choose their own password at next login.",
	  { { "email", "EMAIL", "the user", NULL } } },
	{ "user reset-mfa", cmd_user_reset_mfa, "turn off a user's two-factor authentication",
	  "For a user who lost their authenticator device and their recovery codes: removes their\n"
	  "second factor (and any set-up in progress) and their recovery codes. They log in with the\n"
	  "password alone and can set up a new device; when the organisation requires a second\n"
	  "factor, they must do so before anything else. Sessions stay as they are. Audited.",
	  { { "email", "EMAIL", "the user", NULL } } },
	{ "token create", cmd_token_create, "create an API token and print it",
	  "Creates an API token for a user and prints it on standard output, once; it is stored\n"
	  "hashed. Send it as 'Authorization: Bearer TOKEN'.",
	  { { "user", "EMAIL", "the user the token acts as", NULL },
	    { "name", "NAME", "what the token is for", "cli" },
	    { "days", "N", "lifetime in days (0 = no expiry)", "90" } } },
	{ "settings list", cmd_settings_list, "show the organisation-wide settings",
	  "Prints every setting, one a line: key, current value and label, separated by tabs.", { { 0 } } },
	{ "settings set", cmd_settings_set, "change an organisation-wide setting",
	  "Sets one setting (see 'isms settings list' for the keys). Integers must lie in the\n"
	  "setting's range; switches take true or false. The change is audited and every node sees it.",
	  { { "key", "KEY", "the setting", NULL },
	    { "value", "VALUE", "its new value", NULL } } },
	{ "risk method show", cmd_risk_method_show, "print the current risk method as JSON",
	  "Prints the current version of the risk method: scales, levels, matrix, appetite, with its\n"
	  "version number, when and by whom it was saved. --version N prints an earlier version.",
	  { { "version", "N", "a version number (default: the current one)", NULL } } },
	{ "risk method set", cmd_risk_method_set, "save a new version of the risk method",
	  "Reads a method as JSON (the shape 'isms risk method show' prints; id and created_* are\n"
	  "ignored) and saves it as a new version, audited. A method with problems is refused,\n"
	  "each problem named by its field, and nothing changes.",
	  { { "file", "PATH", "the method as JSON ('-' for standard input)", NULL } } },
	{ "risk heatmap", cmd_risk_heatmap, "print the risk heat map as SVG, JSON or CSV",
	  "Counts the live risks in each likelihood x impact cell of the current risk method, before\n"
	  "treatment or, with --residual, after it. SVG is the picture shown on the web pages, as a\n"
	  "file of its own; JSON and CSV give each cell's values, level and count. Risks with a value\n"
	  "the current scales do not have, and unscored ones, are counted apart (JSON: off_scale,\n"
	  "unscored).",
	  { { "residual", NULL, "after treatment (default: before)", NULL },
	    { "format", "FORMAT", "svg, json or csv", NULL },
	    { "out", "FILE", "write to FILE instead of standard output", NULL } } },
	{ "export", cmd_export, "export a register as CSV, or the ISMS as OSCAL JSON",
	  "Writes every record of a type as CSV (UTF-8, a header row of field names, references also by\n"
	  "title). --query takes the filters of the API's list as a query string, e.g.\n"
	  "'status=open&q=server&sort=-inherent_score'; archived records only with archived=true.\n"
	  "Text that a spreadsheet would run as a formula is prefixed with an apostrophe.\n"
	  "With --oscal it writes an OSCAL 1.1.2 JSON document instead: a framework as a catalog, the\n"
	  "ISMS as a system security plan (ssp) or its gap analysis as assessment-results, each of the\n"
	  "framework given by --framework (its id or URN), or the open treatment actions as a poam.",
	  { { "type", "TYPE", "the record type (assets, risks, controls, ...)", NULL },
	    { "format", "FORMAT", "csv", "csv" },
	    { "query", "QUERY", "filters, search and sort, as in GET /api/v1/TYPE", NULL },
	    { "out", "FILE", "write to FILE instead of standard output", NULL },
	    { "oscal", "DOC", "catalog, ssp, assessment-results or poam", NULL },
	    { "framework", "ID", "with --oscal: the framework's id or URN", NULL } } },
	{ "risk history", cmd_risk_history, "print a risk's assessed values after each change, as JSON",
	  "Prints how a risk's assessment changed: likelihood, impact, score and level (inherent and\n"
	  "residual), treatment, status and method version after each change, oldest first, with when\n"
	  "and who. Read from the audit log; changes of other fields are left out.",
	  { { "id", "N", "the risk", NULL } } },
	{ "risk run create", cmd_risk_run_create, "freeze the risk register as an assessment run",
	  "Copies every live risk (not archived) with its scores, levels, treatment, status, owner and\n"
	  "asset into a new assessment run, in one audited transaction. Runs never change afterwards.",
	  { { "note", "TEXT", "what the run is for (one line, at most 500 characters)", NULL } } },
	{ "risk run list", cmd_risk_run_list, "list the assessment runs",
	  "Prints the runs, newest first, one a line: id, when, by whom, number of risks and note,\n"
	  "separated by tabs.", { { 0 } } },
	{ "risk run show", cmd_risk_run_show, "print one assessment run as JSON",
	  "Prints a run with its risks and the number of risks at each level, inherent and residual.",
	  { { "id", "N", "the run", NULL } } },
	{ "risk run compare", cmd_risk_run_compare, "compare two assessment runs, as JSON",
	  "Prints what changed from one run to another: new risks, risks closed or archived, risks\n"
	  "whose inherent or residual level went up or down, and how many stayed where they were.",
	  { { "from", "N", "the earlier run", NULL },
	    { "to", "N", "the later run", NULL } } },
	{ "risk accept", cmd_risk_accept, "sign an acceptance of a risk above the appetite",
	  "Records that a user accepts a risk as it is scored now, until an expiry date. The signer\n"
	  "must be the risk's owner or hold the role of the setting risk_acceptance_role or above.\n"
	  "A risk above the risk appetite can be closed, accepted or retained only while such an\n"
	  "acceptance is valid. Audited as the signer.",
	  { { "id", "N", "the risk", NULL },
	    { "by", "EMAIL", "who signs", NULL },
	    { "rationale", "TEXT", "why the organisation accepts the risk", NULL },
	    { "expires", "YYYY-MM-DD", "the day it ends: after today, at most 36 months ahead", NULL } } },
	{ "risk plan", cmd_risk_plan, "print the risk treatment plan",
	  "Prints the risks being treated (modify, share or avoid, not closed), those with overdue\n"
	  "actions first, each with its actions (tasks): status, owner, due date, OVERDUE when late.\n"
	  "The first line gives the totals.", { { 0 } } },
	{ "housekeeping run", cmd_housekeeping_run, "run the periodic jobs once",
	  "Runs once what the server runs every minute: expired risk acceptances are stamped, their\n"
	  "risks go back to 'assessed' and their owners get a task to review them. Safe to run at\n"
	  "any time and on several nodes: nothing is done twice. Prints one line per job.", { { 0 } } },
	{ "link list", cmd_link_list, "list the links of a record, both directions",
	  "Prints every link of a record, one a line: direction (outgoing or incoming), kind, label,\n"
	  "type and id of the other record, its title, the relation (or -), then 'primary' or\n"
	  "'archived' where they apply, separated by tabs.",
	  { { "type", "TYPE", "the record's type (asset, risk, ...)", NULL },
	    { "id", "N", "the record's id", NULL } } },
	{ "link add", cmd_link_add, "link a record to another",
	  "Adds a link of a kind the record's type has (asset: depends_on; risk: assets, controls).\n"
	  "The target must be a live record of the kind's type; links that are already there, link a\n"
	  "record to itself or close a circle of dependencies are refused. Audited; an asset's\n"
	  "effective protection needs follow at once.",
	  { { "type", "TYPE", "the record's type", NULL },
	    { "id", "N", "the record's id", NULL },
	    { "kind", "KIND", "the kind of link", NULL },
	    { "to", "N", "the id of the record to link to", NULL },
	    { "relation", "VALUE", "the link's relation, for kinds that have one (controls: existing, planned)",
	      NULL } } },
	{ "link remove", cmd_link_remove, "remove a link between two records",
	  "Removes a link. A risk's link to its primary asset (its Asset field) stays while the field\n"
	  "names it. Audited; an asset's effective protection needs follow at once.",
	  { { "type", "TYPE", "the record's type", NULL },
	    { "id", "N", "the record's id", NULL },
	    { "kind", "KIND", "the kind of link", NULL },
	    { "to", "N", "the id of the linked record", NULL } } },
	{ "asset needs", cmd_asset_needs, "show an asset's own and effective protection needs",
	  "Prints confidentiality, integrity, availability and classification, one a line: own value,\n"
	  "effective value (the highest of its own and those of every asset depending on it), and the\n"
	  "assets that raise it ('own' when none do), separated by tabs.",
	  { { "id", "N", "the asset's id", NULL } } },
	{ "classification list", cmd_classification_list, "list the levels of the classification scheme",
	  "Prints each level of the classification scheme, least sensitive first, one a line: rank,\n"
	  "key, label and colour, separated by tabs. 'isms classification show' adds the handling rules.",
	  { { 0 } } },
	{ "classification show", cmd_classification_show, "print the classification scheme as JSON",
	  "Prints the whole classification scheme, with each level's handling rules, as JSON: the shape\n"
	  "'isms classification set' reads.", { { 0 } } },
	{ "classification set", cmd_classification_set, "replace the classification scheme",
	  "Reads a scheme as JSON ({\"levels\": [{\"key\", \"label\", \"rank\", \"colour\", \"handling\"}]})\n"
	  "and saves it, audited. A scheme with problems is refused, each problem named by its field;\n"
	  "so is one that drops a level still used by an asset or a document. Nothing changes then.",
	  { { "file", "PATH", "the scheme as JSON ('-' for standard input)", NULL } } },
	{ "document templates", cmd_document_templates, "list the starter documents",
	  "Prints each template isms ships, one a line: key, type and title, separated by tabs. Each is a\n"
	  "Markdown skeleton in our own words, with [placeholders] and guidance to adapt.",
	  { { 0 } } },
	{ "document new", cmd_document_new, "create a draft document from a template",
	  "Creates a draft (version 1) from the template KEY (see isms document templates), audited.",
	  { { "template", "KEY", "the template", NULL },
	    { "title", "TEXT", "the title (default: the template's)", NULL },
	    { "owner", "EMAIL", "the document's owner", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "document submit", cmd_document_submit, "submit a draft document for review",
	  "Moves the working version from draft to in review, audited.", { { "id", "N", "the document", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "document approve", cmd_document_approve, "approve a document version in review",
	  "Approves the version in review, audited. Whoever wrote or submitted it may not approve it.",
	  { { "id", "N", "the document", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "document publish", cmd_document_publish, "publish an approved document version",
	  "Publishes the approved version (a version not approved is refused) and asks its audience to\n"
	  "acknowledge it. --everyone, --roles and --groups replace the stored audience.",
	  { { "id", "N", "the document", NULL }, { "everyone", NULL, "everyone is asked to acknowledge it", NULL },
	    { "roles", "LIST", "roles asked, such as employee,owner", NULL },
	    { "groups", "LIST", "group ids asked, such as 3,5", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "document retire", cmd_document_retire, "retire a document",
	  "Withdraws the document, audited; nobody is asked to read it any more.", { { "id", "N", "the document", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "document acknowledge", cmd_document_acknowledge, "acknowledge a published document",
	  "Records that the person named by --as has read and accepts the published version, audited.\n"
	  "Refused for an older version, a person outside the audience, or a second time.",
	  { { "id", "N", "the document", NULL }, { "version", "N", "the version read (default: the published one)", NULL },
	    { "as", "EMAIL", "the person who read it", NULL } } },
	{ "document versions", cmd_document_versions, "list a document's versions",
	  "Prints each version, newest first: number, label, state, publication time and change note.",
	  { { "id", "N", "the document", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "document diff", cmd_document_diff, "compare two versions of a document",
	  "Prints the line diff of two versions' Markdown: ' ' kept, '-' removed, '+' added.",
	  { { "id", "N", "the document", NULL }, { "from", "N", "the older version (default: the one before --to)", NULL },
	    { "to", "N", "the newer version (default: the latest)", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "document acknowledgements", cmd_document_acks, "who has acknowledged a document",
	  "Prints the published version's count and percentage, then each person asked: e-mail, name,\n"
	  "and when they acknowledged (or not yet).", { { "id", "N", "the document", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "document to-read", cmd_document_to_read, "the documents a person has to acknowledge",
	  "Prints each published document waiting for the person's acknowledgement: id, version, label, title.",
	  { { "as", "EMAIL", "the person", NULL } } },
	{ "group list", cmd_group_list, "list the user groups",
	  "Prints each group, one a line: id, name, number of members and description, separated by tabs.",
	  { { 0 } } },
	{ "group add", cmd_group_add, "create a user group",
	  "Creates a group, audited. Names are unique regardless of case.",
	  { { "name", "NAME", "the group's name", NULL },
	    { "description", "TEXT", "what the group is", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "group show", cmd_group_show, "list a group's members",
	  "Prints the group's name and member count, then each member, one a line: id, e-mail, name.",
	  { { "id", "N", "the group", NULL } } },
	{ "group member add", cmd_group_member_add, "add a person to a group",
	  "Adds the user with that e-mail to the group, audited.",
	  { { "id", "N", "the group", NULL },
	    { "user", "EMAIL", "the person", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "group member remove", cmd_group_member_remove, "remove a person from a group",
	  "Removes the user with that e-mail from the group, audited.",
	  { { "id", "N", "the group", NULL },
	    { "user", "EMAIL", "the person", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "review list", cmd_record_list, "list management reviews", RECORD_LIST_HELP, { RECORD_LIST_OPTS }, NULL,
	  "review" },
	{ "review create", cmd_record_add, "create a management review, compiling its inputs",
	  "Creates a management review from a JSON object ({\"title\", \"review_date\", \"chair\", ...}) and\n"
	  "compiles its inputs from the data as of today, frozen in the review. Prints the review.\n"
	  "Audited.\n" RECORD_WHO,
	  { RECORD_ADD_OPTS }, NULL, "review" },
	{ "review set", cmd_record_set, "change fields of a management review (minutes, decisions, status)",
	  RECORD_SET_HELP, { RECORD_SET_OPTS }, NULL, "review" },
	{ "review show", cmd_review_show, "print a management review's report",
	  "Prints the review, its attendees, its frozen inputs section by section and the actions it\n"
	  "decided; with --format json, the API's report (GET /api/v1/reviews/ID/report).",
	  { RECORD_SHOW_OPTS } },
	{ "review compile", cmd_review_compile, "compile a draft review's inputs again",
	  "Compiles the inputs of a draft review again from today's data. Once a review is held its\n"
	  "inputs are frozen and this is refused. Audited.",
	  { RECORD_OPT_ID, RECORD_OPT_AS } },
	{ "review close", cmd_review_close, "close a management review",
	  "Closes the review. Refused, and nothing changes, while it has neither decisions nor actions\n"
	  "(tasks naming it). A closed review no longer changes. Audited.",
	  { RECORD_OPT_ID, RECORD_OPT_AS } },
	{ "review attendees", cmd_review_attendees, "say who attended a management review",
	  "Replaces the review's attendees with the users of --users (e-mails separated by commas; ''\n"
	  "for nobody). People from outside go in the review's external_attendees field. Audited.",
	  { RECORD_OPT_ID, { "users", "EMAILS", "the attendees' e-mails, separated by commas", NULL }, RECORD_OPT_AS } },
	{ "supplier list", cmd_record_list, "list suppliers", RECORD_LIST_HELP, { RECORD_LIST_OPTS }, NULL, "supplier" },
	{ "supplier assess", cmd_record_add, "record a supplier assessment",
	  "Records an assessment from a JSON object ({\"supplier\", \"assessed_on\", \"result\", \"score\",\n"
	  "\"findings\", \"next_assessment\"}); the supplier's last and next assessment and last result\n"
	  "follow in the same transaction. Audited.\n" RECORD_WHO,
	  { RECORD_ADD_OPTS }, NULL, "supplier_assessment" },
	{ "training list", cmd_training_list, "list the courses with their figures",
	  "Prints each course, one a line: id, title, status, how many people must take it, have a valid\n"
	  "pass and are overdue, then the completion rate, the pass rate of the attempts and the average\n"
	  "score, separated by tabs.",
	  { { 0 } } },
	{ "training add", cmd_record_add, "create a course", RECORD_ADD_HELP, { RECORD_ADD_OPTS }, NULL, "course" },
	{ "training quiz", cmd_training_quiz, "replace a course's quiz",
	  "Reads the quiz as the API takes it, {\"questions\": [{\"text\", \"choices\": [{\"text\",\n"
	  "\"correct\"}]}]}: 1 to 20 questions of 2 to 6 choices, at least one correct. Replaces the quiz\n"
	  "whole, audited; earlier attempts keep what they answered. A quiz with problems is refused,\n"
	  "each named, and nothing changes.",
	  { { "id", "N", "the course", NULL },
	    { "file", "PATH", "the quiz as JSON ('-' for standard input)", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "training assign", cmd_training_assign, "say who must take a course, and by when",
	  "Assigns the course to one person (--to user --user EMAIL), a group (--to group --group ID),\n"
	  "everyone (--to everyone) or every person created from now on (--to new_joiners), due on a\n"
	  "date (--due) or a number of days after the person came under the assignment (--due-days).\n"
	  "Audited.",
	  { { "id", "N", "the course", NULL },
	    { "to", "AUDIENCE", "user, group, everyone or new_joiners", NULL },
	    { "user", "EMAIL", "the person (--to user)", NULL },
	    { "group", "ID", "the group (--to group)", NULL },
	    { "due", "DATE", "the due date, YYYY-MM-DD", NULL },
	    { "due-days", "N", "or the days people have", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "training report", cmd_training_report, "a course's figures and where each person stands",
	  "Prints the course's figures (assigned, completed, overdue, attempts, passes, completion rate,\n"
	  "pass rate, average score), then each person who must take it: e-mail, status (due, overdue,\n"
	  "completed), due date, latest pass and attempts. With --format json, the API's report.",
	  { { "id", "N", "the course", NULL }, { "format", "FORMAT", "table or json", "table" } } },
	{ "training due", cmd_training_due, "the courses a person must still take",
	  "Prints each course the person must take and has no valid pass of, soonest first: id, title,\n"
	  "status (due or overdue) and due date.",
	  { { "user", "EMAIL", "the person", NULL } } },
	{ "kpi list", cmd_record_list, "list KPIs", RECORD_LIST_HELP, { RECORD_LIST_OPTS }, NULL, "kpi" },
	{ "kpi measure", cmd_kpi_measure, "measure a computed KPI now",
	  "Computes the KPI's value with its formula and stores it as this period's measurement (replacing a\n"
	  "computed one of the same period), audited. Prints the measurement: period, date, value, source,\n"
	  "note. A KPI measured by hand, or a formula with nothing to compute from yet, is refused.",
	  { { "id", "N", "the KPI", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "kpi record", cmd_kpi_record, "record a measurement of a KPI measured by hand",
	  "Records the value of a manual KPI for the period of the date (today when left out), audited.\n"
	  "Refused, changing nothing: a date in the future, a period that already has a measurement, a\n"
	  "value that is not a number or not one of the KPI's unit (a percentage outside 0 to 100, a\n"
	  "negative count, hours or days).",
	  { { "id", "N", "the KPI", NULL },
	    { "value", "V", "the value measured", NULL },
	    { "date", "DATE", "the day measured, YYYY-MM-DD (default: today)", NULL },
	    { "note", "TEXT", "what explains the figure", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "kpi status", cmd_kpi_status, "every KPI against its target",
	  "Prints each live KPI, one a line: id, status (on_target, warning, critical, no_data), latest\n"
	  "value, target, unit and name, then the count per status. With --format json, the API's list.",
	  { { "objective", "N", "only the KPIs of this objective", NULL },
	    { "format", "FORMAT", "table or json", "table" } } },
	{ "internal-audit list", cmd_record_list, "list internal audits", RECORD_LIST_HELP, { RECORD_LIST_OPTS }, NULL,
	  "internal_audit" },
	{ "internal-audit show", cmd_record_show, "print one internal audit", RECORD_SHOW_HELP, { RECORD_SHOW_OPTS },
	  NULL, "internal_audit" },
	{ "internal-audit add", cmd_record_add, "plan an internal audit", RECORD_ADD_HELP, { RECORD_ADD_OPTS }, NULL,
	  "internal_audit" },
	{ "internal-audit set", cmd_record_set, "change fields of an internal audit", RECORD_SET_HELP,
	  { RECORD_SET_OPTS }, NULL, "internal_audit" },
	{ "internal-audit checklist", cmd_internal_audit_checklist, "print an audit's checklist",
	  "Prints each item of the audit's checklist, one a line: item id, ref id, result, the id of the\n"
	  "nonconformity raised from it (or -) and the requirement's title, separated by tabs.",
	  { { "id", "N", "the audit", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "internal-audit result", cmd_internal_audit_result, "record a checklist item's result",
	  "Sets the result (conforming, minor_nc, major_nc, observation, opportunity_for_improvement,\n"
	  "not_checked), evidence or notes of one item, audited. Only the audit team and ISMS managers may,\n"
	  "and only while the audit is in progress.",
	  { { "id", "N", "the audit", NULL },
	    { "item", "N", "the checklist item (see isms internal-audit checklist)", NULL },
	    { "result", "RESULT", "the result", NULL },
	    { "evidence", "TEXT", "what was seen", NULL },
	    { "notes", "TEXT", "the finding in words", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "internal-audit raise-nc", cmd_internal_audit_raise_nc, "raise the nonconformity of a finding",
	  "Raises the nonconformity of a minor or major NC item (source audit finding, owned by the\n"
	  "area's owner) and prints its id; for an item that raised one already, prints that one.",
	  { { "id", "N", "the audit", NULL },
	    { "item", "N", "the checklist item", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "internal-audit report", cmd_internal_audit_report, "an audit's report",
	  "Prints the audit, its criteria, the count of items per result, the total, the nonconformities\n"
	  "raised and each finding with its nonconformity. With --format json, the API's report.",
	  { { "id", "N", "the audit", NULL }, { "format", "FORMAT", "table or json", "table" },
	    { "as", "EMAIL", "read as this user; default: the system", NULL } } },
	{ "internal-audit schedule", cmd_internal_audit_schedule, "an audit programme's schedule",
	  "Prints each area with each audit of the programme planned in it: area, first day of the\n"
	  "quarter, then the audit's id, title and status; an area without one says so.",
	  { { "id", "N", "the audit programme", NULL },
	    { "as", "EMAIL", "read as this user; default: the system", NULL } } },
	{ "internal-audit upcoming", cmd_internal_audit_upcoming, "audits planned to start soon",
	  "Prints the audits still planned that start within the days given (late ones too): id, planned\n"
	  "start, area, title, lead auditor, and 'late' when the start has passed.",
	  { { "days", "N", "how far ahead to look", "30" } } },
	{ "internal-audit results", cmd_internal_audit_results, "audit results since a date",
	  "Prints, as JSON, the audits reported or closed since the date, their items by result and the\n"
	  "nonconformities raised: the figures of the management review.",
	  { { "since", "DATE", "the first day, YYYY-MM-DD", NULL } } },
	{ "framework library", cmd_framework_library, "list the built-in frameworks and mappings",
	  "Prints each framework and mapping built into isms, one a line: key, kind (framework or\n"
	  "mapping), installed or available, and title, separated by tabs.", { { 0 } } },
	{ "framework install", cmd_framework_install, "install a built-in framework or mapping",
	  "Installs one entry of the built-in library by its key (see 'isms framework library'), in one\n"
	  "audited transaction. A mapping brings the frameworks it joins when they are not installed.",
	  { { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } }, "KEY" },
	{ "framework list", cmd_framework_list, "list the installed frameworks",
	  "Prints each installed framework, one a line: id, short name, number of requirements, how\n"
	  "complete its gap analysis is, and name, separated by tabs.", { { 0 } } },
	{ "framework show", cmd_framework_show, "print a framework's requirements and gap status as JSON",
	  "Prints the framework's gap analysis as JSON: the figures overall and per section, and every\n"
	  "requirement in document order with its own status, the status that counts and where that\n"
	  "comes from (assessment, SoA, controls, or a mapping to another framework).",
	  { { "id", "N", "the framework", NULL } } },
	{ "framework requirement", cmd_framework_requirement, "print one requirement as JSON",
	  "Prints a requirement with its guidance, attributes, assessment, linked controls and the\n"
	  "requirements of other frameworks it maps to.",
	  { { "requirement", "N", "the requirement's id", NULL },
	    { "framework", "N", "or: the framework's id ...", NULL },
	    { "ref", "REF", "... and the requirement's reference, e.g. A.5.1", NULL } } },
	{ "gap set", cmd_gap_set, "record the gap analysis of one requirement",
	  "Records a requirement's status with evidence and notes, audited. Statuses: not_assessed,\n"
	  "not_met, partial, met, not_applicable. Grouping nodes cannot be assessed.",
	  { { "requirement", "N", "the requirement's id", NULL },
	    { "framework", "N", "or: the framework's id ...", NULL },
	    { "ref", "REF", "... and the requirement's reference, e.g. A.5.1", NULL },
	    { "status", "STATUS", "the status", NULL },
	    { "evidence", "TEXT", "where the proof is", NULL },
	    { "notes", "TEXT", "notes", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "control link", cmd_control_link, "record that a control meets a requirement",
	  "Links one of your controls to a requirement of a framework, audited on the control. Through\n"
	  "the mappings between frameworks it also counts toward the requirements mapped to that one.",
	  { { "id", "N", "the control's id", NULL },
	    { "requirement", "N", "the requirement's id", NULL },
	    { "framework", "N", "or: the framework's id ...", NULL },
	    { "ref", "REF", "... and the requirement's reference, e.g. A.8.5", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "control unlink", cmd_control_unlink, "remove a control's link to a requirement",
	  "Removes the link between a control and a requirement, audited on the control.",
	  { { "id", "N", "the control's id", NULL },
	    { "requirement", "N", "the requirement's id", NULL },
	    { "framework", "N", "or: the framework's id ...", NULL },
	    { "ref", "REF", "... and the requirement's reference", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "control requirements", cmd_control_requirements, "list the requirements a control meets",
	  "Prints each requirement the control is linked to, one a line: id, framework, reference and\n"
	  "title, separated by tabs.", { { "id", "N", "the control's id", NULL } } },
	{ "threat list", cmd_threat_list, "list the threat catalogue",
	  "Prints every live threat, one a line: id, name, family, then confidentiality, integrity\n"
	  "and availability when the threat affects them ('-' when not), separated by tabs.", { { 0 } } },
	{ "vulnerability list", cmd_vulnerability_list, "list the vulnerability catalogue",
	  "Prints every live vulnerability, one a line: id, name and category, separated by tabs.", { { 0 } } },
	{ "record list", cmd_record_list, "list the records of a type", RECORD_LIST_HELP,
	  { RECORD_OPT_TYPE, RECORD_LIST_OPTS } },
	{ "record show", cmd_record_show, "print one record", RECORD_SHOW_HELP, { RECORD_OPT_TYPE, RECORD_SHOW_OPTS } },
	{ "record add", cmd_record_add, "create a record", RECORD_ADD_HELP, { RECORD_OPT_TYPE, RECORD_ADD_OPTS } },
	{ "record set", cmd_record_set, "change fields of a record", RECORD_SET_HELP,
	  { RECORD_OPT_TYPE, RECORD_SET_OPTS } },
	{ "record archive", cmd_record_archive, "archive a record", RECORD_ARCHIVE_HELP,
	  { RECORD_OPT_TYPE, RECORD_ARCHIVE_OPTS } },
	{ "asset list", cmd_record_list, "list assets", RECORD_LIST_HELP, { RECORD_LIST_OPTS }, NULL, "asset" },
	{ "asset show", cmd_record_show, "print one asset", RECORD_SHOW_HELP, { RECORD_SHOW_OPTS }, NULL, "asset" },
	{ "asset add", cmd_record_add, "create an asset", RECORD_ADD_HELP, { RECORD_ADD_OPTS }, NULL, "asset" },
	{ "asset set", cmd_record_set, "change fields of an asset", RECORD_SET_HELP, { RECORD_SET_OPTS }, NULL, "asset" },
	{ "asset archive", cmd_record_archive, "archive an asset", RECORD_ARCHIVE_HELP, { RECORD_ARCHIVE_OPTS }, NULL,
	  "asset" },
	{ "risk list", cmd_record_list, "list risks", RECORD_LIST_HELP, { RECORD_LIST_OPTS }, NULL, "risk" },
	{ "risk show", cmd_record_show, "print one risk", RECORD_SHOW_HELP, { RECORD_SHOW_OPTS }, NULL, "risk" },
	{ "risk add", cmd_record_add, "create a risk", RECORD_ADD_HELP, { RECORD_ADD_OPTS }, NULL, "risk" },
	{ "risk set", cmd_record_set, "change fields of a risk", RECORD_SET_HELP, { RECORD_SET_OPTS }, NULL, "risk" },
	{ "risk archive", cmd_record_archive, "archive a risk", RECORD_ARCHIVE_HELP, { RECORD_ARCHIVE_OPTS }, NULL,
	  "risk" },
	{ "task list", cmd_task_list, "list tasks, or with --mine everything one person owes",
	  "Without --mine: a page of tasks, as 'isms record list --type tasks'. With --mine: everything\n"
	  "the user of --as (or --user) owes anywhere, overdue first, then by due date: open tasks they\n"
	  "own, risk acceptances expiring within 30 days, documents due for review, nonconformities\n"
	  "they own, incidents they handle. One a line: due date, OVERDUE or '-', kind, record, title\n"
	  "and what is owed, separated by tabs; or, with --format json, the JSON of GET /api/v1/me/tasks.",
	  { RECORD_LIST_OPTS, { "mine", NULL, "everything the user owes, from every source", NULL },
	    { "user", "EMAIL", "with --mine: whose list (the same as --as)", NULL } },
	  NULL, "task" },
	{ "audit verify", cmd_audit_verify, "prove the audit log is untampered",
	  "Walks the hash chain of the audit log from the first entry to the newest. Exits 0 with the\n"
	  "number of entries when every entry matches its hash and its place in the chain; exits 1\n"
	  "naming the first entry that was edited, deleted or inserted behind isms's back.", { { 0 } } },
	{ "backup", cmd_backup, "write a consistent snapshot of the database to FILE",
	  "Writes every table isms keeps — users, API tokens, second factors, settings, records and the\n"
	  "whole audit chain — as one JSON-lines file, read from one snapshot while the server goes on\n"
	  "serving. Sessions, login tickets and login throttling are left out: after a restore everyone\n"
	  "logs in again. The file holds password hashes and TOTP secrets: it is created readable by\n"
	  "its owner only; keep it as safe as the database. Works on either engine; FILE is replaced\n"
	  "only once the snapshot is complete.", { { 0 } }, "FILE" },
	{ "restore", cmd_restore, "restore a backup into an empty database",
	  "Restores a file written by 'isms backup' into the database given by --db, which must be\n"
	  "empty: a new SQLite file or a new PostgreSQL database. Either engine restores a backup of\n"
	  "either, so this is also how to move from SQLite to PostgreSQL. Creates the schema, inserts\n"
	  "the rows with their ids, applies newer migrations and checks the audit chain, all in one\n"
	  "transaction: on any error (a damaged file, an unknown format or schema version) nothing is\n"
	  "kept.", { { 0 } }, "FILE" },
	{ "bench seed", cmd_bench_seed, "fill a new database with an organisation for benchmarks",
	  "Fills a database made by 'isms init' that holds no records yet with the same organisation\n"
	  "every run: users, assets, controls, risks, incidents, tasks, and a year of updates in the\n"
	  "audit log. S seeds in seconds, M in under a minute, L (100,000 risks, 1,000,000 audit\n"
	  "entries) in minutes. Every record goes through the same checks and audit as the web UI,\n"
	  "a thousand per transaction. Prints what each part added and how long it took.",
	  { { "size", "SIZE", "S, M or L", "S" } } },
	{ "scope show", cmd_scope_show, "print the ISMS scope statement",
	  "Prints the current scope as JSON, as the API returns it: its state (draft or approved), the\n"
	  "fields and the latest approved version; with --version, that approved version.",
	  { { "version", "N", "an approved version instead of the current text", NULL } } },
	{ "scope set", cmd_scope_set, "change the ISMS scope statement (a draft)",
	  "Changes the fields given; the others keep their value, an empty value clears one. Changing an\n"
	  "approved scope starts a new draft. Audited. Prints the scope as JSON.",
	  { { "units", "TEXT", "organisational units in scope", NULL },
	    { "locations", "TEXT", "locations in scope", NULL },
	    { "processes", "TEXT", "processes in scope", NULL },
	    { "systems", "TEXT", "systems in scope", NULL },
	    { "exclusions", "TEXT", "what is out of scope", NULL },
	    { "justification", "TEXT", "why the exclusions are acceptable", NULL },
	    { "interfaces", "TEXT", "interfaces and dependencies", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "scope approve", cmd_scope_approve, "approve the scope draft as a new version",
	  "Freezes the current draft as the next numbered version, with who approved it and when.\n"
	  "Refused when there is no draft, when nothing is in scope, or when exclusions lack a\n"
	  "justification. Prints the version as JSON.",
	  { { "note", "TEXT", "what the approval is for (one line)", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "scope versions", cmd_scope_versions, "list the approved scope versions, or compare two",
	  "Prints each approved version, newest first: number, date, approver and note. With --from (and\n"
	  "--to, default the current text) prints the fields that differ, old value then new.",
	  { { "from", "N", "a version number, or current", NULL }, { "to", "N", "a version number, or current", NULL } } },
	{ "roles show", cmd_roles_show, "print the ISMS roles and the RACI of each process",
	  "Prints each ISMS role with the e-mail of who holds it ('-' for nobody), then each live process\n"
	  "with its RACI: one letter and one role or person a line.",
	  { { 0 } } },
	{ "roles assign", cmd_roles_assign, "name who holds an ISMS role",
	  "Sets who holds the role (top_management, isms_manager, risk_coordinator,\n"
	  "internal_audit_lead or dpo), or leaves it unfilled with --none. Audited.",
	  { { "role", "KEY", "the ISMS role", NULL }, { "user", "EMAIL", "the person", NULL },
	    { "none", NULL, "nobody holds the role", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "raci set", cmd_raci_set, "replace the RACI of a process",
	  "Replaces the process's RACI with the entries given, each ROLE=LETTER (an ISMS role's key) or\n"
	  "EMAIL=LETTER, separated by commas: \"isms_manager=A,dpo=C,ana@example.org=R\". Exactly one\n"
	  "A; an empty string clears the RACI. Audited. Prints the RACI as JSON.",
	  { { "process", "ID", "the process", NULL }, { "entries", "LIST", "the entries", NULL }, { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "context changes", cmd_context_changes, "changes in issues and interested parties since a date",
	  "Prints, as JSON, the issues, interested parties and party requirements created, changed or\n"
	  "archived since the date (from the audit log), with counts: an input of the management review.",
	  { { "since", "DATE", "YYYY-MM-DD", NULL } } },
	{ "soa show", cmd_soa_show, "print a framework's Statement of Applicability",
	  "Prints the SoA as it reads now: one row per control, grouped by theme, with whether it\n"
	  "applies, the reasons or the justification for excluding it, its implementation status and\n"
	  "the controls and risks linked to it. JSON as the API returns it, or CSV.",
	  { { "framework", "N", "the framework's id", NULL },
	    { "format", "FORMAT", "json or csv", "json" } } },
	{ "soa set", cmd_soa_set, "decide one row of the Statement of Applicability",
	  "Changes one row, audited; options left out keep their value. A control that is not applicable\n"
	  "needs a justification, and a control that treats a risk (a linked control is linked to a risk)\n"
	  "cannot be made not applicable. Prints the row as JSON.",
	  { { "framework", "N", "the framework's id", NULL },
	    { "ref", "REF", "the requirement's reference, e.g. A.5.1", NULL },
	    { "applicable", "yes|no|undecided", "whether the control applies", NULL },
	    { "reason", "LIST", "reasons, separated by commas: risk_treatment, legal, contractual, business_practice; "
	      "or none", NULL },
	    { "justification", "TEXT", "why the control is excluded", NULL },
	    { "status", "STATUS", "not_implemented, planned, partially_implemented, implemented or none", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "soa approve", cmd_soa_approve, "approve the Statement of Applicability as a new version",
	  "Freezes the SoA as it reads now, every row with its derived values and names, as the next\n"
	  "numbered version with who approved it, when, and the note. Versions never change.",
	  { { "framework", "N", "the framework's id", NULL },
	    { "note", "TEXT", "what the approval is for (one line, at most 500 characters)", NULL },
	    { "as", "EMAIL", "act as this user (their role decides); default: the system", NULL } } },
	{ "soa versions", cmd_soa_versions, "list the approved versions of a Statement of Applicability",
	  "Prints the versions, newest first, one a line: number, when, by whom, rows applicable,\n"
	  "excluded and not decided, and the note, separated by tabs.",
	  { { "framework", "N", "the framework's id", NULL } } },
	{ "soa compare", cmd_soa_compare, "compare two versions of a Statement of Applicability, as JSON",
	  "Prints every row whose applicability, reasons, implementation status or justification differs\n"
	  "between two approved versions, or between a version and the current SoA when --to is left\n"
	  "out, with the value before and after; rows added or removed are listed too.",
	  { { "framework", "N", "the framework's id", NULL },
	    { "from", "N", "the earlier version", NULL },
	    { "to", "N", "the later version; default: the current SoA", NULL } } },
	{ "import", cmd_import, "import frameworks from files (OSCAL, CISO Assistant libraries)",
	  "Imports the frameworks and mappings FILE... hold, in FORMAT: oscal (OSCAL catalogs and\n"
	  "profiles, JSON or XML) or ciso-assistant (CISO Assistant library YAML: frameworks and\n"
	  "requirement mapping sets, in any order; reference controls, threats and translations are\n"
	  "left out and counted). Every file goes into one transaction: a file with a problem is named\n"
	  "with the place (a JSON path, an XML or YAML line) and nothing is imported. A profile is resolved against its\n"
	  "catalog, read from the path its import names (next to the profile) or, when no such file is\n"
	  "there, an OSCAL catalog already installed from a file of the same name; a catalog read from\n"
	  "disk and not installed yet is imported with the baseline. Shows progress on standard error;\n"
	  "prints what was imported and how long it took.",
	  { { 0 } }, "FORMAT FILE..." },
	{ "routes", cmd_routes, "list the HTTP routes with their least role",
	  "Prints the route table, one route a line: METHOD, PATTERN, least role and flags, separated\n"
	  "by tabs. {type} stands for a record type's plural (assets, risks, ...).", { { 0 } } },
};

#define NCOMMANDS (int)(sizeof(commands) / sizeof(commands[0]))

static const struct cli_command *current;

const struct actor cli_actor = { 0, ROLE_ADMIN, "cli", "isms cli" };

const char *cli_row_type(void)
{
	return current ? current->type : NULL;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: isms COMMAND [OPTIONS]\n\n"
		     "An information security management system: web UI, JSON API and CLI in one binary.\n\n"
		     "commands:\n");
	for (int i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-20s %s\n", commands[i].words, commands[i].summary);
	fprintf(out, "\noptions for every command:\n"
		     "  --db PATH            the database (default: $ISMS_DB or %s)\n"
		     "  --help               help for the command\n\n"
		     "'isms COMMAND --help' describes a command. Exit codes: 0 ok, 1 error, 2 usage error.\n",
		DEFAULT_DB);
}

static void command_help(const struct cli_command *c, FILE *out)
{
	fprintf(out, "usage: isms %s%s%s [OPTIONS]\n\n%s\n\n%s\n\noptions:\n", c->words, c->operand ? " " : "",
		c->operand ? c->operand : "", c->summary, c->description);
	for (int i = 0; i < CLI_MAX_OPTS && c->opts[i].name; i++) {
		char left[48];
		snprintf(left, sizeof(left), "--%s%s%s", c->opts[i].name, c->opts[i].arg ? " " : "",
			 c->opts[i].arg ? c->opts[i].arg : "");
		fprintf(out, "  %-22s %s", left, c->opts[i].help);
		if (c->opts[i].def)
			fprintf(out, " (default: %s)", c->opts[i].def);
		fputc('\n', out);
	}
	fprintf(out, "  %-22s %s\n  %-22s %s\n", "--db PATH", "the database (default: $ISMS_DB or " DEFAULT_DB ")",
		"--help", "this help");
}

json_t *cli_load_json(const char *path)
{
	json_error_t je;
	json_t *body = strcmp(path, "-") == 0 ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &je)
						: json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (!body)
		fprintf(stderr, "isms: %s: not JSON (line %d: %s)\n", path, je.line, je.text);
	return body;
}

const char *cli_opt(const struct cli_args *args, const char *name)
{
	for (int i = 0; i < CLI_MAX_OPTS && current->opts[i].name; i++)
		if (strcmp(current->opts[i].name, name) == 0)
			return args->values[i] ? args->values[i] : current->opts[i].def;
	return NULL;
}

static int words_match(const char *words, int argc, char **argv, int *used)
{
	char buf[64];
	int n = 0;
	snprintf(buf, sizeof(buf), "%s", words);
	for (char *w = strtok(buf, " "); w; w = strtok(NULL, " ")) {
		if (1 + n >= argc || strcmp(argv[1 + n], w) != 0)
			return 0;
		n++;
	}
	*used = n;
	return 1;
}

int cli_main(int argc, char **argv)
{
	struct cli_args args;
	int used = 0;
	memset(&args, 0, sizeof(args));
	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("isms 0.1.0\n");
		return CLI_OK;
	}
	for (int i = 0; i < NCOMMANDS && !current; i++)
		if (words_match(commands[i].words, argc, argv, &used))
			current = &commands[i];
	if (!current) {
		/* "isms user": name the commands of the group */
		size_t n = strlen(argv[1]);
		int group = 0;
		for (int i = 0; i < NCOMMANDS; i++)
			if (strncmp(commands[i].words, argv[1], n) == 0 && commands[i].words[n] == ' ') {
				if (!group++)
					fprintf(stderr, "isms %s: which one?\n", argv[1]);
				fprintf(stderr, "  isms %-20s %s\n", commands[i].words, commands[i].summary);
			}
		if (group)
			return CLI_USAGE;
		fprintf(stderr, "isms: unknown command '%s'\n\n", argv[1]);
		usage(stderr);
		return CLI_USAGE;
	}
	args.db = getenv("ISMS_DB");
	for (int i = 1 + used; i < argc; i++) {
		const char *a = argv[i], *val = NULL, *eq;
		size_t n;
		int k;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			command_help(current, stdout);
			return CLI_OK;
		}
		if (strncmp(a, "--", 2) != 0 && current->operand && (!args.operand || strstr(current->operand, "..."))) {
			if (args.n_operands == CLI_MAX_OPERANDS) {
				fprintf(stderr, "isms %s: at most %d operands\n", current->words, CLI_MAX_OPERANDS);
				return CLI_USAGE;
			}
			if (!args.operand)
				args.operand = a;
			args.operands[args.n_operands++] = a;
			continue;
		}
		if (strncmp(a, "--", 2) != 0) {
			fprintf(stderr, "isms %s: unexpected argument '%s' (see --help)\n", current->words, a);
			return CLI_USAGE;
		}
		a += 2;
		eq = strchr(a, '=');
		n = eq ? (size_t)(eq - a) : strlen(a);
		if (n == 2 && strncmp(a, "db", 2) == 0) {
			val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!val || !*val) {
				fprintf(stderr, "isms %s: --db needs a PATH\n", current->words);
				return CLI_USAGE;
			}
			args.db = val;
			continue;
		}
		for (k = 0; k < CLI_MAX_OPTS && current->opts[k].name; k++)
			if (strlen(current->opts[k].name) == n && strncmp(current->opts[k].name, a, n) == 0)
				break;
		if (k == CLI_MAX_OPTS || !current->opts[k].name) {
			fprintf(stderr, "isms %s: unknown option '--%.*s' (see --help)\n", current->words, (int)n, a);
			return CLI_USAGE;
		}
		if (!current->opts[k].arg) {
			if (eq) {
				fprintf(stderr, "isms %s: --%s takes no value\n", current->words, current->opts[k].name);
				return CLI_USAGE;
			}
			args.values[k] = "1";
			continue;
		}
		val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
		if (!val) {
			fprintf(stderr, "isms %s: --%s needs %s\n", current->words, current->opts[k].name,
				current->opts[k].arg);
			return CLI_USAGE;
		}
		args.values[k] = val;
	}
	if (current->operand && (!args.operand || !*args.operand)) {
		fprintf(stderr, "isms %s: which %s? (usage: isms %s %s [OPTIONS])\n", current->words, current->operand,
			current->words, current->operand);
		return CLI_USAGE;
	}
	if (!args.db || !*args.db)
		args.db = DEFAULT_DB;
	return current->run(&args);
}
