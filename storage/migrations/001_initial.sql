-- The first schema. Times are UTC RFC 3339 text with nine fraction digits,
-- so that text order is time order.

PRAGMA application_id = 1145653065; -- "DIGI": marks the file as digint's

CREATE TABLE participants (
	id          TEXT PRIMARY KEY,
	name        TEXT NOT NULL DEFAULT '',
	name_key    TEXT NOT NULL DEFAULT '', -- case-folded name, to find people
	role        TEXT NOT NULL,            -- the role they chose last
	institution TEXT NOT NULL DEFAULT '',
	language    TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX participants_by_name ON participants (name_key);

CREATE TABLE workshops (
	code       TEXT PRIMARY KEY,
	title      TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;

-- role is kept per assessment too: results are scored against the role
-- chosen at the time, even when the person later changes role. seq is a
-- compact key for answers (a UUID in each of a million answer rows is a
-- quarter of their size).
CREATE TABLE assessments (
	seq            INTEGER PRIMARY KEY,
	id             TEXT NOT NULL UNIQUE,
	participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	role           TEXT NOT NULL,
	workshop       TEXT REFERENCES workshops (code) ON DELETE SET NULL,
	bank_id        TEXT NOT NULL,
	bank_version   TEXT NOT NULL,
	mode           TEXT NOT NULL CHECK (mode IN ('full', 'quick')),
	language       TEXT NOT NULL,
	started_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	completed_at   TEXT
) STRICT;

CREATE INDEX assessments_by_updated ON assessments (updated_at DESC, id);
CREATE INDEX assessments_by_participant ON assessments (participant_id, started_at);
CREATE INDEX assessments_by_workshop ON assessments (workshop) WHERE workshop IS NOT NULL;

-- value is the answer's value as JSON text, NULL when there is none;
-- answered_at is NULL when not known (imported: a document has no time per
-- answer).
CREATE TABLE answers (
	assessment  INTEGER NOT NULL REFERENCES assessments (seq) ON DELETE CASCADE,
	item        TEXT NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('answered', 'na', 'unknown')),
	value       TEXT,
	other       TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	develop     INTEGER NOT NULL DEFAULT 0 CHECK (develop IN (0, 1)),
	answered_at TEXT,
	PRIMARY KEY (assessment, item)
) STRICT, WITHOUT ROWID;
