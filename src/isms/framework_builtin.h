/* framework_builtin: the library of frameworks and mappings compiled into
 * the binary (src/isms/frameworks/KEY.tsv, embedded by tools/embed.c):
 * ISO/IEC 27001:2022, ISO/IEC 27001:2013 Annex A, NIST CSF 2.0, and the
 * mappings 2013 -> 2022 and CSF 2.0 -> ISO 2022.
 *
 * framework_builtin_load fills a struct fw_import (framework.h) from one
 * built-in; the caller installs it with framework_import_save. A mapping's
 * endpoints are resolved against the database there, so both frameworks it
 * names in `needs` must be installed first.
 *
 * URNs: urn:isms:framework:KEY for a framework, urn:isms:req:KEY:REF (lower
 * case) for its nodes, urn:isms:mapping:KEY for a mapping set. */
#ifndef ISMS_FRAMEWORK_BUILTIN_H
#define ISMS_FRAMEWORK_BUILTIN_H

#include "base/arena.h"
#include "base/err.h"
#include "isms/framework.h"

enum fw_builtin_kind { FW_BUILTIN_FRAMEWORK, FW_BUILTIN_MAPPING };

struct fw_builtin {
	const char *key;   /* "iso27001-2022": the data file's name without .tsv, the CLI's argument */
	const char *title; /* "ISO/IEC 27001:2022" */
	const char *summary; /* one sentence for the library page */
	enum fw_builtin_kind kind;
	const char *needs[2]; /* a mapping: keys of its source and target frameworks; NULL otherwise */
};

/* Every built-in, frameworks before the mappings that need them; ends with
 * a row whose key is NULL. */
extern const struct fw_builtin fw_builtins[];

/* The row for key, or NULL. */
const struct fw_builtin *framework_builtin_find(const char *key);

/* Fills imp (origin "builtin", file = key) with the built-in key: one
 * framework, or one mapping set. Strings live in a. 404 "not_found" naming
 * the known keys for an unknown key; 500 "builtin_data" naming the data
 * file and line if the embedded data is malformed (a build fault). */
int framework_builtin_load(const char *key, struct fw_import *imp, struct arena *a, struct err *e);

/* urn:isms:framework:KEY and urn:isms:req:KEY:REF (lower case), in a. */
const char *framework_builtin_urn(const char *key, struct arena *a);
const char *framework_builtin_req_urn(const char *key, const char *ref, struct arena *a);

#endif
