/* risk_run: assessment runs. A run freezes the risk register as it stands
 * (ISO 27001 8.2: the results of each assessment are kept): every live risk
 * (not archived) with its owner, asset, inherent and residual likelihood,
 * impact, score and level, treatment, status and method version is copied
 * into the run's items, in one transaction with the run's audit entry. Runs
 * are never changed afterwards: there is no update or delete.
 *
 * Two runs compare (risk_run_compare, pure) into the risks that are new,
 * reopened (closed before, open again), gone (closed or archived), changed
 * level (up or down, inherent and residual) and unchanged.
 *
 * Memory: every string and array of a result lives in the caller's arena. */
#ifndef ISMS_RISK_RUN_H
#define ISMS_RISK_RUN_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "store/store.h"

#define RISK_RUN_NOTE_MAX 500
#define RISK_RUN_LIST_MAX 500
/* A value the risk did not have (unscored); also "no level" as a rank. */
#define RUN_NONE (-1)

/* The note of a new run, as a field: for its checks and the web form. */
struct field;
extern const struct field risk_run_note_field;

struct risk_run {
	int64_t id;
	const char *created_at;
	int64_t created_by;           /* 0: the system (the CLI) */
	const char *created_by_name;  /* NULL for the system */
	const char *note;
	int64_t risk_count;
};

struct run_item {
	int64_t risk_id;
	const char *title;
	int64_t owner, asset;                  /* 0: none */
	const char *owner_name, *asset_name;   /* as they were; NULL: none */
	int64_t likelihood, impact, inherent_score;                    /* RUN_NONE: unset */
	int64_t residual_likelihood, residual_impact, residual_score; /* RUN_NONE: unset */
	const char *inherent_level, *residual_level;                  /* NULL: unscored */
	int inherent_rank, residual_rank; /* the level's place in its method (0 lowest); RUN_NONE */
	const char *treatment, *status;
	int64_t method_version;                                       /* RUN_NONE: unset */
};

struct risk_run_full {
	struct risk_run run;
	struct run_item *items; /* by risk id */
	int n;
};

/* Checks the note (required, one line, at most RISK_RUN_NOTE_MAX
 * characters: a 422 on field "note"), then freezes the register as a new
 * run by who, audited as "risk_run_create", all in one transaction. */
int risk_run_create(struct store *s, const struct actor *who, const char *note, int64_t *id, struct err *e);
/* Runs newest first: at most limit from offset. Returns the count, or -1;
 * *total gets the number of runs. */
int risk_run_list(struct store *s, int limit, int offset, struct arena *a, struct risk_run **out, int64_t *total,
		  struct err *e);
/* One run with its items; 404 when there is none. what names the run in
 * messages and field errors ("run", "from", "to"). */
int risk_run_get(struct store *s, int64_t id, const char *what, struct arena *a, struct risk_run_full *out,
		 struct err *e);

/* ---- counts and comparison (pure) ---- */

struct level_count {
	const char *level; /* key; NULL: unscored */
	int rank;          /* its place in its method, as run_item's ranks */
	int inherent, residual;
};
/* Risks per level key, inherent and residual, lowest level first,
 * unscored last. Returns the count of rows in *out. */
int risk_run_level_counts(const struct risk_run_full *r, struct arena *a, struct level_count **out);

enum run_change {
	RUN_NEW,       /* open in the later run, absent from the earlier one */
	RUN_CLOSED,    /* open in the earlier run, closed in the later one */
	RUN_ARCHIVED,  /* open in the earlier run, absent from the later one */
	RUN_CHANGED,   /* open in both, a level moved */
	RUN_UNCHANGED, /* open in both, both levels where they were */
	RUN_REOPENED,  /* closed in the earlier run, open in the later one (levels compared) */
};

struct run_diff_row {
	enum run_change change;
	const struct run_item *from, *to; /* NULL where the risk is absent */
	int inherent_move, residual_move; /* +1 up, -1 down, 0 same */
};

struct run_diff {
	struct run_diff_row *rows; /* by risk id; every change but RUN_UNCHANGED */
	int n;
	int new_risks, reopened, closed, archived, changed, unchanged;
	int inherent_up, inherent_down, residual_up, residual_down;
};

/* Compares run from with run to (both by risk id). A risk is open when its
 * status is not "closed"; risks closed in both, or closed when they first
 * appear, are counted nowhere. Level moves (inherent_up...) count the
 * changed risks only; a reopened row carries its own moves. */
void risk_run_compare(const struct risk_run_full *from, const struct risk_run_full *to, struct arena *a,
		      struct run_diff *out);

/* ---- JSON, for the API and the CLI ---- */

void risk_run_to_json(const struct risk_run *r, struct strbuf *sb);
/* The run with "items" and "counts" (per level, inherent and residual). */
void risk_run_full_to_json(const struct risk_run_full *r, struct arena *a, struct strbuf *sb);
/* {"from": run, "to": run, "counts": {...}, "new": [...], "reopened": [...],
 * "closed": [...], "archived": [...], "changed": [...]}: new and closed risks
 * as the later run holds them, archived ones as the earlier; changed and
 * reopened ones with their levels on each side and the moves ("up", "down",
 * "same"), reopened ones with their status on each side too. */
void risk_run_diff_to_json(const struct risk_run_full *from, const struct risk_run_full *to,
			   const struct run_diff *d, struct strbuf *sb);

#endif
