/* static: GET /static/{name} — the CSS, JavaScript and images compiled into
 * the binary (tools/embed.c), served with a content type from the file
 * extension. Unknown names are 404; nothing is read from disk. */
#include <string.h>

#include "base/embedded.h"
#include "web/web.h"

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return NULL;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

void web_static(struct request *req, struct response *resp)
{
	const char *type;
	for (const struct embedded_file *f = web_assets; f->name; f++) {
		if (strcmp(f->name, req->param) != 0)
			continue;
		type = content_type(f->name);
		if (!type)
			break;
		sb_reset(&resp->body);
		sb_add(&resp->body, f->data, f->len);
		http_reply(resp, 200, type);
		return;
	}
	sb_reset(&resp->body);
	sb_adds(&resp->body, "Not found.\n");
	http_reply(resp, 404, "text/plain; charset=utf-8");
}
