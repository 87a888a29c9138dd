-- 党群服务阵地 (issue 16, brief §8): every community's party-mass service centre (党群服务中心,
-- "居民会客厅", one per community) and compound stations (小区党群服务站), their opening hours, the
-- 三要六有 checklist with evidence photos, rooms residents and groups book, check-ins, the county's
-- reward-based funding (以奖代补) and each month's "党群阵地@你" calendar that followers receive.
CREATE TABLE venue (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('centre', 'station')),
  -- The community (centre) or the compound grid (station) the venue serves.
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  address text NOT NULL,
  area_m2 numeric(8, 1) NOT NULL CHECK (area_m2 > 0),
  -- Opening hours per weekday in China time: [{"weekday":1..7,"opens":"HH:MM","closes":"HH:MM"}].
  hours jsonb NOT NULL DEFAULT '[]',
  -- The code printed at the venue: a visitor who books scans (or types) it to check in.
  checkin_code text NOT NULL,
  created_by integer NOT NULL REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- One centre per community ("一社区一方案").
CREATE UNIQUE INDEX venue_one_centre_idx ON venue (org_id) WHERE kind = 'centre';
CREATE INDEX venue_org_path_idx ON venue (org_path text_pattern_ops);

-- 三要六有 items met, each with its evidence (photos are attachments of this row).
CREATE TABLE venue_standard_item (
  id serial PRIMARY KEY,
  venue_id integer NOT NULL REFERENCES venue (id),
  item text NOT NULL CHECK (item IN ('need_place', 'need_sign', 'need_rules', 'has_site', 'has_plaque', 'has_rules', 'has_activities', 'has_ledger', 'has_team')),
  note text NOT NULL DEFAULT '',
  org_path text NOT NULL,
  county_code text NOT NULL,
  recorded_by integer NOT NULL REFERENCES account (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (venue_id, item)
);

CREATE TABLE venue_room (
  id serial PRIMARY KEY,
  venue_id integer NOT NULL REFERENCES venue (id),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  capacity integer NOT NULL CHECK (capacity > 0 AND capacity <= 2000),
  org_path text NOT NULL,
  county_code text NOT NULL,
  UNIQUE (venue_id, name)
);

-- A booked slot. Requested and confirmed bookings of one room never overlap: the exclusion
-- constraint refuses it in the database, so two residents booking at once cannot both win.
-- Half-open ranges ([starts, ends)) let one booking end when the next begins.
CREATE TABLE venue_booking (
  id serial PRIMARY KEY,
  room_id integer NOT NULL REFERENCES venue_room (id),
  venue_id integer NOT NULL REFERENCES venue (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  account_id integer NOT NULL REFERENCES account (id), -- who booked
  group_name text, -- a group booking (舞蹈队, 志愿服务队 …); NULL: a resident for themself
  purpose text NOT NULL CHECK (length(btrim(purpose)) > 0),
  attendees integer NOT NULL CHECK (attendees > 0),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'confirmed', 'declined', 'cancelled')),
  decided_by integer REFERENCES account (id),
  decided_at timestamptz,
  decline_reason text,
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  checked_in_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (checked_in_at IS NULL OR status = 'confirmed'),
  CONSTRAINT venue_booking_no_overlap EXCLUDE USING gist (
    int4range(room_id, room_id, '[]') WITH =, tstzrange(starts_at, ends_at) WITH &&
  ) WHERE (status IN ('requested', 'confirmed'))
);
CREATE INDEX venue_booking_org_path_idx ON venue_booking (org_path text_pattern_ops, starts_at);
CREATE INDEX venue_booking_venue_idx ON venue_booking (venue_id, starts_at);
CREATE INDEX venue_booking_account_idx ON venue_booking (account_id, starts_at);

-- The county's rule (以奖代补), versioned: a new version replaces the old for later computations;
-- awards keep the rule they were computed by. tiers: [{"name","minUses","requireStandard","amount"}].
CREATE TABLE venue_funding_rule (
  id serial PRIMARY KEY,
  county_code text NOT NULL,
  org_path text NOT NULL, -- the county's path
  version integer NOT NULL CHECK (version > 0),
  tiers jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by integer NOT NULL REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, version)
);

-- A venue's computed award for a year: counted use, whether it met the standard, the tier and
-- the breakdown as computed. Recomputing replaces the row (the rule and the counts are kept).
CREATE TABLE venue_award (
  id serial PRIMARY KEY,
  venue_id integer NOT NULL REFERENCES venue (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  rule_id integer NOT NULL REFERENCES venue_funding_rule (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  uses integer NOT NULL CHECK (uses >= 0),
  visitors integer NOT NULL CHECK (visitors >= 0),
  standard_met boolean NOT NULL,
  tier text, -- NULL: no tier reached
  amount integer NOT NULL CHECK (amount >= 0), -- yuan
  breakdown jsonb NOT NULL,
  computed_by integer NOT NULL REFERENCES account (id),
  computed_at timestamptz NOT NULL,
  UNIQUE (venue_id, year)
);
CREATE INDEX venue_award_org_path_idx ON venue_award (org_path text_pattern_ops, year);

-- Amounts the county paid: append-only; a mistake is undone by a reversing entry.
CREATE TABLE venue_payment (
  id serial PRIMARY KEY,
  venue_id integer NOT NULL REFERENCES venue (id),
  year integer NOT NULL,
  amount integer NOT NULL CHECK (amount <> 0), -- yuan; negative only for a reversal
  reverses_id integer UNIQUE REFERENCES venue_payment (id),
  note text NOT NULL DEFAULT '',
  org_path text NOT NULL,
  county_code text NOT NULL,
  recorded_by integer NOT NULL REFERENCES account (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((reverses_id IS NULL) = (amount > 0))
);
CREATE INDEX venue_payment_venue_idx ON venue_payment (venue_id, year);
CREATE FUNCTION venue_payment_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'venue_payment is append-only: record a reversing entry instead';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER venue_payment_append_only BEFORE UPDATE OR DELETE ON venue_payment
  FOR EACH ROW EXECUTE FUNCTION venue_payment_append_only();

-- "党群阵地@你": a venue's published calendar of a month; a correction is a new version.
CREATE TABLE venue_calendar (
  id serial PRIMARY KEY,
  venue_id integer NOT NULL REFERENCES venue (id),
  month text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  version integer NOT NULL CHECK (version > 0),
  org_path text NOT NULL,
  county_code text NOT NULL,
  published_by integer NOT NULL REFERENCES account (id),
  published_at timestamptz NOT NULL,
  UNIQUE (venue_id, month, version)
);
CREATE TABLE venue_calendar_item (
  id serial PRIMARY KEY,
  calendar_id integer NOT NULL REFERENCES venue_calendar (id),
  day date NOT NULL,
  starts text NOT NULL CHECK (starts ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  ends text NOT NULL CHECK (ends ~ '^([01]\d|2[0-3]):[0-5]\d$' AND ends > starts),
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  place text NOT NULL,
  activity_id integer -- a volunteer activity (志愿吕梁), read through the volunteers module
);
CREATE INDEX venue_calendar_item_cal_idx ON venue_calendar_item (calendar_id, day);

-- Residents who follow a venue receive its monthly announcements.
CREATE TABLE venue_follow (
  account_id integer NOT NULL REFERENCES account (id),
  venue_id integer NOT NULL REFERENCES venue (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  followed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, venue_id)
);
CREATE INDEX venue_follow_venue_idx ON venue_follow (venue_id);
