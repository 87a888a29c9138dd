-- Service points open to the new employment groups (issue 16): 司机之家, 暖"新"驿站, party-mass
-- service centres, union stations and caring merchants, with their point (WGS-84), services and
-- opening hours per weekday in China time. The nearest open ones are found with a bounding-box
-- prefilter on the (lat, lng) btree and exact haversine ordering (no PostGIS on PGlite).
CREATE TABLE gig_service_point (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  kind text NOT NULL CHECK (kind IN ('driver_home', 'warm_station', 'party_centre', 'union_station', 'caring_merchant')),
  address text NOT NULL DEFAULT '',
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  services text[] NOT NULL DEFAULT '{}',
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz -- withdrawn for good (kept for history)
);
CREATE INDEX gig_service_point_org_path_idx ON gig_service_point (org_path text_pattern_ops);
CREATE INDEX gig_service_point_latlng_idx ON gig_service_point (lat, lng) WHERE closed_at IS NULL;

-- Opening hours: minutes after China-time midnight, [open_min, close_min); weekday 1 = Monday … 7 = Sunday.
-- A point open past midnight has two rows (until 1440 and from 0 the next day).
CREATE TABLE gig_service_point_hours (
  point_id integer NOT NULL REFERENCES gig_service_point (id),
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  open_min smallint NOT NULL CHECK (open_min BETWEEN 0 AND 1439),
  close_min smallint NOT NULL CHECK (close_min BETWEEN 1 AND 1440 AND close_min > open_min),
  PRIMARY KEY (point_id, weekday, open_min)
);
