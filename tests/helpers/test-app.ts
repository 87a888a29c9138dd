import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { DB, GridType, OrgKind, Role } from '../../server/database.js';
import { hashPassword } from '../../server/platform/auth/password.js';
import { openDatabase, type Database } from '../../server/platform/db/connect.js';
import { migrate } from '../../server/platform/db/migrate.js';
import { PiiCipher } from '../../server/platform/pii/cipher.js';
import type { Clock } from '../../server/platform/clock.js';
import { idNumberCheckChar, maskIdNumber, maskPhone } from '../../server/platform/pii/id-number.js';
import { inject } from 'vitest';
import { adminStatement, quoteIdent, templateReady, urlWithDatabase, type TestTemplate } from './template-db.js';

/**
 * A real app on a real database for one test file: in-memory PGlite by default, or its own
 * database in the PostgreSQL of TEST_DATABASE_URL, so the same tests prove both engines. Each is
 * a copy of the run's migrated template (tests/helpers/global-setup.ts); without one (another
 * config, no globalSetup) it migrates a fresh database as before.
 */
export interface TestApp {
  app: FastifyInstance;
  database: Database;
  db: Kysely<DB>;
  cipher: PiiCipher;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'Test@12345';
let passwordHash: Promise<string> | undefined;

export async function createTestApp(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const url = process.env.TEST_DATABASE_URL;
  const { database, drop } = url ? await postgresDatabase(url) : await pgliteDatabase();
  // On a copy of the template this applies nothing; it still checks that every migration file
  // is applied and unchanged, and applies one added since the template was built.
  await migrate(database);
  const cipher = new PiiCipher(randomBytes(32));
  const config = loadConfig({ LINLI_DATA_DIR: '/tmp/linli-test-unused', ...opts.env } as NodeJS.ProcessEnv);
  const app = await buildApp({ database, cipher, config, clock: opts.clock }, { rateLimitPerMinute: 100_000 });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    cipher,
    async close() {
      await app.close();
      await drop?.();
      await database.close();
    },
  };
}

function template(): TestTemplate | undefined {
  try {
    return inject('linliTestTemplate');
  } catch {
    return undefined;
  }
}

let pgliteDump: Promise<Blob> | undefined;

async function pgliteDatabase(): Promise<{ database: Database; drop?: () => Promise<void> }> {
  const tpl = template();
  const file = tpl?.pgliteDump;
  // One read per test file; every app loads its own in-memory copy from the same tarball.
  if (file) pgliteDump ??= templateReady(tpl).then(() => fs.promises.readFile(file)).then((b) => new Blob([b]));
  return { database: await openDatabase({ dataDir: 'memory://', loadDataDir: file ? await pgliteDump : undefined }) };
}

async function postgresDatabase(url: string): Promise<{ database: Database; drop?: () => Promise<void> }> {
  const tpl = template();
  if (tpl?.pgTemplate && tpl.pgClonePrefix) {
    // Its own database, copied from the template (a file copy, no DDL). Dropped by the run's
    // teardown rather than here: each DROP DATABASE waits for a checkpoint (seconds on a busy
    // machine), and the teardown drops them together, sharing checkpoints.
    await templateReady(tpl);
    const name = `${tpl.pgClonePrefix}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    await adminStatement(url, `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(tpl.pgTemplate)}`);
    return { database: await openDatabase({ databaseUrl: urlWithDatabase(url, name) }) };
  }
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = await openDatabase({ databaseUrl: url });
  await admin.rawTransaction((tx) => tx.exec(`CREATE SCHEMA ${schema}`));
  await admin.close();
  const database = await openDatabase({ databaseUrl: url, schema });
  return { database, drop: () => database.rawTransaction((tx) => tx.exec(`DROP SCHEMA ${schema} CASCADE`)) };
}

let seq = 0;
const uniq = () => `${Date.now() % 100000}${++seq}`.padStart(8, '0');

/** Inserts an org unit under `parent` with a correct path, as the org service would. */
export async function addUnit(
  db: Kysely<DB>,
  parent: { id: number; path: string; depth: number; county_code: string } | null,
  kind: OrgKind,
  name: string,
  extra: { gridType?: GridType; code?: string; countyCode?: string; geometry?: unknown } = {},
) {
  const code = extra.code ?? `${kind === 'county' ? '1411' : '9'}${uniq()}`;
  const county = kind === 'city' ? '141100' : kind === 'county' ? (extra.countyCode ?? code.slice(0, 6)) : parent!.county_code;
  const { id } = await db
    .insertInto('org_unit')
    .values({
      parent_id: parent?.id ?? null, kind, code, name, path: `tmp-${code}`, depth: parent ? parent.depth + 1 : 0,
      county_code: county, grid_type: kind === 'grid' ? (extra.gridType ?? 'enclosed') : null,
      geometry: extra.geometry ? JSON.stringify(extra.geometry) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent?.path ?? ''}${id}.`;
  await db.updateTable('org_unit').set({ path }).where('id', '=', id).execute();
  return { id, path, depth: parent ? parent.depth + 1 : 0, county_code: county, name, code };
}

export type Unit = Awaited<ReturnType<typeof addUnit>>;

export function validIdNumber(birth = '19800101', seqNo = 123, area = '141102') {
  const first17 = `${area}${birth}${String(seqNo).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export async function addHousehold(db: Kysely<DB>, unit: Unit, room: string) {
  const { id } = await db
    .insertInto('household')
    .values({ unit_id: unit.id, org_path: unit.path, county_code: unit.county_code, room, address: `${unit.name}${room}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, org_path: unit.path, county_code: unit.county_code };
}

export async function addResident(
  db: Kysely<DB>, cipher: PiiCipher, household: { id: number; org_path: string; county_code: string },
  name: string, idNumber: string, phone: string | null = null,
) {
  const { id } = await db
    .insertInto('resident')
    .values({
      household_id: household.id, org_path: household.org_path, county_code: household.county_code, name,
      gender: Number(idNumber[16]) % 2 ? 'male' : 'female',
      birth_date: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      id_number_enc: cipher.encrypt(idNumber), id_number_hash: cipher.hash(idNumber), id_number_mask: maskIdNumber(idNumber),
      phone_enc: phone ? cipher.encrypt(phone) : null, phone_hash: phone ? cipher.hash(phone) : null,
      phone_mask: phone ? maskPhone(phone) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function addAccount(db: Kysely<DB>, role: Role, scope: Unit, username = `${role}_${uniq()}`) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const { id } = await db
    .insertInto('account')
    .values({
      username, password_hash: await passwordHash, display_name: username, role,
      scope_org_id: scope.id, scope_path: scope.path, county_code: scope.county_code,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, username };
}

export interface Session {
  cookie: string;
  csrf: string;
  /** Sends a request as this account, with the session cookie and CSRF header. */
  request(method: string, url: string, payload?: unknown): Promise<{ status: number; body: any }>;
}

export async function login(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'linli_session')!;
  const csrf = res.json().csrfToken as string;
  const cookieHeader = `linli_session=${cookie.value}`;
  return {
    cookie: cookieHeader,
    csrf,
    async request(method, url, payload) {
      const r = await app.inject({
        method: method as 'GET',
        url,
        payload: payload as object | undefined,
        headers: { cookie: cookieHeader, 'x-csrf-token': csrf },
      });
      let body: unknown = r.body;
      try {
        body = r.json();
      } catch {
        // Not JSON (file downloads).
      }
      return { status: r.statusCode, body };
    },
  };
}

/**
 * A small city: two streets, each with two communities, each with one grid, building, unit and
 * household with a resident. Enough to tell "mine" from "not mine" at every level.
 */
export async function buildSmallCity(t: TestApp) {
  const { db, cipher } = t;
  const city = await addUnit(db, null, 'city', '吕梁市', { code: `141100${uniq()}` });
  const county = await addUnit(db, city, 'county', '离石区', { code: `141102${uniq()}`, countyCode: '141102' });
  const otherCounty = await addUnit(db, city, 'county', '孝义市', { code: `141181${uniq()}`, countyCode: '141181' });
  const streets = [];
  const communities = [];
  let n = 1;
  for (const [parent, sname] of [[county, '滨河街道'], [county, '凤山街道'], [otherCounty, '新义街道']] as const) {
    const street = await addUnit(db, parent, 'street', sname);
    streets.push(street);
    for (const cname of ['一社区', '二社区']) {
      const community = await addUnit(db, street, 'community', `${sname}${cname}`);
      const grid = await addUnit(db, community, 'grid', `${community.name}第1网格`, {
        gridType: 'enclosed',
        geometry: { type: 'Polygon', coordinates: [[[111.1, 37.5], [111.11, 37.5], [111.11, 37.51], [111.1, 37.51], [111.1, 37.5]]] },
      });
      const building = await addUnit(db, grid, 'building', '1号楼');
      const unit = await addUnit(db, building, 'unit', '1单元');
      const household = await addHousehold(db, unit, '101');
      const residentId = await addResident(db, cipher, household, `张${n}`, validIdNumber('19700101', n * 2 + 1), `1380000${String(n).padStart(4, '0')}`);
      const { id: partyOrgId } = await db.insertInto('party_org').values({
        kind: 'committee', name: `${community.name}党委`, org_id: community.id, org_path: community.path, county_code: community.county_code,
      }).returning('id').executeTakeFirstOrThrow();
      const { id: memberId } = await db.insertInto('party_member').values({
        resident_id: residentId, party_org_id: partyOrgId, org_path: household.org_path, county_code: household.county_code,
        member_kind: 'retired', joined_on: '1990-07-01',
      }).returning('id').executeTakeFirstOrThrow();
      const { id: staffId } = await db.insertInto('staff').values({
        org_id: community.id, org_path: community.path, county_code: community.county_code, name: `${community.name}社工`,
        post: 'community_worker', post_type: 'worker', grade: 3,
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('merchant').values({
        org_id: grid.id, org_path: grid.path, county_code: grid.county_code, name: `${community.name}便利店`, business: '零售',
        address: `${community.name}临街`, contact_name: '店主',
      }).execute();
      const { id: demandId } = await db.insertInto('demand').values({
        org_id: grid.id, org_path: grid.path, county_code: grid.county_code, channel: 'walk_in', category_code: 'other',
        description: `${community.name}路灯不亮`, due_at: new Date(Date.now() + 86400_000), created_at: new Date(),
      }).returning('id').executeTakeFirstOrThrow();
      const county = parent;
      const dep = await db.insertInto('department').values({ name: `${sname}${cname}对口部门`, org_id: county.id, org_path: county.path, county_code: county.county_code })
        .returning('id').executeTakeFirstOrThrow();
      const { id: dispatchId } = await db.insertInto('demand_dispatch').values({
        demand_id: demandId, department_id: dep.id, org_path: grid.path, county_code: grid.county_code, created_at: new Date(), report_due_at: new Date(),
      }).returning('id').executeTakeFirstOrThrow();
      const anyAccount = await addAccount(db, 'community_secretary', community);
      const { id: meetingId } = await db.insertInto('demand_meeting').values({
        org_id: community.id, org_path: community.path, county_code: community.county_code, held_on: '2026-11-01',
        title: `${community.name}民情分析会`, created_by: anyAccount.id, created_at: new Date(),
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('demand_meeting_item').values({ meeting_id: meetingId, demand_id: demandId }).execute();
      communities.push({ community, grid, building, unit, household, residentId, partyOrgId, memberId, demandId, dispatchId, departmentId: dep.id, meetingId, staffId });
      n++;
    }
  }
  return { city, county, otherCounty, streets, communities };
}
