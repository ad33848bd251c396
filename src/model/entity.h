/* entity: the entity table. Each record type is described once — fields,
 * types, limits, enums, references, who may read and write — and generic
 * code serves every type from the description: validation, JSON, SQL,
 * list filters, forms. Adding a field is one line here plus a migration.
 *
 * Every table also has the system columns id, version, archived,
 * created_at, created_by, updated_at, updated_by (see SYSTEM_COLUMNS). */
#ifndef ISMS_ENTITY_H
#define ISMS_ENTITY_H
#include <stddef.h>
#include <stdint.h>

#include "model/role.h"

enum field_type {
	FT_TEXT,     /* one line, max_len code points */
	FT_LONGTEXT, /* multi-line (Markdown where it makes sense) */
	FT_INT,      /* integer in [min, max] when min < max */
	FT_BOOL,
	FT_DATE,     /* YYYY-MM-DD */
	FT_DATETIME, /* YYYY-MM-DDTHH:MM:SSZ, UTC */
	FT_ENUM,     /* one of values[] */
	FT_REF,      /* id of a live record of entity `ref` */
	FT_USER,     /* id of a user */
	FT_EMAIL,
	FT_NUMBER,   /* a finite decimal number, stored as REAL / DOUBLE PRECISION, read back canonical */
};

enum field_flag {
	F_REQUIRED = 1 << 0, /* must be present and non-null on create */
	F_COMPUTED = 1 << 1, /* derived by the database; never written */
	F_LIST = 1 << 2,     /* a column of the list page */
	F_SEARCH = 1 << 3,   /* matched by the q= free-text search */
	F_CALLER = 1 << 4,   /* FT_USER: the creating user when not given ("reported by") */
	F_LEVEL = 1 << 5,    /* the key of a risk method level: shown as its coloured badge */
	F_CLASS = 1 << 6,    /* FT_TEXT: the key of a classification level (isms/classification.h) */
	F_PANEL = 1 << 7,    /* shown in a panel of its own on the record's page, not in its field grid */
};

struct field {
	const char *name;          /* column and JSON key */
	const char *label;         /* shown in forms and tables */
	enum field_type type;
	unsigned flags;
	int max_len;               /* FT_TEXT/LONGTEXT/EMAIL: code points */
	int64_t min, max;          /* FT_INT range, used when min < max */
	const char *const *values; /* FT_ENUM: NULL-terminated */
	const char *ref;           /* FT_REF: target entity name */
	const char *def;           /* default on create, in text form */
	const char *help;          /* one line of guidance under the form field */
};

/* A per-record rule. From all_role up, a caller reaches every record of the
 * type; below it, only the records where one of user_fields names them
 * ("created_by" means the record's creator) or where field = value (say,
 * published documents; value NULL: where field is not null). all_role 0 means no rule: the type's role decides.
 * Records out of a caller's read scope do not exist for them (404); ones in
 * read but out of write scope are 403 to change. */
#define SCOPE_USER_FIELDS 3
struct record_scope {
	enum role all_role;
	const char *user_fields[SCOPE_USER_FIELDS];
	const char *field, *value;
};

struct entity {
	const char *name;         /* "asset": singular, used in messages */
	const char *plural;       /* "assets": URL segment */
	const char *table;        /* SQL table */
	const char *label;        /* "Asset" */
	const char *label_plural; /* "Assets" */
	const char *title_field;  /* field naming a record in lists and links */
	const char *default_sort; /* e.g. "name" or "-id" */
	const char *intro;        /* one sentence shown atop the list page */
	enum role read_role;      /* least role to list and read */
	enum role create_role;    /* least role to create */
	enum role write_role;     /* least role to update and archive */
	struct record_scope read_scope;  /* which records a caller below all_role sees */
	struct record_scope write_scope; /* ... and may change (and create) */
	/* What "overdue" means for the type (lists' overdue=true, the dashboard):
	 * due_field, a date, is past, unless the status field holds one of
	 * done_values. NULL due_field: the type has no deadline. also_due_field:
	 * a second date whose passing makes it overdue too (a supplier's
	 * contract end); NULL: none. */
	struct {
		const char *due_field, *status_field;
		const char *done_values[4]; /* NULL-terminated */
		const char *also_due_field;
	} overdue;
	const struct field *fields;
	int nfields;
};

#define ENTITY_FIELDS(arr) .fields = (arr), .nfields = (int)(sizeof(arr) / sizeof((arr)[0]))

extern const struct entity *const entity_table[];
extern const int entity_count;

const struct entity *entity_by_name(const char *name);
const struct entity *entity_by_plural(const char *plural, int len); /* len < 0: strlen */
const struct field *entity_field(const struct entity *e, const char *name);
int entity_field_index(const struct entity *e, const char *name);
const struct field *entity_title(const struct entity *e);
/* "treatment_planned" -> "Treatment planned", into out. */
void enum_label(const char *value, char *out, int outlen);
int enum_has(const struct field *f, const char *value);

/* The system columns every entity table has, in this order. */
#define SYSTEM_COLUMNS "id, version, archived, created_at, created_by, updated_at, updated_by"
#define SYSTEM_NCOLS 7

#endif
