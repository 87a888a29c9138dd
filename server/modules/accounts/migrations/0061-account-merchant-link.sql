-- Merchants get accounts (issue 10, "link each account to what it stands for"): a new role
-- 'merchant' (商户), and account.merchant_id, the merchant the account stands for. A merchant
-- account sees its own points and redeems in the supermarket as a household does.
ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('city_admin','county_admin','street_admin',
  'community_secretary','community_worker','grid_worker','department','property_company','party_member','resident','merchant'));

ALTER TABLE account ADD COLUMN merchant_id integer REFERENCES merchant (id);
-- Only merchant accounts stand for a merchant (the console checks it first, with a clear message).
ALTER TABLE account ADD CONSTRAINT account_merchant_id_role_check CHECK (merchant_id IS NULL OR role = 'merchant');
-- One account per merchant. Linking locks the merchant row, so two admins are told apart before
-- this fires; the index keeps it true whatever writes the table.
CREATE UNIQUE INDEX account_merchant_id_key ON account (merchant_id) WHERE merchant_id IS NOT NULL;
