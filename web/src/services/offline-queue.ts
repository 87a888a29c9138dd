import type { NewDemand } from './types.js';

/**
 * Reports written where there is no signal (stairwells, basements) wait in local storage and
 * go out when the phone is back online. Each carries a clientId made once per report; the
 * server stores a replayed clientId only once, so an item leaves the queue only after the
 * server said 200 — a lost answer just means one harmless replay.
 */

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface QueuedReport {
  clientId: string;
  input: NewDemand;
  queuedAt: string;
  attempts: number;
  /** The server's message when it refused the report (not a network failure). */
  lastError?: string;
}

export interface FlushResult {
  sent: number;
  failed: number;
  remaining: number;
}

export interface OfflineQueueOptions {
  storage: StorageLike;
  /** Posts one report; resolves on a 200, throws otherwise. */
  send: (input: NewDemand & { clientId: string }) => Promise<unknown>;
  /** Per account: the server refuses a clientId another account already used. */
  key: string;
  /** A failure worth trying again later (no network, gateway down) rather than a refusal. */
  isRetryable?: (err: unknown) => boolean;
  now?: () => Date;
  onChange?: (items: QueuedReport[]) => void;
}

/** A random id; crypto.randomUUID exists only on https and localhost, phones may use plain http. */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `offline-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function createOfflineQueue(opts: OfflineQueueOptions) {
  const now = opts.now ?? (() => new Date());
  let running: Promise<FlushResult> | null = null;

  const read = (): QueuedReport[] => {
    try {
      const raw = opts.storage.getItem(opts.key);
      const v: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(v) ? (v as QueuedReport[]).filter((x) => typeof x?.clientId === 'string' && x.input) : [];
    } catch {
      return [];
    }
  };
  const write = (items: QueuedReport[]) => {
    opts.storage.setItem(opts.key, JSON.stringify(items));
    opts.onChange?.(items);
  };

  /** Keeps a report for later; a report already holding a clientId keeps it (one id per report). */
  function enqueue(input: NewDemand): QueuedReport {
    const clientId = input.clientId ?? newClientId();
    const items = read();
    const existing = items.find((x) => x.clientId === clientId);
    if (existing) return existing;
    const item: QueuedReport = { clientId, input: { ...input, clientId }, queuedAt: now().toISOString(), attempts: 0 };
    write([...items, item]);
    return item;
  }

  function remove(clientId: string) {
    write(read().filter((x) => x.clientId !== clientId));
  }

  /** Sends the queue in order, one at a time; concurrent callers share the same run. */
  function flush(): Promise<FlushResult> {
    running ??= (async () => {
      let sent = 0;
      let failed = 0;
      for (const item of read()) {
        try {
          await opts.send({ ...item.input, clientId: item.clientId });
          remove(item.clientId);
          sent++;
        } catch (e) {
          failed++;
          const retryable = opts.isRetryable?.(e) ?? true;
          write(read().map((x) => (x.clientId === item.clientId
            ? { ...x, attempts: x.attempts + 1, lastError: retryable ? undefined : e instanceof Error ? e.message : String(e) }
            : x)));
          // Still offline: the rest would fail the same way.
          if (retryable) break;
        }
      }
      return { sent, failed, remaining: read().length };
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return { enqueue, remove, flush, list: read };
}

export type OfflineQueue = ReturnType<typeof createOfflineQueue>;
