-- 志愿吕梁 (issue 13): service projects, activities, sign-ups with QR check-in/out, and the
-- append-only hour entries the stars and points come from.

-- Hours served, raised and lowered only together with an hour entry (one transaction).
ALTER TABLE volunteer ADD COLUMN total_hours numeric(10,1) NOT NULL DEFAULT 0 CHECK (total_hours >= 0);
ALTER TABLE volunteer ADD COLUMN total_points integer NOT NULL DEFAULT 0;
-- Counts and stars of a subtree answer from the index alone (the county overview at city scale).
CREATE INDEX volunteer_path_hours_idx ON volunteer (org_path text_pattern_ops) INCLUDE (total_hours);

-- A service project of an organisation (助老送餐, 暑期托管, 窗帘行动 …).
CREATE TABLE volunteer_project (
  id serial PRIMARY KEY,
  volunteer_org_id integer NOT NULL REFERENCES volunteer_org (id),
  org_path text NOT NULL, -- the organisation's
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  description text NOT NULL DEFAULT '',
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX volunteer_project_org_idx ON volunteer_project (volunteer_org_id);
CREATE INDEX volunteer_project_path_idx ON volunteer_project (org_path text_pattern_ops);

-- An activity of a project at a place (a community or compound) and a time.
CREATE TABLE volunteer_activity (
  id serial PRIMARY KEY,
  project_id integer NOT NULL REFERENCES volunteer_project (id),
  volunteer_org_id integer NOT NULL REFERENCES volunteer_org (id),
  place_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the place's: a community sees the activities held in it
  county_code text NOT NULL,
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  address text NOT NULL DEFAULT '',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  signed_up integer NOT NULL DEFAULT 0,
  served integer NOT NULL DEFAULT 0 CHECK (served >= 0), -- residents served, entered by the organiser
  hours_total numeric(10,1) NOT NULL DEFAULT 0, -- net confirmed hours of all its volunteers, moved with each hour entry
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'cancelled')),
  confirmed_at timestamptz,
  confirmed_by integer REFERENCES account (id),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (signed_up >= 0 AND signed_up <= capacity)
);
CREATE INDEX volunteer_activity_path_idx ON volunteer_activity (org_path text_pattern_ops, starts_at) INCLUDE (status, served, hours_total);
CREATE INDEX volunteer_activity_county_idx ON volunteer_activity (county_code, starts_at);
CREATE INDEX volunteer_activity_org_idx ON volunteer_activity (volunteer_org_id, starts_at);
CREATE INDEX volunteer_activity_project_idx ON volunteer_activity (project_id);

-- A volunteer's place in an activity: signed up, checked in and out by QR (the scan time; a
-- replayed offline scan carries its client id and lands once).
CREATE TABLE volunteer_signup (
  id serial PRIMARY KEY,
  activity_id integer NOT NULL REFERENCES volunteer_activity (id),
  volunteer_id integer NOT NULL REFERENCES volunteer (id),
  -- copied from the activity so overlaps are one indexed query on the volunteer's own rows
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'signed' CHECK (status IN ('signed', 'cancelled')),
  signed_at timestamptz NOT NULL,
  checkin_at timestamptz,
  checkout_at timestamptz,
  checkin_client_id text UNIQUE,
  checkout_client_id text UNIQUE,
  CHECK (checkout_at IS NULL OR (checkin_at IS NOT NULL AND checkout_at >= checkin_at))
);
CREATE UNIQUE INDEX volunteer_signup_key ON volunteer_signup (activity_id, volunteer_id);
CREATE INDEX volunteer_signup_volunteer_idx ON volunteer_signup (volunteer_id, starts_at);

-- Hours, append-only: a confirmation (from a check-in/out pair or the organiser's word with a
-- reason), and corrections as a reversal of it plus a new confirmation.
CREATE TABLE volunteer_hour_entry (
  id serial PRIMARY KEY,
  volunteer_id integer NOT NULL REFERENCES volunteer (id),
  activity_id integer NOT NULL REFERENCES volunteer_activity (id),
  kind text NOT NULL CHECK (kind IN ('confirm', 'reversal', 'correction')),
  basis text NOT NULL CHECK (basis IN ('scan', 'organiser')),
  hours numeric(6,1) NOT NULL,
  reverses_id integer REFERENCES volunteer_hour_entry (id),
  reason text,
  occurred_on date NOT NULL, -- China-time day of the activity
  org_path text NOT NULL,
  county_code text NOT NULL,
  points integer NOT NULL DEFAULT 0,
  points_record_id integer,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL,
  CHECK (kind = 'confirm' AND hours > 0 OR kind = 'correction' AND hours > 0 AND reason IS NOT NULL
    OR kind = 'reversal' AND hours < 0 AND reverses_id IS NOT NULL AND reason IS NOT NULL),
  CHECK (basis = 'scan' OR reason IS NOT NULL)
);
-- Points once per activity per volunteer: one confirmation each.
CREATE UNIQUE INDEX volunteer_hour_entry_confirm_key ON volunteer_hour_entry (activity_id, volunteer_id) WHERE kind = 'confirm';
CREATE UNIQUE INDEX volunteer_hour_entry_reverses_key ON volunteer_hour_entry (reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX volunteer_hour_entry_volunteer_idx ON volunteer_hour_entry (volunteer_id, id);
CREATE INDEX volunteer_hour_entry_path_idx ON volunteer_hour_entry (county_code, org_path text_pattern_ops);

CREATE FUNCTION volunteer_hour_entry_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'volunteer_hour_entry is append-only: write a reversing entry instead';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER volunteer_hour_entry_append_only BEFORE UPDATE OR DELETE ON volunteer_hour_entry
  FOR EACH ROW EXECUTE FUNCTION volunteer_hour_entry_append_only();
