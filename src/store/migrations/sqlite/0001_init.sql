-- isms schema, version 1: accounts, sessions, tokens, audit log and the
-- first seven record types of the entity table (src/model/types/).
-- Every record table carries the same system columns; see model/entity.h.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- The audit log is a hash chain: each entry's hash is
-- SHA-256(previous entry's hash || canonical entry); see src/isms/audit.c.
-- audit_head holds the newest entry's id and hash; updating it in every
-- appending transaction serialises appenders on any engine.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id INTEGER,
  action TEXT NOT NULL,
  record_type TEXT,
  record_id INTEGER,
  before_json TEXT,
  after_json TEXT,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log(record_type, record_id);

CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id INTEGER NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE asset (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  name TEXT NOT NULL,
  asset_type TEXT NOT NULL,
  description TEXT,
  owner INTEGER REFERENCES users(id),
  classification TEXT,
  confidentiality INTEGER,
  integrity INTEGER,
  availability INTEGER,
  location TEXT,
  lifecycle TEXT
);
CREATE INDEX asset_name ON asset(name);
CREATE INDEX asset_owner ON asset(owner);

CREATE TABLE risk (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  description TEXT,
  asset INTEGER REFERENCES asset(id),
  threat TEXT,
  vulnerability TEXT,
  owner INTEGER REFERENCES users(id),
  likelihood INTEGER,
  impact INTEGER,
  inherent_score INTEGER GENERATED ALWAYS AS (likelihood * impact) STORED,
  existing_controls TEXT,
  treatment TEXT,
  treatment_plan TEXT,
  residual_likelihood INTEGER,
  residual_impact INTEGER,
  residual_score INTEGER GENERATED ALWAYS AS (residual_likelihood * residual_impact) STORED,
  status TEXT,
  review_date TEXT
);
CREATE INDEX risk_inherent ON risk(inherent_score);
CREATE INDEX risk_owner ON risk(owner);
CREATE INDEX risk_asset ON risk(asset);

CREATE TABLE control (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  code TEXT,
  title TEXT NOT NULL,
  description TEXT,
  control_type TEXT,
  owner INTEGER REFERENCES users(id),
  status TEXT,
  implementation TEXT,
  evidence TEXT,
  effectiveness TEXT,
  last_tested TEXT,
  next_review TEXT
);
CREATE INDEX control_code ON control(code);

CREATE TABLE document (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  summary TEXT,
  body TEXT,
  owner INTEGER REFERENCES users(id),
  approver INTEGER REFERENCES users(id),
  state TEXT,
  version_label TEXT,
  classification TEXT,
  review_interval_months INTEGER,
  next_review TEXT,
  approved_at TEXT
);

CREATE TABLE incident (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  description TEXT,
  category TEXT,
  severity TEXT,
  status TEXT,
  reporter INTEGER REFERENCES users(id),
  handler INTEGER REFERENCES users(id),
  asset INTEGER REFERENCES asset(id),
  personal_data_breach INTEGER,
  occurred_at TEXT,
  detected_at TEXT,
  reported_at TEXT,
  responded_at TEXT,
  contained_at TEXT,
  resolved_at TEXT,
  closed_at TEXT,
  lessons_learned TEXT
);

CREATE TABLE supplier (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  name TEXT NOT NULL,
  service TEXT,
  data_access TEXT,
  criticality TEXT,
  status TEXT,
  owner INTEGER REFERENCES users(id),
  contact_name TEXT,
  contact_email TEXT,
  contract_start TEXT,
  contract_end TEXT,
  last_review TEXT,
  next_review TEXT,
  notes TEXT
);

CREATE TABLE task (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  description TEXT,
  owner INTEGER REFERENCES users(id),
  due_date TEXT,
  status TEXT,
  priority TEXT,
  risk INTEGER REFERENCES risk(id),
  control INTEGER REFERENCES control(id),
  incident INTEGER REFERENCES incident(id),
  completed_at TEXT
);
CREATE INDEX task_owner ON task(owner);
CREATE INDEX task_due ON task(due_date);
