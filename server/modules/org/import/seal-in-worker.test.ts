import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiCipher } from '../../../platform/pii/cipher.js';
import { RESIDENT_COLUMNS, residentCopyBatch, type ResidentRow } from './resident-seal.js';
import { sealInBatches, startResidentSealer } from './seal-in-worker.js';

const cipher = new PiiCipher(randomBytes(32));
const values = [
  { idNumber: '141102198001011768', phone: '13812345678' },
  { idNumber: '14110219820202002X', phone: null },
  { idNumber: '141102199003030011', phone: '13900000000' },
  { idNumber: '141102199104040022', phone: null },
  { idNumber: '141102199205050033', phone: '13700000001' },
];

/** Reads COPY text format back, as PostgreSQL would. */
function parseCopy(text: string): (string | null)[][] {
  return text.split('\n').filter(Boolean).map((line) => line.split('\t').map((v) =>
    v === '\\N' ? null : v.replace(/\\(.)/g, (_, ch: string) => ({ t: '\t', n: '\n', r: '\r' })[ch] ?? ch)));
}

describe('sealing residents for the write phase', () => {
  for (const worker of [false, true]) {
    it(`should encrypt, hash and mask in order, batch by batch, ${worker ? 'in a worker thread' : 'on the main thread'}`, async () => {
      const batches = sealInBatches(cipher, values, { batch: 2, ahead: 2, worker });
      try {
        const got = [await batches.next(), await batches.next(), await batches.next()];
        expect(got.map((b) => b.idNumberEnc.length)).toEqual([2, 2, 1]);
        const flat = (k: keyof (typeof got)[0]) => got.flatMap((b) => b[k]);
        expect(flat('idNumberEnc').map((s) => cipher.decrypt(s!))).toEqual(values.map((v) => v.idNumber));
        expect(flat('idNumberMask')).toEqual(values.map((v) => `${v.idNumber.slice(0, 6)}**********${v.idNumber.slice(-2)}`));
        expect(flat('phoneEnc').map((s) => (s ? cipher.decrypt(s) : null))).toEqual(values.map((v) => v.phone));
        expect(flat('phoneHash')).toEqual(values.map((v) => (v.phone ? cipher.hash(v.phone) : null)));
        expect(flat('phoneMask')).toEqual(['138****5678', null, '139****0000', null, '137****0001']);
        await expect(batches.next()).rejects.toThrow();
      } finally {
        await batches.close();
      }
    });
  }

  it('should refuse further batches once its worker is closed', async () => {
    const sealer = startResidentSealer(cipher, { residents: 1, worker: true });
    await sealer.close();
    await expect(sealer.seal(['141102198001011768'], [null])).rejects.toThrow();
  });

  it('should write COPY text of residents and their history rows, escaping what COPY reads specially', () => {
    const row = (id: number, name: string, phone: boolean): ResidentRow => ({
      id, household_id: 3, org_path: '1.2.3.', county_code: '141102', name, gender: 'male', birth_date: '1980-01-01',
      relation: 'member', id_number_enc: 'v1.a.b.c', id_number_hash: `h${id}`, id_number_mask: '141102**********68',
      phone_enc: phone ? 'v1.d.e.f' : null, phone_hash: phone ? 'ph' : null, phone_mask: phone ? '138****5678' : null,
    });
    const rows = [row(7, '王伟', true), row(8, 'a\\b\tc\nd\re', false)];
    const batch = residentCopyBatch(rows);
    expect(batch.count).toBe(2);
    expect(parseCopy(batch.residents)).toEqual(rows.map((r) => RESIDENT_COLUMNS.map(([c]) => (r[c] === null ? null : String(r[c])))));
    expect(parseCopy(batch.history)).toEqual([['7', '3', '1.2.3.', '141102'], ['8', '3', '1.2.3.', '141102']]);
  });
});
