#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(struct err *e)
{
	e->status = 0;
	e->code[0] = e->message[0] = '\0';
	e->nfields = 0;
}

int err_set(struct err *e, int status, const char *code, const char *fmt, ...)
{
	va_list ap;
	e->status = status;
	snprintf(e->code, sizeof(e->code), "%s", code);
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	return -1;
}

int err_field(struct err *e, const char *field, const char *code, const char *fmt, ...)
{
	va_list ap;
	struct field_error *fe;
	if (!e->status)
		err_set(e, 422, "validation", "Some fields are not valid.");
	if (e->nfields >= ERR_MAX_FIELDS)
		return -1;
	fe = &e->fields[e->nfields++];
	snprintf(fe->field, sizeof(fe->field), "%s", field);
	snprintf(fe->code, sizeof(fe->code), "%s", code);
	va_start(ap, fmt);
	vsnprintf(fe->message, sizeof(fe->message), fmt, ap);
	va_end(ap);
	return -1;
}

const char *err_title(int status)
{
	switch (status) {
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 412: return "Precondition Failed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 428: return "Precondition Required";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

int err_has_field(const struct err *e, const char *field)
{
	for (int i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].field, field) == 0)
			return 1;
	return 0;
}
