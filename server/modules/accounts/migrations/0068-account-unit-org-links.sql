-- Two new roles (issue 13): a work unit's admin (单位管理员, account.work_unit_id) sees and acts for
-- its own unit only — its pairings, its in-service members' records, its evaluation; a volunteer
-- organisation's admin (志愿组织管理员, account.volunteer_org_id) runs that organisation's projects
-- and activities. A unit or an organisation may have several admins.
ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('city_admin','county_admin','street_admin',
  'community_secretary','community_worker','grid_worker','department','property_company','party_member','resident','merchant',
  'work_unit','volunteer_org'));

ALTER TABLE account ADD COLUMN work_unit_id integer REFERENCES work_unit (id);
ALTER TABLE account ADD CONSTRAINT account_work_unit_id_role_check CHECK (work_unit_id IS NULL OR role = 'work_unit');
CREATE INDEX account_work_unit_id_idx ON account (work_unit_id) WHERE work_unit_id IS NOT NULL;

ALTER TABLE account ADD COLUMN volunteer_org_id integer REFERENCES volunteer_org (id);
ALTER TABLE account ADD CONSTRAINT account_volunteer_org_id_role_check CHECK (volunteer_org_id IS NULL OR role = 'volunteer_org');
CREATE INDEX account_volunteer_org_id_idx ON account (volunteer_org_id) WHERE volunteer_org_id IS NOT NULL;
