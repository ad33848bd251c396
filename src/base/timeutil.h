/* timeutil: times are kept as text in UTC, "YYYY-MM-DDTHH:MM:SSZ", and dates
 * as "YYYY-MM-DD"; both sort correctly as strings on every engine. */
#ifndef ISMS_TIMEUTIL_H
#define ISMS_TIMEUTIL_H
#include <stdint.h>
#include <time.h>

#define TIME_ISO_LEN 21 /* "2026-11-23T12:00:00Z" + NUL */

void time_now_iso(char out[32]);
void time_iso(time_t t, char out[32]);
int64_t time_now_us(void);   /* monotonic microseconds */
/* Strict validators: return 0 when s is a real calendar date / date-time. */
int time_check_date(const char *s);
/* Accepts "YYYY-MM-DDTHH:MM[:SS]" with optional "Z"; writes the normal form. */
int time_normalize_datetime(const char *s, char out[32]);
/* Today (UTC) plus months, as YYYY-MM-DD; the day is clamped to the
 * target month's last day (31 January + 1 month = 28 or 29 February). */
void time_today_plus_months(int months, char out[16]);
/* A date (YYYY-MM-DD, or the date of a YYYY-MM-DDTHH:MM:SSZ time) plus
 * months, clamped the same way, or plus days; -1 when date is not one. */
int time_date_plus_months(const char *date, int months, char out[16]);
int time_date_plus_days(const char *date, int days, char out[16]);
/* Parses our own ISO form back to time_t; -1 on error. */
time_t time_parse_iso(const char *s);

#endif
