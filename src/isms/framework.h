/* framework: frameworks as trees of requirements (ISO/IEC 27001 clauses and
 * Annex A, NIST CSF 2.0, OSCAL catalogs and baselines, CISO Assistant
 * libraries), the mappings between requirements of different frameworks,
 * and the links from the organisation's controls to requirements.
 *
 * Every source of frameworks — the built-in library (framework_builtin.c),
 * OSCAL (oscal_import.c), CISO Assistant YAML (ciso_import.c) — parses into
 * one struct fw_import in memory and hands it to framework_import_save,
 * which checks it whole and writes it in one transaction with one audit
 * entry: a bad file leaves nothing half-imported. URNs are compared and
 * stored in lower case (libraries spell the same URN in both cases).
 *
 * A framework and its nodes are never edited afterwards; what the
 * organisation does with them lives in soa.c (Statement of Applicability)
 * and gap.c (gap analysis), keyed by requirement id. */
#ifndef ISMS_FRAMEWORK_H
#define ISMS_FRAMEWORK_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "isms/actor.h"
#include "store/store.h"

/* ---- what an import holds ------------------------------------------------ */

struct fw_node {
	const char *urn;        /* unique; a child's parent_urn names it */
	const char *parent_urn; /* NULL: a root node */
	const char *ref_id;     /* "A.5.1", "GV.OC-01"; NULL for some grouping nodes */
	const char *title;      /* required */
	const char *guidance;   /* NULL: none */
	int assessable;         /* 0: a grouping node (a theme, a function, a family) */
	int in_soa;             /* a row of the Statement of Applicability (Annex A controls) */
	const char *attributes; /* NULL or a JSON object of string arrays:
				 * {"control_type":["preventive"],"security_properties":["confidentiality"]} */
};

struct fw_def {
	const char *urn;         /* required, unique among frameworks */
	const char *ref_id;      /* short name, required: "ISO/IEC 27001:2022" */
	const char *name;        /* required */
	const char *version, *provider, *description; /* optional */
	const char *source;      /* the file it came from, when not imp->file (an OSCAL profile brings
				  * its catalog from another file); NULL: imp->file */
	const char *base_urn;    /* a baseline resolved from a profile: its catalog's urn (in this
				  * import or installed); NULL otherwise */
	struct fw_node *nodes;   /* parents before children */
	int n_nodes, cap_nodes;
};

/* relationship: "equal", "subset", "superset" or "intersects" ("intersect"
 * is read as "intersects"; "not_related" entries are dropped). */
struct fw_mapping {
	const char *source_urn, *target_urn, *relationship;
};

struct fw_mapping_set {
	const char *urn, *name;  /* for messages and the mapping's origin */
	struct fw_mapping *items;
	int n, cap;
};

struct fw_import {
	const char *origin;      /* "builtin", "oscal", "ciso-assistant" */
	const char *file;        /* where it came from (file name, built-in key): messages, the audit
				  * entry, and framework.source */
	struct fw_def *fws;
	int n_fws, cap_fws;
	struct fw_mapping_set *sets;
	int n_sets, cap_sets;
	const char *skipped;     /* what the files held that is not imported, for the user
				  * ("gdpr.yaml: 1092 translations"); parsers append; NULL: nothing */
};

/* Builders: they grow the arrays in a (arena memory) and return the new
 * element, zeroed. */
struct fw_def *fw_import_add_framework(struct fw_import *imp, struct arena *a);
struct fw_node *fw_def_add_node(struct fw_def *fw, struct arena *a);
struct fw_mapping_set *fw_import_add_set(struct fw_import *imp, struct arena *a);
struct fw_mapping *fw_set_add(struct fw_mapping_set *set, struct arena *a);

/* A parser of one file format into imp (the caller then saves it). buf is
 * the file's content (len bytes, not NUL-terminated), name its file name for
 * messages; dir is the folder it was read from (to follow relative links,
 * e.g. an OSCAL profile's catalog), NULL for an upload; s lets a parser look
 * up what is installed (a profile's catalog). Bad input: 422 naming the
 * place (line, or JSON/XML path) and what is wrong. */
typedef int (*fw_parse_fn)(const char *buf, size_t len, const char *name, const char *dir, struct store *s,
			   struct fw_import *imp, struct arena *a, struct err *e);

struct fw_import_result {
	int frameworks, requirements, mappings;
	int64_t first_framework_id; /* id of the first framework written; 0 when none */
	const char *skipped;        /* the import's skipped, for the caller to show */
};

/* Progress of a long import, for the CLI: called with done/total nodes. */
typedef void (*fw_progress_fn)(void *ctx, const char *what, long done, long total);

/* Checks imp whole — required fields, unique URNs (also against what is
 * installed: 409 naming the framework), parents known and before their
 * children, JSON attributes, mapping endpoints that exist here or in the
 * database (422 naming the set, the entry's place and the URN) — then writes
 * it in one transaction with one audit entry ("framework_import"). Needs
 * who's role >= ROLE_MANAGER (403 otherwise). progress may be NULL. */
int framework_import_save(struct store *s, const struct actor *who, const struct fw_import *imp,
			  struct fw_import_result *res, fw_progress_fn progress, void *ctx, struct err *e);

/* ---- reading ------------------------------------------------------------- */

struct framework {
	int64_t id;
	const char *urn, *ref_id, *name, *version, *provider, *description, *origin, *source;
	int64_t base_framework_id;
	int has_soa;
	int64_t requirement_count;
	const char *created_at;
	int64_t created_by;
};

struct requirement {
	int64_t id, framework_id, parent_id;
	const char *urn, *ref_id, *title, *guidance, *attributes;
	int assessable, in_soa, depth;
	int64_t ordinal;
};

int framework_list(struct store *s, struct arena *a, struct framework **out, int *n, struct err *e);
/* 404 when there is no framework id. */
int framework_get(struct store *s, int64_t id, struct arena *a, struct framework *out, struct err *e);
/* By urn (any case); 404 when not installed. */
int framework_by_urn(struct store *s, const char *urn, struct arena *a, struct framework *out, struct err *e);
/* Every node of a framework in document order. */
int framework_requirements(struct store *s, int64_t framework_id, struct arena *a, struct requirement **out,
			   int *n, struct err *e);
/* 404 when there is no requirement id. */
int requirement_get(struct store *s, int64_t id, struct arena *a, struct requirement *out, struct err *e);
/* A node by its framework and ref_id (exact, then case-insensitive); 404 naming both when none. */
int requirement_by_ref(struct store *s, int64_t framework_id, const char *ref_id, struct arena *a,
		       struct requirement *out, struct err *e);

/* A requirement of another framework mapped to one requirement, seen from
 * it: relationship as this requirement relates to the other (subset and
 * superset swap when the mapping was written the other way). */
struct req_mapping {
	int64_t id, framework_id;
	const char *ref_id, *title, *framework, *relationship;
	int reverse; /* the mapping was written from the other requirement */
};
/* Both directions, by framework and document order. */
int requirement_mappings(struct store *s, int64_t id, struct arena *a, struct req_mapping **out, int *n,
			 struct err *e);

#endif
