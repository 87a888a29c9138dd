-- Whether base points (基础分) buy goods in the points supermarket, per community. Off by default:
-- a household that has done nothing yet should not redeem ~100 yuan of goods. With it off, a
-- holder may spend max(0, balance − base points granted) (docs/adr/0004-points-ledger.md).
ALTER TABLE points_rule_set ADD COLUMN base_redeemable boolean NOT NULL DEFAULT false;
