/* ciso_import: CISO Assistant libraries (their YAML format) as frameworks
 * and requirement mapping sets.
 *
 * A library's objects.framework becomes one framework: its urn, ref_id
 * (else the library's), name, description (else the library's), and the
 * library's version and provider; each of its requirement_nodes one node
 * (urn, parent_urn, ref_id, name as the title, description as guidance,
 * assessable; implementation_groups as the attributes
 * {"implementation_groups":[...]}; an assessable node in the group "SoA" is
 * a row of the Statement of Applicability). A node without a name is titled
 * by its ref_id, else by the start of its description. Mapping sets come
 * from objects.requirement_mapping_sets (a list) and the older single
 * objects.requirement_mapping_set; "intersect" reads as "intersects" and
 * "not_related" entries are left out. URNs are lower-cased: libraries spell
 * the same URN in both cases. Reference controls, threats, risk matrices,
 * translations and any other object are skipped and counted (struct
 * ciso_report) so the CLI can say what was left out.
 *
 * Bad input is refused with 422 naming the file, the line and what is wrong
 * (invalid or truncated YAML, no framework and no mapping set, a node
 * without urn or anything to call it, a parent_urn not defined before its
 * child, a mapping entry naming a requirement its framework lacks — checked
 * against this import and, when s is given, the database); imp is then left
 * as it was. A mapping whose framework is neither in the import so far nor
 * installed is left to framework_import_save, which checks every endpoint
 * once all files are read (so files may come in any order). */
#ifndef ISMS_CISO_IMPORT_H
#define ISMS_CISO_IMPORT_H
#include <stddef.h>

#include "base/strbuf.h"
#include "isms/framework.h"

#define CISO_MAX_SKIPS 16

/* What a library held that an import leaves out: "93 reference controls". */
struct ciso_report {
	struct {
		const char *what; /* plural, e.g. "reference controls" (arena text or a literal) */
		long n;
	} skipped[CISO_MAX_SKIPS];
	int n;
};

/* The fw_parse_fn of CISO Assistant libraries (see framework.h). */
int ciso_parse(const char *buf, size_t len, const char *name, const char *dir, struct store *s,
	       struct fw_import *imp, struct arena *a, struct err *e);
/* The same, adding what was skipped to rep (which may be NULL; zero it before the first file). */
int ciso_parse_report(const char *buf, size_t len, const char *name, struct store *s, struct fw_import *imp,
		      struct arena *a, struct ciso_report *rep, struct err *e);
/* "93 reference controls, 141 translations" into sb; nothing when nothing was skipped. */
void ciso_report_text(const struct ciso_report *rep, struct strbuf *sb);

#endif
