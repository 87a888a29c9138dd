-- 开放数据集 (issue 17): beside its indicators a county may publish a few de-identified datasets
-- (venues, service points for new employment groups, demands counted by category per community and
-- month). Which names exist is the catalogue's business (checked by the service); as with the
-- indicators, withdrawing one keeps the row with when and by whom.
CREATE TABLE open_data_dataset (
  id serial PRIMARY KEY,
  county_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the county's
  county_code text NOT NULL,
  dataset text NOT NULL CHECK (dataset ~ '^[a-z][a-z0-9_]{1,40}$'),
  published_by integer REFERENCES account (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_by integer REFERENCES account (id),
  withdrawn_at timestamptz
);
CREATE UNIQUE INDEX open_data_dataset_live_key ON open_data_dataset (county_id, dataset) WHERE withdrawn_at IS NULL;
CREATE INDEX open_data_dataset_org_path_idx ON open_data_dataset (org_path text_pattern_ops);
CREATE INDEX open_data_dataset_code_idx ON open_data_dataset (county_code) WHERE withdrawn_at IS NULL;
