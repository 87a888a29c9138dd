import './public.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDate } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/selfrun-account-api.js';

/** 小区收支公开 for everyone, no sign-in: the compound's closed months, figures by category only (no names). */
export default function PublicCompoundStatementPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const data = useLoad(`pub-${id}`, () => api.publicStatements(id), t('error.unknown'));
  const d = data.data;
  useEffect(() => {
    document.title = t('selfrunAccount.public.docTitle');
  }, [t]);
  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('selfrunAccount.public.brand')}</span>
      </header>
      <main className="pub-main">
        <h1 className="pub-title">{d ? t('selfrunAccount.public.title', { compound: `${d.community} ${d.compound}` }) : t('selfrunAccount.public.brand')}</h1>
        {data.error && <div className="pub-error" role="alert">{data.error}</div>}
        {d && d.items.length === 0 && <p className="pub-muted">{t('selfrunAccount.m.noStatements')}</p>}
        {d?.items.map((s) => (
          <section key={s.id} aria-label={s.month}>
            <h2 className="pub-title">{s.month}</h2>
            <ul className="pub-list">
              <li><span className="pub-list-title">{t('selfrunAccount.opening')}</span><span>{api.yuan(s.openingFen)}</span></li>
              {s.byCategory.map((c) => (
                <li key={c.category}>
                  <span className="pub-list-title">{t(`selfrunAccount.${c.kind}`)} · {t(`selfrunAccount.category.${c.category}`)}</span><span>{api.yuan(c.amountFen)}</span>
                </li>
              ))}
              <li><span className="pub-list-title">{t('selfrunAccount.income')}</span><span>{api.yuan(s.incomeFen)}</span></li>
              <li><span className="pub-list-title">{t('selfrunAccount.expense')}</span><span>{api.yuan(s.expenseFen)}</span></li>
              <li><span className="pub-list-title">{t('selfrunAccount.closing')}</span><span data-testid={`closing-${s.month}`}>{api.yuan(s.closingFen)}</span></li>
              {s.collectionRate != null && (
                <li><span className="pub-list-title">{t('selfrunAccount.collectionRate')}</span><span>{(s.collectionRate * 100).toFixed(1)}%（{s.feeHouseholds}/{s.households}）</span></li>
              )}
            </ul>
            <p className="pub-muted">{t('selfrunAccount.public.published', { day: formatDate(s.publishedAt) })}</p>
          </section>
        ))}
        <p className="pub-muted">{t('selfrunAccount.public.rateHow')}</p>
      </main>
    </div>
  );
}
