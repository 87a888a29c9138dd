import { useEffect, useRef, useState } from 'react';
import { Button, Input, Selector } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/newgroups-road-api.js';
import type { CheckResult, GatePlaces } from '../../services/newgroups-road-api.js';

/** The browser's own QR reader where it has one (Chrome on Android); elsewhere the guard types the code. */
interface Detector { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> }
const BarcodeDetectorCtor = (globalThis as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => Detector }).BarcodeDetector;

/**
 * 门岗核验: a guard checks a rider's pass — by the camera (the phone's QR reader) or by typing
 * the text code under the QR. The answer is valid (masked name, platform, station) or why not.
 */
export default function GatePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [places, setPlaces] = useState<GatePlaces | null>(null);
  const [gate, setGate] = useState<number>();
  const [code, setCode] = useState(params.get('c') ?? '');
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    api.gatePlaces().then((p) => {
      setPlaces(p);
      setGate(p.units[0]?.id);
    }, (e) => setError(errorMessage(e, t('error.unknown'))));
  }, [t]);

  const check = async (value = code) => {
    if (!value.trim()) return setError(t('newgroupsRoad.m.needCode'));
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.checkPass(value.trim(), gate));
      setCode('');
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    if (!BarcodeDetectorCtor || !navigator.mediaDevices) return setError(t('newgroupsRoad.m.noScanner'));
    setScanning(true);
    let stream: MediaStream | undefined;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      const v = video.current!;
      v.srcObject = stream;
      await v.play();
      const detector = new BarcodeDetectorCtor({ formats: ['qr_code'] });
      for (let i = 0; i < 150; i++) {
        const found = await detector.detect(v).catch(() => []);
        if (found[0]) {
          await check(found[0].rawValue);
          return;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      setError(t('newgroupsRoad.m.scanTimeout'));
    } catch (e) {
      setError(errorMessage(e, t('newgroupsRoad.m.noScanner')));
    } finally {
      stream?.getTracks().forEach((x) => x.stop());
      setScanning(false);
    }
  };

  return (
    <div className="m-page">
      {places && places.units.length > 1 && (
        <section>
          <h2 className="m-section-title">{t('newgroupsRoad.m.gate')}</h2>
          <Selector columns={2} value={gate ? [gate] : []} onChange={(v) => v[0] && setGate(v[0])}
            options={places.units.map((u) => ({ value: u.id, label: u.name }))} />
        </section>
      )}
      {places && places.units.length === 1 && <div className="m-hint">{t('newgroupsRoad.m.gateAt', { name: places.units[0]!.name })}</div>}
      <Button block size="large" color="primary" className="m-big-button" loading={scanning} onClick={() => void scan()}>{t('newgroupsRoad.m.scan')}</Button>
      <video ref={video} muted playsInline style={{ width: '100%', display: scanning ? 'block' : 'none' }} />
      <section>
        <h2 className="m-section-title"><label htmlFor="gate-code">{t('newgroupsRoad.m.typeCode')}</label></h2>
        <Input id="gate-code" aria-label={t('newgroupsRoad.m.typeCode')} value={code} onChange={setCode} placeholder="LP-…" clearable />
        <Button block size="large" className="m-big-button" loading={busy} onClick={() => void check()}>{t('newgroupsRoad.m.check')}</Button>
      </section>
      {error && <div className="m-error" role="alert">{error}</div>}
      {result && (
        <div role="status" data-testid="gate-result" className={result.outcome === 'valid' ? 'm-gate-ok' : 'm-error'}
          style={{ padding: 16, marginTop: 12, borderRadius: 8, fontSize: 18, background: result.outcome === 'valid' ? '#e8f7ee' : undefined }}>
          <strong>{result.outcome === 'valid' ? t('newgroupsRoad.m.valid') : t('newgroupsRoad.m.refused')}</strong>
          <div>{result.message}</div>
          {result.worker && <div>{result.worker.maskedName} · {result.worker.platformName} · {result.worker.stationName}</div>}
          <div className="m-hint">{result.gateName}</div>
        </div>
      )}
    </div>
  );
}
