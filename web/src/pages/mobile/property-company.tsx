import { useCallback, useEffect, useState } from 'react';
import { Button, DotLoading, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { uploadFile } from '../../services/api.js';
import * as api from '../../services/property-companies-api.js';
import type { MyCompany, MyDemand, Sanction } from '../../services/property-companies-api.js';
import { downscalePhoto } from './photos.js';

/** 物业项目经理's phone page: the company's compounds, its rectification tasks (report done with a note and a photo), and the compounds' demands. */
export default function PropertyCompanyPage() {
  const { t } = useTranslation();
  const [mine, setMine] = useState<MyCompany | null>(null);
  const [tasks, setTasks] = useState<Sanction[]>([]);
  const [demands, setDemands] = useState<MyDemand[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    Promise.all([api.getMine(), api.listMySanctions({ page: 1, pageSize: 50 }), api.listMyDemands({ open: '1', page: 1, pageSize: 20 })]).then(
      ([m, s, d]) => { setMine(m); setTasks(s.items); setDemands(d.items); },
      (e) => setError(errorMessage(e, t('error.unknown'))),
    );
  }, [t]);
  useEffect(load, [load]);

  if (error) return <div className="m-page"><div className="m-error" role="alert">{error}</div></div>;
  if (!mine) return <div className="m-center"><DotLoading /></div>;
  const open = tasks.filter((s) => s.kind === 'rectify' && (s.status === 'open' || s.status === 'reported'));
  const others = tasks.filter((s) => !open.includes(s));
  return (
    <div className="m-page">
      <h2 className="m-section-title">{mine.company.name}</h2>
      <div className="m-card-meta">{t('propertyCompanies.m.summary', { compounds: mine.compounds.length, open: mine.openSanctions, overdue: mine.overdue })}</div>
      <h2 className="m-section-title">{t('propertyCompanies.m.tasks')}</h2>
      {open.length === 0 && <div className="m-card-meta">{t('propertyCompanies.m.noTasks')}</div>}
      <div role="list" aria-label={t('propertyCompanies.m.tasks')}>
        {open.map((s) => <TaskCard key={s.id} s={s} onDone={load} />)}
      </div>
      <h2 className="m-section-title">{t('propertyCompanies.mine.compounds')}</h2>
      <div role="list" aria-label={t('propertyCompanies.mine.compounds')}>
        {mine.compounds.map((c) => (
          <div key={c.id} role="listitem" className="m-card">
            <div className="m-card-head"><span className="m-card-category">{c.name}</span><span className="m-card-date">{c.communityName}</span></div>
            <div className="m-card-meta">{t('propertyCompanies.m.compoundLine', { level: c.serviceLevel, fee: c.feePerM2.toFixed(2), endsOn: c.endsOn, open: c.openDemands })}</div>
          </div>
        ))}
      </div>
      <h2 className="m-section-title">{t('propertyCompanies.m.demands')}</h2>
      {demands.length === 0 && <div className="m-card-meta">{t('propertyCompanies.m.noDemands')}</div>}
      <div role="list" aria-label={t('propertyCompanies.m.demands')}>
        {demands.map((d) => (
          <div key={d.id} role="listitem" className="m-card">
            <div className="m-card-head"><span className="m-card-category">{d.placeName}</span><span className="m-card-date">{t(`demandState.${d.state as 'submitted'}`)}</span></div>
            <div className="m-card-text">{d.description}</div>
          </div>
        ))}
      </div>
      {others.length > 0 && (
        <>
          <h2 className="m-section-title">{t('propertyCompanies.m.history')}</h2>
          {others.map((s) => (
            <div key={s.id} className="m-card">
              <div className="m-card-head"><span className="m-card-category">{t(`propertyCompanies.kind.${s.kind}`)}</span><span className="m-card-date">{s.decidedAt.slice(0, 10)}</span></div>
              <div className="m-card-meta">{t(`propertyCompanies.status.${s.status}`)} · {s.reason}</div>
            </div>
          ))}
        </>
      )}
    </div>
  );
}

function TaskCard({ s, onDone }: { s: Sanction; onDone: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [busy, setBusy] = useState(false);
  const report = async () => {
    setBusy(true);
    try {
      const photoId = photo ? (await uploadFile(photo)).id : undefined;
      await api.reportSanction(s.id, { note, photoId });
      Toast.show({ icon: 'success', content: t('propertyCompanies.m.reported') });
      onDone();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="listitem" className="m-card" aria-label={s.task ?? ''}>
      <div className="m-card-head">
        <span className="m-card-category">{t('propertyCompanies.kind.rectify')}</span>
        <span className={s.overdue ? 'm-card-date m-overdue' : 'm-card-date'}>{t('propertyCompanies.m.deadline', { day: s.deadline })}{s.overdue ? ` · ${t('propertyCompanies.sanction.overdue')}` : ''}</span>
      </div>
      <div className="m-card-text">{s.task}</div>
      <div className="m-card-meta">{s.compoundName ?? t('propertyCompanies.sanction.wholeCompany')} · {s.reason}</div>
      {s.status === 'reported'
        ? <div className="m-card-meta">{t('propertyCompanies.m.waiting', { note: s.reportNote })}</div>
        : (
          <>
            <label className="m-card-meta" htmlFor={`report-note-${s.id}`}>{t('propertyCompanies.mine.reportNote')}</label>
            <TextArea id={`report-note-${s.id}`} value={note} onChange={setNote} rows={2} maxLength={1000} style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: 8, margin: '6px 0' }} />
            <label className="m-card-meta">
              {t('propertyCompanies.m.photo')}
              <input
                type="file" accept="image/*" capture="environment"
                onChange={async (e) => {
                  const f = e.target.files?.[0];
                  if (!f) return setPhoto(null);
                  const small = await downscalePhoto(f).catch(() => f);
                  if (small === 'too_big') Toast.show({ icon: 'fail', content: t('propertyCompanies.m.tooBig') });
                  else setPhoto(small);
                }}
              />
            </label>
            <Button block color="primary" loading={busy} disabled={note.trim().length < 2} onClick={() => void report()}>{t('propertyCompanies.step.report')}</Button>
          </>
        )}
    </div>
  );
}
