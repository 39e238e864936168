-- indicator_fact is derived: every fact is written by the engine from a registration or a
-- service period whose own unit_id is already a foreign key to org_unit, and a rebuild can
-- recreate it. Its own foreign key checked each of the millions of fact rows against org_unit
-- again: about a quarter of the time the INSERT of the facts took (bench:import, auto_explain).
ALTER TABLE indicator_fact DROP CONSTRAINT indicator_fact_unit_id_fkey;
