-- Similar-word look-ups (search-queries.ts, variantsOf) by nearest neighbours on a GiST trigram
-- index (issue #14): with the GIN index the planner scanned the whole vocabulary instead,
-- computing a similarity per word (14–36 ms on the embedded engine at 2,500 words); the GiST
-- index answers `ORDER BY word <-> $q LIMIT n` by walking the index (under 1 ms).
DROP INDEX library_word_trgm;
CREATE INDEX library_word_trgm_gist ON library_word USING gist (word gist_trgm_ops);
