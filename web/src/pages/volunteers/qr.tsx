import { useEffect, useState } from 'react';
import { Alert, Button, QRCode, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import * as api from '../../services/volunteers-api.js';
import type { CheckinQr } from '../../services/volunteers-api.js';

/**
 * The check-in QR, full screen for a projector or the organiser's phone. The token is short-lived:
 * a fresh one every 30 seconds. The link under the QR is the same address (volunteers without a
 * camera app can type it; tests read it).
 */
export default function VolunteerQrPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [qr, setQr] = useState<CheckinQr | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const load = async () => {
      try {
        const next = await api.getCheckinQr(id);
        if (!live) return;
        setQr(next);
        setError(null);
        timer = setTimeout(load, next.refreshInMs);
      } catch (e) {
        if (!live) return;
        setError(errorMessage(e, t('error.unknown')));
        timer = setTimeout(load, 10_000);
      }
    };
    void load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id, t]);

  const url = qr ? `${window.location.origin}${qr.path}` : '';
  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 16, padding: 24, background: '#fff' }}>
      {error && <Alert type="error" showIcon title={error} />}
      {qr && (
        <>
          <Typography.Title level={2} style={{ margin: 0, textAlign: 'center' }}>{qr.activity.title}</Typography.Title>
          <Typography.Text style={{ fontSize: 18 }}>{qr.activity.placeName} {qr.activity.address} · {formatDateTime(qr.activity.startsAt)}</Typography.Text>
          <QRCode value={url} size={Math.min(420, typeof window === 'undefined' ? 420 : window.innerWidth - 48)} errorLevel="M" />
          <Typography.Text style={{ fontSize: 20 }}>{t('volunteers.qr.hint')}</Typography.Text>
          <Typography.Text type="secondary">{t('volunteers.qr.checkedIn', { n: qr.checkedIn, capacity: qr.activity.capacity })}</Typography.Text>
          <a href={url} data-testid="volunteer-qr-link" style={{ fontSize: 12, color: '#999', wordBreak: 'break-all' }}>{url}</a>
          <Button onClick={() => void document.documentElement.requestFullscreen?.()}>{t('volunteers.qr.fullscreen')}</Button>
        </>
      )}
    </div>
  );
}
