import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Paged } from '../services/types.js';
import { useLoad } from './use-load.js';

/** A paged list request (see useLoad: late answers are dropped, errors reported). */
export const usePaged = <T, P extends Paged<T> = Paged<T>>(key: string, fetcher: () => Promise<P>, fallbackError: string) =>
  useLoad<P>(key, fetcher, fallbackError);

/** A positive integer from the URL (page, ids), or the fallback. Lists keep their state in the URL so links and back/forward work. */
export function readInt(params: URLSearchParams, name: string, fallback: number): number {
  const n = Number(params.get(name));
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export const PAGE_SIZES = [10, 20, 50, 100];

/**
 * A page's filters kept in the URL: `update` merges changes, dropping empty ones (undefined, ''
 * or 0) so links stay short; `reset` clears them all.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const update = useCallback((changes: Record<string, string | number | undefined>) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '' || v === 0) next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    }), [setParams]);
  const reset = useCallback(() => setParams({}), [setParams]);
  return { params, update, reset };
}
