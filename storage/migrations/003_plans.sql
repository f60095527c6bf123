-- Action plans: one per assessment, kept as the JSON of plan.Plan (a few
-- focus areas with a few actions each: small, read and written whole).
CREATE TABLE plans (
	assessment INTEGER PRIMARY KEY REFERENCES assessments (seq) ON DELETE CASCADE,
	body       TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
