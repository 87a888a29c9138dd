-- 专项行动 (issue 13): a street or county launches a campaign (parking, flying wires, fire lanes)
-- over a period and target communities or compounds in its scope; demands and volunteer
-- activities are tagged to it here (the campaigns module's own link table), and progress is
-- counted from what is tagged.
CREATE TABLE campaign (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id), -- the street or county that launched it
  org_path text NOT NULL,
  county_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('parking', 'flying_wires', 'fire_lanes', 'other')),
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  description text NOT NULL DEFAULT '',
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  created_by integer NOT NULL REFERENCES account (id),
  created_at timestamptz NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX campaign_org_path_idx ON campaign (org_path text_pattern_ops);

-- The communities or compounds (grids) a campaign targets.
CREATE TABLE campaign_target (
  campaign_id integer NOT NULL REFERENCES campaign (id),
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  PRIMARY KEY (campaign_id, org_id)
);
CREATE INDEX campaign_target_org_path_idx ON campaign_target (org_path text_pattern_ops);

CREATE TABLE campaign_item (
  id serial PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES campaign (id),
  subject_kind text NOT NULL CHECK (subject_kind IN ('demand', 'activity')),
  subject_id integer NOT NULL,
  org_path text NOT NULL, -- the subject's place, for scope and for "target reached"
  county_code text NOT NULL,
  tagged_by integer NOT NULL REFERENCES account (id),
  tagged_at timestamptz NOT NULL,
  UNIQUE (campaign_id, subject_kind, subject_id)
);
CREATE INDEX campaign_item_subject_idx ON campaign_item (subject_kind, subject_id);
CREATE INDEX campaign_item_org_path_idx ON campaign_item (org_path text_pattern_ops);
