-- 公共账户 (issue 15): a self-run compound's public account. Entries are append-only: a mistake is
-- corrected by a reversing entry that names the entry it reverses and why, never by editing.
CREATE TABLE selfrun_ledger_entry (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  seq integer NOT NULL, -- 凭证号: 1, 2, 3… within the compound
  kind text NOT NULL CHECK (kind IN ('income', 'expense')),
  category text NOT NULL CHECK (category IN ('parking', 'parcel_locker', 'advert', 'property_fee', 'crowdfunding', 'other_income',
    'wages', 'repair', 'material', 'other_expense')),
  -- In fen. A reversing entry carries the negative of the reversed amount, same kind and category,
  -- so sums by category stay right without special cases.
  amount_fen bigint NOT NULL CHECK (amount_fen <> 0),
  day date NOT NULL, -- China day of the money's movement
  summary text NOT NULL CHECK (length(btrim(summary)) > 0), -- 摘要
  counterparty text,
  household_id integer REFERENCES household (id), -- 物业费: the household that paid (collection rate)
  reverses_id integer REFERENCES selfrun_ledger_entry (id),
  reason text, -- why a reversal was written
  created_by integer REFERENCES account (id),
  created_by_name text NOT NULL,
  created_as text NOT NULL CHECK (created_as IN ('staff', 'committee')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (compound_id, seq),
  CHECK ((reverses_id IS NULL) = (amount_fen > 0)),
  CHECK (reverses_id IS NULL OR length(btrim(coalesce(reason, ''))) > 0)
);
-- An entry is reversed at most once.
CREATE UNIQUE INDEX selfrun_ledger_entry_reverses_key ON selfrun_ledger_entry (reverses_id) WHERE reverses_id IS NOT NULL;
CREATE INDEX selfrun_ledger_entry_compound_day_idx ON selfrun_ledger_entry (compound_id, day, seq);
CREATE INDEX selfrun_ledger_entry_org_path_idx ON selfrun_ledger_entry (org_path text_pattern_ops);

CREATE FUNCTION selfrun_ledger_entry_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'selfrun_ledger_entry is append-only: write a reversing entry instead';
  END IF;
  -- Only the org path may follow the compound when the tree moves; the money never changes.
  IF (NEW.id, NEW.compound_id, NEW.seq, NEW.kind, NEW.category, NEW.amount_fen, NEW.day, NEW.summary, NEW.counterparty,
      NEW.household_id, NEW.reverses_id, NEW.reason, NEW.created_by, NEW.created_by_name, NEW.created_as, NEW.created_at)
     IS DISTINCT FROM
     (OLD.id, OLD.compound_id, OLD.seq, OLD.kind, OLD.category, OLD.amount_fen, OLD.day, OLD.summary, OLD.counterparty,
      OLD.household_id, OLD.reverses_id, OLD.reason, OLD.created_by, OLD.created_by_name, OLD.created_as, OLD.created_at) THEN
    RAISE EXCEPTION 'selfrun_ledger_entry is append-only: write a reversing entry instead';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER selfrun_ledger_entry_append_only BEFORE UPDATE OR DELETE ON selfrun_ledger_entry
  FOR EACH ROW EXECUTE FUNCTION selfrun_ledger_entry_append_only();

-- 收支公开: a closed month of the account. Once a month is closed its figures are fixed and no
-- entry may be dated in it; the statement is published at closing.
CREATE TABLE selfrun_statement (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  opening_fen bigint NOT NULL,
  income_fen bigint NOT NULL,
  expense_fen bigint NOT NULL,
  closing_fen bigint NOT NULL CHECK (closing_fen = opening_fen + income_fen - expense_fen),
  by_category jsonb NOT NULL, -- [{category, kind, amountFen}]
  entries integer NOT NULL,
  fee_households integer NOT NULL, -- households with a net 物业费 payment dated in the month
  households integer NOT NULL, -- households owning a unit of the compound at closing
  status text NOT NULL DEFAULT 'published' CHECK (status IN ('published')),
  closed_by integer REFERENCES account (id),
  closed_by_name text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (compound_id, month)
);
CREATE INDEX selfrun_statement_org_path_idx ON selfrun_statement (org_path text_pattern_ops);

-- 服务评定: once a year each household owning a unit rates the service 1–5.
CREATE TABLE selfrun_service_rating (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES org_unit (id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  year integer NOT NULL,
  household_key text NOT NULL, -- 'h<household id>' of the unit, or the owner's key for a unit without one
  score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  account_id integer REFERENCES account (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (compound_id, year, household_key)
);

-- The year's figure per compound, counted atomically as ratings arrive.
CREATE TABLE selfrun_service_review (
  compound_id integer NOT NULL REFERENCES org_unit (id),
  year integer NOT NULL,
  org_path text NOT NULL,
  county_code text NOT NULL,
  ratings integer NOT NULL DEFAULT 0,
  score_sum integer NOT NULL DEFAULT 0,
  flagged_at timestamptz, -- below 3, or 1 or more below last year: shown to the community once
  PRIMARY KEY (compound_id, year)
);
CREATE INDEX selfrun_service_review_org_path_idx ON selfrun_service_review (org_path text_pattern_ops);
