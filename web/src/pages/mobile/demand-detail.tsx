import { useEffect, useState } from 'react';
import { Button, DotLoading, Image, ImageViewer, Steps, Toast } from 'antd-mobile';
import { LeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../../components/auth-provider.js';
import { eventLabel, eventNote, ratingLabel } from '../../components/demand-labels.js';
import { errorMessage } from '../../components/form-errors.js';
import { formatDateTime } from '../../components/format.js';
import * as api from '../../services/api.js';
import type { DemandDetail } from '../../services/types.js';
import { NotePopup } from './components/note-popup.js';
import { StateBadge } from './components/demand-card.js';
import { HandleButtons } from './tasks.js';

/** One report: what happened so far, in plain words, and the rating once it is resolved. */
export default function MobileDemandPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const [demand, setDemand] = useState<DemandDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    api.getDemand(Number(id)).then(setDemand, (e) => setError(errorMessage(e, t('error.unknown'))));
  }, [id]);

  if (error) return <div className="m-page"><div className="m-error" role="alert">{error}</div></div>;
  if (!demand) return <div className="m-center"><DotLoading color="primary" /></div>;

  const rate = async (action: 'rate_satisfied' | 'rate_unsatisfied', note?: string, key: string = action) => {
    setBusy(key);
    try {
      setDemand(await api.demandAction(demand.id, action, note ? { note } : {}));
      Toast.show({ icon: 'success', content: t('mobile.detail.rated') });
    } finally {
      setBusy(null);
    }
  };
  const rateQuietly = (action: 'rate_satisfied', note: string | undefined, key: string) =>
    rate(action, note, key).catch((e) => Toast.show({ content: errorMessage(e, t('error.unknown')) }));

  const mineToRate = demand.state === 'resolved' && (me.role === 'resident' || me.role === 'party_member');
  const events = demand.timeline;

  return (
    <div className="m-page">
      <button type="button" className="m-back" onClick={() => navigate(-1)}>
        <LeftOutlined /> {t('common.back')}
      </button>
      <div className="m-detail-head">
        <StateBadge demand={demand} />
        <span className="m-card-category">{demand.categoryName}</span>
      </div>
      <p className="m-detail-text">{demand.description}</p>
      <div className="m-card-meta">{demand.address ?? demand.placeName} · {formatDateTime(demand.createdAt)}</div>
      <Photos urls={demand.photos} size={88} label={t('demands.detail.photos')} />

      {mineToRate && (
        <section className="m-rate" role="region" aria-label={t('mobile.detail.rateTitle')}>
          <h2 className="m-section-title">{t('mobile.detail.rateTitle')}</h2>
          <div className="m-rate-buttons">
            <Button size="large" color="success" loading={busy === 'satisfied'} onClick={() => void rateQuietly('rate_satisfied', undefined, 'satisfied')}>
              {t('mobile.detail.satisfied')}
            </Button>
            <Button size="large" color="success" fill="outline" loading={busy === 'basic'} onClick={() => void rateQuietly('rate_satisfied', 'basic', 'basic')}>
              {t('mobile.detail.basic')}
            </Button>
            <Button size="large" color="danger" fill="outline" onClick={() => setAsking(true)}>
              {t('mobile.detail.unsatisfied')}
            </Button>
          </div>
        </section>
      )}
      {demand.rating && <div className="m-rated">{t('mobile.detail.yourRating', { rating: ratingLabel(t, demand.rating) })}</div>}

      {me.role !== 'resident' && me.role !== 'party_member' && <HandleButtons demand={demand} onDone={setDemand} />}

      <h2 className="m-section-title">{t('mobile.detail.progress')}</h2>
      <Steps direction="vertical" current={events.length - 1} className="m-steps">
        {events.map((e) => {
          const note = eventNote(e);
          return (
            <Steps.Step
              key={e.id}
              status={e.action === 'overdue' || e.action === 'rate_unsatisfied' || e.action === 'dispatch_return' ? 'error' : 'finish'}
              title={eventLabel(t, e)}
              description={
                <div className="m-step-desc">
                  <div>{formatDateTime(e.at)}{e.actorName ? ` · ${e.actorName}` : ''}</div>
                  {note && <div className="m-step-note">{note}</div>}
                  {e.action !== 'create' && <Photos urls={e.attachments} size={64} label={t('demands.photos.ofStep', { step: eventLabel(t, e) })} />}
                </div>
              }
            />
          );
        })}
      </Steps>

      <NotePopup
        visible={asking}
        title={t('mobile.detail.reasonTitle')}
        placeholder={t('mobile.detail.reasonPlaceholder')}
        requiredMessage={t('mobile.detail.reasonRequired')}
        okText={t('mobile.detail.unsatisfied')}
        onClose={() => setAsking(false)}
        onSubmit={(note) => rate('rate_unsatisfied', note)}
      />
    </div>
  );
}

/** Thumbnails; a tap opens them full screen. */
function Photos({ urls, size, label }: { urls: string[]; size: number; label: string }) {
  const { t } = useTranslation();
  if (!urls.length) return null;
  return (
    <div className="m-photos" role="group" aria-label={label}>
      {urls.map((p, i) => (
        <Image key={p} src={p} width={size} height={size} fit="cover" lazy className="m-photo-img" alt={t('demands.photos.alt', { n: i + 1 })}
          onClick={() => ImageViewer.Multi.show({ images: urls, defaultIndex: i })} />
      ))}
    </div>
  );
}
