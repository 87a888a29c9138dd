import { useRef, useState } from 'react';
import { Alert, Button, Card, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../components/auth-provider.js';
import { errorMessage } from '../../../components/form-errors.js';
import { FormModal } from '../../../components/form-modal.js';
import { formatDateTime } from '../../../components/format.js';
import { OrgTreeSelect } from '../../../components/org-tree-select.js';
import { useLoad } from '../../../components/use-load.js';
import { uploadFile } from '../../../services/api.js';
import * as storeApi from '../../../services/store-api.js';
import { STORE_KINDS, type StoreKind, type NewItem, type NewStore, type Store, type StoreItem, type StockMovement } from '../../../services/store-api.js';
import { useStores } from './use-stores.js';

/** Stores on the left, the chosen store's items and stock on the right. */
export function StoresTab() {
  const { t } = useTranslation();
  const { stores, error, reload } = useStores();
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const store = stores.find((s) => s.id === selected) ?? stores[0] ?? null;

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Card
          title={t('store.console.stores.title')}
          extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('store.console.stores.new')}</Button>}
        >
          {error != null && <Alert type="error" showIcon title={errorMessage(error, t('error.unknown'))} />}
          <Table<Store>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={stores}
            rowClassName={(s) => `clickable-row${s.id === store?.id ? ' ant-table-row-selected' : ''}`}
            onRow={(s) => ({ onClick: () => setSelected(s.id) })}
            locale={{ emptyText: t('store.console.stores.empty') }}
            columns={[
              { title: t('store.console.stores.name'), dataIndex: 'name', render: (v: string, s) => <span>{v}{!s.active && <Tag style={{ marginLeft: 4 }}>{t('store.console.stores.inactive')}</Tag>}</span> },
              { title: t('store.console.stores.kind'), dataIndex: 'kind', width: 110, render: (k: StoreKind) => t(`store.kind.${k}`) },
              {
                title: t('store.console.stores.open'), dataIndex: 'openNow', width: 90,
                render: (v: boolean, s) => <Tag color={v ? 'green' : 'default'}>{s.alwaysOpen ? t('store.console.stores.always') : v ? t('store.mobile.open') : t('store.mobile.closed')}</Tag>,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {store && <StoreItems key={store.id} store={store} onStoreChanged={reload} />}
      </Col>
      <CreateStoreModal open={creating} onClose={() => setCreating(false)} onCreated={(s) => { void reload(); setSelected(s.id); }} />
    </Row>
  );
}

function CreateStoreModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (s: Store) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<NewStore>();
  const kind = Form.useWatch('kind', form);
  return (
    <FormModal<NewStore>
      open={open}
      title={t('store.console.stores.new')}
      form={form}
      onClose={onClose}
      initialValues={{ kind: 'community_centre', alwaysOpen: false, pickupDays: 7, communityId: me.scope.kind === 'community' ? me.scope.orgId : undefined }}
      onSubmit={async (v) => onCreated(await storeApi.createStore(v))}
    >
      <Form.Item name="communityId" label={t('store.console.stores.community')} rules={[{ required: true }]}>
        <OrgTreeSelect aria-label={t('store.console.stores.community')} />
      </Form.Item>
      <Form.Item name="name" label={t('store.console.stores.name')} rules={[{ required: true, max: 60 }]}><Input /></Form.Item>
      <Form.Item name="kind" label={t('store.console.stores.kind')}>
        <Radio.Group options={STORE_KINDS.map((k) => ({ value: k, label: t(`store.kind.${k}`) }))} />
      </Form.Item>
      {kind === 'compound_station' && (
        <Form.Item name="orgId" label={t('store.console.stores.place')} extra={t('store.console.stores.placeHelp')}>
          <OrgTreeSelect aria-label={t('store.console.stores.place')} />
        </Form.Item>
      )}
      {kind === 'partner_shop' && (
        <Form.Item name="merchantId" label={t('store.console.stores.merchantId')} rules={[{ required: true }]} extra={t('store.console.stores.merchantHelp')}>
          <InputNumber min={1} style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name="address" label={t('store.console.stores.address')}><Input /></Form.Item>
      <Space size="large">
        <Form.Item name="alwaysOpen" label={t('store.console.stores.alwaysOpen')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="pickupDays" label={t('store.console.stores.pickupDays')}><InputNumber min={1} max={90} /></Form.Item>
      </Space>
    </FormModal>
  );
}

function StoreItems({ store, onStoreChanged }: { store: Store; onStoreChanged: () => void }) {
  const { t } = useTranslation();
  const loaded = useLoad(`${store.id}`, () => storeApi.listItems(store.id), t('error.unknown'));
  const items = loaded.data?.items ?? [];
  const load = loaded.reload;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? loaded.error;
  const [adding, setAdding] = useState(false);
  const [stockFor, setStockFor] = useState<StoreItem | null>(null);
  const [movementsFor, setMovementsFor] = useState<StoreItem | null>(null);

  const toggle = async (patch: () => Promise<unknown>) => {
    try {
      await patch();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    }
    onStoreChanged();
    void load();
  };

  return (
    <Card
      title={store.name}
      extra={
        <Space>
          <span>{t('store.console.stores.active')}</span>
          <Switch aria-label={t('store.console.stores.active')} checked={store.active} onChange={(v) => void toggle(() => storeApi.updateStore(store.id, { active: v }))} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('store.console.items.new')}</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t(`store.kind.${store.kind}`)} · {store.orgName}{store.merchantName ? ` · ${store.merchantName}` : ''}{store.address ? ` · ${store.address}` : ''}
        {' · '}{t('store.console.stores.pickupDaysShort', { n: store.pickupDays })}
        {store.currentEvent ? ` · ${t('store.mobile.eventNow', { name: store.currentEvent.name, from: store.currentEvent.startsOn, to: store.currentEvent.endsOn })}` : ''}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} />}
      <Table<StoreItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('store.console.items.empty') }}
        columns={[
          { title: t('store.console.items.name'), dataIndex: 'name', render: (v: string, i) => <span>{i.photoUrl && <img src={i.photoUrl} alt="" style={{ width: 28, height: 28, objectFit: 'cover', borderRadius: 4, marginRight: 6, verticalAlign: 'middle' }} />}{v}{i.donor && <Typography.Text type="secondary"> · {i.donor}</Typography.Text>}</span> },
          { title: t('store.console.items.kind'), dataIndex: 'kind', width: 80, render: (k: StoreItem['kind']) => t(`store.itemKind.${k}`) },
          { title: t('store.console.items.cost'), dataIndex: 'cost', width: 80 },
          { title: t('store.console.items.stock'), dataIndex: 'stock', width: 90, render: (n: number, i) => <Typography.Text type={n === 0 ? 'danger' : undefined}>{n} {i.unit}</Typography.Text> },
          {
            title: t('store.console.items.active'), dataIndex: 'active', width: 80,
            render: (v: boolean, i) => <Switch size="small" aria-label={`${i.name} ${t('store.console.items.active')}`} checked={v} onChange={(x) => void toggle(() => storeApi.updateItem(i.id, { active: x }))} />,
          },
          {
            title: t('common.actions'), key: 'act', width: 240,
            render: (_: unknown, i) => (
              <Space size={4}>
                <Button size="small" onClick={() => setStockFor(i)}>{t('store.console.items.stockButton')}</Button>
                <Button size="small" type="link" onClick={() => setMovementsFor(i)}>{t('store.console.items.movements')}</Button>
                <PhotoButton item={i} onDone={() => void load()} onError={setError} />
              </Space>
            ),
          },
        ]}
      />
      <CreateItemModal storeId={store.id} open={adding} onClose={() => setAdding(false)} onCreated={() => void load()} />
      <StockModal item={stockFor} onClose={() => setStockFor(null)} onDone={() => void load()} />
      <MovementsDrawer item={movementsFor} onClose={() => setMovementsFor(null)} />
    </Card>
  );
}

function CreateItemModal({ storeId, open, onClose, onCreated }: { storeId: number; open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewItem>();
  const kind = Form.useWatch('kind', form);
  return (
    <FormModal<NewItem>
      open={open}
      title={t('store.console.items.new')}
      form={form}
      onClose={onClose}
      initialValues={{ kind: 'goods', unit: '件', initialStock: 0, perOrderLimit: 5 }}
      onSubmit={async (v) => {
        await storeApi.createItem({ ...v, storeId });
        onCreated();
      }}
    >
      <Form.Item name="kind" label={t('store.console.items.kind')}>
        <Radio.Group options={(['goods', 'service'] as const).map((k) => ({ value: k, label: t(`store.itemKind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('store.console.items.name')} rules={[{ required: true, max: 60 }]}><Input /></Form.Item>
      <Space size="large" wrap>
        <Form.Item name="cost" label={t('store.console.items.cost')} rules={[{ required: true }]}><InputNumber min={1} max={100000} /></Form.Item>
        <Form.Item name="unit" label={t('store.console.items.unit')}><Input style={{ width: 80 }} maxLength={10} /></Form.Item>
        <Form.Item name="initialStock" label={kind === 'service' ? t('store.console.items.quota') : t('store.console.items.initialStock')}><InputNumber min={0} /></Form.Item>
        <Form.Item name="perOrderLimit" label={t('store.console.items.perOrderLimit')}><InputNumber min={1} max={100} /></Form.Item>
      </Space>
      <Form.Item name="donor" label={t('store.console.items.donor')}><Input maxLength={60} /></Form.Item>
      <Form.Item name="description" label={t('store.console.items.description')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
    </FormModal>
  );
}

function StockModal({ item, onClose, onDone }: { item: StoreItem | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: 'received' | 'adjusted'; delta: number; reason: string }>();
  return (
    <FormModal
      open={!!item}
      title={item ? t('store.console.stock.title', { name: item.name, n: item.stock, unit: item.unit }) : ''}
      form={form}
      onClose={onClose}
      initialValues={{ kind: 'received', reason: '' }}
      onSubmit={async (v) => {
        await storeApi.moveStock(item!.id, { ...v, reason: v.reason ?? '' });
        onDone();
      }}
    >
      <Form.Item name="kind" label={t('store.console.stock.kind')}>
        <Radio.Group options={[{ value: 'received', label: t('store.movement.received') }, { value: 'adjusted', label: t('store.movement.adjusted') }]} />
      </Form.Item>
      <Form.Item name="delta" label={t('store.console.stock.delta')} extra={t('store.console.stock.deltaHelp')} rules={[{ required: true }]}>
        <InputNumber style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="reason" label={t('store.console.stock.reason')}><Input maxLength={200} /></Form.Item>
    </FormModal>
  );
}

function MovementsDrawer({ item, onClose }: { item: StoreItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data } = useLoad(item ? `${item.id}|${page}` : null, () => storeApi.listMovements(item!.id, page, 20), t('error.unknown'));
  const rows = data?.items ?? [];
  const total = data?.total ?? 0;
  return (
    <Drawer open={!!item} onClose={onClose} width={640} title={item ? t('store.console.movements.title', { name: item.name }) : ''} destroyOnHidden>
      <Table<StockMovement>
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ current: page, pageSize: 20, total, onChange: setPage }}
        columns={[
          { title: t('store.console.movements.at'), dataIndex: 'at', width: 140, render: formatDateTime },
          { title: t('store.console.movements.kind'), dataIndex: 'kind', width: 80, render: (k: StockMovement['kind']) => t(`store.movement.${k}`) },
          { title: t('store.console.movements.delta'), dataIndex: 'delta', width: 70, render: (n: number) => (n > 0 ? `+${n}` : n) },
          { title: t('store.console.movements.after'), dataIndex: 'stockAfter', width: 70 },
          { title: t('store.console.movements.reason'), dataIndex: 'reason', render: (v: string, m) => `${v}${m.orderId ? ` #${m.orderId}` : ''}` },
          { title: t('store.console.movements.by'), dataIndex: 'byName', width: 100, render: (v: string | null) => v ?? '-' },
        ]}
      />
    </Drawer>
  );
}

/** Uploads a photo (JPEG/PNG/WebP, ≤ 5 MB) and puts it on the item. */
function PhotoButton({ item, onDone, onError }: { item: StoreItem; onDone: () => void; onError: (m: string) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const up = await uploadFile(file, file.name);
      await storeApi.updateItem(item.id, { photoId: up.id });
      onDone();
    } catch (e) {
      onError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" hidden onChange={(e) => void pick(e.target.files?.[0])} />
      <Button size="small" type="link" loading={busy} onClick={() => input.current?.click()}>{t('store.console.items.photo')}</Button>
    </>
  );
}
