-- Wrong tries are counted per source as well (a served session's opaque
-- address token; '' for a kiosk laptop or the command line), so that one
-- participant's typos do not make a whole room wait.
CREATE TABLE guess_limits_by_source (
	workshop     TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('pin', 'code')),
	source       TEXT NOT NULL DEFAULT '',
	failures     INTEGER NOT NULL,
	last_failure TEXT NOT NULL,
	locked_until TEXT NOT NULL,
	PRIMARY KEY (workshop, kind, source)
) STRICT;
INSERT INTO guess_limits_by_source (workshop, kind, failures, last_failure, locked_until)
	SELECT workshop, kind, failures, last_failure, locked_until FROM guess_limits;
DROP TABLE guess_limits;
ALTER TABLE guess_limits_by_source RENAME TO guess_limits;
