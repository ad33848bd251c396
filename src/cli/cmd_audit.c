/* cmd_audit: isms audit verify. */
#include <stdio.h>

#include "cli/cli.h"
#include "isms/audit.h"

void cli_print_audit_intact(int64_t entries)
{
	printf("audit log intact: %lld %s verified\n", (long long)entries, entries == 1 ? "entry" : "entries");
}

int cmd_audit_verify(const struct cli_args *a)
{
	struct store *s;
	struct audit_report r;
	struct err e = ERR_INIT;
	int rc;
	if (!(s = cli_store(a, 0)))
		return CLI_FAIL;
	rc = audit_verify(s, &r, &e);
	store_close(s);
	if (rc)
		return cli_fail(&e);
	if (r.broken_id) {
		printf("audit log BROKEN at entry %lld: %s (%lld entries read)\n", (long long)r.broken_id, r.reason,
		       (long long)r.entries);
		return CLI_FAIL;
	}
	cli_print_audit_intact(r.entries);
	return CLI_OK;
}
