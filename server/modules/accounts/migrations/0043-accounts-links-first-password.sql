-- Accounts for real people (issue 10): a new or reset account must change its password at first
-- sign-in; and an account stands for a staff record, as it already may for a resident
-- (resident_id) or a department (department_id).
-- Existing accounts (the demo city's) keep signing in as before.
ALTER TABLE account ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE account ADD COLUMN staff_id integer REFERENCES staff (id);

-- The console gives a resident or a staff member one account (checked when linking); the
-- indexes serve that check and the "already has an account" hint of the link picker.
CREATE INDEX account_resident_id_idx ON account (resident_id) WHERE resident_id IS NOT NULL;
CREATE INDEX account_staff_id_idx ON account (staff_id) WHERE staff_id IS NOT NULL;
CREATE INDEX account_department_id_idx ON account (department_id) WHERE department_id IS NOT NULL;
