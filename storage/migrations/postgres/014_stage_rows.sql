-- A stage row holds up to 32 assessments, read back once within minutes:
-- compressing it costs the import CPU for nothing, and an erase must find
-- it in the files as it is (TestPostgresEraseOfImportedLeavesNothing).
ALTER TABLE import_staged ALTER COLUMN body SET STORAGE EXTERNAL;
