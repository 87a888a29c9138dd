import { useEffect, useRef, useState } from 'react';
import { Button, Card, Input, Selector, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import * as storeApi from '../../services/store-api.js';
import type { Store, StoreOrder } from '../../services/store-api.js';

/** The browser's own barcode reader, where there is one (Chrome on Android): no library, no download. */
interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
const detectorClass = () => (globalThis as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;

/** 核销: staff pick their store, then scan the holder's QR or type the six digits. */
export default function StoreHandoverPage() {
  const { t } = useTranslation();
  const [stores, setStores] = useState<Store[]>([]);
  const [storeId, setStoreId] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<StoreOrder | null>(null);
  const [scanning, setScanning] = useState(false);

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
        {detectorClass() && (
          <Button block size="large" style={{ marginTop: 8 }} onClick={() => setScanning(true)}>{t('store.handover.scan')}</Button>
        )}
        {scanning && <Scanner onResult={(v) => { setScanning(false); void submit(v); }} onClose={() => setScanning(false)} />}
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

/** Reads QR codes from the back camera until one is found; stops the camera when closed. */
function Scanner({ onResult, onClose }: { onResult: (v: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    const Det = detectorClass();
    if (!Det) return;
    const detector = new Det({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(async (s) => {
      stream = s;
      if (!video.current) return;
      video.current.srcObject = s;
      await video.current.play();
      while (!stopped) {
        const found = await detector.detect(video.current).catch(() => []);
        if (found[0]?.rawValue) {
          onResult(found[0].rawValue);
          return;
        }
        await new Promise((r) => requestAnimationFrame(r));
      }
    }, () => setProblem(t('store.handover.noCamera')));
    return () => {
      stopped = true;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);
  return (
    <div style={{ marginTop: 12 }}>
      {problem ? <div className="m-error">{problem}</div> : <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8 }} />}
      <Button block size="large" style={{ marginTop: 8 }} onClick={onClose}>{t('store.handover.stopScan')}</Button>
    </div>
  );
}
