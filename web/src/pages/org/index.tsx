import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Alert, Card, Empty, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { errorMessage } from '../../components/form-errors.js';
import { orgKindLabel } from '../../components/labels.js';
import { OrgSearchSelect } from '../../components/org-search-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useOrgTree } from '../../components/use-org-tree.js';
import * as api from '../../services/api.js';
import { UnitDetail, type OrgChange } from './components/unit-detail.js';

const MORE_PREFIX = 'more:';
const TREE_HEIGHT = 620;

export default function OrgPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const store = useOrgTree(me.scope.orgId);
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('id')) || me.scope.orgId;
  const [expanded, setExpanded] = useState<string[]>([String(me.scope.orgId)]);
  const [refreshKey, setRefreshKey] = useState(0);
  const [locating, setLocating] = useState(false);
  const treeRef = useRef<React.ComponentRef<typeof Tree>>(null);

  const select = useCallback(
    (id: number) => {
      setParams((p) => {
        const next = new URLSearchParams(p);
        if (id === me.scope.orgId) next.delete('id');
        else next.set('id', String(id));
        return next;
      });
    },
    [setParams, me.scope.orgId],
  );

  /** Opens every level down to the unit so it is visible and selected in the tree. */
  const locate = useCallback(
    async (id: number, path?: string) => {
      setLocating(true);
      try {
        const p = path ?? (await api.getOrgUnit(id)).path;
        const chain = await store.revealPath(p);
        if (chain) setExpanded((e) => [...new Set([...e, ...chain.map(String)])]);
        setTimeout(() => treeRef.current?.scrollTo({ key: String(id), align: 'auto' }), 50);
      } catch (e) {
        message.error(errorMessage(e, t('error.unknown')));
      } finally {
        setLocating(false);
      }
    },
    [store, message, t],
  );

  // A unit named in the URL (from the map, search or a link) is opened in the tree once.
  const located = useRef<number | null>(null);
  useEffect(() => {
    if (!store.root || located.current === selectedId) return;
    located.current = selectedId;
    if (selectedId !== me.scope.orgId) void locate(selectedId);
  }, [store.root, selectedId, locate, me.scope.orgId]);

  const onChanged = async (c: OrgChange) => {
    message.success(t(`org.done.${c.kind}`, { name: c.result.name }));
    const parentId = c.unit.parentId;
    const reloads = new Set<number>();
    if (c.kind === 'create' || c.kind === 'rename') reloads.add(c.unit.id);
    if (parentId) reloads.add(parentId);
    if (c.kind === 'move' || c.kind === 'merge' || c.kind === 'split') {
      if (c.result.parentId) reloads.add(c.result.parentId);
      if (c.kind === 'merge') reloads.add(c.result.id);
    }
    for (const id of reloads) if (store.nodes.has(id)) await store.reload(id).catch(() => undefined);
    setRefreshKey((k) => k + 1);
    const target = c.kind === 'rename' ? c.unit.id : c.result.id;
    located.current = target;
    select(target);
    await locate(target, c.result.path && c.kind !== 'rename' ? c.result.path : undefined);
  };

  const treeData = useMemo<TreeDataNode[]>(() => {
    const build = (id: number): TreeDataNode | null => {
      const n = store.nodes.get(id);
      if (!n) return null;
      const u = n.unit;
      const children = n.childIds?.map(build).filter((c): c is TreeDataNode => !!c);
      if (children && n.childIds && n.childIds.length < n.total) {
        children.push({
          key: `${MORE_PREFIX}${id}`,
          isLeaf: true,
          title: <Typography.Link>{t('org.tree.loadMore', { shown: n.childIds.length, total: n.total })}</Typography.Link>,
        });
      }
      return {
        key: String(id),
        isLeaf: u.childCount === 0,
        title: (
          <span className={u.dissolvedAt ? 'tree-node dissolved' : 'tree-node'}>
            <span className="tree-node-name">{u.name}</span>
            <Tag className="tree-kind-tag">{orgKindLabel(t, u.kind)}</Tag>
            {u.gridType && <Tag className="tree-kind-tag" color="blue">{t(`gridType.${u.gridType}`)}</Tag>}
          </span>
        ),
        children,
      };
    };
    const root = build(me.scope.orgId);
    return root ? [root] : [];
  }, [store.version, t, me.scope.orgId]);

  const loadedKeys = useMemo(
    () => [...store.nodes.values()].filter((n) => n.childIds).map((n) => String(n.unit.id)),
    [store.version],
  );

  return (
    <div>
      <PageHeader title={t('nav.org')} description={t('org.description')} />
      <div className="org-layout">
        <Card className="org-tree-card" title={t('org.tree.title')} size="small">
          <OrgSearchSelect
            aria-label={t('org.tree.search')}
            placeholder={t('org.tree.searchPlaceholder')}
            style={{ width: '100%' }}
            value={undefined}
            onChange={(id, hit) => {
              if (!id) return;
              located.current = id;
              select(id);
              void locate(id, hit?.path);
            }}
          />
          <div className="org-tree-box" aria-busy={locating}>
            {store.rootError ? (
              <Alert type="error" showIcon title={errorMessage(store.rootError, t('error.unknown'))} />
            ) : !store.root ? (
              <div className="center-pad"><Spin /></div>
            ) : treeData.length === 0 ? (
              <Empty description={t('common.noData')} />
            ) : (
              <Tree
                ref={treeRef}
                aria-label={t('org.tree.title')}
                height={TREE_HEIGHT}
                blockNode
                showLine
                expandAction="click"
                treeData={treeData}
                loadedKeys={loadedKeys}
                loadData={(node) => (String(node.key).startsWith(MORE_PREFIX) ? Promise.resolve() : store.loadChildren(Number(node.key)))}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={[String(selectedId)]}
                onSelect={(_keys, info) => {
                  const key = String(info.node.key);
                  if (key.startsWith(MORE_PREFIX)) {
                    void store.loadMore(Number(key.slice(MORE_PREFIX.length)));
                    return;
                  }
                  located.current = Number(key);
                  select(Number(key));
                }}
              />
            )}
          </div>
        </Card>
        <div className="org-detail">
          <UnitDetail
            unitId={selectedId}
            scopeOrgId={me.scope.orgId}
            refreshKey={refreshKey}
            onSelect={(id) => {
              located.current = null;
              select(id);
            }}
            onChanged={(c) => void onChanged(c)}
          />
        </div>
      </div>
    </div>
  );
}
