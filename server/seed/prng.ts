/**
 * Deterministic randomness for the seed: the same scale always yields the same city, so tests,
 * demos and benchmarks talk about the same people. Never Math.random.
 */

/** mulberry32: tiny, fast, good enough for synthetic data (not for anything secret). */
export class Rng {
  #a: number;
  constructor(seed: number) {
    this.#a = seed >>> 0;
  }

  next(): number {
    this.#a = (this.#a + 0x6d2b79f5) >>> 0;
    let t = this.#a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Roughly normal (Irwin–Hall of 4), clamped to [min, max]. */
  around(mean: number, spread: number, min: number, max: number): number {
    const z = (this.next() + this.next() + this.next() + this.next() - 2) * 1.73;
    return Math.min(max, Math.max(min, Math.round(mean + z * spread)));
  }
}

/** FNV-1a over the parts: a stable seed for "the grid with this code", independent of walk order. */
export function seedOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = parts.join('|');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Items with weights, picked by binary search over the cumulative weights. */
export class Weighted<T> {
  readonly #items: T[];
  readonly #cum: number[];
  constructor(pairs: readonly (readonly [T, number])[]) {
    this.#items = pairs.map((p) => p[0]);
    let sum = 0;
    this.#cum = pairs.map((p) => (sum += p[1]));
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.#cum[this.#cum.length - 1];
    let lo = 0;
    let hi = this.#cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.#items[lo];
  }
}
