/* housekeeping: periodic jobs that keep the records true as time passes
 * (an acceptance reaching its expiry date). The jobs are one table in
 * housekeeping.c; each is idempotent and does its work in its own write
 * transactions, re-checking inside them, so several nodes sharing one
 * PostgreSQL database may run them at the same time without doing anything
 * twice. Their changes are audited with the system as actor.
 *
 * The server runs every job at start and then once a minute on one thread
 * of its own (housekeeping_start / housekeeping_stop); `isms housekeeping
 * run` runs them once. */
#ifndef ISMS_HOUSEKEEPING_H
#define ISMS_HOUSEKEEPING_H
#include "base/err.h"
#include "store/store.h"

struct housekeeping_job {
	const char *name;  /* "acceptance_expiry" */
	const char *what;  /* what count counts: "acceptances expired" */
	int (*run)(struct store *s, int *count, struct err *e);
};

extern const struct housekeeping_job housekeeping_jobs[];
extern const int housekeeping_job_count;

/* Runs every job once, in table order, calling report (when not NULL)
 * after each with its count, or with its error (e->status set). A failed
 * job does not stop the others. Returns -1 when any failed. */
int housekeeping_run(struct store *s,
		     void (*report)(void *ctx, const struct housekeeping_job *job, int count, const struct err *e),
		     void *ctx);

/* Starts the server's housekeeping thread, with its own connection to
 * db_url: the jobs at once, then every interval_s seconds. */
int housekeeping_start(const char *db_url, int interval_s);
/* Wakes the thread, waits for the job in progress to finish and joins it.
 * Safe to call when it was never started. */
void housekeeping_stop(void);

#endif
