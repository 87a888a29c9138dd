import './public.css';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDate, formatNumber } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import * as points from '../../services/points-api.js';
import { portalPaths, publicCalendars, publicStatements, publicVotes, type PortalList } from '../../services/public-portal-api.js';
import { datasetFiles, openDataFiles, publicCounties, publicFigures, publicOpenData } from '../../services/stats-api.js';

/** How many of each list the portal shows; the rest are on the list's "more" page. */
const LATEST = 5;

/**
 * 信息公开: what a county discloses, without sign-in — the monthly points notices, the red/black
 * list, self-run compounds' statements, owners' vote results, the venues' monthly calendars
 * (党群阵地@你), the published figures (month-end snapshots) and the open-data files. One county
 * at a time (`?county=<division code>`); only what the public pages themselves show.
 */
export default function PublicPortalPage() {
  const { t, i18n } = useTranslation();
  const en = !i18n.language.startsWith('zh');
  const [params, setParams] = useSearchParams();
  const counties = useLoad('counties', publicCounties, t('error.unknown'));
  const figures = useLoad('figures', publicFigures, t('error.unknown'));
  const open = useLoad('open', publicOpenData, t('error.unknown'));
  const county = counties.data?.items.find((c) => c.code === params.get('county')) ?? counties.data?.items[0] ?? null;
  const code = county?.code ?? null;
  const notices = useLoad(county ? `n-${county.id}` : null, () => points.listNotices({ orgId: county!.id }), t('error.unknown'));
  const statements = useLoad(code && `s-${code}`, () => publicStatements({ county: code!, pageSize: LATEST }), t('error.unknown'));
  const votes = useLoad(code && `v-${code}`, () => publicVotes({ county: code!, pageSize: LATEST }), t('error.unknown'));
  const calendars = useLoad(code && `c-${code}`, () => publicCalendars({ county: code!, pageSize: LATEST }), t('error.unknown'));
  useEffect(() => {
    document.title = t('portal.docTitle');
  }, [t]);
  const value = (unit: string, v: number | null) => (v === null ? '—' : unit === 'percent' ? `${v}%` : formatNumber(v));
  const error = counties.error ?? figures.error ?? open.error ?? notices.error ?? statements.error ?? votes.error ?? calendars.error;
  const fig = figures.data?.items.find((c) => c.code === code);
  const files = open.data?.items.find((c) => c.code === code);

  /** A section with its latest items and, when there are more, a link to all of them. */
  const section = (title: string, total: number | undefined, more: string | null, items: ReactNode) => (
    <section aria-label={title}>
      <h2 className="pub-title">{title}</h2>
      {total === 0 ? <p className="pub-muted">{t('portal.none')}</p> : <ul className="pub-list">{items}</ul>}
      {more && total !== undefined && total > LATEST && <p><Link to={more}>{t('portal.more', { n: total })}</Link></p>}
    </section>
  );
  const moreOf = (list: PortalList) => (code ? portalPaths.more(list, code) : null);

  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('portal.brand')}</span>
      </header>
      <main className="pub-main">
        <h1 className="pub-title">{t('portal.title')}</h1>
        {error && <div className="pub-error" role="alert">{error}</div>}
        <p className="pub-month">
          <label>
            {t('portal.county')}
            <select value={code ?? ''} onChange={(e) => setParams({ county: e.target.value })}>
              {counties.data?.items.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
            </select>
          </label>
        </p>

        <section aria-label={t('portal.notices')}>
          <h2 className="pub-title">{t('portal.notices')}</h2>
          <ul className="pub-list">
            <li><Link to="/public/points">{t('portal.pointsNotices')}</Link></li>
            <li><Link to="/public/property-list">{t('portal.propertyList')}</Link></li>
          </ul>
        </section>

        {section(t('portal.latestNotices'), notices.data?.total, county ? `/public/points?orgId=${county.id}` : null,
          notices.data?.items.slice(0, LATEST).map((n) => (
            <li key={`${n.communityId}-${n.month}`}>
              <Link to={points.noticePath(n.communityId, n.month)}>
                <span className="pub-list-title">{t('points.notice.title', { community: n.communityName, month: n.month })}</span>
                <span className="pub-muted">{formatDate(n.publishedAt)}</span>
              </Link>
            </li>
          )))}

        {section(t('portal.statements'), statements.data?.total, moreOf('statements'),
          statements.data?.items.map((s) => (
            <li key={`${s.compoundId}-${s.month}`}>
              <Link to={portalPaths.statement(s.compoundId)}>
                <span className="pub-list-title">{t('portal.statement', { compound: `${s.community} ${s.compound}`, month: s.month })}</span>
                <span className="pub-muted">{formatDate(s.publishedAt)}</span>
              </Link>
            </li>
          )))}

        {section(t('portal.votes'), votes.data?.total, moreOf('votes'),
          votes.data?.items.map((v) => (
            <li key={v.id}>
              <Link to={portalPaths.vote(v.id)}>
                <span className="pub-list-title">{v.compound} · {v.title}</span>
                <span className="pub-muted">{formatDate(v.publishedAt)}</span>
              </Link>
            </li>
          )))}

        {section(t('portal.calendars'), calendars.data?.total, moreOf('calendars'),
          calendars.data?.items.map((c) => (
            <li key={c.id}>
              <Link to={portalPaths.calendar(c.id)}>
                <span className="pub-list-title">{t('portal.calendar', { venue: c.venue, month: c.month })}</span>
                <span className="pub-muted">{t('portal.calendarItems', { n: c.items })}</span>
              </Link>
            </li>
          )))}

        <section aria-label={t('portal.figures')}>
          <h2 className="pub-title">{t('portal.figures')}</h2>
          {figures.data && !fig && <p className="pub-muted">{t('portal.noFigures')}</p>}
          {fig && (
            <div aria-label={fig.name} data-testid={`portal-county-${fig.code}`}>
              <h3>{fig.name}{fig.month ? ` · ${t('portal.monthEnd', { month: fig.month })}` : ''}</h3>
              {!fig.month && <p className="pub-muted">{t('portal.notYet')}</p>}
              <ul className="pub-list">
                {fig.figures.map((f) => (
                  <li key={f.key}><span className="pub-list-title">{en ? f.nameEn : f.name}</span><span>{value(f.unit, f.value)}</span></li>
                ))}
              </ul>
            </div>
          )}
        </section>

        <section aria-label={t('portal.openData')}>
          <h2 className="pub-title">{t('portal.openData')}</h2>
          <p className="pub-muted">{t('portal.openDataHow')}</p>
          {open.data && !files && <p className="pub-muted">{t('portal.noOpenData')}</p>}
          {files && (
            <div data-testid={`open-data-${files.code}`}>
              <h3>{files.name}</h3>
              <ul className="pub-list">
                {files.indicators > 0 && (
                  <li>
                    <span className="pub-list-title">{t('portal.indicators', { n: files.indicators })}</span>
                    <span>
                      <a href={openDataFiles(files.code).csv}>CSV</a> · <a href={openDataFiles(files.code).json}>JSON</a>
                    </span>
                  </li>
                )}
                <li><a href={openDataFiles(files.code).dictionary}>{t('portal.dictionary')}</a></li>
              </ul>
            </div>
          )}
          {files && files.datasets.length > 0 && (
            <ul className="pub-list" aria-label={t('portal.datasets')} data-testid={`open-datasets-${files.code}`}>
              {files.datasets.map((d) => (
                <li key={d.name} aria-label={en ? d.titleEn : d.title}>
                  <span className="pub-list-title">{en ? d.titleEn : d.title}</span>
                  <span>
                    <a href={datasetFiles(files.code, d.name).csv}>CSV</a> · <a href={datasetFiles(files.code, d.name).json}>JSON</a>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
