-- Party organisation of property companies (issue 14): a company's party branch is its own
-- (独立党支部) or a joint branch (联合党支部) covering several companies; each company belongs to
-- at most one. Party-building instructors (党建指导员) are sent to a company for a period.
CREATE TABLE property_branch (
  id serial PRIMARY KEY,
  -- The county whose register the companies are on: its scope.
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('independent', 'joint')),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  secretary_name text NOT NULL,
  member_count integer NOT NULL CHECK (member_count >= 0),
  founded_on date,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX property_branch_org_path_idx ON property_branch (org_path text_pattern_ops);

-- Which companies a branch covers: one for an independent branch, several for a joint one.
CREATE TABLE property_branch_company (
  branch_id integer NOT NULL REFERENCES property_branch (id),
  company_id integer NOT NULL REFERENCES property_company (id),
  PRIMARY KEY (branch_id, company_id)
);
-- A company has one party organisation.
CREATE UNIQUE INDEX property_branch_company_company_key ON property_branch_company (company_id);

CREATE TABLE property_instructor (
  id serial PRIMARY KEY,
  company_id integer NOT NULL REFERENCES property_company (id),
  org_path text NOT NULL, -- the company's (the county)
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  unit text NOT NULL, -- the instructor's own unit (e.g. 住建局, a street's party working committee)
  post text NOT NULL DEFAULT '',
  phone_enc text,
  phone_hash text,
  phone_mask text,
  from_on date NOT NULL,
  to_on date CHECK (to_on IS NULL OR to_on >= from_on),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX property_instructor_company_idx ON property_instructor (company_id);
CREATE INDEX property_instructor_org_path_idx ON property_instructor (org_path text_pattern_ops);
