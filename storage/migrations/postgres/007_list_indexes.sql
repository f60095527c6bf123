-- As SQLite's 007: the latest unfinished and completed assessments, and a
-- workshop's assessments in export order, each read from its own index.

CREATE INDEX assessments_unfinished ON assessments (updated_at DESC, id) WHERE completed_at IS NULL;
CREATE INDEX assessments_completed ON assessments (updated_at DESC, id) WHERE completed_at IS NOT NULL;

DROP INDEX assessments_by_workshop;
CREATE INDEX assessments_by_workshop ON assessments (workshop, started_at, id) WHERE workshop IS NOT NULL;
