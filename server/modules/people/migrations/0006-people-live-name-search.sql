-- Name search (name prefix within a scope, live residents only) answered from one index,
-- without visiting the table: a rare surname in a large county no longer scans every resident.
CREATE INDEX resident_live_name_path_idx ON resident (name text_pattern_ops, org_path text_pattern_ops)
  WHERE moved_out_at IS NULL;
DROP INDEX resident_name_idx;
