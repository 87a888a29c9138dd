import { useCallback, useEffect, useState } from 'react';
import * as storeApi from '../../../services/store-api.js';
import type { Store } from '../../../services/store-api.js';

/** The stores in the caller's scope, reloadable after a change. */
export function useStores() {
  const [stores, setStores] = useState<Store[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => storeApi.listStores().then((r) => setStores(r.items), setError), []);
  useEffect(() => void reload(), [reload]);
  return { stores, error, reload };
}
