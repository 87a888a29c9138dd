import { useEffect, useState } from 'react';
import { Button, DotLoading, ErrorBlock, PullToRefresh } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/api.js';
import type { Demand } from '../../services/types.js';
import { DemandCard } from './components/demand-card.js';
import { useOffline } from './offline.js';

/** 我的诉求: the resident's own reports, newest first. */
export default function MyDemandsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { items: queued } = useOffline();
  const [items, setItems] = useState<Demand[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    api.listDemands({ page: 1, pageSize: 20 }).then(
      (r) => {
        setItems(r.items);
        setError(null);
      },
      (e) => setError(errorMessage(e, t('error.unknown'))),
    );
  // A queued report that just went out shows up here.
  useEffect(() => void load(), [queued.length]);

  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        {queued.length > 0 && <div className="m-queued">{t('mobile.report.queued', { count: queued.length })}</div>}
        {error && <div className="m-error" role="alert">{error}</div>}
        {!items && !error && <div className="m-center"><DotLoading color="primary" /></div>}
        {items?.length === 0 && (
          <ErrorBlock status="empty" title={t('mobile.demands.empty')} description="">
            <Button color="primary" size="large" onClick={() => navigate('/m/report')}>{t('mobile.demands.goReport')}</Button>
          </ErrorBlock>
        )}
        {items?.map((d) => <DemandCard key={d.id} demand={d} onClick={() => navigate(`/m/demands/${d.id}`)} />)}
      </div>
    </PullToRefresh>
  );
}
