-- The cockpit counts a month of the ledger for the whole city or a county (issue 17): by month
-- first, then place, so a month's count reads that month's entries, not ten million.
CREATE INDEX points_entry_month_path_idx ON points_entry (month, org_path text_pattern_ops);
