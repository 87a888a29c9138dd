import type { PiiCipher } from '../../../platform/pii/cipher.js';
import { maskIdNumber, maskPhone } from '../../../platform/pii/id-number.js';

/**
 * Turning validated residents into the rows the write phase stores: ID numbers and phones
 * AES-GCM-encrypted, keyed-hashed and masked (personal data never reaches the database in clear),
 * and, for PostgreSQL, the COPY text of a batch. Sealing is pure, so the same code runs on the
 * main thread and in the sealing worker (seal.worker.ts).
 */

export interface ResidentRow {
  id: number;
  household_id: number;
  org_path: string;
  county_code: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string;
  relation: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_mask: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
}

export const RESIDENT_COLUMNS = [
  ['id', 'int'], ['household_id', 'int'], ['org_path', 'text'], ['county_code', 'text'], ['name', 'text'], ['gender', 'text'],
  ['birth_date', 'date'], ['relation', 'text'], ['id_number_enc', 'text'], ['id_number_hash', 'text'], ['id_number_mask', 'text'],
  ['phone_enc', 'text'], ['phone_hash', 'text'], ['phone_mask', 'text'],
] as const satisfies readonly (readonly [keyof ResidentRow, string])[];

/** A batch's ID numbers and phones, sealed: what a worker thread sends back (seal-in-worker.ts). */
export interface SealedValues {
  idNumberEnc: string[];
  idNumberMask: string[];
  phoneEnc: (string | null)[];
  phoneHash: (string | null)[];
  phoneMask: (string | null)[];
}

/** Encrypts and masks each ID number, and encrypts, hashes and masks each phone (null stays null). */
export function sealValues(c: PiiCipher, idNumbers: readonly string[], phones: readonly (string | null)[]): SealedValues {
  const present = phones.filter((p): p is string => !!p);
  const phoneEnc = c.encryptMany(present);
  let k = 0;
  return {
    idNumberEnc: c.encryptMany(idNumbers),
    idNumberMask: idNumbers.map(maskIdNumber),
    phoneEnc: phones.map((p) => (p ? phoneEnc[k++] : null)),
    phoneHash: phones.map((p) => (p ? c.hash(p) : null)),
    phoneMask: phones.map((p) => (p ? maskPhone(p) : null)),
  };
}

/**
 * A batch of residents as COPY text (tab-separated, one line per row, RESIDENT_COLUMNS order),
 * and their first residence_history rows (resident_id, household_id, org_path, county_code).
 */
export interface ResidentCopyBatch {
  residents: string;
  history: string;
  count: number;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: \N for null, backslash escapes for the four special characters. */
function copyValue(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPES[ch]) : v;
}

export function residentCopyBatch(rows: readonly ResidentRow[]): ResidentCopyBatch {
  let residents = '';
  let history = '';
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < RESIDENT_COLUMNS.length; i++) line += (i ? '\t' : '') + copyValue(r[RESIDENT_COLUMNS[i][0]]);
    residents += line + '\n';
    history += `${r.id}\t${r.household_id}\t${copyValue(r.org_path)}\t${copyValue(r.county_code)}\n`;
  }
  return { residents, history, count: rows.length };
}
