-- A note or "develop" flag given to an item not answered yet: the user's
-- words, kept on their own until the item is answered (the answer then
-- carries them). Scoring and counts never see these rows.

CREATE TABLE drafts (
	assessment INTEGER NOT NULL REFERENCES assessments (seq) ON DELETE CASCADE,
	item       TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	develop    INTEGER NOT NULL DEFAULT 0 CHECK (develop IN (0, 1)),
	PRIMARY KEY (assessment, item)
) STRICT, WITHOUT ROWID;

-- An answer carries its note and flag: the draft gives way to it, whoever
-- writes the answer (the wizard, an import).
CREATE TRIGGER answers_take_draft_insert AFTER INSERT ON answers
BEGIN
	DELETE FROM drafts WHERE assessment = NEW.assessment AND item = NEW.item;
END;

CREATE TRIGGER answers_take_draft_update AFTER UPDATE ON answers
BEGIN
	DELETE FROM drafts WHERE assessment = NEW.assessment AND item = NEW.item;
END;
