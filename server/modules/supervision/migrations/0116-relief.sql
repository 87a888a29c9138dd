-- 减负 (issue 16): the community's certificate list (社区证明事项清单), kept by the city or a
-- county: certificates a community may issue, and certificates people ask for that belong to
-- another office (with the pointer to it). A community worker records each request: a listed
-- one is issued with a number; anything else is refused with the pointer, and refusals counted.
CREATE TABLE relief_certificate_item (
  id serial PRIMARY KEY,
  org_id integer NOT NULL REFERENCES org_unit (id), -- the city or county keeping the list
  org_path text NOT NULL,
  county_code text NOT NULL,
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  issuable boolean NOT NULL,
  -- For an issuable item: the basis (依据); for a refused one: the right office (指引).
  basis text,
  refer_to text,
  created_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT relief_certificate_item_org_name_key UNIQUE (org_id, name),
  CONSTRAINT relief_certificate_item_refer CHECK (issuable OR length(btrim(coalesce(refer_to, ''))) > 0)
);
CREATE INDEX relief_certificate_item_org_path_idx ON relief_certificate_item (org_path text_pattern_ops);

CREATE TABLE relief_certificate_request (
  id serial PRIMARY KEY,
  community_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  item_id integer REFERENCES relief_certificate_item (id), -- NULL: asked for something not on the list
  asked_for text NOT NULL CHECK (length(btrim(asked_for)) > 0),
  outcome text NOT NULL CHECK (outcome IN ('issued', 'refused')),
  refer_to text, -- the pointer shown with a refusal
  number text, -- 证明编号 of an issued certificate
  applicant_name_enc text NOT NULL, -- personal data: encrypted
  purpose text,
  recorded_by integer NOT NULL REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT relief_certificate_request_number_key UNIQUE (number),
  CONSTRAINT relief_certificate_request_outcome CHECK ((outcome = 'issued') = (number IS NOT NULL))
);
CREATE INDEX relief_certificate_request_org_path_idx ON relief_certificate_request (org_path text_pattern_ops, created_at);

-- Numbers per community and year, taken atomically (INSERT … ON CONFLICT DO UPDATE … RETURNING).
CREATE TABLE relief_certificate_counter (
  community_id integer NOT NULL REFERENCES org_unit (id),
  year integer NOT NULL,
  last integer NOT NULL,
  org_path text NOT NULL,
  county_code text NOT NULL,
  PRIMARY KEY (community_id, year)
);

-- The register of signs and duties removed (牌子/事项 清理): what, where, when, by whom.
CREATE TABLE relief_removal (
  id serial PRIMARY KEY,
  place_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sign', 'duty')),
  what text NOT NULL CHECK (length(btrim(what)) > 0),
  removed_on date NOT NULL,
  removed_by text NOT NULL CHECK (length(btrim(removed_by)) > 0), -- the unit that removed it
  recorded_by integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX relief_removal_org_path_idx ON relief_removal (org_path text_pattern_ops, removed_on);
