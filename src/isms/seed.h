/* seed: a deterministic organisation of a given size, for benchmarks
 * (`isms bench seed`). It is written through the same domain code as the
 * server — validate_form, record_create_within and record_update_within (reference
 * checks, the risk rules, one audit entry per change) and user_create — but
 * many records per transaction, so that the large size seeds in minutes.
 *
 * The same size gives the same records every run: every choice comes from
 * one pseudo-random sequence with a fixed start. Only the timestamps (and so
 * the audit hashes) differ from run to run.
 *
 * The organisation is built by parts, in the order of parts[] in seed.c:
 * users, assets, controls, risks, incidents, tasks, then activity (updates
 * of tasks and risks until the audit log holds the size's number of
 * entries). A module that brings new records adds one row there and its
 * function, which writes with seed_record() and links to earlier records
 * with seed_pick(). */
#ifndef ISMS_SEED_H
#define ISMS_SEED_H
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "isms/actor.h"
#include "store/store.h"

struct seed_size {
	const char *name; /* "S", "M", "L" */
	int users, assets, controls, risks, incidents, tasks;
	int64_t audit_entries; /* the audit entries seeding writes (the log had a few before) */
};

/* The size named name (case-insensitive), or NULL. */
const struct seed_size *seed_size_by_name(const char *name);
/* "S, M or L", for messages. */
const char *seed_size_names(void);

/* Seeds an initialised database that holds no records yet (409
 * "not_empty" otherwise, and nothing changes), acting as its first
 * administrator. Prints one line per part to progress (may be NULL). On an
 * error the batch in progress is rolled back; earlier batches stay. */
int seed_run(struct store *s, const struct seed_size *z, FILE *progress, struct err *e);

/* What the parts share; see seed.c. */
struct seed;
/* Creates one record of entity from form-like name/value pairs (validated
 * as a web form is) inside the current batch. *id may be NULL. */
int seed_record(struct seed *c, const char *entity, const char *const *names, const char *const *vals, int n,
		int64_t *id, struct err *e);
/* The id of a record of entity seeded earlier, picked at random; 0 when
 * there is none. */
int64_t seed_pick(struct seed *c, const char *entity);
/* A pseudo-random number in [0, n). */
uint32_t seed_rand(struct seed *c, uint32_t n);

#endif
