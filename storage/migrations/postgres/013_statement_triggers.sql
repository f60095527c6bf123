-- The checks and clean-ups on answers run once per statement instead of
-- once per row: an import writes an assessment's answers in one INSERT,
-- and two PL/pgSQL calls (each a query) per answer row were most of its
-- time. Same rules: an answer to an assessment of a closed workshop is
-- refused, and answering an item takes the place of its draft.
-- (SQLite's triggers are row triggers; it has no others.)

DROP TRIGGER answers_closed ON answers;
DROP TRIGGER answers_take_draft ON answers;
DROP FUNCTION answers_closed();
DROP FUNCTION answers_take_draft();

CREATE FUNCTION answers_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT FROM new_answers n JOIN assessments a ON a.seq = n.assessment
		JOIN workshops w ON w.code = a.workshop WHERE w.closed_at IS NOT NULL) THEN
		RAISE EXCEPTION 'digint: the workshop is closed';
	END IF;
	DELETE FROM drafts d USING new_answers n WHERE d.assessment = n.assessment AND d.item = n.item;
	RETURN NULL;
END $$;

-- A trigger with a transition table has one event: two of them.
CREATE TRIGGER answers_written_insert AFTER INSERT ON answers
REFERENCING NEW TABLE AS new_answers FOR EACH STATEMENT EXECUTE FUNCTION answers_written();
CREATE TRIGGER answers_written_update AFTER UPDATE ON answers
REFERENCING NEW TABLE AS new_answers FOR EACH STATEMENT EXECUTE FUNCTION answers_written();
