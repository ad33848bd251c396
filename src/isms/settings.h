/* settings: organisation-wide options an administrator changes at run time
 * (session timeouts, whether a second factor is required). The known keys
 * are one table in settings.c — type, range, default, label — so the CLI,
 * the API and the admin page all validate alike. Values live in the
 * database, so every node sees a change at once; a change is audited. */
#ifndef ISMS_SETTINGS_H
#define ISMS_SETTINGS_H
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "isms/actor.h"
#include "store/store.h"

struct setting {
	const char *key;
	const char *label;
	const char *help;
	int is_bool;      /* 0/1, shown as a checkbox */
	int64_t min, max; /* integer range when !is_bool; the roles allowed when is_role */
	int64_t def;
	int is_role;      /* a role (enum role), written and shown by its name */
};

extern const struct setting setting_table[];
extern const int setting_count;

#define SETTING_SESSION_IDLE "session_idle_minutes"
#define SETTING_SESSION_ABSOLUTE "session_absolute_hours"
#define SETTING_MFA_REQUIRED "mfa_required"
#define SETTING_RISK_ACCEPTANCE_ROLE "risk_acceptance_role"

const struct setting *setting_by_key(const char *key);
/* The current value, or the default when unset or unreadable. */
int64_t settings_get(struct store *s, const char *key);
/* A value as text: a number, true/false, or a role's name (out: 32 bytes). */
void setting_text(const struct setting *def, int64_t v, char *out, size_t n);
#define SETTINGS_MAX 16
/* Validates and stores value (text: an integer, or true/false for a
 * boolean); 400 unknown key, 422 out of range, with the key as the field.
 * Audited as "setting_change" when the value changes. */
int settings_set(struct store *s, const struct actor *who, const char *key, const char *value, struct err *e);

/* Several at once, all or none. */
int settings_set_many(struct store *s, const struct actor *who, const char *const *keys, const char *const *values,
		      int n, struct err *e);

#endif
