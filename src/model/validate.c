#include "model/validate.h"

#include <string.h>

#include "base/timeutil.h"
#include "base/util.h"

static const char *const system_columns[] = {
	"id", "version", "archived", "created_at", "created_by", "updated_at", "updated_by", NULL,
};

int is_system_column(const char *name)
{
	for (const char *const *c = system_columns; *c; c++)
		if (strcmp(*c, name) == 0)
			return 1;
	return 0;
}

void input_init(struct input *in, const struct entity *ent, struct arena *a)
{
	in->values = arena_alloc(a, sizeof(char *) * (size_t)ent->nfields);
	in->set = arena_alloc(a, (size_t)ent->nfields);
}

static int has_control_chars(const char *s, int multiline)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == 0x7f)
			return 1;
		if (*p < 0x20 && !(multiline && (*p == '\n' || *p == '\r' || *p == '\t')))
			return 1;
	}
	return 0;
}

static int check_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.')
		return -1;
	for (const char *p = s; *p; p++)
		if (*p == ' ' || *p == '<' || *p == '>' || *p == ',' || *p == ';')
			return -1;
	return s[strlen(s) - 1] == '.' ? -1 : 0;
}

int validate_text(const struct field *f, const char *text, struct arena *a, const char **out, struct err *e)
{
	int64_t n;
	long len;
	char norm[32];
	*out = NULL;
	switch (f->type) {
	case FT_TEXT:
	case FT_LONGTEXT:
	case FT_EMAIL:
		len = utf8_length(text);
		if (len < 0)
			return err_field(e, f->name, "encoding", "Must be valid UTF-8 text.");
		if (f->max_len && len > f->max_len)
			return err_field(e, f->name, "too_long", "At most %d characters (this has %ld).",
					 f->max_len, len);
		if (has_control_chars(text, f->type == FT_LONGTEXT))
			return err_field(e, f->name, "control_chars",
					 f->type == FT_LONGTEXT ? "Must not contain control characters."
								: "Must be a single line without control characters.");
		if (f->type == FT_EMAIL && check_email(text))
			return err_field(e, f->name, "email", "Must be an e-mail address like name@example.org.");
		*out = arena_strdup(a, text);
		return 0;
	case FT_INT:
	case FT_REF:
	case FT_USER:
		if (parse_int64(text, &n))
			return err_field(e, f->name, "type", "Must be a whole number.");
		if (f->type != FT_INT && n <= 0)
			return err_field(e, f->name, "reference", "Must be the id of a %s.",
					 f->type == FT_USER ? "user" : f->ref);
		if (f->type == FT_INT && f->min < f->max && (n < f->min || n > f->max))
			return err_field(e, f->name, "range", "Must be between %lld and %lld.",
					 (long long)f->min, (long long)f->max);
		*out = arena_printf(a, "%lld", (long long)n);
		return 0;
	case FT_NUMBER:
		if (number_canonical(text, norm, sizeof(norm)))
			return err_field(e, f->name, "type", "Must be a number, like 95 or 4.5.");
		*out = arena_strdup(a, norm);
		return 0;
	case FT_BOOL:
		if (strcmp(text, "1") == 0 || strcmp(text, "true") == 0 || strcmp(text, "on") == 0)
			*out = "1";
		else if (strcmp(text, "0") == 0 || strcmp(text, "false") == 0)
			*out = "0";
		else
			return err_field(e, f->name, "type", "Must be true or false.");
		return 0;
	case FT_DATE:
		if (time_check_date(text))
			return err_field(e, f->name, "date", "Must be a date as YYYY-MM-DD.");
		*out = arena_strdup(a, text);
		return 0;
	case FT_DATETIME:
		if (time_normalize_datetime(text, norm))
			return err_field(e, f->name, "datetime", "Must be a UTC time as YYYY-MM-DDTHH:MM:SSZ.");
		*out = arena_strdup(a, norm);
		return 0;
	case FT_ENUM:
		if (!enum_has(f, text)) {
			char list[400] = "";
			size_t used = 0;
			for (const char *const *v = f->values; *v && used < sizeof(list) - 40; v++)
				used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
							 v == f->values ? "" : ", ", *v);
			return err_field(e, f->name, "enum", "Must be one of: %s.", list);
		}
		*out = arena_strdup(a, text);
		return 0;
	}
	return err_field(e, f->name, "type", "Unsupported field type.");
}

/* Converts one JSON value to text form according to the field's type. */
static int json_to_text(const struct field *f, json_t *v, struct arena *a, const char **out, struct err *e)
{
	*out = NULL;
	if (json_is_null(v))
		return 0;
	switch (f->type) {
	case FT_INT:
	case FT_REF:
	case FT_USER:
		if (!json_is_integer(v))
			return err_field(e, f->name, "type", "Must be a whole number%s.",
					 f->type == FT_INT ? "" : " (the id of the referenced record)");
		return validate_text(f, arena_printf(a, "%lld", (long long)json_integer_value(v)), a, out, e);
	case FT_BOOL:
		if (!json_is_boolean(v))
			return err_field(e, f->name, "type", "Must be true or false.");
		*out = json_is_true(v) ? "1" : "0";
		return 0;
	case FT_NUMBER:
		if (!json_is_number(v))
			return err_field(e, f->name, "type", "Must be a number, like 95 or 4.5.");
		return validate_text(f, arena_printf(a, "%.17g", json_number_value(v)), a, out, e);
	default:
		if (!json_is_string(v))
			return err_field(e, f->name, "type", "Must be a string.");
		if (json_string_length(v) != strlen(json_string_value(v)))
			return err_field(e, f->name, "encoding", "Must not contain NUL characters.");
		if (json_string_length(v) == 0)
			return 0; /* an empty string clears the field */
		return validate_text(f, json_string_value(v), a, out, e);
	}
}

static void finish(const struct entity *ent, int creating, struct input *in, struct err *e)
{
	for (int i = 0; i < ent->nfields; i++) {
		const struct field *f = &ent->fields[i];
		if (f->flags & F_COMPUTED)
			continue;
		if (creating && !in->set[i] && f->def) {
			in->values[i] = f->def;
			in->set[i] = 1;
		}
		if (!(f->flags & F_REQUIRED) || err_has_field(e, f->name))
			continue;
		if ((in->set[i] && !in->values[i]) || (creating && !in->set[i]))
			err_field(e, f->name, "required", "Required.");
	}
}

int validate_json(const struct entity *ent, json_t *obj, int creating, struct arena *a,
		  struct input *in, struct err *e)
{
	const char *key;
	json_t *v;
	int bad_keys = 0;
	input_init(in, ent, a);
	if (!json_is_object(obj))
		return err_set(e, 400, "bad_json", "The body must be a JSON object.");
	json_object_foreach(obj, key, v) {
		int i = entity_field_index(ent, key);
		if (i < 0 && is_system_column(key)) {
			err_field(e, key, "read_only", "Set by the server; leave it out.");
			bad_keys++;
			continue;
		}
		if (i < 0) {
			err_field(e, key, "unknown_field", "No field '%s' in %s.", key, ent->name);
			bad_keys++;
			continue;
		}
		if (ent->fields[i].flags & F_COMPUTED) {
			err_field(e, key, "read_only", "Computed by the server; leave it out.");
			bad_keys++;
			continue;
		}
		in->set[i] = 1;
		json_to_text(&ent->fields[i], v, a, &in->values[i], e);
	}
	finish(ent, creating, in, e);
	if (bad_keys) {
		e->status = 400;
		snprintf(e->code, sizeof(e->code), "unknown_field");
		snprintf(e->message, sizeof(e->message), "The body names fields that cannot be written.");
	}
	return e->status ? -1 : 0;
}

int validate_form(const struct entity *ent, const char *const *names, const char *const *vals, int n,
		  int creating, struct arena *a, struct input *in, struct err *e)
{
	input_init(in, ent, a);
	/* Unchecked checkboxes send nothing: a form always describes every bool. */
	for (int i = 0; i < ent->nfields; i++)
		if (ent->fields[i].type == FT_BOOL && !(ent->fields[i].flags & F_COMPUTED)) {
			in->set[i] = 1;
			in->values[i] = "0";
		}
	for (int k = 0; k < n; k++) {
		int i = entity_field_index(ent, names[k]);
		if (i < 0 || (ent->fields[i].flags & F_COMPUTED))
			continue;
		in->set[i] = 1;
		in->values[i] = NULL;
		if (vals[k][0])
			validate_text(&ent->fields[i], vals[k], a, &in->values[i], e);
	}
	finish(ent, creating, in, e);
	return e->status ? -1 : 0;
}
