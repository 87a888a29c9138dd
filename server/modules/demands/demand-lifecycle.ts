import type { DemandTier, Role } from '../../database.js';
import { MAX_EXTENSION_WORKING_DAYS } from './deadlines.js';

/**
 * The demand lifecycle (分级分类处理 → 民情分析会 → 街乡吹哨、部门报到 → 评价), as one explicit table.
 * The server checks every step against it; a refused step names the reason and changes nothing.
 */
export const DEMAND_STATES = [
  'submitted', // 待受理: reported, nobody has taken it yet
  'accepted', // 办理中: taken by the community (grid worker, community worker or property company)
  'on_agenda', // 上会研究: on the community's monthly 民情分析会
  'escalation_requested', // 提请吹哨: the community asks the street to whistle
  'escalated', // 已吹哨: departments dispatched by the street
  'resolved', // 已办结: waiting for the resident's rating
  'closed', // 已评价: rated 满意 / 基本满意
  'merged', // 已合并: a duplicate, folded into another demand
] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

export type DemandAction =
  | 'accept'
  | 'solve_on_spot'
  | 'assign'
  | 'resolve'
  | 'put_on_agenda'
  | 'decide_at_meeting'
  | 'request_escalation'
  | 'decline_escalation'
  | 'escalate'
  | 'all_departments_resolved'
  | 'rate_satisfied'
  | 'rate_unsatisfied'
  | 'merge'
  | 'request_extension'
  | 'approve_extension'
  | 'reject_extension';

const COMMUNITY: Role[] = ['community_secretary', 'community_worker', 'grid_worker'];
const COMMUNITY_STAFF: Role[] = ['community_secretary', 'community_worker'];
const STREET: Role[] = ['street_admin'];
const HANDLERS: Role[] = [...COMMUNITY, 'property_company'];
/** States in which someone is working on the demand and may run out of time. */
const EXTENDABLE: DemandState[] = ['accepted', 'on_agenda', 'escalation_requested', 'escalated'];

interface Transition {
  from: readonly DemandState[];
  /** Omitted: a step on the record that leaves the state as it is (延期). */
  to?: DemandState;
  /** Who may take the step; 'reporter' = the resident who reported it. */
  by: readonly (Role | 'reporter' | 'system')[];
  /** Narrower `by` for demands handled at a given tier. */
  byTier?: Partial<Record<DemandTier, readonly Role[]>>;
  /** Steps that must say why. */
  needsNote?: boolean;
}

export const TRANSITIONS: Record<DemandAction, Transition> = {
  accept: { from: ['submitted'], to: 'accepted', by: HANDLERS },
  solve_on_spot: { from: ['submitted'], to: 'resolved', by: COMMUNITY, needsNote: true },
  assign: { from: ['submitted', 'accepted'], to: 'accepted', by: COMMUNITY_STAFF },
  resolve: { from: ['accepted'], to: 'resolved', by: HANDLERS, needsNote: true },
  put_on_agenda: { from: ['submitted', 'accepted'], to: 'on_agenda', by: COMMUNITY_STAFF },
  decide_at_meeting: { from: ['on_agenda'], to: 'accepted', by: COMMUNITY_STAFF, needsNote: true },
  request_escalation: { from: ['accepted', 'on_agenda'], to: 'escalation_requested', by: COMMUNITY_STAFF, needsNote: true },
  decline_escalation: { from: ['escalation_requested'], to: 'accepted', by: STREET, needsNote: true },
  // The street may whistle at once (emergencies, joint enforcement) or on the community's request.
  escalate: { from: ['submitted', 'escalation_requested', 'accepted', 'on_agenda'], to: 'escalated', by: STREET, needsNote: true },
  all_departments_resolved: { from: ['escalated'], to: 'resolved', by: ['system'] },
  rate_satisfied: { from: ['resolved'], to: 'closed', by: ['reporter', ...COMMUNITY_STAFF] },
  // 不满意 reopens the demand with the same handler.
  rate_unsatisfied: { from: ['resolved'], to: 'accepted', by: ['reporter', ...COMMUNITY_STAFF], needsNote: true },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: COMMUNITY_STAFF },
  // 延期: whoever handles it (a department, after a whistle) asks once for at most 10 more working
  // days with a reason; the street decides, or the community for demands it handles itself.
  request_extension: { from: EXTENDABLE, by: [...HANDLERS, 'department'], needsNote: true },
  approve_extension: { from: EXTENDABLE, by: [...COMMUNITY_STAFF, ...STREET], byTier: { street: STREET } },
  reject_extension: { from: EXTENDABLE, by: [...COMMUNITY_STAFF, ...STREET], byTier: { street: STREET }, needsNote: true },
};

export const STATE_NAMES: Record<DemandState, string> = {
  submitted: '待受理',
  accepted: '办理中',
  on_agenda: '上会研究',
  escalation_requested: '提请吹哨',
  escalated: '已吹哨',
  resolved: '已办结',
  closed: '已评价',
  merged: '已合并',
};

export type Refusal = { ok: false; reason: string };

/** Whether `who` may take `action` on a demand in `state`; a refusal says why in Chinese. */
export function checkTransition(
  state: DemandState,
  action: DemandAction,
  who: Role | 'reporter' | 'system',
  note?: string | null,
  tier?: DemandTier,
): { ok: true; to: DemandState } | Refusal {
  const t = TRANSITIONS[action];
  if (!t.from.includes(state)) {
    const allowed = t.from.map((s) => STATE_NAMES[s]).join('、');
    return { ok: false, reason: `诉求当前为“${STATE_NAMES[state]}”，此操作只能在“${allowed}”时进行` };
  }
  const by = (tier && t.byTier?.[tier]) || t.by;
  if (!by.includes(who)) {
    return { ok: false, reason: by !== t.by && t.by.includes(who) ? '街道吹哨办理的诉求，须由街道审批' : '您的角色不能进行此操作' };
  }
  if (t.needsNote && !note?.trim()) return { ok: false, reason: '请填写处理说明' };
  return { ok: true, to: t.to ?? state };
}

/**
 * 延期 rules: at most MAX_EXTENSION_WORKING_DAYS working days, and one extension per demand —
 * a pending request or a granted one blocks another; a refused one does not count.
 */
export function checkExtensionRequest(days: number | undefined, earlier: readonly { state: string }[]): { ok: true; days: number } | Refusal {
  if (earlier.some((e) => e.state === 'approved')) return { ok: false, reason: '每件诉求只能延期一次，此诉求已延期' };
  if (earlier.some((e) => e.state === 'requested')) return { ok: false, reason: '已有延期申请正在审批，请等待结果' };
  if (!days || !Number.isInteger(days) || days < 1) return { ok: false, reason: '请填写延期的工作日数' };
  if (days > MAX_EXTENSION_WORKING_DAYS) return { ok: false, reason: `延期不得超过${MAX_EXTENSION_WORKING_DAYS}个工作日` };
  return { ok: true, days };
}
