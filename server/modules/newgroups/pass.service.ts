import QRCode from 'qrcode';
import type { z } from 'zod';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { childPlaces, orgPlace } from '../../platform/org-units.js';
import { maskName } from '../../platform/pii/name.js';
import { unitInScope, type Scope } from '../../platform/scope.js';
import type * as s from './pass.schemas.js';
import { PASS_REFRESH_MS, PASS_TTL_MS, passFresh, readPass, signPass } from './pass.token.js';
import type { GateOutcome } from './whitelist.tables.js';
import * as repo from './whitelist.repository.js';
import type { RoadDeps } from './whitelist.service.js';

/**
 * The phone pass (通行码) of a white-listed worker and its check at a compound gate. The pass is
 * a short-lived signed code the rider's phone refreshes; the gate asks the server, which answers
 * valid (masked name, platform, station — nothing more) or why not. Each check is one row: the
 * gate, the outcome, the guard — the gates' counts, never a trail of where a rider went.
 */

/** The worker a gig worker's account stands for, or a refusal that says what to do. */
export async function ownWorker(deps: RoadDeps, actor: Actor) {
  const a = await deps.db.selectFrom('account').select('gig_worker_id').where('id', '=', actor.accountId).executeTakeFirst();
  const w = a?.gig_worker_id ? await repo.workerById(deps.db, a.gig_worker_id) : undefined;
  if (!w) throw new AppError('FORBIDDEN', '账号未关联从业人员登记，请联系所在站点或社区');
  if (w.left_at) throw new AppError('FORBIDDEN', '您的从业登记已注销');
  return w;
}

export async function issue(deps: RoadDeps, actor: Actor): Promise<z.infer<typeof s.Pass>> {
  const w = await ownWorker(deps, actor);
  if (!(await repo.liveEntry(deps.db, w.id))) throw new AppError('FORBIDDEN', '您还未列入白名单，暂不能出示通行码；请联系所在街道或社区');
  const now = deps.clock.now();
  const code = signPass(deps.cipher, w.id, now);
  // The code carries whole seconds; its life runs from there.
  const issuedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return {
    code, qrSvg: await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }), issuedAt: issuedAt.toISOString(), expiresAt: new Date(issuedAt.getTime() + PASS_TTL_MS).toISOString(), refreshInMs: PASS_REFRESH_MS,
    worker: { name: w.name, platformName: w.platform_name, stationName: w.station_name },
  };
}

const MESSAGES: Record<GateOutcome, string> = {
  valid: '通行码有效，请放行',
  expired: '通行码已过期，请骑手刷新后重新出示',
  forged: '通行码无效（不是本系统签发或已被改动），请勿放行',
  not_listed: '该骑手已不在白名单中，请勿凭通行码放行',
  left: '该骑手已离职注销，请勿凭通行码放行',
};

/** The gate being checked at: the one named (in the guard's scope) or the guard's own place. */
async function gateUnit(deps: RoadDeps, scope: Scope, gateUnitId: number | undefined) {
  const u = await unitInScope(deps.db, scope, gateUnitId ?? scope.orgId, '门岗所在小区');
  if (u.kind !== 'grid' && u.kind !== 'community') throw new AppError('VALIDATION_FAILED', '请选择门岗所在的小区或社区', { fields: [{ field: 'body.gateUnitId', problem: 'kind' }] });
  return u;
}

export async function check(deps: RoadDeps, actor: Actor, scope: Scope, body: z.infer<typeof s.CheckBody>): Promise<z.infer<typeof s.CheckResult>> {
  const gate = await gateUnit(deps, scope, body.gateUnitId);
  const now = deps.clock.now();
  const pass = readPass(deps.cipher, body.code);
  const worker = pass ? await repo.workerById(deps.db, pass.workerId) : undefined;
  let outcome: GateOutcome;
  if (!pass || !worker) outcome = 'forged';
  else if (!passFresh(pass.issuedAt, now)) outcome = 'expired';
  else if (worker.left_at) outcome = 'left';
  else if (!(await repo.liveEntry(deps.db, worker.id))) outcome = 'not_listed';
  else outcome = 'valid';
  await deps.db.insertInto('gig_gate_check').values({
    gate_org_id: gate.id, org_path: gate.path, county_code: gate.county_code, worker_id: worker?.id ?? null, outcome,
    checked_by: actor.accountId, checked_at: now,
  }).execute();
  return {
    outcome, message: MESSAGES[outcome], gateName: gate.name,
    worker: outcome === 'valid' && worker ? { maskedName: maskName(worker.name), platformName: worker.platform_name, stationName: worker.station_name } : null,
  };
}

/** The gates a guard may check at: their own compound, or their community and its compounds. */
export async function gatePlaces(deps: RoadDeps, scope: Scope): Promise<z.infer<typeof s.GatePlaces>> {
  const own = await orgPlace(deps.db, scope.orgId, { live: true });
  if (!own) throw notFound('组织');
  if (own.kind === 'grid') return { units: [{ id: own.id, name: own.name }] };
  if (own.kind !== 'community') return { units: [] };
  const kids = await childPlaces(deps.db, own.id);
  return { units: [{ id: own.id, name: own.name }, ...kids.filter((k) => k.kind === 'grid').map((k) => ({ id: k.id, name: k.name }))] };
}
