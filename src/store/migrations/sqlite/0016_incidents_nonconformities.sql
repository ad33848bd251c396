-- Incidents, nonconformities and corrective actions (issue 7).
-- * incident.regulator_notified_at: when a personal-data breach was notified
--   to the supervisory authority (the deadline is 72 hours after detection).
-- * nonconformity (ISO 27001 10.2): what went wrong, where it came from, its
--   correction, root cause and the effectiveness check that closes it;
--   closed_on is stamped by isms/nonconformity.c when it is closed.
-- * task.nonconformity: the corrective actions of a nonconformity are tasks.
-- * links: an incident's affected assets (incident.asset is the primary one,
--   always linked) and related risks; a nonconformity's incident
--   (nonconformity.incident, always linked).
ALTER TABLE incident ADD COLUMN regulator_notified_at TEXT;

CREATE TABLE nonconformity (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  source TEXT,
  incident INTEGER REFERENCES incident(id),
  audit_reference TEXT,
  description TEXT,
  severity TEXT,
  raised_by INTEGER REFERENCES users(id),
  owner INTEGER REFERENCES users(id),
  detected_on TEXT,
  due_date TEXT,
  status TEXT,
  correction TEXT,
  root_cause TEXT,
  effectiveness_checked_by INTEGER REFERENCES users(id),
  effectiveness_checked_on TEXT,
  effectiveness_result TEXT,
  effectiveness_notes TEXT,
  closed_on TEXT
);
CREATE INDEX nonconformity_owner ON nonconformity(owner);
CREATE INDEX nonconformity_list_default ON nonconformity((id IS NULL), id DESC, id DESC) WHERE archived = 0;

ALTER TABLE task ADD COLUMN nonconformity INTEGER REFERENCES nonconformity(id);
CREATE INDEX task_nonconformity ON task(nonconformity);

CREATE TABLE link_incident_asset (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES incident(id),
  to_id INTEGER NOT NULL REFERENCES asset(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_incident_asset_to ON link_incident_asset(to_id);

CREATE TABLE link_incident_risk (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES incident(id),
  to_id INTEGER NOT NULL REFERENCES risk(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_incident_risk_to ON link_incident_risk(to_id);

CREATE TABLE link_nonconformity_incident (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES nonconformity(id),
  to_id INTEGER NOT NULL REFERENCES incident(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_nonconformity_incident_to ON link_nonconformity_incident(to_id);

-- An incident's Affected asset field is its primary asset, always linked.
INSERT INTO link_incident_asset (from_id, to_id, created_at, created_by)
  SELECT id, asset, updated_at, updated_by FROM incident WHERE asset IS NOT NULL;
