/** Lookups by the keys a file mentions go in parts, so no statement carries more parameters than the database takes. */
export const LOOKUP_CHUNK = 2000;

export function chunks<T>(xs: readonly T[], n = LOOKUP_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Runs `read` on each part of `keys` in turn and joins the rows. */
export async function readInChunks<K, R>(keys: readonly K[], read: (part: K[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunks(keys)) out.push(...(await read(part)));
  return out;
}
