/* err: the one error convention. Functions return 0 on success and -1 on
 * failure, filling a struct err that knows its HTTP status, a stable code
 * word, a human message and, for validation failures, per-field messages. */
#ifndef ISMS_ERR_H
#define ISMS_ERR_H

#define ERR_MAX_FIELDS 32

struct field_error {
	char field[48];
	char code[24];
	char message[160];
};

struct err {
	int status;     /* HTTP status this error maps to; 0 = no error */
	char code[32];  /* stable code word, e.g. "validation", "not_found" */
	char message[256];
	int nfields;
	struct field_error fields[ERR_MAX_FIELDS];
};

#define ERR_INIT { 0 }

void err_clear(struct err *e);
/* Sets status, code and message; returns -1 so callers can `return err_set(...)`. */
int err_set(struct err *e, int status, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Adds a per-field message; the first one also sets status 422 "validation"
 * unless a status was already set. Returns -1. */
int err_field(struct err *e, const char *field, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
const char *err_title(int status);
int err_has_field(const struct err *e, const char *field);

#endif
