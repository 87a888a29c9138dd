import { useMemo } from 'react';
import { Alert, Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import { LineChart } from 'echarts/charts';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EChart, echarts } from '../../components/echart.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as points from '../../services/points-api.js';
import type { PointsStats } from '../../services/points-api.js';

// The shared chart component registers bars and maps; the monthly trend needs lines too.
echarts.use([LineChart]);

const SERIES = ['issued', 'deducted', 'redeemed'] as const;
const COLORS = ['#52c41a', '#c8161d', '#1677ff'];

/** 积分图表: points issued, deducted and redeemed per month, and per child unit. */
export default function PointsStatsPage() {
  const { t } = useTranslation();
  const { params, update: set } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const from = params.get('from') ?? dayjs().subtract(11, 'month').format('YYYY-MM');
  const to = params.get('to') ?? dayjs().format('YYYY-MM');


  const { data, loading, error } = useLoad(`${orgId}|${from}|${to}`, () => points.getStats({ orgId, from, to }), t('error.unknown'));
  const stats = data ?? undefined;
  const totals = useMemo(() => SERIES.map((k) => stats?.months.reduce((s, m) => s + m[k], 0)), [stats]);
  const labels: Labels = useMemo(() => ({ issued: t('points.stats.issued'), deducted: t('points.stats.deducted'), redeemed: t('points.stats.redeemed') }), [t]);
  const trend = useMemo(() => (stats ? trendOption(stats, labels) : null), [stats, labels]);
  const bars = useMemo(() => (stats ? childrenOption(stats, labels) : null), [stats, labels]);
  const range: [Dayjs, Dayjs] = [dayjs(`${from}-01`), dayjs(`${to}-01`)];

  return (
    <div>
      <PageHeader
        title={t('nav.pointsStats')}
        description={t('points.stats.description')}
        extra={
          <Space wrap>
            <OrgTreeSelect aria-label={t('points.stats.org')} placeholder={t('points.stats.org')} style={{ width: 240 }} value={orgId} onChange={(id) => set({ orgId: id })} />
            <DatePicker.RangePicker
              picker="month"
              aria-label={t('points.stats.period')}
              value={range}
              allowClear={false}
              onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM'), to: v?.[1]?.format('YYYY-MM') })}
            />
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Row gutter={[16, 16]} className="rates-kpis">
        {SERIES.map((k, i) => (
          <Col key={k} flex="1 1 180px">
            <Card size="small" className="kpi-card" data-testid={`points-kpi-${k}`}>
              <Statistic title={labels[k]} value={totals[i] ?? '-'} loading={loading && !stats} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('points.stats.trend')} className="rates-card">
        {trend && <EChart option={trend} height={320} resetKey={`${orgId}|${from}|${to}`} ariaLabel={t('points.stats.trendLabel')} testId="points-trend" />}
      </Card>
      <Card title={t('points.stats.children')} className="rates-card">
        {bars && stats && stats.children.length > 0 && <EChart option={bars} height={320} resetKey={`${orgId}`} ariaLabel={t('points.stats.childrenLabel')} />}
        <Table
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={stats?.children ?? []}
          pagination={false}
          locale={{ emptyText: t('points.stats.noChildren') }}
          columns={[
            { title: t('points.stats.col.name'), dataIndex: 'name' },
            ...SERIES.map((k) => ({ title: labels[k], dataIndex: k, align: 'right' as const })),
          ]}
        />
      </Card>
    </div>
  );
}

type Labels = Record<(typeof SERIES)[number], string>;

function trendOption(stats: PointsStats, labels: Labels) {
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: stats.months.map((m) => m.month) },
    yAxis: { type: 'value' },
    series: SERIES.map((k) => ({ name: labels[k], type: 'line', data: stats.months.map((m) => m[k]) })),
  };
}

function childrenOption(stats: PointsStats, labels: Labels) {
  const many = stats.children.length > 8;
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: many ? 64 : 32 },
    xAxis: { type: 'category', data: stats.children.map((c) => c.name), axisLabel: { interval: 0, rotate: many ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: SERIES.map((k) => ({ name: labels[k], type: 'bar', barMaxWidth: 18, data: stats.children.map((c) => c[k]) })),
  };
}
