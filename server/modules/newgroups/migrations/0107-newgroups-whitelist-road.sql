-- 白名单, 兼职网格员/安全员 and reports from the road (issue 16, brief §7).

-- A worker on the white-list: who put them on, when and why; removal keeps the row with its reason,
-- so the list's history stays. One live entry per worker.
CREATE TABLE gig_whitelist (
  id serial PRIMARY KEY,
  worker_id integer NOT NULL REFERENCES gig_worker (id),
  org_path text NOT NULL, -- the worker's station's
  county_code text NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  added_by integer NOT NULL REFERENCES account (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_by integer REFERENCES account (id),
  removed_at timestamptz,
  removed_reason text,
  CHECK ((removed_at IS NULL) = (removed_by IS NULL) AND (removed_at IS NULL) = (removed_reason IS NULL))
);
CREATE UNIQUE INDEX gig_whitelist_live_key ON gig_whitelist (worker_id) WHERE removed_at IS NULL;
CREATE INDEX gig_whitelist_org_path_idx ON gig_whitelist (org_path text_pattern_ops);

-- Each pass a gate checked: the gate's unit (compound or community), the guard, the outcome. No
-- place finer than the gate and nothing else about the rider's movements is kept.
CREATE TABLE gig_gate_check (
  id serial PRIMARY KEY,
  gate_org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the gate's unit
  county_code text NOT NULL,
  worker_id integer REFERENCES gig_worker (id), -- null when the code was forged or unreadable
  outcome text NOT NULL CHECK (outcome IN ('valid', 'expired', 'forged', 'not_listed', 'left')),
  checked_by integer NOT NULL REFERENCES account (id),
  checked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gig_gate_check_org_path_idx ON gig_gate_check (org_path text_pattern_ops, checked_at);

-- 兼职网格员 (grid_member) or 安全员 (safety_officer): a white-listed worker enrolled by a community
-- for one of its grids or the community itself, from a day, until a day (ended with a reason).
CREATE TABLE gig_parttime (
  id serial PRIMARY KEY,
  worker_id integer NOT NULL REFERENCES gig_worker (id),
  duty text NOT NULL CHECK (duty IN ('grid_member', 'safety_officer')),
  unit_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the grid's or community's
  county_code text NOT NULL,
  start_day date NOT NULL,
  end_day date,
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  end_reason text,
  created_by integer NOT NULL REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_by integer REFERENCES account (id),
  CHECK (end_day IS NULL OR end_day >= start_day),
  CHECK ((end_day IS NULL) = (end_reason IS NULL))
);
-- One live enrolment per worker and duty.
CREATE UNIQUE INDEX gig_parttime_live_key ON gig_parttime (worker_id, duty) WHERE end_day IS NULL;
CREATE INDEX gig_parttime_org_path_idx ON gig_parttime (org_path text_pattern_ops);

-- A report from the road: the demand it became (the demands module owns it), and who/where it came from.
CREATE TABLE gig_road_report (
  id serial PRIMARY KEY,
  demand_id integer NOT NULL UNIQUE REFERENCES demand (id),
  worker_id integer NOT NULL REFERENCES gig_worker (id),
  station_id integer NOT NULL REFERENCES gig_station (id),
  community_id integer NOT NULL REFERENCES org_unit (id),
  kind text NOT NULL CHECK (kind IN ('hazard', 'demand')), -- 隐患 / 诉求
  org_path text NOT NULL, -- the demand's place
  county_code text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gig_road_report_org_path_idx ON gig_road_report (org_path text_pattern_ops);
CREATE INDEX gig_road_report_worker_idx ON gig_road_report (worker_id);

-- Reward points for verified reports: append-only; a wrong award is undone by a reversing row.
-- One award per report and one reversal per award, held by unique indexes (not by reading first).
CREATE TABLE gig_road_reward (
  id serial PRIMARY KEY,
  report_id integer NOT NULL REFERENCES gig_road_report (id),
  worker_id integer NOT NULL REFERENCES gig_worker (id),
  points integer NOT NULL CHECK (points <> 0),
  note text NOT NULL CHECK (length(btrim(note)) > 0),
  reverses_id integer REFERENCES gig_road_reward (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  created_by integer NOT NULL REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((reverses_id IS NULL) = (points > 0))
);
CREATE UNIQUE INDEX gig_road_reward_award_key ON gig_road_reward (report_id) WHERE reverses_id IS NULL;
CREATE UNIQUE INDEX gig_road_reward_reversal_key ON gig_road_reward (reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX gig_road_reward_worker_idx ON gig_road_reward (worker_id);
-- Only an org move may touch a row (org_path, county_code), like every table in the org-path registry.
CREATE FUNCTION gig_road_reward_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (NEW.id, NEW.report_id, NEW.worker_id, NEW.points, NEW.note, NEW.reverses_id, NEW.created_by, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.report_id, OLD.worker_id, OLD.points, OLD.note, OLD.reverses_id, OLD.created_by, OLD.created_at) THEN
    RAISE EXCEPTION 'gig_road_reward is append-only' USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER gig_road_reward_no_update BEFORE UPDATE OR DELETE ON gig_road_reward
  FOR EACH ROW EXECUTE FUNCTION gig_road_reward_append_only();

-- A rider's report enters the demands flow under its own channel.
ALTER TABLE demand DROP CONSTRAINT demand_channel_check;
ALTER TABLE demand ADD CONSTRAINT demand_channel_check CHECK (channel IN ('resident','visit','walk_in','hotline','leader_visit','open311','rider'));
