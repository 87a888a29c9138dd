import { useEffect, useRef, useState } from 'react';
import { Button, Card, Dialog, DotLoading, ErrorBlock, PullToRefresh, Stepper, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { newClientId } from '../../services/offline-queue.js';
import * as storeApi from '../../services/store-api.js';
import type { MyStore, StoreItem } from '../../services/store-api.js';

const big = { fontSize: 19 } as const;

/** 积分超市: my balance, my community's stores with what each costs and how many are left; one tap to redeem. */
export default function StoreHomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [data, setData] = useState<MyStore | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<{ item: StoreItem; storeName: string } | null>(null);

  const load = () =>
    storeApi.getMyStore().then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e) => setError(errorMessage(e, t('error.unknown'))),
    );
  useEffect(() => void load(), []);

  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        {error && <div className="m-error" role="alert">{error}</div>}
        {!data && !error && <div className="m-center"><DotLoading color="primary" /></div>}
        {data && (
          <>
            <Card>
              <div style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 8 }}>
                <span style={big}>{t('baseRedeem.spendable')}</span>
                <strong data-testid="store-spendable" style={{ fontSize: 32, color: '#c8161d' }}>{data.spendable}</strong>
              </div>
              <div style={{ color: '#595959', fontSize: 16 }}>
                {t('store.mobile.balance')} <span data-testid="store-balance">{data.balance}</span>
                {data.baseLocked > 0 && <span data-testid="store-base-locked">{t('baseRedeem.lockedNote', { n: data.baseLocked })}</span>}
              </div>
              <div style={{ color: '#595959' }}>{data.holder.label}</div>
              <Button block size="large" style={{ marginTop: 12 }} onClick={() => navigate('/m/store/orders')}>{t('store.mobile.myOrders')}</Button>
            </Card>
            {data.stores.length === 0 && <ErrorBlock status="empty" title={t('store.mobile.noStores')} description="" />}
            {data.stores.map((s) => (
              <section key={s.id} aria-label={s.name} style={{ marginTop: 16 }}>
                <Card
                  title={<span style={big}>{s.name}</span>}
                  extra={<Tag color={s.openNow ? 'success' : 'default'} style={{ fontSize: 15 }}>{s.openNow ? t('store.mobile.open') : t('store.mobile.closed')}</Tag>}
                >
                  <div style={{ color: '#595959' }}>{t(`store.kind.${s.kind}`)}{s.address ? ` · ${s.address}` : ''}</div>
                  <div style={{ margin: '6px 0 10px' }}>
                    {s.alwaysOpen
                      ? t('store.mobile.alwaysOpen')
                      : s.currentEvent
                        ? t('store.mobile.eventNow', { name: s.currentEvent.name, from: s.currentEvent.startsOn, to: s.currentEvent.endsOn })
                        : s.nextEvent
                          ? t('store.mobile.eventNext', { name: s.nextEvent.name, from: s.nextEvent.startsOn, to: s.nextEvent.endsOn })
                          : t('store.mobile.noEvent')}
                  </div>
                  {s.items.map((i) => (
                    <div key={i.id} role="group" aria-label={i.name}
                      style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '10px 0', borderTop: '1px solid #f0f0f0' }}>
                      {i.photoUrl && <img src={i.photoUrl} alt="" style={{ width: 56, height: 56, objectFit: 'cover', borderRadius: 6 }} />}
                      <div style={{ flex: 1 }}>
                        <div style={big}>{i.name}</div>
                        <div style={{ color: '#595959' }}>
                          {i.kind === 'service' ? t('store.mobile.quotaLeft', { n: i.stock, unit: i.unit }) : t('store.mobile.stockLeft', { n: i.stock, unit: i.unit })}
                          {i.donor ? ` · ${t('store.mobile.donor', { donor: i.donor })}` : ''}
                        </div>
                      </div>
                      <div style={{ textAlign: 'right' }}>
                        <div style={{ ...big, color: '#c8161d', fontWeight: 600 }}>{t('store.points', { n: i.cost })}</div>
                        <Button
                          color="primary"
                          size="middle"
                          disabled={!s.openNow || i.stock === 0 || i.cost > data.spendable}
                          onClick={() => setPicked({ item: i, storeName: s.name })}
                        >
                          {i.stock === 0 ? t('store.mobile.soldOut') : t('store.mobile.redeem')}
                        </Button>
                      </div>
                    </div>
                  ))}
                </Card>
              </section>
            ))}
          </>
        )}
        {picked && data && (
          <ConfirmRedeem
            item={picked.item}
            storeName={picked.storeName}
            balance={data.spendable}
            onClose={() => setPicked(null)}
            onDone={() => navigate('/m/store/orders')}
          />
        )}
      </div>
    </PullToRefresh>
  );
}

/** The one confirmation before points are spent: what, where, how many, what it costs, what is left. */
function ConfirmRedeem({ item, storeName, balance, onClose, onDone }: {
  item: StoreItem; storeName: string; balance: number; onClose: () => void; onDone: () => void;
}) {
  const { t } = useTranslation();
  const [qty, setQty] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per confirmation: a second tap or a resend after a dropped connection is the same order.
  const clientId = useRef(newClientId());
  const max = Math.max(1, Math.min(item.perOrderLimit, item.stock, Math.floor(balance / item.cost)));
  const total = qty * item.cost;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await storeApi.redeem(item.id, qty, clientId.current);
      onDone();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
      setBusy(false);
    }
  };

  return (
    <Dialog
      visible
      onClose={onClose}
      title={<span style={{ fontSize: 21 }}>{t('store.mobile.confirmTitle')}</span>}
      content={
        <div style={{ fontSize: 18 }}>
          <p style={{ margin: '4px 0' }}>{item.name} · {storeName}</p>
          <div style={{ display: 'flex', alignItems: 'center', gap: 12, margin: '12px 0' }}>
            <span>{t('store.mobile.quantity')}</span>
            <Stepper min={1} max={max} value={qty} onChange={(v) => setQty(v)} style={{ '--height': '40px', '--input-width': '56px', '--input-font-size': '20px' } as React.CSSProperties} />
          </div>
          <p style={{ margin: '4px 0' }}>{t('store.mobile.total', { n: total })}</p>
          <p style={{ margin: '4px 0', color: '#595959' }}>{t('store.mobile.after', { n: balance - total })}</p>
          {error && <div className="m-error" role="alert">{error}</div>}
        </div>
      }
      actions={[[
        { key: 'cancel', text: t('store.mobile.back'), onClick: onClose },
        { key: 'ok', text: t('store.mobile.confirm'), bold: true, disabled: busy, onClick: () => void confirm() },
      ]]}
    />
  );
}
