-- The cockpit counts a month's demands for the whole city by channel and by category (issue 17):
-- by time first, so a month reads that month's demands, not the whole table.
CREATE INDEX demand_created_at_idx ON demand (created_at);
