import { useMemo } from 'react';
import { Alert, Card, DatePicker, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/echart.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/supervision-api.js';

/** Counts per county and department over time: found (handed over), rectified, overdue, average days to close. */
export default function SupervisionFiguresPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const from = params.get('from') || undefined;
  const to = params.get('to') || undefined;
  const { data: f, error, loading } = useLoad(`${from}|${to}`, () => api.getFigures({ from, to }), t('error.unknown'));
  const series = ['found', 'rectified', 'overdue'] as const;
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { data: series.map((k) => t(`supervision.figures.${k}`)) },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: (f?.months ?? []).map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((k) => ({ name: t(`supervision.figures.${k}`), type: k === 'found' ? 'bar' : 'line', data: (f?.months ?? []).map((m) => m[k]) })),
  }), [f, t]);
  return (
    <div>
      <PageHeader title={t('nav.supervisionFigures')} description={t('supervision.figures.description')}
        extra={<DatePicker.RangePicker picker="month" aria-label={t('supervision.figures.months')} value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM'), to: v?.[1]?.format('YYYY-MM') })} />} />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Card size="small" title={t('supervision.figures.byMonth')} className="rates-card">
        <EChart option={option} height={280} ariaLabel={t('supervision.figures.byMonth')} testId="supervision-figures-chart" />
      </Card>
      <Card size="small" title={t('supervision.figures.byReceiver')}>
        <Table rowKey={(r) => `${r.kind}:${r.id}`} size="small" pagination={false} loading={loading} dataSource={f?.receivers ?? []}
          columns={[
            { title: t('supervision.problems.receiver'), dataIndex: 'name' },
            { title: t('supervision.figures.kind'), dataIndex: 'kind', render: (k: 'county' | 'department') => t(`supervision.handOver.${k}`) },
            ...series.map((k) => ({ title: t(`supervision.figures.${k}`), dataIndex: k, align: 'right' as const })),
            { title: t('supervision.figures.averageDays'), dataIndex: 'averageDays', align: 'right' as const, render: (v: number | null) => v ?? '—' },
          ]} />
      </Card>
    </div>
  );
}
