-- As SQLite's 009: a workshop's group plan, the JSON of a plan.
CREATE TABLE workshop_plans (
	workshop   TEXT COLLATE "C" PRIMARY KEY REFERENCES workshops (code) ON DELETE CASCADE,
	body       TEXT NOT NULL,
	updated_at TEXT COLLATE "C" NOT NULL
);
