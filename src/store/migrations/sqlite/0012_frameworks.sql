-- Frameworks (src/isms/framework.h): a framework is a tree of requirement
-- nodes — ISO/IEC 27001 clauses and Annex A, NIST CSF, an OSCAL catalog or a
-- baseline resolved from a profile. Built-in frameworks are installed from
-- the binary; others are imported. A framework and its nodes are written once,
-- by one import, in one transaction; the organisation's own work on them
-- lives in the tables below, keyed by requirement.
CREATE TABLE framework (
  id INTEGER PRIMARY KEY,
  urn TEXT NOT NULL UNIQUE,             -- stable key, lower case
  ref_id TEXT NOT NULL,                 -- short name: "ISO/IEC 27001:2022"
  name TEXT NOT NULL,
  version TEXT,
  provider TEXT,
  description TEXT,
  origin TEXT NOT NULL,                 -- builtin | oscal | ciso-assistant
  source TEXT,                          -- the file's name it was imported from, or the built-in's key
  base_framework_id INTEGER REFERENCES framework(id), -- a baseline: the catalog it selects from
  has_soa INTEGER NOT NULL DEFAULT 0,   -- some nodes are rows of a Statement of Applicability
  requirement_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id)
);

CREATE TABLE requirement (
  id INTEGER PRIMARY KEY,
  framework_id INTEGER NOT NULL REFERENCES framework(id),
  parent_id INTEGER REFERENCES requirement(id),
  urn TEXT NOT NULL UNIQUE,             -- lower case
  ref_id TEXT,                          -- "A.5.1"; NULL for some grouping nodes
  title TEXT NOT NULL,
  guidance TEXT,                        -- our own short words, or the catalog's statement
  assessable INTEGER NOT NULL,          -- 0: a grouping node
  in_soa INTEGER NOT NULL DEFAULT 0,    -- a row of the framework's Statement of Applicability
  attributes TEXT,                      -- JSON object of string arrays, e.g. {"control_type":["preventive"]}
  ordinal INTEGER NOT NULL,             -- document order within the framework
  depth INTEGER NOT NULL                -- 1 for roots
);
CREATE INDEX requirement_framework ON requirement(framework_id, ordinal);
CREATE INDEX requirement_parent ON requirement(parent_id);

-- How a requirement of one framework relates to one of another.
CREATE TABLE requirement_mapping (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES requirement(id),
  target_id INTEGER NOT NULL REFERENCES requirement(id),
  relationship TEXT NOT NULL,           -- equal | subset | superset | intersects
  origin TEXT,                          -- the mapping set it came from
  UNIQUE (source_id, target_id)
);
CREATE INDEX requirement_mapping_target ON requirement_mapping(target_id);

-- The organisation's controls and the requirements they meet.
CREATE TABLE control_requirement (
  id INTEGER PRIMARY KEY,
  control_id INTEGER NOT NULL REFERENCES control(id),
  requirement_id INTEGER NOT NULL REFERENCES requirement(id),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (control_id, requirement_id)
);
CREATE INDEX control_requirement_requirement ON control_requirement(requirement_id);

-- Gap analysis: the organisation's own judgement of one requirement.
CREATE TABLE requirement_assessment (
  requirement_id INTEGER PRIMARY KEY REFERENCES requirement(id),
  status TEXT NOT NULL,                 -- not_assessed | not_met | partial | met | not_applicable
  evidence TEXT,
  notes TEXT,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);

-- Statement of Applicability: one row per SoA node (in_soa) the organisation
-- has decided on. Risk treatment as a reason is also derived from the links
-- risk -> control -> requirement when the SoA is read.
CREATE TABLE soa_entry (
  requirement_id INTEGER PRIMARY KEY REFERENCES requirement(id),
  applicable INTEGER,                   -- NULL: not decided yet
  reason_risk INTEGER NOT NULL DEFAULT 0,
  reason_legal INTEGER NOT NULL DEFAULT 0,
  reason_contract INTEGER NOT NULL DEFAULT 0,
  reason_business INTEGER NOT NULL DEFAULT 0,
  justification TEXT,                   -- required when not applicable
  status TEXT,                          -- implementation status when no control is linked
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);

-- An approved SoA: the rows as they read when approved, frozen.
CREATE TABLE soa_version (
  id INTEGER PRIMARY KEY,
  framework_id INTEGER NOT NULL REFERENCES framework(id),
  number INTEGER NOT NULL,
  note TEXT,
  approved_at TEXT NOT NULL,
  approved_by INTEGER REFERENCES users(id),
  snapshot TEXT NOT NULL,               -- JSON array of rows
  UNIQUE (framework_id, number)
);
