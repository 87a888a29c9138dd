import './cobuild-report.css';
import { useCallback, useEffect, useState } from 'react';
import { Button, DotLoading, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/dual-report-api.js';
import type { MemberPost, MemberReport, MyReport } from '../../services/dual-report-api.js';

const NOT_LISTED = 0;

/**
 * 在职党员报到 on the phone: the community is the one where the member's household is (shown,
 * not chosen); the member picks their work unit (or names one not listed) and the posts the
 * community offers, and sends. Then the page shows the community's answer.
 */
export default function CobuildReportPage() {
  const { t } = useTranslation();
  const [mine, setMine] = useState<MyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.myReport().then(setMine, (e) => setError(errorMessage(e, t('error.unknown'))));
  }, [t]);
  useEffect(load, [load]);

  if (error) return <div className="m-page"><div className="m-error" role="alert">{error}</div></div>;
  if (!mine) return <div className="m-center"><DotLoading /></div>;
  const live = mine.current && (mine.current.status === 'pending' || mine.current.status === 'confirmed') ? mine.current : null;
  return (
    <div className="m-page">
      <section className="m-dr-card" aria-label={t('dualReport.m.community')}>
        <div className="m-dr-meta">{t('dualReport.m.community')} · {t('dualReport.yearLabel', { year: mine.year })}</div>
        {mine.community
          ? <div className="m-dr-community" data-testid="report-community">{mine.community.name}</div>
          : <div className="m-error" role="alert">{mine.blocked}</div>}
        {mine.community && <div className="m-dr-meta">{t('dualReport.m.communityHint')}</div>}
      </section>
      {live && <Current report={live} onChange={setMine} />}
      {!live && mine.community && (
        <>
          {mine.current?.status === 'declined' && (
            <div className="m-notice" role="status">{t('dualReport.m.declined', { reason: mine.current.declineReason ?? '' })}</div>
          )}
          <ReportForm offered={mine.postsOffered} onDone={load} />
        </>
      )}
      {mine.history.filter((h) => h.id !== live?.id).length > 0 && (
        <>
          <h2 className="m-section-title">{t('dualReport.m.history')}</h2>
          <div role="list" aria-label={t('dualReport.m.history')}>
            {mine.history.filter((h) => h.id !== live?.id).map((h) => (
              <div key={h.id} role="listitem" className="m-dr-card">
                <div>{t('dualReport.yearLabel', { year: h.year })} · {h.communityName} <span className={`m-dr-status ${h.status}`}>{t(`dualReport.status.${h.status}`)}</span></div>
                <div className="m-dr-meta">{h.workUnitName}{h.declineReason ? ` · ${h.declineReason}` : ''}</div>
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function Current({ report, onChange }: { report: MemberReport; onChange: (m: MyReport) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    setBusy(true);
    try {
      onChange(await api.withdrawMyReport(report.id));
    } catch (e) {
      Toast.show({ icon: 'fail', content: errorMessage(e, t('error.unknown')) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="m-dr-card" aria-label={t('dualReport.m.current')}>
      <div><span className={`m-dr-status ${report.status}`} data-testid="report-status">{t(`dualReport.status.${report.status}`)}</span></div>
      <div className="m-dr-meta">{t(report.status === 'confirmed' ? 'dualReport.m.confirmedHint' : 'dualReport.m.pendingHint')}</div>
      <p>{t('dualReport.field.unit')}：{report.workUnitName}</p>
      <p>{t('dualReport.field.posts')}：{report.posts.map((p) => t(`dualReport.post.${p}`)).join('、')}</p>
      {report.status === 'pending' && (
        <Button block size="large" loading={busy} onClick={() => void withdraw()}>{t('dualReport.action.withdraw')}</Button>
      )}
    </section>
  );
}

function ReportForm({ offered, onDone }: { offered: MemberPost[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [units, setUnits] = useState<{ id: number; name: string }[]>([]);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [unitName, setUnitName] = useState('');
  const [posts, setPosts] = useState<MemberPost[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      api.myUnitOptions(q.trim() || undefined).then((r) => alive && setUnits(r.items), () => alive && setUnits([]));
    }, 250);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [q]);

  const toggle = (p: MemberPost) => setPosts((cur) => (cur.includes(p) ? cur.filter((x) => x !== p) : [...cur, p]));
  const send = async () => {
    if (unitId === null || (unitId === NOT_LISTED && unitName.trim().length < 2)) return setProblem(t('dualReport.m.unitRequired'));
    if (!posts.length) return setProblem(t('dualReport.m.postsRequired'));
    setBusy(true);
    setProblem(null);
    try {
      await api.submitMyReport(unitId === NOT_LISTED ? { workUnitName: unitName.trim(), posts } : { workUnitId: unitId, posts });
      Toast.show({ icon: 'success', content: t('dualReport.m.sent') });
      onDone();
    } catch (e) {
      setProblem(errorMessage(e, t('error.unknown')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className="m-dr-card">
        <h2 className="m-section-title" id="dr-unit">{t('dualReport.m.unit')}</h2>
        <input className="m-input" type="search" aria-label={t('dualReport.m.unitSearch')} placeholder={t('dualReport.m.unitSearch')} value={q}
          onChange={(e) => setQ(e.target.value)} />
        <div className="m-dr-options" role="radiogroup" aria-labelledby="dr-unit" style={{ marginTop: 8 }}>
          {units.map((u) => (
            <button key={u.id} type="button" role="radio" aria-checked={unitId === u.id} className="m-dr-option" onClick={() => setUnitId(u.id)}>{u.name}</button>
          ))}
          <button type="button" role="radio" aria-checked={unitId === NOT_LISTED} className="m-dr-option" onClick={() => setUnitId(NOT_LISTED)}>{t('dualReport.m.notListed')}</button>
        </div>
        {unitId === NOT_LISTED && (
          <input className="m-input" style={{ marginTop: 8 }} aria-label={t('dualReport.m.unitName')} placeholder={t('dualReport.m.unitName')} value={unitName}
            maxLength={100} onChange={(e) => setUnitName(e.target.value)} />
        )}
      </section>
      <section className="m-dr-card">
        <h2 className="m-section-title" id="dr-posts">{t('dualReport.m.posts')}</h2>
        <div className="m-dr-options" role="group" aria-labelledby="dr-posts">
          {offered.map((p) => (
            <button key={p} type="button" role="checkbox" aria-checked={posts.includes(p)} className="m-dr-option" onClick={() => toggle(p)}>{t(`dualReport.post.${p}`)}</button>
          ))}
        </div>
      </section>
      {problem && <div className="m-error" role="alert">{problem}</div>}
      <Button block color="primary" size="large" loading={busy} onClick={() => void send()}>{t('dualReport.m.submit')}</Button>
    </>
  );
}
