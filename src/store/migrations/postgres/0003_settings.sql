-- Organisation-wide settings an administrator changes at run time (see
-- src/isms/settings.c for the known keys, their types, ranges and defaults).
-- A key absent here has its default.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
