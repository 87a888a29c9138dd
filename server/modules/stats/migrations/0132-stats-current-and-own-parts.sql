-- The cockpit at city scale (issue 17).
--
-- Own parts: what a unit held itself, beside what it and everything under it held. A snapshot
-- row's `num` is the unit's figure as its tree stood then; `own_num` is the part counted at the
-- unit itself and at none of its children, so a past month can be rolled up under today's tree
-- after a merge or move: today's unit sums the own parts of every unit of then that now lies
-- under it (figures are additive by contract: counts, sums, numerators and denominators).
ALTER TABLE indicator_snapshot ADD COLUMN own_num numeric;
ALTER TABLE indicator_snapshot ADD COLUMN own_den numeric;
-- Rows filed before this migration: the own part is the figure less its children's of that month.
UPDATE indicator_snapshot s SET
  own_num = s.num - coalesce((SELECT sum(c.num) FROM indicator_snapshot c
    WHERE c.month = s.month AND c.indicator = s.indicator AND c.depth = s.depth + 1 AND c.org_path LIKE s.org_path || '%'), 0),
  own_den = CASE WHEN s.den IS NULL THEN NULL ELSE s.den - coalesce((SELECT sum(c.den) FROM indicator_snapshot c
    WHERE c.month = s.month AND c.indicator = s.indicator AND c.depth = s.depth + 1 AND c.org_path LIKE s.org_path || '%'), 0) END;
ALTER TABLE indicator_snapshot ALTER COLUMN own_num SET NOT NULL;

-- The month under way, counted for every unit by a database timer every few minutes and
-- replaced whole each time: the cockpit of the city or a county reads it instead of counting
-- two million rows per figure while the leader waits. Every level reads the same count, so
-- drilling down always adds up. Before the first count (a fresh database) the cockpit counts live.
CREATE TABLE indicator_current (
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  indicator text NOT NULL,
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  depth smallint NOT NULL,
  num numeric NOT NULL,
  den numeric,
  own_num numeric NOT NULL,
  own_den numeric,
  counted_at timestamptz NOT NULL,
  PRIMARY KEY (indicator, org_id)
);
CREATE INDEX indicator_current_org_idx ON indicator_current (org_id);
CREATE INDEX indicator_current_path_idx ON indicator_current (org_path text_pattern_ops);
