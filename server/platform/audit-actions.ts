/**
 * Every action and entity the audit log records. writeAudit() accepts only these, so a new
 * action cannot land without its name here — and the console's audit page, which labels and
 * filters by this list, cannot fall behind (a unit test checks each has a label in every locale).
 */
export const AUDIT_ACTIONS = [
  // sign-in and accounts
  'auth.login_failed', 'auth.locked', 'auth.password_changed', 'auth.phone_login',
  'account.create', 'account.update', 'account.link', 'account.unlink', 'account.unlock', 'account.reset_password',
  'account.disable', 'account.enable',
  'registration.submit', 'registration.confirm', 'registration.reject',
  // places and people
  'org.create', 'org.rename', 'org.move', 'org.merge', 'org.split', 'org.import', 'org.import_error_report', 'org.import_accounts',
  'resident.create', 'resident.move', 'resident.phone', 'pii.reveal',
  'department.create', 'calendar.day_set', 'open311.key_issue', 'open311.key_revoke',
  // party
  'party.org_create', 'party.org_rename', 'party.org_move', 'party.org_dissolve',
  'party.member_create', 'party.member_return', 'party.member_transfer', 'party.secretary_set',
  // workforce
  'staff.create', 'staff.update', 'staff.leave',
  'workforce.pay_table.save', 'workforce.rating.compute', 'workforce.rating.assess',
  // demands, grid tasks, leaders
  'demand.create', 'demand.meeting_create',
  'gridtask.type_create', 'gridtask.type_update', 'gridtask.types_adopt_defaults', 'gridtask.push', 'gridtask.done',
  'leader.create', 'leader.link', 'leader.unlink', 'leader.visit',
  // points
  'points.rule.create', 'points.rule.update', 'points.rule.base', 'points.base.grant', 'points.head.set',
  'points.record.create', 'points.record.approve', 'points.record.reject',
  'points.month.close', 'points.month.settle',
  'points.objection.file', 'points.objection.uphold', 'points.objection.dismiss', 'points.ledger.verify',
  // points supermarket
  'store.create', 'store.update', 'store.item.create', 'store.item.update',
  'store.stock.received', 'store.stock.adjusted', 'store.stock.reserved', 'store.stock.returned',
  'store.event.create', 'store.event.cancel',
  'store.order.redeem', 'store.order.counter', 'store.order.hand_over', 'store.order.cancel', 'store.order.expire',
  // co-building lists and projects (结对共建)
  'cobuild.need.create', 'cobuild.need.close', 'cobuild.resource.create', 'cobuild.resource.withdraw', 'cobuild.match.accept',
  'cobuild.project.publish', 'cobuild.project.assign', 'cobuild.project.take_up', 'cobuild.project.plan', 'cobuild.project.milestone',
  'cobuild.project.submit', 'cobuild.project.accept', 'cobuild.project.send_back', 'cobuild.project.withdraw',
  // volunteers (志愿吕梁)
  'volunteer.org_create', 'volunteer.register', 'volunteer.member_add', 'volunteer.project_create', 'volunteer.activity_create',
  'volunteer.signup', 'volunteer.signup_cancel', 'volunteer.hours_confirm', 'volunteer.hours_correct',
  // micro-wishes and campaigns
  'wish.post', 'wish.claim', 'wish.release', 'wish.fulfil', 'wish.confirm', 'wish.withdraw', 'wish.lapse',
  'campaign.launch', 'campaign.tag', 'campaign.untag',
  // 双报到 and 双评价
  'cobuild.unit.register', 'cobuild.unit.update', 'cobuild.unit.export',
  'cobuild.pairing.request', 'cobuild.pairing.confirm', 'cobuild.pairing.decline', 'cobuild.pairing.withdraw', 'cobuild.pairing.evaluate',
  'cobuild.report.submit', 'cobuild.report.confirm', 'cobuild.report.decline', 'cobuild.report.withdraw', 'cobuild.report.evaluate',
  'cobuild.posts.offer',
  // 三方协调月例会 (property)
  'property.meeting_schedule', 'property.meeting_hold', 'property.meeting_cancel', 'property.meeting_attendance', 'property.agenda_add',
  'property.proposal_submit', 'property.task_create', 'property.task_report', 'property.task_done', 'property.task_drop', 'property.task_reopen',
  // 专项维修资金 repairs (property)
  'property.repair_apply', 'property.repair_step',
  // the register, contracts and sanctions (property)
  'property.company_create', 'property.branch_create', 'property.instructor_add', 'property.contract_start', 'property.contract_end',
  'property.sanction_decide', 'property.sanction_report', 'property.sanction_verify', 'property.sanction_send_back',
  // credit evaluation and the 红黑榜 (property)
  'property.scheme_create', 'property.rating_enter', 'property.survey_vote', 'property.quarter_score', 'property.quarter_publish',
  'property.incident_record', 'property.objection_file', 'property.objection_decide',
  // 小区管理 (selfrun)
  'selfrun.mode_set', 'selfrun.unit_add', 'selfrun.unit_area', 'selfrun.owner_add', 'selfrun.owner_end', 'selfrun.member_add', 'selfrun.member_leave', 'selfrun.five_have', 'selfrun.register_import',
  // 居民自办十步 (selfrun)
  'selfrun.process_start', 'selfrun.step_complete',
  // 公共账户、收支公开、服务评定 (selfrun)
  'selfrun.ledger_record', 'selfrun.ledger_reverse', 'selfrun.month_close', 'selfrun.service_rate',
  // 业主表决 (selfrun)
  'selfrun.vote_create', 'selfrun.vote_step', 'selfrun.ballot_cast', 'selfrun.paper_enter', 'selfrun.paper_confirm', 'selfrun.paper_discard', 'selfrun.proxy_add', 'selfrun.proxy_revoke',
  // 党群服务阵地 (venues)
  'venue.create', 'venue.update', 'venue.standard_record', 'venue.room_add', 'venue.booking_create', 'venue.booking_step',
  'venue.rule_create', 'venue.awards_compute', 'venue.payment_record', 'venue.payment_reverse', 'venue.calendar_publish',
  // 重新选聘/清退 hands a compound to the community (selfrun)
  'selfrun.handover',
  // 白名单、兼职网格员、路面上报 (newgroups)
  'newgroups.whitelist_add', 'newgroups.whitelist_remove', 'newgroups.parttime_enrol', 'newgroups.parttime_end',
  'newgroups.road_report', 'newgroups.road_reward', 'newgroups.road_reward_reverse',
  // 督导 and 减负 (supervision)
  'supervision.group_create', 'supervision.inspection_plan', 'supervision.inspection_step', 'supervision.problem_record', 'supervision.problem_step', 'supervision.problem_escalate',
  'relief.item_add', 'relief.certificate_issue', 'relief.certificate_refuse', 'relief.removal_record',
  // 新就业群体登记、党组织、党建指导员、服务站点 (newgroups register)
  'newgroups.platform_create', 'newgroups.station_create', 'newgroups.worker_register', 'newgroups.worker_leave', 'newgroups.worker_party_status',
  'newgroups.party_org_create', 'newgroups.instructor_send', 'newgroups.service_point_create',
  'newgroups.station_close', 'newgroups.service_point_close', 'newgroups.service_point_reopen', 'newgroups.party_org_dissolve', 'newgroups.instructor_end',
  // 开放数据 (stats)
  'stats.open_data_set',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITIES = [
  'account', 'registration_request', 'org_unit', 'resident', 'household', 'import_job', 'department', 'work_calendar',
  'api_key', 'party_org', 'party_member', 'staff', 'workforce_pay_rate', 'secretary_rating', 'demand', 'demand_meeting',
  'grid_task_type', 'grid_task', 'leader', 'leader_link', 'leader_visit', 'points_rule_set', 'points_rule_item',
  'points_record', 'points_month', 'points_objection', 'points_chain', 'store', 'store_item', 'store_event', 'store_order',
  'cobuild_need', 'cobuild_resource', 'cobuild_project', 'cobuild_milestone',
  'work_unit', 'unit_pairing', 'member_report',
  'volunteer_org', 'volunteer', 'volunteer_project', 'volunteer_activity', 'volunteer_hour_entry',
  'wish', 'campaign',
  'property_meeting', 'property_meeting_task', 'property_proposal',
  'property_repair',
  'property_company', 'property_branch', 'property_instructor', 'property_contract', 'property_sanction',
  'property_credit_scheme', 'property_rating', 'property_survey_vote', 'property_credit_quarter', 'property_incident', 'property_list_objection',
  'selfrun_process',
  'compound_profile', 'owned_unit', 'unit_owner', 'committee_member', 'compound_five_have',
  'selfrun_ledger_entry', 'selfrun_statement', 'selfrun_service_review',
  'owner_vote',
  'venue', 'venue_booking', 'venue_funding_rule', 'venue_payment', 'venue_calendar',
  'compound_handover',
  'gig_whitelist', 'gig_parttime', 'gig_road_report',
  'supervision_group', 'supervision_inspection', 'supervision_problem', 'relief_certificate_item', 'relief_certificate_request', 'relief_removal',
  'gig_platform', 'gig_station', 'gig_worker', 'gig_party_org', 'gig_instructor', 'gig_service_point',
  'open_data_indicator',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
