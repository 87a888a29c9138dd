import { useEffect, useMemo, useState } from 'react';
import { Tag, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import * as api from '../services/api.js';
import { useMe } from './auth-provider.js';
import { orgKindLabel } from './labels.js';
import { useOrgTree, type OrgTreeStore } from './use-org-tree.js';

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}

interface SelectNode {
  id: number;
  pId: number | null;
  value: number;
  title: React.ReactNode;
  label: string;
  isLeaf: boolean;
}

function toSimpleData(store: OrgTreeStore, t: ReturnType<typeof useTranslation>['t']): SelectNode[] {
  const out: SelectNode[] = [];
  const walk = (id: number, pId: number | null) => {
    const n = store.nodes.get(id);
    if (!n) return;
    out.push({
      id,
      pId,
      value: id,
      label: n.unit.name,
      title: (
        <span>
          {n.unit.name} <Tag className="tree-kind-tag">{orgKindLabel(t, n.unit.kind)}</Tag>
        </span>
      ),
      isLeaf: n.unit.childCount === 0,
    });
    for (const c of n.childIds ?? []) walk(c, id);
  };
  if (store.rootId) walk(store.rootId, null);
  return out;
}

/** Picks an org unit by browsing the tree from the account's scope root, level by level. */
export function OrgTreeSelect({ value, onChange, placeholder, allowClear = true, style, id, ...rest }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const store = useOrgTree(me.scope.orgId);
  const [expanded, setExpanded] = useState<(string | number)[]>([]);

  // A value from the URL may be deep in the tree: load its ancestors so its name shows.
  useEffect(() => {
    if (!value || !store.root || store.nodes.has(value)) return;
    let alive = true;
    api
      .getOrgUnit(value)
      .then((u) => store.revealPath(u.path))
      .then((chain) => alive && chain && setExpanded((e) => [...new Set([...e, ...chain])]))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [value, store.root]);

  const data = useMemo(() => toSimpleData(store, t), [store.version, t]);
  const loadedKeys = useMemo(
    () => [...store.nodes.values()].filter((n) => n.childIds).map((n) => n.unit.id),
    [store.version],
  );

  return (
    <TreeSelect<number>
      id={id}
      aria-label={rest['aria-label']}
      style={style}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder ?? t('orgPicker.placeholder')}
      allowClear={allowClear}
      treeDataSimpleMode
      treeData={data}
      treeNodeLabelProp="label"
      loadData={(node) => store.loadChildren(Number(node.value))}
      treeLoadedKeys={loadedKeys}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys as (string | number)[])}
      showSearch={{ treeNodeFilterProp: 'label' }}
      popupMatchSelectWidth={360}
      loading={!store.root && !store.rootError}
      notFoundContent={t('common.noData')}
    />
  );
}
