-- qawl PostgreSQL schema, version 4: nothing to do. SQLite's version 4 keys its full-text index by
-- date (issue 6); PostgreSQL's search already reads quotes_time order with the GIN index.
SELECT 1;
