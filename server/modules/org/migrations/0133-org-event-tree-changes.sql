-- The cockpit asks, for every figure it reads back, whether units under it moved, merged or
-- split since they were counted (issue 17): those are a handful among the city's hundred
-- thousand 'create' events, so a partial index answers without reading the rest.
CREATE INDEX org_event_tree_change_idx ON org_event (at) WHERE kind IN ('move', 'merge', 'split');
