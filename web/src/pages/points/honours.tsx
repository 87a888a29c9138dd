import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Select, Space, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined, UserSwitchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { FormModal } from '../../components/form-modal.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import * as points from '../../services/points-api.js';
import type { HonourHousehold, ReserveSecretary } from '../../services/points-api.js';
import type { Resident } from '../../services/types.js';
import { CommunityPicker, useCommunity } from './components/community.js';
import { CommunityOverview } from './components/community-overview.js';

/** 荣誉评选: 最美居民户 candidates by yearly score, and high-scoring 楼栋长/单元长 kept as reserve secretaries. */
export default function PointsHonoursPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { communityId, fixed, setCommunityId } = useCommunity();
  const [params, setParams] = useSearchParams();
  const year = readInt(params, 'year', dayjs().year());
  const [settingHead, setSettingHead] = useState(false);

  const households = useLoad(communityId ? `${communityId}|${year}` : null, () => points.listHonourHouseholds({ communityId: communityId!, year, limit: 100 }), t('error.unknown'));
  const reserves = useLoad(communityId ? `${communityId}` : null, () => points.listReserveSecretaries({ communityId: communityId!, limit: 100 }), t('error.unknown'));

  const years = Array.from({ length: 5 }, (_, i) => dayjs().year() - i);

  return (
    <div>
      <PageHeader title={t('nav.pointsHonours')} description={t('points.honours.description')} extra={<CommunityPicker value={communityId} fixed={fixed} onChange={setCommunityId} />} />
      {!communityId && <CommunityOverview onPick={setCommunityId} />}
      {communityId && (
        <Card>
          <Tabs
            items={[
              {
                key: 'households',
                label: t('points.honours.households'),
                children: (
                  <>
                    <Space wrap className="toolbar">
                      <Select
                        aria-label={t('points.honours.year')}
                        style={{ width: 120 }}
                        value={year}
                        onChange={(y) => setParams((p) => { const n = new URLSearchParams(p); n.set('year', String(y)); return n; })}
                        options={years.map((y) => ({ value: y, label: t('points.honours.yearValue', { year: y }) }))}
                      />
                      <Button icon={<DownloadOutlined />} href={points.honoursXlsxUrl('households', { communityId, year, limit: 100 })}>
                        {t('points.honours.export')}
                      </Button>
                    </Space>
                    {households.error && <Alert type="error" showIcon title={households.error} className="page-alert" />}
                    <Table<HonourHousehold>
                      rowKey="holderId"
                      size="small"
                      loading={households.loading}
                      dataSource={households.data?.items ?? []}
                      pagination={{ pageSize: 20, hideOnSinglePage: true }}
                      locale={{ emptyText: t('points.honours.empty') }}
                      columns={[
                        { title: t('points.honours.col.rank'), dataIndex: 'rank', width: 70 },
                        { title: t('points.honours.col.household'), dataIndex: 'label' },
                        { title: t('points.honours.col.score'), dataIndex: 'score', width: 90, align: 'right' },
                        {
                          title: t('points.honours.col.deeds'),
                          dataIndex: 'deeds',
                          render: (ds: HonourHousehold['deeds']) => ds.map((d) => <Tag key={d.name}>{t('points.honours.deed', { name: d.name, count: d.count, points: d.points })}</Tag>),
                        },
                      ]}
                    />
                  </>
                ),
              },
              {
                key: 'reserve',
                label: t('points.honours.reserve'),
                children: (
                  <>
                    <Space wrap className="toolbar">
                      <Button icon={<DownloadOutlined />} href={points.honoursXlsxUrl('reserve-secretaries', { communityId, limit: 100 })}>
                        {t('points.honours.export')}
                      </Button>
                      {can('points.rules') && (
                        <Button icon={<UserSwitchOutlined />} onClick={() => setSettingHead(true)}>{t('points.honours.setHead')}</Button>
                      )}
                    </Space>
                    {reserves.error && <Alert type="error" showIcon title={reserves.error} className="page-alert" />}
                    <Table<ReserveSecretary>
                      rowKey={(r) => `${r.residentId}|${r.place}`}
                      size="small"
                      loading={reserves.loading}
                      dataSource={reserves.data?.items ?? []}
                      pagination={{ pageSize: 20, hideOnSinglePage: true }}
                      locale={{ emptyText: t('points.honours.reserveEmpty') }}
                      columns={[
                        { title: t('points.honours.col.name'), dataIndex: 'name' },
                        { title: t('points.honours.col.post'), dataIndex: 'post', render: (p: ReserveSecretary['post']) => t(`points.post.${p}`) },
                        { title: t('points.honours.col.place'), dataIndex: 'place' },
                        { title: t('points.honours.col.score'), dataIndex: 'score', align: 'right' },
                        { title: t('points.honours.col.party'), dataIndex: 'partyMember', render: (v: boolean) => (v ? <Tag color="red">{t('points.honours.partyMember')}</Tag> : '-') },
                      ]}
                    />
                  </>
                ),
              },
            ]}
          />
        </Card>
      )}
      {settingHead && <HeadModal onClose={() => setSettingHead(false)} onDone={reserves.reload} />}
    </div>
  );
}

/** 楼栋长/单元长: a building or unit, and one of the residents living there (or nobody). */
function HeadModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ orgId: number; residentId: number | null }>();
  const orgId = Form.useWatch('orgId', form);
  const [residents, setResidents] = useState<Resident[]>([]);
  const seq = useRef(0);

  const search = (q?: string) => {
    if (!orgId) return;
    const mine = ++seq.current;
    api.listResidents({ orgId, q: q?.trim() || undefined, page: 1, pageSize: 50 }).then((r) => mine === seq.current && setResidents(r.items), () => undefined);
  };
  const searchRef = useRef(search);
  searchRef.current = search;
  useEffect(() => searchRef.current(), [orgId]);

  const submit = async (v: { orgId: number; residentId: number | null }) => {
    await points.setHead(v.orgId, v.residentId ?? null);
    message.success(t('points.honours.headSet'));
    onDone();
  };

  return (
    <FormModal open title={t('points.honours.setHead')} form={form} onSubmit={submit} onClose={onClose}>
      <Form.Item name="orgId" label={t('points.honours.place')} extra={t('points.honours.placeHint')} rules={[{ required: true, message: t('points.honours.placeRequired') }]}>
        <OrgTreeSelect aria-label={t('points.honours.place')} />
      </Form.Item>
      <Form.Item name="residentId" label={t('points.honours.resident')} extra={t('points.honours.residentHint')}>
        <Select<number>
          allowClear
          disabled={!orgId}
          aria-label={t('points.honours.resident')}
          showSearch={{ filterOption: false, onSearch: search }}
          options={residents.map((r) => ({ value: r.id, label: `${r.name}${r.address ? ` · ${r.address}` : ''}` }))}
        />
      </Form.Item>
    </FormModal>
  );
}
