/* oscal_import: OSCAL catalogs and profiles (JSON or XML) into frameworks.
 *
 * A catalog becomes one framework: its groups (families) are grouping
 * nodes; its controls and their enhancements (nested controls) assessable
 * nodes, ref_id from the "label" prop ("AC-2(1)") else the id upper-cased,
 * guidance from the statement's prose with each parameter written as
 * "[Assignment: LABEL]" or "[Selection (one or more): A; B]". Withdrawn
 * controls (prop status=withdrawn) are left out.
 *
 * URNs: urn:oscal:catalog:SLUG for the framework, urn:oscal:catalog:SLUG:ID
 * for each node, where SLUG is made from the metadata title (the uuid when
 * there is none) and ID is the group's or control's id. Both depend only on
 * what the JSON and XML forms share, so the same catalog in either gives
 * the same framework (and the second import is refused as a duplicate).
 *
 * A profile is resolved against its catalog into a baseline framework
 * (urn:oscal:profile:SLUG, base_urn = the catalog's urn): the selected
 * controls with the groups above them, and a mapping set saying each
 * baseline node equals its catalog node. The catalog is found by following
 * the import's href (a path, or "#uuid" of a back-matter resource whose
 * rlinks are paths) relative to dir; when dir is NULL (an upload) or no such
 * file exists, by an installed OSCAL framework whose source has the same
 * base name without extension; else 422 naming every href tried. A catalog
 * read from disk and not installed yet is imported in the same import, so
 * one command brings the baseline and its catalog. Selection: include-all,
 * include-controls (with-ids, matching, with-child-controls: yes) and
 * exclude-controls; withdrawn controls are never selected. A with-id the
 * catalog file lacks is refused; against an installed catalog (whose
 * withdrawn controls were not kept) it is skipped. */
#ifndef ISMS_OSCAL_IMPORT_H
#define ISMS_OSCAL_IMPORT_H
#include "isms/framework.h"

/* fw_parse_fn for OSCAL: JSON when the first non-blank byte is '{', XML
 * when it is '<'; 422 otherwise. */
int oscal_parse(const char *buf, size_t len, const char *name, const char *dir, struct store *s,
		struct fw_import *imp, struct arena *a, struct err *e);
int oscal_parse_json(const char *buf, size_t len, const char *name, const char *dir, struct store *s,
		     struct fw_import *imp, struct arena *a, struct err *e);
int oscal_parse_xml(const char *buf, size_t len, const char *name, const char *dir, struct store *s,
		    struct fw_import *imp, struct arena *a, struct err *e);

#endif
