-- 结对共建 (issue 13): the community's three lists — needs (需求清单), resources offered by work
-- units (资源清单) and projects (项目清单) — in the seven categories of the city's co-building
-- table, and a project's plan, milestones (with photos) and steps. Each row's org_path is the
-- place it belongs to, so a community sees its own, a street and a county theirs.

-- 党建联建, 政策赋能, 教育融合, 文体互动, 民生实事, 特定人群关爱, 其他
CREATE TABLE cobuild_need (
  id serial PRIMARY KEY,
  community_id integer NOT NULL REFERENCES org_unit (id),
  place_id integer NOT NULL REFERENCES org_unit (id), -- the community itself or one of its compounds
  org_path text NOT NULL, -- the place's path
  county_code text NOT NULL,
  category text NOT NULL CHECK (category IN ('party_building', 'policy', 'education', 'culture_sports', 'livelihood', 'special_groups', 'other')),
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  detail text NOT NULL DEFAULT '',
  size integer NOT NULL CHECK (size > 0), -- people to serve (or households, sessions: the need says)
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'met', 'closed')),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cobuild_need_dates_check CHECK (ends_on >= starts_on)
);
CREATE INDEX cobuild_need_org_path_idx ON cobuild_need (org_path text_pattern_ops);
CREATE INDEX cobuild_need_open_idx ON cobuild_need (category, org_path text_pattern_ops) WHERE status = 'open';

CREATE TABLE cobuild_resource (
  id serial PRIMARY KEY,
  work_unit_id integer NOT NULL REFERENCES work_unit (id),
  org_path text NOT NULL, -- the narrowest place covering every place it serves
  county_code text NOT NULL,
  category text NOT NULL CHECK (category IN ('party_building', 'policy', 'education', 'culture_sports', 'livelihood', 'special_groups', 'other')),
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  detail text NOT NULL DEFAULT '',
  capacity integer NOT NULL CHECK (capacity > 0),
  available_from date NOT NULL,
  available_to date NOT NULL,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  CONSTRAINT cobuild_resource_dates_check CHECK (available_to >= available_from)
);
CREATE INDEX cobuild_resource_unit_idx ON cobuild_resource (work_unit_id);
CREATE INDEX cobuild_resource_org_path_idx ON cobuild_resource (org_path text_pattern_ops);

-- The places a resource serves: communities, or a whole street.
CREATE TABLE cobuild_resource_place (
  resource_id integer NOT NULL REFERENCES cobuild_resource (id),
  place_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  PRIMARY KEY (resource_id, place_id)
);
CREATE INDEX cobuild_resource_place_path_idx ON cobuild_resource_place (org_path text_pattern_ops);

CREATE TABLE cobuild_project (
  id serial PRIMARY KEY,
  community_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  category text NOT NULL CHECK (category IN ('party_building', 'policy', 'education', 'culture_sports', 'livelihood', 'special_groups', 'other')),
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  detail text NOT NULL DEFAULT '',
  size integer CHECK (size > 0),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  origin text NOT NULL CHECK (origin IN ('published', 'assigned', 'matched')), -- 揭榜 / 街道指派 / 供需匹配
  status text NOT NULL CHECK (status IN ('published', 'in_progress', 'submitted', 'returned', 'accepted', 'withdrawn')),
  work_unit_id integer REFERENCES work_unit (id),
  need_id integer UNIQUE REFERENCES cobuild_need (id),
  resource_id integer REFERENCES cobuild_resource (id),
  plan text NOT NULL DEFAULT '',
  return_reason text,
  taken_at timestamptz,
  submitted_at timestamptz,
  accepted_at timestamptz,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cobuild_project_dates_check CHECK (ends_on >= starts_on),
  -- One unit per project: none while it waits on the board (or was withdrawn from it), one after.
  CONSTRAINT cobuild_project_unit_check CHECK ((status IN ('published', 'withdrawn')) = (work_unit_id IS NULL))
);
CREATE INDEX cobuild_project_org_path_idx ON cobuild_project (org_path text_pattern_ops);
CREATE INDEX cobuild_project_unit_idx ON cobuild_project (work_unit_id) WHERE work_unit_id IS NOT NULL;
CREATE INDEX cobuild_project_published_idx ON cobuild_project (org_path text_pattern_ops) WHERE status = 'published';

CREATE TABLE cobuild_milestone (
  id serial PRIMARY KEY,
  project_id integer NOT NULL REFERENCES cobuild_project (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  due_on date NOT NULL,
  done_on date,
  note text NOT NULL DEFAULT '',
  photo_ids integer[] NOT NULL DEFAULT '{}',
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cobuild_milestone_project_idx ON cobuild_milestone (project_id, due_on);

-- Every step a project took (append-only): who, from which state to which, and why.
CREATE TABLE cobuild_project_step (
  id serial PRIMARY KEY,
  project_id integer NOT NULL REFERENCES cobuild_project (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  account_id integer REFERENCES account (id),
  work_unit_id integer REFERENCES work_unit (id),
  reason text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cobuild_project_step_project_idx ON cobuild_project_step (project_id, id);
