import './public.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../components/format.js';
import { readInt } from '../../components/use-paged.js';
import { useLoad } from '../../components/use-load.js';
import * as points from '../../services/points-api.js';

/** The published monthly notices, newest first; `?orgId=` narrows them to a street or community. */
export default function PublicPointsNoticesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const page = readInt(params, 'page', 1);
  const { data, error } = useLoad(`${orgId}|${page}`, () => points.listNotices({ orgId, page }), t('error.unknown'));
  const items = data?.items ?? null;
  const total = data?.total ?? 0;

  useEffect(() => {
    document.title = t('points.notice.docTitle');
  }, [t]);

  const go = (p: number) => setParams((q) => { const n = new URLSearchParams(q); n.set('page', String(p)); return n; });

  return (
    <div className="pub-shell">
      <header className="pub-header">
        <span className="app-brand-mark">{t('app.mark')}</span>
        <span className="pub-brand">{t('points.notice.brand')}</span>
      </header>
      <main className="pub-main">
        <h1 className="pub-title">{t('points.notice.listTitle')}</h1>
        {error && <div className="pub-error" role="alert">{error}</div>}
        {!items && !error && <div className="pub-muted">{t('common.loading')}</div>}
        {items?.length === 0 && <p className="pub-muted">{t('points.notice.none')}</p>}
        <ul className="pub-list">
          {items?.map((n) => (
            <li key={`${n.communityId}-${n.month}`}>
              <Link to={points.noticePath(n.communityId, n.month)}>
                <span className="pub-list-title">{t('points.notice.title', { community: n.communityName, month: n.month })}</span>
                <span className="pub-muted">{t('points.notice.published', { at: formatDateTime(n.publishedAt) })}</span>
              </Link>
            </li>
          ))}
        </ul>
        {total > 20 && (
          <nav className="pub-pager" aria-label={t('points.notice.pager')}>
            <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>{t('points.notice.prev')}</button>
            <span>{page} / {Math.ceil(total / 20)}</span>
            <button type="button" disabled={page * 20 >= total} onClick={() => go(page + 1)}>{t('points.notice.next')}</button>
          </nav>
        )}
      </main>
    </div>
  );
}
