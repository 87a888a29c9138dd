-- Staff join the bulk imports (issue 10). A staff file may open accounts: their temporary
-- passwords are shown once to the uploader, so until then they wait sealed with the
-- personal-data key (AES-256-GCM, as PiiCipher.encrypt writes it) and are erased when shown.
ALTER TABLE org_import_job DROP CONSTRAINT org_import_job_kind_check;
ALTER TABLE org_import_job ADD CONSTRAINT org_import_job_kind_check
  CHECK (kind IN ('divisions','grids','buildings','households','residents','party_members','merchants','staff'));
ALTER TABLE org_import_job ADD COLUMN account_sheet_enc text;

-- Error reports (and unshown account sheets) are kept 30 days (run-import.service.ts,
-- REPORT_RETENTION_DAYS): the reports written before this timer existed get theirs now.
INSERT INTO job (kind, run_at, payload, county_code, dedupe_key)
SELECT 'org.import.sweep', greatest(now(), j.finished_at + interval '30 days'), jsonb_build_object('jobId', j.id), j.county_code,
  'org_import_job:' || j.id || ':sweep'
FROM org_import_job j
WHERE j.error_report_enc IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM job x WHERE x.dedupe_key = 'org_import_job:' || j.id || ':sweep' AND x.status = 'pending');
