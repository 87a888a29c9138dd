-- 新就业群体 register (issue 16): party organisations built for the groups — independent (独立建,
-- one station or platform) or joint (联合建, several stations) — and the instructors (党建指导员)
-- sent to them. Coverage is counted from these rows, never typed.
CREATE TABLE gig_party_org (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id), -- the unit it belongs to (a street or the county): its scope
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  kind text NOT NULL CHECK (kind IN ('independent', 'joint')), -- 独立建 / 联合建
  founded_on date NOT NULL,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  dissolved_at timestamptz
);
CREATE INDEX gig_party_org_org_path_idx ON gig_party_org (org_path text_pattern_ops);

-- The stations an organisation covers (one for an independent one, one or more for a joint one).
CREATE TABLE gig_party_org_station (
  party_org_id integer NOT NULL REFERENCES gig_party_org (id),
  station_id integer NOT NULL REFERENCES gig_station (id),
  org_path text NOT NULL, -- the station's
  county_code text NOT NULL,
  PRIMARY KEY (party_org_id, station_id)
);
CREATE INDEX gig_party_org_station_station_idx ON gig_party_org_station (station_id);
CREATE INDEX gig_party_org_station_org_path_idx ON gig_party_org_station (org_path text_pattern_ops);

-- 党建指导员 sent to an organisation; phone sealed and masked; ended_on keeps the history.
CREATE TABLE gig_instructor (
  id serial PRIMARY KEY,
  party_org_id integer NOT NULL REFERENCES gig_party_org (id),
  org_path text NOT NULL, -- the organisation's
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  sent_by text NOT NULL CHECK (length(btrim(sent_by)) > 0), -- the sending unit (派出单位)
  phone_enc text,
  phone_hash text,
  phone_mask text,
  sent_on date NOT NULL,
  ended_on date CHECK (ended_on IS NULL OR ended_on >= sent_on),
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gig_instructor_org_path_idx ON gig_instructor (org_path text_pattern_ops);
CREATE INDEX gig_instructor_party_org_idx ON gig_instructor (party_org_id);
