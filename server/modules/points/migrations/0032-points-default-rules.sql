-- The shipped rule items (默认积分项目): 10 positive and 5 negative categories from the pilot.
-- Every community uses them until it changes one; then it gets its own copy (points-rules.ts).
-- Points per time (per hour for volunteering); caps are points per holder per month; every
-- deduction needs a photo, so a household can see what it is charged with.
INSERT INTO points_rule_item (community_id, code, version, name, direction, category, points, unit, monthly_cap,
                              evidence_required, recorder_roles, sort, valid_from)
SELECT NULL, v.code, 1, v.name, v.direction, v.category, v.points, v.unit, v.cap, v.evidence,
       '["community_secretary", "community_worker", "grid_worker"]'::jsonb, v.sort, '2026-01-01T00:00:00+08:00'
FROM (VALUES
  ('community_activity', '参与社区活动', 'positive', 'community_activity', 2, 'times', 10, true, 10),
  ('volunteer_service', '志愿服务', 'positive', 'volunteer_service', 2, 'hours', 20, false, 20),
  ('waste_sorting', '垃圾分类', 'positive', 'waste_sorting', 1, 'times', 10, false, 30),
  ('neighbour_help', '邻里互助', 'positive', 'neighbour_help', 3, 'times', 15, true, 40),
  ('frontage_upkeep', '环境维护（门前三包）', 'positive', 'frontage_upkeep', 2, 'times', 10, true, 50),
  ('dispute_mediation', '调解纠纷', 'positive', 'dispute_mediation', 5, 'times', 20, true, 60),
  ('suggestion', '建言献策', 'positive', 'suggestion', 3, 'times', 9, false, 70),
  ('civility', '移风易俗/文明新风', 'positive', 'civility', 5, 'times', 10, true, 80),
  ('good_deed', '见义勇为/好人好事', 'positive', 'good_deed', 10, 'times', NULL, true, 90),
  ('commendation', '获得表彰', 'positive', 'commendation', 20, 'times', NULL, true, 100),
  ('public_morals', '违反社会公德', 'negative', 'public_morals', 5, 'times', NULL, true, 110),
  ('littering', '破坏环境卫生（乱扔垃圾、高空抛物）', 'negative', 'littering', 5, 'times', NULL, true, 120),
  ('public_space', '占用公共空间（消防通道、楼道堆物、乱停车）', 'negative', 'public_space', 3, 'times', NULL, true, 130),
  ('unsafe_charging', '私拉飞线充电等安全隐患', 'negative', 'unsafe_charging', 5, 'times', NULL, true, 140),
  ('non_cooperation', '拒不配合社区治理', 'negative', 'non_cooperation', 5, 'times', NULL, true, 150)
) AS v (code, name, direction, category, points, unit, cap, evidence, sort);
