import type { NewDemand } from './types.js';

/**
 * Any record with a clientId can wait here (demands from the visit page, 一事一记 points
 * records); the queue only knows how to add uploaded photo ids to one (`attachPhotos`).
 *
 * Reports written where there is no signal (stairwells, basements) wait in local storage and
 * go out when the phone is back online. Each carries a clientId made once per report; the
 * server stores a replayed clientId only once, so an item leaves the queue only after the
 * server said 200 — a lost answer just means one harmless replay.
 *
 * Photos wait beside the record as Blobs in a PhotoStore (IndexedDB on phones: local storage
 * is small and holds text only). On the way out each photo is uploaded first, its id noted in
 * the record, then the report goes with the ids. A photo uploaded twice (the answer was lost)
 * is still one file: the server keeps identical uploads of an account once.
 */

/** Where queued photos wait; keys are `${clientId}:${n}`. */
export interface PhotoStore {
  put(key: string, blob: Blob): Promise<void>;
  get(key: string): Promise<Blob | undefined>;
  delete(keys: string[]): Promise<void>;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What may wait in the queue: the server stores a replayed clientId once. */
export interface Queueable {
  clientId?: string;
}

export interface QueuedItem<T extends Queueable> {
  clientId: string;
  input: T;
  queuedAt: string;
  attempts: number;
  /** The server's message when it refused the report (not a network failure). */
  lastError?: string;
  /** The photos waiting in the PhotoStore, in order. */
  photoKeys?: string[];
  /** Photos already uploaded (key → attachment id): a retry does not send them again. */
  uploaded?: Record<string, number>;
}

export interface FlushResult {
  sent: number;
  failed: number;
  remaining: number;
}

/** A queued demand (the visit page's queue). */
export type QueuedReport = QueuedItem<NewDemand>;

export interface OfflineQueueOptions<T extends Queueable> {
  storage: StorageLike;
  /** Posts one report; resolves on a 200, throws otherwise. */
  send: (input: T & { clientId: string }) => Promise<unknown>;
  /** Adds the ids of the record's uploaded photos to it; default: to `attachmentIds` (demands). */
  attachPhotos?: (input: T, photoIds: number[]) => T;
  /** Per account: the server refuses a clientId another account already used. */
  key: string;
  /** A failure worth trying again later (no network, gateway down) rather than a refusal. */
  isRetryable?: (err: unknown) => boolean;
  now?: () => Date;
  onChange?: (items: QueuedItem<T>[]) => void;
  /** Where photos of queued reports wait; without it reports are queued without photos. */
  photos?: PhotoStore;
  /** Uploads one photo; resolves to its attachment id. */
  upload?: (blob: Blob) => Promise<number>;
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

/** Photo ids added to a demand's attachmentIds. */
export const attachToDemand = <T extends Queueable & { attachmentIds?: number[] }>(input: T, photoIds: number[]): T =>
  photoIds.length ? { ...input, attachmentIds: [...(input.attachmentIds ?? []), ...photoIds] } : input;

export function createOfflineQueue<T extends Queueable = NewDemand>(opts: OfflineQueueOptions<T>) {
  type Item = QueuedItem<T>;
  const now = opts.now ?? (() => new Date());
  // Without attachPhotos the records are demands (or alike): the ids go to attachmentIds.
  const attachPhotos = opts.attachPhotos ?? ((input: T, ids: number[]) => attachToDemand(input as T & { attachmentIds?: number[] }, ids));
  let running: Promise<FlushResult> | null = null;

  const read = (): Item[] => {
    try {
      const raw = opts.storage.getItem(opts.key);
      const v: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(v) ? (v as Item[]).filter((x) => typeof x?.clientId === 'string' && x.input) : [];
    } catch {
      return [];
    }
  };
  const write = (items: Item[]) => {
    opts.storage.setItem(opts.key, JSON.stringify(items));
    opts.onChange?.(items);
  };

  /** Keeps a report for later; a report already holding a clientId keeps it (one id per report). */
  function enqueue(input: T, photoKeys?: string[]): Item {
    const clientId = input.clientId ?? newClientId();
    const items = read();
    const existing = items.find((x) => x.clientId === clientId);
    if (existing) return existing;
    const item: Item = {
      clientId, input: { ...input, clientId }, queuedAt: now().toISOString(), attempts: 0, ...(photoKeys?.length ? { photoKeys } : {}),
    };
    write([...items, item]);
    return item;
  }

  /**
   * Keeps a report and its photos for later. The photos are stored before the record is, so a
   * flush never sees a record whose photos are not there yet; when the photo store is full or
   * missing the words are kept without them (photosDropped).
   */
  async function enqueueWithPhotos(input: T, blobs: Blob[]): Promise<{ item: Item; photosDropped: boolean }> {
    const clientId = input.clientId ?? newClientId();
    if (!blobs.length) return { item: enqueue({ ...input, clientId }), photosDropped: false };
    if (!opts.photos) return { item: enqueue({ ...input, clientId }), photosDropped: true };
    const keys = blobs.map((_, i) => `${clientId}:${i}`);
    try {
      for (const [i, blob] of blobs.entries()) await opts.photos.put(keys[i], blob);
    } catch {
      await opts.photos.delete(keys).catch(() => undefined);
      return { item: enqueue({ ...input, clientId }), photosDropped: true };
    }
    return { item: enqueue({ ...input, clientId }, keys), photosDropped: false };
  }

  function remove(clientId: string) {
    const gone = read().find((x) => x.clientId === clientId);
    write(read().filter((x) => x.clientId !== clientId));
    if (gone?.photoKeys?.length) void opts.photos?.delete(gone.photoKeys).catch(() => undefined);
  }

  const update = (clientId: string, fn: (x: Item) => Item) =>
    write(read().map((x) => (x.clientId === clientId ? fn(x) : x)));

  /** Uploads the item's photos not sent yet; their ids in order. Throws when the network fails. */
  async function uploadPhotos(item: Item): Promise<number[]> {
    const ids: number[] = [];
    for (const key of item.photoKeys ?? []) {
      let id = read().find((x) => x.clientId === item.clientId)?.uploaded?.[key];
      if (id === undefined) {
        const blob = await opts.photos?.get(key).catch(() => undefined);
        // A photo lost from storage, or one the server refuses, does not hold the words back.
        if (!blob || !opts.upload) continue;
        try {
          id = await opts.upload(blob);
        } catch (e) {
          if (opts.isRetryable?.(e) ?? true) throw e;
          continue;
        }
        const uploadedId = id;
        update(item.clientId, (x) => ({ ...x, uploaded: { ...x.uploaded, [key]: uploadedId } }));
      }
      ids.push(id);
    }
    return ids;
  }

  /** Sends the queue in order, one at a time; concurrent callers share the same run. */
  function flush(): Promise<FlushResult> {
    running ??= (async () => {
      let sent = 0;
      let failed = 0;
      for (const item of read()) {
        try {
          const photoIds = await uploadPhotos(item);
          const input = photoIds.length ? attachPhotos(item.input, photoIds) : item.input;
          await opts.send({ ...input, clientId: item.clientId });
          remove(item.clientId);
          sent++;
        } catch (e) {
          failed++;
          const retryable = opts.isRetryable?.(e) ?? true;
          update(item.clientId, (x) => ({ ...x, attempts: x.attempts + 1, lastError: retryable ? undefined : e instanceof Error ? e.message : String(e) }));
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

  return { enqueue, enqueueWithPhotos, remove, flush, list: read };
}

export type OfflineQueue<T extends Queueable = NewDemand> = ReturnType<typeof createOfflineQueue<T>>;
