import { Worker } from 'node:worker_threads';
import type { PiiCipher } from '../../../platform/pii/cipher.js';
import { sealValues, type SealedValues } from './resident-seal.js';

/**
 * Seals (encrypts, hashes, masks) the ID numbers and phones of an import's residents batch by
 * batch in a worker thread, so the main thread stays free to feed the database while the next
 * batches are sealed: AES-GCM of two values per resident on the main thread would hold up the
 * COPY it is meant to overlap with (a COPY's data only goes out when the event loop is free).
 * Only the values go to the worker, so sealing can start before the write transaction has placed
 * the residents (ids, paths). The worker gets the two derived keys in memory
 * (PiiCipher.derivedKeys) and nothing else; it lives as long as one write phase.
 *
 * A worker thread, unlike the parse process: what it is sent is already validated and bounded
 * (a batch at a time), so it needs no memory limit of its own.
 */

export interface SealRequest {
  seq: number;
  idNumbers: string[];
  phones: (string | null)[];
}
export type SealReply = { seq: number; sealed: SealedValues } | { seq: number; error: string };

export interface ResidentSealer {
  seal(idNumbers: string[], phones: (string | null)[]): Promise<SealedValues>;
  close(): Promise<void>;
}

const ENTRY = new URL('./seal.worker.mjs', import.meta.url);

/**
 * Below this many residents sealing stays on the main thread: the worker takes a few hundred
 * milliseconds to start (it loads tsx), more than sealing a small file costs.
 */
export const SEAL_WORKER_FROM = 10_000;

export function startResidentSealer(cipher: PiiCipher, opts: { residents: number; worker?: boolean }): ResidentSealer {
  const worker = opts.worker ?? opts.residents >= SEAL_WORKER_FROM;
  return worker ? new WorkerSealer(cipher) : new InlineSealer(cipher);
}

class InlineSealer implements ResidentSealer {
  constructor(private readonly cipher: PiiCipher) {}
  async seal(idNumbers: string[], phones: (string | null)[]): Promise<SealedValues> {
    return sealValues(this.cipher, idNumbers, phones);
  }
  async close() {}
}

class WorkerSealer implements ResidentSealer {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (b: SealedValues) => void; reject: (e: Error) => void }>();
  #seq = 0;
  #failure: Error | null = null;
  #closing = false;

  constructor(cipher: PiiCipher) {
    // No inherited flags (a loader, vitest's): the entry registers tsx itself.
    this.#worker = new Worker(ENTRY, { workerData: { keys: cipher.derivedKeys() }, execArgv: [] });
    this.#worker.on('message', (m: SealReply) => {
      const p = this.#pending.get(m.seq);
      if (!p) return;
      this.#pending.delete(m.seq);
      if ('error' in m) p.reject(new Error(`sealing worker failed: ${m.error}`));
      else p.resolve(m.sealed);
    });
    this.#worker.on('error', (e) => this.#failAll(e));
    this.#worker.on('exit', (code) => {
      if (!this.#closing) this.#failAll(new Error(`sealing worker exited (code ${code})`));
    });
  }

  #failAll(e: Error) {
    this.#failure ??= e;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }

  seal(idNumbers: string[], phones: (string | null)[]): Promise<SealedValues> {
    if (this.#failure) return Promise.reject(this.#failure);
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      // Messages sent while the worker is still loading wait in its port.
      this.#worker.postMessage({ seq, idNumbers, phones } satisfies SealRequest);
    });
  }

  async close() {
    this.#closing = true;
    this.#failAll(new Error('sealing worker closed'));
    await this.#worker.terminate();
  }
}

/** The sealed values of consecutive batches, in order. */
export interface SealedBatches {
  /** The next batch's values; rejects if sealing it failed. */
  next(): Promise<SealedValues>;
  close(): Promise<void>;
}

/**
 * Seals `values` in batches of `batch`, keeping up to `ahead` batches sealed or in the works
 * ahead of the caller, from the moment it is called.
 */
export function sealInBatches(
  cipher: PiiCipher,
  values: readonly { idNumber: string; phone: string | null }[],
  opts: { batch: number; ahead: number; worker?: boolean },
): SealedBatches {
  const sealer = startResidentSealer(cipher, { residents: values.length, worker: opts.worker });
  const queue: Promise<SealedValues>[] = [];
  let start = 0;
  const fill = () => {
    while (queue.length < opts.ahead && start < values.length) {
      const part = values.slice(start, start + opts.batch);
      const p = sealer.seal(part.map((v) => v.idNumber), part.map((v) => v.phone));
      // Each is awaited in turn by next(); one that fails before its turn must not go unhandled.
      p.catch(() => {});
      queue.push(p);
      start += opts.batch;
    }
  };
  fill();
  return {
    next() {
      const p = queue.shift();
      fill();
      return p ?? Promise.reject(new Error('no batch left to seal'));
    },
    close: () => sealer.close(),
  };
}
