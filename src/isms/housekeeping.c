#include "isms/housekeeping.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "base/log.h"
#include "isms/acceptance.h"
#include "isms/kpi.h"

const struct housekeeping_job housekeeping_jobs[] = {
	{ "acceptance_expiry", "acceptances expired", acceptance_expire_due },
	{ "kpi_measurement", "KPIs measured", kpi_measure_due },
};
const int housekeeping_job_count = (int)(sizeof(housekeeping_jobs) / sizeof(housekeeping_jobs[0]));

int housekeeping_run(struct store *s,
		     void (*report)(void *ctx, const struct housekeeping_job *job, int count, const struct err *e),
		     void *ctx)
{
	int rc = 0;
	for (int i = 0; i < housekeeping_job_count; i++) {
		struct err e = ERR_INIT;
		int count = 0;
		if (housekeeping_jobs[i].run(s, &count, &e))
			rc = -1;
		if (report)
			report(ctx, &housekeeping_jobs[i], count, &e);
	}
	return rc;
}

/* ---- the server's thread ---- */

static pthread_t thread;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake;
static int running, stopping, interval;
static const char *url;

static void log_job(void *ctx, const struct housekeeping_job *job, int count, const struct err *e)
{
	(void)ctx;
	if (e->status)
		log_error("housekeeping %s: %s", job->name, e->message);
	else if (count)
		log_info("housekeeping %s: %d %s", job->name, count, job->what);
}

static void *loop(void *arg)
{
	struct store *s = NULL;
	struct err e = ERR_INIT;
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		struct timespec until;
		pthread_mutex_unlock(&lock);
		if (!s && store_open(&s, url, 0, &e)) {
			log_error("housekeeping: %s", e.message);
			err_clear(&e);
			s = NULL;
		}
		if (s)
			housekeeping_run(s, log_job, NULL);
		pthread_mutex_lock(&lock);
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += interval;
		while (!stopping && pthread_cond_timedwait(&wake, &lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&lock);
	if (s)
		store_close(s);
	return NULL;
}

int housekeeping_start(const char *db_url, int interval_s)
{
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&wake, &attr);
	pthread_condattr_destroy(&attr);
	url = db_url;
	interval = interval_s > 0 ? interval_s : 60;
	stopping = 0;
	if (pthread_create(&thread, NULL, loop, NULL) != 0) {
		log_error("housekeeping: cannot start its thread");
		return -1;
	}
	running = 1;
	return 0;
}

void housekeeping_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	pthread_cond_destroy(&wake);
	running = 0;
}
