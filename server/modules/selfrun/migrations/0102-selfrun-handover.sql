-- 重新选聘 / 清退 hand a compound to the community (issue 15 ↔ 14): when a sanction ends a
-- compound's contract, the compound waits here for the community to decide what comes next —
-- start the ten steps (动议) or contract a new company. One open handover per compound; a
-- decided one is kept with how it was decided.
CREATE TABLE compound_handover (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id), -- a grid
  org_path text NOT NULL,
  county_code text NOT NULL,
  cause text NOT NULL CHECK (cause IN ('reselect', 'exit')), -- 重新选聘 / 清退
  company_name text NOT NULL, -- the company whose contract ended
  -- What the re-selection decided the compound goes to (重新选聘 only): a new company or self-run.
  reselect_to text CHECK (reselect_to IN ('new_company', 'self_run')),
  reason text NOT NULL,
  ended_on date NOT NULL,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided text CHECK (decided IN ('motion', 'contracted')), -- 启动十步 / 签订新合同
  decided_at timestamptz,
  CHECK ((decided IS NULL) = (decided_at IS NULL))
);
CREATE UNIQUE INDEX compound_handover_open_key ON compound_handover (compound_id) WHERE decided IS NULL;
CREATE INDEX compound_handover_org_path_idx ON compound_handover (org_path text_pattern_ops) WHERE decided IS NULL;
