#include <stddef.h>

#include "model/types/common.h"

const char *const severity_values[] = { "low", "medium", "high", "critical", NULL };
