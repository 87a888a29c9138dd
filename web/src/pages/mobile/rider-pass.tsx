import { useEffect, useState } from 'react';
import { Button, DotLoading } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/newgroups-road-api.js';
import type { Pass } from '../../services/newgroups-road-api.js';

/**
 * 通行码: the white-listed rider's expiring signed code, as a QR for the gate's scanner and as
 * short text for a guard to type. A fresh one is fetched every minute; the countdown shows how
 * long the one on screen still opens a gate.
 */
export default function RiderPassPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [pass, setPass] = useState<Pass | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const load = async () => {
      try {
        const next = await api.myPass();
        if (!live) return;
        setPass(next);
        setError(null);
        timer = setTimeout(load, next.refreshInMs);
      } catch (e) {
        if (!live) return;
        setError(errorMessage(e, t('error.unknown')));
        timer = setTimeout(load, 15_000);
      }
    };
    void load();
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      live = false;
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, [t]);

  const left = pass ? Math.max(0, Math.round((new Date(pass.expiresAt).getTime() - now) / 1000)) : 0;
  return (
    <div className="m-page m-rider-pass">
      {error && <div className="m-error" role="alert">{error}</div>}
      {!pass && !error && <div className="m-center"><DotLoading /></div>}
      {pass && (
        <section aria-label={t('newgroupsRoad.m.passTitle')} style={{ textAlign: 'center' }}>
          <h2 className="m-section-title">{t('newgroupsRoad.m.passTitle')}</h2>
          <div>{pass.worker.name} · {pass.worker.platformName} · {pass.worker.stationName}</div>
          <img alt={t('newgroupsRoad.m.qrAlt')} style={{ width: 240, height: 240, margin: '12px auto', display: 'block' }}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(pass.qrSvg)}`} />
          <div className="m-hint">{t('newgroupsRoad.m.textCode')}</div>
          <div data-testid="pass-code" style={{ fontSize: 22, fontWeight: 600, letterSpacing: 1, wordBreak: 'break-all' }}>{pass.code}</div>
          <div className="m-hint" role="status">{left > 0 ? t('newgroupsRoad.m.validFor', { minutes: Math.floor(left / 60), seconds: String(left % 60).padStart(2, '0') }) : t('newgroupsRoad.m.expired')}</div>
        </section>
      )}
      <Button block size="large" className="m-big-button" onClick={() => navigate('/m/rider/report')}>{t('newgroupsRoad.m.toReport')}</Button>
    </div>
  );
}
