-- 开放数据 (issue 17): the indicators a county publishes as open data and on the public portal.
-- Only indicators the catalogue marks public may be chosen (checked by the service); withdrawing
-- one keeps the row with when and by whom, so what was published when stays known.
CREATE TABLE open_data_indicator (
  id serial PRIMARY KEY,
  county_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the county's
  county_code text NOT NULL,
  indicator text NOT NULL,
  published_by integer REFERENCES account (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_by integer REFERENCES account (id),
  withdrawn_at timestamptz
);
CREATE UNIQUE INDEX open_data_indicator_live_key ON open_data_indicator (county_id, indicator) WHERE withdrawn_at IS NULL;
CREATE INDEX open_data_indicator_org_path_idx ON open_data_indicator (org_path text_pattern_ops);
