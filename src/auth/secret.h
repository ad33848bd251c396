/* secret: passwords (argon2id), random tokens, and the hashes under which
 * tokens are stored. Everything here goes through libsodium. */
#ifndef ISMS_SECRET_H
#define ISMS_SECRET_H
#include <stddef.h>

#include "base/err.h"

#define PASSWORD_HASH_MAX 128 /* >= crypto_pwhash_STRBYTES */
#define TOKEN_MAX 64          /* prefix + 43 base64url chars + NUL */
#define TOKEN_HASH_LEN 65     /* hex SHA-256 + NUL */
#define PASSWORD_MIN 12

int secret_init(void); /* sodium_init; -1 when the library cannot start */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
int password_verify(const char *hash, const char *password); /* 0 when it matches */
/* Password rules: length, not the e-mail, not a well-known password. */
int password_check(const char *email, const char *password, struct err *e);
/* A fresh random password that passes password_check, for `isms init`. */
void password_generate(char out[32]);
/* "<prefix><43 chars of base64url random>". */
void token_new(const char *prefix, char out[TOKEN_MAX]);
void token_hash(const char *token, char out[TOKEN_HASH_LEN]);
/* Constant-time string comparison; 0 when equal. */
int secret_equal(const char *a, const char *b);

#endif
