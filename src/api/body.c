/* body: reads JSON request bodies against a declared list of keys, so that
 * every handler refuses unknown keys and wrong types the same way. */
#include <string.h>

#include "api/api.h"

static int read_value(struct request *req, const struct body_key *k, json_t *v, struct body_value *out,
		      struct err *e)
{
	switch (k->type) {
	case BODY_STRING:
		if (!json_is_string(v))
			return err_field(e, k->name, "type", "Must be a string.");
		out->s = arena_strdup(&req->arena, json_string_value(v));
		break;
	case BODY_BOOL:
		if (!json_is_boolean(v))
			return err_field(e, k->name, "type", "Must be true or false.");
		out->i = json_is_true(v);
		break;
	case BODY_INT:
		if (!json_is_integer(v))
			return err_field(e, k->name, "type", "Must be a whole number.");
		out->i = json_integer_value(v);
		break;
	case BODY_NUMBER:
		if (!json_is_number(v))
			return err_field(e, k->name, "type", "Must be a number.");
		out->s = arena_printf(&req->arena, "%.17g", json_number_value(v));
		break;
	}
	out->set = 1;
	return 0;
}

int api_body_read(struct request *req, const struct body_key *keys, struct body_value *vals, struct err *e)
{
	json_t *body = http_json_body(req, e), *v;
	const char *key;
	int i, unknown = 0;
	if (!body)
		return -1;
	if (!json_is_object(body)) {
		json_decref(body);
		return err_set(e, 400, "bad_json", "The body must be a JSON object.");
	}
	for (i = 0; keys[i].name; i++)
		memset(&vals[i], 0, sizeof(vals[i]));
	json_object_foreach(body, key, v) {
		for (i = 0; keys[i].name; i++)
			if (strcmp(keys[i].name, key) == 0)
				break;
		if (keys[i].name) {
			read_value(req, &keys[i], v, &vals[i], e);
		} else {
			err_field(e, key, "unknown_field", "Not expected here.");
			unknown = 1;
		}
	}
	for (i = 0; keys[i].name; i++)
		if (keys[i].required && !vals[i].set && !err_has_field(e, keys[i].name))
			err_field(e, keys[i].name, "required", "Required.");
	json_decref(body);
	if (unknown)
		e->status = 400;
	return e->status ? -1 : 0;
}
