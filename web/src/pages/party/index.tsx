import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { formatDate } from '../../components/format.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, usePaged } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import type { PartyMember, PartyOrg, PartyOrgKind } from '../../services/types.js';

const KIND_COLORS: Record<PartyOrgKind, string> = { committee: 'red', branch: 'volcano', group: 'orange', member_household: 'gold' };
const MEMBER_KINDS = ['resident', 'retired', 'in_service', 'student', 'worker'] as const;

export default function PartyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || undefined;

  // The loaded party tree: orgs by id and which children each has fetched.
  const orgs = useRef(new Map<number, PartyOrg>());
  const children = useRef(new Map<number, number[]>());
  const [rootIds, setRootIds] = useState<number[] | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  useEffect(() => {
    let alive = true;
    orgs.current.clear();
    children.current.clear();
    setRootIds(null);
    setSelected(null);
    setError(null);
    api.listPartyOrgs(orgId).then(
      (r) => {
        if (!alive) return;
        for (const o of r.items) orgs.current.set(o.id, o);
        setRootIds(r.items.map((o) => o.id));
        setExpanded(r.items.length === 1 ? [String(r.items[0].id)] : []);
        if (r.items.length) setSelected(r.items[0].id);
        setVersion((v) => v + 1);
      },
      (e) => alive && setError(errorMessage(e, t('error.unknown'))),
    );
    return () => {
      alive = false;
    };
  }, [orgId, t]);

  const loadChildren = async (id: number) => {
    if (children.current.has(id)) return;
    const r = await api.listPartyOrgChildren(id);
    for (const o of r.items) orgs.current.set(o.id, o);
    children.current.set(id, r.items.map((o) => o.id));
    setVersion((v) => v + 1);
  };

  const treeData = useMemo<TreeDataNode[]>(() => {
    const build = (id: number): TreeDataNode => {
      const o = orgs.current.get(id)!;
      return {
        key: String(id),
        isLeaf: o.childCount === 0,
        title: (
          <span className="tree-node">
            <span className="tree-node-name">{o.name}</span>
            <Tag className="tree-kind-tag" color={KIND_COLORS[o.kind]}>{t(`partyKind.${o.kind}`)}</Tag>
            {o.memberCount > 0 && (
              <Typography.Text type="secondary" className="tree-node-count">{t('party.memberCountShort', { count: o.memberCount })}</Typography.Text>
            )}
          </span>
        ),
        children: children.current.get(id)?.map(build),
      };
    };
    return (rootIds ?? []).map(build);
  }, [rootIds, version, t]);

  const current = selected ? orgs.current.get(selected) : undefined;
  const members = usePaged<PartyMember>(
    `${selected}|${page}|${pageSize}`,
    () => (selected ? api.listPartyMembers({ partyOrgId: selected, page, pageSize }) : Promise.resolve({ items: [], total: 0 })),
    t('error.unknown'),
  );

  const memberKindLabel = (k: string) =>
    (MEMBER_KINDS as readonly string[]).includes(k) ? t(`memberKind.${k as (typeof MEMBER_KINDS)[number]}`) : k;

  return (
    <div>
      <PageHeader
        title={t('nav.party')}
        description={t('party.description')}
        extra={
          <Space>
            <Typography.Text>{t('party.filterOrg')}</Typography.Text>
            <OrgTreeSelect
              aria-label={t('party.filterOrg')}
              placeholder={t('party.filterOrgPlaceholder')}
              style={{ width: 260 }}
              value={orgId}
              onChange={(id) => setParams(id ? { orgId: String(id) } : {})}
            />
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <div className="org-layout">
        <Card className="org-tree-card" size="small" title={t('party.treeTitle')}>
          {!rootIds && !error ? (
            <div className="center-pad"><Spin /></div>
          ) : rootIds && rootIds.length === 0 ? (
            <Empty description={t('party.empty')} />
          ) : (
            <Tree
              aria-label={t('party.treeTitle')}
              blockNode
              showLine
              height={620}
              expandAction="click"
              treeData={treeData}
              loadData={(node) => loadChildren(Number(node.key))}
              loadedKeys={[...children.current.keys()].map(String)}
              expandedKeys={expanded}
              onExpand={(k) => setExpanded(k.map(String))}
              selectedKeys={selected ? [String(selected)] : []}
              onSelect={(_k, info) => {
                setSelected(Number(info.node.key));
                setPage(1);
              }}
            />
          )}
        </Card>
        <div className="org-detail">
          {!current ? (
            <Card><Result status="info" title={t('party.pick')} /></Card>
          ) : (
            <Space orientation="vertical" size="middle" className="full-width">
              <Card
                title={
                  <Space>
                    {current.name}
                    <Tag color={KIND_COLORS[current.kind]}>{t(`partyKind.${current.kind}`)}</Tag>
                  </Space>
                }
                extra={
                  <Button icon={<ApartmentOutlined />} onClick={() => navigate(`/org?id=${current.orgId}`)}>
                    {t('party.openOrg')}
                  </Button>
                }
              >
                <Descriptions
                  size="small"
                  bordered
                  column={{ xs: 1, sm: 2 }}
                  items={[
                    { key: 'kind', label: t('party.field.kind'), children: t(`partyKind.${current.kind}`) },
                    { key: 'secretary', label: t('party.field.secretary'), children: current.secretaryName ?? t('party.noSecretary') },
                    {
                      key: 'secretaryKind',
                      label: t('party.field.secretaryKind'),
                      children: current.secretaryKind ? t(`secretaryKind.${current.secretaryKind}`) : '-',
                    },
                    { key: 'members', label: t('party.field.memberCount'), children: current.memberCount },
                    { key: 'children', label: t('party.field.childCount'), children: current.childCount },
                  ]}
                />
              </Card>
              <Card title={t('party.members')} size="small">
                {members.error && <Alert type="error" showIcon title={members.error} className="page-alert" />}
                <Table<PartyMember>
                  rowKey="id"
                  size="middle"
                  loading={members.loading}
                  dataSource={members.data?.items ?? []}
                  locale={{ emptyText: t('party.noMembers') }}
                  pagination={{
                    current: page,
                    pageSize,
                    total: members.data?.total ?? 0,
                    pageSizeOptions: PAGE_SIZES,
                    showSizeChanger: true,
                    showTotal: (n) => t('common.total', { count: n }),
                  }}
                  onChange={(p) => {
                    setPage(p.current ?? 1);
                    setPageSize(p.pageSize ?? 20);
                  }}
                  columns={[
                    { title: t('party.col.name'), dataIndex: 'name' },
                    { title: t('party.col.memberKind'), dataIndex: 'memberKind', render: (k: string) => memberKindLabel(k) },
                    { title: t('party.col.joinedOn'), dataIndex: 'joinedOn', render: (d: string) => formatDate(d) },
                  ]}
                />
              </Card>
            </Space>
          )}
        </div>
      </div>
    </div>
  );
}
