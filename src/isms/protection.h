/* protection: effective protection needs of assets (ISO 27001 6.1.2), by
 * the maximum principle. An asset's confidentiality, integrity and
 * availability (1-4) and classification are its own values; its effective
 * values are the highest of its own and of the effective values of every
 * live asset that depends on it: needs flow from the dependent to what it
 * depends on (information depends on the service that processes it, so the
 * service is at least as confidential).
 *
 * The effective values are stored (asset.effective_*), so lists, sorting
 * and filters read them like any field. This module alone writes them, in
 * the transaction of any change of an asset's own values, of its archived
 * state, or of a depends_on link, propagating downstream through the graph;
 * each other asset whose effective values change gets an audit entry
 * ("inherit") in the same transaction. */
#ifndef ISMS_PROTECTION_H
#define ISMS_PROTECTION_H
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "store/store.h"

/* The dimensions, in the order of pn_node's arrays. */
enum { PN_CONF, PN_INTEG, PN_AVAIL, PN_CLASS, PN_DIMS };

/* The rank of a classification key in scheme sc (1 for its least sensitive
 * level, up), 0 for none or unknown; and the key of a rank (NULL for 0).
 * Effective classifications follow the scheme's order as it is when they
 * are computed (isms/classification.h). */
struct cl_scheme;
int protection_class_rank(const struct cl_scheme *sc, const char *key);
const char *protection_class_key(const struct cl_scheme *sc, int rank);

/* ---- the pure computation ---------------------------------------------- */

struct pn_node {
	int own[PN_DIMS];   /* 0 = not set; PN_CLASS as a rank */
	int floor[PN_DIMS]; /* what dependents outside the node set pass on */
	int active;         /* 0: archived, passes nothing on */
	int eff[PN_DIMS];   /* out */
};

struct pn_edge {
	int from, to; /* node indices: from depends on to */
};

/* eff of every node = max(own, floor, eff of every active node that depends
 * on it). -1 when the edges hold a cycle (eff is then incomplete). */
int pn_compute(struct pn_node *nodes, int n, const struct pn_edge *edges, int nedges);

/* ---- in the database -------------------------------------------------- */

/* Recomputes the effective values of asset start and of everything it
 * depends on, directly or not, and stores those that changed. Every changed
 * asset except quiet_id (the record whose own change is audited anyway; 0
 * for none) gets an "inherit" audit entry. Call inside the transaction. */
int protection_refresh(struct store *s, const struct actor *who, int64_t start, int64_t quiet_id, struct arena *a,
		       struct err *e);

/* The same for every asset, as after the classification scheme's order
 * changed (classification_save). Call inside the transaction. */
int protection_refresh_all(struct store *s, const struct actor *who, struct arena *a, struct err *e);

/* record.c's hook after an asset is created, updated or archived. */
int protection_record_changed(struct store *s, const struct actor *who, int64_t id, struct arena *a,
			      struct err *e);
/* link.c's hook after a depends_on link is added or removed. */
int protection_link_changed(struct store *s, const struct actor *who, int64_t from_id, int64_t to_id,
			    struct arena *a, struct err *e);

/* Where an asset's effective value of one dimension comes from. */
struct pn_source {
	int64_t id;
	const char *name;
};
struct pn_dim {
	int own, eff;             /* PN_CLASS as ranks */
	struct pn_source *from;   /* live assets depending on it, directly or not, whose own value is eff; */
	int nfrom;                /* none when eff == own */
};
struct pn_view {
	int64_t id;
	struct cl_scheme *scheme; /* for the PN_CLASS ranks */
	struct pn_dim dim[PN_DIMS];
};
/* The asset's own and effective values and their origins, as stored.
 * Origins are only the assets who may read (who NULL: all). */
int protection_view(struct store *s, const struct actor *who, int64_t id, struct arena *a, struct pn_view *out,
		    struct err *e);
/* {"id", "confidentiality": {"own", "effective", "from": [{"id", "name"}]}, ...};
 * classification as keys. */
void protection_view_json(const struct pn_view *v, struct strbuf *sb);
/* "confidentiality" ... "classification", and their labels. */
extern const char *const pn_dim_names[PN_DIMS];
extern const char *const pn_dim_labels[PN_DIMS];

#endif
