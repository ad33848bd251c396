-- User groups (src/isms/group.h): named sets of people, the audiences of
-- documents to acknowledge and of training. Changed by ISMS managers, each
-- change audited.
CREATE TABLE user_group (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id)
);

CREATE TABLE user_group_member (
  group_id INTEGER NOT NULL REFERENCES user_group(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  added_at TEXT NOT NULL,
  added_by INTEGER REFERENCES users(id),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX user_group_member_user ON user_group_member(user_id);
