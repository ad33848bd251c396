-- Links between records (src/isms/link.h): one table per kind of link, all of
-- the same shape, so that generic code reads and writes every kind. A link
-- goes from one record (from_id) to another (to_id); relation is the kind's
-- optional attribute (a risk's control: existing or planned), else NULL.
CREATE TABLE link_asset_depends_on (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES asset(id),
  to_id INTEGER NOT NULL REFERENCES asset(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_asset_depends_on_to ON link_asset_depends_on(to_id);

CREATE TABLE link_risk_asset (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES risk(id),
  to_id INTEGER NOT NULL REFERENCES asset(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_risk_asset_to ON link_risk_asset(to_id);

CREATE TABLE link_risk_control (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES risk(id),
  to_id INTEGER NOT NULL REFERENCES control(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_risk_control_to ON link_risk_control(to_id);

-- A risk's Asset field is its primary asset, always one of its linked assets.
INSERT INTO link_risk_asset (from_id, to_id, created_at, created_by)
  SELECT id, asset, updated_at, updated_by FROM risk WHERE asset IS NOT NULL;

-- Effective protection needs (src/isms/protection.h): the asset's own values
-- raised to those of every asset that depends on it. Written only by
-- protection.c; with no dependencies yet, they are the own values.
ALTER TABLE asset ADD COLUMN effective_confidentiality INTEGER;
ALTER TABLE asset ADD COLUMN effective_integrity INTEGER;
ALTER TABLE asset ADD COLUMN effective_availability INTEGER;
ALTER TABLE asset ADD COLUMN effective_classification TEXT;
UPDATE asset SET effective_confidentiality = confidentiality, effective_integrity = integrity,
  effective_availability = availability, effective_classification = classification;
