-- 居民自办物业十步 (issue 15): the record of each completed step of a compound's process. The
-- process row (selfrun_process.step) says which step is next; a row here is written in the same
-- transaction as that row moves on, so a step is recorded once and never skipped.
CREATE TABLE selfrun_step_record (
  id serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES selfrun_process (compound_id),
  org_path text NOT NULL,
  county_code text NOT NULL,
  step text NOT NULL CHECK (step IN ('motion', 'consultation', 'vote', 'vote_notice', 'filing', 'open_account',
    'finance_rules', 'service_agreement', 'disclosure', 'service_review')),
  note text NOT NULL CHECK (length(btrim(note)) > 0),
  proposer text, -- 动议: who proposed (a group of owners, the residents' committee …)
  date_from date, -- 征求意见 / 公示 / 协议 period, or the day the step happened
  date_to date,
  vote_id integer REFERENCES owner_vote (id), -- 投票表决 / 表决公示: the vote that decided
  bank text, -- 开设公共账户: bank, account name and only the last four digits of the number
  account_name text,
  account_last4 text CHECK (account_last4 IS NULL OR account_last4 ~ '^[0-9]{4}$'),
  completed_by integer NOT NULL REFERENCES account (id),
  completed_by_name text NOT NULL,
  completed_as text NOT NULL CHECK (completed_as IN ('staff', 'committee')),
  completed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (compound_id, step)
);
CREATE INDEX selfrun_step_record_org_path_idx ON selfrun_step_record (org_path text_pattern_ops);
