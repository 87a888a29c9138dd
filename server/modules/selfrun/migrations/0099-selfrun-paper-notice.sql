-- 纸质公告: many compounds post the meeting notice on paper (楼道、单元门). Staff record the China day
-- the paper notice was posted, with a photo of it; the 15-day notice then counts from that day
-- rather than from the moment the vote was announced in the system.
ALTER TABLE owner_vote ADD COLUMN notice_posted_on date;
ALTER TABLE owner_vote ADD COLUMN notice_photo_id integer;
