import ExcelJS from 'exceljs';
import { writeAudit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import type { Scope } from '../../platform/scope.js';
import { volunteerYearFigures } from '../volunteers/index.js';
import { wishesFulfilledByResidents } from '../wishes/index.js';
import { chinaYear, type DualReportDeps } from './dual-report-deps.js';
import { GRADE_NAMES, MEMBER_POSTS, MEMBER_POST_NAMES, STATUS_NAMES } from './dual-report-lifecycle.js';
import * as repo from './dual-report.repository.js';
import type { Viewer } from './dual-report.repository.js';
import { pairingView } from './unit-pairings.service.js';
import { unitView, viewerOf } from './work-units.service.js';

/**
 * The year record of 双报到, counted and never typed: for each confirmed in-service member, the
 * services and hours the volunteers module confirmed, the wishes the wishes module saw fulfilled,
 * and the posts the report holds; members with neither service nor wish are listed as 未参与.
 * The community's 双评价 sits beside it; the unit admin sees and exports its own members' year.
 */

/** A community's or a unit's confirmed members in a year: hundreds, never the whole city. */
const MAX_MEMBERS = 5000;

type RecordFilter = { communityId?: number; workUnitId?: number; year: number };

async function records(d: DualReportDeps, v: Viewer, f: RecordFilter) {
  const rows = await repo.allReports(d.db, v, { ...f, status: 'confirmed' }, MAX_MEMBERS);
  const residentIds = [...new Set(rows.map((r) => r.resident_id))];
  const [posts, service, wishes] = await Promise.all([
    repo.postsOf(d.db, rows.map((r) => r.id)),
    volunteerYearFigures(d.db, residentIds, f.year),
    wishesFulfilledByResidents(d.db, residentIds, f.year),
  ]);
  return rows.map((r) => {
    const s = service.get(r.resident_id) ?? { activities: 0, hours: 0 };
    const w = wishes.get(r.resident_id) ?? 0;
    const held = posts.get(r.id) ?? [];
    return {
      reportId: r.id, memberName: r.member_name, communityId: r.community_id, communityName: r.community_name,
      workUnitId: r.work_unit_id, workUnitName: r.work_unit_name, year: r.year, posts: MEMBER_POSTS.filter((p) => held.includes(p)),
      services: s.activities, hours: Math.round(s.hours * 10) / 10, wishesFulfilled: w, participated: s.activities > 0 || w > 0,
      grade: r.grade, gradeComment: r.grade_comment,
    };
  });
}

export async function memberRecords(
  d: DualReportDeps, actor: Actor, scope: Scope,
  f: { page: number; pageSize: number; communityId?: number; workUnitId?: number; year?: number; participated?: 'yes' | 'no'; graded?: 'yes' | 'no' },
) {
  const v = await viewerOf(d.db, actor, scope);
  const year = f.year ?? chinaYear(d.clock.now());
  const all = (await records(d, v, { communityId: f.communityId, workUnitId: f.workUnitId, year }))
    .filter((r) => !f.participated || r.participated === (f.participated === 'yes'))
    .filter((r) => !f.graded || (r.grade !== null) === (f.graded === 'yes'));
  return { items: all.slice((f.page - 1) * f.pageSize, f.page * f.pageSize), total: all.length };
}

/** A unit's year: its pairings and its members' records the caller may see, with totals. */
export async function unitRecord(d: DualReportDeps, actor: Actor, scope: Scope, unitId: number, year?: number) {
  const v = await viewerOf(d.db, actor, scope);
  const unit = await repo.unitSeenBy(d.db, v, unitId);
  if (!unit) throw notFound('共建单位');
  const y = year ?? chinaYear(d.clock.now());
  const [pairings, members] = await Promise.all([
    repo.listPairings(d.db, v, { page: 1, pageSize: 200, workUnitId: unitId, year: y }),
    records(d, v, { workUnitId: unitId, year: y }),
  ]);
  const sum = (k: 'services' | 'hours' | 'wishesFulfilled') => Math.round(members.reduce((a, m) => a + m[k], 0) * 10) / 10;
  return {
    unit: unitView(unit, {
      paired_count: pairings.rows.filter((p) => p.status === 'confirmed').length, member_count: members.length,
    }),
    year: y,
    pairings: pairings.rows.map(pairingView),
    members,
    totals: {
      members: members.length, participated: members.filter((m) => m.participated).length,
      services: sum('services'), hours: sum('hours'), wishesFulfilled: sum('wishesFulfilled'),
    },
  };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E7F7' } };

/** The unit's year as a workbook for its own appraisal: members' records and evaluations, and each community's word on the unit. */
export async function exportUnitRecord(d: DualReportDeps, actor: Actor, scope: Scope, unitId: number, year?: number) {
  const rec = await unitRecord(d, actor, scope, unitId, year);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const members = wb.addWorksheet('在职党员', { views: [{ state: 'frozen', ySplit: 1 }] });
  members.columns = [
    { header: '姓名', key: 'name', width: 12 }, { header: '报到社区', key: 'community', width: 22 }, { header: '认领岗位', key: 'posts', width: 28 },
    { header: '服务次数', key: 'services', width: 10 }, { header: '服务时长（小时）', key: 'hours', width: 16 },
    { header: '完成微心愿', key: 'wishes', width: 12 }, { header: '参与情况', key: 'participated', width: 10 },
    { header: '社区评价', key: 'grade', width: 10 }, { header: '评价意见', key: 'comment', width: 40 },
  ];
  for (const m of rec.members) {
    members.addRow({
      name: m.memberName, community: m.communityName, posts: m.posts.map((p) => MEMBER_POST_NAMES[p]).join('、'),
      services: m.services, hours: m.hours, wishes: m.wishesFulfilled, participated: m.participated ? '已参与' : '未参与',
      grade: m.grade ? GRADE_NAMES[m.grade] : '未评价', comment: m.gradeComment ?? '',
    });
  }
  const pairs = wb.addWorksheet('结对社区', { views: [{ state: 'frozen', ySplit: 1 }] });
  pairs.columns = [
    { header: '社区', key: 'community', width: 22 }, { header: '状态', key: 'status', width: 10 },
    { header: '社区对单位的评价', key: 'grade', width: 16 }, { header: '评价意见', key: 'comment', width: 40 },
  ];
  for (const p of rec.pairings) {
    pairs.addRow({ community: p.communityName, status: STATUS_NAMES[p.status], grade: p.grade ? GRADE_NAMES[p.grade] : '未评价', comment: p.gradeComment ?? '' });
  }
  for (const ws of [members, pairs]) ws.getRow(1).eachCell((c) => { c.font = { bold: true }; c.fill = HEADER_FILL; });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  await writeAudit(d.db, actor, {
    action: 'cobuild.unit.export', entity: 'work_unit', entityId: unitId, orgPath: scope.path, countyCode: scope.countyCode,
    after: { year: rec.year, members: rec.members.length },
  });
  return { body, filename: `${rec.unit.name}-${rec.year}年度双报到双评价.xlsx` };
}

