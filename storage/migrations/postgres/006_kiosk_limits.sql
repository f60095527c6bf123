-- As SQLite's 006: a closed workshop takes no new answers, whoever writes
-- them; the message is matched by closedWorkshop in kiosk.go. Then the
-- counts of wrong PINs and resume codes.

CREATE FUNCTION assessments_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.workshop IS NOT NULL
		AND (SELECT closed_at FROM workshops WHERE code = NEW.workshop) IS NOT NULL THEN
		RAISE EXCEPTION 'digint: the workshop is closed';
	END IF;
	RETURN NEW;
END $$;

CREATE TRIGGER assessments_closed BEFORE INSERT OR UPDATE ON assessments
FOR EACH ROW EXECUTE FUNCTION assessments_closed();

CREATE FUNCTION answers_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF (SELECT w.closed_at FROM assessments a JOIN workshops w ON w.code = a.workshop
		WHERE a.seq = NEW.assessment) IS NOT NULL THEN
		RAISE EXCEPTION 'digint: the workshop is closed';
	END IF;
	RETURN NEW;
END $$;

CREATE TRIGGER answers_closed BEFORE INSERT OR UPDATE ON answers
FOR EACH ROW EXECUTE FUNCTION answers_closed();

CREATE TABLE guess_limits (
	workshop     TEXT COLLATE "C" NOT NULL,
	kind         TEXT COLLATE "C" NOT NULL CHECK (kind IN ('pin', 'code')),
	failures     INTEGER NOT NULL,
	last_failure TEXT COLLATE "C" NOT NULL,
	locked_until TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (workshop, kind)
);
