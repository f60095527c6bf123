-- As SQLite's 005: no index on updated_at, which every save moves.

DROP INDEX assessments_by_updated;
