/* risk: what the risk register adds to the generic record operations.
 * Inside the write transaction of a risk, its likelihood and impact
 * (inherent and residual) must be values of the current risk method's
 * scales; the matrix gives its levels, the method version is recorded with
 * them, and an empty next review date follows from the level's interval.
 * A risk above the appetite is closed, accepted or retained only under a
 * valid acceptance (isms/acceptance.h). */
#ifndef ISMS_RISK_H
#define ISMS_RISK_H
#include "isms/record.h"

/* before: the record as stored (NULL on create). Adds the computed values
 * to in; a value off its scale, or a change the acceptance rule refuses, is
 * a field error (422). */
int risk_prepare(struct store *s, const struct record *before, struct input *in, struct arena *a, struct err *e);

#endif
