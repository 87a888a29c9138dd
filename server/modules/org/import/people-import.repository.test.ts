import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHousehold, addResident, addUnit, createTestApp, validIdNumber, type TestApp } from '../../../../tests/helpers/test-app.js';
import * as people from './people-import.repository.js';
import { residentCopyBatch, sealValues, type ResidentRow } from './resident-seal.js';

/**
 * The write of a people import's residents, as the database in use takes it: COPY on the
 * transaction's connection on PostgreSQL, INSERT … unnest on PGlite. Run with TEST_DATABASE_URL
 * for the COPY path.
 */
describe('people import: writing residents and their history', () => {
  let t: TestApp;
  let household: { id: number; org_path: string; county_code: string };

  beforeAll(async () => {
    t = await createTestApp();
    const city = await addUnit(t.db, null, 'city', '吕梁市', { code: '141100' });
    const county = await addUnit(t.db, city, 'county', '离石区', { code: '141102', countyCode: '141102' });
    const building = await addUnit(t.db, county, 'building', '1号楼');
    const unit = await addUnit(t.db, building, 'unit', '1单元');
    household = await addHousehold(t.db, unit, '101');
  });
  afterAll(() => t?.close());

  type Plain = { id: number; idNumber: string; name: string; phone: string | null };
  const plain = (id: number, idNumber: string, name: string, phone: string | null): Plain => ({ id, idNumber, name, phone });
  const write = async (trx: Parameters<typeof people.allocateIds>[0], plains: Plain[]) => {
    const s = sealValues(t.cipher, plains.map((p) => p.idNumber), plains.map((p) => p.phone));
    const rows: ResidentRow[] = plains.map((p, k) => ({
      id: p.id, household_id: household.id, org_path: household.org_path, county_code: household.county_code, name: p.name,
      gender: 'male', birth_date: '1980-01-01', relation: 'member',
      id_number_enc: s.idNumberEnc[k], id_number_hash: t.cipher.hash(p.idNumber), id_number_mask: s.idNumberMask[k],
      phone_enc: s.phoneEnc[k], phone_hash: s.phoneHash[k], phone_mask: s.phoneMask[k],
    }));
    if (t.database.kind === 'postgres') await people.copyResidentsWithHistory(trx, residentCopyBatch(rows));
    else await people.insertResidentsWithHistory(trx, rows);
  };

  it('should write residents sealed, each with its first residence_history row, in the transaction', async () => {
    const ids = await t.db.transaction().execute(async (trx) => {
      const ids = await people.allocateIds(trx, 'resident', 3);
      await write(trx, [plain(ids[0], validIdNumber('19800101', 201), '王伟', '13812345678')]);
      // A second batch in the same transaction, with a name COPY's text format must escape.
      await write(trx, [
        plain(ids[1], validIdNumber('19800101', 202), '李\\燕', null),
        plain(ids[2], validIdNumber('19800101', 203), '张\t强', '13900000000'),
      ]);
      return ids;
    });
    const rows = await t.db.selectFrom('resident').selectAll().where('id', 'in', ids).orderBy('id').execute();
    expect(rows.map((r) => r.name)).toEqual(['王伟', '李\\燕', '张\t强']);
    expect(t.cipher.decrypt(rows[0].id_number_enc)).toBe(validIdNumber('19800101', 201));
    expect(rows[0].id_number_hash).toBe(t.cipher.hash(validIdNumber('19800101', 201)));
    expect(t.cipher.decrypt(rows[0].phone_enc!)).toBe('13812345678');
    expect([rows[1].phone_enc, rows[1].phone_hash, rows[1].phone_mask]).toEqual([null, null, null]);
    expect(rows[2].phone_mask).toBe('139****0000');
    const history = await t.db.selectFrom('residence_history').select(['resident_id', 'household_id', 'org_path', 'to_at'])
      .where('resident_id', 'in', ids).orderBy('resident_id').execute();
    expect(history).toEqual(ids.map((id) => ({ resident_id: id, household_id: household.id, org_path: household.org_path, to_at: null })));
  });

  it('should fail with 23505 on an ID number already registered, roll everything back and leave the database usable', async () => {
    const taken = validIdNumber('19800101', 301);
    await addResident(t.db, t.cipher, household, '赵敏', taken);
    const before = await t.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const err = await t.db.transaction().execute(async (trx) => {
      const ids = await people.allocateIds(trx, 'resident', 2);
      await write(trx, [plain(ids[0], validIdNumber('19800101', 302), '钱强', null)]);
      await write(trx, [plain(ids[1], taken, '孙丽', null)]);
    }).then(() => null, (e: unknown) => e);
    expect((err as { code?: string })?.code).toBe('23505');
    const after = await t.db.selectFrom('resident').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // Every pooled connection still answers (none was left inside a failed COPY).
    await Promise.all(Array.from({ length: 6 }, () => t.db.selectFrom('resident').select('id').limit(1).execute()));
  });
});
