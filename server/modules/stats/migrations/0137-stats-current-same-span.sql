-- "This month against last" while the month is under way (issue 17): on the 1st, a month of
-- demands against a few hours of them is no comparison. The timer that counts the month under
-- way now also counts the same span of the month before (from its first day to the same day and
-- hour, never past its end) for the period figures, filed under that month's name beside the
-- month under way; stock figures still compare with the month before as it stood at its end.
-- A page reads one unit and its children for one month: the key leads with the unit, so that
-- read is a probe per unit whichever month (the org_id index it replaces becomes redundant).
ALTER TABLE indicator_current DROP CONSTRAINT indicator_current_pkey;
ALTER TABLE indicator_current ADD PRIMARY KEY (org_id, month, indicator);
DROP INDEX indicator_current_org_idx;
