-- 三方协调月例会 (issue 14): what a compound's monthly three-party meeting discusses and decides.
-- The meeting itself is property_meeting (0078); here its minutes, the parties who came, its agenda
-- (built from the compound's open property demands, residents' proposals and the open tasks of
-- earlier meetings, plus free items) and the tasks its decisions become.
ALTER TABLE property_meeting ADD COLUMN minutes text NOT NULL DEFAULT '';
ALTER TABLE property_meeting ADD COLUMN cancel_reason text;

-- 居民议题: a resident's proposal for their own compound's meeting (or recorded by staff for them).
CREATE TABLE property_proposal (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the compound's path
  county_code text NOT NULL,
  resident_id integer REFERENCES resident (id),
  author_name text NOT NULL CHECK (length(btrim(author_name)) > 0),
  content text NOT NULL CHECK (length(btrim(content)) > 0),
  -- open: waits for a meeting; discussed: a held meeting had it on its agenda.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'discussed')),
  discussed_meeting_id integer REFERENCES property_meeting (id),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX property_proposal_org_path_idx ON property_proposal (org_path text_pattern_ops, status);

-- 决议事项: a decision becomes a task with an owner and a deadline; open ones return to later agendas.
CREATE TABLE property_meeting_task (
  id serial PRIMARY KEY,
  meeting_id integer NOT NULL REFERENCES property_meeting (id),
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  owner_kind text NOT NULL CHECK (owner_kind IN ('company', 'community', 'owners_committee', 'person')),
  owner_name text NOT NULL, -- the company's, committee's or person's name as shown
  company_id integer REFERENCES property_company (id), -- set when the company owns it: its phone page lists it
  deadline date NOT NULL,
  demand_id integer REFERENCES demand (id), -- the agenda demand it answers, if any
  -- open → reported (the company says done) → done (the community confirms); open/reported → dropped with a reason.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reported', 'done', 'dropped')),
  report_note text,
  reported_at timestamptz,
  closed_note text,
  closed_at timestamptz,
  closed_by integer REFERENCES account (id),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (owner_kind <> 'company' OR company_id IS NOT NULL),
  CHECK (status <> 'dropped' OR length(btrim(coalesce(closed_note, ''))) > 0)
);
CREATE INDEX property_meeting_task_org_path_idx ON property_meeting_task (org_path text_pattern_ops, status);
CREATE INDEX property_meeting_task_company_idx ON property_meeting_task (company_id, status);
CREATE INDEX property_meeting_task_meeting_idx ON property_meeting_task (meeting_id);

-- 议程: one row per item; a demand, proposal or carried task appears once on a meeting's agenda.
CREATE TABLE property_meeting_agenda_item (
  id serial PRIMARY KEY,
  meeting_id integer NOT NULL REFERENCES property_meeting (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('carried', 'demand', 'proposal', 'free')),
  task_id integer REFERENCES property_meeting_task (id),
  demand_id integer REFERENCES demand (id),
  proposal_id integer REFERENCES property_proposal (id),
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX property_agenda_task_key ON property_meeting_agenda_item (meeting_id, task_id) WHERE task_id IS NOT NULL;
CREATE UNIQUE INDEX property_agenda_demand_key ON property_meeting_agenda_item (meeting_id, demand_id) WHERE demand_id IS NOT NULL;
CREATE UNIQUE INDEX property_agenda_proposal_key ON property_meeting_agenda_item (meeting_id, proposal_id) WHERE proposal_id IS NOT NULL;
CREATE INDEX property_agenda_org_path_idx ON property_meeting_agenda_item (org_path text_pattern_ops);

-- 参会方: the parties at the meeting, by name, present or absent.
CREATE TABLE property_meeting_attendee (
  id serial PRIMARY KEY,
  meeting_id integer NOT NULL REFERENCES property_meeting (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  party text NOT NULL CHECK (party IN ('community', 'owners_committee', 'management_committee', 'company', 'resident_rep')),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  present boolean NOT NULL
);
CREATE INDEX property_attendee_meeting_idx ON property_meeting_attendee (meeting_id);
CREATE INDEX property_attendee_org_path_idx ON property_meeting_attendee (org_path text_pattern_ops);
