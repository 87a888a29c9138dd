import type { MemberKind, PartyOrgKind, Role, SecretaryKind } from '../../database.js';
import { AppError } from '../../platform/errors.js';

/**
 * Who may do what on the party tree, and which member may be which kind of secretary. The
 * routes' `party.write` lets a role in; this file decides what it may touch there; the scope
 * decides where. The web imports the same tables.
 */

/** Each party level hangs under the one above it: 大党委 → 支部 → 党小组 → 党员中心户. */
export const PARENT_KIND: Record<PartyOrgKind, PartyOrgKind | null> = {
  committee: null,
  branch: 'committee',
  group: 'branch',
  member_household: 'group',
};

/** The level below, what "create a child" makes. */
export const CHILD_KIND: Record<PartyOrgKind, PartyOrgKind | null> = {
  committee: 'branch',
  branch: 'group',
  group: 'member_household',
  member_household: null,
};

/**
 * The five kinds of secretary (brief §1) and the member kind (brief §2) each stands for:
 * 耆老善治型 a retired member, 熟稔民情型 a resident member, 双岗服务型 an in-service (在职)
 * member, 专业管家型 a community worker, 青春赋能型 a graduate — a student member. A
 * new-employment group member ('worker') fits none: such a member may lead as 熟稔民情型 only
 * if registered as a resident member.
 */
export const SECRETARY_MEMBER_KIND: Record<SecretaryKind, MemberKind> = {
  retired: 'retired',
  resident: 'resident',
  dual_post: 'in_service',
  professional: 'community_worker',
  graduate: 'student',
};

export const SECRETARY_KIND_NAMES: Record<SecretaryKind, string> = {
  retired: '耆老善治型', resident: '熟稔民情型', dual_post: '双岗服务型', professional: '专业管家型', graduate: '青春赋能型',
};
export const MEMBER_KIND_NAMES: Record<MemberKind, string> = {
  resident: '居民党员', retired: '退休党员', in_service: '在职党员', student: '学生党员', worker: '新就业群体党员', community_worker: '社区工作者党员',
};
export const PARTY_ORG_KIND_NAMES: Record<PartyOrgKind, string> = {
  committee: '社区大党委', branch: '党支部', group: '党小组', member_household: '党员中心户',
};

export const secretaryKindFits = (kind: SecretaryKind, memberKind: MemberKind) => SECRETARY_MEMBER_KIND[kind] === memberKind;

export type PartyVerb = 'create' | 'rename' | 'move' | 'dissolve' | 'appoint' | 'register' | 'transfer';

/** Roles that run the whole party tree of their scope, 大党委 included, and appoint secretaries. */
const LEADING: readonly Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_secretary'];
/** Community workers keep the tree below the 大党委 and the member rolls. */
const KEEPING: readonly Role[] = [...LEADING, 'community_worker'];

/**
 * May `role` do `verb` on a party org of `kind` (for create and move: the kind being created or
 * moved; for register and transfer the kind does not matter)?
 */
export function canParty(role: Role, verb: PartyVerb, kind?: PartyOrgKind): boolean {
  if (verb === 'register' || verb === 'transfer') return KEEPING.includes(role);
  if (verb === 'appoint') return LEADING.includes(role);
  return kind === 'committee' ? LEADING.includes(role) : KEEPING.includes(role);
}

export function assertParty(role: Role, verb: PartyVerb, kind?: PartyOrgKind) {
  if (!canParty(role, verb, kind)) {
    throw new AppError('FORBIDDEN', verb === 'appoint' ? '任命书记须由社区书记或上级管理员办理' : '社区大党委的设立、更名、调整和撤销须由社区书记或上级管理员办理');
  }
}
