-- 双报到 (issue 13). A work unit reports to (pairs with, 结对) a community for a year, and an
-- in-service party member reports to the community where they live, naming their work unit and
-- the posts they take there. The community confirms or declines (with a reason). One live
-- (pending or confirmed) report per member per year, and per unit, community and year.
CREATE TABLE unit_pairing (
  id serial PRIMARY KEY,
  work_unit_id integer NOT NULL REFERENCES work_unit (id),
  community_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the community's path: its scope
  county_code text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'declined', 'withdrawn')),
  note text, -- what the unit offers the community
  decline_reason text,
  requested_by integer REFERENCES account (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by integer REFERENCES account (id),
  decided_at timestamptz,
  CONSTRAINT unit_pairing_decline_reason_check CHECK (status <> 'declined' OR length(btrim(decline_reason)) > 0)
);
CREATE UNIQUE INDEX unit_pairing_live_key ON unit_pairing (work_unit_id, community_id, year) WHERE status IN ('pending', 'confirmed');
CREATE INDEX unit_pairing_org_path_idx ON unit_pairing (org_path text_pattern_ops, year);
CREATE INDEX unit_pairing_work_unit_idx ON unit_pairing (work_unit_id, year);

CREATE TABLE member_report (
  id serial PRIMARY KEY,
  party_member_id integer NOT NULL REFERENCES party_member (id),
  resident_id integer NOT NULL REFERENCES resident (id),
  account_id integer REFERENCES account (id),
  -- The community of the resident's household when they reported: never chosen by the member.
  community_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  work_unit_id integer REFERENCES work_unit (id), -- null: a unit not (yet) registered, named below
  work_unit_name text NOT NULL CHECK (length(btrim(work_unit_name)) > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'declined', 'withdrawn')),
  decline_reason text,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  decided_by integer REFERENCES account (id),
  decided_at timestamptz,
  CONSTRAINT member_report_decline_reason_check CHECK (status <> 'declined' OR length(btrim(decline_reason)) > 0)
);
CREATE UNIQUE INDEX member_report_live_key ON member_report (party_member_id, year) WHERE status IN ('pending', 'confirmed');
CREATE INDEX member_report_org_path_idx ON member_report (org_path text_pattern_ops, year);
CREATE INDEX member_report_work_unit_idx ON member_report (work_unit_id, year) WHERE work_unit_id IS NOT NULL;

-- The posts a member takes (认岗): from a small catalogue; a confirmed report holds them for its year.
CREATE TABLE member_report_post (
  report_id integer NOT NULL REFERENCES member_report (id),
  post text NOT NULL CHECK (post IN ('branch_secretary', 'building_head', 'member_household', 'volunteer')),
  PRIMARY KEY (report_id, post)
);

-- The posts a community offers; a community with no rows offers the whole catalogue.
CREATE TABLE member_post_offer (
  community_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  post text NOT NULL CHECK (post IN ('branch_secretary', 'building_head', 'member_household', 'volunteer')),
  PRIMARY KEY (community_id, post)
);
