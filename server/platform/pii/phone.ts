import { z } from 'zod';
import type { PiiCipher } from './cipher.js';
import { maskPhone } from './id-number.js';

/** A mainland mobile number, as every form takes it. */
export const PhoneNumber = z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号应为11位，以1开头');

/** A phone as a row stores it: sealed, keyed hash (to find it) and mask (to show it); all null when there is none. */
export function phoneColumns(cipher: PiiCipher, phone: string | null | undefined) {
  return phone
    ? { phone_enc: cipher.encrypt(phone), phone_hash: cipher.hash(phone), phone_mask: maskPhone(phone) }
    : { phone_enc: null, phone_hash: null, phone_mask: null };
}
