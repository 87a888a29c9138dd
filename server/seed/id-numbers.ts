import { idNumberCheckChar } from '../platform/pii/id-number.js';
import { seedOf } from './prng.js';

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1900, 0, 1);
const MAX_DAYS = Math.ceil((Date.UTC(2031, 0, 1) - EPOCH) / DAY_MS);

/** Days since 1900-01-01 (UTC) for a calendar date. */
export const dayNumber = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - EPOCH) / DAY_MS);

/** 'YYYY-MM-DD' of a day number. */
export function isoDate(day: number): string {
  return new Date(EPOCH + day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Hands out GB 11643 ID numbers that never repeat within one seed run, without remembering
 * them: one counter per (address code, birth day, gender) slot, and the counter walks the
 * 3-digit sequence numbers in a scrambled order so numbers don't look consecutive.
 * Men get odd sequence numbers (1…999), women even ones (2…998).
 */
export class IdNumberAllocator {
  readonly #areas = new Map<string, number>();
  readonly #counters: Uint16Array;

  constructor(maxAreas = 64) {
    this.#counters = new Uint16Array(maxAreas * MAX_DAYS * 2);
  }

  allocate(area: string, birthDay: number, gender: 'male' | 'female'): { idNumber: string; birthDay: number } {
    let a = this.#areas.get(area);
    if (a === undefined) {
      a = this.#areas.size;
      if ((a + 1) * MAX_DAYS * 2 > this.#counters.length) throw new Error('too many address codes for the ID allocator');
      this.#areas.set(area, a);
    }
    const male = gender === 'male';
    const capacity = male ? 500 : 499;
    // A full slot (500 men born the same day with the same code) moves on to the next day.
    for (let day = birthDay; ; day++) {
      const slot = (a * MAX_DAYS + day) * 2 + (male ? 1 : 0);
      const n = this.#counters[slot];
      if (n >= capacity) continue;
      this.#counters[slot] = n + 1;
      const offset = seedOf(area, day, gender) % capacity;
      const k = (offset + n * 263) % capacity;
      const seq = male ? 1 + 2 * k : 2 + 2 * k;
      const first17 = area + isoDate(day).replace(/-/g, '') + String(seq).padStart(3, '0');
      return { idNumber: first17 + idNumberCheckChar(first17), birthDay: day };
    }
  }
}
