-- 新就业群体 lifecycle (issue 16 follow-up): a station or service point closed, a party
-- organisation dissolved and an instructor's posting ended from the console. The dates were
-- already there; who did it and why were not. Rows are never deleted: these columns keep the
-- history on the row itself (the audit log keeps it too). Rows closed before this migration have
-- no reason, so the rule "a reason with every close" lives in the service, not in a CHECK.
ALTER TABLE gig_station ADD COLUMN closed_by integer REFERENCES account (id), ADD COLUMN close_reason text;
ALTER TABLE gig_service_point ADD COLUMN closed_by integer REFERENCES account (id), ADD COLUMN close_reason text;
ALTER TABLE gig_party_org ADD COLUMN dissolved_by integer REFERENCES account (id), ADD COLUMN dissolve_reason text;
ALTER TABLE gig_instructor ADD COLUMN ended_by integer REFERENCES account (id), ADD COLUMN end_reason text;
