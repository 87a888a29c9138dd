/**
 * One sender at a time for a phone's queued records, whatever tabs are open. The server stores a
 * replayed clientId once, but two tabs sending the same record would still post it twice (and
 * upload its photos twice); the lock keeps that from happening.
 *
 * Web Locks (`navigator.locks`) where the browser has them (secure pages: https, localhost);
 * phones on plain http fall back to a short lease in local storage, written then read back, so
 * of two tabs writing at once only the last writer goes on.
 */

export interface LeaseStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Lease {
  owner: string;
  until: number;
}

/** Long enough for a queue with photos on a slow link; a tab closed mid-send frees it when it runs out. */
const LEASE_MS = 60_000;
const SETTLE_MS = 60;
const RETRY_MS = 250;
const WAIT_MAX_MS = 90_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readLease(storage: LeaseStorage, name: string): Lease | null {
  try {
    const v = JSON.parse(storage.getItem(name) ?? 'null') as Lease | null;
    return v && typeof v.owner === 'string' && typeof v.until === 'number' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Runs `fn` holding the lease `name`; resolves to null without running it when another holder
 * has it and `wait` is false (or it stays taken longer than WAIT_MAX_MS).
 */
export async function withLease<T>(storage: LeaseStorage, name: string, wait: boolean, fn: () => Promise<T>, now = () => Date.now()): Promise<T | null> {
  const owner = `${now()}-${Math.random().toString(36).slice(2)}`;
  const give = now() + WAIT_MAX_MS;
  for (;;) {
    const held = readLease(storage, name);
    if (!held || held.until < now()) {
      storage.setItem(name, JSON.stringify({ owner, until: now() + LEASE_MS }));
      await sleep(SETTLE_MS);
      if (readLease(storage, name)?.owner === owner) break;
    }
    if (!wait || now() > give) return null;
    await sleep(RETRY_MS);
  }
  try {
    return await fn();
  } finally {
    if (readLease(storage, name)?.owner === owner) storage.removeItem(name);
  }
}

/** Runs `fn` as the only sender of `name` across this browser's tabs (null: another tab is sending). */
export function withSendLock<T>(name: string, wait: boolean, fn: () => Promise<T>): Promise<T | null> {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks?.request) return locks.request(name, { ifAvailable: !wait }, (lock) => (lock ? fn() : null));
  return withLease(localStorage, name, wait, fn);
}
