/* page_hooks: what a record type adds to its generic list and detail pages
 * (pages_entity.c), one row per type: links under the list's title, and
 * sections after the record's details. A type without a row gets the
 * generic pages alone. */
#include <string.h>

#include "isms/record.h"
#include "web/page.h"

struct page_hook {
	const char *entity;
	void (*list_links)(struct request *req, struct strbuf *sb);
	void (*detail)(struct request *req, struct strbuf *sb, const struct record *r);
};

/* The risk register: its assessment runs, and each risk's score trend. */
static void risk_list_links(struct request *req, struct strbuf *sb)
{
	if (req->user.role < ROLE_AUDITOR)
		return;
	html_printf(sb, "<p class=\"page-links\"><a href=\"/risk-runs\">Assessment runs</a>"
			"<span class=\"muted\"> — the register frozen at a date, and what changed between two dates</span></p>");
}

static const struct page_hook hooks[] = {
	{ "risk", risk_list_links, risk_trend_section },
};

static const struct page_hook *hook_of(const struct entity *ent)
{
	for (size_t k = 0; k < sizeof(hooks) / sizeof(hooks[0]); k++)
		if (strcmp(hooks[k].entity, ent->name) == 0)
			return &hooks[k];
	return NULL;
}

void page_list_extras(struct request *req, struct strbuf *sb, const struct entity *ent)
{
	const struct page_hook *h = hook_of(ent);
	if (h && h->list_links)
		h->list_links(req, sb);
}

void page_detail_extras(struct request *req, struct strbuf *sb, const struct entity *ent, const struct record *r)
{
	const struct page_hook *h = hook_of(ent);
	if (h && h->detail)
		h->detail(req, sb, r);
}
