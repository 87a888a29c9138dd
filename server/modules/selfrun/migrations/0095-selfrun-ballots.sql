-- 业主表决 (issue 15): ballots, paper ballots under four eyes, proxies and the per-vote hash chain.
-- These rows hang off owner_vote and take its place in the tree (no org_path of their own).
ALTER TABLE owner_vote ADD COLUMN cancel_reason text;
ALTER TABLE owner_vote ADD COLUMN chain_head text; -- the chain's last hash, fixed at the close
ALTER TABLE owner_vote ADD COLUMN total_area numeric(14, 2); -- the totals the result was counted against
ALTER TABLE owner_vote ADD COLUMN total_owners integer;
-- The anonymised units and owners counted at the close, so the export recounts exactly what was
-- counted even after units are sold or corrected.
ALTER TABLE owner_vote ADD COLUMN count_base jsonb;
-- The four figures per matter and the reasons it failed, as counted at the close.
ALTER TABLE owner_vote_matter ADD COLUMN result jsonb;

-- 书面委托: a written authorisation (its photo an attachment) lets a named person vote for a unit.
CREATE TABLE owner_vote_proxy (
  id serial PRIMARY KEY,
  vote_id integer NOT NULL REFERENCES owner_vote (id),
  owned_unit_id integer NOT NULL REFERENCES owned_unit (id),
  proxy_resident_id integer NOT NULL REFERENCES resident (id),
  proxy_name text NOT NULL,
  photo_id integer NOT NULL,
  created_by integer NOT NULL REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE UNIQUE INDEX owner_vote_proxy_live_key ON owner_vote_proxy (vote_id, owned_unit_id) WHERE revoked_at IS NULL;
CREATE INDEX owner_vote_proxy_resident_idx ON owner_vote_proxy (proxy_resident_id) WHERE revoked_at IS NULL;

-- The standing ballot of a unit on a matter (one per unit and matter); each change bumps version
-- and appends to the chain, so what was replaced is never lost.
CREATE TABLE owner_ballot (
  id serial PRIMARY KEY,
  vote_id integer NOT NULL REFERENCES owner_vote (id),
  matter_id integer NOT NULL REFERENCES owner_vote_matter (id),
  owned_unit_id integer NOT NULL REFERENCES owned_unit (id),
  choice text NOT NULL CHECK (choice IN ('agree', 'disagree', 'abstain')),
  channel text NOT NULL CHECK (channel IN ('phone', 'proxy', 'paper')),
  cast_by integer REFERENCES account (id),
  version integer NOT NULL DEFAULT 1,
  cast_at timestamptz NOT NULL,
  UNIQUE (matter_id, owned_unit_id)
);
CREATE INDEX owner_ballot_vote_idx ON owner_ballot (vote_id, owned_unit_id);

-- 纸质选票: entered by one staff member, counted only when a second, different account confirms
-- the same choices.
CREATE TABLE owner_paper_ballot (
  id serial PRIMARY KEY,
  vote_id integer NOT NULL REFERENCES owner_vote (id),
  owned_unit_id integer NOT NULL REFERENCES owned_unit (id),
  choices jsonb NOT NULL, -- {"<matterId>": "agree" | "disagree" | "abstain"}
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'discarded')),
  entered_by integer NOT NULL REFERENCES account (id),
  entered_at timestamptz NOT NULL,
  confirmed_by integer REFERENCES account (id),
  confirmed_at timestamptz,
  CHECK (confirmed_by IS NULL OR confirmed_by <> entered_by)
);
CREATE UNIQUE INDEX owner_paper_ballot_pending_key ON owner_paper_ballot (vote_id, owned_unit_id) WHERE status = 'pending';

-- The per-vote hash chain: each ballot and change hashes the previous link with its content, so a
-- recount from the export can be tied to the head the result carries.
CREATE TABLE owner_ballot_chain (
  vote_id integer NOT NULL REFERENCES owner_vote (id),
  seq integer NOT NULL,
  content text NOT NULL, -- canonical JSON: unit, choices, channel, time (no names)
  prev_hash text NOT NULL,
  hash text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (vote_id, seq)
);
