-- Agreements, the annual cycle and performance-based grants (src/modules/agreements).
-- Signed agreement versions, grant rule versions and grant decisions never change: triggers
-- refuse it even when the service is bypassed.

CREATE TABLE agreement_version (
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  version integer NOT NULL CHECK (version > 0),
  status text NOT NULL CHECK (status IN ('draft', 'signed')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  parties text[] NOT NULL,
  total bigint NOT NULL CHECK (total >= 0),
  areas text[] NOT NULL,
  goals jsonb NOT NULL CHECK (jsonb_typeof(goals) = 'array'),
  funding jsonb NOT NULL CHECK (jsonb_typeof(funding) = 'array'),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES identity_account (id),
  signed_at timestamptz,
  signed_by uuid REFERENCES identity_account (id),
  PRIMARY KEY (year, version),
  CHECK ((status = 'signed') = (signed_at IS NOT NULL))
);

-- A draft may be signed (its one permitted change); a signed version is frozen.
CREATE FUNCTION agreement_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'signed' THEN
    RAISE EXCEPTION 'agreement % version % is signed and cannot change', OLD.year, OLD.version
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.status <> 'signed' OR (NEW.year, NEW.version, NEW.title, NEW.parties, NEW.total, NEW.areas, NEW.goals,
      NEW.funding) IS DISTINCT FROM (OLD.year, OLD.version, OLD.title, OLD.parties, OLD.total, OLD.areas, OLD.goals,
      OLD.funding) THEN
    RAISE EXCEPTION 'agreement versions are not edited: save a new version'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER agreement_version_frozen BEFORE UPDATE OR DELETE ON agreement_version
  FOR EACH ROW EXECUTE FUNCTION agreement_version_frozen();

-- Rows that are written once and never changed.
CREATE FUNCTION agreements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows never change: write a new version', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE TABLE grant_rule (
  rule_key text NOT NULL CHECK (rule_key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  version integer NOT NULL CHECK (version > 0),
  -- GrantRuleContent (src/domain/agreements/rules.ts), validated by the service.
  content jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES identity_account (id),
  PRIMARY KEY (rule_key, version)
);
CREATE TRIGGER grant_rule_append_only BEFORE UPDATE OR DELETE ON grant_rule
  FOR EACH ROW EXECUTE FUNCTION agreements_append_only();

-- A decision keeps the rule version it applied, a copy of that rule, the snapshot of released
-- values and weights it was computed from, and the result: it reproduces without other tables.
CREATE TABLE grant_decision (
  id uuid PRIMARY KEY,
  year integer NOT NULL,
  rule_key text NOT NULL,
  rule_version integer NOT NULL,
  rule jsonb NOT NULL,
  snapshot jsonb NOT NULL,
  result jsonb NOT NULL,
  total bigint NOT NULL,
  decided_at timestamptz NOT NULL,
  decided_by uuid REFERENCES identity_account (id),
  FOREIGN KEY (rule_key, rule_version) REFERENCES grant_rule (rule_key, version)
);
CREATE INDEX grant_decision_year ON grant_decision (year, decided_at);
CREATE TRIGGER grant_decision_append_only BEFORE UPDATE OR DELETE ON grant_decision
  FOR EACH ROW EXECUTE FUNCTION agreements_append_only();

CREATE TABLE agreement_proposal (
  id uuid PRIMARY KEY,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  proposer text NOT NULL CHECK (length(proposer) BETWEEN 1 AND 200),
  proposer_kind text NOT NULL,
  area text NOT NULL CHECK (length(area) BETWEEN 1 AND 200),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  status text NOT NULL CHECK (status IN ('submitted', 'accepted', 'rejected')),
  submitted_on date NOT NULL,
  decided_at timestamptz,
  created_by uuid REFERENCES identity_account (id)
);
CREATE INDEX agreement_proposal_year ON agreement_proposal (year, submitted_on);

-- The co-financing recommendation of a year and who joined it.
CREATE TABLE cofinancing_year (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  ore_per_inhabitant integer NOT NULL CHECK (ore_per_inhabitant >= 0),
  members text[] NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES identity_account (id)
);
