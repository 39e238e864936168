-- The open data APIs find the values an earlier release had and the latest has not (Kolada's
-- isdeleted tombstones) by table across releases; the primary key leads with the release.
CREATE INDEX released_value_by_table ON released_value (indicator_id, period, release_id);
