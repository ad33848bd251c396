/* cmd_record.h: the help and options of the record commands (cmd_record.c),
 * shared by the generic rows (isms record list --type T) and the rows that
 * name their type (isms risk list), so the command table in cli.c holds one
 * short row each. */
#ifndef ISMS_CMD_RECORD_H
#define ISMS_CMD_RECORD_H

#define RECORD_OPT_TYPE { "type", "TYPE", "the record type (assets, risks, controls, ...)", NULL }
#define RECORD_OPT_ID { "id", "N", "the record's id", NULL }
#define RECORD_OPT_FORMAT { "format", "FORMAT", "table or json (the API's JSON)", "table" }
#define RECORD_OPT_AS { "as", "EMAIL", "act as this user: their role and per-record rules apply", NULL }
#define RECORD_OPT_VALUES                                                                                      \
	{ "json", "JSON", "the values as a JSON object, as the API takes them", NULL },                        \
	{ "file", "PATH", "the values from a JSON file ('-' for standard input)", NULL }
#define RECORD_OPT_IF_VERSION                                                                                  \
	{ "if-version", "V", "refuse the change when the record's version is no longer V", NULL }

#define RECORD_LIST_OPTS                                                                                       \
	{ "query", "QUERY", "filters, search, sort and page, as in GET /api/v1/TYPE", NULL }, RECORD_OPT_FORMAT, \
		RECORD_OPT_AS
#define RECORD_SHOW_OPTS RECORD_OPT_ID, RECORD_OPT_FORMAT, RECORD_OPT_AS
#define RECORD_ADD_OPTS RECORD_OPT_VALUES, RECORD_OPT_FORMAT, RECORD_OPT_AS
#define RECORD_SET_OPTS RECORD_OPT_ID, RECORD_OPT_VALUES, RECORD_OPT_IF_VERSION, RECORD_OPT_FORMAT, RECORD_OPT_AS
#define RECORD_ARCHIVE_OPTS RECORD_OPT_ID, RECORD_OPT_IF_VERSION, RECORD_OPT_AS

#define RECORD_WHO                                                                                             \
	"The command acts as the system, or with --as as that user: their role and the per-record\n"          \
	"rules then apply, and the audit log names them."

#define RECORD_LIST_HELP                                                                                       \
	"Prints a page of records (25 unless --query sets limit, at most 500): a table of the id and\n"        \
	"the columns of the list page, references by title, then how many there are; or, with\n"              \
	"--format json, the API's JSON. --query takes the API's parameters as a query string, e.g.\n"          \
	"'status=open&q=server&sort=-inherent_score&limit=100'; archived records only with\n"                  \
	"archived=true.\n" RECORD_WHO
#define RECORD_SHOW_HELP                                                                                       \
	"Prints one record, archived or not: each field on its own line, references by title and id;\n"        \
	"or, with --format json, the API's JSON.\n" RECORD_WHO
#define RECORD_ADD_HELP                                                                                        \
	"Creates a record from a JSON object of field names and values, checked as the API checks\n"           \
	"them: unknown fields, wrong types and values out of range are refused, each named, and\n"              \
	"nothing is created. Prints the new record as show does. Audited.\n" RECORD_WHO
#define RECORD_SET_HELP                                                                                        \
	"Changes the fields named in a JSON object; the others stay. With --if-version the change is\n"        \
	"refused when someone changed the record since that version. Checked as the API checks it;\n"          \
	"a refused change changes nothing. Prints the record after the change. Audited.\n" RECORD_WHO
#define RECORD_ARCHIVE_HELP                                                                                    \
	"Archives a record: it leaves the lists and can no longer be changed or referred to, but stays\n"      \
	"readable, with its history. Audited.\n" RECORD_WHO

#endif
