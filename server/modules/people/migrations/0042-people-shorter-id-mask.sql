-- ID masks kept the last four characters (141102********1768); shown beside the birth date they
-- gave the whole number away (issue 9). Masks now keep the address code and the last two
-- (141102**********68), as maskIdNumber writes them; the old mask holds both parts, so no
-- decryption is needed.
UPDATE resident
SET id_number_mask = left(id_number_mask, 6) || repeat('*', 10) || right(id_number_mask, 2)
WHERE id_number_mask !~ '^.{6}\*{10}.{2}$';
