import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './form-errors.js';

/**
 * The one way a page loads data: runs `fetcher` whenever `key` changes (filters, page, ids) or
 * `reload` is called; an answer to an older key that arrives late is dropped, and a failure
 * becomes `error` (the server's message, or `fallbackError`; `failure` keeps the thrown value for
 * pages that tell a 404 apart). A `null` key loads nothing (a choice the user has not made yet).
 * The last answer stays in `data` while the next key loads.
 */
export function useLoad<T>(key: string | null, fetcher: () => Promise<T>, fallbackError: string) {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(key !== null);
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    if (key === null) {
      setData(null);
      setLoading(false);
      setError(null);
      setFailure(null);
      return;
    }
    let current = true;
    setLoading(true);
    setError(null);
    setFailure(null);
    fetcherRef.current().then(
      (d) => {
        if (!current) return;
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (!current) return;
        setError(errorMessage(e, fallbackError));
        setFailure(e);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, tick, fallbackError]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data, loading, error, failure, reload, setData };
}
