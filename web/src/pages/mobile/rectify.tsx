import { useCallback, useEffect, useState } from 'react';
import { Button, DotLoading, Selector, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { uploadFile } from '../../services/api.js';
import * as api from '../../services/supervision-api.js';
import type { Problem } from '../../services/supervision-api.js';
import { PhotoPicker, usePhotoPicks } from './components/photo-picker.js';

type Open = 'handed_over' | 'rectifying' | 'sent_back';

/** 整改报告: a county's or department's account reports rectification of a problem handed to it, with photos of the evidence. */
export default function RectifyPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Open>('handed_over');
  const [list, setList] = useState<Problem[] | null>(null);
  const [chosen, setChosen] = useState<Problem | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const picks = usePhotoPicks();
  const load = useCallback(() => api.listProblems({ status, pageSize: 50 }).then((r) => setList(r.items), (e) => setError(errorMessage(e, t('error.unknown')))), [status, t]);
  useEffect(() => { void load(); }, [load]);

  const report = async () => {
    if (!chosen) return;
    if (note.trim().length < 2) return setError(t('supervision.m.needRectification'));
    setBusy(true);
    setError(null);
    try {
      const photoIds = [];
      for (const p of picks.photos) photoIds.push((await uploadFile(p.blob)).id);
      await api.problemStep(chosen.id, 'report', { note: note.trim(), photoIds });
      Toast.show({ icon: 'success', content: t('supervision.m.reported'), duration: 3000 });
      setChosen(null);
      setNote('');
      picks.clear();
      void load();
    } catch (e) {
      setError(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="m-page">
      <Selector columns={3} value={[status]} onChange={(v) => { if (v[0]) { setStatus(v[0]); setChosen(null); } }}
        options={(['handed_over', 'rectifying', 'sent_back'] as const).map((s) => ({ value: s, label: t(`supervision.problemStatus.${s}`) }))} />
      {!list && !error && <div className="m-center"><DotLoading /></div>}
      {list && !list.length && <div className="m-hint" role="status">{t('supervision.m.nothingToRectify')}</div>}
      {list?.map((p) => (
        <div key={p.id} className="m-card" role="button" tabIndex={0} style={{ padding: '8px 0', borderBottom: '1px solid #eee' }}
          onClick={() => setChosen(p)} onKeyDown={(e) => e.key === 'Enter' && setChosen(p)}>
          <div>{p.placeName} · {t(`supervision.category.${p.category}`)}{p.overdue ? ` · ${t('supervision.problems.overdue')}` : ''}</div>
          <div>{p.description}</div>
          <div className="m-hint">{t('supervision.problems.deadline')} {p.deadline}</div>
        </div>
      ))}
      {chosen && (
        <section aria-label={t('supervision.action.report')}>
          <h2 className="m-section-title"><label htmlFor="rectify-note">{t('supervision.problems.rectification')}</label></h2>
          <TextArea id="rectify-note" className="m-textarea" value={note} onChange={setNote} rows={3} maxLength={1000} />
          <PhotoPicker picks={picks} max={6} tooBigMessage={t('mobile.report.photoTooBig')} failedMessage={t('mobile.report.photoFailed')} />
          <Button block size="large" color="primary" className="m-big-button" loading={busy} onClick={() => void report()}>{t('supervision.action.report')}</Button>
        </section>
      )}
      {error && <div className="m-error" role="alert">{error}</div>}
    </div>
  );
}
