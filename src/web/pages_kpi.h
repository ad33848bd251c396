/* pages_kpi: the sections KPIs and objectives add to their generic pages
 * (rows of page_hooks.c); the form handlers are in web.h. */
#ifndef ISMS_WEB_PAGES_KPI_H
#define ISMS_WEB_PAGES_KPI_H
#include "http/http.h"
#include "base/strbuf.h"

struct record;
/* A KPI's status, measure or record form, trend chart and measurements. */
void kpi_detail_section(struct request *req, struct strbuf *sb, const struct record *r);
/* The KPIs naming an objective, with their latest value and status. */
void objective_kpis_section(struct request *req, struct strbuf *sb, const struct record *r);
/* How many KPIs stand at each status, above the KPI list. */
void kpi_list_figures(struct request *req, struct strbuf *sb);

#endif
