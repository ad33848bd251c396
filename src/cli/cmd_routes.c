/* cmd_routes: isms routes — prints the route table, one route a line:
 * METHOD PATTERN MIN_ROLE FLAGS. The authorization-matrix test walks it. */
#include <stdio.h>

#include "cli/cli.h"
#include "http/http.h"

static const struct {
	unsigned flag;
	const char *name;
} flag_names[] = {
	{ RF_API, "api" }, { RF_WEB, "web" }, { RF_ENTITY_READ, "entity-read" },
	{ RF_ENTITY_CREATE, "entity-create" }, { RF_ENTITY_WRITE, "entity-write" }, { RF_NO_CSRF, "no-csrf" },
	{ RF_SETUP_OK, "setup-ok" }, { RF_JSON_BODY, "json-body" }, { RF_STATIC, "static" },
	{ RF_LARGE_BODY, "large-body" },
};

int cmd_routes(const struct cli_args *a)
{
	(void)a;
	for (int i = 0; i < route_count; i++) {
		const struct route *r = &route_table[i];
		int first = 1;
		printf("%s\t%s\t%s\t", r->method, r->pattern, role_name(r->min_role));
		for (size_t k = 0; k < sizeof(flag_names) / sizeof(flag_names[0]); k++)
			if (r->flags & flag_names[k].flag) {
				printf("%s%s", first ? "" : ",", flag_names[k].name);
				first = 0;
			}
		putchar('\n');
	}
	return CLI_OK;
}
