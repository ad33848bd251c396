/* multipart: multipart/form-data bodies into form fields (see multipart.h). */
#include "http/multipart.h"

#include <string.h>
#include <strings.h>

#define BOUNDARY_MAX 70
#define HEADERS_MAX 8192

static int bad(struct err *e, const char *what)
{
	return err_set(e, 400, "bad_multipart", "The form upload is malformed: %s.", what);
}

/* The boundary parameter of the Content-Type, unquoted, into out. */
static int boundary_of(const char *ct, char *out, size_t cap)
{
	const char *p = ct ? strcasestr(ct, "boundary=") : NULL;
	size_t n;
	if (!p)
		return -1;
	p += 9;
	if (*p == '"') {
		const char *q = strchr(++p, '"');
		if (!q)
			return -1;
		n = (size_t)(q - p);
	} else {
		n = strcspn(p, "; \t");
	}
	if (n == 0 || n > BOUNDARY_MAX || n >= cap)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/* The value of param (name= or filename=) in a Content-Disposition header
 * [h, end), quoted or not; NULL when absent. */
static const char *disposition_param(const char *h, const char *end, const char *param, struct arena *a)
{
	size_t pn = strlen(param);
	for (const char *p = h; p + pn < end; p++) {
		const char *v, *stop;
		if (strncasecmp(p, param, pn) != 0 || p[pn] != '=' || (p > h && p[-1] != ' ' && p[-1] != ';'))
			continue;
		v = p + pn + 1;
		if (v < end && *v == '"') {
			v++;
			stop = memchr(v, '"', (size_t)(end - v));
			if (!stop)
				return NULL;
		} else {
			stop = v;
			while (stop < end && *stop != ';' && *stop != ' ')
				stop++;
		}
		return arena_strndup(a, v, (size_t)(stop - v));
	}
	return NULL;
}

/* The headers of one part [h, end): its field name and file name. */
static int part_headers(const char *h, const char *end, struct arena *a, const char **name, const char **filename,
			struct err *e)
{
	*name = *filename = NULL;
	while (h < end) {
		const char *eol = memmem(h, (size_t)(end - h), "\r\n", 2);
		if (!eol)
			eol = end;
		if ((size_t)(eol - h) > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
			const char *v = h + 20;
			while (v < eol && *v == ' ')
				v++;
			if ((size_t)(eol - v) < 9 || strncasecmp(v, "form-data", 9) != 0)
				return bad(e, "a part is not form-data");
			*name = disposition_param(v, eol, "name", a);
			*filename = disposition_param(v, eol, "filename", a);
		}
		h = eol + 2;
	}
	if (!*name || !**name)
		return bad(e, "a part has no name");
	if (*filename) { /* some browsers send the whole path */
		const char *slash = strrchr(*filename, '/'), *back = strrchr(*filename, '\\');
		if (back > slash)
			slash = back;
		if (slash)
			*filename = slash + 1;
	}
	return 0;
}

int multipart_parse(const char *body, size_t len, const char *content_type, struct arena *a,
		    struct form_field *out, int max, int *n, struct err *e)
{
	char boundary[BOUNDARY_MAX + 1], delim[BOUNDARY_MAX + 5];
	const char *p, *end = body + len;
	size_t dn;
	if (boundary_of(content_type, boundary, sizeof(boundary)))
		return bad(e, "the Content-Type has no boundary (1 to 70 characters)");
	dn = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	/* the first boundary opens the body or follows a preamble */
	if (len >= dn - 2 && memcmp(body, delim + 2, dn - 2) == 0)
		p = body + dn - 2;
	else if ((p = memmem(body, len, delim, dn)))
		p += dn;
	else
		return bad(e, "no boundary in the body");
	for (;;) {
		const char *hend, *next, *name, *filename;
		struct form_field *f;
		char *v;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* the closing boundary; an epilogue may follow */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return bad(e, "a boundary is not followed by a line break");
		p += 2;
		hend = memmem(p, (size_t)(end - p) < HEADERS_MAX ? (size_t)(end - p) : HEADERS_MAX, "\r\n\r\n", 4);
		if (!hend)
			return bad(e, "a part's headers do not end");
		if (part_headers(p, hend, a, &name, &filename, e))
			return -1;
		p = hend + 4;
		if (!(next = memmem(p, (size_t)(end - p), delim, dn)))
			return bad(e, "the body ends before its closing boundary");
		if (*n >= max)
			return bad(e, "too many parts");
		f = &out[(*n)++];
		v = arena_alloc(a, (size_t)(next - p) + 1);
		memcpy(v, p, (size_t)(next - p));
		f->name = name;
		f->value = v;
		f->len = (size_t)(next - p);
		f->filename = filename;
		p = next + dn;
	}
}
