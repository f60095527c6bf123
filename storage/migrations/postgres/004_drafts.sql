-- As SQLite's 004: notes and flags on items not answered yet; an answer
-- takes its item's draft over.

CREATE TABLE drafts (
	assessment BIGINT NOT NULL REFERENCES assessments (seq) ON DELETE CASCADE,
	item       TEXT COLLATE "C" NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	develop    INTEGER NOT NULL DEFAULT 0 CHECK (develop IN (0, 1)),
	PRIMARY KEY (assessment, item)
);

CREATE FUNCTION answers_take_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM drafts WHERE assessment = NEW.assessment AND item = NEW.item;
	RETURN NULL;
END $$;

CREATE TRIGGER answers_take_draft AFTER INSERT OR UPDATE ON answers
FOR EACH ROW EXECUTE FUNCTION answers_take_draft();
