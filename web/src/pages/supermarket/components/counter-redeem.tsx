import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../components/form-errors.js';
import { useLoad } from '../../../components/use-load.js';
import { newClientId } from '../../../services/offline-queue.js';
import * as pointsApi from '../../../services/points-api.js';
import type { Holder } from '../../../services/points-api.js';
import * as storeApi from '../../../services/store-api.js';
import type { Store, StoreOrder } from '../../../services/store-api.js';

/**
 * 柜台兑换: staff redeem for someone standing at the counter — an elderly resident without a
 * phone, a partner shop — and hand the item over at once.
 */
export function CounterRedeem({ store, onDone }: { store: Store | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const [holders, setHolders] = useState<Holder[]>([]);
  const [holder, setHolder] = useState<string | undefined>();
  // What the store can hand out now (active, in stock); a redemption lowers the stock shown.
  const loaded = useLoad(store ? `${store.id}` : null, () => storeApi.listItems(store!.id), t('error.unknown'));
  const items = (loaded.data?.items ?? []).filter((i) => i.active && i.stock > 0);
  const [itemId, setItemId] = useState<number | undefined>();
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<StoreOrder | null>(null);
  // One id per confirmation: a double click or a retry after a dropped connection is one order.
  const clientId = useRef(newClientId());

  useEffect(() => {
    setItemId(undefined);
    setHolders([]);
    setHolder(undefined);
  }, [store?.id]);

  const search = (q: string) => {
    if (!store) return;
    pointsApi.listHolders({ communityId: store.communityId, q: q || undefined, page: 1, pageSize: 20 })
      .then((r) => setHolders(r.items), () => setHolders([]));
  };
  const item = items.find((i) => i.id === itemId);

  const submit = async () => {
    if (!holder || !item) return;
    const [kind, id] = holder.split(':');
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const o = await storeApi.redeemAtCounter({
        itemId: item.id, quantity, holderKind: kind as Holder['kind'], holderId: Number(id), clientId: clientId.current,
      });
      clientId.current = newClientId();
      setDone(o);
      setQuantity(1);
      loaded.setData((r) => r && { items: r.items.map((x) => (x.id === item.id ? { ...x, stock: x.stock - o.quantity } : x)) });
      // The picker shows the balance: the next redemption of the same holder must see what is left.
      setHolders((hs) => hs.map((h) => (`${h.kind}:${h.id}` === holder ? { ...h, balance: h.balance - o.total } : h)));
      onDone();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('store.counter.title')}>
      <Typography.Paragraph type="secondary">{t('store.counter.hint')}</Typography.Paragraph>
      <Form layout="inline" onFinish={() => void submit()}>
        <Form.Item label={t('store.counter.holder')}>
          <Select
            aria-label={t('store.counter.holder')}
            style={{ width: 320 }}
            showSearch={{ filterOption: false, onSearch: search }}
            onFocus={() => holders.length || search('')}
            placeholder={t('store.counter.holderPlaceholder')}
            value={holder}
            onChange={setHolder}
            options={holders.map((h) => ({ value: `${h.kind}:${h.id}`, label: t('store.counter.holderOption', { label: h.label, balance: h.balance }) }))}
          />
        </Form.Item>
        <Form.Item label={t('store.counter.item')}>
          <Select
            aria-label={t('store.counter.item')}
            style={{ width: 300 }}
            value={itemId}
            onChange={(v) => { setItemId(v); setQuantity(1); }}
            options={items.map((i) => ({ value: i.id, label: t('store.counter.itemOption', { name: i.name, cost: i.cost, unit: i.unit, stock: i.stock }) }))}
          />
        </Form.Item>
        <Form.Item label={t('store.counter.quantity')}>
          <InputNumber
            aria-label={t('store.counter.quantity')}
            min={1}
            max={item ? Math.min(item.perOrderLimit, item.stock) : 1}
            value={quantity}
            onChange={(v) => setQuantity(v ?? 1)}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!holder || !item}>{t('store.counter.submit')}</Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" />}
      {done && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={t('store.counter.done', { item: done.itemName, qty: done.quantity, who: done.holderLabel, n: done.total })}
        />
      )}
    </Card>
  );
}
