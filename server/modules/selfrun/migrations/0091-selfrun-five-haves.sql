-- 五有 of a self-run compound (issue 15): 党组织, 场所, 党员台账, 联系机制, 应急预案. One live record
-- per item; re-recording replaces the note (the audit log keeps what it said before). Photos hang
-- on the record through attachment_link (entity 'selfrun_five_have').
CREATE TABLE compound_five_have (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  item text NOT NULL CHECK (item IN ('party_org', 'venue', 'member_ledger', 'contact', 'emergency_plan')),
  note text NOT NULL CHECK (length(btrim(note)) > 0),
  recorded_by integer REFERENCES account (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (compound_id, item)
);
CREATE INDEX compound_five_have_org_path_idx ON compound_five_have (org_path text_pattern_ops);
