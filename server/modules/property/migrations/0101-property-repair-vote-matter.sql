-- Repairs use the owners' vote (issue 15, "data is typed once"): a repair approved by the owners
-- references the counted matter of the compound's owners' vote (selfrun) that decided it, and
-- its vote figures are the ones that vote counted. Rows approved before keep their hand-typed
-- counts (vote_matter_id NULL). One vote matter decides one repair.
ALTER TABLE property_repair ADD COLUMN vote_matter_id integer REFERENCES owner_vote_matter (id);
CREATE UNIQUE INDEX property_repair_vote_matter_key ON property_repair (vote_matter_id) WHERE vote_matter_id IS NOT NULL;
