-- Awareness training (ISO 27001 7.2/7.3; src/isms/training.h). A course is a
-- record type of the entity table (model/types/course.c); its quiz, who must
-- take it and the attempts live in the tables after it.
CREATE TABLE course (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  title TEXT NOT NULL,
  summary TEXT,
  content TEXT,
  pass_mark INTEGER,
  renewal_months INTEGER,
  status TEXT
);
CREATE INDEX course_list_default ON course((title IS NULL), title, id) WHERE archived = 0;

-- The quiz: replacing it retires the old questions (retired = 1) rather than
-- deleting them, so earlier attempts keep what they answered.
CREATE TABLE course_question (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES course(id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  retired INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX course_question_course ON course_question(course_id, retired, position);

CREATE TABLE course_choice (
  id INTEGER PRIMARY KEY,
  question_id INTEGER NOT NULL REFERENCES course_question(id),
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  correct INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX course_choice_question ON course_choice(question_id, position);

-- Who must take a course: audience user (user_id), group (group_id),
-- everyone, or new_joiners (users created after the assignment). Due on
-- due_date, or due_days after the person came under the assignment.
CREATE TABLE training_assignment (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES course(id),
  audience TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  group_id INTEGER REFERENCES user_group(id),
  due_date TEXT,
  due_days INTEGER,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE INDEX training_assignment_course ON training_assignment(course_id);

-- An attempt belongs to its user; open until submitted, then scored by the
-- server: correct of total questions, score in percent (rounded down), the
-- pass mark it was held to and whether it passed.
CREATE TABLE training_attempt (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES course(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  started_at TEXT NOT NULL,
  submitted_at TEXT,
  correct INTEGER,
  total INTEGER,
  score INTEGER,
  pass_mark INTEGER,
  passed INTEGER
);
CREATE INDEX training_attempt_user ON training_attempt(user_id, course_id);
CREATE INDEX training_attempt_course ON training_attempt(course_id, user_id);

CREATE TABLE training_answer (
  attempt_id INTEGER NOT NULL REFERENCES training_attempt(id),
  question_id INTEGER NOT NULL REFERENCES course_question(id),
  choice_id INTEGER NOT NULL REFERENCES course_choice(id),
  PRIMARY KEY (attempt_id, choice_id)
);
