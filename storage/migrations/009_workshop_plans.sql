-- A workshop's group plan, made by the facilitator from the group report:
-- the JSON of a plan (focus areas and actions); it names no participant.
CREATE TABLE workshop_plans (
	workshop   TEXT PRIMARY KEY REFERENCES workshops (code) ON DELETE CASCADE,
	body       TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
