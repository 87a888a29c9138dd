-- Bulk imports of people (issue 10): residents, party members and merchants join the org-tree
-- kinds. A failed job keeps its error report — the uploaded rows with an added 错误 column, as
-- .xlsx — so the uploader can download it, correct the marked rows and upload it again. It is
-- written only when validation found errors. The rows hold the ID numbers and phones as typed, so
-- the report is sealed with the personal-data key (AES-256-GCM over the file's base64, as
-- PiiCipher.encrypt writes it) and only the uploader may download it (audited).
ALTER TABLE org_import_job DROP CONSTRAINT org_import_job_kind_check;
ALTER TABLE org_import_job ADD CONSTRAINT org_import_job_kind_check
  CHECK (kind IN ('divisions','grids','buildings','households','residents','party_members','merchants'));
ALTER TABLE org_import_job ADD COLUMN error_report_enc text;
