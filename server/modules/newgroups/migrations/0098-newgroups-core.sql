-- 新就业群体 (issue 16): the platform companies couriers, riders and drivers work for, their
-- stations (网点/站点) by brand and place, and the workers attached to a station. A worker is kept
-- with minimal personal data and only after consent, recorded with the wording's version; a worker
-- who leaves keeps the row (counts over time) with left_at set.
CREATE TABLE gig_platform (
  id serial PRIMARY KEY,
  -- The unit that keeps it on its register (the city or a county): its scope.
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0), -- 美团, 饿了么, 顺丰速运, 滴滴出行 …
  kind text NOT NULL CHECK (kind IN ('delivery', 'express', 'ride_hailing', 'freight')), -- 外卖 / 快递 / 网约车 / 货运
  credit_code text CHECK (credit_code IS NULL OR credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$'),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX gig_platform_name_key ON gig_platform (county_code, name);
CREATE INDEX gig_platform_org_path_idx ON gig_platform (org_path text_pattern_ops);

-- A station of a platform (or a franchise of its brand) at a place: the street or community it is
-- in gives its scope; the point on the map is WGS-84 as phones report it.
CREATE TABLE gig_station (
  id serial PRIMARY KEY,
  platform_id integer NOT NULL REFERENCES gig_platform (id),
  org_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  address text NOT NULL DEFAULT '',
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lng double precision CHECK (lng BETWEEN -180 AND 180),
  manager_name text,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX gig_station_org_path_idx ON gig_station (org_path text_pattern_ops);
CREATE INDEX gig_station_platform_idx ON gig_station (platform_id);

-- A courier, rider or driver attached to a station. Phone sealed and masked like every phone;
-- no ID number is kept. party_status counts members (党员) and applicants (入党申请人, the brief's 286).
CREATE TABLE gig_worker (
  id serial PRIMARY KEY,
  station_id integer NOT NULL REFERENCES gig_station (id),
  platform_id integer NOT NULL REFERENCES gig_platform (id),
  org_path text NOT NULL, -- the station's
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  kind text NOT NULL CHECK (kind IN ('courier', 'rider', 'driver')), -- 快递员 / 外卖骑手 / 司机
  phone_enc text,
  phone_hash text,
  phone_mask text,
  party_status text NOT NULL DEFAULT 'none' CHECK (party_status IN ('none', 'applicant', 'member')),
  consent_at timestamptz NOT NULL, -- 同意登记 (the worker agreed to be registered)
  consent_version text NOT NULL,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz
);
CREATE INDEX gig_worker_org_path_idx ON gig_worker (org_path text_pattern_ops);
CREATE INDEX gig_worker_station_idx ON gig_worker (station_id) WHERE left_at IS NULL;
CREATE UNIQUE INDEX gig_worker_phone_key ON gig_worker (county_code, phone_hash) WHERE phone_hash IS NOT NULL AND left_at IS NULL;

-- A gig worker's own account (role gig_worker): the rider's phone pages act for this worker.
ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('city_admin','county_admin','street_admin',
  'community_secretary','community_worker','grid_worker','department','property_company','party_member','resident','merchant',
  'work_unit','volunteer_org','gig_worker'));
ALTER TABLE account ADD COLUMN gig_worker_id integer REFERENCES gig_worker (id);
ALTER TABLE account ADD CONSTRAINT account_gig_worker_id_role_check CHECK (gig_worker_id IS NULL OR role = 'gig_worker');
CREATE INDEX account_gig_worker_id_idx ON account (gig_worker_id) WHERE gig_worker_id IS NOT NULL;
