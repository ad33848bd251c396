-- Internal audits (ISO 27001 9.2, issue 8).
-- * audit_area: what is audited — a process, department, clause or theme —
--   with its owner and, optionally, the user group of the people working in
--   it (an auditor who owns or belongs to an area should not audit it).
-- * audit_programme: the audit programme over a cycle of years.
-- * internal_audit: one audit — area, dates, team, scope, objectives and its
--   criteria (requirements of a framework: the whole framework or the
--   subtrees of some ref ids); independence_warning is stamped by
--   isms/internal_audit.c when the lead auditor or a team member owns or
--   belongs to the area, independence_ack records that it was acknowledged.
-- * audit_item: the checklist, one row per assessable requirement of the
--   criteria (copied, so the report reads the same later), with the result,
--   evidence, notes and the nonconformity raised from it.
CREATE TABLE audit_area (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  name TEXT NOT NULL,
  kind TEXT,
  owner INTEGER REFERENCES users(id),
  group_id INTEGER REFERENCES user_group(id),
  description TEXT
);
CREATE INDEX audit_area_list_default ON audit_area((name IS NULL), name, id) WHERE archived = 0;

CREATE TABLE audit_programme (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  owner INTEGER REFERENCES users(id),
  cycle_start TEXT NOT NULL,
  cycle_years INTEGER,
  status TEXT,
  objectives TEXT
);
CREATE INDEX audit_programme_list_default ON audit_programme((cycle_start IS NULL), cycle_start DESC, id DESC) WHERE archived = 0;

CREATE TABLE internal_audit (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  programme INTEGER REFERENCES audit_programme(id),
  area INTEGER REFERENCES audit_area(id),
  status TEXT,
  planned_start TEXT,
  planned_end TEXT,
  actual_start TEXT,
  actual_end TEXT,
  lead_auditor INTEGER REFERENCES users(id),
  auditor_2 INTEGER REFERENCES users(id),
  auditor_3 INTEGER REFERENCES users(id),
  scope TEXT,
  objectives TEXT,
  criteria_framework INTEGER REFERENCES framework(id),
  criteria_refs TEXT,
  conclusion TEXT,
  independence_warning TEXT,
  independence_ack INTEGER
);
CREATE INDEX internal_audit_list_default ON internal_audit((planned_start IS NULL), planned_start, id) WHERE archived = 0;
CREATE INDEX internal_audit_programme ON internal_audit(programme);

CREATE TABLE audit_item (
  id INTEGER PRIMARY KEY,
  audit_id INTEGER NOT NULL REFERENCES internal_audit(id),
  requirement_id INTEGER NOT NULL REFERENCES requirement(id),
  ordinal INTEGER NOT NULL,
  ref_id TEXT,
  title TEXT NOT NULL,
  guidance TEXT,
  result TEXT NOT NULL DEFAULT 'not_checked',
  evidence TEXT,
  notes TEXT,
  nonconformity_id INTEGER REFERENCES nonconformity(id),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT,
  updated_by INTEGER REFERENCES users(id),
  UNIQUE (audit_id, requirement_id)
);
CREATE INDEX audit_item_audit ON audit_item(audit_id, ordinal);
