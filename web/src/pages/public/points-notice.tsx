import './public.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { formatDateTime } from '../../components/format.js';
import { useLoad } from '../../components/use-load.js';
import * as points from '../../services/points-api.js';

const PAGE_SIZE = 50;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * 一月一示 on the notice board and on residents' phones: no login, names masked by the server,
 * one short URL per community and month so a printed QR code keeps pointing at the same page.
 */
export default function PublicPointsNoticePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const communityId = Number(params.communityId);
  const month = params.month ?? '';
  const [page, setPage] = useState(1);
  const loaded = useLoad(`${communityId}|${month}|${page}`, () => points.getNotice(communityId, month, page, PAGE_SIZE), t('error.unknown'));
  // Another month's notice is not shown while this one loads.
  const notice = loaded.loading ? null : loaded.data;
  const error = loaded.error;
  const others = useLoad(`${communityId}`, () => points.listNotices({ orgId: communityId }), t('error.unknown')).data?.items ?? [];

  useEffect(() => {
    document.title = t('points.notice.docTitle');
  }, [t]);

  const windowOpen = notice ? dayjs(notice.objectionUntil).isAfter(dayjs()) : false;
  const pages = notice ? Math.max(1, Math.ceil(notice.total / PAGE_SIZE)) : 1;
  const url = `${window.location.origin}${points.noticePath(communityId, month)}`;

  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('points.notice.brand')}</span>
        <Link className="pub-all" to="/public/points">{t('points.notice.all')}</Link>
      </header>
      <main className="pub-main">
        {error && <div className="pub-error" role="alert">{error}</div>}
        {!notice && !error && <div className="pub-muted">{t('common.loading')}</div>}
        {notice && (
          <>
            <h1 className="pub-title">{t('points.notice.title', { community: notice.communityName, month: notice.month })}</h1>
            <p className="pub-sub">{notice.streetName} · {t('points.notice.published', { at: formatDateTime(notice.publishedAt) })}</p>
            <div className={`pub-window ${windowOpen ? 'open' : ''}`} role="note">
              {windowOpen
                ? t('points.notice.windowOpen', { at: formatDateTime(notice.objectionUntil) })
                : t('points.notice.windowClosed', { at: formatDateTime(notice.objectionUntil) })}
            </div>
            {others.length > 1 && (
              <label className="pub-month">
                {t('points.notice.otherMonth')}
                <select value={month} onChange={(e) => { setPage(1); navigate(points.noticePath(communityId, e.target.value)); }}>
                  {others.map((n) => <option key={n.month} value={n.month}>{n.month}</option>)}
                </select>
              </label>
            )}
            <table className="pub-table" aria-label={t('points.notice.ranking')}>
              <caption>{t('points.notice.households', { count: notice.households })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('points.notice.col.rank')}</th>
                  <th scope="col">{t('points.notice.col.holder')}</th>
                  <th scope="col" className="num">{t('points.notice.col.monthChange')}</th>
                  <th scope="col" className="num">{t('points.notice.col.score')}</th>
                </tr>
              </thead>
              <tbody>
                {notice.rows.map((r) => (
                  <tr key={`${r.rank}-${r.label}`}>
                    <td>{r.rank}</td>
                    <td>
                      <div className="pub-holder">{r.kind === 'merchant' && <span className="pub-kind">{t('points.holderKind.merchant')}</span>}{r.label}</div>
                      {r.items.length > 0 && <div className="pub-items">{r.items.map((i) => `${i.name} ${signed(i.points)}`).join('，')}</div>}
                    </td>
                    <td className={`num ${r.monthChange < 0 ? 'minus' : r.monthChange > 0 ? 'plus' : ''}`}>{signed(r.monthChange)}</td>
                    <td className="num">{r.score}</td>
                  </tr>
                ))}
                {notice.rows.length === 0 && (
                  <tr><td colSpan={4} className="pub-muted">{t('points.notice.empty')}</td></tr>
                )}
              </tbody>
            </table>
            {pages > 1 && (
              <nav className="pub-pager" aria-label={t('points.notice.pager')}>
                <button type="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t('points.notice.prev')}</button>
                <span>{page} / {pages}</span>
                <button type="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>{t('points.notice.next')}</button>
              </nav>
            )}
            <section aria-label={t('points.notice.corrections')}>
              <h2 className="pub-h2">{t('points.notice.corrections')}</h2>
              {notice.corrections.length === 0 && <p className="pub-muted">{t('points.notice.noCorrections')}</p>}
              <ul className="pub-corrections">
                {notice.corrections.map((c, i) => (
                  <li key={i}>
                    <span className={c.points < 0 ? 'minus' : 'plus'}>{signed(c.points)}</span> {c.label} · {c.item
                      ? t('points.notice.reasonWithItem', { reason: t(`points.notice.reason.${c.reason}`), item: c.item })
                      : t(`points.notice.reason.${c.reason}`)} <span className="pub-muted">{formatDateTime(c.at)}</span>
                  </li>
                ))}
              </ul>
            </section>
            <footer className="pub-footer">
              <p>{t('points.notice.howToObject')}</p>
              <p className="pub-url">{t('points.notice.url')}<span>{url}</span></p>
            </footer>
          </>
        )}
      </main>
    </div>
  );
}
