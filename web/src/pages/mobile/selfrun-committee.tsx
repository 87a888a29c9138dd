import { useEffect, useState } from 'react';
import { Button, DotLoading, ErrorBlock, Input, Steps, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import { uploadFile } from '../../services/api.js';
import * as api from '../../services/selfrun-steps-api.js';
import type { MyCommittee, StepKey } from '../../services/selfrun-steps-api.js';
import { downscalePhoto } from './photos.js';

type Compound = MyCommittee['compounds'][number];

/** The committee's own step, from the phone: a note, the dates the step asks for, a photo of the document. */
function CommitteeStep({ c, onDone }: { c: Compound; onDone: () => void }) {
  const { t } = useTranslation();
  const step = c.step as StepKey;
  const [note, setNote] = useState('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [photo, setPhoto] = useState<Blob | null>(null);
  const [busy, setBusy] = useState(false);
  const dates = step === 'consultation' || step === 'service_agreement';
  const send = async () => {
    setBusy(true);
    try {
      const photoIds = photo ? [(await uploadFile(photo)).id] : [];
      await api.completeCommitteeStep(c.compound.id, step, { note, photoIds, ...(dates ? { dateFrom, dateTo } : {}) });
      Toast.show({ icon: 'success', content: t('selfrunSteps.completed', { step: t(`selfrunSteps.step.${step}`) }) });
      onDone();
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')), duration: 4000 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="m-card" role="form" aria-label={t('selfrunSteps.formFor', { step: t(`selfrunSteps.step.${step}`) })}>
      <div className="m-card-text">{t('selfrunSteps.next', { step: t(`selfrunSteps.step.${step}`) })}</div>
      <div className="m-card-meta">{c.steps.find((s) => s.step === step)?.condition}</div>
      {c.blocked && <div className="m-error" role="alert">{c.blocked}</div>}
      {dates && (
        <>
          <label className="m-card-meta" htmlFor="selfrun-from">{t('selfrunSteps.field.dateFrom')}</label>
          <Input id="selfrun-from" type="date" value={dateFrom} onChange={setDateFrom} style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: 6 }} />
          <label className="m-card-meta" htmlFor="selfrun-to">{t('selfrunSteps.field.dateTo')}</label>
          <Input id="selfrun-to" type="date" value={dateTo} onChange={setDateTo} style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: 6 }} />
        </>
      )}
      <label className="m-card-meta" htmlFor="selfrun-note">{t('selfrunSteps.field.note')}</label>
      <TextArea id="selfrun-note" value={note} onChange={setNote} rows={3} maxLength={1000} style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: 8, margin: '6px 0' }} />
      <label className="m-card-meta">
        {t('selfrunSteps.addPhoto')}
        <input
          type="file" accept="image/*" capture="environment"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (!f) return setPhoto(null);
            const small = await downscalePhoto(f).catch(() => f);
            if (small === 'too_big') Toast.show({ icon: 'fail', content: t('selfrunSteps.tooBig') });
            else setPhoto(small);
          }}
        />
      </label>
      <Button block color="primary" size="large" loading={busy} disabled={!note.trim() || (dates && (!dateFrom || !dateTo))} onClick={() => void send()} style={{ marginTop: 8 }}>
        {t('selfrunSteps.complete', { step: t(`selfrunSteps.step.${step}`) })}
      </Button>
    </div>
  );
}

/** /m/selfrun: a committee member's compound, the step it has reached, and the committee's step to complete. */
export default function SelfrunCommitteePage() {
  const { t } = useTranslation();
  const [data, setData] = useState<MyCommittee | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api.myCommittee().then((r) => { setData(r); setError(null); }, (e) => setError(errorMessage(e, t('error.unknown'))));
  useEffect(() => void load(), []);
  return (
    <div className="m-page">
      {error && <div className="m-error" role="alert">{error}</div>}
      {!data && !error && <div className="m-center"><DotLoading color="primary" /></div>}
      {data && !data.member && <ErrorBlock status="empty" title={t('selfrunSteps.m.notMember')} description="" />}
      {data?.compounds.map((c) => {
        const current = c.step === 'done' ? api.STEP_KEYS.length : c.step ? api.STEP_KEYS.indexOf(c.step) : 0;
        return (
          <section key={c.compound.id} aria-label={c.compound.name}>
            <h2 style={{ fontSize: 20, margin: '8px 0' }}>{c.compound.name}</h2>
            <div className="m-card-meta">{t(`selfrunSteps.committee.${c.committee}`)} · {t(`selfrunSteps.role.${c.role}`)}</div>
            <div style={{ fontSize: 17, margin: '8px 0' }} role="status">
              {c.step ? t('selfrunSteps.m.reached', { step: t(`selfrunSteps.step.${c.step}`) })
                : c.compound.mode === 'self_run' ? t('selfrunSteps.m.selfRun') : t('selfrunSteps.notStarted')}
            </div>
            {c.mayAct && <CommitteeStep c={c} onDone={() => void load()} />}
            {c.step && c.step !== 'done' && !c.mayAct && <div className="m-card-meta">{t('selfrunSteps.m.communityStep')}</div>}
            {c.step && (
              <Steps direction="vertical" current={current}>
                {c.steps.map((s) => {
                  const rec = c.records.find((r) => r.step === s.step);
                  return <Steps.Step key={s.step} title={t(`selfrunSteps.step.${s.step}`)} description={rec ? `${rec.completedBy} · ${rec.note}` : undefined} />;
                })}
              </Steps>
            )}
          </section>
        );
      })}
    </div>
  );
}
