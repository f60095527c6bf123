-- Every assessment in the order of an export (oldest first), so an export
-- of all of them reads them with their answers in one pass, without
-- sorting rows that carry their answers. A save never changes started_at,
-- so it never updates this index.

CREATE INDEX assessments_by_started ON assessments (started_at, id);
