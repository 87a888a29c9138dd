-- Photos uploaded before the sweep existed (attachment.service.ts, SWEEP_UNATTACHED_AFTER_DAYS)
-- get their sweep timer too: those still attached to nothing are deleted a week from now.
INSERT INTO job (kind, run_at, payload, county_code, dedupe_key)
SELECT 'attachment.sweep', now() + interval '7 days', jsonb_build_object('attachmentId', a.id), a.county_code,
  'attachment:' || a.id || ':sweep'
FROM attachment a
WHERE NOT EXISTS (SELECT 1 FROM attachment_link l WHERE l.attachment_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM job j WHERE j.dedupe_key = 'attachment:' || a.id || ':sweep' AND j.status = 'pending');
