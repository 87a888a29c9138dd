import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../components/auth-provider.js';
import { channelLabel, demandPlace, demandStateLabel } from '../../components/demand-labels.js';
import { formatDateTime } from '../../components/format.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import { DEMAND_STATES, type Demand } from '../../services/types.js';
import { CreateDemandModal } from './components/create-demand-modal.js';
import { stateColor } from './lifecycle.js';

export default function DemandsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { params, update, reset } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const state = params.get('state') ?? undefined;
  const overdue = params.get('overdue') === '1';
  const mine = params.get('mine') === '1';
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const [creating, setCreating] = useState(false);


  const filtered = !!(orgId || state || overdue || mine);
  const { data, loading, error } = usePaged(
    `${orgId}|${state}|${overdue}|${mine}|${page}|${pageSize}`,
    () => api.listDemands({ orgId, state, overdue: overdue || undefined, mine: mine || undefined, page, pageSize }),
    t('error.unknown'),
  );

  return (
    <div>
      <PageHeader
        title={t('nav.demands')}
        description={t('demands.description')}
        extra={
          can('demands.act') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('demands.new.button')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="toolbar">
          <Select
            aria-label={t('demands.filter.state')}
            style={{ width: 160 }}
            value={state ?? ''}
            onChange={(v) => update({ state: v || undefined, page: undefined })}
            options={[{ value: '', label: t('demands.filter.stateAll') }, ...DEMAND_STATES.map((s) => ({ value: s, label: t(`demandState.${s}`) }))]}
          />
          <OrgTreeSelect
            aria-label={t('demands.filter.org')}
            placeholder={t('demands.filter.orgPlaceholder')}
            style={{ width: 260 }}
            value={orgId}
            onChange={(id) => update({ orgId: id, page: undefined })}
          />
          <Checkbox checked={overdue} onChange={(e) => update({ overdue: e.target.checked ? 1 : undefined, page: undefined })}>
            {t('demands.filter.overdue')}
          </Checkbox>
          <Checkbox checked={mine} onChange={(e) => update({ mine: e.target.checked ? 1 : undefined, page: undefined })}>
            {t('demands.filter.mine')}
          </Checkbox>
          {filtered && <Button onClick={() => reset()}>{t('common.reset')}</Button>}
        </Space>
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        <Table<Demand>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          scroll={{ x: 1250 }}
          locale={{ emptyText: filtered ? t('demands.emptyFiltered') : t('demands.empty') }}
          rowClassName={(d) => `clickable-row${d.overdue ? ' overdue-row' : ''}`}
          onRow={(d) => ({ onClick: () => navigate(`/demands/${d.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          onChange={(p) => update({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize })}
          columns={[
            { title: t('demands.col.id'), dataIndex: 'id', width: 80, render: (id: number) => <a href={`/demands/${id}`} onClick={(e) => e.preventDefault()}>#{id}</a> },
            {
              title: t('demands.col.state'),
              dataIndex: 'state',
              width: 150,
              render: (s: string, d) => (
                <Space size={4} wrap>
                  <Tag color={stateColor(s)}>{demandStateLabel(t, s, d.stateName)}</Tag>
                  {d.overdue && <Tag color="red" variant="solid">{t('demands.overdue')}</Tag>}
                </Space>
              ),
            },
            { title: t('demands.col.category'), dataIndex: 'categoryName', width: 110 },
            {
              title: t('demands.col.description'),
              dataIndex: 'description',
              ellipsis: true,
              render: (v: string, d) => (
                <span>
                  {v}
                  {d.meTooCount > 0 && <Typography.Text type="secondary"> · {t('demands.meToo', { count: d.meTooCount })}</Typography.Text>}
                </span>
              ),
            },
            { title: t('demands.col.community'), dataIndex: 'communityName', width: 120, ellipsis: { showTitle: false }, render: (v: string | null) => <Tooltip title={v}>{v ?? '-'}</Tooltip> },
            {
              title: t('demands.col.place'), dataIndex: 'placeName', width: 170, ellipsis: { showTitle: false },
              render: (_: string, d) => {
                const place = demandPlace({ ...d, communityName: null });
                return <Tooltip title={place}>{place}</Tooltip>;
              },
            },
            { title: t('demands.col.channel'), dataIndex: 'channel', width: 100, render: (c: string) => channelLabel(t, c) },
            { title: t('demands.col.handler'), dataIndex: 'handlerName', width: 110, render: (v: string | null) => v ?? '-' },
            { title: t('demands.col.createdAt'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
            {
              title: t('demands.col.dueAt'),
              dataIndex: 'dueAt',
              width: 150,
              render: (v: string, d) => <Typography.Text type={d.overdue ? 'danger' : undefined}>{formatDateTime(v)}</Typography.Text>,
            },
          ]}
        />
      </Card>
      <CreateDemandModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/demands/${id}`)} />
    </div>
  );
}
