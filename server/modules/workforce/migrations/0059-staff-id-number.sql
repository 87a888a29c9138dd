-- Staff imported in bulk (issue 10) come with their ID number: kept like a resident's (AES-GCM
-- sealed, keyed hash for lookups, a short mask for lists). One person holds one current post:
-- the hash is unique among staff who have not left. Staff registered one by one before may have
-- none (the columns stay null).
ALTER TABLE staff ADD COLUMN id_number_enc text;
ALTER TABLE staff ADD COLUMN id_number_hash text;
ALTER TABLE staff ADD COLUMN id_number_mask text;
CREATE UNIQUE INDEX staff_id_number_hash_current_key ON staff (id_number_hash)
  WHERE left_on IS NULL AND id_number_hash IS NOT NULL;
