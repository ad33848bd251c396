/* soa: the Statement of Applicability (ISO/IEC 27001 6.1.3 d) of a
 * framework with has_soa — one row per in_soa requirement (an Annex A
 * control) in document order, grouped by its parent (the theme).
 *
 * A row reads what the organisation decided (table soa_entry: applicable
 * yes / no / not decided, reasons for inclusion, justification for
 * exclusion, its own implementation status) together with what is derived
 * when the SoA is read, so nothing has to be kept in sync:
 *  - the linked controls: live controls linked to the requirement
 *    (control_requirement);
 *  - the linked risks: live risks linked to those controls
 *    (link_risk_control). A row with a linked risk is applicable with the
 *    reason "risk_treatment" whatever was decided, and cannot be set to
 *    not applicable (422 naming the risks and the controls);
 *  - the implementation status: with no linked control (or only controls
 *    marked not_applicable) the row's own status (not_implemented when
 *    unset); otherwise from the controls — all implemented: implemented;
 *    any implemented or partially implemented: partially_implemented; any
 *    planned: planned; else not_implemented. status_source says which.
 *
 * Versions (soa_version.c): approving freezes the SoA as it reads now
 * (every row with derived values and names, as JSON) with approver, time,
 * note and the next number; versions never change. Two versions, or a
 * version and the current SoA, compare row by row.
 *
 * Memory: every string and array of a result lives in the caller's arena. */
#ifndef ISMS_SOA_H
#define ISMS_SOA_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "isms/framework.h"
#include "store/store.h"

#define SOA_READ_ROLE ROLE_AUDITOR
#define SOA_WRITE_ROLE ROLE_MANAGER
#define SOA_JUSTIFICATION_MAX 2000
#define SOA_NOTE_MAX 500
#define SOA_UNDECIDED (-1) /* applicable not decided yet */

/* Reasons for inclusion, in this order everywhere (JSON, CSV, forms). */
enum soa_reason { SOA_RISK, SOA_LEGAL, SOA_CONTRACT, SOA_BUSINESS, SOA_NREASONS };
extern const char *const soa_reason_keys[SOA_NREASONS];   /* "risk_treatment", "legal", ... */
extern const char *const soa_reason_labels[SOA_NREASONS]; /* "Risk treatment", ... */
/* Implementation statuses a row may have, NULL-terminated. */
extern const char *const soa_statuses[];
/* The index of a reason key, or -1. */
int soa_reason_index(const char *key);

struct soa_control {
	int64_t id;
	const char *code, *title, *status;
};

struct soa_risk {
	int64_t id;
	const char *title, *residual_level; /* NULL: no residual level */
	int64_t control_id;                 /* the control it is linked through (the first) */
};

struct soa_row {
	int64_t requirement_id, group_id;
	const char *ref_id, *title;
	const char *group_ref, *group_title; /* the parent's; NULL for a root */
	int applicable;       /* as it reads: 1, 0 or SOA_UNDECIDED */
	int decided;          /* as decided (soa_entry): 1, 0 or SOA_UNDECIDED */
	int reasons[SOA_NREASONS]; /* as it reads: decided, plus risk treatment when derived */
	int decided_reasons[SOA_NREASONS]; /* as decided (soa_entry) */
	int risk_derived;     /* a linked live risk makes the row applicable */
	const char *justification;
	const char *status;        /* as it reads */
	const char *status_source; /* "controls" or "row" */
	const char *own_status;    /* decided; NULL: not set */
	struct soa_control *controls;
	int n_controls;
	struct soa_risk *risks;
	int n_risks;
	int64_t version;           /* soa_entry.version; 0: nothing decided yet */
	const char *updated_at;    /* NULL when nothing decided */
	int64_t updated_by;
};

struct soa_counts {
	int rows, applicable, excluded, undecided, implemented; /* implemented: of the applicable */
	int groups;
};

struct soa {
	struct framework fw;
	struct soa_row *rows;
	int n;
	struct soa_counts counts;
};

/* The current SoA of framework_id: 404 when there is no such framework,
 * 422 "no_soa" when it has no Statement of Applicability. */
int soa_read(struct store *s, int64_t framework_id, struct arena *a, struct soa *out, struct err *e);
/* The framework of an SoA: 404 when there is none, 422 "no_soa" when it
 * has no Statement of Applicability. */
int soa_framework(struct store *s, int64_t framework_id, struct arena *a, struct framework *out, struct err *e);
/* Applicable rows implemented, in whole percent (0 when none is applicable). */
int soa_implemented_percent(const struct soa_counts *c);
/* One row by requirement id: 404 when there is none, 422 "not_in_soa" when
 * the requirement is not a row of an SoA. */
int soa_row_read(struct store *s, int64_t requirement_id, struct arena *a, struct soa_row *out, struct err *e);
/* Fills counts from rows (pure). */
void soa_count(const struct soa_row *rows, int n, struct soa_counts *c);

/* A change of one row: only what is set changes. */
struct soa_change {
	int set_applicable, applicable; /* 1, 0 or SOA_UNDECIDED */
	int set_reasons, reasons[SOA_NREASONS];
	int set_justification;
	const char *justification;      /* NULL or blank: none */
	int set_status;
	const char *status;             /* NULL: none */
};

/* Checks c against the row as it reads in the write transaction —
 * applicable not set to no while a risk is linked (422 on "applicable"
 * naming the risks and controls), a justification when not applicable (422
 * on "justification"), known statuses (422 on "status"), the length of the
 * justification — and writes it, audited as "soa_update" on the requirement
 * with the row before and after. version: the row's version the caller
 * read (0: nothing decided yet; 412 "stale" when it moved), or -1 to skip
 * the check (the CLI). who needs SOA_WRITE_ROLE (403). *after (may be
 * NULL) gets the row as it reads after. */
int soa_update(struct store *s, const struct actor *who, int64_t requirement_id, int64_t version,
	       const struct soa_change *c, struct arena *a, struct soa_row *after, struct err *e);

/* ---- versions (soa_version.c) ------------------------------------------- */

struct soa_version {
	int64_t id, framework_id, number;
	const char *note, *approved_at;
	int64_t approved_by;
	const char *approved_by_name; /* NULL: the system */
	struct soa_counts counts;     /* of the frozen rows (filled by soa_version_get) */
};

/* Freezes the SoA of framework_id as it reads now into version number
 * max+1, with who, now and note (optional, one line, at most SOA_NOTE_MAX:
 * 422 on "note"), audited as "soa_approve" on the framework, in one
 * transaction. who needs SOA_WRITE_ROLE (403). */
int soa_approve(struct store *s, const struct actor *who, int64_t framework_id, const char *note, struct arena *a,
		struct soa_version *out, struct err *e);
/* The versions of framework_id, newest first (404 / 422 as soa_read). */
int soa_versions(struct store *s, int64_t framework_id, struct arena *a, struct soa_version **out, int *n,
		 struct err *e);
/* Version number of framework_id with its frozen rows in *rows; 404 when
 * there is none (a field error on what — "from", "to" — unless what is
 * NULL). */
int soa_version_get(struct store *s, int64_t framework_id, int64_t number, const char *what, struct arena *a,
		    struct soa_version *out, struct soa *rows, struct err *e);

/* ---- comparison (pure) -------------------------------------------------- */

enum soa_field { SOA_F_APPLICABLE, SOA_F_REASONS, SOA_F_STATUS, SOA_F_JUSTIFICATION, SOA_NFIELDS };
extern const char *const soa_field_keys[SOA_NFIELDS];

struct soa_diff_row {
	const struct soa_row *from, *to; /* NULL: absent on that side (added / removed) */
	unsigned changed;                /* bits 1 << enum soa_field */
};

struct soa_diff {
	struct soa_diff_row *rows; /* every row that differs, in the later SoA's order, removed ones last */
	int n;
	int added, removed, changed, unchanged;
};

/* Rows are matched by requirement id. */
void soa_compare(const struct soa *from, const struct soa *to, struct arena *a, struct soa_diff *out);

/* Two SoAs of framework_id read and compared: version from with version
 * to, or with the current SoA when to is 0. A missing version is a 422 on
 * field "from" or "to", the same version twice a 422 on "to". */
struct soa_cmp {
	struct soa_version from, to; /* to: zero when it is the current SoA */
	struct soa from_rows, to_rows;
	struct soa_diff diff;
};
int soa_compare_versions(struct store *s, int64_t framework_id, int64_t from, int64_t to, struct arena *a,
			 struct soa_cmp *out, struct err *e);

/* ---- JSON and CSV ------------------------------------------------------- */

/* One row: what the API returns for /soa/{id}, and the frozen form. */
void soa_row_to_json(const struct soa_row *r, struct strbuf *sb);
/* A row read back from its JSON (a frozen version); -1 when it is not one. */
struct json_t;
int soa_row_from_json(struct json_t *o, struct arena *a, struct soa_row *out);
/* {"framework": {...}, "counts": {...}, "groups": [{"id","ref_id","title","rows":[...]}]} */
void soa_to_json(const struct soa *soa, struct strbuf *sb);
void soa_version_to_json(const struct soa_version *v, struct strbuf *sb);
/* {"from": version, "to": version or null (current), "counts": {...},
 * "rows": [{"requirement_id","ref_id","title","change","changes":[{"field","before","after"}]}]} */
void soa_diff_to_json(const struct soa_version *from, const struct soa_version *to, const struct soa_diff *d,
		      struct strbuf *sb);
/* The rows as CSV with a header line. */
void soa_to_csv(const struct soa *soa, struct strbuf *sb);
/* The value of field f of a row as text, for the comparison ("yes", "no",
 * "not decided"; reasons joined with ", "; a dash for none). */
const char *soa_field_text(const struct soa_row *r, enum soa_field f, struct arena *a);

#endif
