-- An import leaves alone an assessment open in a session (a live hold):
-- the session's copy stands, and the import counts it here to say so.
ALTER TABLE imports ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
