/* oscal_ssp: the ISMS as an OSCAL system security plan for one framework.
 * The system is the ISMS itself: its users (enabled accounts, by role),
 * one component "this-system", and one implemented requirement per node of
 * the framework that has live linked controls (control_requirement), an SoA
 * decision (soa_entry) or a gap assessment other than not_assessed, and per
 * node with none of these that the gap analysis (isms/gap.h) finds met or
 * partly met through a mapping to another framework: "alternative". Each
 * says, by the component, which controls meet it and how far
 * (oscal_state), also as our prop "implementation-status". The profile it
 * implements is the framework's own catalog export, named in back-matter. */
#include <string.h>

#include "base/util.h"
#include "isms/gap.h"
#include "isms/oscal_doc.h"
#include "model/role.h"

#define SYSTEM_NAME "Information security management system"

struct linked {
	const char *code, *title, *status, *implementation;
};

/* What the organisation recorded for one requirement. */
struct req_state {
	struct linked *controls;
	int ncontrols, cap;
	int applicable; /* -1: no SoA decision */
	const char *soa_status, *justification;
	const char *gap, *notes;
	const char *via; /* met (or partly: via_partial) through this mapped requirement only */
	int via_partial;
};

static void control_row(struct oscal_ctx *x, struct stmt *q, int i, void *ctx)
{
	struct req_state *st = (struct req_state *)ctx + i;
	struct linked *l;
	st->controls = arena_grow(x->a, st->controls, st->ncontrols, &st->cap, sizeof(struct linked));
	l = &st->controls[st->ncontrols++];
	l->code = arena_strdup(x->a, stmt_text(q, 1));
	l->title = arena_strdup(x->a, stmt_text(q, 2));
	l->status = arena_strdup(x->a, stmt_text(q, 3));
	l->implementation = arena_strdup(x->a, stmt_text(q, 4));
}

static void soa_row(struct oscal_ctx *x, struct stmt *q, int i, void *ctx)
{
	struct req_state *st = (struct req_state *)ctx + i;
	st->applicable = stmt_isnull(q, 1) ? -1 : stmt_int(q, 1) != 0;
	st->soa_status = arena_strdup(x->a, stmt_text(q, 2));
	st->justification = arena_strdup(x->a, stmt_text(q, 3));
}

static void gap_row(struct oscal_ctx *x, struct stmt *q, int i, void *ctx)
{
	struct req_state *st = (struct req_state *)ctx + i;
	st->gap = arena_strdup(x->a, stmt_text(q, 1));
	st->notes = arena_strdup(x->a, stmt_text(q, 2));
}

/* Live linked controls, SoA rows and gap assessments of the framework. */
static int read_states(struct oscal_ctx *x, struct req_state *st, struct err *e)
{
	return oscal_rows(x,
			  "SELECT cr.requirement_id, c.code, c.title, c.status, c.implementation "
			  "FROM control_requirement cr JOIN control c ON c.id = cr.control_id "
			  "JOIN requirement r ON r.id = cr.requirement_id "
			  "WHERE r.framework_id = ? AND c.archived = 0 "
			  "ORDER BY r.ordinal, (c.code IS NULL), c.code, c.id",
			  control_row, st, e) ||
	       oscal_rows(x,
			  "SELECT s.requirement_id, s.applicable, s.status, s.justification FROM soa_entry s "
			  "JOIN requirement r ON r.id = s.requirement_id WHERE r.framework_id = ?",
			  soa_row, st, e) ||
	       oscal_rows(x,
			  "SELECT a.requirement_id, a.status, a.notes FROM requirement_assessment a "
			  "JOIN requirement r ON r.id = a.requirement_id "
			  "WHERE r.framework_id = ? AND a.status <> 'not_assessed'",
			  gap_row, st, e);
}

/* Which controls meet the requirement, or why none needs to: Markdown. */
static const char *statement_text(struct oscal_ctx *x, const struct req_state *st)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	if (st->ncontrols)
		sb_adds(&sb, "Met by these controls of the organisation:\n");
	for (int k = 0; k < st->ncontrols; k++) {
		const struct linked *l = &st->controls[k];
		sb_addf(&sb, "\n- %s%s%s (%s)", l->code ? l->code : "", l->code ? " " : "", l->title,
			l->status ? l->status : "status not set");
		if (oscal_line(x->a, l->implementation))
			sb_addf(&sb, ": %s", oscal_line(x->a, l->implementation));
	}
	if (!st->ncontrols)
		sb_adds(&sb, "No control of the organisation is linked to this requirement yet.");
	if (st->via)
		sb_addf(&sb, " It is %s through the mapping to %s.", st->via_partial ? "partly met" : "met", st->via);
	if (st->applicable == 0)
		sb_addf(&sb, "\n\nExcluded in the Statement of Applicability%s%s", st->justification ? ": " : ".",
			st->justification ? st->justification : "");
	if (st->gap)
		sb_addf(&sb, "\n\nGap analysis: %s.%s%s", st->gap, st->notes ? " " : "", st->notes ? st->notes : "");
	out = arena_strdup(x->a, sb.buf ? sb.buf : "");
	sb_release(&sb);
	return out;
}

static json_t *implemented_requirement(struct oscal_ctx *x, int i, const struct req_state *st)
{
	const char **statuses = arena_alloc(x->a, sizeof(char *) * (size_t)(st->ncontrols + 1));
	const char *state, *key = x->reqs[i].urn;
	json_t *ir = json_object(), *props = json_array(), *bcs = json_array(), *bc = json_object(), *status;
	for (int k = 0; k < st->ncontrols; k++)
		statuses[k] = st->controls[k].status;
	state = oscal_state(st->applicable, statuses, st->ncontrols, st->soa_status, st->gap);
	if (!state) /* only a mapping covers it */
		state = "alternative";
	json_object_set_new(ir, "uuid", json_string(oscal_uuid(x, "implemented-requirement", key)));
	json_object_set_new(ir, "control-id", json_string(x->ids[i]));
	oscal_prop(x, props, "implementation-status", state, 1);
	if (st->applicable >= 0)
		oscal_prop(x, props, "soa-applicable", st->applicable ? "yes" : "no", 1);
	oscal_prop(x, props, "gap-status", st->gap, 1);
	oscal_prop(x, props, "covered-through", st->via, 1);
	oscal_set_array(ir, "props", props);
	json_object_set_new(bc, "component-uuid", json_string(oscal_uuid(x, "component", "this-system")));
	json_object_set_new(bc, "uuid", json_string(oscal_uuid(x, "by-component", key)));
	json_object_set_new(bc, "description", oscal_str(statement_text(x, st)));
	status = json_object();
	json_object_set_new(status, "state", json_string(state));
	json_object_set_new(bc, "implementation-status", status);
	json_array_append_new(bcs, bc);
	json_object_set_new(ir, "by-components", bcs);
	return ir;
}

static int add_users(struct oscal_ctx *x, json_t *impl, struct err *e)
{
	struct stmt *q = store_prepare(x->s, "SELECT id, name, role FROM users WHERE disabled = 0 ORDER BY id", e);
	json_t *users = json_array();
	int step;
	if (!q) {
		json_decref(users);
		return -1;
	}
	while ((step = stmt_step(q, e)) == STORE_ROW) {
		json_t *u = json_object(), *roles = json_array();
		json_object_set_new(u, "uuid", json_string(oscal_uuid_id(x, "user", stmt_int(q, 0))));
		json_object_set_new(u, "title", oscal_str(oscal_line(x->a, stmt_text(q, 1))));
		json_array_append_new(roles, oscal_str(stmt_text(q, 2)));
		json_object_set_new(u, "role-ids", roles);
		json_array_append_new(users, u);
	}
	stmt_done(q);
	if (json_array_size(users) == 0) { /* OSCAL wants one: the command line acts as the system */
		json_t *u = json_object();
		json_object_set_new(u, "uuid", json_string(oscal_uuid(x, "user", "system")));
		json_object_set_new(u, "title", json_string("The isms command line"));
		json_array_append_new(users, u);
	}
	json_object_set_new(impl, "users", users);
	return step < 0 ? -1 : 0;
}

static json_t *metadata(struct oscal_ctx *x)
{
	json_t *m = oscal_metadata(x, arena_printf(x->a, "System security plan of the ISMS: %s", x->fw.name),
				   x->changed_at, arena_printf(x->a, "audit-%lld", (long long)x->changed_id));
	json_t *roles = json_array();
	for (int r = ROLE_EMPLOYEE; r < ROLE_COUNT; r++) {
		json_t *role = json_object();
		json_object_set_new(role, "id", json_string(role_name((enum role)r)));
		json_object_set_new(role, "title", json_string(role_label((enum role)r)));
		json_array_append_new(roles, role);
	}
	json_object_set_new(m, "roles", roles);
	return m;
}

static json_t *characteristics(struct oscal_ctx *x)
{
	json_t *c = json_object(), *ids = json_array(), *id = json_object(), *info = json_object(),
	       *types = json_array(), *type = json_object(), *status = json_object(), *boundary = json_object();
	json_object_set_new(id, "identifier-type", json_string("https://ietf.org/rfc/rfc4122"));
	json_object_set_new(id, "id", json_string(oscal_uuid(x, "system", "isms")));
	json_array_append_new(ids, id);
	json_object_set_new(c, "system-ids", ids);
	json_object_set_new(c, "system-name", json_string(SYSTEM_NAME));
	json_object_set_new(c, "system-name-short", json_string("ISMS"));
	json_object_set_new(c, "description",
			    json_string("The organisation's information security management system: the people, "
					"processes and records by which it sets, runs, checks and improves its "
					"information security, kept in isms."));
	json_object_set_new(type, "uuid", json_string(oscal_uuid(x, "information-type", "isms")));
	json_object_set_new(type, "title", json_string("Information within the scope of the ISMS"));
	json_object_set_new(type, "description",
			    json_string("The information assets listed in the asset register, with the "
					"protection needs recorded for each of them."));
	json_array_append_new(types, type);
	json_object_set_new(info, "information-types", types);
	json_object_set_new(c, "system-information", info);
	json_object_set_new(status, "state", json_string("operational"));
	json_object_set_new(c, "status", status);
	json_object_set_new(boundary, "description",
			    json_string("The scope of the ISMS as the organisation has defined it: the assets, "
					"processes, locations and suppliers recorded in isms."));
	json_object_set_new(c, "authorization-boundary", boundary);
	return c;
}

static json_t *this_system(struct oscal_ctx *x)
{
	json_t *comp = json_object(), *status = json_object();
	json_object_set_new(comp, "uuid", json_string(oscal_uuid(x, "component", "this-system")));
	json_object_set_new(comp, "type", json_string("this-system"));
	json_object_set_new(comp, "title", json_string(SYSTEM_NAME));
	json_object_set_new(comp, "description",
			    json_string("The ISMS as a whole: the controls it runs are listed with each requirement."));
	json_object_set_new(status, "state", json_string("operational"));
	json_object_set_new(comp, "status", status);
	return comp;
}

json_t *oscal_ssp(struct oscal_ctx *x, struct err *e)
{
	struct req_state *st = arena_alloc(x->a, sizeof(*st) * (size_t)(x->n ? x->n : 1));
	struct gap_report g;
	json_t *root = NULL, *ssp, *impl, *comps, *ci, *irs, *imp, *bm, *res;
	const char *catalog_uuid = oscal_uuid(x, "catalog-resource", x->fw.urn);

	for (int i = 0; i < x->n; i++)
		st[i].applicable = -1;
	if (read_states(x, st, e) || gap_report_read(x->s, x->fw.id, x->a, &g, e))
		return NULL;
	/* the report's rows are the same nodes in the same order */
	for (int i = 0; i < x->n && g.n == x->n; i++)
		if (streq(g.rows[i].source, "mapping") &&
		    (g.rows[i].effective == GAP_MET || g.rows[i].effective == GAP_PARTIAL)) {
			st[i].via = g.rows[i].via;
			st[i].via_partial = g.rows[i].effective == GAP_PARTIAL;
		}
	irs = json_array();
	for (int i = 0; i < x->n; i++)
		if (st[i].ncontrols || st[i].applicable >= 0 || st[i].gap || st[i].via)
			json_array_append_new(irs, implemented_requirement(x, i, &st[i]));
	if (json_array_size(irs) == 0) {
		json_decref(irs);
		err_set(e, 422, "nothing_to_export",
			"No requirement of %s has a linked control, a Statement of Applicability decision, a gap "
			"assessment or a mapping to one that is met yet: a system security plan needs at least one.",
			x->fw.name);
		return NULL;
	}
	root = json_object();
	ssp = json_object();
	json_object_set_new(ssp, "uuid", json_string(oscal_uuid(x, "ssp", x->fw.urn)));
	json_object_set_new(ssp, "metadata", metadata(x));
	imp = json_object();
	json_object_set_new(imp, "href", json_string(arena_printf(x->a, "#%s", catalog_uuid)));
	json_object_set_new(imp, "remarks",
			    json_string("The framework's own catalog, as isms exports it, stands in for a profile."));
	json_object_set_new(ssp, "import-profile", imp);
	json_object_set_new(ssp, "system-characteristics", characteristics(x));
	impl = json_object();
	if (add_users(x, impl, e)) {
		json_decref(impl);
		json_decref(irs);
		json_decref(ssp);
		json_decref(root);
		return NULL;
	}
	comps = json_array();
	json_array_append_new(comps, this_system(x));
	json_object_set_new(impl, "components", comps);
	json_object_set_new(ssp, "system-implementation", impl);
	ci = json_object();
	json_object_set_new(ci, "description",
			    oscal_str(arena_printf(x->a,
						   "How the organisation meets the requirements of %s: the controls "
						   "linked to each, its Statement of Applicability and its gap analysis.",
						   x->fw.name)));
	json_object_set_new(ci, "implemented-requirements", irs);
	json_object_set_new(ssp, "control-implementation", ci);
	bm = json_object();
	res = json_array();
	json_array_append_new(res, oscal_resource(catalog_uuid, arena_printf(x->a, "%s as an OSCAL catalog", x->fw.name),
						  NULL,
						  arena_printf(x->a, "/api/v1/oscal/catalog?framework=%lld",
							       (long long)x->fw.id)));
	json_object_set_new(bm, "resources", res);
	json_object_set_new(ssp, "back-matter", bm);
	json_object_set_new(root, "system-security-plan", ssp);
	return root;
}
