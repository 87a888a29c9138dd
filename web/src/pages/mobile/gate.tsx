import { useEffect, useState } from 'react';
import { Button, Input, Selector } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/newgroups-road-api.js';
import type { CheckResult, GatePlaces } from '../../services/newgroups-road-api.js';
import { QrScanner } from './components/qr-scanner.js';

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
      {/* The phone's QR reader where it has one; elsewhere the guard types the code below. */}
      <QrScanner buttonClassName="m-big-button" onResult={(text) => void check(text)}
        texts={{ start: t('newgroupsRoad.m.scan'), noScanner: t('newgroupsRoad.m.noScanner'), noCamera: t('newgroupsRoad.m.noScanner'), timeout: t('newgroupsRoad.m.scanTimeout') }} />
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
