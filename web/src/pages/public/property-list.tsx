import './public.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import * as api from '../../services/property-credit-api.js';

/** 物业红黑榜 for everyone, no sign-in: each published list's companies with rank, score and list, and any correction after an objection. */
export default function PublicPropertyListPage() {
  const { t } = useTranslation();
  const lists = useLoad('lists', () => api.publicLists(), t('error.unknown'));
  const [chosen, setChosen] = useState<number | null>(null);
  const id = chosen ?? lists.data?.[0]?.id ?? null;
  const list = useLoad(id == null ? null : `list-${id}`, () => api.publicList(id!), t('error.unknown'));

  useEffect(() => {
    document.title = t('propertyCredit.public.docTitle');
  }, [t]);

  const d = list.data;
  const section = (kind: 'red' | 'black') => (
    <section aria-label={t(`propertyCredit.list.${kind}`)}>
      <h2 className="pub-title">{t(`propertyCredit.list.${kind}`)}</h2>
      <ul className="pub-list">
        {d?.entries.filter((e) => e.list === kind).map((e) => (
          <li key={e.companyName} aria-label={e.companyName}>
            <span className="pub-list-title">{t('propertyCredit.public.rank', { n: e.rank })} · {e.companyName}</span>
            <span>{t('propertyCredit.public.score', { n: e.score.toFixed(2) })}</span>
            {e.corrected && <span className="pub-muted">{e.correctionNote}</span>}
          </li>
        ))}
      </ul>
      {d && d.entries.filter((e) => e.list === kind).length === 0 && <p className="pub-muted">{t('propertyCredit.public.empty')}</p>}
    </section>
  );

  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('propertyCredit.public.brand')}</span>
      </header>
      <main className="pub-main">
        <h1 className="pub-title">{d ? t('propertyCredit.public.title', { county: d.countyName, quarter: d.quarter }) : t('propertyCredit.public.brand')}</h1>
        {(lists.error || list.error) && <div className="pub-error" role="alert">{lists.error ?? list.error}</div>}
        {lists.data?.length === 0 && <p className="pub-muted">{t('propertyCredit.public.none')}</p>}
        {lists.data && lists.data.length > 1 && (
          <label className="pub-muted">
            {t('propertyCredit.public.choose')}{' '}
            <select value={id ?? ''} onChange={(e) => setChosen(Number(e.target.value))} aria-label={t('propertyCredit.public.choose')}>
              {lists.data.map((l) => <option key={l.id} value={l.id}>{l.countyName} {l.quarter}</option>)}
            </select>
          </label>
        )}
        {d && <p className="pub-muted">{t('propertyCredit.public.published', { day: formatDate(d.publishedAt) })}</p>}
        {d && section('red')}
        {d && section('black')}
        <p className="pub-muted">{t('propertyCredit.public.howTo')}</p>
      </main>
    </div>
  );
}
