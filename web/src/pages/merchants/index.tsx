import { Alert, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ListToolbar, useListFilters, useUrlPaging } from '../../components/list-toolbar.js';
import { PageHeader } from '../../components/page-header.js';
import { usePaged } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import type { Merchant } from '../../services/types.js';

/** 商户: the shops and businesses of a place (they hold points and can be partner stores). */
export default function MerchantsPage() {
  const { t } = useTranslation();
  const filters = useListFilters();
  const { orgId, q, page, pageSize } = filters;

  const { data, loading, error } = usePaged(
    `${orgId}|${q}|${page}|${pageSize}`,
    () => api.listMerchants({ orgId, q: q || undefined, page, pageSize }),
    t('error.unknown'),
  );
  const paging = useUrlPaging(filters, data?.total);

  return (
    <div>
      <PageHeader title={t('nav.merchants')} description={t('merchants.description')} />
      <Card>
        <ListToolbar list="merchants" filters={filters} orgWidth={280} searchWidth={300} />
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        <Table<Merchant>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('merchants.empty') }}
          {...paging}
          columns={[
            { title: t('merchants.col.name'), dataIndex: 'name', ellipsis: true },
            { title: t('merchants.col.business'), dataIndex: 'business', width: 160 },
            { title: t('merchants.col.address'), dataIndex: 'address', ellipsis: true },
            { title: t('merchants.col.contact'), dataIndex: 'contactName', width: 120 },
            {
              title: t('merchants.col.phone'),
              dataIndex: 'phone',
              width: 140,
              render: (v: string | null) => v ?? <Typography.Text type="secondary">-</Typography.Text>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
