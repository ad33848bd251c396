/* risk_run_compare: the pure half of assessment runs — risks per level in
 * one run, and what changed between two runs. No database: both take runs
 * already read, so tests/unit/test_risk_run.c checks them on made-up runs. */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "isms/risk_run.h"

static int is_open(const struct run_item *it)
{
	return !streq(it->status, "closed");
}

static int sign(int d)
{
	return (d > 0) - (d < 0);
}

static void add_row(struct run_diff *d, int *cap, struct arena *a, enum run_change change,
		    const struct run_item *from, const struct run_item *to)
{
	struct run_diff_row *row;
	d->rows = arena_grow(a, d->rows, d->n, cap, sizeof(*d->rows));
	row = &d->rows[d->n++];
	memset(row, 0, sizeof(*row));
	row->change = change;
	row->from = from;
	row->to = to;
	if (change == RUN_CHANGED || change == RUN_REOPENED) {
		row->inherent_move = sign(to->inherent_rank - from->inherent_rank);
		row->residual_move = sign(to->residual_rank - from->residual_rank);
	}
}

/* One risk of either run or both (x in from, y in to; NULL when absent). */
static void compare_one(struct run_diff *d, int *cap, struct arena *a, const struct run_item *x,
			const struct run_item *y)
{
	int was = x && is_open(x), is = y && is_open(y);
	if (!was && is && x) {
		d->reopened++;
		add_row(d, cap, a, RUN_REOPENED, x, y);
	} else if (!was && is) {
		d->new_risks++;
		add_row(d, cap, a, RUN_NEW, x, y);
	} else if (was && !y) {
		d->archived++;
		add_row(d, cap, a, RUN_ARCHIVED, x, NULL);
	} else if (was && !is) {
		d->closed++;
		add_row(d, cap, a, RUN_CLOSED, x, y);
	} else if (was && is) {
		int in = sign(y->inherent_rank - x->inherent_rank), re = sign(y->residual_rank - x->residual_rank);
		if (!in && !re) {
			d->unchanged++;
			return;
		}
		d->changed++;
		d->inherent_up += in > 0;
		d->inherent_down += in < 0;
		d->residual_up += re > 0;
		d->residual_down += re < 0;
		add_row(d, cap, a, RUN_CHANGED, x, y);
	}
}

void risk_run_compare(const struct risk_run_full *from, const struct risk_run_full *to, struct arena *a,
		      struct run_diff *out)
{
	int i = 0, j = 0, cap = 0;
	memset(out, 0, sizeof(*out));
	while (i < from->n || j < to->n) {
		const struct run_item *x = i < from->n ? &from->items[i] : NULL;
		const struct run_item *y = j < to->n ? &to->items[j] : NULL;
		if (x && (!y || x->risk_id < y->risk_id)) {
			compare_one(out, &cap, a, x, NULL);
			i++;
		} else if (y && (!x || y->risk_id < x->risk_id)) {
			compare_one(out, &cap, a, NULL, y);
			j++;
		} else {
			compare_one(out, &cap, a, x, y);
			i++;
			j++;
		}
	}
}

/* Rank order, lowest first; unscored (no key) last; a key its method no
 * longer knows (RUN_NONE) just before those. */
static int by_rank(const void *pa, const void *pb)
{
	const struct level_count *x = pa, *y = pb;
	int kx = x->level ? (x->rank == RUN_NONE ? 1000 : x->rank) : 1001;
	int ky = y->level ? (y->rank == RUN_NONE ? 1000 : y->rank) : 1001;
	if (kx != ky)
		return kx < ky ? -1 : 1;
	return x->level && y->level ? strcmp(x->level, y->level) : 0;
}

static struct level_count *count_row(struct level_count **rows, int *n, int *cap, struct arena *a,
				     const char *key, int rank)
{
	for (int k = 0; k < *n; k++)
		if (streq((*rows)[k].level, key))
			return &(*rows)[k];
	*rows = arena_grow(a, *rows, *n, cap, sizeof(**rows));
	(*rows)[*n] = (struct level_count){ key, rank, 0, 0 };
	return &(*rows)[(*n)++];
}

int risk_run_level_counts(const struct risk_run_full *r, struct arena *a, struct level_count **out)
{
	int n = 0, cap = 0;
	*out = NULL;
	for (int i = 0; i < r->n; i++) {
		const struct run_item *it = &r->items[i];
		count_row(out, &n, &cap, a, it->inherent_level, it->inherent_rank)->inherent++;
		count_row(out, &n, &cap, a, it->residual_level, it->residual_rank)->residual++;
	}
	if (n > 1)
		qsort(*out, (size_t)n, sizeof(**out), by_rank);
	return n;
}
