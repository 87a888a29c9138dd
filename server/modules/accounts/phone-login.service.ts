import fs from 'node:fs';
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { DB } from '../../database.js';
import { writeAudit } from '../../platform/audit.js';
import { createSession } from '../../platform/auth/sessions.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { AppError, fromDatabaseError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/http/request-context.js';
import { orgPlace } from '../../platform/org-units.js';
import type { PiiCipher } from '../../platform/pii/cipher.js';
import { ID_NUMBER_MESSAGES, maskIdNumber, maskPhone, parseIdNumber } from '../../platform/pii/id-number.js';
import type { Scope } from '../../platform/scope.js';
import { logSmsChannel, type SmsChannel } from '../../platform/notifications.js';
import * as repo from './phone-login.repository.js';
import type { RegistrationView } from './phone-login.schemas.js';
import type { RegistrationStatus } from './phone-login.tables.js';

export const CODE_TTL_SECONDS = 300;
export const RESEND_SECONDS = 60;
export const CODES_PER_HOUR = 5;
export const MAX_CODE_ATTEMPTS = 5;
/** Accounts made from a phone sign-in have no password: no scrypt hash ever matches this. */
const NO_PASSWORD = 'none$phone-code-only';

export interface PhoneLoginDeps {
  db: Kysely<DB>;
  cipher: PiiCipher;
  clock: Clock;
  sms: SmsChannel;
  devSmsFile?: string;
}

export const phoneLoginDeps = (ctx: AppContext): PhoneLoginDeps => ({
  db: ctx.database.db, cipher: ctx.cipher, clock: ctx.clock ?? systemClock, sms: ctx.sms ?? logSmsChannel, devSmsFile: ctx.config.devSmsFile,
});

const invalidCode = () => new AppError('INVALID_CREDENTIALS', '验证码错误或已失效，请重新获取');

/** The code is kept only as an HMAC under the personal-data key, bound to the phone and purpose. */
const codeHash = (cipher: PiiCipher, phoneHash: string, purpose: string, code: string) =>
  cipher.hash(`sms-code\u0000${phoneHash}\u0000${purpose}\u0000${code}`);

async function sendText(
  deps: PhoneLoginDeps, trx: Transaction<DB>, to: { phone: string; accountId: number | null },
  m: { title: string; body: string; orgPath: string; countyCode: string },
) {
  const phoneMask = maskPhone(to.phone);
  await deps.sms.send(trx, { accountId: to.accountId, phone: to.phone, phoneMask }, m);
  if (deps.devSmsFile) fs.appendFileSync(deps.devSmsFile, `${JSON.stringify({ at: deps.clock.now().toISOString(), to: phoneMask, title: m.title, body: m.body })}\n`);
}

/**
 * Sends a sign-in or registration code. A sign-in code goes only to a phone of a registered
 * resident, yet every phone gets the same answer and the same limits (one request of a kind a minute,
 * five an hour, counted in the database for known and unknown phones alike): the answer never tells
 * whether a number is registered. A registration code goes to any phone: it proves the phone.
 * The hourly limit counts both kinds together.
 */
export async function requestCode(
  deps: PhoneLoginDeps, input: { purpose: 'login' | 'register'; phone: string; communityId?: number }, ip: string,
) {
  const { db, cipher, clock } = deps;
  const phoneHash = cipher.hash(input.phone);
  let place: { org_path: string; county_code: string } | undefined;
  if (input.purpose === 'register') {
    if (!input.communityId) {
      throw new AppError('VALIDATION_FAILED', '请选择所在社区', { fields: [{ field: 'body.communityId', problem: '请选择所在社区' }] });
    }
    const c = await orgPlace(db, input.communityId, { kind: 'community', live: true });
    if (!c) throw notFound('社区');
    place = { org_path: c.path, county_code: c.county_code };
  }
  const now = clock.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction().execute(async (trx) => {
    await repo.lockPhone(trx, phoneHash);
    // A minute between codes of one kind (a resident just registered may sign in at once); five an hour in all.
    const { recent, hour } = await repo.countRequests(
      trx, phoneHash, input.purpose, new Date(now.getTime() - RESEND_SECONDS * 1000), new Date(now.getTime() - 3600_000),
    );
    if (recent > 0) throw new AppError('RATE_LIMITED', `验证码已发送，请${RESEND_SECONDS}秒后再获取`, { retryAfterSeconds: RESEND_SECONDS });
    if (hour >= CODES_PER_HOUR) throw new AppError('RATE_LIMITED', '获取验证码过于频繁，请一小时后再试', { retryAfterSeconds: 3600 });
    if (input.purpose === 'login') {
      const [resident] = await repo.residentsByPhone(trx, phoneHash);
      if (resident) place = { org_path: resident.org_path, county_code: resident.county_code };
    }
    await repo.insertCode(trx, {
      phone_hash: phoneHash, purpose: input.purpose, code_hash: place ? codeHash(cipher, phoneHash, input.purpose, code) : null,
      created_at: now, expires_at: new Date(now.getTime() + CODE_TTL_SECONDS * 1000), ip,
      org_path: place?.org_path ?? null, county_code: place?.county_code ?? null,
    });
    if (place) {
      await sendText(deps, trx, { phone: input.phone, accountId: null }, {
        title: '邻里验证码', body: `您的验证码是${code}，${CODE_TTL_SECONDS / 60}分钟内有效。请勿告诉他人。`, ...placeOf(place),
      });
    }
  });
  return { ok: true as const, resendAfterSeconds: RESEND_SECONDS, expiresInSeconds: CODE_TTL_SECONDS };
}

const placeOf = (p: { org_path: string; county_code: string }) => ({ orgPath: p.org_path, countyCode: p.county_code });

/**
 * Checks a code: each try is counted against the newest live code (at most five tries), and a
 * right code is used up at once, so it never works twice. Unknown phones, wrong, expired and
 * used codes all get the same answer.
 */
async function verifyCode(deps: PhoneLoginDeps, phoneHash: string, purpose: 'login' | 'register', code: string) {
  const now = deps.clock.now();
  const row = await repo.tryLatestCode(deps.db, phoneHash, purpose, now, MAX_CODE_ATTEMPTS);
  const expected = Buffer.from(codeHash(deps.cipher, phoneHash, purpose, code));
  const stored = Buffer.from(row?.code_hash ?? '');
  if (!row || stored.length !== expected.length || !timingSafeEqual(stored, expected)) throw invalidCode();
  if (!(await repo.consumeCode(deps.db, row.id, now))) throw invalidCode();
}

/**
 * The account a resident signs in as: the resident's own (a resident or party member account),
 * made on the first sign-in with no password, scoped to the resident's unit.
 */
async function ensureResidentAccount(
  trx: Transaction<DB>, actor: Actor | null,
  r: { id: number; name: string; unit_id: number; org_path: string; county_code: string }, phoneHash: string, ip: string,
) {
  const existing = await repo.accountOfResident(trx, r.id);
  if (existing) {
    if (existing.disabled) throw new AppError('FORBIDDEN', '您的账号已停用，请联系所在社区');
    // Staff accounts linked to a resident sign in with their password only: a text message is not enough for them.
    if (existing.role !== 'resident' && existing.role !== 'party_member') {
      throw new AppError('FORBIDDEN', '该手机号对应工作人员账号，请用用户名和密码登录');
    }
    return existing.id;
  }
  const username = `p${createHash('sha256').update(phoneHash).digest('hex').slice(0, 8)}_${r.id}`;
  const { id } = await repo.insertResidentAccount(trx, {
    username, displayName: r.name, residentId: r.id, unitId: r.unit_id, unitPath: r.org_path, countyCode: r.county_code, passwordHash: NO_PASSWORD,
  });
  await writeAudit(trx, actor, {
    action: 'account.create', entity: 'account', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
    after: { username, role: 'resident', residentId: r.id, via: 'phone' }, ip,
  });
  return id;
}

/**
 * Signs a resident in by phone and code. Several residents sharing one phone (a family's one
 * mobile) sign in as the household head among them, else the one registered first.
 */
export async function loginWithCode(deps: PhoneLoginDeps, phone: string, code: string, ip: string, userAgent?: string) {
  const { db, cipher } = deps;
  const phoneHash = cipher.hash(phone);
  await verifyCode(deps, phoneHash, 'login', code);
  const [r] = await repo.residentsByPhone(db, phoneHash);
  if (!r || r.unit_id === null) throw invalidCode();
  const resident = { ...r, unit_id: r.unit_id };
  let accountId: number;
  try {
    accountId = await db.transaction().execute(async (trx) => {
      const id = await ensureResidentAccount(trx, null, resident, phoneHash, ip);
      await writeAudit(trx, null, {
        action: 'auth.phone_login', entity: 'account', entityId: id, orgPath: r.org_path, countyCode: r.county_code,
        after: { phone: maskPhone(phone), residentId: r.id }, ip,
      });
      return id;
    });
  } catch (e) {
    // The same resident signing in twice at once: the other request made the account.
    if ((e as { code?: string }).code !== '23505') throw e;
    const again = await repo.accountOfResident(db, r.id);
    if (!again) throw fromDatabaseError(e) ?? e;
    accountId = again.id;
  }
  const session = await createSession(db, accountId, ip, userAgent);
  return { ...session, accountId };
}

/** Public: communities by name, for the registration form's picker. */
export async function searchCommunities(db: Kysely<DB>, q: string) {
  const rows = await repo.searchCommunities(db, q, 20);
  return { items: rows.map((c) => ({ id: c.id, name: c.name, streetName: c.street_name, countyName: c.county_name })) };
}

/**
 * A resident not in the register applies, after proving the phone with a code. The ID number
 * is checked (GB 11643) and kept encrypted; staff see it masked.
 */
export async function submitRegistration(
  deps: PhoneLoginDeps,
  input: { phone: string; code: string; name: string; idNumber: string; communityId: number; address: string },
  ip: string,
) {
  const { db, cipher, clock } = deps;
  const parsed = parseIdNumber(input.idNumber);
  if ('problem' in parsed) {
    const message = ID_NUMBER_MESSAGES[parsed.problem];
    throw new AppError('VALIDATION_FAILED', message, { fields: [{ field: 'body.idNumber', problem: message }] });
  }
  const community = await orgPlace(db, input.communityId, { kind: 'community', live: true });
  if (!community) throw notFound('社区');
  const phoneHash = cipher.hash(input.phone);
  await verifyCode(deps, phoneHash, 'register', input.code);
  // From here the caller has shown they hold the phone: telling them it is registered is safe.
  if ((await repo.residentsByPhone(db, phoneHash)).length) {
    throw new AppError('CONFLICT', '该手机号已登记，请直接用手机号验证码登录');
  }
  return db.transaction().execute(async (trx) => {
    if (await repo.pendingRequestOfPhone(trx, phoneHash)) throw new AppError('CONFLICT', '您已提交过登记申请，请等待社区确认');
    const { id } = await repo.insertRequest(trx, {
      community_id: community.id, org_path: community.path, county_code: community.county_code, name: input.name,
      id_number_enc: cipher.encrypt(parsed.value), id_number_hash: cipher.hash(parsed.value), id_number_mask: maskIdNumber(parsed.value),
      phone_enc: cipher.encrypt(input.phone), phone_hash: phoneHash, phone_mask: maskPhone(input.phone),
      address: input.address, created_at: clock.now(),
    });
    await writeAudit(trx, null, {
      action: 'registration.submit', entity: 'registration_request', entityId: id, orgPath: community.path, countyCode: community.county_code,
      after: { name: input.name, idNumber: maskIdNumber(parsed.value), phone: maskPhone(input.phone), communityId: community.id }, ip,
    });
    return { ok: true as const, communityName: community.name };
  });
}

type RequestRow = NonNullable<Awaited<ReturnType<typeof repo.findRequest>>>;

function toView(r: Omit<RequestRow, 'id_number_enc' | 'phone_enc' | 'phone_hash'>, known: Map<string, number>): RegistrationView {
  return {
    id: r.id, communityId: r.community_id, communityName: r.community_name,
    applicant: { name: r.name, idNumber: r.id_number_mask, phone: r.phone_mask }, address: r.address, status: r.status, createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null, decidedBy: r.decided_by_name, rejectReason: r.reject_reason,
    residentId: r.resident_id, knownResidentId: r.status === 'pending' ? (known.get(r.id_number_hash) ?? null) : null,
  };
}

export async function listRegistrations(db: Kysely<DB>, scope: Scope, q: { status: RegistrationStatus; page: number; pageSize: number }) {
  const { items, total } = await repo.listRequests(db, scope, q);
  const known = await repo.residentsByIdHash(db, scope, items.filter((r) => r.status === 'pending').map((r) => r.id_number_hash));
  return { items: items.map((r) => toView(r, known)), total };
}

async function viewOf(db: Kysely<DB> | Transaction<DB>, scope: Scope, id: number) {
  const r = await repo.findRequest(db, scope, id);
  if (!r) throw notFound('登记申请');
  return toView(r, await repo.residentsByIdHash(db, scope, [r.id_number_hash]));
}

/**
 * Staff confirm a request: the applicant becomes a resident of the chosen household (an existing
 * one, or a new one in a unit of the community), with the encrypted values the request holds, and
 * gets a resident account; or, when the ID number is already in the register here, the phone is
 * added to that resident. The applicant is told by SMS. One transaction; a request is decided once.
 */
export async function confirmRegistration(
  deps: PhoneLoginDeps, actor: Actor, scope: Scope, id: number,
  input: { householdId?: number; unitId?: number; room?: string; relation: 'head' | 'spouse' | 'child' | 'parent' | 'member' | 'tenant' },
) {
  const { db, cipher, clock } = deps;
  return db.transaction().execute(async (trx) => {
    const req = await repo.findRequest(trx, scope, id);
    if (!req) throw notFound('登记申请');
    if (req.status !== 'pending') throw new AppError('CONFLICT', '该申请已处理');
    const idNumber = cipher.decrypt(req.id_number_enc);
    const phone = cipher.decrypt(req.phone_enc);
    const inCommunity = (path: string) => path.startsWith(req.org_path);
    const now = clock.now();
    let resident: { id: number; name: string; unit_id: number; org_path: string; county_code: string };
    const existing = await repo.residentByIdHashAnywhere(trx, req.id_number_hash);
    if (existing) {
      if (!scope.contains(existing.org_path) || !inCommunity(existing.org_path) || existing.unit_id === null) {
        throw new AppError('CONFLICT', '该身份证号已在其他社区登记，请核实：可不予通过，或请原社区办理迁入');
      }
      await repo.setResidentPhone(trx, existing.id, { phone_enc: req.phone_enc, phone_hash: req.phone_hash, phone_mask: req.phone_mask });
      await writeAudit(trx, actor, {
        action: 'resident.phone', entity: 'resident', entityId: existing.id, orgPath: existing.org_path, countyCode: existing.county_code,
        after: { phone: req.phone_mask, registrationId: req.id },
      });
      resident = { id: existing.id, name: existing.name, unit_id: existing.unit_id, org_path: existing.org_path, county_code: existing.county_code };
    } else {
      const household = await chooseHousehold(trx, scope, inCommunity, input);
      const parsed = parseIdNumber(idNumber);
      if ('problem' in parsed) throw new AppError('CONFLICT', ID_NUMBER_MESSAGES[parsed.problem]);
      const residentId = await repo.insertResident(trx, {
        household_id: household.id, org_path: household.org_path, county_code: household.county_code, name: req.name,
        gender: parsed.gender, birth_date: parsed.birthDate, relation: input.relation,
        id_number_enc: req.id_number_enc, id_number_hash: req.id_number_hash, id_number_mask: req.id_number_mask,
        phone_enc: req.phone_enc, phone_hash: req.phone_hash, phone_mask: req.phone_mask,
      }, now);
      await writeAudit(trx, actor, {
        action: 'resident.create', entity: 'resident', entityId: residentId, orgPath: household.org_path, countyCode: household.county_code,
        after: { name: req.name, idNumber: req.id_number_mask, phone: req.phone_mask, householdId: household.id, registrationId: req.id },
      });
      resident = { id: residentId, name: req.name, unit_id: household.unit_id, org_path: household.org_path, county_code: household.county_code };
    }
    if (!(await repo.decideRequest(trx, req.id, { status: 'confirmed', at: now, by: actor.accountId, residentId: resident.id }))) {
      throw new AppError('CONFLICT', '该申请已处理');
    }
    const accountId = await ensureResidentAccount(trx, actor, resident, req.phone_hash, actor.ip);
    await writeAudit(trx, actor, {
      action: 'registration.confirm', entity: 'registration_request', entityId: req.id, orgPath: req.org_path, countyCode: req.county_code,
      after: { residentId: resident.id, accountId, linkedExisting: Boolean(existing) },
    });
    await sendText(deps, trx, { phone, accountId }, {
      title: '居民登记已通过', body: `您在${req.community_name}的居民登记已通过，现在可以用本手机号和短信验证码登录邻里。`,
      orgPath: req.org_path, countyCode: req.county_code,
    });
    return viewOf(trx, scope, req.id);
  });
}

async function chooseHousehold(
  trx: Transaction<DB>, scope: Scope, inCommunity: (path: string) => boolean, input: { householdId?: number; unitId?: number; room?: string },
) {
  if (input.householdId) {
    const h = await repo.findHouseholdInScope(trx, scope, input.householdId);
    if (!h || !inCommunity(h.org_path)) throw notFound('住户');
    return h;
  }
  if (input.unitId && input.room) {
    const unit = await orgPlace(trx, input.unitId, { kind: 'unit', live: true });
    if (!unit || !scope.contains(unit.path) || !inCommunity(unit.path)) throw notFound('单元');
    const taken = await repo.householdOfRoom(trx, unit.id, input.room);
    if (taken) throw new AppError('ALREADY_EXISTS', '该单元已有此房号的住户，请直接选择该住户', { fields: [{ field: 'body.room', problem: '房号已存在' }] });
    const address = `${await repo.unitAddress(trx, unit.path)}${input.room}室`;
    const { id } = await repo.insertHousehold(trx, {
      unit_id: unit.id, org_path: unit.path, county_code: unit.county_code, room: input.room, address,
    });
    return { id, unit_id: unit.id, org_path: unit.path, county_code: unit.county_code, address };
  }
  const problem = '请选择住户，或选择单元并填写房号';
  throw new AppError('VALIDATION_FAILED', problem, { fields: [{ field: 'body.householdId', problem }] });
}

export async function rejectRegistration(deps: PhoneLoginDeps, actor: Actor, scope: Scope, id: number, reason: string) {
  const { db, cipher, clock } = deps;
  return db.transaction().execute(async (trx) => {
    const req = await repo.findRequest(trx, scope, id);
    if (!req) throw notFound('登记申请');
    if (!(await repo.decideRequest(trx, req.id, { status: 'rejected', at: clock.now(), by: actor.accountId, reason }))) {
      throw new AppError('CONFLICT', '该申请已处理');
    }
    await writeAudit(trx, actor, {
      action: 'registration.reject', entity: 'registration_request', entityId: req.id, orgPath: req.org_path, countyCode: req.county_code,
      after: { reason },
    });
    await sendText(deps, trx, { phone: cipher.decrypt(req.phone_enc), accountId: null }, {
      title: '居民登记未通过', body: `您在${req.community_name}的居民登记申请未通过：${reason}。如有疑问请联系社区。`,
      orgPath: req.org_path, countyCode: req.county_code,
    });
    return viewOf(trx, scope, req.id);
  });
}
