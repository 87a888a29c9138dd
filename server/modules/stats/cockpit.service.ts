import type { Kysely, Transaction } from 'kysely';
import type { DB, OrgKind } from '../../database.js';
import { addMonths, chinaMonth, chinaMonthStart, type Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { figure, sumRows, type Indicator, type IndicatorLevel, type IndicatorRow } from '../../platform/indicators.js';
import { placesOnPath } from '../../platform/org-units.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import { INDICATORS } from '../indicator-registry.js';
import * as repo from './cockpit.repository.js';
import { sameSpanBefore } from './snapshots.service.js';

type Q = Kysely<DB> | Transaction<DB>;

const LEVEL_RANK: Record<IndicatorLevel, number> = { city: 0, county: 1, street: 2, community: 3, grid: 4 };
const levelOf = (kind: OrgKind): number => (kind in LEVEL_RANK ? LEVEL_RANK[kind as IndicatorLevel] : 5);
/** A figure means something for a unit at or above the lowest level the indicator is cut at. */
const meaningful = (i: Indicator, kind: OrgKind) => levelOf(kind) <= LEVEL_RANK[i.lowest];

export function catalogue() {
  return {
    items: INDICATORS.map((i) => ({
      key: i.key, module: i.module, group: i.group, name: i.name, definition: i.definition, unit: i.unit, kind: i.kind,
      sources: [...i.sources], lowest: i.lowest, public: !!i.public, headline: !!i.headline,
    })),
  };
}

/** A China month as a counting window: to its end, or to now for the month under way. */
function windowOf(month: string, now: Date) {
  const from = chinaMonthStart(month);
  const end = chinaMonthStart(addMonths(month, 1));
  return { from, to: end < now ? end : now, live: end > now };
}

function checkMonth(month: string, now: Date) {
  if (month > chinaMonth(now)) throw new AppError('VALIDATION_FAILED', '不能查看尚未到来的月份', { fields: [{ field: 'query.month', problem: 'future' }] });
}

/** Counts every indicator for a unit's children (and so for the unit) in a window. */
async function countAll(db: Q, path: string, depth: number, month: string, from: Date, to: Date) {
  const out = new Map<string, IndicatorRow[]>();
  // One after another: PGlite serves one query at a time, and PostgreSQL's pool stays free for others.
  for (const i of INDICATORS) out.set(i.key, await i.count(db as Kysely<DB>, { under: path, depth, month, from, to }));
  return out;
}

/** Filed parts (a snapshot, or the count of the month under way) as the cockpit's rows. */
function fromStored(parts: readonly repo.StoredPart[], unitId: number) {
  const rows = new Map(INDICATORS.map((i) => [i.key, { unit: { num: 0 } as { num: number; den?: number }, byChild: new Map<number, IndicatorRow>() }]));
  for (const s of parts) {
    const r = rows.get(s.indicator);
    if (!r) continue; // an indicator since retired from the catalogue
    const part = { num: Number(s.num), ...(s.den !== null ? { den: Number(s.den) } : {}) };
    if (s.org_id === unitId) r.unit = part;
    else r.byChild.set(s.org_id, { child_id: s.org_id, ...part });
  }
  return rows;
}

/**
 * The cockpit of one unit for a month: every indicator for the unit, each child's figure, and
 * the month before from its snapshot. A past month reads its snapshot (taken at the month's
 * end, rolled up under today's tree if units merged or moved since), or is counted as of its end
 * when none was taken. The month under way reads the count every unit gets every few minutes,
 * so every level adds up and the city's page does not count millions of rows while the leader
 * waits; before the first such count (a fresh database) it is counted live.
 */
export async function cockpit(db: Kysely<DB>, clock: Clock, scope: Scope, q: { orgId: number; month?: string }) {
  const now = clock.now();
  const month = q.month ?? chinaMonth(now);
  checkMonth(month, now);
  const unit = await unitInScope(db, scope, q.orgId);
  const children = levelOf(unit.kind) < LEVEL_RANK.grid ? await repo.childUnits(db, unit.id) : [];
  const childIds = children.map((c) => c.id);
  const w = windowOf(month, now);

  let rows: Map<string, { unit: { num: number; den?: number }; byChild: Map<number, IndicatorRow> }>;
  let asOf = w.to;
  const before = addMonths(month, -1);
  const taken = await repo.monthsTaken(db, [month, before]);
  const countedAt = w.live ? await repo.currentCountedAt(db, month, unit.id) : null;
  if (!w.live && taken.has(month)) {
    rows = fromStored(await repo.storedFigures(db, 'indicator_snapshot', month, unit, childIds, w.to), unit.id);
  } else if (countedAt) {
    rows = fromStored(await repo.storedFigures(db, 'indicator_current', month, unit, childIds, countedAt), unit.id);
    asOf = countedAt;
  } else {
    const counted = await countAll(db, unit.path, unit.depth + 1, month, w.from, w.to);
    rows = new Map([...counted].map(([key, list]) => [key, { unit: sumRows(list), byChild: new Map(list.filter((r) => r.child_id !== null).map((r) => [r.child_id!, r])) }]));
  }
  // The month before: its snapshot; before the first snapshot, what happened in it is still in
  // the records (flows), while what stood then is not known from today's rows (stocks).
  const prevOf = new Map<string, { num: number; den?: number }>();
  const unitPart = (p: repo.StoredPart) => ({ num: Number(p.num), ...(p.den !== null ? { den: Number(p.den) } : {}) });
  const flows = INDICATORS.filter((x) => x.kind === 'flow' && meaningful(x, unit.kind));
  if (taken.has(before)) {
    for (const p of await repo.storedFigures(db, 'indicator_snapshot', before, unit, [], windowOf(before, now).to)) {
      if (p.org_id === unit.id) prevOf.set(p.indicator, unitPart(p));
    }
    for (const i of INDICATORS) if (!prevOf.has(i.key)) prevOf.set(i.key, { num: 0, den: 0 });
  } else {
    const pw = windowOf(before, now);
    for (const i of flows) prevOf.set(i.key, sumRows(await i.count(db, { under: unit.path, depth: unit.depth + 1, month: before, from: pw.from, to: pw.to })));
  }
  // While the month is under way a flow is also compared with the same span of the month before
  // (a few days of demands against a whole month is no comparison): filed beside the month under
  // way by the same count, or counted live when that count filed nothing for the unit (before
  // the first count, a count by a version without it, or a unit with nothing in the span).
  const span = w.live ? sameSpanBefore(month, asOf) : null;
  const spanOf = new Map<string, { num: number; den?: number }>();
  if (span) {
    const filed = countedAt ? (await repo.storedFigures(db, 'indicator_current', before, unit, [], countedAt)).filter((p) => p.org_id === unit.id) : [];
    const parts = new Map(filed.map((p) => [p.indicator, unitPart(p)]));
    for (const i of flows) {
      spanOf.set(i.key, parts.get(i.key) ?? (filed.length ? { num: 0, den: 0 }
        : sumRows(await i.count(db, { under: unit.path, depth: unit.depth + 1, month: before, from: span.from, to: span.to }))));
    }
  }
  const childKind = children[0]?.kind;
  const figures = INDICATORS.filter((i) => meaningful(i, unit.kind)).map((i) => {
    const r = rows.get(i.key)!;
    const p = prevOf.get(i.key);
    const s = spanOf.get(i.key);
    return {
      key: i.key,
      value: figure(i.unit, r.unit.num, r.unit.den),
      previous: p ? figure(i.unit, p.num, p.den) : null,
      previousSameSpan: s ? figure(i.unit, s.num, s.den) : null,
      byChild: Object.fromEntries(children.map((c) => {
        const x = r.byChild.get(c.id);
        return [String(c.id), figure(i.unit, x?.num ?? 0, x?.den)];
      })),
      childLevel: !!childKind && meaningful(i, childKind),
    };
  });
  const trail = (await placesOnPath(db, unit.path)).filter((p) => scope.contains(p.path)).map((p) => ({ id: p.id, name: p.name, kind: p.kind }));
  return {
    unit: { id: unit.id, name: unit.name, kind: unit.kind, countyCode: unit.county_code },
    // live: the month under way; asOf: the instant the figures stand at (a month's end, or when counted);
    // previousSpan: while the month is under way, the span of the month before its flows compare with.
    trail, children, month, live: w.live, asOf: asOf.toISOString(),
    previousSpan: span ? { from: span.from.toISOString(), to: span.to.toISOString() } : null, figures,
  };
}

/** One indicator of one unit over the last months: snapshots, and the month under way as last counted. */
export async function trend(db: Kysely<DB>, clock: Clock, scope: Scope, q: { orgId: number; key: string; months: number }) {
  const indicator = INDICATORS.find((i) => i.key === q.key);
  if (!indicator) throw new AppError('NOT_FOUND', '没有这个指标', { key: q.key });
  const unit = await unitInScope(db, scope, q.orgId);
  const now = clock.now();
  const current = chinaMonth(now);
  const months = Array.from({ length: q.months }, (_, k) => addMonths(current, k - q.months + 1));
  const taken = await repo.monthsTaken(db, months.slice(0, -1));
  // Each snapshotted month as filed for this unit, rolled up under today's tree where it changed since.
  const snaps = new Map<string, { num: number; den: number | null }>();
  for (const m of months.filter((x) => taken.has(x))) {
    const part = (await repo.storedFigures(db, 'indicator_snapshot', m, unit, [], windowOf(m, now).to))
      .find((p) => p.indicator === indicator.key && p.org_id === unit.id);
    snaps.set(m, { num: Number(part?.num ?? 0), den: part?.den === null || part?.den === undefined ? null : Number(part.den) });
  }
  const counted = async (m: string) => {
    const w = windowOf(m, now);
    return sumRows(await indicator.count(db, { under: unit.path, depth: unit.depth + 1, month: m, from: w.from, to: w.to }));
  };
  const points = [];
  for (const m of months) {
    const s = snaps.get(m);
    if (m === current) {
      const countedAt = await repo.currentCountedAt(db, m, unit.id);
      const c = countedAt
        ? (await repo.storedFigures(db, 'indicator_current', m, unit, [], countedAt)).find((p) => p.indicator === indicator.key && p.org_id === unit.id)
        : await counted(m);
      points.push({ month: m, value: c ? figure(indicator.unit, c.num, c.den) : figure(indicator.unit, 0), source: 'live' as const });
    } else if (s) {
      points.push({ month: m, value: figure(indicator.unit, s.num, s.den), source: 'snapshot' as const });
    } else if (indicator.kind === 'flow') {
      // A month before the first snapshot: what happened in it is still in the records.
      const c = await counted(m);
      points.push({ month: m, value: figure(indicator.unit, c.num, c.den), source: 'live' as const });
    } else {
      // A stock before the first snapshot: what stood then is not known from today's rows.
      points.push({ month: m, value: null, source: 'none' as const });
    }
  }
  return { key: indicator.key, points };
}
