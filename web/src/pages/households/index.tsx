import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatNumber } from '../../components/format.js';
import { ListToolbar, useListFilters, useUrlPaging } from '../../components/list-toolbar.js';
import { PageHeader } from '../../components/page-header.js';
import { usePaged } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import type { Household, HouseholdKind } from '../../services/types.js';

const KIND_COLORS: Record<HouseholdKind, string> = { residence: 'green', merchant: 'orange', vacant: 'default' };

export default function HouseholdsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const filters = useListFilters();
  const { orgId, q, page, pageSize } = filters;


  const openResidents = (h: Household) =>
    navigate(`/residents?householdId=${h.id}&household=${encodeURIComponent(h.address)}`);

  const { data, loading, error } = usePaged(
    `${orgId}|${q}|${page}|${pageSize}`,
    () => api.listHouseholds({ orgId, q: q || undefined, page, pageSize }),
    t('error.unknown'),
  );
  const paging = useUrlPaging(filters, data?.total);

  return (
    <div>
      <PageHeader title={t('nav.households')} description={t('households.description')} />
      <Card>
        <ListToolbar list="households" filters={filters} orgWidth={280} searchWidth={340} />
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        <Table<Household>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: q || orgId ? t('households.emptyFiltered') : t('households.empty') }}
          {...paging}
          onRow={(h) => ({ className: 'clickable-row', onDoubleClick: () => openResidents(h) })}
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
