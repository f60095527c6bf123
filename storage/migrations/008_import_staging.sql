-- An import in progress. Its assessments are staged here, checked, in
-- short transactions while the file is read; then state turns 'applying'
-- (the import is decided) and they are applied in short transactions. An
-- import found 'applying' (after a crash) is finished; one left 'staging'
-- and untouched for a while is dropped. Either way a file is all or nothing.
CREATE TABLE imports (
	id         INTEGER PRIMARY KEY,
	file       TEXT NOT NULL,
	state      TEXT NOT NULL CHECK (state IN ('staging', 'applying')),
	touched_at TEXT NOT NULL,
	added      INTEGER NOT NULL DEFAULT 0,
	updated    INTEGER NOT NULL DEFAULT 0,
	skipped    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE import_staged (
	import INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
	n      INTEGER NOT NULL, -- its place in the file, from 1
	body   BLOB NOT NULL,    -- the checked assessment (stagecodec.go)
	PRIMARY KEY (import, n)
) STRICT, WITHOUT ROWID;
