-- Assessment runs (src/isms/risk_run.h): a run freezes the risk register at
-- one moment (ISO 27001 8.2 asks for the results of each assessment to be
-- kept). A run and its items are written once, in one transaction, and never
-- changed: there is no update path. Items copy what they show (the owner's
-- name, the asset's name) so a run reads the same after those change.
CREATE TABLE risk_run (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  note TEXT NOT NULL,
  risk_count INTEGER NOT NULL
);

CREATE TABLE risk_run_item (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES risk_run(id),
  risk_id INTEGER NOT NULL REFERENCES risk(id),
  title TEXT NOT NULL,
  owner INTEGER,
  owner_name TEXT,
  asset INTEGER,
  asset_name TEXT,
  likelihood INTEGER,
  impact INTEGER,
  inherent_score INTEGER,
  inherent_level TEXT,
  residual_likelihood INTEGER,
  residual_impact INTEGER,
  residual_score INTEGER,
  residual_level TEXT,
  treatment TEXT,
  status TEXT,
  method_version INTEGER
);
CREATE UNIQUE INDEX risk_run_item_run ON risk_run_item(run_id, risk_id);
