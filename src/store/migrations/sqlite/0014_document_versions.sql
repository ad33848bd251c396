-- Documents with versions and acknowledgement (src/isms/doc_version.h,
-- doc_ack.h). The document row is the working copy (its latest version);
-- document_version keeps every version's text and workflow; the audience
-- of a document (everyone, roles, groups) is asked to acknowledge each
-- published version, one document_ack row per person and version.
ALTER TABLE document ADD COLUMN version_number INTEGER NOT NULL DEFAULT 1;
ALTER TABLE document ADD COLUMN published_version INTEGER;
ALTER TABLE document ADD COLUMN published_at TEXT;
ALTER TABLE document ADD COLUMN change_note TEXT;
UPDATE document SET state = 'draft' WHERE state IS NULL;
UPDATE document SET published_version = 1 WHERE state = 'published';

CREATE TABLE document_version (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id),
  number INTEGER NOT NULL,
  label TEXT,
  title TEXT NOT NULL,
  summary TEXT,
  body TEXT,
  change_note TEXT,
  state TEXT NOT NULL,
  submitted_by INTEGER REFERENCES users(id),
  submitted_at TEXT,
  approver INTEGER REFERENCES users(id),
  approved_at TEXT,
  published_by INTEGER REFERENCES users(id),
  published_at TEXT,
  retired_at TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  UNIQUE (document_id, number)
);
INSERT INTO document_version (document_id, number, label, title, summary, body, state, approver, approved_at,
                              created_at, created_by, updated_at, updated_by)
  SELECT id, 1, version_label, title, summary, body, state, approver, approved_at, created_at, created_by,
         updated_at, updated_by FROM document;

CREATE TABLE document_audience (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id),
  kind TEXT NOT NULL CHECK (kind IN ('everyone', 'role', 'group')),
  role TEXT,
  group_id INTEGER REFERENCES user_group(id),
  UNIQUE (document_id, kind, role, group_id)
);
CREATE INDEX document_audience_group ON document_audience(group_id);

CREATE TABLE document_ack (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES document(id),
  version_number INTEGER NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  acknowledged_at TEXT NOT NULL,
  UNIQUE (document_id, version_number, user_id)
);
CREATE INDEX document_ack_user ON document_ack(user_id);
