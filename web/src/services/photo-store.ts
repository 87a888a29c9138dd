import type { PhotoStore } from './offline-queue.js';

/**
 * Queued photos in IndexedDB: Blobs as they are, far more room than local storage. One store
 * per account, like the queue itself.
 */
export function indexedDbPhotoStore(name: string): PhotoStore {
  const STORE = 'photos';
  let opening: Promise<IDBDatabase> | null = null;
  const open = () => (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('indexedDB unavailable'));
    };
  }));
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> => {
    const db = await open();
    return new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB failed'));
      tx.onabort = () => reject(tx.error ?? new Error('indexedDB aborted'));
    });
  };
  return {
    async put(key, blob) {
      await run('readwrite', (s) => s.put(blob, key));
    },
    async get(key) {
      const v = await run<unknown>('readonly', (s) => s.get(key));
      return v instanceof Blob ? v : undefined;
    },
    async delete(keys) {
      if (keys.length) await run('readwrite', (s) => void keys.forEach((k) => s.delete(k)));
    },
  };
}

/** For tests and browsers without IndexedDB (private modes): photos kept while the page lives. */
export function memoryPhotoStore(): PhotoStore & { readonly blobs: Map<string, Blob> } {
  const blobs = new Map<string, Blob>();
  return {
    blobs,
    async put(key, blob) {
      blobs.set(key, blob);
    },
    async get(key) {
      return blobs.get(key);
    },
    async delete(keys) {
      keys.forEach((k) => blobs.delete(k));
    },
  };
}
