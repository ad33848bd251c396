#include "isms/audit.h"

#include "base/timeutil.h"

int audit_append(struct store *s, const struct actor *who, const char *action, const char *record_type,
		 int64_t record_id, const char *before, const char *after, struct err *e)
{
	char now[32];
	int rc;
	struct stmt *st = store_prepare(s,
		"INSERT INTO audit_log (at, actor_id, action, record_type, record_id, before_json, after_json) "
		"VALUES (?, ?, ?, ?, ?, ?, ?)", e);
	if (!st)
		return -1;
	time_now_iso(now);
	stmt_bind_text(st, 1, now);
	if (who && who->user_id)
		stmt_bind_int(st, 2, who->user_id);
	else
		stmt_bind_null(st, 2);
	stmt_bind_text(st, 3, action);
	stmt_bind_text(st, 4, record_type);
	if (record_id)
		stmt_bind_int(st, 5, record_id);
	else
		stmt_bind_null(st, 5);
	stmt_bind_text(st, 6, before);
	stmt_bind_text(st, 7, after);
	rc = stmt_step(st, e);
	stmt_done(st);
	return rc < 0 ? -1 : 0;
}
