-- The risk method (src/isms/risk_method.h): each row is one version, never
-- changed once written; the newest is the current method. The body is the
-- method's canonical JSON (scales, levels, matrix, appetite), read and
-- written whole. Version 1 is the default 5 x 5 method shipped with isms.
CREATE TABLE risk_method (
  id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  note TEXT,
  body TEXT NOT NULL
);

INSERT INTO risk_method (created_at, created_by, note, body) VALUES ('2026-11-23T00:00:00Z', NULL,
  'The default method shipped with isms: 5 x 5, four levels.',
  '{"likelihood":[{"value":1,"label":"Rare","description":"Not expected within five years; it would take an unusual chain of events."},{"value":2,"label":"Unlikely","description":"Could happen within five years, but nothing suggests it is near."},{"value":3,"label":"Possible","description":"Might well happen within two years; it has happened to organisations like ours."},{"value":4,"label":"Likely","description":"Expected within a year; it has happened here before or warning signs exist."},{"value":5,"label":"Almost certain","description":"Expected within months, or already happens from time to time."}],"impact":[{"value":1,"label":"Negligible","description":"Absorbed in normal work; customers and obligations are not affected."},{"value":2,"label":"Minor","description":"A short disruption or a small cost, noticed inside and put right within days."},{"value":3,"label":"Moderate","description":"Customers notice; a real cost, and a contractual or reporting duty may apply."},{"value":4,"label":"Major","description":"Serious harm to customers, finances or reputation; regulators take an interest."},{"value":5,"label":"Severe","description":"Threatens the survival of the organisation or causes lasting harm to people."}],"levels":[{"key":"low","label":"Low","colour":"green","review_months":12},{"key":"medium","label":"Medium","colour":"yellow","review_months":6},{"key":"high","label":"High","colour":"orange","review_months":3},{"key":"critical","label":"Critical","colour":"red","review_months":1}],"matrix":[["low","low","low","low","medium"],["low","low","medium","medium","high"],["low","medium","medium","high","high"],["low","medium","high","high","critical"],["medium","high","high","critical","critical"]],"appetite":"low"}');

-- Each assessed risk records the method version it was scored with and the
-- levels the matrix gave, so it reads the same after the method changes.
-- Existing risks were scored on the fixed 1-5 scales, which are version 1.
ALTER TABLE risk ADD COLUMN method_version INTEGER REFERENCES risk_method(id);
ALTER TABLE risk ADD COLUMN inherent_level TEXT;
ALTER TABLE risk ADD COLUMN residual_level TEXT;
UPDATE risk SET method_version = 1,
  inherent_level = CASE WHEN inherent_score IS NULL THEN NULL WHEN inherent_score <= 4 THEN 'low'
    WHEN inherent_score <= 9 THEN 'medium' WHEN inherent_score <= 16 THEN 'high' ELSE 'critical' END,
  residual_level = CASE WHEN residual_score IS NULL THEN NULL WHEN residual_score <= 4 THEN 'low'
    WHEN residual_score <= 9 THEN 'medium' WHEN residual_score <= 16 THEN 'high' ELSE 'critical' END
WHERE inherent_score IS NOT NULL OR residual_score IS NOT NULL;
CREATE INDEX risk_method_version ON risk(method_version);
