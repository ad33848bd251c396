-- PostgreSQL twin of migrations/sqlite/0005_account.sql (dialect notes in 0001_init.sql).
-- Where a browser session came from, so that its owner can tell their
-- sessions apart on the account page (src/auth/session.c): the client's
-- address and the User-Agent it sent at login. Older sessions have NULLs.
ALTER TABLE sessions ADD COLUMN client_addr TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
