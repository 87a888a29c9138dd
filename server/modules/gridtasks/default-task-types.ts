/**
 * A starting 网格事项准入清单 a county may adopt and then edit. Counties own their lists: these
 * are only offered, never seeded by a migration. The list is short on purpose — the point is to
 * keep grid workers out of paperwork, so anything not here must be argued for by the county.
 */
export interface DefaultTaskType {
  code: string;
  name: string;
  description: string;
  sourceDepartment: string | null;
}

export const DEFAULT_TASK_TYPES: readonly DefaultTaskType[] = [
  { code: 'household_visit', name: '入户走访', description: '敲门行动：定期走访网格内住户，了解家庭情况和诉求', sourceDepartment: null },
  { code: 'dispute_screening', name: '矛盾纠纷排查', description: '排查邻里、家庭、物业等矛盾纠纷，能调则调，调不了上报', sourceDepartment: '政法委' },
  { code: 'safety_patrol', name: '安全隐患巡查', description: '巡查房屋、燃气、电动车充电、高空坠物等安全隐患并上报', sourceDepartment: '应急管理局' },
  { code: 'special_groups_care', name: '特殊人群关爱', description: '关心关爱困难群众、残疾人、留守儿童等特殊人群', sourceDepartment: '民政局' },
  { code: 'policy_outreach', name: '政策宣传', description: '向居民宣传惠民政策和法律法规', sourceDepartment: null },
  { code: 'opinion_collection', name: '民意收集', description: '收集居民意见建议，录入诉求', sourceDepartment: null },
  { code: 'sanitation_patrol', name: '环境卫生巡查', description: '巡查楼道、小区环境卫生和垃圾分类，发现问题上报', sourceDepartment: '住建局' },
  { code: 'fire_lane_check', name: '消防通道检查', description: '检查消防通道、楼道堆物，督促清理', sourceDepartment: '消防救援大队' },
  { code: 'elderly_alone_visit', name: '独居老人探访', description: '定期探访独居、空巢老人，了解身体和生活状况', sourceDepartment: '民政局' },
  { code: 'info_collection', name: '信息采集核对', description: '基础信息一次采集、多方共享：核对人口、房屋信息，不重复采集', sourceDepartment: null },
  { code: 'emergency_support', name: '应急处置协助', description: '突发事件中协助通知居民、疏散和排查', sourceDepartment: '应急管理局' },
  { code: 'civic_mediation', name: '文明劝导', description: '劝导乱停乱放、乱贴乱画、不文明养犬等行为', sourceDepartment: '城市管理局' },
];
