import { useEffect, useRef, useState } from 'react';
import { Button, Input, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/api.js';
import { newClientId } from '../../services/offline-queue.js';
import type { Demand, NewDemand, ReportPlaces } from '../../services/types.js';
import { CategoryGrid } from './components/category-grid.js';
import { DemandCard } from './components/demand-card.js';
import { PhotoPicker, usePhotoPicks } from './components/photo-picker.js';
import { QueuedBar } from './components/queued-bar.js';
import { isRetryable, sendDemand, useOffline } from './offline.js';

const MAX_PHOTOS = 9;

/** 我要反映: category, a few words, optional phone and photos; works offline. */
export default function ReportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { items: queued, flush, save } = useOffline();
  const [category, setCategory] = useState<string>();
  const [description, setDescription] = useState('');
  const [phone, setPhone] = useState('');
  // Where: the resident's own unit unless they pick another place in their community.
  const [placeId, setPlaceId] = useState<number>();
  const [places, setPlaces] = useState<ReportPlaces | null>(null);
  useEffect(() => {
    api.reportPlaces().then(setPlaces, () => setPlaces(null));
  }, []);
  // Downscaled JPEGs with a preview URL each; uploaded on submit (or queued with the report).
  const picks = usePhotoPicks();
  const { photos } = picks;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [duplicates, setDuplicates] = useState<Demand[] | null>(null);
  // One id per report: a report saved offline and sent twice is still stored once.
  const clientId = useRef(newClientId());
  // Photos already uploaded for this report: a second submit (after the duplicate prompt) reuses them.
  const uploaded = useRef(new Map<Blob, number>());

  const reset = () => {
    setCategory(undefined);
    setDescription('');
    setPhone('');
    setPlaceId(undefined);
    picks.clear();
    setDuplicates(null);
    setError(null);
    clientId.current = newClientId();
    uploaded.current = new Map();
  };

  const validate = (): string | null => {
    if (!category) return t('mobile.report.needCategory');
    if (description.trim().length < 2) return t('mobile.report.needDescription');
    if (phone && !/^1\d{10}$/.test(phone)) return t('mobile.report.phoneInvalid');
    return null;
  };

  const submit = async (force: boolean) => {
    const problem = validate();
    if (problem) return setError(problem);
    setError(null);
    const input: NewDemand = {
      categoryCode: category!, description: description.trim(), reporterPhone: phone || undefined,
      channel: 'resident', force: force || undefined, orgId: placeId,
    };
    const blobs = photos.map((p) => p.blob);
    const keep = async () => {
      // Already-uploaded photos go with the record as ids; the others wait in the phone.
      const sentIds = blobs.map((b) => uploaded.current.get(b)).filter((x): x is number => x !== undefined);
      const { photosDropped } = await save(
        { ...input, force: undefined, clientId: clientId.current, attachmentIds: sentIds.length ? sentIds : undefined },
        blobs.filter((b) => !uploaded.current.has(b)),
      );
      Toast.show({ icon: 'success', content: photosDropped ? t('mobile.report.savedWithoutPhotos') : t('mobile.report.saved'), duration: 3000 });
      reset();
    };
    if (!navigator.onLine) return keep();
    setBusy(true);
    try {
      // Sent without the clientId so the server can spot a neighbour's report of the same problem.
      const r = await sendDemand(input, blobs, uploaded.current);
      Toast.show({ icon: 'success', content: t('mobile.report.submitted'), duration: 3000 });
      reset();
      navigate(`/m/demands/${r.demand.id}`);
    } catch (e) {
      const dups = api.likelyDuplicates(e);
      if (dups) setDuplicates(dups);
      // No network or a gateway down: keep it for later. A lost session goes to the login page.
      else if (isRetryable(e) && (e as api.ApiError).status !== 401) await keep();
      else setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  const meToo = async (d: Demand) => {
    try {
      await api.meToo(d.id);
      Toast.show({ icon: 'success', content: t('mobile.report.meTooDone'), duration: 3000 });
      reset();
      navigate('/m/demands');
    } catch (e) {
      Toast.show({ content: errorMessage(e, t('error.unknown')) });
    }
  };

  if (duplicates) {
    return (
      <div className="m-page" role="region" aria-label={t('mobile.report.dupTitle')}>
        <h2 className="m-section-title">{t('mobile.report.dupTitle')}</h2>
        <p className="m-hint">{t('mobile.report.dupHint')}</p>
        {duplicates.map((d) => (
          <DemandCard key={d.id} demand={d}>
            <Button block size="large" color="primary" onClick={() => void meToo(d)}>{t('mobile.report.meToo')}</Button>
          </DemandCard>
        ))}
        <Button block size="large" className="m-big-button" loading={busy} onClick={() => void submit(true)}>
          {t('mobile.report.force')}
        </Button>
        <Button block size="large" fill="none" onClick={() => setDuplicates(null)}>{t('common.back')}</Button>
      </div>
    );
  }

  return (
    <div className="m-page">
      <QueuedBar count={queued.length} message={t('mobile.report.queued', { count: queued.length })} onSend={() => void flush()} />
      <section>
        <h2 className="m-section-title">{t('mobile.report.pickCategory')}</h2>
        <CategoryGrid value={category} onChange={setCategory} label={t('mobile.report.pickCategory')} />
      </section>
      <section>
        <h2 className="m-section-title"><label htmlFor="m-describe">{t('mobile.report.describe')}</label></h2>
        <TextArea
          className="m-textarea"
          id="m-describe"
          placeholder={t('mobile.report.describePlaceholder')}
          value={description}
          onChange={setDescription}
          rows={4}
          maxLength={2000}
          showCount
        />
      </section>
      {places && (
        <section>
          <h2 className="m-section-title"><label htmlFor="m-place">{t('mobile.report.place')}</label></h2>
          <select
            className="m-input m-select"
            id="m-place"
            value={placeId ?? ''}
            onChange={(e) => setPlaceId(e.target.value ? Number(e.target.value) : undefined)}
          >
            <option value="">{t('mobile.report.placeOwn')}</option>
            <option value={places.community.id}>{places.community.name}</option>
            {places.places.map((p) => (
              <option key={p.id} value={p.id}>{p.kind === 'building' ? `\u3000${p.name}` : p.name}</option>
            ))}
          </select>
        </section>
      )}
      <section>
        <h2 className="m-section-title"><label htmlFor="m-phone">{t('mobile.report.phone')}</label></h2>
        <Input className="m-input" id="m-phone" type="tel" inputMode="tel" maxLength={11} value={phone} onChange={setPhone} clearable />
      </section>
      <section>
        <h2 className="m-section-title">{t('mobile.report.photos')}</h2>
        <PhotoPicker picks={picks} max={MAX_PHOTOS} tooBigMessage={t('mobile.report.photoTooBig')} failedMessage={t('mobile.report.photoFailed')} />
      </section>
      {error && <div className="m-error" role="alert">{error}</div>}
      <Button block size="large" color="primary" className="m-big-button" loading={busy} onClick={() => void submit(false)}>
        {t('mobile.report.submit')}
      </Button>
    </div>
  );
}
