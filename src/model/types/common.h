/* Value lists shared by several record types. */
#ifndef ISMS_TYPES_COMMON_H
#define ISMS_TYPES_COMMON_H

extern const char *const severity_values[];       /* low .. critical */

#endif
