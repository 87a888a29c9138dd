-- Sanctions on property companies (issue 14): 约谈 (interview), 限期整改 (rectification with a
-- deadline), 降级/降费 (downgrade or fee cut of one contract), 清退 (exit from the county) and
-- 重新选聘 (re-selection of one compound). Each step is a row of property_sanction_step: who, when,
-- why. `basis` is free text (e.g. "2026年第3季度黑榜"), not a key, so a sanction may cite a list
-- entry without binding to the credit tables.
CREATE TABLE property_sanction (
  id serial PRIMARY KEY,
  company_id integer NOT NULL REFERENCES property_company (id),
  contract_id integer REFERENCES property_contract (id), -- the project concerned, when one
  compound_id integer REFERENCES org_unit (id),
  -- Where the deciding office sits (street or county) or the compound: its scope.
  org_path text NOT NULL,
  county_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('interview', 'rectify', 'downgrade', 'exit', 'reselect')),
  status text NOT NULL CHECK (status IN ('recorded', 'open', 'reported', 'verified', 'done')),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  basis text,
  -- 约谈: when and who took part; the minutes.
  interview_on date,
  interview_people text,
  minutes text,
  -- 限期整改: what to put right, by when; the company's report.
  task text,
  deadline date,
  report_note text,
  report_photo_id integer REFERENCES attachment (id), -- uploaded first through POST /api/files
  reported_at timestamptz,
  -- 降级/降费: the contract before and after.
  level_before text,
  level_after text,
  fee_before numeric(8, 2),
  fee_after numeric(8, 2),
  -- 重新选聘: what the compound goes to next.
  reselect_to text CHECK (reselect_to IN ('new_company', 'self_run')),
  decided_by integer NOT NULL REFERENCES account (id),
  decided_at timestamptz NOT NULL,
  closed_at timestamptz,
  CHECK (kind <> 'rectify' OR (task IS NOT NULL AND deadline IS NOT NULL)),
  CHECK (kind <> 'reselect' OR (reselect_to IS NOT NULL AND contract_id IS NOT NULL))
);
CREATE INDEX property_sanction_company_idx ON property_sanction (company_id, decided_at);
CREATE INDEX property_sanction_org_path_idx ON property_sanction (org_path text_pattern_ops);

-- Every step of a sanction, append-only: who decided, when, why.
CREATE TABLE property_sanction_step (
  id serial PRIMARY KEY,
  sanction_id integer NOT NULL REFERENCES property_sanction (id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  note text NOT NULL,
  account_id integer REFERENCES account (id),
  actor_name text,
  at timestamptz NOT NULL
);
CREATE INDEX property_sanction_step_sanction_idx ON property_sanction_step (sanction_id, id);
