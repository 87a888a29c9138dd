import './public.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDate } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import { publicCalendar } from '../../services/public-portal-api.js';

/** 党群阵地@你 for everyone: one venue's published calendar of a month, day by day (no sign-in). */
export default function PublicVenueCalendarPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const cal = useLoad(`cal-${id}`, () => publicCalendar(id), t('error.unknown'));
  const c = cal.data;
  useEffect(() => {
    document.title = t('portal.calendarDocTitle');
  }, [t]);
  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('portal.calendarBrand')}</span>
      </header>
      <main className="pub-main">
        <h1 className="pub-title">{c ? t('portal.calendar', { venue: c.venue, month: c.month }) : t('portal.calendarBrand')}</h1>
        {cal.error && <div className="pub-error" role="alert">{cal.error}</div>}
        {c && <p className="pub-muted">{c.community} · {c.address} · {t('portal.published', { day: formatDate(c.publishedAt) })}</p>}
        {c && !c.latest && <p className="pub-window open">{t('portal.superseded')}</p>}
        {c && (
          <table className="pub-table">
            <caption>{t('portal.calendarItems', { n: c.items.length })}</caption>
            <thead>
              <tr><th>{t('portal.col.day')}</th><th>{t('portal.col.time')}</th><th>{t('portal.col.title')}</th><th>{t('portal.col.place')}</th></tr>
            </thead>
            <tbody>
              {c.items.map((i, n) => (
                <tr key={n}><td>{i.day}</td><td>{i.starts}–{i.ends}</td><td>{i.title}</td><td>{i.place}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
