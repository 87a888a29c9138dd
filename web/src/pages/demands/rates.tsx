import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import { ArrowUpOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../components/auth-provider.js';
import { formatRate } from '../../components/demand-labels.js';
import { EChart } from '../../components/echart.js';
import { orgKindLabel } from '../../components/labels.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/api.js';
import type { DemandRates, Rate } from '../../services/types.js';
import { VisitCountsCard } from './components/visit-counts-card.js';

const RATE_KEYS = ['responseRate', 'onSpotRate', 'resolutionRate', 'satisfactionRate'] as const;
const RATE_COLORS = ['#1677ff', '#13c2c2', '#52c41a', '#c8161d'];
type ChildRow = DemandRates['children'][number];

/** 响应率、就地解决率、解决率、满意率 for a unit, its children (click to drill down) and the departments. */
export default function DemandRatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { params, update: set } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  // The drill-down trail, so "up one level" returns where the reader came from.
  const [trail, setTrail] = useState<{ id: number | undefined; name: string }[]>([]);


  const { data, loading, error } = useLoad(`${orgId}|${from}|${to}`, () => api.getDemandRates({ orgId, from, to }), t('error.unknown'));
  const rates = data ?? undefined;

  const drill = (c: ChildRow) => {
    if (!rates || ['unit', 'building'].includes(c.kind)) return;
    setTrail((tr) => [...tr, { id: orgId, name: rates.unit.name }]);
    set({ orgId: c.id });
  };
  const up = () => {
    const last = trail[trail.length - 1];
    setTrail((tr) => tr.slice(0, -1));
    set({ orgId: last?.id });
  };

  const option = useMemo(() => (rates ? chartOption(rates, (k) => t(`demands.rates.${k}`)) : null), [rates, t]);
  const range: [Dayjs, Dayjs] | null = from && to ? [dayjs(from), dayjs(to)] : null;

  return (
    <div>
      <PageHeader
        title={t('nav.demandRates')}
        description={t('demands.rates.description')}
        extra={
          <Space wrap>
            {orgId && orgId !== me.scope.orgId && (
              <Button icon={<ArrowUpOutlined />} onClick={up}>{t('demands.rates.up')}</Button>
            )}
            <DatePicker.RangePicker
              aria-label={t('demands.rates.period')}
              value={range}
              onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            />
          </Space>
        }
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {rates && (
        <Typography.Paragraph type="secondary" data-testid="rates-unit">
          {t('demands.rates.unit', { name: `${rates.unit.name}（${orgKindLabel(t, rates.unit.kind)}）` })} · {dayjs(rates.from).format('YYYY-MM-DD')} ~ {dayjs(rates.to).subtract(1, 'ms').format('YYYY-MM-DD')}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]} className="rates-kpis" role="region" aria-label={t('demands.rates.unit', { name: rates?.unit.name ?? '' })}>
        <Kpi label={t('demands.rates.received')} value={rates?.total.received} loading={loading} testId="kpi-received" />
        {RATE_KEYS.map((k) => (
          <Kpi key={k} label={t(`demands.rates.${k}`)} value={rates ? formatRate(rates.total[k]) : undefined} loading={loading} testId={`kpi-${k}`} />
        ))}
        <Kpi label={t('demands.rates.overdue')} value={rates?.total.overdue} loading={loading} danger={!!rates?.total.overdue} testId="kpi-overdue" />
        <Kpi
          label={t('demands.rates.avgHoursToClose')}
          value={rates?.total.avgHoursToClose ?? '-'}
          suffix={rates?.total.avgHoursToClose != null ? t('demands.rates.hours') : undefined}
          loading={loading}
          testId="kpi-hours"
        />
      </Row>
      <Card title={t('demands.rates.children')} extra={<Typography.Text type="secondary">{t('demands.rates.childrenHint')}</Typography.Text>} className="rates-card">
        {rates && rates.children.length > 0 && option && (
          <EChart
            option={option}
            resetKey={rates.unit.id}
            height={320}
            ariaLabel={t('demands.rates.chartLabel', { name: rates.unit.name })}
            onClick={(e) => {
              const c = rates.children[e.dataIndex];
              if (c) drill(c);
            }}
          />
        )}
        <Table<ChildRow>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={rates?.children ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('demands.rates.noChildren') }}
          columns={[
            {
              title: t('demands.rates.col.name'),
              dataIndex: 'name',
              fixed: 'left',
              render: (name: string, c) => (
                <Button type="link" className="link-button" onClick={() => drill(c)} disabled={['unit', 'building'].includes(c.kind)}>
                  {name}
                </Button>
              ),
            },
            { title: t('demands.rates.received'), dataIndex: 'received', align: 'right' },
            ...RATE_KEYS.map((k) => ({ title: t(`demands.rates.${k}`), dataIndex: k, align: 'right' as const, render: formatRate })),
            {
              title: t('demands.rates.overdue'),
              dataIndex: 'overdue',
              align: 'right',
              render: (n: number) => <Typography.Text type={n ? 'danger' : undefined}>{n}</Typography.Text>,
            },
            {
              title: t('demands.rates.avgHoursToClose'),
              dataIndex: 'avgHoursToClose',
              align: 'right',
              render: (h: number | null) => (h == null ? '-' : `${h} ${t('demands.rates.hours')}`),
            },
          ]}
        />
      </Card>
      <Card title={t('demands.rates.departments')} className="rates-card">
        <Table
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={rates?.departments ?? []}
          pagination={false}
          columns={[
            { title: t('demands.rates.col.name'), dataIndex: 'name' },
            { title: t('demands.rates.col.dispatched'), dataIndex: 'dispatched', align: 'right' },
            { title: t('demands.rates.col.reportRate'), dataIndex: 'reportRate', align: 'right', render: formatRate },
            { title: t('demands.rates.col.resolutionRate'), dataIndex: 'resolutionRate', align: 'right', render: formatRate },
            {
              title: t('demands.rates.col.returned'),
              dataIndex: 'returned',
              align: 'right',
              render: (n: number) => <Typography.Text type={n ? 'warning' : undefined}>{n}</Typography.Text>,
            },
          ]}
        />
      </Card>
      <VisitCountsCard orgId={orgId} />
    </div>
  );
}

function Kpi({ label, value, suffix, loading, danger, testId }: {
  label: string; value: string | number | undefined; suffix?: string; loading: boolean; danger?: boolean; testId: string;
}) {
  return (
    <Col flex="1 1 150px">
      <Card size="small" className="kpi-card" data-testid={testId}>
        <Statistic title={label} value={value ?? '-'} suffix={suffix} loading={loading && value === undefined} styles={{ content: danger ? { color: '#cf1322' } : undefined }} />
      </Card>
    </Col>
  );
}

/** `name` is the series label of a rate, translated by the caller. */
function chartOption(rates: DemandRates, name: (k: (typeof RATE_KEYS)[number]) => string) {
  const pct = (r: number | null) => (r == null ? null : Math.round(r * 1000) / 10);
  return {
    color: RATE_COLORS,
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '-' : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: rates.children.length > 8 ? 64 : 32 },
    xAxis: { type: 'category', data: rates.children.map((c) => c.name), axisLabel: { interval: 0, rotate: rates.children.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: RATE_KEYS.map((k) => ({
      name: name(k),
      type: 'bar',
      barMaxWidth: 18,
      data: rates.children.map((c: Rate) => pct(c[k])),
    })),
  };
}
