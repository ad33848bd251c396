/* raci: who holds the ISMS roles, and the RACI of each process (see
 * raci.h). */
#include "isms/raci.h"

#include <string.h>

#include "base/jsonw.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "isms/audit.h"

const struct isms_role isms_roles[] = {
	{ "top_management", "Top management sponsor",
	  "Owns the ISMS on behalf of top management: sets direction, provides resources, chairs the management review." },
	{ "isms_manager", "Information security officer (ISMS manager)",
	  "Runs the ISMS day to day and reports on its performance to top management." },
	{ "risk_coordinator", "Risk owner coordinator",
	  "Keeps the risk assessment going: brings risk owners together, tracks treatment and acceptance." },
	{ "internal_audit_lead", "Internal audit lead",
	  "Plans the audit programme and leads the internal audits, independent of the areas audited." },
	{ "dpo", "Data protection officer",
	  "Advises on and monitors the protection of personal data; the contact point for the supervisory authority." },
};
const int isms_role_count = (int)ARRAY_SIZE(isms_roles);

const struct isms_role *isms_role_find(const char *key)
{
	for (int i = 0; key && i < isms_role_count; i++)
		if (strcmp(isms_roles[i].key, key) == 0)
			return &isms_roles[i];
	return NULL;
}

static int may_change(const struct actor *who, struct err *e)
{
	if (who->role < RACI_WRITE_ROLE)
		return err_set(e, 403, "forbidden", "Only ISMS managers and administrators change roles and responsibilities.");
	return 0;
}

int raci_holders(struct store *s, struct arena *a, struct role_holder *out, struct err *e)
{
	struct stmt *st;
	int step;
	for (int i = 0; i < isms_role_count; i++)
		out[i] = (struct role_holder){ .role = &isms_roles[i] };
	if (!(st = store_prepare(s, "SELECT h.role, h.user_id, u.name, u.email, h.assigned_at FROM isms_role_holder h "
				    "JOIN users u ON u.id = h.user_id", e)))
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		const struct isms_role *r = isms_role_find(stmt_text(st, 0));
		struct role_holder *h;
		if (!r)
			continue; /* a role no longer in the list */
		h = &out[r - isms_roles];
		h->user_id = stmt_int(st, 1);
		h->name = arena_strdup(a, stmt_text(st, 2));
		h->email = arena_strdup(a, stmt_text(st, 3));
		h->assigned_at = arena_strdup(a, stmt_text(st, 4));
	}
	stmt_done(st);
	return step < 0 ? -1 : 0;
}

/* 422 on field unless user_id is an enabled user; *name (a) gets their name. */
static int check_user(struct store *s, int64_t user_id, const char *field, struct arena *a, const char **name,
		      struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT disabled, name FROM users WHERE id = ?", e);
	int step, disabled = 0;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, user_id);
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		disabled = (int)stmt_int(st, 0);
		*name = arena_strdup(a, stmt_text(st, 1));
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	if (step == STORE_DONE)
		return err_field(e, field, "reference", "No user with id %lld.", (long long)user_id);
	if (disabled)
		return err_field(e, field, "disabled", "User %lld is disabled and cannot hold a responsibility.",
				 (long long)user_id);
	return 0;
}

static char *holder_json(const struct isms_role *r, int64_t user_id, const char *name, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;
	int first = 1;
	sb_addc(&sb, '{');
	jsonw_kv_str(&sb, &first, "role", r->key);
	jsonw_kv_id(&sb, &first, "user_id", user_id);
	jsonw_kv_str(&sb, &first, "user", name);
	sb_addc(&sb, '}');
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

int raci_assign(struct store *s, const struct actor *who, const char *role, int64_t user_id, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct role_holder h[ARRAY_SIZE(isms_roles)];
	const struct isms_role *r = isms_role_find(role);
	const char *name = NULL;
	char now[32];
	int rc = -1;
	if (may_change(who, e))
		return -1;
	if (!r)
		return err_set(e, 404, "not_found", "There is no ISMS role %s.", role ? role : "");
	if (store_begin(s, e))
		return -1;
	if (raci_holders(s, &a, h, e) || (user_id && check_user(s, user_id, "user_id", &a, &name, e)))
		goto out;
	if (h[r - isms_roles].user_id == user_id) { /* no change */
		rc = store_commit(s, e);
		goto out;
	}
	time_now_iso(now);
	if (STORE_RUN(s, e, "DELETE FROM isms_role_holder WHERE role = ?", ARG_TEXT(r->key)) ||
	    (user_id && STORE_RUN(s, e, "INSERT INTO isms_role_holder (role, user_id, assigned_at, assigned_by) "
				       "VALUES (?, ?, ?, ?)", ARG_TEXT(r->key), ARG_INT(user_id), ARG_TEXT(now),
				 who->user_id ? ARG_INT(who->user_id) : ARG_TEXT(NULL))))
		goto out;
	if (audit_append(s, who, "role_assign", "isms_role", (int64_t)(r - isms_roles) + 1,
			 holder_json(r, h[r - isms_roles].user_id, h[r - isms_roles].name, &a),
			 holder_json(r, user_id, name, &a), e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	arena_release(&a);
	return rc;
}

/* ---- the RACI of processes ------------------------------------------------ */

/* Entries of the processes read so far, sorted: roles in list order, then people by name. */
static int entry_rank(const struct raci_entry *x)
{
	const struct isms_role *r = isms_role_find(x->role);
	return r ? (int)(r - isms_roles) : isms_role_count;
}

static void sort_entries(struct raci_entry *v, int n)
{
	for (int i = 1; i < n; i++) /* insertion sort: a handful of entries */
		for (int j = i; j > 0; j--) {
			struct raci_entry *x = &v[j - 1], *y = &v[j], t;
			int rx = entry_rank(x), ry = entry_rank(y);
			if (rx < ry || (rx == ry && (rx < isms_role_count || strcmp(x->name ? x->name : "", y->name ? y->name : "") <= 0)))
				break;
			t = *x;
			*x = *y;
			*y = t;
		}
}

/* Reads the entries of the processes p[0..n-1] (ids ascending or not). */
static int read_entries(struct store *s, struct arena *a, struct raci_process *p, int n, int64_t only, struct err *e)
{
	struct stmt *st;
	int step;
	int *caps = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
	memset(caps, 0, sizeof(int) * (size_t)(n ? n : 1));
	if (!(st = store_prepare(s, only ? "SELECT r.process_id, r.role, r.user_id, u.name, r.letter FROM raci_entry r "
					   "LEFT JOIN users u ON u.id = r.user_id WHERE r.process_id = ?"
					 : "SELECT r.process_id, r.role, r.user_id, u.name, r.letter FROM raci_entry r "
					   "LEFT JOIN users u ON u.id = r.user_id",
				 e)))
		return -1;
	if (only)
		stmt_bind_int(st, 1, only);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		int64_t pid = stmt_int(st, 0);
		for (int i = 0; i < n; i++)
			if (p[i].id == pid) {
				struct raci_entry *x;
				const struct isms_role *r;
				p[i].entries = arena_grow(a, p[i].entries, p[i].n, &caps[i], sizeof(*p[i].entries));
				x = &p[i].entries[p[i].n++];
				x->role = arena_strdup(a, stmt_text(st, 1));
				x->user_id = stmt_isnull(st, 2) ? 0 : stmt_int(st, 2);
				r = isms_role_find(x->role);
				x->name = r ? r->label : arena_strdup(a, stmt_text(st, 3));
				x->letter = stmt_text(st, 4) ? stmt_text(st, 4)[0] : '?';
				break;
			}
	}
	stmt_done(st);
	for (int i = 0; i < n; i++)
		sort_entries(p[i].entries, p[i].n);
	return step < 0 ? -1 : 0;
}

int raci_matrix(struct store *s, struct arena *a, struct raci_process **out, int *n, struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT id, name FROM process WHERE archived = 0 ORDER BY name, id", e);
	int cap = 0, step;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out));
		(*out)[*n] = (struct raci_process){ .id = stmt_int(st, 0), .name = arena_strdup(a, stmt_text(st, 1)) };
		(*n)++;
	}
	stmt_done(st);
	if (step < 0)
		return -1;
	return read_entries(s, a, *out, *n, 0, e);
}

static int process_get(struct store *s, int64_t id, struct arena *a, struct raci_process *out, int *archived,
		       struct err *e)
{
	struct stmt *st = store_prepare(s, "SELECT id, name, archived FROM process WHERE id = ?", e);
	int step;
	if (!st)
		return -1;
	stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		*out = (struct raci_process){ .id = stmt_int(st, 0), .name = arena_strdup(a, stmt_text(st, 1)) };
		*archived = (int)stmt_int(st, 2);
	}
	stmt_done(st);
	if (step == STORE_DONE)
		return err_set(e, 404, "not_found", "There is no process %lld.", (long long)id);
	return step < 0 ? -1 : 0;
}

int raci_get(struct store *s, int64_t process_id, struct arena *a, struct raci_process *out, struct err *e)
{
	int archived;
	return process_get(s, process_id, a, out, &archived, e) || read_entries(s, a, out, 1, process_id, e) ? -1 : 0;
}

/* Checks the entries whole; every problem at once. */
static int check_entries(struct store *s, const struct raci_entry *in, int n, struct arena *a, struct err *e)
{
	int accountable = 0;
	const char *first_a = NULL, *second_a = NULL;
	if (n > RACI_MAX_ENTRIES)
		return err_field(e, "entries", "too_many", "At most %d entries per process.", RACI_MAX_ENTRIES);
	for (int i = 0; i < n; i++) {
		const char *f = arena_printf(a, "entries[%d]", i);
		const struct isms_role *role = isms_role_find(in[i].role);
		const char *who = role ? role->label : in[i].role;
		if (!in[i].role == !in[i].user_id) {
			err_field(e, f, "role_or_user", "Give either an ISMS role or a person (user_id), not both or neither.");
			continue;
		}
		if (in[i].role && !role) {
			err_field(e, arena_printf(a, "%s.role", f), "unknown", "There is no ISMS role %s.", in[i].role);
			continue;
		}
		if (in[i].user_id) {
			who = arena_printf(a, "user %lld", (long long)in[i].user_id);
			if (check_user(s, in[i].user_id, arena_printf(a, "%s.user_id", f), a, &who, e) && !e->nfields)
				return -1;
		}
		if (!strchr("RACI", in[i].letter) || !in[i].letter)
			err_field(e, arena_printf(a, "%s.letter", f), "invalid", "The letter is one of R, A, C or I.");
		for (int j = 0; j < i; j++)
			if ((in[i].role && in[j].role && strcmp(in[i].role, in[j].role) == 0) ||
			    (in[i].user_id && in[j].user_id == in[i].user_id))
				err_field(e, f, "duplicate", "%s appears twice: give each role or person one letter.", who);
		if (in[i].letter == 'A') {
			accountable++;
			if (!first_a)
				first_a = who;
			else if (!second_a)
				second_a = who;
		}
	}
	if (n > 0 && accountable == 0)
		err_field(e, "entries", "no_accountable",
			  "A process needs exactly one Accountable (A): say who answers for it.");
	else if (accountable > 1)
		err_field(e, "entries", "several_accountable",
			  "A process has exactly one Accountable (A), but %s and %s are both given A.", first_a, second_a);
	return e->nfields ? -1 : 0;
}

void raci_process_to_json(const struct raci_process *p, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_int(sb, &first, "id", p->id);
	jsonw_kv_str(sb, &first, "name", p->name);
	jsonw_key(sb, &first, "raci");
	sb_addc(sb, '[');
	for (int i = 0; i < p->n; i++) {
		int f = 1;
		char letter[2] = { p->entries[i].letter, '\0' };
		sb_adds(sb, i ? ",{" : "{");
		jsonw_kv_str(sb, &f, "role", p->entries[i].role);
		jsonw_kv_id(sb, &f, "user_id", p->entries[i].user_id);
		jsonw_kv_str(sb, &f, "name", p->entries[i].name);
		jsonw_kv_str(sb, &f, "letter", letter);
		sb_addc(sb, '}');
	}
	sb_adds(sb, "]}");
}

void raci_holder_to_json(const struct role_holder *h, struct strbuf *sb)
{
	int first = 1;
	sb_addc(sb, '{');
	jsonw_kv_str(sb, &first, "key", h->role->key);
	jsonw_kv_str(sb, &first, "label", h->role->label);
	jsonw_kv_str(sb, &first, "description", h->role->description);
	jsonw_kv_id(sb, &first, "user_id", h->user_id);
	jsonw_kv_str(sb, &first, "user_name", h->name);
	jsonw_kv_str(sb, &first, "user_email", h->email);
	sb_addc(sb, '}');
}

static char *process_json(const struct raci_process *p, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	char *out;
	raci_process_to_json(p, &sb);
	out = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return out;
}

int raci_set(struct store *s, const struct actor *who, int64_t process_id, const struct raci_entry *in, int n,
	     struct arena *a, struct err *e)
{
	struct raci_process before, after;
	char now[32];
	int archived = 0, rc = -1;
	if (may_change(who, e) || store_begin(s, e))
		return -1;
	if (process_get(s, process_id, a, &before, &archived, e) || read_entries(s, a, &before, 1, process_id, e))
		goto out;
	if (archived) {
		err_set(e, 409, "archived", "Process %lld is archived: its responsibilities can no longer change.",
			(long long)process_id);
		goto out;
	}
	if (check_entries(s, in, n, a, e))
		goto out;
	time_now_iso(now);
	if (STORE_RUN(s, e, "DELETE FROM raci_entry WHERE process_id = ?", ARG_INT(process_id)))
		goto out;
	for (int i = 0; i < n; i++) {
		char letter[2] = { in[i].letter, '\0' };
		if (STORE_RUN(s, e, "INSERT INTO raci_entry (process_id, role, user_id, letter, created_at, created_by) "
				    "VALUES (?, ?, ?, ?, ?, ?)", ARG_INT(process_id), ARG_TEXT(in[i].role),
			      in[i].user_id ? ARG_INT(in[i].user_id) : ARG_TEXT(NULL), ARG_TEXT(letter), ARG_TEXT(now),
			      who->user_id ? ARG_INT(who->user_id) : ARG_TEXT(NULL)))
			goto out;
	}
	after = before;
	after.entries = NULL;
	after.n = 0;
	if (read_entries(s, a, &after, 1, process_id, e) ||
	    audit_append(s, who, "raci_set", "process", process_id, process_json(&before, a), process_json(&after, a), e))
		goto out;
	rc = store_commit(s, e);
out:
	if (rc)
		store_rollback(s);
	return rc;
}
