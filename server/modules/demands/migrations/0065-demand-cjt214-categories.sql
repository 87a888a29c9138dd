-- The three component classes of CJ/T 214 (城市市政综合监管信息系统 管理部件和事件分类) that the
-- categories lacked: roads and traffic (道路交通: roads, bridges, signs, lights at crossings),
-- greenery (园林绿化: trees, lawns, flower beds) and other facilities (其他设施: whatever public
-- component fits no other class). Ordinary issues: five working days, as the other classes.
INSERT INTO demand_category (code, name, limit_kind, limit_value, warn_before_hours, sort) VALUES
  ('greenery',         '园林绿化', 'working_days', 5, 24, 45),
  ('road_traffic',     '道路交通', 'working_days', 5, 24, 55),
  ('other_facilities', '其他设施', 'working_days', 5, 24, 57)
ON CONFLICT (code) DO NOTHING;
