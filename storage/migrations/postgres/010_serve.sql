-- As SQLite's 010: a workshop's join word (a salted hash, empty when none)
-- and the public keys with which served participants come back.

ALTER TABLE workshops ADD COLUMN join_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE key_identities (
	fingerprint TEXT COLLATE "C" PRIMARY KEY,
	participant TEXT COLLATE "C" NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	created_at  TEXT COLLATE "C" NOT NULL
);

CREATE INDEX key_identities_participant ON key_identities (participant);
