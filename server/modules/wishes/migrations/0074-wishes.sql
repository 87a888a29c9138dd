-- 微心愿 (issue 13): a grid worker or community staff posts a small wish on behalf of a resident in
-- need; in-service party members and volunteers claim it (认领) on the wall, fulfil it with a
-- photo, and the resident or the community confirms. One live claim per wish at a time.
CREATE TABLE wish (
  id serial PRIMARY KEY,
  community_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL, -- the resident's place (their unit) when the wish was posted
  county_code text NOT NULL,
  resident_id integer NOT NULL REFERENCES resident (id),
  person_kind text NOT NULL CHECK (person_kind IN ('elderly_alone', 'child_in_need', 'disabled', 'other')),
  -- What the wall may show, made when the wish is posted: a masked name (王**) and the compound
  -- and building, never the unit, room, ID number or phone.
  person_mask text NOT NULL,
  place_label text NOT NULL,
  title text NOT NULL CHECK (length(btrim(title)) > 0),
  description text NOT NULL,
  budget_yuan integer NOT NULL CHECK (budget_yuan BETWEEN 1 AND 500),
  fulfil_by date NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'claimed', 'fulfilled', 'confirmed', 'withdrawn')),
  claim_id integer, -- the live claim (claimed, fulfilled) or the one confirmed
  posted_by integer NOT NULL REFERENCES account (id),
  posted_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  confirmed_by integer REFERENCES account (id),
  withdrawn_at timestamptz,
  withdrawn_by integer REFERENCES account (id),
  withdraw_reason text,
  client_id text UNIQUE
);
CREATE INDEX wish_org_path_idx ON wish (org_path text_pattern_ops);
CREATE INDEX wish_open_idx ON wish (state, fulfil_by) WHERE state = 'open';
CREATE INDEX wish_community_idx ON wish (community_id, state);
CREATE INDEX wish_resident_idx ON wish (resident_id);

CREATE TABLE wish_claim (
  id serial PRIMARY KEY,
  wish_id integer NOT NULL REFERENCES wish (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  account_id integer NOT NULL REFERENCES account (id),
  claimer_name text NOT NULL,
  -- The resident the claimer is (a party member or a volunteer), when known: the 双报到 year record.
  claimer_resident_id integer REFERENCES resident (id),
  claimer_kind text NOT NULL CHECK (claimer_kind IN ('party_member', 'volunteer')),
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'fulfilled', 'confirmed', 'released', 'lapsed', 'withdrawn')),
  claimed_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  fulfilled_at timestamptz,
  fulfil_note text,
  photo_ids jsonb NOT NULL DEFAULT '[]',
  ended_at timestamptz, -- released, lapsed, withdrawn or confirmed
  end_note text
);
-- One person at a time: at most one live claim per wish (the guarded UPDATE on wish decides the
-- race; this is the backstop).
CREATE UNIQUE INDEX wish_claim_live_key ON wish_claim (wish_id) WHERE state IN ('active', 'fulfilled');
CREATE INDEX wish_claim_account_idx ON wish_claim (account_id, state);
CREATE INDEX wish_claim_resident_idx ON wish_claim (claimer_resident_id) WHERE state = 'confirmed';
CREATE INDEX wish_claim_org_path_idx ON wish_claim (org_path text_pattern_ops);
ALTER TABLE wish ADD CONSTRAINT wish_claim_id_fkey FOREIGN KEY (claim_id) REFERENCES wish_claim (id);
