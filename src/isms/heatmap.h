/* heatmap: how many risks sit in each likelihood × impact cell of the
 * current risk method, before treatment (inherent) or after (residual).
 * Counts come from the same list query as the register (record.c), so a
 * caller counts only the risks they may read, with the register's filters
 * and search; archived risks are never counted.
 *
 * A risk is placed by its stored values when both are values of the
 * current method's scales, whatever version it was assessed with. A risk
 * with a value that is not on the current scales (assessed under an older
 * version with other values) is counted apart in off_scale; one without a
 * likelihood or an impact in unscored. Neither is lost from total.
 *
 * The JSON and CSV writers are pure; the SVG picture is web/heatmap_view.c. */
#ifndef ISMS_HEATMAP_H
#define ISMS_HEATMAP_H
#include <stdint.h>

#include "base/err.h"
#include "base/strbuf.h"
#include "isms/record.h"
#include "isms/risk_method.h"

struct heatmap {
	const struct risk_method *m; /* borrowed */
	int residual;
	int64_t count[RM_MAX_STEPS][RM_MAX_STEPS]; /* [likelihood step][impact step] */
	int64_t total;     /* every risk counted */
	int64_t off_scale; /* a value not on the current scales */
	int64_t unscored;  /* no likelihood or no impact */
};

/* "inherent" or "residual". */
const char *heatmap_kind(int residual);
/* The field behind an axis: likelihood / impact, or residual_likelihood /
 * residual_impact. */
const char *heatmap_field(int residual, int impact_axis);

/* Counts the risks q matches (q's filters, search and viewer; q's sort,
 * page and archived rule are ignored) on m's scales. */
int heatmap_count(struct store *s, const struct risk_method *m, int residual, const struct list_query *q,
		  struct heatmap *h, struct err *e);

/* {"kind", "method_version", "likelihood": [{value,label,description}], "impact": [...],
 * "levels": [{key,label,colour,review_months}], "cells": [{likelihood, impact, level,
 * count}], "total", "off_scale", "unscored"}. Cells run likelihood by
 * likelihood, lowest first, each impact lowest first. */
void heatmap_json(const struct heatmap *h, struct strbuf *sb);
/* One row a cell, in the same order, under the header
 * likelihood,likelihood_label,impact,impact_label,level,level_label,count. */
void heatmap_csv(const struct heatmap *h, struct strbuf *sb);

#endif
