-- Saving an answer moves its assessment's updated_at: with an index on it,
-- every save also rewrote one or two index pages (the old key and the new
-- one), a third or more of the pages each commit writes. Listings sort the
-- rows they read anyway; the index is not worth a page on every answer.

DROP INDEX assessments_by_updated;
