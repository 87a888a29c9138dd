-- Daily rollup of the demand rates, so a county's rates page reads a few thousand rows instead of
-- every demand of the period. One row per CST creation day and place (the demand's own org unit,
-- the deepest it names): rates are over the demands created in the period, so a demand's later
-- steps update the row of the day it was created. Merged demands count nowhere.
CREATE TABLE demand_daily_stat (
  day           date NOT NULL,
  org_id        integer NOT NULL,
  org_path      text NOT NULL,
  county_code   text NOT NULL,
  received      integer NOT NULL DEFAULT 0,
  responded     integer NOT NULL DEFAULT 0,
  on_spot       integer NOT NULL DEFAULT 0,
  resolved      integer NOT NULL DEFAULT 0,
  rated         integer NOT NULL DEFAULT 0,
  satisfied     integer NOT NULL DEFAULT 0,
  closed        integer NOT NULL DEFAULT 0,
  -- Sum over closed demands of (closed_at - created_at), for the average time to close.
  close_seconds numeric NOT NULL DEFAULT 0,
  -- Keyed by org id, not path: an org move or merge rewrites paths (ORG_PATH_TABLES) and two
  -- places may end up sharing one, which a path key would refuse.
  CONSTRAINT demand_daily_stat_pkey PRIMARY KEY (org_id, day)
);
CREATE INDEX demand_daily_stat_org_path_idx ON demand_daily_stat (org_path text_pattern_ops, day);

-- Overdue moves with the clock, not with writes, so it cannot be a counter. Counting it live means
-- visiting every open demand past due; instead the open demands are counted here by creation day
-- and CST due day: everything due before today is overdue now, and only today's slice is
-- checked live against the clock (demand_due_today_idx).
CREATE TABLE demand_open_stat (
  day         date NOT NULL,
  due_day     date NOT NULL,
  org_id      integer NOT NULL,
  org_path    text NOT NULL,
  county_code text NOT NULL,
  open        integer NOT NULL DEFAULT 0,
  CONSTRAINT demand_open_stat_pkey PRIMARY KEY (org_id, day, due_day)
);
CREATE INDEX demand_open_stat_org_path_idx ON demand_open_stat (org_path text_pattern_ops, day);

-- The CST calendar day of an instant (China keeps no daylight saving), as deadlines.ts cstDay().
CREATE FUNCTION demand_stat_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT ((t AT TIME ZONE 'UTC') + interval '8 hours')::date
$$;

-- A demand's contribution to its row; all zero once merged. The counters mean what the rates page
-- says (demand-rates.ts); rebuild_demand_daily_stat() below counts the same things in bulk, and
-- tests/integration/demands-rollup.test.ts holds both to a direct count over the demands.
CREATE FUNCTION demand_stat_vector(d demand) RETURNS numeric[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN d.merged_into_id IS NOT NULL THEN ARRAY[0, 0, 0, 0, 0, 0, 0, 0]::numeric[]
  ELSE ARRAY[
    1,
    (d.responded_at IS NOT NULL)::int,
    (d.tier = 'spot')::int,
    (d.resolved_at IS NOT NULL OR d.closed_at IS NOT NULL)::int,
    (d.rating IS NOT NULL)::int,
    coalesce(d.rating IN ('satisfied', 'basic'), false)::int,
    (d.closed_at IS NOT NULL)::int,
    coalesce(EXTRACT(EPOCH FROM d.closed_at - d.created_at), 0)
  ]::numeric[] END
$$;

-- PL/pgSQL rather than SQL functions: PL/pgSQL keeps the plans of its statements for the
-- session, a SQL function holding an INSERT is planned again on every call (10× the cost).
CREATE FUNCTION demand_stat_add(d demand, v numeric[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO demand_daily_stat AS s (day, org_id, org_path, county_code, received, responded, on_spot, resolved,
    rated, satisfied, closed, close_seconds)
  VALUES (demand_stat_day(d.created_at), d.org_id, d.org_path, d.county_code, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8])
  ON CONFLICT (org_id, day) DO UPDATE SET
    received = s.received + excluded.received, responded = s.responded + excluded.responded,
    on_spot = s.on_spot + excluded.on_spot, resolved = s.resolved + excluded.resolved, rated = s.rated + excluded.rated,
    satisfied = s.satisfied + excluded.satisfied, closed = s.closed + excluded.closed,
    close_seconds = s.close_seconds + excluded.close_seconds;
END $$;

CREATE FUNCTION demand_open_add(d demand, n integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO demand_open_stat AS s (day, due_day, org_id, org_path, county_code, open)
  VALUES (demand_stat_day(d.created_at), demand_stat_day(d.due_at), d.org_id, d.org_path, d.county_code, n)
  ON CONFLICT (org_id, day, due_day) DO UPDATE SET open = s.open + excluded.open;
END $$;

-- In the database rather than in the service so that no write path (lifecycle steps, timers,
-- meetings, Open311, future code) can forget it; it runs in the writer's own transaction.
CREATE FUNCTION demand_daily_stat_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zero numeric[] := ARRAY[0, 0, 0, 0, 0, 0, 0, 0]::numeric[];
  o numeric[] := zero;
  n numeric[] := zero;
  delta numeric[];
  was_open boolean := false;
  is_open boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.merged_into_id IS NULL AND OLD.closed_at IS NULL AND OLD.resolved_at IS NULL THEN
    was_open := true;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.merged_into_id IS NULL AND NEW.closed_at IS NULL AND NEW.resolved_at IS NULL THEN
    is_open := true;
  END IF;
  IF TG_OP = 'UPDATE' AND was_open AND is_open AND OLD.org_id = NEW.org_id AND OLD.created_at = NEW.created_at
     AND demand_stat_day(OLD.due_at) = demand_stat_day(NEW.due_at) THEN
    NULL; -- same row of demand_open_stat, still open
  ELSE
    IF was_open THEN PERFORM demand_open_add(OLD, -1); END IF;
    IF is_open THEN PERFORM demand_open_add(NEW, 1); END IF;
  END IF;

  IF TG_OP <> 'INSERT' THEN o := demand_stat_vector(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN n := demand_stat_vector(NEW); END IF;
  IF TG_OP = 'UPDATE' AND (OLD.org_id <> NEW.org_id OR demand_stat_day(OLD.created_at) <> demand_stat_day(NEW.created_at)) THEN
    IF o <> zero THEN PERFORM demand_stat_add(OLD, ARRAY(SELECT -x FROM unnest(o) x)); END IF;
    IF n <> zero THEN PERFORM demand_stat_add(NEW, n); END IF;
    RETURN NULL;
  END IF;
  IF o = n THEN RETURN NULL; END IF;
  delta := ARRAY(SELECT a - b FROM unnest(n, o) AS t(a, b));
  IF TG_OP = 'DELETE' THEN PERFORM demand_stat_add(OLD, delta); ELSE PERFORM demand_stat_add(NEW, delta); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER demand_daily_stat_track
  AFTER INSERT OR DELETE OR UPDATE OF org_id, created_at, due_at, tier, responded_at, resolved_at, closed_at, rating, merged_into_id
  ON demand FOR EACH ROW EXECUTE FUNCTION demand_daily_stat_track();

-- Recomputes the whole rollup from the demands: the backfill below, and after a bulk load that
-- went around the trigger (seed, bench).
CREATE FUNCTION rebuild_demand_daily_stat() RETURNS void LANGUAGE sql AS $$
  DELETE FROM demand_daily_stat;
  INSERT INTO demand_daily_stat (day, org_id, org_path, county_code, received, responded, on_spot, resolved, rated,
    satisfied, closed, close_seconds)
  SELECT demand_stat_day(d.created_at), d.org_id, min(d.org_path), min(d.county_code),
    count(*), count(d.responded_at), count(*) FILTER (WHERE d.tier = 'spot'),
    count(*) FILTER (WHERE d.resolved_at IS NOT NULL OR d.closed_at IS NOT NULL), count(d.rating),
    count(*) FILTER (WHERE d.rating IN ('satisfied', 'basic')), count(d.closed_at),
    coalesce(sum(EXTRACT(EPOCH FROM d.closed_at - d.created_at)), 0)
  FROM demand d
  WHERE d.merged_into_id IS NULL
  GROUP BY 1, 2;
  DELETE FROM demand_open_stat;
  INSERT INTO demand_open_stat (day, due_day, org_id, org_path, county_code, open)
  SELECT demand_stat_day(d.created_at), demand_stat_day(d.due_at), d.org_id, min(d.org_path), min(d.county_code), count(*)
  FROM demand d
  WHERE d.merged_into_id IS NULL AND d.closed_at IS NULL AND d.resolved_at IS NULL
  GROUP BY 1, 2, 3
$$;
SELECT rebuild_demand_daily_stat();

-- The live part of overdue: open demands due earlier today, by due time, without the table.
-- It replaces demand_open_due_idx, which no query used: one index less to keep on every intake.
CREATE INDEX demand_due_today_idx ON demand (due_at) INCLUDE (org_path, created_at)
  WHERE closed_at IS NULL AND resolved_at IS NULL AND merged_into_id IS NULL;
DROP INDEX demand_open_due_idx;
