import { useEffect, useState } from 'react';
import { Button, DotLoading, Selector, TextArea, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { uploadFile } from '../../services/api.js';
import * as api from '../../services/supervision-api.js';
import type { Department, Inspection, ProblemCategory } from '../../services/supervision-api.js';
import { PhotoPicker, usePhotoPicks } from './components/photo-picker.js';

const DEADLINE_DAYS = [3, 7, 15, 30] as const;

/**
 * 督查记录: an inspector on an inspection under way records a problem — the place (one of the
 * inspection's, and the phone's location), category, text and photos — and hands it over to the
 * county or a department with a deadline in days, or leaves it for the console.
 */
export default function InspectPage() {
  const { t } = useTranslation();
  const [inspections, setInspections] = useState<Inspection[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [inspectionId, setInspectionId] = useState<number>();
  const [placeId, setPlaceId] = useState<number>();
  const [category, setCategory] = useState<ProblemCategory>();
  const [description, setDescription] = useState('');
  const [where, setWhere] = useState<{ lat: number; lng: number } | null>(null);
  const [to, setTo] = useState<'county' | 'department' | 'later'>('county');
  const [departmentId, setDepartmentId] = useState<number>();
  const [days, setDays] = useState<number>(7);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const picks = usePhotoPicks();

  useEffect(() => {
    api.listInspections({ status: 'under_way', pageSize: 50 }).then((r) => {
      setInspections(r.items);
      if (r.items.length === 1) setInspectionId(r.items[0]!.id);
    }, (e) => setError(errorMessage(e, t('error.unknown'))));
    api.listDepartments().then(setDepartments, () => undefined);
  }, [t]);
  const inspection = inspections?.find((i) => i.id === inspectionId);

  const locate = () => {
    if (!navigator.geolocation) return setError(t('supervision.m.noLocation'));
    navigator.geolocation.getCurrentPosition((p) => setWhere({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => setError(t('supervision.m.noLocation')), { enableHighAccuracy: true, timeout: 10_000 });
  };

  const submit = async () => {
    if (!inspectionId || !placeId) return setError(t('supervision.m.needPlace'));
    if (!category) return setError(t('supervision.m.needCategory'));
    if (description.trim().length < 2) return setError(t('supervision.m.needDescription'));
    if (to === 'department' && !departmentId) return setError(t('supervision.m.needDepartment'));
    setBusy(true);
    setError(null);
    try {
      const photoIds = [];
      for (const p of picks.photos) photoIds.push((await uploadFile(p.blob)).id);
      const deadline = dayjs().add(days, 'day').format('YYYY-MM-DD');
      const r = await api.recordProblem({
        inspectionId, placeId, category, description: description.trim(), lat: where?.lat, lng: where?.lng, photoIds,
        handOver: to === 'later' ? undefined : { to, departmentId: to === 'department' ? departmentId : undefined, deadline },
      });
      Toast.show({ icon: 'success', content: t(r.status === 'handed_over' ? 'supervision.m.handedOver' : 'supervision.m.recorded', { id: r.id }), duration: 3000 });
      setDescription('');
      setCategory(undefined);
      picks.clear();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  if (!inspections) return <div className="m-page">{error ? <div className="m-error" role="alert">{error}</div> : <div className="m-center"><DotLoading /></div>}</div>;
  if (!inspections.length) return <div className="m-page"><div className="m-hint" role="status">{t('supervision.m.noInspection')}</div></div>;
  return (
    <div className="m-page">
      <section>
        <h2 className="m-section-title">{t('supervision.m.inspection')}</h2>
        <Selector columns={1} value={inspectionId ? [inspectionId] : []} onChange={(v) => { setInspectionId(v[0]); setPlaceId(undefined); }}
          options={inspections.map((i) => ({ value: i.id, label: `${i.title}（${t(`supervision.inspectionKind.${i.kind}`)}）` }))} />
      </section>
      {inspection && (
        <section>
          <h2 className="m-section-title">{t('supervision.m.place')}</h2>
          <Selector columns={2} value={placeId ? [placeId] : []} onChange={(v) => setPlaceId(v[0])} options={inspection.places.map((p) => ({ value: p.id, label: p.name }))} />
          <Button block onClick={locate} style={{ marginTop: 8 }}>{where ? t('supervision.m.located') : t('supervision.m.useLocation')}</Button>
        </section>
      )}
      <section>
        <h2 className="m-section-title">{t('supervision.problems.category')}</h2>
        <Selector columns={3} value={category ? [category] : []} onChange={(v) => setCategory(v[0])}
          options={api.PROBLEM_CATEGORIES.map((c) => ({ value: c, label: t(`supervision.category.${c}`) }))} />
      </section>
      <section>
        <h2 className="m-section-title"><label htmlFor="inspect-describe">{t('supervision.m.describe')}</label></h2>
        <TextArea id="inspect-describe" className="m-textarea" value={description} onChange={setDescription} rows={3} maxLength={1000} />
      </section>
      <section>
        <h2 className="m-section-title">{t('supervision.m.photo')}</h2>
        <PhotoPicker picks={picks} max={6} tooBigMessage={t('mobile.report.photoTooBig')} failedMessage={t('mobile.report.photoFailed')} />
      </section>
      <section>
        <h2 className="m-section-title">{t('supervision.handOver.to')}</h2>
        <Selector columns={3} value={[to]} onChange={(v) => v[0] && setTo(v[0])} options={[
          { value: 'county' as const, label: t('supervision.handOver.county') },
          { value: 'department' as const, label: t('supervision.handOver.department') },
          { value: 'later' as const, label: t('supervision.m.later') },
        ]} />
        {to === 'department' && (
          <Selector columns={2} value={departmentId ? [departmentId] : []} onChange={(v) => setDepartmentId(v[0])} style={{ marginTop: 8 }}
            options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        )}
        {to !== 'later' && (
          <>
            <h2 className="m-section-title">{t('supervision.m.deadlineIn')}</h2>
            <Selector columns={4} value={[days]} onChange={(v) => v[0] && setDays(v[0])} options={DEADLINE_DAYS.map((d) => ({ value: d, label: t('supervision.m.days', { n: d }) }))} />
          </>
        )}
      </section>
      {error && <div className="m-error" role="alert">{error}</div>}
      <Button block size="large" color="primary" className="m-big-button" loading={busy} onClick={() => void submit()}>{t('supervision.m.submit')}</Button>
    </div>
  );
}
