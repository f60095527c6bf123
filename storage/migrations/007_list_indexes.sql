-- The welcome screen shows the latest unfinished and the latest completed
-- assessments: each has its own index, so finding a few of them reads a
-- few index entries, not every assessment.

CREATE INDEX assessments_unfinished ON assessments (updated_at DESC, id) WHERE completed_at IS NULL;
CREATE INDEX assessments_completed ON assessments (updated_at DESC, id) WHERE completed_at IS NOT NULL;

-- A workshop's assessments in the order of an export (oldest first), so a
-- group report reads them with their answers in one pass, without sorting.
DROP INDEX assessments_by_workshop;
CREATE INDEX assessments_by_workshop ON assessments (workshop, started_at, id) WHERE workshop IS NOT NULL;
