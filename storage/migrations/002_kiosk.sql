-- Workshops on shared laptops: a facilitator's PIN (a salted PBKDF2 hash,
-- empty when none was set), closing, and the short personal codes with
-- which a participant in kiosk mode comes back to a paused assessment.

ALTER TABLE workshops ADD COLUMN pin_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE workshops ADD COLUMN closed_at TEXT;

CREATE TABLE resume_codes (
	code       TEXT PRIMARY KEY,
	assessment INTEGER NOT NULL UNIQUE REFERENCES assessments (seq) ON DELETE CASCADE,
	created_at TEXT NOT NULL
) STRICT;
