-- 物业服务企业 (issue 14): the county's register of property companies, the contracts by which a
-- company serves a compound, and the three-party monthly meetings (三方协调月例会) held per
-- compound. A compound (小区) is a grid of the org tree: an enclosed compound is its own grid.
CREATE TABLE property_company (
  id serial PRIMARY KEY,
  -- The county that keeps it on its register: its scope.
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  credit_code text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$'), -- 统一社会信用代码
  qualification text, -- 资质 (一级/二级/三级 or none since 2018's reform: what the company states)
  contact_name text NOT NULL,
  phone_enc text,
  phone_hash text,
  phone_mask text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'exited')), -- exited: 清退 from the county
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  exited_at timestamptz
);
CREATE UNIQUE INDEX property_company_credit_code_key ON property_company (county_code, credit_code);
CREATE INDEX property_company_org_path_idx ON property_company (org_path text_pattern_ops);

-- 物业服务合同: one company serves one compound for a period at a fee per m² and a service level.
-- A compound has at most one live contract; an ended one stays with why it ended.
CREATE TABLE property_contract (
  id serial PRIMARY KEY,
  company_id integer NOT NULL REFERENCES property_company (id),
  compound_id integer NOT NULL REFERENCES org_unit (id), -- a grid
  org_path text NOT NULL, -- the compound's path
  county_code text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on > starts_on),
  fee_per_m2 numeric(8, 2) NOT NULL CHECK (fee_per_m2 >= 0), -- yuan per m² per month
  service_level text NOT NULL CHECK (service_level IN ('1', '2', '3', '4', '5')), -- 服务等级 一级 (best) … 五级
  service_standard text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended', 'terminated')),
  ended_on date,
  end_reason text,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX property_contract_live_key ON property_contract (compound_id) WHERE status = 'active';
CREATE INDEX property_contract_company_idx ON property_contract (company_id, status);
CREATE INDEX property_contract_org_path_idx ON property_contract (org_path text_pattern_ops);

-- 三方协调月例会: one per compound per month, convened by the community party organisation. When
-- held, whether the serving company came is recorded: it feeds the company's credit score.
CREATE TABLE property_meeting (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  scheduled_at timestamptz,
  held_at timestamptz,
  company_id integer REFERENCES property_company (id), -- the company serving the compound that month
  company_present boolean,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (compound_id, month),
  CHECK (status <> 'held' OR held_at IS NOT NULL)
);
CREATE INDEX property_meeting_org_path_idx ON property_meeting (org_path text_pattern_ops, month);
CREATE INDEX property_meeting_company_idx ON property_meeting (company_id, month);
