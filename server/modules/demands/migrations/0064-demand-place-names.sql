-- Demands say where they are beyond "1单元": the intake's answer carries the community and the
-- compound (the grid: an enclosed compound is its own grid) above the place, read from the ids
-- in the place's path, as demand.repository.ts selectDemands reads them for lists and details.
-- The function's row type changes, so it is dropped and created again (same body otherwise).
DROP FUNCTION demand_intake(integer, integer, text, text, text, text, text, double precision, double precision, jsonb, integer, text,
  text, text, text, timestamptz, text, timestamptz, integer, text, text, text, text, jsonb, timestamptz, text, jsonb, text, text);

CREATE FUNCTION demand_intake(
  p_org_id integer, p_household_id integer, p_scope_like text,
  p_channel text, p_category text, p_description text, p_address text, p_lat double precision, p_lng double precision,
  p_photos jsonb, p_reporter_account_id integer, p_reporter_name text, p_phone_enc text, p_phone_hash text, p_phone_mask text,
  p_due_at timestamptz, p_client_id text, p_created_at timestamptz,
  p_actor_id integer, p_actor_username text, p_actor_name text, p_actor_role text, p_actor_ip text,
  p_event_detail jsonb, p_warn_at timestamptz, p_due_iso text, p_audit_after jsonb, p_notice_title text, p_notice_body text
) RETURNS TABLE (id integer, event_id bigint, org_id integer, org_path text, county_code text, household_id integer, address text,
  place_name text, community_name text, compound_name text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH p AS (
    -- The place: an org unit below the street, or a household (its unit is the place), in scope.
    SELECT o.id AS org_id, o.path AS org_path, o.county_code, NULL::int AS household_id, o.name AS address, o.name AS place_name
    FROM org_unit o
    WHERE p_household_id IS NULL AND o.id = p_org_id AND o.path LIKE p_scope_like AND o.kind NOT IN ('city', 'county', 'street')
    UNION ALL
    SELECT h.unit_id, h.org_path, h.county_code, h.id, h.address, u.name
    FROM household h JOIN org_unit u ON u.id = h.unit_id
    WHERE h.id = p_household_id AND h.org_path LIKE p_scope_like
  ), d AS (
    INSERT INTO demand (org_id, org_path, county_code, household_id, channel, category_code, description, address, lat, lng,
      photos, reporter_account_id, reporter_name, reporter_phone_enc, reporter_phone_hash, reporter_phone_mask, due_at,
      client_id, created_at)
    SELECT p.org_id, p.org_path, p.county_code, p.household_id, p_channel, p_category, p_description, coalesce(p_address, p.address),
      p_lat, p_lng, p_photos, p_reporter_account_id, p_reporter_name, p_phone_enc, p_phone_hash, p_phone_mask, p_due_at,
      p_client_id, p_created_at
    FROM p
    LIMIT 1
    RETURNING demand.id, demand.org_id, demand.org_path, demand.county_code, demand.household_id, demand.address
  ), e AS (
    INSERT INTO demand_event (demand_id, at, account_id, actor_name, actor_role, action, to_state, note, attachments, detail,
      org_path, county_code)
    SELECT d.id, p_created_at, p_actor_id, p_actor_name, p_actor_role, 'create', 'submitted', p_description, p_photos,
      p_event_detail, d.org_path, d.county_code
    FROM d
    RETURNING demand_event.id
  ), j AS (
    -- The two deadline timers, as scheduleJob writes them (a new demand has none to cancel).
    INSERT INTO job (kind, run_at, payload, county_code, dedupe_key)
    SELECT k.kind, k.run_at, jsonb_build_object('demandId', d.id, 'dueAt', p_due_iso), d.county_code, 'demand:' || d.id || ':' || k.suffix
    FROM d, (VALUES ('demand.warn', p_warn_at, 'warn'), ('demand.overdue', p_due_at, 'overdue')) AS k (kind, run_at, suffix)
  ), a AS (
    INSERT INTO audit_log (account_id, username, role, action, entity, entity_id, org_path, county_code, after, ip)
    SELECT p_actor_id, p_actor_username, p_actor_role, 'demand.create', 'demand', d.id::text, d.org_path, d.county_code,
      p_audit_after, p_actor_ip
    FROM d
  ), n AS (
    -- The inbox notice to the grid workers and community staff above the place (staffAbove).
    INSERT INTO notification (account_id, channel, title, body, link, org_path, county_code)
    SELECT s.id, 'inbox', p_notice_title, p_notice_body, '/demands/' || d.id, d.org_path, d.county_code
    FROM d CROSS JOIN LATERAL (
      SELECT account.id FROM account
      WHERE account.role IN ('grid_worker', 'community_worker', 'community_secretary') AND d.org_path LIKE account.scope_path || '%'
        AND account.disabled = false
      LIMIT 50
    ) s
    WHERE p_notice_title IS NOT NULL
  )
  SELECT d.id, e.id, d.org_id, d.org_path, d.county_code, d.household_id, d.address, p.place_name,
    (SELECT a.name FROM org_unit a WHERE a.kind = 'community' AND a.id = ANY (string_to_array(rtrim(d.org_path, '.'), '.')::int[])),
    (SELECT a.name FROM org_unit a WHERE a.kind = 'grid' AND a.id = ANY (string_to_array(rtrim(d.org_path, '.'), '.')::int[]))
  FROM d, e, p
  WHERE p.org_id = d.org_id;
END $$;
