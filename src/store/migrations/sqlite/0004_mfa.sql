-- A second factor (TOTP, RFC 6238) per user; see src/auth/mfa.c.
-- mfa_secret is the base32 key of a confirmed enrolment (NULL: MFA is off);
-- mfa_pending_secret is a key shown to the user but not yet confirmed with a
-- code; mfa_last_step is the newest time step a code was accepted for, so no
-- code works twice.
ALTER TABLE users ADD COLUMN mfa_secret TEXT;
ALTER TABLE users ADD COLUMN mfa_pending_secret TEXT;
ALTER TABLE users ADD COLUMN mfa_last_step INTEGER NOT NULL DEFAULT 0;

-- Recovery codes: stored only as SHA-256 hashes; used_at is set when one is spent.
CREATE TABLE mfa_recovery_codes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX mfa_recovery_codes_user ON mfa_recovery_codes(user_id);

-- Login tickets: the state between a correct password and the code, for
-- the web form. Random, handed to the browser once, stored hashed, short-lived.
CREATE TABLE login_tickets (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  expires_at TEXT NOT NULL
);
CREATE INDEX login_tickets_user ON login_tickets(user_id);
