import { useEffect, useState } from 'react';
import { Button, Card, Input, Selector, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import * as storeApi from '../../services/store-api.js';
import type { Store, StoreOrder } from '../../services/store-api.js';
import { QrScanner, qrScannerSupported } from './components/qr-scanner.js';

/** 核销: staff pick their store, then scan the holder's QR or type the six digits. */
export default function StoreHandoverPage() {
  const { t } = useTranslation();
  const [stores, setStores] = useState<Store[]>([]);
  const [storeId, setStoreId] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<StoreOrder | null>(null);

  useEffect(() => {
    storeApi.listStores().then((r) => {
      const open = r.items.filter((s) => s.active);
      setStores(open);
      if (open.length) setStoreId(open[0]!.id);
    }, (e) => setError(errorMessage(e, t('error.unknown'))));
  }, []);

  const submit = async (value: string) => {
    if (!storeId || !value.trim()) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const o = await storeApi.handOver(storeId, value);
      setDone(o);
      setCode('');
      Toast.show({ icon: 'success', content: t('store.handover.ok') });
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="m-page">
      <Card title={<span style={{ fontSize: 19 }}>{t('store.handover.store')}</span>}>
        <Selector
          columns={1}
          value={storeId ? [storeId] : []}
          onChange={(v) => v[0] && setStoreId(v[0])}
          options={stores.map((s) => ({ label: s.name, value: s.id }))}
        />
      </Card>
      <Card style={{ marginTop: 12 }} title={<span style={{ fontSize: 19 }}>{t('store.handover.code')}</span>}>
        <Input
          aria-label={t('store.handover.code')}
          inputMode="numeric"
          maxLength={6}
          value={code}
          onChange={(v) => setCode(v.replace(/\D/g, ''))}
          placeholder="000000"
          style={{ '--font-size': '32px', letterSpacing: 6 } as React.CSSProperties}
          onEnterPress={() => void submit(code)}
        />
        <Button block color="primary" size="large" style={{ marginTop: 12 }} loading={busy} disabled={code.length !== 6 || !storeId} onClick={() => void submit(code)}>
          {t('store.handover.submit')}
        </Button>
        {/* Without a QR reader the six digits above are the way: no button that cannot work. */}
        {qrScannerSupported() && (
          <QrScanner buttonColor="default" style={{ marginTop: 8 }} onResult={(v) => void submit(v)}
            texts={{ start: t('store.handover.scan'), stop: t('store.handover.stopScan'), noCamera: t('store.handover.noCamera') }} />
        )}
        {error && <div className="m-error" role="alert" style={{ marginTop: 12, fontSize: 18 }}>{error}</div>}
      </Card>
      {done && (
        <Card style={{ marginTop: 12 }} aria-label={t('store.handover.result')}>
          <div style={{ fontSize: 20, color: '#389e0d', fontWeight: 600 }}>{t('store.handover.ok')}</div>
          <div style={{ fontSize: 19 }}>{done.itemName} × {done.quantity}</div>
          <div>{done.holderLabel}</div>
          <div>{t('store.points', { n: done.total })}</div>
        </Card>
      )}
    </div>
  );
}

