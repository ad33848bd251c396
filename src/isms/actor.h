/* actor: who is doing something, as the domain sees it. Filled by the HTTP
 * layer from a session or token, or by the CLI; user_id 0 is the system. */
#ifndef ISMS_ACTOR_H
#define ISMS_ACTOR_H
#include <stdint.h>

#include "model/role.h"

struct actor {
	int64_t user_id;
	enum role role;
	const char *email;
	const char *name;
};

#endif
