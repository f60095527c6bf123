-- As SQLite's 016: assessments an import left alone, open in a session.
ALTER TABLE imports ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
