-- The timeline stays append-only, but an org move or merge must rewrite its org_path and
-- county_code like every table in ORG_PATH_TABLES; the blanket trigger of 0010 refused that, so
-- moving a place with demands failed. Only those two columns may change now.
DROP TRIGGER demand_event_no_update ON demand_event;
CREATE FUNCTION demand_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (NEW.id, NEW.demand_id, NEW.at, NEW.account_id, NEW.actor_name, NEW.actor_role, NEW.action,
      NEW.from_state, NEW.to_state, NEW.note, NEW.attachments, NEW.detail)
     IS DISTINCT FROM (OLD.id, OLD.demand_id, OLD.at, OLD.account_id, OLD.actor_name, OLD.actor_role, OLD.action,
      OLD.from_state, OLD.to_state, OLD.note, OLD.attachments, OLD.detail) THEN
    RAISE EXCEPTION 'demand_event is append-only' USING ERRCODE = 'raise_exception';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER demand_event_no_update BEFORE UPDATE OR DELETE ON demand_event
  FOR EACH ROW EXECUTE FUNCTION demand_event_append_only();
