/* fw_format: the table of import formats and the one import path (see
 * fw_format.h). */
#include "isms/fw_format.h"

#include <string.h>

#include "base/strbuf.h"
#include "base/timeutil.h"
#include "isms/ciso_import.h"
#include "isms/oscal_import.h"

const struct fw_format fw_formats[] = {
	{ "oscal", "OSCAL catalog or profile (JSON or XML)", ".json,.xml", oscal_parse },
	{ "ciso-assistant", "CISO Assistant library (YAML)", ".yaml,.yml", ciso_parse },
};

const int fw_format_count = (int)(sizeof(fw_formats) / sizeof(fw_formats[0]));

const struct fw_format *fw_format_by_name(const char *name)
{
	for (int i = 0; name && i < fw_format_count; i++)
		if (strcmp(fw_formats[i].name, name) == 0)
			return &fw_formats[i];
	return NULL;
}

const char *fw_format_names(struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	for (int i = 0; i < fw_format_count; i++)
		sb_addf(&sb, "%s%s", i ? ", " : "", fw_formats[i].name);
	s = arena_strndup(a, sb.buf, sb.len);
	sb_release(&sb);
	return s;
}

int fw_format_import(struct store *s, const struct actor *who, const struct fw_format *fmt,
		     const struct fw_file *files, int n, fw_progress_fn progress, void *ctx, struct arena *a,
		     struct fw_import_result *res, struct fw_imported **out, int *n_out, double *elapsed_ms,
		     struct err *e)
{
	struct fw_import imp;
	struct strbuf names = STRBUF_INIT;
	int64_t start = time_now_us();
	memset(&imp, 0, sizeof(imp));
	imp.origin = fmt->name; /* "oscal", "ciso-assistant": framework.origin */
	memset(res, 0, sizeof(*res));
	*out = NULL;
	*n_out = 0;
	if (who && who->role < ROLE_MANAGER)
		return err_set(e, 403, "forbidden", "Importing frameworks needs the ISMS manager role or above.");
	if (n < 1)
		return err_set(e, 422, "no_file", "Give at least one file to import.");
	for (int i = 0; i < n; i++) {
		int before = imp.n_fws;
		sb_addf(&names, "%s%s", i ? ", " : "", files[i].name);
		if (fmt->parse(files[i].buf, files[i].len, files[i].name, files[i].dir, s, &imp, a, e)) {
			sb_release(&names);
			return -1;
		}
		for (int f = before; f < imp.n_fws; f++) /* each framework records its own file */
			if (!imp.fws[f].source)
				imp.fws[f].source = files[i].name;
	}
	imp.file = arena_strndup(a, names.buf, names.len);
	sb_release(&names);
	if (framework_import_save(s, who, &imp, res, progress, ctx, e))
		return -1;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(imp.n_fws + 1));
	for (int f = 0; f < imp.n_fws; f++) {
		struct framework fw;
		if (framework_by_urn(s, imp.fws[f].urn, a, &fw, e))
			return -1;
		(*out)[f] = (struct fw_imported){ fw.id, fw.urn, fw.ref_id, fw.name, imp.fws[f].n_nodes,
						  fw.base_framework_id != 0 };
	}
	*n_out = imp.n_fws;
	if (elapsed_ms)
		*elapsed_ms = (double)(time_now_us() - start) / 1000.0;
	return 0;
}
