/* oscal_catalog: one framework as an OSCAL catalog. Grouping nodes become
 * groups and assessable nodes controls, nested as the tree is (anything
 * below a control is a control: OSCAL controls hold no groups). Each node
 * keeps its ref_id as the "label" prop, its attributes as props of ours
 * (one per value), its SoA membership as the prop "soa", and our guidance
 * as a part named "guidance". */
#include <string.h>

#include "isms/oscal_doc.h"

/* {"control_type":["preventive"],...} as props, one per value. */
static void attribute_props(struct oscal_ctx *x, json_t *props, const char *attributes)
{
	json_t *obj = attributes ? json_loads(attributes, 0, NULL) : NULL, *vals;
	const char *key;
	json_object_foreach(obj, key, vals) {
		size_t i;
		json_t *v;
		if (json_is_string(vals))
			oscal_prop(x, props, key, json_string_value(vals), 1);
		json_array_foreach(vals, i, v) oscal_prop(x, props, key, json_string_value(v), 1);
	}
	json_decref(obj);
}

static json_t *node_json(struct oscal_ctx *x, int i)
{
	const struct requirement *r = &x->reqs[i];
	json_t *o = json_object(), *props = json_array(), *parts = json_array();
	json_object_set_new(o, "id", json_string(x->ids[i]));
	json_object_set_new(o, "title", oscal_str(oscal_line(x->a, r->title) ? oscal_line(x->a, r->title) : x->ids[i]));
	oscal_prop(x, props, "label", r->ref_id, 0);
	if (r->in_soa)
		oscal_prop(x, props, "soa", "true", 1);
	attribute_props(x, props, r->attributes);
	oscal_set_array(o, "props", props);
	if (r->guidance && oscal_line(x->a, r->guidance)) {
		json_t *part = json_object();
		json_object_set_new(part, "id", json_string(arena_printf(x->a, "%s_gdn", x->ids[i])));
		json_object_set_new(part, "name", json_string("guidance"));
		json_object_set_new(part, "prose", oscal_str(r->guidance));
		json_array_append_new(parts, part);
	}
	oscal_set_array(o, "parts", parts);
	return o;
}

/* Appends child to parent's "groups" or "controls", made when first needed. */
static void add_child(json_t *parent, const char *key, json_t *child)
{
	json_t *arr = json_object_get(parent, key);
	if (!arr) {
		arr = json_array();
		json_object_set_new(parent, key, arr);
	}
	json_array_append_new(arr, child);
}

json_t *oscal_catalog(struct oscal_ctx *x, struct err *e)
{
	json_t *root = json_object(), *cat = json_object(), *meta, *props = json_array();
	json_t **made = arena_alloc(x->a, sizeof(*made) * (size_t)(x->n ? x->n : 1));
	int *is_control = arena_alloc(x->a, sizeof(int) * (size_t)(x->n ? x->n : 1));
	(void)e;

	json_object_set_new(cat, "uuid", json_string(oscal_uuid(x, "catalog", x->fw.urn)));
	meta = oscal_metadata(x, x->fw.name, x->fw.created_at, x->fw.version);
	oscal_prop(x, props, "framework-urn", x->fw.urn, 1);
	oscal_prop(x, props, "short-name", x->fw.ref_id, 1);
	oscal_prop(x, props, "provider", x->fw.provider, 1);
	oscal_set_array(meta, "props", props);
	oscal_set(meta, "remarks", x->fw.description);
	json_object_set_new(cat, "metadata", meta);

	/* parents come before their children: each node is hung on its
	 * parent's object, made earlier (the objects are borrowed from the tree) */
	for (int i = 0; i < x->n; i++) {
		int p = x->reqs[i].parent_id ? oscal_req_index(x, x->reqs[i].parent_id) : -1;
		is_control[i] = x->reqs[i].assessable || (p >= 0 && is_control[p]);
		made[i] = node_json(x, i);
		add_child(p >= 0 ? made[p] : cat, is_control[i] ? "controls" : "groups", made[i]);
	}
	json_object_set_new(root, "catalog", cat);
	return root;
}
