/* log: one-line messages to stderr with a UTC timestamp. */
#ifndef ISMS_LOG_H
#define ISMS_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Silences log_info (tests and quiet CLI commands); errors still print. */
void log_set_quiet(int quiet);

#endif
