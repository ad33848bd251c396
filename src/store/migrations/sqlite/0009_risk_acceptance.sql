-- Signed acceptances of risks above the appetite (src/isms/acceptance.h).
-- A row is written once when someone accepts a risk and is never deleted:
-- revoking or expiry only stamps it, so the history stays readable. It
-- records what was accepted: the score and level (residual, else inherent)
-- and the risk method version they were assessed with; a risk that later
-- scores higher is no longer covered. Dates are YYYY-MM-DD: an acceptance
-- is valid before its expires_on day.
CREATE TABLE risk_acceptance (
  id INTEGER PRIMARY KEY,
  risk_id INTEGER NOT NULL REFERENCES risk(id),
  accepted_by INTEGER NOT NULL REFERENCES users(id),
  accepted_at TEXT NOT NULL,
  rationale TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  accepted_score INTEGER,
  accepted_level TEXT,
  method_version INTEGER REFERENCES risk_method(id),
  revoked_at TEXT,
  revoked_by INTEGER REFERENCES users(id),
  expired_at TEXT
);
CREATE INDEX risk_acceptance_risk ON risk_acceptance(risk_id);
CREATE INDEX risk_acceptance_expiry ON risk_acceptance(expires_on);
