/* seed: the machinery of `isms bench seed` — sizes, batches, the ids of
 * what was seeded, the pseudo-random sequence. What an organisation holds
 * is in seed_org.c. */
#include "isms/seed.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "isms/record.h"
#include "isms/risk_method.h"
#include "isms/seed_part.h"

/* Changes per transaction: large enough that commits cost little, small
 * enough that a batch's memory stays small. */
#define BATCH 1000
#define MAX_LISTS 16

/* L is the organisation of the benchmark targets; M and S are a tenth and
 * a hundredth of it (the audit log of S is shorter, so that tests seed it
 * in seconds). */
static const struct seed_size sizes[] = {
	{ "S", 8, 200, 20, 1000, 50, 500, 5000 },
	{ "M", 20, 2000, 200, 10000, 500, 5000, 100000 },
	{ "L", 50, 20000, 2000, 100000, 5000, 50000, 1000000 },
};

struct id_list {
	const char *entity;
	int64_t *ids; /* ascending: records are created in order */
	int32_t *versions;
	int n, cap;
};

struct seed {
	struct store *s;
	const struct actor *who;
	const struct seed_size *z;
	uint64_t rng;
	struct arena batch; /* the open batch's memory, released at its commit */
	struct arena keep;  /* lives as long as the run */
	int pending;        /* changes in the open transaction */
	int64_t audit_start; /* the audit log's length before seeding */
	struct risk_method method;
	struct id_list lists[MAX_LISTS];
	int nlists;
};

const struct seed_size *seed_size_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (strcasecmp(sizes[i].name, name) == 0)
			return &sizes[i];
	return NULL;
}

const char *seed_size_names(void)
{
	return "S, M or L";
}

const struct seed_size *seed_size(const struct seed *c)
{
	return c->z;
}

/* splitmix64: small, fast, and the same sequence on every machine */
static uint64_t next(struct seed *c)
{
	uint64_t z = (c->rng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

uint32_t seed_rand(struct seed *c, uint32_t n)
{
	return n ? (uint32_t)(next(c) % n) : 0;
}

const char *seed_choose(struct seed *c, const char *const *values)
{
	uint32_t n = 0;
	while (values[n])
		n++;
	return values[seed_rand(c, n)];
}

const char *seed_fmt(struct seed *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return arena_strdup(&c->batch, buf);
}

/* Days from 1 January 2026: fixed, so that the data does not depend on the
 * day it was seeded. */
#define SEED_EPOCH 1767225600 /* 2026-01-01T00:00:00Z */

const char *seed_date(struct seed *c, int from_day, int span)
{
	char iso[32];
	time_iso((time_t)SEED_EPOCH + (time_t)(from_day + (int)seed_rand(c, (uint32_t)span)) * 86400, iso);
	iso[10] = '\0';
	return arena_strdup(&c->batch, iso);
}

const char *seed_datetime(struct seed *c, int from_day, int span)
{
	char iso[32];
	time_iso((time_t)SEED_EPOCH + (time_t)from_day * 86400 + (time_t)seed_rand(c, (uint32_t)span * 86400u), iso);
	return arena_strdup(&c->batch, iso);
}

const char *seed_scale_value(struct seed *c, int impact)
{
	const struct rm_scale *sc = impact ? &c->method.impact : &c->method.likelihood;
	return seed_fmt(c, "%lld", (long long)sc->steps[seed_rand(c, (uint32_t)sc->n)].value);
}

const char *seed_scale_lowest(struct seed *c, int impact)
{
	const struct rm_scale *sc = impact ? &c->method.impact : &c->method.likelihood;
	return seed_fmt(c, "%lld", (long long)sc->steps[0].value);
}

static struct id_list *list_of(struct seed *c, const char *entity, int create)
{
	for (int i = 0; i < c->nlists; i++)
		if (strcmp(c->lists[i].entity, entity) == 0)
			return &c->lists[i];
	if (!create || c->nlists == MAX_LISTS)
		return NULL;
	c->lists[c->nlists].entity = entity;
	return &c->lists[c->nlists++];
}

void seed_remember(struct seed *c, const char *entity, int64_t id)
{
	struct id_list *l = list_of(c, entity, 1);
	if (!l)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 1024;
		l->ids = xrealloc(l->ids, sizeof(*l->ids) * (size_t)l->cap);
		l->versions = xrealloc(l->versions, sizeof(*l->versions) * (size_t)l->cap);
	}
	l->ids[l->n] = id;
	l->versions[l->n++] = 1;
}

int seed_load(struct seed *c, const char *entity, struct err *e)
{
	const struct entity *ent = entity_by_name(entity);
	char sql[128];
	struct stmt *st;
	int step;
	snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE archived = 0 ORDER BY id", ent->table);
	if (!(st = store_prepare(c->s, sql, e)))
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW)
		seed_remember(c, entity, stmt_int(st, 0));
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

int64_t seed_pick(struct seed *c, const char *entity)
{
	struct id_list *l = list_of(c, entity, 0);
	return l && l->n ? l->ids[seed_rand(c, (uint32_t)l->n)] : 0;
}

int seed_count(struct seed *c, const char *entity)
{
	struct id_list *l = list_of(c, entity, 0);
	return l ? l->n : 0;
}

int64_t seed_nth(struct seed *c, const char *entity, int i)
{
	struct id_list *l = list_of(c, entity, 0);
	return l && i >= 0 && i < l->n ? l->ids[i] : 0;
}

/* Opens a transaction when none is, counts one change, and commits every
 * BATCH changes. */
static int batch_open(struct seed *c, struct err *e)
{
	return c->pending == 0 ? store_begin(c->s, e) : 0;
}

static int batch_close(struct seed *c, int force, struct err *e)
{
	if (c->pending == 0 || (!force && c->pending < BATCH))
		return 0;
	c->pending = 0;
	arena_release(&c->batch);
	return store_commit(c->s, e);
}

static int batch_counted(struct seed *c, int rc, struct err *e)
{
	if (rc)
		return -1;
	c->pending++;
	return batch_close(c, 0, e);
}

int seed_record(struct seed *c, const char *entity, const char *const *names, const char *const *vals, int n,
		int64_t *id, struct err *e)
{
	const struct entity *ent = entity_by_name(entity);
	struct input in;
	int64_t got = 0;
	if (!ent)
		return err_set(e, 500, "seed", "No record type %s.", entity);
	if (validate_form(ent, names, vals, n, 1, &c->batch, &in, e) || batch_open(c, e) ||
	    record_create_within(c->s, c->who, ent, &in, &c->batch, &got, e))
		return -1;
	seed_remember(c, ent->name, got);
	if (id)
		*id = got;
	return batch_counted(c, 0, e);
}

int seed_update(struct seed *c, const char *entity, int i, const char *const *names, const char *const *vals, int n,
		struct err *e)
{
	const struct entity *ent = entity_by_name(entity);
	struct id_list *l = list_of(c, entity, 0);
	struct input in;
	if (!ent || !l || i < 0 || i >= l->n)
		return err_set(e, 500, "seed", "No seeded %s number %d.", entity, i);
	if (validate_form(ent, names, vals, n, 0, &c->batch, &in, e) || batch_open(c, e) ||
	    record_update_within(c->s, c->who, ent, l->ids[i], l->versions[i], &in, &c->batch, e))
		return -1;
	l->versions[i]++;
	return batch_counted(c, 0, e);
}

int seed_flush(struct seed *c, struct err *e)
{
	return batch_close(c, 1, e);
}

const struct actor *seed_actor(const struct seed *c)
{
	return c->who;
}

struct store *seed_store(const struct seed *c)
{
	return c->s;
}

static int64_t audit_head(struct store *s, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT last_id FROM audit_head WHERE id = 1", e);
	int64_t n = -1;
	if (st && stmt_step(st, e) == STORE_ROW)
		n = stmt_int(st, 0);
	stmt_done(st);
	return n;
}

int64_t seed_audit_length(struct seed *c, struct err *e)
{
	int64_t n = audit_head(c->s, e);
	return n < 0 ? -1 : n - c->audit_start;
}

/* A database with records of any type is not seeded again: the seeded
 * organisation would no longer be the one the figures describe. Rows that
 * migrations ship (the threat catalogue, say) have no creator and do not
 * count. */
static int check_empty(struct store *s, struct err *e)
{
	for (int i = 0; i < entity_count; i++) {
		char sql[128];
		struct stmt *st;
		int64_t n = 0;
		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE created_by IS NOT NULL", entity_table[i]->table);
		if (!(st = store_prepare(s, sql, e)))
			return -1;
		if (stmt_step(st, e) == STORE_ROW)
			n = stmt_int(st, 0);
		stmt_done(st);
		if (e->status)
			return -1;
		if (n)
			return err_set(e, 409, "not_empty",
				       "The database already holds %s records; seed a new database (isms init) "
				       "instead.", entity_table[i]->name);
	}
	return 0;
}

/* The first enabled administrator, whom the seeded changes are made by. */
static int first_admin(struct store *s, struct arena *a, struct actor *who, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT id, email, name FROM users WHERE role = ? AND disabled = 0 "
					   "ORDER BY id LIMIT 1", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_text(st, 1, role_name(ROLE_ADMIN));
	if ((step = stmt_step(st, e)) == STORE_ROW) {
		who->user_id = stmt_int(st, 0);
		who->role = ROLE_ADMIN;
		who->email = arena_strdup(a, stmt_text(st, 1));
		who->name = arena_strdup(a, stmt_text(st, 2));
	}
	stmt_done(st);
	if (step == STORE_DONE)
		return err_set(e, 409, "no_admin", "The database has no enabled administrator to seed as.");
	return step < 0 ? -1 : 0;
}

int seed_run(struct store *s, const struct seed_size *z, FILE *progress, struct err *e)
{
	struct seed c;
	struct actor who;
	int64_t start = time_now_us(), t0;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.who = &who;
	c.z = z;
	c.rng = 0x15A5BE7C4ull; /* fixed: the same organisation every run */
	if (check_empty(s, e) || (c.audit_start = audit_head(s, e)) < 0 || first_admin(s, &c.keep, &who, e) ||
	    risk_method_current(s, &c.keep, &c.method, e))
		goto out;
	for (const struct seed_part *p = seed_parts; p->name; p++) {
		int64_t before = seed_audit_length(&c, e);
		t0 = time_now_us();
		if (before < 0 || p->run(&c, e) || seed_flush(&c, e))
			goto out;
		if (progress)
			fprintf(progress, "%-10s %8d records, %8lld audit entries, %7.2f s\n", p->name,
				seed_count(&c, p->entity ? p->entity : p->name),
				(long long)(seed_audit_length(&c, e) - before), (double)(time_now_us() - t0) / 1e6);
		if (progress)
			fflush(progress);
	}
	if (progress)
		fprintf(progress, "seeded size %s: %lld audit entries in %.2f s\n", z->name,
			(long long)seed_audit_length(&c, e), (double)(time_now_us() - start) / 1e6);
	rc = 0;
out:
	if (rc && c.pending)
		store_rollback(s);
	for (int i = 0; i < c.nlists; i++) {
		free(c.lists[i].ids);
		free(c.lists[i].versions);
	}
	arena_release(&c.batch);
	arena_release(&c.keep);
	return rc;
}
