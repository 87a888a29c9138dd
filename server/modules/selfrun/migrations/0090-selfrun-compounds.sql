-- 居民自办物业 (issue 15): what every part of the self-run module stands on. A compound (小区) is a
-- grid of the org tree. Its management mode is recorded here except 'company', which is a fact of
-- the property module (a live property_contract) and is never typed twice.
CREATE TABLE compound_profile (
  compound_id integer PRIMARY KEY REFERENCES org_unit (id), -- a grid
  org_path text NOT NULL,
  county_code text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('self_run', 'unit_managed', 'none')), -- 居民自办 / 单位自管 / 无人管理
  mode_since date NOT NULL,
  updated_by integer REFERENCES account (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX compound_profile_org_path_idx ON compound_profile (org_path text_pattern_ops);

-- 专有部分: an exclusive unit of the compound with its floor area, most often a household of the
-- register (a flat), sometimes a shop or garage that has none. Votes count area from here.
CREATE TABLE owned_unit (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  household_id integer REFERENCES household (id),
  org_path text NOT NULL, -- the household's path, or the compound's
  county_code text NOT NULL,
  label text NOT NULL CHECK (length(btrim(label)) > 0), -- 3号楼2单元501
  area_m2 numeric(10, 2) NOT NULL CHECK (area_m2 > 0),
  developer_unsold boolean NOT NULL DEFAULT false, -- 开发商未售出: all such units count as one owner
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz
);
CREATE UNIQUE INDEX owned_unit_household_key ON owned_unit (household_id) WHERE household_id IS NOT NULL AND removed_at IS NULL;
CREATE UNIQUE INDEX owned_unit_label_key ON owned_unit (compound_id, label) WHERE removed_at IS NULL;
CREATE INDEX owned_unit_org_path_idx ON owned_unit (org_path text_pattern_ops);

-- 业主: the owners of a unit (co-owners share one vote of the unit). A person who owns several
-- units counts once by headcount: owner_key is the same for all of them (the ID number's hash,
-- or 'developer' for the developer's unsold units).
CREATE TABLE unit_owner (
  id serial PRIMARY KEY,
  owned_unit_id integer NOT NULL REFERENCES owned_unit (id),
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  owner_key text NOT NULL,
  resident_id integer REFERENCES resident (id), -- when the owner is in the register
  name text NOT NULL,
  id_number_enc text,
  id_number_hash text,
  id_number_mask text,
  phone_enc text,
  phone_hash text,
  phone_mask text,
  since date,
  ended_at timestamptz -- sold or corrected: kept, never deleted
);
CREATE UNIQUE INDEX unit_owner_live_key ON unit_owner (owned_unit_id, owner_key) WHERE ended_at IS NULL;
CREATE INDEX unit_owner_compound_idx ON unit_owner (compound_id, owner_key) WHERE ended_at IS NULL;
CREATE INDEX unit_owner_resident_idx ON unit_owner (resident_id) WHERE resident_id IS NOT NULL AND ended_at IS NULL;

-- 业委会 / 物管会 members: a committee of the compound, each member of a kind (a 物管会 has street,
-- residents' committee, housing department and owner members) with a role and a term.
CREATE TABLE committee_member (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  committee text NOT NULL CHECK (committee IN ('owners', 'management')), -- 业委会 / 物管会
  member_kind text NOT NULL CHECK (member_kind IN ('street', 'residents_committee', 'housing_department', 'owner')),
  role text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member')),
  resident_id integer REFERENCES resident (id),
  name text NOT NULL,
  term_from date NOT NULL,
  term_to date NOT NULL CHECK (term_to > term_from),
  left_at timestamptz,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX committee_member_compound_idx ON committee_member (compound_id) WHERE left_at IS NULL;
CREATE INDEX committee_member_resident_idx ON committee_member (resident_id) WHERE resident_id IS NOT NULL AND left_at IS NULL;

-- The ten steps of 居民自办物业, one process per compound; `step` is the step reached (the next
-- one to complete), 'done' after 服务评定. The steps' records and documents are the steps' own.
CREATE TABLE selfrun_process (
  compound_id integer PRIMARY KEY REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  step text NOT NULL CHECK (step IN ('motion', 'consultation', 'vote', 'vote_notice', 'filing', 'open_account',
    'finance_rules', 'service_agreement', 'disclosure', 'service_review', 'done')),
  started_by integer REFERENCES account (id),
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX selfrun_process_org_path_idx ON selfrun_process (org_path text_pattern_ops);

-- 业主表决: a vote of a compound's owners on one or more matters, each of a kind from the Civil
-- Code art. 278 (special: 3/4; ordinary: more than 1/2; both after 2/3 take part). Ballots, proxies
-- and the hash chain belong to the votes' own tables.
CREATE TABLE owner_vote (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'announced', 'open', 'closed', 'published', 'cancelled')),
  announced_at timestamptz,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL CHECK (closes_at > opens_at),
  closed_at timestamptz,
  published_at timestamptz,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX owner_vote_compound_idx ON owner_vote (compound_id, status);
CREATE INDEX owner_vote_org_path_idx ON owner_vote (org_path text_pattern_ops);

CREATE TABLE owner_vote_matter (
  id serial PRIMARY KEY,
  vote_id integer NOT NULL REFERENCES owner_vote (id),
  seq integer NOT NULL,
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  kind text NOT NULL CHECK (kind IN ('special', 'ordinary')),
  -- What the matter decides, when another part of Linli acts on it (the self-run motion, a repair).
  purpose text NOT NULL DEFAULT 'other' CHECK (purpose IN ('self_run', 'maintenance_fund', 'committee', 'other')),
  passed boolean, -- set at the close
  UNIQUE (vote_id, seq)
);
