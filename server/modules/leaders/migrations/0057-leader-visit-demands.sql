-- A problem a leader finds on a visit (进社区办实事) is recorded as a demand (channel
-- 'leader_visit') and handled like any other; found and solved are counted from those demands,
-- so the typed-in counts and the free problem list go. (No county had recorded visits yet.)
CREATE TABLE leader_visit_demand (
  visit_id  integer NOT NULL REFERENCES leader_visit (id),
  demand_id integer NOT NULL REFERENCES demand (id),
  PRIMARY KEY (visit_id, demand_id),
  CONSTRAINT leader_visit_demand_demand_key UNIQUE (demand_id)
);

ALTER TABLE leader_visit DROP CONSTRAINT leader_visit_problems_check;
ALTER TABLE leader_visit DROP COLUMN problems;
ALTER TABLE leader_visit DROP COLUMN problems_found;
ALTER TABLE leader_visit DROP COLUMN problems_solved;
