/* ticket: the state of a web login between a correct password and the
 * second-factor code. A ticket is a random token handed to the browser in
 * the code form (never the password), stored only as its SHA-256 hash,
 * bound to one user and valid for TICKET_SECONDS. */
#ifndef ISMS_TICKET_H
#define ISMS_TICKET_H
#include <stdint.h>

#include "auth/secret.h"
#include "store/store.h"

#define TICKET_SECONDS (5 * 60)

/* A new ticket for the user; expired tickets of anyone are swept. */
int ticket_create(struct store *s, int64_t user_id, char token[TOKEN_MAX], struct err *e);
/* The user a live ticket belongs to; 401 "ticket_expired" when unknown or old. */
int ticket_user(struct store *s, const char *token, int64_t *user_id, struct err *e);
/* Ends a ticket (once used, or refused for good). Unknown tokens are no error. */
int ticket_delete(struct store *s, const char *token, struct err *e);

#endif
