-- The title's own full-text index (issue #14): when a search matches more entries than it ranks
-- (SEARCH_CAP), those with the words in the title are found through this index, not by
-- re-checking every matching document for weight-A lexemes. The same expression as the title's
-- part of library_search.document (queries.ts), so the two agree on what a title match is.
CREATE INDEX library_search_title ON library_search USING gin (to_tsvector('swedish', title));
