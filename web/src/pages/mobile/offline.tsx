import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import * as api from '../../services/api.js';
import { createOfflineQueue, type OfflineQueue, type QueuedReport } from '../../services/offline-queue.js';
import type { NewDemand } from '../../services/types.js';

const RETRY_MS = 60_000;

/** Worth trying again later: no network, or a gateway that is down. */
export const isRetryable = (e: unknown) => e instanceof api.ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504 || e.status === 401);

/**
 * Posts a report. The server takes photos as short strings today; when it refuses them the
 * text goes without them rather than not at all (photosDropped tells the page to say so).
 */
export async function sendDemand(input: NewDemand) {
  try {
    return { ...(await api.createDemand(input)), photosDropped: false };
  } catch (e) {
    const photoProblem = e instanceof api.ApiError && e.status === 400 && e.fields.some((f) => f.field.startsWith('photos'));
    if (!photoProblem || !input.photos?.length) throw e;
    return { ...(await api.createDemand({ ...input, photos: undefined })), photosDropped: true };
  }
}

interface OfflineState {
  queue: OfflineQueue;
  items: QueuedReport[];
  flush(): Promise<void>;
  /** Keeps a report for later; drops the photos when storage is full. */
  save(input: NewDemand): void;
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
      send: (input) => sendDemand(input),
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

  const save = useCallback((input: NewDemand) => {
    try {
      queue.enqueue(input);
    } catch {
      // Storage full (photos are large): keep the words at least.
      queue.enqueue({ ...input, photos: undefined });
    }
  }, [queue]);

  const value = useMemo(() => ({ queue, items, flush, save }), [queue, items, flush, save]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useOffline(): OfflineState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useOffline outside OfflineProvider');
  return v;
}
