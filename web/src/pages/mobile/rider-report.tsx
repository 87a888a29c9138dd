import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, DotLoading, Selector, TextArea, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { uploadFile } from '../../services/api.js';
import * as api from '../../services/newgroups-road-api.js';
import type { MyReports, RiderPlaces } from '../../services/newgroups-road-api.js';
import { newClientId } from '../../services/offline-queue.js';
import { PhotoPicker, usePhotoPicks } from './components/photo-picker.js';

type Kind = 'hazard' | 'demand';

/**
 * 路面上报: an enrolled rider reports a hazard or a demand seen on the road — category, a few
 * words, a photo, and the community (picked, or the nearest by the phone's location). It becomes
 * a demand in that community's inbox; verified reports earn points, listed below.
 */
export default function RiderReportPage() {
  const { t } = useTranslation();
  const [places, setPlaces] = useState<RiderPlaces | null>(null);
  const [mine, setMine] = useState<MyReports | null>(null);
  const [kind, setKind] = useState<Kind>('hazard');
  const [category, setCategory] = useState<string>();
  const [community, setCommunity] = useState<number>();
  const [where, setWhere] = useState<{ lat: number; lng: number } | null>(null);
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const picks = usePhotoPicks();
  const clientId = useRef(newClientId());

  const loadMine = useCallback(() => api.myReports({ page: 1, pageSize: 20 }).then(setMine, () => undefined), []);
  useEffect(() => {
    api.riderPlaces().then(setPlaces, (e) => setError(errorMessage(e, t('error.unknown'))));
    void loadMine();
  }, [t, loadMine]);

  const locate = () => {
    if (!navigator.geolocation) return setError(t('newgroupsRoad.m.noLocation'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setWhere({ lat: p.coords.latitude, lng: p.coords.longitude });
        setCommunity(undefined);
      },
      () => setError(t('newgroupsRoad.m.noLocation')),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const submit = async () => {
    if (!category) return setError(t('newgroupsRoad.m.needCategory'));
    if (description.trim().length < 2) return setError(t('newgroupsRoad.m.needDescription'));
    if (!community && !where) return setError(t('newgroupsRoad.m.needPlace'));
    setBusy(true);
    setError(null);
    try {
      const attachmentIds = [];
      for (const p of picks.photos) attachmentIds.push((await uploadFile(p.blob)).id);
      const r = await api.reportFromRoad({
        kind, categoryCode: category, description: description.trim(), communityId: community, lat: where?.lat, lng: where?.lng,
        attachmentIds: attachmentIds.length ? attachmentIds : undefined, clientId: clientId.current,
      });
      Toast.show({ icon: 'success', content: t('newgroupsRoad.m.sent', { community: r.communityName }), duration: 3000 });
      setDescription('');
      setCategory(undefined);
      picks.clear();
      clientId.current = newClientId();
      void loadMine();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  if (!places) return <div className="m-page">{error ? <div className="m-error" role="alert">{error}</div> : <div className="m-center"><DotLoading /></div>}</div>;
  if (!places.enrolled) return <div className="m-page"><div className="m-hint" role="status">{t('newgroupsRoad.m.notEnrolled')}</div></div>;
  return (
    <div className="m-page">
      <section>
        <h2 className="m-section-title">{t('newgroupsRoad.m.kind')}</h2>
        <Selector columns={2} value={[kind]} onChange={(v) => v[0] && setKind(v[0])}
          options={[{ value: 'hazard' as Kind, label: t('newgroupsRoad.kind.hazard') }, { value: 'demand' as Kind, label: t('newgroupsRoad.kind.demand') }]} />
      </section>
      <section>
        <h2 className="m-section-title">{t('newgroupsRoad.m.category')}</h2>
        <Selector columns={3} value={category ? [category] : []} onChange={(v) => setCategory(v[0])}
          options={places.categories.map((c) => ({ value: c.code, label: c.name }))} />
      </section>
      <section>
        <h2 className="m-section-title"><label htmlFor="road-describe">{t('newgroupsRoad.m.describe')}</label></h2>
        <TextArea id="road-describe" className="m-textarea" value={description} onChange={setDescription} rows={3} maxLength={1000}
          placeholder={t('newgroupsRoad.m.describePlaceholder')} />
      </section>
      <section>
        <h2 className="m-section-title">{t('newgroupsRoad.m.place')}</h2>
        <Button block onClick={locate}>{where ? t('newgroupsRoad.m.located') : t('newgroupsRoad.m.useLocation')}</Button>
        <Selector columns={2} value={community ? [community] : []} onChange={(v) => {
          setCommunity(v[0]);
          if (v[0]) setWhere(null);
        }} options={places.communities.map((c) => ({ value: c.id, label: c.name }))} />
      </section>
      <section>
        <h2 className="m-section-title">{t('newgroupsRoad.m.photo')}</h2>
        <PhotoPicker picks={picks} max={3} tooBigMessage={t('mobile.report.photoTooBig')} failedMessage={t('mobile.report.photoFailed')} />
      </section>
      {error && <div className="m-error" role="alert">{error}</div>}
      <Button block size="large" color="primary" className="m-big-button" loading={busy} onClick={() => void submit()}>{t('newgroupsRoad.m.submit')}</Button>
      {mine && (
        <section aria-label={t('newgroupsRoad.m.mine')}>
          <h2 className="m-section-title">{t('newgroupsRoad.m.mine')} · {t('newgroupsRoad.m.points', { points: mine.pointsTotal })}</h2>
          {mine.items.map((r) => (
            <div key={r.id} className="m-card" style={{ padding: '8px 0', borderBottom: '1px solid #eee' }}>
              <div>{t(`newgroupsRoad.kind.${r.kind}`)} · {r.communityName} · {dayjs(r.createdAt).format('MM-DD HH:mm')}</div>
              <div>{r.description}</div>
              <div className="m-hint">{t(`newgroupsRoad.reward.${r.reward}`)}{r.points ? ` +${r.points}` : ''}</div>
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
