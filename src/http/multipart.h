/* multipart: a strict reader of multipart/form-data bodies (RFC 7578), for
 * forms that upload a file. Each part becomes a struct form_field: its name,
 * its content (copied into the arena, NUL-terminated, len bytes, NULs
 * allowed) and, for a file, its file name without any folder. Anything
 * malformed — no boundary, a part without its closing boundary, a part
 * without a name, headers without an end, more parts than fit — is refused
 * with 400 "bad_multipart" saying what is wrong. */
#ifndef ISMS_MULTIPART_H
#define ISMS_MULTIPART_H
#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"
#include "http/http.h"

/* Appends the parts of body to out[*n..max). content_type is the request's
 * Content-Type header (it carries the boundary). 0, or -1 with e set. */
int multipart_parse(const char *body, size_t len, const char *content_type, struct arena *a,
		    struct form_field *out, int max, int *n, struct err *e);

#endif
