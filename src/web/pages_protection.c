/* pages_protection: the Protection needs panel of an asset's page — each
 * need's own and effective value, and the assets the effective value comes
 * from (isms/protection.h). */
#include "isms/protection.h"
#include "isms/record.h"
#include "web/page.h"

static const char *const need_labels[] = { "—", "Low", "Medium", "High", "Very high" };

static void need_value(struct request *req, struct strbuf *sb, const struct pn_view *pv, int d, int v)
{
	if (!v) {
		html_printf(sb, "<span class=\"empty\" aria-label=\"not set\">—</span>");
	} else if (d == PN_CLASS) {
		view_classification(req, sb, protection_class_key(pv->scheme, v));
	} else {
		html_printf(sb, "<span class=\"need need-%d\">%d</span> %s", v, v,
			    v >= 1 && v <= 4 ? need_labels[v] : "");
	}
}

void page_protection(struct request *req, struct strbuf *sb, const struct record *r)
{
	struct pn_view v;
	struct err e = ERR_INIT;

	html_printf(sb, "<section class=\"card protection\" id=\"protection\" aria-labelledby=\"protection-title\">"
			"<div class=\"card-head\"><h2 id=\"protection-title\">Protection needs</h2></div>");
	if (protection_view(req->store, &req->actor, r->id, &req->arena, &v, &e)) {
		page_notice(sb, "error", e.message);
		html_printf(sb, "</section>");
		return;
	}
	html_printf(sb, "<p class=\"help\">Own values are set on this asset. Effective values are the highest of "
			"its own and those of every asset that depends on it, directly or through others.</p>"
			"<div class=\"table-wrap\"><table class=\"table protection-table\"><thead><tr>"
			"<th scope=\"col\">Need</th><th scope=\"col\">Own</th><th scope=\"col\">Effective</th>"
			"<th scope=\"col\">Raised by</th></tr></thead><tbody>");
	for (int d = 0; d < PN_DIMS; d++) {
		const struct pn_dim *dim = &v.dim[d];
		int raised = dim->eff > dim->own;
		html_printf(sb, "<tr%R><th scope=\"row\">%s</th><td>", raised ? " class=\"raised\"" : "", pn_dim_labels[d]);
		need_value(req, sb, &v, d, dim->own);
		html_printf(sb, "</td><td>");
		need_value(req, sb, &v, d, dim->eff);
		html_printf(sb, "</td><td>");
		if (!raised)
			html_printf(sb, "<span class=\"muted\">Its own value</span>");
		for (int k = 0; k < dim->nfrom; k++)
			html_printf(sb, "%R<a href=\"/assets/%lld\">%s</a>", k ? ", " : "", (long long)dim->from[k].id,
				    dim->from[k].name);
		if (raised && dim->nfrom == 0)
			html_printf(sb, "<span class=\"muted\">Assets you cannot see</span>");
		html_printf(sb, "</td></tr>");
	}
	html_printf(sb, "</tbody></table></div></section>");
}
