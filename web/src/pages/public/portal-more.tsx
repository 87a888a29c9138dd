import './public.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../components/format.js';
import { readInt } from '../../components/use-paged.js';
import { useLoad } from '../../components/use-load.js';
import { portalPaths, publicCalendars, publicStatements, publicVotes } from '../../services/public-portal-api.js';

const PAGE_SIZE = 20;
type MoreList = 'statements' | 'votes' | 'calendars';
const LISTS: readonly MoreList[] = ['statements', 'votes', 'calendars'];

/** One of the portal's lists in full, page by page: `/public/more/<list>?county=<code>&page=`. */
export default function PublicPortalMorePage() {
  const { t } = useTranslation();
  const list = useParams().list as MoreList;
  const [params, setParams] = useSearchParams();
  const county = params.get('county') ?? '';
  const page = readInt(params, 'page', 1);
  const known = LISTS.includes(list);
  const q = { county, page, pageSize: PAGE_SIZE };
  const data = useLoad(known ? `${list}|${county}|${page}` : null, async () => {
    if (list === 'statements') {
      const r = await publicStatements(q);
      return { total: r.total, rows: r.items.map((s) => ({ key: `${s.compoundId}-${s.month}`, to: portalPaths.statement(s.compoundId), title: t('portal.statement', { compound: `${s.community} ${s.compound}`, month: s.month }), note: formatDate(s.publishedAt) })) };
    }
    if (list === 'votes') {
      const r = await publicVotes(q);
      return { total: r.total, rows: r.items.map((v) => ({ key: String(v.id), to: portalPaths.vote(v.id), title: `${v.community} ${v.compound} · ${v.title}`, note: formatDate(v.publishedAt) })) };
    }
    const r = await publicCalendars(q);
    return { total: r.total, rows: r.items.map((c) => ({ key: String(c.id), to: portalPaths.calendar(c.id), title: t('portal.calendar', { venue: c.venue, month: c.month }), note: t('portal.calendarItems', { n: c.items }) })) };
  }, t('error.unknown'));
  const title = known ? t(`portal.${list}`) : t('portal.brand');
  useEffect(() => {
    document.title = `${title} · ${t('portal.brand')}`;
  }, [t, title]);
  const go = (p: number) => setParams((prev) => { const n = new URLSearchParams(prev); n.set('page', String(p)); return n; });
  const total = data.data?.total ?? 0;

  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('portal.brand')}</span>
        <Link className="pub-all" to={`/public?county=${county}`}>{t('portal.back')}</Link>
      </header>
      <main className="pub-main">
        <h1 className="pub-title">{title}</h1>
        {!known && <div className="pub-error" role="alert">{t('portal.unknownList')}</div>}
        {data.error && <div className="pub-error" role="alert">{data.error}</div>}
        {data.data?.rows.length === 0 && <p className="pub-muted">{t('portal.none')}</p>}
        <ul className="pub-list">
          {data.data?.rows.map((r) => (
            <li key={r.key}><Link to={r.to}><span className="pub-list-title">{r.title}</span><span className="pub-muted">{r.note}</span></Link></li>
          ))}
        </ul>
        {total > PAGE_SIZE && (
          <nav className="pub-pager" aria-label={t('points.notice.pager')}>
            <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>{t('points.notice.prev')}</button>
            <span>{page} / {Math.ceil(total / PAGE_SIZE)}</span>
            <button type="button" disabled={page * PAGE_SIZE >= total} onClick={() => go(page + 1)}>{t('points.notice.next')}</button>
          </nav>
        )}
      </main>
    </div>
  );
}
