-- PostgreSQL's twin turns its per-row answer triggers into per-statement
-- ones; SQLite has row triggers only, and its own cost little. Nothing
-- changes here.
SELECT 1;
