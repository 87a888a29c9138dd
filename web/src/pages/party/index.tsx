import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { CHILD_KIND, canParty, type PartyVerb } from '../../../../server/modules/party/party.policy.js';
import { useMe } from '../../components/auth-provider.js';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { formatDate } from '../../components/format.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, usePaged } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import { MEMBER_KINDS } from '../../services/party-api.js';
import type { PartyMember, PartyOrg, PartyOrgKind } from '../../services/types.js';
import { CoveragePanel } from './components/coverage-panel.js';
import { RegisterMemberModal, TransferHistoryModal, TransferMemberModal } from './components/member-modals.js';
import {
  AppointSecretaryModal, CreateChildModal, DissolvePartyOrgModal, MovePartyOrgModal, RenamePartyOrgModal,
} from './components/org-modals.js';
import { SecretaryHistory } from './components/secretary-history.js';

const KIND_COLORS: Record<PartyOrgKind, string> = { committee: 'red', branch: 'volcano', group: 'orange', member_household: 'gold' };
type Dialog = 'create' | 'rename' | 'move' | 'dissolve' | 'appoint' | 'register';

export default function PartyPage() {
  const { t } = useTranslation();
  const me = useMe();
  const writable = me.permissions.includes('party.write');
  const may = (verb: PartyVerb, kind?: PartyOrgKind) => writable && canParty(me.role, verb, kind);
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
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [transferring, setTransferring] = useState<PartyMember | null>(null);
  const [history, setHistory] = useState<PartyMember | null>(null);
  // Bumped after every change: members, appointments and coverage read again.
  const [changes, setChanges] = useState(0);

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
        // A community's own committee often sits beside a 商圈党委 or two: open them all while
        // they are few, so the secretary sees the branches without hunting; a county's long list stays shut.
        setExpanded(r.items.length <= 3 ? r.items.map((o) => String(o.id)) : []);
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

  /** Reads again the list that holds `id` (its parent's children, or the top) and its own children. */
  const refreshAround = useCallback(async (id: number | null) => {
    const o = id ? orgs.current.get(id) : undefined;
    const parent = o?.parentId && orgs.current.has(o.parentId) ? o.parentId : null;
    if (parent) {
      children.current.delete(parent);
      const r = await api.listPartyOrgChildren(parent);
      for (const x of r.items) orgs.current.set(x.id, x);
      children.current.set(parent, r.items.map((x) => x.id));
    } else {
      const r = await api.listPartyOrgs(orgId);
      for (const x of r.items) orgs.current.set(x.id, x);
      setRootIds(r.items.map((x) => x.id));
    }
    if (id && children.current.has(id)) {
      const r = await api.listPartyOrgChildren(id);
      for (const x of r.items) orgs.current.set(x.id, x);
      children.current.set(id, r.items.map((x) => x.id));
    }
    setVersion((v) => v + 1);
    setChanges((c) => c + 1);
  }, [orgId]);

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
    `${selected}|${page}|${pageSize}|${changes}`,
    () => (selected ? api.listPartyMembers({ partyOrgId: selected, page, pageSize }) : Promise.resolve({ items: [], total: 0 })),
    t('error.unknown'),
  );

  const memberKindLabel = (k: string) =>
    (MEMBER_KINDS as readonly string[]).includes(k) ? t(`memberKind.${k as (typeof MEMBER_KINDS)[number]}`) : k;

  // Party orgs loaded in the tree: the choices for a new parent or a transfer.
  const loaded = useMemo(() => [...orgs.current.values()], [version]);
  const childKind = current ? CHILD_KIND[current.kind] : null;

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
      <CoveragePanel orgId={orgId} version={changes} />
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
                  <Space wrap>
                    {childKind && may('create', childKind) && (
                      <Button type="primary" onClick={() => setDialog('create')}>{t('partyUpkeep.action.create', { kind: t(`partyKind.${childKind}`) })}</Button>
                    )}
                    {may('rename', current.kind) && <Button onClick={() => setDialog('rename')}>{t('partyUpkeep.action.rename')}</Button>}
                    {current.kind !== 'committee' && may('move', current.kind) && <Button onClick={() => setDialog('move')}>{t('partyUpkeep.action.move')}</Button>}
                    {may('appoint') && <Button onClick={() => setDialog('appoint')}>{t('partyUpkeep.action.appoint')}</Button>}
                    {may('dissolve', current.kind) && <Button danger onClick={() => setDialog('dissolve')}>{t('partyUpkeep.action.dissolve')}</Button>}
                    <Button icon={<ApartmentOutlined />} onClick={() => navigate(`/org?id=${current.orgId}`)}>
                      {t('party.openOrg')}
                    </Button>
                  </Space>
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
              <SecretaryHistory partyOrgId={current.id} version={changes} />
              <Card
                title={t('party.members')}
                size="small"
                extra={may('register') && <Button onClick={() => setDialog('register')}>{t('partyUpkeep.action.register')}</Button>}
              >
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
                    {
                      title: t('common.actions'),
                      render: (_, m) => (
                        <Space>
                          {may('transfer') && <Button size="small" onClick={() => setTransferring(m)}>{t('partyUpkeep.action.transfer')}</Button>}
                          <Button size="small" type="link" onClick={() => setHistory(m)}>{t('partyUpkeep.action.transfers')}</Button>
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            </Space>
          )}
        </div>
      </div>
      {current && (
        <>
          {childKind && (
            <CreateChildModal
              org={current}
              open={dialog === 'create'}
              onClose={() => setDialog(null)}
              onDone={(o) => {
                void refreshAround(current.id).then(() => loadChildren(current.id)).then(() => {
                  setExpanded((e) => (e.includes(String(current.id)) ? e : [...e, String(current.id)]));
                  setSelected(o.id);
                });
              }}
            />
          )}
          <RenamePartyOrgModal org={current} open={dialog === 'rename'} onClose={() => setDialog(null)} onDone={() => void refreshAround(current.id)} />
          <MovePartyOrgModal
            org={current}
            open={dialog === 'move'}
            candidates={loaded}
            onClose={() => setDialog(null)}
            onDone={(o) => {
              const from = current.parentId;
              void refreshAround(from).then(async () => {
                if (o.parentId && orgs.current.has(o.parentId)) {
                  children.current.delete(o.parentId);
                  await loadChildren(o.parentId);
                }
              });
            }}
          />
          <DissolvePartyOrgModal
            org={current}
            open={dialog === 'dissolve'}
            onClose={() => setDialog(null)}
            onDone={() => {
              const parent = current.parentId;
              setSelected(parent && orgs.current.has(parent) ? parent : null);
              void refreshAround(parent && orgs.current.has(parent) ? parent : current.id);
            }}
          />
          <AppointSecretaryModal org={current} open={dialog === 'appoint'} onClose={() => setDialog(null)} onDone={() => void refreshAround(current.id)} />
          <RegisterMemberModal org={current} open={dialog === 'register'} onClose={() => setDialog(null)} onDone={() => void refreshAround(current.id)} />
        </>
      )}
      {transferring && (
        <TransferMemberModal
          member={transferring}
          open
          candidates={loaded}
          onClose={() => setTransferring(null)}
          onDone={() => void refreshAround(transferring.partyOrgId)}
        />
      )}
      <TransferHistoryModal member={history} onClose={() => setHistory(null)} />
    </div>
  );
}
