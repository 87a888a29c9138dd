// @module-tag slow — minutes on the 2-core machine; skipped by --tags-filter='!slow' (README, Tests)
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridSizeWarning } from '../modules/org/org-kinds.js';
import { openDatabase, type Database } from '../platform/db/connect.js';
import { migrate } from '../platform/db/migrate.js';
import { PiiCipher } from '../platform/pii/cipher.js';
import { isMobile, maskIdNumber, maskPhone, parseIdNumber } from '../platform/pii/id-number.js';
import type { Polygon } from './geometry.js';
import { DEMO_ACCOUNTS, SEEDED_TABLES, seed, type SeedSummary } from './seed.js';

let database: Database;
const cipher = new PiiCipher(randomBytes(32));
let first: SeedSummary;
let firstSnapshot: Snapshot;
let catalogBefore: string[];

interface Snapshot {
  codes: string[];
  names: string[];
  idHashes: string[];
}
async function snapshot(): Promise<Snapshot> {
  const { db } = database;
  const codes = await db.selectFrom('org_unit').select('code').orderBy('id').execute();
  const people = await db.selectFrom('resident').select(['name', 'id_number_hash']).orderBy('id').execute();
  return { codes: codes.map((r) => r.code), names: people.map((r) => r.name), idHashes: people.map((r) => r.id_number_hash) };
}

/** Index and constraint definitions of the seeded tables: the bulk load must put them all back. */
async function catalog(): Promise<string[]> {
  const rows = await database.rawTransaction((tx) =>
    tx.query<{ d: string }>(
      `SELECT tablename || ' ' || indexdef AS d FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1::text[])
       UNION ALL
       SELECT t.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[])
       ORDER BY 1`,
      [[...SEEDED_TABLES]],
    ),
  );
  return rows.map((r) => r.d);
}

// In-memory PGlite, or a fresh schema in the PostgreSQL of TEST_DATABASE_URL (as the integration tests do).
const testUrl = process.env.TEST_DATABASE_URL;
const schema = `t_seed_${randomBytes(6).toString('hex')}`;

beforeAll(async () => {
  if (testUrl) {
    const admin = await openDatabase({ databaseUrl: testUrl });
    await admin.rawTransaction((tx) => tx.exec(`CREATE SCHEMA ${schema}`));
    await admin.close();
  }
  database = await openDatabase(testUrl ? { databaseUrl: testUrl, schema } : { dataDir: 'memory://' });
  await migrate(database);
  catalogBefore = await catalog();
  first = await seed(database, cipher, { scale: 'demo' });
  firstSnapshot = await snapshot();
});

afterAll(async () => {
  if (testUrl && database) await database.rawTransaction((tx) => tx.exec(`DROP SCHEMA ${schema} CASCADE`));
  await database?.close();
});

describe('demo seed', () => {
  it('should fill every table and report its counts', () => {
    expect(first.scale).toBe('demo');
    for (const t of SEEDED_TABLES) expect(first.counts[t], t).toBeGreaterThan(0);
    expect(first.counts.account).toBe(DEMO_ACCOUNTS.length);
    expect(first.counts.resident).toBeGreaterThan(3000);
    expect(first.counts.resident).toBeLessThan(30_000);
    expect(first.counts.residence_history).toBe(first.counts.resident);
    expect(first.counts.org_event).toBe(first.counts.org_unit);
  });

  it('should put back every index and constraint it set aside for the load', async () => {
    expect(await catalog()).toEqual(catalogBefore);
  });

  it('should move every identity past the seeded ids so the app can insert', async () => {
    for (const t of SEEDED_TABLES) {
      const [r] = await database.rawTransaction((tx) =>
        tx.query<{ m: number; n: number }>(`SELECT (SELECT max(id) FROM ${t})::int AS m, nextval(pg_get_serial_sequence('${t}', 'id'))::int AS n`));
      expect(r.n, t).toBe(r.m + 1);
    }
  });

  it('should refuse to seed a database that already has org units', async () => {
    await expect(seed(database, cipher, { scale: 'demo' })).rejects.toThrow(/已有组织数据/);
  });

  it('should give every resident a valid, correctly masked and hashed ID number and phone', async () => {
    const rows = await database.db.selectFrom('resident')
      .select(['id', 'gender', 'birth_date', 'id_number_enc', 'id_number_hash', 'id_number_mask', 'phone_enc', 'phone_hash', 'phone_mask'])
      .execute();
    const lueliang = new Set<string>();
    for (const r of rows) {
      const id = cipher.decrypt(r.id_number_enc);
      const parsed = parseIdNumber(id);
      expect(parsed, id).not.toHaveProperty('problem');
      if ('problem' in parsed) continue;
      expect(r.id_number_mask).toBe(maskIdNumber(id));
      expect(r.id_number_hash).toBe(cipher.hash(id));
      expect(parsed.gender).toBe(r.gender);
      const birth = typeof r.birth_date === 'string' ? r.birth_date : (r.birth_date as unknown as Date).toISOString().slice(0, 10);
      expect(parsed.birthDate).toBe(birth);
      lueliang.add(parsed.addressCode.slice(0, 4));
      if (r.phone_enc) {
        const phone = cipher.decrypt(r.phone_enc);
        expect(isMobile(phone), phone).toBe(true);
        expect(r.phone_mask).toBe(maskPhone(phone));
        expect(r.phone_hash).toBe(cipher.hash(phone));
      } else {
        expect(r.phone_mask).toBeNull();
      }
    }
    // Current codes, the old 吕梁地区 ones and a few from elsewhere in Shanxi.
    expect([...lueliang]).toEqual(expect.arrayContaining(['1411', '1423']));
    expect(lueliang.size).toBeGreaterThan(2);
  });

  it('should build a consistent org tree: paths, depths, county codes and codes that nest', async () => {
    const units = await database.db.selectFrom('org_unit').selectAll().orderBy('id').execute();
    const byId = new Map(units.map((u) => [u.id, u]));
    const codeLength = { city: 6, county: 6, street: 12, community: 12, grid: 20, building: 23, unit: 25 };
    const parentKind = { county: 'city', street: 'county', community: 'street', grid: 'community', building: 'grid', unit: 'building' };
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
    for (const u of units) {
      expect(u.county_code, u.name).toMatch(/^1411\d\d$/);
      expect(u.code).toHaveLength(codeLength[u.kind]);
      if (u.kind === 'city') {
        expect([u.path, u.depth, u.parent_id, u.county_code]).toEqual(['1.', 0, null, '141100']);
        continue;
      }
      const p = byId.get(u.parent_id!)!;
      expect(p.kind).toBe(parentKind[u.kind]);
      expect(u.path).toBe(`${p.path}${u.id}.`);
      expect(u.depth).toBe(p.depth + 1);
      if (u.kind === 'county') expect(u.county_code).toBe(u.code);
      else expect(u.county_code).toBe(p.county_code);
      if (u.kind === 'street') expect(u.code.slice(0, 6)).toBe(p.code);
      if (u.kind === 'community') expect(u.code.slice(0, 9)).toBe(p.code.slice(0, 9));
      if (u.kind === 'grid') expect(u.code.slice(6, 18)).toBe(p.code);
      if (u.kind === 'building' || u.kind === 'unit') expect(u.code.startsWith(p.code)).toBe(true);
      expect(u.grid_type !== null).toBe(u.kind === 'grid');
    }
    const lishi = units.find((u) => u.code === '141102')!;
    expect(units.filter((u) => u.kind === 'county')).toHaveLength(13);
    expect(units.filter((u) => u.kind === 'street' && u.parent_id === lishi.id).map((u) => u.name)).toEqual([
      '滨河街道', '凤山街道', '莲花池街道', '城北街道', '田家会街道', '交口街道', '西属巴街道', '吴城镇', '信义镇', '枣林乡', '坪头乡',
    ]);
  });

  it('should give every grid a closed polygon that does not cover its neighbours', async () => {
    const grids = await database.db.selectFrom('org_unit').select(['id', 'parent_id', 'geometry']).where('kind', '=', 'grid').execute();
    const polys = grids.map((g) => ({ ...g, geometry: g.geometry as Polygon }));
    for (const g of polys) {
      expect(g.geometry.type).toBe('Polygon');
      const ring = g.geometry.coordinates[0];
      expect(ring.length).toBeGreaterThanOrEqual(5);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const [lon, lat] of ring) {
        expect(lon).toBeGreaterThan(110.3);
        expect(lon).toBeLessThan(112.6);
        expect(lat).toBeGreaterThan(36.6);
        expect(lat).toBeLessThan(38.9);
      }
    }
    // The centre of each outline lies inside it and inside no other grid of the community.
    for (const g of polys) {
      const c = centroid(g.geometry);
      expect(inside(c, g.geometry)).toBe(true);
      for (const o of polys) if (o.id !== g.id && o.parent_id === g.parent_id) expect(inside(c, o.geometry)).toBe(false);
    }
  });

  it('should keep scattered grids within 300–500 households and give every type a grid', async () => {
    const rows = await database.db.selectFrom('org_unit as g')
      .select(['g.id', 'g.grid_type'])
      .select((eb) => eb.selectFrom('household as h').select(eb.fn.countAll<number>().as('n'))
        .where(sql<boolean>`h.org_path LIKE g.path || '%'`).as('households'))
      .where('g.kind', '=', 'grid').execute();
    expect(new Set(rows.map((r) => r.grid_type))).toEqual(new Set(['enclosed', 'scattered', 'business']));
    for (const r of rows) {
      expect(gridSizeWarning(r.grid_type, Number(r.households)), `grid ${r.id}`).toBeNull();
      if (r.grid_type !== 'business') expect(Number(r.households)).toBeGreaterThan(0);
    }
  });

  it('should stamp people and party rows with the org path and county of where they belong', async () => {
    const bad = await database.rawTransaction((tx) => tx.query<{ what: string; n: number }>(`
      SELECT 'household' AS what, count(*)::int AS n FROM household h JOIN org_unit u ON u.id = h.unit_id
        WHERE u.kind <> 'unit' OR h.org_path <> u.path OR h.county_code <> u.county_code
      UNION ALL SELECT 'resident', count(*)::int FROM resident r JOIN household h ON h.id = r.household_id
        WHERE r.org_path <> h.org_path OR r.county_code <> h.county_code
      UNION ALL SELECT 'history', count(*)::int FROM residence_history x JOIN resident r ON r.id = x.resident_id
        WHERE x.org_path <> r.org_path OR x.household_id <> r.household_id OR x.to_at IS NOT NULL
      UNION ALL SELECT 'party_org', count(*)::int FROM party_org p JOIN org_unit u ON u.id = p.org_id
        WHERE p.org_path <> u.path OR p.county_code <> u.county_code
      UNION ALL SELECT 'party_member', count(*)::int FROM party_member m JOIN resident r ON r.id = m.resident_id
        JOIN party_org p ON p.id = m.party_org_id
        WHERE m.org_path <> r.org_path OR m.org_path NOT LIKE p.org_path || '%' OR p.kind <> 'branch'
      UNION ALL SELECT 'staff', count(*)::int FROM staff s JOIN org_unit u ON u.id = s.org_id
        WHERE s.org_path <> u.path OR s.county_code <> u.county_code
      UNION ALL SELECT 'merchant', count(*)::int FROM merchant m JOIN org_unit u ON u.id = m.org_id
        WHERE m.org_path <> u.path OR u.grid_type <> 'business'
      UNION ALL SELECT 'org_event', count(*)::int FROM org_event e JOIN org_unit u ON u.id = e.org_id
        WHERE e.org_path <> u.path OR e.kind <> 'create'`));
    expect(Object.fromEntries(bad.map((r) => [r.what, r.n]))).toEqual({
      household: 0, resident: 0, history: 0, party_org: 0, party_member: 0, staff: 0, merchant: 0, org_event: 0,
    });
  });

  it('should build the party tree 大党委 → 支部 → 党小组 → 党员中心户 with members at about 7% of adults', async () => {
    const rows = await database.rawTransaction((tx) => tx.query<{ kind: string; parent: string | null; n: number; led: number; homes: number; kinds: number }>(`
      SELECT p.kind, pp.kind AS parent, count(*)::int AS n, count(p.secretary_member_id)::int AS led,
             count(p.household_id)::int AS homes, count(DISTINCT p.secretary_kind)::int AS kinds
      FROM party_org p LEFT JOIN party_org pp ON pp.id = p.parent_id GROUP BY 1, 2 ORDER BY 1, 2`));
    const by = (kind: string, parent: string | null) => rows.find((r) => r.kind === kind && r.parent === parent);
    expect(rows.map((r) => `${r.kind}<${r.parent}`).sort()).toEqual(['branch<committee', 'committee<null', 'group<branch', 'member_household<group']);
    expect(by('branch', 'committee')!.kinds).toBe(5);
    expect(by('member_household', 'group')!.homes).toBe(by('member_household', 'group')!.n);
    const grids = await database.db.selectFrom('org_unit').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'grid').executeTakeFirstOrThrow();
    expect(by('branch', 'committee')!.n).toBe(Number(grids.n));
    const [{ adults, members }] = await database.rawTransaction((tx) => tx.query<{ adults: number; members: number }>(`
      SELECT (SELECT count(*) FROM resident WHERE birth_date <= DATE '2008-01-01')::int AS adults,
             (SELECT count(*) FROM party_member)::int AS members`));
    expect(members / adults).toBeGreaterThan(0.05);
    expect(members / adults).toBeLessThan(0.09);
  });

  it('should give every demo account a scope that exists, with its county', async () => {
    const rows = await database.db.selectFrom('account as a')
      .leftJoin('org_unit as u', (j) => j.onRef('u.id', '=', 'a.scope_org_id').onRef('u.path', '=', 'a.scope_path'))
      .select(['a.username', 'a.role', 'a.county_code', 'u.id', 'u.kind', 'u.county_code as unit_county', 'u.name'])
      .execute();
    expect(rows.map((r) => r.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
    for (const r of rows) {
      expect(r.id, r.username).not.toBeNull();
      expect(r.county_code).toBe(r.unit_county);
    }
    const kindOf = Object.fromEntries(rows.map((r) => [r.username, `${r.kind}:${r.name}`]));
    expect(kindOf.city_admin).toBe('city:吕梁市');
    expect(kindOf.county_lishi).toBe('county:离石区');
    expect(kindOf.street_binhe).toBe('street:滨河街道');
    expect(kindOf.secretary_binhe1).toBe('community:龙凤社区');
    expect(kindOf.worker_binhe2).toBe('community:滨河社区');
    expect(kindOf.grid_binhe1).toMatch(/^grid:/);
    expect(kindOf.member_demo).toMatch(/^unit:/);
    expect(kindOf.resident_demo).toMatch(/^unit:/);
  });

  it('should generate the same city again from scratch', async () => {
    await database.rawTransaction((tx) => tx.exec(`TRUNCATE ${SEEDED_TABLES.join(', ')}, session, audit_log RESTART IDENTITY CASCADE`));
    const again = await seed(database, cipher, { scale: 'demo' });
    expect(again.counts).toEqual(first.counts);
    const snap = await snapshot();
    expect(snap.codes).toEqual(firstSnapshot.codes);
    expect(snap.names).toEqual(firstSnapshot.names);
    // Same ID numbers (the keyed hash is deterministic; the ciphertexts are not).
    expect(snap.idHashes).toEqual(firstSnapshot.idHashes);
  });
});

function centroid(p: Polygon): [number, number] {
  const ring = p.coordinates[0].slice(0, -1);
  return [ring.reduce((a, q) => a + q[0], 0) / ring.length, ring.reduce((a, q) => a + q[1], 0) / ring.length];
}

function inside([x, y]: [number, number], p: Polygon): boolean {
  const ring = p.coordinates[0];
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}
