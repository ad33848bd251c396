-- Objectives and KPIs (ISO 27001 6.2, 9.1; issue 8).
-- * objective: a security objective with owner, target and due date.
-- * kpi: what is measured, unit, direction, target and thresholds (numbers),
--   frequency, the objective it measures, and its source (manual or the key
--   of a built-in formula, isms/kpi_formula.c).
-- * kpi_measurement: the series of a KPI, one value per period (monthly
--   "2025-03", quarterly "2025-Q1", yearly "2025", from the day measured),
--   entered by hand or computed; never more than one per period.
CREATE TABLE objective (
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
  target TEXT,
  due_date TEXT,
  status TEXT,
  evaluation TEXT
);
CREATE INDEX objective_owner ON objective(owner);
CREATE INDEX objective_list_default ON objective((due_date IS NULL), due_date, id) WHERE archived = 0;

CREATE TABLE kpi (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  definition TEXT,
  objective INTEGER REFERENCES objective(id),
  owner INTEGER REFERENCES users(id),
  source TEXT,
  unit TEXT,
  direction TEXT,
  target REAL,
  warning REAL,
  critical REAL,
  frequency TEXT
);
CREATE INDEX kpi_objective ON kpi(objective);
CREATE INDEX kpi_list_default ON kpi((title IS NULL), title, id) WHERE archived = 0;

CREATE TABLE kpi_measurement (
  id INTEGER PRIMARY KEY,
  kpi_id INTEGER NOT NULL REFERENCES kpi(id),
  period TEXT NOT NULL,
  measured_on TEXT NOT NULL,
  value REAL NOT NULL,
  note TEXT,
  source TEXT NOT NULL,
  recorded_by INTEGER REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  UNIQUE (kpi_id, period)
);
