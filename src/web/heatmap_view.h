/* heatmap_view: the risk heat maps as server-rendered SVG — a grid of
 * likelihood (rows, highest on top) × impact (columns), each cell filled
 * with the colour of its level in the current risk method and showing its
 * count, each a link to the register filtered on that cell; axes labelled
 * with the scales' labels. No style attributes (the CSP forbids inline
 * style): colours are SVG presentation attributes, so the same picture
 * also stands alone as a file ('isms risk heatmap --format svg').
 *
 * heatmap_svg is pure; the sections count through isms/heatmap.c. */
#ifndef ISMS_HEATMAP_VIEW_H
#define ISMS_HEATMAP_VIEW_H
#include "base/strbuf.h"
#include "http/http.h"
#include "isms/heatmap.h"

/* A link to the risk register with some filters set (the list page keeps
 * its other filters and search; elsewhere the plain register). href writes
 * the escaped address. */
struct list_link {
	void (*href)(struct strbuf *sb, const void *ctx, const char *const *fields, const char *const *values, int n);
	const void *ctx;
};

/* The picture of h. id makes element ids unique on a page; link NULL: no
 * links (a file); standalone adds the XML namespace and a white
 * background. sel_l / sel_i: the step indexes of a cell to outline (the
 * list's current filter), -1 for none. */
void heatmap_svg(const struct heatmap *h, struct strbuf *sb, const char *id, const struct list_link *link,
		 int standalone, int sel_l, int sel_i);

/* Both heat maps (inherent, residual) of what q matches, side by side, with
 * the level legend and the risks not placed; nothing when there are no
 * risks at all. For the risk list (link: the list with its filters) and the
 * dashboard (q NULL: every risk the caller may read; link NULL: the
 * register). The caller checks the caller may read risks. */
void heatmap_sections(struct request *req, struct strbuf *sb, const struct list_query *q,
		      const struct list_link *link);

#endif
