-- As SQLite's 003: one action plan per assessment, the JSON of plan.Plan.
CREATE TABLE plans (
	assessment BIGINT PRIMARY KEY REFERENCES assessments (seq) ON DELETE CASCADE,
	body       TEXT NOT NULL,
	updated_at TEXT COLLATE "C" NOT NULL
);
