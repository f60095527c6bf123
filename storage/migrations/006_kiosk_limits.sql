-- A closed workshop takes no new answers, whoever writes them (kiosk,
-- wizard, import, a served session): the rule lives here, once. Deleting
-- (erase) stays allowed. The message is matched by closedWorkshop in
-- kiosk.go.

CREATE TRIGGER assessments_closed_insert BEFORE INSERT ON assessments
WHEN NEW.workshop IS NOT NULL
	AND (SELECT closed_at FROM workshops WHERE code = NEW.workshop) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'digint: the workshop is closed');
END;

CREATE TRIGGER assessments_closed_update BEFORE UPDATE ON assessments
WHEN NEW.workshop IS NOT NULL
	AND (SELECT closed_at FROM workshops WHERE code = NEW.workshop) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'digint: the workshop is closed');
END;

CREATE TRIGGER answers_closed_insert BEFORE INSERT ON answers
WHEN (SELECT w.closed_at FROM assessments a JOIN workshops w ON w.code = a.workshop
	WHERE a.seq = NEW.assessment) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'digint: the workshop is closed');
END;

CREATE TRIGGER answers_closed_update BEFORE UPDATE ON answers
WHEN (SELECT w.closed_at FROM assessments a JOIN workshops w ON w.code = a.workshop
	WHERE a.seq = NEW.assessment) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'digint: the workshop is closed');
END;

-- Wrong PINs and resume codes, counted per workshop and kind, so that each
-- wrong try makes the next wait longer, and a restart does not reset it.
CREATE TABLE guess_limits (
	workshop     TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('pin', 'code')),
	failures     INTEGER NOT NULL,
	last_failure TEXT NOT NULL,
	locked_until TEXT NOT NULL,
	PRIMARY KEY (workshop, kind)
) STRICT;
