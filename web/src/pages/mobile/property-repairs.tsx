import { useEffect, useState } from 'react';
import { Card, DotLoading, ErrorBlock, Image, PullToRefresh, Space, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format.js';
import { errorMessage } from '../../components/form-errors.js';
import * as api from '../../services/property-repairs-api.js';
import type { ResidentRepairs } from '../../services/property-repairs-api.js';

const COLOR = {
  draft: 'default', applied: 'warning', approved: 'primary', rejected: 'danger', in_progress: 'primary', done: 'success', accepted: 'success', published: 'success',
} as const;

/** 小区维修公示: the repairs of the resident's own compound — what, how much, where it stands, photos of the finished work. */
export default function PropertyRepairsPage() {
  const { t } = useTranslation();
  const [data, setData] = useState<ResidentRepairs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => api.myRepairs().then((r) => { setData(r); setError(null); }, (e) => setError(errorMessage(e, t('error.unknown'))));
  useEffect(() => void load(), []);

  return (
    <PullToRefresh onRefresh={load}>
      <div className="m-page">
        {error && <div className="m-error" role="alert">{error}</div>}
        {!data && !error && <div className="m-center"><DotLoading color="primary" /></div>}
        {data && <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{data.compoundName ? t('propertyRepairs.m.title', { compound: data.compoundName }) : t('propertyRepairs.m.noCompound')}</h2>}
        {data?.items.length === 0 && <ErrorBlock status="empty" title={t('propertyRepairs.m.empty')} description="" />}
        {data?.items.map((r) => (
          <Card key={r.id} style={{ marginBottom: 12 }} data-testid={`resident-repair-${r.id}`}
            title={<span style={{ fontSize: 18 }}>{r.title}</span>}
            extra={<Tag color={COLOR[r.status]} fill="outline" style={{ fontSize: 15 }}>{t(`propertyRepairs.status.${r.status}`)}</Tag>}>
            <div style={{ fontSize: 16, lineHeight: 1.7 }}>
              <div>
                {t(`propertyRepairs.kind.${r.kind}`)}
                {r.urgent && <Tag color="danger" style={{ marginLeft: 8 }}>{t('propertyRepairs.urgent')}</Tag>}
              </div>
              <div>{r.description}</div>
              <div>{r.finalAmount != null ? t('propertyRepairs.m.final', { amount: r.finalAmount.toLocaleString() }) : t('propertyRepairs.m.budget', { amount: r.budget.toLocaleString() })}</div>
              <div>{t('propertyRepairs.m.households', { n: r.households })}</div>
              {r.publishedAt && <div>{t('propertyRepairs.m.publishedAt', { date: formatDate(r.publishedAt) })}</div>}
              {!r.publishedAt && r.appliedAt && <div>{t('propertyRepairs.m.appliedAt', { date: formatDate(r.appliedAt) })}</div>}
              {r.photos.length > 0 && (
                <Space wrap style={{ marginTop: 8 }}>
                  {r.photos.map((p) => <Image key={p.id} src={p.url} width={80} height={80} fit="cover" alt={t('propertyRepairs.photo', { id: p.id })} />)}
                </Space>
              )}
            </div>
          </Card>
        ))}
      </div>
    </PullToRefresh>
  );
}
