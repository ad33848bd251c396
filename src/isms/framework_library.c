#include "isms/framework_library.h"

#include <string.h>

/* A framework built-in is installed when its URN is; a mapping when a
 * mapping of its set exists. */
static int installed(struct store *s, const struct fw_builtin *b, struct arena *a, int64_t *fw_id, struct err *e)
{
	struct stmt *st;
	int step;
	*fw_id = 0;
	if (b->kind == FW_BUILTIN_FRAMEWORK)
		st = store_prepare(s, "SELECT id FROM framework WHERE urn = ?", e);
	else
		st = store_prepare(s, "SELECT 0 FROM requirement_mapping WHERE origin = ? LIMIT 1", e);
	if (!st)
		return -1;
	stmt_bind_text(st, 1,
		       b->kind == FW_BUILTIN_FRAMEWORK ? framework_builtin_urn(b->key, a)
						       : arena_printf(a, "urn:isms:mapping:%s", b->key));
	step = stmt_step(st, e);
	if (step == STORE_ROW)
		*fw_id = stmt_int(st, 0);
	stmt_done(st);
	return step < 0 ? -1 : step == STORE_ROW;
}

int framework_library(struct store *s, struct arena *a, struct fw_library_item **out, int *n, struct err *e)
{
	int count = 0;
	while (fw_builtins[count].key)
		count++;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(count + 1));
	*n = count;
	for (int i = 0; i < count; i++) {
		int rc = installed(s, &fw_builtins[i], a, &(*out)[i].framework_id, e);
		if (rc < 0)
			return -1;
		(*out)[i].builtin = &fw_builtins[i];
		(*out)[i].installed = rc;
	}
	return 0;
}

/* Appends the built-in key's frameworks and sets to imp. */
static int load_into(const char *key, struct fw_import *imp, struct arena *a, struct err *e)
{
	struct fw_import one = { 0 };
	if (framework_builtin_load(key, &one, a, e))
		return -1;
	for (int i = 0; i < one.n_fws; i++)
		*fw_import_add_framework(imp, a) = one.fws[i];
	for (int i = 0; i < one.n_sets; i++)
		*fw_import_add_set(imp, a) = one.sets[i];
	return 0;
}

int framework_install(struct store *s, const struct actor *who, const char *key, struct fw_import_result *res,
		      fw_progress_fn progress, void *ctx, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct fw_import imp = { 0 };
	const struct fw_builtin *b = framework_builtin_find(key ? key : "");
	int64_t id;
	int rc = -1, is;

	memset(res, 0, sizeof(*res));
	imp.origin = "builtin";
	imp.file = key;
	if (!b) {
		rc = framework_builtin_load(key ? key : "", &imp, &a, e); /* its 404 names the keys */
		arena_release(&a);
		return rc ? rc : -1;
	}
	if ((is = installed(s, b, &a, &id, e)) < 0)
		goto out;
	if (is) {
		err_set(e, 409, "already_installed", "%s is already installed.", b->title);
		goto out;
	}
	for (int i = 0; b->kind == FW_BUILTIN_MAPPING && i < 2 && b->needs[i]; i++) {
		const struct fw_builtin *need = framework_builtin_find(b->needs[i]);
		if (!need || (is = installed(s, need, &a, &id, e)) < 0)
			goto out;
		if (!is && load_into(need->key, &imp, &a, e))
			goto out;
	}
	if (load_into(b->key, &imp, &a, e))
		goto out;
	rc = framework_import_save(s, who, &imp, res, progress, ctx, e);
out:
	arena_release(&a);
	return rc;
}
