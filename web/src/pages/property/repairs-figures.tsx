import { useMemo } from 'react';
import { Alert, Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/echart.js';
import { formatNumber } from '../../components/format.js';
import { OrgTreeSelect } from '../../components/org-tree-select.js';
import { PageHeader } from '../../components/page-header.js';
import { useLoad } from '../../components/use-load.js';
import { readInt, useUrlState } from '../../components/use-paged.js';
import * as api from '../../services/property-repairs-api.js';

const COUNTS = ['lifts', 'sheds', 'chargingPorts', 'wallM2', 'households', 'amount'] as const;

/** 维修成效: lifts, e-bike sheds, charging ports, m² of walls, households and amounts of accepted repairs, by place and by month. */
export default function PropertyRepairFiguresPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const orgId = readInt(params, 'orgId', 0) || undefined;
  const from = params.get('from') || undefined;
  const to = params.get('to') || undefined;
  const { data: f, error, loading } = useLoad(`${orgId}|${from}|${to}`, () => api.getFigures({ orgId, from, to }), t('error.unknown'));
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { data: [t('propertyRepairs.figures.lifts'), t('propertyRepairs.figures.sheds'), t('propertyRepairs.figures.repairs')] },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: (f?.byMonth ?? []).map((m) => m.month) },
    yAxis: { type: 'value' },
    series: [
      { name: t('propertyRepairs.figures.lifts'), type: 'bar', data: (f?.byMonth ?? []).map((m) => m.lifts) },
      { name: t('propertyRepairs.figures.sheds'), type: 'bar', data: (f?.byMonth ?? []).map((m) => m.sheds) },
      { name: t('propertyRepairs.figures.repairs'), type: 'bar', data: (f?.byMonth ?? []).map((m) => m.repairs) },
    ],
  }), [f, t]);

  return (
    <div>
      <PageHeader
        title={t('nav.propertyRepairFigures')}
        description={f ? t('propertyRepairs.figures.description', { place: f.orgName }) : undefined}
        extra={(
          <Space wrap>
            <OrgTreeSelect aria-label={t('propertyRepairs.figures.place')} placeholder={t('propertyRepairs.figures.place')} style={{ width: 220 }} value={orgId} onChange={(id) => update({ orgId: id })} />
            <DatePicker.RangePicker picker="month" aria-label={t('propertyRepairs.figures.months')} value={from && to ? [dayjs(from), dayjs(to)] : null}
              onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM'), to: v?.[1]?.format('YYYY-MM') })} />
          </Space>
        )}
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Row gutter={[12, 12]} className="rates-card">
        {COUNTS.map((k) => (
          <Col key={k} xs={12} md={4}>
            <Card size="small" loading={loading}>
              <Statistic title={t(`propertyRepairs.figures.${k}`)} value={f?.totals[k] ?? 0} data-testid={`repair-figure-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('propertyRepairs.figures.byMonth')} className="rates-card">
        <EChart option={option} height={280} ariaLabel={t('propertyRepairs.figures.byMonth')} testId="repair-figures-chart" />
      </Card>
      <Card size="small" title={t('propertyRepairs.figures.byPlace')}>
        <Table
          rowKey="orgId" size="small" pagination={false} loading={loading} dataSource={f?.byPlace ?? []}
          columns={[
            { title: t('propertyRepairs.figures.place'), dataIndex: 'name' },
            { title: t('propertyRepairs.figures.repairs'), dataIndex: 'repairs', align: 'right' },
            ...COUNTS.map((k) => ({ title: t(`propertyRepairs.figures.${k}`), dataIndex: k, align: 'right' as const, render: formatNumber })),
          ]}
        />
      </Card>
    </div>
  );
}
