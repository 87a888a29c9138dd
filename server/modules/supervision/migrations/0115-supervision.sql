-- Supervision (督导, issue 16): the coordination mechanism of the city or a county — working
-- groups (工作专班) of member departments, each with a lead department — plans inspections
-- (联合调研 / 暗访暗查); an inspector records problems with photos and place; a problem is handed
-- over (问题移交) to a county or a department with a deadline in China days; the receiver reports
-- rectification with evidence; the inspector verifies or sends it back; overdue ones escalate.
CREATE TABLE supervision_group (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id), -- the city or county whose mechanism it belongs to
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  lead_department_id integer NOT NULL REFERENCES department (id),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT supervision_group_org_name_key UNIQUE (org_id, name)
);
CREATE INDEX supervision_group_org_path_idx ON supervision_group (org_path text_pattern_ops);

CREATE TABLE supervision_group_member (
  group_id integer NOT NULL REFERENCES supervision_group (id),
  department_id integer NOT NULL REFERENCES department (id),
  PRIMARY KEY (group_id, department_id)
);

CREATE TABLE supervision_inspection (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id), -- the planning city or county
  org_path text NOT NULL,
  county_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('joint_survey', 'unannounced')), -- 联合调研 / 暗访暗查
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  group_id integer NOT NULL REFERENCES supervision_group (id),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'under_way', 'done', 'cancelled')),
  cancel_reason text,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_inspection_org_path_idx ON supervision_inspection (org_path text_pattern_ops);

-- The places an inspection covers (counties, streets or communities inside the planner's area).
CREATE TABLE supervision_inspection_place (
  inspection_id integer NOT NULL REFERENCES supervision_inspection (id),
  place_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  PRIMARY KEY (inspection_id, place_id)
);

CREATE TABLE supervision_problem (
  id serial PRIMARY KEY,
  inspection_id integer NOT NULL REFERENCES supervision_inspection (id),
  place_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the place's path
  county_code text NOT NULL,
  category text NOT NULL CHECK (category IN ('service_position', 'grid', 'property', 'environment', 'burden', 'safety', 'other')),
  description text NOT NULL CHECK (length(btrim(description)) > 0),
  lat numeric(9, 6),
  lng numeric(9, 6),
  found_by integer NOT NULL REFERENCES account (id),
  found_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'found'
    CHECK (status IN ('found', 'handed_over', 'rectifying', 'reported', 'verified', 'sent_back')),
  -- 问题移交: to a county (receiver_org_id) or to a department (receiver_department_id), never both.
  receiver_org_id integer REFERENCES org_unit (id),
  receiver_department_id integer REFERENCES department (id),
  deadline date,
  handed_over_at timestamptz,
  reported_at timestamptz,
  rectification text,
  verified_at timestamptz,
  -- Set once by the overdue timer: the level the problem was escalated to (市 or 区县).
  escalated_at timestamptz,
  escalated_to_org_id integer REFERENCES org_unit (id),
  CONSTRAINT supervision_problem_one_receiver CHECK (receiver_org_id IS NULL OR receiver_department_id IS NULL),
  CONSTRAINT supervision_problem_handed CHECK (status = 'found' OR (deadline IS NOT NULL AND (receiver_org_id IS NOT NULL OR receiver_department_id IS NOT NULL)))
);
CREATE INDEX supervision_problem_org_path_idx ON supervision_problem (org_path text_pattern_ops);
CREATE INDEX supervision_problem_inspection_idx ON supervision_problem (inspection_id);
CREATE INDEX supervision_problem_department_idx ON supervision_problem (receiver_department_id);

-- Every step of a problem, append-only.
CREATE TABLE supervision_problem_step (
  id serial PRIMARY KEY,
  problem_id integer NOT NULL REFERENCES supervision_problem (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  note text,
  account_id integer REFERENCES account (id), -- NULL: the overdue timer
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supervision_problem_step_problem_idx ON supervision_problem_step (problem_id);
CREATE FUNCTION supervision_problem_step_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'supervision_problem_step is append-only';
END $$;
CREATE TRIGGER supervision_problem_step_no_change BEFORE UPDATE OR DELETE ON supervision_problem_step
  FOR EACH ROW EXECUTE FUNCTION supervision_problem_step_append_only();
