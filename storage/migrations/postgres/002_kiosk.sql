-- As SQLite's 002: a facilitator's PIN, closing, and resume codes.

ALTER TABLE workshops ADD COLUMN pin_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE workshops ADD COLUMN closed_at TEXT COLLATE "C";

CREATE TABLE resume_codes (
	code       TEXT COLLATE "C" PRIMARY KEY,
	assessment BIGINT NOT NULL UNIQUE REFERENCES assessments (seq) ON DELETE CASCADE,
	created_at TEXT COLLATE "C" NOT NULL
);
