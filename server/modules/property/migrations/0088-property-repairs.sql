-- 专项维修资金 repairs (issue 14): a compound's maintenance-fund repair from application to
-- publication. The community (or the company serving the compound) applies with quotes and the
-- buildings that benefit; an urgent repair of a safety kind is approved by the community and the
-- street (应急程序), any other by the owners' vote (民法典第278条); then it is carried out,
-- accepted (验收) by the community and published (公示) to the compound with its final amount.
CREATE TABLE property_repair (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id), -- a grid
  org_path text NOT NULL, -- the compound's path
  county_code text NOT NULL,
  -- The serving company, when its account applied (NULL: the community applied).
  company_id integer REFERENCES property_company (id),
  kind text NOT NULL CHECK (kind IN ('lift', 'roof_leak', 'wall_leak', 'fire', 'pipes', 'ebike_shed', 'charging', 'other')),
  urgent boolean NOT NULL DEFAULT false, -- 应急
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  description text NOT NULL,
  -- Counted by kind: lifts in units (台), sheds and charging ports in count (个), leaking walls in m².
  quantity numeric(10, 1) NOT NULL CHECK (quantity > 0),
  -- Households of the chosen buildings/units, counted from the household table when applied.
  households integer NOT NULL CHECK (households >= 0),
  -- The chosen quote's amount in yuan (预算); the final amount is set when published.
  budget numeric(12, 2) NOT NULL CHECK (budget > 0),
  final_amount numeric(12, 2) CHECK (final_amount > 0),
  status text NOT NULL DEFAULT 'applied'
    CHECK (status IN ('draft', 'applied', 'approved', 'rejected', 'in_progress', 'done', 'accepted', 'published')),
  approval text CHECK (approval IN ('emergency', 'vote')),
  -- 应急程序: the community's and the street's approvals.
  community_approved_by integer REFERENCES account (id),
  community_approved_at timestamptz,
  street_approved_by integer REFERENCES account (id),
  street_approved_at timestamptz,
  -- 业主表决: the compound's totals when voted and the counts (area in m², owners by headcount).
  vote_total_area numeric(12, 2),
  vote_total_owners integer,
  vote_part_area numeric(12, 2),
  vote_part_owners integer,
  vote_agree_area numeric(12, 2),
  vote_agree_owners integer,
  voted_on date,
  reject_reason text,
  accept_note text,
  applied_by integer REFERENCES account (id),
  applied_at timestamptz,
  approved_at timestamptz,
  started_at timestamptz,
  done_at timestamptz,
  accepted_by integer REFERENCES account (id),
  accepted_at timestamptz,
  published_at timestamptz,
  created_by integer NOT NULL REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'published' OR final_amount IS NOT NULL),
  CHECK (status NOT IN ('accepted', 'published') OR accepted_at IS NOT NULL)
);
CREATE INDEX property_repair_org_path_idx ON property_repair (org_path text_pattern_ops, status);
CREATE INDEX property_repair_compound_idx ON property_repair (compound_id, status);
CREATE INDEX property_repair_accepted_idx ON property_repair (county_code, accepted_at);

-- The buildings or units chosen as benefiting (the households are counted from them).
CREATE TABLE property_repair_place (
  repair_id integer NOT NULL REFERENCES property_repair (id) ON DELETE CASCADE,
  org_id integer NOT NULL REFERENCES org_unit (id), -- a building or unit of the compound
  PRIMARY KEY (repair_id, org_id)
);

-- 报价: at least one per repair; photos of a quote are linked as attachments of 'property_repair_quote'.
CREATE TABLE property_repair_quote (
  id serial PRIMARY KEY,
  repair_id integer NOT NULL REFERENCES property_repair (id) ON DELETE CASCADE,
  supplier text NOT NULL CHECK (length(btrim(supplier)) > 0),
  amount numeric(12, 2) NOT NULL CHECK (amount > 0),
  chosen boolean NOT NULL DEFAULT false
);
CREATE INDEX property_repair_quote_repair_idx ON property_repair_quote (repair_id);

-- Each step of a repair: who, when, from which state to which, and why.
CREATE TABLE property_repair_step (
  id serial PRIMARY KEY,
  repair_id integer NOT NULL REFERENCES property_repair (id) ON DELETE CASCADE,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  account_id integer REFERENCES account (id),
  actor_name text NOT NULL,
  actor_role text NOT NULL,
  note text,
  at timestamptz NOT NULL
);
CREATE INDEX property_repair_step_repair_idx ON property_repair_step (repair_id, at);
