import './visit.css';
import { useCallback, useEffect, useState } from 'react';
import { Button, DotLoading, ErrorBlock } from 'antd-mobile';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import { listMyVisits, type VisitItem } from '../../services/visits-api.js';

const PAGE_SIZE = 10;
const shortAddress = (a: string) => a.replace(/^.*?社区\s*/, '') || a;

/** 我的走访记录: the grid worker's own visits, newest first, ten at a time. */
export default function VisitHistoryPage() {
  const { t } = useTranslation();
  const [items, setItems] = useState<VisitItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback((p: number) => {
    setLoading(true);
    listMyVisits(p, PAGE_SIZE).then(
      (r) => {
        setItems((prev) => (p === 1 ? r.items : [...(prev ?? []), ...r.items]));
        setTotal(r.total);
        setPage(p);
        setError(null);
      },
      (e) => setError(errorMessage(e, t('error.unknown'))),
    ).finally(() => setLoading(false));
  }, [t]);
  useEffect(() => load(1), [load]);

  return (
    <div className="m-page">
      <div className="m-visit-top">
        <Link className="m-link m-visit-history-link" to="/m/visit">{t('mobile.visit.back')}</Link>
      </div>
      <h2 className="m-section-title">{t('mobile.visit.historyTitle')}</h2>
      {error && <div className="m-error" role="alert">{error}</div>}
      {!items && !error && <div className="m-center"><DotLoading color="primary" /></div>}
      {items?.length === 0 && <ErrorBlock status="empty" title={t('mobile.visit.historyEmpty')} description="" />}
      {items && items.length > 0 && <div className="m-muted m-small">{t('mobile.visit.historyTotal', { count: total })}</div>}
      <ul className="m-visit-list" aria-label={t('mobile.visit.historyTitle')}>
        {items?.map((v) => (
          <li key={v.id} className="m-visit-item" data-testid="visit-item">
            <div className="m-visit-item-head">
              <span>{dayjs(v.visitedAt).format('YYYY-MM-DD HH:mm')}</span>
              <span className={`m-visit-outcome ${v.outcome}`}>{t(`mobile.visit.outcome.${v.outcome}`)}</span>
            </div>
            <div className="m-visit-item-place">{shortAddress(v.place)}</div>
            {v.note && <div>{v.note}</div>}
            {v.demandId && (
              <Link className="m-link" to={`/m/demands/${v.demandId}`}>
                {t('mobile.visit.viewDemand', { id: v.demandId })}{v.categoryName ? ` · ${v.categoryName}` : ''}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {items && items.length < total && (
        <Button block size="large" loading={loading} onClick={() => load(page + 1)}>{t('mobile.visit.more')}</Button>
      )}
    </div>
  );
}
