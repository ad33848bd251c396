/* unit_fixture: the fixture of unit tests that need a fresh, migrated SQLite
 * database in a temporary folder, with user 1 (an ISMS manager, whom audit
 * entries name) — setup and teardown for cmocka, and count() for one
 * number from SQL. Include after cmocka.h. */
#ifndef ISMS_TEST_UNIT_FIXTURE_H
#define ISMS_TEST_UNIT_FIXTURE_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/arena.h"
#include "isms/actor.h"
#include "store/store.h"
#include "unit_db.h"

struct fx {
	char dir[64], path[96];
	struct store *s;
	struct arena a;
};

static const struct actor manager = { 1, ROLE_MANAGER, "m@example.org", "M" };

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct err e = ERR_INIT;
	int applied;
	snprintf(f->dir, sizeof(f->dir), "/tmp/isms-unit-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	if (store_open(&f->s, f->path, 1, &e) || store_migrate(f->s, &applied, &e)) {
		print_error("setup: %s\n", e.message);
		return -1;
	}
	/* the audit entries name user 1 */
	if (store_exec(f->s,
		       "INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at) VALUES "
		       "(1, 'm@example.org', 'M', 'isms_manager', 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
		       &e))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[128];
	store_close(f->s);
	arena_release(&f->a);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* One number from SQL (unit_db.c). */
static int64_t count(struct store *s, const char *sql)
{
	return unit_db_one(s, sql);
}

#endif
