-- Tombstones of published values that were withdrawn: a value the publisher deleted and did not
-- publish again (tables are replaced whole, so a republication deletes every value and inserts
-- the new ones in one transaction). The Kolada API returns them with isdeleted: true to a
-- from_date query, so a client that syncs with from_date sees the retraction. Kept by two
-- statement-level triggers on published_value; this module is the only writer of the table.

CREATE TABLE opendata_withdrawn_value (
  indicator_id text NOT NULL,
  period text NOT NULL,
  level text NOT NULL,
  code text NOT NULL,
  sex text NOT NULL,
  withdrawn_at timestamptz NOT NULL,
  PRIMARY KEY (indicator_id, period, level, code, sex)
);

CREATE FUNCTION opendata_note_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO opendata_withdrawn_value (indicator_id, period, level, code, sex, withdrawn_at)
  SELECT o.indicator_id, o.period, o.level, o.code, o.sex, now() FROM withdrawn o
  ON CONFLICT (indicator_id, period, level, code, sex) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at;
  RETURN NULL;
END
$$;

CREATE FUNCTION opendata_note_republished() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM opendata_withdrawn_value w
   USING republished n
   WHERE w.indicator_id = n.indicator_id AND w.period = n.period AND w.level = n.level
     AND w.code = n.code AND w.sex = n.sex;
  RETURN NULL;
END
$$;

CREATE TRIGGER published_value_withdrawn AFTER DELETE ON published_value
  REFERENCING OLD TABLE AS withdrawn FOR EACH STATEMENT EXECUTE FUNCTION opendata_note_withdrawn();

CREATE TRIGGER published_value_republished AFTER INSERT ON published_value
  REFERENCING NEW TABLE AS republished FOR EACH STATEMENT EXECUTE FUNCTION opendata_note_republished();
