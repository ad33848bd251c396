-- Login throttling (src/auth/login.c): failed attempts per account and per
-- client address, kept in the database so every node sees the same counts.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,          -- 'account:<e-mail>' or 'client:<address>'
  failures BIGINT NOT NULL,
  last_failure_at TEXT NOT NULL,
  locked_until TEXT
);
