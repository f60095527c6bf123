-- As SQLite's 011: every assessment in export order, read from an index.

CREATE INDEX assessments_by_started ON assessments (started_at, id);
