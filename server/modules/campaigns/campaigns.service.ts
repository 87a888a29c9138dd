import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { chinaDay, systemClock, type Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace, placesById } from '../../platform/org-units.js';
import type { Scope } from '../../platform/scope.js';
import { addDays } from '../../platform/clock.js';
import { campaignProgress } from './campaign-progress.js';
import { searchSubjects, subjectsByIds, type Subject } from './campaign-subjects.js';
import { mayLaunch } from './campaigns.policy.js';
import * as repo from './campaigns.repository.js';
import type { LaunchCampaignInput } from './campaigns.schemas.js';
import type { CampaignKind, CampaignSubjectKind } from './campaigns.tables.js';

export interface CampaignDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export function campaignDeps(ctx: AppContext): CampaignDeps {
  return { db: ctx.database.db, clock: ctx.clock ?? systemClock };
}

/** A campaign runs at most a year. */
const MAX_DAYS = 366;

/** 发起专项行动: a street or county launches a campaign over its own communities or compounds. */
export async function launchCampaign(deps: CampaignDeps, actor: Actor, scope: Scope, input: LaunchCampaignInput) {
  const launcher = await orgPlace(deps.db, scope.orgId, { live: true });
  const may = mayLaunch(actor.role, launcher?.kind);
  if (!may.ok || !launcher) throw new AppError('FORBIDDEN', may.ok ? '只有街道或区县可以发起专项行动' : may.reason);
  if (input.endsOn < input.startsOn) throw new AppError('VALIDATION_FAILED', '结束日期不能早于开始日期', { fields: [{ field: 'body.endsOn', problem: 'before start' }] });
  if (input.endsOn > addDays(input.startsOn, MAX_DAYS - 1)) {
    throw new AppError('VALIDATION_FAILED', '专项行动不超过一年', { fields: [{ field: 'body.endsOn', problem: 'too long' }] });
  }
  const places = await placesById(deps.db, input.targetIds);
  const targets = [...new Set(input.targetIds)].map((id) => places.get(id));
  if (targets.some((t) => !t || t.dissolved_at || !scope.contains(t.path) || (t.kind !== 'community' && t.kind !== 'grid'))) {
    throw new AppError('VALIDATION_FAILED', '目标须为本辖区内的社区或小区（网格）', { fields: [{ field: 'body.targetIds', problem: 'not a community or compound in scope' }] });
  }
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertCampaign(trx, {
      org_id: launcher.id, org_path: launcher.path, county_code: launcher.county_code, kind: input.kind, title: input.title,
      description: input.description, starts_on: input.startsOn, ends_on: input.endsOn, created_by: actor.accountId, created_at: now,
    });
    await repo.insertTargets(trx, targets.map((t) => ({ campaign_id: id, org_id: t!.id, org_path: t!.path, county_code: t!.county_code })));
    await writeAudit(trx, actor, {
      action: 'campaign.launch', entity: 'campaign', entityId: id, orgPath: launcher.path, countyCode: launcher.county_code,
      after: { ...input },
    });
    return id;
  });
  return getCampaign(deps, scope, id);
}

interface Loaded {
  rows: repo.CampaignRow[];
  targets: Awaited<ReturnType<typeof repo.targetsOf>>;
  items: Awaited<ReturnType<typeof repo.itemsOf>>;
  subjects: Map<string, Subject>;
}

const key = (kind: CampaignSubjectKind, id: number) => `${kind}:${id}`;

/** Campaigns with their targets, items and the items' subjects read from their modules. */
async function load(deps: CampaignDeps, rows: repo.CampaignRow[]): Promise<Loaded> {
  const ids = rows.map((r) => r.id);
  const [targets, items] = await Promise.all([repo.targetsOf(deps.db, ids), repo.itemsOf(deps.db, ids)]);
  const subjects = new Map<string, Subject>();
  // Each item lies in its campaign's subtree (checked when tagged): read them under it.
  for (const r of rows) {
    for (const kind of ['demand', 'activity'] as const) {
      const mine = items.filter((i) => i.campaign_id === r.id && i.subject_kind === kind).map((i) => i.subject_id);
      if (!mine.length) continue;
      for (const s of await subjectsByIds(deps.db, r.org_path, kind, mine)) subjects.set(key(kind, s.id), s);
    }
  }
  return { rows, targets, items, subjects };
}

function progressOf(deps: CampaignDeps, l: Loaded, r: repo.CampaignRow) {
  const targets = l.targets.filter((t) => t.campaign_id === r.id).map((t) => ({ id: t.org_id, path: t.org_path }));
  const facts = l.items.filter((i) => i.campaign_id === r.id).map((i) => {
    const s = l.subjects.get(key(i.subject_kind, i.subject_id));
    return { kind: i.subject_kind, orgPath: s?.orgPath ?? i.org_path, doneOn: s?.doneOn ?? null };
  });
  return campaignProgress({ startsOn: r.starts_on, endsOn: r.ends_on }, chinaDay(deps.clock.now()), targets, facts);
}

function listItem(r: repo.CampaignRow, p: ReturnType<typeof campaignProgress>) {
  return {
    id: r.id, orgId: r.org_id, orgName: r.org_name, kind: r.kind, title: r.title, startsOn: r.starts_on, endsOn: r.ends_on,
    progress: {
      demandsTotal: p.demandsTotal, demandsResolved: p.demandsResolved, activitiesTotal: p.activitiesTotal, activitiesHeld: p.activitiesHeld,
      targetsTotal: p.targetsTotal, targetsReached: p.targetsReached,
    },
  };
}

export async function listCampaigns(deps: CampaignDeps, scope: Scope, q: { kind?: CampaignKind; page: number; pageSize: number }) {
  const { rows, total } = await repo.campaignsPage(deps.db, scope, q);
  const l = await load(deps, rows);
  return { items: rows.map((r) => listItem(r, progressOf(deps, l, r))), total };
}

export async function getCampaign(deps: CampaignDeps, scope: Scope, id: number) {
  const r = await repo.campaignVisible(deps.db, scope, id);
  if (!r) throw notFound('专项行动');
  const l = await load(deps, [r]);
  const p = progressOf(deps, l, r);
  const reached = new Set(p.reachedTargetIds);
  return {
    ...listItem(r, p), description: r.description, createdAt: r.created_at.toISOString(),
    targets: l.targets.map((t) => ({ id: t.org_id, name: t.name, kind: t.kind, reached: reached.has(t.org_id) })),
    // Progress counts the whole campaign; the items themselves only where the caller may read them.
    items: l.items.filter((i) => scope.contains(i.org_path)).map((i) => {
      const s = l.subjects.get(key(i.subject_kind, i.subject_id));
      return {
        id: i.id, subjectKind: i.subject_kind, subjectId: i.subject_id, title: s?.title ?? '', placeName: s?.placeName ?? '',
        state: s?.state ?? '', done: !!s?.doneOn, doneOn: s?.doneOn ?? null, taggedAt: i.tagged_at.toISOString(),
      };
    }),
    series: p.series,
  };
}

/** Where a caller may tag in a campaign: inside both the campaign's subtree and their own scope. */
function tagWithin(c: { org_path: string }, scope: Scope) {
  return c.org_path.startsWith(scope.path) ? c.org_path : scope.path.startsWith(c.org_path) ? scope.path : null;
}

export async function candidates(deps: CampaignDeps, scope: Scope, id: number, kind: CampaignSubjectKind, q: string) {
  const c = await repo.campaignVisible(deps.db, scope, id);
  const within = c && tagWithin(c, scope);
  if (!c || !within) throw notFound('专项行动');
  const [found, tagged] = await Promise.all([searchSubjects(deps.db, within, kind, q), repo.taggedIds(deps.db, id, kind)]);
  return { items: found.map((s) => ({ id: s.id, title: s.title, placeName: s.placeName, state: s.state, tagged: tagged.has(s.id) })) };
}

/** 关联: a demand or an activity inside the campaign's subtree (and the caller's scope), once. */
export async function tagSubject(deps: CampaignDeps, actor: Actor, scope: Scope, id: number, body: { subjectKind: CampaignSubjectKind; subjectId: number }) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await repo.campaignForUpdate(trx, id);
    const within = c && tagWithin(c, scope);
    if (!c || !within) throw notFound('专项行动');
    if (chinaDay(now) > c.ends_on) throw new AppError('INVALID_TRANSITION', '专项行动已结束，不能再关联事项');
    const [s] = await subjectsByIds(trx, within, body.subjectKind, [body.subjectId]);
    if (!s) throw notFound(body.subjectKind === 'demand' ? '诉求' : '志愿活动');
    const row = await repo.insertItem(trx, {
      campaign_id: c.id, subject_kind: s.kind, subject_id: s.id, org_path: s.orgPath, county_code: s.countyCode, tagged_by: actor.accountId, tagged_at: now,
    });
    if (!row) throw new AppError('ALREADY_EXISTS', body.subjectKind === 'demand' ? '这件诉求已关联到本行动' : '这个活动已关联到本行动');
    await writeAudit(trx, actor, {
      action: 'campaign.tag', entity: 'campaign', entityId: c.id, orgPath: c.org_path, countyCode: c.county_code, after: body,
    });
  });
  return getCampaign(deps, scope, id);
}

export async function untagSubject(deps: CampaignDeps, actor: Actor, scope: Scope, id: number, itemId: number) {
  await deps.db.transaction().execute(async (trx) => {
    const c = await repo.campaignForUpdate(trx, id);
    const within = c && tagWithin(c, scope);
    const item = within ? await repo.itemById(trx, id, itemId) : undefined;
    if (!c || !item || !item.org_path.startsWith(within!)) throw notFound('关联事项');
    await repo.deleteItem(trx, item.id);
    await writeAudit(trx, actor, {
      action: 'campaign.untag', entity: 'campaign', entityId: c.id, orgPath: c.org_path, countyCode: c.county_code,
      before: { subjectKind: item.subject_kind, subjectId: item.subject_id },
    });
  });
  return getCampaign(deps, scope, id);
}
