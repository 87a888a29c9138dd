-- 共建单位 (issue 13): the work units (机关、事业单位、企业) that report to communities (单位报到) and
-- pair with them (结对共建). Each is registered by a county or street (org_id, its scope) and names
-- its own party organisation, which lives outside the communities' party tree.
CREATE TABLE work_unit (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  kind text NOT NULL CHECK (kind IN ('organ', 'institution', 'enterprise', 'other')), -- 机关 / 事业单位 / 企业 / 其他
  credit_code text, -- 统一社会信用代码, when known
  party_org_name text NOT NULL, -- the unit's own party organisation (党组织)
  contact_name text NOT NULL,
  phone_enc text,
  phone_hash text,
  phone_mask text,
  created_at timestamptz NOT NULL DEFAULT now(),
  dissolved_at timestamptz
);
CREATE UNIQUE INDEX work_unit_credit_code_key ON work_unit (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX work_unit_org_path_idx ON work_unit (org_path text_pattern_ops);
