-- 撤回委托: an owner withdraws a written authorisation before the close; who recorded it and why.
-- The proxy's standing ballot for the unit is withdrawn with it (the chain keeps a link saying so).
ALTER TABLE owner_vote_proxy ADD COLUMN revoked_by integer REFERENCES account (id);
ALTER TABLE owner_vote_proxy ADD COLUMN revoke_reason text;
