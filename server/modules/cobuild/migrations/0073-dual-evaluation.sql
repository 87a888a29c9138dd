-- 双评价 (issue 13): once a year the community evaluates each confirmed in-service member and each
-- paired unit, and the evaluation goes back to the work unit for its own appraisal. Kept on the
-- confirmed report or pairing itself (one per member or pairing per year); a change is audited.
ALTER TABLE member_report ADD COLUMN grade text CHECK (grade IN ('excellent', 'competent', 'basic', 'incompetent'));
ALTER TABLE member_report ADD COLUMN grade_comment text;
ALTER TABLE member_report ADD COLUMN graded_by integer REFERENCES account (id);
ALTER TABLE member_report ADD COLUMN graded_at timestamptz;
ALTER TABLE member_report ADD CONSTRAINT member_report_grade_confirmed_check CHECK (grade IS NULL OR status = 'confirmed');

ALTER TABLE unit_pairing ADD COLUMN grade text CHECK (grade IN ('excellent', 'competent', 'basic', 'incompetent'));
ALTER TABLE unit_pairing ADD COLUMN grade_comment text;
ALTER TABLE unit_pairing ADD COLUMN graded_by integer REFERENCES account (id);
ALTER TABLE unit_pairing ADD COLUMN graded_at timestamptz;
ALTER TABLE unit_pairing ADD CONSTRAINT unit_pairing_grade_confirmed_check CHECK (grade IS NULL OR status = 'confirmed');
