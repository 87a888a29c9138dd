import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import * as api from '../../services/api.js';
import { createOfflineQueue, type OfflineQueue, type QueuedReport } from '../../services/offline-queue.js';
import { indexedDbPhotoStore, memoryPhotoStore } from '../../services/photo-store.js';
import type { NewDemand } from '../../services/types.js';

const RETRY_MS = 60_000;

/** Worth trying again later: no network, or a gateway that is down. */
export const isRetryable = (e: unknown) => e instanceof api.ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504 || e.status === 401);

/** Uploads one photo; the same photo sent again (a retry) comes back as the same file. */
export const uploadPhoto = async (blob: Blob) => (await api.uploadFile(blob, 'photo.jpg')).id;

/**
 * Posts a report: its photos first (already-uploaded ones are remembered in `uploaded`, so
 * answering a duplicate prompt does not send them again), then the report with their ids.
 */
export async function sendDemand(input: NewDemand, photos: Blob[] = [], uploaded = new Map<Blob, number>()) {
  const ids: number[] = [];
  for (const p of photos) {
    const id = uploaded.get(p) ?? (await uploadPhoto(p));
    uploaded.set(p, id);
    ids.push(id);
  }
  return api.createDemand(ids.length ? { ...input, attachmentIds: [...(input.attachmentIds ?? []), ...ids] } : input);
}

interface OfflineState {
  queue: OfflineQueue;
  items: QueuedReport[];
  flush(): Promise<void>;
  /** Keeps a report (and its photos) for later; photosDropped when there was no room for them. */
  save(input: NewDemand, photos?: Blob[]): Promise<{ photosDropped: boolean }>;
}

const Ctx = createContext<OfflineState | null>(null);

/** One queue per account, flushed at start, when the phone comes online, and every minute. */
export function OfflineProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const [items, setItems] = useState<QueuedReport[]>([]);
  const queue = useMemo(
    () => createOfflineQueue({
      storage: localStorage,
      key: `linli.offlineQueue.${me.id}`,
      send: (input) => api.createDemand(input),
      photos: typeof indexedDB === 'undefined' ? memoryPhotoStore() : indexedDbPhotoStore(`linli.offlinePhotos.${me.id}`),
      upload: uploadPhoto,
      isRetryable,
      onChange: setItems,
    }),
    [me.id],
  );
  const tRef = useRef(t);
  tRef.current = t;

  const flush = useCallback(async () => {
    if (!queue.list().length || !navigator.onLine) return;
    const r = await queue.flush();
    if (r.sent) Toast.show({ icon: 'success', content: tRef.current('mobile.report.flushed', { count: r.sent }) });
  }, [queue]);

  useEffect(() => {
    setItems(queue.list());
    void flush();
    const online = () => void flush();
    window.addEventListener('online', online);
    const timer = setInterval(online, RETRY_MS);
    return () => {
      window.removeEventListener('online', online);
      clearInterval(timer);
    };
  }, [queue, flush]);

  const save = useCallback((input: NewDemand, photos: Blob[] = []) => {
    // Without photos the record is queued at once (callers may flush right after).
    if (!photos.length) {
      queue.enqueue(input);
      return Promise.resolve({ photosDropped: false });
    }
    return queue.enqueueWithPhotos(input, photos).then((r) => ({ photosDropped: r.photosDropped }));
  }, [queue]);

  const value = useMemo(() => ({ queue, items, flush, save }), [queue, items, flush, save]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useOffline(): OfflineState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useOffline outside OfflineProvider');
  return v;
}
