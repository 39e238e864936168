-- Settled counts of user-survey rounds (issue #13), per round × unit × survey indicator. Written
-- only by the indicators module's survey writer (survey-counts.ts), which the surveys module calls
-- from a settlement transaction after the round has closed: all counts of a round at once, never
-- from a submission (whose transaction would give a count row the xmin of one answer).
-- No timestamp and no reference to answers or codes: the round's period is the only time.
CREATE TABLE indicator_survey_count (
  round_id uuid NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}$'),
  unit_id uuid NOT NULL,
  indicator_id text NOT NULL,
  respondents integer NOT NULL CHECK (respondents >= 0),
  numerator integer NOT NULL CHECK (numerator >= 0),
  denominator integer NOT NULL CHECK (denominator >= numerator),
  PRIMARY KEY (round_id, unit_id, indicator_id)
);
CREATE INDEX indicator_survey_count_by_period ON indicator_survey_count (period, indicator_id);
