/* seed_part: what a part of the seeded organisation may use (seed.c) and
 * the table of parts (seed_org.c). A part writes its records with
 * seed_record or seed_update; strings from seed_fmt, seed_date and friends
 * live until the batch they are written in commits, so build them just
 * before the call that uses them. */
#ifndef ISMS_SEED_PART_H
#define ISMS_SEED_PART_H
#include "isms/seed.h"

struct seed_part {
	const char *name;   /* shown in the progress lines */
	const char *entity; /* the record type it seeds (counted in progress); NULL: none */
	int (*run)(struct seed *c, struct err *e);
};
/* In order; the last row has a NULL name. */
extern const struct seed_part seed_parts[];

const struct seed_size *seed_size(const struct seed *c);
const struct actor *seed_actor(const struct seed *c);
struct store *seed_store(const struct seed *c);

/* One of a NULL-terminated list, at random. */
const char *seed_choose(struct seed *c, const char *const *values);
/* printf into the batch's memory. */
const char *seed_fmt(struct seed *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A date (YYYY-MM-DD) or time in [from_day, from_day + span) days after
 * 1 January 2026 (negative: before). */
const char *seed_date(struct seed *c, int from_day, int span);
const char *seed_datetime(struct seed *c, int from_day, int span);
/* A value of the current risk method's likelihood (0) or impact (1) scale. */
const char *seed_scale_value(struct seed *c, int impact);
/* The lowest value of that scale. */
const char *seed_scale_lowest(struct seed *c, int impact);

/* The ids seeded so far, per record type ("user" for users). */
void seed_remember(struct seed *c, const char *entity, int64_t id);
/* Remembers the live records of entity already in the database (say, the
 * catalogues a migration ships), for seed_pick. */
int seed_load(struct seed *c, const char *entity, struct err *e);
int seed_count(struct seed *c, const char *entity);
int64_t seed_nth(struct seed *c, const char *entity, int i);

/* Updates the i-th seeded record of entity (validated as a web form is),
 * with the version it has now, inside the current batch. */
int seed_update(struct seed *c, const char *entity, int i, const char *const *names, const char *const *vals, int n,
		struct err *e);
/* Commits the open batch. */
int seed_flush(struct seed *c, struct err *e);
/* The number of audit entries this seeding has written so far; -1 on error. */
int64_t seed_audit_length(struct seed *c, struct err *e);

#endif
