-- Kolada's own title of each region ("Region Stockholm"), served by the Kolada-compatible API;
-- our pages keep the county names (name, short_name).
ALTER TABLE org_region ADD COLUMN kolada_title text;

-- Kolada groups whose members are regions (e.g. "Liknande regioner socioekonomi …").
CREATE TABLE org_municipality_group_region_member (
  group_id text NOT NULL REFERENCES org_municipality_group (id) ON DELETE CASCADE,
  region_code text NOT NULL REFERENCES org_region (code),
  PRIMARY KEY (group_id, region_code)
);
