-- Workshops served over SSH: a join word asked before a session opens
-- (a salted PBKDF2 hash, empty when none), and the public keys with which
-- participants come back to their own assessments (SHA256 fingerprints;
-- a key names one participant, and goes when they are erased).

ALTER TABLE workshops ADD COLUMN join_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE key_identities (
	fingerprint TEXT PRIMARY KEY,
	participant TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX key_identities_participant ON key_identities (participant);
