/* oscal_export: the ISMS as NIST OSCAL 1.1.2 JSON documents, for tools
 * that speak OSCAL (assessors' platforms, GRC tools, compliance-trestle):
 *
 *   catalog             one framework: grouping nodes as groups, assessable
 *                       nodes as controls, nested as the tree is; our
 *                       guidance as a part named "guidance"; attributes,
 *                       the original ref_id and SoA membership as props
 *   ssp                 the ISMS as the system: its users and roles, one
 *                       component ("this-system"), and one implemented
 *                       requirement per requirement of the framework that
 *                       has linked controls, an SoA decision, a gap
 *                       assessment, or is met through a mapping to
 *                       another framework ("alternative"), with its
 *                       implementation status
 *   assessment-results  the framework's gap analysis: one result, a finding
 *                       per assessed requirement, an observation per piece
 *                       of evidence
 *   poam                the open treatment actions of the risk treatment
 *                       plan (isms/treatment.h) as poam-items, the risks
 *                       they treat as risks, due dates as milestones
 *
 * Identifiers are stable: UUIDs are version 5 (SHA-1, RFC 4122) names in a
 * namespace of ours, seeded by this installation's first audit entry, so
 * exporting twice gives the same UUIDs and two installations different
 * ones. Control ids are the requirements' ref_ids made into OSCAL tokens
 * (oscal_token), the same in every document of one framework. The
 * documents other than the catalog take their last-modified time and
 * version from the newest audit entry: unchanged data exports byte for byte
 * the same.
 *
 * Everything is read in one read snapshot, as viewer (an auditor or up:
 * the callers check the role). Memory: out is the caller's strbuf; the rest
 * comes from a and is freed with it. */
#ifndef ISMS_OSCAL_EXPORT_H
#define ISMS_OSCAL_EXPORT_H
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/strbuf.h"
#include "isms/actor.h"
#include "store/store.h"

/* The namespace of our own props (attributes, implementation status, due
 * dates). A placeholder domain, defined once here. */
#define OSCAL_NS "https://isms.example/ns/oscal"
#define OSCAL_VERSION "1.1.2"

enum oscal_doc { OSCAL_CATALOG, OSCAL_SSP, OSCAL_ASSESSMENT_RESULTS, OSCAL_POAM, OSCAL_DOC_COUNT };

/* "catalog", "ssp", "assessment-results" or "poam"; -1 for anything else. */
int oscal_doc_parse(const char *name, enum oscal_doc *out);
const char *oscal_doc_name(enum oscal_doc d);
/* The names, for messages: "catalog, ssp, assessment-results or poam". */
const char *oscal_doc_names(void);
/* Whether the document is of one framework (all but poam). */
int oscal_doc_needs_framework(enum oscal_doc d);

/* Writes the document d as indented JSON (a trailing newline) into out and
 * a file name for it into *filename ("iso-iec-27001-2022-ssp.json").
 * framework_id: the framework (404 when none such); ignored for poam.
 * 422 "nothing_to_export" for an SSP with no implemented requirement or a
 * POA&M with no open action (OSCAL requires at least one). */
int oscal_export(struct store *s, const struct actor *viewer, enum oscal_doc d, int64_t framework_id,
		 struct strbuf *out, const char **filename, struct arena *a, struct err *e);

/* ---- pure helpers, exposed for the unit tests ---------------------------- */

/* A name-based version 5 UUID (RFC 4122: SHA-1 of the namespace's 16
 * bytes and the name) as 36 characters and a NUL. */
void oscal_uuid_v5(const unsigned char ns[16], const char *name, char out[37]);
/* text as an OSCAL token (^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$): lower case,
 * every other character a '-', runs of '-' folded; "_" in front when it
 * would start with a digit, '.' or '-'; NULL when text has nothing to keep. */
char *oscal_token(struct arena *a, const char *text);
/* The OSCAL implementation state ("implemented", "partial", "planned",
 * "not-applicable") of a requirement from our records: applicable is the
 * SoA's decision (-1 undecided, 0 excluded, 1 included), control_status[n]
 * the statuses of its live linked controls, soa_status the SoA row's own
 * status (NULL: none), gap the gap analysis status (NULL: none). NULL when
 * nothing decides. */
const char *oscal_state(int applicable, const char *const *control_status, int n, const char *soa_status,
			const char *gap);

#endif
