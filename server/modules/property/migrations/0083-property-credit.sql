-- 物业信用评价 (issue 14): a county's versioned evaluation scheme, the party organisations'
-- quarterly ratings of each compound's company, residents' survey votes (one per household per
-- quarter), the quarter's scores per compound and per company, the 红黑榜 with serious
-- incidents, and companies' objections decided by the county (an upheld one is a correction row;
-- the published entry itself is never edited).

-- A county's scheme; a new version supersedes the live one, old quarters keep the version they used.
CREATE TABLE property_credit_scheme (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id), -- the county
  org_path text NOT NULL,
  county_code text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  -- 红榜: the top N companies, or those scoring at least red_threshold (either, or both).
  red_top_n integer CHECK (red_top_n > 0),
  red_threshold numeric(5, 2) CHECK (red_threshold BETWEEN 0 AND 100),
  -- 黑榜: below black_threshold, or with a serious incident in the quarter.
  black_threshold numeric(5, 2) NOT NULL CHECK (black_threshold BETWEEN 0 AND 100),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'superseded')),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz,
  UNIQUE (county_code, version),
  CHECK (red_top_n IS NOT NULL OR red_threshold IS NOT NULL)
);
CREATE UNIQUE INDEX property_credit_scheme_live_key ON property_credit_scheme (county_code) WHERE status = 'active';

CREATE TABLE property_credit_indicator (
  id serial PRIMARY KEY,
  scheme_id integer NOT NULL REFERENCES property_credit_scheme (id),
  position integer NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  source text NOT NULL CHECK (source IN ('street_rating', 'community_rating', 'compound_rating', 'satisfaction_survey',
    'property_demands_per_1000', 'resolution_rate', 'satisfaction_rate', 'overdue_count', 'meeting_attendance')),
  weight numeric(5, 2) NOT NULL CHECK (weight > 0 AND weight <= 100),
  UNIQUE (scheme_id, source)
);

-- 街道/社区/小区党支部 quarterly rating of a compound's company. A correction supersedes the
-- live row (kept as history); one live rating per rater kind, compound and quarter.
CREATE TABLE property_rating (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  rater_kind text NOT NULL CHECK (rater_kind IN ('street', 'community', 'compound')),
  company_id integer NOT NULL REFERENCES property_company (id),
  score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  comment text NOT NULL DEFAULT '',
  -- The compound branch's rating is entered by community staff on the branch secretary's behalf.
  branch_secretary text,
  rated_by integer NOT NULL REFERENCES account (id),
  rated_at timestamptz NOT NULL,
  superseded_at timestamptz,
  superseded_by integer REFERENCES property_rating (id),
  CHECK (rater_kind <> 'compound' OR branch_secretary IS NOT NULL)
);
CREATE UNIQUE INDEX property_rating_live_key ON property_rating (compound_id, quarter, rater_kind) WHERE superseded_at IS NULL;
CREATE INDEX property_rating_org_path_idx ON property_rating (org_path text_pattern_ops, quarter);
CREATE INDEX property_rating_quarter_idx ON property_rating (county_code, quarter) WHERE superseded_at IS NULL;

-- 居民满意度测评: one vote per household per quarter, for the company serving its compound.
CREATE TABLE property_survey_vote (
  id serial PRIMARY KEY,
  household_id integer NOT NULL REFERENCES household (id),
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the compound's
  county_code text NOT NULL,
  quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  company_id integer NOT NULL REFERENCES property_company (id),
  stars integer NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '',
  account_id integer REFERENCES account (id),
  created_at timestamptz NOT NULL,
  CONSTRAINT property_survey_vote_household_key UNIQUE (household_id, quarter)
);
CREATE INDEX property_survey_vote_quarter_idx ON property_survey_vote (county_code, quarter, compound_id);
CREATE INDEX property_survey_vote_org_path_idx ON property_survey_vote (org_path text_pattern_ops, quarter);

-- 严重事件 recorded by the county: puts the company on the black list for that quarter.
CREATE TABLE property_incident (
  id serial PRIMARY KEY,
  company_id integer NOT NULL REFERENCES property_company (id),
  org_path text NOT NULL, -- the company's county
  county_code text NOT NULL,
  quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  recorded_by integer NOT NULL REFERENCES account (id),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX property_incident_quarter_idx ON property_incident (county_code, quarter, company_id);

-- A county's quarter: scored (rescoring replaces the scores) until published, then frozen.
CREATE TABLE property_credit_quarter (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  scheme_id integer NOT NULL REFERENCES property_credit_scheme (id),
  status text NOT NULL DEFAULT 'scored' CHECK (status IN ('scored', 'published')),
  compounds integer NOT NULL DEFAULT 0,
  companies integer NOT NULL DEFAULT 0,
  scored_at timestamptz NOT NULL,
  scored_by integer REFERENCES account (id),
  scoring_ms integer,
  published_at timestamptz,
  published_by integer REFERENCES account (id),
  objection_until text CHECK (objection_until ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'), -- China day 'YYYY-MM-DD': last day a company may object (text: no driver turns it into a local midnight)
  UNIQUE (county_code, quarter)
);

CREATE TABLE property_compound_score (
  quarter_id integer NOT NULL REFERENCES property_credit_quarter (id),
  compound_id integer NOT NULL REFERENCES org_unit (id),
  company_id integer NOT NULL REFERENCES property_company (id),
  org_path text NOT NULL,
  households integer NOT NULL,
  score numeric(6, 2) NOT NULL,
  breakdown jsonb NOT NULL,
  PRIMARY KEY (quarter_id, compound_id)
);
CREATE INDEX property_compound_score_company_idx ON property_compound_score (quarter_id, company_id);

CREATE TABLE property_company_score (
  quarter_id integer NOT NULL REFERENCES property_credit_quarter (id),
  company_id integer NOT NULL REFERENCES property_company (id),
  compounds integer NOT NULL,
  households integer NOT NULL,
  score numeric(6, 2) NOT NULL,
  rank integer NOT NULL,
  list text CHECK (list IN ('red', 'black')),
  list_reason text,
  PRIMARY KEY (quarter_id, company_id)
);

-- 异议: a company objects to its entry within the window; the county upholds or rejects it.
CREATE TABLE property_list_objection (
  id serial PRIMARY KEY,
  quarter_id integer NOT NULL REFERENCES property_credit_quarter (id),
  company_id integer NOT NULL REFERENCES property_company (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  filed_by integer NOT NULL REFERENCES account (id),
  filed_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'rejected')),
  decided_by integer REFERENCES account (id),
  decided_at timestamptz,
  decision_reason text,
  CHECK (status = 'pending' OR (decided_at IS NOT NULL AND decision_reason IS NOT NULL))
);
CREATE UNIQUE INDEX property_list_objection_pending_key ON property_list_objection (quarter_id, company_id) WHERE status = 'pending';
CREATE INDEX property_list_objection_org_path_idx ON property_list_objection (org_path text_pattern_ops, status);

-- An upheld objection's correction: the entry's list as corrected, beside the published one.
CREATE TABLE property_list_correction (
  id serial PRIMARY KEY,
  quarter_id integer NOT NULL REFERENCES property_credit_quarter (id),
  company_id integer NOT NULL REFERENCES property_company (id),
  objection_id integer NOT NULL UNIQUE REFERENCES property_list_objection (id),
  list_before text CHECK (list_before IN ('red', 'black')),
  list_after text CHECK (list_after IN ('red', 'black')),
  reason text NOT NULL,
  corrected_by integer NOT NULL REFERENCES account (id),
  corrected_at timestamptz NOT NULL
);
CREATE INDEX property_list_correction_quarter_idx ON property_list_correction (quarter_id, company_id, id);
