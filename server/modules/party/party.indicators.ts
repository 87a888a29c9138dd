import { sql } from 'kysely';
import { childOf, countStanding, grouped, type Indicator } from '../../platform/indicators.js';
import type { PartyOrgKind } from '../../database.js';

function orgsOf(kind: PartyOrgKind, key: string, zh: string, en: string): Indicator {
  return {
    key: `party.${key}`, module: 'party', group: 'organisation', unit: 'count', kind: 'stock', sources: ['party_org'], lowest: 'grid', public: true,
    name: { zh, en },
    definition: { zh: `统计期末未撤销的${zh.replace('数', '')}个数`, en: `${en} standing at the end of the period` },
    count: (db, w) => countStanding(db, w, 'party_org', { ended: 'dissolved_at', where: sql`x.kind = ${kind}` }),
  };
}

export const INDICATORS: readonly Indicator[] = [
  orgsOf('committee', 'committees', '党委（党总支）数', 'Party committees'),
  orgsOf('branch', 'branches', '党支部数', 'Party branches'),
  orgsOf('group', 'groups', '党小组数', 'Party groups'),
  {
    key: 'party.members', module: 'party', group: 'organisation', unit: 'count', kind: 'stock', sources: ['party_member'], lowest: 'grid', public: true,
    name: { zh: '党员数', en: 'Party members' },
    definition: { zh: '统计期末在册（未转出）的党员人数', en: 'Party members on the register, not transferred out, at the end of the period' },
    count: (db, w) => countStanding(db, w, 'party_member', { ended: 'left_at' }),
  },
  {
    // 支部建在网格上: a grid counts when a live branch (or group) is set up at it.
    key: 'party.grids_with_branch', headline: true, module: 'party', group: 'organisation', unit: 'percent', kind: 'stock', sources: ['org_unit', 'party_org'], lowest: 'community', public: true,
    name: { zh: '建有党组织的网格占比', en: 'Grids with a party branch' },
    definition: { zh: '统计期末建有党支部或党小组的网格数 ÷ 网格总数', en: 'Grids where a party branch or group is set up, over all grids, at the end of the period' },
    count: (db, w) => grouped(db, sql`
      SELECT ${childOf(w, 'g.path')} AS child_id,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM party_org p WHERE p.org_id = g.id AND p.kind IN ('branch', 'group')
          AND p.created_at < ${w.to} AND (p.dissolved_at IS NULL OR p.dissolved_at >= ${w.to}))) AS num,
        count(*) AS den
      FROM org_unit g
      WHERE g.path LIKE ${w.under + '%'} AND g.kind = 'grid' AND g.created_at < ${w.to} AND (g.dissolved_at IS NULL OR g.dissolved_at >= ${w.to})
      GROUP BY 1`),
  },
];
