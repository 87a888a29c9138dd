import type { MemberKind, PartyOrgKind, SecretaryKind } from '../database.js';
import type { CityPlan, GridNode } from './city-plan.js';
import { Rng, Weighted, seedOf } from './prng.js';

/** A party member found while generating residents (ids are 1-based positions in the list). */
export interface MemberRecord {
  residentId: number;
  householdId: number;
  grid: number;
  buildingIndex: number;
  unitId: number;
  unitPath: string;
  countyCode: string;
  kind: MemberKind;
  joinedOn: string;
  age: number;
  name: string;
  phone: string | null;
  buildingName: string;
}

export interface PartyOrgRow {
  id: number;
  parentId: number | null;
  kind: PartyOrgKind;
  name: string;
  orgId: number;
  householdId: number | null;
  orgPath: string;
  countyCode: string;
  secretaryMemberId: number | null;
  secretaryKind: SecretaryKind | null;
}

export interface PartyTree {
  orgs: PartyOrgRow[];
  /** Branch id for each grid (by grid index): members join the branch where they live. */
  branchOfGrid: Int32Array;
}

/** Article figures: 1,522 branches and 275 committees for 245 communities at city scale. */
const CITY_BRANCHES = 1522;
const CITY_COMMITTEES = 275;

// 耆老善治 / 熟稔民情 / 双岗服务 / 专业管家 / 青春赋能; in-service members hold about a quarter (361 of 1,522).
const SECRETARY_KINDS = new Weighted<SecretaryKind>([
  ['retired', 30], ['resident', 22], ['dual_post', 24], ['professional', 14], ['graduate', 10],
]);
const FITS: Record<SecretaryKind, (m: MemberRecord) => boolean> = {
  retired: (m) => m.kind === 'retired',
  resident: (m) => m.kind === 'resident' || (m.kind === 'worker' && m.age >= 40),
  dual_post: (m) => m.kind === 'in_service',
  professional: (m) => (m.kind === 'in_service' || m.kind === 'worker') && m.age >= 26 && m.age <= 50,
  graduate: (m) => m.age <= 32 && m.kind !== 'retired',
};
const KIND_OF_MEMBER: Record<MemberKind, SecretaryKind> = {
  retired: 'retired', resident: 'resident', in_service: 'dual_post', worker: 'resident', student: 'graduate', community_worker: 'professional',
};

/**
 * Branches per community: every grid its own 党支部 in the demo; at city scale 1,522 branches for
 * 2,427 grids, so the larger grids keep their own branch and the smaller ones share a 联合党支部
 * attached to the community.
 */
function branchGroups(plan: CityPlan, keepOwn: (g: GridNode) => boolean): GridNode[][][] {
  const total = plan.grids.length;
  const target = plan.scale === 'city' ? CITY_BRANCHES : total;
  let given = 0;
  let acc = 0;
  return plan.communities.map((cm) => {
    acc += cm.grids.length;
    // Largest-remainder style rounding that still adds up to the target exactly.
    const b = Math.max(1, Math.min(cm.grids.length, Math.round((acc * target) / total) - given));
    given += b;
    const n = cm.grids.length;
    if (b >= n) return cm.grids.map((g) => [g]);
    // Joint branches take two grids each where possible; the largest grids keep their own.
    const jointCount = Math.min(n - b, b);
    const bySize = [...cm.grids].sort((x, y) =>
      Number(keepOwn(y)) - Number(keepOwn(x)) || y.householdCount - x.householdCount || x.index - y.index);
    const own = new Set(bySize.slice(0, b - jointCount));
    const rest = cm.grids.filter((g) => !own.has(g));
    const groups: GridNode[][] = cm.grids.filter((g) => own.has(g)).map((g) => [g]);
    for (let i = 0; i < jointCount; i++) {
      groups.push(rest.slice(Math.floor((i * rest.length) / jointCount), Math.floor(((i + 1) * rest.length) / jointCount)));
    }
    return groups.filter((g) => g.length);
  });
}

/** `secretaryOf`: community index → index in `members` of the community's party secretary. */
export function buildPartyTree(plan: CityPlan, members: MemberRecord[], secretaryOf: Map<number, number>): PartyTree {
  const orgs: PartyOrgRow[] = [];
  const add = (o: Omit<PartyOrgRow, 'id'>) => {
    const row = { ...o, id: orgs.length + 1 };
    orgs.push(row);
    return row;
  };
  const rng = new Rng(seedOf('party', plan.scale));

  // 社区大党委: one per community, its secretary the community's party secretary.
  const committeeOf = plan.communities.map((cm) =>
    add({
      parentId: null, kind: 'committee', name: `${cm.name}党委`, orgId: cm.id, householdId: null, orgPath: cm.path,
      countyCode: cm.countyCode, secretaryMemberId: secretaryOf.has(cm.index) ? secretaryOf.get(cm.index)! + 1 : null, secretaryKind: null,
    }),
  );
  const membersByGrid: number[][] = plan.grids.map(() => []);
  members.forEach((m, i) => membersByGrid[m.grid].push(i));

  // The committees beyond one per community are 商圈党委 of the busiest business districts,
  // led by an in-service member working there when one lives in the district.
  const extra = plan.scale === 'city' ? CITY_COMMITTEES - plan.communities.length : 2;
  const districtCommittee = new Map<number, PartyOrgRow>();
  const busiest = plan.grids.filter((g) => g.gridType === 'business')
    .sort((a, b) => b.merchantCount - a.merchantCount || a.index - b.index).slice(0, Math.max(0, extra));
  for (const g of busiest.sort((a, b) => a.index - b.index)) {
    const local = membersByGrid[g.index];
    const lead = local.find((i) => members[i].kind === 'in_service') ?? local[0];
    districtCommittee.set(g.index, add({
      parentId: null, kind: 'committee', name: `${g.place}党委`, orgId: g.id, householdId: null, orgPath: g.path,
      countyCode: g.countyCode, secretaryMemberId: lead === undefined ? null : lead + 1, secretaryKind: null,
    }));
  }

  const branchOfGrid = new Int32Array(plan.grids.length);
  branchGroups(plan, (g) => districtCommittee.has(g.index)).forEach((groups, ci) => {
    const cm = plan.communities[ci];
    let jointNo = 0;
    for (const gs of groups) {
      const single = gs.length === 1 ? gs[0] : null;
      const parent = (single && districtCommittee.get(single.index)) || committeeOf[ci];
      const name = single
        ? `${single.place}党支部`
        : `${cm.name}第${'一二三四五六七八九十'[jointNo++] ?? jointNo}联合党支部`;
      const candidates = gs.flatMap((g) => membersByGrid[g.index]);
      const [secretary, secretaryKind] = chooseSecretary(rng, members, candidates);
      const branch = add({
        parentId: parent.id, kind: 'branch', name, orgId: single ? single.id : cm.id, householdId: null,
        orgPath: single ? single.path : cm.path, countyCode: cm.countyCode,
        secretaryMemberId: secretary === null ? null : secretary + 1, secretaryKind,
      });
      for (const g of gs) branchOfGrid[g.index] = branch.id;
    }
  });

  // 楼栋党小组 for every building with members (its first member leads it), and in most of
  // them a 党员中心户: a member's household that looks after the neighbours.
  for (const g of plan.grids) {
    const list = membersByGrid[g.index];
    let i = 0;
    while (i < list.length) {
      const b = members[list[i]].buildingIndex;
      let j = i;
      while (j < list.length && members[list[j]].buildingIndex === b) j++;
      const buildingId = g.buildingBase + b;
      const leader = list[i];
      const group = add({
        parentId: branchOfGrid[g.index], kind: 'group', name: `${g.gridType === 'scattered' ? '' : g.place}${members[leader].buildingName}党小组`,
        orgId: buildingId, householdId: null, orgPath: `${g.path}${buildingId}.`, countyCode: g.countyCode,
        secretaryMemberId: leader + 1, secretaryKind: null,
      });
      if (rng.chance(0.6)) {
        const host = list.slice(i, j).find((k) => members[k].kind !== 'student') ?? list[i];
        const m = members[host];
        add({
          parentId: group.id, kind: 'member_household', name: `${m.name}党员中心户`, orgId: m.unitId, householdId: m.householdId,
          orgPath: m.unitPath, countyCode: m.countyCode, secretaryMemberId: host + 1, secretaryKind: null,
        });
      }
      i = j;
    }
  }
  return { orgs, branchOfGrid };
}

function chooseSecretary(rng: Rng, members: MemberRecord[], candidates: number[]): [number | null, SecretaryKind | null] {
  if (!candidates.length) return [null, null];
  const wanted = SECRETARY_KINDS.pick(rng);
  const fit = candidates.find((i) => FITS[wanted](members[i]));
  if (fit !== undefined) return [fit, wanted];
  const first = candidates[0];
  return [first, KIND_OF_MEMBER[members[first].kind]];
}
