#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"

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
	  "Safe to run again: an up-to-date database is left as it is.", { { 0 } } },
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
	{ "routes", cmd_routes, "list the HTTP routes with their least role",
	  "Prints the route table, one route a line: METHOD, PATTERN, least role and flags, separated\n"
	  "by tabs. {type} stands for a record type's plural (assets, risks, ...).", { { 0 } } },
};

#define NCOMMANDS (int)(sizeof(commands) / sizeof(commands[0]))

static const struct cli_command *current;

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
		if (strncmp(a, "--", 2) != 0 && current->operand && !args.operand) {
			args.operand = a;
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
