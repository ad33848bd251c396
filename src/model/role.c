#include "model/role.h"

#include <string.h>

static const char *const names[ROLE_COUNT] = {
	"anonymous", "employee", "auditor", "owner", "isms_manager", "admin",
};
static const char *const labels[ROLE_COUNT] = {
	"Anonymous", "Employee", "Auditor", "Owner", "ISMS manager", "Administrator",
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? names[r] : "unknown";
}

const char *role_label(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? labels[r] : "Unknown";
}

int role_parse(const char *name, enum role *out)
{
	for (int i = ROLE_EMPLOYEE; i < ROLE_COUNT; i++) {
		if (strcmp(name, names[i]) == 0) {
			*out = (enum role)i;
			return 0;
		}
	}
	return -1;
}
