-- An import now stages up to 32 assessments a row (stagecodec.go: chunk).
-- PostgreSQL's twin stores those rows uncompressed; nothing changes here.
SELECT 1;
