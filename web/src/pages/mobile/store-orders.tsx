import { useEffect, useState } from 'react';
import { Button, Card, Dialog, DotLoading, ErrorBlock, PullToRefresh, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import * as storeApi from '../../services/store-api.js';
import type { MyStoreOrder, OrderStatus } from '../../services/store-api.js';

export const ORDER_COLORS: Record<OrderStatus, string> = {
  reserved: '#d46b08',
  handed_over: '#389e0d',
  cancelled: '#8c8c8c',
  expired: '#8c8c8c',
};

/** 我的兑换: open orders first with the pickup code in large digits and the QR to show at the counter. */
export default function StoreOrdersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [items, setItems] = useState<MyStoreOrder[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    storeApi.listMyOrders().then(
      (r) => {
        setItems(r.items);
        setError(null);
      },
      (e) => setError(errorMessage(e, t('error.unknown'))),
    );
  useEffect(() => void load(), []);

  const cancel = async (o: MyStoreOrder) => {
    const ok = await Dialog.confirm({
      content: <div style={{ fontSize: 18 }}>{t('store.mobile.cancelConfirm', { name: o.itemName, n: o.total })}</div>,
      confirmText: t('store.mobile.cancelYes'),
      cancelText: t('store.mobile.back'),
    });
    if (!ok) return;
    try {
      await storeApi.cancelMyOrder(o.id);
      Toast.show({ content: t('store.mobile.cancelled', { n: o.total }) });
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')), duration: 4000 });
    }
    await load();
  };

  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        <Button block size="large" onClick={() => navigate('/m/store')}>{t('store.mobile.backToStore')}</Button>
        {error && <div className="m-error" role="alert">{error}</div>}
        {!items && !error && <div className="m-center"><DotLoading color="primary" /></div>}
        {items?.length === 0 && <ErrorBlock status="empty" title={t('store.mobile.noOrders')} description="" />}
        {items?.map((o) => (
          <Card key={o.id} style={{ marginTop: 12 }} aria-label={t('store.mobile.orderLabel', { id: o.id })}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 19 }}>
              <strong>{o.itemName} × {o.quantity}</strong>
              <span data-testid="order-status" className="m-state" style={{ background: ORDER_COLORS[o.status] }}>{t(`store.status.${o.status}`)}</span>
            </div>
            <div style={{ color: '#595959' }}>{o.storeName}{o.storeAddress ? ` · ${o.storeAddress}` : ''}</div>
            <div>{t('store.mobile.spent', { n: o.total })}</div>
            {o.status === 'reserved' && (
              <div style={{ textAlign: 'center', margin: '12px 0' }}>
                <div style={{ color: '#595959' }}>{t('store.mobile.pickupCode')}</div>
                <div data-testid="pickup-code" style={{ fontSize: 40, letterSpacing: 6, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>{o.code}</div>
                {o.qrSvg && (
                  <img alt={t('store.mobile.qrAlt')} style={{ width: 200, height: 200 }} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(o.qrSvg)}`} />
                )}
                <div>{t('store.mobile.pickupBy', { at: formatDateTime(o.expiresAt) })}</div>
                <Button color="danger" fill="outline" size="large" style={{ marginTop: 8 }} onClick={() => void cancel(o)}>{t('store.mobile.cancel')}</Button>
              </div>
            )}
            {o.status === 'handed_over' && <div>{t('store.mobile.handedAt', { at: formatDateTime(o.handedAt) })}</div>}
            {(o.status === 'cancelled' || o.status === 'expired') && <div style={{ color: '#595959' }}>{t('store.mobile.refunded', { n: o.total })}</div>}
          </Card>
        ))}
      </div>
    </PullToRefresh>
  );
}
