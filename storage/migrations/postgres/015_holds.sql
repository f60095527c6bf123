-- As SQLite's 015: which open session has an assessment open.
CREATE TABLE holds (
	assessment BIGINT PRIMARY KEY REFERENCES assessments (seq) ON DELETE CASCADE,
	holder     TEXT COLLATE "C" NOT NULL,
	expires    TEXT COLLATE "C" NOT NULL
);
