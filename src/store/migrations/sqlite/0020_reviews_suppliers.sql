-- Management review and suppliers (issue 8, items 4 and 5).
-- * management_review (ISO 27001 9.3): date, chair, status draft -> held ->
--   closed, minutes, feedback, opportunities for improvement and decisions.
--   inputs is the JSON snapshot isms/review.c compiles from the data on the
--   day the review is created (compiled_on), never changed after the review
--   is held; closed_on is stamped when it is closed.
-- * review_attendee: the users who attended (external people are free text
--   in management_review.external_attendees).
-- * task.review: the actions a review decided; the next review lists them.
-- * supplier: the kinds of data the supplier handles, and the result of its
--   latest assessment (kept by isms/supplier.c, as are last and next review).
-- * supplier_assessment: one assessment of one supplier.
-- * links: a supplier's related risks and controls.
CREATE TABLE management_review (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  review_date TEXT NOT NULL,
  chair INTEGER REFERENCES users(id),
  status TEXT,
  external_attendees TEXT,
  feedback TEXT,
  improvement TEXT,
  minutes TEXT,
  decisions TEXT,
  compiled_on TEXT,
  closed_on TEXT,
  inputs TEXT
);
CREATE INDEX management_review_list_default ON management_review((review_date IS NULL), review_date DESC, id DESC)
  WHERE archived = 0;

CREATE TABLE review_attendee (
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES management_review(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (review_id, user_id)
);

ALTER TABLE task ADD COLUMN review INTEGER REFERENCES management_review(id);
CREATE INDEX task_review ON task(review);

ALTER TABLE supplier ADD COLUMN data_categories TEXT;
ALTER TABLE supplier ADD COLUMN last_result TEXT;
CREATE INDEX supplier_owner ON supplier(owner);

CREATE TABLE supplier_assessment (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  supplier INTEGER NOT NULL REFERENCES supplier(id),
  assessed_on TEXT NOT NULL,
  assessor INTEGER REFERENCES users(id),
  result TEXT NOT NULL,
  score INTEGER,
  findings TEXT,
  next_assessment TEXT
);
CREATE INDEX supplier_assessment_supplier ON supplier_assessment(supplier);
CREATE INDEX supplier_assessment_list_default ON supplier_assessment((assessed_on IS NULL), assessed_on DESC, id DESC)
  WHERE archived = 0;

CREATE TABLE link_supplier_risk (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES supplier(id),
  to_id INTEGER NOT NULL REFERENCES risk(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_supplier_risk_to ON link_supplier_risk(to_id);

CREATE TABLE link_supplier_control (
  id INTEGER PRIMARY KEY,
  from_id INTEGER NOT NULL REFERENCES supplier(id),
  to_id INTEGER NOT NULL REFERENCES control(id),
  relation TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  UNIQUE (from_id, to_id)
);
CREATE INDEX link_supplier_control_to ON link_supplier_control(to_id);
