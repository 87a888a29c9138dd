import { useCallback, useEffect, useRef, useState } from 'react';
import * as api from '../services/api.js';
import type { OrgUnit } from '../services/types.js';

/** Children come in pages of this size; a "load more" node fetches the next page. */
export const CHILD_PAGE_SIZE = 200;

export interface OrgNode {
  unit: OrgUnit;
  /** null until the children were fetched. */
  childIds: number[] | null;
  total: number;
  page: number;
}

/** Ids on a materialised path ('1.5.23.'), from the top down. */
export const pathIds = (path: string) => path.split('.').filter(Boolean).map(Number);

/**
 * The org tree as far as it has been loaded, starting at the account's scope root: the one
 * store the org page's Tree and the org pickers share. Nodes load lazily, a page at a time.
 */
export function useOrgTree(rootId: number | undefined) {
  const nodes = useRef(new Map<number, OrgNode>());
  const inflight = useRef(new Map<number, Promise<void>>());
  const [version, setVersion] = useState(0);
  const [rootError, setRootError] = useState<unknown>(null);
  const bump = () => setVersion((v) => v + 1);

  useEffect(() => {
    if (!rootId) return;
    let alive = true;
    nodes.current.clear();
    api.getOrgUnit(rootId).then(
      (u) => {
        if (!alive) return;
        nodes.current.set(u.id, { unit: u, childIds: null, total: u.childCount, page: 0 });
        bump();
      },
      (e) => alive && setRootError(e),
    );
    return () => {
      alive = false;
    };
  }, [rootId]);

  const fetchPage = useCallback(async (id: number, page: number, replace: boolean) => {
    const res = await api.listOrgChildren(id, page, CHILD_PAGE_SIZE);
    const parent = nodes.current.get(id);
    for (const c of res.items) {
      const old = nodes.current.get(c.id);
      nodes.current.set(c.id, { unit: c, childIds: old?.childIds ?? null, total: old?.total ?? c.childCount, page: old?.page ?? 0 });
    }
    if (parent) {
      const ids = res.items.map((c) => c.id);
      parent.childIds = replace || !parent.childIds ? ids : [...parent.childIds, ...ids.filter((i) => !parent.childIds!.includes(i))];
      parent.total = res.total;
      parent.page = page;
      parent.unit = { ...parent.unit, childCount: res.total };
    }
    bump();
  }, []);

  /** Loads the first page of a node's children once; concurrent callers share the request. */
  const loadChildren = useCallback(
    (id: number): Promise<void> => {
      const n = nodes.current.get(id);
      if (n?.childIds) return Promise.resolve();
      const running = inflight.current.get(id);
      if (running) return running;
      const p = fetchPage(id, 1, true).finally(() => inflight.current.delete(id));
      inflight.current.set(id, p);
      return p;
    },
    [fetchPage],
  );

  const loadMore = useCallback(
    async (id: number) => {
      const n = nodes.current.get(id);
      if (!n) return;
      await fetchPage(id, n.page + 1, false);
    },
    [fetchPage],
  );

  /** Refetches a node and its children after a change (rename, move, merge, split). */
  const reload = useCallback(
    async (id: number) => {
      const n = nodes.current.get(id);
      if (!n) return;
      const fresh = await api.getOrgUnit(id);
      n.unit = fresh;
      n.total = fresh.childCount;
      if (n.childIds) {
        const pages = Math.max(1, n.page);
        await fetchPage(id, 1, true);
        for (let p = 2; p <= pages; p++) await fetchPage(id, p, false);
      } else {
        bump();
      }
    },
    [fetchPage],
  );

  /**
   * Loads every level from the root down to `path`'s parent, so the unit appears in the tree.
   * Returns the ids to expand, or null when the unit lies outside the loaded root.
   */
  const revealPath = useCallback(
    async (path: string): Promise<number[] | null> => {
      if (!rootId) return null;
      const ids = pathIds(path);
      const start = ids.indexOf(rootId);
      if (start < 0) return null;
      const chain = ids.slice(start, -1);
      for (const id of chain) {
        await loadChildren(id);
        const n = nodes.current.get(id);
        const next = ids[ids.indexOf(id) + 1];
        // Beyond the first page: keep paging until the wanted child appears.
        while (n && n.childIds && next !== undefined && !n.childIds.includes(next) && n.childIds.length < n.total) {
          await loadMore(id);
        }
      }
      return chain;
    },
    [rootId, loadChildren, loadMore],
  );

  return {
    nodes: nodes.current,
    version,
    rootId,
    root: rootId ? nodes.current.get(rootId) : undefined,
    rootError,
    loadChildren,
    loadMore,
    reload,
    revealPath,
  };
}

export type OrgTreeStore = ReturnType<typeof useOrgTree>;
