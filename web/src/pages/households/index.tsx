import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatNumber } from '../../components/format.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import type { Household, HouseholdKind } from '../../services/types.js';

const KIND_COLORS: Record<HouseholdKind, string> = { residence: 'green', merchant: 'orange', vacant: 'default' };

export default function HouseholdsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { params, update, reset } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const q = params.get('q') ?? '';
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const [draft, setDraft] = useState(q);


  const openResidents = (h: Household) =>
    navigate(`/residents?householdId=${h.id}&household=${encodeURIComponent(h.address)}`);

  const { data, loading, error } = usePaged(
    `${orgId}|${q}|${page}|${pageSize}`,
    () => api.listHouseholds({ orgId, q: q || undefined, page, pageSize }),
    t('error.unknown'),
  );

  return (
    <div>
      <PageHeader title={t('nav.households')} description={t('households.description')} />
      <Card>
        <Space wrap className="toolbar">
          <OrgTreeSelect
            aria-label={t('households.filter.org')}
            placeholder={t('households.filter.orgPlaceholder')}
            style={{ width: 280 }}
            value={orgId}
            onChange={(id) => update({ orgId: id, page: undefined })}
          />
          <Input.Search
            aria-label={t('households.filter.q')}
            placeholder={t('households.filter.qPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            style={{ width: 340 }}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={(v) => update({ q: v.trim(), page: undefined })}
          />
          {(orgId || q) && (
            <Button
              onClick={() => {
                setDraft('');
                reset();
              }}
            >
              {t('common.reset')}
            </Button>
          )}
        </Space>
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        <Table<Household>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: q || orgId ? t('households.emptyFiltered') : t('households.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          onRow={(h) => ({ className: 'clickable-row', onDoubleClick: () => openResidents(h) })}
          onChange={(p) => update({ page: p.current === 1 ? undefined : p.current, pageSize: p.pageSize === 20 ? undefined : p.pageSize })}
          columns={[
            { title: t('households.col.address'), dataIndex: 'address', ellipsis: true },
            { title: t('households.col.room'), dataIndex: 'room', width: 100 },
            {
              title: t('households.col.kind'),
              dataIndex: 'kind',
              width: 100,
              render: (k: HouseholdKind) => <Tag color={KIND_COLORS[k]}>{t(`householdKind.${k}`)}</Tag>,
            },
            {
              title: t('households.col.area'),
              dataIndex: 'areaM2',
              width: 110,
              align: 'right',
              render: (v: number | null) => (v == null ? <Typography.Text type="secondary">-</Typography.Text> : t('households.areaValue', { value: v })),
            },
            {
              title: t('households.col.residentCount'),
              dataIndex: 'residentCount',
              width: 100,
              align: 'right',
              render: (v: number) => formatNumber(v),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 130,
              render: (_, h) => (
                <Button
                  type="link"
                  icon={<TeamOutlined />}
                  onClick={() => openResidents(h)}
                >
                  {t('households.viewResidents')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
