/* run: helpers over the store interface that any engine shares. */
#include "store/store.h"

int store_run(struct store *s, const char *sql, const struct store_arg *args, int nargs, struct err *e)
{
	struct stmt *st = store_prepare(s, sql, e);
	int step;
	if (!st)
		return -1;
	for (int i = 0; i < nargs; i++) {
		if (args[i].is_text)
			stmt_bind_text(st, i + 1, args[i].s);
		else
			stmt_bind_int(st, i + 1, args[i].i);
	}
	step = stmt_step(st, e);
	stmt_done(st);
	return step < 0 ? -1 : 0;
}
