import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { PAGE_SIZES, readInt, usePaged, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import type { Merchant } from '../../services/types.js';

/** 商户: the shops and businesses of a place (they hold points and can be partner stores). */
export default function MerchantsPage() {
  const { t } = useTranslation();
  const { params, update, reset } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const q = params.get('q') ?? '';
  const page = readInt(params, 'page', 1);
  const pageSize = readInt(params, 'pageSize', 20);
  const [draft, setDraft] = useState(q);

  const { data, loading, error } = usePaged(
    `${orgId}|${q}|${page}|${pageSize}`,
    () => api.listMerchants({ orgId, q: q || undefined, page, pageSize }),
    t('error.unknown'),
  );

  return (
    <div>
      <PageHeader title={t('nav.merchants')} description={t('merchants.description')} />
      <Card>
        <Space wrap className="toolbar">
          <OrgTreeSelect
            aria-label={t('merchants.filter.org')}
            placeholder={t('merchants.filter.orgPlaceholder')}
            style={{ width: 280 }}
            value={orgId}
            onChange={(id) => update({ orgId: id, page: undefined })}
          />
          <Input.Search
            aria-label={t('merchants.filter.q')}
            placeholder={t('merchants.filter.qPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            style={{ width: 300 }}
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
        <Table<Merchant>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('merchants.empty') }}
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
