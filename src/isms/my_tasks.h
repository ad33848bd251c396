/* my_tasks: one list per person of everything they owe anywhere — open
 * tasks they own, acceptances of risks expiring within 30 days, documents
 * whose review is due, nonconformities they own, incidents they handle —
 * overdue first, then by due date (none last).
 *
 * The list is built from task_sources[] (my_tasks.c): each row names a kind,
 * a label, the record type its items open (the caller must be able to read
 * that type, else the row is skipped) and a function that appends the
 * caller's items with my_tasks_add. A module that owes people something new
 * (documents to acknowledge, training due) adds one row. Memory comes from
 * the caller's arena. */
#ifndef ISMS_MY_TASKS_H
#define ISMS_MY_TASKS_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "store/store.h"

#define MY_TASKS_AHEAD_DAYS 30 /* reviews and expiries this close count as owed */
#define MY_TASKS_MAX 500       /* items per source at most */

struct task_source;

struct my_task {
	const struct task_source *source;
	const char *title;
	const char *detail;      /* what is owed: "In progress", "Review due" ... */
	const char *record_type; /* entity name */
	int64_t record_id;
	const char *url;         /* the record's page */
	const char *due;         /* YYYY-MM-DD, or NULL */
	int overdue;
};

struct my_tasks {
	char today[16];
	char ahead[16]; /* today + MY_TASKS_AHEAD_DAYS */
	char now[32];
	struct my_task *items;
	int n, cap, overdue;
};

struct task_source {
	const char *kind;        /* "task", "acceptance", ...: stable, in the JSON */
	const char *label;       /* "Task", "Risk acceptance" ... */
	const char *record_type; /* the entity its items open */
	int (*fn)(struct store *s, const struct actor *who, const struct task_source *src, struct my_tasks *out,
		  struct arena *a, struct err *e);
};

/* Appends one item; overdue < 0: overdue when due is before today. The
 * strings are copied into a. */
void my_tasks_add(struct my_tasks *l, struct arena *a, const struct task_source *src, const char *title,
		  const char *detail, int64_t id, const char *due, int overdue);

/* Everything who owes, sorted. */
int my_tasks_list(struct store *s, const struct actor *who, struct arena *a, struct my_tasks *out, struct err *e);
/* {"today", "total", "overdue", "items": [{"kind", "label", "title", "detail", "record_type", "record_id",
 * "url", "due", "overdue"}]} */
void my_tasks_json(const struct my_tasks *l, struct strbuf *sb);

#endif
