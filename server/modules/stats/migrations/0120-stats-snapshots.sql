-- The cockpit's monthly snapshots (issue 17): every indicator of the catalogue counted for every
-- unit at the month's end, once, by a database timer. A snapshot keeps the unit's path as it was
-- then (its county too): a unit merged away keeps its history under its own id, and today's
-- tree rolls it up by path. Rows are never changed; a month is counted once (the key refuses a
-- second count, so a retried or doubled timer changes nothing).
CREATE TABLE indicator_snapshot (
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  indicator text NOT NULL,
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  depth smallint NOT NULL,
  num numeric NOT NULL,
  den numeric,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (month, indicator, org_id)
);
CREATE INDEX indicator_snapshot_org_idx ON indicator_snapshot (org_id, indicator, month);
CREATE INDEX indicator_snapshot_path_idx ON indicator_snapshot (org_path text_pattern_ops, month);
