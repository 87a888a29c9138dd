-- 志愿吕梁 (issue 13): volunteer organisations and registered volunteers. A volunteer is linked to
-- the resident (and so the party member) they are, when they are one, and to the phone account
-- they sign in with. The rest of the module (projects, activities, hours) builds on these.
CREATE TABLE volunteer_org (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id), -- the community, street or county it is registered with
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  kind text NOT NULL CHECK (kind IN ('community_team', 'unit_team', 'social_org', 'other')),
  work_unit_id integer REFERENCES work_unit (id), -- a unit's own team (单位志愿服务队)
  contact_name text NOT NULL,
  phone_enc text,
  phone_hash text,
  phone_mask text,
  created_at timestamptz NOT NULL DEFAULT now(),
  dissolved_at timestamptz
);
CREATE INDEX volunteer_org_org_path_idx ON volunteer_org (org_path text_pattern_ops);

CREATE TABLE volunteer (
  id serial PRIMARY KEY,
  resident_id integer REFERENCES resident (id),
  account_id integer REFERENCES account (id),
  org_id integer NOT NULL REFERENCES org_unit (id), -- the community they registered in
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  phone_enc text,
  phone_hash text,
  phone_mask text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX volunteer_resident_id_key ON volunteer (resident_id) WHERE resident_id IS NOT NULL;
CREATE UNIQUE INDEX volunteer_account_id_key ON volunteer (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX volunteer_org_path_idx ON volunteer (org_path text_pattern_ops);

-- A volunteer may serve with several organisations.
CREATE TABLE volunteer_membership (
  volunteer_id integer NOT NULL REFERENCES volunteer (id),
  volunteer_org_id integer NOT NULL REFERENCES volunteer_org (id),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (volunteer_org_id, volunteer_id)
);
CREATE INDEX volunteer_membership_volunteer_idx ON volunteer_membership (volunteer_id);
