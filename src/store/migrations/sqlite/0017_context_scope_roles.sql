-- Context of the organisation, scope, roles and responsibilities (issue 8,
-- ISO 27001 clauses 4 and 5.3).
-- * context_issue (4.1), interested_party (4.2) and party_requirement (a
--   party's legal, regulatory or contractual requirement) are record types;
--   link_party_requirement_party keeps a requirement's party (its primary
--   field) and link_party_requirement_control the controls that satisfy it.
-- * scope_statement holds the one current scope (id 1): draft or approved;
--   scope_version the approved versions, frozen, numbered from 1
--   (isms/scope.c).
-- * process is a record type; isms_role_holder names who holds each ISMS
--   role (the roles are isms/raci.c's list) and raci_entry the RACI of a
--   process, per ISMS role or person (isms/raci.c checks one A each).
CREATE TABLE context_issue (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  category TEXT,
  description TEXT,
  effect TEXT,
  owner INTEGER REFERENCES users(id),
  status TEXT,
  review_date TEXT
);
CREATE INDEX context_issue_list_default ON context_issue((title IS NULL), title, id) WHERE archived = 0;

CREATE TABLE interested_party (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  description TEXT,
  influence TEXT,
  owner INTEGER REFERENCES users(id),
  review_date TEXT
);
CREATE INDEX interested_party_list_default ON interested_party((name IS NULL), name, id) WHERE archived = 0;

CREATE TABLE party_requirement (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  requirement TEXT NOT NULL,
  party INTEGER REFERENCES interested_party(id),
  requirement_type TEXT NOT NULL,
  source TEXT,
  details TEXT,
  addressed INTEGER DEFAULT 0
);
CREATE INDEX party_requirement_party ON party_requirement(party);
CREATE INDEX party_requirement_list_default ON party_requirement((requirement IS NULL), requirement, id) WHERE archived = 0;

CREATE TABLE process (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  name TEXT NOT NULL,
  description TEXT,
  owner INTEGER REFERENCES users(id),
  status TEXT
);
CREATE INDEX process_list_default ON process((name IS NULL), name, id) WHERE archived = 0;

CREATE TABLE link_party_requirement_party (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES party_requirement(id),
  to_id INTEGER NOT NULL REFERENCES interested_party(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_party_requirement_party_to ON link_party_requirement_party(to_id);

CREATE TABLE link_party_requirement_control (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES party_requirement(id),
  to_id INTEGER NOT NULL REFERENCES control(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_party_requirement_control_to ON link_party_requirement_control(to_id);

CREATE TABLE scope_statement (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'approved')),
  units TEXT,
  locations TEXT,
  processes TEXT,
  systems TEXT,
  exclusions TEXT,
  justification TEXT,
  interfaces TEXT,
  based_on INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);

CREATE TABLE scope_version (
  id INTEGER PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  units TEXT,
  locations TEXT,
  processes TEXT,
  systems TEXT,
  exclusions TEXT,
  justification TEXT,
  interfaces TEXT,
  approved_at TEXT NOT NULL,
  approved_by INTEGER REFERENCES users(id),
  note TEXT
);

CREATE TABLE isms_role_holder (
  id INTEGER PRIMARY KEY,
  role TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  assigned_at TEXT NOT NULL,
  assigned_by INTEGER REFERENCES users(id)
);

CREATE TABLE raci_entry (
  id INTEGER PRIMARY KEY,
  process_id INTEGER NOT NULL REFERENCES process(id),
  role TEXT,
  user_id INTEGER REFERENCES users(id),
  letter TEXT NOT NULL CHECK (letter IN ('R', 'A', 'C', 'I')),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  CHECK ((role IS NULL) <> (user_id IS NULL)),
  UNIQUE (process_id, role),
  UNIQUE (process_id, user_id)
);
CREATE INDEX raci_entry_user ON raci_entry(user_id);
