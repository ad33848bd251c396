/* util: small helpers with no better home. */
#ifndef ISMS_UTIL_H
#define ISMS_UTIL_H
#include <stddef.h>
#include <stdint.h>

/* Parses a whole string as a base-10 int64; 0 on success, -1 otherwise
 * (empty, trailing junk, overflow). Use instead of atoi. */
int parse_int64(const char *s, int64_t *out);
/* Length-bounded variant for path segments. */
int parse_int64_n(const char *s, size_t n, int64_t *out);
/* Parses a whole string as a finite decimal number: an optional minus,
 * digits with an optional fraction, an optional exponent ("95", "-4.5",
 * "1e3"); no spaces, hex, inf or nan. 0 on success, -1 otherwise. */
int parse_number(const char *s, double *out);
/* A number's one spelling (%.15g, never "-0"), so that a value reads the
 * same whichever engine stored it: into out of n bytes. */
void number_format(double v, char *out, size_t n);
/* parse_number then number_format; -1 when s is not a number. */
int number_canonical(const char *s, char *out, size_t n);
/* Counts UTF-8 code points; returns -1 when s is not valid UTF-8. */
long utf8_length(const char *s);
/* Lowercase hex of n bytes into out (2n+1 bytes). */
void hex_encode(const unsigned char *in, size_t n, char *out);
int streq(const char *a, const char *b); /* NULL-safe */
/* The pattern "%text%" for `lower(col) LIKE ? ESCAPE '\'`: ASCII letters
 * lowercased, the LIKE wildcards and the escape character escaped. out must
 * hold 2 * strlen(text) + 3 bytes. */
void like_contains(const char *text, char *out);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
