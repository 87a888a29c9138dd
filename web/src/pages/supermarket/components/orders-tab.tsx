import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography, App } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/form-errors.js';
import { CellText } from '../../../components/cell-text.js';
import { formatDateTime } from '../../../components/format.js';
import { PAGE_SIZES, usePaged } from '../../../components/use-paged.js';
import * as storeApi from '../../../services/store-api.js';
import { ORDER_STATUSES, type OrderStatus, type StoreOrder } from '../../../services/store-api.js';
import { CounterRedeem } from './counter-redeem.js';
import { useStores } from './use-stores.js';

export const ORDER_TAG: Record<OrderStatus, string> = { reserved: 'orange', handed_over: 'green', cancelled: 'default', expired: 'default' };

/** The counter: hand over by code, then every order with a status filter. */
export function OrdersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { stores } = useStores();
  const [storeId, setStoreId] = useState<number | undefined>();
  const [status, setStatus] = useState<OrderStatus | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [tick, setTick] = useState(0);
  const [handStore, setHandStore] = useState<number | undefined>();
  const [code, setCode] = useState('');
  const [handError, setHandError] = useState<string | null>(null);
  const [handed, setHanded] = useState<StoreOrder | null>(null);
  const counterStore = handStore ?? stores.find((s) => s.active)?.id;

  const { data, loading, error } = usePaged(
    `${storeId}|${status}|${page}|${pageSize}|${tick}`,
    () => storeApi.listOrders({ storeId, status, page, pageSize }),
    t('error.unknown'),
  );

  const handOver = async () => {
    if (!counterStore) return;
    setHandError(null);
    setHanded(null);
    try {
      const o = await storeApi.handOver(counterStore, code);
      setHanded(o);
      setCode('');
      setTick((x) => x + 1);
    } catch (e) {
      setHandError(errorMessage(e, t('error.unknown')));
    }
  };

  const cancel = async (o: StoreOrder) => {
    try {
      await storeApi.cancelOrder(o.id);
      message.success(t('store.console.orders.cancelled', { n: o.total }));
    } catch (e) {
      message.error(errorMessage(e, t('error.unknown')));
    }
    setTick((x) => x + 1);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('store.handover.title')}>
        <Form layout="inline" onFinish={() => void handOver()}>
          <Form.Item label={t('store.handover.store')}>
            <Select
              aria-label={t('store.handover.store')}
              style={{ width: 260 }}
              value={counterStore}
              onChange={setHandStore}
              options={stores.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item label={t('store.handover.code')}>
            <Input
              aria-label={t('store.handover.code')}
              value={code}
              onChange={(e) => setCode(e.target.value.trim())}
              maxLength={40}
              style={{ width: 180, fontSize: 18, letterSpacing: 3 }}
              placeholder="000000"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={!code || !counterStore}>{t('store.handover.submit')}</Button>
        </Form>
        {handError && <Alert type="error" showIcon title={handError} style={{ marginTop: 12 }} role="alert" />}
        {handed && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            title={t('store.handover.done', { item: handed.itemName, qty: handed.quantity, who: handed.holderLabel, n: handed.total })}
          />
        )}
      </Card>
      <CounterRedeem store={stores.find((s) => s.id === counterStore)} onDone={() => setTick((x) => x + 1)} />
      <Card>
        <Space wrap className="toolbar">
          <Select
            aria-label={t('store.console.orders.store')}
            style={{ width: 240 }}
            value={storeId ?? 0}
            onChange={(v) => { setStoreId(v || undefined); setPage(1); }}
            options={[{ value: 0, label: t('store.console.orders.allStores') }, ...stores.map((s) => ({ value: s.id, label: s.name }))]}
          />
          <Select
            aria-label={t('store.console.orders.status')}
            style={{ width: 160 }}
            value={status ?? ''}
            onChange={(v) => { setStatus((v || undefined) as OrderStatus | undefined); setPage(1); }}
            options={[{ value: '', label: t('store.console.orders.allStatus') }, ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`store.status.${s}`) }))]}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        <Table<StoreOrder>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          scroll={{ x: 1370 }}
          tableLayout="fixed"
          pagination={{
            current: page, pageSize, total: data?.total ?? 0, pageSizeOptions: PAGE_SIZES, showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          onChange={(p) => { setPage(p.current ?? 1); setPageSize(p.pageSize ?? 20); }}
          columns={[
            { title: t('store.console.orders.id'), dataIndex: 'id', width: 80, render: (id: number) => `#${id}` },
            { title: t('store.console.orders.status'), dataIndex: 'status', width: 100, render: (s: OrderStatus) => <Tag color={ORDER_TAG[s]}>{t(`store.status.${s}`)}</Tag> },
            { title: t('store.handover.code'), dataIndex: 'code', width: 90, render: (c: string | null) => c ?? '—' },
            { title: t('store.console.orders.item'), dataIndex: 'itemName', width: 170, ellipsis: { showTitle: false }, render: (v: string, o) => <CellText text={`${v} × ${o.quantity}`} /> },
            { title: t('store.console.orders.points'), dataIndex: 'total', width: 80 },
            { title: t('store.console.orders.holder'), dataIndex: 'holderLabel', width: 220, ellipsis: { showTitle: false }, render: (v: string) => <CellText text={v} /> },
            { title: t('store.console.orders.store'), dataIndex: 'storeName', width: 170, ellipsis: { showTitle: false }, render: (v: string) => <CellText text={v} /> },
            { title: t('store.console.orders.createdAt'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
            {
              title: t('store.console.orders.outcome'), key: 'outcome', width: 220, ellipsis: { showTitle: false },
              render: (_: unknown, o) => o.status === 'reserved'
                ? <Typography.Text type="secondary">{t('store.console.orders.until', { at: formatDateTime(o.expiresAt) })}</Typography.Text>
                : <CellText text={o.status === 'handed_over'
                  ? `${formatDateTime(o.handedAt)} ${o.handedByName ?? ''}`
                  : `${formatDateTime(o.closedAt)} ${o.closeReason ?? ''}`} />,
            },
            {
              // Kept in view at 1366 px: the table scrolls under it.
              title: t('common.actions'), key: 'act', width: 90, fixed: 'right',
              render: (_: unknown, o) => o.status === 'reserved' && (
                <Popconfirm title={t('store.console.orders.cancelConfirm', { n: o.total })} onConfirm={() => void cancel(o)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                  <Button size="small" danger>{t('store.console.orders.cancel')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
