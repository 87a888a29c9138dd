import './public.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/selfrun-votes-api.js';

/** 表决结果公示 for everyone, no sign-in: per matter the four figures, the rule, the outcome and the chain head; no personal data. */
export default function PublicVoteResultPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const vote = useLoad(`public-vote-${id}`, () => api.publicVote(id), t('error.unknown'));
  useEffect(() => {
    document.title = t('selfrunVotes.public.docTitle');
  }, [t]);
  const v = vote.data;
  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('selfrunVotes.public.brand')}</span>
      </header>
      <main className="pub-main">
        <h1 className="pub-title">{v ? `${v.compoundName} · ${v.title}` : t('selfrunVotes.public.brand')}</h1>
        {vote.error && <div className="pub-error" role="alert">{vote.error}</div>}
        {v && <p className="pub-muted">{t('selfrunVotes.public.period', { from: formatDateTime(v.opensAt), to: formatDateTime(v.closesAt), day: formatDate(v.publishedAt) })}</p>}
        {v?.matters.map((m) => (
          <section key={m.id} aria-label={m.title}>
            <h2 className="pub-title">{m.seq}. {m.title}：{m.passed ? t('selfrunVotes.passed') : t('selfrunVotes.failed')}</h2>
            {m.result && (
              <ul className="pub-list">
                <li>{t('selfrunVotes.fig.participatingArea')}：{m.result.figures.participatingArea} / {m.result.figures.totalArea} m²</li>
                <li>{t('selfrunVotes.fig.participatingOwners')}：{m.result.figures.participatingOwners} / {m.result.figures.totalOwners}</li>
                <li>{t('selfrunVotes.fig.agreeingArea')}：{m.result.figures.agreeingArea} m²</li>
                <li>{t('selfrunVotes.fig.agreeingOwners')}：{m.result.figures.agreeingOwners}</li>
                <li>{t('selfrunVotes.fig.rule')}：{m.result.rule}</li>
                {m.result.failures.length > 0 && <li>{t('selfrunVotes.fig.why')}：{m.result.failures.join('；')}</li>}
              </ul>
            )}
          </section>
        ))}
        {v && <p className="pub-muted">{t('selfrunVotes.public.chain', { head: v.chainHead ?? '-' })}</p>}
        {v && <p className="pub-muted"><a href={api.ballotsExportUrl(id)} download={`vote-${id}-ballots.xlsx`}>{t('selfrunVotes.public.export')}</a> {t('selfrunVotes.public.howTo')}</p>}
      </main>
    </div>
  );
}
