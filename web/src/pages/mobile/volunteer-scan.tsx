import './volunteer.css';
import { useEffect, useRef, useState } from 'react';
import { Button, DotLoading } from 'antd-mobile';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { ApiError } from '../../services/api.js';
import { newClientId } from '../../services/offline-queue.js';
import * as api from '../../services/volunteers-api.js';
import type { ScanPreview } from '../../services/volunteers-api.js';
import { isRetryable } from './phone-queue.js';
import { useOffline } from './offline.js';

/**
 * The page the organiser's QR opens (/m/volunteer/scan?t=…): the activity and one big button,
 * 签到 or 签退. Without signal the scan is kept with its time and sent when the phone is back
 * online (the phone queue); the server records it once, at the time it was scanned.
 */
export default function VolunteerScanPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const navigate = useNavigate();
  const offline = useOffline();
  const [preview, setPreview] = useState<ScanPreview | null>(null);
  const [noSignal, setNoSignal] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The moment the QR was scanned: what a queued scan reports.
  const [scannedAt] = useState(() => new Date().toISOString());

  const [unregistered, setUnregistered] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!token) return;
    api.previewScan(token).then(setPreview, (e) => {
      if (isRetryable(e) && !(e instanceof ApiError && e.status === 401)) setNoSignal(true);
      // Not a volunteer yet: one tap registers, then the same scan goes on.
      else if (e instanceof ApiError && e.details.reason === 'not_volunteer') setUnregistered(true);
      else setError(errorMessage(e, t('error.unknown')));
    });
  }, [token, t, tick]);

  const register = async () => {
    setBusy(true);
    try {
      await api.registerMe();
      setUnregistered(false);
      setTick((n) => n + 1);
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  // One client id per action: a send whose answer was lost and its queued copy land once.
  const clientIds = useRef<Partial<Record<'in' | 'out', string>>>({});
  const clientId = (action: 'in' | 'out') => (clientIds.current[action] ??= newClientId());

  const queue = async (action: 'in' | 'out') => {
    await offline.save({ kind: 'volunteer_scan', token, action, scannedAt, clientId: clientId(action) });
    setDone(t('volunteers.m.queued'));
  };

  const go = async (action: 'in' | 'out') => {
    setBusy(true);
    setError(null);
    try {
      if (noSignal) return await queue(action);
      const r = await api.scan({ token, action, clientId: clientId(action), scannedAt });
      setDone(t(action === 'in' ? 'volunteers.m.inDone' : 'volunteers.m.outDone', { time: dayjs(r.at).format('HH:mm') }));
    } catch (e) {
      if (isRetryable(e) && !(e instanceof ApiError && e.status === 401)) await queue(action);
      else setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  if (!token) return <div className="m-page"><div className="m-error" role="alert">{t('volunteers.m.noToken')}</div></div>;
  return (
    <div className="m-page m-vol-scan">
      {error && <div className="m-error" role="alert">{error}</div>}
      {unregistered && (
        <>
          <h2>{t('volunteers.m.joinTitle')}</h2>
          <p className="m-vol-meta">{t('volunteers.m.joinText')}</p>
          <Button block color="primary" size="large" className="m-vol-big" loading={busy} onClick={() => void register()}>{t('volunteers.m.join')}</Button>
        </>
      )}
      {!preview && !noSignal && !error && !unregistered && <div className="m-center"><DotLoading /></div>}
      {preview && (
        <>
          <h2>{preview.activity.title}</h2>
          <div className="m-vol-meta">{preview.activity.placeName} {preview.activity.address}</div>
          <div className="m-vol-meta">{dayjs(preview.activity.startsAt).format(t('volunteers.m.dateFormat'))} – {dayjs(preview.activity.endsAt).format('HH:mm')}</div>
        </>
      )}
      {noSignal && <div className="m-vol-meta" role="status">{t('volunteers.m.noSignal')}</div>}
      {done ? (
        <>
          <div className="m-vol-done" role="status" data-testid="scan-done">{done}</div>
          <Button block size="large" onClick={() => navigate('/m/volunteer')}>{t('volunteers.m.toMine')}</Button>
        </>
      ) : (
        <>
          {(noSignal || preview?.next === 'in') && (
            <Button block color="primary" size="large" className="m-vol-big" loading={busy} onClick={() => void go('in')}>{t('volunteers.m.checkIn')}</Button>
          )}
          {(noSignal || preview?.next === 'out') && (
            <>
              {preview?.checkinAt && <div className="m-vol-mine">{t('volunteers.m.inAt', { time: dayjs(preview.checkinAt).format('HH:mm') })}</div>}
              <Button block color={noSignal ? 'default' : 'primary'} size="large" className="m-vol-big" loading={busy} onClick={() => void go('out')}>{t('volunteers.m.checkOut')}</Button>
            </>
          )}
          {preview?.next === 'done' && <div className="m-vol-done">{t('volunteers.m.allDone')}</div>}
        </>
      )}
    </div>
  );
}
